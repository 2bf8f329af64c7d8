package experiment_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/foldertest"
)

// unroundedPlan is a sweep over regimes.malfunctioning.outage_start=0:0.3:4
// as an earlier borderwork, which did not round a:b:n grids, planned it:
// 0.09999999999999999 for 0.1, 0.19999999999999998 for 0.2.
func unroundedPlan(t *testing.T) *experiment.Prepared {
	t.Helper()
	p, err := experiment.NewSweep(classroom(t, 1, 30), "classroom", []string{"closed", "malfunctioning"}, experiment.SweepSpec{
		Vary: []string{"regimes.malfunctioning.outage_start=0:0.3:4"},
	})
	if err != nil {
		t.Fatal(err)
	}
	old := [][]float64{{0}, {0.09999999999999999}, {0.19999999999999998}, {0.3}}
	if len(p.Points) != len(old) || p.Points[1][0] != 0.1 {
		t.Fatalf("the sweep's points = %v; want 0, 0.1, 0.2, 0.3", p.Points)
	}
	p.Points, p.Sweep.Points = old, old
	x, err := p.Prepare()
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// TestFolderOfUnroundedGridRefused: a sweep folder an earlier borderwork
// wrote with unrounded a:b:n values (0.09999999999999999 for 0.1) is not
// completed by --resume nor merged with this version's runs, which hold
// 0.1 (a table would hold the key both ways, and a filter on it would find
// half the runs): refused, naming the key, both values and why, nothing
// written. reproduce and plot, which take the points the folder records,
// still reproduce and draw it.
func TestFolderOfUnroundedGridRefused(t *testing.T) {
	want := []string{"regimes.malfunctioning.outage_start's value 0.09999999999999999 is 0.1", "12 significant figures"}

	t.Run("resume", func(t *testing.T) {
		x := unroundedPlan(t)
		out := filepath.Join(t.TempDir(), "out")
		ctx, progress := interruptAfter(3)
		if _, err := experiment.Write(ctx, x, out, experiment.Options{Workers: 2, Progress: progress}); !errors.Is(err, runs.ErrInterrupted) {
			t.Fatalf("Write = %v; want it interrupted", err)
		}
		before := foldertest.Files(t, out)
		_, _, err := experiment.ResumePlan(context.Background(), out)
		wantRefused(t, "ResumePlan", err, append(want, "fresh folder"))
		// The whole command given again, as this version plans it.
		now := prepareSweep(t, classroom(t, 1, 30), []string{"closed", "malfunctioning"}, experiment.SweepSpec{
			Vary: []string{"regimes.malfunctioning.outage_start=0:0.3:4"},
		})
		_, err = experiment.Resumable(context.Background(), out, now, now.AllJobs())
		wantRefused(t, "Resumable", err, append(want, "fresh folder"))
		foldertest.Same(t, "the interrupted folder", out, before)
	})

	t.Run("merge", func(t *testing.T) {
		x := unroundedPlan(t)
		dir := t.TempDir()
		var dirs []string
		for i := range 2 {
			jobs, err := x.Shard(i, 2)
			if err != nil {
				t.Fatal(err)
			}
			d := filepath.Join(dir, "shard"+string(rune('0'+i)))
			if _, err := experiment.Write(context.Background(), x, d, experiment.Options{Workers: 2, Jobs: jobs}); err != nil {
				t.Fatal(err)
			}
			dirs = append(dirs, d)
		}
		refusedMerge(t, dirs, filepath.Join(dir, "merged"), experiment.MergeOptions{}, want...)
	})

	t.Run("reproduce and plot", func(t *testing.T) {
		x := unroundedPlan(t)
		out := filepath.Join(t.TempDir(), "out")
		if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2, Formats: []string{"svg"}}); err != nil {
			t.Fatal(err)
		}
		rep, err := experiment.Reproduce(context.Background(), out, 2)
		if err != nil || len(rep.Problems) > 0 {
			t.Errorf("Reproduce = %+v, %v; want it reproduced", rep, err)
		}
		if _, err := experiment.Redraw(out, []string{"svg"}, experiment.FigureChange{}); err != nil {
			t.Errorf("Redraw = %v; want the folder drawn", err)
		}
	})
}
