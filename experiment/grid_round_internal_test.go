package experiment

import (
	"testing"

	"github.com/borderwork/borderwork/scenarios/design"
)

// TestUnroundedGridRecognised: points that an earlier borderwork wrote for
// today's a:b:n, unrounded or rounded each to its own 12 significant
// figures, are told apart (so --resume and merge can say why they refuse)
// from points that differ otherwise.
func TestUnroundedGridRecognised(t *testing.T) {
	column := func(spec string) [][]float64 {
		f, err := design.Parse(spec, false)
		if err != nil {
			t.Fatal(err)
		}
		var out [][]float64
		for _, v := range f.Values {
			out = append(out, []float64{v})
		}
		return out
	}
	tests := []struct {
		spec   string
		points [][]float64
		was    float64
		ok     bool
	}{
		{"k=0:0.3:4", [][]float64{{0}, {0.09999999999999999}, {0.19999999999999998}, {0.3}}, 0.09999999999999999, true},
		{"k=-0.1:0.2:4", [][]float64{{-0.1}, {1.38777878078e-17}, {0.1}, {0.2}}, 1.38777878078e-17, true},
		{"k=1:10000000000001:3", [][]float64{{1}, {5000000000000}, {10000000000001}}, 5000000000000, true},
		{"k=0:0.3:4", [][]float64{{0}, {0.1}, {0.25}, {0.3}}, 0, false},
		{"k=0:0.3:4", [][]float64{{0}, {0.1}, {0.2}}, 0, false},
	}
	for _, tt := range tests {
		key, was, _, ok := unroundedGrid([]string{"k"}, column(tt.spec), tt.points)
		if ok != tt.ok || ok && (key != "k" || was != tt.was) {
			t.Errorf("unroundedGrid(%s, %v) = %q, %v, %v; want %v, %v", tt.spec, tt.points, key, was, ok, tt.was, tt.ok)
		}
	}
}
