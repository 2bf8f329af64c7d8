package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/internal/manifestedit"
	"github.com/borderwork/borderwork/output"
)

// TestMergeNotesShardsOfOtherBuilds: shards written by different builds
// of one version (another commit) merge, with a note naming each build,
// since the merged folder records only the build that merged them;
// shards of one build get no note. The shards draw no figures (--formats
// ""): the merged report.md quotes that, as its manifest's command line
// does, and the merged folder reproduces (the report once left it out,
// and no such merged folder reproduced).
func TestMergeNotesShardsOfOtherBuilds(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var shards []string
	for _, shard := range []string{"0/2", "1/2"} {
		s := filepath.Join(dir, "shard"+shard[:1])
		mustRun(t, smallSweep(s, "--shard", shard, "--quiet", "--formats", "")...)
		shards = append(shards, s)
	}
	same := filepath.Join(dir, "same")
	status, _, stderr := runCLI(t, append([]string{"merge", "--out", same}, shards...)...)
	if status != 0 || strings.Contains(stderr, "different builds") {
		t.Errorf("merge of shards of one build: status %d, stderr %q; want 0 and no note", status, stderr)
	}
	if report, err := os.ReadFile(filepath.Join(same, "report.md")); err != nil || !strings.Contains(string(report), "--formats ''`") {
		t.Errorf("the merged report.md does not quote --formats '' (%v):\n%s", err, report)
	}
	if status, stdout, stderr := runCLI(t, "reproduce", same); status != 0 || !strings.Contains(stdout, "report.md reproduced byte for byte") {
		t.Errorf("reproduce of the merged folder: status %d:\n%s%s", status, stdout, stderr)
	}
	manifestedit.Edit(t, shards[1], func(m map[string]any) { m["commit"] = "0123abcd" })
	status, _, stderr = runCLI(t, append([]string{"merge", "--out", filepath.Join(dir, "other")}, shards...)...)
	if want := "0123abcd in " + shards[1]; status != 0 || !strings.Contains(stderr, "note: the shards were written by different builds of borderwork") || !strings.Contains(stderr, want) {
		t.Errorf("merge of shards of two builds: status %d, stderr %q; want 0 and a note naming %q", status, stderr, want)
	}
}

// TestMergeIsTheSameInAnyOrder: the merged folder does not depend on the
// order the shards are given in, where they name the scenario by other
// paths (one run from another folder) and were written by other builds:
// it records shard 0's path and the build of the binary that merged
// them. It once recorded the first shard given, build and all, in its
// manifest and report.md.
func TestMergeIsTheSameInAnyOrder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	abs, err := filepath.Abs(small)
	if err != nil {
		t.Fatal(err)
	}
	s0, s1 := filepath.Join(dir, "shard0"), filepath.Join(dir, "shard1")
	mustRun(t, smallSweep(s0, "--shard", "0/2", "--quiet", "--formats", "")...)
	args := smallSweep(s1, "--shard", "1/2", "--quiet", "--formats", "")
	args[1] = abs
	mustRun(t, args...)
	manifestedit.Edit(t, s1, func(m map[string]any) { m["commit"] = "0123abcd" })
	given, reversed := filepath.Join(dir, "given"), filepath.Join(dir, "reversed")
	mustRun(t, "merge", "--out", given, s0, s1)
	mustRun(t, "merge", "--out", reversed, s1, s0)
	sameFolders(t, given, reversed)
	m, err := output.ReadManifest(reversed)
	if err != nil {
		t.Fatal(err)
	}
	if m.Commit != output.BuildCommit() || m.ScenarioArg != small {
		t.Errorf("merged folder records commit %q and scenario %q; want this binary's, %q, and shard 0's, %q", m.Commit, m.ScenarioArg, output.BuildCommit(), small)
	}
}

// TestResumeNotesRunsOfAnotherBuild: --resume completing runs written by
// another build of one version (another commit: a git pull between two
// submissions of a Slurm array) says so, as merge does of shards, since
// the completed folder records only this binary's build; runs of this
// build get no note.
func TestResumeNotesRunsOfAnotherBuild(t *testing.T) {
	t.Parallel()
	for _, other := range []bool{false, true} {
		out := filepath.Join(t.TempDir(), "sweep")
		if status, _, stderr := runCLIInterrupted(t, 3, smallSweep(out, "--formats", "", "--workers", "2")...); status != exitInterrupted {
			t.Fatalf("sweep: status %d; want it interrupted\n%s", status, stderr)
		}
		if other {
			manifestedit.Edit(t, out, func(m map[string]any) { m["commit"] = "0123abcd" })
		}
		status, _, stderr := runCLI(t, smallSweep(out, "--formats", "", "--resume", "--quiet")...)
		noted := strings.Contains(stderr, "note: the runs "+out+" holds were written by another build of borderwork (0123abcd; this binary is "+output.BuildCommit())
		if status != 0 || noted != other || strings.Contains(stderr, "another build") != other {
			t.Errorf("--resume of runs of another build %v: status %d, stderr %q; want 0, and a note %v", other, status, stderr, other)
		}
	}
}
