package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReproduceJSON: reproduce --json prints one document that says what
// the lines say, with the same exit status: a clean folder reproduced
// (ok, what was checked, the command rerun, the performance); a folder
// with a table edited (not ok, the MISMATCH lines' problems, status 1);
// a folder whose scenario.toml no longer loads (not rerun, the error and
// what the folder's own checks found, status 2).
func TestReproduceJSON(t *testing.T) {
	t.Parallel()
	clean := filepath.Join(t.TempDir(), "clean")
	mustRun(t, "run", small, "--reps", "2", "--days", "10", "--formats", "svg", "--out", clean)
	copyOf := func(change func(dir string)) string {
		dir := filepath.Join(t.TempDir(), "out")
		if err := os.CopyFS(dir, os.DirFS(clean)); err != nil {
			t.Fatal(err)
		}
		change(dir)
		return dir
	}
	rewrite := func(dir, name, from, to string) {
		p := filepath.Join(dir, name)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), from) {
			t.Fatalf("%s holds no %q", name, from)
		}
		if err := os.WriteFile(p, []byte(strings.Replace(string(b), from, to, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		name   string
		dir    string
		status int
	}{
		{"clean", clean, 0},
		{"a table edited", copyOf(func(dir string) { rewrite(dir, "summary.csv", "\n", "\n\n") }), exitFailure},
		{"scenario.toml no longer loads", copyOf(func(dir string) { rewrite(dir, "scenario.toml", "days = 10", `days = "ten"`) }), exitUsage},
	} {
		t.Run(c.name, func(t *testing.T) {
			status, stdout, _ := runCLI(t, "reproduce", "--quiet", "--json", c.dir)
			var doc reproduceJSON
			if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
				t.Fatalf("status %d, stdout not JSON: %v\n%s", status, err, stdout)
			}
			_, lines, _ := runCLI(t, "reproduce", "--quiet", c.dir)
			var mismatches []string
			for _, l := range strings.Split(lines, "\n") {
				if p, ok := strings.CutPrefix(l, "MISMATCH "); ok {
					mismatches = append(mismatches, p)
				}
			}
			if status != c.status {
				t.Errorf("status %d; want %d", status, c.status)
			}
			if doc.Folder != c.dir || doc.OK != (c.status == 0) || doc.Reran != (c.status != exitUsage) {
				t.Errorf("folder %q, ok %v, reran %v; want %q, %v, %v", doc.Folder, doc.OK, doc.Reran, c.dir, c.status == 0, c.status != exitUsage)
			}
			if strings.Join(doc.Problems, "\n") != strings.Join(mismatches, "\n") {
				t.Errorf("problems %q; the MISMATCH lines say %q", doc.Problems, mismatches)
			}
			if (c.status != 0) != (len(doc.Problems) > 0) {
				t.Errorf("status %d with %d problems", status, len(doc.Problems))
			}
			switch c.status {
			case exitUsage:
				if doc.Command != "" || doc.Performance != nil || !strings.Contains(doc.Error, "scenario.toml") {
					t.Errorf("a failed rerun: command %q, performance %v, error %q", doc.Command, doc.Performance, doc.Error)
				}
			default:
				want, _, _ := strings.Cut(strings.TrimPrefix(lines, "Reran: "), "\n")
				if doc.Command != want || doc.Error != "" || doc.Performance == nil || doc.Performance.AgentSteps == 0 {
					t.Errorf("command %q (the lines say %q), error %q, performance %+v", doc.Command, want, doc.Error, doc.Performance)
				}
				if doc.Tables == 0 || doc.FigureFiles == 0 || !doc.Report {
					t.Errorf("checked %d tables, %d figure files, report %v; want some of each", doc.Tables, doc.FigureFiles, doc.Report)
				}
			}
		})
	}
}
