package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/internal/manifestedit"
)

// TestResumeNamesAnEditedPoint: a run whose point was edited in the
// manifest is refused naming both points, where the message once gave
// the same regime, replicate and seed twice and not what differed.
func TestResumeNamesAnEditedPoint(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	mustRun(t, smallSweep(out, "--formats", "")...)
	manifestedit.Edit(t, out, func(m map[string]any) {
		m["complete"] = false
		run := m["runs"].([]any)[0].(map[string]any)
		run["params"].([]any)[0] = 0.15 // a value the sweep does not vary to
	})
	status, _, stderr := runCLI(t, smallSweep(out, "--formats", "", "--resume")...)
	if status != 2 || !strings.Contains(stderr, "run 0 is recorded as ") || !strings.Contains(stderr, " at the point (") || strings.Count(stderr, " at the point (") != 2 {
		t.Errorf("--resume: status %d, %q; want 2, naming the recorded point and the plan's", status, stderr)
	}
}
