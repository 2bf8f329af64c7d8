package experiment_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/manifestedit"
	"github.com/borderwork/borderwork/output"
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

// TestReproduceEditedCommandLine: a folder whose command_line was edited
// by hand is rerun from the manifest's fields, and Reproduce says so: the
// command it reports is the one rerun, not the edited one, and the
// problem names the flag and the field, in the words plot uses, or,
// where no field says which, gives both command lines.
func TestReproduceEditedCommandLine(t *testing.T) {
	x := comparePlan(t, classroom(t, 2, 20))
	clean := filepath.Join(t.TempDir(), "clean")
	if _, err := experiment.Write(context.Background(), x, clean, experiment.Options{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	m, err := output.ReadManifest(clean)
	if err != nil {
		t.Fatal(err)
	}
	seed := strconv.FormatInt(x.Seed(), 10)
	regimes := "--regimes " + strings.Join(x.Regimes, ",")
	const disagrees = "manifest.json: command_line does not agree with the fields it records: "
	tests := []struct {
		name, from, to, want string
	}{
		{"another seed", "--seed " + seed, "--seed 7", disagrees + "it gives --seed 7, the manifest's seed " + seed},
		{"other days", "--days 20", "--days 21", disagrees + "it gives --days 21, the manifest's days 20"},
		{"other regimes", regimes, "--regimes open,hbm", disagrees + "they give '" + m.CommandLine + "', the command line '" + strings.Replace(m.CommandLine, regimes, "--regimes open,hbm", 1) + "'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(m.CommandLine, tt.from) {
				t.Fatalf("command_line %q has no %q", m.CommandLine, tt.from)
			}
			dir := copyFolder(t, clean)
			manifestedit.Edit(t, dir, func(m map[string]any) {
				m["command_line"] = strings.Replace(m["command_line"].(string), tt.from, tt.to, 1)
			})
			rep, err := experiment.Reproduce(context.Background(), dir, 2)
			if err != nil {
				t.Fatal(err)
			}
			if rep.CommandLine != m.CommandLine {
				t.Errorf("reran %q; want the command of the manifest's fields, %q", rep.CommandLine, m.CommandLine)
			}
			if len(rep.Problems) != 1 || rep.Problems[0] != tt.want {
				t.Errorf("problems %q; want only %q", rep.Problems, tt.want)
			}
		})
	}
}

// TestReproduceOtherBundledArg: a folder whose scenario_arg names another
// bundled scenario than its scenario_source (edited by hand, or written
// by a program before Start refused such an Arg) is refused as bad input
// in words about the manifest; the rerun's refusal spoke to the program
// that wrote the folder ("give the argument that loads the scenario
// run").
func TestReproduceOtherBundledArg(t *testing.T) {
	x := comparePlan(t, classroom(t, 2, 20))
	dir := filepath.Join(t.TempDir(), "f")
	if _, err := experiment.Write(context.Background(), x, dir, experiment.Options{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	manifestedit.Edit(t, dir, func(m map[string]any) { m["scenario_arg"] = "sahel" })
	_, err := experiment.Reproduce(context.Background(), dir, 2)
	want := filepath.Join(dir, "manifest.json") + ": scenario_arg sahel names the bundled scenario sahel, but scenario_source says the folder ran classroom"
	if !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), want) {
		t.Errorf("Reproduce = %v; want bad input saying %q", err, want)
	}
}
