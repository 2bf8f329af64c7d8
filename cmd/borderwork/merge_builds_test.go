package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/internal/manifestedit"
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
