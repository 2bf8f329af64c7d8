package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/internal/foldertest"
	"github.com/borderwork/borderwork/internal/manifestedit"
)

// TestReproduceRerunFails: when the rerun itself fails (a scenario.toml
// edited so that it no longer loads, or removed; a value the manifest
// records that this binary refuses), reproduce says the rerun failed,
// with the error naming the file, line and key, exits with status 2 and
// writes nothing into the folder; it prints no "Reran:" line for a rerun
// that did not happen, only what it found in the folder before it.
func TestReproduceRerunFails(t *testing.T) {
	t.Parallel()
	clean := filepath.Join(t.TempDir(), "clean")
	mustRun(t, "run", small, "--reps", "2", "--days", "10", "--set", "seed=7", "--formats", "svg", "--out", clean)
	editScenario := func(from, to string) func(t *testing.T, dir string) {
		return func(t *testing.T, dir string) {
			p := filepath.Join(dir, "scenario.toml")
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			re := regexp.MustCompile("(?m)" + from)
			if !re.Match(b) {
				t.Fatalf("scenario.toml has no line matching %q", from)
			}
			if err := os.WriteFile(p, re.ReplaceAll(b, []byte(to)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	edit := func(f func(m map[string]any)) func(t *testing.T, dir string) {
		return func(t *testing.T, dir string) { manifestedit.Edit(t, dir, f) }
	}
	for _, c := range []struct {
		name   string
		change func(t *testing.T, dir string)
		// stderr: the rerun's error, after "the rerun failed: ", DIR for
		// the folder (a regular expression).
		stderr string
		// stdout: what the folder's own checks found ("" none).
		stdout string
	}{
		{"scenario.toml no longer loads", editScenario(`^days = \d+$`, `days = "ten"`),
			`DIR/scenario\.toml:\d+: days: want a whole number, got the text "ten"`,
			"MISMATCH scenario.toml does not match its checksum in manifest.json\n"},
		{"scenario.toml missing", func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, "scenario.toml")) },
			`DIR/scenario\.toml: `, "MISMATCH scenario.toml is missing\n"},
		{"a recorded figure option refused", edit(func(m map[string]any) { m["figure_options"].(map[string]any)["bands"] = "wobbly" }),
			`DIR/manifest\.json: figure_options\.bands: unknown choice "wobbly"`, ""},
		{"a recorded --set refused", edit(func(m map[string]any) { m["sets"] = []any{"sed=7"} }),
			`--set sed=7: unknown key "sed"`, ""},
		{"a recorded regime refused", edit(func(m map[string]any) { m["regimes"] = []any{"nosuch"} }),
			`DIR/manifest\.json: regimes: unknown regime "nosuch"`, ""},
		{"recorded regimes empty", edit(func(m map[string]any) { m["regimes"] = []any{} }),
			`DIR/manifest\.json: regimes is empty`, ""},
		{"a recorded regime twice", edit(func(m map[string]any) { m["regimes"] = []any{"open", "open"} }),
			`DIR/manifest\.json: regimes lists open twice`, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			if err := os.CopyFS(dir, os.DirFS(clean)); err != nil {
				t.Fatal(err)
			}
			c.change(t, dir)
			before := foldertest.Files(t, dir)
			status, stdout, stderr := runCLI(t, "reproduce", "--quiet", dir)
			want := "(?m)^borderwork reproduce: the rerun failed: " + strings.ReplaceAll(c.stderr, "DIR", regexp.QuoteMeta(filepath.ToSlash(dir)))
			if status != exitUsage || !regexp.MustCompile(want).MatchString(filepath.ToSlash(stderr)) {
				t.Errorf("status %d, stderr %q; want 2 and a line matching %q", status, stderr, want)
			}
			if strings.Contains(stdout, "Reran:") || strings.Contains(stdout, "OK:") {
				t.Errorf("stdout %q; want no rerun claimed", stdout)
			}
			if stdout != c.stdout {
				t.Errorf("stdout %q; want %q", stdout, c.stdout)
			}
			foldertest.Same(t, "a folder whose rerun failed", dir, before)
		})
	}
}
