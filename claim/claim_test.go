package claim

import (
	"math"
	"testing"

	"github.com/borderwork/borderwork/output"
)

// values builds per-replicate values of every metric: each regime's value
// is base[regime] + noise[rep].
func values(base map[string]float64, noise []float64) Values {
	v := Values{}
	for _, r := range Regimes {
		v[r] = map[string][]float64{}
		for _, m := range Metrics {
			for _, e := range noise {
				v[r][m] = append(v[r][m], base[r]+e)
			}
		}
	}
	return v
}

func TestVerdicts(t *testing.T) {
	noise := []float64{-3, 1, 4, -2, 0, 2, -1, 3, -4, 0}
	paired := func(extra []float64) []float64 { // per-replicate noise on top
		out := make([]float64, len(noise))
		for i := range noise {
			out[i] = noise[i] + extra[i]
		}
		return out
	}
	tests := []struct {
		name string
		base map[string]float64
		want map[string]Verdict
	}{
		{"the claim holds", map[string]float64{Open: 10, Closed: 12, Malfunctioning: 30, HBM: 8},
			map[string]Verdict{"H1": Supported, "H2": Supported, "H3": Supported, "H4a": Supported, "H4b": Supported}},
		{"closure harms most", map[string]float64{Open: 10, Closed: 40, Malfunctioning: 20, HBM: 45},
			map[string]Verdict{"H1": Contradicted, "H2": Supported, "H3": Contradicted, "H4a": Contradicted, "H4b": Contradicted}},
		{"no difference", map[string]float64{Open: 10, Closed: 10, Malfunctioning: 10, HBM: 10},
			map[string]Verdict{"H1": Inconclusive, "H4b": Inconclusive}},
	}
	for _, tt := range tests {
		v := values(tt.base, noise)
		// Common random numbers: the same noise in every regime cancels in
		// the pairs, so a tiny extra noise keeps the intervals finite.
		v[Malfunctioning]["deaths"] = paired([]float64{0.1, -0.1, 0.2, 0, -0.2, 0.1, 0, -0.1, 0.1, 0})
		for m := range v[Malfunctioning] {
			if m == "deaths" {
				continue
			}
			for i := range v[Malfunctioning][m] {
				v[Malfunctioning][m][i] += 0.1 * float64(i%3-1)
			}
		}
		results, err := Test(v)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range results {
			if r.Metric != "trapped_person_days" {
				continue
			}
			if want, ok := tt.want[r.Hypothesis.ID]; ok && r.Verdict != want {
				t.Errorf("%s: %s on %s = %s (mean %v [%v, %v]); want %s", tt.name, r.Hypothesis.ID, r.Metric, r.Verdict, r.Diff.Mean, r.Diff.Lo, r.Diff.Hi, want)
			}
		}
	}
}

func TestPairingUsesCommonRandomNumbers(t *testing.T) {
	// Large noise shared by all regimes, a small real difference: unpaired
	// intervals would contain 0, paired ones must not.
	noise := []float64{-500, 300, 800, -200, 0, 600, -700, 100, -400, 0}
	v := values(map[string]float64{Open: 100, Closed: 100, Malfunctioning: 105, HBM: 100}, noise)
	for i := range v[Malfunctioning]["abuse_events"] {
		v[Malfunctioning]["abuse_events"][i] += 0.5 * float64(i%2)
	}
	results, _ := Test(v)
	for _, r := range results {
		if r.Hypothesis.ID == "H1" && r.Metric == "abuse_events" {
			if r.Verdict != Supported {
				t.Errorf("H1 = %s with a difference of 5 under shared noise of hundreds; pairing should find it", r.Verdict)
			}
			unpaired := output.Describe(v[Malfunctioning]["abuse_events"])
			if unpaired.HalfWidth < 100 {
				t.Fatalf("the test's noise is too small to make the point")
			}
		}
	}
}

func TestSettled(t *testing.T) {
	r := Result{Verdict: Inconclusive, Baseline: 100, Diff: output.Stat{HalfWidth: 4}}
	if !r.Settled(0.05) || r.Settled(0.03) {
		t.Errorf("half-width 4 on a baseline of 100: settled at 5%% but not at 3%%")
	}
	r.Verdict = Supported
	if !r.Settled(0.0001) {
		t.Error("a supported result is settled whatever the precision")
	}
}

func TestSpearman(t *testing.T) {
	tests := []struct {
		x, y []float64
		want float64
	}{
		{[]float64{1, 2, 3, 4}, []float64{10, 20, 30, 40}, 1},
		{[]float64{1, 2, 3, 4}, []float64{4, 3, 2, 1}, -1},
		{[]float64{1, 2, 3, 4}, []float64{1, 100, 2, 3}, 0.4},
		{[]float64{1, 1, 1}, []float64{1, 2, 3}, math.NaN()},
	}
	for _, tt := range tests {
		got := Spearman(tt.x, tt.y)
		if (math.IsNaN(tt.want) && !math.IsNaN(got)) || (!math.IsNaN(tt.want) && math.Abs(got-tt.want) > 1e-12) {
			t.Errorf("Spearman(%v, %v) = %v; want %v", tt.x, tt.y, got, tt.want)
		}
	}
}
