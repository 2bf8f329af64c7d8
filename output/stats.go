package output

import (
	"math"
	"sync"

	"github.com/borderwork/borderwork/internal/portable"
)

// Stat describes a sample: its size, mean, standard deviation and the 95%
// confidence interval of the mean.
type Stat struct {
	N         int
	Mean, SD  float64
	Lo, Hi    float64 // 95% interval; NaN when N < 2
	HalfWidth float64 // (Hi - Lo) / 2; NaN when N < 2
}

// Describe summarises values with a Student's t interval for the mean,
// which is exact for normal data and close enough for sums over many
// migrants at the replicate counts used here.
func Describe(values []float64) Stat {
	s := Stat{N: len(values), Mean: math.NaN(), SD: math.NaN(), Lo: math.NaN(), Hi: math.NaN(), HalfWidth: math.NaN()}
	if s.N == 0 {
		return s
	}
	if s.N == 1 {
		s.Mean = values[0]
		return s
	}
	s.Mean, s.SD = meanSD(values)
	t := tQuantile(s.N - 1)
	s.HalfWidth = t * s.SD / math.Sqrt(float64(s.N))
	s.Lo, s.Hi = s.Mean-s.HalfWidth, s.Mean+s.HalfWidth
	return s
}

// tQuantiles caches the 0.975 quantile of Student's t by degrees of
// freedom: computing one costs tens of microseconds, and a figure or the
// classroom page describes thousands of samples of the same size.
var tQuantiles sync.Map // int -> float64

func tQuantile(nu int) float64 {
	if t, ok := tQuantiles.Load(nu); ok {
		return t.(float64)
	}
	t := portable.StudentTQuantile(0.975, nu)
	tQuantiles.Store(nu, t)
	return t
}

// meanSD is the mean and the sample standard deviation of x (n ≥ 2) by
// the corrected two-pass algorithm (Chan, Golub and LeVeque), as gonum's
// stat.MeanStdDev computes them, with the same bits on every
// architecture: the sum in Sum's fixed order, every product rounded
// before it is added.
func meanSD(x []float64) (mean, sd float64) {
	n := float64(len(x))
	mean = Sum(x) / n
	var ss, comp float64
	for _, v := range x {
		d := v - mean
		ss += float64(d * d)
		comp += d
	}
	return mean, math.Sqrt((ss - comp*comp/n) / (n - 1))
}

// Sum adds x in a fixed order, whatever the architecture or where x lies
// in memory: eight running sums, x[i] into sum i mod 8, then combined
// pairwise (sum 0 with 6, 1 with 7, 2 with 4, 3 with 5, then 0 with 2 and
// 1 with 3), the last one to seven values added on the way, as below.
// It is the order in which gonum's amd64 assembly adds a slice that
// starts on a 16-byte boundary (as Go allocates every slice of two or
// more float64s), so the sums, means and deviations it replaced did not
// change there; elsewhere, and for a slice that starts off the boundary,
// gonum's order differs, and so could the last bit.
func Sum(x []float64) float64 {
	var l [8]float64
	n := len(x)
	i := 0
	for ; i+8 <= n; i += 8 {
		for j := range l {
			l[j] += x[i+j]
		}
	}
	l[0], l[1], l[2], l[3] = l[0]+l[6], l[1]+l[7], l[2]+l[4], l[3]+l[5]
	if n&4 != 0 {
		l[0], l[1], l[2], l[3] = l[0]+x[i], l[1]+x[i+1], l[2]+x[i+2], l[3]+x[i+3]
		i += 4
	}
	l[0], l[1] = l[0]+l[2], l[1]+l[3]
	if n&2 != 0 {
		l[0], l[1] = l[0]+x[i], l[1]+x[i+1]
		i += 2
	}
	s := l[0] + l[1]
	if n&1 != 0 {
		s += x[i]
	}
	return s
}
