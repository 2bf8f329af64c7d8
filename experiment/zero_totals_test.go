package experiment

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output"
)

// TestSummaryBarsLeaveOutZeroTotals: a bar chart of summary.csv's totals
// (outcomes, abuse_by_kind) draws no category that is 0 in every
// replicate of every regime, and its caption names it, as
// trapped_by_location names its empty locations; a category some regime
// counts is kept, zeros and all. Under the Flee rule set (mali2012)
// outcomes drew arrived, returned, gave up, dead and stranded at 0, and
// abuse_by_kind four empty rows of smugglers' abuse.
func TestSummaryBarsLeaveOutZeroTotals(t *testing.T) {
	totals := []string{"arrivals", "returns", "deaths"}
	labels := []string{"arrived", "returned", "dead"}
	for _, tc := range []struct {
		name   string
		counts map[string][3]float64 // per regime, each total, the same in both replicates
		drawn  []string              // the categories drawn
		extra  string
	}{
		{"all counted", map[string][3]float64{"open": {5, 1, 2}, "closed": {3, 1, 1}}, labels, ""},
		{"one counted by one regime", map[string][3]float64{"open": {5, 0, 2}, "closed": {3, 1, 0}}, labels, ""},
		{"returns by none", map[string][3]float64{"open": {5, 0, 2}, "closed": {3, 0, 1}}, []string{"arrived", "dead"},
			"not drawn: returned (none under any regime)"},
		{"two by none", map[string][3]float64{"open": {5, 0, 0}, "closed": {3, 0, 0}}, []string{"arrived"},
			"not drawn: returned, dead (none under any regime)"},
		{"a regime with none, and deaths by none", map[string][3]float64{"open": {5, 1, 0}, "closed": {0, 0, 0}}, []string{"arrived", "returned"},
			"not drawn: closed (no migrants at all); not drawn: dead (none under any regime)"},
		{"nothing counted: zeros drawn", map[string][3]float64{"open": {0, 0, 0}, "closed": {0, 0, 0}}, labels, ""},
	} {
		dir := t.TempDir()
		header := output.SummaryHeader(nil)
		lines := []string{strings.Join(header, ",")}
		run := 0
		for _, regime := range []string{"open", "closed"} {
			for rep := range 2 {
				cells := make([]string, len(header))
				for i := range cells {
					cells[i] = "0"
				}
				cells[0], cells[1], cells[2] = strconv.Itoa(run), regime, strconv.Itoa(rep)
				for i, name := range totals {
					cells[slices.Index(header, name)] = strconv.FormatFloat(tc.counts[regime][i], 'g', -1, 64)
				}
				lines = append(lines, strings.Join(cells, ","))
				run++
			}
		}
		if err := os.WriteFile(filepath.Join(dir, "summary.csv"), []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		m := &output.Manifest{Command: "compare", Scenario: "s", Seed: 1, Reps: 2, Regimes: []string{"open", "closed"}}
		groups, c, err := summaryBars(Source{Dir: dir, Manifest: m}, totals, labels, "no migrants at all")
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		for _, g := range groups {
			var drawn []string
			for _, b := range g.Bars {
				drawn = append(drawn, b.Label)
			}
			if !slices.Equal(drawn, tc.drawn) {
				t.Errorf("%s: %s draws %q; want %q", tc.name, g.Label, drawn, tc.drawn)
			}
		}
		if c.Extra != tc.extra {
			t.Errorf("%s: caption note %q; want %q", tc.name, c.Extra, tc.extra)
		}
	}
}
