package gsa

import (
	"os"
	"strings"
	"testing"
)

// TestOutputsAreDocumented keeps docs/OUTPUTS.md in step with the tables
// and figures of a sensitivity folder: every column of every table and
// every figure has an entry.
func TestOutputsAreDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/OUTPUTS.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	i := strings.Index(text, "\n## Sensitivity folders\n")
	if i < 0 {
		t.Fatal("docs/OUTPUTS.md has no section \"Sensitivity folders\"")
	}
	sec := text[i:]
	for _, table := range []struct {
		name    string
		columns []string
	}{
		{parametersCSV, parameterColumns}, {pointMeansCSV, pointMeanColumns}, {noiseCSV, noiseColumns},
		{morrisCSV, morrisColumns}, {sobolCSV, sobolColumns},
	} {
		if !strings.Contains(sec, "### "+table.name) {
			t.Errorf("docs/OUTPUTS.md documents no table %s", table.name)
		}
		for _, c := range table.columns {
			if !strings.Contains(sec, "`"+c+"`") && !strings.Contains(sec, "`"+strings.TrimSuffix(strings.TrimSuffix(c, "_low"), "_high")+"`") {
				t.Errorf("docs/OUTPUTS.md does not document column %s of %s", c, table.name)
			}
		}
	}
	for _, col := range []string{"trajectory", "step", "moved", "row", "matrix", "column_from_b"} {
		if !strings.Contains(sec, "`"+col+"`") {
			t.Errorf("docs/OUTPUTS.md does not document column %s of %s", col, pointsCSV)
		}
	}
	for _, f := range Figures {
		if !strings.Contains(sec, "`"+f.Name+"`") {
			t.Errorf("docs/OUTPUTS.md does not document the figure %s", f.Name)
		}
	}
}
