package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestSummaryShowsOverrides: the summary every simulating command prints
// at a terminal names the --set overrides under its header, as check does,
// so that numbers unlike the scenario's own say why; without overrides it
// names none.
func TestSummaryShowsOverrides(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	const set = "seed=7"
	quiet := []string{"--formats", "", "--quiet"}
	tests := []struct {
		name  string
		setup []string
		args  []string
	}{
		{name: "run", args: append([]string{"run", small, "--regime", "closed", "--reps", "2", "--days", "20"}, quiet...)},
		{name: "compare", args: append([]string{"compare", small, "--reps", "2", "--days", "20", "--regimes", "open,closed"}, quiet...)},
		{name: "sweep", args: smallSweep("", quiet...)},
		{name: "sensitivity", args: smallSensitivity("", quiet...)},
		{name: "claim", args: append([]string{"claim", small, "--days", "40", "--reps", "3", "--max-reps", "3", "--own", "none"}, quiet...)},
		{name: "programme", args: append([]string{"programme", toyProgramme, "--days", "120", "--reps", "3", "--programme", "equip"}, quiet...)},
		{name: "validate flows", args: smallFlowValidation("", "--quiet")},
		{name: "validate flee", setup: []string{"import", "flee", "--out", at("tiny.toml"), fleeCase},
			args: append([]string{"validate", at("tiny.toml"), "--data", fleeCase, "--reps", "1"}, quiet...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.setup != nil {
				if status, _, stderr := runCLI(t, tt.setup...); status != 0 {
					t.Fatalf("%s: %s", strings.Join(tt.setup, " "), stderr)
				}
			}
			for i, sets := range [][]string{nil, {"--set", set}} {
				// --out last: the helpers' own --out "" is overridden.
				args := append(append(append([]string{}, tt.args...), sets...), "--out", at(strings.ReplaceAll(tt.name, " ", "-")+string(rune('a'+i))))
				status, stdout, stderr := runCLI(t, args...)
				if status != 0 {
					t.Fatalf("%s: status %d\n%s%s", strings.Join(args, " "), status, stdout, stderr)
				}
				header, _, _ := strings.Cut(stdout, "\n\n")
				want := "\nOverrides: " + set + ".\n"
				switch has := strings.Contains(header+"\n", want); {
				case sets == nil && strings.Contains(stdout, "Overrides:"):
					t.Errorf("without --set, the summary names overrides:\n%s", stdout)
				case sets != nil && !has:
					t.Errorf("with --set %s, the summary's header does not end in %q:\n%s", set, strings.TrimSpace(want), stdout)
				}
			}
		})
	}
}

// TestResumeShowsOverrides: a resumed sweep or sensitivity analysis
// names the overrides as the fresh command does: those given again with
// the whole command, or, for sweep --resume --out DIR alone, those DIR's
// manifest records.
func TestResumeShowsOverrides(t *testing.T) {
	t.Parallel()
	const set = "seed=7"
	for _, c := range []struct {
		name    string
		command func(out string, extra ...string) []string
		alone   bool
		cutAt   int
	}{
		{"sweep", smallSweep, false, 5},
		{"sweep alone", smallSweep, true, 5},
		{"sensitivity", smallSensitivity, false, 20},
	} {
		t.Run(c.name, func(t *testing.T) {
			cut := filepath.Join(t.TempDir(), "cut")
			status, _, stderr := runCLIInterrupted(t, c.cutAt, c.command(cut, "--workers", "2", "--set", set)...)
			if status != exitInterrupted {
				t.Fatalf("interrupted: status %d (%s)", status, stderr)
			}
			args := c.command(cut, "--workers", "2", "--set", set, "--resume")
			if c.alone {
				args = []string{"sweep", "--resume", "--out", cut, "--workers", "2"}
			}
			stdout := mustRun(t, args...)
			header, _, _ := strings.Cut(stdout, "\n\n")
			if want := "\nOverrides: " + set + ".\n"; !strings.Contains(header+"\n", want) {
				t.Errorf("the resumed %s's summary does not name %q under its header:\n%s", c.name, strings.TrimSpace(want), stdout)
			}
		})
	}
}
