package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/gsa"
	"github.com/borderwork/borderwork/internal/foldertest"
	"github.com/borderwork/borderwork/internal/manifestedit"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// TestSensitivityResumeAloneChecksFirst: sensitivity --resume given only
// --out DIR (as sweep --resume takes it) looks at DIR before it sets up
// the default analysis it stands for. A DIR that is missing or empty
// holds nothing to resume: refused (status 2), not started afresh, as
// sweep --resume --out DIR refuses it; a DIR (or DIR.partial) of another
// analysis gets the message that the whole command is needed, another
// command's folder --resume's refusal. Each is said before anything is
// set up: the command runs with its context already ended, so that
// setting up would stop it as interrupted (status 130), and the answer
// must be the refusal; nothing is simulated, and the folder and what is
// beside it are left as they were.
func TestSensitivityResumeAloneChecksFirst(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	complete := filepath.Join(src, "complete")
	mustRun(t, smallSensitivity(complete, "--formats", "", "--quiet")...)
	cut := filepath.Join(src, "cut")
	if status, _, stderr := runCLIInterrupted(t, 20, smallSensitivity(cut, "--workers", "2", "--formats", "", "--quiet")...); status != exitInterrupted {
		t.Fatalf("interrupted analysis: status %d (%s)", status, stderr)
	}
	run := filepath.Join(src, "run")
	mustRun(t, "run", small, "--reps", "2", "--days", "10", "--formats", "", "--quiet", "--out", run)
	recorded := func(dir string) string {
		m, err := output.ReadManifest(dir)
		if err != nil {
			t.Fatal(err)
		}
		return m.CommandLine
	}
	// put copies the folder from to at, in parent.
	put := func(t *testing.T, from, parent, at string) {
		if err := os.CopyFS(filepath.Join(parent, at), os.DirFS(from)); err != nil {
			t.Fatal(err)
		}
	}
	const nothing = "holds no sensitivity analysis to resume (no manifest.json); sensitivity --resume needs the whole command, unlike sweep --resume: give the interrupted analysis's command (its message quoted it), or leave out --resume to start an analysis"
	for _, c := range []struct {
		name  string
		setup func(t *testing.T, parent string) // makes what is at parent/DIR
		want  string                            // the refusal, DIR for parent/DIR
	}{
		{"missing", func(*testing.T, string) {}, "--resume: DIR " + nothing},
		{"empty", func(t *testing.T, parent string) { os.Mkdir(filepath.Join(parent, "DIR"), 0o755) }, "--resume: DIR " + nothing},
		{"empty, beside an empty DIR.partial", func(t *testing.T, parent string) {
			os.Mkdir(filepath.Join(parent, "DIR"), 0o755)
			os.Mkdir(filepath.Join(parent, "DIR.partial"), 0o755)
		}, "--resume: DIR " + nothing},
		{"another analysis, complete", func(t *testing.T, parent string) { put(t, complete, parent, "DIR") },
			"--resume: sensitivity --resume needs the whole command, unlike sweep --resume; DIR holds a complete analysis, with nothing left to complete, written by: " + recorded(complete)},
		{"another analysis, interrupted", func(t *testing.T, parent string) { put(t, cut, parent, "DIR") },
			"--resume: sensitivity --resume needs the whole command, unlike sweep --resume; this completes DIR: " + recorded(cut) + " --out DIR --resume"},
		{"missing, another analysis interrupted beside it", func(t *testing.T, parent string) { put(t, cut, parent, "DIR.partial") },
			"--resume: sensitivity --resume needs the whole command, unlike sweep --resume; this completes DIR.partial: " + recorded(cut) + " --out DIR --resume"},
		{"another analysis, complete, and a rerun of it interrupted beside it", func(t *testing.T, parent string) {
			put(t, complete, parent, "DIR")
			put(t, cut, parent, "DIR.partial")
		}, "--resume: sensitivity --resume needs the whole command, unlike sweep --resume; this completes DIR.partial: " + recorded(cut) + " --out DIR --resume"},
		{"a run folder", func(t *testing.T, parent string) { put(t, run, parent, "DIR") },
			"--resume: DIR holds a run folder, not a sensitivity"},
	} {
		t.Run(c.name, func(t *testing.T) {
			parent := t.TempDir()
			c.setup(t, parent)
			dir := filepath.Join(parent, "DIR")
			before := foldertest.Files(t, parent)
			entries, _ := os.ReadDir(parent)
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			ctx = withEmitted(ctx, func(int) { t.Error("a run was simulated") })
			status, stdout, stderr := runCLIContext(ctx, t, "sensitivity", "--resume", "--out", dir, "--workers", "2")
			want := "borderwork sensitivity: " + strings.ReplaceAll(c.want, "DIR", dir) + "\n"
			if status != exitUsage || stderr != want || stdout != "" {
				t.Errorf("status %d, stdout %q, stderr\n%q\nwant 2, nothing on stdout, and\n%q", status, stdout, stderr, want)
			}
			foldertest.Same(t, "the folder to resume and what is beside it", parent, before)
			if after, _ := os.ReadDir(parent); len(after) != len(entries) {
				t.Errorf("%s held %d entries and holds %d", parent, len(entries), len(after))
			}
		})
	}

	// A folder of the default analysis, which the command given alone
	// stands for, passes: --resume goes on to set it up (and, its
	// context ended, stops there, writing nothing).
	s, err := scenarios.Load("")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Replicates = 2 // sensitivity's default, not the scenario's
	line, err := gsa.CommandLine(s, "", gsa.Spec{Method: gsa.Morris, Share: gsa.DefaultShare})
	if err != nil {
		t.Fatal(err)
	}
	for _, at := range []string{"DIR", "DIR.partial"} {
		t.Run("the default analysis at "+at, func(t *testing.T) {
			parent := t.TempDir()
			put(t, cut, parent, at)
			manifestedit.Edit(t, filepath.Join(parent, at), func(m map[string]any) { m["command_line"] = line })
			before := foldertest.Files(t, parent)
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			status, _, stderr := runCLIContext(ctx, t, "sensitivity", "--resume", "--out", filepath.Join(parent, "DIR"))
			if status != exitInterrupted || !strings.Contains(stderr, runs.ErrInterrupted.Error()) {
				t.Errorf("status %d, stderr %q; want the setting up begun, and interrupted", status, stderr)
			}
			foldertest.Same(t, "the folder to resume", parent, before)
		})
	}
}
