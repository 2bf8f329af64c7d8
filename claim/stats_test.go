package claim

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/sim"
)

func TestHolm(t *testing.T) {
	tests := []struct {
		p, want []float64
	}{
		// m = 4: 0.01×4, 0.02×3, 0.03×2, 0.04×1 (raised to keep the order).
		{[]float64{0.03, 0.01, 0.04, 0.02}, []float64{0.06, 0.04, 0.06, 0.06}},
		{[]float64{0.5, 0.001}, []float64{0.5, 0.002}},
		{[]float64{0.9, 0.8}, []float64{1, 1}},
		{[]float64{math.NaN(), 0.01}, []float64{math.NaN(), 0.01}},
	}
	for _, tt := range tests {
		got := Holm(tt.p)
		for i := range got {
			if !(math.Abs(got[i]-tt.want[i]) < 1e-12 || (math.IsNaN(got[i]) && math.IsNaN(tt.want[i]))) {
				t.Errorf("Holm(%v) = %v; want %v", tt.p, got, tt.want)
				break
			}
		}
	}
}

// TestVerdicts: the four verdicts from contrasts of known size and spread.
func TestVerdicts(t *testing.T) {
	noise := []float64{-1, 0.5, 1.2, -0.8, 0.1, 0.9, -1.1, 0.4, -0.3, 0.7, -0.6, 0.2, 1, -0.9, 0.3, -0.2, 0.8, -0.5, 0.6, -0.4}
	e := Effect{ID: "x", Kind: Main, Coef: []float64{-1, 1}, Ref: []float64{1, 0}}
	cases := []struct {
		name        string
		shift, size float64 // arm 1 = arm 0 + shift + size × noise
		sesoi       float64
		want        Verdict
	}{
		{"large, certain", 10, 1, 2, Harmful},
		{"large, certain, negative", -10, 1, 2, Protective},
		{"tiny and certain: significant yet trivial", 0.3, 0.2, 2, NoDifference},
		{"none at all, precise", 0, 0.2, 2, NoDifference},
		{"uncertain", 1, 8, 2, Inconclusive},
	}
	var family []Estimate
	for _, c := range cases {
		base := make([]float64, len(noise))
		arm := make([]float64, len(noise))
		for r := range noise {
			base[r] = 100 + 3*noise[(r+5)%len(noise)]
			arm[r] = base[r] + c.shift + c.size*noise[r]
		}
		family = append(family, estimate(e, c.name, [][]float64{base, arm}, c.sesoi, 1))
	}
	decide(family)
	for i, c := range cases {
		if got := family[i].Verdict; got != c.want {
			t.Errorf("%s: mean %.3f [%.3f, %.3f], p %.3g (adj %.3g), p_equiv %.3g (adj %.3g): %s; want %s", c.name,
				family[i].Mean, family[i].Lo, family[i].Hi, family[i].P, family[i].PAdj, family[i].PEquiv, family[i].PEquivAdj, got, c.want)
		}
	}
}

// TestEstimateKnownContrast: a paired contrast of 20 replicates gets the
// mean, the 95% t interval and the two p-values that the t formulas give.
// The expected values were computed outside Go, with mpmath at 40 digits:
// t_{0.975,19} = 2.0930240544083098 (R's qt(0.975, 19) = 2.093024), the
// p-values from the regularized incomplete beta function, so a 90%
// interval, or the wrong degrees of freedom, cannot pass.
func TestEstimateKnownContrast(t *testing.T) {
	d := []float64{1.3, -0.4, 2.1, 0.8, 1.7, -1.2, 0.6, 2.4, 1.1, 0.2, -0.7, 1.9, 0.9, 1.5, -0.3, 2.8, 0.4, 1.0, -0.9, 1.6}
	base := make([]float64, len(d))
	arm := make([]float64, len(d))
	for r := range d {
		base[r], arm[r] = 10, 10+d[r]
	}
	e := Effect{ID: "x", Kind: Main, Coef: []float64{-1, 1}, Ref: []float64{1, 0}}
	got := estimate(e, "h", [][]float64{base, arm}, 2, 1)
	const (
		mean   = 0.84
		sd     = 1.126428917092933 // sample sd, n − 1
		t97519 = 2.0930240544083098
		p      = 0.0034799905317990901   // 2 P(T_19 > mean/se)
		pEquiv = 0.000096540336894666440 // TOST at SESOI 2: P(T_19 > (2 − mean)/se)
	)
	half := t97519 * sd / math.Sqrt(20)
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"mean", got.Mean, mean},
		{"sd", got.SD, sd},
		{"lo", got.Lo, mean - half},
		{"hi", got.Hi, mean + half},
		{"p", got.P, p},
		{"p_equiv", got.PEquiv, pEquiv},
		{"reference", got.Reference, 10},
	} {
		if math.Abs(c.got-c.want) > 1e-9 {
			t.Errorf("estimate of the known contrast: %s = %.15g; want %.15g", c.name, c.got, c.want)
		}
	}
}

// TestRelativeIntervalKeepsPairs: the bootstrap of the relative effect
// resamples replicates as pairs (contrast and reference together). Where
// every replicate's contrast is half its reference, every resample's ratio
// is one half, so the interval is [0.5, 0.5] however much the references
// vary; resampled apart, the ratio would scatter around it.
func TestRelativeIntervalKeepsPairs(t *testing.T) {
	base := []float64{4, 40, 9, 120, 15, 2, 75, 30, 6, 90, 11, 55, 3, 25, 60, 8, 100, 20, 5, 45}
	arm := make([]float64, len(base))
	for r, b := range base {
		arm[r] = 1.5 * b
	}
	e := Effect{ID: "x", Kind: Main, Coef: []float64{-1, 1}, Ref: []float64{1, 0}}
	got := estimate(e, "h", [][]float64{base, arm}, 1, 1)
	if math.Abs(got.Relative-0.5) > 1e-12 || math.Abs(got.RelLo-0.5) > 1e-12 || math.Abs(got.RelHi-0.5) > 1e-12 {
		t.Errorf("relative effect of contrasts half their reference = %v [%v, %v]; want 0.5 [0.5, 0.5]", got.Relative, got.RelLo, got.RelHi)
	}
}

// TestDecideOneFamily: Holm runs once over the difference and the
// equivalence tests together (6 tests here), so that the chance of any
// false finding is at most 5% over both kinds. Two families of 3, each at
// 5% (up to 10% chance of a false finding over both), would call a
// harmful (its difference p adjusted to 2 × 0.02 = 0.04).
func TestDecideOneFamily(t *testing.T) {
	family := []Estimate{
		{Effect: Effect{ID: "a"}, Mean: 5, P: 0.02, PEquiv: 0.9},
		{Effect: Effect{ID: "b"}, Mean: 0.1, P: 0.9, PEquiv: 0.02},
		{Effect: Effect{ID: "c"}, Mean: 9, P: 0.001, PEquiv: 0.95},
	}
	decide(family)
	want := []struct {
		pAdj, pEquivAdj float64
		v               Verdict
	}{{0.1, 1, Inconclusive}, {1, 0.1, Inconclusive}, {0.006, 1, Harmful}} // 0.001 × 6; 0.02 × 5; max(0.1, 0.02 × 4); the rest capped at 1
	for i, w := range want {
		e := family[i]
		if math.Abs(e.PAdj-w.pAdj) > 1e-12 || math.Abs(e.PEquivAdj-w.pEquivAdj) > 1e-12 || e.Verdict != w.v {
			t.Errorf("%s: p_adj %v, p_equiv_adj %v, %s; want %v, %v, %s", e.Effect.ID, e.PAdj, e.PEquivAdj, e.Verdict, w.pAdj, w.pEquivAdj, w.v)
		}
	}
}

func TestJudge(t *testing.T) {
	H, P, N, I := Harmful, Protective, NoDifference, Inconclusive
	tests := []struct {
		open, closed, closure, diff Verdict
		want                        string
	}{
		{H, H, N, I, ClaimHolds},
		{H, H, H, H, ClaimHolds},
		{H, H, P, P, ClaimHolds},
		{H, N, H, H, ClaimFails},
		{P, H, N, H, ClaimFails},
		{H, H, H, N, ClaimFails},
		{H, H, H, P, ClaimFails},
		{H, I, N, H, ClaimInconclusive},
		{H, H, H, I, ClaimInconclusive},
		// Closure inconclusive is not closure harmless: the claim holds
		// only if malfunction is shown to do more harm, and fails only
		// if closure is shown harmful, so otherwise it is inconclusive.
		{H, H, I, I, ClaimInconclusive},
		{H, H, I, N, ClaimInconclusive},
		{H, H, I, P, ClaimInconclusive},
		{H, H, I, H, ClaimHolds},
		{NotApplicable, NotApplicable, NotApplicable, NotApplicable, ClaimNotApplicable},
	}
	for _, tt := range tests {
		if got := judge("h", tt.open, tt.closed, tt.closure, tt.diff).Holds; got != tt.want {
			t.Errorf("judge(%s, %s, %s, %s) = %s; want %s", tt.open, tt.closed, tt.closure, tt.diff, got, tt.want)
		}
	}
}

// TestWithChain: on an abuse harm the claim holds only when its effects
// hold and its chain holds at open and at closed admission; the chain
// never changes an outcome other than "holds".
func TestWithChain(t *testing.T) {
	Hc, Fc, Ic, NAc := ChainHolds, ChainFails, ChainInconclusive, ChainNotApplicable
	tests := []struct {
		effects      string
		open, closed ChainVerdict
		want         string
	}{
		{ClaimHolds, Hc, Hc, ClaimHolds},
		{ClaimHolds, Fc, Fc, ClaimNotThroughTrapping},
		{ClaimHolds, Hc, Fc, ClaimNotThroughTrapping},
		{ClaimHolds, Ic, Fc, ClaimNotThroughTrapping},
		{ClaimHolds, Hc, Ic, ClaimChainInconclusive},
		{ClaimHolds, Ic, Ic, ClaimChainInconclusive},
		{ClaimFails, Hc, Hc, ClaimFails},
		{ClaimInconclusive, Hc, Hc, ClaimInconclusive},
		{ClaimInconclusive, Fc, Fc, ClaimInconclusive},
		{ClaimNotApplicable, NAc, NAc, ClaimNotApplicable},
	}
	for _, tt := range tests {
		got := withChain(ClaimVerdict{Harm: "abuse_events", Holds: tt.effects}, tt.open, tt.closed, 0.5)
		if got.Holds != tt.want || got.ChainAtOpen != tt.open || got.ChainAtClosed != tt.closed || got.ChainShare != 0.5 {
			t.Errorf("withChain(%s, %s, %s) = %s (%s, %s, %v); want %s", tt.effects, tt.open, tt.closed, got.Holds, got.ChainAtOpen, got.ChainAtClosed, got.ChainShare, tt.want)
		}
	}
}

// TestChainTest: the chain's test is the paired contrast of immobile −
// s × all abuse, tested against 0 with the check's other tests. Built from
// known shares: 80% of what malfunction adds on trapped migrants holds at
// s = 0.5 and fails at s = 0.9; 10% fails at 0.5. Where malfunction takes
// abuse away, or adds none, there is no added abuse for the chain to
// judge: d is above 0 (none on trapped migrants, minus half of less than
// nothing), and the chain held there before it said so.
func TestChainTest(t *testing.T) {
	d := StandardDesign(false)
	mi := d.Index("malfunction")
	rows := func(share, sign float64) []output.SummaryRow {
		var out []output.SummaryRow
		ev, im := output.TotalIndex("abuse_events"), output.TotalIndex("abuse_immobile")
		for c := range d.NCells() {
			for r := range 20 {
				totals := make([]float64, len(output.Totals))
				added := 0.0
				if d.On(c, mi) {
					added = sign * (100 + float64(r%3)) // a little spread, the same in every cell: mean 100.95 over 20
				}
				totals[ev] = 500 + added
				totals[im] = 5 + share*added
				out = append(out, output.SummaryRow{Run: output.Run{Regime: d.CellName(c), Replicate: r}, Totals: totals})
			}
		}
		return out
	}
	for _, tt := range []struct {
		share, s, sign float64
		want           ChainVerdict
	}{
		{0.8, 0.5, 1, ChainHolds}, {0.8, 0.9, 1, ChainFails}, {0.1, 0.5, 1, ChainFails}, {0.5, 0.5, 1, ChainInconclusive},
		{0, 0.5, -1, ChainNoAbuseAdded}, {0, 0.5, 0, ChainNoAbuseAdded},
	} {
		a, err := Analyse(d, nil, rows(tt.share, tt.sign), DefaultSESOI(), tt.s, 1)
		if err != nil {
			t.Fatal(err)
		}
		for _, at := range []string{"open", "closed"} {
			c, ok := a.ChainTest(at)
			if got := a.chainVerdict("malfunction|closure=" + at); !ok || got != tt.want {
				t.Errorf("%.0f%% on trapped migrants of %v × 100.95 added, s = %v, at %s: the chain %s (d = %v); want %s", 100*tt.share, tt.sign, tt.s, at, got, c.Mean, tt.want)
			}
			if want := tt.sign * (tt.share - tt.s) * 100.95; math.Abs(c.Mean-want) > 1e-9 {
				t.Errorf("%.0f%%, s = %v, sign %v, at %s: d = %v; want %v", 100*tt.share, tt.s, tt.sign, at, c.Mean, want)
			}
		}
		for _, m := range a.Mediation {
			if _, tested := a.chainTest(m.Row); tested && m.Chain != a.chainVerdict(m.Row) {
				t.Errorf("%.0f%%, s = %v, sign %v: mediation row %s says the chain %s; want %s, as the claim reads it", 100*tt.share, tt.s, tt.sign, m.Row, m.Chain, a.chainVerdict(m.Row))
			}
		}
	}
}

// TestEffectsOnKnownCells: with cell means built from known main effects
// and an interaction, every effect comes out exact.
func TestEffectsOnKnownCells(t *testing.T) {
	d := StandardDesign(false)
	ci, mi, pi := d.Index("closure"), d.Index("malfunction"), d.Index("protection")
	// harm = 10 + 4 C + 6 M − 2 P + 3 C·M (C, M, P in {0, 1})
	cell := func(c int) float64 {
		x := func(i int) float64 {
			if d.On(c, i) {
				return 1
			}
			return 0
		}
		return 10 + 4*x(ci) + 6*x(mi) - 2*x(pi) + 3*x(ci)*x(mi)
	}
	values := make([][]float64, d.NCells())
	for c := range values {
		values[c] = []float64{cell(c), cell(c)}
	}
	want := map[string]float64{ // looked up only
		"closure": 4 + 1.5, "malfunction": 6 + 1.5, "protection": -2,
		"malfunction|closure=open": 6, "malfunction|closure=closed": 9,
		"protection|closure=open": -2, "protection|closure=closed": -2,
		"closure|malfunction=working": 4, "closure|malfunction=failing": 7,
		"malfunction-closure": 2, "closure×malfunction": 3, "closure×protection": 0, "malfunction×protection": 0,
		"closure×malfunction×protection": 0,
		// At protection none, where P has no interaction, as above.
		"malfunction|closure=open,protection=none": 6, "malfunction|closure=closed,protection=none": 9,
		"closure|protection=none": 5.5, "malfunction-closure|protection=none": 2,
	}
	effects := d.Effects(nil)
	var ids []string
	for _, e := range effects {
		ids = append(ids, e.ID)
		d, _ := contrast(e, values)
		w, ok := want[e.ID]
		if !ok {
			t.Errorf("unexpected effect %s", e.ID)
			continue
		}
		if math.Abs(d[0]-w) > 1e-12 {
			t.Errorf("%s = %v; want %v", e.ID, d[0], w)
		}
	}
	for id := range want {
		if !slices.Contains(ids, id) {
			t.Errorf("no effect %s", id)
		}
	}
}

// TestRequiredReps: the replicates that give a 95% interval of half-width
// target × sesoi are ceil((t_{0.975, n0−1} × sd / (target × sesoi))²), with
// the pilot's n0 − 1 degrees of freedom. The quantiles, from mpmath at 40
// digits: t_{0.975,4} = 2.7764451, t_{0.975,9} = 2.2621572, t_{0.975,19} =
// 2.0930241. A small pilot is where n0 degrees of freedom would go wrong:
// 2644 replicates instead of 3084 at n0 = 5.
func TestRequiredReps(t *testing.T) {
	for _, c := range []struct {
		sd, sesoi, target float64
		n0, want          int
	}{
		{10, 1, 0.5, 5, 3084},    // (2.7764451 × 20)² = 3083.46
		{10, 1, 0.5, 10, 2047},   // (2.2621572 × 20)² = 2046.94
		{3, 2, 0.25, 20, 158},    // (2.0930241 × 6)² = 157.71
		{10, 10, 0.5, 20, 18},    // (2.0930241 × 2)² = 17.52
		{0, 10, 0.5, 20, 20},     // no spread: the pilot's replicates
		{math.NaN(), 1, 1, 7, 7}, // spread unknown: the pilot's replicates
		{10, 1, 0.5, 1, 1},       // a pilot of one has no spread to go on
	} {
		if got := RequiredReps(c.sd, c.sesoi, c.target, c.n0); got != c.want {
			t.Errorf("RequiredReps(%v, %v, %v, %d) = %d; want %d", c.sd, c.sesoi, c.target, c.n0, got, c.want)
		}
	}
}

func TestOverall(t *testing.T) {
	c := func(harm, holds string) ClaimVerdict { return ClaimVerdict{Harm: harm, Holds: holds} }
	tests := []struct {
		claims []ClaimVerdict
		want   string
	}{
		{[]ClaimVerdict{c("abuse_events", ClaimHolds), c("deaths", ClaimNotApplicable), c("trapped_person_days", ClaimFails)},
			"Across the 2 harms that happen in the runs, the claim holds on abuse events; fails on trapped person-days. It does not apply to deaths: 0 in every run of every combination."},
		{[]ClaimVerdict{c("abuse_events", ClaimInconclusive), c("deaths", ClaimHolds)},
			"Across the 2 harms that happen in the runs, the claim holds on deaths; is inconclusive on abuse events. " +
				"On deaths the check tests no \"because\": that the claim holds there says a failing border does more of that harm, not that trapping is why."},
		{[]ClaimVerdict{c("trapped_person_days", ClaimHolds), c("immobilised_person_days", ClaimHolds), c("harm_index", ClaimHolds), c("deaths", ClaimHolds)},
			"Across the 4 harms that happen in the runs, the claim holds on trapped person-days, immobilised person-days, harm index and deaths. " +
				"On harm index and deaths the check tests no \"because\": that the claim holds there says a failing border does more of that harm, not that trapping is why. " +
				"The harms are nested, not independent votes: trapped person-days are part of immobilised person-days; immobilised person-days and deaths are weighted parts of harm index."},
		{[]ClaimVerdict{c("abuse_events", ClaimHolds), c("abused_migrants", ClaimHolds), c("deaths", ClaimFails), c("harm_index", ClaimFails), c("trapped_person_days", ClaimFails)},
			"Across the 5 harms that happen in the runs, the claim holds on abuse events and migrants abused; fails on deaths, harm index and trapped person-days. " +
				"The harms are nested, not independent votes: abuse events and deaths are weighted parts of harm index; abuse events and migrants abused come from the same abuse and share one chain."},
		{[]ClaimVerdict{c("abuse_events", ClaimNotApplicable), c("deaths", ClaimFails), c("harm_index", ClaimNotApplicable)},
			"Across the 1 harm that happens in the runs, the claim fails on deaths. It does not apply to abuse events and harm index: 0 in every run of every combination."},
		{[]ClaimVerdict{{Harm: "abuse_events", Holds: ClaimNotThroughTrapping, ChainAtOpen: ChainFails, ChainAtClosed: ChainFails, ChainShare: 0.5},
			{Harm: "abused_migrants", Holds: ClaimNotThroughTrapping, ChainAtOpen: ChainFails, ChainAtClosed: ChainFails, ChainShare: 0.5}, c("deaths", ClaimFails)},
			"Across the 3 harms that happen in the runs, the claim holds, but not through trapping, on abuse events and migrants abused; fails on deaths. " +
				"Not through trapping: a failing border raises abuse events and migrants abused, but where admission is open and where it is closed less than 50% of the abuse it adds falls on migrants trapped or stranded at the time, against the claim's \"because\". " +
				"The harms are nested, not independent votes: abuse events and migrants abused come from the same abuse and share one chain."},
		{[]ClaimVerdict{{Harm: "abuse_events", Holds: ClaimNotThroughTrapping, ChainAtOpen: ChainHolds, ChainAtClosed: ChainFails, ChainShare: 0.6}, c("deaths", ClaimFails)},
			"Across the 2 harms that happen in the runs, the claim holds, but not through trapping, on abuse events; fails on deaths. " +
				"Not through trapping: a failing border raises abuse events, but where admission is closed less than 60% of the abuse it adds falls on migrants trapped or stranded at the time, against the claim's \"because\"."},
		{[]ClaimVerdict{{Harm: "abuse_events", Holds: ClaimChainInconclusive, ChainAtOpen: ChainHolds, ChainAtClosed: ChainInconclusive, ChainShare: 0.5}, c("deaths", ClaimFails)},
			"Across the 2 harms that happen in the runs, the claim holds, but whether through trapping is inconclusive, on abuse events; fails on deaths."},
		{[]ClaimVerdict{c("abuse_events", ClaimNotApplicable), c("deaths", ClaimNotApplicable)},
			"No harm happens in any run of any combination: the check says nothing about the claim."},
	}
	for _, tt := range tests {
		if got := Overall(tt.claims); got != tt.want {
			t.Errorf("Overall(%v) =\n%s\nwant\n%s", tt.claims, got, tt.want)
		}
	}
}

// TestSharesCountsNotThroughTrapping: a point where the claim holds but not
// through trapping is counted apart, neither as holding nor inconclusive;
// an inconclusive chain counts as inconclusive.
func TestSharesCountsNotThroughTrapping(t *testing.T) {
	rr := &RobustnessResult{}
	for _, o := range []string{ClaimHolds, ClaimNotThroughTrapping, ClaimNotThroughTrapping, ClaimChainInconclusive, ClaimFails} {
		rr.Claims = append(rr.Claims, []ClaimVerdict{{Harm: "abuse_events", Holds: o}})
	}
	if got, want := rr.Shares(0), []float64{0.2, 0.4, 0.2, 0.2, 0}; !slices.Equal(got, want) {
		t.Errorf("Shares = %v; want %v (holds, not through trapping, fails, inconclusive, not applicable)", got, want)
	}
}

// TestPercent: a threshold the user chose reads as given, never rounded
// to a whole percent it is not.
func TestPercent(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{{0.5, "50%"}, {0.1, "10%"}, {0.996, "99.6%"}, {0.001, "0.1%"}, {0.25, "25%"}, {0.123456, "12.3%"}} {
		if got := Percent(c.v); got != c.want {
			t.Errorf("Percent(%v) = %q, want %q", c.v, got, c.want)
		}
	}
}

// TestVerdictsReadAsVerbs: every outcome of the claim and verdict of the
// chain reads as a verb phrase after "the claim" or "the chain" (report.md
// once read "the claim **inconclusive**"), and report.md's sentence on a
// harm uses it.
func TestVerdictsReadAsVerbs(t *testing.T) {
	verb := regexp.MustCompile(`^(holds|fails|is|does)\b`)
	for _, o := range ClaimOutcomes {
		if v := ClaimVerb(o); !verb.MatchString(v) {
			t.Errorf("the claim %s (outcome %q): not a verb phrase", v, o)
		}
	}
	for _, c := range ChainVerdicts {
		if v := c.Verb(); !verb.MatchString(v) {
			t.Errorf("the chain %s (verdict %q): not a verb phrase", v, c)
		}
	}
	// No abuse added is also malfunction's abuse shown within ± δ
	// (chainOf), which adds some: the terminal once said it added none.
	if chainOf(Harmful, NoDifference) != ChainNoAbuseAdded || !strings.Contains(ChainNoAbuseAdded.Verb(), "smallest effect of interest") {
		t.Errorf("the chain where malfunction's abuse is no meaningful difference %s: want it to say the abuse is within the smallest effect of interest", ChainNoAbuseAdded.Verb())
	}
	for _, tc := range []struct{ outcome, want string }{
		{ClaimHolds, "On **trapped person-days** the claim **holds**: "},
		{ClaimFails, "On **trapped person-days** the claim **fails**: "},
		{ClaimInconclusive, "On **trapped person-days** the claim **is inconclusive**: "},
		{ClaimNotThroughTrapping, "On **trapped person-days** the claim **holds, but not through trapping**: "},
		{ClaimNotApplicable, "On **trapped person-days** the claim does **not apply**: "},
	} {
		got := (&Analysis{}).claimSentence(ClaimVerdict{Harm: "trapped_person_days", Holds: tc.outcome})
		if !strings.HasPrefix(got, tc.want) {
			t.Errorf("%s: report.md says %q, want it to begin %q", tc.outcome, got, tc.want)
		}
	}
}

// TestTiedContrastsAreNotCertain: a contrast the same in every replicate
// has no spread for a t statistic; judged as certain (p 0), two
// replicates with one death more each made malfunction "harmful" on
// deaths, and the claim fail there, at --reps 2 (an audit, 2026-12:
// adversary scenario a2-closure-strands). The exact sign test judges it
// instead: at 2 replicates nothing is decided, at 20 a tie still is.
func TestTiedContrastsAreNotCertain(t *testing.T) {
	e := Effect{ID: "x", Kind: Main, Coef: []float64{-1, 1}, Ref: []float64{1, 0}}
	tied := func(n int, base, arm float64) [][]float64 {
		b, a := make([]float64, n), make([]float64, n)
		for r := range n {
			b[r], a[r] = base, arm
		}
		return [][]float64{b, a}
	}
	for _, c := range []struct {
		name            string
		n               int
		base, arm       float64
		p, pEquiv       float64
		verdictInFamily Verdict
	}{
		{"one more in both of 2", 2, 0, 1, 0.5, 1, Inconclusive},
		{"none more in both of 2", 2, 0, 0, 1, 0.25, Inconclusive},
		{"one more in all of 20", 20, 3, 4, math.Ldexp(1, -19), 1, Harmful},
		{"none more in all of 20", 20, 3, 3, 1, math.Ldexp(1, -20), NoDifference},
	} {
		got := estimate(e, "deaths", tied(c.n, c.base, c.arm), 1, 1)
		if got.SD != 0 || got.P != c.p || got.PEquiv != c.pEquiv {
			t.Errorf("%s: sd %v, p %v, p_equiv %v; want sd 0, p %v, p_equiv %v", c.name, got.SD, got.P, got.PEquiv, c.p, c.pEquiv)
		}
		// In a family of 10 such tests, as a check's would hold.
		family := make([]Estimate, 10)
		for i := range family {
			family[i] = got
		}
		decide(family)
		if family[0].Verdict != c.verdictInFamily {
			t.Errorf("%s: %s in a family of 10; want %s", c.name, family[0].Verdict, c.verdictInFamily)
		}
	}
}

// TestOwnArmsAgainstPlainCells: a scenario's own regime is compared with
// the closed and the malfunctioning cells as the built-in regimes define
// them, without protection: the arm's −1 sits on that cell (and its
// reference), and the label names it. In the standard design each has a
// protected twin that differs only in protection.
func TestOwnArmsAgainstPlainCells(t *testing.T) {
	d := StandardDesign(false)
	want := map[string]struct{ admission, reliability string }{ // looked up only
		"mine-closed":         {"closed", "reliable"},
		"mine-malfunctioning": {"open", "failing"},
	}
	found := 0
	for _, e := range d.Effects([]string{"mine"}) {
		w, ok := want[e.ID]
		if !ok {
			continue
		}
		found++
		own := d.NCells()
		if e.Coef[own] != 1 {
			t.Errorf("%s: the own arm's coefficient is %v; want 1", e.ID, e.Coef[own])
		}
		for c := range d.NCells() {
			if e.Coef[c] == 0 {
				continue
			}
			lv, err := d.CellLevels(c)
			if err != nil {
				t.Fatal(err)
			}
			if e.Coef[c] != -1 || e.Ref[c] != 1 || lv.Protection != "none" || lv.Admission != w.admission || lv.Reliability != w.reliability {
				t.Errorf("%s: cell %s (protection %s, admission %s, reliability %s) has coefficient %v, reference %v; want −1 and 1 on the cell without protection, %s admission, %s posts",
					e.ID, d.CellName(c), lv.Protection, lv.Admission, lv.Reliability, e.Coef[c], e.Ref[c], w.admission, w.reliability)
			}
			if !strings.Contains(e.Label, d.CellName(c)) {
				t.Errorf("%s: label %q does not name the cell %s", e.ID, e.Label, d.CellName(c))
			}
		}
	}
	if found != len(want) {
		t.Errorf("%d of the own regime's %d arms found", found, len(want))
	}
}

// TestBootstrapPercentiles: the relative interval is the 2.5th and 97.5th
// percentiles of the resampled ratios: of 2,000, the 51st and the 1,951st
// smallest, worked out here from the same resamples.
func TestBootstrapPercentiles(t *testing.T) {
	d := []float64{3, 9, 4, 12, 7, 1, 8, 5, 10, 6}
	ref := []float64{10, 11, 9, 14, 10, 8, 12, 9, 13, 10}
	lo, hi := bootstrapRatio(d, ref, sim.NewStream(7, "test"))
	r := sim.NewStream(7, "test")
	ratios := make([]float64, Resamples)
	for k := range ratios {
		var sd, sr float64
		for range d {
			i := r.IntN(len(d))
			sd, sr = sd+d[i], sr+ref[i]
		}
		ratios[k] = sd / sr
	}
	slices.Sort(ratios)
	if lo != ratios[50] || hi != ratios[1950] {
		t.Errorf("interval [%v, %v]; want [%v, %v], the 51st and 1,951st of 2,000 ratios", lo, hi, ratios[50], ratios[1950])
	}
	if !(ratios[0] < lo && lo < hi && hi < ratios[Resamples-1]) {
		t.Errorf("interval [%v, %v] is not inside the ratios' range [%v, %v]", lo, hi, ratios[0], ratios[Resamples-1])
	}
}
