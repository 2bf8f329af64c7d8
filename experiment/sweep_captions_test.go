package experiment_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/output"
)

// TestSweepCaptionsSayTheBands: a sweep's report.md captions each figure
// of a harm against the varied key with what it draws, in the harm's
// unit per run, against the key with its unit, and what its bands show
// under the folder's --bands, as the figure's own caption does; plot
// --bands rewrites them, and reproduce still finds report.md as a rerun
// writes it. The captions once repeated the figure's title ("Trapped
// person-days against regimes.malfunctioning.outage_start") and said
// nothing of the bands, whatever --bands drew.
func TestSweepCaptionsSayTheBands(t *testing.T) {
	lead := "*Trapped person-days per run against regimes.malfunctioning.outage_start (probability per day): one line per regime through the mean over replicates at each point (a marker at each value run on the line of malfunctioning), with "
	want := map[string]string{
		"percentile": lead + "bands of the middle 95% of replicates (2.5th to 97.5th percentile).*",
		"ci":         lead + "bands of its 95% confidence interval, cut at 0.*",
		"replicates": lead + "each replicate drawn as a thin line.*",
	}
	out := filepath.Join(t.TempDir(), "sweep")
	if _, err := experiment.Write(context.Background(), sweepPlan(t, 2), out, experiment.Options{Workers: 2, Formats: []string{"svg"},
		FigureOptions: &output.FigureOptions{Bands: "ci", Size: "double"}}); err != nil {
		t.Fatal(err)
	}
	check := func(bands string) {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(out, "report.md"))
		if err != nil {
			t.Fatal(err)
		}
		report := string(b)
		for other, c := range want {
			if got := strings.Contains(report, c); got != (other == bands) {
				t.Errorf("bands %s: report.md has %q: %v, want %v", bands, c, got, other == bands)
			}
		}
		// Every figure's caption is more than its title.
		for _, m := range regexp.MustCompile(`\n\*([^\n]+)\.\*\n`).FindAllStringSubmatch(report, -1) {
			if !strings.Contains(m[1], " per run against ") || !strings.Contains(m[1], "the mean over replicates") {
				t.Errorf("bands %s: caption %q does not say what is drawn, in which unit", bands, m[1])
			}
		}
		rep, err := experiment.Reproduce(context.Background(), out, 2)
		if err != nil || len(rep.Problems) > 0 {
			t.Errorf("bands %s: Reproduce: %v, problems %q", bands, err, rep.Problems)
		}
	}
	check("ci")
	for _, bands := range []string{"replicates", "percentile"} {
		if _, err := experiment.Redraw(out, []string{"svg"}, experiment.FigureChange{Bands: bands}); err != nil {
			t.Fatal(err)
		}
		check(bands)
	}
}
