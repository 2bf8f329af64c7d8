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
// centres that sheltered with no staff abuse or no detention), with the
// mean occasions a run and the setting that gives the harm a rate or
// chance: a difference between regimes may rest on it. Harms of the same
// occasions under the same regimes (the centres' two) share one note.
// groups are the regimes' runs, in the order shown.
func ZeroedNotes(x *Prepared, groups []output.Group, style NoteStyle) []string {
	if len(x.Points) != 1 {
		return nil
	}
	type zeroed struct {
		z                    scenarios.ZeroedHarm
		regimes, means, sets []string
	}
	var found []zeroed
	for _, z := range scenarios.ZeroedHarms {
		f := zeroed{z: z}
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
			f.regimes = append(f.regimes, name)
			f.means = append(f.means, output.FormatCount(mean))
			f.sets = append(f.sets, set)
		}
		if len(f.regimes) > 0 {
			found = append(found, f)
		}
	}
	var notes []string
	for len(found) > 0 {
		n := 1
		for n < len(found) && found[n].z.Metric == found[0].z.Metric && slices.Equal(found[n].regimes, found[0].regimes) {
			n++
		}
		same := found[:n]
		found = found[n:]
		f, z := same[0], same[0].z
		var gives, sets, clauses, values, sections []string
		for _, s := range same {
			gives = append(gives, s.z.Rated+" a "+s.z.Value)
			sets = append(sets, s.sets...)
			clauses = append(clauses, s.z.Clause+" ("+s.z.Key+" is 0)")
			if !slices.Contains(values, s.z.Value) {
				values = append(values, s.z.Value)
			}
			if !slices.Contains(sections, s.z.Section) {
				sections = append(sections, s.z.Section)
			}
		}
		how := fmt.Sprintf("To give %s: %s.", words.List(gives), strings.Join(sets, ", "))
		if style == Page {
			how = fmt.Sprintf("To give %s, write %s under More changes.", words.List(gives), words.List(sets))
		}
		under := fmt.Sprintf("Under %s (%s %s a run)", words.List(f.regimes), words.List(f.means), z.Unit)
		if n == 1 {
			notes = append(notes, fmt.Sprintf("%s, %s: %s is 0 there, for want of a sourced %s, a harm zeroed by a setting, not by a mechanism (docs/MODEL.md %s). %s",
				under, z.Spared, z.Key, z.Value, z.Section, how))
			continue
		}
		notes = append(notes, fmt.Sprintf("%s, %s, and %s harms there are zeroed by a setting, not by a mechanism, for want of a sourced %s (docs/MODEL.md %s): %s. %s",
			under, z.Met, spelled(n), strings.Join(values, " or "), strings.Join(sections, ", "), joinClauses(clauses), how))
	}
	return notes
}

// spelled is a small count in words, as a sentence writes it.
func spelled(n int) string {
	if n < 10 {
		return [...]string{"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}[n]
	}
	return words.Whole(int64(n))
}

// joinClauses joins independent clauses: "a, b, and c", with the serial
// comma a list of clauses needs, where words.List joins noun phrases.
func joinClauses(c []string) string {
	return strings.Join(c[:len(c)-1], ", ") + ", and " + c[len(c)-1]
}
