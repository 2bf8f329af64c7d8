package main

// TestTeachingCommands runs every command of docs/TEACHING.md, the guide for
// a class, so that the guide cannot drift from the tool.
//
// How the guide is read:
//
//   - Commands are the lines starting with "borderwork " inside fenced
//     ```sh blocks. A line ending in a backslash continues on the next line;
//     an unquoted "#" that starts a word begins a comment. Other lines of a
//     sh block (go build, go test, cd, ...) are setup for a real terminal
//     and are not run here.
//   - Arguments are split as a simple shell would: whitespace, single and
//     double quotes, backslash escapes. "> FILE" sends the command's stdout
//     to FILE. Any other shell syntax (pipes, ";", "&", "<", "$", globs) is
//     an error, so that the guide stays simple to type and simple to test.
//   - Files students edit by hand are written in the guide as the lines to
//     add: an HTML comment "<!-- append to FILE -->" (invisible once the
//     Markdown is rendered; the prose beside it tells students what to do)
//     followed by a fenced block whose content is appended to FILE. FILE
//     must already exist, made by an earlier command (typically
//     "borderwork scenarios show classroom > FILE"), exactly as students
//     would add the lines to their own copy.
//
// Every command runs in order, in process (run), in a temporary working
// directory, so relative paths such as my.toml and out/... land there. Each
// must exit with status 0. Afterwards every output file the guide names
// (out/NAME/figures/X.png, out/NAME/report.md, ...) must exist, and what
// the guide says the folders show must hold in them (guideResults, in
// teaching_results_test.go). The guide must also have between 5 and 8
// "## Exercise" headings.
//
// The test changes the working directory (t.Chdir), so it must not run in
// parallel with other tests; it does not call t.Parallel.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const teachingGuide = "../../docs/TEACHING.md"

// teachingStep is one thing the guide asks students to do, in order: run a
// command, or append lines to a file.
type teachingStep struct {
	line int // line of the guide where the step starts

	// A command: its arguments after "borderwork", and the file its stdout
	// is redirected to ("" for none).
	args   []string
	stdout string
	text   string // the command as written, for messages

	// An edit: content appended to file.
	appendTo string
	content  string
}

var appendMarker = regexp.MustCompile(`^<!--\s*append to\s+(\S+)\s*-->$`)

// parseTeachingGuide returns the guide's steps and its number of exercise
// headings.
func parseTeachingGuide(text string) ([]teachingStep, int, error) {
	var (
		steps      []teachingStep
		exercises  int
		inFence    bool
		fenceLang  string
		fenceStart int
		block      []string
		pendingApp string // file named by an append marker, waiting for its block
		pendingAt  int
		cont       strings.Builder // a command continued with a backslash
		contStart  int
	)
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for i, raw := range lines {
		n := i + 1
		trimmed := strings.TrimSpace(raw)
		if !inFence {
			switch {
			case strings.HasPrefix(trimmed, "```"):
				inFence, fenceLang, fenceStart, block = true, strings.TrimSpace(strings.TrimPrefix(trimmed, "```")), n, nil
			case strings.HasPrefix(trimmed, "## Exercise"):
				exercises++
			case appendMarker.MatchString(trimmed):
				if pendingApp != "" {
					return nil, 0, fmt.Errorf("line %d: append marker for %s has no fenced block before the next marker", pendingAt, pendingApp)
				}
				pendingApp, pendingAt = appendMarker.FindStringSubmatch(trimmed)[1], n
			case strings.HasPrefix(trimmed, "<!--") && strings.Contains(trimmed, "append"):
				return nil, 0, fmt.Errorf("line %d: malformed append marker %q (want <!-- append to FILE -->)", n, trimmed)
			}
			continue
		}
		if trimmed != "```" {
			block = append(block, raw)
			if fenceLang == "sh" {
				if err := addShellLine(raw, n, &cont, &contStart, &steps); err != nil {
					return nil, 0, err
				}
			}
			continue
		}
		// The fence closes.
		inFence = false
		if cont.Len() > 0 {
			return nil, 0, fmt.Errorf("line %d: the block ends inside a continued command", contStart)
		}
		if pendingApp != "" {
			if fenceLang == "sh" {
				return nil, 0, fmt.Errorf("line %d: the block after the append marker for %s is a sh block, not the lines to add", fenceStart, pendingApp)
			}
			steps = append(steps, teachingStep{line: fenceStart, appendTo: pendingApp, content: strings.Join(block, "\n") + "\n"})
			pendingApp = ""
		}
	}
	switch {
	case inFence:
		return nil, 0, fmt.Errorf("line %d: fenced block never closed", fenceStart)
	case pendingApp != "":
		return nil, 0, fmt.Errorf("line %d: append marker for %s is not followed by a fenced block", pendingAt, pendingApp)
	}
	return steps, exercises, nil
}

// addShellLine handles one line of a sh block: it continues or ends a
// command, and adds the command to steps when it starts with borderwork.
func addShellLine(raw string, n int, cont *strings.Builder, contStart *int, steps *[]teachingStep) error {
	line := strings.TrimRight(raw, " \t")
	if cont.Len() == 0 {
		*contStart = n
	}
	if strings.HasSuffix(line, `\`) {
		cont.WriteString(strings.TrimSuffix(line, `\`))
		cont.WriteString(" ")
		return nil
	}
	cont.WriteString(line)
	full := strings.TrimSpace(cont.String())
	cont.Reset()
	if !strings.HasPrefix(full, "borderwork ") && full != "borderwork" {
		return nil // setup for a real terminal, or a comment
	}
	words, stdout, err := splitCommand(full)
	if err != nil {
		return fmt.Errorf("line %d: %q: %v", *contStart, full, err)
	}
	*steps = append(*steps, teachingStep{line: *contStart, args: words[1:], stdout: stdout, text: strings.Join(strings.Fields(full), " ")})
	return nil
}

// splitCommand splits a command line as a simple shell would, and returns
// its words and the file named by a "> FILE" redirection.
func splitCommand(s string) (words []string, stdout string, err error) {
	var (
		cur      strings.Builder
		inWord   bool // cur holds a word, perhaps an empty quoted one
		redirect bool // the next word is the redirection's file
	)
	end := func() error {
		if !inWord {
			return nil
		}
		w := cur.String()
		cur.Reset()
		inWord = false
		if redirect {
			if stdout != "" {
				return errors.New("more than one redirection")
			}
			stdout, redirect = w, false
			return nil
		}
		words = append(words, w)
		return nil
	}
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == ' ' || r == '\t':
			if err := end(); err != nil {
				return nil, "", err
			}
		case r == '#' && !inWord:
			i = len(rs) // a comment runs to the end of the line
		case r == '\'':
			j := i + 1
			for j < len(rs) && rs[j] != '\'' {
				j++
			}
			if j == len(rs) {
				return nil, "", errors.New("unterminated single quote")
			}
			cur.WriteString(string(rs[i+1 : j]))
			inWord, i = true, j
		case r == '"':
			j := i + 1
			for ; j < len(rs) && rs[j] != '"'; j++ {
				if rs[j] == '$' || rs[j] == '`' {
					return nil, "", fmt.Errorf("%q inside double quotes is not supported", rs[j])
				}
				if rs[j] == '\\' && j+1 < len(rs) && strings.ContainsRune("\"\\", rs[j+1]) {
					j++
				}
				cur.WriteRune(rs[j])
			}
			if j == len(rs) {
				return nil, "", errors.New("unterminated double quote")
			}
			inWord, i = true, j
		case r == '\\':
			if i+1 == len(rs) {
				return nil, "", errors.New("backslash at the end of the command")
			}
			i++
			cur.WriteRune(rs[i])
			inWord = true
		case r == '>':
			if err := end(); err != nil {
				return nil, "", err
			}
			if redirect || (i+1 < len(rs) && rs[i+1] == '>') {
				return nil, "", errors.New("only a single > redirection is supported")
			}
			redirect = true
		case strings.ContainsRune("|&;<$`()*?[]{}~", r):
			return nil, "", fmt.Errorf("unsupported shell syntax %q", r)
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if err := end(); err != nil {
		return nil, "", err
	}
	if redirect {
		return nil, "", errors.New("> without a file")
	}
	return words, stdout, nil
}

// guidePaths are output files the guide tells students to open.
var guidePaths = regexp.MustCompile(`\bout/[A-Za-z0-9_.-]+/(?:figures/[A-Za-z0-9_]+\.(?:png|svg|pdf)|report\.md|[a-z_]+\.csv|manifest\.json|scenario\.toml)`)

func TestTeachingCommands(t *testing.T) {
	data, err := os.ReadFile(teachingGuide)
	if err != nil {
		t.Fatal(err)
	}
	steps, exercises, err := parseTeachingGuide(string(data))
	if err != nil {
		t.Fatalf("%s: %v", teachingGuide, err)
	}
	if exercises < 5 || exercises > 8 {
		t.Errorf("%s has %d \"## Exercise\" headings, want 5 to 8", teachingGuide, exercises)
	}
	commands := 0
	for _, s := range steps {
		if s.appendTo == "" {
			commands++
		}
	}
	if commands < 10 {
		t.Fatalf("%s: found only %d borderwork commands in ```sh blocks; is the parser or the guide broken?", teachingGuide, commands)
	}

	dir := t.TempDir()
	t.Chdir(dir) // restored when the test ends
	ctx := context.Background()
	for _, s := range steps {
		if s.appendTo != "" {
			t.Logf("TEACHING.md:%d: append %d lines to %s", s.line, strings.Count(s.content, "\n"), s.appendTo)
			f, err := os.OpenFile(s.appendTo, os.O_WRONLY|os.O_APPEND, 0)
			if err != nil {
				t.Fatalf("TEACHING.md:%d: the guide adds lines to %s, which no earlier command made: %v", s.line, s.appendTo, err)
			}
			_, err = f.WriteString(s.content)
			if err := errors.Join(err, f.Close()); err != nil {
				t.Fatal(err)
			}
			continue
		}
		t.Logf("TEACHING.md:%d: %s", s.line, s.text)
		var stdout, stderr bytes.Buffer
		status := run(ctx, s.args, &stdout, &stderr)
		if status != 0 {
			t.Fatalf("TEACHING.md:%d: %s\nexit status %d, want 0\nstderr:\n%s", s.line, s.text, status, stderr.String())
		}
		if s.stdout != "" {
			if err := os.WriteFile(s.stdout, stdout.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}

	seen := map[string]bool{}
	for _, p := range guidePaths.FindAllString(string(data), -1) {
		if seen[p] {
			continue
		}
		seen[p] = true
		if _, err := os.Stat(filepath.FromSlash(p)); err != nil {
			t.Errorf("the guide names %s, but no command of the guide wrote it", p)
		}
	}
	checkGuideResults(t, string(data))
}

// TestSplitCommand pins the shell-like splitting the guide relies on.
func TestSplitCommand(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in     string
		words  []string
		stdout string
		bad    bool
	}{
		{in: "borderwork compare classroom --reps 3", words: []string{"borderwork", "compare", "classroom", "--reps", "3"}},
		{in: "borderwork scenarios show classroom > my.toml", words: []string{"borderwork", "scenarios", "show", "classroom"}, stdout: "my.toml"},
		{in: "borderwork scenarios show classroom >my.toml  # a copy", words: []string{"borderwork", "scenarios", "show", "classroom"}, stdout: "my.toml"},
		{in: `borderwork compare --set 'regimes.x.description=a b' --set "title=say \"hi\"" --formats ""`, words: []string{"borderwork", "compare", "--set", "regimes.x.description=a b", "--set", `title=say "hi"`, "--formats", ""}},
		{in: `borderwork check a\ b.toml`, words: []string{"borderwork", "check", "a b.toml"}},
		{in: "borderwork check x#y.toml", words: []string{"borderwork", "check", "x#y.toml"}},
		{in: "borderwork compare | head", bad: true},
		{in: "borderwork compare > a > b", bad: true},
		{in: "borderwork compare >> a", bad: true},
		{in: "borderwork compare 'open", bad: true},
		{in: "borderwork compare out/*", bad: true},
		{in: "borderwork compare >", bad: true},
	} {
		words, stdout, err := splitCommand(c.in)
		if c.bad {
			if err == nil {
				t.Errorf("splitCommand(%q) = %q, %q; want an error", c.in, words, stdout)
			}
			continue
		}
		if err != nil || fmt.Sprintf("%q", words) != fmt.Sprintf("%q", c.words) || stdout != c.stdout {
			t.Errorf("splitCommand(%q) = %q, %q, %v; want %q, %q", c.in, words, stdout, err, c.words, c.stdout)
		}
	}
}
