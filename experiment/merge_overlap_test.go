package experiment_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/borderwork/borderwork/experiment"
)

// TestMergeRefusesARunInTwoShardsWhicheverIsFirst: a run held by two of
// the folders given is refused whichever folders they are, the first
// given included (the first shard is number 0 in Merge's bookkeeping,
// which a test of "is any shard there yet" must not mistake for none).
func TestMergeRefusesARunInTwoShardsWhicheverIsFirst(t *testing.T) {
	dir := t.TempDir()
	dirs := shardsWith(t, dir, "s", 2, func(int) experiment.Options { return experiment.Options{} })
	copied := filepath.Join(dir, "copy-of-s0")
	if err := os.CopyFS(copied, os.DirFS(dirs[0])); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "merged")
	for _, given := range [][]string{
		{dirs[0], copied, dirs[1]},
		{dirs[0], dirs[1], copied},
		{copied, dirs[1], dirs[0]},
	} {
		refusedMerge(t, given, out, experiment.MergeOptions{}, "run 0 is in both "+given[0]+" and ", "merge each shard once")
		if _, err := os.Stat(out); err == nil {
			t.Fatalf("Merge of %v wrote %s", given, out)
		}
	}
}
