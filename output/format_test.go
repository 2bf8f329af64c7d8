package output

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

func TestFormatCount(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{
		{math.NaN(), "-"},
		{0, "0.0"},
		{99.94, "99.9"},
		{-12.25, "-12.2"},
		{100, "100"},
		{1234.5, "1,234"}, // half to even, as fmt rounds
		{-1234567.4, "-1,234,567"},
		{96012345, "96,012,345"},
	} {
		if got := FormatCount(c.v); got != c.want {
			t.Errorf("FormatCount(%v) = %q, want %q", c.v, got, c.want)
		}
	}
}

func TestFormatValue(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{
		{math.NaN(), "-"},
		{0, "0"},
		{0.8312, "0.831"},
		{0.003, "0.003"},
		{0.0000123456, "0.0000123"},
		{-0.25, "-0.25"},
		{21.54, "21.5"},
		{99.96, "100"},
		{392.2, "392"},
		{2397.4, "2,397"},
		{3000, "3,000"},
		{-1234567, "-1,234,567"},
	} {
		if got := FormatValue(c.v); got != c.want {
			t.Errorf("FormatValue(%v) = %q, want %q", c.v, got, c.want)
		}
	}
}

func TestCodeSpan(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"borderwork run classroom", "`borderwork run classroom`"},
		{"borderwork run 'cl `x` it'", "``borderwork run 'cl `x` it'``"},
		{"a ``b`` c", "```a ``b`` c```"},
		{"`x`", "`` `x` ``"},
		{"", "``"},
	} {
		if got := CodeSpan(c.in); got != c.want {
			t.Errorf("CodeSpan(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}

// TestCommandSpan: a command line is quoted in a code span as it is when
// a span shows it as it is; one holding a line break or another control
// character, which broke report.md's span (a blank line or "# " after a
// line break ends it) or showed as a space, is one line of C escapes,
// said not to be copyable, that unescapes to the line exactly.
func TestCommandSpan(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"borderwork run classroom", "`borderwork run classroom`"},
		{"borderwork run 'cl `x` it'", "``borderwork run 'cl `x` it'``"},
		{"borderwork run 'a\tb'", "`borderwork run 'a\tb'`"},  // a tab shows
		{`borderwork run 'a\nb'`, "`borderwork run 'a\\nb'`"}, // a backslash alone is as it is
		{"borderwork run 'x\ny/s.toml'", "`borderwork run 'x\\ny/s.toml'`" + NotCopyable},
		{"borderwork run 'x\n\n# y'", "`borderwork run 'x\\n\\n# y'`" + NotCopyable},
		{"borderwork run 'a\\n\nb'", "`borderwork run 'a\\\\n\\nb'`" + NotCopyable},
		{"borderwork run 'a\r\x1b\x7f\u0085`'", "``borderwork run 'a\\r\\x1b\\x7f\\x85`'``" + NotCopyable},
	} {
		got := CommandSpan(c.in)
		if got != c.want {
			t.Errorf("CommandSpan(%q) = %q; want %q", c.in, got, c.want)
		}
		if strings.ContainsAny(got, "\n\r") {
			t.Errorf("CommandSpan(%q) = %q spans lines", c.in, got)
		}
		span, escaped := strings.CutSuffix(got, NotCopyable)
		span = strings.Trim(span, "`")
		if escaped {
			span = unescapeC(t, span)
		}
		if span != c.in {
			t.Errorf("CommandSpan(%q) = %q reads back as %q", c.in, got, span)
		}
	}
}

// unescapeC reads back the escapes CommandSpan writes.
func unescapeC(t *testing.T, s string) string {
	t.Helper()
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		switch i++; s[i] {
		case '\\':
			b.WriteByte('\\')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 'x':
			n, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
			if err != nil {
				t.Fatalf("%q: %v", s, err)
			}
			b.WriteRune(rune(n))
			i += 2
		default:
			t.Fatalf("%q: unknown escape \\%c", s, s[i])
		}
	}
	return b.String()
}
