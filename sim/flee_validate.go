package sim

import (
	"fmt"
	"math"
)

// fleeRules checks what the Flee rule set reads, and coordinates under
// either rule set.
func (v *configCheck) fleeRules(c *Config) {
	for i, l := range c.Region.Locations {
		if l.HasCoords && !(l.Lat >= -90 && l.Lat <= 90 && l.Lon >= -180 && l.Lon <= 180) {
			v.fail("Region.Locations[%d]: want latitude in [-90, 90] and longitude in [-180, 180], got %v, %v", i, l.Lat, l.Lon)
		}
	}
	switch c.Rules {
	case RulesBorderwork:
		return
	case RulesFlee:
	default:
		v.fail("Rules %d is not a rule set", c.Rules)
		return
	}
	if len(c.Origins)+len(c.Markets)+len(c.Centres) > 0 {
		v.fail("the Flee rule set spawns agents from Flee.Spawn and has no origins, markets or centres")
	}
	f := &c.Flee
	v.positive("Flee.MaxMoveSpeed", f.MaxMoveSpeed)
	v.positive("Flee.MaxWalkSpeed", f.MaxWalkSpeed)
	v.share("Flee.DefaultMoveChance", f.DefaultMoveChance)
	v.share("Flee.ConflictMoveChance", f.ConflictMoveChance)
	v.share("Flee.CampMoveChance", f.CampMoveChance)
	v.nonNegative("Flee.CampWeight", f.CampWeight)
	v.nonNegative("Flee.ConflictWeight", f.ConflictWeight)
	v.nonNegative("Flee.ForeignWeight", f.ForeignWeight)
	v.nonNegative("Flee.Softening", f.Softening)
	v.nonNegative("Flee.DistancePower", f.DistancePower)
	v.nonNegative("Flee.WeightPower", f.WeightPower)
	v.nonNegative("Flee.WeightSoftening", f.WeightSoftening)
	v.nonNegative("Flee.PruningThreshold", f.PruningThreshold)
	v.nonNegative("Flee.CapacityScaling", f.CapacityScaling)
	v.share("Flee.CapacityBuffer", f.CapacityBuffer)
	v.share("Flee.Documented", f.Documented)
	if f.AwarenessLevel < 0 || f.AwarenessLevel > 3 {
		v.fail("Flee.AwarenessLevel must be in 0..3, got %d", f.AwarenessLevel)
	}
	for i, d := range f.ConflictSpawnDecay {
		v.nonNegative(fmt.Sprintf("Flee.ConflictSpawnDecay[%d]", i), d)
	}
	v.atLeast("Flee.ConflictSpawnDecayInterval", float64(f.ConflictSpawnDecayInterval), 1)
	n := len(c.Region.Locations)
	if n > fleeMaxLocations {
		v.fail("the Flee rule set takes at most %d locations, got %d", fleeMaxLocations, n)
	}
	for i, l := range c.Region.Locations {
		at := fmt.Sprintf("Region.Locations[%d]", i)
		v.atLeast(at+".Population", float64(l.Population), 0)
		v.atLeast(at+".Capacity", float64(l.Capacity), 0)
		v.atLeast(at+".Initial", float64(l.Initial), 0)
		for j, s := range l.Conflict {
			if s.From < 0 || s.From >= MaxDays || j > 0 && s.From <= l.Conflict[j-1].From {
				v.fail("%s.Conflict[%d]: want days in increasing order from 0, got %d", at, j, s.From)
			}
			v.nonNegative(fmt.Sprintf("%s.Conflict[%d].Intensity", at, j), s.Intensity)
		}
	}
	for i, l := range c.Region.Links {
		if l.Kind != Road {
			v.fail("Region.Links[%d]: the Flee rule set has roads only", i)
		}
		v.positive(fmt.Sprintf("Region.Links[%d].LengthKm", i), l.LengthKm)
	}
	nc := len(c.Region.Countries)
	for i, cl := range f.Closures {
		at := fmt.Sprintf("Flee.Closures[%d]", i)
		if cl.From < 0 || cl.To <= cl.From || cl.To > MaxDays {
			v.fail("%s: want 0 <= From < To <= %d, got From %d, To %d", at, MaxDays, cl.From, cl.To)
		}
		switch cl.Kind {
		case ClosureCountry:
			if cl.A < 0 || cl.A >= nc || cl.B < 0 || cl.B >= nc || cl.A == cl.B {
				v.fail("%s: a country closure needs two different countries, got %d and %d", at, cl.A, cl.B)
			}
		case ClosureLocation, ClosureCamp:
			if cl.A < 0 || cl.A >= n {
				v.fail("%s: location %d is not a location", at, cl.A)
			} else if cl.Kind == ClosureCamp && c.Region.Locations[cl.A].Kind != KindDestination {
				v.fail("%s: location %d is not a camp (destination)", at, cl.A)
			}
		case ClosureLink:
			if cl.A < 0 || cl.A >= len(c.Region.Links) {
				v.fail("%s: link %d is not a link", at, cl.A)
			}
		default:
			v.fail("%s: Kind %d is not a closure kind", at, cl.Kind)
		}
	}
	if v.err == nil {
		if longest := fleeMaxRoute(c); longest > fleeRouteCap {
			v.fail("Flee.AwarenessLevel %d: routes in this region would be longer than %d locations", f.AwarenessLevel, fleeRouteCap)
		}
	}
}

func (v *configCheck) positive(name string, x float64) {
	if !(x > 0) || math.IsInf(x, 1) {
		v.fail("%s must be a finite number more than 0, got %v", name, x)
	}
}
