package main

import (
	"strings"
	"testing"

	"github.com/borderwork/borderwork/gsa"
	"github.com/borderwork/borderwork/sensitivity"
)

// TestSensitivityPlaceBreaksTiesAsTheTables: the terminal's (#n) is a
// parameter's place in morris.csv's rank and report.md's, ties broken on
// the parameter's order (audit: it counted the parameters strictly
// above, so a parameter tied with one ranked before it was given that
// one's place).
func TestSensitivityPlaceBreaksTiesAsTheTables(t *testing.T) {
	est := func(v, lo float64) sensitivity.Estimate { return sensitivity.Estimate{Value: v, Lo: lo, Hi: v + 1} }
	r := &gsa.Result{
		Info:   &gsa.Info{Method: "morris", Outputs: []gsa.Output{{Metric: "deaths", Regime: "closed"}}},
		Params: []sensitivity.Param{{Name: "a"}, {Name: "b"}, {Name: "c"}},
		// b and c tie at 1; b's interval does not clear its noise.
		Paired: [][]float64{{0.1, 0.6, 0.1}},
		Morris: &sensitivity.MorrisResult{MuStar: [][]sensitivity.Estimate{{est(2, 1.5), est(1, 0.5), est(1, 0.8)}}},
	}
	if rank := r.Rank(0); rank[0] != 0 || rank[1] != 1 || rank[2] != 2 {
		t.Fatalf("rank %v; want a, b, c (ties on the lower index)", rank)
	}
	var b strings.Builder
	printSensitivity(&b, r)
	if want := "c 1 (#3)"; !strings.Contains(b.String(), want) {
		t.Errorf("printed\n%s\nwant c, 3rd in the tables' rank, as %q", b.String(), want)
	}
	// With one output, no count of outputs on which each is in the top 3.
	if strings.Contains(b.String(), "across the") {
		t.Errorf("printed\n%s\nwant no count across the one output", b.String())
	}
}
