package scenarios

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/sim"
)

// fleeTOML is a small scenario for the Flee rule set.
const fleeTOML = `
name = "fleeish"
days = 10
rules = "flee"
countries = ["Home", "Away"]

[[locations]]
name = "A"
kind = "origin"
country = "Home"
lat = 10.0
lon = 1.0
population = 1000
conflict = [{from = 0, intensity = 1.0}, {from = 6, intensity = 0.0}]

[[locations]]
name = "X"
kind = "border"
country = "Home"

[[locations]]
name = "C"
kind = "destination"
country = "Away"
capacity = 50
initial = 5

[[links]]
from = "A"
to = "X"
distance_km = 40

[[links]]
from = "X"
to = "C"
distance_km = 60

[[posts]]
name = "X"
location = "X"
capacity = 1000

[[closures]]
kind = "country"
names = ["Home", "Away"]
from = 2
to = 4

[flee]
max_move_speed = 80.0
spawn = [0, 5, 5, 5, 5, 5, 5, 5, 5, 5]
`

func TestFleeScenario(t *testing.T) {
	s, err := Parse([]byte(fleeTOML), "fleeish.toml", "fleeish.toml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	cfg, err := s.Config("open")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Rules != sim.RulesFlee || cfg.Flee.MaxMoveSpeed != 80 || cfg.Flee.CampMoveChance != 0.001 {
		t.Errorf("rules %v, speed %g, camp move chance %g; want flee, 80, Flee's default 0.001", cfg.Rules, cfg.Flee.MaxMoveSpeed, cfg.Flee.CampMoveChance)
	}
	a, c := cfg.Region.Locations[0], cfg.Region.Locations[2]
	if !a.HasCoords || a.Lat != 10 || a.Population != 1000 || len(a.Conflict) != 2 || a.Conflict[1] != (sim.ConflictStep{From: 6}) {
		t.Errorf("A = %+v", a)
	}
	if c.Capacity != 50 || c.Initial != 5 || cfg.Region.Links[1].LengthKm != 60 {
		t.Errorf("C = %+v, link %+v", c, cfg.Region.Links[1])
	}
	want := []sim.Closure{{Kind: sim.ClosureCountry, From: 2, To: 4, A: 0, B: 1}}
	if !reflect.DeepEqual(cfg.Flee.Closures, want) {
		t.Errorf("closures = %+v; want %+v", cfg.Flee.Closures, want)
	}
	if got := s.ExpectedMigrants(); got != 50 {
		t.Errorf("ExpectedMigrants() = %g; want 50 (5 on day 0, 45 spawned)", got)
	}
	if _, err := sim.Run(cfg, 1); err != nil {
		t.Fatal(err)
	}
	// Round trip: encode, load, same configuration.
	enc, err := s.Encode()
	if err != nil {
		t.Fatal(err)
	}
	s2, err := Parse(enc, "again.toml", "again.toml", nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg2, err := s2.Config("open")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cfg, cfg2) {
		t.Error("the configuration changes after encoding and loading again")
	}
	// Set reaches the new keys.
	if err := s.Set("flee.max_move_speed=120"); err != nil {
		t.Fatal(err)
	}
	if err := s.Set("locations.C.capacity=70"); err != nil {
		t.Fatal(err)
	}
	if s.File.Flee.MaxMoveSpeed != 120 || *s.File.Locations[2].Capacity != 70 {
		t.Error("Set did not change flee.max_move_speed or locations.C.capacity")
	}
}

// TestFleeBadInput: every mistake with the Flee rule set's keys names the
// file, the line and the key.
func TestFleeBadInput(t *testing.T) {
	tests := []struct {
		name, old, new, want string
	}{
		{"rules", `rules = "flee"`, `rules = "fleee"`, `fleeish.toml:4: rules: must be borderwork or flee, got "fleee"`},
		{"latitude", "lat = 10.0", "lat = 100.0", "fleeish.toml:11: locations.A.lat: must be a latitude in decimal degrees, in [-90, 90], got 100"},
		{"lat alone", "lon = 1.0\n", "", "fleeish.toml:7: locations.A: give lat and lon together"},
		{"population", "population = 1000", "population = -1", "fleeish.toml:13: locations.A.population: must be a count in [0, 10000000000], got -1"},
		{"intensity", "intensity = 0.0}", "intensity = -1.0}", "fleeish.toml:14: locations.A.conflict.1.intensity: must be zero or more, got -1"},
		{"conflict order", "{from = 6, intensity = 0.0}", "{from = 0, intensity = 0.0}", "fleeish.toml:14: locations.A.conflict.1.from: steps must be in increasing order of day"},
		{"capacity off a camp", "population = 1000", "capacity = 1000", "fleeish.toml:13: locations.A.capacity: only a destination (a camp) has a capacity"},
		{"days on a link", "distance_km = 40", "distance_km = 40\ndays = 1", "fleeish.toml:32: links.0.days: under rules = \"flee\" give distance_km only"},
		{"no distance", "distance_km = 60", "days = 1", "fleeish.toml:33: links.1: give distance_km; under rules = \"flee\" agents cover flee.max_move_speed km a day"},
		{"closure kind", `kind = "country"`, `kind = "region"`, `fleeish.toml:44: closures.0.kind: must be country, location, link or camp, got "region"`},
		{"closure names", `names = ["Home", "Away"]`, `names = ["Home"]`, "fleeish.toml:45: closures.0.names: a country closure names 2; got 1"},
		{"closure country", `names = ["Home", "Away"]`, `names = ["Home", "Elsewhere"]`, `fleeish.toml:45: closures.0.names.1: unknown country "Elsewhere" (countries: Home, Away)`},
		{"closure to", "to = 4", "to = 2", "fleeish.toml:47: closures.0.to: must come after from (2), got 2"},
		{"speed", "max_move_speed = 80.0", "max_move_speed = 0.0", "fleeish.toml:50: flee.max_move_speed: must be more than zero, got 0"},
		{"awareness", "max_move_speed = 80.0", "max_move_speed = 80.0\nawareness_level = 4", "fleeish.toml:51: flee.awareness_level: must be a lookahead in [0, 3] hops, got 4"},
		{"camp-making move chance", "max_move_speed = 80.0", "max_move_speed = 80.0\nconflict_movechance = 0.001", "fleeish.toml:51: flee.conflict_movechance: below 0.005, Flee makes every conflict zone a camp when it creates it, which borderwork's Flee rule set does not: give 0.005 or more, got 0.001"},
		{"unknown flee key", "max_move_speed = 80.0", "max_move_sped = 80.0", "fleeish.toml:50: flee.max_move_sped: unknown key; did you mean max_move_speed?"},
		{"origins", "[[posts]]", "[[origins]]\nlocation = \"A\"\ninflow = 1.0\ndestinations = [\"C\"]\n\n[[posts]]", "fleeish.toml:38: origins.A: the Flee rule set spawns agents from flee.spawn in conflict zones; remove [[origins]]"},
		{"flee keys under borderwork", `rules = "flee"`, `rules = "borderwork"`, `fleeish.toml:13: locations.A.population: is read by the Flee rule set only; set rules = "flee" or remove it`},
	}
	for _, tt := range tests {
		src := strings.Replace(fleeTOML, tt.old, tt.new, 1)
		if src == fleeTOML {
			t.Fatalf("%s: %q not found in the scenario", tt.name, tt.old)
		}
		s, err := Parse([]byte(src), "fleeish.toml", "fleeish.toml", nil)
		if err == nil {
			err = s.Validate()
		}
		if err == nil {
			t.Errorf("%s: accepted", tt.name)
			continue
		}
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v does not wrap ErrInvalid", tt.name, err)
		}
		var errs Errors
		if !errors.As(err, &errs) {
			t.Errorf("%s: %v is not a list of errors", tt.name, err)
			continue
		}
		var got []string
		for _, e := range errs {
			got = append(got, e.Error())
		}
		if !slices.Contains(got, tt.want) {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, strings.Join(got, "\n     "), tt.want)
		}
	}
}

// TestBundledMali2012: the bundled Flee case loads and round-trips.
func TestBundledMali2012(t *testing.T) {
	s, err := Load("mali2012")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	if s.File.Rules != "flee" || len(s.File.Posts) != 9 || s.DefaultRegimes()[0] != "open" {
		t.Errorf("rules %q, %d posts, default regimes %v; want flee, 9, [open]", s.File.Rules, len(s.File.Posts), s.DefaultRegimes())
	}
	enc, err := s.Encode()
	if err != nil {
		t.Fatal(err)
	}
	s2, err := Parse(enc, "again.toml", "again.toml", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, regime := range s.RegimeNames() {
		c1, _ := s.Config(regime)
		c2, err := s2.Config(regime)
		if err != nil || !reflect.DeepEqual(c1, c2) {
			t.Errorf("%s: the configuration changes after encoding and loading again (%v)", regime, err)
		}
	}
}
