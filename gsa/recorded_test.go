package gsa

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
	"github.com/borderwork/borderwork/internal/manifestedit"
)

// TestRedrawRefusesAnEditedSensitivitySection: plot writes a sensitivity
// folder's report again from its sensitivity section; a section edited
// by hand (a confidence level, the resamples, the method) that no longer
// agrees with the command line and scenario the manifest records is
// refused naming manifest.json, as merge and reproduce refuse it, and
// the folder is unchanged.
func TestRedrawRefusesAnEditedSensitivitySection(t *testing.T) {
	e, _ := ParseEntry("origins.Village.inflow")
	st, err := New(classroom(t, 20, 2), "classroom", Spec{Method: Morris, Trajectories: 3, Entries: []Entry{e}, Regimes: []string{"malfunctioning"}, Metrics: []string{"abuse_events"}, Resamples: 50})
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(t.TempDir(), "sens")
	if _, err := st.Write(context.Background(), src, Options{Workers: 2, Formats: []string{"svg"}}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		key   string
		value any
	}{
		{"level", 0.5},
		{"resamples", 7},
		{"method", "sobol"},
	} {
		t.Run(tt.key, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "sens")
			if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, "manifest.json")
			manifestedit.Edit(t, dir, func(m map[string]any) { m["sensitivity"].(map[string]any)[tt.key] = tt.value })
			before := foldertest.Files(t, dir)
			_, err = experiment.Redraw(dir, nil, experiment.FigureChange{Size: "single"})
			if !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "the manifest was changed") {
				t.Fatalf("Redraw = %v; want a bad-input error naming %s", err, path)
			}
			foldertest.Same(t, "the folder plot refused", dir, before)
		})
	}
}
