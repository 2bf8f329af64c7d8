package main

import (
	"os"
	"path/filepath"
	"runtime"
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
	// The stopped plot had moved two of its figures in. (Killed in the
	// moment between writing report.md and the manifest, it would leave
	// a report the manifest does not record, which plot leaves as the
	// user's: the kind's report may be built from the one in the folder,
	// so one that matches what plot writes may still hold the user's
	// edits.)
	for _, moved := range [][]string{{"figures/trapped.png", "figures/abuse.png"}} {
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

// TestPlotKeepsLinks: a figure or report.md that is a symbolic link to
// the bytes borderwork wrote is the user's: plot does not replace the
// link with a file (audit: it did, silently). A figure it would draw
// there is refused, naming it; a linked report.md is left, and said to be.
func TestPlotKeepsLinks(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	orig := smallCompare(t, "--formats", "png")
	for _, name := range []string{"figures/trapped.png", "report.md"} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			dir := filepath.Join(root, "out")
			copyFolder(t, orig, dir)
			mine := filepath.Join(root, "mine")
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(mine, b, 0o644); err != nil {
				t.Fatal(err)
			}
			link := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.Remove(link); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(mine, link); err != nil {
				t.Fatal(err)
			}
			status, stdout, stderr := runCLI(t, "plot", dir, "--size", "single")
			switch name {
			case "report.md":
				if status != 0 || !strings.Contains(stdout+stderr, "Left "+link+" as it is") {
					t.Errorf("plot: status %d, %s%s; want 0, and report.md left", status, stdout, stderr)
				}
			default:
				if status != 2 || !strings.Contains(stderr, link+" is not as borderwork drew it") {
					t.Errorf("plot: status %d, %s%s; want 2, naming the linked figure", status, stdout, stderr)
				}
			}
			if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
				t.Errorf("%s is no longer a link (%v)", name, err)
			}
			if got, _ := os.ReadFile(mine); string(got) != string(b) {
				t.Errorf("the link's target changed")
			}
		})
	}
}
