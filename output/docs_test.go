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

// TestColumnRowsAgreeWithRegistry keeps docs/OUTPUTS.md's tables of
// timeseries.csv and summary.csv true to the metric registry, which the
// web page, the printed summary and figure axes also read: every column
// has its row in its own table's section (not merely somewhere in the
// file), with the registry's unit, and a meaning that is the registry's
// (which the docs may extend, after "; " or " (", or give as "the same"
// for a group's column). Without it, OUTPUTS.md and the page both called
// refusals, admissions, boardings, interceptions, referrals and joins of
// a post's queue "migrants", though a migrant refused twice is counted
// twice, and the page called waiting migrants "not trapped" where the
// docs said, rightly, neither trapped nor stranded.
func TestColumnRowsAgreeWithRegistry(t *testing.T) {
	doc, err := os.ReadFile("../docs/OUTPUTS.md")
	if err != nil {
		t.Fatal(err)
	}
	section := func(title string) string {
		_, sec, ok := strings.Cut(string(doc), "\n## "+title+"\n")
		if !ok {
			t.Fatalf("docs/OUTPUTS.md has no section %q", title)
		}
		sec, _, _ = strings.Cut(sec, "\n## ")
		return sec
	}
	var dayMetrics, totalMetrics []Metric
	for _, c := range DayColumns {
		dayMetrics = append(dayMetrics, c.Metric)
	}
	for _, c := range Totals {
		totalMetrics = append(totalMetrics, c.Metric)
	}
	for _, tab := range []struct {
		title   string
		metrics []Metric
	}{{"timeseries.csv", dayMetrics}, {"summary.csv", totalMetrics}} {
		sec := section(tab.title)
		if !strings.Contains(sec, "\n| column | unit | meaning |\n") {
			t.Errorf("docs/OUTPUTS.md, %s: the table has no unit column", tab.title)
		}
		for _, m := range tab.metrics {
			_, row, ok := strings.Cut(sec, "\n| `"+m.Name+"` | ")
			if !ok {
				t.Errorf("docs/OUTPUTS.md, %s: no row for the column %s", tab.title, m.Name)
				continue
			}
			row, _, _ = strings.Cut(row, " |\n")
			unit, meaning, _ := strings.Cut(row, " | ")
			if unit != m.Unit {
				t.Errorf("docs/OUTPUTS.md, %s: %s's unit is %q; the registry's is %q", tab.title, m.Name, unit, m.Unit)
			}
			if !(meaning == m.Doc || strings.HasPrefix(meaning, m.Doc+"; ") || strings.HasPrefix(meaning, m.Doc+" (") ||
				strings.HasPrefix(meaning, "the same, ")) {
				t.Errorf("docs/OUTPUTS.md, %s: %s means %q; the registry says %q", tab.title, m.Name, meaning, m.Doc)
			}
		}
	}
}
