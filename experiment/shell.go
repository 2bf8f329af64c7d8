package experiment

import (
	"slices"
	"strconv"
	"strings"

	"github.com/borderwork/borderwork/experiment/runs"
)

// ShellWords are the arguments of a command line as runs.ShellJoin writes it,
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
// runs.ShellJoin quotes them: a command line an earlier borderwork recorded in
// double quotes, inside which a shell expands $ and `, is given to the
// user to paste as this one quotes it. One runs.ShellJoin wrote is unchanged.
func requoted(commandLine string) string {
	return runs.ShellJoin(ShellWords(commandLine))
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
