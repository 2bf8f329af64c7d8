package runs

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/sim"
)

// Order is how run indices are laid out over points, regimes and
// replicates.
type Order uint8

// The orders.
const (
	// PointMajor numbers runs points × regimes × replicates: the
	// replicate varies fastest, so a group (point and regime) is a block
	// of consecutive runs.
	PointMajor Order = iota
	// ReplicateMajor numbers runs replicates × points × regimes, so that
	// adding replicates extends the numbering without renumbering.
	ReplicateMajor
)

// Plan is an experiment: runs of one scenario at the points of a design,
// under each regime, for a number of replicates.
type Plan struct {
	// Command is the kind of folder the plan writes, recorded in its
	// manifest: "run", "compare", "sweep", "claim", ...
	Command string
	// Scenario is the scenario with its overrides applied. Prepare
	// validates it. The folder's scenario.toml records it as run, and
	// Reproduce reruns that; but its recorded command line (Arg, Sets
	// as --set, and File's Seed and Days as --seed and --days) has no
	// word of other changes made to Scenario.File directly, and so runs
	// another experiment: make them with Set.
	Scenario *scenarios.Scenario
	// Arg is how the scenario was named (a path or a bundled name; "" for
	// the default), for the command line recorded in the folder and
	// quoted by its report.md. It must name Scenario. "" for a scenario
	// other than the default (scenarios.Default), which a command line
	// without a scenario runs, records the bundled name or the path the
	// scenario was loaded from (Scenario.Source); Start refuses to write
	// the folder of one parsed from text that no command line names
	// (scenarios.Parse with another source): give Arg. Start also refuses
	// an Arg that is another bundled scenario's name than the one loaded
	// (CheckArg); other mismatches, such as a path to another file, it
	// cannot tell and records as given. (Reproduce reruns the folder's
	// own scenario.toml, whatever Arg.)
	Arg string
	// Regimes are the regimes run at every point, in the order of the
	// folder's tables: names the scenario defines (Scenario.RegimeNames;
	// DefaultRegimes is what compare runs), or the names Configure
	// understands; each once.
	Regimes []string
	// Reps is the number of replicates of every regime at every point.
	// A run, compare or sweep folder records it as the --reps of its
	// command line and as the replicates of its scenario.toml, whatever
	// Scenario.File.Replicates says, so that the command line it records
	// runs what ran. A claim's command line gives the scenario's
	// replicates as --reps: its pilot, which the claim extends.
	Reps int
	// Keys are the varied scenario keys and Points the design: one value
	// per key at each point. No keys and no points means one point with
	// nothing varied; keys with no points are refused.
	Keys   []string
	Points [][]float64
	// At builds the scenario of one point (not yet validated); nil sets
	// each key to its value as --vary does.
	At func(point []float64) (*scenarios.Scenario, error)
	// Configure builds the configuration of a regime of a point's
	// scenario; nil means the scenario's own regime of that name. The
	// claim check uses it for the cells of its design, which are points
	// of the factor space rather than regimes a file defines.
	Configure func(s *scenarios.Scenario, regime string) (*sim.Config, error)
	Order     Order
	// ByLocation also records per-location counts (locations.csv).
	ByLocation bool
	// Events are the replicates, in increasing order, whose every event
	// (sim.Event) is logged to the folder's event log
	// (output.EventsTable), under every regime and at every point; none:
	// no log. docs/OUTPUTS.md says how large a log grows.
	Events []int
	// SummaryOnly writes summary.csv as the folder's one table of runs:
	// no timeseries.csv and no stats.csv, which for the thousands of
	// points of a sensitivity analysis would be large and say nothing.
	SummaryOnly bool
	// Sweep describes a sweep's design for its manifest; nil otherwise.
	// A sweep's Keys, Points and Args must be those NewSweep planned with
	// it: Prepare refuses one changed after, whose folder would record a
	// --vary that reruns other points.
	Sweep *output.SweepInfo
	// Args are the command's own flags, recorded in the folder's command
	// line after the common ones. For run and compare, none records the
	// flags of ByLocation and Events (RunArgs), so that the command line
	// writes the tables the folder holds.
	Args []string
	// PrepareWorkers is how many points Prepare builds and validates at
	// once (0: one at a time). More than one requires At and Configure to
	// be safe for concurrent use; the plan prepared is the same.
	PrepareWorkers int
	// SizeFlags names, for messages about a plan too large, what sets its
	// number of runs ("--samples 64 × ..."); empty: the sweep's or
	// compare's flags.
	SizeFlags string
}

// Prepared is a Plan whose every configuration has been built and
// validated. Its methods are safe for concurrent use, except Shard,
// which changes its Sweep. A folder written of it changes it too:
// experiment's Write and Writer.Finish set FigureOptions to the folder's,
// so write one folder of a Prepared at a time.
type Prepared struct {
	Plan    // with Points holding one empty point when nothing is varied
	configs []*sim.Config
	// recent holds the configurations last built, for a plan too large
	// for configs: runs come in point order, so the runs in progress
	// share a few points, and each would otherwise build its own.
	recent *recentConfigs
	// reuse says, per regime, that its configuration is the same at every
	// point, so each replicate is run once and its result reused; nil
	// when no regime is (or the results would take too much memory).
	reuse []bool
	need  need
	// FigureOptions are the figure options of the folder being written
	// (set by Writer.Finish, and by a report written again from the
	// folder's manifest), which the command line it records draws with
	// (RecordedCommandLine); nil: the defaults.
	FigureOptions *output.FigureOptions
	// Build is which borderwork wrote the folder, as its manifest
	// records it (BuiltBy; set by a report written again from the
	// folder's manifest); "": this binary, which writes it.
	Build string
}

// cacheLimit is the most point × regime configurations Prepare keeps;
// larger sweeps build each run's configuration when the run starts, and
// keep the last recentLimit built: more than the runs in progress at once
// touch on most machines (a few per worker, which share points, since
// runs come in point order).
const (
	cacheLimit  = 1024
	recentLimit = 64
)

// MaxReps is the most replicates --reps takes: more than any analysis
// needs, and few enough that a typo is caught before it runs for days.
const MaxReps = 1_000_000

// Prepare checks the plan, builds the scenario of every point and
// validates it, and builds every configuration of a small plan, so that
// errors surface before anything runs or is written. It estimates what
// the plan will need of the machine; Fit checks that against Limits.
// It is PrepareContext with a context that never ends.
func (p *Plan) Prepare() (*Prepared, error) { return p.PrepareContext(context.Background()) }

// PrepareContext is Prepare, stopping when ctx ends: building the points
// of a large sweep takes minutes, and a command told to stop (Ctrl-C, or
// a batch system's SIGTERM) must not go on building them. It checks ctx
// between blocks of points and returns an error wrapping ErrInterrupted.
func (p *Plan) PrepareContext(ctx context.Context) (*Prepared, error) {
	switch {
	case p.Scenario == nil:
		return nil, errors.New("experiment: the plan has no scenario")
	case len(p.Regimes) == 0:
		return nil, errors.New("experiment: the plan has no regimes")
	case p.Reps < 1:
		return nil, fmt.Errorf("experiment: want at least 1 replicate, got %d", p.Reps)
	}
	for i, r := range p.Regimes {
		if slices.Contains(p.Regimes[:i], r) {
			// Its folder would name the regime twice, which reproduce
			// and plot refuse as a changed manifest.
			return nil, badInput("experiment: the plan lists regime %q twice; give each once", r)
		}
	}
	if len(p.Keys) > 0 && len(p.Points) == 0 {
		return nil, badInput("experiment: the plan varies %s at no points; give Points, a value per key at each, or no Keys for one point with nothing varied", strings.Join(p.Keys, ", "))
	}
	for _, pt := range p.Points {
		if len(pt) != len(p.Keys) {
			return nil, fmt.Errorf("experiment: a point has %d values for %d keys", len(pt), len(p.Keys))
		}
	}
	if err := p.checkSweep(); err != nil {
		return nil, err
	}
	for i, r := range p.Events {
		if r < 0 || r >= p.Reps || i > 0 && r <= p.Events[i-1] {
			return nil, badInput("the replicates of the event log must be among the %d replicates (0 to %d), in increasing order, each once; got %v", p.Reps, p.Reps-1, p.Events)
		}
	}
	if err := p.Scenario.Validate(); err != nil {
		return nil, err
	}
	x := &Prepared{Plan: *p}
	if len(x.Points) == 0 {
		x.Points = [][]float64{nil}
	}
	cache := len(x.Points)*len(p.Regimes) <= cacheLimit
	if cache {
		x.configs = make([]*sim.Config, len(x.Points)*len(p.Regimes))
	} else {
		x.recent = &recentConfigs{byKey: map[int]*sim.Config{}}
	}
	// A regime is unaffected by the varied keys when its configuration,
	// built at every point, is the same as at the first: comparing what
	// the engine is given is exact, where reasoning about which keys a
	// regime reads would not be.
	first := make([]*sim.Config, len(p.Regimes))
	same := make([]bool, len(p.Regimes))
	for r := range same {
		same[r] = len(x.Points) > 1
	}
	// Points are built block by block, PrepareWorkers at a time, and
	// taken in point order, so that the estimate, the cache, the regimes
	// reused and the first error are those of building them one by one.
	workers := max(p.PrepareWorkers, 1)
	block := prepareBlock * workers
	built := make([]builtPoint, min(block, len(x.Points)))
	for start := 0; start < len(x.Points); start += block {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%w while preparing point %d of %d", ErrInterrupted, start+1, len(x.Points))
		}
		n := min(block, len(x.Points)-start)
		var wg sync.WaitGroup
		for w := range min(workers, n) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; i < n; i += workers {
					built[i] = x.buildPoint(start + i)
				}
			}()
		}
		wg.Wait()
		for i := range n {
			pi := start + i
			if built[i].err != nil {
				return nil, decimalCommaHint(built[i].err, x.Sweep)
			}
			for r, cfg := range built[i].cfgs {
				x.need.add(cfg, pi)
				if cache {
					x.configs[pi*len(p.Regimes)+r] = cfg
				}
				if pi == 0 {
					first[r] = cfg
				} else if same[r] && !sameRuns(cfg, first[r]) {
					same[r] = false
				}
			}
			built[i] = builtPoint{}
		}
	}
	x.setReuse(same)
	if x.Sweep != nil && x.Sweep.TotalRuns != x.NRuns() {
		// A library's sweep whose Reps was changed after NewSweep: the
		// manifest records the runs planned, which plot and reproduce
		// count the folder's runs against.
		info := *x.Sweep
		info.TotalRuns = x.NRuns()
		x.Sweep = &info
	}
	return x, nil
}

// decimalCommaHint adds to err, a sweep's point refused, what a --vary
// of two values the first of one digit (KEY=0,5) says, which a
// researcher who writes decimals with a comma may have meant as one
// value (0.5): the message quotes only the value refused (KEY=5).
func decimalCommaHint(err error, sw *output.SweepInfo) error {
	if sw == nil {
		return err
	}
	for _, v := range sw.Vary {
		key, list, ok := strings.Cut(v, "=")
		whole, frac, two := strings.Cut(list, ",")
		if !ok || !two || len(whole) != 1 || !digits(whole) || !digits(frac) {
			continue
		}
		if value, err2 := strconv.ParseFloat(frac, 64); err2 != nil || !strings.Contains(err.Error(), " "+key+"="+output.FormatFloat(value)+":") {
			continue // not the value refused
		}
		return fmt.Errorf("%w (--vary %s is two values, %s and %s; a decimal is written with a point: %s.%s)", err, v, whole, frac, whole, frac)
	}
	return err
}

// digits reports whether s is one or more decimal digits.
func digits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// checkSweep refuses a sweep whose Keys, Points or Args are no longer
// those NewSweep planned with its Sweep (a library changed them after):
// the folder would record a --vary, and a sweep section, that rerun other
// points than those run. A sensitivity analysis's Sweep, which varies no
// --vary, is not checked.
func (p *Plan) checkSweep() error {
	sw := p.Sweep
	if sw == nil || len(sw.Vary) == 0 {
		return nil
	}
	if slices.Equal(p.Keys, sw.Keys) && slices.EqualFunc(p.Points, sw.Points, slices.Equal[[]float64]) && slices.Equal(p.Args, SweepArgs(sw)) {
		return nil
	}
	return badInput("experiment: the sweep's Keys, Points or Args are not those its Sweep records (--vary %s), which its folder's command line would give, rerunning other points than those run; plan the sweep wanted with NewSweep, and change neither after", strings.Join(sw.Vary, " --vary "))
}

// prepareBlock is how many points each of Prepare's workers builds
// before they are taken in order: few, so that few configurations are
// held at once.
const prepareBlock = 8

// builtPoint is a point's scenario validated and its configurations, one
// per regime, or the error that stopped them.
type builtPoint struct {
	cfgs []*sim.Config
	err  error
}

// buildPoint builds and validates the scenario of point pi and configures
// each regime on it.
func (x *Prepared) buildPoint(pi int) builtPoint {
	s, err := x.scenarioAt(pi)
	if err != nil {
		return builtPoint{err: err}
	}
	if err := s.Validate(); err != nil {
		return builtPoint{err: err}
	}
	cfgs := make([]*sim.Config, len(x.Regimes))
	for r, regime := range x.Regimes {
		if cfgs[r], err = x.configure(s, regime); err != nil {
			return builtPoint{err: err}
		}
	}
	return builtPoint{cfgs: cfgs}
}

// reuseLimit bounds the memory that reused results may hold at once
// (every replicate of every unaffected regime, kept from its first use to
// its last): beyond it every run is made, which gives the same bytes.
const reuseLimit = 256 << 20

// setReuse records which regimes are run once per replicate and reused,
// in the plan and in its sweep's description.
func (x *Prepared) setReuse(same []bool) {
	var names []string
	for r, ok := range same {
		if ok {
			names = append(names, x.Regimes[r])
		}
	}
	if x.heldFor(len(names)) > reuseLimit || len(x.Events) > 0 {
		// Too much to hold; or an event log, which each run writes for
		// itself while it runs.
		names = nil
	}
	if len(names) > 0 {
		x.reuse = same
	}
	if x.Sweep != nil {
		info := *x.Sweep
		info.Reused = names
		x.Sweep = &info
	}
}

// heldFor is the most memory the reused results of n regimes hold:
// every replicate's records, from its first use to its last.
func (x *Prepared) heldFor(n int) int64 {
	perRun := int64(x.Scenario.File.Days) * int64(unsafe.Sizeof(sim.DayRecord{}))
	if x.ByLocation {
		perRun += int64(x.Scenario.File.Days) * int64(len(x.Scenario.File.Locations)) * int64(unsafe.Sizeof(sim.LocationDay{}))
	}
	return int64(n) * int64(x.Reps) * perRun
}

// Reused lists the regimes that no varied key changes, whose replicates
// are run once and reused at every point.
func (x *Prepared) Reused() []string {
	var names []string
	for r, ok := range x.reuse {
		if ok {
			names = append(names, x.Regimes[r])
		}
	}
	return names
}

// Simulations is how many of jobs are simulated: all of them but those
// that reuse the result of an earlier job of the same unaffected regime
// and replicate.
func (x *Prepared) Simulations(jobs []int) int {
	if x.reuse == nil {
		return len(jobs)
	}
	n := 0
	seen := map[[2]int]bool{} // looked up only, never ranged over
	for _, k := range jobs {
		_, g, rep := x.Coords(k)
		if !x.reuse[g] {
			n++
			continue
		}
		if key := [2]int{g, rep}; !seen[key] {
			seen[key] = true
			n++
		}
	}
	return n
}

// scenarioAt is the scenario of point pi, not yet validated.
func (x *Prepared) scenarioAt(pi int) (*scenarios.Scenario, error) {
	if len(x.Keys) == 0 {
		return x.Scenario, nil
	}
	if x.At != nil {
		return x.At(x.Points[pi])
	}
	return SetPoint(x.Scenario, x.Keys, x.Points[pi])
}

// SetPoint is a copy of s with each key set to its value at point, as
// --vary sets it; not yet validated.
func SetPoint(s *scenarios.Scenario, keys []string, point []float64) (*scenarios.Scenario, error) {
	ps := s.Clone()
	for i, k := range keys {
		if err := ps.SetAs("--vary", k+"="+output.FormatFloat(point[i])); err != nil {
			return nil, err
		}
	}
	return ps, nil
}

// Config is the configuration of a point and regime.
func (x *Prepared) Config(point, regime int) (*sim.Config, error) {
	key := point*len(x.Regimes) + regime
	if x.configs != nil {
		return x.configs[key], nil
	}
	if cfg := x.recent.get(key); cfg != nil {
		return cfg, nil
	}
	s, err := x.scenarioAt(point)
	if err != nil {
		return nil, err
	}
	cfg, err := x.configure(s, x.Regimes[regime])
	if err == nil {
		x.recent.put(key, cfg)
	}
	return cfg, err
}

// recentConfigs keeps the recentLimit configurations last built, by
// point × regime, the oldest dropped first. Two runs may build the same
// one at once; both are the same configuration, and the engine only
// reads it. Nil keeps nothing.
type recentConfigs struct {
	mu    sync.Mutex
	byKey map[int]*sim.Config // looked up by key, never ranged over
	order []int               // the keys held, oldest first from next
	next  int
}

func (c *recentConfigs) get(key int) *sim.Config {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.byKey[key]
}

func (c *recentConfigs) put(key int, cfg *sim.Config) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.byKey[key]; ok {
		return
	}
	if len(c.order) < recentLimit {
		c.order = append(c.order, key)
	} else {
		delete(c.byKey, c.order[c.next])
		c.order[c.next] = key
		c.next = (c.next + 1) % recentLimit
	}
	c.byKey[key] = cfg
}

func (x *Prepared) configure(s *scenarios.Scenario, regime string) (*sim.Config, error) {
	if x.Configure != nil {
		return x.Configure(s, regime)
	}
	return s.Config(regime)
}

// logs reports whether the events of replicate rep are logged.
func (x *Prepared) logs(rep int) bool {
	_, ok := slices.BinarySearch(x.Events, rep)
	return ok
}

// ResolvedScenario is the scenario as the folder's scenario.toml records
// it: x.Scenario, with its replicates those run where the command line
// records them (--reps, as the command line sets them), so that the
// folder a library's plan of other replicates than its scenario's writes
// is the one its recorded command line writes.
func (x *Prepared) ResolvedScenario() *scenarios.Scenario {
	if !RepsRun(x.Command) || x.Reps == x.Scenario.File.Replicates {
		return x.Scenario
	}
	s := x.Scenario.Clone()
	s.File.Replicates = x.Reps
	return s
}

// Seed is the master seed.
func (x *Prepared) Seed() int64 { return x.Scenario.File.Seed }

// NRuns is the number of runs of the whole plan.
func (x *Prepared) NRuns() int { return len(x.Points) * len(x.Regimes) * x.Reps }

// Coords places run k: its point, regime and replicate.
func (x *Prepared) Coords(k int) (point, regime, rep int) {
	return x.coords(x.Order, k)
}

// coords places run k of the plan numbered in order o.
func (x *Prepared) coords(o Order, k int) (point, regime, rep int) {
	if o == ReplicateMajor {
		per := len(x.Points) * len(x.Regimes)
		rep, k = k/per, k%per
		return k / len(x.Regimes), k % len(x.Regimes), rep
	}
	rep = k % x.Reps
	regime = (k / x.Reps) % len(x.Regimes)
	return k / (x.Reps * len(x.Regimes)), regime, rep
}

// index is the number of the run at (point, regime, rep) in order o.
func (x *Prepared) index(o Order, point, regime, rep int) int {
	if o == ReplicateMajor {
		return (rep*len(x.Points)+point)*len(x.Regimes) + regime
	}
	return (point*len(x.Regimes)+regime)*x.Reps + rep
}

// Renumbered is rows, the summary rows of every run of x in x's order,
// as the same plan numbered in order o numbers and orders them: the
// runs, and so their results, are the same (a run's seed depends on its
// replicate alone). The classroom page runs compare's plan replicate by
// replicate and offers its tables in the command line's order.
func (x *Prepared) Renumbered(o Order, rows []output.SummaryRow) []output.SummaryRow {
	out := make([]output.SummaryRow, len(rows))
	for k := range out {
		point, regime, rep := x.coords(o, k)
		out[k] = rows[x.index(x.Order, point, regime, rep)]
		out[k].Run.ID = k
	}
	return out
}

// Run describes run k: its regime, replicate, seed and point.
func (x *Prepared) Run(k int) output.Run {
	point, regime, rep := x.Coords(k)
	return output.Run{
		ID: k, Regime: x.Regimes[regime], Replicate: rep,
		Seed:   sim.ReplicateSeed(uint64(x.Seed()), rep),
		Params: x.Points[point],
	}
}

// AllJobs is every run of the plan, in order.
func (x *Prepared) AllJobs() []int {
	jobs := make([]int, x.NRuns())
	for k := range jobs {
		jobs[k] = k
	}
	return jobs
}

// ShardJobs is the runs of shard i of n: those whose index mod n is i
// (round robin, which spreads points and regimes evenly over shards).
func (x *Prepared) ShardJobs(i, n int) []int {
	var jobs []int
	for k := i; k < x.NRuns(); k += n {
		jobs = append(jobs, k)
	}
	return jobs
}

// sameRuns reports whether configurations a and b give the same runs:
// equal but for the locations' coordinates, which the engine does not
// read (maps and reports do), so that a sweep of a latitude is seen to
// change nothing and is refused like one of a regime not run.
func sameRuns(a, b *sim.Config) bool {
	if len(a.Region.Locations) != len(b.Region.Locations) {
		return false
	}
	withoutCoords := func(c *sim.Config) sim.Config {
		v := *c
		v.Region.Locations = slices.Clone(c.Region.Locations)
		for i := range v.Region.Locations {
			l := &v.Region.Locations[i]
			l.Lat, l.Lon, l.HasCoords = 0, 0, false
		}
		return v
	}
	ac, bc := withoutCoords(a), withoutCoords(b)
	return reflect.DeepEqual(&ac, &bc)
}
