package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestAnalysisReportsLinkDrawnFigures: the report.md of a claim or
// sensitivity folder shows the figures drawn, in the first format drawn,
// and links no file that was not written; plot, drawing other formats,
// writes it again to show those, exactly as the command would have
// written it (drawing the first formats again gives back the first
// report, and reproduce finds the folder as a rerun writes it).
func TestAnalysisReportsLinkDrawnFigures(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
	}{
		{"claim", []string{"claim", small, "--days", "40", "--reps", "3", "--max-reps", "3", "--own", "none", "--robustness", "--samples", "4", "--robustness-reps", "2"}},
		{"morris", smallSensitivity("")},
		{"sobol", smallSobol("")},
	}
	link := regexp.MustCompile(`\]\((figures/[^)]+)\)`)
	// links checks that report.md links at least 2 figures, every one
	// written and with the extension ext.
	links := func(t *testing.T, out, when, ext string) string {
		t.Helper()
		report, err := os.ReadFile(filepath.Join(out, "report.md"))
		if err != nil {
			t.Fatal(err)
		}
		found := link.FindAllStringSubmatch(string(report), -1)
		if len(found) < 2 {
			t.Errorf("%s: report.md links %d figures; want 2 or more", when, len(found))
		}
		for _, m := range found {
			if _, err := os.Stat(filepath.Join(out, m[1])); err != nil {
				t.Errorf("%s: report.md links %s, which was not written", when, m[1])
			}
			if !strings.HasSuffix(m[1], ext) {
				t.Errorf("%s: report.md links %s; want %s", when, m[1], ext)
			}
		}
		return string(report)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, tt.name)
			args := append(tt.args, "--out", out, "--formats", "pdf", "--quiet")
			if status, stdout, stderr := runCLI(t, args...); status != 0 {
				t.Fatalf("status %d\n%s%s", status, stdout, stderr)
			}
			first := links(t, out, "--formats pdf", ".pdf")
			if status, stdout, stderr := runCLI(t, "plot", out, "--formats", "svg,png"); status != 0 {
				t.Fatalf("plot --formats svg,png: status %d\n%s%s", status, stdout, stderr)
			}
			links(t, out, "after plot --formats svg,png", ".png")
			if status, stdout, stderr := runCLI(t, "reproduce", out); status != 0 {
				t.Errorf("reproduce after plot: status %d\n%s%s", status, stdout, stderr)
			}
			if status, stdout, stderr := runCLI(t, "plot", out, "--formats", "pdf"); status != 0 {
				t.Fatalf("plot --formats pdf: status %d\n%s%s", status, stdout, stderr)
			}
			if again := links(t, out, "after plot --formats pdf", ".pdf"); again != first {
				t.Errorf("report.md written again by plot differs from the command's:\n%s\nwant:\n%s", again, first)
			}
		})
	}
}
