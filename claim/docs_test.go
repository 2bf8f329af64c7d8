package claim

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
)

// TestFiguresAndTablesAreDocumented keeps docs/CLAIM.md true to the claim
// folder's figure registry and tables.
func TestFiguresAndTablesAreDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/CLAIM.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	for _, f := range Figures {
		if slices.ContainsFunc(experiment.CompareFigures, func(c experiment.Figure) bool { return c.Name == f.Name }) {
			continue // documented with compare's, in docs/OUTPUTS.md
		}
		if !strings.Contains(text, "figures/"+f.Name) {
			t.Errorf("docs/CLAIM.md does not document the figure %s", f.Name)
		}
	}
	for _, c := range append(append([]string{}, contrastColumns...), robustnessColumns...) {
		if !strings.Contains(text, "`"+c+"`") {
			t.Errorf("docs/CLAIM.md does not document the column %s", c)
		}
	}
}
