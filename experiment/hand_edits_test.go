package experiment_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/foldertest"
	"github.com/borderwork/borderwork/internal/manifestedit"
)

// TestRefusesFieldsNoCommandWrites: a manifest edited to record no
// regimes, no replicates or no days is refused by plot and sweep
// --resume as bad input naming manifest.json and the field, the folder
// unchanged; these reached the engine ("the plan has no regimes", status
// 1) or the figures ("TimeBands ...: no bands").
func TestRefusesFieldsNoCommandWrites(t *testing.T) {
	x := sweepPlan(t, 2)
	tests := []struct {
		key   string
		value any
		want  string
	}{
		{"regimes", []string{}, "regimes is empty; every folder records the regimes it ran; the manifest was changed"},
		{"reps", 0, "reps is 0; every folder records 1 replicate or more; the manifest was changed"},
		{"days", -3, "days is -3; every folder records 1 day or more; the manifest was changed"},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "folder")
			if _, err := experiment.Write(context.Background(), x, dir, experiment.Options{Workers: 2, Formats: []string{"svg"}}); err != nil {
				t.Fatal(err)
			}
			manifestedit.Edit(t, dir, func(m map[string]any) { m[tt.key] = tt.value })
			before := foldertest.Files(t, dir)
			want := filepath.Join(dir, "manifest.json") + ": " + tt.want
			_, err := experiment.Redraw(dir, nil, experiment.FigureChange{})
			if !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), want) {
				t.Errorf("Redraw = %v; want a bad-input error saying %q", err, want)
			}
			_, _, err = experiment.ResumePlan(context.Background(), dir)
			if !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), want) {
				t.Errorf("ResumePlan = %v; want a bad-input error saying %q", err, want)
			}
			foldertest.Same(t, "a folder whose manifest is refused", dir, before)
		})
	}
}
