package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/internal/manifestedit"
)

// TestMergeNotesShardsOfOtherBuilds: shards written by different builds
// of one version (another commit) merge, with a note naming each build,
// since the merged folder records only the build that merged them;
// shards of one build get no note.
func TestMergeNotesShardsOfOtherBuilds(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var shards []string
	for _, shard := range []string{"0/2", "1/2"} {
		s := filepath.Join(dir, "shard"+shard[:1])
		mustRun(t, smallSweep(s, "--shard", shard, "--quiet", "--formats", "")...)
		shards = append(shards, s)
	}
	status, _, stderr := runCLI(t, append([]string{"merge", "--out", filepath.Join(dir, "same")}, shards...)...)
	if status != 0 || strings.Contains(stderr, "different builds") {
		t.Errorf("merge of shards of one build: status %d, stderr %q; want 0 and no note", status, stderr)
	}
	manifestedit.Edit(t, shards[1], func(m map[string]any) { m["commit"] = "0123abcd" })
	status, _, stderr = runCLI(t, append([]string{"merge", "--out", filepath.Join(dir, "other")}, shards...)...)
	if want := "0123abcd in " + shards[1]; status != 0 || !strings.Contains(stderr, "note: the shards were written by different builds of borderwork") || !strings.Contains(stderr, want) {
		t.Errorf("merge of shards of two builds: status %d, stderr %q; want 0 and a note naming %q", status, stderr, want)
	}
}
