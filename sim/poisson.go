package sim

import (
	"math"

	"github.com/borderwork/borderwork/internal/portable"
)

// poisson draws a count from the Poisson law of mean lambda ≥ 0, with the
// same bits on every architecture (portable.go). It draws as gonum's
// distuv.Poisson did in model versions 1 and 2, with the same constants,
// draws and order of operations, but with this package's arithmetic:
// below a mean of 10, the count of exponential draws (expFloat64) whose
// running sum stays below the mean; from 10, Hörmann's transformed
// rejection with squeeze (PTRS: W. Hörmann, "The transformed rejection
// method for generating Poisson random variables", Insurance: Mathematics
// and Economics 12 (1993) 39–45), which accepts most counts without a
// logarithm. A count can differ from gonum's only where one of its
// comparisons falls within a rounding error, where gonum's own result
// depended on the machine.
func (s *Stream) poisson(lambda float64) int {
	if lambda < 10 {
		n, sum := 0, 0.0
		for {
			sum += s.expFloat64()
			if sum >= lambda {
				return n
			}
			n++
		}
	}
	b := 0.931 + float64(2.53*math.Sqrt(lambda))
	a := -0.059 + float64(0.02483*b)
	invAlpha := 1.1239 + 1.1328/(b-3.4)
	vr := 0.9277 - 3.6224/(b-2)
	for {
		u := s.float64Low() - 0.5
		v := s.float64Low()
		us := 0.5 - math.Abs(u)
		k := math.Floor(float64((2*a/us+b)*u) + lambda + 0.43)
		if us >= 0.07 && v <= vr {
			return int(k)
		}
		if k <= 0 || (us < 0.013 && v > us) {
			continue
		}
		if portable.Log(v*invAlpha/(a/(us*us)+b)) <= float64(k*portable.Log(lambda))-lambda-logFactorial(k) {
			return int(k)
		}
	}
}

// float64Low is a uniform draw in [0, 1) from the low 53 bits of one PCG
// output, as math/rand/v2's Rand.Float64 makes it.
func (s *Stream) float64Low() float64 {
	return float64(s.pcg.Uint64()<<11>>11) * 0x1p-53
}

// expFloat64 is an exponential draw of mean 1 by Marsaglia and Tsang's
// ziggurat ("The Ziggurat Method for Generating Random Variables",
// Journal of Statistical Software 5(8), 2000) with 256 layers, drawn as
// math/rand/v2's Rand.ExpFloat64 draws, from the tables zig holds.
func (s *Stream) expFloat64() float64 {
	for {
		u := s.pcg.Uint64()
		j := uint32(u)
		i := uint8(u >> 32)
		x := float64(j) * float64(zig.w[i])
		if j < zig.k[i] {
			return x
		}
		if i == 0 {
			return zigR - portable.Log(s.float64Low())
		}
		if zig.f[i]+float32(float32(s.float64Low())*(zig.f[i-1]-zig.f[i])) < float32(portable.Exp(-x)) {
			return x
		}
	}
}

// zigR is where the ziggurat's base layer meets its tail.
const zigR = 7.69711747013104972

// zig holds the ziggurat's tables, worked out by the paper's procedure
// (its zigset), with the portable exponential and logarithm: each layer's
// bound k (as a fraction of 2³²), width w (per unit of a 32-bit draw)
// and density f at its edge. They come out the same bits as
// math/rand/v2's (TestExpFloat64AsMathRand).
var zig = func() (z struct {
	k    [256]uint32
	w, f [256]float32
}) {
	const (
		m2 = 1 << 32
		v  = 3.949659822581572e-3 // the area of each layer
	)
	d := zigR
	q := v / portable.Exp(-d)
	z.k[0] = uint32((d / q) * m2)
	z.w[0] = float32(q / m2)
	z.w[255] = float32(d / m2)
	z.f[0] = 1
	z.f[255] = float32(portable.Exp(-d))
	prev := d
	for i := 254; i >= 1; i-- {
		d = -portable.Log(v/d + portable.Exp(-d))
		z.k[i+1] = uint32((d / prev) * m2)
		prev = d
		z.f[i] = float32(portable.Exp(-d))
		z.w[i] = float32(d / m2)
	}
	return z
}()

// logFactorial is ln k! for a whole number k ≥ 0: the logarithm of k!
// itself up to 22! (the largest factorial a float64 holds exactly), then
// Stirling's series, whose error beyond the terms kept is below
// 1/(1188·k⁹), under 1e-15 from k = 23.
func logFactorial(k float64) float64 {
	if k <= 22 {
		f := 1.0
		for i := 2.0; i <= k; i++ {
			f *= i // exact
		}
		return portable.Log(f)
	}
	const halfLn2Pi = 0.91893853320467274178 // ln(2π)/2
	r := 1 / k
	r2 := float64(r * r)
	// 1/(12k) − 1/(360k³) + 1/(1260k⁵) − 1/(1680k⁷)
	series := float64(r * (1.0/12 - float64(r2*(1.0/360-float64(r2*(1.0/1260-float64(r2*(1.0/1680))))))))
	return float64((k+0.5)*portable.Log(k)) - k + halfLn2Pi + series
}
