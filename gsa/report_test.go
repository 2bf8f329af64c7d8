package gsa

import (
	"strings"
	"testing"

	"github.com/borderwork/borderwork/sensitivity"
)

// morrisResult is a made-up Morris result on one output: the parameters
// with a µ* in matter (interval well above 0) are influential, the others
// cannot be told from noise.
func morrisResult(names []string, matter map[string]float64) *Result {
	r := &Result{
		Info:   &Info{Outputs: []Output{{Metric: "deaths", Regime: "closed"}}},
		Means:  [][]float64{{1}, {2}},
		Noise:  []sensitivity.Noise{{Replicates: 4}},
		Paired: [][]float64{make([]float64, len(names))},
		Morris: &sensitivity.MorrisResult{Mu: [][]sensitivity.Estimate{nil}, MuStar: [][]sensitivity.Estimate{nil}, Sigma: [][]sensitivity.Estimate{nil}},
	}
	for _, n := range names {
		r.Params = append(r.Params, sensitivity.Param{Name: n, Lo: 0, Hi: 1})
		e := sensitivity.Estimate{Value: 0.001, Lo: 0, Hi: 0.002}
		if v, ok := matter[n]; ok {
			e = sensitivity.Estimate{Value: v, Lo: v / 2, Hi: 2 * v}
		}
		m := r.Morris
		m.Mu[0], m.MuStar[0], m.Sigma[0] = append(m.Mu[0], e), append(m.MuStar[0], e), append(m.Sigma[0], sensitivity.Estimate{})
	}
	return r
}

// TestSentenceAgrees: the report's sentence is in the singular for one
// parameter, and speaks of "the others" only when there are others.
func TestSentenceAgrees(t *testing.T) {
	for _, tt := range []struct {
		name    string
		params  []string
		matter  map[string]float64
		want    []string
		notWant []string
	}{
		{"one", []string{"a", "b", "c"}, map[string]float64{"b": 10},
			[]string{"The parameter that matters most for deaths under closed is `b` (µ* ", "1 of the 3 parameters matters here: clearly above its noise floor, with", "; the others cannot be told"},
			[]string{"parameters that matter most", "their noise floors"}},
		{"two", []string{"a", "b", "c"}, map[string]float64{"a": 5, "b": 10},
			[]string{"The parameters that matter most for deaths under closed are `b` (µ* ", "2 of the 3 parameters matter here: clearly above their noise floors", "; the others cannot be told"},
			[]string{"parameter that matters most"}},
		{"all", []string{"a", "b"}, map[string]float64{"a": 5, "b": 10},
			[]string{"2 of the 2 parameters matter here: clearly above their noise floors, with a µ* at least 1% of the largest."},
			[]string{"the others"}},
	} {
		got := morrisResult(tt.params, tt.matter).Sentence(0)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: Sentence(0) = %q; want it to contain %q", tt.name, got, w)
			}
		}
		for _, w := range tt.notWant {
			if strings.Contains(got, w) {
				t.Errorf("%s: Sentence(0) = %q; want no %q", tt.name, got, w)
			}
		}
	}
}
