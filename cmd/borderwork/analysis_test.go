package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
)

// TestAnalysisInterruptedSaysWhere: an analysis command (runAnalysis)
// interrupted during its first stage keeps the finished runs in an
// incomplete folder, says where and how many, and how to complete them
// (it has no --resume), and exits with the interrupted status.
func TestAnalysisInterruptedSaysWhere(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		command string
		args    []string
	}{
		{"claim", []string{"--days", "40", "--reps", "3", "--max-reps", "3", "--own", "none"}},
		{"programme", []string{toyProgramme, "--days", "40", "--reps", "3"}},
	} {
		t.Run(tc.command, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			args := append([]string{tc.command, "--out", out, "--workers", "2", "--formats", "", "--quiet"}, tc.args...)
			status, _, stderr := runCLIInterrupted(t, 2, args...)
			m, err := output.ReadManifest(out)
			if err != nil {
				t.Fatal(err)
			}
			// How many, as run and compare say it.
			want := "borderwork " + tc.command + ": kept " + words.Count(len(m.Runs), "finished run") + " in " + out + " (marked incomplete); the command run again writes " + out + " complete, running every run anew\n"
			if status != exitInterrupted || !strings.Contains(stderr, want) {
				t.Errorf("status %d, stderr %q; want %d and %q", status, stderr, exitInterrupted, want)
			}
			if m.Complete || len(m.Runs) < 2 {
				t.Errorf("manifest: complete %v with %d runs; want incomplete, with 2 or more", m.Complete, len(m.Runs))
			}
		})
	}
}
