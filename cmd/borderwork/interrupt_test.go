package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/foldertest"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
)

// stopped is the context of a command whose Ctrl-C (or SIGTERM) came
// before it started: while it prepared its points, say.
func stopped() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}

// onlyEntries fails unless the folder dir holds exactly the entries
// named: no temporary folder, no partial folder, nothing else.
func onlyEntries(t *testing.T, dir string, want ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("%s holds %v; want %v", dir, got, want)
	}
}

// TestInterruptedBeforeStartingWritesNothing: every simulating command
// told to stop before its runs start (while preparing them) exits 130 and
// writes nothing: no folder of no runs, no partial folder, no temporary
// folder.
func TestInterruptedBeforeStartingWritesNothing(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args func(out string) []string
	}{
		{"run", func(out string) []string { return []string{"run", small, "--days", "20", "--reps", "2", "--out", out} }},
		{"compare", func(out string) []string {
			return []string{"compare", small, "--days", "20", "--reps", "2", "--out", out}
		}},
		{"sweep", func(out string) []string { return smallSweep(out) }},
		{"sweep --shard", func(out string) []string { return smallSweep(out, "--shard", "0/2") }},
		{"claim", func(out string) []string {
			return []string{"claim", small, "--days", "20", "--reps", "3", "--max-reps", "3", "--own", "none", "--out", out}
		}},
		{"programme", func(out string) []string {
			return []string{"programme", toyProgramme, "--days", "20", "--reps", "3", "--out", out}
		}},
		{"sensitivity", func(out string) []string { return smallSensitivity(out) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			status, _, stderr := runCLIContext(stopped(), t, tt.args(filepath.Join(dir, "out"))...)
			if status != exitInterrupted || !strings.Contains(stderr, "interrupted") || strings.Count(stderr, "\n") != 1 {
				t.Errorf("status %d, stderr %q; want %d and one line saying it was interrupted", status, stderr, exitInterrupted)
			}
			onlyEntries(t, dir)
		})
	}
}

// TestSweepInterruptedWhilePreparingLeavesTheFolder: a sweep over an
// earlier sweep's folder, stopped before its runs, leaves it as it was and
// puts no partial folder beside it.
func TestSweepInterruptedWhilePreparingLeavesTheFolder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	mustRun(t, smallSweep(out)...)
	before := foldertest.Files(t, out)
	if status, _, stderr := runCLIContext(stopped(), t, smallSweep(out)...); status != exitInterrupted {
		t.Errorf("status %d (%s); want %d", status, stderr, exitInterrupted)
	}
	foldertest.Same(t, "an earlier sweep after one interrupted while preparing", out, before)
	onlyEntries(t, dir, "out")
}

// TestInterruptedWhileWritingTheResults: Ctrl-C after the last run of a
// rerun into a complete folder, while its tables, figures and report are
// written, leaves the folder byte-identical and keeps the runs beside it,
// marked incomplete, with status 130.
func TestInterruptedWhileWritingTheResults(t *testing.T) {
	t.Parallel()
	out := smallCompare(t)
	before := foldertest.Files(t, out)
	earlier, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	runs := len(earlier.Runs)
	status, _, stderr := runCLIInterrupted(t, runs, "compare", small, "--reps", "3", "--days", "40", "--out", out, "--workers", "2")
	partial := out + ".partial"
	again := "(marked incomplete); the command run again writes " + out + " complete, running every run anew\n"
	if status != exitInterrupted || !strings.Contains(stderr, out+" is unchanged") || !strings.Contains(stderr, partial+" "+again) {
		t.Errorf("status %d, stderr %q; want %d, saying where the runs went and how to complete them", status, stderr, exitInterrupted)
	}
	foldertest.Same(t, "a complete folder after a rerun interrupted while writing", out, before)
	m, err := output.ReadManifest(partial)
	if err != nil || m.Complete || len(m.Runs) != runs || len(m.Figures) != 0 {
		t.Errorf("%s: %v, %+v; want all %d runs, incomplete, no figures", partial, err, m, runs)
	}
	onlyEntries(t, filepath.Dir(out), "out", "out.partial")
}

// TestPlotAndMergeInterrupted: plot and merge told to stop before they
// replace anything leave the folder as it was, with status 130.
func TestPlotAndMergeInterrupted(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a, b, merged := filepath.Join(dir, "a"), filepath.Join(dir, "b"), filepath.Join(dir, "merged")
	mustRun(t, smallSweep(a, "--shard", "0/2")...)
	mustRun(t, smallSweep(b, "--shard", "1/2")...)
	mustRun(t, "merge", a, b, "--out", merged, "--formats", "svg")
	tests := []struct {
		name string
		args []string
	}{
		{"plot", []string{"plot", "--formats", "png", "--size", "single", merged}},
		{"merge", []string{"merge", a, b, "--out", merged, "--formats", "png"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := foldertest.Files(t, merged)
			status, _, stderr := runCLIContext(stopped(), t, tt.args...)
			if status != exitInterrupted || !strings.Contains(stderr, "interrupted") {
				t.Errorf("status %d, stderr %q; want %d, saying it was interrupted", status, stderr, exitInterrupted)
			}
			foldertest.Same(t, tt.name+" interrupted", merged, before)
			onlyEntries(t, dir, "a", "b", "merged")
		})
	}
}

// TestInterruptedBesideTheUsersPartial: a rerun interrupted when
// out.partial holds files of the user's cannot keep its runs there: it
// exits 130 all the same, leaves out and the user's files as they were,
// and says where the runs are kept and how --resume can complete them.
func TestInterruptedBesideTheUsersPartial(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		args []string
	}{
		{"compare", []string{"compare", small, "--reps", "3", "--days", "40", "--formats", "svg"}},
		{"sweep", []string{"sweep", small, "--reps", "2", "--days", "40", "--formats", "svg", "--vary", "regimes.malfunctioning.outage_start=0.05,0.1"}},
	} {
		dir := t.TempDir()
		out, partial := filepath.Join(dir, "out"), filepath.Join(dir, "out.partial")
		mustRun(t, append(tt.args, "--out", out)...)
		before := foldertest.Files(t, out)
		os.Mkdir(partial, 0o755)
		os.WriteFile(filepath.Join(partial, "notes.txt"), []byte("mine"), 0o644)
		status, _, stderr := runCLIInterrupted(t, 2, append(tt.args, "--out", out, "--workers", "1")...)
		kept, _ := filepath.Glob(filepath.Join(dir, ".out.tmp-*"))
		if len(kept) != 1 {
			t.Fatalf("%s: kept %v; want the runs in one .out.tmp-* (stderr %q)", tt.name, kept, stderr)
		}
		want := []string{out + " is unchanged; kept", "interrupted: --out: " + partial + " holds files borderwork did not write (notes.txt)", "the finished runs are kept at " + kept[0] + " (marked incomplete)"}
		if tt.name == "sweep" {
			want = append(want, "moved to "+partial+" (what is there moved away first); this completes it: borderwork sweep --resume --out "+runs.ShellQuote(out))
		}
		if status != exitInterrupted {
			t.Errorf("%s: status %d; want %d (stderr %q)", tt.name, status, exitInterrupted, stderr)
		}
		for _, w := range want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%s: stderr %q; want it to say %q", tt.name, stderr, w)
			}
		}
		foldertest.Same(t, tt.name+": the earlier folder", out, before)
		foldertest.Same(t, tt.name+": the user's folder", partial, map[string]string{"notes.txt": "mine"})
		if m, err := output.ReadManifest(kept[0]); err != nil || m.Complete || len(m.Runs) < 2 {
			t.Errorf("%s: %s: %v, %+v; want the finished runs, incomplete", tt.name, kept[0], err, m)
		}
		if tt.name == "sweep" { // as the message says
			os.RemoveAll(partial)
			os.Rename(kept[0], partial)
			mustRun(t, "sweep", "--resume", "--out", out)
			onlyEntries(t, dir, "out")
		}
	}
}

// TestInterruptedCountsInWords: the message of an interrupted command
// counts its runs in words, "1 finished run", not "1 finished runs". (A
// run under way when the interrupt comes may finish too, so the count is
// read from the message.)
func TestInterruptedCountsInWords(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	status, _, stderr := runCLIInterrupted(t, 1, "compare", small, "--reps", "3", "--days", "10", "--workers", "1", "--formats", "", "--quiet", "--out", out)
	m := regexp.MustCompile(`kept (\S+) finished (runs?) in ` + regexp.QuoteMeta(out) + ` \(marked incomplete\)`).FindStringSubmatch(stderr)
	if status != exitInterrupted || m == nil {
		t.Fatalf("status %d, stderr %q; want %d and the finished runs counted", status, stderr, exitInterrupted)
	}
	if n, err := strconv.Atoi(m[1]); err != nil || words.Count(n, "finished run") != m[1]+" finished "+m[2] {
		t.Errorf("stderr %q counts %s %s", stderr, m[1], m[2])
	}
}

// TestPlotOfAnAnalysisInterruptedDuringItsRuns: a claim or programme
// stopped during its runs keeps them without its analysis's tables; plot
// draws the runs' figures and leaves out the analysis's (a claim's
// effects and mediation, a programme's channels and path), where it
// failed with status 1 on the missing table.
func TestPlotOfAnAnalysisInterruptedDuringItsRuns(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		command, table string
		args           []string
		runs           []string // figures of the runs
		analysis       []string // prefixes of the analysis's figures
	}{
		{"claim", "effects.csv", []string{small, "--days", "20", "--reps", "3", "--max-reps", "3", "--own", "none"},
			[]string{"trapped.svg", "cells_deaths.svg"}, []string{"effects_", "mediation"}},
		{"programme", "channels.csv", []string{toyProgramme, "--days", "20", "--reps", "3"},
			[]string{"trapped.svg", "outcomes.svg"}, []string{"channels_", "path"}},
	} {
		t.Run(tc.command, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			args := append(append([]string{tc.command}, tc.args...), "--formats", "svg", "--out", out, "--workers", "1")
			if status, _, stderr := runCLIInterrupted(t, 2, args...); status != exitInterrupted {
				t.Fatalf("status %d (%s); want %d", status, stderr, exitInterrupted)
			}
			if _, err := os.Stat(filepath.Join(out, tc.table)); err == nil {
				t.Fatalf("the interrupted %s wrote %s: the test no longer stops it during its runs", tc.command, tc.table)
			}
			status, stdout, stderr := runCLI(t, "plot", out)
			if status != 0 || !strings.Contains(stderr, "is incomplete") {
				t.Fatalf("plot: status %d\n%s%s; want 0 and a note that the folder is incomplete", status, stdout, stderr)
			}
			figs := files(t, filepath.Join(out, "figures"))
			for _, want := range tc.runs {
				if !slices.Contains(figs, want) {
					t.Errorf("plot drew %v; want %s among them", figs, want)
				}
			}
			for _, f := range figs {
				for _, p := range tc.analysis {
					if strings.HasPrefix(f, p) {
						t.Errorf("plot drew %s, a figure of the analysis the interrupted %s never made", f, tc.command)
					}
				}
			}
		})
	}
}

// TestInterruptedSaysSoFirst: every command that keeps the finished runs
// of an interrupted command says first that it was interrupted, then
// where it kept them: the line "kept K finished runs in DIR" came before
// "interrupted after K of N runs", its cause (new-user audit, finding 3).
// Each says it was interrupted once (after K of N runs, or before the
// results were written, when the runs under way were the last).
func TestInterruptedSaysSoFirst(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		args func(out string) []string
	}{
		{"run", func(out string) []string { return []string{"run", small, "--days", "20", "--reps", "6", "--out", out} }},
		{"compare", func(out string) []string {
			return []string{"compare", small, "--days", "20", "--reps", "3", "--out", out}
		}},
		{"sweep", func(out string) []string { return smallSweep(out) }},
		{"claim", func(out string) []string {
			return []string{"claim", small, "--days", "20", "--reps", "3", "--max-reps", "3", "--own", "none", "--out", out}
		}},
		{"programme", func(out string) []string {
			return []string{"programme", toyProgramme, "--days", "20", "--reps", "3", "--out", out}
		}},
		{"sensitivity", func(out string) []string { return smallSensitivity(out) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			args := append(tc.args(out), "--workers", "1", "--formats", "", "--quiet")
			status, _, stderr := runCLIInterrupted(t, 2, args...)
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			said := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, ": interrupted ") })
			kept := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, " finished runs in "+out) })
			if status != exitInterrupted || said < 0 || kept < 0 || said > kept || strings.Count(stderr, ": interrupted") != 1 {
				t.Errorf("status %d, standard error\n%s\nwants %d, the line saying it was interrupted, once, before the one saying where the runs were kept", status, stderr, exitInterrupted)
			}
		})
	}
}
