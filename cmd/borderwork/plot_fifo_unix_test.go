//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestPlotLeavesAFIFOReport: a report.md that is a named pipe is left as
// the user's, not read: reading it would wait for a writer for ever (an
// audit found plot hanging on one, SIGTERM ignored).
func TestPlotLeavesAFIFOReport(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "out")
	copyFolder(t, smallCompare(t, "--formats", "png"), dir)
	report := filepath.Join(dir, "report.md")
	if err := os.Remove(report); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(report, 0o644); err != nil {
		t.Fatal(err)
	}
	status, stdout, stderr := runCLI(t, "plot", dir, "--size", "single")
	if status != 0 || !strings.Contains(stdout+stderr, "Left "+report+" as it is") {
		t.Errorf("plot: status %d, %s%s; want 0, and report.md left", status, stdout, stderr)
	}
	if st, err := os.Lstat(report); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("report.md is no longer the pipe (%v)", err)
	}
}
