package sim

// Rules selects the movement rules of a run: borderwork's own (beliefs,
// queues, smugglers; docs/MODEL.md §7) or Flee's (docs/MODEL.md, "The
// Flee rule set").
type Rules uint8

// The rule sets.
const (
	RulesBorderwork Rules = iota
	RulesFlee
)

var rulesNames = [...]string{"borderwork", "flee"}

func (r Rules) String() string { return rulesNames[r] }

// ParseRules returns the rule set called s; "" is borderwork's.
func ParseRules(s string) (Rules, bool) {
	if s == "" {
		return RulesBorderwork, true
	}
	for i, n := range rulesNames {
		if n == s {
			return Rules(i), true
		}
	}
	return 0, false
}

// FleeConfig holds the settings and inputs of the Flee rule set: the move
// rules and spawn rules of Flee's simsetting.yml (same names, same
// meaning), the number of new agents the data asks for each day, and the
// closures. Location and link data it reads are in Location (Population,
// Capacity, Initial, Forward, Conflict) and Link (LengthKm).
type FleeConfig struct {
	MaxMoveSpeed     float64 // km a day an agent covers on links
	MaxWalkSpeed     float64 // km a day on an agent's first link, with StartOnFoot
	StartOnFoot      bool    // the first link of a journey is walked
	AvoidShortStints bool    // an agent that arrived in a town early goes on the same day unless it has travelled far lately

	DefaultMoveChance  float64 // probability per day of leaving a town
	ConflictMoveChance float64 // of leaving a conflict zone
	CampMoveChance     float64 // of leaving a camp

	CampWeight       float64 // score multiplier of camps
	ConflictWeight   float64 // score multiplier of conflict zones, raised to decay × intensity
	ForeignWeight    float64 // score multiplier of locations outside the home country (Region.Countries[0])
	Softening        float64 // km added to every route's length
	DistancePower    float64 // power of the softened length in a route's weight
	WeightPower      float64 // power of a route's weight
	WeightSoftening  float64 // added to every score
	AwarenessLevel   int     // hops of lookahead in route choice (0: a random link)
	PruningThreshold float64 // routes weighing less than the best over this are dropped; at most 1: none

	CapacityScaling float64 // multiplier of every capacity
	CapacityBuffer  float64 // share of capacity from which a camp's weight falls to 0 at full capacity

	ConflictSpawnDecay         []float64 // spawn and score factor by interval since a conflict began; empty: 1
	ConflictSpawnDecayInterval int       // days per element of ConflictSpawnDecay
	TakeFromPopulation         bool      // a spawned agent leaves its location's population

	// Documented is the share of agents who hold travel documents a post
	// that admits only documented travellers accepts (each agent draws
	// once, when it is created). Flee's agents hold none: 0 runs a case
	// as Flee does; it matters only where a regime's posts ask for
	// documents or officials treat the undocumented worse.
	Documented float64

	// Spawn is the number of new agents the data asks for on each day
	// (index = day; missing days ask for none). A negative day is carried
	// over as a debt that reduces the next positive one.
	Spawn []int

	Closures []Closure
}

// ClosureKind says what a closure closes.
type ClosureKind uint8

// The kinds of closure, after Flee's closures.csv.
const (
	ClosureCountry  ClosureKind = iota // every link between two countries
	ClosureLocation                    // every link into and out of a location
	ClosureLink                        // one link, both ways
	ClosureCamp                        // a camp stops being a camp
)

var closureKindNames = [...]string{"country", "location", "link", "camp"}

func (k ClosureKind) String() string { return closureKindNames[k] }

// ParseClosureKind returns the kind called s.
func ParseClosureKind(s string) (ClosureKind, bool) {
	for i, n := range closureKindNames {
		if n == s {
			return ClosureKind(i), true
		}
	}
	return 0, false
}

// Closure closes part of the region on days [From, To). To = MaxDays
// means to the end of the run.
type Closure struct {
	Kind     ClosureKind
	From, To int
	// What is closed: two country indices (country), a location index
	// (location, camp), or a link index in A (link).
	A, B int
}

// ConflictStep changes a location's conflict state from day From: with
// Intensity > 0 it becomes a conflict zone of that intensity whose
// conflict starts that day; with 0 it stops being one.
type ConflictStep struct {
	From      int
	Intensity float64
}

// DefaultFlee returns Flee's code defaults (flee/SimulationSettings.py).
func DefaultFlee() FleeConfig {
	return FleeConfig{
		MaxMoveSpeed: 360, MaxWalkSpeed: 35,
		DefaultMoveChance: 0.3, ConflictMoveChance: 1, CampMoveChance: 0.001,
		CampWeight: 1, ConflictWeight: 1 / 3.16227766017, ForeignWeight: 1,
		Softening: 10, DistancePower: 1, WeightPower: 1,
		AwarenessLevel: 1, PruningThreshold: 1,
		CapacityScaling: 1, CapacityBuffer: 0.9,
		ConflictSpawnDecayInterval: 30,
	}
}
