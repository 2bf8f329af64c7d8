package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/internal/manifestedit"
)

// TestReproduceRobustnessRangesDiffered: a claim --robustness folder
// whose manifest records other assumptions than this borderwork draws
// fails reproduce, and the MISMATCH line names what differs, then and
// now, not a manifest that contradicts itself: the oversight ranges of a
// borderwork of before 2026-12-03 (weak 0 to 0.8, strong 0.5 to 1); the
// assumptions of one of before 2026-12-06, which did not vary centres'
// staff's abuse; an assumption this one no longer varies.
func TestReproduceRobustnessRangesDiffered(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	small := filepath.Join(startDir, small)
	mustRun(t, "claim", small, "--days", "20", "--reps", "2", "--max-reps", "2", "--own", "none", "--robustness", "--samples", "4", "--robustness-reps", "2", "--formats", "", "--out", "rob", "--quiet")
	const said = "MISMATCH manifest.json: claim.robustness.assumptions: written by a borderwork "
	const why = "; the points are drawn over the assumptions, so the robustness tables and figures differ\n"
	for _, tc := range []struct {
		name string
		edit func(assumptions []any) []any
		want string
	}{
		{"other ranges", func(as []any) []any {
			for _, a := range as {
				a := a.(map[string]any)
				switch a["id"] {
				case "weak_oversight":
					a["hi"] = json.Number("0.8")
				case "strong_oversight":
					a["lo"] = json.Number("0.5")
				}
			}
			return as
		}, "whose --robustness ranges differed: factors.integrity.weak.oversight 0 to 0.8 then, 0 to 0.65 now; factors.integrity.strong.oversight 0.5 to 1 then, 0.65 to 1 now"},
		{"an assumption added since", func(as []any) []any {
			return slices.DeleteFunc(as, func(a any) bool { return a.(map[string]any)["id"] == "centre_abuse" })
		}, "that did not vary factors.protection.hbm.centre_abuse (0 to 0.02), which this one varies"},
		{"an assumption dropped since, and another range", func(as []any) []any {
			for _, a := range as {
				if a := a.(map[string]any); a["id"] == "patrol" {
					a["hi"] = json.Number("0.3")
				}
			}
			return append(as, map[string]any{"id": "rescue", "label": "rescue on irregular paths", "key": "factors.protection.hbm.rescue", "lo": json.Number("0"), "hi": json.Number("1")})
		}, "whose --robustness ranges differed: factors.enforcement.patrolled.patrol 0 to 0.3 then, 0 to 0.2 now, and that varied factors.protection.hbm.rescue, which this one does not"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := os.CopyFS(tc.name, os.DirFS("rob")); err != nil {
				t.Fatal(err)
			}
			manifestedit.Edit(t, tc.name, func(m map[string]any) {
				r := m["claim"].(map[string]any)["robustness"].(map[string]any)
				r["assumptions"] = tc.edit(r["assumptions"].([]any))
			})
			status, stdout, stderr := runCLI(t, "reproduce", tc.name)
			if want := said + tc.want + why; status != exitFailure || !strings.Contains(stdout, want) || strings.Contains(stdout, "does not agree") {
				t.Errorf("reproduce: status %d, stdout %q\n%s; want %d and %q", status, stdout, stderr, exitFailure, want)
			}
		})
	}
}
