package programme

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/foldertest"
	"github.com/borderwork/borderwork/internal/manifestedit"
	"github.com/borderwork/borderwork/output"
)

// TestRedrawRefusesAnEditedProgrammeSection: plot writes a programme
// folder's report again from the programme section of its manifest,
// dividing what was spent by the harm averted; a budget or spending
// edited by hand (negative, spent above the budget, or other than the
// programme of scenario.toml gives) is refused naming
// DIR/manifest.json and the key, and the folder is unchanged.
func TestRedrawRefusesAnEditedProgrammeSection(t *testing.T) {
	s := loadToy(t, "days=120", "replicates=2")
	src := filepath.Join(t.TempDir(), "out")
	if _, err := Run(context.Background(), s, "", Options{}, src, 2, []string{"svg"}, nil); err != nil {
		t.Fatal(err)
	}
	info, err := ReadInfo(readManifest(t, src))
	if err != nil {
		t.Fatal(err)
	}
	if !(info.Spent > 0 && info.Spent < info.Budget) {
		t.Fatalf("the toy programme spends %v of %v by day 120; want some, not all, for the cases below", info.Spent, info.Budget)
	}
	section := func(edit func(p map[string]any)) func(m map[string]any) {
		return func(m map[string]any) { edit(m["programme"].(map[string]any)) }
	}
	tests := []struct {
		name string
		edit func(m map[string]any)
		want string
	}{
		{"spent negative", section(func(p map[string]any) { p["spent"] = -1 }), "programme.spent: want an amount of USD, zero or more, got -1"},
		{"spent above the budget", section(func(p map[string]any) { p["spent"] = 2 * amount(t, p["budget"]) }),
			fmt.Sprintf("programme.spent: %v is more than the budget, %v: a programme spends no more than its budget", 2*info.Budget, info.Budget)},
		{"spent other than the scenario gives", section(func(p map[string]any) { p["spent"] = amount(t, p["spent"]) / 2 }),
			fmt.Sprintf("programme.spent: %v, but the programmes' budget in scenario.toml, spread over its days, gives %v spent by day 120", info.Spent/2, info.Spent)},
		{"budget negative", section(func(p map[string]any) { p["budget"] = -5 }), "programme.budget: want an amount of USD, zero or more, got -5"},
		{"budget other than the scenario gives", section(func(p map[string]any) { p["budget"] = 2 * amount(t, p["budget"]) }),
			fmt.Sprintf("programme.budget: %v, but the programmes' budget in scenario.toml is %v", 2*info.Budget, info.Budget)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
				t.Fatal(err)
			}
			manifestedit.Edit(t, dir, tt.edit)
			before := foldertest.Files(t, dir)
			_, err := experiment.Redraw(dir, nil, experiment.FigureChange{Size: "single"})
			want := filepath.Join(dir, "manifest.json") + ": " + tt.want
			if !errors.Is(err, runs.ErrBadInput) || err.Error() != want {
				t.Fatalf("Redraw = %v; want a bad-input error %q", err, want)
			}
			foldertest.Same(t, "the folder plot refused", dir, before)
		})
	}
	if _, err := experiment.Redraw(src, nil, experiment.FigureChange{Size: "single"}); err != nil {
		t.Errorf("Redraw of the folder as written = %v", err)
	}
}

// readManifest reads the manifest of the folder at dir.
func readManifest(t *testing.T, dir string) *output.Manifest {
	t.Helper()
	m, err := output.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// amount reads a number of the section as written.
func amount(t *testing.T, v any) float64 {
	t.Helper()
	f, err := v.(json.Number).Float64()
	if err != nil {
		t.Fatal(err)
	}
	return f
}
