package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestReplacedSaysSo: a command that replaces an earlier folder of its own
// command and scenario run with another command line (other --reps, another
// --vary) says so after "Wrote", naming the earlier command line, on
// standard output (standard error with --json); a rerun of the same
// command line, or a new folder, says nothing of it.
func TestReplacedSaysSo(t *testing.T) {
	dir := t.TempDir()
	c := filepath.Join(dir, "c")
	s := filepath.Join(dir, "s")
	base := []string{"--days", "20", "--formats", "", "--quiet"}
	tests := []struct {
		name         string
		args         []string
		stdout       string // the note, on standard output ("" for none)
		stderr       string // the note, on standard error ("" for none)
		stdoutAbsent bool
	}{
		{"new folder", append([]string{"compare", small, "--reps", "2", "--out", c}, base...), "", "", true},
		{"the same command again", append([]string{"compare", small, "--reps", "2", "--out", c}, base...), "", "", true},
		{"other --reps", append([]string{"compare", small, "--reps", "3", "--out", c}, base...),
			"It replaced the earlier results in " + c + ", of: borderwork compare " + small + " --seed ", "", false},
		{"with --json", append([]string{"compare", small, "--reps", "2", "--out", c, "--json"}, base...),
			"", "It replaced the earlier results in " + c + ", of: borderwork compare " + small + " --seed ", true},
		{"sweep", append([]string{"sweep", small, "--reps", "2", "--vary", "posts.Gate.capacity=5:10:2", "--out", s}, base...), "", "", true},
		{"sweep of another key", append([]string{"sweep", small, "--reps", "2", "--vary", "posts.Gate.capacity=5:20:2", "--out", s}, base...),
			"It replaced the earlier results in " + s + ", of: borderwork sweep " + small, "", false},
	}
	for _, tt := range tests {
		status, stdout, stderr := runCLI(t, tt.args...)
		if status != 0 {
			t.Fatalf("%s: status %d\n%s%s", tt.name, status, stdout, stderr)
		}
		if tt.stdout != "" && !strings.Contains(stdout, tt.stdout) {
			t.Errorf("%s: standard output\n%s\nwants %q", tt.name, stdout, tt.stdout)
		}
		if tt.stderr != "" && !strings.Contains(stderr, tt.stderr) {
			t.Errorf("%s: standard error\n%s\nwants %q", tt.name, stderr, tt.stderr)
		}
		if tt.stdoutAbsent && strings.Contains(stdout, "It replaced") {
			t.Errorf("%s: standard output says it replaced something:\n%s", tt.name, stdout)
		}
		if tt.stderr == "" && strings.Contains(stderr, "It replaced") {
			t.Errorf("%s: standard error says it replaced something:\n%s", tt.name, stderr)
		}
	}
}
