package dtm

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/borderwork/borderwork/data"
	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/internal/portable"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/scenarios/design"
	"github.com/borderwork/borderwork/sim"
	"gonum.org/v1/gonum/stat"
)

// Options say how a Study runs.
type Options struct {
	// Regime is the regime that followed the change in fact, whose
	// prediction is scored; "" for "closed".
	Regime string
	// Regimes are run forward; nil for the scenario's default regimes.
	// Regime is added first if missing.
	Regimes []string
	// Draws is the number of parameter sets drawn from the prior (a Latin
	// hypercube); 0 for 600.
	Draws int
	// Accept is how many of them, those closest to the data, are kept;
	// 0 for 30.
	Accept int
	// Replicates is the number of runs of each kept set under each regime
	// in the prediction; 0 for 2.
	Replicates int
	// Seed is the master seed: of the hypercube and of every run.
	Seed uint64
	// Workers run in parallel; 0 for GOMAXPROCS. Results do not depend on it.
	Workers int
	// Exclude are rows left out of the fit and the scores.
	Exclude []Exclusion
	// Band is the probability the prediction band holds: 0 for 0.9.
	Band float64
	// Progress, if set, is called after each run, in run order, with the
	// runs done and the total (the calibration's and the prediction's).
	Progress func(done, total int)
}

// Runs is the number of runs a study with these options makes.
func (o Options) runs() int { return o.Draws + min(o.Accept, o.Draws)*o.Replicates*len(o.Regimes) }

func (o Options) report(done int) {
	if o.Progress != nil {
		o.Progress(done, o.runs())
	}
}

func (o *Options) defaults(s *scenarios.Scenario) {
	if o.Regime == "" {
		o.Regime = "closed"
	}
	if o.Regimes == nil {
		o.Regimes = s.DefaultRegimes()
	}
	if !slices.Contains(o.Regimes, o.Regime) {
		o.Regimes = append([]string{o.Regime}, o.Regimes...)
	}
	if o.Draws <= 0 {
		o.Draws = 600
	}
	if o.Accept <= 0 {
		o.Accept = 30
	}
	if o.Replicates <= 0 {
		o.Replicates = 2
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Band <= 0 {
		o.Band = 0.9
	}
}

// Study is a scenario calibrated on the counts before its change of
// regime and run forward through it.
type Study struct {
	Scenario       string
	Start          time.Time // day 0
	Split          int       // the first day of the change: the end of the scenario's first phase
	Days           int
	PeoplePerAgent float64
	Options        Options

	Rows        []Row        // every row of the data within the run, with its role
	Outside     int          // rows of the data for point total that lie outside the run, not compared
	Calibration *Calibration // fitted on the Calibration rows only
	Prediction  *Prediction  // the accepted sets run forward
	Desert      []int        // the links whose deaths count as deaths in the desert
}

// Calibration is rejection sampling in two rounds. Every draw is run once
// (the same replicate, so that draws differ only by their parameters) up
// to the day before the change, and its distance to the calibration rows
// computed. Round 1 draws half of Options.Draws from the prior (a Latin
// hypercube); round 2 draws the other half from the box around round 1's
// Accept closest draws, widened by BoxMargin. The draws of both rounds
// inside the box are uniform on it, and the Accept closest of them are
// kept, unweighted: a rejection sample of the prior cut to the box, not
// an ABC posterior. It is the rejection-ABC posterior at tolerance Epsilon
// only if the box holds all of that posterior, which nothing guarantees
// (TouchesBox warns where kept draws reach an edge of the box).
type Calibration struct {
	Rows     []int   // indices into Study.Rows of the rows fitted
	Points   []Point // every draw, round 1's then round 2's, in design order
	Counts   [][]float64
	Distance []float64 // of each draw
	Round1   int       // draws of round 1, the first of Points
	Box      []design.Factor
	Accepted []int   // the kept draws, closest first (ties to the earlier draw)
	Epsilon  float64 // the largest distance kept
}

// Forward is one run of the prediction: kept draw Draw, replicate Rep,
// under one regime.
type Forward struct {
	Draw, Rep int
	Out, In   []float64 // people counted each day, every point together
	Desert    []float64 // people who died in the desert each day (Study.Desert)
	Harms     Harms
}

// Harms are what a run records after the change, in people: from the
// split to the end of the run.
type Harms struct {
	TrappedPersonDays  float64 // away from home
	StrandedPersonDays float64 // at home, blocked
	CentrePersonDays   float64
	Abuse              float64 // events, by anyone
	AbuseBySmugglers   float64
	AbuseByOfficials   float64
	Deaths             float64 // anywhere
	DesertDeaths       float64 // on the desert links (Study.Desert)
	TrappedAtEnd       float64 // on the last day
	StrandedAtEnd      float64
	Arrivals           float64 // at a destination, abroad or back home
	Boarded            float64 // smugglers' passengers
}

// Prediction holds the forward runs: Runs[g] are regime g's, in the
// order of the kept draws, then replicates, the same (draw, replicate)
// pairs under every regime.
type Prediction struct {
	Regimes []string
	Runs    [][]Forward
}

// Run calibrates scenario s on flows before its change of regime and
// predicts what follows. s must give a start date, [[monitors]], and a
// first [[phases]] entry from day 0, whose end is the split.
func Run(ctx context.Context, s *scenarios.Scenario, flows []data.Flow, opt Options) (*Study, error) {
	opt.defaults(s)
	st := &Study{Scenario: s.File.Name, Days: s.File.Days, PeoplePerAgent: s.PeoplePerAgent(), Options: opt}
	var ok bool
	bad := func(key, format string, args ...any) error {
		return &scenarios.Error{File: s.Display(), Key: key, Msg: fmt.Sprintf(format, args...)}
	}
	if st.Start, ok = s.Start(); !ok {
		return nil, bad("start", "give the date of day 0 (start = \"YYYY-MM-DD\") to compare the run with dated counts")
	}
	ph := s.File.Phases
	if len(ph) == 0 || ph[0].From != 0 || ph[0].To == nil {
		return nil, bad("phases", "give a first [[phases]] entry from day 0 with a `to`: the point every regime stands at before the change, whose end is the day the regimes part")
	}
	st.Split = *ph[0].To
	if st.Split >= st.Days {
		return nil, bad("phases.0.to", "the change (day %d) must come before the run's last day (%d)", st.Split, st.Days-1)
	}
	for _, r := range opt.Regimes {
		if !slices.Contains(s.RegimeNames(), r) {
			return nil, bad("regimes", "unknown regime %q (regimes of %s: %s)", r, s.File.Name, strings.Join(s.RegimeNames(), ", "))
		}
	}
	if _, _, err := roles(s); err != nil {
		return nil, err
	}
	rows, err := Observe(flows, st.Start, st.Days, st.Split, opt.Exclude)
	if err != nil {
		return nil, err
	}
	// Before anything runs: a calibration needs a row before the change,
	// a prediction one after it, or its scores are NaN.
	if err := needRoles(rows, flows, st.Start.AddDate(0, 0, st.Split)); err != nil {
		return nil, err
	}
	st.Rows = rows
	st.Outside = outsideRun(flows, st.Start, st.Days)
	st.Desert = desertLinks(s)
	if st.Calibration, err = st.calibrate(ctx, s); err != nil {
		return nil, err
	}
	if st.Prediction, err = st.predict(ctx, s); err != nil {
		return nil, err
	}
	return st, nil
}

// The desert, for counting deaths there: links with an end in the
// country of the monitoring points and both ends at or north of
// DesertLatitude (Agadez lies at 16.97° N; the Sahel roads to the south do
// not count).
const DesertLatitude = 16.0

func desertLinks(s *scenarios.Scenario) []int {
	f := s.File
	loc := map[string]scenarios.LocationSpec{}
	for _, l := range f.Locations {
		loc[l.Name] = l
	}
	home := loc[f.Monitors[0].Location].Country
	var out []int
	for i, l := range f.Links {
		a, b := loc[l.From], loc[l.To]
		if a.Lat == nil || b.Lat == nil || (a.Country != home && b.Country != home) {
			continue
		}
		if *a.Lat >= DesertLatitude && *b.Lat >= DesertLatitude {
			out = append(out, i)
		}
	}
	return out
}

func paramNames() []string {
	names := make([]string, len(Params))
	for i, p := range Params {
		names[i] = p.Name
	}
	return names
}

// recordFlows builds a regime's configuration with flows recorded.
func recordFlows(ps *scenarios.Scenario, regime string) (*sim.Config, error) {
	cfg, err := ps.Config(regime)
	if err != nil {
		return nil, err
	}
	cfg.RecordFlows = true
	return cfg, nil
}

// counted is what every monitoring point together counted each day, in
// people.
func counted(mons []scenarios.Monitor, links []sim.Link, flows []sim.LinkFlow, days int, ppa float64) (out, in []float64) {
	out, in = make([]float64, days), make([]float64, days)
	for d := range days {
		for _, mo := range mons {
			o, i := mo.Count(links, flows, d)
			out[d] += float64(float64(o) * ppa)
			in[d] += float64(float64(i) * ppa)
		}
	}
	return out, in
}

// sum is the total of daily over row r's days.
func (r Row) sum(daily []float64) float64 {
	t := 0.0
	for d := r.First; d <= r.Last; d++ {
		t += daily[d]
	}
	return t
}

func (st *Study) calibrate(ctx context.Context, s *scenarios.Scenario) (*Calibration, error) {
	opt := st.Options
	cal := &Calibration{}
	for i, r := range st.Rows {
		if r.Role == Fitted {
			cal.Rows = append(cal.Rows, i)
		}
	}
	if len(cal.Rows) == 0 {
		return nil, fmt.Errorf("dtm: no row of the data lies wholly before the change on day %d (%s)", st.Split, st.Start.AddDate(0, 0, st.Split).Format(time.DateOnly))
	}
	// The runs stop the day before the change: nothing after it can reach
	// the fit.
	cut := s.Clone()
	cut.File.Days = st.Split
	cut.File.Seed = int64(opt.Seed)
	prior := make([]design.Factor, len(Params))
	for i, p := range Params {
		prior[i] = design.Factor{Key: p.Name, Lo: p.Lo, Hi: p.Hi}
	}
	first := opt.Draws / 2
	if err := st.draw(ctx, cut, cal, design.LatinHypercube(prior, first, opt.Seed)); err != nil {
		return nil, err
	}
	cal.Round1 = first
	cal.Box = box(prior, cal.Points, cal.closest(all(len(cal.Points)), opt.Accept))
	if err := st.draw(ctx, cut, cal, design.LatinHypercube(cal.Box, opt.Draws-first, opt.Seed+1)); err != nil {
		return nil, err
	}
	var inBox []int
	for i, pt := range cal.Points {
		if within(cal.Box, pt) {
			inBox = append(inBox, i)
		}
	}
	cal.Accepted = cal.closest(inBox, opt.Accept)
	cal.Epsilon = cal.Distance[cal.Accepted[len(cal.Accepted)-1]]
	return cal, nil
}

// draw runs points, each once (the same replicate) up to the day before
// the change, and appends them with their counts and distances.
func (st *Study) draw(ctx context.Context, cut *scenarios.Scenario, cal *Calibration, points [][]float64) error {
	opt := st.Options
	mons := cut.Monitors()
	plan := &experiment.Plan{
		Command: "validate", Scenario: cut, Arg: cut.File.Name, Regimes: []string{opt.Regime}, Reps: 1,
		Keys: paramNames(), Points: points,
		At:        func(pt []float64) (*scenarios.Scenario, error) { return Apply(cut, pt) },
		Configure: recordFlows,
	}
	x, err := plan.PrepareContext(ctx)
	if err != nil {
		return err
	}
	done := len(cal.Points)
	return x.Execute(ctx, x.AllJobs(), opt.Workers, func(sm experiment.Simulated) error {
		pi, _, _ := x.Coords(sm.Run.ID)
		cfg, err := x.Config(pi, 0)
		if err != nil {
			return err
		}
		out, in := counted(mons, cfg.Region.Links, sm.Flows, st.Split, st.PeoplePerAgent)
		counts := make([]float64, len(cal.Rows))
		for j, ri := range cal.Rows {
			r := st.Rows[ri]
			counts[j] = r.sum(pick(r.Direction, out, in))
		}
		cal.Points = append(cal.Points, Point(points[pi]))
		cal.Counts = append(cal.Counts, counts)
		cal.Distance = append(cal.Distance, st.distance(cal.Rows, counts))
		opt.report(done + pi + 1)
		return nil
	})
}

func all(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

// closest is the k of draws nearest the data, nearest first; ties go to
// the earlier draw.
func (cal *Calibration) closest(draws []int, k int) []int {
	order := slices.Clone(draws)
	slices.SortStableFunc(order, func(a, b int) int {
		switch da, db := cal.Distance[a], cal.Distance[b]; {
		case da < db:
			return -1
		case da > db:
			return 1
		}
		return a - b
	})
	return order[:min(k, len(order))]
}

// BoxMargin widens the second round's box beyond the first round's kept
// draws, on each side, by this share of their range (of the prior's range
// if they all agree), within the prior.
const BoxMargin = 0.25

// box is the smallest box holding the kept points, widened by BoxMargin
// on each side and cut to the prior.
func box(prior []design.Factor, points []Point, kept []int) []design.Factor {
	out := slices.Clone(prior)
	for j, f := range prior {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, k := range kept {
			lo, hi = math.Min(lo, points[k][j]), math.Max(hi, points[k][j])
		}
		margin := BoxMargin * (hi - lo)
		if margin == 0 {
			margin = BoxMargin * (f.Hi - f.Lo)
		}
		out[j].Lo, out[j].Hi = math.Max(f.Lo, lo-margin), math.Min(f.Hi, hi+margin)
	}
	return out
}

func within(b []design.Factor, pt Point) bool {
	for j, f := range b {
		if pt[j] < f.Lo || pt[j] > f.Hi {
			return false
		}
	}
	return true
}

// TouchesBox lists the parameters whose kept draws come within a
// hundredth of the box's range of an edge of the second round's box that
// is not the prior's own: there the box may cut off values as close to
// the counts as those kept, and the rounds should be widened.
func (cal *Calibration) TouchesBox() []string {
	var out []string
	for j, f := range cal.Box {
		eps := (f.Hi - f.Lo) / 100
		for _, k := range cal.Accepted {
			v := cal.Points[k][j]
			if (f.Lo > Params[j].Lo && v-f.Lo < eps) || (f.Hi < Params[j].Hi && f.Hi-v < eps) {
				out = append(out, Params[j].Name)
				break
			}
		}
	}
	return out
}

func pick(d Direction, out, in []float64) []float64 {
	if d == Outgoing {
		return out
	}
	return in
}

// distance is the root mean square difference of the logarithms of
// simulated and observed counts over the calibration rows: a row's
// simulated count is the people the points counted over the row's days.
// A row whose count is a lower bound adds only a shortfall.
func (st *Study) distance(rows []int, counts []float64) float64 {
	sum := 0.0
	for j, ri := range rows {
		r := st.Rows[ri]
		e := portable.Log1p(counts[j]) - portable.Log1p(r.Count)
		if r.LowerBound && e > 0 {
			e = 0
		}
		sum += float64(e * e)
	}
	return math.Sqrt(sum / float64(len(rows)))
}

func (st *Study) predict(ctx context.Context, s *scenarios.Scenario) (*Prediction, error) {
	opt := st.Options
	full := s.Clone()
	full.File.Seed = int64(opt.Seed)
	mons := full.Monitors()
	var points [][]float64
	for _, a := range st.Calibration.Accepted {
		points = append(points, st.Calibration.Points[a])
	}
	plan := &experiment.Plan{
		Command: "validate", Scenario: full, Arg: s.File.Name, Regimes: opt.Regimes, Reps: opt.Replicates,
		Keys: paramNames(), Points: points,
		At:        func(pt []float64) (*scenarios.Scenario, error) { return Apply(full, pt) },
		Configure: recordFlows,
	}
	x, err := plan.PrepareContext(ctx)
	if err != nil {
		return nil, err
	}
	pred := &Prediction{Regimes: opt.Regimes, Runs: make([][]Forward, len(opt.Regimes))}
	for g := range pred.Runs {
		pred.Runs[g] = make([]Forward, len(points)*opt.Replicates)
	}
	ppa := st.PeoplePerAgent
	err = x.Execute(ctx, x.AllJobs(), opt.Workers, func(sm experiment.Simulated) error {
		pi, g, rep := x.Coords(sm.Run.ID)
		cfg, err := x.Config(pi, g)
		if err != nil {
			return err
		}
		out, in := counted(mons, cfg.Region.Links, sm.Flows, st.Days, ppa)
		fw := Forward{Draw: pi, Rep: rep, Out: out, In: in}
		before, last := sm.Days[st.Split-1], sm.Days[len(sm.Days)-1]
		h := &fw.Harms
		h.TrappedPersonDays = ppa * float64(last.TrappedPersonDays-before.TrappedPersonDays)
		h.StrandedPersonDays = ppa * float64(last.StrandedPersonDays-before.StrandedPersonDays)
		h.CentrePersonDays = ppa * float64(last.CentrePersonDays-before.CentrePersonDays)
		h.Abuse = ppa * float64(last.AbuseEvents()-before.AbuseEvents())
		h.AbuseBySmugglers = ppa * float64(last.AbuseBy(sim.BySmuggler)-before.AbuseBy(sim.BySmuggler))
		h.AbuseByOfficials = ppa * float64(last.AbuseBy(sim.ByOfficial)-before.AbuseBy(sim.ByOfficial))
		h.Deaths = ppa * float64(last.States[sim.Dead]-before.States[sim.Dead])
		h.TrappedAtEnd = ppa * float64(last.States[sim.Trapped])
		h.StrandedAtEnd = ppa * float64(last.States[sim.Stranded])
		h.Arrivals = ppa * float64(last.States[sim.Arrived]-before.States[sim.Arrived])
		h.Boarded = ppa * float64(last.Boarded-before.Boarded)
		nl := len(cfg.Region.Links)
		fw.Desert = make([]float64, st.Days)
		for d := range st.Days {
			for _, l := range st.Desert {
				fw.Desert[d] += float64(ppa * float64(sm.Flows[d*nl+l].Deaths))
			}
			if d >= st.Split {
				h.DesertDeaths += fw.Desert[d]
			}
		}
		pred.Runs[g][pi*opt.Replicates+rep] = fw
		opt.report(opt.Draws + sm.Run.ID + 1)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return pred, nil
}

// quantiles of values (copied and sorted), by the empirical distribution.
func quantiles(values []float64, ps ...float64) []float64 {
	v := slices.Clone(values)
	slices.Sort(v)
	out := make([]float64, len(ps))
	for i, p := range ps {
		out[i] = stat.Quantile(p, stat.Empirical, v, nil)
	}
	return out
}
