package output

import (
	"math"
	"sync"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
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
	s.Mean, s.SD = stat.MeanStdDev(values, nil)
	t := tQuantile(s.N - 1)
	s.HalfWidth = t * s.SD / math.Sqrt(float64(s.N))
	s.Lo, s.Hi = s.Mean-s.HalfWidth, s.Mean+s.HalfWidth
	return s
}

// tQuantiles caches the 0.975 quantile of Student's t by degrees of
// freedom: computing one costs tens of microseconds, and a figure or the
// classroom page describes thousands of samples of the same size. The
// cache holds exactly the value distuv computes, so results do not change.
var tQuantiles sync.Map // int -> float64

func tQuantile(nu int) float64 {
	if t, ok := tQuantiles.Load(nu); ok {
		return t.(float64)
	}
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(nu)}.Quantile(0.975)
	tQuantiles.Store(nu, t)
	return t
}
