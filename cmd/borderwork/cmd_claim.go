package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/claim"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/scenarios/design"
	"github.com/borderwork/borderwork/sim"
)

const claimDoc = `
Claim tests the claim behind borderwork: that it is not borders per se but
malfunctioning borders that endanger migrants. It runs the open, closed,
malfunctioning and hbm regimes of SCENARIO with common random numbers and
tests each hypothesis of docs/CLAIM.md (H1 malfunctioning > closed, H2
malfunctioning > open, H3 the malfunction effect exceeds the closure effect,
H4a hbm < malfunctioning, H4b hbm < closed) on trapped person-days, migrants
abused, abuse events and deaths: the paired difference across replicates,
its 95% confidence interval, an effect size, and a verdict (supported,
contradicted or inconclusive).

It starts with --reps replicates and doubles them until every interval
excludes 0 or is narrower than --precision times the baseline regime's mean,
or --max-reps is reached.

--robustness repeats the check at --samples points of a Latin hypercube over
the assumptions that could overturn it (abuse's dependence on desperation,
information quality under malfunction, smugglers' market entry, migrants'
ability to turn back, post capacity, outage length), reports the share of
the space where each hypothesis holds and which assumptions the verdict
hinges on, and maps where H1 holds.

The folder holds the compare tables and figures of the four regimes,
contrasts.csv, with --robustness robustness.csv and robustness_summary.csv,
their figures, and report.md. --json prints the verdict table.
`

// claimOptions are the claim command's own flags.
type claimOptions struct {
	initialReps, maxReps int
	precision            float64
	robustness           bool
	samples, robustReps  int
}

func (o claimOptions) args() []string {
	a := []string{"--max-reps", strconv.Itoa(o.maxReps), "--precision", output.FormatFloat(o.precision)}
	if o.robustness {
		a = append(a, "--robustness", "--samples", strconv.Itoa(o.samples), "--robustness-reps", strconv.Itoa(o.robustReps))
	}
	return a
}

// claimInfo is what the manifest records of a claim check.
type claimInfo struct {
	Hypotheses  []claimHypothesis `json:"hypotheses"`
	Metrics     []string          `json:"metrics"`
	InitialReps int               `json:"initial_reps"`
	MaxReps     int               `json:"max_reps"`
	Precision   float64           `json:"precision"`
	FinalReps   int               `json:"final_reps"`
	Robustness  *robustnessInfo   `json:"robustness,omitempty"`
}

type claimHypothesis struct {
	ID        string `json:"id"`
	Statement string `json:"statement"`
	Contrast  string `json:"contrast"`
}

type robustnessInfo struct {
	Samples     int          `json:"samples"`
	Reps        int          `json:"reps"`
	Assumptions []assumption `json:"assumptions"`
	Points      [][]float64  `json:"points"`
}

// assumption is a model assumption the robustness check varies: a key set
// to the sampled value, or, when Scale, every post's capacity multiplied by it.
type assumption struct {
	ID      string  `json:"id"`
	Label   string  `json:"label"`
	Key     string  `json:"key"`
	Lo      float64 `json:"lo"`
	Hi      float64 `json:"hi"`
	Integer bool    `json:"integer,omitempty"`
	Scale   bool    `json:"scale,omitempty"`
}

// assumptions are those that could overturn the claim (docs/CLAIM.md).
var assumptions = []assumption{
	{ID: "desperation_effect", Label: "abuse's dependence on desperation", Key: "abuse.desperation_effect", Lo: 0, Hi: 4},
	{ID: "information", Label: "information quality under malfunction", Key: "regimes.malfunctioning.accuracy", Lo: 0, Hi: 1},
	{ID: "market_entry", Label: "smugglers' market entry", Key: "smuggling.entry_rate", Lo: 0, Hi: 0.5},
	{ID: "give_up_days", Label: "days before turning back", Key: "migrants.give_up_days", Lo: 7, Hi: 120, Integer: true},
	{ID: "return_cost", Label: "cost of turning back (USD)", Key: "migrants.return_cost", Lo: 0, Hi: 300},
	{ID: "post_capacity", Label: "post capacity (multiple of the scenario's)", Key: "posts.*.capacity", Lo: 0.5, Hi: 2, Scale: true},
	{ID: "outage_days", Label: "length of outages under malfunction (days)", Key: "regimes.malfunctioning.outage_days", Lo: 3, Hi: 60},
}

func cmdClaim(ctx context.Context, args []string, e *env) error {
	fs := newFlagSet("claim", "borderwork claim [flags] [SCENARIO]", claimDoc, e)
	var c common
	var o claimOptions
	fs.Int64Var(&c.seed, "seed", 0, "the master seed, `N` (default: the scenario's seed)")
	fs.IntVar(&c.days, "days", 0, "simulate `N` days (default: the scenario's days)")
	fs.IntVar(&c.reps, "reps", 0, "start with `N` replicates per regime (default: the scenario's replicates)")
	fs.Var(&c.sets, "set", "override a scenario key: `KEY=VALUE` (repeatable)")
	fs.IntVar(&c.workers, "workers", defaultWorkers(), "run on `N` workers; results do not depend on it")
	fs.StringVar(&c.out, "out", "", "write the output folder to `DIR` (default out/claim-SCENARIO)")
	fs.StringVar(&c.formats, "formats", "png,svg,pdf", "figure `formats`, comma-separated")
	fs.BoolVar(&c.quiet, "quiet", false, "print no progress")
	fs.BoolVar(&c.json, "json", false, "print the verdict table as JSON")
	fs.IntVar(&o.maxReps, "max-reps", 200, "add replicates up to `N` per regime")
	fs.Float64Var(&o.precision, "precision", 0.05, "stop when every interval is narrower than `P` times the baseline's mean (or excludes 0)")
	fs.BoolVar(&o.robustness, "robustness", false, "repeat the check over a Latin hypercube of assumptions")
	fs.IntVar(&o.samples, "samples", 32, "`N` points of the robustness design")
	fs.IntVar(&o.robustReps, "robustness-reps", 10, "`N` replicates per regime at each robustness point")
	arg, err := c.parseArgs(fs, args, e)
	if err != nil {
		return err
	}
	switch {
	case o.precision <= 0 || math.IsNaN(o.precision):
		return usageErrorf("--precision must be more than 0, got %v", o.precision)
	case o.samples < 2:
		return usageErrorf("--samples must be at least 2, got %d", o.samples)
	case o.robustReps < 2:
		return usageErrorf("--robustness-reps must be at least 2, got %d", o.robustReps)
	}
	s, err := c.loadScenario(arg, fs)
	if err != nil {
		return err
	}
	o.initialReps = s.File.Replicates
	if o.initialReps < 2 {
		return usageErrorf("--reps must be at least 2 for a confidence interval, got %d", o.initialReps)
	}
	if o.maxReps < o.initialReps {
		return usageErrorf("--max-reps (%d) must be at least --reps (%d)", o.maxReps, o.initialReps)
	}
	x := &experiment{command: "claim", arg: arg, scenario: s, regimes: claim.Regimes, reps: o.initialReps, points: [][]float64{nil}, repMajor: true, extraArgs: o.args()}
	if err := configCache(x, func(_, r int) (*sim.Config, error) { return s.Config(claim.Regimes[r]) }); err != nil {
		return err
	}
	var robust *robustnessPlan
	if o.robustness {
		if robust, err = planRobustness(s, o); err != nil {
			return err
		}
	}
	out := c.out
	if out == "" {
		out = filepath.Join("out", "claim-"+s.File.Name)
	}
	if err := output.CheckTarget(out); err != nil {
		return usageErrorf("--out: %v", err)
	}
	formats, _ := parseFormats(c.formats)
	res, err := writeClaim(ctx, x, o, robust, out, c.workers, formats, c.quiet, e)
	if errors.Is(err, errInterrupted) {
		fmt.Fprintf(e.stderr, "borderwork claim: kept the finished runs in %s (marked incomplete)\n", out)
		return err
	}
	if err != nil {
		return err
	}
	if c.json {
		return printClaimJSON(e.stdout, x, res)
	}
	printClaim(e.stdout, x, res)
	fmt.Fprintf(e.stdout, "\nWrote %s: tables, %d figures, report.md.\n", out, len(res.figures))
	return nil
}

// claimResult is a finished claim check.
type claimResult struct {
	reps       int
	results    []claim.Result
	robustness *robustnessResult
	figures    []string
}

// writeClaim runs the check, adding replicates in stages, then the
// robustness design, and writes the folder.
func writeClaim(ctx context.Context, x *experiment, o claimOptions, robust *robustnessPlan, out string, workers int, formats []string, quiet bool, e *env) (*claimResult, error) {
	folder, scenarioTOML, err := startFolder(x, out)
	if err != nil {
		return nil, err
	}
	defer folder.Discard()
	ts, err := output.CreateCSV(folder.Path("timeseries.csv"), output.TimeseriesHeader(nil))
	if err != nil {
		return nil, err
	}
	sum, err := output.CreateCSV(folder.Path("summary.csv"), output.SummaryHeader(nil))
	if err != nil {
		ts.Close()
		return nil, err
	}
	res := &claimResult{}
	var rows []output.SummaryRow
	var runErr error
	for n, start := o.initialReps, 0; ; {
		x.reps = n
		jobs := make([]int, 0, (n-start)*len(x.regimes))
		for k := start * len(x.regimes); k < n*len(x.regimes); k++ {
			jobs = append(jobs, k)
		}
		prog := newProgress(e.stderr, fmt.Sprintf("claim (%d replicates)", n), n*len(x.regimes), quiet)
		var more []output.SummaryRow
		more, runErr = x.execute(ctx, jobs, workers, ts, sum, nil, prog, len(rows))
		rows = append(rows, more...)
		if runErr != nil {
			break
		}
		if res.results, err = claim.Test(claim.Collect(rows)); err != nil {
			return nil, err
		}
		res.reps = n
		if n >= o.maxReps || settled(res.results, o.precision) {
			break
		}
		start, n = n, min(o.maxReps, 2*n)
	}
	if err := errors.Join(ts.Close(), sum.Close()); err != nil {
		return nil, err
	}
	if runErr != nil && !errors.Is(runErr, errInterrupted) {
		return nil, runErr
	}
	if err := output.WriteStats(folder.Path("stats.csv"), nil, output.GroupByRegime(rows)); err != nil {
		return nil, err
	}
	tables := []string{"timeseries.csv", "summary.csv", "stats.csv"}
	complete := runErr == nil
	if complete {
		if err := writeContrasts(folder.Path("contrasts.csv"), res.results); err != nil {
			return nil, err
		}
		tables = append(tables, "contrasts.csv")
		if robust != nil {
			prog := newProgress(e.stderr, "claim robustness", len(robust.jobs), quiet)
			if res.robustness, runErr = robust.run(ctx, folder, workers, prog); runErr != nil && !errors.Is(runErr, errInterrupted) {
				return nil, runErr
			}
			complete = runErr == nil
			tables = append(tables, "robustness_summary.csv")
			if complete {
				tables = append(tables, "robustness.csv")
			}
		}
	}
	if complete {
		if res.figures, err = drawClaimFigures(folder.Dir, x.scenario.File.Name, x.seed(), formats); err != nil {
			return nil, err
		}
		if err := writeClaimReport(folder.Path("report.md"), x, o, res); err != nil {
			return nil, err
		}
	}
	done := make([]int, len(rows))
	for i := range rows {
		done[i] = rows[i].Run.ID
	}
	x.reps = res.reps
	m := x.manifest(output.SHA256(scenarioTOML), done)
	m.CommandLine = x.commandLine()
	info := &claimInfo{Metrics: claim.Metrics, InitialReps: o.initialReps, MaxReps: o.maxReps, Precision: o.precision, FinalReps: res.reps}
	for _, h := range claim.Hypotheses {
		info.Hypotheses = append(info.Hypotheses, claimHypothesis{h.ID, h.Statement, h.Contrast})
	}
	if robust != nil {
		info.Robustness = &robustnessInfo{Samples: o.samples, Reps: o.robustReps, Assumptions: assumptions, Points: robust.points}
	}
	m.Claim = info
	m.Complete = complete
	if err := finishFolder(folder, m, tables, res.figures); err != nil {
		return nil, err
	}
	return res, runErr
}

// settled reports whether more replicates would change no verdict much.
func settled(results []claim.Result, precision float64) bool {
	for _, r := range results {
		if !r.Settled(precision) {
			return false
		}
	}
	return true
}

func writeContrasts(path string, results []claim.Result) error {
	c, err := output.CreateCSV(path, []string{"hypothesis", "contrast", "metric", "n", "mean", "sd", "ci_low", "ci_high", "effect_size", "relative", "relative_low", "relative_high", "verdict"})
	if err != nil {
		return err
	}
	for _, r := range results {
		lo, hi := r.RelativeInterval()
		row := []string{r.Hypothesis.ID, r.Hypothesis.Contrast, r.Metric, strconv.Itoa(r.Diff.N),
			output.FormatFloat(r.Diff.Mean), output.FormatFloat(r.Diff.SD), output.FormatFloat(r.Diff.Lo), output.FormatFloat(r.Diff.Hi),
			output.FormatFloat(r.EffectSize), output.FormatFloat(r.Relative), output.FormatFloat(lo), output.FormatFloat(hi), string(r.Verdict)}
		if err := c.Write(row); err != nil {
			c.Close()
			return err
		}
	}
	return c.Close()
}

// robustnessPlan is the Latin hypercube of assumptions and its runs.
type robustnessPlan struct {
	x      *experiment
	points [][]float64
	jobs   []int
}

func planRobustness(s *scenarios.Scenario, o claimOptions) (*robustnessPlan, error) {
	var factors []design.Factor
	var ids []string
	for _, a := range assumptions {
		factors = append(factors, design.Factor{Key: a.Key, Lo: a.Lo, Hi: a.Hi, Integer: a.Integer})
		ids = append(ids, a.ID)
	}
	points := design.LatinHypercube(factors, o.samples, uint64(s.File.Seed))
	for _, p := range points {
		ps, err := assumptionScenario(s, p)
		if err == nil {
			err = ps.Validate()
		}
		if err != nil {
			return nil, err
		}
	}
	x := &experiment{command: "claim", scenario: s, regimes: claim.Regimes, reps: o.robustReps, paramKeys: ids, points: points}
	x.config = func(p, r int) (*sim.Config, error) {
		ps, err := assumptionScenario(s, points[p])
		if err != nil {
			return nil, err
		}
		return ps.Config(claim.Regimes[r])
	}
	return &robustnessPlan{x: x, points: points, jobs: allJobs(x)}, nil
}

// assumptionScenario is the scenario at one point of the robustness
// design, not yet validated (planRobustness validates every point once).
func assumptionScenario(s *scenarios.Scenario, point []float64) (*scenarios.Scenario, error) {
	ps := s.Clone()
	for i, a := range assumptions {
		if a.Scale {
			for j, p := range s.File.Posts {
				kv := fmt.Sprintf("posts.%d.capacity=%s", j, output.FormatFloat(*p.Capacity*point[i]))
				if err := ps.SetAs("--robustness", kv); err != nil {
					return nil, err
				}
			}
			continue
		}
		if err := ps.SetAs("--robustness", a.Key+"="+output.FormatFloat(point[i])); err != nil {
			return nil, err
		}
	}
	return ps, nil
}

// robustnessResult is the check at every point of the design.
type robustnessResult struct {
	points  [][]float64
	results [][]claim.Result // per point, as claim.Test orders them
}

// run executes the design, writes robustness_summary.csv as runs finish
// and robustness.csv at the end.
func (rp *robustnessPlan) run(ctx context.Context, folder *output.Folder, workers int, prog *progress) (*robustnessResult, error) {
	sum, err := output.CreateCSV(folder.Path("robustness_summary.csv"), output.SummaryHeader(rp.x.paramKeys))
	if err != nil {
		return nil, err
	}
	rows, runErr := rp.x.execute(ctx, rp.jobs, workers, nil, sum, nil, prog, 0)
	if err := sum.Close(); err != nil {
		return nil, err
	}
	if runErr != nil {
		return nil, runErr
	}
	res := &robustnessResult{points: rp.points}
	per := len(claim.Regimes) * rp.x.reps
	for p := range rp.points {
		r, err := claim.Test(claim.Collect(rows[p*per : (p+1)*per]))
		if err != nil {
			return nil, err
		}
		res.results = append(res.results, r)
	}
	c, err := output.CreateCSV(folder.Path("robustness.csv"), append(append([]string{"point"}, rp.x.paramKeys...),
		"hypothesis", "metric", "n", "mean", "ci_low", "ci_high", "relative", "verdict"))
	if err != nil {
		return nil, err
	}
	for p, point := range rp.points {
		for _, r := range res.results[p] {
			row := []string{strconv.Itoa(p)}
			for _, v := range point {
				row = append(row, output.FormatFloat(v))
			}
			row = append(row, r.Hypothesis.ID, r.Metric, strconv.Itoa(r.Diff.N), output.FormatFloat(r.Diff.Mean),
				output.FormatFloat(r.Diff.Lo), output.FormatFloat(r.Diff.Hi), output.FormatFloat(r.Relative), string(r.Verdict))
			if err := c.Write(row); err != nil {
				c.Close()
				return nil, err
			}
		}
	}
	return res, c.Close()
}

// shares counts, for result index i (hypothesis × metric), the share of
// points with each verdict.
func (rr *robustnessResult) shares(i int) (supported, contradicted, inconclusive float64) {
	for _, rs := range rr.results {
		switch rs[i].Verdict {
		case claim.Supported:
			supported++
		case claim.Contradicted:
			contradicted++
		default:
			inconclusive++
		}
	}
	n := float64(len(rr.results))
	return supported / n, contradicted / n, inconclusive / n
}

// influences ranks the assumptions by how strongly they move result i's
// relative contrast (absolute Spearman correlation, largest first; ties by
// the assumptions' order).
func (rr *robustnessResult) influences(i int) []claim.Influence {
	var out []claim.Influence
	for j, a := range assumptions {
		var xs, ys []float64
		for p, rs := range rr.results {
			xs = append(xs, rr.points[p][j])
			y := rs[i].Relative
			if math.IsNaN(y) {
				y = rs[i].Diff.Mean
			}
			ys = append(ys, y)
		}
		inf := claim.Influence{Assumption: a.ID, Spearman: claim.Spearman(xs, ys)}
		lowCut, highCut := a.Lo+(a.Hi-a.Lo)/3, a.Hi-(a.Hi-a.Lo)/3
		var lowN, lowYes, highN, highYes float64
		for p, rs := range rr.results {
			yes := 0.0
			if rs[i].Verdict == claim.Supported {
				yes = 1
			}
			switch v := rr.points[p][j]; {
			case v <= lowCut:
				lowN, lowYes = lowN+1, lowYes+yes
			case v >= highCut:
				highN, highYes = highN+1, highYes+yes
			}
		}
		inf.HoldsLow, inf.HoldsHigh = lowYes/lowN, highYes/highN
		out = append(out, inf)
	}
	slices.SortStableFunc(out, func(a, b claim.Influence) int {
		fa, fb := math.Abs(a.Spearman), math.Abs(b.Spearman)
		switch {
		case math.IsNaN(fa) && !math.IsNaN(fb):
			return 1
		case math.IsNaN(fb) && !math.IsNaN(fa):
			return -1
		case fa > fb:
			return -1
		case fa < fb:
			return 1
		}
		return 0
	})
	return out
}

// resultIndex is the position of hypothesis id on metric in a result list.
func resultIndex(id, metric string) int {
	h := slices.IndexFunc(claim.Hypotheses, func(h claim.Hypothesis) bool { return h.ID == id })
	return h*len(claim.Metrics) + slices.Index(claim.Metrics, metric)
}

func printClaimJSON(w interface{ Write([]byte) (int, error) }, x *experiment, res *claimResult) error {
	type row struct {
		Hypothesis string   `json:"hypothesis"`
		Contrast   string   `json:"contrast"`
		Metric     string   `json:"metric"`
		N          int      `json:"n"`
		Mean       *float64 `json:"mean"`
		CILow      *float64 `json:"ci_low"`
		CIHigh     *float64 `json:"ci_high"`
		EffectSize *float64 `json:"effect_size"`
		Relative   *float64 `json:"relative"`
		Verdict    string   `json:"verdict"`
		Supported  *float64 `json:"robustness_supported,omitempty"`
	}
	doc := struct {
		Scenario string `json:"scenario"`
		Seed     int64  `json:"seed"`
		Reps     int    `json:"reps"`
		Verdicts []row  `json:"verdicts"`
	}{Scenario: x.scenario.File.Name, Seed: x.seed(), Reps: res.reps}
	for i, r := range res.results {
		jr := row{Hypothesis: r.Hypothesis.ID, Contrast: r.Hypothesis.Contrast, Metric: r.Metric, N: r.Diff.N,
			Mean: num(r.Diff.Mean), CILow: num(r.Diff.Lo), CIHigh: num(r.Diff.Hi), EffectSize: num(r.EffectSize),
			Relative: num(r.Relative), Verdict: string(r.Verdict)}
		if res.robustness != nil {
			s, _, _ := res.robustness.shares(i)
			jr.Supported = num(s)
		}
		doc.Verdicts = append(doc.Verdicts, jr)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
