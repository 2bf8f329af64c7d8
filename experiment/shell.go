package experiment

import (
	"slices"
	"strconv"
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

// ShellWords are the arguments of a command line as ShellJoin writes it,
// unquoted, as a shell reads them: a quoted argument holding spaces is
// one. It also reads the command lines an earlier borderwork recorded
// (before 2026-12-03), which quoted an argument in Go's double quotes
// ("a b", "m$HOME", "say \"hi\""): such a word is the argument Go's
// quoting gives back, the one that command ran with. Only a space
// separates words; a quote with no end is a character of its word.
func ShellWords(commandLine string) []string {
	words, _ := shellWords(commandLine)
	return words
}

// SameCommandLine says whether two command lines are of the same
// arguments (ShellWords), however each quotes them: one an earlier
// borderwork recorded in double quotes is the same as this one's.
func SameCommandLine(a, b string) bool {
	return slices.Equal(ShellWords(a), ShellWords(b))
}

// requoted is commandLine with its arguments (ShellWords) quoted as
// ShellJoin quotes them: a command line an earlier borderwork recorded in
// double quotes, inside which a shell expands $ and `, is given to the
// user to paste as this one quotes it. One ShellJoin wrote is unchanged.
func requoted(commandLine string) string {
	return ShellJoin(ShellWords(commandLine))
}

// shellWords are the words of commandLine (ShellWords) and where in it
// each starts.
func shellWords(commandLine string) (words []string, starts []int) {
	s := commandLine
	for i := 0; i < len(s); {
		if s[i] == ' ' {
			i++
			continue
		}
		starts = append(starts, i)
		var w strings.Builder
		for i < len(s) && s[i] != ' ' {
			switch s[i] {
			case '\'':
				if end := strings.IndexByte(s[i+1:], '\''); end >= 0 {
					w.WriteString(s[i+1 : i+1+end])
					i += end + 2
					continue
				}
			case '\\':
				if i+1 < len(s) {
					w.WriteByte(s[i+1])
					i += 2
					continue
				}
			case '"': // an earlier borderwork's quoting, Go's
				if q, err := strconv.QuotedPrefix(s[i:]); err == nil {
					u, _ := strconv.Unquote(q)
					w.WriteString(u)
					i += len(q)
					continue
				}
			}
			w.WriteByte(s[i])
			i++
		}
		words = append(words, w.String())
	}
	return words, starts
}
