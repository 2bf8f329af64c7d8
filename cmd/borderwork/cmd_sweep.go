package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/scenarios/design"
	"github.com/borderwork/borderwork/sim"
)

const sweepDoc = `
Sweep runs SCENARIO at every point of a design of parameter values, under
every selected regime, for --reps replicates: points × regimes × replicates
runs, in that order. Replicate r has the same seed at every point and under
every regime (common random numbers); run k's seed depends only on the
master seed and k's replicate, never on how runs are split.

A grid (the default) varies each --vary key over its values and runs every
combination:

	--vary KEY=a:b:n    n evenly spaced values from a to b
	--vary KEY=a,b,c    the values listed

A Latin hypercube (--design lhs --samples N) takes ranges, --vary KEY=a:b,
and draws N points from the master seed. KEY is any numeric scenario key,
as for --set: regimes.malfunctioning.outage_start, abuse.desperation_effect,
posts.Toummo.capacity, origins.Bamako.documented, ...

--shard i/n runs only the runs k with k mod n = i (round robin, which spreads
points and regimes evenly over shards) into a folder of its own; 'borderwork
merge' joins the shards into the folder an unsharded sweep writes. For a
Slurm job array: --shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT.
--resume completes a folder whose sweep was interrupted; the result is the
same bytes as a sweep never interrupted.

Figures (not for shards, whose merge draws them): with one varied key, each
headline metric against the key, one line per regime with 95% bands; with
two, a heat map per regime of --metric and a heat map of the --contrast
difference between two regimes; with more, each metric against each key,
averaged over the others.
`

func cmdSweep(ctx context.Context, args []string, e *env) error {
	fs := newFlagSet("sweep", "borderwork sweep [flags] [SCENARIO] --vary KEY=SPEC ...", sweepDoc, e)
	var c common
	var vary listFlag
	c.register(fs, "", true)
	fs.Var(&vary, "vary", "a varied key: `KEY=a:b:n`, KEY=a,b,c, or KEY=a:b with --design lhs (repeatable)")
	designName := fs.String("design", "grid", "`grid` (every combination) or lhs (Latin hypercube)")
	samples := fs.Int("samples", 0, "`N` points of a Latin hypercube")
	shard := fs.String("shard", "", "run only shard `i/n` of the runs (k mod n = i)")
	resume := fs.Bool("resume", false, "complete an interrupted sweep folder")
	metric := fs.String("metric", "trapped_person_days", "the `metric` of the heat maps (a column of summary.csv)")
	contrast := fs.String("contrast", "", "heat map of the difference `a-b` between two regimes (default malfunctioning-closed when both run)")
	arg, err := c.parseArgs(fs, args, e)
	if err != nil {
		return err
	}
	sw, err := planSweep(&c, fs, arg, vary, *designName, *samples, *shard, *metric, *contrast)
	if err != nil {
		return err
	}
	x := sw.x
	out := c.out
	if out == "" {
		out = filepath.Join("out", "sweep-"+x.scenario.File.Name)
		if sw.shardN > 0 {
			out += fmt.Sprintf("-shard-%d-of-%d", sw.shardI, sw.shardN)
		}
	}
	if err := output.CheckTarget(out); err != nil {
		return usageErrorf("--out: %v", err)
	}
	scenarioTOML, err := x.scenario.Encode()
	if err != nil {
		return err
	}
	opts := writeOptions{jobs: sw.jobs, quiet: c.quiet, extra: func(m *output.Manifest) { m.Sweep = sw.info() }}
	if *resume {
		done, complete, err := resumable(out, x, sw, output.SHA256(scenarioTOML))
		if err != nil {
			return err
		}
		if complete {
			fmt.Fprintf(e.stdout, "%s is already complete: nothing to do.\n", out)
			return nil
		}
		if done != nil {
			opts.done, opts.resume = done, out
		}
	}
	formats, _ := parseFormats(c.formats)
	if sw.shardN == 0 {
		opts.figures = func(dir string) ([]string, error) {
			return drawSweepFigures(dir, sw.info(), x.regimes, x.scenario.File.Name, x.seed(), x.reps, formats)
		}
	}
	res, err := writeExperiment(ctx, x, out, c.workers, opts, e)
	if errors.Is(err, errInterrupted) {
		fmt.Fprintf(e.stderr, "borderwork sweep: kept %d finished runs in %s (marked incomplete); --resume completes it\n", len(res.rows), out)
		return err
	}
	if err != nil {
		return err
	}
	if c.json {
		return printJSONSummary(e.stdout, x, res.groups)
	}
	fmt.Fprintf(e.stdout, "%s: %d points × %d regime(s) × %d replicates = %d runs", x.scenario.File.Name, len(x.points), len(x.regimes), x.reps, x.nRuns())
	if sw.shardN > 0 {
		fmt.Fprintf(e.stdout, "; shard %d/%d holds %d of them", sw.shardI, sw.shardN, len(sw.jobs))
	}
	fmt.Fprintf(e.stdout, ".\nWrote %s: tables and %d figures.\n", out, len(res.figures))
	return nil
}

// sweepPlan is a validated sweep: its experiment, the runs this folder
// holds, and what the manifest records of the design.
type sweepPlan struct {
	x              *experiment
	jobs           []int
	factors        []design.Factor
	design         string
	samples        int
	vary           []string
	shardI, shardN int
	metric         string
	contrast       string
}

func (sw *sweepPlan) info() *output.SweepInfo {
	info := &output.SweepInfo{
		Design: sw.design, Samples: sw.samples, Vary: sw.vary, Keys: sw.x.paramKeys,
		Points: sw.x.points, Metric: sw.metric, Contrast: sw.contrast, TotalRuns: sw.x.nRuns(),
	}
	if sw.shardN > 0 {
		info.Shard = fmt.Sprintf("%d/%d", sw.shardI, sw.shardN)
	}
	return info
}

// args are the sweep's own flags as the manifest's command line records
// them: everything that decides the tables and figures, nothing about
// shards or resuming, so that shards and the whole agree.
func (sw *sweepPlan) args() []string { return sweepArgs(sw.info()) }

// sweepArgs are the flags that make a sweep what it is, as recorded in
// its manifest: design, varied keys, metric and contrast; not its shard.
func sweepArgs(info *output.SweepInfo) []string {
	a := []string{"--design", info.Design}
	if info.Design == "lhs" {
		a = append(a, "--samples", strconv.Itoa(info.Samples))
	}
	for _, v := range info.Vary {
		a = append(a, "--vary", v)
	}
	a = append(a, "--metric", info.Metric)
	if info.Contrast != "" {
		a = append(a, "--contrast", info.Contrast)
	}
	return a
}

// planSweep checks every flag and every point of the design before any
// run starts, so that bad input writes nothing.
func planSweep(c *common, fs *flagSet, arg string, vary []string, designName string, samples int, shard, metric, contrast string) (*sweepPlan, error) {
	sw := &sweepPlan{design: designName, samples: samples, vary: vary, metric: metric}
	switch {
	case len(vary) == 0:
		return nil, usageErrorf("give at least one --vary KEY=SPEC")
	case designName != "grid" && designName != "lhs":
		return nil, usageErrorf("--design must be grid or lhs, got %q", designName)
	case designName == "lhs" && samples < 1:
		return nil, usageErrorf("--design lhs needs --samples N (at least 1)")
	case designName == "grid" && fs.set["samples"]:
		return nil, usageErrorf("--samples is for --design lhs")
	case output.TotalIndex(metric) < 0:
		return nil, usageErrorf("--metric: unknown metric %q (a column of summary.csv, such as trapped_person_days)", metric)
	}
	if shard != "" {
		i, n, ok := strings.Cut(shard, "/")
		si, err1 := strconv.Atoi(i)
		sn, err2 := strconv.Atoi(n)
		if !ok || err1 != nil || err2 != nil || sn < 1 || si < 0 || si >= sn {
			return nil, usageErrorf("--shard must be i/n with 0 <= i < n, got %q", shard)
		}
		sw.shardI, sw.shardN = si, sn
	}
	s, err := c.loadScenario(arg, fs)
	if err != nil {
		return nil, err
	}
	regimes, err := c.regimeList(s)
	if err != nil {
		return nil, err
	}
	if sw.contrast, err = parseContrast(contrast, regimes); err != nil {
		return nil, err
	}
	var keys []string
	for _, v := range vary {
		f, err := design.Parse(v, designName == "lhs")
		if err != nil {
			return nil, usageErrorf("%v", err)
		}
		numeric, integer, err := s.KeyKind(f.Key)
		if err != nil {
			return nil, usageErrorf("--vary %s: %v", v, unwrapScenarioError(err))
		}
		if !numeric {
			return nil, usageErrorf("--vary %s: %s is not a number; set it with --set", v, f.Key)
		}
		f.Integer = integer
		if err := f.CheckInteger(); err != nil {
			return nil, usageErrorf("%v", err)
		}
		if slices.Contains(keys, f.Key) {
			return nil, usageErrorf("--vary: %s is varied twice", f.Key)
		}
		keys = append(keys, f.Key)
		sw.factors = append(sw.factors, f)
	}
	var points [][]float64
	if designName == "grid" {
		points = design.Grid(sw.factors)
	} else {
		points = design.LatinHypercube(sw.factors, samples, uint64(s.File.Seed))
	}
	x := &experiment{command: "sweep", arg: arg, scenario: s, regimes: regimes, reps: s.File.Replicates, paramKeys: keys, points: points}
	for p := range points {
		ps, err := pointScenario(s, keys, points[p])
		if err == nil {
			err = ps.Validate()
		}
		if err != nil {
			return nil, err
		}
	}
	// Every point was validated above; each run only rebuilds its own.
	x.config = func(p, r int) (*sim.Config, error) {
		ps, err := pointScenario(s, keys, points[p])
		if err != nil {
			return nil, err
		}
		return ps.Config(regimes[r])
	}
	sw.x = x
	all := allJobs(x)
	if sw.shardN == 0 {
		sw.jobs = all
	} else {
		for _, k := range all {
			if k%sw.shardN == sw.shardI {
				sw.jobs = append(sw.jobs, k)
			}
		}
	}
	if len(sw.jobs) == 0 {
		return nil, usageErrorf("--shard %s holds no runs: there are only %d", shard, len(all))
	}
	x.extraArgs = sw.args()
	return sw, nil
}

// pointScenario is the scenario at one point of the design, not yet
// validated.
func pointScenario(s *scenarios.Scenario, keys []string, point []float64) (*scenarios.Scenario, error) {
	ps := s.Clone()
	for i, k := range keys {
		if err := ps.SetAs("--vary", k+"="+output.FormatFloat(point[i])); err != nil {
			return nil, err
		}
	}
	return ps, nil
}

func unwrapScenarioError(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, ": "); i >= 0 && strings.HasPrefix(msg, "--vary") {
		return msg[i+2:]
	}
	return msg
}

// parseContrast reads "a-b", two regimes of the sweep; regime names may
// hold hyphens, so every split is tried.
func parseContrast(spec string, regimes []string) (string, error) {
	if spec == "" {
		if slices.Contains(regimes, "malfunctioning") && slices.Contains(regimes, "closed") {
			return "malfunctioning-closed", nil
		}
		return "", nil
	}
	if _, _, ok := splitContrast(spec, regimes); !ok {
		return "", usageErrorf("--contrast must be a-b with a and b among the regimes run (%s), got %q", strings.Join(regimes, ", "), spec)
	}
	return spec, nil
}

func splitContrast(spec string, regimes []string) (a, b string, ok bool) {
	for i := range len(spec) {
		if spec[i] == '-' && slices.Contains(regimes, spec[:i]) && slices.Contains(regimes, spec[i+1:]) && spec[:i] != spec[i+1:] {
			return spec[:i], spec[i+1:], true
		}
	}
	return "", "", false
}

// resumable reads an interrupted sweep folder and returns the runs it
// holds, which must be a prefix of this sweep's runs. A missing folder
// means starting afresh.
func resumable(out string, x *experiment, sw *sweepPlan, scenarioSHA string) ([]output.SummaryRow, bool, error) {
	m, err := output.ReadManifest(out)
	if errors.Is(err, os.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, usageErrorf("--resume: %v", err)
	}
	info := sw.info()
	switch {
	case m.Command != "sweep" || m.Sweep == nil:
		return nil, false, usageErrorf("--resume: %s holds a %s folder, not a sweep", out, m.Command)
	case m.CommandLine != x.commandLine() || m.ScenarioSHA256 != scenarioSHA:
		return nil, false, usageErrorf("--resume: %s was written by a different sweep (%s); rerun that command with --resume", out, m.CommandLine)
	case m.Sweep.Shard != info.Shard:
		return nil, false, usageErrorf("--resume: %s holds shard %q, not %q", out, m.Sweep.Shard, info.Shard)
	}
	if m.Complete {
		return nil, true, nil
	}
	_, rows, err := output.ReadSummary(filepath.Join(out, "summary.csv"))
	if err != nil {
		return nil, false, err
	}
	if len(rows) != len(m.Runs) || len(rows) > len(sw.jobs) {
		return nil, false, usageErrorf("--resume: %s's tables and manifest disagree; run the sweep afresh", out)
	}
	for i, r := range rows {
		if r.Run.ID != sw.jobs[i] {
			return nil, false, usageErrorf("--resume: %s holds run %d where run %d belongs; run the sweep afresh", out, r.Run.ID, sw.jobs[i])
		}
	}
	return rows, false, nil
}
