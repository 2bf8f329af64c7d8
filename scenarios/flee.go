package scenarios

// What a scenario holds for the Flee rule set (rules = "flee"): the
// [flee] table, [[closures]], and the location keys population,
// capacity, initial, forward and conflict. docs/MODEL.md, "The Flee rule
// set", describes them.

import (
	"fmt"
	"slices"
	"strings"

	"github.com/borderwork/borderwork/sim"
)

// fleeOnly checks the keys each rule set allows: the Flee rule set's
// keys only with rules = "flee", and lat and lon, for either, together.
func (v *validator) fleeOnly() {
	f := v.s.File
	if _, ok := sim.ParseRules(f.Rules); !ok {
		v.add("rules", "must be borderwork or flee, got %q", f.Rules)
		return
	}
	flee := f.Rules == "flee"
	only := func(path string) {
		v.add(path, "is read by the Flee rule set only; set rules = \"flee\" or remove it")
	}
	for i, l := range f.Locations {
		p := fmt.Sprintf("locations.%d", i)
		if (l.Lat == nil) != (l.Lon == nil) {
			v.add(p, "give lat and lon together")
		}
		if flee {
			continue
		}
		switch {
		case l.Population != nil:
			only(p + ".population")
		case l.Capacity != nil:
			only(p + ".capacity")
		case l.Initial != nil:
			only(p + ".initial")
		case l.Forward:
			only(p + ".forward")
		case len(l.Conflict) > 0:
			only(p + ".conflict")
		}
	}
	if !flee {
		if f.Flee != nil {
			only("flee")
		}
		if len(f.Closures) > 0 {
			only("closures")
		}
	}
}

// fleeLink checks a link under the Flee rule set: a road with a length.
func (v *validator) fleeLink(p string, l *LinkSpec) {
	switch {
	case l.DistanceKm == nil:
		v.add(p, "give distance_km; under rules = \"flee\" agents cover flee.max_move_speed km a day")
	case l.Days != nil:
		v.add(p+".days", "under rules = \"flee\" give distance_km only")
	case l.SpeedKmPerDay != nil:
		v.add(p+".speed_km_per_day", "under rules = \"flee\" give distance_km only; the speed is flee.max_move_speed")
	}
	if l.Kind != "road" {
		v.add(p+".kind", "the Flee rule set has roads only, got %q", l.Kind)
	}
	if l.Alone {
		v.add(p+".alone", "the Flee rule set has roads only")
	}
}

// flee checks a scenario for the Flee rule set, in place of origins.
func (v *validator) flee(kinds map[string]sim.LocationKind, loc func(string, string, ...sim.LocationKind) bool) {
	f := v.s.File
	if f.Flee == nil {
		v.add("rules", "rules = \"flee\" needs a [flee] table")
	}
	if len(f.Origins) > 0 {
		v.add("origins.0", "the Flee rule set spawns agents from flee.spawn in conflict zones; remove [[origins]]")
	}
	if fs := f.Flee; fs != nil {
		for _, c := range []struct {
			key  string
			v    float64
			kind sim.LocationKind
			what string
		}{{"default_movechance", fs.DefaultMoveChance, sim.KindHub, "town"}, {"conflict_movechance", fs.ConflictMoveChance, sim.KindOrigin, "conflict zone"}} {
			has := slices.ContainsFunc(f.Locations, func(l LocationSpec) bool { return kinds[l.Name] == c.kind })
			if has && c.v < FleeCampBelow {
				v.add("flee."+c.key, "%s, got %g", FleeCampWords(c.what), c.v)
			}
		}
	}
	if len(f.Markets) > 0 {
		v.add("markets.0", "the Flee rule set has no smugglers; remove [[markets]]")
	}
	if len(f.Centres) > 0 {
		v.add("centres.0", "the Flee rule set has no centres; remove [[centres]]")
	}
	for i, l := range f.Locations {
		p := fmt.Sprintf("locations.%d", i)
		k := kinds[l.Name]
		if k == sim.KindCentre {
			v.add(p+".kind", "the Flee rule set has no centres")
		}
		if l.Forward && k != sim.KindOrigin && k != sim.KindHub {
			v.add(p+".forward", "only an origin or a hub can be a forwarding hub")
		}
		if l.Capacity != nil && k != sim.KindDestination {
			v.add(p+".capacity", "only a destination (a camp) has a capacity")
		}
		if len(l.Conflict) > 0 && k == sim.KindBorder {
			v.add(p+".conflict", "a border location cannot be a conflict zone")
		}
		for j := 1; j < len(l.Conflict); j++ {
			if l.Conflict[j].From <= l.Conflict[j-1].From {
				v.add(fmt.Sprintf("%s.conflict.%d.from", p, j), "steps must be in increasing order of day")
			}
		}
	}
	countries := map[string]bool{}
	for _, c := range f.Countries {
		countries[c] = true
	}
	for i, c := range f.Closures {
		p := fmt.Sprintf("closures.%d", i)
		want := map[string]int{"country": 2, "location": 1, "link": 2, "camp": 1}[c.Kind]
		if want == 0 {
			v.add(p+".kind", "must be country, location, link or camp, got %q", c.Kind)
			continue
		}
		if len(c.Names) != want {
			v.add(p+".names", "a %s closure names %d; got %d", c.Kind, want, len(c.Names))
			continue
		}
		switch c.Kind {
		case "country":
			for j, n := range c.Names {
				if !countries[n] {
					v.add(fmt.Sprintf("%s.names.%d", p, j), "unknown country %q (countries: %s)", n, strings.Join(f.Countries, ", "))
				}
			}
			if c.Names[0] == c.Names[1] {
				v.add(p+".names", "a border joins two different countries")
			}
		case "location":
			loc(p+".names.0", c.Names[0])
		case "camp":
			loc(p+".names.0", c.Names[0], sim.KindDestination)
		case "link":
			if loc(p+".names.0", c.Names[0]) && loc(p+".names.1", c.Names[1]) && roadLink(f, c.Names[0], c.Names[1]) < 0 {
				v.add(p+".names", "no link joins %q and %q", c.Names[0], c.Names[1])
			}
		}
		if c.To != nil && *c.To <= c.From {
			v.add(p+".to", "must come after from (%d), got %d", c.From, *c.To)
		}
	}
}

func roadLink(f *File, a, b string) int {
	for i, l := range f.Links {
		if l.From == a && l.To == b || l.From == b && l.To == a {
			return i
		}
	}
	return -1
}

// compileFlee fills in what the Flee rule set reads, and coordinates.
func (s *Scenario) compileFlee(cfg *sim.Config, loc map[string]int) {
	f := s.File
	for i, l := range f.Locations {
		dst := &cfg.Region.Locations[i]
		if l.Lat != nil && l.Lon != nil {
			dst.Lat, dst.Lon, dst.HasCoords = *l.Lat, *l.Lon, true
		}
	}
	if f.Rules != "flee" {
		return
	}
	cfg.Rules = sim.RulesFlee
	for i, l := range f.Locations {
		dst := &cfg.Region.Locations[i]
		dst.Population = intOr0(l.Population)
		dst.Capacity = intOr0(l.Capacity)
		dst.Initial = intOr0(l.Initial)
		dst.Forward = l.Forward
		for _, c := range l.Conflict {
			dst.Conflict = append(dst.Conflict, sim.ConflictStep{From: c.From, Intensity: c.Intensity})
		}
	}
	for i, l := range f.Links {
		cfg.Region.Links[i].LengthKm = *l.DistanceKm
	}
	fs := f.Flee
	cfg.Flee = sim.FleeConfig{
		MaxMoveSpeed: fs.MaxMoveSpeed, MaxWalkSpeed: fs.MaxWalkSpeed, StartOnFoot: fs.StartOnFoot, AvoidShortStints: fs.AvoidShortStints,
		DefaultMoveChance: fs.DefaultMoveChance, ConflictMoveChance: fs.ConflictMoveChance, CampMoveChance: fs.CampMoveChance,
		CampWeight: fs.CampWeight, ConflictWeight: fs.ConflictWeight, ForeignWeight: fs.ForeignWeight,
		Softening: fs.Softening, DistancePower: fs.DistancePower, WeightPower: fs.WeightPower, WeightSoftening: fs.WeightSoftening,
		AwarenessLevel: fs.AwarenessLevel, PruningThreshold: fs.PruningThreshold,
		CapacityScaling: fs.CapacityScaling, CapacityBuffer: fs.CapacityBuffer,
		ConflictSpawnDecay: slices.Clone(fs.ConflictSpawnDecay), ConflictSpawnDecayInterval: fs.ConflictSpawnDecayInterval,
		TakeFromPopulation: fs.TakeFromPopulation, Documented: fs.Documented,
		Spawn: slices.Clone(fs.Spawn),
	}
	country := indexOf(f.Countries)
	for _, c := range f.Closures {
		kind, _ := sim.ParseClosureKind(c.Kind)
		cl := sim.Closure{Kind: kind, From: c.From, To: sim.MaxDays}
		if c.To != nil {
			cl.To = *c.To
		}
		switch kind {
		case sim.ClosureCountry:
			cl.A, cl.B = country[c.Names[0]], country[c.Names[1]]
		case sim.ClosureLocation, sim.ClosureCamp:
			cl.A = loc[c.Names[0]]
		case sim.ClosureLink:
			// Every link joining the two: Flee closes each link between
			// them, one for each row of routes.csv that lists the road.
			for i, l := range f.Links {
				if l.From == c.Names[0] && l.To == c.Names[1] || l.From == c.Names[1] && l.To == c.Names[0] {
					cl.A = i
					cfg.Flee.Closures = append(cfg.Flee.Closures, cl)
				}
			}
			continue
		}
		cfg.Flee.Closures = append(cfg.Flee.Closures, cl)
	}
}

func intOr0(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

// fleeExpected is the number of agents a Flee-rule run creates: those
// present on day 0 plus every positive day of flee.spawn (debts make it
// an upper bound).
func (s *Scenario) fleeExpected() float64 {
	total := 0.0
	for _, l := range s.File.Locations {
		total += float64(intOr0(l.Initial))
	}
	if s.File.Flee != nil {
		for d, n := range s.File.Flee.Spawn {
			if d < s.File.Days && n > 0 {
				total += float64(n)
			}
		}
	}
	return total
}

// FleeCampBelow is the move chance below which Flee makes a location a
// camp when it creates it. The rule set here does not, so a scenario (or
// an imported case) whose towns or conflict zones would have one is
// refused: its run would not be Flee's (docs/MODEL.md, "The Flee rule
// set").
const FleeCampBelow = 0.005

// FleeCampWords is the refusal of such a move chance for a location of
// the kind what ("town", "conflict zone"), without the value given.
func FleeCampWords(what string) string {
	return fmt.Sprintf("below %g, Flee makes every %s a camp when it creates it, which borderwork's Flee rule set does not: give %g or more", FleeCampBelow, what, FleeCampBelow)
}

// RulesNote says, for a scenario run under the Flee rule set, which of
// the summary's counts are 0 by those rules and why, so that a reader of
// the table (arrivals 0, under every regime) is told before wondering; ""
// under borderwork's own rules. docs/MODEL.md ("The Flee rule set") lists
// every metric.
func (s *Scenario) RulesNote() string {
	if s.File.Rules != "flee" {
		return ""
	}
	return `This scenario runs under Flee's rules (rules = "flee"; docs/MODEL.md, "The Flee rule set"): ` +
		"agents never leave the simulation, so arrivals, returns and those who stayed at home are 0, and a camp is where an agent is, not the end of its journey; " +
		"there are no smugglers, centres or irregular paths, so their counts are 0 too."
}
