package main

import (
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output"
)

// TestByLocationNamesItsColumns: the help of --by-location, and its row in
// docs/CLI.md under run and compare, name every count locations.csv holds
// (they left out stranded, so a reader looking for where migrants are
// stranded at home did not know the flag gives it).
func TestByLocationNamesItsColumns(t *testing.T) {
	t.Parallel()
	header := output.LocationsHeader(nil)
	var counts []string
	for i := range header {
		if i > 0 && header[i-1] == "location" {
			counts = header[i:]
			break
		}
	}
	if len(counts) == 0 {
		t.Fatalf("locations.csv's header %v has no counts after location", header)
	}
	doc := readCLIDoc(t)
	for _, name := range []string{"run", "compare"} {
		var c command
		for _, x := range commands() {
			if x.name == name {
				c = x
			}
		}
		f := commandFlags(t, c).Lookup("by-location")
		if f == nil {
			t.Fatalf("%s has no --by-location", name)
		}
		sec, ok := docSection(doc, "### `borderwork "+name+"`")
		if !ok {
			t.Fatalf("%s has no section on %s", cliDoc, name)
		}
		row := rowOf(flagRows(sec), "by-location")
		for _, col := range counts {
			word, _, _ := strings.Cut(col, "_") // abuse_events: "abuse"
			if !strings.Contains(strings.Join(strings.Fields(f.Usage), " "), word) {
				t.Errorf("%s --by-location's help does not name %s: %q", name, col, f.Usage)
			}
			if !strings.Contains(row, word) {
				t.Errorf("%s, %s: the row of --by-location does not name %s: %s", cliDoc, name, col, row)
			}
		}
	}
}
