package flee

import (
	"context"
	"crypto/sha256"
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/figures"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/sim"
	"github.com/borderwork/borderwork/sim/batch"
)

// ValidateOptions say how Validate runs a scenario.
type ValidateOptions struct {
	Regime     string // default "open"
	Replicates int    // default: the scenario's
	// Seed is the master seed: replicate r runs with
	// sim.ReplicateSeed(Seed, r). It has no default: 0 is seed 0, not
	// the scenario's; `borderwork validate` gives uint64(s.File.Seed).
	Seed    uint64
	Workers int // default: GOMAXPROCS; the results do not depend on it
	// Progress, if set, is called after each replicate, in replicate
	// order, with the replicates done.
	Progress func(done int)
}

// Validation is the comparison of a scenario's camp populations, over
// replicates, with a Flee case's observed ones.
type Validation struct {
	Scenario   string
	Regime     string
	Seed       uint64
	Start      string        // date of day 0, YYYY-MM-DD
	Camps      []string      // the case's camps, in locations.csv order
	Days       int           // days compared, 0..Days-1: the scenario's, at most CaseDays
	CaseDays   int           // the case's period, sim_period.csv's Length
	Observed   [][]float64   // [camp][day], interpolated as Flee does
	Raw        []float64     // run.py's raw UNHCR count by day
	Simulated  [][][]float64 // [replicate][camp][day]: agents in the camp at the end of the day
	RunErrors  []Errors      // per replicate
	Replicates int
}

// Validate runs the scenario s under opt.Regime for opt.Replicates
// replicates, in parallel, and compares each replicate's camp populations
// with those observed in c by Flee's three measures. Every camp of c must
// be a location of s.
func Validate(ctx context.Context, s *scenarios.Scenario, c *Case, opt ValidateOptions) (*Validation, error) {
	if opt.Regime == "" {
		opt.Regime = "open"
	}
	if opt.Replicates <= 0 {
		opt.Replicates = s.File.Replicates
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	// The measures are over camps: with none, every error is 0, which
	// reads as a perfect fit. A case without camps may be run, not
	// validated.
	if len(c.Camps()) == 0 {
		return nil, &scenarios.Error{File: c.display("input_csv/locations.csv"), Key: "location_type", Msg: fmt.Sprintf(
			"no location is a camp: validation compares the camps' simulated populations with their UNHCR registrations, and with none the Flee case %s would report a perfect fit of nothing; a case without camps can be run (run, compare), not validated", c.Dir)}
	}
	cfg, err := s.Config(opt.Regime)
	if err != nil {
		return nil, err
	}
	cfg.RecordLocations = true
	index := map[string]int{}
	for i, l := range cfg.Region.Locations {
		index[l.Name] = i
	}
	v := &Validation{
		Scenario: s.File.Name, Regime: opt.Regime, Seed: opt.Seed, Start: c.Start.Format("2006-01-02"),
		Days: cfg.Days, CaseDays: c.Days, Replicates: opt.Replicates,
	}
	var locs []int
	for _, l := range c.Camps() {
		name := c.Locations[l].Name
		at, ok := index[name]
		if !ok {
			return nil, &scenarios.Error{File: s.Display(), Key: "locations", Msg: fmt.Sprintf("no location %q, a camp of the Flee case %s", name, c.Dir)}
		}
		v.Camps = append(v.Camps, name)
		locs = append(locs, at)
		obs := make([]float64, v.Days)
		series := c.SeriesFor(name)
		for t := range obs {
			obs[t] = float64(series.At(t))
		}
		v.Observed = append(v.Observed, obs)
	}
	// The start and the days are checked after the camps: a scenario of
	// another place is told that first (mali2012 against car2013 was told
	// to take car2013's start date).
	//
	// The scenario's days are the case's days from the start date it was
	// imported with: a case whose sim_period.csv now starts elsewhere
	// would be compared with observations of other dates, silently.
	if start := c.Start.Format("2006-01-02"); s.File.Start != "" && s.File.Start != start {
		return nil, s.ErrorAt("start", fmt.Sprintf(
			"day 0 is %s, but the Flee case %s starts on %s (sim_period.csv's StartDate); import the case again, or give the scenario start = %q if its days are meant from that date",
			s.File.Start, c.Dir, start, start))
	}
	if err := CheckDays(s, c); err != nil {
		return nil, err
	}
	if err := checkSameData(s, c, v.Days); err != nil {
		return nil, err
	}
	raw := c.rawFor(v.Days)
	for _, r := range raw {
		v.Raw = append(v.Raw, float64(r))
	}

	jobs := make([]int, opt.Replicates)
	for i := range jobs {
		jobs[i] = i
	}
	n := len(cfg.Region.Locations)
	v.Simulated = make([][][]float64, opt.Replicates)
	v.RunErrors = make([]Errors, opt.Replicates)
	err = batch.Run(ctx, jobs, opt.Workers, 2*opt.Workers,
		func(ctx context.Context, rep int) ([][]float64, error) {
			res, err := sim.RunContext(ctx, cfg, sim.ReplicateSeed(opt.Seed, rep))
			if err != nil {
				return nil, err
			}
			out := make([][]float64, len(locs))
			for ci, l := range locs {
				out[ci] = make([]float64, len(res.Days))
				for t := range res.Days {
					out[ci][t] = float64(res.Locations[t*n+l].Waiting)
				}
			}
			return out, nil
		},
		func(rep int, camps [][]float64) error {
			v.Simulated[rep] = camps
			v.RunErrors[rep] = RunErrors(camps, v.Observed, v.Raw)
			if opt.Progress != nil {
				opt.Progress(rep + 1)
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	return v, nil
}

// CheckDays refuses a scenario s that runs more days than the Flee case
// c's period (sim_period.csv's Length): past it the case has no
// registrations (the last is carried flat) and no conflicts to run with
// (Flee stops with an error there), so the days after it would be
// compared with data that are not there. Fewer days are compared as
// Flee's run.py compares a shorter simulation period: the first days
// only (Validation.CaseDays says so).
func CheckDays(s *scenarios.Scenario, c *Case) error {
	if s.File.Days <= c.Days {
		return nil
	}
	return s.ErrorAt("days", DaysPastPeriod(s.File.Days, c))
}

// checkSameData refuses a scenario whose agents are not those the case
// c's registrations give over days: its flee.spawn, or a camp's initial
// agents, differ from what import would write from c. Imported from
// other data, or from this case before its registrations changed (a
// correction added, a series edited), its runs would be compared with
// observations they were not made from, and the errors silently differ.
// The rest (capacities, settings, posts) a user may change on purpose.
func checkSameData(s *scenarios.Scenario, c *Case, days int) error {
	if s.File.Flee == nil {
		return nil // refused elsewhere: not of the Flee rule set
	}
	again := fmt.Sprintf("import the case again (borderwork import flee %s, with the flags the scenario was imported with), or give --data the case it was imported from", c.Dir)
	want, got := c.Spawn(), s.File.Flee.Spawn
	for t := range min(days, len(want)) {
		n := 0
		if t < len(got) {
			n = got[t]
		}
		if n != want[t] {
			return s.ErrorAt("flee.spawn", fmt.Sprintf("day %d asks for %d new agents, but the Flee case %s's registrations give %d: the scenario was made from other data; %s",
				t, n, c.Dir, want[t], again))
		}
	}
	for _, l := range c.Camps() {
		name := c.Locations[l].Name
		i := slices.IndexFunc(s.File.Locations, func(x scenarios.LocationSpec) bool { return x.Name == name })
		if i < 0 {
			continue // said by the caller
		}
		n := 0
		if p := s.File.Locations[i].Initial; p != nil {
			n = *p
		}
		if want := c.Initial(l); n != want {
			return s.ErrorAt(fmt.Sprintf("locations.%d.initial", i), fmt.Sprintf("%s starts with %d agents, but the Flee case %s registers %d there on day 0: the scenario was made from other data; %s",
				name, n, c.Dir, want, again))
		}
	}
	return nil
}

// DaysPastPeriod says why days past the case c's period are refused.
func DaysPastPeriod(days int, c *Case) string {
	return fmt.Sprintf("%d days, but the Flee case %s covers %d (sim_period.csv's Length); give %d days or fewer (fewer compare the first days only, as Flee's run.py does with a shorter simulation period)",
		days, c.Dir, c.Days, c.Days)
}

// Partial reports whether v compares only the first days of the case's
// period.
func (v *Validation) Partial() bool { return v.Days < v.CaseDays }

// rawFor is Raw over days (which may differ from the case's length).
func (c *Case) rawFor(days int) []int {
	out := make([]int, days)
	if days == 0 {
		return out
	}
	out[0] = c.day0Raw()
	for t := 1; t < days; t++ {
		out[t] = out[t-1] + c.dailyChange(t)
	}
	return out
}

// Summary is the mean over replicates of each measure's run mean (the
// figure Flee reports for one run), with its 95% interval.
func (v *Validation) Summary(m Measure) output.Stat {
	vals := make([]float64, len(v.RunErrors))
	for r, e := range v.RunErrors {
		vals[r] = e.Mean(m)
	}
	return output.Describe(vals)
}

// Write writes the validation's tables into dir (which must exist): the
// tidy table validation.csv (per camp and day: observed, simulated and
// each measure's term, with 95% intervals over replicates; camp "all"
// holds the day's totals), replicates.csv (each replicate's mean errors)
// and fit.csv (each measure over replicates). It returns their names,
// relative to dir; docs/OUTPUTS.md describes every column. The figures
// are drawn from validation.csv (Figures), by validate as by plot.
func (v *Validation) Write(dir string) (tables []string, err error) {
	files := []struct {
		name  string
		write func(io.Writer) error
	}{{"validation.csv", v.WriteTable}, {"replicates.csv", v.writeReplicates}, {"fit.csv", v.writeFit}}
	for _, f := range files {
		if err := output.WriteFileWith(filepath.Join(dir, f.name), f.write); err != nil {
			return nil, err
		}
		tables = append(tables, f.name)
	}
	return tables, nil
}

// AllCamps is the camp name of validation.csv's rows (and the figures'
// lines) for all camps together; no camp may have it.
const AllCamps = "all"

// WriteTable writes validation.csv: one row per camp, day and measure.
func (v *Validation) WriteTable(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"camp", "day", "date", "observed", "simulated_mean", "simulated_lo", "simulated_hi", "measure", "error_mean", "error_lo", "error_hi"})
	start, _ := parseDate(v.Start)
	reps := len(v.Simulated)
	for ci := 0; ci <= len(v.Camps); ci++ {
		name := AllCamps
		if ci < len(v.Camps) {
			name = v.Camps[ci]
		}
		for t := 0; t < v.Days; t++ {
			obs := 0.0
			sims := make([]float64, reps)
			var terms [NumMeasures][]float64
			for m := range terms {
				terms[m] = make([]float64, reps)
			}
			for r := range reps {
				s, o := v.dayOf(r, t)
				dt := DayErrors(s, o, v.Raw[t])
				if ci < len(v.Camps) {
					obs, sims[r] = o[ci], s[ci]
					for m := range terms {
						terms[m][r] = dt[m][ci]
					}
					continue
				}
				obs = 0
				for c := range o {
					obs += o[c]
					sims[r] += s[c]
				}
				for m := range terms {
					for _, x := range dt[m] {
						terms[m][r] += x
					}
				}
			}
			st := output.Describe(sims)
			for m := range terms {
				et := output.Describe(terms[m])
				cw.Write([]string{name, strconv.Itoa(t), start.AddDate(0, 0, t).Format("2006-01-02"),
					output.FormatFloat(obs), cell(st.Mean), cell(st.Lo), cell(st.Hi),
					Measure(m).String(), cell(et.Mean), cell(et.Lo), cell(et.Hi)})
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// dayOf returns replicate r's simulated and the observed camp
// populations on day t.
func (v *Validation) dayOf(r, t int) (sim, obs []float64) {
	sim, obs = make([]float64, len(v.Camps)), make([]float64, len(v.Camps))
	for c := range v.Camps {
		sim[c], obs[c] = v.Simulated[r][c][t], v.Observed[c][t]
	}
	return sim, obs
}

// cell writes a number for a table so that it reads back exactly; a
// statistic that does not exist (the interval of one replicate) is NaN.
func cell(x float64) string { return output.FormatFloat(x) }

func (v *Validation) writeReplicates(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"replicate", "seed", "rescaled", "normal", "total"})
	for r, e := range v.RunErrors {
		cw.Write([]string{strconv.Itoa(r), strconv.FormatUint(sim.ReplicateSeed(v.Seed, r), 10),
			cell(e.Mean(Rescaled)), cell(e.Mean(Normal)), cell(e.Mean(Total))})
	}
	cw.Flush()
	return cw.Error()
}

func (v *Validation) writeFit(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"measure", "replicates", "mean", "sd", "lo", "hi"})
	for m := range NumMeasures {
		st := v.Summary(m)
		cw.Write([]string{m.String(), strconv.Itoa(st.N), cell(st.Mean), cell(st.SD), cell(st.Lo), cell(st.Hi)})
	}
	cw.Flush()
	return cw.Error()
}

// Caption is the validation figures' caption (CaptionOf).
func (v *Validation) Caption() figures.Caption {
	return CaptionOf(v.Scenario, int64(v.Seed), len(v.Simulated), v.Regime)
}

// CampFigure is camp ci's simulated population (mean, 95% confidence
// interval of the mean) and its observed one, by day.
func (v *Validation) CampFigure(ci int, caption figures.Caption) (*figures.Figure, error) {
	return v.FigureData().CampFigure(ci, v.Regime, caption)
}

// ErrorFigure is the day's error by each measure, mean over replicates
// and 95% confidence interval of the mean.
func (v *Validation) ErrorFigure(caption figures.Caption) (*figures.Figure, error) {
	return v.FigureData().ErrorFigure(caption)
}

// slug makes a camp name safe as a file name.
func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	if b.Len() > maxSlug {
		// A file name must fit the file system's 255 bytes with its
		// hidden temporary name around it: the start of the name, and
		// enough of the whole's hash that two long names do not meet.
		return b.String()[:maxSlug-9] + "-" + fmt.Sprintf("%x", sha256.Sum256([]byte(s)))[:8]
	}
	return b.String()
}

// maxSlug is the longest slug: a figure's file name, "camp-" + slug +
// "-2" + ".png", inside ".NAME.tmp-" + 10 digits, stays far within 255
// bytes.
const maxSlug = 64
