package experiment_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/foldertest"
	"github.com/borderwork/borderwork/internal/manifestedit"
	"github.com/borderwork/borderwork/sim"
)

// setModelVersion records v as the folder's model_version; 0 removes it,
// as in a folder written before the version was recorded (version 1).
func setModelVersion(t *testing.T, dir string, v int) {
	t.Helper()
	manifestedit.Edit(t, dir, func(m map[string]any) {
		if v == 0 {
			delete(m, "model_version")
			return
		}
		m["model_version"] = v
	})
}

// otherVersions are model versions other than this binary's, as a folder
// records them (0: none recorded, which is version 1), with the version
// named in the message.
func otherVersions() map[string][2]int {
	return map[string][2]int{
		"older":     {sim.ModelVersion - 1, sim.ModelVersion - 1},
		"newer":     {sim.ModelVersion + 1, sim.ModelVersion + 1},
		"none (v1)": {0, 1},
	}
}

// TestResumeRefusesAnotherModelVersion: an interrupted folder written by
// an engine of another model version is not completed with this one's
// runs (one table would hold two models' results, labelled as this
// one's), whether it is at out or beside it, and whether the plan comes
// from the caller (Resumable) or the folder (ResumePlan): refused, naming
// both versions, nothing written.
func TestResumeRefusesAnotherModelVersion(t *testing.T) {
	x := sweepPlan(t, 2)
	for name, v := range otherVersions() {
		for _, where := range []string{"out", "beside"} {
			t.Run(name+" "+where, func(t *testing.T) {
				out := filepath.Join(t.TempDir(), "out")
				dir := out
				if where == "beside" {
					if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2}); err != nil {
						t.Fatal(err)
					}
					dir = experiment.PartialPath(out)
				}
				ctx, progress := interruptAfter(3)
				if res, err := experiment.Write(ctx, x, out, experiment.Options{Workers: 2, Progress: progress}); !errors.Is(err, runs.ErrInterrupted) || res.Dir != dir {
					t.Fatalf("Write = %+v, %v; want it interrupted, its runs at %s", res, err, dir)
				}
				setModelVersion(t, dir, v[0])
				before, beside := foldertest.Files(t, out), foldertest.Files(t, dir)
				want := []string{dir + " holds runs of model version " + fmt.Sprint(v[1]), fmt.Sprintf("engine is model version %d", sim.ModelVersion), "run it again whole, into a fresh folder"}
				_, err := experiment.Resumable(context.Background(), out, x, x.AllJobs())
				wantRefused(t, "Resumable", err, want)
				_, _, err = experiment.ResumePlan(context.Background(), out)
				wantRefused(t, "ResumePlan", err, want)
				foldertest.Same(t, "out", out, before)
				foldertest.Same(t, "the interrupted folder", dir, beside)
			})
		}
	}
}

func wantRefused(t *testing.T, what string, err error, want []string) {
	t.Helper()
	if !errors.Is(err, runs.ErrBadInput) {
		t.Fatalf("%s = %v; want a bad-input error", what, err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("%s = %q; want it to say %q", what, err, w)
		}
	}
}

// TestMergeRefusesAnotherModelVersion: shards of different model
// versions are not merged (the merged folder took the first's version),
// nor shards of one version other than this binary's; the message names
// the shards and versions, and nothing is written.
func TestMergeRefusesAnotherModelVersion(t *testing.T) {
	for name, v := range otherVersions() {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			dirs := shardsWith(t, dir, "shard", 2, func(int) experiment.Options { return experiment.Options{} })
			out := filepath.Join(dir, "merged")
			setModelVersion(t, dirs[0], v[0])
			differ := fmt.Sprintf("different model versions (%d; %d)", v[1], sim.ModelVersion)
			refusedMerge(t, dirs, out, experiment.MergeOptions{}, dirs[0], dirs[1], differ)
			// Given the other way, named the same way: in shard order.
			refusedMerge(t, []string{dirs[1], dirs[0]}, out, experiment.MergeOptions{}, dirs[0]+" and "+dirs[1], differ)
			setModelVersion(t, dirs[1], v[0])
			refusedMerge(t, dirs, out, experiment.MergeOptions{}, dirs[0], fmt.Sprintf("holds runs of model version %d; this binary's engine is model version %d", v[1], sim.ModelVersion))
			if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a refused merge left %s (%v)", out, err)
			}
		})
	}
}
