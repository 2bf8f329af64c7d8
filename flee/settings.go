package flee

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/borderwork/borderwork/scenarios"
)

// Settings are the Flee settings a case runs with (simsetting.yml), the
// ones borderwork's Flee rule set implements. Their defaults are Flee's
// code defaults (flee/SimulationSettings.py, ReadFromYML).
type Settings struct {
	// move_rules
	MaxMoveSpeed       float64 // km a day
	MaxWalkSpeed       float64 // km a day, the first link with StartOnFoot
	StartOnFoot        bool
	AvoidShortStints   bool
	DefaultMoveChance  float64 // towns
	ConflictMoveChance float64
	CampMoveChance     float64
	CampWeight         float64
	ConflictWeight     float64
	ForeignWeight      float64
	Softening          float64 // km added to every route distance
	DistancePower      float64
	WeightPower        float64
	WeightSoftening    float64
	AwarenessLevel     int
	CapacityScaling    float64
	CapacityBuffer     float64
	PruningThreshold   float64

	// spawn_rules
	SumFromCamps               bool
	InsertDay0                 bool
	TakeFromPopulation         bool
	ConflictSpawnDecay         []float64 // nil: no decay
	ConflictSpawnDecayInterval int       // days

	// optimisations
	Hasten int // population scale-down factor

	v1 bool // use_v1_rules: overrides five settings after reading
}

// DefaultSettings are Flee's code defaults.
func DefaultSettings() Settings {
	return Settings{
		MaxMoveSpeed: 360, MaxWalkSpeed: 35,
		DefaultMoveChance: 0.3, ConflictMoveChance: 1, CampMoveChance: 0.001,
		CampWeight: 1, ConflictWeight: 1 / 3.16227766017, ForeignWeight: 1,
		Softening: 10, DistancePower: 1, WeightPower: 1,
		AwarenessLevel: 1, CapacityScaling: 1, CapacityBuffer: 0.9, PruningThreshold: 1,
		SumFromCamps: true, InsertDay0: true,
		ConflictSpawnDecayInterval: 30,
		Hasten:                     1,
	}
}

// settingKind says how a settings key is read.
type settingKind int

const (
	settingFloat   settingKind = iota // a number
	settingInt                        // a whole number
	settingBool                       // true or false
	settingList                       // a list of numbers
	settingIgnored                    // read by Flee, but changes nothing borderwork models (logging, inert knobs)
	settingOff                        // a Flee feature borderwork does not implement: only its "off" value is accepted
)

type settingSpec struct {
	kind settingKind
	off  string // for settingOff: the accepted value ("false", "0", "[]"); "" means the key must be absent
	set  func(s *Settings, v any)
}

func f64(dst func(*Settings) *float64) func(*Settings, any) {
	return func(s *Settings, v any) { *dst(s) = v.(float64) }
}

func boolean(dst func(*Settings) *bool) func(*Settings, any) {
	return func(s *Settings, v any) { *dst(s) = v.(bool) }
}

// settingSpecs lists every key of Flee's settings file, by section.
var settingSpecs = map[string]map[string]settingSpec{
	"move_rules": {
		"max_move_speed":                {kind: settingFloat, set: f64(func(s *Settings) *float64 { return &s.MaxMoveSpeed })},
		"max_walk_speed":                {kind: settingFloat, set: f64(func(s *Settings) *float64 { return &s.MaxWalkSpeed })},
		"max_crossing_speed":            {kind: settingIgnored},
		"start_on_foot":                 {kind: settingBool, set: boolean(func(s *Settings) *bool { return &s.StartOnFoot })},
		"avoid_short_stints":            {kind: settingBool, set: boolean(func(s *Settings) *bool { return &s.AvoidShortStints })},
		"default_movechance":            {kind: settingFloat, set: f64(func(s *Settings) *float64 { return &s.DefaultMoveChance })},
		"conflict_movechance":           {kind: settingFloat, set: f64(func(s *Settings) *float64 { return &s.ConflictMoveChance })},
		"camp_movechance":               {kind: settingFloat, set: f64(func(s *Settings) *float64 { return &s.CampMoveChance })},
		"idpcamp_movechance":            {kind: settingIgnored}, // only IDP camps, which the importer refuses
		"camp_weight":                   {kind: settingFloat, set: f64(func(s *Settings) *float64 { return &s.CampWeight })},
		"conflict_weight":               {kind: settingFloat, set: f64(func(s *Settings) *float64 { return &s.ConflictWeight })},
		"foreign_weight":                {kind: settingFloat, set: f64(func(s *Settings) *float64 { return &s.ForeignWeight })},
		"softening":                     {kind: settingFloat, set: f64(func(s *Settings) *float64 { return &s.Softening })},
		"distance_power":                {kind: settingFloat, set: f64(func(s *Settings) *float64 { return &s.DistancePower })},
		"weight_power":                  {kind: settingFloat, set: f64(func(s *Settings) *float64 { return &s.WeightPower })},
		"weight_softening":              {kind: settingFloat, set: f64(func(s *Settings) *float64 { return &s.WeightSoftening })},
		"awareness_level":               {kind: settingInt, set: func(s *Settings, v any) { s.AwarenessLevel = v.(int) }},
		"capacity_scaling":              {kind: settingFloat, set: f64(func(s *Settings) *float64 { return &s.CapacityScaling })},
		"capacity_buffer":               {kind: settingFloat, set: f64(func(s *Settings) *float64 { return &s.CapacityBuffer })},
		"pruning_threshold":             {kind: settingFloat, set: f64(func(s *Settings) *float64 { return &s.PruningThreshold })},
		"use_v1_rules":                  {kind: settingBool, set: func(s *Settings, v any) { s.v1 = v.(bool) }},
		"home_distance_power":           {kind: settingIgnored},
		"pop_power_for_loc_weight":      {kind: settingIgnored},
		"movechance_pop_base":           {kind: settingIgnored},
		"avg_religion_fraction":         {kind: settingIgnored},
		"stay_close_to_home":            {kind: settingOff, off: "false"},
		"use_pop_for_loc_weight":        {kind: settingOff, off: "false"},
		"movechance_pop_scale_factor":   {kind: settingOff, off: "0"},
		"fixed_routes":                  {kind: settingOff, off: "false"},
		"two_system_decision_making":    {kind: settingOff, off: "false"},
		"use_economic_pull":             {kind: settingOff, off: "false"},
		"harvest_months":                {kind: settingOff, off: "[]"},
		"flee_when_starving":            {kind: settingOff, off: "false"},
		"avoid_food_deprived_locations": {kind: settingOff, off: "false"},
		"WomenAvoidHazards":             {kind: settingOff, off: "false"},
		"ChildrenAvoidHazards":          {kind: settingOff, off: "false"},
		"ElderlyAvoidHazards":           {kind: settingOff, off: "false"},
		"BoysTakeRisk":                  {kind: settingOff, off: "false"},
		"MatchCampReligion":             {kind: settingOff, off: "false"},
		"MatchCampEthnicity":            {kind: settingOff, off: "false"},
		"MatchTownEthnicity":            {kind: settingOff, off: "false"},
		"MatchConflictEthnicity":        {kind: settingOff, off: "false"},
		"flood_rules":                   {kind: settingOff},
	},
	"spawn_rules": {
		"sum_from_camps":                {kind: settingBool, set: boolean(func(s *Settings) *bool { return &s.SumFromCamps })},
		"insert_day0":                   {kind: settingBool, set: boolean(func(s *Settings) *bool { return &s.InsertDay0 })},
		"take_from_population":          {kind: settingBool, set: boolean(func(s *Settings) *bool { return &s.TakeFromPopulation })},
		"conflict_spawn_decay":          {kind: settingList, set: func(s *Settings, v any) { s.ConflictSpawnDecay = v.([]float64) }},
		"conflict_spawn_decay_interval": {kind: settingInt, set: func(s *Settings, v any) { s.ConflictSpawnDecayInterval = v.(int) }},
		"conflict_zone_spawning_only":   {kind: settingIgnored}, // without starvation spawning, only conflict zones have a spawn weight anyway
		"average_social_connectivity":   {kind: settingIgnored},
		"empty_camps_on_day0":           {kind: settingOff, off: "false"},
		"flood_zone_spawning_only":      {kind: settingOff, off: "false"},
		"camps_are_sicks":               {kind: settingOff, off: "false"},
		"read_from_agents_csv_file":     {kind: settingOff, off: "false"},
		"starvation_driven_spawning":    {kind: settingOff, off: "false"},
		"conflict_driven_spawning":      {kind: settingOff},
		"flood_driven_spawn_mode":       {kind: settingOff},
	},
	"optimisations": {
		"hasten": {kind: settingInt, set: func(s *Settings, v any) { s.Hasten = v.(int) }},
	},
}

// topLevelIgnored are top-level keys that run.py makes irrelevant.
var topLevelIgnored = map[string]bool{
	"log_levels": true, "number_of_steps": true, "conflict_input_file": true,
	"flood_level_input_file": true, "default_conflict_intensity": true,
}

// readSettings reads a settings file onto Flee's defaults.
func readSettings(path, display string) (Settings, error) {
	s := DefaultSettings()
	root, err := readYAML(path, display)
	if err != nil {
		return s, err
	}
	bad := func(n *yamlNode, key, format string, args ...any) error {
		return &scenarios.Error{File: display, Line: n.line, Key: key, Msg: fmt.Sprintf(format, args...)}
	}
	lines := map[string]int{} // where each key is set, for check's errors
	for _, top := range root.children {
		if topLevelIgnored[top.key] {
			continue
		}
		specs, ok := settingSpecs[top.key]
		if !ok {
			return s, bad(top, top.key, "unknown Flee settings section (known: move_rules, spawn_rules, optimisations, log_levels)")
		}
		if top.scalar != "" || top.isList {
			return s, bad(top, top.key, "want a section of key: value lines")
		}
		for _, n := range top.children {
			key := top.key + "." + n.key
			spec, ok := specs[n.key]
			if !ok {
				return s, bad(n, key, "unknown Flee setting")
			}
			lines[key] = n.line
			if spec.kind != settingList && spec.kind != settingOff && (n.isList || len(n.children) > 0) {
				return s, bad(n, key, "want a single value")
			}
			switch spec.kind {
			case settingIgnored:
			case settingOff:
				if n.quoted && spec.off == "false" {
					return s, bad(n, key, quotedBool, n.scalar)
				}
				if !isOff(n, spec.off) {
					if spec.off == "" {
						return s, bad(n, key, "not supported by borderwork's Flee rule set; remove it")
					}
					return s, bad(n, key, "not supported by borderwork's Flee rule set; only %s is accepted", spec.off)
				}
			case settingFloat:
				v, err := strconv.ParseFloat(n.scalar, 64)
				if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
					return s, bad(n, key, "want a number, got %q", n.scalar)
				}
				// As the scenario's validation refuses it, and said where
				// the case sets it.
				if what := map[string]string{"default_movechance": "town", "conflict_movechance": "conflict zone"}[n.key]; what != "" && v < scenarios.FleeCampBelow {
					return s, bad(n, key, "%s, got %s", scenarios.FleeCampWords(what), n.scalar)
				}
				spec.set(&s, v)
			case settingInt:
				v, err := yamlInt(n.scalar)
				if err != nil {
					return s, bad(n, key, "want a whole number, got %q", n.scalar)
				}
				spec.set(&s, v)
			case settingBool:
				if n.quoted {
					return s, bad(n, key, quotedBool, n.scalar)
				}
				v, ok := yamlBool(n.scalar)
				if !ok {
					return s, bad(n, key, "want true or false, got %q", n.scalar)
				}
				spec.set(&s, v)
			case settingList:
				if !n.isList {
					return s, bad(n, key, "want a list of numbers, such as [1.0, 0.5]")
				}
				vs := make([]float64, 0, len(n.list))
				for _, item := range n.list {
					v, err := strconv.ParseFloat(item, 64)
					if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
						return s, bad(n, key, "want a list of numbers, got %q", item)
					}
					vs = append(vs, v)
				}
				spec.set(&s, vs)
			}
		}
	}
	if s.v1 {
		// Flee's use_v1_rules overrides these five settings.
		s.MaxMoveSpeed, s.StartOnFoot, s.AvoidShortStints, s.CampWeight, s.ConflictWeight = 200, false, false, 2, 0.25
	}
	if err := s.check(); err != nil {
		return s, &scenarios.Error{File: display, Line: lines[err.key], Key: err.key, Msg: err.msg}
	}
	return s, nil
}

type settingError struct{ key, msg string }

// check holds the settings to the ranges the rule set accepts.
func (s *Settings) check() *settingError {
	pos := []struct {
		key string
		v   float64
	}{{"move_rules.max_move_speed", s.MaxMoveSpeed}, {"move_rules.max_walk_speed", s.MaxWalkSpeed}}
	for _, p := range pos {
		if !(p.v > 0) {
			return &settingError{p.key, fmt.Sprintf("must be more than 0, got %g", p.v)}
		}
	}
	probs := []struct {
		key string
		v   float64
	}{
		{"move_rules.default_movechance", s.DefaultMoveChance}, {"move_rules.conflict_movechance", s.ConflictMoveChance},
		{"move_rules.camp_movechance", s.CampMoveChance}, {"move_rules.capacity_buffer", s.CapacityBuffer},
	}
	for _, p := range probs {
		if !(p.v >= 0 && p.v <= 1) {
			return &settingError{p.key, fmt.Sprintf("must be in [0, 1], got %g", p.v)}
		}
	}
	nonneg := []struct {
		key string
		v   float64
	}{
		{"move_rules.camp_weight", s.CampWeight}, {"move_rules.conflict_weight", s.ConflictWeight},
		{"move_rules.foreign_weight", s.ForeignWeight}, {"move_rules.softening", s.Softening},
		{"move_rules.distance_power", s.DistancePower}, {"move_rules.weight_power", s.WeightPower},
		{"move_rules.weight_softening", s.WeightSoftening}, {"move_rules.capacity_scaling", s.CapacityScaling},
		{"move_rules.pruning_threshold", s.PruningThreshold},
	}
	for _, p := range nonneg {
		if !(p.v >= 0) {
			return &settingError{p.key, fmt.Sprintf("must be 0 or more, got %g", p.v)}
		}
	}
	if s.AwarenessLevel < 0 {
		return &settingError{"move_rules.awareness_level", fmt.Sprintf("must be in 0..%d, got %d", MaxAwareness, s.AwarenessLevel)}
	}
	if s.AwarenessLevel > MaxAwareness {
		// Flee accepts any depth (FabFlee's ukraine2022 sets 5): say it
		// is borderwork's limit, not a wrong value.
		return &settingError{"move_rules.awareness_level", fmt.Sprintf(
			"not supported above %d by borderwork's Flee rule set, which looks at most %d links ahead where Flee looks as many as it is given; give 0 to %d, got %d",
			MaxAwareness, MaxAwareness, MaxAwareness, s.AwarenessLevel)}
	}
	for _, d := range s.ConflictSpawnDecay {
		if !(d >= 0) {
			return &settingError{"spawn_rules.conflict_spawn_decay", fmt.Sprintf("factors must be 0 or more, got %g", d)}
		}
	}
	if s.ConflictSpawnDecayInterval < 1 {
		return &settingError{"spawn_rules.conflict_spawn_decay_interval", fmt.Sprintf("must be at least 1 day, got %d", s.ConflictSpawnDecayInterval)}
	}
	if s.Hasten < 1 {
		return &settingError{"optimisations.hasten", fmt.Sprintf("must be at least 1, got %d", s.Hasten)}
	}
	return nil
}

// quotedBool refuses a boolean written in quotes: PyYAML reads it as
// text, and Flee's bool() of any text but "" is true, so "False" would
// be false here and true in Flee.
const quotedBool = "want true or false without quotes, got %q in quotes: Flee reads text in quotes as true, whatever it says, unless it is empty"

// MaxAwareness is the deepest route lookahead the rule set accepts.
const MaxAwareness = 3

func isOff(n *yamlNode, off string) bool {
	switch off {
	case "":
		return false
	case "[]":
		return n.isList && len(n.list) == 0
	case "false":
		v, ok := yamlBool(n.scalar)
		return ok && !v
	}
	v, err := strconv.ParseFloat(n.scalar, 64)
	return err == nil && v == 0
}

// yamlBool reads a YAML 1.1 boolean, as PyYAML does.
func yamlBool(s string) (bool, bool) {
	switch strings.ToLower(s) {
	case "true", "yes", "on":
		return true, true
	case "false", "no", "off":
		return false, true
	}
	return false, false
}

// yamlInt reads a whole number; like Python's int() of a parsed float it
// also takes 30.0.
func yamlInt(s string) (int, error) {
	if v, err := strconv.Atoi(s); err == nil {
		return v, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v != math.Trunc(v) || math.Abs(v) > 1e9 {
		return 0, fmt.Errorf("not a whole number")
	}
	return int(v), nil
}
