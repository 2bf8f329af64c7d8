package output

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/internal/mdtest"
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
		{"closed", "`closed`"},         // no backtick
		{"we`ird", "``we`ird``"},       // one inside
		{"a```b`c", "````a```b`c````"}, // the longest run sets the fence
		{"`start", "`` `start ``"},     // at the start
		{"end`", "`` end` ``"},         // at the end
		{"``", "``` `` ```"},           // nothing else
		{" Agadez ", "`  Agadez  `"},   // a space at each end, which CommonMark would strip
		{" Agadez", "` Agadez`"},       // at one end, it does not
		{"  ", "`  `"},                 // nor of spaces only
		{"a | b", "`a | b`"},           // a span is not a table's cell: the caller escapes |
		{"Séguédine", "`Séguédine`"},
	} {
		got := CodeSpan(c.in)
		if got != c.want {
			t.Errorf("CodeSpan(%q) = %q; want %q", c.in, got, c.want)
		}
		if c.in == "" {
			continue // "``" is two backticks, no span: nothing to read back
		}
		if back := readCodeSpan(t, got); back != c.in {
			t.Errorf("CodeSpan(%q) = %q, which CommonMark reads as %q", c.in, got, back)
		}
	}
}

// readCodeSpan reads span, a whole code span, as CommonMark does
// (mdtest.CodeSpan); it fails if the span closes before its end or not at
// all.
func readCodeSpan(t *testing.T, span string) string {
	t.Helper()
	content, end, ok := mdtest.CodeSpan(span)
	switch {
	case !ok:
		t.Errorf("%q: the span does not close", span)
	case end != len(span):
		t.Errorf("%q: the span closes at byte %d, before its end", span, end)
	}
	return content
}

// blockMarker matches the start of a line that Markdown reads as other
// than a paragraph's text: a heading, a quote, a list item, a code
// fence, raw HTML (a tag's name ends at a blank, "/", ">" or the line's
// end), a thematic break, a link reference definition. It is written
// from CommonMark's spec, apart from the code it checks.
var blockMarker = regexp.MustCompile("^ {0,3}(#{1,6}([ \t]|$)|>|[-+*]([ \t]|$)|[0-9]{1,9}[.)]([ \t]|$)|```|~~~|<([!?/]|[A-Za-z][A-Za-z0-9-]*([ \t/>]|$))|([-*_][ \t]*){3,}$|\\[[^\\]]+\\]:)")

// TestLiteral: a name reads as itself wherever report.md puts it: as
// CommonMark unescapes it, it is the name (its control characters
// written as in C); on one line; no character of it left to be read as
// markup, at a line's start (blockMarker) or within it; and a name with
// nothing to escape is as it is.
func TestLiteral(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"closed", "closed"},
		{"hbm_strict", "hbm_strict"}, // inside a word, _ is no emphasis
		{"open-legal (2016)", "open-legal (2016)"},
		{"Séguédine", "Séguédine"},
		{"3.5", "3.5"},
		{`C:\data\dtm`, `C:\data\dtm`}, // a backslash before a letter escapes nothing
		{"_x_", `\_x\_`},
		{"a*b", `a\*b`},
		{"a|b", `a\|b`},
		{"we`ird", "we\\`ird"},
		{"# x", `\# x`},
		{"x #", `x \#`}, // a heading's closing sequence
		{"- x", `\- x`},
		{"+ x", `\+ x`},
		{"1. x", `1\. x`},
		{"12) x", `12\) x`},
		{"> x", `\> x`},
		{"---", `\---`},
		{"<b>x</b>", `\<b>x\</b>`},
		{"[x](y)", `\[x\](y)`},
		{"R&D", `R\&D`},
		{"~~x~~", `\~\~x\~\~`},
		{`a\*`, `a\\\*`},
		{`a\`, `a\\`}, // before a table's | that follows
		{"a\nb", `a\nb`},
		{"\x1b[31mred", `\x1b\[31mred`},
	} {
		got := Literal(c.in)
		if got != c.want {
			t.Errorf("Literal(%q) = %q; want %q", c.in, got, c.want)
		}
		if strings.ContainsAny(got, "\n\r") {
			t.Errorf("Literal(%q) = %q spans lines", c.in, got)
		}
		if back := mdtest.Unescape(got); back != controlEscaped(c.in) {
			t.Errorf("Literal(%q) = %q, which CommonMark reads as %q", c.in, got, back)
		}
		if blockMarker.MatchString(got) {
			t.Errorf("Literal(%q) = %q starts a block at the start of a line", c.in, got)
		}
		for i := range len(got) {
			if strings.IndexByte("`*[]<|#~&", got[i]) >= 0 && (i == 0 || got[i-1] != '\\') {
				t.Errorf("Literal(%q) = %q leaves %q unescaped", c.in, got, got[i])
			}
		}
	}
}

// TestProse: a scenario's description (a TOML string, which may hold
// line breaks) is one line of one paragraph: no line of it starts a
// heading, a list, a table's row or a code block; a marker at its start
// is escaped; the author's emphasis, links and code spans are kept.
func TestParagraphs(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"One line.", []string{"One line."}},
		{"Two lines\nof one paragraph.", []string{"Two lines of one paragraph."}},
		{"First.\n\nSecond.", []string{"First.", "Second."}},
		{"First.\r\n\r\nSecond\rgoes on.", []string{"First.", "Second goes on."}},
		{"\n\nFirst.\n \t\n\n# Second\n", []string{"First.", `\# Second`}},
		{"\n \n", nil},
	} {
		if got := Paragraphs(c.in); !slices.Equal(got, c.want) {
			t.Errorf("Paragraphs(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}

func TestProse(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"One line.", "One line."},
		{"*Emphasis*, `code` and [a link](https://iom.int) stay.", "*Emphasis*, `code` and [a link](https://iom.int) stay."},
		{"Intro\n# Heading\n- item\n| a | b |\n|---|---|\n```go\ncode\n```", "Intro # Heading - item | a | b | |---|---| ```go code ```"},
		{"# Title\nmore", `\# Title more`},
		{"- a\n- b", `\- a - b`},
		{"* a", `\* a`},
		{"1. first\n2. second", `1\. first 2. second`},
		{"> quoted\n> on", `\> quoted > on`},
		{"```\ncode\n```", "\\``` code ```"},
		{"~~~\ncode", `\~~~ code`},
		{"| a | b |\n|---|---|\n| 1 | 2 |", "| a | b | |---|---| | 1 | 2 |"}, // one line makes no table
		{"***", `\***`},
		{"- - -", `\- - -`},
		{"<div>x</div>", `\<div>x</div>`},
		{"<!-- x -->", `\<!-- x -->`},
		{"<https://iom.int> says", "<https://iom.int> says"}, // an autolink
		{"<desk@iom.int> says", "<desk@iom.int> says"},
		{"[a]: https://iom.int", `\[a]: https://iom.int`},
		{"#hashtag", `\#hashtag`},
		{"2016 was the year.", "2016 was the year."},
		{"   indented\n\n\tpara two  \n", "indented para two"},
		{"    code?", "code?"},
		{"a\r\nb\rc", "a b c"},
		{"line  \nbreak", "line break"},
		{"bell\x07", `bell\x07`},
		{"\n\n", ""},
		{"", ""},
	} {
		got := Prose(c.in)
		if got != c.want {
			t.Errorf("Prose(%q) = %q; want %q", c.in, got, c.want)
		}
		if strings.ContainsAny(got, "\n\r") {
			t.Errorf("Prose(%q) = %q spans lines", c.in, got)
		}
		if blockMarker.MatchString(got) {
			t.Errorf("Prose(%q) = %q starts a block at the start of a line", c.in, got)
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
