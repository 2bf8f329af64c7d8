package programme

import (
	"math"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output"
)

// workedAnalysis analyses made-up summary rows of two regimes, three
// replicates each, whose effects are worked by hand below: only trapped
// person-days and abuse events (everyone's) are non-zero.
//
//	open:   trapped without 100 each, with 90, 89, 91: total −10, −11, −9
//	        abuse without 50 each, with 40, 40, 52:    total −10, −10, +2
//	closed: trapped without 200 each, with 150 each:   total −50 (sd 0)
//	        abuse without 80 each, with 60 each:       total −20 (sd 0)
//
// The arms with one channel alone equal the arm without the programme.
func workedAnalysis(t *testing.T) *Analysis {
	t.Helper()
	regimes := []string{"open", "closed"}
	trapped := output.TotalIndex("trapped_person_days")
	abuse := output.TotalIndex("abuse_events")
	values := map[string][2][3]float64{ // arm -> trapped, abuse by replicate
		"open":             {{100, 100, 100}, {50, 50, 50}},
		"open+programme":   {{90, 89, 91}, {40, 40, 52}},
		"closed":           {{200, 200, 200}, {80, 80, 80}},
		"closed+programme": {{150, 150, 150}, {60, 60, 60}},
	}
	var rows []output.SummaryRow
	for _, arm := range Arms(regimes) {
		v, ok := values[arm.Name]
		if !ok {
			v = values[arm.Regime]
		}
		for rep := range 3 {
			totals := make([]float64, len(output.Totals))
			totals[trapped], totals[abuse] = v[0][rep], v[1][rep]
			rows = append(rows, output.SummaryRow{Run: output.Run{Regime: arm.Name, Replicate: rep}, Totals: totals})
		}
	}
	a, err := Analyse(regimes, rows, []float64{1000, 3000})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestCostOnlyWhereTheIntervalExcludesNoChange: a cost per harm averted
// is given only where the whole effect's interval lies below zero, and
// then it is the spending over the mean averted, its interval the
// spending over the interval's ends. Open's abuse fell on average (−6)
// but its interval reaches above 0: no cost, not a negative or infinite
// one. Open's trapped person-days fell by 10 with sd 1 over 3
// replicates: interval −10 ± t(0.975, 2)/√3, t(0.975, 2) = 4.302653.
func TestCostOnlyWhereTheIntervalExcludesNoChange(t *testing.T) {
	a := workedAnalysis(t)
	e, ok := a.Find("open", Total, "abuse_events", All)
	if !ok {
		t.Fatal("no estimate of abuse under open")
	}
	if e.Mean != -6 || !(e.Hi > 0) {
		t.Fatalf("abuse under open: mean %v, interval [%v, %v]; want mean −6 and an interval reaching above 0", e.Mean, e.Lo, e.Hi)
	}
	if !math.IsNaN(e.CostPerAverted) || !math.IsNaN(e.CostLo) || !math.IsNaN(e.CostHi) {
		t.Errorf("abuse under open, whose interval reaches no change: cost USD %v [%v, %v]; want none (NaN)", e.CostPerAverted, e.CostLo, e.CostHi)
	}
	if got := FormatCost(e); got != "interval reaches 0" {
		t.Errorf("FormatCost(abuse under open) = %q; want %q", got, "interval reaches 0")
	}
	e, _ = a.Find("open", Total, "trapped_person_days", All)
	hw := 4.302652729911275 / math.Sqrt(3)
	want := []float64{1000.0 / 10, 1000 / (10 + hw), 1000 / (10 - hw)}
	got := []float64{e.CostPerAverted, e.CostLo, e.CostHi}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-9*want[i] {
			t.Fatalf("trapped under open: cost USD %v [%v, %v]; want %v [%v, %v]", got[0], got[1], got[2], want[0], want[1], want[2])
		}
	}
	e, _ = a.Find("closed", Total, "trapped_person_days", All)
	if e.CostPerAverted != 3000.0/50 {
		t.Errorf("trapped under closed: cost USD %v; want 3000/50 = 60, closed's spending over closed's effect", e.CostPerAverted)
	}
}

// TestBottomLineQuotesItsOwnRegime: each regime's one-sentence answer
// quotes that regime's effects: under closed, trapped person-days fell
// by 50 of 200 (25%) and abuse by 20 of 80 (25%); under open trapped
// person-days by 10 of 100 (10%), and abuse's interval includes no change.
func TestBottomLineQuotesItsOwnRegime(t *testing.T) {
	a := workedAnalysis(t)
	trapped, abuse := title("trapped_person_days"), title("abuse_events")
	for _, tt := range []struct {
		regime string
		want   []string
	}{
		{"closed", []string{"lowered " + trapped + " by 25%", "lowered " + abuse + " by 25%"}},
		{"open", []string{"lowered " + trapped + " by 10%", "left " + abuse + " without a change its intervals can tell from none"}},
	} {
		line := a.bottomLine(tt.regime)
		for _, w := range tt.want {
			if !strings.Contains(line, w) {
				t.Errorf("bottomLine(%q) = %q; want it to say %q", tt.regime, line, w)
			}
		}
	}
}

// TestSharesOfTheWholeEffect: a channel's share is its part over the
// whole effect on the same metric, not over the level without the
// programme. In workedAnalysis the arms with one channel alone change
// nothing, so each channel's part is the whole effect (share 1) and the
// interaction minus it (share −1); under open trapped person-days the
// whole effect is −10 of a level of 100.
func TestSharesOfTheWholeEffect(t *testing.T) {
	a := workedAnalysis(t)
	for _, tt := range []struct {
		effect string
		share  float64
	}{
		{Repairing, 1},
		{Tightening, 1},
		{Interaction, -1},
	} {
		e, ok := a.Find("open", tt.effect, "trapped_person_days", All)
		if !ok || e.Share != tt.share {
			t.Errorf("%s's share of the effect on trapped person-days under open: %v (found %v); want %v", tt.effect, e.Share, ok, tt.share)
		}
	}
	if e, _ := a.Find("open", Total, "trapped_person_days", All); !math.IsNaN(e.Share) {
		t.Errorf("the whole effect's share: %v; want none (NaN)", e.Share)
	}
}
