package web

import (
	"html"
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestTeachingPageTable: docs/TEACHING.md's table of the exercises done
// on the page names the page's sliders as the page labels them (a quoted
// name is a slider's label, or its start up to a word's end; where two
// sliders share a label, the group named nearest picks one), each in the
// exercise its note gives; every slider's exercise names it; and its
// other quoted words ("More changes", "Check and use this file", a
// regime's description with the row's --set lines) are the page's.
func TestTeachingPageTable(t *testing.T) {
	guide, err := os.ReadFile("../docs/TEACHING.md")
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile("assets/index.html")
	if err != nil {
		t.Fatal(err)
	}
	pageText := html.UnescapeString(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(string(page), ""))
	pageText = strings.Join(strings.Fields(pageText), " ")

	_, table, ok := strings.Cut(string(guide), "The exercises below, done on the page")
	if !ok {
		t.Fatal("TEACHING.md has no table of the exercises done on the page")
	}
	table, _, _ = strings.Cut(table, "\n\n\n")
	rows := regexp.MustCompile(`(?m)^\| (\d+) \| (.+) \|$`).FindAllStringSubmatch(table, -1)
	if len(rows) != 8 {
		t.Fatalf("the table of the page's exercises has %d rows; want the 8 exercises", len(rows))
	}

	o, err := Describe(Request{Scenario: "classroom"}, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	named := map[string]int{} // knob key: the row naming it
	quoted := regexp.MustCompile(`"([^"]+)"`)
	sets := regexp.MustCompile("`([a-z_.]+=[^`]+)`")
	for _, row := range rows {
		n, _ := strconv.Atoi(row[1])
		text := row[2]
		for _, m := range quoted.FindAllStringSubmatchIndex(text, -1) {
			q := text[m[2]:m[3]]
			var candidates []Knob
			for _, k := range o.Knobs {
				if rest, ok := strings.CutPrefix(k.Label, q); ok && (rest == "" || strings.IndexAny(rest[:1], " ,(") == 0) {
					candidates = append(candidates, k)
				}
			}
			if len(candidates) == 0 {
				var rowSets []string
				for _, s := range sets.FindAllStringSubmatch(text, -1) {
					rowSets = append(rowSets, s[1])
				}
				if strings.Contains(pageText, q) || describes(t, rowSets, q) {
					continue
				}
				t.Errorf("exercise %d on the page: %q is no slider's label, and not on the page", n, q)
				continue
			}
			// Two sliders of one label: the group named nearest.
			k, best := candidates[0], math.MaxInt
			for _, c := range candidates {
				for i := 0; ; {
					j := strings.Index(text[i:], c.Group)
					if j < 0 {
						break
					}
					if d := abs(i + j - m[0]); d < best {
						k, best = c, d
					}
					i += j + 1
				}
			}
			if len(candidates) > 1 && best == math.MaxInt {
				t.Errorf("exercise %d on the page: %q is the label of %d sliders, and the row names none of their groups", n, q, len(candidates))
			}
			named[k.Key] = n
			if k.Exercise != n {
				t.Errorf("exercise %d on the page turns %q (%s), whose note says exercise %d", n, q, k.Key, k.Exercise)
			}
		}
	}
	for _, k := range o.Knobs {
		if _, ok := named[k.Key]; !ok {
			t.Errorf("the slider %q (%s) says exercise %d; that exercise's row on the page does not name it", k.Label, k.Key, k.Exercise)
		}
	}
}

// describes reports whether, with sets, the classroom describes one of
// its regimes as desc.
func describes(t *testing.T, sets []string, desc string) bool {
	t.Helper()
	if len(sets) == 0 {
		return false
	}
	o, err := Describe(Request{Scenario: "classroom", Sets: sets}, DefaultLimits())
	if err != nil {
		t.Errorf("the classroom with %q: %v", sets, err)
		return false
	}
	for _, r := range o.Regimes {
		if r.Description == desc {
			return true
		}
	}
	return false
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// TestTeachingFilesOnPage: every column of the day by day results that
// docs/TEACHING.md names (`abuse_immobile`, `bribed`, ..., read in
// stats.csv or timeseries.csv) is in the guide's table of where the page
// shows it, under the title the page's "Over time" gives it, so that a
// class with only a browser can find what each note points at.
func TestTeachingFilesOnPage(t *testing.T) {
	guide, err := os.ReadFile("../docs/TEACHING.md")
	if err != nil {
		t.Fatal(err)
	}
	titles := map[string]string{}
	for _, m := range NewInfo(Request{}, DefaultLimits()).Series {
		titles[m.Name] = m.Title
	}
	_, table, ok := strings.Cut(string(guide), "| in the files | under \"Over time\" |")
	if !ok {
		t.Fatal(`TEACHING.md has no table of where the page shows the files' columns ("| in the files | under "Over time" |")`)
	}
	table, _, _ = strings.Cut(table, "\n\n")
	onPage := map[string]string{}
	for _, row := range regexp.MustCompile("(?m)^\\| `([a-z_]+)` \\| (.+) \\|$").FindAllStringSubmatch(table, -1) {
		onPage[row[1]] = row[2]
		if want, ok := titles[row[1]]; !ok {
			t.Errorf("the table of the files on the page names %s, which is no column of the results", row[1])
		} else if row[2] != want {
			t.Errorf("the table of the files on the page calls %s %q; the page calls it %q", row[1], row[2], want)
		}
	}
	if len(onPage) == 0 {
		t.Fatal("the table of the files on the page has no rows")
	}
	for _, m := range regexp.MustCompile("`([a-z_]+)`").FindAllStringSubmatch(string(guide), -1) {
		if _, column := titles[m[1]]; column {
			if _, ok := onPage[m[1]]; !ok {
				t.Errorf("TEACHING.md names the column %s; its table of the files on the page does not say where the page shows it (%q)", m[1], titles[m[1]])
			}
		}
	}
}
