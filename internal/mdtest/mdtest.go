// Package mdtest reads Markdown back as CommonMark does, for tests that
// check that report.md shows user text as written: a code span (CodeSpan)
// and backslash escapes (Unescape). It is written from the spec (0.31),
// apart from the code it checks (output.CodeSpan, output.Literal).
package mdtest

import "strings"

// CodeSpan reads the code span at the start of text (spec 6.1): an
// opening run of n backticks, closed by the next run of exactly n, one
// space stripped from each end of what it holds when it starts and ends
// with one and is not only spaces. end is the byte after the closing run;
// ok is false when text starts no span or the span does not close.
func CodeSpan(text string) (content string, end int, ok bool) {
	n := len(text) - len(strings.TrimLeft(text, "`"))
	if n == 0 {
		return "", 0, false
	}
	rest := text[n:]
	for i := 0; i < len(rest); {
		if rest[i] != '`' {
			i++
			continue
		}
		j := i
		for j < len(rest) && rest[j] == '`' {
			j++
		}
		if j-i == n {
			content := rest[:i]
			if len(content) >= 2 && content[0] == ' ' && content[len(content)-1] == ' ' && strings.Trim(content, " ") != "" {
				content = content[1 : len(content)-1]
			}
			return content, n + j, true
		}
		i = j
	}
	return "", 0, false
}

// Unescape reads text's backslash escapes (spec 2.4): a backslash before
// ASCII punctuation stands for that character.
func Unescape(text string) string {
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		if text[i] == '\\' && i+1 < len(text) && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", text[i+1]) >= 0 {
			i++
		}
		b.WriteByte(text[i])
	}
	return b.String()
}
