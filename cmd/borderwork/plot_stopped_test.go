package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPlotFinishesAStoppedPlot: a plot killed while it moved its figures
// into the folder leaves some of the new figures beside the old, which
// the manifest does not record. The same plot again draws those bytes,
// so it takes them as its own and finishes, giving the folder a plot
// that was never stopped gives; another plot names them all as in its
// way (audit: plot refused either way, naming one file at a time).
func TestPlotFinishesAStoppedPlot(t *testing.T) {
	t.Parallel()
	orig := smallCompare(t, "--formats", "png")
	whole := filepath.Join(t.TempDir(), "whole")
	copyFolder(t, orig, whole)
	mustRun(t, "plot", whole, "--size", "single")
	// The stopped plot had moved two of its figures in, and then perhaps
	// written report.md, but not the manifest.
	for _, moved := range [][]string{{"figures/trapped.png", "figures/abuse.png"}, {"figures/trapped.png", "figures/abuse.png", "report.md"}} {
		t.Run(strings.Join(moved, ","), func(t *testing.T) {
			stopped := filepath.Join(t.TempDir(), "stopped")
			copyFolder(t, orig, stopped)
			for _, name := range moved {
				b, err := os.ReadFile(filepath.Join(whole, name))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(stopped, name), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			// Another plot (the recorded size) finds both figures in its way.
			status, _, stderr := runCLI(t, "plot", stopped)
			if status != 2 || !strings.Contains(stderr, "and 1 more figure files are not as borderwork drew them") {
				t.Errorf("plot at the recorded size: status %d, %q; want 2, naming both figures in its way", status, stderr)
			}
			status, stdout, stderr := runCLI(t, "plot", stopped, "--size", "single")
			if status != 0 || strings.Contains(stdout+stderr, "Left") {
				t.Errorf("the same plot again: status %d, %s%s; want 0, and report.md its own", status, stdout, stderr)
			}
			sameFolders(t, whole, stopped)
		})
	}
}
