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

// TestRedrawRefusesCommandLineNotOfItsFields: plot writes command_line
// again with the figure flags it draws with; a command_line edited by
// hand so that it no longer agrees with the manifest's fields (deleted,
// another command, a flag after the figure flags or a bare one at the
// end, another seed, days or reps, or, where report.md is written again,
// an argument the plan does not give) is refused naming manifest.json:
// command_line, the folder unchanged, rather than built on.
func TestRedrawRefusesCommandLineNotOfItsFields(t *testing.T) {
	sweep, compare := sweepPlan(t, 2), comparePlan(t, classroom(t, 2, 20))
	tests := []struct {
		name string
		x    *experiment.Prepared
		edit func(cl string) any // nil: the key removed
	}{
		{"deleted", sweep, nil},
		{"empty", sweep, func(string) any { return "" }},
		{"another command", sweep, func(cl string) any { return strings.Replace(cl, "borderwork sweep", "borderwork compare", 1) }},
		{"a flag after the figure flags", sweep, func(cl string) any { return cl + " --evil" }},
		{"a bare figure flag at the end", sweep, func(cl string) any { return cl + " --formats" }},
		{"another seed", sweep, func(cl string) any { return strings.Replace(cl, "--seed 2018", "--seed 7", 1) }},
		{"other days", sweep, func(cl string) any { return strings.Replace(cl, "--days 30", "--days 31", 1) }},
		{"other reps", compare, func(cl string) any { return strings.Replace(cl, "--reps 2", "--reps 3", 1) }},
		{"another scenario", compare, func(cl string) any { return strings.Replace(cl, "compare classroom", "compare sahel", 1) }},
		{"an argument the plan does not give", compare, func(cl string) any { return strings.Replace(cl, " --regimes", " --set days=20 --regimes", 1) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "folder")
			if _, err := experiment.Write(context.Background(), tt.x, dir, experiment.Options{Workers: 2, Formats: []string{"svg"}}); err != nil {
				t.Fatal(err)
			}
			manifestedit.Edit(t, dir, func(m map[string]any) {
				if tt.edit == nil {
					delete(m, "command_line")
					return
				}
				m["command_line"] = tt.edit(m["command_line"].(string))
			})
			before := foldertest.Files(t, dir)
			_, err := experiment.Redraw(dir, nil, experiment.FigureChange{Size: "single"})
			want := filepath.Join(dir, "manifest.json") + ": command_line does not agree with the fields it records"
			if !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), want) {
				t.Fatalf("Redraw = %v; want a bad-input error saying %q", err, want)
			}
			foldertest.Same(t, "a folder whose command_line is refused", dir, before)
		})
	}
}

// TestRedrawRefusesEditedFigureFlags: plot given no figure flag writes
// command_line's figure flags again from figure_options; a figure flag
// edited by hand there (--formats gif) is refused naming both, the folder
// unchanged, rather than dropped without a word. Given the flags to draw
// with, plot draws and records them.
func TestRedrawRefusesEditedFigureFlags(t *testing.T) {
	x := comparePlan(t, classroom(t, 2, 20))
	for _, tt := range []struct {
		name, from, to string
	}{
		{"another format", "--formats svg", "--formats gif"},
		{"a flag added", "--formats svg", "--formats svg --size single"},
		{"a flag removed", " --formats svg", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "folder")
			if _, err := experiment.Write(context.Background(), x, dir, experiment.Options{Workers: 2, Formats: []string{"svg"}}); err != nil {
				t.Fatal(err)
			}
			manifestedit.Edit(t, dir, func(m map[string]any) {
				cl := m["command_line"].(string)
				if !strings.HasSuffix(cl, tt.from) {
					t.Fatalf("command_line %q does not end with %q", cl, tt.from)
				}
				m["command_line"] = strings.TrimSuffix(cl, tt.from) + tt.to
			})
			before := foldertest.Files(t, dir)
			_, err := experiment.Redraw(dir, nil, experiment.FigureChange{})
			if tt.to == "" {
				// No figure flags at all is how a folder recorded before
				// them reads: it is drawn as figure_options says.
				if err != nil {
					t.Fatalf("Redraw of a command line with no figure flags = %v; want it drawn", err)
				}
				return
			}
			want := "command_line ends with the figure flags '" + strings.TrimPrefix(tt.to, " ") + "', but figure_options gives '--formats svg'"
			if !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), want) {
				t.Fatalf("Redraw = %v; want a bad-input error saying %q", err, want)
			}
			foldertest.Same(t, "a folder whose figure flags are refused", dir, before)
			if _, err := experiment.Redraw(dir, []string{"svg"}, experiment.FigureChange{}); err != nil {
				t.Fatalf("Redraw with --formats svg = %v; want it drawn", err)
			}
		})
	}
}
