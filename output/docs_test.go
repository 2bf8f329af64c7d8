package output

import (
	"os"
	"strings"
	"testing"
)

// TestEveryColumnIsDocumented keeps docs/OUTPUTS.md true: every column the
// tables have must be described there.
func TestEveryColumnIsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/OUTPUTS.md")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range DayColumns {
		names = append(names, c.Name)
	}
	for _, c := range Totals {
		names = append(names, c.Name)
	}
	names = append(names, StatsHeader(nil)...)
	for _, n := range names {
		if !strings.Contains(string(doc), "| `"+n+"` ") && !strings.Contains(string(doc), "`"+n+"` |") {
			t.Errorf("docs/OUTPUTS.md does not document column %q", n)
		}
	}
}
