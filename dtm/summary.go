package dtm

import (
	"math"
	"time"
)

// ParamSummary is one parameter's kept draws (their median and band)
// beside its prior. The kept draws are not an ABC posterior (Calibration).
type ParamSummary struct {
	Param
	Median, Lo, Hi float64 // of the accepted draws; Lo and Hi hold Options.Band of them
}

// Posterior summarises the accepted draws, parameter by parameter, as
// posterior.csv holds them: the name is older than the reading that they
// are no ABC posterior (Calibration).
func (st *Study) Posterior() []ParamSummary {
	cal := st.Calibration
	out := make([]ParamSummary, len(Params))
	for i, p := range Params {
		vals := make([]float64, len(cal.Accepted))
		for k, a := range cal.Accepted {
			vals[k] = cal.Points[a][i]
		}
		b := st.band(vals)
		out[i] = ParamSummary{Param: p, Median: b.Median, Lo: b.Lo, Hi: b.Hi}
	}
	return out
}

// Month is one calendar month of the run.
type Month struct {
	Start       time.Time
	First, Last int // days of the run
}

// Months lists the calendar months the run covers, each cut to the run.
func (st *Study) Months() []Month { return months(st.Start, st.Days) }

// months are the calendar months a run of days from start covers, each
// cut to the run.
func months(start time.Time, days int) []Month {
	var out []Month
	for m := time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC); ; m = m.AddDate(0, 1, 0) {
		first := max(dayOf(start, m), 0)
		last := min(dayOf(start, m.AddDate(0, 1, -1)), days-1)
		if first > days-1 {
			return out
		}
		out = append(out, Month{Start: m, First: first, Last: last})
	}
}

// MonthBand is regime g's count in direction d over month m, in people,
// across the forward runs.
func (st *Study) MonthBand(g int, d Direction, m Month) Band {
	r := Row{First: m.First, Last: m.Last, Direction: d}
	return st.rowBand(g, r)
}

// Measure is one harm the prediction reports after the change.
type Measure struct {
	Name, Unit, Doc string
	Of              func(Harms) float64
}

// Measures are the harms reported, in order.
var Measures = []Measure{
	{"trapped_person_days", "person-days", "days spent trapped away from home: blocked at a place on the way, unable to pay a smuggler or, with migrants.seatless_trapped, turned away by one with no seat left (docs/MODEL.md, 7.7)", func(h Harms) float64 { return h.TrappedPersonDays }},
	{"stranded_person_days", "person-days", "days spent stranded at home: blocked at the origin while still wanting to leave", func(h Harms) float64 { return h.StrandedPersonDays }},
	{"centre_person_days", "person-days", "days spent in a centre", func(h Harms) float64 { return h.CentrePersonDays }},
	{"trapped_at_end", "people", "people trapped on the last day of the run", func(h Harms) float64 { return h.TrappedAtEnd }},
	{"stranded_at_end", "people", "people stranded at home on the last day of the run", func(h Harms) float64 { return h.StrandedAtEnd }},
	{"abuse_events", "events", "abuse events, by smugglers and officials", func(h Harms) float64 { return h.Abuse }},
	{"abuse_by_smugglers", "events", "abuse events by smugglers", func(h Harms) float64 { return h.AbuseBySmugglers }},
	{"abuse_by_officials", "events", "abuse events by officials", func(h Harms) float64 { return h.AbuseByOfficials }},
	{"desert_deaths", "deaths", "deaths on the desert links of the country of the points (north of 16° N)", func(h Harms) float64 { return h.DesertDeaths }},
	{"deaths", "deaths", "deaths anywhere in the region", func(h Harms) float64 { return h.Deaths }},
	{"smuggled", "people", "people who boarded a smuggler's vehicle", func(h Harms) float64 { return h.Boarded }},
	{"arrivals", "people", "people who reached their destination, abroad or back home", func(h Harms) float64 { return h.Arrivals }},
}

// HarmBand is one measure under one regime: its band across the runs,
// and the band of its difference from the regime that happened, run by
// run (the same draw and replicate: common random numbers).
type HarmBand struct {
	Regime  string
	Measure Measure
	Value   Band
	Diff    Band // NaN for the regime that happened itself
}

// Harms summarises every measure under every regime.
func (st *Study) Harms() []HarmBand {
	pred := st.Prediction
	ref := st.regimeIndex(st.Options.Regime)
	var out []HarmBand
	for g, name := range pred.Regimes {
		for _, m := range Measures {
			runs := pred.Runs[g]
			vals := make([]float64, len(runs))
			diffs := make([]float64, len(runs))
			for k, fw := range runs {
				vals[k] = m.Of(fw.Harms)
				diffs[k] = vals[k] - m.Of(pred.Runs[ref][k].Harms)
			}
			hb := HarmBand{Regime: name, Measure: m, Value: st.band(vals), Diff: Band{math.NaN(), math.NaN(), math.NaN()}}
			if g != ref {
				hb.Diff = st.band(diffs)
			}
			out = append(out, hb)
		}
	}
	return out
}

// DesertDeathsBetween is regime g's deaths in the desert over days
// [first, last], across the runs.
func (st *Study) DesertDeathsBetween(g, first, last int) Band {
	runs := st.Prediction.Runs[g]
	vals := make([]float64, len(runs))
	for k, fw := range runs {
		for d := max(first, 0); d <= min(last, st.Days-1); d++ {
			vals[k] += fw.Desert[d]
		}
	}
	return st.band(vals)
}
