package sim

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/borderwork/borderwork/internal/portable"
)

// TestSkipCountIsExact checks that a count-down worked out from fastLn,
// where its bound leaves no doubt, is the count as defined, to the bit:
// for uniforms spread over (0, 1], at its ends, and where it matters,
// within a few steps of 2⁻⁵³ of those at which the count steps from one
// whole number to the next, for chances of a candidate from 10⁻¹² to 1.
func TestSkipCountIsExact(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	pMaxes := []float64{1e-12, 1e-9, 1e-6, 1e-4, 0.003, 0.0585, 0.1, 0.5, 0.9, 0.999999, 1}
	for range 200 {
		pMaxes = append(pMaxes, math.Exp(-28*r.Float64()))
	}
	checked, fallbacks := 0, 0
	for _, pMax := range pMaxes {
		logNot := portable.Log1p(-pMax)
		g := newSkipLaw(logNot)
		check := func(x float64, spread bool) {
			// As draw makes them: 1 − U for U a multiple of 2⁻⁵³ in [0, 1).
			x = math.Round(x*0x1p53) * 0x1p-53
			if !(x > 0 && x <= 1) {
				return
			}
			want := g.definedCount(x)
			fast, sure := g.fastCount(x)
			if sure && fast != want {
				t.Fatalf("pMax %g, U %v: fast count %d, sure, but defined as %d", pMax, x, fast, want)
			}
			if spread && pMax >= 1e-6 {
				checked++
				if !sure {
					fallbacks++
				}
			}
		}
		for _, x := range []float64{1, 1 - 0x1p-53, 0.5, 0x1p-53, 2 * 0x1p-53} {
			check(x, false)
		}
		for range 2000 {
			check(1-float64(r.Uint64()>>11)*0x1p-53, true)
			check(math.Exp(-36*r.Float64()), true) // small ones too
		}
		// Where the count steps: U = (1 − pMax)^n for some n, and its
		// neighbours.
		for range 300 {
			n := float64(r.IntN(1 << 20))
			if pMax > 1e-3 {
				n = float64(r.IntN(int(40/pMax) + 1))
			}
			x := math.Exp(n * logNot)
			for d := -4; d <= 4; d++ {
				check(x+float64(d)*0x1p-53, false)
			}
		}
	}
	// The fast count must be what is used: if the margin left it in doubt
	// often, the work would be the slow one's. (For pMax below 10⁻⁶ it can:
	// counts in the millions, and a margin relative to them.)
	if fallbacks*1000 > checked {
		t.Errorf("%d of %d counts were in doubt and worked out as defined", fallbacks, checked)
	}
	t.Logf("of %d counts of spread uniforms, %d worked out as defined", checked, fallbacks)
}

// TestFastLnAccuracy checks fastLn against the portable logarithm across
// the doubles it is used on, within what fastLnMargin assumes.
func TestFastLnAccuracy(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 1_000_000 {
		x := math.Exp(-745 * r.Float64() * r.Float64())
		if x < 0x1p-1022 {
			continue
		}
		got, want := fastLn(x), portable.Log(x)
		if d := math.Abs(got - want); d > 4e-15+1e-15*math.Abs(want) {
			t.Fatalf("fastLn(%v) = %v, ln = %v: off by %g", x, got, want, d)
		}
	}
}
