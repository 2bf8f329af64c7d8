package main

import (
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/internal/mdtest"
)

const cliDoc = "../../docs/CLI.md"

// TestCLIDocumentsEveryFlag keeps docs/CLI.md true to the commands: each
// command has a section with its usage line, each flag it accepts has a
// row there giving the flag's default, and no row names a flag the
// command does not accept.
func TestCLIDocumentsEveryFlag(t *testing.T) {
	t.Parallel()
	doc := readCLIDoc(t)
	for _, c := range commands() {
		t.Run(c.name, func(t *testing.T) {
			fs := commandFlags(t, c)
			heading := "### `borderwork " + c.name + "`"
			sec, ok := mdtest.Section(doc, heading)
			if !ok {
				t.Fatalf("%s has no section %q", cliDoc, heading)
			}
			if !strings.Contains(sec, "\n"+fs.usageLine+"\n") {
				t.Errorf("%s, %s: the usage line %q is missing", cliDoc, heading, fs.usageLine)
			}
			rows := flagRows(sec)
			fs.VisitAll(func(f *flag.Flag) {
				row := rowOf(rows, f.Name)
				if row == "" {
					t.Errorf("%s, %s: no row for --%s", cliDoc, heading, f.Name)
					return
				}
				if want := documentedDefault(f); want != "" && !strings.Contains(row, want) {
					t.Errorf("%s, %s: the row of --%s does not give its default %s:\n%s", cliDoc, heading, f.Name, want, row)
				}
			})
			for _, r := range rows {
				if fs.Lookup(r.name) == nil {
					t.Errorf("%s, %s: documents --%s, which %s does not accept", cliDoc, heading, r.name, c.name)
				}
			}
		})
	}
}

// TestCLIDocumentsOnlyCommands catches a section left behind by a command
// that was removed or renamed.
func TestCLIDocumentsOnlyCommands(t *testing.T) {
	t.Parallel()
	doc := readCLIDoc(t)
	known := map[string]bool{}
	for _, c := range commands() {
		known[c.name] = true
	}
	for _, m := range regexp.MustCompile("(?m)^### `borderwork ([a-z-]+)`$").FindAllStringSubmatch(doc, -1) {
		if !known[m[1]] {
			t.Errorf("%s documents a command %q that borderwork does not have", cliDoc, m[1])
		}
	}
}

// TestCLICommandTable keeps the table of commands at the top of
// docs/CLI.md true to the command list "borderwork help" prints: every
// command, in the same order, with the same summary, linked to its section.
func TestCLICommandTable(t *testing.T) {
	t.Parallel()
	doc := readCLIDoc(t)
	sec, ok := mdtest.Section(doc, "## Usage")
	if !ok {
		t.Fatalf("%s has no section ## Usage", cliDoc)
	}
	row := regexp.MustCompile("(?m)^\\| \\[`([a-z-]+)`\\]\\(#([a-z-]+)\\) \\| (.*) \\|$")
	var got []string
	for _, m := range row.FindAllStringSubmatch(sec, -1) {
		got = append(got, m[1])
		if m[2] != "borderwork-"+m[1] {
			t.Errorf("%s: the row of %s links to #%s; want #borderwork-%s", cliDoc, m[1], m[2], m[1])
		}
		if !strings.Contains(doc, "\n### `borderwork "+m[1]+"`\n") {
			t.Errorf("%s: the row of %s links to a section it does not have", cliDoc, m[1])
		}
		for _, c := range commands() {
			if c.name == m[1] && c.summary != m[3] {
				t.Errorf("%s: %s is %q in the table, %q in borderwork help", cliDoc, m[1], m[3], c.summary)
			}
		}
	}
	var want []string
	for _, c := range commands() {
		want = append(want, c.name)
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s's table of commands lists %v; want those borderwork help lists, in its order: %v", cliDoc, got, want)
	}
}

func TestCLIDocumentsExitStatuses(t *testing.T) {
	t.Parallel()
	sec, ok := mdtest.Section(readCLIDoc(t), "## Exit statuses")
	if !ok {
		t.Fatalf("%s has no section on exit statuses", cliDoc)
	}
	for _, status := range []int{exitOK, exitFailure, exitUsage, exitInterrupted} {
		if !strings.Contains(sec, "\n| "+strconv.Itoa(status)+" | ") {
			t.Errorf("%s does not explain exit status %d", cliDoc, status)
		}
	}
}

func readCLIDoc(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(cliDoc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// commandFlags returns the flags a command accepts: asked for help, a
// command makes its flag set, prints its usage and stops.
func commandFlags(t *testing.T, c command) *flagSet {
	t.Helper()
	e := &env{stdout: io.Discard, stderr: io.Discard}
	if err := c.run(context.Background(), []string{"--help"}, e); !errors.Is(err, flag.ErrHelp) {
		t.Fatalf("%s --help = %v; want flag.ErrHelp", c.name, err)
	}
	if e.flags == nil {
		t.Fatalf("%s made no flag set", c.name)
	}
	return e.flags
}

type flagRow struct{ name, text string }

// flagRows returns the rows of a section's flag table, in order.
func flagRows(sec string) []flagRow {
	var rows []flagRow
	for _, m := range regexp.MustCompile("(?m)^\\| `--([a-z-]+)[ `].*$").FindAllStringSubmatch(sec, -1) {
		rows = append(rows, flagRow{name: m[1], text: m[0]})
	}
	return rows
}

func rowOf(rows []flagRow, name string) string {
	for _, r := range rows {
		if r.name == name {
			return r.text
		}
	}
	return ""
}

// documentedDefault is what a flag's row must say of its default: the
// default in backticks, or nothing where it is empty, off or 0 (the
// scenario's value, as the usage text says).
func documentedDefault(f *flag.Flag) string {
	switch {
	case f.Name == "workers":
		return "the number of CPUs" // runtime.NumCPU(), which differs between machines
	case f.DefValue == "" || f.DefValue == "false" || f.DefValue == "0":
		return ""
	}
	return "`" + f.DefValue + "`"
}
