package gsa

import (
	"math"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/sensitivity"
)

// TestHalfChanges: the largest change of each kind of index from N/2 to
// N, in absolute size and in standard errors; none for an output that
// does not vary, for Morris and for N below 4. The report's table and the
// terminal's line say them.
func TestHalfChanges(t *testing.T) {
	est := func(v, se float64) sensitivity.Estimate {
		return sensitivity.Estimate{Value: v, Lo: v - 2*se, Hi: v + 2*se, SE: se}
	}
	nan := math.NaN()
	r := &Result{
		Info:   &Info{Method: Sobol, Samples: 256, Outputs: []Output{{Metric: "deaths", Regime: "closed"}, {Metric: "deaths", Regime: "open"}, {Metric: "abuse_events", Regime: "open"}}},
		Params: []sensitivity.Param{{Name: "a"}, {Name: "b"}, {Name: "c"}},
		Sobol: &sensitivity.SobolResult{
			HalfN: 128,
			Total: [][]sensitivity.Estimate{
				{est(0.6, 0.05), est(0.3, 0.04), est(0.1, 0.02)},
				{est(nan, nan), est(nan, nan), est(nan, nan)},
				{est(0.2, 0.05), est(0.5, 0.05), est(0.25, 0.05)},
			},
			First: [][]sensitivity.Estimate{
				{est(0.4, 0.05), est(0.1, 0.05), est(0.0, 0.05)},
				{est(nan, nan), est(nan, nan), est(nan, nan)},
				{est(0.1, 0.05), est(0.4, 0.05), est(0.1, 0.05)},
			},
			HalfTotal: [][]float64{{0.5, 0.35, 0.1}, {nan, nan, nan}, {0.3, 0.5, 0.2}},
			HalfFirst: [][]float64{{0.42, 0.1, -0.03}, {nan, nan, nan}, {0.1, 0.2, 0.1}},
		},
	}
	total, first, ok := r.HalfChanges(0)
	if !ok || total.Param != 0 || !total.Total || math.Abs(total.Size()-0.1) > 1e-12 || first.Param != 2 || first.Total || math.Abs(first.Size()-0.03) > 1e-12 {
		t.Errorf("HalfChanges(0) = %+v, %+v, %v; want a's total index (0.1) and c's first-order (0.03)", total, first, ok)
	}
	if _, _, ok := r.HalfChanges(1); ok {
		t.Errorf("HalfChanges(1) of an output that does not vary: ok")
	}
	c, ok := r.LargestHalfChange()
	if !ok || c.Output != 2 || c.Param != 1 || c.Total || math.Abs(c.Size()-0.2) > 1e-12 {
		t.Errorf("LargestHalfChange = %+v, %v; want b's first-order index on abuse events under open (0.2)", c, ok)
	}
	line := r.HalfSentence()
	if want := "From N/2 = 128 base samples to N = 256, no index moves by more than 0.2 (the first-order index of b on abuse events under open: 0.2 at N/2, 0.4 at N, 4 standard errors)"; !strings.HasPrefix(line, want) {
		t.Errorf("HalfSentence = %q; want it to begin %q", line, want)
	}
	section := r.convergenceSection()
	for _, want := range []string{
		"## Convergence\n\nThe first 128 base samples are, on their own, the design of N = 128",
		"(`--samples 512`)",
		"|deaths under closed|`a`: 0.5 at N/2, 0.6 at N|2|`c`: -0.03 at N/2, 0 at N|0.6|the same|\n",
		"|deaths under open|-|-|-|-|-|\n",
		// The leaders' order at N/2 differs: c passes a.
		"|abuse events under open|`a`: 0.3 at N/2, 0.2 at N|2|`b`: 0.2 at N/2, 0.4 at N|4|`b`, `a`, `c`|\n",
	} {
		if !strings.Contains(section, want) {
			t.Errorf("convergenceSection lacks %q:\n%s", want, section)
		}
	}
	r.Sobol.HalfN = 0 // N below 4
	if _, ok := r.LargestHalfChange(); ok || r.convergenceSection() != "" || r.HalfSentence() != "" {
		t.Errorf("N below 4: a change from N/2 to N is reported")
	}
}
