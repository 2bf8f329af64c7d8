package experiment

import (
	"context"
	"math"
	"path/filepath"
	"slices"
	"testing"

	"github.com/borderwork/borderwork/output"
)

// TestOutcomesAccountForEveryone: the outcomes figure's first five bars
// (arrived, returned, stayed home, dead, still in transit) add up, under
// every regime, to the migrants created, and the migrants stranded at home
// have a bar of their own: it drew arrived, returned, stayed home, dead
// and still trapped alone, leaving out the migrants still on the way, most
// of them under closed and hbm those a closed border keeps at home (2,066
// a run under hbm on sahel, against 18 trapped).
func TestOutcomesAccountForEveryone(t *testing.T) {
	x, err := (&Plan{Command: "compare", Scenario: loadSmall(t, 2, 30), Regimes: []string{"open", "closed", "hbm"}, Reps: 2}).Prepare()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	if _, err := Write(context.Background(), x, out, Options{Workers: 2, Formats: []string{}}); err != nil {
		t.Fatal(err)
	}
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	groups, _, err := summaryBars(Source{Dir: out, Manifest: m}, outcomeTotals, outcomeLabels, "no migrants at all")
	if err != nil {
		t.Fatal(err)
	}
	_, rows, err := output.ReadSummary(filepath.Join(out, "summary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	created := map[string]float64{}
	for _, g := range output.GroupByRegime(rows) {
		created[g.Regime] = output.Describe(g.Column(output.TotalIndex("created"))).Mean
	}
	stranded := false
	for _, g := range groups {
		sum := 0.0 // of the first five outcomes; one 0 under every regime is not drawn
		for _, b := range g.Bars {
			if slices.Contains(outcomeLabels[:5], b.Label) {
				sum += b.Mean
			}
		}
		if math.Abs(sum-created[g.Label]) > 1e-9 {
			t.Errorf("%s: the first five outcomes add up to %v migrants a run, of %v created", g.Label, sum, created[g.Label])
		}
		for _, b := range g.Bars {
			if b.Label == "of them stranded at home" && b.Mean > 0 {
				stranded = true
			}
		}
	}
	if !stranded {
		t.Errorf("no regime has migrants stranded at home in the outcomes figure; the test needs some")
	}
}
