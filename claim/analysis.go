package claim

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
)

// Harms are the harms the claim is tested on: the registry's harms.
func Harms() []string {
	var out []string
	for _, t := range output.Harms() {
		out = append(out, t.Name)
	}
	return out
}

// Title is a metric's name for people, from the metric registry.
func Title(metric string) string {
	if t, ok := output.TotalByName(metric); ok {
		return t.Title
	}
	return metric
}

// SESOI sets the smallest effect of interest on each harm: a share of the
// harm's mean over the design's cells, and never less than one unit (one
// person-day, one migrant, one event), or, for the harms in Abs, a value
// in the harm's own units that the user chose. Check fixes it from the
// pilot's runs before the main ones (Fixed), so that the margin of the
// equivalence tests is not chosen from the data they test.
type SESOI struct {
	Share  float64            // default share, 0.1: a tenth of the mean
	ByHarm map[string]float64 // shares for some harms; looked up only
	// Abs are smallest effects in some harms' own units (--sesoi
	// HARM=abs:X), whatever their means, with no floor: a user may judge
	// 0.2 deaths a run meaningful. Looked up only. A harm is in ByHarm or
	// in Abs, not both.
	Abs     map[string]float64
	MinUnit float64 // the floor of shares, 1
	// Fixed are smallest effects already fixed, in each harm's units;
	// looked up only. A harm in it takes that value whatever its mean.
	Fixed map[string]float64
}

// DefaultSESOI is a tenth of each harm's mean, at least one unit.
func DefaultSESOI() SESOI { return SESOI{Share: 0.1, MinUnit: 1} }

// AbsPrefix marks a smallest effect given in a harm's own units:
// --sesoi HARM=abs:X.
const AbsPrefix = "abs:"

// Parse reads one --sesoi argument into s: SHARE for every harm,
// HARM=SHARE, or HARM=abs:X (X in the harm's own units). It checks only
// the form; Options.check checks the ranges and the harms' names, and
// says what is wrong with them. A later argument for a harm replaces an
// earlier one, share or absolute.
func (s *SESOI) Parse(v string) error {
	harm, val, byHarm := strings.Cut(v, "=")
	if !byHarm {
		val, harm = harm, ""
	}
	harm = strings.TrimSpace(harm)
	rest, abs := strings.CutPrefix(strings.TrimSpace(val), AbsPrefix)
	x, err := strconv.ParseFloat(strings.TrimSpace(rest), 64)
	switch {
	case abs && !byHarm:
		// Harms are counted in different units (person-days, deaths): one
		// absolute value cannot suit them all.
		return fmt.Errorf("want HARM=abs:X, such as deaths=abs:0.2: an effect in a harm's own units names its harm, as harms' units differ; got %q", v)
	case err != nil || (byHarm && harm == ""):
		return fmt.Errorf("want a share such as 0.1, HARM=share, or HARM=abs:X in the harm's own units (repeat --sesoi for several harms), got %q", v)
	case !byHarm:
		s.Share = x
	case abs:
		delete(s.ByHarm, harm)
		if s.Abs == nil {
			s.Abs = map[string]float64{}
		}
		s.Abs[harm] = x
	default:
		delete(s.Abs, harm)
		if s.ByHarm == nil {
			s.ByHarm = map[string]float64{}
		}
		s.ByHarm[harm] = x
	}
	return nil
}

// For is the smallest effect of interest on harm, given its mean.
func (s SESOI) For(harm string, mean float64) float64 {
	if v, ok := s.Fixed[harm]; ok {
		return v
	}
	if v, ok := s.Abs[harm]; ok {
		return v
	}
	share := s.Share
	if v, ok := s.ByHarm[harm]; ok {
		share = v
	}
	return math.Max(share*math.Abs(mean), s.MinUnit)
}

// ClaimVerdict is the claim judged on one harm from its parts.
type ClaimVerdict struct {
	Harm                 string
	AtOpen, AtClosed     Verdict // malfunction's effect at open and at closed admission
	Closure              Verdict // closure's main effect
	MalfunctionOverClose Verdict // malfunction's main effect minus closure's
	// ChainAtOpen and ChainAtClosed judge the claim's "because" at open
	// and at closed admission on a harm of ChainHarms: whether more than
	// ChainShare of the abuse malfunction adds falls on migrants trapped
	// or stranded at the time. Empty on the other harms.
	ChainAtOpen, ChainAtClosed ChainVerdict
	ChainShare                 float64 // the share the chain is judged against; 0 on the other harms
	Holds                      string  // one of ClaimOutcomes
}

// ChainVerdict is what the runs say of the claim's chain (malfunction →
// trapped → abused) at one setting of closure.
type ChainVerdict string

// The chain's verdicts.
const (
	// ChainHolds: the part of malfunction's added abuse that falls on
	// migrants trapped or stranded at the time is shown to exceed the
	// chain share of the whole.
	ChainHolds ChainVerdict = "holds"
	// ChainFails: it is shown to fall short of it.
	ChainFails ChainVerdict = "fails"
	// ChainInconclusive: neither is shown, or whether malfunction adds
	// abuse at that setting is not settled.
	ChainInconclusive ChainVerdict = "inconclusive"
	// ChainNoAbuseAdded: malfunction is shown to add no abuse at that
	// setting (its effect on abuse events protective, or no meaningful
	// difference), so there is no added abuse to fall on trapped
	// migrants. Its test would be meaningless: with less abuse, the part
	// on trapped migrants exceeds any share of a negative whole.
	ChainNoAbuseAdded ChainVerdict = "no abuse added"
	// ChainNotApplicable: no abuse in any run of any cell.
	ChainNotApplicable ChainVerdict = "not applicable"
)

// ChainVerdicts lists the chain's verdicts.
var ChainVerdicts = []ChainVerdict{ChainHolds, ChainFails, ChainInconclusive, ChainNoAbuseAdded, ChainNotApplicable}

// ChainHarms are the harms on which the claim's verdict includes its
// chain: the abuse harms. The runs record, per abuse event, whether its
// victim was trapped or stranded at the time (abuse_immobile), but not
// which migrants were abused while trapped; so the chain measured on
// abuse events is applied to migrants abused too.
var ChainHarms = []string{"abuse_events", "abused_migrants"}

// TrappingHarms are the harms that count trapped or immobile migrants:
// on them the claim's "because" needs no test, as the chain's first link
// is the harm itself. On the harms neither these nor ChainHarms (deaths,
// the harm index) no "because" is tested, and Overall says so.
var TrappingHarms = []string{"trapped_person_days", "immobilised_person_days"}

// DefaultChainShare is the share of malfunction's added abuse that must
// fall on trapped or stranded migrants for the chain to hold: "most of
// it".
const DefaultChainShare = 0.5

// The claim's outcomes on a harm.
const (
	ClaimHolds        = "holds"
	ClaimFails        = "fails"
	ClaimInconclusive = "inconclusive"
	// ClaimNotApplicable: the harm is 0 in every run of every cell of the
	// design, so the claim, which is about what makes it happen, says
	// nothing about it.
	ClaimNotApplicable = "not applicable"
	// ClaimNotThroughTrapping: on a harm of ChainHarms, malfunction's
	// effects are as the claim says, but its chain fails: the abuse
	// malfunction adds does not mostly fall on trapped migrants.
	ClaimNotThroughTrapping = "holds, but not through trapping"
	// ClaimChainInconclusive: the effects are as the claim says, and
	// whether they come through trapping is not settled.
	ClaimChainInconclusive = "holds, but whether through trapping is inconclusive"
)

// ClaimOutcomes lists the claim's outcomes on a harm.
var ClaimOutcomes = []string{ClaimHolds, ClaimNotThroughTrapping, ClaimChainInconclusive, ClaimFails, ClaimInconclusive, ClaimNotApplicable}

// ClaimVerb is the claim's outcome on a harm as a verb phrase that reads
// after "the claim": "holds", "fails", "is inconclusive", "does not
// apply", "holds, but not through trapping". The outcomes themselves
// ("inconclusive", "not applicable") are adjectives, which tables print.
func ClaimVerb(outcome string) string {
	switch outcome {
	case ClaimInconclusive:
		return "is inconclusive"
	case ClaimNotApplicable:
		return "does not apply"
	}
	return outcome // holds, fails, and the two that begin "holds, but"
}

// Verb is the chain's verdict as a verb phrase that reads after "the
// chain": "holds", "fails", "is inconclusive", "does not apply".
func (v ChainVerdict) Verb() string {
	switch v {
	case ChainInconclusive:
		return "is inconclusive"
	case ChainNotApplicable:
		return "does not apply"
	case ChainNoAbuseAdded:
		return "does not apply: malfunction adds no more abuse here than the smallest effect of interest"
	}
	return string(v)
}

// judge is the claim on one harm: malfunction is harmful at open and at
// closed admission, and closure is not harmful or harms less than
// malfunction. It fails when malfunction is shown harmless (protective, or
// no meaningful difference) at either level of closure, or closure is
// harmful and malfunction not shown to harm more. It does not apply when
// none of its parts does: the harm never happened in the design.
func judge(harm string, atOpen, atClosed, closure, diff Verdict) ClaimVerdict {
	v := ClaimVerdict{Harm: harm, AtOpen: atOpen, AtClosed: atClosed, Closure: closure, MalfunctionOverClose: diff, Holds: ClaimInconclusive}
	harmless := func(x Verdict) bool { return x == Protective || x == NoDifference }
	switch {
	case atOpen == NotApplicable && atClosed == NotApplicable && closure == NotApplicable && diff == NotApplicable:
		v.Holds = ClaimNotApplicable
	case atOpen == Harmful && atClosed == Harmful && (harmless(closure) || diff == Harmful):
		v.Holds = ClaimHolds
	case harmless(atOpen) || harmless(atClosed) || (closure == Harmful && harmless(diff)):
		v.Holds = ClaimFails
	}
	return v
}

// withChain adds the chain's verdicts at open and at closed admission to
// the claim on a harm of ChainHarms, judged against share s. The claim
// holds only if its effects hold and its chain holds at both settings of
// closure; its effects holding with a chain that fails at either is
// "holds, but not through trapping". The other outcomes stay as they are:
// the chain cannot rescue a claim whose effects fail.
func withChain(v ClaimVerdict, open, closed ChainVerdict, s float64) ClaimVerdict {
	v.ChainAtOpen, v.ChainAtClosed, v.ChainShare = open, closed, s
	if v.Holds != ClaimHolds {
		return v
	}
	switch {
	case open == ChainFails || closed == ChainFails:
		v.Holds = ClaimNotThroughTrapping
	case open != ChainHolds || closed != ChainHolds:
		v.Holds = ClaimChainInconclusive
	}
	return v
}

// chainOf reads a chain test's verdict v, given malfunction's verdict
// on abuse events at the same setting: its difference (the part on
// immobile migrants minus the share s of the whole) shown above 0 is the
// chain holding, below 0 its failing, where malfunction is shown to add
// abuse. Where it is shown to add none the chain has nothing to judge
// (ChainNoAbuseAdded), and where that is not settled neither is the
// chain.
func chainOf(v, abuse Verdict) ChainVerdict {
	if v != NotApplicable {
		switch abuse {
		case Protective, NoDifference:
			return ChainNoAbuseAdded
		case Inconclusive:
			return ChainInconclusive
		}
	}
	switch v {
	case Harmful:
		return ChainHolds
	case Protective:
		return ChainFails
	case NotApplicable:
		return ChainNotApplicable
	}
	return ChainInconclusive
}

// NotApplicableWhy says in words why the claim does not apply to a harm.
const NotApplicableWhy = "the harm is 0 in every run of every combination, so the claim, which is about what makes it happen, says nothing about it"

// Overall is the claim's answer across the harms, in words: decided by
// the harms that happen in the runs, naming those it does not apply to.
func Overall(claims []ClaimVerdict) string {
	by := map[string][]string{} // looked up by outcome only
	for _, c := range claims {
		by[c.Holds] = append(by[c.Holds], Title(c.Harm))
	}
	na := by[ClaimNotApplicable]
	if len(na) == len(claims) {
		return "No harm happens in any run of any combination: the check says nothing about the claim."
	}
	parts := outcomeParts(by)
	happen := "the " + words.Count(len(claims)-len(na), "harm") + " that happen"
	if len(claims)-len(na) == 1 {
		happen = "the 1 harm that happens"
	}
	text := fmt.Sprintf("Across %s in the runs, the claim %s.", happen, strings.Join(parts, "; "))
	if len(na) > 0 {
		text += fmt.Sprintf(" It does not apply to %s: 0 in every run of every combination.", words.List(na))
	}
	if i := slices.IndexFunc(claims, func(c ClaimVerdict) bool { return c.Holds == ClaimNotThroughTrapping }); i >= 0 {
		// Every harm of ChainHarms carries the same chain.
		c := claims[i]
		var where []string
		if c.ChainAtOpen == ChainFails {
			where = append(where, "where admission is open")
		}
		if c.ChainAtClosed == ChainFails {
			where = append(where, "where it is closed")
		}
		if len(where) == 1 && c.ChainAtClosed == ChainFails {
			where[0] = "where admission is closed"
		}
		text += fmt.Sprintf(" Not through trapping: a failing border raises %s, but %s less than %s of the abuse it adds falls on migrants trapped or stranded at the time, against the claim's \"because\".",
			words.List(by[ClaimNotThroughTrapping]), strings.Join(where, " and "), Percent(c.ChainShare))
	}
	var untested []string
	for _, c := range claims {
		if c.Holds == ClaimHolds && !slices.Contains(ChainHarms, c.Harm) && !slices.Contains(TrappingHarms, c.Harm) {
			untested = append(untested, Title(c.Harm))
		}
	}
	if len(untested) > 0 {
		text += fmt.Sprintf(" On %s the check tests no \"because\": that the claim holds there says a failing border does more of that harm, not that trapping is why.", words.List(untested))
	}
	var happening []string
	for _, c := range claims {
		if c.Holds != ClaimNotApplicable {
			happening = append(happening, c.Harm)
		}
	}
	if n := NestingSentence(happening); n != "" {
		text += " " + n
	}
	return text
}

// outcomeParts says, of the harms (titles) by outcome, on which the claim
// holds, fails, ..., outcome by outcome, leaving out those it does not
// apply to: "holds on abuse events", "fails on deaths and harm index".
func outcomeParts(by map[string][]string) []string {
	var parts []string
	for _, o := range []struct{ outcome, verb string }{{ClaimHolds, "holds on"}, {ClaimNotThroughTrapping, "holds, but not through trapping, on"},
		{ClaimChainInconclusive, "holds, but whether through trapping is inconclusive, on"}, {ClaimFails, "fails on"}, {ClaimInconclusive, "is inconclusive on"}} {
		if h := by[o.outcome]; len(h) > 0 {
			parts = append(parts, o.verb+" "+words.List(h))
		}
	}
	return parts
}

// NoneSentence is the claim's second reading in words: what it is on the
// harms that happen, judged at protection none (none, Analysis.
// ClaimAtNone), and on which harms that differs from the main reading
// (main, averaged over protection, in the same order). "" when there is
// no second reading, or no harm happens.
func NoneSentence(main, none []ClaimVerdict) string {
	by := map[string][]string{} // looked up by outcome only
	for _, c := range none {
		by[c.Holds] = append(by[c.Holds], Title(c.Harm))
	}
	parts := outcomeParts(by)
	if len(none) != len(main) || len(parts) == 0 {
		return ""
	}
	text := fmt.Sprintf("Without protection, where the named regimes lie, the claim %s.", strings.Join(parts, "; "))
	var differ []string
	for i, c := range none {
		if c.Holds != main[i].Holds {
			differ = append(differ, fmt.Sprintf("on %s (averaged over protection it %s; without protection it %s)", Title(c.Harm), ClaimVerb(main[i].Holds), ClaimVerb(c.Holds)))
		}
	}
	if len(differ) == 0 {
		return text + " On every harm this is what it is averaged over protection."
	}
	return text + " It differs from the claim averaged over protection " + words.List(differ) + "."
}

// harmNesting is how the claim's harms contain one another, by their
// definitions (output.Totals; docs/CLAIM.md, "The harms"; docs/MODEL.md,
// 11.1 and 11.5): each whole counts its parts, with the scenario's
// [harm_weights] where weighted. The ChainHarms, besides, count the same
// abuse and carry one chain. So a finding on a part is found again on its
// whole, and the harms the claim holds or fails on are no tally of
// separate findings (referee 8, M2).
var harmNesting = []struct {
	whole    string
	parts    []string
	weighted bool
}{
	{"immobilised_person_days", []string{"trapped_person_days"}, false},
	{"harm_index", []string{"immobilised_person_days", "abuse_events", "deaths"}, true},
}

// NestingSentence says, of the harms that happen (metric names), which
// contain which and which share the chain, by their titles in the metric
// registry; "" when none of them does.
func NestingSentence(happen []string) string {
	var clauses []string
	for _, n := range harmNesting {
		if !slices.Contains(happen, n.whole) {
			continue
		}
		var parts []string
		for _, p := range n.parts {
			if slices.Contains(happen, p) {
				parts = append(parts, Title(p))
			}
		}
		if len(parts) == 0 {
			continue
		}
		how := "part of"
		if n.weighted {
			how = "weighted parts of"
		}
		clauses = append(clauses, fmt.Sprintf("%s are %s %s", words.List(parts), how, Title(n.whole)))
	}
	var chain []string
	for _, h := range ChainHarms {
		if slices.Contains(happen, h) {
			chain = append(chain, Title(h))
		}
	}
	if len(chain) > 1 {
		clauses = append(clauses, words.List(chain)+" come from the same abuse and share one chain")
	}
	if len(clauses) == 0 {
		return ""
	}
	return "The harms are nested, not independent votes: " + strings.Join(clauses, "; ") + "."
}

// Mediation is how much of an arm's abuse, or of an effect on abuse, fell
// on migrants trapped or stranded at the time.
type Mediation struct {
	Row      string  // an arm's name, or an effect's ID
	Kind     string  // "arm" or "effect"
	Events   float64 // mean abuse events, or the effect on them
	Immobile float64 // of which on migrants trapped or stranded
	// Lo and Hi bound the part on immobile migrants (95% t-interval);
	// for an arm they are NaN.
	Lo, Hi float64
	Share  float64 // Immobile / Events: partShare's, NaN if Events is 0 or the two go opposite ways
	// The chain's test, on malfunction's effect at open and at closed
	// admission (NaN and empty on the other rows): the mean over
	// replicates of Immobile − ChainShare × Events, its 95% t-interval
	// (not adjusted), its Holm-adjusted p-value and the verdict.
	ChainDiff, ChainLo, ChainHi, ChainPAdj float64
	Chain                                  ChainVerdict
}

// Analysis is the check's statistics on a set of runs.
type Analysis struct {
	Design    Design
	Arms      []string    // the design's cells, then the scenario's own regimes
	Reps      int         // replicates per arm
	Means     [][]float64 // [harm][arm] mean over replicates, harms in Harms() order
	Estimates []Estimate  // effect-major: every harm of the first effect, then the next
	Claim     []ClaimVerdict
	// ClaimAtNone is the claim judged again on each harm, by the same
	// rule, from its effects at protection none (AtNone), where the four
	// named regimes lie, with the chain at protection none on ChainHarms:
	// the second reading (docs/CLAIM.md). Nil when the design has no such
	// effects.
	ClaimAtNone []ClaimVerdict
	Mediation   []Mediation
	// ChainShare is the share the chain is judged against, and
	// ChainTests its tests, at open then at closed admission, then, in a
	// design with the second reading, at open then at closed admission
	// without protection: for each, Harm "chain" and the contrast of
	// malfunction on abuse on trapped or stranded migrants minus
	// ChainShare × all abuse, its Effect that of malfunction it splits.
	ChainShare float64
	ChainTests []Estimate
	// Waiting splits the chain's effects on the abuse harms by the
	// intervention of Design.WaitingOff, effect by effect (chainEffects'
	// order), harm by harm (ChainHarms'); nil without it.
	Waiting []Waiting
	// Interceptions is, per arm, the mean interceptions on irregular
	// paths a run: what patrols did, for PatrolNote.
	Interceptions []float64
	// CentrePersonDays is, per arm, the mean person-days in centres a
	// run: whom centres sheltered, for CentreNote.
	CentrePersonDays []float64
}

// Estimate finds the estimate of effect id on harm.
func (a *Analysis) Estimate(id, harm string) (Estimate, bool) {
	i := slices.IndexFunc(a.Estimates, func(e Estimate) bool { return e.Effect.ID == id && e.Harm == harm })
	if i < 0 {
		return Estimate{}, false
	}
	return a.Estimates[i], true
}

// mediationEffects are the effects whose action on abuse the mediation
// table splits (those the design has): the first two and, in a design
// with the second reading, the last two carry the chain's tests.
var mediationEffects = []string{"malfunction|closure=open", "malfunction|closure=closed", Malfunction.Name, Closure.Name,
	AtNone("malfunction|closure=open"), AtNone("malfunction|closure=closed")}

// chainEffects are the effects the chain is tested on: malfunction's at
// open and at closed admission, averaged over protection, and without it.
var chainEffects = []string{"malfunction|closure=open", "malfunction|closure=closed", AtNone("malfunction|closure=open"), AtNone("malfunction|closure=closed")}

// Analyse estimates every effect of the design on every harm from the
// summary rows of the arms (rows in any order, replicates 0..n-1 of each
// arm), decides the verdicts across the family of all of them, judges the
// claim on each harm, with its chain on ChainHarms judged against share
// chain of the abuse malfunction adds, and builds the mediation table.
// seed fixes the bootstrap.
func Analyse(d Design, own []string, rows []output.SummaryRow, sesoi SESOI, chain float64, seed uint64) (*Analysis, error) {
	a := &Analysis{Design: d, Arms: append(d.CellNames(), own...), ChainShare: chain}
	harms := Harms()
	metrics := append(slices.Clone(harms), "abuse_events", "abuse_immobile", "interceptions", "centre_person_days")
	rows, offRows := splitWaitingOff(d, rows)
	values, err := gather(a.Arms, metrics, rows)
	if err != nil {
		return nil, err
	}
	a.Reps = len(values[0][0])
	effects := d.Effects(own)
	for h := range harms {
		a.Means = append(a.Means, armMeans(values[h]))
	}
	absent := make([]bool, len(harms))
	for h := range harms {
		absent[h] = neverHappens(values[h][:d.NCells()])
	}
	for _, e := range effects {
		for h, harm := range harms {
			grand := 0.0
			for c := range d.NCells() {
				grand += a.Means[h][c] / float64(d.NCells())
			}
			est := estimate(e, harm, values[h], sesoi.For(harm, grand), seed)
			if absent[h] && neverHappens(touched(e, values[h])) {
				// Nothing to test: an exact 0 that says nothing about what
				// switching a setting does to a harm that never happens.
				est.P, est.PEquiv, est.Verdict = math.NaN(), math.NaN(), NotApplicable
			}
			a.Estimates = append(a.Estimates, est)
		}
	}
	events, immobile := values[len(harms)], values[len(harms)+1]
	a.Interceptions = armMeans(values[len(harms)+2])
	a.CentrePersonDays = armMeans(values[len(harms)+3])
	// The chain's tests: per replicate, malfunction's effect on abuse of
	// immobile migrants minus the chain share of its effect on all abuse
	// (a contrast is linear, so it is the contrast of immobile − s·events).
	// Only the test of difference from 0: above 0 the chain holds, below
	// it fails. Both join the family of the check's tests.
	chainValues := make([][]float64, len(a.Arms))
	for arm := range chainValues {
		chainValues[arm] = make([]float64, a.Reps)
		for r := range chainValues[arm] {
			chainValues[arm][r] = immobile[arm][r] - float64(chain*events[arm][r]) // float64: no fused multiply-subtract (docs/MODEL.md, determinism across machines)
		}
	}
	noAbuse := neverHappens(events[:d.NCells()])
	for _, id := range chainEffects {
		i := slices.IndexFunc(effects, func(e Effect) bool { return e.ID == id })
		if i < 0 {
			continue
		}
		est := estimate(effects[i], "chain", chainValues, 1, seed)
		est.PEquiv, est.SESOI = math.NaN(), math.NaN()
		if noAbuse {
			est.P, est.Verdict = math.NaN(), NotApplicable
		}
		a.ChainTests = append(a.ChainTests, est)
	}
	family := slices.Concat(a.Estimates, a.ChainTests)
	decide(family)
	copy(a.Estimates, family)
	copy(a.ChainTests, family[len(a.Estimates):])
	second := slices.ContainsFunc(effects, func(e Effect) bool { return IsAtNone(e.ID) })
	for _, harm := range harms {
		a.Claim = append(a.Claim, a.claimOn(harm, same, a.verdict))
		if second {
			a.ClaimAtNone = append(a.ClaimAtNone, a.claimOn(harm, AtNone, a.verdict))
		}
	}
	ev, im := armMeans(events), armMeans(immobile)
	for i, arm := range a.Arms {
		a.Mediation = append(a.Mediation, Mediation{Row: arm, Kind: "arm", Events: ev[i], Immobile: im[i], Lo: math.NaN(), Hi: math.NaN(), Share: partShare(im[i], ev[i]),
			ChainDiff: math.NaN(), ChainLo: math.NaN(), ChainHi: math.NaN(), ChainPAdj: math.NaN()})
	}
	for _, id := range mediationEffects {
		i := slices.IndexFunc(effects, func(e Effect) bool { return e.ID == id })
		if i < 0 {
			continue
		}
		te := estimate(effects[i], "abuse_events", events, 1, seed)
		ie := estimate(effects[i], "abuse_immobile", immobile, 1, seed)
		m := Mediation{Row: id, Kind: "effect", Events: te.Mean, Immobile: ie.Mean, Lo: ie.Lo, Hi: ie.Hi, Share: partShare(ie.Mean, te.Mean),
			ChainDiff: math.NaN(), ChainLo: math.NaN(), ChainHi: math.NaN(), ChainPAdj: math.NaN()}
		if c, ok := a.chainTest(id); ok {
			m.ChainDiff, m.ChainLo, m.ChainHi, m.ChainPAdj, m.Chain = c.Mean, c.Lo, c.Hi, c.PAdj, a.chainVerdict(id)
		}
		a.Mediation = append(a.Mediation, m)
	}
	if d.WaitingOff {
		if a.Waiting, err = throughWaiting(d, effects, values, offRows, seed); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// Waiting is malfunction's effect on an abuse harm split by the
// intervention of Design.WaitingOff: its Total effect (the design's
// estimate), its Direct effect with waiting's effects on abuse switched
// off in every cell compared, and Through, the part that goes through
// them, Total − Direct, paired replicate by replicate (the copies meet
// the same migrants: common random numbers). Each has its 95%
// t-interval, not adjusted and not tested: they say how much, beside the
// chain's verdicts, and join no family.
type Waiting struct {
	Effect, Harm           string
	Total, Direct, Through Estimate
}

// Share is the part of the total effect that goes through waiting's
// effects (partShare's: NaN when the total is 0 or the part goes the
// other way).
func (w Waiting) Share() float64 { return partShare(w.Through.Mean, w.Total.Mean) }

// splitWaitingOff parts rows into the runs of the design's cells and own
// regimes, and those of the cells' copies with waiting's effects off.
func splitWaitingOff(d Design, rows []output.SummaryRow) (main, off []output.SummaryRow) {
	if !d.WaitingOff {
		return rows, nil
	}
	cells := d.CellNames()
	for _, r := range rows {
		if cell, ok := strings.CutSuffix(r.Run.Regime, WaitingOffSuffix); ok && slices.Contains(cells, cell) {
			off = append(off, r)
		} else {
			main = append(main, r)
		}
	}
	return main, off
}

// throughWaiting splits each of the chain's effects on each abuse harm
// (ChainHarms) by the intervention: values are the design's, as Analyse
// gathers them, offRows the runs of the copies.
func throughWaiting(d Design, effects []Effect, values [][][]float64, offRows []output.SummaryRow, seed uint64) ([]Waiting, error) {
	cells := d.waitingCells()
	arms := make([]string, len(cells))
	for j, c := range cells {
		arms[j] = d.CellName(c) + WaitingOffSuffix
	}
	off, err := gather(arms, ChainHarms, offRows)
	if err != nil {
		return nil, err
	}
	if len(off[0][0]) != len(values[0][0]) {
		return nil, fmt.Errorf("claim: %d replicates of the cells with waiting's effects off, and %d of the others", len(off[0][0]), len(values[0][0]))
	}
	var out []Waiting
	for _, id := range chainEffects {
		i := slices.IndexFunc(effects, func(e Effect) bool { return e.ID == id })
		if i < 0 {
			continue
		}
		e := effects[i]
		// The effect on the copies, and the total minus it: the arms are
		// the cells compared, then their copies.
		direct := Effect{ID: id + WaitingOffSuffix, Label: e.Label + ", waiting's effects off", Kind: e.Kind, Coef: make([]float64, len(cells)), Ref: make([]float64, len(cells))}
		through := Effect{ID: id + "-through-waiting", Label: e.Label + ", through waiting's effects", Kind: e.Kind, Coef: make([]float64, 2*len(cells)), Ref: make([]float64, 2*len(cells))}
		for j, c := range cells {
			direct.Coef[j], direct.Ref[j] = e.Coef[c], e.Ref[c]
			through.Coef[j], through.Coef[len(cells)+j] = e.Coef[c], -e.Coef[c]
		}
		for h, harm := range ChainHarms {
			on := values[slices.Index(Harms(), harm)]
			both := make([][]float64, 0, 2*len(cells))
			for _, c := range cells {
				both = append(both, on[c])
			}
			both = append(both, off[h]...)
			w := Waiting{Effect: id, Harm: harm, Total: estimate(e, harm, on, 1, seed), Direct: estimate(direct, harm, off[h], 1, seed), Through: estimate(through, harm, both, 1, seed)}
			out = append(out, w)
		}
	}
	return out, nil
}

// ChainTest finds the chain's test at a setting of closure ("open" or
// "closed"), averaged over protection.
func (a *Analysis) ChainTest(at string) (Estimate, bool) {
	return a.chainTest("malfunction|closure=" + at)
}

// chainVerdict is the chain's verdict on the malfunction effect id: its
// test read beside malfunction's verdict on abuse events there
// (chainOf).
func (a *Analysis) chainVerdict(id string) ChainVerdict {
	return a.chainVerdictBy(id, a.verdict)
}

// chainVerdictBy is chainVerdict with malfunction's verdict on abuse
// events read from verdict.
func (a *Analysis) chainVerdictBy(id string, verdict func(id, harm string) Verdict) ChainVerdict {
	e, ok := a.chainTest(id)
	if !ok {
		return ChainInconclusive
	}
	return chainOf(e.Verdict, verdict(id, "abuse_events"))
}

// verdict is effect id's verdict on harm; inconclusive where the design
// has no such effect.
func (a *Analysis) verdict(id, harm string) Verdict {
	if e, ok := a.Estimate(id, harm); ok {
		return e.Verdict
	}
	return Inconclusive
}

// same reads an effect's ID as it is: the claim's main reading.
func same(id string) string { return id }

// claimOn is the claim on a harm, from its effects' verdicts (as
// verdictEffects lists them, read through at: as they are, or at
// protection none) as verdict gives them, the chain's on ChainHarms.
func (a *Analysis) claimOn(harm string, at func(string) string, verdict func(id, harm string) Verdict) ClaimVerdict {
	var v [4]Verdict
	for i, e := range verdictEffects {
		v[i] = verdict(at(e.ID), harm)
	}
	c := judge(harm, v[0], v[1], v[2], v[3])
	if slices.Contains(ChainHarms, harm) {
		c = withChain(c, a.chainVerdictBy(at("malfunction|closure="+Closure.Low), verdict), a.chainVerdictBy(at("malfunction|closure="+Closure.High), verdict), a.ChainShare)
	}
	return c
}

// chainTest finds the chain's test on the malfunction effect id.
func (a *Analysis) chainTest(id string) (Estimate, bool) {
	i := slices.IndexFunc(a.ChainTests, func(e Estimate) bool { return e.Effect.ID == id })
	if i < 0 {
		return Estimate{}, false
	}
	return a.ChainTests[i], true
}

// neverHappens reports whether a harm is 0 in every replicate of every
// arm of values[arm][replicate].
func neverHappens(values [][]float64) bool {
	for _, arm := range values {
		for _, v := range arm {
			if v != 0 {
				return false
			}
		}
	}
	return true
}

// touched is the values of the arms effect e compares or starts from.
func touched(e Effect, values [][]float64) [][]float64 {
	var out [][]float64
	for a := range values {
		if e.Coef[a] != 0 || e.Ref[a] != 0 {
			out = append(out, values[a])
		}
	}
	return out
}

// partShare is the share part/whole of a whole made of part and the
// rest; NaN, no share, when the whole is 0 or the part goes the other
// way from it (an effect that lowers abuse overall while raising it on
// trapped migrants: -330% of it read as a share means nothing).
func partShare(part, whole float64) float64 {
	if s := ratio(part, whole); s >= 0 {
		return s
	}
	return math.NaN()
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return math.NaN()
	}
	return a / b
}

func armMeans(v [][]float64) []float64 {
	out := make([]float64, len(v))
	for a := range v {
		out[a], _ = meanSD(v[a])
	}
	return out
}

// gather arranges summary rows as values[metric][arm][replicate], checking
// that every arm has the same replicates 0..n-1.
func gather(arms, metrics []string, rows []output.SummaryRow) ([][][]float64, error) {
	cols := make([]int, len(metrics))
	for m, name := range metrics {
		if cols[m] = output.TotalIndex(name); cols[m] < 0 {
			return nil, fmt.Errorf("claim: no metric %s in the summary", name)
		}
	}
	n := 0
	for _, r := range rows {
		n = max(n, r.Run.Replicate+1)
	}
	values := make([][][]float64, len(metrics))
	seen := make([][]bool, len(arms))
	for m := range values {
		values[m] = make([][]float64, len(arms))
		for a := range arms {
			values[m][a] = make([]float64, n)
		}
	}
	for a := range arms {
		seen[a] = make([]bool, n)
	}
	for _, r := range rows {
		a := slices.Index(arms, r.Run.Regime)
		if a < 0 {
			return nil, fmt.Errorf("claim: a run of %q, which is no arm of the check", r.Run.Regime)
		}
		seen[a][r.Run.Replicate] = true
		for m, c := range cols {
			values[m][a][r.Run.Replicate] = r.Totals[c]
		}
	}
	for a, arm := range arms {
		for rep, ok := range seen[a] {
			if !ok {
				return nil, fmt.Errorf("claim: replicate %d of %s is missing", rep, arm)
			}
		}
	}
	if n < 2 {
		return nil, fmt.Errorf("claim: want at least 2 replicates of every arm, got %d", n)
	}
	return values, nil
}
