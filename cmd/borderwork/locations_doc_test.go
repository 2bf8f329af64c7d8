package main

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/internal/mdtest"
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
		sec, ok := mdtest.Section(doc, "### `borderwork "+name+"`")
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

// TestLocationsAddUpAsDocumented: what docs/OUTPUTS.md says of
// locations.csv against timeseries.csv holds in a run: summed over
// locations, waiting is timeseries.csv's waiting, trapped and stranded
// together, trapped and stranded are theirs, and abuse_events and deaths,
// a day's alone, summed over the days so far too, are its cumulative
// abuse_events and dead. Three columns share names with timeseries.csv's
// but not their meaning, which a reader joining the tables would miss.
func TestLocationsAddUpAsDocumented(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile(outputsDoc)
	if err != nil {
		t.Fatal(err)
	}
	sec, ok := mdtest.Section(string(doc), "## locations.csv")
	if !ok {
		t.Fatal("docs/OUTPUTS.md has no section on locations.csv")
	}
	sec = strings.Join(strings.Fields(sec), " ")
	for _, s := range []string{
		"Summed over locations, `waiting` equals `waiting` + `trapped` + `stranded` of `timeseries.csv`, and `trapped` and `stranded` equal theirs.",
		"`waiting` counts trapped and stranded migrants too, and `abuse_events` and `deaths` count the day's alone, not cumulatively: summed over locations and over the days up to a day, they are `abuse_events` and `dead` of `timeseries.csv` on that day.",
	} {
		if !strings.Contains(sec, s) {
			t.Errorf("docs/OUTPUTS.md, locations.csv, does not say %q", s)
		}
	}

	out := filepath.Join(t.TempDir(), "out")
	if status, _, stderr := runCLI(t, "compare", "classroom", "--reps", "2", "--days", "60", "--by-location",
		"--workers", "1", "--formats", "", "--quiet", "--out", out); status != 0 {
		t.Fatalf("status %d: %s", status, stderr)
	}
	type key struct{ run, day string }
	column := func(header []string, name string) int {
		i := slices.Index(header, name)
		if i < 0 {
			t.Fatalf("no column %s in %v", name, header)
		}
		return i
	}
	num := func(s string) float64 {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	locs := readCSVFile(t, filepath.Join(out, "locations.csv"))
	sums := map[key]map[string]float64{}
	for _, r := range locs[1:] {
		k := key{r[column(locs[0], "run")], r[column(locs[0], "day")]}
		if sums[k] == nil {
			sums[k] = map[string]float64{}
		}
		for _, c := range []string{"waiting", "trapped", "stranded", "abuse_events", "deaths"} {
			sums[k][c] += num(r[column(locs[0], c)])
		}
	}
	ts := readCSVFile(t, filepath.Join(out, "timeseries.csv"))
	cum := map[string]map[string]float64{}
	abused := false
	for _, r := range ts[1:] {
		run := r[column(ts[0], "run")]
		k := key{run, r[column(ts[0], "day")]}
		s, v := sums[k], func(c string) float64 { return num(r[column(ts[0], c)]) }
		if s == nil {
			t.Fatalf("locations.csv has no rows of run %s, day %s", k.run, k.day)
		}
		if cum[run] == nil {
			cum[run] = map[string]float64{}
		}
		cum[run]["abuse_events"] += s["abuse_events"]
		cum[run]["deaths"] += s["deaths"]
		for _, c := range [][3]any{
			{"waiting", s["waiting"], v("waiting") + v("trapped") + v("stranded")},
			{"trapped", s["trapped"], v("trapped")},
			{"stranded", s["stranded"], v("stranded")},
			{"abuse_events so far", cum[run]["abuse_events"], v("abuse_events")},
			{"deaths so far", cum[run]["deaths"], v("dead")},
		} {
			if c[1] != c[2] {
				t.Errorf("run %s, day %s: %s summed over locations is %v; timeseries.csv gives %v", k.run, k.day, c[0], c[1], c[2])
			}
		}
		abused = abused || v("abuse_events") > 0
	}
	if !abused {
		t.Error("no abuse in any run: the test shows nothing of abuse_events")
	}
}
