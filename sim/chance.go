package sim

import "math"

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
	p := -math.Expm1(-rate)
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
		q = -math.Expm1(mult * math.Log1p(-p))
	}
	if probabilityCheck != nil {
		probabilityCheck(where, q)
	}
	return q
}

// papersFactor is what a lack of travel documents does to officials' abuse.
func papersFactor(ab *Abuse, documented bool) float64 {
	if documented {
		return 1
	}
	return ab.PapersEffect
}
