package experiment_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/foldertest"
)

// TestShardRefusesAnotherShardsFolder: a shard written to the --out of
// another shard (or of the whole sweep, or the whole sweep to a shard's)
// is refused before it runs, naming both, and the folder there stays as
// it was; --force replaces it, as it does another command's folder.
func TestShardRefusesAnotherShardsFolder(t *testing.T) {
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole")
	if _, err := experiment.Write(context.Background(), sweepPlan(t, 2), whole, experiment.Options{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	shards := shardsWith(t, dir, "s", 2, func(int) experiment.Options { return experiment.Options{} })
	tests := []struct {
		name  string
		shard int // -1: the whole sweep
		out   string
		want  string
	}{
		{"shard 1/2 over shard 0/2", 1, shards[0], "holds shard 0/2 of a sweep, not shard 1/2"},
		{"shard 0/2 over the whole sweep", 0, whole, "holds a whole sweep, not shard 0/2 of it"},
		{"the whole sweep over shard 1/2", -1, shards[1], "holds shard 1/2 of a sweep, not the whole sweep"},
	}
	for _, tt := range tests {
		x := sweepPlan(t, 2)
		o := experiment.Options{Workers: 2}
		if tt.shard >= 0 {
			jobs, err := x.Shard(tt.shard, 2)
			if err != nil {
				t.Fatal(err)
			}
			o.Jobs = jobs
		}
		before := foldertest.Files(t, tt.out)
		_, err := experiment.Write(context.Background(), x, tt.out, o)
		if !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "--force") {
			t.Errorf("%s: Write = %v; want a refusal saying %q and offering --force", tt.name, err, tt.want)
		}
		foldertest.Same(t, tt.name, tt.out, before)
		noLeftovers(t, tt.out)
		o.Force = true
		if _, err := experiment.Write(context.Background(), x, tt.out, o); err != nil {
			t.Errorf("%s, with --force: %v", tt.name, err)
		}
	}
}

// TestShardCommitChecksAgain: two shards given the same --out at once (a
// job script with a wrong --out): the one that ends second does not
// replace the first's complete folder, which appeared while it ran. The
// check before the swap refuses it, naming both shards and where its own
// runs are kept; the first shard's folder stays as it was.
func TestShardCommitChecksAgain(t *testing.T) {
	dir := t.TempDir()
	first := shardsWith(t, dir, "first", 2, func(int) experiment.Options { return experiment.Options{} })[0]
	want := foldertest.Files(t, first)
	out := filepath.Join(dir, "d")

	x := sweepPlan(t, 2)
	jobs, err := x.Shard(1, 2)
	if err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	var moved error
	o := experiment.Options{Workers: 1, Jobs: jobs, Progress: func(done int) {
		// Shard 0/2 finishes into out while shard 1/2 runs.
		once.Do(func() { moved = os.Rename(first, out) })
	}}
	// As sweep --resume does: nothing at out yet, so it starts afresh.
	r, err := experiment.Resumable(context.Background(), out, x, jobs)
	if err != nil || r.From != "" || r.Complete {
		t.Fatalf("Resumable(absent) = %+v, %v; want a fresh start", r, err)
	}
	_, err = experiment.Write(context.Background(), x, out, o)
	if moved != nil {
		t.Fatal(moved)
	}
	if !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), "holds shard 0/2 of a sweep, not shard 1/2") {
		t.Fatalf("Write of shard 1/2 over shard 0/2 that appeared meanwhile = %v; want a refusal naming both shards", err)
	}
	foldertest.Same(t, "shard 0/2, put in place while shard 1/2 ran", out, want)
	kept, _ := filepath.Glob(filepath.Join(dir, ".d.tmp-*"))
	if len(kept) != 1 || !strings.Contains(err.Error(), "kept at "+kept[0]) {
		t.Errorf("shard 1/2's runs: kept in %v; the error says %q", kept, err)
	}
}
