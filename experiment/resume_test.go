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

// TestResumableContinuesRerunBesideCompleteFolder: a rerun into a
// complete folder, interrupted, left its runs at PartialPath(out).
// Resumable continues them (the rerun's command, whether or not it is the
// one that wrote out), not reporting out complete, and the completed
// folder replaces out, which stays as it was until then, and removes the
// partial one. Given the command that wrote out while the partial folder
// is another's, it has nothing to do and says what is beside out and
// which command completes it.
func TestResumableContinuesRerunBesideCompleteFolder(t *testing.T) {
	x, other := sweepPlan(t, 2), sweepPlan(t, 3)
	tests := []struct {
		name  string
		rerun *experiment.Prepared
	}{
		{"the same command", x},
		{"another command", other},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			out, want := filepath.Join(dir, "out"), filepath.Join(t.TempDir(), "want")
			partial := experiment.PartialPath(out)
			opts := experiment.Options{Workers: 2, Formats: []string{"svg"}}
			if _, err := experiment.Write(context.Background(), tt.rerun, want, opts); err != nil {
				t.Fatal(err)
			}
			if _, err := experiment.Write(context.Background(), x, out, opts); err != nil {
				t.Fatal(err)
			}
			before := foldertest.Files(t, out)
			ctx, progress := interruptAfter(3)
			cut := opts
			cut.Progress = progress
			if res, err := experiment.Write(ctx, tt.rerun, out, cut); !errors.Is(err, runs.ErrInterrupted) || res.Dir != partial {
				t.Fatalf("the rerun = %+v, %v; want it interrupted, its runs at %s", res, err, partial)
			}

			r, err := experiment.Resumable(context.Background(), out, tt.rerun, tt.rerun.AllJobs())
			if err != nil || r.Complete || r.From != partial || !r.Replaces || len(r.Done) < 3 {
				t.Fatalf("Resumable = %+v, %v; want the runs at %s, which replace %s", r, err, partial, out)
			}
			if tt.rerun != x {
				// The command that wrote out has nothing to do, and says
				// which command completes the runs beside it.
				r, err := experiment.Resumable(context.Background(), out, x, x.AllJobs())
				if err != nil || !r.Complete || !strings.Contains(r.Other, partial+" holds the runs of another sweep") ||
					!strings.Contains(r.Other, "--reps 3 ") {
					t.Errorf("Resumable by out's command = %+v, %v; want it complete, naming %s and its command", r, err, partial)
				}
			}
			foldertest.Same(t, "the complete folder before its rerun is resumed", out, before)

			resumed := opts
			resumed.Resume, resumed.Done = r.From, r.Done
			if _, err := experiment.Write(context.Background(), tt.rerun, out, resumed); err != nil {
				t.Fatal(err)
			}
			foldertest.Same(t, "the folder the resumed rerun wrote", out, foldertest.Files(t, want))
			if _, err := os.Stat(partial); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("%s is left once the rerun is complete (%v)", partial, err)
			}
			noLeftovers(t, out)
			if r, err := experiment.Resumable(context.Background(), out, tt.rerun, tt.rerun.AllJobs()); err != nil || !r.Complete || r.Other != "" {
				t.Errorf("Resumable after = %+v, %v; want it complete, nothing beside it", r, err)
			}
		})
	}
}

// TestResumePlanScenarioMissing: a folder to resume whose scenario.toml
// is gone is refused saying so, not that the file does not match its
// checksum.
func TestResumePlanScenarioMissing(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if _, err := experiment.Write(context.Background(), sweepPlan(t, 2), out, experiment.Options{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(out, "scenario.toml")); err != nil {
		t.Fatal(err)
	}
	_, _, err := experiment.ResumePlan(context.Background(), out)
	if want := filepath.Join(out, "scenario.toml") + " is missing"; !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), want) {
		t.Errorf("ResumePlan = %v; want a bad-input error saying %q", err, want)
	}
}
