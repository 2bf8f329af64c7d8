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
