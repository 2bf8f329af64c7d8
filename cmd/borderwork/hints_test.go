package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHintsFitTheMistake: the hint of an error fits what was mistyped:
// scenarios show takes no file, so its error says nothing of files, and
// given no NAME it lists the names; a
// misspelt subcommand of scenarios, or format of import, is named and
// guessed; a scenario's name given without show is shown the command; a bundled name given with .toml, where no such file is, is
// pointed at the bundled one; a folder that is not there is said not to
// exist, with the folder beside it that was meant, or the command that
// writes it and the folders there are. Each is status 2, one line, and writes nothing.
func TestHintsFitTheMistake(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	none := filepath.Join(dir, "none")
	// outs holds one output folder (as far as a hint looks: a
	// manifest.json) for a folder misspelt beside it to be guessed.
	outs := filepath.Join(dir, "earlier", "out")
	if err := os.MkdirAll(filepath.Join(outs, "compare-classroom"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outs, "compare-classroom", "manifest.json"), []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(outs, "compare-classroom", "figures"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		want    []string
		notWant string
	}{
		{"scenarios show, misspelt", []string{"scenarios", "show", "clasroom"},
			[]string{`no bundled scenario "clasroom"; did you mean classroom? (bundled: `}, ".toml"},
		{"scenarios show, NAME left out", []string{"scenarios", "show"},
			[]string{`show wants one NAME, got none: one of agadez, `, `classroom, `, `as in 'borderwork scenarios show classroom > my.toml'`}, "usage: borderwork scenarios [show NAME]"},
		{"scenarios show, two names", []string{"scenarios", "show", "classroom", "sahel"},
			[]string{`show wants one NAME, got "classroom sahel": one of agadez, `}, ""},
		{"scenarios, subcommand misspelt", []string{"scenarios", "shw", "classroom"},
			[]string{`unknown subcommand "shw"; did you mean show? (usage: borderwork scenarios [show NAME])`}, ""},
		{"scenarios NAME, show left out", []string{"scenarios", "sahel"},
			[]string{`unknown subcommand "sahel": 'borderwork scenarios show sahel' prints that scenario`}, ""},
		{"import, format misspelt", []string{"import", "fle", "../../data/flee/mali2012", "--out", out},
			[]string{`unknown format "fle"; did you mean flee? (usage: borderwork import flee `}, "want the format"},
		{"import, another format", []string{"import", "netlogo", "../../data/flee/mali2012", "--out", out},
			[]string{`unknown format "netlogo": import reads flee only (usage: `}, ""},
		{"a bundled name with .toml", []string{"compare", "classroom.toml", "--out", out},
			[]string{"classroom.toml: no such file or directory; the bundled scenario classroom is named without .toml"}, ""},
		{"a bundled name misspelt, still said of files", []string{"compare", "clasroom", "--out", out},
			[]string{"did you mean classroom?", "a file's name ends in .toml"}, ""},
		{"plot, no such folder", []string{"plot", none},
			[]string{"borderwork plot: " + none + " does not exist\n"}, "manifest.json"},
		{"reproduce, no such folder", []string{"reproduce", none},
			[]string{"borderwork reproduce: " + none + " does not exist\n"}, "manifest.json"},
		// A folder misspelt is guessed among the same command's folders
		// beside it; one not written yet is said to be a command's, with
		// the folders there are.
		{"plot, a folder misspelt", []string{"plot", filepath.Join(outs, "compare-clasroom")},
			[]string{"does not exist; did you mean " + filepath.Join(outs, "compare-classroom") + "?\n"}, "manifest.json"},
		{"plot, a folder misspelt in case", []string{"plot", filepath.Join(outs, "Compare-classroom")},
			[]string{"does not exist; did you mean " + filepath.Join(outs, "compare-classroom") + "?\n"}, "manifest.json"},
		{"reproduce, another command's folder not written", []string{"reproduce", filepath.Join(outs, "claim-classroom")},
			[]string{"claim-classroom does not exist (borderwork claim writes it for the scenario classroom; " + outs + " holds " + filepath.Join(outs, "compare-classroom") + ")\n"}, "did you mean"},
		{"plot, a folder inside an output folder", []string{"plot", filepath.Join(outs, "compare-classroom", "figures")},
			[]string{filepath.Join("compare-classroom", "figures") + " is not a borderwork output folder, but is inside one: give " + filepath.Join(outs, "compare-classroom") + "\n"}, ""},
		{"plot, a folder not written, relative", []string{"plot", "out/compare-nothing-here"},
			[]string{"borderwork plot: out/compare-nothing-here does not exist (borderwork compare writes it for the scenario nothing-here, when run in this folder)\n"}, "manifest.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, stderr := runCLI(t, tt.args...)
			if status != exitUsage || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
				t.Errorf("status %d, stderr %q; want 2 and one line", status, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q; want it to say %q", stderr, w)
				}
			}
			if tt.notWant != "" && strings.Contains(stderr, tt.notWant) {
				t.Errorf("stderr %q; want nothing of %q", stderr, tt.notWant)
			}
			for _, p := range []string{out, none} {
				if _, err := os.Stat(p); err == nil {
					t.Errorf("%s was written", p)
				}
			}
		})
	}
}
