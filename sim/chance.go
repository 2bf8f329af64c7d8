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
		q = -portable.Expm1(mult * portable.Log1p(-p))
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

// skipCount draws how many trials, each a candidate with chance pMax,
// pass before the next candidate: geometric on {0, 1, …}, as
// floor(ln U / ln(1 − pMax)) with U uniform on (0, 1]. logNot is
// ln(1 − pMax): 0 when there are no candidates, −Inf when every trial is
// one.
func skipCount(r *Stream, logNot float64) int64 {
	if logNot == 0 {
		return neverSkip
	}
	k := ln(1-r.Float64()) / logNot // ln: the same on every architecture (portable.go)
	if k >= 1<<62 {
		return neverSkip
	}
	return int64(k)
}
