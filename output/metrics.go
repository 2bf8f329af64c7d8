package output

import (
	"github.com/borderwork/borderwork/sim"
)

// DayColumn is one metric of timeseries.csv, read off a day's record.
type DayColumn struct {
	Name string
	Doc  string
	Get  func(r *sim.DayRecord) float64
}

// DayColumns are the metric columns of timeseries.csv, in order.
var DayColumns = func() []DayColumn {
	var cols []DayColumn
	for s := range sim.NumStates {
		cols = append(cols, DayColumn{s.String(), stateDoc[s],
			func(r *sim.DayRecord) float64 { return float64(r.States[s]) }})
	}
	cols = append(cols, DayColumn{"created", "migrants created so far", func(r *sim.DayRecord) float64 { return float64(r.Created) }})
	for k := range sim.NumAbuseKinds {
		for p := range sim.NumPerpetrators {
			cols = append(cols, DayColumn{"abuse_" + k.String() + "_" + p.String(),
				"cumulative " + k.String() + " events by " + p.String() + "s",
				func(r *sim.DayRecord) float64 { return float64(r.Abuse[k][p]) }})
		}
	}
	cols = append(cols,
		DayColumn{"abuse_events", "cumulative abuse events of every kind", func(r *sim.DayRecord) float64 { return float64(r.AbuseEvents()) }},
		DayColumn{"abused_migrants", "migrants abused at least once so far", func(r *sim.DayRecord) float64 { return float64(r.AbusedMigrants) }},
		DayColumn{"abuse_vulnerable", "cumulative abuse events suffered by vulnerable migrants", func(r *sim.DayRecord) float64 { return float64(r.AbuseVulnerable) }},
		DayColumn{"trapped_person_days", "cumulative sum over days of the trapped count", func(r *sim.DayRecord) float64 { return float64(r.TrappedPersonDays) }},
		DayColumn{"active_smugglers", "smugglers in business", func(r *sim.DayRecord) float64 { return float64(r.ActiveSmugglers) }},
		DayColumn{"mean_price", "mean smuggling price over markets with smugglers, USD (0 if none)", func(r *sim.DayRecord) float64 { return r.MeanPrice }},
		DayColumn{"mean_transit_days", "mean days since creation of migrants not yet arrived, returned, stayed or dead (including those still waiting at home)", func(r *sim.DayRecord) float64 { return r.MeanTransitDays }},
		DayColumn{"queued", "migrants in posts' queues", func(r *sim.DayRecord) float64 { return float64(r.Queued) }},
		DayColumn{"posts_failing", "posts failing that day", func(r *sim.DayRecord) float64 { return float64(r.PostsFailing) }},
		DayColumn{"post_arrivals", "cumulative migrants who joined a post's queue", func(r *sim.DayRecord) float64 { return float64(r.PostArrivals) }},
		DayColumn{"admitted", "cumulative admissions at posts", func(r *sim.DayRecord) float64 { return float64(r.Admitted) }},
		DayColumn{"refused", "cumulative refusals at posts", func(r *sim.DayRecord) float64 { return float64(r.Refused) }},
		DayColumn{"referrals", "cumulative migrants sent by screening to a centre or the protection channel, or taken to a centre by assistance", func(r *sim.DayRecord) float64 { return float64(r.Referrals) }},
		DayColumn{"evacuated", "cumulative migrants evacuated from centres to their destination (also counted as arrived)", func(r *sim.DayRecord) float64 { return float64(r.Evacuated) }},
		DayColumn{"interceptions", "cumulative interceptions on irregular paths", func(r *sim.DayRecord) float64 { return float64(r.Interceptions) }},
		DayColumn{"boarded", "cumulative migrants who boarded a smuggler's vehicle", func(r *sim.DayRecord) float64 { return float64(r.Boarded) }},
	)
	return cols
}()

var stateDoc = [sim.NumStates]string{
	"migrants on a road, or walking an irregular path alone, at the end of the day",
	"migrants waiting at a location (in a queue, at a hub, at home, or held) and not trapped, at the end of the day",
	"migrants trapped (the trapped rule of docs/MODEL.md) at the end of the day",
	"migrants on an irregular path with a smuggler at the end of the day",
	"migrants sheltered in a centre at the end of the day",
	"migrants arrived at their destination by the end of the day",
	"migrants returned home after setting out, by the end of the day",
	"migrants who gave up at home without ever leaving it, by the end of the day",
	"migrants dead by the end of the day",
}

// Total is one per-run total of summary.csv.
type Total struct {
	Name string
	Doc  string
	Of   func(days []sim.DayRecord) float64
}

func final(days []sim.DayRecord) *sim.DayRecord { return &days[len(days)-1] }

func peak(days []sim.DayRecord, f func(*sim.DayRecord) float64) float64 {
	m := 0.0
	for i := range days {
		m = max(m, f(&days[i]))
	}
	return m
}

// Totals are the metric columns of summary.csv and the metrics of
// stats.csv, in order.
var Totals = []Total{
	{"trapped_person_days", "sum over days of migrants trapped", func(d []sim.DayRecord) float64 { return float64(final(d).TrappedPersonDays) }},
	{"peak_trapped", "most migrants trapped on any day", func(d []sim.DayRecord) float64 {
		return peak(d, func(r *sim.DayRecord) float64 { return float64(r.States[sim.Trapped]) })
	}},
	{"abuse_events", "abuse events of every kind", func(d []sim.DayRecord) float64 { return float64(final(d).AbuseEvents()) }},
	{"abuse_by_smugglers", "abuse events by smugglers", func(d []sim.DayRecord) float64 { return float64(final(d).AbuseBy(sim.BySmuggler)) }},
	{"abuse_by_officials", "abuse events by officials", func(d []sim.DayRecord) float64 { return float64(final(d).AbuseBy(sim.ByOfficial)) }},
	{"extortion_by_smugglers", "extortion events by smugglers", abuseOf(sim.Extortion, sim.BySmuggler)},
	{"extortion_by_officials", "extortion events by officials (bribes demanded at posts)", abuseOf(sim.Extortion, sim.ByOfficial)},
	{"violence_by_smugglers", "violence by smugglers", abuseOf(sim.Violence, sim.BySmuggler)},
	{"violence_by_officials", "violence by officials", abuseOf(sim.Violence, sim.ByOfficial)},
	{"abandonment_by_smugglers", "migrants abandoned en route by smugglers", abuseOf(sim.Abandonment, sim.BySmuggler)},
	{"kidnap_by_smugglers", "kidnaps for ransom by smugglers", abuseOf(sim.Kidnap, sim.BySmuggler)},
	{"abused_migrants", "migrants abused at least once", func(d []sim.DayRecord) float64 { return float64(final(d).AbusedMigrants) }},
	{"abuse_vulnerable", "abuse events suffered by vulnerable migrants", func(d []sim.DayRecord) float64 { return float64(final(d).AbuseVulnerable) }},
	{"deaths", "migrants dead by the last day", stateAtEnd(sim.Dead)},
	{"arrivals", "migrants arrived by the last day", stateAtEnd(sim.Arrived)},
	{"returns", "migrants returned home after setting out, by the last day", stateAtEnd(sim.Returned)},
	{"stayed", "migrants who gave up at home without leaving, by the last day", stateAtEnd(sim.Stayed)},
	{"still_trapped", "migrants trapped on the last day", stateAtEnd(sim.Trapped)},
	{"still_in_transit", "migrants not arrived, returned, stayed or dead on the last day (including those waiting at home)", func(d []sim.DayRecord) float64 {
		f := final(d)
		return float64(f.Created - f.States[sim.Arrived] - f.States[sim.Returned] - f.States[sim.Stayed] - f.States[sim.Dead])
	}},
	{"created", "migrants created", func(d []sim.DayRecord) float64 { return float64(final(d).Created) }},
	{"peak_queued", "most migrants in posts' queues on any day", func(d []sim.DayRecord) float64 {
		return peak(d, func(r *sim.DayRecord) float64 { return float64(r.Queued) })
	}},
	{"peak_smugglers", "most smugglers in business on any day", func(d []sim.DayRecord) float64 {
		return peak(d, func(r *sim.DayRecord) float64 { return float64(r.ActiveSmugglers) })
	}},
	{"mean_price", "mean smuggling price over days with smugglers in business, USD (0 if never)", func(d []sim.DayRecord) float64 {
		sum, n := 0.0, 0
		for i := range d {
			if d[i].MeanPrice > 0 {
				sum += d[i].MeanPrice
				n++
			}
		}
		if n == 0 {
			return 0
		}
		return sum / float64(n)
	}},
	{"boarded", "migrants who boarded a smuggler's vehicle", func(d []sim.DayRecord) float64 { return float64(final(d).Boarded) }},
	{"interceptions", "interceptions on irregular paths", func(d []sim.DayRecord) float64 { return float64(final(d).Interceptions) }},
	{"referrals", "migrants sent by screening to a centre or the protection channel, or taken to a centre by assistance", func(d []sim.DayRecord) float64 { return float64(final(d).Referrals) }},
	{"evacuated", "migrants evacuated from centres to their destination (also counted in arrivals)", func(d []sim.DayRecord) float64 { return float64(final(d).Evacuated) }},
	{"admitted", "admissions at posts", func(d []sim.DayRecord) float64 { return float64(final(d).Admitted) }},
	{"refused", "refusals at posts", func(d []sim.DayRecord) float64 { return float64(final(d).Refused) }},
}

func abuseOf(k sim.AbuseKind, p sim.Perpetrator) func([]sim.DayRecord) float64 {
	return func(d []sim.DayRecord) float64 { return float64(final(d).Abuse[k][p]) }
}

func stateAtEnd(s sim.State) func([]sim.DayRecord) float64 {
	return func(d []sim.DayRecord) float64 { return float64(final(d).States[s]) }
}

// TotalIndex returns the position of the total called name, or -1.
func TotalIndex(name string) int {
	for i, t := range Totals {
		if t.Name == name {
			return i
		}
	}
	return -1
}
