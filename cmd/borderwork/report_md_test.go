package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/output"
)

// markdownFigures checks that every image of a Markdown text stands in a
// paragraph of its own, with its caption, if any, in the next: a blank
// line (or the start) before it and a blank line after it, and a blank
// line after the caption. Without one, CommonMark joins the caption and
// the next image into one paragraph. It returns the number of images.
func markdownFigures(t *testing.T, what, text string) int {
	t.Helper()
	lines := strings.Split(text, "\n")
	blank := func(i int) bool { return i < 0 || i >= len(lines) || strings.TrimSpace(lines[i]) == "" }
	n := 0
	for i, l := range lines {
		if !strings.HasPrefix(l, "![") {
			continue
		}
		n++
		if !blank(i-1) || !blank(i+1) {
			t.Errorf("%s, line %d: the image shares a paragraph:\n%s", what, i+1, strings.Join(lines[max(i-1, 0):min(i+2, len(lines))], "\n"))
		}
		if c := i + 2; c < len(lines) && strings.HasPrefix(lines[c], "*") && !blank(c+1) {
			t.Errorf("%s, line %d: the caption runs into the next line:\n%s", what, c+1, strings.Join(lines[c:c+2], "\n"))
		}
	}
	return n
}

// TestReportFiguresAreParagraphs: in each command's report.md, a figure
// and its caption do not run into the next figure; and its header names
// the borderwork that wrote it, as the manifest records it.
func TestReportFiguresAreParagraphs(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	png := []string{"--formats", "png", "--quiet"}
	tests := []struct {
		name string
		args []string
	}{
		{"compare", append([]string{"compare", small, "--reps", "2", "--days", "20", "--regimes", "open,closed"}, png...)},
		{"claim", append([]string{"claim", small, "--days", "40", "--reps", "3", "--max-reps", "3", "--own", "none"}, png...)},
		{"programme", append([]string{"programme", toyProgramme, "--days", "120", "--reps", "3", "--programme", "equip"}, png...)},
		{"sensitivity", smallSensitivity("", png...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, tt.name)
			if status, stdout, stderr := runCLI(t, append(tt.args, "--out", out)...); status != 0 {
				t.Fatalf("status %d\n%s%s", status, stdout, stderr)
			}
			report, err := os.ReadFile(filepath.Join(out, "report.md"))
			if err != nil {
				t.Fatal(err)
			}
			if markdownFigures(t, tt.name+"'s report.md", string(report)) < 2 {
				t.Errorf("%s's report.md shows fewer than 2 figures; the test checks nothing", tt.name)
			}
			// Every report names the borderwork that wrote it, one way.
			m, err := output.ReadManifest(out)
			if err != nil {
				t.Fatal(err)
			}
			if want := "Written by " + runs.BuiltBy(m) + "."; !strings.Contains(string(report), want) {
				t.Errorf("%s's report.md does not say %q", tt.name, want)
			}
		})
	}
}
