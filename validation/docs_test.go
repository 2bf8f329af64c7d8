package validation

import (
	"os"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/dtm"
)

// TestFiguresAreDocumented keeps docs/OUTPUTS.md and the figure registry
// of validate folders in step: every figure validate draws, with either
// kind of data, is described there as figures/NAME.
func TestFiguresAreDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/OUTPUTS.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	var names []string
	for _, f := range Figures {
		if strings.HasSuffix(f.Name, "-DIRECTION") {
			// One figure per direction, named by dtm.
			names = append(names, dtm.FigureNames[:]...)
			continue
		}
		names = append(names, f.Name)
	}
	if len(names) < 3 {
		t.Fatalf("validate draws %v; want the Flee and the flow figures", names)
	}
	for _, n := range names {
		if !strings.Contains(text, "`figures/"+n+"`") {
			t.Errorf("docs/OUTPUTS.md does not describe the validate figure figures/%s", n)
		}
	}
}
