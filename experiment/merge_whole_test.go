package experiment_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/foldertest"
)

// TestMergeRefusesWholeFolders: merging a folder that is not a shard
// (alone, or among shards) is refused as bad input naming it; nothing is
// written, not even at the default --out.
func TestMergeRefusesWholeFolders(t *testing.T) {
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole")
	if _, err := experiment.Write(context.Background(), sweepPlan(t, 2), whole, experiment.Options{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	parts := shards(t, func() *experiment.Prepared { return sweepPlan(t, 2) }, dir, 2)
	for _, c := range []struct {
		name string
		dirs []string
	}{
		{"alone", []string{whole}},
		{"among shards", []string{parts[0], whole, parts[1]}},
	} {
		t.Run(c.name, func(t *testing.T) {
			work := t.TempDir()
			t.Chdir(work)
			before := foldertest.Files(t, whole)
			_, err := experiment.Merge(context.Background(), c.dirs, "", experiment.MergeOptions{})
			if !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), whole+" holds a whole sweep folder, not a shard") {
				t.Errorf("Merge = %v; want a bad-input error saying %s is not a shard", err, whole)
			}
			if entries, _ := os.ReadDir(work); len(entries) > 0 {
				t.Errorf("a refused merge wrote %v", entries)
			}
			foldertest.Same(t, "a whole folder refused by merge", whole, before)
		})
	}
}
