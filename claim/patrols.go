package claim

import (
	"fmt"
	"slices"

	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/sim"
)

// PatrolNote says, when patrols intercepted migrants in some arm whose
// pushback_violence is 0, that they abused none of them: a harm zeroed by
// a setting (both built-in enforcement levels have it at 0, for want of a
// sourced rate), on which a verdict that closure abuses less than
// malfunction may rest (a referee's review: closure had no abuse of its
// own officials off the posts). It names the keys that give it a rate;
// "" when no arm's patrols intercepted anyone unabused.
func PatrolNote(s *scenarios.Scenario, a *Analysis) string {
	if a == nil || len(a.Interceptions) != len(a.Arms) {
		return ""
	}
	var keys []string
	cells, own := 0, 0
	total := 0.0
	for i, arm := range a.Arms {
		if a.Interceptions[i] == 0 {
			continue
		}
		cfg, err := a.Design.configure(s, arm)
		if err != nil || !unabusedPatrols(cfg) {
			continue
		}
		key := "regimes." + arm + ".pushback_violence" // a regime of the scenario's own
		if c := slices.Index(a.Design.CellNames(), arm); c >= 0 {
			lv, err := a.Design.CellLevels(c)
			if err != nil {
				continue
			}
			key = "factors.enforcement." + lv.Enforcement + ".pushback_violence"
			cells++
		} else {
			own++
		}
		total += a.Interceptions[i]
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
		sets[i] = "--set " + k + "=RATE"
	}
	return fmt.Sprintf("Patrols intercepted %s migrants a run, on average over the %s where they intercepted anyone, and abused none of them: %s %s 0, a harm zeroed by a setting, not by a mechanism (docs/MODEL.md 7.6.4). A verdict that closure abuses less than malfunction may rest on it; %s gives the patrols' violence a rate.",
		output.FormatCount(total/float64(cells+own)), words.List(where), words.List(keys), verb, words.List(sets))
}

// unabusedPatrols is whether cfg's patrols, in its own settings or a
// phase's, intercept with no chance of violence.
func unabusedPatrols(cfg *sim.Config) bool {
	unabused := func(e sim.Enforcement) bool { return e.Patrol > 0 && e.PushbackViolence == 0 }
	if unabused(cfg.Enforcement) {
		return true
	}
	return slices.ContainsFunc(cfg.Phases, func(p sim.Phase) bool { return unabused(p.Enforcement) })
}
