package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/internal/mdtest"
)

// TestRunOrderAsDocumented: the rows of summary.csv are numbered as
// docs/OUTPUTS.md, "Runs", says, which a reader relies on to place a run
// without its key columns (or to read a block of runs). It said that of
// every folder, but a claim folder numbers its runs replicate first (its
// replicates after the pilot are added at the end), so run 1 is the second
// combination's replicate 0, not the first's replicate 1.
func TestRunOrderAsDocumented(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile(outputsDoc)
	if err != nil {
		t.Fatal(err)
	}
	sec, ok := mdtest.Section(string(doc), "## Runs")
	if !ok {
		t.Fatal("docs/OUTPUTS.md has no section Runs")
	}
	sec = strings.Join(strings.Fields(sec), " ")
	for _, s := range []string{
		"Run `k` is replicate `k mod reps` of regime `(k / reps) mod regimes` at point `k / (reps × regimes)`.",
		"A `claim` folder's `summary.csv` and `timeseries.csv` number them replicate first",
		"run `k` is replicate `k / arms` of arm `k mod arms`, the arms being the combinations and own regimes in the order of the manifest's `regimes`",
		"its `robustness_summary.csv` follows the rule above",
	} {
		if !strings.Contains(sec, s) {
			t.Errorf("docs/OUTPUTS.md, Runs, does not say %q", s)
		}
	}

	root := t.TempDir()
	small := []string{"--workers", "1", "--formats", "", "--quiet", "--days", "20"}
	for i, c := range [][]string{
		{"compare", "classroom", "--reps", "2"},
		{"sweep", "classroom", "--vary", "regimes.malfunctioning.outage_start=0,0.5", "--regimes", "closed,malfunctioning", "--reps", "3"},
		{"claim", "classroom", "--reps", "2", "--max-reps", "3", "--robustness", "--samples", "3", "--robustness-reps", "2"},
	} {
		out := filepath.Join(root, strconv.Itoa(i))
		if status, _, stderr := runCLI(t, append(append(append([]string{}, c...), small...), "--out", out)...); status != 0 {
			t.Fatalf("%s: status %d: %s", c[0], status, stderr)
		}
		var m struct {
			Regimes []string `json:"regimes"`
			Reps    int      `json:"reps"`
		}
		b, err := os.ReadFile(filepath.Join(out, "manifest.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		rows := readCSVFile(t, filepath.Join(out, "summary.csv"))
		params := 0 // a sweep's varied keys, between replicate and seed
		if c[0] == "sweep" {
			params = 1
		}
		for _, r := range rows[1:] {
			k, _ := strconv.Atoi(r[0])
			reg, rep, point := k/m.Reps%len(m.Regimes), k%m.Reps, k/(m.Reps*len(m.Regimes))
			if c[0] == "claim" {
				reg, rep, point = k%len(m.Regimes), k/len(m.Regimes), 0
			}
			if r[1] != m.Regimes[reg] || r[2] != strconv.Itoa(rep) {
				t.Errorf("%s: run %d is replicate %s of %s; the docs' rule gives replicate %d of %s", c[0], k, r[2], r[1], rep, m.Regimes[reg])
			}
			if params > 0 {
				if want := []string{"0", "0.5"}[point]; r[3] != want {
					t.Errorf("%s: run %d is at %s; the docs' rule gives point %d, %s", c[0], k, r[3], point, want)
				}
			}
		}
		if c[0] != "claim" {
			continue
		}
		// robustness_summary.csv: run, regime, replicate, the assumptions...
		rob := readCSVFile(t, filepath.Join(out, "robustness_summary.csv"))
		var arms []string
		for _, r := range rob[1:] {
			if !slices.Contains(arms, r[1]) {
				arms = append(arms, r[1])
			}
		}
		reps := 2
		for i, r := range rob[1:] {
			k, _ := strconv.Atoi(r[0])
			if k != i || r[1] != arms[k/reps%len(arms)] || r[2] != strconv.Itoa(k%reps) || r[3] != rob[1+k/(reps*len(arms))*reps*len(arms)][3] {
				t.Errorf("robustness_summary.csv: run %d (row %d) is replicate %s of %s at %s, not as the docs' rule places it", k, i, r[2], r[1], r[3])
			}
		}
	}
}
