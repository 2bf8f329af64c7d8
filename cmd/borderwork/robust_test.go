package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// edited writes small.toml with old replaced by new into a new file.
func edited(t *testing.T, old, new string) string {
	t.Helper()
	src, err := os.ReadFile(small)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), old) {
		t.Fatalf("%q not in %s", old, small)
	}
	p := filepath.Join(t.TempDir(), "edited.toml")
	if err := os.WriteFile(p, []byte(strings.Replace(string(src), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// wantRefusal runs args and checks the exit status, that stderr is one
// line holding every want, and that nothing was written to out.
func wantRefusal(t *testing.T, status int, out string, args []string, want ...string) {
	t.Helper()
	got, _, stderr := runCLI(t, args...)
	if got != status {
		t.Errorf("%s: status %d; want %d (stderr %q)", strings.Join(args, " "), got, status, stderr)
	}
	if n := strings.Count(strings.TrimSpace(stderr), "\n"); n != 0 {
		t.Errorf("%s: the error is %d lines; want one:\n%s", strings.Join(args, " "), n+1, stderr)
	}
	for _, w := range want {
		if !strings.Contains(stderr, w) {
			t.Errorf("%s: stderr %q; want it to contain %q", strings.Join(args, " "), stderr, w)
		}
	}
	if out != "" {
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%s: %s was written", strings.Join(args, " "), out)
		}
		if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*")); len(left) > 0 {
			t.Errorf("%s: temporary files left: %v", strings.Join(args, " "), left)
		}
	}
}

// TestTooBigIsRefused: what would not fit in memory, or would take too
// long, is refused before anything runs, with the key that makes it big.
func TestTooBigIsRefused(t *testing.T) {
	huge := edited(t, "{from = 0, rate = 10}", "{from = 0, rate = 1e12}")
	big := edited(t, "{from = 0, rate = 10}", "{from = 0, rate = 1e7}")
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"check", huge}, []string{"edited.toml:54: origins.Home.inflow_schedule.0.rate", "engine holds at most 2,147,483,647"}},
		{[]string{"compare", huge, "--out", out}, []string{"edited.toml:54: origins.Home.inflow_schedule.0.rate", "migrants"}},
		{[]string{"check", big}, []string{"edited.toml:54: origins.Home.inflow_schedule.0.rate", "GiB of memory", "the limit is 8 GiB", "--max-memory"}},
		{[]string{"compare", big, "--out", out}, []string{"edited.toml:54", "the limit is 8 GiB"}},
		{[]string{"compare", small, "--out", out, "--max-memory", "10KiB"}, []string{"small.toml:54: origins.Home.inflow_schedule.0.rate", "the limit is 10 KiB"}},
		{[]string{"compare", small, "--out", out, "--max-work", "1000"}, []string{"agent-steps", "--max-work"}},
		{[]string{"run", small, "--out", out, "--reps", "1", "--max-work", "1"}, []string{"1 regime × --reps 1: 1 run would simulate"}},
		{[]string{"sweep", small, "--out", out, "--vary", "regimes.malfunctioning.outage_start=0:0.2:100000000"}, []string{"n must be a whole number from 1 to 1000000"}},
		{[]string{"sweep", small, "--out", out, "--vary", "regimes.malfunctioning.outage_start=0:0.2:1000000", "--vary", "days=1:100:100"}, []string{"--vary (100,000,000 points) × 5 regimes × --reps 2: 1,000,000,000 runs", "to keep track of", "the limit is 8 GiB"}},
		{[]string{"sweep", small, "--out", out, "--design", "lhs", "--samples", "2000000000", "--vary", "days=1:100"}, []string{"--samples 2000000000 × 5 regimes × --reps 2: 20,000,000,000 runs", "the limit is 8 GiB"}},
		{[]string{"claim", small, "--out", out, "--robustness", "--samples", "1000000000"}, []string{"--samples", "the limit is 8 GiB"}},
		{[]string{"compare", small, "--out", out, "--max-memory", "lots"}, []string{"--max-memory", "lots"}},
		{[]string{"compare", small, "--out", out, "--max-memory", "0.5"}, []string{"--max-memory", `"0.5"`}}, // 0 bytes: no limit at all
	}
	for _, tt := range tests {
		wantRefusal(t, exitUsage, out, tt.args, tt.want...)
	}
	t.Setenv("BORDERWORK_MAX_MEMORY", "10KiB")
	wantRefusal(t, exitUsage, out, []string{"compare", small, "--out", out}, "the limit is 10 KiB")
	if status, _, stderr := runCLI(t, "compare", small, "--out", out, "--reps", "1", "--days", "5", "--max-memory", "1GiB", "--formats", ""); status != 0 {
		t.Errorf("--max-memory raises the environment's limit: status %d, %s", status, stderr)
	}
	t.Setenv("BORDERWORK_MAX_MEMORY", "much")
	wantRefusal(t, exitUsage, "", []string{"check", small}, "BORDERWORK_MAX_MEMORY", "much")
}

// TestInputsWholeOrRefused: every input is used whole or refused: empty
// flag values, an override with more than one value, a file that breaks
// its rules under flags that would hide it.
func TestInputsWholeOrRefused(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	run := func(args ...string) []string {
		return append(args, "--reps", "2", "--days", "10")
	}
	tests := []struct {
		args []string
		want []string
	}{
		{run("compare", small, "--out", out, "--regimes", ""), []string{"--regimes is given an empty value"}},
		{run("compare", small, "--out", out, "--regimes", "open,,closed"), []string{"--regimes", "empty regime name"}},
		{run("compare", small, "--out", ""), []string{"--out is given an empty value"}},
		{run("run", small, "--out", out, "--regime", " "), []string{"--regime is given an empty value"}},
		{run("compare", small, "--out", out, "--set", ""), []string{"--set: want another value, got \"\""}},
		{run("sweep", small, "--out", out, "--vary", "days=1,2", "--shard", ""), []string{"--shard is given an empty value"}},
		{run("sweep", small, "--out", out, "--vary", "days=1,2", "--metric", ""), []string{"--metric is given an empty value"}},
		{run("compare", small, "--out", out, "--set", "title=\"a\"\n[regimes.x]\npatrol = 1"), []string{"--set", "exactly one TOML value"}},
		{run("compare", edited(t, "replicates = 2", "replicates = 0"), "--out", out), []string{"edited.toml:5: replicates: must be a count in [1, 1000000], got 0"}},
		{run("compare", edited(t, "days = 60", "days = 0"), "--out", out), []string{"edited.toml:4: days"}},
		{run("compare", edited(t, `name = "small"`, `name = ""`), "--out", out), []string{`edited.toml:2: name: must not be empty or only spaces, got ""`}},
		{run("compare", edited(t, "seed = 1", "Seed = 1"), "--out", out), []string{"edited.toml:3: Seed", "write seed"}},
		{run("compare", small, "--out", out, "--reps", "many"), []string{"--reps: want a whole number, got \"many\"", "usage: borderwork compare"}},
		{[]string{"plot", "--formats", "", "somewhere"}, []string{"--formats is given an empty value"}},
	}
	for _, tt := range tests {
		wantRefusal(t, exitUsage, out, tt.args, tt.want...)
	}
	// --formats '' means no figures, as documented.
	if status, _, stderr := runCLI(t, run("compare", small, "--out", out, "--formats", "")...); status != 0 {
		t.Errorf("--formats '': status %d, %s", status, stderr)
	}
}

// TestMergeExitStatus: a shard missing a table, or with one cut short, is
// bad input (status 2), named on one line; nothing is written.
func TestMergeExitStatus(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	mustRun(t, smallSweep(a, "--shard", "0/2")...)
	mustRun(t, smallSweep(b, "--shard", "1/2")...)
	out := filepath.Join(dir, "merged")
	ts := filepath.Join(b, "timeseries.csv")
	full, _ := os.ReadFile(ts)
	os.WriteFile(ts, full[:len(full)/3], 0o644)
	wantRefusal(t, exitUsage, out, []string{"merge", a, b, "--out", out}, filepath.Join("b", "timeseries.csv")+":", "differs")
	os.Remove(ts)
	wantRefusal(t, exitUsage, out, []string{"merge", a, b, "--out", out}, "timeseries.csv: is missing")
	wantRefusal(t, exitUsage, out, []string{"merge", a, filepath.Join(dir, "nowhere"), "--out", out}, filepath.Join(dir, "nowhere")+" does not exist")
	if _, _, stderr := runCLI(t, "merge", a, b, "--out", out); strings.Contains(stderr, "merge: merge:") {
		t.Errorf("the command is named twice: %s", stderr)
	}
	os.WriteFile(ts, full, 0o644)
	if status, stdout, stderr := runCLI(t, "merge", a, b, "--out", out); status != 0 || !strings.Contains(stdout, "Merged 2 shards, ") {
		t.Errorf("merge after the table is back: status %d: %s%s", status, stdout, stderr)
	}
	one := filepath.Join(dir, "one")
	mustRun(t, smallSweep(one, "--shard", "0/1")...)
	if stdout := mustRun(t, "merge", one, "--out", filepath.Join(dir, "merged1")); !strings.Contains(stdout, "Merged 1 shard, ") {
		t.Errorf("merge of one shard says %q; want \"Merged 1 shard, \"", stdout)
	}
}

// TestRerunKeepsFoldersAndNotes: at the command line, a rerun into a
// folder with the user's notes is refused, --force keeps the notes, and
// an edited copy of a bundled scenario gets a folder of its own.
func TestRerunKeepsFoldersAndNotes(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	src, err := os.ReadFile(filepath.Join(startDir, small))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("small.toml", src, 0o644)
	args := []string{"compare", "small.toml", "--reps", "2", "--days", "10", "--formats", ""}
	mustRun(t, args...)
	out := filepath.Join("out", "compare-small")
	os.WriteFile(filepath.Join(out, "analysis.R"), []byte("plot(x)"), 0o644)
	wantRefusal(t, exitUsage, "", args, "analysis.R", "--force")
	mustRun(t, append(args, "--force")...)
	if b, _ := os.ReadFile(filepath.Join(out, "analysis.R")); string(b) != "plot(x)" {
		t.Errorf("--force lost the user's file")
	}
	// An edited copy with the same name inside: its own folder.
	os.WriteFile("mine.toml", src, 0o644)
	mustRun(t, "compare", "mine.toml", "--reps", "2", "--days", "10", "--formats", "")
	if _, err := os.Stat(filepath.Join("out", "compare-mine", "manifest.json")); err != nil {
		t.Errorf("the edited copy did not get out/compare-mine: %v", err)
	}
	// A name with ../ inside the file never leads out of out/.
	os.WriteFile("escape.toml", []byte(strings.Replace(string(src), `name = "small"`, `name = "../../escaped"`, 1)), 0o644)
	mustRun(t, "compare", "escape.toml", "--reps", "2", "--days", "10", "--formats", "")
	if _, err := os.Stat(filepath.Join("out", "compare-escape", "manifest.json")); err != nil {
		t.Errorf("escape.toml did not write out/compare-escape: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "..", "escaped")); err == nil {
		t.Errorf("a name with ../ wrote outside the working folder")
	}
}

// startDir is the package folder, where testdata lives, before any Chdir.
var startDir, _ = os.Getwd()

// TestOneLineErrors: every error prints as one line, each part once (a
// full disk fails every table alike).
func TestOneLineErrors(t *testing.T) {
	t.Parallel()
	disk := errors.New("write out/x.csv: no space left on device")
	var stderr strings.Builder
	status := report(errors.Join(disk, disk, errors.New("write out/y.csv: no space left on device")), "compare", &stderr)
	if status != exitFailure {
		t.Errorf("status %d; want %d for a failure of the machine", status, exitFailure)
	}
	if got := stderr.String(); strings.Count(got, "\n") != 1 || strings.Count(got, "x.csv") != 1 {
		t.Errorf("report printed %q; want one line naming x.csv once", got)
	}
}

// TestInterruptedRerunSaysWhere: Ctrl-C during a rerun into a complete
// folder leaves it as it was and says where the finished runs are.
func TestInterruptedRerunSaysWhere(t *testing.T) {
	t.Parallel()
	out := smallCompare(t)
	before := map[string]string{}
	for _, f := range files(t, out) {
		b, _ := os.ReadFile(filepath.Join(out, f))
		before[f] = string(b)
	}
	status, _, stderr := runCLIInterrupted(t, 4, "compare", small, "--reps", "3", "--days", "40", "--out", out, "--workers", "2")
	if status != exitInterrupted || !strings.Contains(stderr, out+" is unchanged") || !strings.Contains(stderr, out+".partial") {
		t.Errorf("status %d, stderr %q; want %d and where the runs went", status, stderr, exitInterrupted)
	}
	for f, b := range before {
		if got, _ := os.ReadFile(filepath.Join(out, f)); string(got) != b {
			t.Errorf("%s changed", f)
		}
	}
	if got := files(t, out); len(got) != len(before) {
		t.Errorf("the folder now holds %v", got)
	}
}
