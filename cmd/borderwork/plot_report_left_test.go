package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPlotSaysItLeftAnEditedReport: plot leaves a report.md edited since
// borderwork wrote it as it is, and says so, since its figure links and
// command may no longer match the figures drawn.
func TestPlotSaysItLeftAnEditedReport(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "c")
	mustRun(t, "compare", small, "--days", "20", "--reps", "2", "--formats", "png", "--quiet", "--out", out)
	report := filepath.Join(out, "report.md")
	stdout := mustRun(t, "plot", "--formats", "svg", out)
	if strings.Contains(stdout, "Left ") || !strings.Contains(stdout, "Wrote "+report+" again") {
		t.Errorf("plot of an unedited report printed %q; want it to say it wrote %s again, and nothing left", stdout, report)
	}
	f, err := os.OpenFile(report, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("my note\n")
	f.Close()
	edited, _ := os.ReadFile(report)
	stdout = mustRun(t, "plot", "--formats", "png", out)
	want := "Left " + report + " as it is (changed since borderwork wrote it); its figure links and command may no longer match the figures.\n"
	if !strings.Contains(stdout, want) || strings.Contains(stdout, "Wrote "+report) {
		t.Errorf("plot of an edited report printed %q; want %q", stdout, want)
	}
	if now, _ := os.ReadFile(report); string(now) != string(edited) {
		t.Error("plot changed an edited report.md")
	}
}
