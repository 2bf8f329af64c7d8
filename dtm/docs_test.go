package dtm

import (
	"encoding/csv"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestOutputsDocumentsEveryColumn keeps docs/OUTPUTS.md true: every
// column of every table a study writes has a row in its table there, and
// every measure of harms.csv is named.
func TestOutputsDocumentsEveryColumn(t *testing.T) {
	doc, err := os.ReadFile("../docs/OUTPUTS.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	at := strings.Index(text, "## Folders of validate with flow counts")
	if at < 0 {
		t.Fatal("docs/OUTPUTS.md has no section on folders of validate with flow counts")
	}
	section := text[at:]
	st := smallStudy(t, embedded(t), 2)
	dir := t.TempDir()
	names, err := st.Write(dir, []Incident{})
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{}
	for _, m := range regexp.MustCompile("(?m)^\\| ((?:`[a-z_]+`(?:, )?)+) \\|").FindAllStringSubmatch(section, -1) {
		for _, c := range regexp.MustCompile("`([a-z_]+)`").FindAllStringSubmatch(m[1], -1) {
			documented[c[1]] = true
		}
	}
	for _, name := range names {
		if !strings.Contains(section, "**"+name+"**") {
			t.Errorf("docs/OUTPUTS.md does not describe %s", name)
		}
		f, err := os.Open(dir + "/" + name)
		if err != nil {
			t.Fatal(err)
		}
		head, err := csv.NewReader(f).Read()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range head {
			if !documented[c] {
				t.Errorf("docs/OUTPUTS.md: %s's column %s has no row", name, c)
			}
		}
	}
	for _, m := range Measures {
		if !strings.Contains(section, "`"+m.Name+"`") {
			t.Errorf("docs/OUTPUTS.md does not name the measure %s", m.Name)
		}
	}
}
