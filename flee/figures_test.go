package flee

import (
	"strings"
	"testing"
)

// TestFiguresSayWhatTheyDraw: the validation figures' captions say that
// their lines are the mean of the replicates and their bands the 95%
// confidence interval of that mean (output.Describe's, as CampFigure and
// ErrorFigure draw them), not an interval "across replicates", which a
// reader takes for their spread.
func TestFiguresSayWhatTheyDraw(t *testing.T) {
	const days, reps = 8, 3
	v := &Validation{Scenario: "toy", Regime: "open", Seed: 7, Camps: []string{"A", "B"}, Days: days, Replicates: reps}
	for c := range v.Camps {
		obs := make([]float64, days)
		for d := range obs {
			obs[d] = float64(10 * d * (c + 1))
		}
		v.Observed = append(v.Observed, obs)
	}
	for r := range reps {
		var run [][]float64
		var e Errors
		for c := range v.Camps {
			sim := make([]float64, days)
			for d := range sim {
				sim[d] = float64((9 + r) * d * (c + 1))
			}
			run = append(run, sim)
		}
		for m := range NumMeasures {
			for d := range days {
				e[m] = append(e[m], float64(r+d)/100)
			}
		}
		v.Simulated = append(v.Simulated, run)
		v.RunErrors = append(v.RunErrors, e)
	}
	want := "scenario toy · seed 7 · lines: mean of 3 replicates · bands: 95% confidence intervals of the mean · regime open"
	camp, err := v.CampFigure(0, v.Caption())
	if err != nil {
		t.Fatal(err)
	}
	errs, err := v.ErrorFigure(v.Caption())
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string]string{"camp": camp.Caption(), "error": errs.Caption()} {
		if got != want || strings.Contains(got, "across replicates") {
			t.Errorf("%s figure's caption %q, want %q", name, got, want)
		}
	}
}
