package output

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"

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

// CodeSpan is s as a Markdown code span, as report.md quotes a command
// line: fenced by one more backtick than the longest run of them in s
// (a shell argument may hold one), with a space inside each fence when s
// starts or ends with one, as CommonMark reads it back.
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
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
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
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case unshowable(r):
			fmt.Fprintf(&b, `\x%02x`, r) // C0, DEL and C1: at most 0x9f
		default:
			b.WriteRune(r)
		}
	}
	return CodeSpan(b.String()), true
}

// unshowable says whether r does not show in a code span as itself.
func unshowable(r rune) bool { return r != '\t' && unicode.IsControl(r) }
