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
		// A borderwork of before 2026-12-07 did not vary closure's own
		// levers, which multiply or shift the scenario's values: their
		// ranges say so, as a price of 0.5 to 2 would mislead.
		{"closure's levers added since", func(as []any) []any {
			return slices.DeleteFunc(as, func(a any) bool {
				return slices.Contains([]any{"documented", "smuggling_price", "market_size"}, a.(map[string]any)["id"])
			})
		}, "that did not vary origins.*.documented (log-odds shifted by -1.5 to 1.5), smuggling.price (multiplied by 0.5 to 2; log-uniform) and markets.*.max_smugglers (multiplied by 0.5 to 2; log-uniform), which this one varies"},
		{"a scaled range", func(as []any) []any {
			for _, a := range as {
				if a := a.(map[string]any); a["id"] == "post_capacity" {
					a["hi"] = json.Number("3")
				}
			}
			return as
		}, "whose --robustness ranges differed: posts.*.capacity multiplied by 0.5 to 3 (log-uniform) then, multiplied by 0.5 to 2 (log-uniform) now"},
		// A borderwork of up to 2026-12-07 drew every range evenly.
		{"drawn evenly then", func(as []any) []any {
			for _, a := range as {
				if a := a.(map[string]any); a["id"] == "outage_start" || a["id"] == "post_capacity" {
					delete(a, "log_uniform")
				}
			}
			return as
		}, "whose --robustness ranges differed: factors.reliability.failing.outage_start 0.01 to 0.2 (uniform) then, 0.01 to 0.2 (log-uniform) now; posts.*.capacity multiplied by 0.5 to 2 (uniform) then, multiplied by 0.5 to 2 (log-uniform) now"},
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

// TestPlotReportsTheAssumptionsDrawn: plot rewrites a robustness
// folder's report.md with the assumptions its design drew, as its
// manifest records them, not this borderwork's: a folder of a borderwork
// that drew weak oversight from 0 to 0.8, drew outages' start evenly and
// did not vary the markets' size is reported with those ranges and
// without that assumption (this version's list was printed, ranges and
// all, whatever the folder drew).
func TestPlotReportsTheAssumptionsDrawn(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	small := filepath.Join(startDir, small)
	mustRun(t, "claim", small, "--days", "20", "--reps", "2", "--max-reps", "2", "--own", "none", "--robustness", "--samples", "4", "--robustness-reps", "2", "--formats", "", "--out", "rob", "--quiet")
	manifestedit.Edit(t, "rob", func(m map[string]any) {
		r := m["claim"].(map[string]any)["robustness"].(map[string]any)
		as := r["assumptions"].([]any)
		for _, a := range as {
			switch a := a.(map[string]any); a["id"] {
			case "weak_oversight":
				a["hi"] = json.Number("0.8")
			case "outage_start":
				delete(a, "log_uniform") // drawn evenly, as up to 2026-12-07
			}
		}
		r["assumptions"] = slices.DeleteFunc(as, func(a any) bool { return a.(map[string]any)["id"] == "market_size" })
		var points []any
		for _, p := range r["points"].([]any) {
			p := p.([]any)
			points = append(points, p[:len(p)-1])
		}
		r["points"] = points
	})
	// robustness.csv without the markets' column, as that borderwork
	// wrote it.
	text, err := os.ReadFile(filepath.Join("rob", "robustness.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(text), "\n"), "\n")
	col := slices.Index(strings.Split(lines[0], ","), "market_size")
	if col < 0 {
		t.Fatal("robustness.csv has no market_size column")
	}
	for i, l := range lines {
		f := strings.Split(l, ",")
		lines[i] = strings.Join(slices.Delete(f, col, col+1), ",")
	}
	rewriteTable(t, "rob", "robustness.csv", []byte(strings.Join(lines, "\n")+"\n"))
	mustRun(t, "plot", "rob")
	report, err := os.ReadFile(filepath.Join("rob", "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(report), "|`factors.integrity.weak.oversight`|0 to 0.8|") {
		t.Errorf("report.md does not give weak oversight's range as drawn, 0 to 0.8")
	}
	if !strings.Contains(string(report), "|`factors.reliability.failing.outage_start`|0.01 to 0.2|") {
		t.Errorf("report.md does not give how often failing posts break down as drawn, evenly over 0.01 to 0.2")
	}
	if strings.Contains(string(report), "smuggling markets' size") {
		t.Errorf("report.md lists the markets' size, which the folder's design did not vary")
	}
	if !strings.Contains(string(report), "|smugglers' prices (multiple of the scenario's)|`smuggling.price`, `price_min` and `price_max`, multiplied|0.5 to 2 (log-uniform)|") {
		t.Errorf("report.md does not list the smugglers' prices as this version words them")
	}
}
