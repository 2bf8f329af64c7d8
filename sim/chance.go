package sim

import (
	"math"

	"github.com/borderwork/borderwork/internal/portable"
)

// Every chance the engine draws against is built so that it cannot leave
// [0, 1], whatever rates and multipliers a valid configuration holds:
// rates turn into chances as 1 − exp(−rate), and a daily chance p scaled
// by a multiplier m becomes 1 − (1 − p)^m, the chance of at least one
// event when the underlying rate is multiplied by m.

// probabilityCheck, if set (by tests), is told every chance computed from
// rates and multipliers, and where.
var probabilityCheck func(where string, p float64)

// rateChance is the chance of at least one event at rate per day.
func (m *Model) rateChance(where string, rate float64) float64 {
	p := -portable.Expm1(-rate)
	if probabilityCheck != nil {
		probabilityCheck(where, p)
	}
	return p
}

// scaledChance is a daily chance p with its rate multiplied by mult.
func (m *Model) scaledChance(where string, p, mult float64) float64 {
	var q float64
	switch {
	case p <= 0 || mult <= 0:
		q = 0
	case p >= 1:
		q = 1
	default:
		q = -portable.Expm1(float64(mult * portable.Log1p(-p)))
	}
	if probabilityCheck != nil {
		probabilityCheck(where, q)
	}
	return q
}

// rejectAbove is a margin above a rate r, the bound of the chance
// 1 − e^−r it gives: a uniform at or above r·rejectAbove is at or above
// the chance as computed, whatever the rounding of portable.Expm1 (within
// an ulp or two, far inside the margin).
const rejectAbove = 1 + 0x1p-40

// papersFactor is what a lack of travel documents does to officials' abuse.
func papersFactor(ab *Abuse, documented bool) float64 {
	if documented {
		return 1
	}
	return ab.PapersEffect
}

// Thinning. Most days nothing happens to most migrants: a waiting migrant
// is abused on a few days in a hundred, a traveller dies on fewer. Rather
// than draw for every migrant every day, the engine draws how many of a
// sequence of trials pass before the next candidate, each trial a
// candidate with a chance pMax that no trial's own chance p exceeds, and
// at a candidate accepts with chance p / pMax. Each trial then succeeds
// with its own chance p, independently of every other, as if drawn one by
// one (Lewis and Shedler's thinning of a Poisson process, in discrete
// form); only the draws are fewer.

// neverSkip is a count-down that does not run out.
const neverSkip = math.MaxInt64

// skipLaw is the law of a count-down: ln(1 − pMax), 0 when there are no
// candidates and −Inf when every trial is one, and its reciprocal.
type skipLaw struct {
	logNot, perLogNot float64
}

func newSkipLaw(logNot float64) skipLaw { return skipLaw{logNot, 1 / logNot} }

// draw draws how many trials, each a candidate with chance pMax, pass
// before the next candidate: geometric on {0, 1, …}, as
// floor(ln U / ln(1 − pMax)) with U uniform on (0, 1], ln being
// portable.Log1p(U − 1), the same on every architecture (portable.go).
//
// That logarithm and the division are slow (their divisions wait), so
// the count is first worked out from fastLn and the reciprocal, with a
// bound on how far that can be from the count as defined; when the bound
// leaves no doubt which whole number the count falls to, that is the
// count, else it is worked out as defined. The counts are the same bits
// either way (TestSkipCountIsExact); only the time differs.
func (g skipLaw) draw(r *Stream) int64 {
	if g.logNot == 0 {
		return neverSkip
	}
	x := 1 - r.Float64()
	if k, sure := g.fastCount(x); sure {
		return k
	}
	return g.definedCount(x)
}

// fastCount is the count for U = x, x in (0, 1], from fastLn and the
// reciprocal, and whether the bound leaves no doubt that it is
// definedCount's.
func (g skipLaw) fastCount(x float64) (int64, bool) {
	l := fastLn(x)
	k := float64(l * g.perLogNot)
	margin := float64(float64(float64(1-l)*-g.perLogNot) * fastLnMargin)
	lo, hi := k-margin, k+margin
	return int64(lo), lo >= 0 && hi < 1<<62 && int64(lo) == int64(hi)
}

// definedCount is the count for U = x as defined (docs/MODEL.md, 8.5).
func (g skipLaw) definedCount(x float64) int64 {
	k := ln(x) / g.logNot
	if k >= 1<<62 {
		return neverSkip
	}
	return int64(k)
}

// fastLnMargin bounds, relative to (1 − ln x)/|ln(1 − pMax)|, how far a
// count from fastLn and a reciprocal can be from the count as defined:
// fastLn is within about 4·10⁻¹⁵ of ln x plus 10⁻¹⁵ of it, the portable
// logarithm within an ulp, a product and a quotient within half an ulp
// each; 2⁻⁴⁰ (9·10⁻¹³) is hundreds of times as much.
const fastLnMargin = 0x1p-40

// lnTable holds, for the 128 intervals [1 + i/128, 1 + (i+1)/128), the
// reciprocal of the interval's middle c and ln c (fastLn).
var lnTable = func() (t [128]struct{ inv, lnc float64 }) {
	for i := range t {
		c := 1 + float64((float64(i)+0.5)/128)
		t[i].inv = 1 / c
		t[i].lnc = -portable.Log(t[i].inv) // ln c, of the reciprocal as rounded
	}
	return t
}()

// fastLn is ln x, for a normal positive x, without a division: x = 2^e·m
// with m in [1, 2), m = c·(1 + r) for c the middle of m's 128th of
// [1, 2) and |r| < 2⁻⁸, and ln x = e·ln 2 + ln c + ln(1 + r), the last
// from five terms of its series (the sixth is below 6·10⁻¹⁶).
func fastLn(x float64) float64 {
	const ln2 = 0.693147180559945309417232121458176568
	b := math.Float64bits(x)
	e := float64(int64(b>>52) - 1023)
	t := &lnTable[b>>45&127]
	r := float64(math.Float64frombits(b&(1<<52-1)|1023<<52)*t.inv) - 1
	p := float64(r * float64(r*(-0.5+float64(r*(1.0/3+float64(r*(-0.25+float64(r*0.2))))))))
	return float64(e*ln2) + t.lnc + (r + p)
}
