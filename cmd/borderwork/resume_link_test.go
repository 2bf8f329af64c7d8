package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestResumeLeavesALinkedPartial: a DIR.partial that is a symbolic link
// is the user's, wherever it points: --resume neither continues the runs
// it finds through it nor tries to remove it, and says so (audit: it
// continued an outside folder's runs, then failed, status 1, as the link
// could not be removed).
func TestResumeLeavesALinkedPartial(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	root := t.TempDir()
	out, elsewhere := filepath.Join(root, "out"), filepath.Join(root, "elsewhere")
	mustRun(t, smallSweep(out, "--formats", "")...)
	copyFolder(t, out, elsewhere)
	if err := os.Symlink(elsewhere, out+".partial"); err != nil {
		t.Fatal(err)
	}
	status, stdout, stderr := runCLI(t, smallSweep(out, "--formats", "", "--resume")...)
	if status != 0 || !strings.Contains(stdout+stderr, out+".partial is a link, and --resume continues only a folder borderwork wrote there") {
		t.Errorf("--resume: status %d\n%s%s\nwant 0, saying the link is not continued", status, stdout, stderr)
	}
	if st, err := os.Lstat(out + ".partial"); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("%s.partial is no longer the link (%v)", out, err)
	}
}

// TestPlotRefusesALinkedManifest: plot writes manifest.json again, so a
// folder whose manifest is a link is refused (status 2), the link kept
// (audit: plot replaced it with a file).
func TestPlotRefusesALinkedManifest(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	root := t.TempDir()
	dir := filepath.Join(root, "out")
	copyFolder(t, smallCompare(t, "--formats", ""), dir)
	manifest := filepath.Join(dir, "manifest.json")
	if err := os.Rename(manifest, filepath.Join(root, "manifest.json")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "manifest.json"), manifest); err != nil {
		t.Fatal(err)
	}
	status, stdout, stderr := runCLI(t, "plot", dir, "--formats", "svg")
	if status != 2 || !strings.Contains(stderr, manifest+" is a link") {
		t.Errorf("plot: status %d\n%s%s\nwant 2, naming the linked manifest", status, stdout, stderr)
	}
	if st, err := os.Lstat(manifest); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Errorf("manifest.json is no longer the link (%v)", err)
	}
}
