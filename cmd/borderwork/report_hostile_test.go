package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/internal/mdtest"
)

// hostileName, hostileRegime and hostileDescription are a scenario's
// name, a regime's name and a description that would each break a
// report.md written as they are: backticks in and at the edge of a
// name shown in a code span, a "|" in a table's cell, a "#" that closes
// a heading, and a description whose lines would start a heading, a
// list, a table, a code block and a quote.
const (
	hostileName        = "`sm``all | *x* #"
	hostileRegime      = "str|ct`"
	hostileTitle       = "A *hostile*\n# title"
	hostileDescription = "First line.\n# Not a heading\n- not a list\n| not | a table |\n|---|---|\n```\nnot code\n```\n> not a quote\n\t1. not a number\n"
	hostileSource      = "# a source\n- and its second line"
)

// TestReportMarkdownHostileText: compare and claim on a scenario whose
// name, regime, title, description and source hold what Markdown reads
// as markup write a report.md that reads as intended: its only headings
// are its own, the description is one line of the header's paragraph,
// the name reads back from its code span and its heading, every table
// keeps its columns, the regime reads back from its cells; and
// reproduce matches each byte for byte, as plot leaves compare's.
func TestReportMarkdownHostileText(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile(small)
	if err != nil {
		t.Fatal(err)
	}
	toml := strings.Replace(string(src), `name = "small"`, "name = '''"+hostileName+"'''\n"+
		`title = """`+hostileTitle+`"""`+"\n"+
		`description = """`+"\n"+hostileDescription+`"""`+"\n"+
		`sources = ["""`+hostileSource+`"""]`, 1)
	toml = strings.Replace(toml, "[regimes.strict]", "[regimes.'"+hostileRegime+"']", 1)
	dir := t.TempDir()
	scenario := filepath.Join(dir, "hostile.toml")
	if err := os.WriteFile(scenario, []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}

	t.Run("compare", func(t *testing.T) {
		out := filepath.Join(dir, "compare")
		mustRun(t, "compare", scenario, "--reps", "2", "--days", "10", "--regimes", "open,"+hostileRegime, "--formats", "svg", "--out", out, "--quiet")
		report, err := os.ReadFile(filepath.Join(out, "report.md"))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(report), "\n")
		headings := wellFormed(t, lines)

		const h1 = "# borderwork compare: "
		want := []string{"## What was run", "## Results", "## Figures", "## Reading these results", "## Sources of the scenario"}
		if len(headings) != len(want)+1 || !strings.HasPrefix(headings[0], h1) || strings.Join(headings[1:], "\n") != strings.Join(want, "\n") {
			t.Errorf("report.md's headings are\n%s\nwant %q and\n%s", strings.Join(headings, "\n"), h1+"NAME", strings.Join(want, "\n"))
		} else if got := mdtest.Unescape(headings[0][len(h1):]); got != hostileName {
			t.Errorf("report.md's heading %q reads as the name %q; want %q", headings[0], got, hostileName)
		}

		// The title and description: one line, then a blank one.
		if len(lines) < 4 || lines[3] != "" {
			t.Fatalf("report.md's header paragraph is not one line:\n%s", strings.Join(lines[:min(8, len(lines))], "\n"))
		}
		para := lines[2]
		for _, w := range []string{"A *hostile* # title.", "First line.", "Not a heading", "not a list", "| not | a table |", "not code", "not a quote", "1. not a number"} {
			if !strings.Contains(para, w) {
				t.Errorf("report.md's header paragraph %q does not hold %q", para, w)
			}
		}

		// The name, read back from its code span by CommonMark's rule.
		scen := lineWith(t, lines, "- Scenario: ")
		if got := readSpan(t, strings.TrimPrefix(scen, "- Scenario: ")); got != hostileName {
			t.Errorf("%q: its code span reads as %q; want %q", scen, got, hostileName)
		}

		// The results table: the regimes read as their names.
		head := indexOf(lines, lineWith(t, lines, "|regime|"))
		var regimes []string
		for _, l := range lines[head+2:] {
			if !strings.HasPrefix(l, "|") {
				break
			}
			regimes = append(regimes, mdtest.Unescape(splitRow(l)[0]))
		}
		if strings.Join(regimes, ",") != "open,"+hostileRegime {
			t.Errorf("report.md's results table has the rows of %q; want open and %q", regimes, hostileRegime)
		}

		// The source: one item.
		sources := lines[indexOf(lines, "## Sources of the scenario")+1:]
		if items := strings.Join(sources, "\n"); items != "\n- \\# a source - and its second line\n" {
			t.Errorf("report.md's sources are %q; want one item", items)
		}

		// reproduce reruns from the folder's scenario.toml, which holds
		// the description, and compares report.md byte for byte; plot
		// writes it again from the tables.
		if stdout := mustRun(t, "reproduce", out); !strings.Contains(stdout, "and report.md reproduced byte for byte") {
			t.Errorf("reproduce: %s", stdout)
		}
		mustRun(t, "plot", out) // in the formats the folder records
		if again, err := os.ReadFile(filepath.Join(out, "report.md")); err != nil || string(again) != string(report) {
			t.Errorf("plot wrote report.md again differently (%v):\n%s", err, again)
		}
	})

	t.Run("claim", func(t *testing.T) {
		out := filepath.Join(dir, "claim")
		mustRun(t, "claim", scenario, "--days", "10", "--reps", "3", "--max-reps", "3", "--formats", "svg", "--out", out, "--quiet")
		report, err := os.ReadFile(filepath.Join(out, "report.md"))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(report), "\n")
		wellFormed(t, lines)
		header := lineWith(t, lines, "Scenario ")
		if got := readSpan(t, strings.TrimPrefix(header, "Scenario ")); got != hostileName {
			t.Errorf("%q: its code span reads as %q; want %q", header, got, hostileName)
		}
		// The regime's rows: against the closed cell, the failing one.
		head := indexOf(lines, lineWith(t, lines, "|regime against|"))
		var against []string
		for _, l := range lines[head+2:] {
			if !strings.HasPrefix(l, "|") {
				break
			}
			if c := mdtest.Unescape(splitRow(l)[0]); !slices.Contains(against, c) {
				against = append(against, c)
			}
		}
		if want := hostileRegime + "-closed," + hostileRegime + "-malfunctioning"; strings.Join(against, ",") != want {
			t.Errorf("report.md's own regimes are %q; want %s", against, want)
		}
		if stdout := mustRun(t, "reproduce", out); !strings.Contains(stdout, "and report.md reproduced byte for byte") {
			t.Errorf("reproduce: %s", stdout)
		}
	})
}

// wellFormed checks the lines of a report.md that quotes hostile text
// and returns its headings: no line starts a quote, a code block, a
// numbered list or raw HTML; no heading holds the title, description
// or source; every row of a table has its header's cells.
func wellFormed(t *testing.T, lines []string) []string {
	t.Helper()
	heading := regexp.MustCompile(`^ {0,3}#{1,6}([ \t]|$)`)
	other := regexp.MustCompile("^ {0,3}(>|```|~~~|[0-9]{1,9}[.)]([ \t]|$)|<[A-Za-z/!?]|\t| {4})")
	var headings []string
	cells := 0 // of the table's header, 0 outside a table
	for i, l := range lines {
		if heading.MatchString(l) {
			headings = append(headings, l)
			for _, w := range []string{"title", "heading", "source"} {
				if strings.Contains(l, w) {
					t.Errorf("report.md line %d, a heading, holds %q of the scenario's text: %q", i+1, w, l)
				}
			}
		}
		if other.MatchString(l) {
			t.Errorf("report.md line %d starts a quote, a code block, a numbered list or raw HTML: %q", i+1, l)
		}
		switch {
		case !strings.HasPrefix(l, "|"):
			cells = 0
		case cells == 0:
			cells = len(splitRow(l))
		case len(splitRow(l)) != cells:
			t.Errorf("report.md line %d, a table's row, has %d cells; its header %d: %q", i+1, len(splitRow(l)), cells, l)
		}
	}
	return headings
}

// lineWith is the first line that starts with prefix.
func lineWith(t *testing.T, lines []string, prefix string) string {
	t.Helper()
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	t.Fatalf("report.md has no line starting %q", prefix)
	return ""
}

func indexOf(lines []string, line string) int {
	for i, l := range lines {
		if l == line {
			return i
		}
	}
	return -1
}

// splitRow splits a table's row at its unescaped "|", as GitHub's
// tables do, leaving out the empty ends.
func splitRow(row string) []string {
	var cells []string
	start := 0
	for i := 0; i < len(row); i++ {
		switch row[i] {
		case '\\':
			i++
		case '|':
			cells = append(cells, row[start:i])
			start = i + 1
		}
	}
	cells = append(cells, row[start:])
	return cells[1 : len(cells)-1]
}

// readSpan reads the code span at the start of text as CommonMark does
// (mdtest.CodeSpan).
func readSpan(t *testing.T, text string) string {
	t.Helper()
	content, _, ok := mdtest.CodeSpan(text)
	if !ok {
		t.Fatalf("%q: no code span starts it, or it does not close", text)
	}
	return content
}
