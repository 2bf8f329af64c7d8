package runs

import (
	"strings"
)

// ShellQuote quotes an argument for a POSIX shell (sh, bash, zsh) when it
// needs it: one of only letters, digits and -_./=,:+@% is left as it is;
// any other, and the empty one, is put in single quotes, inside which a
// shell expands nothing ($HOME, `cmd`, \, a newline are themselves), and
// a single quote in it ends them, is written \' and starts them again. A
// double-quoted one would not do: a shell expands $ and ` inside double
// quotes.
func ShellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(c rune) bool {
		return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("-_./=,:+@%", c))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// ScenarioWord is a scenario argument as a command line records it: a
// path starting with "-" (given after --) as ./-NAME, the same file, so
// that the line, pasted, does not read it as a flag. No bundled
// scenario's name starts with "-".
func ScenarioWord(arg string) string {
	if strings.HasPrefix(arg, "-") {
		return "./" + arg
	}
	return arg
}

// ShellJoin joins arguments into a command a POSIX shell reads back the
// same, quoting those that need it (ShellQuote), one space between them:
// the command lines borderwork records and prints.
func ShellJoin(args []string) string {
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = ShellQuote(a)
	}
	return strings.Join(quoted, " ")
}
