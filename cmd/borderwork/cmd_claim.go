package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"text/tabwriter"

	"github.com/borderwork/borderwork/claim"
	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/output"
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

func cmdClaim(ctx context.Context, args []string, e *env) error {
	fs := newFlagSet("claim", "borderwork claim [flags] [SCENARIO]", claimDoc, e)
	var c common
	o := claim.DefaultOptions()
	fs.Int64Var(&c.seed, "seed", 0, "the master seed, `N` (default: the scenario's seed)")
	fs.IntVar(&c.days, "days", 0, "simulate `N` days (default: the scenario's days)")
	fs.IntVar(&c.reps, "reps", 0, "start with `N` replicates per regime (default: the scenario's replicates)")
	fs.Var(&c.sets, "set", "override a scenario key: `KEY=VALUE` (repeatable)")
	fs.IntVar(&c.workers, "workers", defaultWorkers(), "run on `N` workers; results do not depend on it")
	fs.StringVar(&c.out, "out", "", "write the output folder to `DIR` (default out/claim-SCENARIO)")
	fs.StringVar(&c.formats, "formats", "png,svg,pdf", "figure `formats`, comma-separated")
	fs.BoolVar(&c.quiet, "quiet", false, "print no progress")
	fs.BoolVar(&c.json, "json", false, "print the verdict table as JSON")
	fs.IntVar(&o.MaxReps, "max-reps", o.MaxReps, "add replicates up to `N` per regime")
	fs.Float64Var(&o.Precision, "precision", o.Precision, "stop when every interval is narrower than `P` times the baseline's mean (or excludes 0)")
	fs.BoolVar(&o.Robustness, "robustness", false, "repeat the check over a Latin hypercube of assumptions")
	fs.IntVar(&o.Samples, "samples", o.Samples, "`N` points of the robustness design")
	fs.IntVar(&o.RobustReps, "robustness-reps", o.RobustReps, "`N` replicates per regime at each robustness point")
	arg, err := c.parseArgs(fs, args, e)
	if err != nil {
		return err
	}
	s, err := c.loadScenario(arg, fs)
	if err != nil {
		return err
	}
	out := c.out
	if out == "" {
		out = filepath.Join("out", "claim-"+s.File.Name)
	}
	if err := output.CheckTarget(out); err != nil {
		return usageErrorf("--out: %v", err)
	}
	formats, _ := parseFormats(c.formats)
	var prog *progress
	stage := ""
	res, err := claim.Check(ctx, s, arg, o, out, c.workers, formats, func(label string, done, total int) {
		if label != stage {
			if prog != nil {
				prog.finish()
			}
			prog, stage = newProgress(e.stderr, label, total, c.quiet), label
		}
		prog.done(done)
	})
	if prog != nil {
		prog.finish()
	}
	if errors.Is(err, experiment.ErrInterrupted) {
		fmt.Fprintf(e.stderr, "borderwork claim: kept the finished runs in %s (marked incomplete)\n", out)
		return err
	}
	if err != nil {
		return err
	}
	if c.json {
		return printClaimJSON(e.stdout, s.File.Name, s.File.Seed, res)
	}
	printClaim(e.stdout, s.File.Name, s.File.Days, s.File.Seed, res)
	fmt.Fprintf(e.stdout, "\nWrote %s: tables, %d figures, report.md.\n", out, len(res.Figures))
	return nil
}

// printClaim writes the verdict table for a reader at a terminal.
func printClaim(w io.Writer, scenario string, days int, seed int64, res *claim.Outcome) {
	fmt.Fprintf(w, "%s: is it malfunction, not closure, that endangers migrants?\n", scenario)
	fmt.Fprintf(w, "%d replicates per regime, %d days, seed %d. Paired differences with 95%% intervals.\n\n", res.Reps, days, seed)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "hypothesis\tcontrast\tmetric\tdifference [95% interval]\trelative\tverdict\n")
	for _, r := range res.Results {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.Hypothesis.ID, r.Hypothesis.Contrast, claim.Title(r.Metric),
			claim.FormatInterval(r), claim.FormatRelative(r.Relative), r.Verdict)
	}
	tw.Flush()
	rob := res.Robustness
	if rob == nil {
		return
	}
	fmt.Fprintf(w, "\nRobustness over %d points of the assumptions: share of points where each hypothesis is supported.\n\n", len(rob.Points))
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "hypothesis\t")
	for _, m := range claim.Metrics {
		fmt.Fprintf(tw, "%s\t", claim.Title(m))
	}
	fmt.Fprintln(tw)
	for _, h := range claim.Hypotheses {
		fmt.Fprintf(tw, "%s\t", h.ID)
		for _, m := range claim.Metrics {
			s, _, _ := rob.Shares(claim.ResultIndex(h.ID, m))
			fmt.Fprintf(tw, "%.0f%%\t", 100*s)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	for _, m := range claim.MapMetrics {
		fmt.Fprintf(w, "\nH1 on %s: %s.\n", claim.Title(m), claim.HingeText(rob.Influences(claim.ResultIndex("H1", m))))
	}
}

func printClaimJSON(w io.Writer, scenario string, seed int64, res *claim.Outcome) error {
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
	}{Scenario: scenario, Seed: seed, Reps: res.Reps}
	for i, r := range res.Results {
		jr := row{Hypothesis: r.Hypothesis.ID, Contrast: r.Hypothesis.Contrast, Metric: r.Metric, N: r.Diff.N,
			Mean: num(r.Diff.Mean), CILow: num(r.Diff.Lo), CIHigh: num(r.Diff.Hi), EffectSize: num(r.EffectSize),
			Relative: num(r.Relative), Verdict: string(r.Verdict)}
		if res.Robustness != nil {
			s, _, _ := res.Robustness.Shares(i)
			jr.Supported = num(s)
		}
		doc.Verdicts = append(doc.Verdicts, jr)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
