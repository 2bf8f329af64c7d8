package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/output"
)

// TestPlotNotesAnIncompleteFolder: plot of a folder whose command was
// interrupted draws its figures and says, on one line of stderr, how many
// of its runs they show and how to complete it; a complete folder gets
// no such note. Each figure's caption says it is incomplete.
func TestPlotNotesAnIncompleteFolder(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		args   func(out string) []string
		total  int
		finish func(out string) string
	}{
		{"sweep", func(out string) []string { return smallSweep(out, "--formats", "", "--workers", "2") }, 24,
			func(out string) string {
				return "this finishes it: borderwork sweep --resume --out " + runs.ShellQuote(out)
			}},
		{"compare", func(out string) []string {
			return []string{"compare", small, "--reps", "4", "--days", "40", "--formats", "", "--workers", "2", "--out", out}
		}, 20, func(string) string { return "this runs it in full: borderwork compare " }}, // 5 regimes × 4 replicates
	} {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			status, _, stderr := runCLIInterrupted(t, 5, c.args(out)...)
			if status != exitInterrupted {
				t.Fatalf("interrupted: status %d (%s)", status, stderr)
			}
			m, err := output.ReadManifest(out)
			if err != nil || m.Complete {
				t.Fatalf("the interrupted folder's manifest: %+v, %v", m, err)
			}
			status, stdout, stderr := runCLI(t, "plot", out, "--formats", "svg")
			if status != 0 || !strings.Contains(stdout, "Drew") {
				t.Fatalf("plot: status %d\n%s\n%s", status, stdout, stderr)
			}
			want := []string{
				out + " is incomplete",
				fmt.Sprintf("%d of %d runs", len(m.Runs), c.total),
				"the figures show those runs only",
				c.finish(out),
			}
			if n := strings.Count(strings.TrimSpace(stderr), "\n"); n != 0 {
				t.Errorf("the note is %d lines; want one:\n%s", n+1, stderr)
			}
			for _, w := range want {
				if !strings.Contains(stderr, w) {
					t.Errorf("plot's stderr %q; want it to say %q", stderr, w)
				}
			}
			if len(m.Runs) >= c.total {
				t.Fatalf("the interrupted folder holds all %d runs", len(m.Runs))
			}
			if c.name == "sweep" { // docs/CLI.md quotes the note, for 120 of 400 runs
				note := strings.ReplaceAll(strings.TrimSpace(stderr), out, "out/sweep-x")
				note = strings.Replace(note, fmt.Sprintf("%d of %d runs", len(m.Runs), c.total), "120 of 400 runs", 1)
				doc, err := os.ReadFile("../../docs/CLI.md")
				if err != nil || !strings.Contains(strings.Join(strings.Fields(string(doc)), " "), "`"+note+"`") {
					t.Errorf("docs/CLI.md does not quote plot's note as it is (%v):\n%s", err, note)
				}
			}
			// Each figure says so on its face too, shown without the folder.
			svgs, err := filepath.Glob(filepath.Join(out, "figures", "*.svg"))
			if err != nil || len(svgs) == 0 {
				t.Fatalf("no figures drawn: %v", err)
			}
			stamp := fmt.Sprintf("incomplete: %d of the %d runs", len(m.Runs), c.total)
			for _, f := range svgs {
				if b, err := os.ReadFile(f); err != nil || !strings.Contains(string(b), stamp) {
					t.Errorf("%s does not say %q (%v)", filepath.Base(f), stamp, err)
				}
			}
		})
	}
	whole := smallCompare(t, "--formats", "")
	if status, _, stderr := runCLI(t, "plot", whole, "--formats", "svg"); status != 0 || strings.Contains(stderr, "incomplete") {
		t.Errorf("plot of a complete folder: status %d, stderr %q; want 0 and no note", status, stderr)
	}
	// Nor do its figures say so, drawn by plot or by the command (whose
	// manifest is not yet complete while it draws them).
	drawn := smallCompare(t, "--formats", "svg")
	for _, dir := range []string{whole, drawn} {
		svgs, err := filepath.Glob(filepath.Join(dir, "figures", "*.svg"))
		if err != nil || len(svgs) == 0 {
			t.Fatalf("%s: no figures drawn: %v", dir, err)
		}
		for _, f := range svgs {
			if b, _ := os.ReadFile(f); strings.Contains(string(b), "incomplete") {
				t.Errorf("%s, of a complete folder, says it is incomplete", f)
			}
		}
	}
}
