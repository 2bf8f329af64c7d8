package claim

import (
	"math"
	"slices"

	"github.com/borderwork/borderwork/internal/portable"
	"github.com/borderwork/borderwork/sim"
)

// Verdict is what the runs say of an effect on a harm.
type Verdict string

// The verdicts (docs/CLAIM.md, "Verdicts").
const (
	Harmful      Verdict = "harmful"                  // the effect is different from 0, positive, and not within the smallest effect of interest
	Protective   Verdict = "protective"               // idem, negative
	NoDifference Verdict = "no meaningful difference" // equivalent: the effect lies within ± the smallest effect of interest
	Inconclusive Verdict = "inconclusive"             // neither
	// NotApplicable: the harm is 0 in every run of every arm the effect
	// compares (and of every cell of the design), so there is nothing to
	// test and the claim says nothing about it.
	NotApplicable Verdict = "not applicable"
)

// Verdicts lists the verdicts, in the order tables count them.
var Verdicts = []Verdict{Harmful, Protective, NoDifference, Inconclusive, NotApplicable}

// differenceWords say what "harmful" and "protective" mean for an effect
// that is the difference of two others (Kind Difference): which of the
// two does more harm. Said of the difference itself, they would read as
// said of its first term: "malfunction − closure: protective" as
// "malfunction protects", when it says that closure harms more
// (referee 8, N2).
var differenceWords = []struct{ id, positive, negative string }{
	{MalfunctionMinusClosure, Malfunction.Name + " worse", Closure.Name + " worse"},
	{AtNone(MalfunctionMinusClosure), Malfunction.Name + " worse", Closure.Name + " worse"},
}

// VerdictWords is the verdict v of the effect with ID id as people read
// it: in report.md, on the terminal and in the figures. It is v itself
// but for a difference of effects (differenceWords), whose "harmful" and
// "protective" name the term that harms more. The tables (effects.csv,
// verdicts.csv, robustness.csv) and --json keep v, so that folders and
// scripts read as they did.
func VerdictWords(id string, v Verdict) string {
	for _, d := range differenceWords {
		if d.id != id {
			continue
		}
		switch v {
		case Harmful:
			return d.positive
		case Protective:
			return d.negative
		}
	}
	return string(v)
}

// Alpha is the familywise error rate of the check's tests: the chance of
// any false finding across every difference and equivalence test.
const Alpha = 0.05

// Estimate is one effect on one harm: the paired contrast across
// replicates, its interval, its size relative to the reference, the two
// tests behind the verdict, and the verdict.
type Estimate struct {
	Effect Effect
	Harm   string
	N      int
	Mean   float64 // mean contrast over replicates
	SD     float64 // standard deviation of the contrast across replicates
	Lo, Hi float64 // 95% t-interval of the mean (not corrected for multiplicity)
	// Reference is the mean of the reference arms; Relative is Mean over
	// it, with a 95% percentile bootstrap interval over replicates (NaN
	// when the reference is 0).
	Reference              float64
	Relative, RelLo, RelHi float64
	SESOI                  float64 // the smallest effect of interest on this harm, in its units
	// P tests "the effect is 0" (two-sided paired t); PEquiv tests "the
	// effect lies outside ± SESOI" (two one-sided tests); both by the
	// exact sign test instead where the contrast ties (isTied); both are
	// then Holm-adjusted together, over every test of the check.
	P, PEquiv       float64
	PAdj, PEquivAdj float64
	Verdict         Verdict
}

// contrast is the per-replicate contrast and reference of an effect.
func contrast(e Effect, values [][]float64) (d, ref []float64) {
	n := len(values[0])
	d, ref = make([]float64, n), make([]float64, n)
	for a, c := range e.Coef {
		for r := range n {
			d[r] += float64(c * values[a][r])
			ref[r] += float64(e.Ref[a] * values[a][r])
		}
	}
	return d, ref
}

func meanSD(x []float64) (mean, sd float64) {
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	if len(x) < 2 {
		return mean, math.NaN()
	}
	var ss float64
	for _, v := range x {
		ss += float64((v - mean) * (v - mean))
	}
	return mean, math.Sqrt(ss / float64(len(x)-1))
}

// estimate computes an effect on a harm from values[arm][replicate]:
// everything but the adjusted p-values and the verdict, which depend on
// the family. seed fixes the bootstrap, which draws from a stream of its
// own for each effect and harm.
func estimate(e Effect, harm string, values [][]float64, sesoi float64, seed uint64) Estimate {
	d, ref := contrast(e, values)
	est := Estimate{Effect: e, Harm: harm, N: len(d), SESOI: sesoi}
	est.Mean, est.SD = meanSD(d)
	est.Reference, _ = meanSD(ref)
	est.Lo, est.Hi, est.P, est.PEquiv = math.NaN(), math.NaN(), math.NaN(), math.NaN()
	switch {
	case est.N < 2:
	case isTied(est):
		// The same contrast in every replicate: no spread to build a t
		// statistic from, and its limit (p = 0) would be certainty from
		// as few as 2 replicates, which counts tie often (two runs with 1
		// death each more). The exact sign test needs no spread: n
		// contrasts all on one side of a value have chance 2^-n under a
		// median at that value.
		est.Lo, est.Hi = est.Mean, est.Mean
		est.P, est.PEquiv = tiedP(est.Mean, sesoi, est.N)
	default:
		nu := est.N - 1
		se := est.SD / math.Sqrt(float64(est.N))
		half := float64(portable.StudentTQuantile(0.975, nu) * se)
		est.Lo, est.Hi = est.Mean-half, est.Mean+half
		est.P = 2 * portable.StudentTSurvival(math.Abs(est.Mean)/se, nu)
		// TOST: reject "effect ≤ −δ" and "effect ≥ δ" (P(T ≤ x) = P(T > −x)).
		est.PEquiv = math.Max(portable.StudentTSurvival((est.Mean+sesoi)/se, nu), portable.StudentTSurvival(-(est.Mean-sesoi)/se, nu))
	}
	est.Relative, est.RelLo, est.RelHi = math.NaN(), math.NaN(), math.NaN()
	if est.Reference != 0 {
		est.Relative = est.Mean / est.Reference
		est.RelLo, est.RelHi = bootstrapRatio(d, ref, sim.NewStream(seed, "claim/bootstrap/"+e.ID+"/"+harm))
	}
	return est
}

// isTied reports whether e's contrast was the same in each of its two
// or more replicates, which tiedP tests.
func isTied(e Estimate) bool { return e.N >= 2 && e.SD == 0 }

// tiedP are the two tests' p-values for a contrast equal to mean in each
// of n replicates, by the exact sign test: that the effect is 0
// (two-sided: all n on one side of 0 has chance 2 × 2^-n), and TOST's
// that it lies outside ± sesoi (all n inside it has chance at most 2^-n
// under either one-sided hypothesis). A tie on 0 is no evidence of a
// difference, and a tie outside ± sesoi none of equivalence: p 1.
func tiedP(mean, sesoi float64, n int) (p, pEquiv float64) {
	p, pEquiv = 1, 1
	if mean != 0 {
		p = math.Min(1, math.Ldexp(1, 1-n))
	}
	if math.Abs(mean) < sesoi {
		pEquiv = math.Ldexp(1, -n)
	}
	return p, pEquiv
}

// Resamples is the number of bootstrap resamples of a relative interval.
const Resamples = 2000

// bootstrapRatio is the 95% percentile interval of mean(d)/mean(ref) over
// replicates resampled with replacement (pairs kept together).
func bootstrapRatio(d, ref []float64, r *sim.Stream) (lo, hi float64) {
	if len(d) < 2 {
		return math.NaN(), math.NaN()
	}
	ratios := make([]float64, 0, Resamples)
	for range Resamples {
		var sd, sr float64
		for range d {
			i := r.IntN(len(d))
			sd += d[i]
			sr += ref[i]
		}
		if sr != 0 {
			ratios = append(ratios, sd/sr)
		}
	}
	if len(ratios) < Resamples/2 {
		return math.NaN(), math.NaN()
	}
	slices.Sort(ratios)
	at := func(q float64) float64 { return ratios[min(len(ratios)-1, int(q*float64(len(ratios))))] }
	return at(0.025), at(0.975)
}

// Holm adjusts p-values for a family of tests (Holm 1979): the adjusted
// value of the i-th smallest is the largest of (m − j + 1) p_(j) over
// j ≤ i, capped at 1. NaN p-values are left out of the family and stay
// NaN.
func Holm(p []float64) []float64 {
	var idx []int
	for i, v := range p {
		if !math.IsNaN(v) {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case p[a] < p[b]:
			return -1
		case p[a] > p[b]:
			return 1
		}
		return a - b // ties on position
	})
	adj := make([]float64, len(p))
	for i := range adj {
		adj[i] = math.NaN()
	}
	m, running := len(idx), 0.0
	for j, i := range idx {
		running = math.Max(running, math.Min(1, float64(m-j)*p[i]))
		adj[i] = running
	}
	return adj
}

// decide adjusts the family's p-values and gives each estimate not
// already found not applicable its verdict: equivalent within the SESOI →
// no meaningful difference; otherwise different from 0 → harmful or
// protective by sign; otherwise inconclusive. A significant but tiny
// effect is thus "no meaningful difference", and a large but uncertain one
// "inconclusive".
//
// Holm's method runs once over the union of the difference and the
// equivalence tests, so that the chance of any false finding (a false
// "harmful", "protective" or "no meaningful difference") is at most Alpha
// across the whole check. Adjusted as two families, each at Alpha, the
// bound would be 2 Alpha.
func decide(family []Estimate) {
	m := len(family)
	p := make([]float64, 2*m)
	for i, e := range family {
		p[i], p[m+i] = e.P, e.PEquiv
	}
	adj := Holm(p)
	pa, pea := adj[:m], adj[m:]
	for i := range family {
		e := &family[i]
		e.PAdj, e.PEquivAdj = pa[i], pea[i]
		switch {
		case e.Verdict == NotApplicable: // no test: its p-values are NaN, out of the family
		case e.PEquivAdj < Alpha:
			e.Verdict = NoDifference
		case e.PAdj < Alpha && e.Mean > 0:
			e.Verdict = Harmful
		case e.PAdj < Alpha && e.Mean < 0:
			e.Verdict = Protective
		default:
			e.Verdict = Inconclusive
		}
	}
}

// RequiredReps is the number of replicates at which a contrast whose
// replicates vary with standard deviation sd gets a 95% interval of
// half-width target × sesoi, estimated from a pilot of n0 replicates.
func RequiredReps(sd, sesoi, target float64, n0 int) int {
	if math.IsNaN(sd) || sd == 0 || n0 < 2 {
		return n0
	}
	t := portable.StudentTQuantile(0.975, n0-1)
	r := t * sd / (target * sesoi)
	n := math.Ceil(r * r)
	if n > 1e9 {
		return 1e9
	}
	return int(n)
}
