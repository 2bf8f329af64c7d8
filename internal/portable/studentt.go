package portable

import "math"

// StudentTSurvival is P(T > x) for T of Student's t law with nu ≥ 1
// degrees of freedom: ½·I(nu/(nu+x²); nu/2, ½) for x > 0, where I is the
// regularized incomplete beta function, computed as accurately in the
// far tail (small p-values) as near the centre.
func StudentTSurvival(x float64, nu int) float64 {
	switch {
	case math.IsNaN(x) || nu < 1:
		return math.NaN()
	case x == 0:
		return 0.5
	case math.IsInf(x, 1):
		return 0
	case math.IsInf(x, -1):
		return 1
	}
	n := float64(nu)
	x2 := float64(x * x)
	// z and 1 − z, each computed directly.
	z, zc := n/(n+x2), x2/(n+x2)
	half := float64(0.5 * regIncBeta(n/2, 0.5, z, zc))
	if x > 0 {
		return half
	}
	return 1 - half
}

// StudentTQuantile is the p-quantile of Student's t law with nu ≥ 1
// degrees of freedom, 0 < p < 1: for p > ½, the least t whose survival
// StudentTSurvival(t, nu) ≤ 1 − p, found by bisection on the float64s
// themselves, so the search ends at a float64 neighbour of the answer in
// at most 64 steps, the same on every architecture.
func StudentTQuantile(p float64, nu int) float64 {
	switch {
	case math.IsNaN(p) || p <= 0 || p >= 1 || nu < 1:
		return math.NaN()
	case p == 0.5:
		return 0
	case p < 0.5:
		return -StudentTQuantile(1-p, nu)
	}
	q := 1 - p
	// Positive float64s are ordered as their bits: search the bits.
	lo, hi := uint64(0), math.Float64bits(math.MaxFloat64) // S(lo) > q ≥ S(hi)
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if StudentTSurvival(math.Float64frombits(mid), nu) > q {
			lo = mid
		} else {
			hi = mid
		}
	}
	return math.Float64frombits(hi)
}

// regIncBeta is the regularized incomplete beta function I(z; a, b), with
// zc = 1 − z given separately so that neither loses digits: a continued
// fraction (Lentz's method) in z or, where that converges slowly, in
// 1 − z by I(z; a, b) = 1 − I(1 − z; b, a). b is ½ or a is, and the other
// a multiple of ½ (betaHalf).
func regIncBeta(a, b, z, zc float64) float64 {
	switch {
	case z <= 0:
		return 0
	case zc <= 0:
		return 1
	}
	// The front factor z^a (1 − z)^b / B(a, b).
	front := Exp(float64(a*Log(z))+float64(b*Log(zc))) / betaHalf(a, b)
	if z < (a+1)/(a+b+2) {
		return front * betaFraction(a, b, z) / a
	}
	return 1 - front*betaFraction(b, a, zc)/b
}

// betaFraction is the continued fraction of the incomplete beta function
// (Numerical Recipes' betacf), by the modified Lentz method.
func betaFraction(a, b, z float64) float64 {
	const (
		eps     = 0x1p-53
		tiny    = 1e-300
		maxIter = 100_000 // it needs about √a
	)
	qab, qap, qam := a+b, a+1, a-1
	c := 1.0
	d := 1 - float64(qab*z)/qap
	if math.Abs(d) < tiny {
		d = tiny
	}
	d = 1 / d
	h := d
	for m := 1.0; m <= maxIter; m++ {
		m2 := 2 * m
		aa := m * (b - m) * z / ((qam + m2) * (a + m2))
		d = 1 + float64(aa*d)
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + aa/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		h *= d * c
		aa = -(a + m) * (qab + m) * z / ((a + m2) * (qap + m2))
		d = 1 + float64(aa*d)
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + aa/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		del := float64(d * c)
		h *= del
		if math.Abs(del-1) <= eps {
			break
		}
	}
	return h
}

// betaHalf is the beta function B(a, b) where one of a and b is ½ and
// the other a positive multiple of ½: from B(½, ½) = π or B(1, ½) = 2
// by B(s + 1, ½) = B(s, ½)·s/(s + ½), one product a step.
func betaHalf(a, b float64) float64 {
	s := a
	if a == 0.5 {
		s = b
	}
	beta, at := math.Pi, 0.5
	if math.Mod(s, 1) == 0 {
		beta, at = 2, 1
	}
	for ; at < s; at++ {
		beta = beta * at / (at + 0.5)
	}
	return beta
}
