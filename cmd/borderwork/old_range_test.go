package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/internal/manifestedit"
)

// TestMergeShardsRecordingAnOldRange: a folder an earlier borderwork wrote
// may record --vary KEY=a:b:1 with b other than a (the one value a),
// which a command line is now refused; its shards still merge, rather
// than being called a changed manifest.
func TestMergeShardsRecordingAnOldRange(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	const now, then = "posts.Gate.capacity=5:5:1", "posts.Gate.capacity=5:9:1"
	var shards []string
	for _, shard := range []string{"0/2", "1/2"} {
		s := filepath.Join(dir, "shard"+shard[:1])
		mustRun(t, "sweep", small, "--days", "20", "--reps", "2", "--regimes", "malfunctioning,closed",
			"--vary", now, "--vary", "regimes.malfunctioning.outage_start=0.05,0.2", "--shard", shard, "--formats", "", "--quiet", "--out", s)
		// As the earlier borderwork recorded it.
		manifestedit.Edit(t, s, func(m map[string]any) {
			m["command_line"] = strings.Replace(m["command_line"].(string), now, then, 1)
			vary := m["sweep"].(map[string]any)["vary"].([]any)
			vary[0] = then
		})
		shards = append(shards, s)
	}
	mustRun(t, append([]string{"merge", "--out", filepath.Join(dir, "merged")}, shards...)...)
}
