package experiment_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/internal/manifestedit"
)

// changeRow appends a digit to the last value of the first row of a
// table, so that it still reads as a table but differs.
func changeRow(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.SplitAfter(b, []byte("\n"))
	lines[1] = append(bytes.TrimSuffix(lines[1], []byte("\n")), []byte("7\n")...)
	if err := os.WriteFile(path, bytes.Join(lines, nil), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestReproduceChecksManifest: a folder whose manifest.json was edited by
// hand so that it contradicts the command line it records (days, seed),
// or whose changed table was taken out of its tables list, does not
// reproduce; each problem names the field or the table.
func TestReproduceChecksManifest(t *testing.T) {
	x := comparePlan(t, classroom(t, 2, 20))
	clean := filepath.Join(t.TempDir(), "clean")
	if _, err := experiment.Write(context.Background(), x, clean, experiment.Options{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		change func(t *testing.T, dir string)
		want   []string // each in some problem; none: no problems
	}{
		{"unchanged", func(*testing.T, string) {}, nil},
		{"days 0", func(t *testing.T, dir string) {
			manifestedit.Edit(t, dir, func(m map[string]any) { m["days"] = 0 })
		}, []string{"manifest.json: days is 0, but the command line and scenario it records give 20"}},
		{"days 70000", func(t *testing.T, dir string) {
			manifestedit.Edit(t, dir, func(m map[string]any) { m["days"] = 70000 })
		}, []string{"manifest.json: days is 70000"}},
		{"seed -1", func(t *testing.T, dir string) {
			manifestedit.Edit(t, dir, func(m map[string]any) { m["seed"] = -1 })
		}, []string{"manifest.json: seed is -1"}},
		{"reps 3", func(t *testing.T, dir string) {
			manifestedit.Edit(t, dir, func(m map[string]any) { m["reps"] = 3 })
		}, []string{"manifest.json: reps is 3"}},
		{"command line written without a flag", func(t *testing.T, dir string) {
			// As a borderwork that wrote no --seed would have.
			manifestedit.Edit(t, dir, func(m map[string]any) {
				args := strings.Fields(m["command_line"].(string))
				for i, a := range args {
					if a == "--seed" {
						args = append(args[:i], args[i+2:]...)
						break
					}
				}
				m["command_line"] = strings.Join(args, " ")
			})
		}, []string{"manifest.json: command_line lacks --seed " + strconv.FormatInt(x.Seed(), 10) + ", which this binary writes for the same command"}},
		{"changed summary.csv unlisted", func(t *testing.T, dir string) {
			changeRow(t, filepath.Join(dir, "summary.csv"))
			manifestedit.Edit(t, dir, func(m map[string]any) {
				var kept []any
				for _, tb := range m["tables"].([]any) {
					if tb.(map[string]any)["file"] != "summary.csv" {
						kept = append(kept, tb)
					}
				}
				m["tables"] = kept
			})
		}, []string{"summary.csv is a table manifest.json does not list", "summary.csv:2 differs when rerun"}},
		{"summary.csv removed and unlisted", func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, "summary.csv")); err != nil {
				t.Fatal(err)
			}
			manifestedit.Edit(t, dir, func(m map[string]any) {
				var kept []any
				for _, tb := range m["tables"].([]any) {
					if tb.(map[string]any)["file"] != "summary.csv" {
						kept = append(kept, tb)
					}
				}
				m["tables"] = kept
			})
		}, []string{"summary.csv is missing from the folder"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := copyFolder(t, clean)
			c.change(t, dir)
			rep, err := experiment.Reproduce(context.Background(), dir, 2)
			if err != nil {
				t.Fatal(err)
			}
			if len(c.want) == 0 && len(rep.Problems) > 0 {
				t.Errorf("problems %q; want none", rep.Problems)
			}
			if len(c.want) > 0 && len(rep.Problems) == 0 {
				t.Errorf("no problems; want %q", c.want)
			}
			for _, w := range c.want {
				found := false
				for _, p := range rep.Problems {
					found = found || strings.Contains(p, w)
				}
				if !found {
					t.Errorf("problems %q; want one saying %q", rep.Problems, w)
				}
			}
		})
	}
}
