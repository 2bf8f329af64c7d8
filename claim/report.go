package claim

import (
	"bytes"
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// FormatRelative writes a relative effect as a percentage. Against a
// reference near zero it explodes, so beyond ±1000% it only says so; the
// tables keep the exact value.
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

// sesoiList is each harm's smallest effect of interest, as report.md
// lists them: "trapped person-days 100; ...; harm index 313."
func sesoiList(a *Analysis) string {
	var margins []string
	for _, h := range Harms() {
		if e, ok := a.Estimate(Closure.Name, h); ok {
			margins = append(margins, Title(h)+" "+FormatSESOI(e.SESOI))
		}
	}
	return strings.Join(margins, "; ") + "."
}

// FormatSESOI writes a smallest effect of interest (δ) wherever one is
// shown: as FormatCount writes the effects beside it ("114", "43.3",
// "1.0"), but below 1, where one decimal keeps at most one significant
// digit and none below 0.05, with three, as FormatValue writes a
// parameter: --sesoi deaths=abs:0.05 shows as 0.05, not 0.1, and abs:0.01
// as 0.01, not 0.0. A δ set as a share is never below 1 (its floor is one
// unit), so it is written as before; only a δ given in a harm's own units
// can be smaller.
func FormatSESOI(v float64) string {
	if math.Abs(v) < 1 {
		return output.FormatValue(v)
	}
	return output.FormatCount(v)
}

// FormatInterval writes an estimate's mean difference and 95% interval.
func FormatInterval(e Estimate) string {
	if math.IsNaN(e.Lo) {
		return output.FormatCount(e.Mean)
	}
	return fmt.Sprintf("%s [%s, %s]", output.FormatCount(e.Mean), output.FormatCount(e.Lo), output.FormatCount(e.Hi))
}

// belowSESOI reports whether e starts from a reference smaller than its
// smallest effect of interest: an effect that matters no more than δ
// is then many times the reference, and a percentage of it says more
// about the reference than about the effect (">+1000% [>+1000%,
// >+1000%]" for 68 trapped person-days on 0.3).
func belowSESOI(e Estimate) bool { return math.Abs(e.Reference) < e.SESOI }

// NoRelative is what report.md writes for the relative size of an effect
// whose reference is below its smallest effect of interest (belowSESOI).
const NoRelative = "- (reference below the smallest effect of interest)"

// FormatRelativeInterval writes an estimate's relative size with its
// bootstrap interval; none (NoRelative) when its reference is below its
// smallest effect of interest.
func FormatRelativeInterval(e Estimate) string {
	if belowSESOI(e) {
		return NoRelative
	}
	if math.IsNaN(e.Relative) {
		return "-"
	}
	if math.IsNaN(e.RelLo) {
		return FormatRelative(e.Relative)
	}
	return fmt.Sprintf("%s [%s, %s]", FormatRelative(e.Relative), FormatRelative(e.RelLo), FormatRelative(e.RelHi))
}

// claimSentence says in words what the claim's parts found on one harm.
func (a *Analysis) claimSentence(c ClaimVerdict) string {
	part := func(id, what string) string {
		e, ok := a.Estimate(id, c.Harm)
		if !ok {
			return ""
		}
		if belowSESOI(e) {
			return fmt.Sprintf("%s changed %s by %s per run (from %s, less than the smallest effect of interest of %s, so no percentage; %s)", what, Title(c.Harm), signed(e.Mean),
				output.FormatCount(e.Reference), FormatSESOI(e.SESOI), e.Verdict)
		}
		return fmt.Sprintf("%s changed %s by %s per run (%s of %s; %s)", what, Title(c.Harm), signed(e.Mean),
			FormatRelative(e.Relative), output.FormatCount(e.Reference), e.Verdict)
	}
	var b strings.Builder
	if c.Holds == ClaimNotApplicable {
		fmt.Fprintf(&b, "On **%s** the claim does **not apply**: %s.\n", Title(c.Harm), NotApplicableWhy)
		return b.String()
	}
	fmt.Fprintf(&b, "On **%s** the claim **%s**: ", Title(c.Harm), ClaimVerb(c.Holds))
	b.WriteString(strings.Join([]string{
		part("malfunction|closure=open", "where admission is open, a failing border"),
		part("malfunction|closure=closed", "where it is closed, a failing border"),
		part("closure", "closing the border (averaged over the rest)"),
	}, "; "))
	if e, ok := a.Estimate("malfunction-closure", c.Harm); ok {
		switch e.Verdict {
		case Harmful:
			b.WriteString("; malfunction harmed more than closure")
		case Protective:
			b.WriteString("; closure harmed more than malfunction")
		case NoDifference:
			b.WriteString("; malfunction and closure harmed about as much")
		default:
			b.WriteString("; whether malfunction or closure harmed more is not settled")
		}
	}
	if c.ChainAtOpen != "" {
		var at []string
		for _, m := range a.Mediation {
			if m.Chain != "" && !IsAtNone(m.Row) {
				at = append(at, fmt.Sprintf("%s at %s admission", shareOfEffect(m), strings.TrimPrefix(m.Row, "malfunction|closure=")))
			}
		}
		fmt.Fprintf(&b, "; of the abuse events a failing border added, %s fell on migrants trapped or stranded at the time, where the chain asks for more than %s (the chain: %s at open, %s at closed admission)",
			strings.Join(at, " and "), Percent(c.ChainShare), c.ChainAtOpen, c.ChainAtClosed)
	}
	b.WriteString(".\n")
	return b.String()
}

// differenceNote says, for report.md's account of the verdicts, how the
// verdicts of a difference of effects are shown (VerdictWords), and what
// the tables call them.
func differenceNote(a *Analysis) string {
	var b strings.Builder
	for _, d := range differenceWords {
		i := slices.IndexFunc(a.Estimates, func(e Estimate) bool { return e.Effect.ID == d.id })
		if i < 0 {
			continue // not in this design
		}
		fmt.Fprintf(&b, " For %s (`%s`), the verdict says which of the two harms more: *%s* where the difference is shown above 0, *%s* where below (%s and %s in effects.csv and verdicts.csv).",
			output.Literal(a.Estimates[i].Effect.Label), d.id, d.positive, d.negative, Harmful, Protective)
	}
	return b.String()
}

// tieNote says how the contrasts that tied in every replicate were
// tested, where any did: the t-test the verdicts' line names has no
// spread to work with there. Said only then, so that a report with no
// tie reads as before the rule.
func tieNote(a *Analysis) string {
	tied := 0
	for _, e := range slices.Concat(a.Estimates, a.ChainTests) {
		if isTied(e) && e.Verdict != NotApplicable {
			tied++
		}
	}
	if tied == 0 {
		return ""
	}
	were, they := "contrasts were", "they were"
	if tied == 1 {
		were, they = "contrast was", "it was"
	}
	return fmt.Sprintf(" %s %s the same in every replicate (`sd` 0 in effects.csv; a chain's interval of no width in mediation.csv), which leaves a t-test no spread to work with, so %s judged by the exact sign test instead: n replicates all on one side of a value have chance 2 × 2⁻ⁿ under no effect, and 2⁻ⁿ on each side of the equivalence test, so a tie decides nothing at a few replicates (docs/CLAIM.md, \"Verdicts\").",
		words.Whole(int64(tied)), were, they)
}

// report writes report.md: the answer harm by harm, the factorial effects,
// the mediation table, how the verdicts were reached, the design, the
// robustness, and what the simulation can and cannot show.
// report is a claim folder's report.md. It shows the figures drawn, each
// in the first format drawn (experiment.Drawn.Markdown), and no other.
func report(x *experiment.Prepared, o Options, res *Outcome, drawn []experiment.Drawn) ([]byte, error) {
	a := res.Analysis
	f := x.Scenario.File
	var b bytes.Buffer
	b.WriteString("# Is it malfunction, not closure, that endangers migrants?\n\n")
	b.WriteString(`Staff of the International Organization for Migration hold that "it is not borders
themselves that are oppressive, but rather their malfunctioning": a failing border
leaves migrants trapped, and trapped migrants are the ones whom smugglers and other
exploitative actors extort and abuse. This report tests that claim in one simulated
region, under explicit assumptions, by switching malfunction and closure on and off
separately, as in a factorial experiment, and running the same migrants through every
combination (docs/CLAIM.md).

`)
	fmt.Fprintf(&b, "Scenario %s", output.CodeSpan(f.Name))
	if f.Title != "" {
		fmt.Fprintf(&b, ": %s", strings.TrimSuffix(output.Prose(f.Title), "."))
	}
	// Whether the cap stopped the runs short of the target is said here,
	// not only under Replicates: a reader of the header alone would take
	// the intervals for as narrow as asked.
	then := fmt.Sprintf("then as many as every interval needed for the target width, at most %d", o.MaxReps)
	if CapNote(res.Needs, a.Reps, o.MaxReps, res.Pilot) != "" {
		then = fmt.Sprintf("then up to the cap of %d, which stopped the runs before every interval reached the target width: see *Replicates* under How the verdicts were reached", o.MaxReps)
	}
	fmt.Fprintf(&b, ". %d days, master seed %d, **%d replicates** of every combination (a pilot of %d, %s). Command: %s. Written by %s.\n",
		f.Days, f.Seed, a.Reps, res.Pilot, then, output.CommandSpan(x.RecordedCommandLine()), x.BuiltBy())

	b.WriteString("\n## The answer, harm by harm\n\n")
	b.WriteString("The claim holds on a harm when a failing border does harm both where admission is open and where it is closed, and closing the border does no harm or less harm than malfunction; it fails when a failing border is shown to do no harm (or to protect) at either setting, or closure harms and malfunction is not shown to harm more.")
	// The chain is read from who was abused, not from what trapping
	// caused: the answer says so where it first names the "because", not
	// only in the section on the chain, which a reader of the answer
	// alone would miss.
	fmt.Fprintf(&b, " On the abuse harms it must also hold *because* failing borders trap migrants, which the check reads from who was abused: more than %s of the abuse malfunction adds must fall on migrants trapped or stranded at the time, at open and at closed admission (the chain: a count of who was trapped when abused, not a measure of the abuse that trapping caused; see *Does malfunction harm through trapping?*); where the effects hold but the chain fails, the claim holds, but not through trapping.\n\n", Percent(a.ChainShare))
	b.WriteString("|harm|malfunction, open admission|malfunction, closed admission|closure|malfunction − closure|chain, open|chain, closed|the claim|\n|---|---|---|---|---|---|---|---|\n")
	for _, c := range a.Claim {
		fmt.Fprintf(&b, "|%s|%s|%s|%s|%s|%s|%s|**%s**|\n", Title(c.Harm), c.AtOpen, c.AtClosed, c.Closure, VerdictWords(MalfunctionMinusClosure, c.MalfunctionOverClose), chainCell(c.ChainAtOpen), chainCell(c.ChainAtClosed), c.Holds)
	}
	b.WriteString("\n" + Overall(a.Claim) + "\n\n")
	for _, c := range a.Claim {
		b.WriteString("- " + a.claimSentence(c))
	}
	for _, note := range ZeroedNotes(x.Scenario, a) {
		b.WriteString("\n" + note + "\n")
	}
	if note := MarginNote(a, o.SESOI); note != "" {
		b.WriteString("\n" + note + "\n")
	}
	b.WriteString(secondReading(x, a))

	b.WriteString("\n## The effects\n\n")
	b.WriteString("Each effect is the paired difference, within a replicate, between the combinations with a setting switched on and off, averaged over replicates: its 95% interval, its size relative to the combinations it starts from (with a bootstrap interval; none where they are below the smallest effect of interest, as a percentage of next to nothing would say more about the reference than about the effect), and its verdict after correction for the whole family of tests.\n")
	for _, h := range Harms() {
		fmt.Fprintf(&b, "\n### %s\n\n|effect|difference per run [95%%]|relative [95%%]|verdict|\n|---|---:|---:|---|\n", output.Capitalise(Title(h)))
		for _, e := range a.Estimates {
			if e.Harm == h {
				fmt.Fprintf(&b, "|%s|%s|%s|%s|\n", output.Literal(e.Effect.Label), FormatInterval(e), FormatRelativeInterval(e), VerdictWords(e.Effect.ID, e.Verdict))
			}
		}
		if d, ok := experiment.FindDrawn(drawn, "effects_"+h); ok {
			caption := effectsCaption(a, h)
			if md := d.Markdown(caption); md != "" {
				fmt.Fprintf(&b, "\n%s\n\n*%s.*\n", md, output.Literal(caption))
			}
		}
	}

	b.WriteString("\n## Does malfunction harm through trapping?\n\n")
	b.WriteString("The claim's chain is that a failing border traps migrants, and trapped migrants are abused. Each abuse event is recorded with whether its victim was trapped (away from home) or stranded (at home) at the time.\n\n|combination|abuse events per run|on trapped or stranded migrants|share|\n|---|---:|---:|---:|\n")
	for _, m := range a.Mediation {
		if m.Kind == "arm" {
			fmt.Fprintf(&b, "|%s|%s|%s|%s|\n", output.Literal(m.Row), output.FormatCount(m.Events), output.FormatCount(m.Immobile), FormatShare(m.Share))
		}
	}
	b.WriteString("\n|effect|on abuse events|of which on trapped or stranded migrants [95%]|share|\n|---|---:|---:|---:|\n")
	for _, m := range a.Mediation {
		if m.Kind == "effect" {
			// An effect's ID holds "|", which would end a markdown cell
			// (Literal escapes it), and may name a regime of the scenario.
			fmt.Fprintf(&b, "|%s|%s|%s [%s, %s]|%s|\n", output.Literal(m.Row), output.FormatCount(m.Events), output.FormatCount(m.Immobile), output.FormatCount(m.Lo), output.FormatCount(m.Hi), FormatShare(m.Share))
		}
	}
	if slices.ContainsFunc(a.Mediation, func(m Mediation) bool { return m.Kind == "effect" && m.Events != 0 && math.IsNaN(m.Share) }) {
		b.WriteString("\nA share is left out (-) where the part on trapped or stranded migrants goes the other way from the effect on all abuse: none of that effect fell on them.\n")
	}
	b.WriteString("\n" + mediationSentence(a) + "\n")
	fmt.Fprintf(&b, "\n**The chain's test.** For malfunction's effect at each setting of closure, each replicate gives d = (added abuse on trapped or stranded migrants) − %s × (all added abuse); the chain holds where d is shown above 0 (more than that share of the added abuse falls on trapped or stranded migrants), fails where it is shown below 0, after Holm's correction with the check's other tests; it is judged only where malfunction is shown to add abuse events (elsewhere: no abuse added, since with less abuse d is above 0 whatever falls on trapped or stranded migrants, or inconclusive where that is not settled). On migrants abused the runs do not record who was abused while trapped, so the chain on abuse events is applied to it.\n\n|malfunction's effect|d per run [95%%]|p (Holm)|the chain|\n|---|---:|---:|---|\n", output.FormatFloat(a.ChainShare))
	for _, m := range a.Mediation {
		if m.Chain != "" {
			fmt.Fprintf(&b, "|%s|%s [%s, %s]|%s|%s|\n", output.Literal(m.Row), output.FormatCount(m.ChainDiff), output.FormatCount(m.ChainLo), output.FormatCount(m.ChainHi), formatP(m.ChainPAdj), m.Chain)
		}
	}
	if len(a.ChainTests) > 0 {
		b.WriteString("\n" + trappedRuleText(x) + "\n")
	}
	if t := abusePartsText(x, a); t != "" {
		b.WriteString("\n" + t + "\n")
	}
	if len(a.ChainTests) > 0 {
		b.WriteString("\n" + waitingText(a))
		if w := WaitingDisagreement(x.Scenario, a); w != "" {
			b.WriteString("\n**Warning.** " + w + "\n")
		}
		for _, h := range ChainHarms {
			figureLine(&b, drawn, "waiting_"+h, "How much of malfunction's effect on "+Title(h)+" goes through waiting", "\n%s\n")
		}
	}
	figureLine(&b, drawn, "mediation", "Abuse on trapped or stranded migrants", "\n%s\n\nThe figure shows each combination's means, without intervals; the effects on abuse, with their intervals, are in the tables above.\n")

	if len(a.Arms) > a.Design.NCells() {
		b.WriteString("\n## The scenario's own regimes\n\n|regime against|harm|difference per run [95%]|relative [95%]|verdict|\n|---|---|---:|---:|---|\n")
		for _, e := range a.Estimates {
			if e.Effect.Kind == Arm {
				fmt.Fprintf(&b, "|%s|%s|%s|%s|%s|\n", output.Literal(e.Effect.ID), Title(e.Harm), FormatInterval(e), FormatRelativeInterval(e), e.Verdict)
			}
		}
	}

	b.WriteString("\n## How the verdicts were reached\n\n")
	fmt.Fprintf(&b, "- **Verdicts.** An effect is *no meaningful difference* when two one-sided tests show it lies within ± the smallest effect of interest; otherwise *harmful* or *protective* when a paired t-test shows it differs from 0; otherwise *inconclusive*. An effect is *not applicable* when its harm is 0 in every run of every combination (and of the regimes it compares): there is nothing to test, and the claim says nothing about that harm.%s%s\n", differenceNote(a), tieNote(a))
	fmt.Fprintf(&b, "- **Smallest effect of interest.** %s of each harm's mean over the combinations in the pilot's %d replicates, never less than one unit%s, fixed before the main runs:", sesoiWords(o.SESOI), res.Pilot, absWords(o.SESOI))
	fmt.Fprintf(&b, " %s\n", sesoiList(a))
	b.WriteString(sesoiScale(a, o))
	tests := 0
	for _, e := range slices.Concat(a.Estimates, a.ChainTests) {
		for _, p := range []float64{e.P, e.PEquiv} {
			if !math.IsNaN(p) {
				tests++
			}
		}
	}
	chainTests := "the chain's test at open and at closed admission"
	if a.ClaimAtNone != nil {
		chainTests = "the chain's tests at open and at closed admission, averaged over protection and without it: the second reading's tests are in the family too"
	}
	fmt.Fprintf(&b, "- **Correction.** Holm's method, applied once over all %d tests of this check (a test of difference and one of equivalence for each effect on each harm that happens, and %s), keeps the chance of any false finding (a false harmful, protective or no meaningful difference) at %.0f%%.\n", tests, chainTests, 100*Alpha)
	fmt.Fprintf(&b, "- **Replicates.** Fixed before any test: a pilot of %d replicates measured how much each contrast varies, and %s", res.Pilot, replicatesSentence(res.Needs, a.Reps, o.MaxReps, res.Pilot, o.Precision))
	b.WriteString(" The number depends on the pilot's spread and, through the smallest effects, on its means, never on a test; such an internal pilot can raise the type I error slightly (Wittes and Brittain 1990).")
	if a.ClaimAtNone != nil {
		b.WriteString(" The claim's effects without protection (its second reading) are judged at these replicates and do not set them, so the main reading's are what they would be without it; each compares half the combinations of its counterpart, so its interval is usually wider.")
		if n := SecondNote(res.Needs, a.Reps); n != "" {
			b.WriteString(" " + n + " Their needs are `reps_needed` in effects.csv.")
		}
	}
	b.WriteString("\n")
	b.WriteString("- **Intervals.** Differences: Student's t over replicates, each at 95% and not adjusted for the many tests, while the verdicts are: an interval may lie inside ± the smallest effect of interest with a verdict other than *no meaningful difference* (the figures name each effect's verdict). Relative sizes: percentile bootstrap over replicates, 2,000 resamples.\n")

	b.WriteString("\n## The design\n\n|combination|levels|\n|---|---|\n")
	for c := range a.Design.NCells() {
		lv, _ := a.Design.CellLevels(c)
		name := a.Design.CellName(c)
		if r := a.Design.BuiltinCell(x.Scenario, c); r != "" {
			name += " (the " + r + " regime)"
		}
		fmt.Fprintf(&b, "|%s|%s|\n", name, lv)
	}
	if len(res.Unreached) > 0 {
		fmt.Fprintf(&b, "\nThe scenario changes built-in regimes with keys of their own, or with schedule windows or programmes that name them (%s). The combinations are built from the factors' levels, so these changes do not reach them; to change what a setting means in the design, change its level under `[factors.FACTOR.LEVEL]`, or select a window or programme with `levels` rather than `regimes`.\n", output.Literal(strings.Join(res.Unreached, "; ")))
	}
	// The cells' error bars are far wider than the effects' intervals, and
	// overlapping ones read as "no difference" (referee 8, N3). A harm
	// that never happens draws none.
	cellsLayout := "\n%s\n"
	if e, ok := a.Estimate(Closure.Name, Harms()[0]); ok && e.Verdict != NotApplicable {
		cellsLayout += "\nThe error bars of this figure, and of the folder's other `cells_HARM` figures, are 95%% intervals of each combination's mean. They include the spread between replicates, which the paired effects remove (every combination meets the same migrants), so they are often much wider than the effects' intervals: bars that overlap do not mean that two combinations do not differ. The effects, with their intervals and verdicts, are in *The effects* above and in the `effects_HARM` figures.\n"
	}
	figureLine(&b, drawn, "cells_"+Harms()[0], "Harms in each combination", cellsLayout)
	runsFigures(&b, drawn)

	if rob := res.Robustness; rob != nil {
		fmt.Fprintf(&b, "\n## Robustness\n\nThe check was repeated at %d points of a Latin hypercube over the assumptions below, with %d replicates of every combination at each point.\n\n|assumption|key|range|\n|---|---|---|\n", len(rob.Points), o.RobustReps)
		for _, as := range rob.Assumptions() {
			key := "`" + as.Key + "`"
			if as.Sets != "" {
				key = as.Sets
			}
			fmt.Fprintf(&b, "|%s|%s|%s|\n", as.Label, key, as.Range())
		}
		b.WriteString("\n|harm|")
		for _, col := range RobustnessColumns {
			b.WriteString(col.Heading + "|")
		}
		b.WriteString("\n|---|" + strings.Repeat("---:|", len(RobustnessColumns)) + "\n")
		for h, harm := range Harms() {
			fmt.Fprintf(&b, "|%s|", Title(harm))
			for _, share := range rob.Shares(h) {
				fmt.Fprintf(&b, "%.0f%%|", 100*share)
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
		if note := IdleNote(rob); note != "" {
			b.WriteString(note + "\n\n")
		}
		figureLine(&b, drawn, "robustness_claim", "Where the claim holds", "%s\n\n")
		for _, harm := range MapHarms {
			h := indexOf(Harms(), harm)
			if h < 0 {
				continue
			}
			fmt.Fprintf(&b, "**What the claim on %s hinges on.** %s\n\n", Title(harm), HingeText(rob, h, uint64(x.Seed())))
			title, _ := MapTitle(rob, h)
			figureLine(&b, drawn, "robustness_map_"+harm, title, "%s\n\n")
		}
	}

	b.WriteString("\n## What this shows, and what it cannot\n\n")
	b.WriteString(`The simulation shows what follows from the mechanisms and numbers in ` + "`scenario.toml`" + `, many of them
illustrative; its intervals describe the model's randomness, not uncertainty about the world. No harm is
switched off in any combination, but for what needs the centres that only protection runs (days in
centres and assisted returns, 0 where protection is none): officials' abuse arises at every post from their
oversight, the queue and the migrant's situation, and every combination meets the same migrants. The
check cannot show that the real borders of the region behave like these combinations, or that the
assumed rates are right; it makes the claim's reasoning explicit and, with ` + "`--robustness`" + `, finds which
assumptions its verdicts hinge on.
`)
	b.WriteString("\nThe claim's third step, that humanitarian border management is a third way between removing controls and closing borders, is **not judged** by any verdict here: the protection switch's effects on every harm are in the tables above (`protection`, `protection|closure=open`, `protection|closure=closed`), but the claim's verdicts rest on malfunction and closure alone.\n")
	// The design has no cell without a border (referee 8, M6).
	b.WriteString("\n**Borders as such means closure here.** The combinations differ in how a border restricts and whether it fails, not in whether there is one: every combination keeps the region's posts and their officials, open admission included. So the verdicts on closure say whether restricting a border harms migrants, not whether having a border at all does; that would take a region without posts, another scenario rather than a combination of this design.\n")
	if res.Robustness == nil {
		// The folder's own command, not a bare one: that would check the
		// default scenario.
		fmt.Fprintf(&b, "Run %s to see where in the space of assumptions the verdict holds.\n", output.CommandSpan(x.RecordedCommandLine()+" --robustness"))
	}
	if notes := experiment.FleeNotes(f); notes != nil {
		b.WriteString("\nThis scenario moves its agents by Flee's rules (docs/MODEL.md, section 15), not borderwork's, so the combinations differ in less than their names say:\n\n")
		for _, n := range notes {
			fmt.Fprintf(&b, "- %s\n", n)
		}
		b.WriteString("- **In this check** the protection switch changes nothing, and malfunction acts only through the posts' reliability and their officials' oversight; a verdict on trapping compares waiting at posts, not the journeys of borderwork's rules.\n")
	}
	if len(f.Sources) > 0 {
		b.WriteString("\n## Sources of the scenario\n\n")
		for _, s := range f.Sources {
			fmt.Fprintf(&b, "- %s\n", output.Prose(s))
		}
	}
	return b.Bytes(), nil
}

// secondReading is report.md's account of the claim read a second time,
// at protection none, where the four named regimes lie (referee 8, M1):
// why, the verdicts by the same rule as the main reading's, and where
// the two differ. "" without a second reading.
func secondReading(x *experiment.Prepared, a *Analysis) string {
	if a.ClaimAtNone == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n### The claim where the named regimes lie (protection none)\n\n")
	b.WriteString("The verdicts above average every effect over protection, so half the combinations behind them have humanitarian border management (protection `hbm`). ")
	// Why it matters depends on the scenario's hbm level: its centres
	// inform migrants (centre_info) only where it says so and where there
	// are centres.
	switch {
	case scenarioValue(x, "factors.protection.hbm.centre_info") == "false":
		b.WriteString("Its level bundles screening, centres, assistance and rescue; in this scenario its centres do not tell migrants the truth about posts (`centre_info` false), but averaged over protection, malfunction's effects are still read partly where protection may change what malfunction does.")
	case len(x.Scenario.File.Centres) == 0:
		b.WriteString("Its level bundles an information intervention (`centre_info`: centres tell migrants within their reach the truth about posts, which undoes part of malfunction's poor information), though this scenario has no centres to do it; averaged over protection, malfunction's effects are still read partly where protection may change what malfunction does.")
	default:
		b.WriteString("Its level bundles an information intervention: its centres tell migrants within their reach the truth about posts (`centre_info`, true in this scenario), which undoes part of malfunction's poor information. Averaged over protection, malfunction's effects are thus read partly where protection undoes some of them.")
	}
	b.WriteString(" The named regimes `open`, `closed` and `malfunctioning` lie without protection, so the claim is judged here a second time, by the same rule, from its effects among the combinations without protection alone: malfunction at open admission (the malfunctioning combination against the open one) and at closed admission, closure, and malfunction's effect minus closure's")
	if a.Design.Index(Malfunction.Name) >= 0 {
		b.WriteString(" (which, without protection, is the malfunctioning combination against the closed one)")
	}
	b.WriteString(", and on the abuse harms the chain at open and at closed admission without protection. Their tests are in the one family of the correction, and each compares half the combinations of its counterpart above, so its interval is usually wider. The main reading above stays the check's answer; this one says whether the answer holds where the named regimes lie.")
	if experiment.FleeNotes(x.Scenario.File) != nil {
		// Under Flee's rules protection changes nothing (below): the
		// cells with and without it run alike.
		b.WriteString(" This scenario moves its agents by Flee's rules, under which the protection switch changes nothing (below), so here the second reading repeats the main one.")
	}
	b.WriteString("\n\n")
	b.WriteString("|harm|malfunction, open admission|malfunction, closed admission|closure|malfunction − closure|chain, open|chain, closed|the claim without protection|averaged over protection|\n|---|---|---|---|---|---|---|---|---|\n")
	for i, c := range a.ClaimAtNone {
		fmt.Fprintf(&b, "|%s|%s|%s|%s|%s|%s|%s|**%s**|%s|\n", Title(c.Harm), c.AtOpen, c.AtClosed, c.Closure, VerdictWords(AtNone(MalfunctionMinusClosure), c.MalfunctionOverClose),
			chainCell(c.ChainAtOpen), chainCell(c.ChainAtClosed), c.Holds, a.Claim[i].Holds)
	}
	if t := NoneSentence(a.Claim, a.ClaimAtNone); t != "" {
		b.WriteString("\n" + t + "\n")
	}
	b.WriteString("\nThe effects without protection are in the tables of *The effects* below (\"without protection\"), and the chain's tests without protection under *Does malfunction harm through trapping?*.\n")
	return b.String()
}

// replicatesSentence says how many replicates were run after the pilot
// and whether every contrast reached the target precision (an interval
// at most precision × its smallest effect wide on each side, judged from
// the pilot's spread), or the cap stopped the runs before, for how many
// contrasts and how far.
func replicatesSentence(ns Needs, reps, maxReps, pilot int, precision float64) string {
	target := fmt.Sprintf("every 95%% interval at most %s of its smallest effect wide on each side", output.FormatFloat(precision))
	k := ns.Short(reps)
	switch {
	case ns == nil: // not known
		return fmt.Sprintf("%d replicates were run, aiming for %s (at most %d).", reps, target, maxReps)
	case k == 0:
		return fmt.Sprintf("%d replicates were run, enough by the pilot's spread for %s (at most %d were allowed).", reps, target, maxReps)
	}
	return fmt.Sprintf("%d replicates were run, the cap (`--max-reps`). The target, %s, was **not reached** for %d of %s at the cap of %d replicates; the widest would need about %s (by the pilot's spread). Their intervals are wider than the target, and their verdicts rest on fewer replicates than it asked for; raise `--max-reps` to about %d to reach it.",
		reps, target, k, words.Count(len(ns.Setting()), "contrast"), maxReps, words.Whole(int64(ns.Most(pilot))), ns.Most(pilot))
}

// scenarioValue writes the value key has in x's scenario, or "" if it
// cannot be read.
func scenarioValue(x *experiment.Prepared, key string) string {
	v, err := x.Scenario.Value(key)
	if err != nil || v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

// trappedRuleText says what the chain's "trapped or stranded" rests on:
// the trapped rule (docs/MODEL.md, 7.7), with the scenario's
// trapped_after_days, which decides what the share can count, and how to
// see the verdict move with it (referee 8, S1); and whether a migrant
// waiting for a seat it can pay for counts (seatless_trapped), and how
// to count it if not.
func trappedRuleText(x *experiment.Prepared) string {
	days := "`migrants.trapped_after_days`"
	if v := scenarioValue(x, "migrants.trapped_after_days"); v != "" {
		days = v + " days (`migrants.trapped_after_days`)"
	}
	seats := " A migrant waiting for a smuggler's seat it can pay for is never counted, however long it waits; `--set migrants.seatless_trapped=true` counts one that the market turned away for want of a seat as unable to use a smuggler."
	path := "the claim's own path (blocked, then turning to a smuggler and extorted)"
	if x.Scenario.File.Migrants.SeatlessTrapped {
		seats = " Here a migrant that the market turned away for want of a seat counts as unable to use a smuggler (`migrants.seatless_trapped`), so a wait for seats counts as a wait at a post does."
		path += ", but where the smuggler had no seat left,"
	}
	return "**What \"trapped\" means here.** The share rests on the model's trapped rule (docs/MODEL.md, 7.7): a migrant counts as trapped (at home, stranded) only once blocked at one place for " + days +
		", and only while it cannot use a smuggler; abuse on a smuggler's trip never counts, as the migrant is with the smuggler by then." + seats + " So " + path + " and abuse in a blocked migrant's first days count as abuse of migrants who are not trapped, and a chain that fails (\"not through trapping\") fails under this rule, not under every reading of *trapped*. The share also counts who was trapped when abused, not the abuse that trapping caused. To see how far the chain's verdicts follow from the rule, run the check again with `--set migrants.trapped_after_days=1` (or another number of days)."
}

// abusePartsText says where malfunction's effect on abuse comes from:
// weak oversight (the integrity factor) raises officials' abuse at every
// post by its definition, unless the scenario holds oversight equal or
// oversees failing posts better, which it then says. With
// --split-malfunction it gives the parts' main effects on abuse events
// from the run; otherwise it points to it (referee 8, S5). "" when the
// design has no malfunction effect on abuse.
func abusePartsText(x *experiment.Prepared, a *Analysis) string {
	whole, ok := a.Estimate(Malfunction.Name, "abuse_events")
	if !ok || whole.Verdict == NotApplicable {
		return ""
	}
	const head = "**Which part of malfunction adds the abuse.** "
	weak, strong, order, known := oversightLevels(x.Scenario)
	var text string
	switch {
	case officialsIdle(x.Scenario):
		text = head + fmt.Sprintf("A failing border here is failing posts, weaker oversight of officials and poor information, but officials abuse no one at the posts (%s), and oversight only holds down those rates (docs/MODEL.md, \"Officials' abuse\"), so the integrity factor adds nothing to malfunction's abuse: what malfunction adds comes from %s.", officialsIdleKeys, otherPartsRef(x.Scenario, "its other two parts"))
	case known && order == 0:
		text = head + fmt.Sprintf("A failing border here is %s: oversight of officials is held equal (%s at working posts and at failing ones), so the integrity factor adds nothing to malfunction's abuse: what malfunction adds comes from %s.", otherParts(x.Scenario), strong, otherPartsRef(x.Scenario, "its other two parts"))
	case known && order > 0:
		text = head + fmt.Sprintf("A failing border here is %s, while its officials are the better overseen (oversight %s at failing posts, %s at working ones), which lowers officials' abuse at every post by the integrity factor's definition (docs/MODEL.md, \"Officials' abuse\"): what malfunction adds to abuse comes from %s despite it.", otherParts(x.Scenario), weak, strong, otherPartsRef(x.Scenario, "its other parts"))
	default:
		oversight := ""
		if known {
			oversight = fmt.Sprintf(" (oversight %s at working posts, %s at failing ones)", strong, weak)
		}
		text = head + "A failing border here is failing posts, weak oversight of officials and poor information at once. Weak oversight raises officials' abuse at every post by the integrity factor's definition" + oversight +
			", whether or not anyone is trapped (docs/MODEL.md, \"Officials' abuse\"), so part of malfunction's effect on abuse is set by those levels rather than found by the runs; what the runs add is the chain above and how the parts divide the effect."
	}
	if _, ok := a.Estimate(Integrity.Name, "abuse_events"); !ok {
		return text + " Run the check with `--split-malfunction` to see how much each part adds."
	}
	var parts []string
	for _, sw := range []Switch{Integrity, Reliability, Information} {
		e, ok := a.Estimate(sw.Name, "abuse_events")
		if !ok {
			continue
		}
		part := fmt.Sprintf("%s %s (%s", sw.Name, signed(e.Mean), e.Verdict)
		if sw.Name == Integrity.Name {
			label := "weak oversight"
			if known && order >= 0 {
				label = "oversight"
			}
			part = fmt.Sprintf("%s (%s) %s (%s", sw.Name, label, signed(e.Mean), e.Verdict)
			if whole.Mean > 0 && e.Mean > 0 {
				part += ", " + FormatShare(e.Mean/whole.Mean) + " of the whole's"
			}
		}
		parts = append(parts, part+")")
	}
	return text + fmt.Sprintf(" In this run, with malfunction split, malfunction as a whole changed abuse events by %s per run, and the main effects of its parts (each over the other switches; they need not add up to the whole's, as the parts interact) are %s.",
		signed(whole.Mean), strings.Join(parts, ", "))
}

// waitingText is the intervention's paragraph and table (--waiting-off;
// referee 8, S1): malfunction's effect on the abuse harms with waiting's
// effects on abuse switched off, and the part that goes through them.
// Without the intervention, it says how to run it. It ends with a
// newline.
func waitingText(a *Analysis) string {
	const head = "**Through waiting, by intervention.** "
	if !a.Design.WaitingOff {
		return head + "The share above counts who was trapped when abused, not the abuse that waiting caused. To measure how much of malfunction's effect on abuse goes through waiting (abuse rising with a migrant's days in one place and with the queue at a post), run the check again with `--waiting-off`: it runs the combinations the chain compares again with those effects switched off.\n"
	}
	var b strings.Builder
	b.WriteString(head + "Each combination the chain compares was run again with waiting's effects on abuse switched off (`abuse.desperation_effect` and `abuse.queue_effect` set to 0), meeting the same migrants replicate by replicate. Malfunction's effect there is what it does without them; the total minus it, per replicate, is the part that goes through them: abuse rising with a migrant's days in one place and with the queue at a post. Stuck migrants still spend more days where abuse happens when those effects are off, so this part is what waiting adds to the rate of abuse, not all that waiting does. The intervals are 95% t-intervals over replicates, not adjusted: these are measures beside the chain's verdicts, not tests.\n\n")
	b.WriteString("|malfunction's effect|harm|total per run [95%]|with waiting's effects off [95%]|through them [95%]|share|\n|---|---|---:|---:|---:|---:|\n")
	for _, w := range a.Waiting {
		fmt.Fprintf(&b, "|%s|%s|%s|%s|%s|%s|\n", output.Literal(w.Effect), Title(w.Harm), FormatInterval(w.Total), FormatInterval(w.Direct), FormatInterval(w.Through), FormatShare(w.Share()))
	}
	if slices.ContainsFunc(a.Waiting, func(w Waiting) bool { return w.Total.Mean != 0 && math.IsNaN(w.Share()) }) {
		b.WriteString("\nA share is left out (-) where the part through waiting's effects goes the other way from the total: none of that effect went through them, and without them malfunction's effect was larger in size.\n")
	}
	return b.String()
}

// runsFigures writes the section showing the figures of the runs that
// the folder holds as a compare folder does (trapped, abuse, immobilised,
// abuse_by_kind, outcomes: experiment.CompareFigures), each with its
// caption, which says what it draws and what its bands or error bars
// show; nothing if none was drawn. The report once showed none of them,
// though the folder held them.
func runsFigures(b *bytes.Buffer, drawn []experiment.Drawn) {
	var shown []experiment.Drawn
	for _, f := range experiment.CompareFigures {
		if d, ok := experiment.FindDrawn(drawn, f.Name); ok && (d.Fig == nil || d.Markdown(d.Title) != "") {
			shown = append(shown, d)
		}
	}
	if len(shown) == 0 {
		return
	}
	b.WriteString("\n## The runs of each combination\n\nWhat the runs of each combination did over the days and by the end of the run, as `borderwork compare` draws them for regimes. Their bands and error bars show the spread between replicates, which the paired effects remove (every combination meets the same migrants): they are no test of a difference between combinations, which *The effects* above give.\n")
	for _, d := range shown {
		b.WriteString("\n" + experiment.FigureParagraph(d))
	}
}

// effectsCaption is the caption report.md gives the effects_HARM figure
// of harm h: what its bars, error bars, labels and shaded band are, with
// the replicates and the smallest effect of interest, as an author
// would put under it in a paper. The figures once had their title alone
// ("Effects on deaths"), where the runs' figures, a sweep's and a
// sensitivity analysis' had captions.
func effectsCaption(a *Analysis, h string) string {
	applies, second := false, false
	delta := math.NaN()
	for _, e := range a.Estimates {
		if e.Harm != h || !slices.ContainsFunc(figureEffects, func(fe struct{ id, label string }) bool { return fe.id == e.Effect.ID }) {
			continue
		}
		applies = applies || e.Verdict != NotApplicable
		second = second || IsAtNone(e.Effect.ID)
		delta = e.SESOI // one per harm
	}
	if !applies {
		return "Effects on " + Title(h) + ": not applicable, as the harm is 0 in every run of every combination; no effect is drawn"
	}
	reps := fmt.Sprint(a.Reps) + " replicates"
	if a.Reps == 1 {
		reps = "1 replicate"
	}
	s := fmt.Sprintf("Effects on %s: the paired difference in %s per run that switching each setting on makes, between the combinations with it on and off (malfunction − closure: malfunction's main effect minus closure's); bars: the mean over %s; error bars: its 95%% confidence interval of the mean, not adjusted for the many tests; labels: each effect's verdict, from Holm-adjusted tests",
		Title(h), Title(h), reps)
	if delta > 0 && !math.IsInf(delta, 0) {
		s += "; shaded: ±" + FormatSESOI(delta) + ", the smallest effect of interest"
	}
	if second {
		s += "; below \"" + secondHeading + "\", the claim's effects among the combinations without protection, where the named regimes lie"
	}
	return s
}

// figureLine writes, in layout, how the report shows the figure called
// name, if it was drawn; nothing if it was not.
func figureLine(b *bytes.Buffer, drawn []experiment.Drawn, name, alt, layout string) {
	if d, ok := experiment.FindDrawn(drawn, name); ok {
		if md := d.Markdown(alt); md != "" {
			fmt.Fprintf(b, layout, md)
		}
	}
}

// signed writes a count with its sign.
func signed(v float64) string {
	if v > 0 {
		return "+" + output.FormatCount(v)
	}
	return output.FormatCount(v)
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// chainCell is a chain verdict in a table: "-" on a harm without one.
func chainCell(v ChainVerdict) string {
	if v == "" {
		return "-"
	}
	return string(v)
}

func formatP(v float64) string {
	switch {
	case math.IsNaN(v):
		return "-"
	case v < 0.001:
		return "<0.001"
	}
	return fmt.Sprintf("%.3f", v)
}

// Percent writes a share the user chose (--chain-share, --sesoi) as a
// percentage with the digits it has, up to three: 0.5 is "50%", 0.996
// "99.6%", 0.001 "0.1%". Rounded to whole percents, a threshold could
// read as one nobody set (99.6% as 100%).
func Percent(v float64) string {
	return strconv.FormatFloat(100*v, 'g', 3, 64) + "%"
}

// shareOfEffect says what share of the effect m fell on trapped or
// stranded migrants: "80%", or, where the part on them went the other
// way (partShare), none, and by how much it changed there instead.
func shareOfEffect(m Mediation) string {
	if math.IsNaN(m.Share) && m.Events != 0 {
		return fmt.Sprintf("none (on them abuse changed by %s per run, the other way)", output.FormatCount(m.Immobile))
	}
	return FormatShare(m.Share)
}

// FormatShare writes a share as a whole percentage, "-" if it is not
// known. A small negative share, which rounds to none, is "0%", not
// "-0%".
func FormatShare(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	if s := fmt.Sprintf("%.0f%%", 100*v); s != "-0%" {
		return s
	}
	return "0%"
}

func sesoiWords(s SESOI) string {
	w := Percent(s.Share)
	for _, h := range sortedKeys(s.ByHarm) {
		w += fmt.Sprintf(" (%s for %s)", Percent(s.ByHarm[h]), Title(h))
	}
	return w
}

// absWords names the harms whose smallest effect was given in their own
// units (--sesoi HARM=abs:X), with the value as given: "; in the harm's own
// units a run, with no floor, on deaths (0.2)". "" when none was.
func absWords(s SESOI) string {
	var parts []string
	for _, h := range sortedKeys(s.Abs) {
		parts = append(parts, fmt.Sprintf("%s (%s)", Title(h), output.FormatFloat(s.Abs[h])))
	}
	if len(parts) == 0 {
		return ""
	}
	return "; in the harm's own units a run, with no floor, on " + output.JoinAnd(parts)
}

// sesoiScale is the report's bullet on what a smallest effect set as a
// share of the mean over every combination means for malfunction's
// effects at open and at closed admission (referee 8, S3): one margin for
// both, set mostly where the harm is largest, so a large relative effect
// where it is small can be "no meaningful difference"; and the design's
// combinations, which --split-malfunction changes, set it. It names the
// harms, their δ a share, whose δ exceeds their mean at one setting of
// closure without malfunction. "" when every harm's was given in its own
// units.
func sesoiScale(a *Analysis, o Options) string {
	var above []string
	shares := false
	for _, h := range Harms() {
		if _, abs := o.SESOI.Abs[h]; abs {
			continue
		}
		shares = true
		for _, at := range []string{"open", "closed"} {
			e, ok := a.Estimate("malfunction|closure="+at, h)
			if ok && !math.IsNaN(e.SESOI) && !math.IsNaN(e.Reference) && e.SESOI > math.Abs(e.Reference) {
				above = append(above, fmt.Sprintf("on %s at %s admission, %s against %s", Title(h), at, FormatSESOI(e.SESOI), output.FormatCount(e.Reference)))
			}
		}
	}
	if !shares {
		return ""
	}
	here := ""
	if len(above) > 0 {
		here = " (here it exceeds the harm's mean without malfunction " + strings.Join(above, "; ") + ")"
	}
	other, flag := StandardDesign(!o.Split).NCells(), "with"
	if o.Split {
		flag = "without"
	}
	return fmt.Sprintf("- **One margin for each harm.** Every effect on a harm, malfunction's at open and at closed admission included, is judged against the same smallest effect, set by the mean over all the combinations (mostly by those where the harm is largest), not by the effect's own starting point, so a large relative effect where the harm is small can be *no meaningful difference*%s. The mean is over the design's %d combinations, over %d %s `--split-malfunction`, so the design changes the smallest effect too.\n",
		here, a.Design.NCells(), other, flag)
}

// mediationSentence says how much of malfunction's effect on abuse fell
// on migrants trapped or stranded at the time: who was trapped when
// abused, which the chain predicts to be most, not how much abuse
// trapping caused, so a high share is said to fit the chain, not to be
// it at work.
func mediationSentence(a *Analysis) string {
	var parts []string
	for _, m := range a.Mediation {
		if m.Kind != "effect" || (m.Row != "malfunction|closure=open" && m.Row != "malfunction|closure=closed") {
			continue
		}
		where := "open"
		if m.Row == "malfunction|closure=closed" {
			where = "closed"
		}
		if m.Events == 0 {
			parts = append(parts, fmt.Sprintf("where admission is %s, malfunction did not change abuse", where))
			continue
		}
		if math.IsNaN(m.Share) {
			parts = append(parts, fmt.Sprintf("where admission is %s, malfunction changed abuse events by %s per run, but the abuse of migrants trapped or stranded at the time by %s, the other way",
				where, output.FormatCount(m.Events), output.FormatCount(m.Immobile)))
			continue
		}
		parts = append(parts, fmt.Sprintf("where admission is %s, malfunction changed abuse events by %s per run, %s of it on migrants trapped or stranded at the time",
			where, output.FormatCount(m.Events), FormatShare(m.Share)))
	}
	if len(parts) == 0 {
		return ""
	}
	return output.Capitalise(strings.Join(parts, "; ")) + ". A share near 100% is what the claim's chain predicts, though it counts who was trapped when abused, not the abuse that trapping caused; a share near 0 means the abuse malfunction adds falls on migrants who are not trapped."
}

// hingeMargin is how much the share of points where the claim holds must
// differ between the lowest and highest third of an assumption's range
// for the verdict to be said to hinge on it, besides standing out from
// chance (ChanceThirds).
const hingeMargin = 0.3

// hingeConclusive is the share of the points that must be conclusive on a
// harm for the report to say what the claim hinges on. The thirds count
// an inconclusive point as not holding, so with most points inconclusive
// no assumption could be seen to move the verdict, and "hinges on no
// single assumption" would report the check's lack of power as a finding.
const hingeConclusive = 0.5

// shownPercent is v as a percentage as the report shows it ("%.0f%%").
func shownPercent(v float64) float64 {
	shown, _ := strconv.ParseFloat(fmt.Sprintf("%.0f", 100*v), 64)
	return shown
}

// logScale says, after "the lowest third of its range", that the thirds
// of an assumption drawn log-uniformly are thirds of its logarithms: 0.001
// to 0.0027, not to 0.0073, for a rate of 0.001 to 0.02.
func logScale(a Assumption) string {
	if a.Log {
		return ", on a log scale"
	}
	return ""
}

// HingeText says which assumptions move the margin of malfunction over
// closure most on harm h, against what chance alone would give
// (ChanceSpearman, from the master seed), and which of them the claim
// hinges on, when enough points are conclusive to say: those whose
// thirds' shares differ by hingeMargin or more and by more than chance
// alone would give (ChanceThirds); a gap of hingeMargin or more within
// chance is said to be so. It ends with a full stop.
func HingeText(rob *RobustnessResult, h int, seed uint64) string {
	infl := rob.Influences(h)
	var moves, stand, hinges []string
	// The assumptions whose gap of hingeMargin or more is within chance,
	// and that gap as shown, in points.
	type gapOf struct {
		label  string
		points float64
	}
	var withinChanceGaps []gapOf
	// The reference is shown rounded up, and an assumption stands out
	// when its |Spearman| as shown is above it, so that the words agree
	// with the figures printed (-0.52 does not stand out from 0.52).
	chance := math.Ceil(float64(100*rob.ChanceSpearman(h, seed))-1e-9) / 100 // float64(): not fused on arm64
	// So too the gap between thirds that chance alone gives, in points,
	// against the gap between the shares as shown (50% and 82%: 32
	// points).
	chanceGap := math.Ceil(float64(100*rob.ChanceThirds(h, seed)) - 1e-9)
	beyondChance := func(lo, hi float64) bool {
		return math.IsNaN(chanceGap) || math.Abs(shownPercent(hi)-shownPercent(lo)) > chanceGap
	}
	for i, in := range infl {
		as := rob.Assumption(slices.Index(rob.IDs, in.Assumption))
		if i < 3 && !math.IsNaN(in.Spearman) {
			dir := "rises"
			if in.Spearman < 0 {
				dir = "falls"
			}
			moves = append(moves, fmt.Sprintf("%s (the margin %s with it, Spearman %.2f)", as.Label, dir, in.Spearman))
			if shown, _ := strconv.ParseFloat(fmt.Sprintf("%.2f", math.Abs(in.Spearman)), 64); shown > chance {
				stand = append(stand, as.Label)
			}
		}
		holdsGap, harmsGap := math.Abs(in.HoldsHigh-in.HoldsLow) >= hingeMargin, math.Abs(in.HarmsHigh-in.HarmsLow) >= hingeMargin
		switch {
		case holdsGap && beyondChance(in.HoldsLow, in.HoldsHigh):
			hinges = append(hinges, fmt.Sprintf("%s (holds at %.0f%% of points in the lowest third of its range%s, %.0f%% in the highest)",
				as.Label, 100*in.HoldsLow, logScale(as), 100*in.HoldsHigh))
		case harmsGap && beyondChance(in.HarmsLow, in.HarmsHigh):
			hinges = append(hinges, fmt.Sprintf("%s (malfunction harms more than closure, through trapping or not, at %.0f%% of points in the lowest third of its range%s, %.0f%% in the highest)",
				as.Label, 100*in.HarmsLow, logScale(as), 100*in.HarmsHigh))
		case holdsGap || harmsGap:
			gap := 0.0
			if holdsGap {
				gap = math.Abs(shownPercent(in.HoldsHigh) - shownPercent(in.HoldsLow))
			}
			if harmsGap {
				gap = max(gap, math.Abs(shownPercent(in.HarmsHigh)-shownPercent(in.HarmsLow)))
			}
			withinChanceGaps = append(withinChanceGaps, gapOf{as.Label, gap})
		}
	}
	text := "The margin of malfunction over closure moves most with " + strings.Join(moves, "; ") + "."
	if len(moves) == 0 {
		text = "No assumption moves the margin of malfunction over closure measurably."
	}
	if !math.IsNaN(chance) && len(moves) > 0 {
		text += fmt.Sprintf(" Chance alone (a margin unrelated to every assumption) gives a largest |Spearman| of up to %.2f in 19 designs in 20 (the 95th percentile, rounded up, over %s permutations of the margins seeded from the master seed)", chance, output.FormatCount(Resamples))
		if len(stand) == 0 {
			text += ", so none of these stands out from chance."
		} else {
			text += "; above it, standing out from chance: " + strings.Join(stand, "; ") + "."
		}
	}
	conclusive, inconclusive, notApplicable := rob.Conclusive(h)
	n := len(rob.Claims)
	if float64(conclusive) < hingeConclusive*float64(n) {
		text += fmt.Sprintf(" The check was conclusive at %d of the %d points", conclusive, n)
		if notApplicable > 0 {
			text += fmt.Sprintf(" (the harm happened in no run at %d)", notApplicable)
		}
		text += fmt.Sprintf(", fewer than %s: too few to say what the claim hinges on", Percent(hingeConclusive))
		if inconclusive > 0 {
			text += " (run more `--robustness-reps`)"
		}
		return text + "."
	}
	// withinChance says which gaps of hingeMargin or more were set aside
	// as within chance, and why; "" when none was.
	withinChance := ""
	if len(withinChanceGaps) > 0 {
		withinChance = fmt.Sprintf(" Chance alone (verdicts unrelated to every assumption) gives gaps of up to %.0f points between the lowest and highest thirds of an assumption's range in 19 designs in 20 (the 95th percentile, rounded up, over %s permutations of the points' verdicts seeded from the master seed), so ", chanceGap, output.FormatCount(Resamples))
		if g := withinChanceGaps[0]; len(withinChanceGaps) == 1 {
			withinChance += fmt.Sprintf("the gap of %.0f points on %s does not stand out.", g.points, g.label)
		} else {
			var gaps []string
			for _, g := range withinChanceGaps {
				gaps = append(gaps, fmt.Sprintf("%s (%.0f points)", g.label, g.points))
			}
			withinChance += "the gaps on " + words.List(gaps) + " do not stand out."
		}
	}
	if len(hinges) == 0 {
		// "Hinges on nothing" would read as robustness where the claim
		// never held: say first whether it held at all.
		shares := rob.Shares(h)
		holds, notThrough := shares[0], shares[1] // RobustnessColumns' first two
		switch {
		case holds == 0 && notThrough == 0:
			return text + fmt.Sprintf(" Within these ranges the claim holds at none of the %d points, whatever the assumptions.", n)
		case holds == 0 && withinChance != "":
			return text + fmt.Sprintf(" Within these ranges the claim holds through trapping at none of the %d points; malfunction harms more than closure, but not through trapping, at %s of them, and no single assumption moves that share by %s of the points or more and by more than chance.", n, FormatShare(notThrough), Percent(hingeMargin)) + withinChance
		case holds == 0:
			return text + fmt.Sprintf(" Within these ranges the claim holds through trapping at none of the %d points; malfunction harms more than closure, but not through trapping, at %s of them, and no single assumption moves that share by %s of the points or more.", n, FormatShare(notThrough), Percent(hingeMargin))
		}
		return text + " Within these ranges the claim hinges on no single assumption." + withinChance
	}
	return text + " The claim hinges on " + strings.Join(hinges, "; ") + "." + withinChance
}

// OversightNote is the line the terminal prints under the overall
// verdict when malfunction, not split, harms more than closure on an
// abuse harm (the claim holds there, through trapping or not): weak
// oversight, part of what malfunction is, raises officials' abuse at
// every post by the integrity level's definition, trapped or not, and
// can carry most of the effect (a referee's review: about 88% in
// classroom). It says how to see that part; "" otherwise. Where the
// scenario holds oversight equal, or oversees failing posts' officials
// better, it says so instead: weak oversight is then no part of the
// effect. report.md says the same at length (abusePartsText).
func OversightNote(s *scenarios.Scenario, a *Analysis, claims []ClaimVerdict) string {
	if _, split := a.Estimate(Integrity.Name, "abuse_events"); split {
		return "" // the parts' effects are printed
	}
	var on []string
	for _, c := range claims {
		if slices.Contains(ChainHarms, c.Harm) && (c.Holds == ClaimHolds || c.Holds == ClaimNotThroughTrapping) {
			on = append(on, Title(c.Harm))
		}
	}
	if len(on) == 0 {
		return ""
	}
	weak, strong, order, known := oversightLevels(s)
	switch {
	case officialsIdle(s):
		return fmt.Sprintf("On %s, officials abuse no one at the posts (%s), and oversight only holds down those rates, so it adds nothing to malfunction's abuse: the effect comes from %s.",
			words.List(on), officialsIdleKeys, otherParts(s))
	case known && order == 0:
		return fmt.Sprintf("On %s, oversight of officials is held equal (%s at failing posts and at working ones), so it adds nothing to malfunction's abuse: the effect comes from %s.",
			words.List(on), strong, otherParts(s))
	case known && order > 0:
		return fmt.Sprintf("On %s, failing posts' officials are the better overseen (%s at failing posts against %s at working ones), which lowers officials' abuse there: malfunction's effect comes from %s despite it.",
			words.List(on), weak, strong, otherParts(s))
	}
	if !known {
		weak, strong = "?", "?"
	}
	return fmt.Sprintf("On %s, malfunction includes weak oversight of officials (%s at failing posts against %s at working ones), which raises officials' abuse at every post by that level's definition, trapped or not: --split-malfunction says how much of malfunction's effect is that part, and --set factors.integrity.weak.oversight=%s holds it equal.",
		words.List(on), weak, strong, strong)
}

// otherParts names the parts of malfunction besides oversight that the
// scenario's levels make differ, for the notes on oversight to say
// where the effect comes from: failing posts (reliability) and poor
// information, less any whose two levels the scenario sets alike (a
// note once said the effect came from poor information where
// information was held equal too). Where both are alike, or a level
// cannot be read, both are named, as the factors' definitions have them.
func otherParts(s *scenarios.Scenario) string {
	var parts []string
	for _, p := range []struct {
		sw   Switch
		name string
	}{{Reliability, "failing posts"}, {Information, "poor information"}} {
		if !levelsAlike(s, p.sw) {
			parts = append(parts, p.name)
		}
	}
	if len(parts) == 0 {
		return bothParts
	}
	return words.List(parts)
}

// bothParts is otherParts where both parts differ.
const bothParts = "failing posts and poor information"

// otherPartsRef is otherParts as report.md refers to it after "comes
// from": both, the words it has always used for both parts, else the
// one part that differs.
func otherPartsRef(s *scenarios.Scenario, both string) string {
	if p := otherParts(s); p != bothParts {
		return p
	}
	return both
}

// levelsAlike reports whether the scenario sets every key of sw's factor
// alike at its two levels, so that switching it changes nothing; false
// where a value cannot be read.
func levelsAlike(s *scenarios.Scenario, sw Switch) bool {
	i := slices.IndexFunc(scenarios.Factors, func(f scenarios.Factor) bool { return f.Name == sw.Name })
	if i < 0 {
		return false
	}
	var keys []string // each key at the low level, then at the high one
	for _, level := range []string{sw.Low, sw.High} {
		for _, key := range scenarios.Factors[i].Keys {
			keys = append(keys, "factors."+sw.Name+"."+level+"."+key)
		}
	}
	values, err := s.Values(keys...)
	if err != nil {
		return false
	}
	n := len(keys) / 2
	for k := range n {
		if fmt.Sprint(values[k]) != fmt.Sprint(values[n+k]) {
			return false
		}
	}
	return true
}

// officialsIdleKeys names the keys officialsIdle reads, as the notes
// give them.
const officialsIdleKeys = "abuse.official_extortion and abuse.official_violence are 0"

// officialsIdle reports whether the scenario's officials abuse no one at
// the posts: both base rates that oversight multiplies (docs/MODEL.md,
// 7.6.3) are 0, so the integrity factor's levels change no abuse, and a
// note saying weak oversight raises it would be false. (Patrols' and
// centres' staff's abuse do not depend on oversight.)
func officialsIdle(s *scenarios.Scenario) bool {
	for _, key := range []string{"abuse.official_extortion", "abuse.official_violence"} {
		v, err := s.Value(key)
		if err != nil || v == nil {
			return false
		}
		if f, err := strconv.ParseFloat(fmt.Sprint(v), 64); err != nil || f != 0 {
			return false
		}
	}
	return true
}

// oversightLevels gives the integrity factor's oversight at failing
// (weak) and working (strong) posts as the scenario sets them, and how
// they compare: -1 when failing posts' officials are the less overseen,
// as the levels' names mean, 0 when equal, +1 when the better. A
// scenario may set them either way, and the notes on oversight must not
// say weak oversight adds abuse where it does not. known is false when
// either cannot be read.
func oversightLevels(s *scenarios.Scenario) (weak, strong string, order int, known bool) {
	value := func(key string) (string, float64, bool) {
		v, err := s.Value(key)
		if err != nil || v == nil {
			return "", 0, false
		}
		f, err := strconv.ParseFloat(fmt.Sprint(v), 64)
		return fmt.Sprint(v), f, err == nil
	}
	weak, w, okWeak := value("factors.integrity.weak.oversight")
	strong, st, okStrong := value("factors.integrity.strong.oversight")
	if !okWeak || !okStrong {
		return "", "", 0, false
	}
	return weak, strong, cmp.Compare(w, st), true
}

// WaitingDisagreement is a warning, for the terminal and report.md, where the
// chain's count and the intervention (--waiting-off) put the share of the
// abuse events malfunction adds on opposite sides of the chain share: the
// chain's verdict then rests on what the trapped rule counts, which a
// reader comparing the two would not guess. "" where they agree, or
// without the intervention.
func WaitingDisagreement(s *scenarios.Scenario, a *Analysis) string {
	through := map[string]float64{}
	for _, w := range a.Waiting {
		if w.Harm == "abuse_events" {
			through[w.Effect] = w.Share()
		}
	}
	var at []string
	for _, m := range a.Mediation {
		w, ok := through[m.Row]
		if m.Chain == "" || !ok || math.IsNaN(w) || math.IsNaN(m.Share) || (m.Share > a.ChainShare) == (w > a.ChainShare) {
			continue
		}
		setting, none := strings.CutSuffix(strings.TrimPrefix(m.Row, "malfunction|closure="), ","+NoneReading)
		setting += " admission"
		if none {
			setting += " without protection"
		}
		at = append(at, fmt.Sprintf("%s against %s at %s", FormatShare(m.Share), FormatShare(w), setting))
	}
	if len(at) == 0 {
		return ""
	}
	days := "`migrants.trapped_after_days`"
	if v, err := s.Value("migrants.trapped_after_days"); err == nil && v != nil {
		days = fmt.Sprint(v) + " days"
	}
	leavesOut := "it leaves out the path blocked → smuggler → extorted"
	if s.File.Migrants.SeatlessTrapped {
		leavesOut += ", but where the smuggler had no seat left"
	}
	return fmt.Sprintf("The chain's count and the intervention disagree on how much of the abuse events malfunction adds comes from being stuck: they fall on opposite sides of the chain share, %s (the count's share against the intervention's: %s). The count, which the chain tests, is the share suffered by migrants trapped or stranded at the time; the intervention (--waiting-off) is the share that waiting's effects on abuse cause (abuse rising with days in one place and with the queue at a post). The chain's verdicts, and with them whether the claim holds through trapping, follow the count, whose trapped means blocked at one place for %s and %s: %s.",
		output.FormatFloat(a.ChainShare), strings.Join(at, ", "), days, s.File.Migrants.NoSmugglerWords(), leavesOut)
}
