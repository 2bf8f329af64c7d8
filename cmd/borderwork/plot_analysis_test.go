package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/internal/foldertest"
)

// TestPlotKeepsTheReportOfAnotherAnalysis: plot writes a claim folder's
// report.md again, from this borderwork's analysis of the folder's runs,
// only where that analysis gives the folder's own tables. A folder an
// earlier borderwork wrote, whose analysis judged otherwise, keeps its
// report, and plot says why: plot of a claim folder written before ties
// were judged by the sign test rewrote its report to say "inconclusive"
// beside a verdicts.csv that said "no meaningful difference". A folder
// this borderwork wrote has its report written again.
func TestPlotKeepsTheReportOfAnotherAnalysis(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "claim")
	mustRun(t, "claim", "classroom", "--reps", "2", "--max-reps", "2", "--days", "60", "--formats", "svg", "--quiet", "--out", out)
	const said = "analyses the runs otherwise than the one that wrote the folder"
	status, stdout, stderr := runCLI(t, "plot", out, "--formats", "png")
	if status != 0 || !strings.Contains(stdout, "report.md again") || strings.Contains(stdout, said) {
		t.Fatalf("plot of this borderwork's folder: status %d; want report.md written again:\n%s%s", status, stdout, stderr)
	}
	// One verdict as another analysis would have judged it.
	foldertest.EditRows(t, out, "verdicts.csv", func(header []string, i int, r []string) []string {
		if i == 1 {
			v := slices.Index(header, "verdict")
			r = slices.Clone(r)
			r[v] = map[bool]string{true: "no meaningful difference", false: "inconclusive"}[r[v] == "inconclusive"]
		}
		return r
	})
	report := filepath.Join(out, "report.md")
	before, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	status, stdout, stderr = runCLI(t, "plot", out, "--formats", "svg")
	after, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if status != 0 || string(after) != string(before) || !strings.Contains(stdout, "Left "+report+" as it is: this borderwork "+said+" (it would write another verdicts.csv)") {
		t.Errorf("plot of a folder another analysis wrote: status %d, report.md changed %v; want it left as it is, and why:\n%s%s", status, string(after) != string(before), stdout, stderr)
	}
	// reproduce says that the simulation reproduces and the analysis
	// does not, which a referee tells from a model that changed.
	if status, stdout, _ := runCLI(t, "reproduce", out); status != 1 || !strings.Contains(stdout, "MISMATCH verdicts.csv:2 differs when rerun (the first differing row)"+experiment.AnalysedDifferently+"\n") {
		t.Errorf("reproduce of a folder another analysis wrote: status %d; want verdicts.csv's mismatch, said to be the analysis':\n%s", status, stdout)
	}
}
