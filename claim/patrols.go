package claim

import (
	"fmt"
	"slices"
	"strings"

	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// A zeroedHarm is one of scenarios.ZeroedHarms as the check says it: a
// harm a built-in level sets to 0 for want of a sourced rate, so that
// the officials of one setting abuse no one by a setting, not by a
// mechanism, on which a verdict may rest (a referee's review). The check
// says so wherever it happened.
type zeroedHarm struct {
	scenarios.ZeroedHarm
	met func(a *Analysis) []float64 // per arm, the mean a run of the occasions the harm could have had (Metric's)
	say func(mean, where, keys string) string
}

// zeroedHarms are scenarios.ZeroedHarms, in its order.
var zeroedHarms = []zeroedHarm{
	{
		ZeroedHarm: scenarios.ZeroedHarms[0],
		met:        func(a *Analysis) []float64 { return a.Interceptions },
		say: func(mean, where, keys string) string {
			return fmt.Sprintf("Patrols intercepted %s migrants a run, on average over the %s where they intercepted anyone, and abused none of them: %s, a harm zeroed by a setting, not by a mechanism (docs/MODEL.md 7.6.4). A verdict that closure abuses less than malfunction may rest on it;", mean, where, keys)
		},
	},
	{
		ZeroedHarm: scenarios.ZeroedHarms[1],
		met:        func(a *Analysis) []float64 { return a.CentrePersonDays },
		say: func(mean, where, keys string) string {
			return fmt.Sprintf("Centres sheltered migrants for %s person-days a run, on average over the %s where they sheltered anyone, and their staff abused none of them: %s, a harm zeroed by a setting, not by a mechanism (docs/MODEL.md 7.10). A verdict that protection adds no abuse, or that humanitarian border management abuses less than malfunction, may rest on it;", mean, where, keys)
		},
	},
	{
		ZeroedHarm: scenarios.ZeroedHarms[2],
		met:        func(a *Analysis) []float64 { return a.CentrePersonDays },
		say: func(mean, where, keys string) string {
			return fmt.Sprintf("Centres sheltered migrants for %s person-days a run, on average over the %s where they sheltered anyone, and held none of them who would leave: %s, a harm zeroed by a setting, not by a mechanism (docs/MODEL.md 7.10). A verdict on what protection does to immobilised person-days or the harm index may rest on it;", mean, where, keys)
		},
	},
}

// PatrolNote says, when patrols intercepted migrants in some arm whose
// pushback_violence is 0, that they abused none of them: both built-in
// enforcement levels have it at 0, and a verdict that closure abuses less
// than malfunction may rest on it. "" when no arm's patrols intercepted
// anyone unabused.
func PatrolNote(s *scenarios.Scenario, a *Analysis) string { return zeroedHarms[0].note(s, a) }

// CentreNote says, when centres sheltered migrants in some arm whose
// centre_abuse is 0, that their staff abused none of them: both built-in
// protection levels have it at 0, and a verdict that protection adds no
// abuse may rest on it. "" when no arm's centres sheltered anyone
// unabused.
func CentreNote(s *scenarios.Scenario, a *Analysis) string { return zeroedHarms[1].note(s, a) }

// DetentionNote says, when centres sheltered migrants in some arm whose
// centre_detention is 0, that they held none who would leave: both
// built-in protection levels have it at 0, and a verdict on what
// protection does to immobilised person-days may rest on it. "" when no
// arm's centres sheltered anyone free to leave.
func DetentionNote(s *scenarios.Scenario, a *Analysis) string { return zeroedHarms[2].note(s, a) }

// ZeroedNotes are the notes of every zeroed harm that happened, in
// zeroedHarms' order.
func ZeroedNotes(s *scenarios.Scenario, a *Analysis) []string {
	var notes []string
	for _, z := range zeroedHarms {
		if n := z.note(s, a); n != "" {
			notes = append(notes, n)
		}
	}
	return notes
}

// note names the occasions a run over the arms where the harm was zeroed
// and the keys that give it a rate (a level's for the design's
// combinations, the regime's own for a regime of the scenario's own).
func (z zeroedHarm) note(s *scenarios.Scenario, a *Analysis) string {
	if a == nil {
		return ""
	}
	met := z.met(a)
	if len(met) != len(a.Arms) {
		return ""
	}
	var keys []string
	cells, own := 0, 0
	total := 0.0
	for i, arm := range a.Arms {
		if met[i] == 0 {
			continue
		}
		cfg, err := a.Design.configure(s, arm)
		if err != nil || !z.Zeroed(cfg) {
			continue
		}
		key := "regimes." + arm + "." + z.Key // a regime of the scenario's own
		if c := slices.Index(a.Design.CellNames(), arm); c >= 0 {
			lv, err := a.Design.CellLevels(c)
			if err != nil {
				continue
			}
			key = "factors." + z.Factor + "." + lv.Of(z.Factor) + "." + z.Key
			cells++
		} else {
			own++
		}
		total += met[i]
		if !slices.Contains(keys, key) {
			keys = append(keys, key)
		}
	}
	if cells+own == 0 {
		return ""
	}
	var where []string
	if cells > 0 {
		where = append(where, words.Count(cells, "combination"))
	}
	if own > 0 {
		where = append(where, words.Count(own, "regime")+" of the scenario's own")
	}
	verb := "is"
	if len(keys) > 1 {
		verb = "are"
	}
	sets := make([]string, len(keys))
	for i, k := range keys {
		sets[i] = "--set " + k + "=" + strings.ToUpper(z.Value)
	}
	return z.say(output.FormatCount(total/float64(cells+own)), words.List(where), words.List(keys)+" "+verb+" 0") +
		" " + words.List(sets) + " gives " + z.Rated + " a " + z.Value + "."
}
