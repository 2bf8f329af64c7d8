package output

import (
	"os"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/sim"
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
	names = append(names, EventsHeader(nil)...)
	for _, n := range names {
		if !strings.Contains(string(doc), "| `"+n+"` ") && !strings.Contains(string(doc), "`"+n+"` |") {
			t.Errorf("docs/OUTPUTS.md does not document column %q", n)
		}
	}
	// Every kind of event has its row in the section of the event log.
	_, sec, _ := strings.Cut(string(doc), "\n## "+EventsTable+"\n")
	sec, _, _ = strings.Cut(sec, "\n## ")
	for k := range sim.NumEventKinds {
		if !strings.Contains(sec, "\n| `"+k.String()+"` | ") {
			t.Errorf("docs/OUTPUTS.md, %s: no row for the event %q", EventsTable, k)
		}
	}
}
