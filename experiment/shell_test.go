package experiment_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
)

// TestShellQuote: an argument is left as it is only when it holds
// nothing a POSIX shell treats specially; any other is put in single
// quotes, inside which a shell expands nothing ($HOME and `...` are
// themselves, not the home folder and a command's output; a newline is
// not the end of the command), and a single quote in it ends them, is
// written \' and starts them again.
func TestShellQuote(t *testing.T) {
	for _, c := range []struct{ arg, want string }{
		{"mali2012", "mali2012"},
		{"data/flee/mali2012", "data/flee/mali2012"},
		{"origins.Village.rate=0.5,1:2+3@4%", "origins.Village.rate=0.5,1:2+3@4%"},
		{"m$HOME", "'m$HOME'"},
		{"a`id`b", "'a`id`b'"},
		{"$(id)", "'$(id)'"},
		{"nl\nx", "'nl\nx'"},
		{"tab\tx", "'tab\tx'"},
		{"it's", `'it'\''s'`},
		{"'", `''\'''`},
		{"", "''"},
		{"a b", "'a b'"},
		{`say "hi"`, `'say "hi"'`},
		{`back\slash`, `'back\slash'`},
		{"~/x", "'~/x'"},
		{"*.toml", "'*.toml'"},
		{"a;rm -rf x", "'a;rm -rf x'"},
		{"Zürich", "'Zürich'"},
	} {
		if got := runs.ShellQuote(c.arg); got != c.want {
			t.Errorf("runs.ShellQuote(%q) = %q; want %q", c.arg, got, c.want)
		}
		if got := runs.ShellJoin([]string{"borderwork", c.arg}); got != "borderwork "+c.want {
			t.Errorf("runs.ShellJoin(borderwork, %q) = %q; want %q", c.arg, got, "borderwork "+c.want)
		}
	}
}

// hostileArgs are arguments a shell would read otherwise than as they
// are, were they not quoted.
var hostileArgs = [][]string{
	{"borderwork", "validate", "mali2012", "--data", "m$HOME", "--regime", "open"},
	{"borderwork", "run", "a`id`b", "--set", "title=$(id)", "--formats", ""},
	{"borderwork", "run", "nl\nx", "--set", "tab\tx", "--set", "cr\rx"},
	{"borderwork", "run", "it's", "--set", "'", "--set", "''", "--set", `'\''`},
	{"borderwork", "run", `say "hi"`, "--set", `"quoted"`, "--set", `back\slash`, "--set", `\`},
	{"borderwork", "compare", "  two  spaces ", "--set", "x --bands ci", "--bands", "ci"},
	{"borderwork", "sweep", "~/s.toml", "--vary", "a=1,2", "--set", "*?[]{}!#;&|<>()", "--set", "Zürich"},
	{"borderwork", "run", "", "", "--set", " "},
}

// TestShellWordsReadsShellJoin: ShellWords gives back the arguments
// runs.ShellJoin joined, however hostile; and so does a POSIX shell, which
// reads the command line a folder records when a user pastes it.
func TestShellWordsReadsShellJoin(t *testing.T) {
	sh, err := exec.LookPath("sh")
	for _, args := range hostileArgs {
		line := runs.ShellJoin(args)
		if got := experiment.ShellWords(line); !slices.Equal(got, args) {
			t.Errorf("ShellWords(%q) = %q; want %q", line, got, args)
		}
		if !experiment.SameCommandLine(line, line) {
			t.Errorf("SameCommandLine(%q, itself) = false", line)
		}
		if again := runs.ShellJoin(experiment.ShellWords(line)); again != line {
			t.Errorf("runs.ShellJoin(ShellWords(%q)) = %q; want it unchanged", line, again)
		}
		if err != nil {
			continue // no shell to ask
		}
		// printf prints each argument the shell gives it, NUL after each;
		// the command line's first word, borderwork, is printf's format's
		// place, so it is replaced.
		out, err := exec.Command(sh, "-c", `printf '%s\0' `+strings.TrimPrefix(line, "borderwork ")).Output()
		if err != nil {
			t.Errorf("sh -c printf %q: %v", line, err)
			continue
		}
		if got := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00"); !slices.Equal(got, args[1:]) {
			t.Errorf("sh reads %q as %q; want %q", line, got, args[1:])
		}
	}
	if err != nil {
		t.Logf("no sh (%v): the command lines were not given to a shell", err)
	}
}

// TestShellWordsReadsEarlierQuoting: the command lines an earlier
// borderwork recorded, which quoted an argument in Go's double quotes,
// give the arguments that command ran with, the same (SameCommandLine)
// as this borderwork's quoting of them.
func TestShellWordsReadsEarlierQuoting(t *testing.T) {
	for _, c := range []struct {
		line string
		want []string
	}{
		{`borderwork validate mali2012 --data "m$HOME" --regime open`, []string{"borderwork", "validate", "mali2012", "--data", "m$HOME", "--regime", "open"}},
		{`borderwork run "the case" --set "title=say \"hi\"" --formats ""`, []string{"borderwork", "run", "the case", "--set", `title=say "hi"`, "--formats", ""}},
		{`borderwork run "a\\b" --set "it's" --set "tab\tx"`, []string{"borderwork", "run", `a\b`, "--set", "it's", "--set", "tab\tx"}},
		{`borderwork run "x --bands ci" --bands ci`, []string{"borderwork", "run", "x --bands ci", "--bands", "ci"}},
		// A newline was not quoted: it is a character of its word.
		{"borderwork validate x --data nl\nx --regime open", []string{"borderwork", "validate", "x", "--data", "nl\nx", "--regime", "open"}},
		// A quote with no end is a character.
		{`borderwork run "a b`, []string{"borderwork", "run", `"a`, "b"}},
		{`borderwork run 'a b`, []string{"borderwork", "run", `'a`, "b"}},
	} {
		got := experiment.ShellWords(c.line)
		if !slices.Equal(got, c.want) {
			t.Errorf("ShellWords(%q) = %q; want %q", c.line, got, c.want)
		}
		if now := runs.ShellJoin(c.want); !experiment.SameCommandLine(c.line, now) {
			t.Errorf("SameCommandLine(%q, %q) = false; want true", c.line, now)
		}
	}
	for _, c := range [][2]string{
		{`borderwork run "a b"`, `borderwork run a b`},
		{`borderwork run "m$HOME"`, `borderwork run m/root`},
		{`borderwork run 'it'\''s'`, `borderwork run its`},
	} {
		if experiment.SameCommandLine(c[0], c[1]) {
			t.Errorf("SameCommandLine(%q, %q) = true; want false", c[0], c[1])
		}
	}
}
