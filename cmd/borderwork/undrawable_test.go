package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/scenarios"
)

// TestWarnsOfNamesFiguresCannotDraw: a scenario whose names have letters
// the figures' font lacks (a town in Arabic, a post in Ge'ez) is run
// with a warning before the runs that names them and says figures draw
// '?' for them; without figures (--formats ”), or with names in Latin
// letters, nothing is said. The figures once drew such a name as
// nothing, unsaid.
func TestWarnsOfNamesFiguresCannotDraw(t *testing.T) {
	raw, err := scenarios.Bundled("classroom")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "renamed.toml")
	text := strings.ReplaceAll(string(raw), `"Town"`, `"أغاديز"`)
	text = strings.ReplaceAll(text, `"Post"`, `"ሰላም"`)
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	const warning = "borderwork compare: warning: the figures' font has no letters for أغاديز and ሰላም: figures draw each of those letters as '?'"
	for _, tt := range []struct {
		name, scenario, formats string
		warns                   bool
	}{
		{"figures", file, "png", true},
		{"no figures", file, "", false},
		{"latin names", "classroom", "png", false},
	} {
		if tt.name == "figures" {
			// check, which a user runs on an edited scenario, says it too.
			status, _, stderr := runCLI(t, "check", tt.scenario)
			if want := strings.Replace(warning, "compare", "check", 1); status != 0 || !strings.Contains(stderr, want) {
				t.Errorf("check: status %d, stderr:\n%s\nwant %q", status, stderr, want)
			}
		}
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "c")
			status, _, stderr := runCLI(t, "compare", tt.scenario, "--reps", "1", "--days", "5", "--quiet", "--formats="+tt.formats, "--out", out)
			if status != 0 {
				t.Fatalf("status %d: %s", status, stderr)
			}
			if got := strings.Contains(stderr, warning); got != tt.warns {
				t.Errorf("warned: %v, want %v; stderr:\n%s", got, tt.warns, stderr)
			}
			// plot, redrawing the folder's figures, says it again.
			status, _, stderr = runCLI(t, "plot", out, "--formats", "png")
			if got := strings.Contains(stderr, strings.Replace(warning, "compare", "plot", 1)); status != 0 || got != (tt.scenario == file) {
				t.Errorf("plot: status %d, warned: %v; stderr:\n%s", status, got, stderr)
			}
		})
	}
}
