package web

import (
	"math"
	"slices"
	"strings"

	"github.com/borderwork/borderwork/scenarios"
)

// Knob is a slider of the page: a scenario key the teaching guide's
// exercises turn (docs/TEACHING.md), its range on the slider and its
// value in the scenario as it stands.
type Knob struct {
	Key      string  `json:"key"`
	Label    string  `json:"label"`
	Group    string  `json:"group"`
	Help     string  `json:"help"`
	Min      float64 `json:"min"`
	Max      float64 `json:"max"`
	Step     float64 `json:"step"`
	Value    float64 `json:"value"`
	Integer  bool    `json:"integer"`
	Exercise int     `json:"exercise"` // the guide's exercise that turns it
}

// knobSpec is a knob before it meets a scenario. A key holding "{origin}"
// gives one knob per origin of the scenario.
type knobSpec struct {
	key, label, group, help string
	min, max, step          float64
	exercise                int
}

// knobs are the keys docs/TEACHING.md's exercises turn with --set. A key a
// scenario does not have (a regime it lacks) gives no knob; TestOutline
// checks that the classroom scenario has them all, and
// TestTeachingPageTable that the guide's table of the exercises on the
// page names each by its label, in its exercise.
var knobs = []knobSpec{
	{"regimes.malfunctioning.outage_days", "Outages last (days on average)", "Malfunctioning post", "How long a failing post stays down.", 1, 90, 1, 3},
	{"regimes.malfunctioning.outage_start", "Chance an outage starts, each day", "Malfunctioning post", "How often the post breaks down.", 0, 0.5, 0.01, 3},
	{"regimes.malfunctioning.oversight", "Oversight of officials (share of abuse prevented)", "Malfunctioning post", "Share of officials' would-be abuses that oversight prevents at the failing post.", 0, 1, 0.05, 5},
	{"regimes.malfunctioning.accuracy", "Accurate news at departure", "Malfunctioning post", "Weight of the truth in what migrants believe when they set out.", 0, 1, 0.05, 8},
	{"regimes.closed.accuracy", "Accurate news at departure", "Closed post", "Weight of the truth in what migrants believe when they set out.", 0, 1, 0.05, 8},
	{"regimes.closed.news_rate", "How fast news of the closure spreads", "Closed post", "Share of migrants who hear the truth each day.", 0, 1, 0.01, 8},
	{"abuse.official_extortion", "Officials' bribe demands (rate per turn at the counter)", "Officials, under every regime", "How often officials ask a migrant at a post's counter for a bribe, before oversight: the chance is 1 − e^(−rate), so 0.5 is about 39% each turn, 2 about 86%.", 0, 2, 0.05, 5},
	{"abuse.official_violence", "Officials' violence (rate per day)", "Officials, under every regime", "Rate at which officials abuse a migrant waiting at a post, before oversight and what raises it (a long queue, a long wait, no papers): 0.005 is about 1 migrant in 200 a day before those, 0.05 about 1 in 20.", 0, 0.05, 0.001, 5},
	{"abuse.queue_effect", "Long queues embolden officials by", "Officials, under every regime", "A multiplier. 0: queues change nothing; at 0.5, a queue as long as a day's capacity makes officials' abuse a third more likely, and ten days' queue 2.2 times as likely.", 0, 3, 0.1, 5},
	{"abuse.desperation_effect", "Desperation raises abuse by", "Migrants", "A multiplier: abuse of a fully desperate migrant is 1 + this times as likely, so 2 means three times; 0: desperation changes nothing.", 0, 5, 0.1, 4},
	{"migrants.give_up_days", "Days stuck before giving up", "Migrants", "Days stuck before a migrant willing to go home turns back.", 0, 120, 1, 4},
	{"origins.{origin}.will_turn_back", "Willing to go home, from {origin} (share)", "Migrants", "Share of the migrants from {origin} who would ever turn back.", 0, 1, 0.05, 4},
}

// knobsFor resolves the knobs on a scenario.
func knobsFor(s *scenarios.Scenario) ([]Knob, error) {
	var out []Knob
	add := func(k knobSpec, origin string) {
		r := strings.NewReplacer("{origin}", origin)
		key := r.Replace(k.key)
		if parts := strings.Split(key, "."); parts[0] == "regimes" && !slices.Contains(s.RegimeNames(), parts[1]) {
			return // a knob does not define a regime
		}
		numeric, integer, err := s.KeyKind(key)
		if err != nil || !numeric {
			return
		}
		out = append(out, Knob{
			Key: key, Label: r.Replace(k.label), Group: k.group, Help: r.Replace(k.help),
			Min: k.min, Max: k.max, Step: k.step, Integer: integer, Exercise: k.exercise,
		})
	}
	for _, k := range knobs {
		if !strings.Contains(k.key, "{origin}") {
			add(k, "")
			continue
		}
		for _, o := range s.File.Origins {
			add(k, o.Location)
		}
	}
	keys := make([]string, len(out))
	for i := range out {
		keys[i] = out[i].Key
	}
	values, err := s.Values(keys...)
	if err != nil {
		return nil, err
	}
	for i, v := range values {
		switch v := v.(type) {
		case float64:
			out[i].Value = v
		case int:
			out[i].Value = float64(v)
		case int64:
			out[i].Value = float64(v)
		}
		// A scenario's value outside the slider's range widens it, and
		// one between its steps refines them, so that the slider can
		// show the value exactly.
		k := &out[i]
		k.Min = min(k.Min, k.Value)
		k.Max = max(k.Max, k.Value)
		for range 6 {
			steps := (k.Value - k.Min) / k.Step
			if math.Abs(steps-math.Round(steps)) < 1e-9 {
				break
			}
			k.Step /= 10
		}
	}
	return out, nil
}
