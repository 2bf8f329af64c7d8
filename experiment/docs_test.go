package experiment

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestFiguresAreDocumented keeps docs/OUTPUTS.md and the figure registry
// of run, compare and sweep folders in step: every registered figure is
// documented, and every figure the table of run and compare figures
// lists is registered.
func TestFiguresAreDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/OUTPUTS.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	for _, command := range []string{"run", "compare", "sweep"} {
		k, ok := KindOf(command)
		if !ok {
			t.Fatalf("no kind registered for %s", command)
		}
		for _, f := range k.Figures {
			if !strings.Contains(text, "`"+f.Name+"`") && !strings.Contains(text, "figures/"+f.Name) {
				t.Errorf("docs/OUTPUTS.md does not document the %s figure %s", command, f.Name)
			}
		}
	}
	section := text[strings.Index(text, "## Figures of run and compare"):]
	section = section[:strings.Index(section[3:], "\n## ")+3]
	var names []string
	for _, f := range CompareFigures {
		names = append(names, f.Name)
	}
	for _, m := range regexp.MustCompile("(?m)^\\| `([a-z_]+)` \\|").FindAllStringSubmatch(section, -1) {
		if !slices.Contains(names, m[1]) {
			t.Errorf("docs/OUTPUTS.md lists a figure %s that compare does not draw", m[1])
		}
	}
}
