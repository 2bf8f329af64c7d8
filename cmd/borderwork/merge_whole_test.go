package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestMergeRefusesAWholeSweep: 'merge DIR' of a sweep folder that is not
// a shard is refused with status 2 on one line naming it, and writes
// nothing, not even the default out/sweep-STEM.
func TestMergeRefusesAWholeSweep(t *testing.T) {
	whole := filepath.Join(t.TempDir(), "whole")
	mustRun(t, smallSweep(whole, "--formats", "")...)
	t.Chdir(t.TempDir())
	wantRefusal(t, exitUsage, filepath.Join("out", "sweep-small"), []string{"merge", whole}, whole+" holds a whole sweep folder, not a shard")
	if _, err := os.Stat("out"); !os.IsNotExist(err) {
		t.Errorf("a refused merge created out/")
	}
}
