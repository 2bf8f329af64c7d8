package claim

import (
	"bytes"
	"fmt"
	"math"
	"strings"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/output"
)

// FormatRelative writes a contrast relative to its baseline. Against a
// baseline near zero it explodes, so beyond ±1000% it only says so;
// contrasts.csv keeps the exact value.
func FormatRelative(v float64) string {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return "-"
	case v > 10:
		return ">+1000%"
	case v < -10:
		return "<-1000%"
	}
	return fmt.Sprintf("%+.0f%%", 100*v)
}

// FormatInterval writes a contrast's mean and 95% interval.
func FormatInterval(r Result) string {
	if math.IsNaN(r.Diff.Lo) {
		return output.FormatCount(r.Diff.Mean)
	}
	return fmt.Sprintf("%s [%s, %s]", output.FormatCount(r.Diff.Mean), output.FormatCount(r.Diff.Lo), output.FormatCount(r.Diff.Hi))
}

// hingeMargin is how much the share of points supporting a hypothesis must
// differ between the lowest and highest third of an assumption's range for
// the verdict to be said to hinge on it.
const hingeMargin = 0.3

// HingeText says which assumptions move a contrast most, and which of them
// the verdict hinges on.
func HingeText(infl []Influence) string {
	var moves, hinges []string
	for i, in := range infl {
		a := AssumptionByID(in.Assumption)
		if i < 3 && !math.IsNaN(in.Spearman) {
			dir := "rises"
			if in.Spearman < 0 {
				dir = "falls"
			}
			moves = append(moves, fmt.Sprintf("%s (it %s with it, Spearman %.2f)", a.Label, dir, in.Spearman))
		}
		if math.Abs(in.HoldsHigh-in.HoldsLow) >= hingeMargin {
			hinges = append(hinges, fmt.Sprintf("%s (supported at %.0f%% of points in the lowest third of its range, %.0f%% in the highest)",
				a.Label, 100*in.HoldsLow, 100*in.HoldsHigh))
		}
	}
	text := "the contrast moves most with " + strings.Join(moves, "; ")
	if len(hinges) == 0 {
		return text + "; within these ranges the verdict hinges on no single assumption"
	}
	return text + "; the verdict hinges on " + strings.Join(hinges, "; ")
}

// verdictSummary sums up one hypothesis over the metrics.
func verdictSummary(res *Outcome, id string) string {
	var parts []string
	for _, m := range Metrics {
		r := res.Results[ResultIndex(id, m)]
		parts = append(parts, fmt.Sprintf("%s on %s", r.Verdict, Title(m)))
	}
	return strings.Join(parts, ", ")
}

// report writes report.md: the question, the scenario, the hypotheses,
// the contrasts, the robustness, and what the simulation can and cannot
// show.
func report(x *experiment.Prepared, o Options, initialReps int, res *Outcome) ([]byte, error) {
	f := x.Scenario.File
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Is it malfunction, not closure, that endangers migrants?\n\n")
	b.WriteString(`Staff of the International Organization for Migration hold that "it is not borders
themselves that are oppressive, but rather their malfunctioning": a failing border
leaves migrants trapped, and trapped migrants are the ones whom smugglers and other
exploitative actors extort and abuse. Humanitarian border management (HBM) is offered
as a third way between stopping controls and closing borders. This report tests that
claim in one simulated region, under explicit assumptions (docs/CLAIM.md).

`)
	fmt.Fprintf(&b, "## Scenario\n\n`%s`", f.Name)
	if f.Title != "" {
		fmt.Fprintf(&b, ": %s", strings.TrimSuffix(f.Title, "."))
	}
	b.WriteString(".")
	if f.Description != "" {
		fmt.Fprintf(&b, " %s", f.Description)
	}
	fmt.Fprintf(&b, "\n\n- Loaded from `%s`; the resolved scenario is `scenario.toml`.\n", x.Scenario.Source)
	fmt.Fprintf(&b, "- Regimes open, closed, malfunctioning and hbm, with common random numbers: replicate r meets the same migrants under every regime.\n")
	fmt.Fprintf(&b, "- %d days, master seed %d; started with %d replicates per regime and added replicates until every interval excluded 0 or was narrower than %s of the baseline's mean, up to %d: **%d replicates** were run.\n",
		f.Days, f.Seed, initialReps, FormatRelative(o.Precision)[1:], o.MaxReps, res.Reps)
	if sets := x.Scenario.Sets(); len(sets) > 0 {
		fmt.Fprintf(&b, "- Overrides: `--set %s`.\n", strings.Join(sets, "`, `--set "))
	}
	fmt.Fprintf(&b, "- Command: `%s`\n", x.CommandLine())

	b.WriteString("\n## Hypotheses\n\n|id|hypothesis|contrast (positive if it holds)|\n|---|---|---|\n")
	for _, h := range Hypotheses {
		fmt.Fprintf(&b, "|%s|%s|`%s`|\n", h.ID, h.Statement, h.Contrast)
	}
	b.WriteString("\nEach is tested on trapped person-days, migrants abused, abuse events and deaths. The contrast is computed within each replicate; a hypothesis is *supported* when the 95% confidence interval of its mean lies above 0, *contradicted* when it lies below 0, and *inconclusive* when it contains 0.\n")

	b.WriteString("\n## Contrasts\n\n|hypothesis|metric|mean difference [95% interval]|relative to baseline|effect size (d_z)|verdict|\n|---|---|---:|---:|---:|---|\n")
	for _, r := range res.Results {
		es := "-"
		if !math.IsNaN(r.EffectSize) {
			es = fmt.Sprintf("%.2f", r.EffectSize)
		}
		fmt.Fprintf(&b, "|%s|%s|%s|%s|%s|**%s**|\n", r.Hypothesis.ID, Title(r.Metric), FormatInterval(r), FormatRelative(r.Relative), es, r.Verdict)
	}
	b.WriteString("\n")
	for _, m := range Metrics {
		fmt.Fprintf(&b, "![Contrasts on %s](figures/contrasts_%s.png)\n\n", Title(m), m)
	}
	b.WriteString("*Each contrast's mean paired difference with its 95% interval; above zero, the hypothesis holds.*\n")

	b.WriteString("\n## Verdicts in words\n\n")
	for _, h := range Hypotheses {
		fmt.Fprintf(&b, "- **%s** (%s): %s.\n", h.ID, h.Statement, verdictSummary(res, h.ID))
	}

	if rob := res.Robustness; rob != nil {
		fmt.Fprintf(&b, "\n## Robustness\n\nThe check was repeated at %d points of a Latin hypercube over the assumptions that could overturn it, with %d replicates per regime at each point:\n\n|assumption|key|range|\n|---|---|---|\n", len(rob.Points), o.RobustReps)
		for _, a := range Assumptions {
			key := "`" + a.Key + "`"
			if a.Scale {
				key = "every post's `capacity`, multiplied"
			}
			fmt.Fprintf(&b, "|%s|%s|%s to %s|\n", a.Label, key, output.FormatFloat(a.Lo), output.FormatFloat(a.Hi))
		}
		b.WriteString("\nShare of points where each hypothesis is supported:\n\n|hypothesis|")
		for _, m := range Metrics {
			fmt.Fprintf(&b, "%s|", Title(m))
		}
		b.WriteString("\n|---|")
		for range Metrics {
			b.WriteString("---:|")
		}
		b.WriteString("\n")
		for _, h := range Hypotheses {
			fmt.Fprintf(&b, "|%s|", h.ID)
			for _, m := range Metrics {
				s, c, _ := rob.Shares(ResultIndex(h.ID, m))
				fmt.Fprintf(&b, "%.0f%% (contradicted %.0f%%)|", 100*s, 100*c)
			}
			b.WriteString("\n")
		}
		b.WriteString("\n![Share of the space where each hypothesis holds](figures/robustness_share.png)\n\n")
		for _, m := range MapMetrics {
			infl := rob.Influences(ResultIndex("H1", m))
			fmt.Fprintf(&b, "**What H1 on %s hinges on.** %s.\n\n", output.Capitalise(Title(m)), output.Capitalise(HingeText(infl)))
			for _, pair := range mapPairs(rob, m) {
				fmt.Fprintf(&b, "![Where H1 holds on %s](figures/h1_map_%s_%s_%s.png)\n\n", Title(m), m, pair[0], pair[1])
			}
		}
	}

	b.WriteString("\n## What this shows, and what it cannot\n\n")
	h1 := []Result{res.Results[ResultIndex("H1", "trapped_person_days")], res.Results[ResultIndex("H1", "abused_migrants")]}
	fmt.Fprintf(&b, "In this scenario, under these assumptions, a malfunctioning border compared with a working closed one was %s on trapped person-days and %s on the number of migrants abused (H1). ",
		h1[0].Verdict, h1[1].Verdict)
	switch {
	case h1[0].Verdict == Supported && h1[1].Verdict == Supported:
		b.WriteString("That is what the claim predicts: here, the failing border trapped more migrants and exposed more of them to abuse than the working closed one did. ")
	case h1[0].Verdict == Contradicted || h1[1].Verdict == Contradicted:
		b.WriteString("That goes against the claim on at least one harm: here, the working closed border did at least as much harm in that respect as the failing one, for example by stranding migrants who could not pay smugglers or were pushed back. ")
	default:
		b.WriteString("The runs do not settle the question on at least one harm at the precision asked for. ")
	}
	b.WriteString(`The simulation shows what follows from the mechanisms and numbers in ` + "`scenario.toml`" + `, many of
them illustrative; its confidence intervals describe the model's randomness, not uncertainty about the
world. It cannot show that the real borders of the region behave like these regimes, that the
assumed rates of abuse, trapping and smuggling are right, or that a policy would have the effect it has
here: it is a way of making the claim's reasoning explicit and finding which assumptions it needs.
`)
	if res.Robustness == nil {
		b.WriteString("Run `borderwork claim --robustness` to see where in the space of assumptions the verdict holds.\n")
	}
	if len(f.Sources) > 0 {
		b.WriteString("\n## Sources of the scenario\n\n")
		for _, s := range f.Sources {
			fmt.Fprintf(&b, "- %s\n", s)
		}
	}
	return b.Bytes(), nil
}
