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
		if strings.Contains(report, "confidence interval") {
			t.Errorf("%s: report.md of one replicate promises confidence intervals:\n%s", name, report)
		}
		for _, want := range []string{"One replicate: its values, with no interval (give --reps 2 or more for one).", "- 1 replicate per "} {
			if !strings.Contains(report, want) {
				t.Errorf("%s: report.md lacks %q:\n%s", name, want, report)
			}
		}
		if name == "sweep" && !strings.Contains(report, "in the one replicate both regimes ran there") {
			t.Errorf("sweep: report.md has no contrast of one replicate:\n%s", report)
		}
	}
}

// TestOneReplicateCaptionsHaveNoBands: with one replicate the figures over
// days draw the run without bands (their caption says "1 replicate"), so
// report.md's captions of them say so too, rather than "the mean over
// replicates, with bands of the middle 95% of replicates"; and those of
// the bar charts (outcomes), without error bars.
func TestOneReplicateCaptionsHaveNoBands(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if _, err := experiment.Write(context.Background(), comparePlan(t, classroom(t, 1, 20)), out, experiment.Options{Workers: 1, Formats: []string{"svg"}}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	report := string(b)
	if strings.Contains(report, "with bands") || strings.Contains(report, "with error bars") || strings.Contains(report, "mean over replicates") {
		t.Errorf("report.md of one replicate captions its figures with bands or a mean:\n%s", report)
	}
	for _, want := range []string{"*Migrants trapped over time, per regime: one replicate, without bands.*", "*Cumulative abuse events over time, per regime: one replicate, without bands.*",
		"per regime: one replicate, without error bars.*\n"} {
		if !strings.Contains(report, want) {
			t.Errorf("report.md lacks %q:\n%s", want, report)
		}
	}
}
