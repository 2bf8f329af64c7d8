package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/internal/foldertest"
	"github.com/borderwork/borderwork/output"
)

// asEarlier rewrites the folder at dir as a borderwork of before
// detained_person_days (output.LaterMetrics) wrote it: without that
// column in its tables by run and day, and without its rows in stats.csv.
func asEarlier(t *testing.T, dir string, tables ...string) {
	t.Helper()
	for _, name := range tables {
		header, _ := foldertest.ReadCSV(t, filepath.Join(dir, name))
		if i := slices.Index(header, "detained_person_days"); i >= 0 {
			foldertest.DropColumn(t, dir, name, i)
			continue
		}
		foldertest.DropRows(t, dir, name, func(header, row []string) bool {
			return row[slices.Index(header, "metric")] == "detained_person_days"
		})
	}
}

// TestEarlierFolderWithoutLaterMetric: a folder written before
// detained_person_days was counted is still read (plot), and reproduces
// with a warning naming the metric, because the rerun's tables without it
// are the folder's and it is 0 in every run of the rerun; where the rerun
// counts detained days (a folder whose scenario detains, as no earlier
// borderwork could have written), the tables do not match. Its runs are
// continued (--resume) and joined (merge) with this borderwork's, in this
// borderwork's layout, the metric 0 in the earlier runs: the folder is
// the one an uninterrupted, unsharded sweep writes, and it reproduces.
func TestEarlierFolderWithoutLaterMetric(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, tc := range []struct {
		name  string
		sets  []string
		match bool
	}{
		{"nobody detained", nil, true},
		{"centres that detain", []string{"--set", "regimes.hbm.centre_detention=1"}, false},
	} {
		out := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-"))
		mustRun(t, append([]string{"compare", "classroom", "--reps", "2", "--days", "60", "--formats", "svg", "--out", out}, tc.sets...)...)
		asEarlier(t, out, "timeseries.csv", "summary.csv", "stats.csv")
		status, stdout, stderr := runCLI(t, "reproduce", out)
		for _, table := range []string{"timeseries.csv", "summary.csv", "stats.csv"} {
			warned := strings.Contains(stderr, "warning: "+table+" has no detained_person_days: the borderwork that wrote the folder did not count it")
			mismatch := strings.Contains(stdout, "MISMATCH "+table)
			if tc.match && (!warned || mismatch) || !tc.match && (warned || !mismatch) {
				t.Errorf("%s: reproduce: status %d; want %s %s:\n%s%s", tc.name, status, table, map[bool]string{true: "reproduced with a warning", false: "a mismatch"}[tc.match], stdout, stderr)
			}
		}
		if tc.match && status != 0 && !strings.Contains(stdout, "report.md differs when rerun: every table matches") {
			t.Errorf("%s: reproduce: status %d:\n%s%s", tc.name, status, stdout, stderr)
		}
		if status, _, stderr := runCLI(t, "plot", out); status != 0 {
			t.Errorf("%s: plot: status %d: %s", tc.name, status, stderr)
		}
	}

	whole := filepath.Join(dir, "whole")
	mustRun(t, smallSweep(whole, "--formats", "", "--quiet")...)
	// Two shards, the first written before: merged either way round.
	shards := []string{filepath.Join(dir, "shard0"), filepath.Join(dir, "shard1")}
	for i, s := range shards {
		mustRun(t, smallSweep(s, "--shard", []string{"0/2", "1/2"}[i], "--formats", "", "--quiet")...)
	}
	asEarlier(t, shards[0], "timeseries.csv", "summary.csv")
	for i, order := range [][]string{shards, {shards[1], shards[0]}} {
		merged := filepath.Join(dir, fmt.Sprintf("merged%d", i))
		mustRun(t, append([]string{"merge", "--out", merged}, order...)...)
		sameFolders(t, whole, merged)
		if status, stdout, stderr := runCLI(t, "reproduce", merged); status != 0 {
			t.Errorf("reproduce of the merged %v: status %d:\n%s%s", order, status, stdout, stderr)
		}
	}
	// An interrupted sweep written before, completed.
	cut := filepath.Join(dir, "cut")
	if status, _, stderr := runCLIInterrupted(t, 3, smallSweep(cut, "--formats", "", "--workers", "2")...); status != exitInterrupted {
		t.Fatalf("interrupted sweep: status %d: %s", status, stderr)
	}
	asEarlier(t, cut, "timeseries.csv", "summary.csv")
	mustRun(t, "sweep", "--resume", "--out", cut, "--quiet")
	sameFolders(t, whole, cut)
	if !slices.Contains(output.LaterMetrics, "detained_person_days") {
		t.Error("output.LaterMetrics does not name detained_person_days, which this test drops")
	}
}

// TestEarlierSensitivityFolderPlots: plot draws a sensitivity folder
// written before detained_person_days was counted, and writes the same
// report.md: its summary.csv, read in this borderwork's layout, was
// refused as "not those of a sensitivity analysis' summary.csv".
func TestEarlierSensitivityFolderPlots(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "sens")
	mustRun(t, "sensitivity", "classroom", "--method", "morris", "--trajectories", "4", "--reps", "2", "--days", "30", "--formats", "svg", "--quiet", "--out", out)
	asEarlier(t, out, "summary.csv")
	before, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	if status, stdout, stderr := runCLI(t, "plot", out); status != 0 {
		t.Fatalf("plot: status %d:\n%s%s", status, stdout, stderr)
	}
	if after, err := os.ReadFile(filepath.Join(out, "report.md")); err != nil || string(after) != string(before) {
		t.Errorf("plot wrote another report.md (%v)", err)
	}
	if status, stdout, stderr := runCLI(t, "reproduce", out); status != 0 {
		t.Errorf("reproduce: status %d:\n%s%s", status, stdout, stderr)
	}
}
