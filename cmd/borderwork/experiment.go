package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/sim"
	"github.com/borderwork/borderwork/sim/batch"
)

// experiment is a set of runs of one scenario: sweep points × regimes ×
// replicates, in that order. Run k's seed depends only on the master seed
// and its replicate, so replicate r meets the same migrants under every
// regime and at every point (common random numbers).
type experiment struct {
	command   string
	arg       string // the scenario as given on the command line
	scenario  *scenarios.Scenario
	regimes   []string
	reps      int
	paramKeys []string
	points    [][]float64 // one empty point for run and compare
	extraArgs []string    // the command's own flags, for the manifest's command line
	repMajor  bool        // number runs replicate first (claim adds replicates without renumbering)

	// config builds the configuration of a point and regime.
	config func(point, regime int) (*sim.Config, error)
}

func (x *experiment) seed() int64 { return x.scenario.File.Seed }

// nRuns is the number of runs of the whole experiment.
func (x *experiment) nRuns() int { return len(x.points) * len(x.regimes) * x.reps }

// coords places run k: its point, regime and replicate.
func (x *experiment) coords(k int) (point, regime, rep int) {
	if x.repMajor {
		per := len(x.points) * len(x.regimes)
		rep, k = k/per, k%per
		return k / len(x.regimes), k % len(x.regimes), rep
	}
	rep = k % x.reps
	regime = (k / x.reps) % len(x.regimes)
	return k / (x.reps * len(x.regimes)), regime, rep
}

// run describes run k.
func (x *experiment) run(k int) output.Run {
	point, regime, rep := x.coords(k)
	return output.Run{
		ID: k, Regime: x.regimes[regime], Replicate: rep,
		Seed:   sim.ReplicateSeed(uint64(x.seed()), rep),
		Params: x.points[point],
	}
}

// configCache builds every point × regime configuration once, up front:
// errors surface before anything is written.
func configCache(x *experiment, build func(point, regime int) (*sim.Config, error)) error {
	cache := make([]*sim.Config, len(x.points)*len(x.regimes))
	for p := range x.points {
		for r := range x.regimes {
			cfg, err := build(p, r)
			if err != nil {
				return err
			}
			cache[p*len(x.regimes)+r] = cfg
		}
	}
	x.config = func(p, r int) (*sim.Config, error) { return cache[p*len(x.regimes)+r], nil }
	return nil
}

// runInfo is how the manifest lists run k.
func (x *experiment) runInfo(k int) output.RunInfo {
	r := x.run(k)
	return output.RunInfo{ID: r.ID, Regime: r.Regime, Replicate: r.Replicate, Seed: r.Seed, Params: r.Params}
}

// testHookEmitted, if set by a test, is called after each run is written.
var testHookEmitted func(done int)

// simulated is one finished run.
type simulated struct {
	run       output.Run
	days      []sim.DayRecord
	locations []sim.LocationDay
}

// execute runs the jobs (run indices, in order) on workers and streams
// each finished run to the tables in run order. It returns the summary
// rows of the runs written. An interruption returns the rows so far and
// errInterrupted.
// loc, if set, receives per-location records (--by-location).
func (x *experiment) execute(ctx context.Context, jobs []int, workers int, ts, sum, loc *output.CSVFile, prog *progress, already int) ([]output.SummaryRow, error) {
	var rows []output.SummaryRow
	job := func(_ context.Context, k int) (simulated, error) {
		r := x.run(k)
		point, regime, _ := x.coords(k)
		cfg, err := x.config(point, regime)
		if err != nil {
			return simulated{}, err
		}
		if loc != nil {
			withLocations := *cfg // the engine only reads its configuration
			withLocations.RecordLocations = true
			cfg = &withLocations
		}
		res, err := sim.Run(cfg, r.Seed)
		if err != nil {
			return simulated{}, fmt.Errorf("run %d (%s, replicate %d): %w", k, r.Regime, r.Replicate, err)
		}
		return simulated{run: r, days: res.Days, locations: res.Locations}, nil
	}
	emit := func(_ int, s simulated) error {
		if ts != nil {
			if err := output.WriteTimeseries(ts, s.run, s.days); err != nil {
				return err
			}
		}
		if loc != nil {
			names := x.scenario.File.Locations
			if err := output.WriteLocations(loc, s.run, len(names), func(i int) string { return names[i].Name }, s.locations); err != nil {
				return err
			}
		}
		row := output.SummaryOf(s.run, s.days)
		if err := output.WriteSummaryRow(sum, row); err != nil {
			return err
		}
		rows = append(rows, row)
		prog.done(already + len(rows))
		if testHookEmitted != nil {
			testHookEmitted(already + len(rows))
		}
		return nil
	}
	err := batch.Run(ctx, jobs, workers, 2*workers+2, job, emit)
	prog.finish()
	if err != nil && ctx.Err() != nil && errors.Is(err, context.Canceled) {
		return rows, fmt.Errorf("%w after %d of %d runs", errInterrupted, already+len(rows), already+len(jobs))
	}
	return rows, err
}

// startFolder begins the output folder of x at out, under a temporary
// name, with the resolved scenario in it. The caller discards it on
// failure.
func startFolder(x *experiment, out string) (*output.Folder, []byte, error) {
	scenarioTOML, err := x.scenario.Encode()
	if err != nil {
		return nil, nil, err
	}
	folder, err := output.Create(out)
	if err != nil {
		return nil, nil, err
	}
	if err := output.WriteFile(folder.Path("scenario.toml"), scenarioTOML); err != nil {
		folder.Discard()
		return nil, nil, err
	}
	return folder, scenarioTOML, nil
}

// finishFolder records the checksums of the tables and figures in the
// manifest, writes it, and renames the folder into place.
func finishFolder(folder *output.Folder, m *output.Manifest, tables, figs []string) error {
	var err error
	if m.Tables, err = output.Check(folder.Dir, tables); err != nil {
		return err
	}
	if m.Figures, err = output.Check(folder.Dir, figs); err != nil {
		return err
	}
	if m.Figures == nil {
		m.Figures = []output.Checked{}
	}
	if err := m.Write(folder.Path("manifest.json")); err != nil {
		return err
	}
	return folder.Commit()
}

// commandLine is a command that reruns the experiment (the --out, --workers
// and display flags aside).
func (x *experiment) commandLine(extra ...string) string {
	args := []string{"borderwork", x.command}
	if x.arg != "" {
		args = append(args, x.arg)
	}
	args = append(args, "--seed", strconv.FormatInt(x.seed(), 10),
		"--days", strconv.Itoa(x.scenario.File.Days),
		"--reps", strconv.Itoa(x.scenario.File.Replicates)) // as asked: claim may add more
	if x.command != "claim" { // claim always runs its four regimes
		args = append(args, "--regimes", strings.Join(x.regimes, ","))
	}
	for _, kv := range x.scenario.Sets() {
		args = append(args, "--set", kv)
	}
	args = append(args, x.extraArgs...)
	args = append(args, extra...)
	for i, a := range args {
		if a == "" || strings.ContainsAny(a, " \t\"'$\\") {
			args[i] = strconv.Quote(a)
		}
	}
	return strings.Join(args, " ")
}

// manifest fills in what every experiment's manifest holds.
func (x *experiment) manifest(scenarioSHA string, runs []int) *output.Manifest {
	m := output.NewManifest(x.command)
	s := x.scenario
	m.Scenario = s.File.Name
	m.ScenarioSource = s.Source
	m.ScenarioSHA256 = scenarioSHA
	m.Sets = s.Sets()
	if m.Sets == nil {
		m.Sets = []string{}
	}
	m.Seed = x.seed()
	m.Days = s.File.Days
	m.Reps = x.reps
	m.Regimes = x.regimes
	m.Runs = make([]output.RunInfo, 0, len(runs))
	for _, k := range runs {
		m.Runs = append(m.Runs, x.runInfo(k))
	}
	return m
}
