package sensitivity

import (
	"cmp"
	"math"
	"slices"
)

// Design is every point of a sensitivity experiment, fixed before any
// run. Points are numbered 0 to Len()-1; a point depends only on the
// design's parameters, settings and seed and on its number, so points can
// be generated and run in any order, split into shards, and resumed, and
// the analysis takes outputs in point order.
type Design interface {
	// Params returns the parameters, in the order of each point's
	// coordinates.
	Params() []Param
	// Len returns the number of points. Unit and Point take i in
	// [0, Len()) and panic otherwise, as a slice index would.
	Len() int
	// Unit writes point i in the unit cube [0, 1]^k into dst (grown if
	// needed) and returns it.
	Unit(i int, dst []float64) []float64
	// Point writes point i in parameter values, Param.Value of each unit
	// coordinate, into dst (grown if needed) and returns it.
	Point(i int, dst []float64) []float64
}

// Points returns every point of d in parameter values, in point order.
// Commands that run large designs should call d.Point one point at a time
// instead.
func Points(d Design) [][]float64 {
	k := len(d.Params())
	flat := make([]float64, d.Len()*k)
	out := make([][]float64, d.Len())
	for i := range out {
		out[i] = d.Point(i, flat[i*k:(i+1)*k:(i+1)*k])
	}
	return out
}

// toValues maps unit coordinates to parameter values in place.
func toValues(params []Param, x []float64) []float64 {
	for j, p := range params {
		x[j] = p.Value(x[j])
	}
	return x
}

// grow returns dst resliced to length n, reallocated if too small.
func grow(dst []float64, n int) []float64 {
	if cap(dst) < n {
		return make([]float64, n)
	}
	return dst[:n]
}

// rankDesc returns 0..len(v)-1 ordered by v, highest first; ties are
// broken on the lower index and NaNs come last.
func rankDesc(v []float64) []int {
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	key := func(i int) float64 {
		if math.IsNaN(v[i]) {
			return math.Inf(-1)
		}
		return v[i]
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(key(b), key(a)) })
	return idx
}
