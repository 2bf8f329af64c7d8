// Package mdtest reads Markdown back for tests: the part of a document
// under a heading (Section), for tests that keep the docs true, and, as
// CommonMark does, a code span (CodeSpan) and backslash escapes
// (Unescape), for tests that check that report.md shows user text as
// written. The latter are written from the spec (0.31), apart from the
// code they check (output.CodeSpan, output.Literal).
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

// Section returns the text of doc after the line heading (written with
// its #s, as "## Runs"), from that line's end up to the next heading of
// level 2 or 3, for tests that check what one part of a document says; ok
// is false when doc has no such line.
func Section(doc, heading string) (section string, ok bool) {
	i := strings.Index(doc, "\n"+heading+"\n")
	if i < 0 {
		return "", false
	}
	sec := doc[i+len(heading)+1:]
	for _, next := range []string{"\n## ", "\n### "} {
		if j := strings.Index(sec, next); j >= 0 {
			sec = sec[:j]
		}
	}
	return sec, true
}
