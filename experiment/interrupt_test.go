package experiment_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/foldertest"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/sim"
)

// cancelled is a context that has already ended, as after Ctrl-C.
func cancelled() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}

// TestInterruptedWhileWriting: a rerun into a complete folder whose runs
// all finished, interrupted before its results are written, leaves the
// earlier folder byte-identical and keeps its runs beside it, incomplete
// and holding only what its manifest lists, so that a resume completes
// it into the folder an uninterrupted command writes.
func TestInterruptedWhileWriting(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	x := comparePlan(t, classroom(t, 2, 30))
	if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2, Formats: []string{"svg"}}); err != nil {
		t.Fatal(err)
	}
	before := foldertest.Files(t, out)
	ctx, progress := interruptAfter(x.NRuns()) // every run finishes first
	res, err := experiment.Write(ctx, x, out, experiment.Options{Workers: 2, Formats: []string{"svg"}, Progress: progress})
	if !errors.Is(err, runs.ErrInterrupted) {
		t.Fatalf("Write = %v; want it interrupted", err)
	}
	foldertest.Same(t, "the complete folder after a rerun interrupted while writing", out, before)
	partial := experiment.PartialPath(out)
	if res == nil || res.Dir != partial || res.Complete {
		t.Fatalf("outcome %+v; want an incomplete folder at %s", res, partial)
	}
	m, err := output.ReadManifest(partial)
	if err != nil || m.Complete || len(m.Runs) != x.NRuns() || len(m.Figures) != 0 || m.Report != nil {
		t.Fatalf("the partial folder: %v, %+v; want an incomplete folder of all %d runs, no figures, no report", err, m, x.NRuns())
	}
	inv, err := output.Take(partial)
	if err != nil || len(inv.Foreign)+len(inv.Changed) > 0 {
		t.Errorf("the partial folder holds files its manifest does not list: %+v, %v", inv, err)
	}
	noLeftovers(t, out)

	// Into a fresh folder, the runs stay at out, incomplete; a resume
	// completes them into the folder an uninterrupted command writes.
	fresh := filepath.Join(filepath.Dir(out), "fresh")
	ctx, progress = interruptAfter(x.NRuns())
	if res, err = experiment.Write(ctx, x, fresh, experiment.Options{Workers: 2, Formats: []string{"svg"}, Progress: progress}); !errors.Is(err, runs.ErrInterrupted) || res.Dir != fresh {
		t.Fatalf("Write to a fresh folder = %+v, %v; want it interrupted, its runs at %s", res, err, fresh)
	}
	r, err := experiment.Resumable(context.Background(), fresh, x, x.AllJobs())
	if err != nil || r.From != fresh || len(r.Done) != x.NRuns() {
		t.Fatalf("Resumable = %+v, %v; want every run of %s", r, err, fresh)
	}
	if _, err := experiment.Write(context.Background(), x, fresh, experiment.Options{Workers: 2, Formats: []string{"svg"}, Resume: r.From, Done: r.Done}); err != nil {
		t.Fatal(err)
	}
	foldertest.Same(t, "the folder completed from the interrupted one", fresh, before)
}

// TestFinishStopsBetweenFigures: Finish checks the context between
// figures (and derived tables), not only before them: once it ends, no
// further figure is drawn and what was derived is removed.
func TestFinishStopsBetweenFigures(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	x := comparePlan(t, classroom(t, 2, 20))
	w, err := experiment.Start(x, out, experiment.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Discard()
	if err := w.Run(context.Background(), x.AllJobs(), 2, nil); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var drawn []string
	stopAt := func(name string, stop bool) experiment.Figure {
		return experiment.Figure{Name: name, Draw: func(experiment.Source) ([]experiment.Drawn, error) {
			drawn = append(drawn, name)
			if stop {
				cancel() // Ctrl-C while this figure is drawn
			}
			return nil, nil
		}}
	}
	res, err := w.Finish(ctx, experiment.Finish{
		Complete: true,
		Formats:  []string{"svg"},
		Figures:  []experiment.Figure{stopAt("first", false), stopAt("second", true), stopAt("third", false)},
		Derive: func(dir string, _ *output.Manifest) ([]string, error) {
			return []string{"derived.csv"}, os.WriteFile(filepath.Join(dir, "derived.csv"), []byte("a\n1\n"), 0o644)
		},
		Report: func([]experiment.Drawn, []output.Group) ([]byte, error) {
			t.Error("the report was written after the interruption")
			return []byte("report\n"), nil
		},
	})
	if !errors.Is(err, runs.ErrInterrupted) {
		t.Fatalf("Finish = %v; want it interrupted", err)
	}
	if !slices.Equal(drawn, []string{"first", "second"}) {
		t.Errorf("figures drawn: %v; want first and second, none after the interruption", drawn)
	}
	if res == nil || res.Dir != out || res.Complete {
		t.Fatalf("outcome %+v; want an incomplete folder at %s", res, out)
	}
	m, err := output.ReadManifest(out)
	if err != nil || m.Complete || len(m.Runs) != x.NRuns() {
		t.Fatalf("manifest %+v, %v; want incomplete, all %d runs", m, err, x.NRuns())
	}
	for _, f := range []string{"derived.csv", "report.md", "figures"} {
		if _, err := os.Stat(filepath.Join(out, f)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s is in the interrupted folder", f)
		}
	}
	noLeftovers(t, out)
}

// TestInterruptedBeforeStarting: a context that ended while the plan was
// prepared stops Prepare, and Write writes nothing: no folder of no runs,
// no partial folder beside an earlier one, which stays as it was.
func TestInterruptedBeforeStarting(t *testing.T) {
	s := classroom(t, 2, 30)
	p, err := experiment.NewSweep(s, "classroom", []string{"closed", "malfunctioning"}, experiment.SweepSpec{
		Vary: []string{"regimes.malfunctioning.outage_start=0:1:40"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.PrepareContext(cancelled()); !errors.Is(err, runs.ErrInterrupted) {
		t.Errorf("PrepareContext = %v; want it interrupted", err)
	}
	x, err := p.Prepare()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	fresh, earlier := filepath.Join(dir, "fresh"), filepath.Join(dir, "earlier")
	if _, err := experiment.Write(context.Background(), x, earlier, experiment.Options{Workers: 2, Jobs: x.AllJobs()[:4]}); err != nil {
		t.Fatal(err)
	}
	before := foldertest.Files(t, earlier)
	for _, out := range []string{fresh, earlier} {
		res, err := experiment.Write(cancelled(), x, out, experiment.Options{Workers: 2, Jobs: x.AllJobs()[:4]})
		if !errors.Is(err, runs.ErrInterrupted) || res != nil {
			t.Errorf("Write to %s = %+v, %v; want it interrupted with no outcome", out, res, err)
		}
		if _, err := os.Stat(experiment.PartialPath(out)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("an interrupted Write created %s", experiment.PartialPath(out))
		}
	}
	if _, err := os.Stat(fresh); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a Write interrupted before it started created %s", fresh)
	}
	foldertest.Same(t, "an earlier folder after a Write interrupted before it started", earlier, before)
	noLeftovers(t, fresh)
}

// TestMergeInterrupted: a merge told to stop leaves the folder at --out
// (an earlier merge) byte-identical and writes nothing.
func TestMergeInterrupted(t *testing.T) {
	dir := t.TempDir()
	dirs := shards(t, func() *experiment.Prepared { return sweepPlan(t, 2) }, dir, 2)
	out := filepath.Join(dir, "merged")
	if _, err := experiment.Merge(context.Background(), dirs, out, experiment.MergeOptions{}); err != nil {
		t.Fatal(err)
	}
	before := foldertest.Files(t, out)
	if _, err := experiment.Merge(cancelled(), dirs, out, experiment.MergeOptions{FormatsGiven: true, Formats: []string{"svg"}}); !errors.Is(err, runs.ErrInterrupted) {
		t.Errorf("Merge = %v; want it interrupted", err)
	}
	foldertest.Same(t, "the merged folder after an interrupted merge", out, before)
	noLeftovers(t, out)
}

// TestRedrawInterrupted: plot told to stop leaves the folder
// byte-identical (figures and manifest) and nothing beside it.
func TestRedrawInterrupted(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	x := comparePlan(t, classroom(t, 2, 20))
	if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2, Formats: []string{"svg"}}); err != nil {
		t.Fatal(err)
	}
	before := foldertest.Files(t, out)
	if _, err := experiment.RedrawContext(cancelled(), out, []string{"png"}, experiment.FigureChange{Size: "single"}); !errors.Is(err, runs.ErrInterrupted) {
		t.Errorf("RedrawContext = %v; want it interrupted", err)
	}
	foldertest.Same(t, "a folder whose redraw was interrupted", out, before)
	noLeftovers(t, out)
	// Not interrupted, it redraws, through the same temporary folder.
	if _, err := experiment.RedrawContext(context.Background(), out, []string{"png"}, experiment.FigureChange{}); err != nil {
		t.Fatal(err)
	}
	if inv, err := output.Take(out); err != nil || len(inv.Foreign)+len(inv.Changed) > 0 || !slices.ContainsFunc(inv.Ours, func(f string) bool { return filepath.Ext(f) == ".png" }) {
		t.Errorf("after a redraw in PNG: %+v, %v; want the PNGs, listed", inv, err)
	}
	noLeftovers(t, out)
}

// TestInterruptedBeforeAnyRunFinished: a command interrupted while its
// first runs are under way, none finished, writes nothing, as one
// stopped before it starts: the interrupted runs of another command at
// out.partial stay as they were. A folder of no runs took their place
// ("kept 0 finished runs ... in place of the 26 finished runs of ..."),
// for nothing (audit hostile).
func TestInterruptedBeforeAnyRunFinished(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	x := comparePlan(t, classroom(t, 2, 30))
	if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	other := comparePlan(t, classroom(t, 3, 30))
	ctx, progress := interruptAfter(2)
	if _, err := experiment.Write(ctx, other, out, experiment.Options{Workers: 1, Progress: progress}); !errors.Is(err, runs.ErrInterrupted) {
		t.Fatalf("another compare: %v; want it interrupted", err)
	}
	partial := experiment.PartialPath(out)
	before, kept := foldertest.Files(t, out), foldertest.Files(t, partial)

	// Cancelled on the first day of the first run: no run finishes.
	ctx, cancel := context.WithCancel(context.Background())
	ctx = sim.WithDayObserver(ctx, func(int) { cancel() })
	res, err := experiment.Write(ctx, x, out, experiment.Options{Workers: 1})
	if !errors.Is(err, runs.ErrInterrupted) || res != nil || !strings.Contains(err.Error(), "nothing was written") {
		t.Errorf("Write = %+v, %v; want it interrupted, nothing written", res, err)
	}
	foldertest.Same(t, "the complete folder", out, before)
	foldertest.Same(t, "the other command's interrupted runs", partial, kept)
	noLeftovers(t, out)
}
