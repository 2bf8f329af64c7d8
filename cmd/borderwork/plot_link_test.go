package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestPlotRefusesAFiguresLink: a folder whose figures/ is a link to
// another folder is refused, exit 2, and nothing there is removed or
// written: through the link, plot would remove and write the other
// folder's files (a hostile-input audit deleted a file that way).
func TestPlotRefusesAFiguresLink(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "c")
	mustRun(t, "compare", small, "--days", "20", "--reps", "2", "--formats", "png", "--quiet", "--out", out)
	elsewhere := filepath.Join(dir, "elsewhere")
	if err := os.Rename(filepath.Join(out, "figures"), elsewhere); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(elsewhere, "keep.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, filepath.Join(out, "figures")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	before := files(t, elsewhere)
	code, _, stderr := runCLI(t, "plot", "--formats", "png,svg", out)
	if want := filepath.Join(out, "figures") + " is a link"; code != 2 || !strings.Contains(stderr, want) {
		t.Errorf("plot: status %d, %q; want 2 and %q", code, stderr, want)
	}
	if after := files(t, elsewhere); !slices.Equal(after, before) {
		t.Errorf("the linked folder holds %v after plot; want %v, as before", after, before)
	}
}
