package output

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/borderwork/borderwork/internal/words"
)

// FormatCount writes a number for people to read: thousands separated,
// whole numbers from 100 on, one decimal below, "-" for NaN. Tables keep
// exact values; this is for printed summaries and reports.
func FormatCount(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	if math.Abs(v) < 100 {
		return fmt.Sprintf("%.1f", v)
	}
	return words.Group(fmt.Sprintf("%.0f", v))
}

// FormatValue writes a parameter's value for people to read: three
// significant digits below 100 ("0.83", "0.003"), a whole number with its
// thousands separated from 100 on ("2,397"), never an exponent (which
// %g would write for 2397: "2.4e+03"); "-" for NaN.
func FormatValue(v float64) string {
	switch {
	case math.IsNaN(v):
		return "-"
	case math.IsInf(v, 0) || math.Abs(v) >= 100:
		return FormatCount(v)
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 3, 64), 64)
	if math.Abs(r) >= 100 { // 99.96 rounds up to 100
		return FormatCount(r)
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// FormatStat writes a mean with its 95% half-width: "1,234 ± 56".
func FormatStat(s Stat) string {
	if math.IsNaN(s.HalfWidth) {
		return FormatCount(s.Mean)
	}
	return FormatCount(s.Mean) + " ± " + FormatCount(s.HalfWidth)
}

// Capitalise upper-cases the first letter of s.
func Capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// JoinAnd joins items as a sentence does: "a", "a and b", "a, b and c".
func JoinAnd(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// A report.md quotes what a scenario's author or a command line chose:
// names (of a scenario, a regime, a location, a post, a programme, a
// key), prose (a scenario's title, description and sources, a
// programme's description), paths, --set values and command lines. Each
// goes through one of the functions below, whatever it holds, so that
// it reads as itself and cannot end the span, cell, line or paragraph it
// stands in, or start a heading, a list or a code block:
//
//   - CodeSpan: as code (a name shown as `name`);
//   - TextSpan: as code, its control characters escaped (a path, a
//     --set value);
//   - CommandSpan: a command line, as TextSpan, said whether it pastes;
//   - Literal (Literals): as text (a name in a heading, a table or a
//     sentence);
//   - Prose: as the text of one paragraph, on one line, its author's
//     emphasis, links and code spans kept (a title, a description).

// CodeSpan is s as a Markdown code span, as report.md quotes a command
// line or a name: fenced by one more backtick than the longest run of
// them in s (a shell argument or a name may hold one), with a space
// inside each fence when s starts or ends with one, or starts and ends
// with a space, as CommonMark reads it back. s holds no line break (a
// name cannot; TextSpan escapes one).
func CodeSpan(s string) string {
	longest, run := 0, 0
	for _, c := range s {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	// CommonMark strips one space from each end of a span that starts
	// and ends with one: a padding space keeps " x " as it is.
	spaced := strings.HasPrefix(s, " ") && strings.HasSuffix(s, " ") && strings.Trim(s, " ") != ""
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") || spaced {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// NotCopyable follows a command line CommandSpan could not show as it is.
const NotCopyable = " (not copyable: an argument holds a line break or another control character, which Markdown cannot show, written here as in C, `\\n` for a line break and `\\\\` for a backslash; manifest.json's `command_line` holds the exact line, which `borderwork reproduce` reruns)"

// CommandSpan is a command line as a report quotes it: a code span
// (CodeSpan) that pastes into a shell, or, when the line holds a control
// character but tab, its TextSpan followed by NotCopyable. POSIX sh
// (dash) has no quoting of a line break but the line break itself
// ($'\n' is bash's), which a span cannot hold.
func CommandSpan(line string) string {
	span, escaped := TextSpan(line)
	if escaped {
		return span + NotCopyable
	}
	return span
}

// TextSpan is s as a code span (CodeSpan), but for a control character
// other than tab, in s, which Markdown reads as a space or as the end of
// the span and its paragraph (a line break before a blank line, "# " or
// "- "), or does not show: then every one is written with a C escape
// (\n, \r, \x1b), and a backslash as \\, and escaped is true. A path
// or a --set value a report quotes may hold one.
func TextSpan(s string) (span string, escaped bool) {
	if !strings.ContainsFunc(s, unshowable) {
		return CodeSpan(s), false
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case unshowable(r):
			writeC(&b, r)
		default:
			b.WriteRune(r)
		}
	}
	return CodeSpan(b.String()), true
}

// unshowable says whether r does not show in a code span as itself.
func unshowable(r rune) bool { return r != '\t' && unicode.IsControl(r) }

// writeC writes r, a control character, with its C escape: \n, \r,
// \x1b.
func writeC(b *strings.Builder, r rune) {
	switch r {
	case '\n':
		b.WriteString(`\n`)
	case '\r':
		b.WriteString(`\r`)
	default:
		fmt.Fprintf(b, `\x%02x`, r) // C0, DEL and C1: at most 0x9f
	}
}

// controlEscaped is s with each control character but tab written with
// its C escape (writeC), and its backslashes as they are: text, unlike
// a span (TextSpan), is not read back.
func controlEscaped(s string) string {
	if !strings.ContainsFunc(s, unshowable) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unshowable(r) {
			writeC(&b, r)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Literal is s, a name or a path of the user's, as Markdown text that
// reads as s wherever it stands (a heading, a table's cell, a sentence,
// the start of a line): each character Markdown would read as markup is
// escaped with a backslash (emphasis, a code span, a link, raw HTML, an
// entity, a column of a table, a heading, a list item, a quote), a
// control character written with its C escape (\n). A name of letters,
// digits, spaces, hyphens, dots and parentheses, and an underscore
// between letters ("hbm_strict"), is as it is.
func Literal(s string) string {
	s = controlEscaped(s)
	first := blockStart(s)
	var b strings.Builder
	for i, r := range s {
		if i == first || isMarkup(s, i) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Literals are names, each as Literal writes it.
func Literals(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = Literal(n)
	}
	return out
}

// isMarkup says whether the character at s[i] may be read as markup
// anywhere in a line of Markdown (blockStart: at its start).
func isMarkup(s string, i int) bool {
	switch s[i] {
	case '`', '*', '[', ']', '<', '|', '#', '~', '&':
		return true
	case '_': // emphasis only at a word's edge
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+1:])
		return !wordRune(before) || !wordRune(after)
	case '\\': // an escape only before punctuation, or before what follows s
		return i+1 == len(s) || isASCIIPunct(s[i+1])
	}
	return false
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// isASCIIPunct says whether c is ASCII punctuation: what a backslash
// escapes in CommonMark.
func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

// Prose is s, prose of the user's (a scenario's title or description,
// a source), as the text of one Markdown paragraph on one line: its
// lines (a TOML string may hold several) joined with a space, as
// Markdown joins the lines of a paragraph, so that none starts a
// heading, a list, a quote, a table or a code block; a block's marker
// at its start escaped with a backslash (blockStart); a control
// character written with its C escape. Emphasis, links and code spans
// within it are its author's and are kept. A one-line text without
// such a marker at its start or blanks at its ends is as it is.
func Prose(s string) string {
	var lines []string
	for _, l := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if l = strings.Trim(l, " \t"); l != "" {
			lines = append(lines, l)
		}
	}
	s = controlEscaped(strings.Join(lines, " "))
	if i := blockStart(s); i >= 0 {
		return s[:i] + `\` + s[i:]
	}
	return s
}

// Paragraphs is s, prose of the user's, as Markdown paragraphs: its
// paragraphs (runs of lines between blank lines, as Markdown reads a
// TOML description's) each as Prose makes it, empty ones left out. A
// description written in paragraphs keeps them.
func Paragraphs(s string) []string {
	var paras []string
	var lines []string
	flush := func() {
		if p := Prose(strings.Join(lines, "\n")); p != "" {
			paras = append(paras, p)
		}
		lines = lines[:0]
	}
	for _, l := range strings.Split(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"), "\n") {
		if strings.Trim(l, " \t") == "" {
			flush()
			continue
		}
		lines = append(lines, l)
	}
	flush()
	return paras
}

// linkDefinition is the start of a link reference definition ("[a]: "),
// which would take a paragraph that begins with it away.
var linkDefinition = regexp.MustCompile(`^\[([^\]\\]|\\.)+\]:`)

// htmlTag is what follows "<" in raw HTML that starts a block: a tag
// ("<div", "</p"), a comment, a declaration or an instruction; not an
// autolink's scheme ("<https:") or an address ("<a@b.org>").
var htmlTag = regexp.MustCompile(`^<([!?/]|[A-Za-z][A-Za-z0-9+.-]*([^A-Za-z0-9+.:@-]|$))`)

// blockStart is the index in s of the character to escape so that s,
// at the start of a line, starts no block but a paragraph: the marker
// of a heading ("# "), a quote (">"), a list item ("- ", "+ ", "* ",
// "1. ", "1) "), a thematic break ("---"), a code fence ("```", "~~~"),
// raw HTML ("<div>") or a link reference definition ("[a]: b"); -1 if
// none. Leading blanks are passed over, as Markdown passes over up to
// three.
func blockStart(s string) int {
	i := len(s) - len(strings.TrimLeft(s, " \t"))
	rest := s[i:]
	if rest == "" {
		return -1
	}
	item := func(j int) bool { return j == len(rest) || rest[j] == ' ' || rest[j] == '\t' }
	switch c := rest[0]; {
	case c == '#' || c == '>':
		return i
	case (c == '-' || c == '+' || c == '*') && item(1):
		return i
	case thematicBreak(rest):
		return i
	case strings.HasPrefix(rest, "```") || strings.HasPrefix(rest, "~~~"):
		return i
	case c == '<' && htmlTag.MatchString(rest):
		return i
	case c == '[' && linkDefinition.MatchString(rest):
		return i
	}
	digits := len(rest) - len(strings.TrimLeft(rest, "0123456789"))
	if digits > 0 && digits <= 9 && digits < len(rest) && (rest[digits] == '.' || rest[digits] == ')') && item(digits+1) {
		return i + digits // "1\. " is no list item
	}
	return -1
}

// thematicBreak says whether line is a thematic break: three or more of
// one of "-", "*", "_", and blanks.
func thematicBreak(line string) bool {
	marks := strings.NewReplacer(" ", "", "\t", "").Replace(line)
	return len(marks) >= 3 && strings.Count(marks, marks[:1]) == len(marks) && strings.Contains("-*_", marks[:1])
}
