package experiment_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
)

// TestOneReplicateReportSaysNoInterval: with one replicate the tables of
// report.md hold each run's values with no interval, so the sentence
// before them says so, as the terminal does, rather than promise "95%
// confidence intervals of the mean"; and the replicates are counted in
// the singular.
func TestOneReplicateReportSaysNoInterval(t *testing.T) {
	for name, x := range map[string]*experiment.Prepared{
		"compare": comparePlan(t, classroom(t, 1, 20)),
		"sweep":   sweepPlanOf(t, classroom(t, 1, 20)),
	} {
		out := filepath.Join(t.TempDir(), "out")
		if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 1}); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(out, "report.md"))
		if err != nil {
			t.Fatal(err)
		}
		report := string(b)
		if strings.Contains(report, "confidence intervals of the mean") {
			t.Errorf("%s: report.md of one replicate promises confidence intervals:\n%s", name, report)
		}
		for _, want := range []string{"One replicate: its values, with no interval (give --reps 2 or more for one).", "- 1 replicate per "} {
			if !strings.Contains(report, want) {
				t.Errorf("%s: report.md lacks %q:\n%s", name, want, report)
			}
		}
	}
}
