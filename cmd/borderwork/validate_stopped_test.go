package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/internal/foldertest"
)

// TestValidateStoppedAnywhereSaysNothingWasWritten: validate keeps no
// replicate of an unfinished validation, so stopped (Ctrl-C, SIGTERM)
// wherever it looks whether to stop, over an earlier folder of its own,
// it exits 130 saying that nothing was written and the folder is as it
// was, and leaves the folder, and what is beside it, byte for byte as
// they were: with a Flee case and with flow counts.
func TestValidateStoppedAnywhereSaysNothingWasWritten(t *testing.T) {
	t.Parallel()
	tmp := t.TempDir()
	scenario := filepath.Join(tmp, "tiny.toml")
	mustRun(t, "import", "flee", "--out", scenario, fleeCase)
	for _, c := range []struct {
		name string
		args func(out string) []string
	}{
		{"flee", func(out string) []string {
			return []string{"validate", scenario, "--data", fleeCase, "--reps", "2", "--formats", "png", "--quiet", "--out", out}
		}},
		{"flows", func(out string) []string { return smallFlowValidation(out, "--quiet") }},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			out := filepath.Join(dir, "out")
			mustRun(t, c.args(out)...)
			before := foldertest.Files(t, out)
			whole := newStopAt(-1)
			if status, _, stderr := runCLIContext(whole, t, c.args(out)...); status != 0 {
				t.Fatalf("validate: status %d (%s)", status, stderr)
			}
			stops := 0
			for n := int64(1); n <= whole.asked.Load(); n++ {
				status, _, stderr := runCLIContext(newStopAt(n), t, c.args(out)...)
				if status == 0 {
					continue
				}
				stops++
				want := "; nothing was written, and " + out + " is as it was\n"
				if status != exitInterrupted || !strings.HasSuffix(stderr, want) || strings.Count(stderr, "\n") != 1 {
					t.Errorf("stopped at look %d: status %d, stderr %q; want %d and one line ending %q", n, status, stderr, exitInterrupted, want)
				}
				foldertest.Same(t, "a validate folder after a validation stopped", out, before)
				onlyEntries(t, dir, "out")
			}
			if stops == 0 {
				t.Error("validate never stopped")
			}
		})
	}
}
