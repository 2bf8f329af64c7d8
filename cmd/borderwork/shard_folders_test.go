package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestShardOverAnotherShardIsRefused: a shard written to the --out of
// another shard's complete folder (a job script's wrong --out) is refused
// without --force, naming both shards, and the folder there stays as it
// was; the same for a whole sweep over a shard and a shard over a whole
// sweep. Rerunning the same shard into its own folder is allowed, as
// before, and --force replaces another shard's.
func TestShardOverAnotherShardIsRefused(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	small := filepath.Join(startDir, small)
	sweep := func(out string, extra ...string) []string {
		return append([]string{"sweep", small, "--days", "20", "--reps", "1", "--regimes", "closed",
			"--vary", "posts.Gate.capacity=5,25", "--formats", "", "--quiet", "--out", out}, extra...)
	}
	mustRun(t, sweep("a0", "--shard", "0/2")...)
	mustRun(t, sweep("whole")...)
	tests := []struct {
		name string
		args []string
		out  string
		want string
	}{
		{"shard 1/2 over shard 0/2", sweep("a0", "--shard", "1/2"), "a0", "--out: a0 holds shard 0/2 of a sweep, not shard 1/2; choose another --out, or give --force"},
		{"shard 1/2 over shard 0/2, --resume", sweep("a0", "--shard", "1/2", "--resume"), "a0", "a0 holds shard 0/2 of the sweep, not shard 1/2"},
		{"the whole sweep over shard 0/2", sweep("a0"), "a0", "--out: a0 holds shard 0/2 of a sweep, not the whole sweep"},
		{"shard 0/2 over the whole sweep", sweep("whole", "--shard", "0/2"), "whole", "--out: whole holds a whole sweep, not shard 0/2 of it"},
	}
	for _, tt := range tests {
		before := snapshotCLI(t, tt.out)
		wantRefusal(t, exitUsage, "", tt.args, tt.want)
		if after := snapshotCLI(t, tt.out); after != before {
			t.Errorf("%s: %s changed", tt.name, tt.out)
		}
		if left, _ := filepath.Glob(".*"); len(left) > 0 {
			t.Errorf("%s: left %v", tt.name, left)
		}
	}
	mustRun(t, sweep("a0", "--shard", "0/2")...) // its own folder again
	mustRun(t, sweep("a0", "--shard", "1/2", "--force")...)
	if b, _ := os.ReadFile(filepath.Join("a0", "manifest.json")); !strings.Contains(string(b), `"shard": "1/2"`) {
		t.Errorf("--force did not replace shard 0/2 with shard 1/2")
	}
}

// snapshotCLI is every file under dir with its bytes, as one string.
func snapshotCLI(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		b.WriteString(p + "\n" + string(data) + "\n")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestSweepNamesLeftovers: a shard killed outright (SIGKILL, out of
// memory) leaves its runs in a hidden .DIR.tmp-* beside DIR that nothing
// reads. The sweep that then writes DIR (with --resume, as a Slurm task
// runs again, or without), and --resume finding DIR complete, name it on
// standard error and leave it as it is; a hidden folder of another
// folder's name is not named.
func TestSweepNamesLeftovers(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	small := filepath.Join(startDir, small)
	args := []string{"sweep", small, "--days", "20", "--reps", "1", "--regimes", "closed",
		"--vary", "posts.Gate.capacity=5,25", "--formats", "", "--quiet", "--shard", "1/2", "--out", "sh1"}
	killed := filepath.Join(".sh1.tmp-1312052545")
	os.Mkdir(killed, 0o700)
	os.WriteFile(filepath.Join(killed, "timeseries.csv"), []byte("run,day\n1,0\n"), 0o644)
	os.Mkdir(".sh10.tmp-99", 0o700) // sh10's, not sh1's
	note := "left beside sh1, and not used: " + killed + ", a hidden folder that a command killed outright"
	for _, run := range [][]string{append(args, "--resume"), append(args, "--resume"), args} {
		status, _, stderr := runCLI(t, run...)
		if status != 0 {
			t.Fatalf("%s: status %d: %s", strings.Join(run, " "), status, stderr)
		}
		if !strings.Contains(stderr, note) || strings.Contains(stderr, ".sh10.") {
			t.Errorf("%s: stderr %q; want it to name %s (only)", strings.Join(run, " "), stderr, killed)
		}
		if b, err := os.ReadFile(filepath.Join(killed, "timeseries.csv")); err != nil || string(b) != "run,day\n1,0\n" {
			t.Errorf("%s: the leftover changed or vanished: %q, %v", strings.Join(run, " "), b, err)
		}
	}
	os.RemoveAll(killed)
	if _, _, stderr := runCLI(t, append(args, "--resume")...); strings.Contains(stderr, "left beside") {
		t.Errorf("with no leftover, stderr says %q", stderr)
	}
}

// TestMergeNamesLeftovers: a merge killed outright (out of memory, a node
// failure) leaves the tables it had merged in a hidden .DIR.tmp-* beside
// DIR, as large as the sweep's, that nothing reads. The merge that then
// writes DIR names it on standard error, with --json too, and leaves it
// as it is; a hidden folder of another folder's name is not named.
func TestMergeNamesLeftovers(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	small := filepath.Join(startDir, small)
	var shards []string
	for i := range 2 {
		sh := fmt.Sprintf("sh%d", i)
		mustRun(t, "sweep", small, "--days", "20", "--reps", "1", "--regimes", "closed",
			"--vary", "posts.Gate.capacity=5,25", "--formats", "", "--quiet", "--shard", fmt.Sprintf("%d/2", i), "--out", sh)
		shards = append(shards, sh)
	}
	killed := ".merged.tmp-1312052545"
	os.Mkdir(killed, 0o700)
	os.WriteFile(filepath.Join(killed, "timeseries.csv"), []byte("run,day\n1,0\n"), 0o644)
	os.Mkdir(".merged2.tmp-99", 0o700) // merged2's, not merged's
	note := "borderwork merge: left beside merged, and not used: " + killed + ", a hidden folder that a command killed outright (SIGKILL, out of memory, a node failure) leaves behind with the tables it had merged so far"
	for _, run := range [][]string{
		append([]string{"merge", "--out", "merged"}, shards...),
		append([]string{"merge", "--out", "merged"}, shards...), // over its own earlier folder
		append([]string{"merge", "--json", "--out", "merged"}, shards...),
	} {
		status, _, stderr := runCLI(t, run...)
		if status != 0 {
			t.Fatalf("%s: status %d: %s", strings.Join(run, " "), status, stderr)
		}
		if !strings.Contains(stderr, note) || strings.Contains(stderr, ".merged2.") {
			t.Errorf("%s: stderr %q; want it to name %s (only)", strings.Join(run, " "), stderr, killed)
		}
		if b, err := os.ReadFile(filepath.Join(killed, "timeseries.csv")); err != nil || string(b) != "run,day\n1,0\n" {
			t.Errorf("%s: the leftover changed or vanished: %q, %v", strings.Join(run, " "), b, err)
		}
	}
	os.RemoveAll(killed)
	if _, _, stderr := runCLI(t, append([]string{"merge", "--out", "merged"}, shards...)...); strings.Contains(stderr, "left beside") {
		t.Errorf("with no leftover, stderr says %q", stderr)
	}
}

// TestMergeAndResumeMessages: what merge and sweep --resume say of the
// shards they refuse names the problem and the fix that works: a folder
// given twice, however spelt; an incomplete shard with the command that
// completes it (which does); shards of edited scenarios with the first
// line of scenario.toml that differs; and --resume on another sweep's
// complete folder, which has nothing to complete, with a fresh folder.
func TestMergeAndResumeMessages(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	small := filepath.Join(startDir, small)
	sweep := func(out string, extra ...string) []string {
		return append([]string{"sweep", small, "--days", "20", "--reps", "2", "--regimes", "closed",
			"--vary", "posts.Gate.capacity=5,25", "--formats", "", "--quiet", "--workers", "1", "--out", out}, extra...)
	}
	mustRun(t, sweep("s0", "--shard", "0/2")...)
	mustRun(t, sweep("s1", "--shard", "1/2")...)
	if status, _, stderr := runCLIInterrupted(t, 1, sweep("inc", "--shard", "1/2")...); status != exitInterrupted {
		t.Fatalf("interrupted shard: status %d: %s", status, stderr)
	}
	mustRun(t, sweep("e1", "--shard", "1/2", "--set", "migrants.patience_days=9")...)
	mustRun(t, sweep("c", "--reps", "1")...)

	tests := []struct {
		name string
		args []string
		out  string
		want []string
	}{
		{"the same folder twice", []string{"merge", "--out", "m", "s0", "s1", "./s0"}, "m",
			[]string{"s0 and ./s0 are the same folder, given twice; merge each shard once"}},
		{"an incomplete shard", []string{"merge", "--out", "m", "s0", "inc"}, "m",
			[]string{"inc is incomplete; first finish it with: borderwork sweep --resume --out inc"}},
		{"an edited scenario", []string{"merge", "--out", "m", "s0", "e1"}, "m",
			[]string{"s0 and e1 come from different scenarios (" + filepath.Join("s0", "scenario.toml") + ":", "`patience_days = 9`"}},
		{"--resume on another sweep's complete folder", sweep("c", "--resume"), "",
			[]string{"--resume: c was written by a different sweep and is complete", "run this sweep into a fresh --out folder; it was written by: borderwork sweep ", "--reps 1 "}},
	}
	for _, tt := range tests {
		before := snapshotCLI(t, "c")
		wantRefusal(t, exitUsage, tt.out, tt.args, tt.want...)
		if after := snapshotCLI(t, "c"); after != before {
			t.Errorf("%s: c changed", tt.name)
		}
	}
	// The scenario line named is where the files differ.
	_, _, stderr := runCLI(t, "merge", "--out", "m", "s0", "e1")
	var file string
	var line int
	if i := strings.Index(stderr, "("); i < 0 || func() error {
		_, err := fmt.Sscanf(strings.ReplaceAll(stderr[i+1:], ":", " "), "%s %d", &file, &line)
		return err
	}() != nil {
		t.Fatalf("no file:line in %q", stderr)
	}
	a, _ := os.ReadFile(filepath.Join("s0", "scenario.toml"))
	b, _ := os.ReadFile(filepath.Join("e1", "scenario.toml"))
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < line-1; i++ {
		if la[i] != lb[i] {
			t.Fatalf("scenario.toml differs at line %d, before the line %d named", i+1, line)
		}
	}
	if la[line-1] == lb[line-1] {
		t.Errorf("line %d named is the same in both", line)
	}
	// The command the message quotes completes the shard, and it merges.
	mustRun(t, "sweep", "--resume", "--out", "inc", "--quiet")
	mustRun(t, "merge", "--out", "m", "s0", "inc")
}
