package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/borderwork/borderwork/claim"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

const claimDoc = `
Claim tests the claim behind borderwork: that it is not borders per se but
malfunctioning borders that endanger migrants. It switches closure
(admission and enforcement), malfunction (reliability, integrity and
information) and protection on and off separately, a full 2×2×2 factorial
design over the regime factor space, and runs the same migrants through
every combination (common random numbers). --split-malfunction splits
malfunction into its three parts (2×2×2×2×2), to show which part does the
harm. The scenario's own regimes (or those of them given with --own) run
beside the design and are compared with the closed and malfunctioning
cells; the four built-in regimes are cells of the design.

On each harm (trapped person-days, immobilised person-days, migrants
abused, abuse events, deaths, the harm index) it estimates main effects,
interactions, and malfunction's effect at open and at closed admission,
each with a 95% interval and one of four verdicts: harmful, protective, no
meaningful difference (within ± the smallest effect of interest, --sesoi),
or inconclusive, after Holm's correction across every test; "not
applicable" where the harm is 0 in every run of every combination. For
malfunction's main effect minus closure's, harmful and protective are
shown as "malfunction worse" and "closure worse" (the tables and --json
keep harmful and protective). The claim holds on a harm when malfunction
harms at both settings of closure and closure harms less; the overall
answer is decided by the harms that happen, and says that they are
nested (trapped person-days within immobilised ones, both within the harm
index), not independent votes. A mediation table says how much of the
abuse fell on migrants trapped or stranded at the time. On the abuse
harms the claim must also hold through trapping: more than --chain-share
of the abuse malfunction adds, at open and at closed admission, must fall
on migrants trapped or stranded at the time (the claim's chain); when the
effects hold but the chain fails, the claim "holds, but not through
trapping". The claim is judged a second time, by the same rule, from its
effects without protection, where the named regimes lie (protection's hbm
level has centres inform migrants, undoing part of malfunction's poor
information); its tests join the one family. --waiting-off runs the
combinations the chain compares again with waiting's effects on abuse
switched off (abuse rising with days in one place and with queues): the
part of malfunction's effect on abuse that goes through them, measured by
intervention (waiting.csv), beside the chain's count of who was trapped
when abused.

Replicates: a pilot of --reps, then as many as every contrast needs for an
interval no wider than --precision times its smallest effect on each side,
up to --max-reps. The smallest effects and the replicates are fixed from
the pilot (its spread and means) before any test.

--robustness repeats the check at --samples points of a Latin hypercube
over the assumptions it could hang on (docs/CLAIM.md) and reports where it
holds and what it hinges on.

The folder holds the runs' tables, effects.csv, verdicts.csv (a row per
harm and effect, by effects.csv's IDs), claim.csv (the claim per harm,
averaged over protection and without it),
mediation.csv (and the robustness tables), figures and report.md. --json
prints the verdicts and effects.
`

// sesoiFlag collects --sesoi: a share for every harm, HARM=share, or
// HARM=abs:X (claim.SESOI.Parse).
type sesoiFlag struct{ s *claim.SESOI }

func (f sesoiFlag) String() string {
	if f.s == nil {
		return ""
	}
	return output.FormatFloat(f.s.Share)
}

func (f sesoiFlag) Set(v string) error { return f.s.Parse(v) }

func cmdClaim(ctx context.Context, args []string, e *env) error {
	fs := newFlagSet("claim", "borderwork claim [flags] [SCENARIO]", claimDoc, e)
	var c common
	o := claim.DefaultOptions()
	var own string
	fs.Int64Var(&c.seed, "seed", 0, "the master seed, `N` (default: the scenario's seed)")
	fs.IntVar(&c.days, "days", 0, "simulate `N` days (default: the scenario's days)")
	fs.IntVar(&c.reps, "reps", 0, "`N` replicates in the pilot (default: the scenario's replicates)")
	fs.Var(&c.sets, "set", setUsage)
	fs.IntVar(&c.workers, "workers", defaultWorkers(), "run on `N` workers; results do not depend on it")
	fs.StringVar(&c.out, "out", "", outUsage("claim")+")")
	fs.StringVar(&c.formats, "formats", "png,svg,pdf", formatsUsage)
	registerFigureFlags(fs, &c.bands, &c.size)
	c.registerProgress(fs)
	fs.BoolVar(&c.json, "json", false, "print the verdicts and effects as JSON")
	fs.BoolVar(&o.Split, "split-malfunction", false, "split malfunction into reliability, integrity and information")
	fs.BoolVar(&o.WaitingOff, "waiting-off", false, "also run the combinations the chain compares with waiting's effects on abuse switched off\n(abuse.desperation_effect and abuse.queue_effect 0): how much of malfunction's effect on abuse goes through them")
	fs.StringVar(&own, "own", "", "the scenario's own `regimes` to run beside the design, comma-separated, not the built-in four\nunless the scenario changes one (default: all of its own; \"none\" for none)")
	fs.Var(sesoiFlag{&o.SESOI}, "sesoi", "smallest effect of interest: a `share` of each harm's mean in the pilot, in (0, 1), or\nHARM=share, or HARM=abs:X in the harm's own units a run, X > 0 (repeat for several harms)")
	fs.Float64Var(&o.ChainShare, "chain-share", o.ChainShare, "on the abuse harms, the claim holds through trapping when more than this `share` of the abuse\nmalfunction adds falls on migrants trapped or stranded at the time, in (0, 1)")
	fs.Float64Var(&o.Precision, "precision", o.Precision, "aim for 95% intervals at most `P` times the smallest effect wide on each side")
	fs.IntVar(&o.MaxReps, "max-reps", o.MaxReps, "run at most `N` replicates of each combination")
	fs.BoolVar(&c.force, "force", false, forceUsage)
	fs.emptyOK = map[string]bool{"formats": true}
	c.limits.register(fs)
	fs.BoolVar(&o.Robustness, "robustness", false, "repeat the check over a Latin hypercube of assumptions")
	fs.IntVar(&o.Samples, "samples", o.Samples, "`N` points of the robustness design")
	fs.IntVar(&o.RobustReps, "robustness-reps", o.RobustReps, "`N` replicates of each combination at each robustness point")
	arg, err := c.parseArgs(fs, args, e)
	if err != nil {
		return err
	}
	for _, name := range []string{"samples", "robustness-reps"} {
		if fs.set[name] && !o.Robustness { // else ignored, and the user believes it ran
			return usageErrorf("--%s is for --robustness", name)
		}
	}
	switch {
	case own == "none":
		o.Own = []string{}
	case own != "":
		for _, r := range strings.Split(own, ",") {
			o.Own = append(o.Own, strings.TrimSpace(r))
		}
	}
	s, err := c.loadScenario(arg, fs)
	if err != nil {
		return err
	}
	if o.Robustness {
		if err := robustnessReplaces(s); err != nil {
			return err
		}
	}
	out := c.outDir("claim", s)
	before := earlierAt(out)
	o.Force = c.force
	if o.Limits, err = c.limits.get(); err != nil {
		return err
	}
	formats, _ := parseFormats(c.formats)
	o.FigureOptions = c.figureOptions()
	var res *claim.Outcome
	m, err := runAnalysis(ctx, e, &c, "claim", out, func(ctx context.Context, progress func(string, int, int)) (dir string, err error) {
		if res, err = claim.Check(ctx, s, arg, o, out, c.workers, formats, progress); res != nil {
			dir = res.Dir
		}
		return dir, err
	})
	if err != nil {
		return err
	}
	// With the results, not before them: a command refused or cut short
	// says only why.
	for _, u := range res.Unreached {
		fmt.Fprintf(e.stderr, "borderwork claim: note: the scenario changes the built-in regime %s; the design's combinations are built from the factors' levels and do not see it (change a level with --set factors.FACTOR.LEVEL.KEY=..., or select a window or programme with levels rather than regimes)\n", u)
	}
	defer m.report(e.stderr, "claim", c.quiet)
	if c.json {
		before.noteTo(e, true)
		return printClaimJSON(e.stdout, s.File.Name, s.File.Seed, res, o.SESOI, claim.ZeroedNotes(s, res.Analysis), m.performance())
	}
	printClaim(e.stdout, s.File.Name, s.File.Days, s.File.Seed, s.Sets(), res)
	if w := claim.WaitingDisagreement(s, res.Analysis); w != "" {
		fmt.Fprintf(e.stdout, "\nWarning: %s\n", strings.ToLower(w[:1])+w[1:])
	}
	if note := claim.OversightNote(s, res.Analysis, res.Claim); note != "" {
		fmt.Fprintf(e.stdout, "\n%s\n", note)
	}
	for _, note := range claim.ZeroedNotes(s, res.Analysis) {
		fmt.Fprintf(e.stdout, "\n%s\n", note)
	}
	if note := claim.MarginNote(res.Analysis, o.SESOI); note != "" {
		fmt.Fprintf(e.stdout, "\n%s\n", note)
	}
	fmt.Fprintf(e.stdout, "\nWrote %s: %s, report.md.\n", out, wroteTables(out, len(res.Figures)))
	before.note(e.stdout)
	return nil
}

// printClaim writes the verdicts for a reader at a terminal.
func printClaim(w io.Writer, scenario string, days int, seed int64, sets []string, res *claim.Outcome) {
	fmt.Fprintf(w, "%s: is it malfunction, not closure, that endangers migrants?\n", scenario)
	copies := ""
	if n := len(res.Design.Arms(nil)) - res.Design.NCells(); n > 0 {
		copies = fmt.Sprintf(" and of %d of them with waiting's effects off", n)
	}
	fmt.Fprintf(w, "%d replicates of each of %d combinations%s (pilot %d), %d days, seed %d.\n", res.Reps, len(res.Arms), copies, res.Pilot, days, seed)
	if note := claim.CapNote(res.Needs, res.Reps, res.MaxReps, res.Pilot); note != "" {
		fmt.Fprintln(w, note)
	}
	printOverrides(w, sets)
	fmt.Fprintln(w)
	printClaimTable(w, res.Claim)
	fmt.Fprintf(w, "\n%s\n", claim.Overall(res.Claim))
	// The second reading, where the named regimes lie (docs/CLAIM.md).
	if res.ClaimAtNone != nil {
		fmt.Fprint(w, "\nThe claim where the named regimes lie, without protection (report.md says why):\n\n")
		printClaimTable(w, res.ClaimAtNone)
		fmt.Fprintf(w, "\n%s\n", claim.NoneSentence(res.Claim, res.ClaimAtNone))
	}
	fmt.Fprint(w, "\nEffects per run, with 95% intervals, beside the smallest effect of interest:\n\n")
	printClaimEffects(w, res, func(id string) string { return id })
	if res.ClaimAtNone != nil {
		fmt.Fprint(w, "\nWithout protection:\n\n")
		printClaimEffects(w, res, claim.AtNone)
	}
	printClaimParts(w, res)
	printClaimOwn(w, res)
	fmt.Fprint(w, "\nreport.md gives every effect, also relative to where it starts.\n")
	fmt.Fprintf(w, "\nThe chain (the claim's \"because\" on the abuse harms): more than %s of the abuse malfunction adds on trapped or stranded migrants?\n", output.FormatFloat(res.ChainShare))
	for _, m := range res.Mediation {
		if m.Chain == "" {
			continue
		}
		at := closureSetting(m.Row)
		onTrapped := onTrappedWords(m.Immobile, m.Share)
		fmt.Fprintf(w, "  at %s: %s abuse events added, %s; d = on trapped - %s × added = %s per run: the chain %s\n",
			at, output.FormatCount(m.Events), onTrapped, output.FormatFloat(res.ChainShare),
			claim.FormatInterval(claim.Estimate{Mean: m.ChainDiff, Lo: m.ChainLo, Hi: m.ChainHi}), strings.ToUpper(m.Chain.Verb()))
	}
	if res.Waiting != nil {
		fmt.Fprint(w, "\nThrough waiting, by intervention: malfunction's effect on abuse events with waiting's effects on abuse switched off, and the part through them (95% intervals):\n")
		for _, x := range res.Waiting {
			if x.Harm != "abuse_events" {
				continue
			}
			share := ""
			if !math.IsNaN(x.Share()) {
				share = " (" + claim.FormatShare(x.Share()) + ")"
			}
			fmt.Fprintf(w, "  at %s: %s added, %s with them off, %s%s through them\n", closureSetting(x.Effect),
				claim.FormatInterval(x.Total), claim.FormatInterval(x.Direct), claim.FormatInterval(x.Through), share)
		}
	}
	if rob := res.Robustness; rob != nil {
		fmt.Fprintf(w, "\nRobustness over %d points of the assumptions: share of points where the claim holds.\n\n", len(rob.Points))
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprint(tw, "harm")
		for _, col := range claim.RobustnessColumns {
			fmt.Fprint(tw, "\t"+col.Heading)
		}
		fmt.Fprintln(tw)
		for h, harm := range claim.Harms() {
			fmt.Fprint(tw, claim.Title(harm))
			for _, share := range rob.Shares(h) {
				fmt.Fprintf(tw, "\t%.0f%%", 100*share)
			}
			fmt.Fprintln(tw)
		}
		tw.Flush()
	}
}

// printClaimParts writes, with malfunction split, its parts' main
// effects on the abuse harms, with their verdicts: the oversight note
// gives way to them (claim.OversightNote), so without them the terminal
// would not say which part adds the abuse.
func printClaimParts(w io.Writer, res *claim.Outcome) {
	parts := []claim.Switch{claim.Reliability, claim.Integrity, claim.Information}
	if _, split := res.Estimate(claim.Integrity.Name, claim.ChainHarms[0]); !split {
		return
	}
	fmt.Fprint(w, "\nMalfunction's parts, main effects per run on the abuse harms, with 95% intervals (each averaged over the other switches; the parts interact, so they need not add up to malfunction's as a whole):\n\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "harm\tmalfunction as a whole")
	for _, sw := range parts {
		fmt.Fprintf(tw, "\t%s (%s to %s)", sw.Name, sw.Low, sw.High)
	}
	fmt.Fprintln(tw)
	for _, h := range claim.ChainHarms {
		fmt.Fprint(tw, claim.Title(h))
		for _, sw := range append([]claim.Switch{claim.Malfunction}, parts...) {
			if est, ok := res.Estimate(sw.Name, h); ok {
				fmt.Fprintf(tw, "\t%s %s", claim.FormatInterval(est), est.Verdict)
			} else {
				fmt.Fprint(tw, "\t-")
			}
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}

// printClaimOwn writes the scenario's own regimes' contrasts with the
// closed and the malfunctioning cells, on every harm, with their
// intervals and verdicts: without them the terminal would say only that
// they ran.
func printClaimOwn(w io.Writer, res *claim.Outcome) {
	var ids []string
	for _, e := range res.Estimates {
		if e.Effect.Kind == claim.Arm && !slices.Contains(ids, e.Effect.ID) {
			ids = append(ids, e.Effect.ID)
		}
	}
	if len(ids) == 0 {
		return
	}
	fmt.Fprint(w, "\nThe scenario's own regimes against the closed and the malfunctioning cells, per run, with 95% intervals (harmful: the regime does more harm than the cell):\n\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "harm\t"+strings.Join(ids, "\t")+"\n")
	for _, h := range claim.Harms() {
		fmt.Fprint(tw, claim.Title(h))
		for _, id := range ids {
			if est, ok := res.Estimate(id, h); ok {
				fmt.Fprintf(tw, "\t%s %s", claim.FormatInterval(est), est.Verdict)
			} else {
				fmt.Fprint(tw, "\t-")
			}
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}

// closureSetting says where a malfunction effect of the chain is read:
// "open admission", "closed admission, without protection".
func closureSetting(id string) string {
	at := strings.TrimPrefix(id, "malfunction|closure=")
	if open, ok := strings.CutSuffix(at, ","+claim.NoneReading); ok {
		return open + " admission, without protection"
	}
	return at + " admission"
}

// printClaimTable writes the claim's verdicts on each harm, and its
// parts', as a table.
func printClaimTable(w io.Writer, cs []claim.ClaimVerdict) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "harm\tmalfunction at open\tmalfunction at closed\tclosure\tmalfunction - closure\tchain at open\tchain at closed\tthe claim\n")
	chain := func(v claim.ChainVerdict) string {
		if v == "" {
			return "-"
		}
		return string(v)
	}
	for _, v := range cs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", claim.Title(v.Harm), v.AtOpen, v.AtClosed, v.Closure, claim.VerdictWords(claim.MalfunctionMinusClosure, v.MalfunctionOverClose),
			chain(v.ChainAtOpen), chain(v.ChainAtClosed), strings.ToUpper(v.Holds))
	}
	tw.Flush()
}

// printClaimEffects writes, on each harm, its smallest effect and the
// claim's effects as at reads their IDs: as they are, or at protection
// none (claim.AtNone).
func printClaimEffects(w io.Writer, res *claim.Outcome, at func(string) string) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "harm\tsmallest effect\tmalfunction at open\tmalfunction at closed\tclosure\n")
	for _, v := range res.Claim {
		est, _ := res.Estimate("closure", v.Harm)
		fmt.Fprintf(tw, "%s\t±%s", claim.Title(v.Harm), claim.FormatSESOI(est.SESOI))
		for _, id := range []string{"malfunction|closure=open", "malfunction|closure=closed", "closure"} {
			est, _ := res.Estimate(at(id), v.Harm)
			fmt.Fprintf(tw, "\t%s", claim.FormatInterval(est))
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
}

func printClaimJSON(w io.Writer, scenario string, seed int64, res *claim.Outcome, sesoi claim.SESOI, zeroed []string, perf *performance) error {
	type effect struct {
		Effect    string   `json:"effect"`
		Kind      string   `json:"kind"`
		Harm      string   `json:"harm"`
		N         int      `json:"n"`
		Mean      *float64 `json:"mean"`
		CILow     *float64 `json:"ci_low"`
		CIHigh    *float64 `json:"ci_high"`
		Relative  *float64 `json:"relative"`
		RelLow    *float64 `json:"relative_low"`
		RelHigh   *float64 `json:"relative_high"`
		SESOI     float64  `json:"sesoi"`
		PAdjusted *float64 `json:"p_adjusted"`
		PEquivAdj *float64 `json:"p_equivalence_adjusted"`
		Verdict   string   `json:"verdict"`
		// FromMargin marks a verdict of no meaningful difference that
		// comes from the margin, not the effect (claim.MarginNote).
		FromMargin bool `json:"from_margin,omitempty"`
	}
	// claimVerdicts is the claim on a harm from its parts: the main
	// reading's, and the one at protection none (docs/CLAIM.md).
	type claimVerdicts struct {
		MalfunctionAtOpen       string `json:"malfunction_at_open"`
		MalfunctionAtClosed     string `json:"malfunction_at_closed"`
		Closure                 string `json:"closure"`
		MalfunctionMinusClosure string `json:"malfunction_minus_closure"`
		Claim                   string `json:"claim"`
		ChainAtOpen             string `json:"chain_at_open,omitempty"`
		ChainAtClosed           string `json:"chain_at_closed,omitempty"`
		// ClaimByDifference is the claim with its effects whose verdict
		// comes from the margin judged by their difference from 0,
		// where it has any (claim.MarginNote).
		ClaimByDifference string `json:"claim_by_difference,omitempty"`
	}
	toVerdicts := func(c claim.ClaimVerdict, atNone bool) claimVerdicts {
		byDifference, _ := res.ByDifference(c, atNone, sesoi)
		return claimVerdicts{string(c.AtOpen), string(c.AtClosed), string(c.Closure), string(c.MalfunctionOverClose), c.Holds, string(c.ChainAtOpen), string(c.ChainAtClosed), byDifference}
	}
	type verdict struct {
		Harm string `json:"harm"`
		claimVerdicts
		Why             string   `json:"why,omitempty"`
		RobustnessHolds *float64 `json:"robustness_holds,omitempty"`
		// ProtectionNone is the claim on the harm read at protection
		// none, where the named regimes lie (docs/CLAIM.md).
		ProtectionNone *claimVerdicts `json:"protection_none,omitempty"`
	}
	// chainTest is the chain's test at one setting of closure.
	type chainTest struct {
		Effect        string   `json:"effect"`
		AbuseEvents   *float64 `json:"abuse_events"`
		AbuseImmobile *float64 `json:"abuse_immobile"`
		Share         *float64 `json:"share_immobile"`
		Difference    *float64 `json:"chain_difference"`
		Low           *float64 `json:"chain_low"`
		High          *float64 `json:"chain_high"`
		PAdjusted     *float64 `json:"chain_p_adjusted"`
		Verdict       string   `json:"chain"`
	}
	// throughWaiting is one row of waiting.csv (--waiting-off).
	type throughWaiting struct {
		Effect       string   `json:"effect"`
		Harm         string   `json:"harm"`
		Total        *float64 `json:"total"`
		TotalLow     *float64 `json:"total_low"`
		TotalHigh    *float64 `json:"total_high"`
		Direct       *float64 `json:"direct"`
		DirectLow    *float64 `json:"direct_low"`
		DirectHigh   *float64 `json:"direct_high"`
		Through      *float64 `json:"through_waiting"`
		ThroughLow   *float64 `json:"through_low"`
		ThroughHigh  *float64 `json:"through_high"`
		ShareThrough *float64 `json:"share_through"`
	}
	doc := struct {
		Scenario    string   `json:"scenario"`
		Seed        int64    `json:"seed"`
		Reps        int      `json:"reps"`
		Arms        []string `json:"arms"`
		Overall     string   `json:"overall"`
		OverallNone string   `json:"overall_protection_none,omitempty"`
		MarginNote  string   `json:"margin_note,omitempty"`
		// ZeroedNotes say where a harm zeroed by a setting happened
		// (claim.ZeroedNotes), as the terminal does.
		ZeroedNotes []string         `json:"zeroed_notes,omitempty"`
		ChainShare  float64          `json:"chain_share"`
		Chain       []chainTest      `json:"chain"`
		Waiting     []throughWaiting `json:"waiting,omitempty"`
		Verdicts    []verdict        `json:"verdicts"`
		Effects     []effect         `json:"effects"`
		Performance *performance     `json:"performance"`
	}{Scenario: scenario, Seed: seed, Reps: res.Reps, Arms: res.Arms, Overall: claim.Overall(res.Claim), OverallNone: claim.NoneSentence(res.Claim, res.ClaimAtNone), MarginNote: claim.MarginNote(res.Analysis, sesoi), ZeroedNotes: zeroed, ChainShare: res.ChainShare, Performance: perf}
	for _, m := range res.Mediation {
		if m.Chain != "" {
			doc.Chain = append(doc.Chain, chainTest{m.Row, num(m.Events), num(m.Immobile), num(m.Share), num(m.ChainDiff), num(m.ChainLo), num(m.ChainHi), num(m.ChainPAdj), string(m.Chain)})
		}
	}
	for _, x := range res.Waiting {
		doc.Waiting = append(doc.Waiting, throughWaiting{x.Effect, x.Harm, num(x.Total.Mean), num(x.Total.Lo), num(x.Total.Hi), num(x.Direct.Mean), num(x.Direct.Lo), num(x.Direct.Hi),
			num(x.Through.Mean), num(x.Through.Lo), num(x.Through.Hi), num(x.Share())})
	}
	for h, v := range res.Claim {
		jv := verdict{Harm: v.Harm, claimVerdicts: toVerdicts(v, false)}
		if res.ClaimAtNone != nil {
			n := toVerdicts(res.ClaimAtNone[h], true)
			jv.ProtectionNone = &n
		}
		if v.Holds == claim.ClaimNotApplicable {
			jv.Why = claim.NotApplicableWhy
		}
		if res.Robustness != nil {
			hs := res.Robustness.Shares(h)[0] // RobustnessColumns' first: holds
			jv.RobustnessHolds = num(hs)
		}
		doc.Verdicts = append(doc.Verdicts, jv)
	}
	for _, est := range res.Estimates {
		doc.Effects = append(doc.Effects, effect{est.Effect.ID, est.Effect.Kind, est.Harm, est.N, num(est.Mean), num(est.Lo), num(est.Hi),
			num(est.Relative), num(est.RelLo), num(est.RelHi), est.SESOI, num(est.PAdj), num(est.PEquivAdj), string(est.Verdict), claim.FromTheMargin(est, sesoi)})
	}
	return writeJSON(w, doc)
}

// onTrappedWords is a chain line's count of the added abuse that falls on
// trapped or stranded migrants, with its share of the added abuse as the
// chain judges it; a count below 0 (malfunction lowers that abuse) says
// so, where its share would print as "0%".
func onTrappedWords(immobile, share float64) string {
	switch {
	case immobile < 0:
		return output.FormatCount(immobile) + " on trapped or stranded migrants (fewer than without malfunction)"
	case math.IsNaN(share):
		return output.FormatCount(immobile) + " on trapped or stranded migrants"
	}
	return output.FormatCount(immobile) + " (" + claim.FormatShare(share) + ") on trapped or stranded migrants"
}

// robustnessReplaces refuses a --set of a key --robustness draws at each
// of its points: the value given held in the main check but not at the
// points, where the report's shares were read as over it (--set
// factors.integrity.weak.oversight=0.9 to hold oversight equal). The
// assumptions that multiply or shift the scenario's values (every post's
// capacity, the papers, the smugglers' prices and markets) do not replace
// them, so a --set of one is kept. Only a command line given now is
// refused: a folder's recorded one reruns as it ran.
func robustnessReplaces(s *scenarios.Scenario) error {
	for _, a := range claim.Assumptions {
		if !a.Replaces() {
			continue
		}
		if _, setBy, err := s.KeyPath(a.Key); err == nil && setBy != "" {
			return usageErrorf("%s: --robustness draws %s from %s at each of its points, replacing the value given there; give one or the other (without --robustness the check holds it at the value given)",
				setBy, a.Key, a.Range())
		}
	}
	return nil
}
