package claim

import (
	"testing"

	"github.com/borderwork/borderwork/output"
)

// TestAbsentOnlyWhereAHarmNeverHappens: an effect is not applicable only
// on a harm that happens in no cell of the design. Deaths that happen
// only where admission is closed make malfunction at open admission an
// exact 0 on deaths, which is a finding (no meaningful difference), not
// the absence of one; abuse that never happens anywhere leaves every
// effect on it not applicable.
func TestAbsentOnlyWhereAHarmNeverHappens(t *testing.T) {
	a := deathsWhereClosed(t)
	for _, tt := range []struct {
		effect, harm string
		want         Verdict
	}{
		{"malfunction|closure=open", "deaths", NoDifference},
		{"malfunction|closure=closed", "deaths", NoDifference},
		{"malfunction|closure=open", "abuse_events", NotApplicable},
		{Closure.Name, "abuse_events", NotApplicable},
	} {
		if e, ok := a.Estimate(tt.effect, tt.harm); !ok || e.Verdict != tt.want {
			t.Errorf("%s on %s: %s; want %s", tt.effect, tt.harm, e.Verdict, tt.want)
		}
	}
}

// deathsWhereClosed analyses 20 replicates of every cell of the standard
// design in which each harm is about 100 a run, but deaths happen only
// where admission is closed (5 to 7 a run) and abuse nowhere. 20, not
// fewer: an exact 0 in every replicate is judged by the sign test
// (tiedP), which needs about 14 replicates to decide in a family of this
// size.
func deathsWhereClosed(t *testing.T) *Analysis {
	t.Helper()
	d := StandardDesign(false)
	ci := d.Index(Closure.Name)
	var rows []output.SummaryRow
	for c := range d.NCells() {
		for r := range 20 {
			totals := make([]float64, len(output.Totals))
			for _, h := range Harms() {
				totals[output.TotalIndex(h)] = 100 + float64((3*r+5*c)%4)
			}
			totals[output.TotalIndex("deaths")] = 0
			if d.On(c, ci) {
				totals[output.TotalIndex("deaths")] = 5 + float64(r%3)
			}
			totals[output.TotalIndex("abuse_events")], totals[output.TotalIndex("abused_migrants")], totals[output.TotalIndex("abuse_immobile")] = 0, 0, 0
			rows = append(rows, output.SummaryRow{Run: output.Run{Regime: d.CellName(c), Replicate: r}, Totals: totals})
		}
	}
	a, err := Analyse(d, nil, rows, DefaultSESOI(), DefaultChainShare, 1)
	if err != nil {
		t.Fatal(err)
	}
	return a
}
