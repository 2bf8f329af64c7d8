package sim

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// fleeLine is a region for the Flee rules: a conflict zone A, a town B
// 30 km on, and a camp C 200 km beyond B, all in one country.
func fleeLine(spawn ...int) *Config {
	cfg := Defaults()
	cfg.Days = 6
	cfg.Rules = RulesFlee
	cfg.RecordLocations = true
	cfg.Region = Region{
		Countries: []string{"Home"},
		Locations: []Location{
			{Name: "A", Kind: KindOrigin, Population: 1000, Conflict: []ConflictStep{{0, 1}}},
			{Name: "B", Kind: KindHub},
			{Name: "C", Kind: KindDestination},
		},
		Links: []Link{{From: 0, To: 1, Days: 1, LengthKm: 30}, {From: 1, To: 2, Days: 1, LengthKm: 200}},
	}
	cfg.Flee = DefaultFlee()
	cfg.Flee.MaxMoveSpeed = 100
	cfg.Flee.ConflictWeight = 0 // nobody heads back into the conflict zone
	cfg.Flee.Spawn = spawn
	return &cfg
}

func TestFleeSpawnDebt(t *testing.T) {
	cfg := fleeLine(0, 10, -4, 3, 5, 2)
	res, err := Run(cfg, 1)
	if err != nil {
		t.Fatal(err)
	}
	// Day 2 asks for -4: a debt; day 3's 3 pays 3 of it; day 4's 5 pays
	// the last 1, leaving 4; day 5 asks for 2.
	want := []int{0, 10, 10, 10, 14, 16}
	for d, w := range want {
		if got := res.Days[d].Created; got != w {
			t.Errorf("day %d: %d agents created; want %d", d, got, w)
		}
	}
}

// TestFleeTravel: speed, strict arrival and same-day continuation. An
// agent spawned at A on day 1 reaches B within the day (30 km of its
// 100), goes on at once with a full day's speed on B-C (the town's move
// chance is 1 here), covers 100 km that day and 200 the next, which is
// not more than the link's 200: it arrives only on day 3.
func TestFleeTravel(t *testing.T) {
	cfg := fleeLine(0, 1)
	cfg.Flee.DefaultMoveChance = 1
	res, err := Run(cfg, 1)
	if err != nil {
		t.Fatal(err)
	}
	at := func(d, loc int) int { return res.Locations[d*3+loc].Waiting }
	for d, want := range []int{0, 0, 0, 1, 1, 1} {
		if got := at(d, 2); got != want {
			t.Errorf("day %d: %d at C; want %d", d, got, want)
		}
	}
	if got := res.Days[1].States[Travelling]; got != 1 {
		t.Errorf("day 1: %d travelling; want 1 (on B-C)", got)
	}
}

// TestFleeAvoidShortStints: with a town nobody leaves by choice, an agent
// that reached it early in the day goes on only under avoid_short_stints.
func TestFleeAvoidShortStints(t *testing.T) {
	for _, avoid := range []bool{false, true} {
		cfg := fleeLine(0, 1)
		cfg.Flee.DefaultMoveChance = 0
		cfg.Flee.AvoidShortStints = avoid
		res, err := Run(cfg, 1)
		if err != nil {
			t.Fatal(err)
		}
		atB := res.Locations[5*3+1].Waiting
		if avoid && atB != 0 || !avoid && atB != 1 {
			t.Errorf("avoid_short_stints %v: %d at B on the last day; want %d", avoid, atB, map[bool]int{false: 1, true: 0}[avoid])
		}
	}
}

func TestFleeCapMultiplier(t *testing.T) {
	tests := []struct {
		capacity, buffer float64
		n                int32
		want             float64
	}{
		{0, 0.9, 1000, 1},   // no capacity: no limit
		{100, 0.9, 90, 1},   // at the buffer
		{100, 0.9, 95, 0.5}, // half-way through the buffer zone
		{100, 0.9, 100, 0},  // full
		{100, 0.9, 150, 0},
		{100, 0.5, 75, 0.5},
	}
	for _, tt := range tests {
		f := &fleeState{cfg: &FleeConfig{CapacityBuffer: tt.buffer}, locs: []fleeLoc{{capacity: tt.capacity, buffered: tt.buffer * tt.capacity, n: tt.n}}}
		if got := f.capMultiplier(0); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("capMultiplier(capacity %g, buffer %g, %d agents) = %g; want %g", tt.capacity, tt.buffer, tt.n, got, tt.want)
		}
	}
}

// TestFleeTrialRate: the geometric count-down gives each trial the
// location's move chance.
func TestFleeTrialRate(t *testing.T) {
	for _, p := range []float64{0.001, 0.02, 0.3} {
		f := &fleeState{move: NewStream(5, streamFleeMove)}
		L := &fleeLoc{moveChance: p}
		const n = 400000
		k := 0
		for range n {
			if f.trial(L) {
				k++
			}
		}
		mean, sd := n*p, math.Sqrt(n*p*(1-p))
		if math.Abs(float64(k)-mean) > 4*sd {
			t.Errorf("move chance %g: %d moves in %d trials; want %.0f ± %.0f", p, k, n, mean, 4*sd)
		}
	}
}

func TestFleeValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Config)
		want string
	}{
		{"awareness", func(c *Config) { c.Flee.AwarenessLevel = 4 }, "Flee.AwarenessLevel must be in 0..3, got 4"},
		{"length", func(c *Config) { c.Region.Links[1].LengthKm = 0 }, "Region.Links[1].LengthKm must be a finite number more than 0, got 0"},
		{"speed", func(c *Config) { c.Flee.MaxMoveSpeed = math.Inf(1) }, "Flee.MaxMoveSpeed must be a finite number more than 0, got +Inf"},
		{"origins", func(c *Config) { c.Origins = []Origin{{Location: 0, Destinations: []int{2}, Weights: []float64{1}}} }, "no origins, markets or centres"},
		{"closure days", func(c *Config) { c.Flee.Closures = []Closure{{Kind: ClosureLink, From: 5, To: 5}} }, "Flee.Closures[0]: want 0 <= From < To"},
		{"closure camp", func(c *Config) { c.Flee.Closures = []Closure{{Kind: ClosureCamp, From: 0, To: 5, A: 1}} }, "location 1 is not a camp"},
		{"closure country", func(c *Config) { c.Flee.Closures = []Closure{{Kind: ClosureCountry, From: 0, To: 5, A: 0, B: 0}} }, "two different countries"},
		{"conflict order", func(c *Config) { c.Region.Locations[0].Conflict = []ConflictStep{{3, 1}, {3, 0}} }, "Conflict[1]: want days in increasing order"},
		{"coordinates", func(c *Config) { c.Region.Locations[0].HasCoords, c.Region.Locations[0].Lat = true, 91 }, "want latitude in [-90, 90]"},
		{"decay interval", func(c *Config) { c.Flee.ConflictSpawnDecayInterval = 0 }, "Flee.ConflictSpawnDecayInterval must be at least 1"},
	}
	for _, tt := range tests {
		cfg := fleeLine(0, 1)
		tt.edit(cfg)
		err := cfg.Validate()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Validate() = %v; want an error containing %q", tt.name, err, tt.want)
		}
	}
	if err := fleeLine(0, 1).Validate(); err != nil {
		t.Errorf("a valid Flee configuration: %v", err)
	}
}

// ExampleRun_flee runs the Flee rule set on a line from a conflict zone
// through a town to a camp and prints where the agents are at the end.
func ExampleRun_flee() {
	cfg := fleeLine(0, 40, 40, 40, 40, 40)
	cfg.Days = 6
	res, err := Run(cfg, ReplicateSeed(1, 0))
	if err != nil {
		panic(err)
	}
	last := len(res.Days) - 1
	for i, l := range cfg.Region.Locations {
		fmt.Printf("%s %d\n", l.Name, res.Locations[last*3+i].Waiting)
	}
	fmt.Println("on links", res.Final().States[Travelling])
	// Output:
	// A 0
	// B 69
	// C 63
	// on links 68
}

// TestFleeAwareness: with a town nobody leaves by choice, agents stuck at
// B with a lookahead of one hop reach the camp C only with a lookahead of
// two, following their route through B.
func TestFleeAwareness(t *testing.T) {
	reached := func(level int) int {
		cfg := fleeLine(0, 100)
		cfg.Days = 6
		cfg.Flee.DefaultMoveChance = 0
		cfg.Flee.CampWeight = 100
		cfg.Flee.AwarenessLevel = level
		res, err := Run(cfg, 3)
		if err != nil {
			t.Fatal(err)
		}
		return res.Locations[5*3+2].Waiting
	}
	if n := reached(1); n != 0 {
		t.Errorf("awareness 1: %d agents reached C; want 0 (B is never left)", n)
	}
	if n := reached(2); n < 60 {
		t.Errorf("awareness 2: %d of 100 agents reached C; want most (C weighs 100/240 against B's 1/40)", n)
	}
}
