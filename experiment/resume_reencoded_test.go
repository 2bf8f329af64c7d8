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
			path := filepath.Join(out, "scenario.toml")
			text, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(text, []byte(line)) {
				t.Fatalf("scenario.toml holds no %q to take out", line)
			}
			text = bytes.ReplaceAll(text, []byte(line), []byte(tt.with))
			if err := os.WriteFile(path, text, 0o644); err != nil {
				t.Fatal(err)
			}
			manifestedit.Edit(t, out, func(m map[string]any) { m["scenario_sha256"] = output.SHA256(text) })
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
