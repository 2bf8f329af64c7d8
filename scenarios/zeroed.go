package scenarios

import (
	"slices"

	"github.com/borderwork/borderwork/sim"
)

// A ZeroedHarm is a harm that every built-in level of its factor sets
// to 0 for want of a sourced rate, in a setting only some regimes have:
// where that setting is met and the rate is 0, the harm is zeroed by a
// setting, not by a mechanism, and a result may rest on it. The claim
// check and compare say so wherever it happened.
type ZeroedHarm struct {
	Key    string // the rate's key, in a regime and in Factor's levels
	Factor string // the factor whose levels hold Key
	// Metric is the summary.csv total that counts the occasions the harm
	// could have had (interceptions, person-days in centres).
	Metric string
	// Section is docs/MODEL.md's section on the harm.
	Section string
	// Unit names Metric's occasions ("interceptions"), Spared says what
	// happened and whom it spared, and Rated what the key gives a chance
	// to, as a table's note says them. Value is what the key is, "rate"
	// (per day, 7.13) or "chance".
	Unit, Spared, Rated, Value string
	// Met says what happened on the occasions, and Clause whom it spared
	// as a clause of its own, for one note on harms of the same
	// occasions ("centres sheltered migrants": "their staff abused none
	// of them", "they held none of them who would leave").
	Met, Clause string
	// Zeroed is whether cfg, in its own settings or a phase's, meets the
	// setting with the rate at 0.
	Zeroed func(cfg *sim.Config) bool
}

// ZeroedHarms are the patrols' violence at an interception, the centres'
// staff's abuse of those they shelter, and the centres' detention of those
// who would leave.
var ZeroedHarms = []ZeroedHarm{
	{
		Key: "pushback_violence", Factor: "enforcement", Metric: "interceptions", Section: "7.6.4",
		Unit: "interceptions", Spared: "patrols intercepted migrants and abused none of them", Rated: "the patrols' violence", Value: "rate",
		Met: "patrols intercepted migrants", Clause: "they abused none of them",
		Zeroed: func(cfg *sim.Config) bool {
			unabused := func(e sim.Enforcement) bool { return e.Patrol > 0 && e.PushbackViolence == 0 }
			return unabused(cfg.Enforcement) || slices.ContainsFunc(cfg.Phases, func(p sim.Phase) bool { return unabused(p.Enforcement) })
		},
	},
	{
		Key: "centre_abuse", Factor: "protection", Metric: "centre_person_days", Section: "7.10",
		Unit: "person-days in centres", Spared: "centres sheltered migrants and their staff abused none of them", Rated: "the staff's abuse", Value: "rate",
		Met: "centres sheltered migrants", Clause: "their staff abused none of them",
		Zeroed: centresZeroed(func(p sim.Protection) float64 { return p.CentreAbuse }),
	},
	{
		Key: "centre_detention", Factor: "protection", Metric: "centre_person_days", Section: "7.10",
		Unit: "person-days in centres", Spared: "centres sheltered migrants and held none of them who would leave", Rated: "detention", Value: "chance",
		Met: "centres sheltered migrants", Clause: "they held none of them who would leave",
		Zeroed: centresZeroed(func(p sim.Protection) float64 { return p.CentreDetention }),
	},
}

// centresZeroed is the Zeroed of a harm centres could do to those they
// shelter, whose rate or chance is value's: the scenario has centres, and
// they run, in its own settings or a phase's, with the value at 0.
func centresZeroed(value func(sim.Protection) float64) func(cfg *sim.Config) bool {
	return func(cfg *sim.Config) bool {
		zeroed := func(p sim.Protection) bool { return p.Centres && value(p) == 0 }
		return len(cfg.Centres) > 0 && (zeroed(cfg.Protection) || slices.ContainsFunc(cfg.Phases, func(p sim.Phase) bool { return zeroed(p.Protection) }))
	}
}
