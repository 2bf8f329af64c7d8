package claim_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/claim"
	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/scenarios"
)

// TestReportShowsTheRunsFigures: report.md shows every figure the claim
// folder holds of its runs as a compare folder does (trapped, abuse,
// immobilised, abuse_by_kind, outcomes), each with a caption that names
// the series as the design's combinations, says what their bands or
// error bars show under the folder's --bands, and, over days, which
// combinations keep their bands: it once showed none of the five,
// though the folder held them; and plot --bands rewrites the captions,
// with reproduce still finding report.md as a rerun writes it.
func TestReportShowsTheRunsFigures(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Replicates, s.File.Days = 2, 30
	o := claim.DefaultOptions()
	o.MaxReps = 2
	dir := filepath.Join(t.TempDir(), "claim")
	if _, err := claim.Check(context.Background(), s, "classroom", o, dir, 2, []string{"png"}, nil); err != nil {
		t.Fatal(err)
	}
	named := "open-working-none, closed-working-none, open-failing-none and closed-working-hbm, the others drawn as lines without bands"
	overDays := map[string]string{
		"percentile": "the mean over replicates, with bands of the middle 95% of replicates (2.5th to 97.5th percentile) for " + named,
		"ci":         "the mean over replicates, with bands of its 95% confidence interval, cut at 0 for " + named,
	}
	bars := map[string]string{
		"percentile": "the mean over replicates, with error bars of the middle 95% of replicates (2.5th to 97.5th percentile)",
		"ci":         "the mean over replicates, with error bars of its 95% confidence interval, cut at 0",
	}
	check := func(bands string) {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, "report.md"))
		if err != nil {
			t.Fatal(err)
		}
		report := string(b)
		if !strings.Contains(report, "\n## The runs of each combination\n") {
			t.Errorf("bands %s: report.md has no section of the runs' figures", bands)
		}
		for _, f := range experiment.CompareFigures {
			if _, err := os.Stat(filepath.Join(dir, "figures", f.Name+".png")); err != nil {
				continue // not drawn in this folder (--by-location, Flee)
			}
			m := regexp.MustCompile(`!\[[^\n]*\]\(figures/` + regexp.QuoteMeta(f.Name) + `\.png\)\n\n\*([^\n]+)\.\*\n`).FindStringSubmatch(report)
			if m == nil {
				t.Errorf("bands %s: report.md does not show figures/%s.png with a caption under it", bands, f.Name)
				continue
			}
			caption := m[1]
			want := bars[bands]
			if f.OverDays {
				want = overDays[bands]
			}
			if !strings.Contains(caption, "per combination of the design") || !strings.Contains(caption, want) || strings.Contains(caption, "per regime") {
				t.Errorf("bands %s: %s's caption %q; want the combinations named and %q", bands, f.Name, caption, want)
			}
		}
		rep, err := experiment.Reproduce(context.Background(), dir, 2)
		if err != nil || len(rep.Problems) > 0 {
			t.Errorf("bands %s: Reproduce: %v, problems %q", bands, err, rep.Problems)
		}
	}
	check("percentile")
	if _, err := experiment.Redraw(dir, []string{"png"}, experiment.FigureChange{Bands: "ci"}); err != nil {
		t.Fatal(err)
	}
	check("ci")
}
