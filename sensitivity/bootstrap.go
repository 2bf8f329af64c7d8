package sensitivity

import (
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/borderwork/borderwork/sim"
)

// Bootstrap sets how confidence intervals are computed. The zero value
// asks for the defaults.
type Bootstrap struct {
	Resamples int     // number of bootstrap resamples; 0 means 1000
	Level     float64 // confidence level of the intervals, in (0, 1); 0 means 0.95
	Workers   int     // goroutines computing resamples; 0 means 1. Results do not depend on it.
}

// DefaultResamples and DefaultLevel are the Bootstrap defaults. A
// percentile interval needs about a thousand resamples for its ends to be
// stable (Efron and Tibshirani 1993, ch. 13 and 19).
const (
	DefaultResamples = 1000
	DefaultLevel     = 0.95
)

func (b Bootstrap) withDefaults() (Bootstrap, error) {
	if b.Resamples == 0 {
		b.Resamples = DefaultResamples
	}
	if b.Level == 0 {
		b.Level = DefaultLevel
	}
	if b.Workers <= 0 {
		b.Workers = 1
	}
	if b.Resamples < 2 {
		return b, fmt.Errorf("bootstrap: want at least 2 resamples, got %d", b.Resamples)
	}
	if !(b.Level > 0 && b.Level < 1) {
		return b, fmt.Errorf("bootstrap: confidence level %v is not in (0, 1)", b.Level)
	}
	return b, nil
}

// Estimate is one index with its bootstrap confidence interval.
type Estimate struct {
	Value  float64 // computed from all the data
	Lo, Hi float64 // percentile bootstrap interval at the analysis' level
	SE     float64 // bootstrap standard error: the standard deviation of the resampled values
}

// resampleStream is the random stream of resample b: a function of the
// design's seed and b alone, so resamples can be computed on any number
// of goroutines, in any order, with the same result.
func resampleStream(seed uint64, name string, b int) *sim.Stream {
	return sim.NewStream(sim.ReplicateSeed(seed, b), name)
}

// runResamples calls fn(w, b) for b = 0..n-1 on up to workers
// goroutines; w < workers numbers the goroutine, for its scratch space.
// fn must write only to slots owned by b.
func runResamples(n, workers int, fn func(w, b int)) {
	workers = max(1, min(workers, n))
	if workers == 1 {
		for b := range n {
			fn(0, b)
		}
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := w; b < n; b += workers { // a fixed share per goroutine
				fn(w, b)
			}
		}()
	}
	wg.Wait()
}

// summarise turns the resampled values of one index into an Estimate:
// the interval is the (1−level)/2 and (1+level)/2 quantiles of the
// resampled values (Efron's percentile interval), by linear interpolation
// between order statistics (Hyndman and Fan's type 7). Resamples whose
// value is NaN (an output constant over the resampled rows) are left out.
// scratch is reused between calls.
func summarise(value float64, resampled []float64, level float64, scratch []float64) (Estimate, []float64) {
	scratch = scratch[:0]
	for _, v := range resampled {
		if !math.IsNaN(v) {
			scratch = append(scratch, v)
		}
	}
	e := Estimate{Value: value, Lo: math.NaN(), Hi: math.NaN(), SE: math.NaN()}
	if len(scratch) < 2 {
		return e, scratch
	}
	slices.Sort(scratch)
	e.Lo = quantile7(scratch, (1-level)/2)
	e.Hi = quantile7(scratch, (1+level)/2)
	var mean float64
	for _, v := range scratch {
		mean += v
	}
	mean /= float64(len(scratch))
	var ss float64
	for _, v := range scratch {
		ss += float64((v - mean) * (v - mean))
	}
	e.SE = math.Sqrt(ss / float64(len(scratch)-1))
	return e, scratch
}

// column copies element c of each block of width w of boot into dst.
func column(boot []float64, w, c int, dst []float64) []float64 {
	for b := range dst {
		dst[b] = boot[b*w+c]
	}
	return dst
}

// quantile7 is the p-quantile of sorted x by Hyndman and Fan's type 7
// (the default of R and NumPy).
func quantile7(x []float64, p float64) float64 {
	h := float64(float64(len(x)-1) * p)
	lo := int(math.Floor(h))
	if lo >= len(x)-1 {
		return x[len(x)-1]
	}
	return x[lo] + float64((h-float64(lo))*(x[lo+1]-x[lo]))
}

// checkOutputs makes sure y holds one finite output vector per point, all
// of one length, and returns that length.
func checkOutputs(y [][]float64, points int) (int, error) {
	if len(y) != points {
		return 0, fmt.Errorf("the design has %d points, got outputs for %d", points, len(y))
	}
	if points == 0 {
		return 0, fmt.Errorf("the design has no points")
	}
	m := len(y[0])
	if m == 0 {
		return 0, fmt.Errorf("point 0 has no outputs")
	}
	for i, row := range y {
		if len(row) != m {
			return 0, fmt.Errorf("point %d has %d outputs, point 0 has %d", i, len(row), m)
		}
		for j, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return 0, fmt.Errorf("point %d, output %d: %v is not a finite number", i, j, v)
			}
		}
	}
	return m, nil
}
