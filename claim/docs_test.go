package claim

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/output"
)

// TestCLAIMDocumentsTheCheck keeps docs/CLAIM.md true to the claim
// folder's figure registry, tables, effects and robustness assumptions.
func TestCLAIMDocumentsTheCheck(t *testing.T) {
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
	var cols []string
	for _, c := range [][]string{effectColumns, needColumns, verdictColumns, claimColumns, noneClaimColumns, mediationColumns, chainMediationColumns, robustnessColumns, wideVerdictColumns} {
		cols = append(cols, c...)
	}
	for _, c := range cols {
		if !strings.Contains(text, "`"+c+"`") {
			t.Errorf("docs/CLAIM.md does not document the column %s", c)
		}
	}
	for _, h := range Harms() {
		if !strings.Contains(text, "`"+h+"`") {
			t.Errorf("docs/CLAIM.md does not name the harm %s", h)
		}
	}
	for _, a := range Assumptions {
		if !strings.Contains(text, "`"+a.Key+"`") && a.Replaces() {
			t.Errorf("docs/CLAIM.md does not list the robustness assumption %s (%s)", a.ID, a.Key)
		}
		// The table's row gives the range the design draws from.
		cell := "`" + a.Key + "`"
		if a.Sets != "" {
			cell = a.Sets
		}
		want := "| " + a.Range() + " |"
		if !slices.ContainsFunc(strings.Split(text, "\n"), func(row string) bool {
			return strings.HasPrefix(row, "| ") && strings.Contains(row, " | `"+a.ID+"` | ") && strings.Contains(row, cell) && strings.HasSuffix(row, want)
		}) {
			t.Errorf("docs/CLAIM.md's robustness table does not give %s (%s), as robustness.csv names it, the range %q", a.ID, a.Key, want)
		}
	}
	// The effects table's row of interactions says which each design has.
	row := ""
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "| `closure×malfunction`") {
			row = line
		}
	}
	for _, split := range []bool{false, true} {
		two, three := 0, 0
		for _, e := range StandardDesign(split).Effects(nil) {
			switch strings.Count(e.ID, "×") {
			case 1:
				two++
			case 2:
				three++
			}
		}
		switch {
		case !split && (three != 1 || !strings.Contains(row, "2 × 2 × 2 design, the three-way interaction")):
			t.Errorf("docs/CLAIM.md's row of interactions %q; the 2 × 2 × 2 design has %d three-way interaction(s)", row, three)
		case split && (three != 0 || !strings.Contains(row, fmt.Sprintf("`--split-malfunction`, the %d two-way interactions of its five switches and no three-way one", two))):
			t.Errorf("docs/CLAIM.md's row of interactions %q; with --split-malfunction the design has %d two-way and %d three-way interactions", row, two, three)
		}
	}
	// The numbers the robustness section and maps go by.
	for _, w := range []string{
		fmt.Sprintf("a cell with fewer than %d (", mapMinConclusive),
		fmt.Sprintf(`"fewer than %d conclusive"`, mapMinConclusive),
		fmt.Sprintf("over %s permutations", output.FormatCount(Resamples)),
		"at least half of the points are conclusive",
		"the largest gap between the lowest and highest thirds' shares",
	} {
		if !strings.Contains(strings.Join(strings.Fields(text), " "), w) {
			t.Errorf("docs/CLAIM.md does not say %q", w)
		}
	}
	if hingeConclusive != 0.5 {
		t.Errorf("hingeConclusive is %v; docs/CLAIM.md says at least half of the points", hingeConclusive)
	}
	for _, e := range StandardDesign(false).Effects(nil) {
		if e.Kind == Interaction {
			continue // named by pattern
		}
		if !strings.Contains(text, "`"+strings.ReplaceAll(e.ID, "|", `\|`)+"`") {
			t.Errorf("docs/CLAIM.md does not explain the effect %s", e.ID)
		}
	}
}
