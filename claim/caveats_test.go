package claim_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/claim"
	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// TestReportSaysWhatTheVerdictsDoNotShow: report.md says that no verdict
// judges the claim's third step (HBM as a third way), that the chain's
// share rests on the trapped rule, giving the scenario's
// trapped_after_days and the --set to try, and where malfunction's
// effect on abuse comes from: without --split-malfunction it points to
// it; with it, it gives the parts' main effects on abuse events as
// effects.csv has them, and that closure, not the absence of a border, is
// what "borders as such" means in the design (referee 8, M5, S1, S5, M6).
func TestReportSaysWhatTheVerdictsDoNotShow(t *testing.T) {
	for _, split := range []bool{false, true} {
		t.Run(fmt.Sprint("split ", split), func(t *testing.T) {
			s, err := scenarios.Load("classroom")
			if err != nil {
				t.Fatal(err)
			}
			s.File.Replicates, s.File.Days = 2, 40
			if err := s.Set("migrants.trapped_after_days=9"); err != nil {
				t.Fatal(err)
			}
			o := claim.DefaultOptions()
			o.MaxReps, o.Split = 2, split
			dir := filepath.Join(t.TempDir(), "claim")
			if _, err := claim.Check(context.Background(), s, "classroom", o, dir, 2, nil, nil); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join(dir, "report.md"))
			if err != nil {
				t.Fatal(err)
			}
			report := string(b)
			want := []string{
				"The claim's third step, that humanitarian border management is a third way between removing controls and closing borders, is **not judged**",
				"only once blocked at one place for 9 days (`migrants.trapped_after_days`), and only while it cannot use a smuggler; abuse on a smuggler's trip never counts",
				"`--set migrants.trapped_after_days=1`",
				"by the integrity factor's definition (oversight 0.9 at working posts, 0.4 at failing ones)",
				"**Borders as such means closure here.**",
				"every combination keeps the region's posts and their officials, open admission included",
			}
			point := "Run the check with `--split-malfunction` to see how much each part adds."
			if !split {
				want = append(want, point)
			} else {
				if strings.Contains(report, point) {
					t.Errorf("report.md of a split check points to --split-malfunction")
				}
				mean := map[string]float64{}
				for _, row := range readCSV(t, filepath.Join(dir, "effects.csv")) {
					if row["harm"] == "abuse_events" {
						mean[row["effect"]], _ = strconv.ParseFloat(row["mean"], 64)
					}
				}
				signed := func(v float64) string {
					if v > 0 {
						return "+" + output.FormatCount(v)
					}
					return output.FormatCount(v)
				}
				want = append(want, fmt.Sprintf("malfunction as a whole changed abuse events by %s per run", signed(mean["malfunction"])),
					fmt.Sprintf("integrity (weak oversight) %s (", signed(mean["integrity"])),
					fmt.Sprintf("reliability %s (", signed(mean["reliability"])),
					fmt.Sprintf("information %s (", signed(mean["information"])))
			}
			for _, w := range want {
				if !strings.Contains(report, w) {
					t.Errorf("report.md does not say %q", w)
				}
			}
		})
	}
}

// TestClaimReportSaysWhichBorderworkWroteIt: the claim's report.md names
// the borderwork that wrote the folder as its manifest records it, and a
// report written again (plot) quotes the manifest, not the binary that
// writes it (referee 8, N4).
func TestClaimReportSaysWhichBorderworkWroteIt(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Replicates, s.File.Days = 2, 20
	o := claim.DefaultOptions()
	o.MaxReps = 2
	dir := filepath.Join(t.TempDir(), "claim")
	if _, err := claim.Check(context.Background(), s, "classroom", o, dir, 2, nil, nil); err != nil {
		t.Fatal(err)
	}
	m, err := output.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	if want := " Written by " + runs.BuiltBy(m) + ".\n"; !strings.Contains(string(b), want) {
		t.Errorf("report.md does not say %q", want)
	}
	m.Commit, m.ModelVersion = "0123456789abcdef0123456789abcdef01234567", 2
	k, _ := experiment.KindOf("claim")
	again, err := k.Rereport(context.Background(), dir, m, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := " Written by borderwork " + m.Version + ", model version 2, commit 0123456789abcdef0123456789abcdef01234567.\n"; !strings.Contains(string(again), want) {
		t.Errorf("report.md written again from a manifest of another build does not say %q", want)
	}
}
