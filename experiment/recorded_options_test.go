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

// TestRedrawNamesTheRecordedOptionsKey: a figure option recorded in
// manifest.json that no flag would take (edited by hand) is refused
// naming manifest.json and its key, not a flag never given, with the
// folder unchanged; an empty band or size choice is refused rather than
// read as the default. Given the flag that replaces it, plot draws.
func TestRedrawNamesTheRecordedOptionsKey(t *testing.T) {
	x := sweepPlan(t, 2)
	tests := []struct {
		name    string
		key     string
		value   any
		want    string
		replace experiment.FigureChange
		formats []string
	}{
		{"bands", "bands", "zzz", `figure_options.bands: unknown choice "zzz"`, experiment.FigureChange{Bands: "ci"}, nil},
		{"empty bands", "bands", "", `figure_options.bands: unknown choice ""`, experiment.FigureChange{Bands: "ci"}, nil},
		{"size", "size", "huge", `figure_options.size: unknown size "huge"`, experiment.FigureChange{Size: "single"}, nil},
		{"empty size", "size", "", `figure_options.size: unknown size ""`, experiment.FigureChange{Size: "double"}, nil},
		{"formats", "formats", []any{"gif"}, `figure_options.formats: unknown format "gif"`, experiment.FigureChange{}, []string{"svg"}},
		{"metrics", "metrics", []any{"ghosts"}, `figure_options.metrics: unknown metric "ghosts"`, experiment.FigureChange{Metrics: []string{"deaths"}}, nil},
		{"regimes", "regimes", []any{"utopia"}, `figure_options.regimes: "utopia" is not among the regimes run`, experiment.FigureChange{Regimes: []string{"all"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "sweep")
			if _, err := experiment.Write(context.Background(), x, dir, experiment.Options{Workers: 2, Formats: []string{"svg"}}); err != nil {
				t.Fatal(err)
			}
			manifestedit.Edit(t, dir, func(m map[string]any) {
				m["figure_options"].(map[string]any)[tt.key] = tt.value
			})
			before := foldertest.Files(t, dir)
			_, err := experiment.Redraw(dir, nil, experiment.FigureChange{})
			if !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), filepath.Join(dir, "manifest.json")+": "+tt.want) {
				t.Fatalf("Redraw = %v; want a bad-input error naming %s", err, "manifest.json: "+tt.want)
			}
			if strings.Contains(err.Error(), "--") {
				t.Errorf("Redraw = %q names a flag, though none was given", err)
			}
			foldertest.Same(t, "a folder whose recorded figure options are refused", dir, before)
			if _, err := experiment.Redraw(dir, tt.formats, tt.replace); err != nil {
				t.Errorf("Redraw with the flag that replaces figure_options.%s = %v; want it drawn", tt.key, err)
			}
		})
	}
}

// TestMergeNamesTheRecordedOptionsKey: merge draws as the shards record;
// a recorded option edited by hand is refused naming the shard's
// manifest.json and its key, not a flag.
func TestMergeNamesTheRecordedOptionsKey(t *testing.T) {
	dir := t.TempDir()
	dirs := shardsWith(t, dir, "shard", 2, func(int) experiment.Options { return experiment.Options{} })
	for _, d := range dirs {
		manifestedit.Edit(t, d, func(m map[string]any) { m["figure_options"].(map[string]any)["size"] = "huge" })
	}
	refusedMerge(t, dirs, filepath.Join(dir, "merged"), experiment.MergeOptions{}, filepath.Join(dirs[0], "manifest.json")+`: figure_options.size: unknown size "huge"`)
}
