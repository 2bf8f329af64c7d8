package runs

import (
	"fmt"
	"slices"
	"strings"

	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// NoteStyle is where a note is shown, which decides how it names a
// regime and how it says to give a rate.
type NoteStyle int

// The places a note is shown.
const (
	Terminal NoteStyle = iota // as typed: --set KEY=RATE
	Markdown                  // report.md: names as output.Literal writes them
	Page                      // the classroom page: KEY=RATE under More changes
)

// ZeroedNotes say, for a run or compare of one point (no sweep), under
// which regimes a harm zeroed by a setting could have happened and did
// not (scenarios.ZeroedHarms: patrols that intercepted with no violence,
// centres that sheltered with no staff abuse), with the mean occasions
// a run and the setting that gives the harm a rate: a difference between
// regimes may rest on it. groups are the regimes' runs, in the order
// shown.
func ZeroedNotes(x *Prepared, groups []output.Group, style NoteStyle) []string {
	if len(x.Points) != 1 {
		return nil
	}
	var notes []string
	for _, z := range scenarios.ZeroedHarms {
		var regimes, means, sets []string
		for _, g := range groups {
			r := slices.Index(x.Regimes, g.Regime)
			mean := output.Describe(g.Column(output.TotalIndex(z.Metric))).Mean
			if r < 0 || !(mean > 0) {
				continue
			}
			cfg, err := x.Config(0, r)
			if err != nil || !z.Zeroed(cfg) {
				continue
			}
			name, set := g.Regime, "regimes."+g.Regime+"."+z.Key+"="+strings.ToUpper(z.Value)
			switch style {
			case Terminal:
				set = "--set " + set
			case Markdown:
				name, set = output.Literal(name), output.Literal("--set "+set)
			}
			regimes = append(regimes, name)
			means = append(means, output.FormatCount(mean))
			sets = append(sets, set)
		}
		if len(regimes) == 0 {
			continue
		}
		how := fmt.Sprintf("To give %s a %s: %s.", z.Rated, z.Value, strings.Join(sets, ", "))
		if style == Page {
			how = fmt.Sprintf("To give %s a %s, write %s under More changes.", z.Rated, z.Value, words.List(sets))
		}
		notes = append(notes, fmt.Sprintf("Under %s (%s %s a run), %s: %s is 0 there, for want of a sourced %s, a harm zeroed by a setting, not by a mechanism (docs/MODEL.md %s). %s",
			words.List(regimes), words.List(means), z.Unit, z.Spared, z.Key, z.Value, z.Section, how))
	}
	return notes
}
