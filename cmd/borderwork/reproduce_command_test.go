package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/internal/foldertest"
	"github.com/borderwork/borderwork/internal/manifestedit"
)

// TestReproduceRefusesChangedCommand: a folder whose manifest's command
// was changed (a compare folder saying sweep, run, claim or validate)
// does not agree with itself, and reproduce refuses it as plot does,
// status 2, naming manifest.json and leaving the folder as it was. It
// was rerun as the other command, which failed (status 1, "the rerun
// failed: figure METRIC_vs_KEY: the manifest has no sweep section"),
// or panicked writing a sweep's report. Changed with its command line,
// a sweep without a sweep section is refused likewise.
func TestReproduceRefusesChangedCommand(t *testing.T) {
	t.Parallel()
	clean := filepath.Join(t.TempDir(), "clean")
	mustRun(t, "compare", small, "--reps", "2", "--days", "10", "--formats", "", "--out", clean)
	tests := []struct {
		command    string
		alsoInLine bool   // the command line changed to it too
		want       string // in stderr's last line, which names DIR/manifest.json
	}{
		{"sweep", false, "command_line does not agree with the fields it records: \"borderwork compare "},
		{"run", false, "is not a command line of borderwork run, the command it records; the manifest was changed"},
		{"claim", false, "is not a command line of borderwork claim, the command it records; the manifest was changed"},
		{"validate", false, "is not a command line of borderwork validate, the command it records; the manifest was changed"},
		{"sweep", true, "command is sweep, but there is no sweep section (the keys and points a sweep varies); the manifest was changed"},
	}
	for _, tt := range tests {
		name := tt.command
		if tt.alsoInLine {
			name += " in its command line too"
		}
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			if err := os.CopyFS(dir, os.DirFS(clean)); err != nil {
				t.Fatal(err)
			}
			manifestedit.Edit(t, dir, func(m map[string]any) {
				m["command"] = tt.command
				if tt.alsoInLine {
					m["command_line"] = strings.Replace(m["command_line"].(string), "borderwork compare ", "borderwork "+tt.command+" ", 1)
				}
			})
			before := foldertest.Files(t, dir)
			status, stdout, stderr := runCLI(t, "reproduce", "--quiet", dir)
			lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
			last, manifest := lines[len(lines)-1], filepath.Join(dir, "manifest.json")+": "
			if status != exitUsage || !strings.Contains(last, manifest) || !strings.Contains(last, tt.want) || stdout != "" {
				t.Errorf("status %d, stdout %q, stderr %q; want %d, nothing on stdout, and a last line naming %s with %q", status, stdout, stderr, exitUsage, manifest, tt.want)
			}
			foldertest.Same(t, dir, dir, before)
		})
	}
}

// TestPlotRefusesSweepWithoutSection: a compare folder whose command and
// command line were both changed to sweep has no sweep section to draw
// from; plot refuses it as bad input (status 2, naming manifest.json),
// leaving the folder as it was. It failed as a figure that could not be
// drawn, status 1.
func TestPlotRefusesSweepWithoutSection(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "out")
	mustRun(t, "compare", small, "--reps", "2", "--days", "10", "--formats", "", "--out", dir)
	manifestedit.Edit(t, dir, func(m map[string]any) {
		m["command"] = "sweep"
		m["command_line"] = strings.Replace(m["command_line"].(string), "borderwork compare ", "borderwork sweep ", 1)
	})
	before := foldertest.Files(t, dir)
	status, _, stderr := runCLI(t, "plot", dir)
	want := filepath.Join(dir, "manifest.json") + ": command is sweep, but there is no sweep section (the keys and points a sweep varies); the manifest was changed\n"
	if status != exitUsage || !strings.HasSuffix(stderr, want) || strings.Count(stderr, "\n") != 1 {
		t.Errorf("status %d, stderr %q; want %d and one line ending %q", status, stderr, exitUsage, want)
	}
	foldertest.Same(t, dir, dir, before)
}
