package programme

import (
	"context"
	"math"
	"path/filepath"
	"testing"
)

// TestCostCountsOnlyProgrammesThatAct: analysing every programme
// together, a programme that does not act under a regime (its regimes
// leave it out) changes no run there and spends nothing there, so its
// budget does not divide the harm the others avert. In the toy world,
// equip acts under open only: under malfunctioning the cost per harm
// averted is train's spending over train's effect, as the analysis of
// train alone gives it.
func TestCostCountsOnlyProgrammesThatAct(t *testing.T) {
	s := loadToy(t, "days=360", "replicates=4", "programmes.equip.regimes=open")
	trainBudget, trainSpent, err := s.ProgrammeCost("train")
	if err != nil {
		t.Fatal(err)
	}
	_, equipSpent, err := s.ProgrammeCost("equip")
	if err != nil {
		t.Fatal(err)
	}
	both, err := Run(context.Background(), s, "", Options{Regimes: []string{"malfunctioning", "open"}}, filepath.Join(t.TempDir(), "both"), 2, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	alone, err := Run(context.Background(), s, "", Options{Programme: "train", Regimes: []string{"malfunctioning"}}, filepath.Join(t.TempDir(), "train"), 2, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if both.Spent != trainSpent+equipSpent || alone.Budget != trainBudget {
		t.Fatalf("spent %v, train's budget %v; want %v and %v", both.Spent, alone.Budget, trainSpent+equipSpent, trainBudget)
	}
	for _, tt := range []struct {
		regime string
		want   float64
	}{
		{"malfunctioning", trainSpent},
		{"open", trainSpent + equipSpent},
	} {
		if got := both.SpentUnder(tt.regime); got != tt.want {
			t.Errorf("SpentUnder(%q) = %v; want %v", tt.regime, got, tt.want)
		}
	}
	costed := 0
	for _, m := range Metrics {
		for _, g := range Groups() {
			e, ok := both.Find("malfunctioning", Total, m.Name, g)
			if !ok {
				continue
			}
			a, _ := alone.Find("malfunctioning", Total, m.Name, g)
			if e.Mean != a.Mean || !sameNumber(e.CostPerAverted, a.CostPerAverted) || !sameNumber(e.CostLo, a.CostLo) || !sameNumber(e.CostHi, a.CostHi) {
				t.Errorf("%s, %s under malfunctioning: every programme %v at USD %v [%v, %v]; train alone %v at USD %v [%v, %v]; want the same",
					m.Name, g, e.Mean, e.CostPerAverted, e.CostLo, e.CostHi, a.Mean, a.CostPerAverted, a.CostLo, a.CostHi)
			}
			if !math.IsNaN(e.CostPerAverted) {
				costed++
			}
		}
	}
	if costed == 0 {
		t.Fatal("no harm under malfunctioning has a cost per unit averted; the test needs one")
	}
}

func sameNumber(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
