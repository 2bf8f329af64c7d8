package main

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// checkMistakes are the mistakes of docs/TEACHING.md's table "When check
// finds a mistake", each as an edit of the guide's my.toml (the classroom
// scenario with the guide's second crossing appended): the text replaced
// and its replacement.
var checkMistakes = map[string][2]string{
	"a misspelt key, `capacty = 5`":                        {"capacity = 5\n", "capacty = 5\n"},
	"a number in quotes, `capacity = \"5\"`":               {"capacity = 5\n", "capacity = \"5\"\n"},
	"a share written as a percentage, `documented = 30`":   {"documented = 0.3 ", "documented = 30  "},
	"a misspelt place, `to = \"Frod\"` in a link":          {"to = \"Ford\"", "to = \"Frod\""},
	"a kind that does not exist, `kind = \"town\"`":        {"kind = \"hub\" ", "kind = \"town\""},
	"a border location with no `[[posts]]` entry":          {"[[posts]]\nname = \"FordPost\"\nlocation = \"Ford\"\ncapacity = 5\n", ""},
	"a post without its `capacity` line":                   {"capacity = 5\n", ""},
	"a missing closing quote, `name = \"Ford`":             {"name = \"Ford\"\n", "name = \"Ford\n"},
	"curly quotes from a \"smart\" editor, `kind = “hub”`": {"kind = \"hub\" ", "kind = “hub”"},
}

// TestTeachingCheckMessages: the guide's table of check's messages is
// what check prints, word for word, for each mistake made in the guide's
// own my.toml; and the table lists exactly the mistakes above.
func TestTeachingCheckMessages(t *testing.T) {
	raw, err := os.ReadFile(teachingGuide)
	if err != nil {
		t.Fatal(err)
	}
	guide := string(raw)
	_, section, ok := strings.Cut(guide, "### When check finds a mistake")
	if !ok {
		t.Fatal("the guide has no section \"When check finds a mistake\"")
	}
	rows := map[string]string{}
	var order []string
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(strings.Trim(line, "| "), " | ")
		if !strings.HasPrefix(line, "| ") || len(cells) != 2 || cells[0] == "mistake" || strings.HasPrefix(cells[0], "---") {
			continue
		}
		rows[cells[0]] = strings.Trim(cells[1], "`")
		order = append(order, cells[0])
	}
	var known []string
	for m := range checkMistakes {
		known = append(known, m)
	}
	slices.Sort(known)
	listed := slices.Clone(order)
	slices.Sort(listed)
	if !slices.Equal(listed, known) {
		t.Fatalf("the guide's table lists\n%q\nthe test knows how to make\n%q", listed, known)
	}

	// my.toml as the guide makes it: the classroom scenario, then the
	// lines it appends.
	_, classroom, _ := runCLI(t, "scenarios", "show", "classroom")
	_, after, ok := strings.Cut(guide, "<!-- append to my.toml -->")
	if !ok {
		t.Fatal("the guide appends nothing to my.toml")
	}
	_, block, _ := strings.Cut(after, "```toml\n")
	block, _, _ = strings.Cut(block, "```")
	mine := classroom + block
	t.Chdir(t.TempDir())
	for _, mistake := range order {
		edit := checkMistakes[mistake]
		if strings.Count(mine, edit[0]) != 1 {
			t.Errorf("%s: %q is not once in my.toml", mistake, edit[0])
			continue
		}
		if err := os.WriteFile("my.toml", []byte(strings.Replace(mine, edit[0], edit[1], 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		status, _, stderr := runCLI(t, "check", "my.toml")
		if got := strings.TrimPrefix(strings.TrimSpace(stderr), "borderwork check: "); status != 2 || got != rows[mistake] {
			t.Errorf("%s: check prints (status %d)\n\t%s\nthe guide says\n\t%s", mistake, status, got, rows[mistake])
		}
	}
}

// TestCheckListsEveryProblem: as docs/TEACHING.md says, check lists
// every mistake of a file, one a line under their count, whether found
// reading it (misspelt keys) or checking its values; it never answers
// "borderwork check lists them all", which sends the reader to itself.
// compare names the first and says check lists the rest.
func TestCheckListsEveryProblem(t *testing.T) {
	_, classroom, _ := runCLI(t, "scenarios", "show", "classroom")
	tests := []struct {
		what  string
		edits [][2]string
		want  []string
	}{
		{"two misspelt keys", [][2]string{{"capacity = 15 ", "capacty = 15  "}, {"capacity = 100 ", "capacty = 100  "}},
			[]string{"posts.capacty: unknown key", "centres.capacty: unknown key"}},
		{"two values out of range", [][2]string{{"documented = 0.3 ", "documented = 30  "}, {"capacity = 15 ", "capacity = -1 "}},
			[]string{"origins.Village.documented: must be a share", "posts.Post.capacity: must be a number in [0, 1000000000]"}},
	}
	t.Chdir(t.TempDir())
	for _, tt := range tests {
		text := classroom
		for _, e := range tt.edits {
			if strings.Count(text, e[0]) != 1 {
				t.Fatalf("%s: %q is not once in the classroom scenario", tt.what, e[0])
			}
			text = strings.Replace(text, e[0], e[1], 1)
		}
		if err := os.WriteFile("my.toml", []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		status, _, stderr := runCLI(t, "check", "my.toml")
		lines := strings.Split(strings.TrimSpace(stderr), "\n")
		if status != 2 || lines[0] != "borderwork check: my.toml has 2 problems:" || len(lines) != 3 || strings.Contains(stderr, "lists them all") {
			t.Errorf("%s: check prints (status %d)\n%s\nwant the 2 problems listed under \"my.toml has 2 problems:\"", tt.what, status, stderr)
			continue
		}
		for i, w := range tt.want {
			if !strings.HasPrefix(lines[i+1], "  my.toml:") || !strings.Contains(lines[i+1], w) {
				t.Errorf("%s: check's problem %d is %q; want %q", tt.what, i+1, lines[i+1], w)
			}
		}
		if status, _, stderr := runCLI(t, "compare", "my.toml", "--reps", "1", "--out", "out"); status != 2 || !strings.Contains(stderr, "(and 1 more; borderwork check lists them all)") {
			t.Errorf("%s: compare prints (status %d) %s; want the first problem, and that check lists the other", tt.what, status, stderr)
		}
	}
}
