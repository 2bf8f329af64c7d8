package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/internal/manifestedit"
)

// TestResumeWithNothingLeftSaysSo: a sweep folder whose runs are all kept
// but which is not complete (interrupted while its results were written)
// is finished by --resume without simulating: the line it ends with says
// nothing was simulated, not "0 agent-steps … 1 worker" when --workers 2
// was given; a sweep that simulates still gives the workers.
func TestResumeWithNothingLeftSaysSo(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "s")
	args := []string{"sweep", small, "--vary", "regimes.malfunctioning.outage_start=0:0.2:3", "--regimes", "closed,malfunctioning", "--reps", "2", "--days", "20", "--formats", "", "--out", out, "--workers", "2"}
	status, _, stderr := runCLI(t, args...)
	if status != 0 || !timingLine.MatchString(stderr) || !strings.Contains(stderr, "2 workers") {
		t.Fatalf("sweep: status %d, %q; want the timing line with 2 workers", status, stderr)
	}
	manifestedit.Edit(t, out, func(m map[string]any) { m["complete"] = false })
	status, _, stderr = runCLI(t, "sweep", "--resume", "--out", out, "--workers", "2")
	if want := regexp.MustCompile(`^borderwork sweep: simulated nothing; [0-9.]+ s in all\.\n$`); status != 0 || !want.MatchString(stderr) {
		t.Errorf("sweep --resume with every run kept: status %d, %q; want %q", status, stderr, want)
	}
}
