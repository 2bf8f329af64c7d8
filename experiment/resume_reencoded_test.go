package experiment_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/manifestedit"
	"github.com/borderwork/borderwork/output"
)

// TestResumeAcrossAnAddedKey: an interrupted folder whose scenario.toml
// an earlier borderwork wrote without a key added since, at a default
// that changes no result (pushback_violence), is the same scenario and
// is completed; it was refused as "written from another scenario". A
// scenario.toml that differs in a value is still refused.
func TestResumeAcrossAnAddedKey(t *testing.T) {
	x := sweepPlan(t, 2)
	const line = "pushback_violence = 0.0\n"
	for _, tt := range []struct {
		name    string
		with    string // what each line becomes
		resumes bool
	}{
		{"written without the key", "", true},
		{"another value of it", "pushback_violence = 0.5\n", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			ctx, progress := interruptAfter(3)
			if _, err := experiment.Write(ctx, x, out, experiment.Options{Workers: 2, Progress: progress}); !errors.Is(err, runs.ErrInterrupted) {
				t.Fatalf("Write: %v; want it interrupted", err)
			}
			rewriteScenario(t, out, line, tt.with)
			r, err := experiment.Resumable(context.Background(), out, x, x.AllJobs())
			switch {
			case tt.resumes && (err != nil || len(r.Done) == 0):
				t.Errorf("Resumable: %+v, %v; want the folder's runs kept and the rest to run", r, err)
			case !tt.resumes && err == nil:
				t.Errorf("Resumable: %+v; want it refused as another scenario's", r)
			}
		})
	}
}

// TestMergeAcrossAnAddedKey: shards of one sweep, one written by an
// earlier borderwork that wrote no line for pushback_violence at its
// default, merge in either order, as --resume accepts such a folder,
// keeping shard 0's scenario.toml whichever is given first; a
// shard whose line says another value is another scenario, refused with
// the line named, and nothing written.
func TestMergeAcrossAnAddedKey(t *testing.T) {
	const line = "pushback_violence = 0.0\n"
	for _, tt := range []struct {
		name   string
		with   string // what each line of the second shard becomes
		first  int    // the shard given first
		merges bool
	}{
		{"written without the key, given second", "", 0, true},
		{"written without the key, given first", "", 1, true},
		{"another value of it", "pushback_violence = 0.5\n", 0, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			dirs := shardsWith(t, dir, "shard", 2, func(int) experiment.Options { return experiment.Options{} })
			rewriteScenario(t, dirs[1], line, tt.with)
			zero := dirs[0]
			if tt.first == 1 {
				dirs[0], dirs[1] = dirs[1], dirs[0]
			}
			out := filepath.Join(dir, "merged")
			if !tt.merges {
				refusedMerge(t, dirs, out, experiment.MergeOptions{}, "come from different scenarios", "pushback_violence = 0.5")
				return
			}
			if _, err := experiment.Merge(context.Background(), dirs, out, experiment.MergeOptions{FormatsGiven: true}); err != nil {
				t.Fatalf("Merge: %v; want the shards merged", err)
			}
			// The merged folder is whole: plot and resume check it against
			// its own manifest.
			m, err := output.ReadManifest(out)
			if err != nil {
				t.Fatal(err)
			}
			// Shard 0's, whichever is given first.
			first, err := os.ReadFile(filepath.Join(zero, "scenario.toml"))
			if err != nil {
				t.Fatal(err)
			}
			if sum, err := output.FileSHA256(filepath.Join(out, "scenario.toml")); err != nil || sum != m.ScenarioSHA256 || sum != output.SHA256(first) {
				t.Errorf("merged scenario.toml: checksum %s, %v; want shard 0's, %s, as its manifest records (%s)", sum, err, output.SHA256(first), m.ScenarioSHA256)
			}
		})
	}
}

// rewriteScenario writes the folder at dir's scenario.toml with each
// line replaced by with, as a borderwork that wrote it otherwise would
// have, and records the new checksum in its manifest.
func rewriteScenario(t *testing.T, dir, line, with string) {
	t.Helper()
	path := filepath.Join(dir, "scenario.toml")
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(text, []byte(line)) {
		t.Fatalf("scenario.toml holds no %q to take out", line)
	}
	text = bytes.ReplaceAll(text, []byte(line), []byte(with))
	if err := os.WriteFile(path, text, 0o644); err != nil {
		t.Fatal(err)
	}
	manifestedit.Edit(t, dir, func(m map[string]any) { m["scenario_sha256"] = output.SHA256(text) })
}
