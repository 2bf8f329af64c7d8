package programme

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
)

// TestOutputsDocumentsTheFolder keeps docs/OUTPUTS.md true to the
// programme folder: its tables' columns, its effects, metrics and groups,
// and its figures.
func TestOutputsDocumentsTheFolder(t *testing.T) {
	doc, err := os.ReadFile("../docs/OUTPUTS.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	i := strings.Index(text, "## Programme folders")
	if i < 0 {
		t.Fatal("docs/OUTPUTS.md has no section on programme folders")
	}
	sec := text[i:]
	var names []string
	names = append(names, channelColumns...)
	names = append(names, pathColumns...)
	names = append(names, Effects...)
	names = append(names, Groups()...)
	for _, m := range Metrics {
		names = append(names, m.Name)
	}
	for _, n := range names {
		if !strings.Contains(sec, "`"+n+"`") {
			t.Errorf("docs/OUTPUTS.md, Programme folders: %s is not documented", n)
		}
	}
	for _, f := range Figures {
		if slices.ContainsFunc(experiment.CompareFigures, func(c experiment.Figure) bool { return c.Name == f.Name }) {
			continue // documented with compare's
		}
		if !strings.Contains(sec, "figures/"+f.Name) {
			t.Errorf("docs/OUTPUTS.md, Programme folders: the figure %s is not documented", f.Name)
		}
	}
}
