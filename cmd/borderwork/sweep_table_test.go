package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestSweepPrintsTable: sweep prints its results as compare does, a
// table of --metric with a row per point and a column per regime, whose
// cells are report.md's for that metric; merge prints the same table for
// the merged shards; for more than 20 points it says where they are
// instead. It once printed no result at all, only the folder's name.
func TestSweepPrintsTable(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	args := func(out string, extra ...string) []string {
		return append([]string{"sweep", "classroom", "--vary", "regimes.malfunctioning.outage_days=1:30:3", "--reps", "2", "--days", "40",
			"--metric", "abused_migrants", "--formats", "", "--quiet", "--out", filepath.Join(dir, out)}, extra...)
	}
	stdout := mustRun(t, args("whole")...)
	const lead = "Migrants abused per run (migrants), means ± 95% confidence half-widths over the replicates (--metric; report.md gives every metric):\n\n"
	_, after, ok := strings.Cut(stdout, lead)
	table, _, ok2 := strings.Cut(after, "\n\n")
	if !ok || !ok2 {
		t.Fatalf("sweep prints no table of migrants abused:\n%s", stdout)
	}
	lines := strings.Split(table, "\n")
	if got := strings.Fields(lines[0]); strings.Join(got, " ") != "regimes.malfunctioning.outage_days open closed malfunctioning hbm" {
		t.Errorf("the table's header is %q; want the key, then the regimes", lines[0])
	}
	// Its rows are report.md's, cell for cell.
	report, err := os.ReadFile(filepath.Join(dir, "whole", "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(report), "### Migrants abused\n\n")
	var want []string
	for _, line := range strings.Split(section, "\n")[2:] {
		if !strings.HasPrefix(line, "|") {
			break
		}
		want = append(want, strings.Join(strings.Split(strings.Trim(line, "|"), "|"), " / "))
	}
	cells := regexp.MustCompile(`\S+(?: ± \S+)?`)
	var got []string
	for _, line := range lines[1:] {
		got = append(got, strings.Join(cells.FindAllString(line, -1), " / "))
	}
	if len(want) != 3 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the table's rows are\n%s\nreport.md's are\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// Merged shards: the same table.
	mustRun(t, args("s0", "--shard", "0/2")...)
	mustRun(t, args("s1", "--shard", "1/2")...)
	merged := mustRun(t, "merge", "--out", filepath.Join(dir, "merged"), filepath.Join(dir, "s0"), filepath.Join(dir, "s1"))
	if !strings.Contains(merged, lead+table+"\n\n") {
		t.Errorf("merge prints\n%s\nwant the unsharded sweep's table:\n%s", merged, table)
	}

	many := mustRun(t, "sweep", "classroom", "--vary", "regimes.malfunctioning.outage_days=1:30:21", "--reps", "1", "--days", "20", "--formats", "", "--quiet", "--out", filepath.Join(dir, "many"))
	if !strings.Contains(many, "Trapped person-days, and every other metric, at each of the 21 points: report.md and stats.csv.") || strings.Contains(many, "means ±") {
		t.Errorf("a sweep of 21 points prints\n%s\nwant where its results are, and no table", many)
	}
}
