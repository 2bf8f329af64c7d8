package output

import (
	"maps"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/internal/mdtest"
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
		sec, ok := mdtest.Section(string(doc), "## "+title)
		if !ok {
			t.Fatalf("docs/OUTPUTS.md has no section %q", title)
		}
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

// TestLastDayIsTheTotal keeps true what docs/OUTPUTS.md says of
// timeseries.csv against summary.csv: on the last day a cumulative
// column holds the run's total of the same name, or of the name the
// docs give it there. The two tables name the same quantity differently
// (abuse_extortion_smuggler, extortion_by_smugglers), and a reader joining
// them had nothing but the meanings to go by; renaming either would change
// every table written.
func TestLastDayIsTheTotal(t *testing.T) {
	doc, err := os.ReadFile("../docs/OUTPUTS.md")
	if err != nil {
		t.Fatal(err)
	}
	sec, ok := mdtest.Section(string(doc), "## timeseries.csv")
	if !ok {
		t.Fatal("docs/OUTPUTS.md has no section timeseries.csv")
	}
	sec = strings.Join(strings.Fields(sec), " ")

	// A record of one day whose every count differs from every other, so
	// that a column paired with the wrong total cannot agree with it.
	var days [1]sim.DayRecord
	n := 0
	var fill func(v reflect.Value)
	fill = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Int:
			n++
			v.SetInt(int64(1000 + 7*n))
		case reflect.Float64:
			n++
			v.SetFloat(1000.5 + 7*float64(n))
		case reflect.Array:
			for i := range v.Len() {
				fill(v.Index(i))
			}
		case reflect.Struct:
			for i := range v.NumField() {
				fill(v.Field(i))
			}
		}
	}
	fill(reflect.ValueOf(&days[0]).Elem())

	pairs := map[string]string{}
	for _, c := range DayColumns {
		if TotalIndex(c.Name) >= 0 && c.Name != "mean_price" {
			pairs[c.Name] = c.Name
		}
	}
	renamed := [][2]string{
		{"arrived", "arrivals"}, {"returned", "returns"}, {"dead", "deaths"},
		{"abuse_extortion_smuggler", "extortion_by_smugglers"}, {"abuse_extortion_official", "extortion_by_officials"},
		{"abuse_violence_smuggler", "violence_by_smugglers"}, {"abuse_violence_official", "violence_by_officials"},
		{"abuse_abandonment_smuggler", "abandonment_by_smugglers"}, {"abuse_kidnap_smuggler", "kidnap_by_smugglers"},
	}
	for _, p := range renamed {
		pairs[p[0]] = p[1]
		if s := "`" + p[0] + "` is `" + p[1] + "`"; !strings.Contains(sec, s) {
			t.Errorf("docs/OUTPUTS.md, timeseries.csv, does not say %s", s)
		}
	}
	for _, day := range slices.Sorted(maps.Keys(pairs)) {
		total := pairs[day]
		d, s := DayColumnIndex(day), TotalIndex(total)
		if d < 0 || s < 0 {
			t.Errorf("%s or %s is not a column", day, total)
			continue
		}
		if got, want := DayColumns[d].Get(&days[0]), Totals[s].Of(days[:]); got != want {
			t.Errorf("%s on the last day is %v; summary.csv's %s is %v", day, got, total, want)
		}
	}
}
