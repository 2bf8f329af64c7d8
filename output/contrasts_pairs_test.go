package output_test

import (
	"testing"

	"github.com/borderwork/borderwork/output"
)

// TestContrastsPairByReplicate: Contrasts pairs the runs of the two
// regimes by replicate number, not by their place in each group, and
// leaves out a replicate only one regime ran. Here regime b's rows come in
// another order and miss replicate 1 (a shard's or a resumed folder's
// rows need not line up), so pairing by place would give other
// differences. The expected ones are worked by hand.
func TestContrastsPairByReplicate(t *testing.T) {
	row := func(regime string, rep int, v float64) output.SummaryRow {
		totals := make([]float64, len(output.Totals))
		for i := range totals {
			totals[i] = v * float64(i+1) // each total its own multiple, so a column mix-up shows too
		}
		return output.SummaryRow{Run: output.Run{Regime: regime, Replicate: rep, Params: []float64{0.5}}, Totals: totals}
	}
	groups := []output.Group{
		{Params: []float64{0.5}, Regime: "a", Rows: []output.SummaryRow{row("a", 0, 10), row("a", 1, 20), row("a", 2, 40), row("a", 3, 70)}},
		{Params: []float64{0.5}, Regime: "b", Rows: []output.SummaryRow{row("b", 3, 60), row("b", 0, 4), row("b", 2, 37)}},
	}
	points := output.Contrasts("a", "b", groups)
	if len(points) != 1 {
		t.Fatalf("%d contrast points; want 1", len(points))
	}
	// Pairs: replicate 0: 10−4 = 6; 2: 40−37 = 3; 3: 70−60 = 10 (replicate
	// 1 has no partner). Mean 19/3; deviations −1/3, −10/3, 11/3, squares
	// summing to (1+100+121)/9 = 222/9, over n−1 = 2: variance 111/9.
	for ti := range output.Totals {
		m := float64(ti + 1)
		s := points[0].Stats[ti]
		wantMean, wantVar := 19.0/3*m, 111.0/9*m*m
		if s.N != 3 || !near(s.Mean, wantMean) || !near(s.SD*s.SD, wantVar) {
			t.Fatalf("%s: n %d, mean %v, sd² %v; want n 3, mean %v, sd² %v (pairs by replicate: 6, 3, 10 times %v)",
				output.Totals[ti].Name, s.N, s.Mean, s.SD*s.SD, wantMean, wantVar, m)
		}
	}
}

func near(a, b float64) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	return d <= 1e-9*max(1, b, -b)
}
