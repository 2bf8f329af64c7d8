package sensitivity

import "math"

// Test functions with known Sobol' indices.

// ishigami is the function of Ishigami and Homma (1990),
// sin x1 + a sin² x2 + b x3⁴ sin x1, on [−π, π]³.
func ishigami(a, b float64) func(x []float64) float64 {
	return func(x []float64) float64 {
		return math.Sin(x[0]) + a*math.Pow(math.Sin(x[1]), 2) + b*math.Pow(x[2], 4)*math.Sin(x[0])
	}
}

func ishigamiParams() []Param {
	return []Param{{Name: "x1", Lo: -math.Pi, Hi: math.Pi}, {Name: "x2", Lo: -math.Pi, Hi: math.Pi}, {Name: "x3", Lo: -math.Pi, Hi: math.Pi}}
}

// ishigamiIndices returns the analytic first-order and total indices
// (as given in e.g. Saltelli et al. 2008, Global Sensitivity Analysis:
// The Primer):
//
//	V1 = (1 + bπ⁴/5)²/2, V2 = a²/8, V3 = 0, V13 = b²π⁸(1/18 − 1/50),
//	V = V1 + V2 + V13.
func ishigamiIndices(a, b float64) (first, total []float64) {
	pi4 := math.Pow(math.Pi, 4)
	v1 := 0.5 * (1 + b*pi4/5) * (1 + b*pi4/5)
	v2 := a * a / 8
	v13 := b * b * pi4 * pi4 * (1.0/18 - 1.0/50)
	v := v1 + v2 + v13
	return []float64{v1 / v, v2 / v, 0}, []float64{(v1 + v13) / v, v2 / v, v13 / v}
}

// gFunction is Sobol's G function, Π (|4x_i − 2| + a_i)/(1 + a_i), on
// [0, 1]^k (Saltelli and Sobol' 1995). A small a_i makes x_i important.
func gFunction(a []float64) func(x []float64) float64 {
	return func(x []float64) float64 {
		y := 1.0
		for i, ai := range a {
			y *= (math.Abs(4*x[i]-2) + ai) / (1 + ai)
		}
		return y
	}
}

func unitParams(k int) []Param {
	ps := make([]Param, k)
	for i := range ps {
		ps[i] = Param{Name: "x" + string(rune('1'+i)), Lo: 0, Hi: 1}
	}
	return ps
}

// gIndices returns the analytic indices of the G function:
// V_i = 1/(3(1+a_i)²), V = Π(1+V_i) − 1, S_i = V_i/V,
// ST_i = V_i Π_{j≠i}(1+V_j)/V.
func gIndices(a []float64) (first, total []float64) {
	vi := make([]float64, len(a))
	prod := 1.0
	for i, ai := range a {
		vi[i] = 1 / (3 * (1 + ai) * (1 + ai))
		prod *= 1 + vi[i]
	}
	v := prod - 1
	for i := range a {
		first = append(first, vi[i]/v)
		total = append(total, vi[i]*prod/(1+vi[i])/v)
	}
	return first, total
}

// gA is the usual choice of a_i for eight inputs (Saltelli and Sobol'
// 1995): two important, two less so, four almost without effect.
var gA = []float64{0, 1, 4.5, 9, 99, 99, 99, 99}

// evaluate runs f on every point of d.
func evaluate(d Design, f func([]float64) float64) [][]float64 {
	y := make([][]float64, d.Len())
	x := make([]float64, len(d.Params()))
	for i := range y {
		x = d.Point(i, x)
		y[i] = []float64{f(x)}
	}
	return y
}
