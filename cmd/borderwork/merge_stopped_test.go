package main

import (
	"context"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/borderwork/borderwork/internal/foldertest"
)

// stopAt is a context that Ctrl-C ends at the n-th time it is asked
// whether it has ended (Err): a way to stop a command at each of the
// points where it looks, in turn.
type stopAt struct {
	context.Context
	cancel context.CancelFunc
	left   atomic.Int64
	asked  atomic.Int64
}

func newStopAt(n int64) *stopAt {
	ctx, cancel := context.WithCancel(context.Background())
	c := &stopAt{Context: ctx, cancel: cancel}
	c.left.Store(n)
	return c
}

func (c *stopAt) Err() error {
	c.asked.Add(1)
	if c.left.Add(-1) == 0 {
		c.cancel()
	}
	return c.Context.Err()
}

// TestMergeStoppedAnywhereSaysNothingWasMerged: merge over an earlier
// merged folder, stopped wherever it looks whether to stop (checking the
// shards, merging the tables, drawing the figures), exits 130 saying
// that nothing was merged, and leaves the folder and what is beside it as
// they were.
func TestMergeStoppedAnywhereSaysNothingWasMerged(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a, b, merged := filepath.Join(dir, "a"), filepath.Join(dir, "b"), filepath.Join(dir, "merged")
	mustRun(t, smallSweep(a, "--shard", "0/2", "--formats", "svg")...)
	mustRun(t, smallSweep(b, "--shard", "1/2", "--formats", "svg")...)
	mustRun(t, "merge", a, b, "--out", merged)
	before := foldertest.Files(t, merged)
	args := []string{"merge", a, b, "--out", merged}
	whole := newStopAt(-1)
	if status, _, stderr := runCLIContext(whole, t, args...); status != 0 {
		t.Fatalf("merge: status %d (%s)", status, stderr)
	}
	t.Logf("asked %d times", whole.asked.Load())
	for n := int64(1); n <= whole.asked.Load(); n++ {
		status, _, stderr := runCLIContext(newStopAt(n), t, args...)
		if status == 0 {
			continue
		}
		if status != exitInterrupted || !strings.HasSuffix(stderr, ": nothing was merged\n") || strings.Count(stderr, "\n") != 1 {
			t.Errorf("stopped at the %dth look: status %d, stderr %q; want %d and one line ending %q", n, status, stderr, exitInterrupted, ": nothing was merged")
		}
		foldertest.Same(t, "a merged folder after a merge stopped", merged, before)
		onlyEntries(t, dir, "a", "b", "merged")
	}
}
