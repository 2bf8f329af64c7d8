package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/internal/manifestedit"
)

// TestReproduceRobustnessRangesDiffered: a claim --robustness folder
// whose manifest records the oversight ranges of a borderwork of before
// 2026-12-03 (weak 0 to 0.8, strong 0.5 to 1) fails reproduce, and the
// MISMATCH line names the ranges that differ, then and now, not a
// manifest that contradicts itself.
func TestReproduceRobustnessRangesDiffered(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	small := filepath.Join(startDir, small)
	mustRun(t, "claim", small, "--days", "20", "--reps", "2", "--max-reps", "2", "--own", "none", "--robustness", "--samples", "4", "--robustness-reps", "2", "--formats", "", "--out", "rob", "--quiet")
	manifestedit.Edit(t, "rob", func(m map[string]any) {
		for _, a := range m["claim"].(map[string]any)["robustness"].(map[string]any)["assumptions"].([]any) {
			a := a.(map[string]any)
			switch a["id"] {
			case "weak_oversight":
				a["hi"] = json.Number("0.8")
			case "strong_oversight":
				a["lo"] = json.Number("0.5")
			}
		}
	})
	status, stdout, stderr := runCLI(t, "reproduce", "rob")
	want := "MISMATCH manifest.json: claim.robustness.assumptions: written by a borderwork whose --robustness ranges differed: " +
		"factors.integrity.weak.oversight 0 to 0.8 then, 0 to 0.65 now; factors.integrity.strong.oversight 0.5 to 1 then, 0.65 to 1 now\n"
	if status != exitFailure || !strings.Contains(stdout, want) || strings.Contains(stdout, "does not agree") {
		t.Errorf("reproduce: status %d, stdout %q\n%s; want %d and %q", status, stdout, stderr, exitFailure, want)
	}
}
