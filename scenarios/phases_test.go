package scenarios

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/borderwork/borderwork/sim"
)

// gateTOML is a small region with a way round its post: Home to Away
// through Gate, or with smugglers straight across.
const gateTOML = `
name = "gate"
seed = 3
days = 160
countries = ["A", "B"]
start = "2016-01-01"
people_per_agent = 10

[[locations]]
name = "Home"
kind = "origin"
country = "A"

[[locations]]
name = "Town"
kind = "hub"
country = "A"

[[locations]]
name = "Gate"
kind = "border"
country = "A"

[[locations]]
name = "Away"
kind = "destination"
country = "B"

[[links]]
from = "Home"
to = "Town"
days = 1

[[links]]
from = "Town"
to = "Gate"
days = 2

[[links]]
from = "Gate"
to = "Away"
days = 1

[[links]]
from = "Town"
to = "Away"
kind = "irregular"
days = 4
hazard = 0.002

[[origins]]
location = "Home"
inflow = 15
documented = 0.2
destinations = ["Away"]

[[posts]]
name = "Gate"
location = "Gate"
capacity = 100

[[markets]]
location = "Town"
to = "Away"
smugglers = 5
max_smugglers = 30

[[phases]]
to = 60
description = "before the change"
levels = { admission = "open", enforcement = "none", reliability = "reliable", integrity = "strong", information = "accurate", protection = "none" }

[[monitors]]
name = "Away"
location = "Away"
outgoing_from = ["Gate"]
incoming_from = ["Town"]
`

func parseGate(t *testing.T, extra string) *Scenario {
	t.Helper()
	return parseText(t, gateTOML+extra)
}

// parseText parses and validates a scenario given as text.
func parseText(t *testing.T, text string) *Scenario {
	t.Helper()
	s, err := Parse([]byte(text), "gate.toml", "gate.toml", fstest.MapFS{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestPhaseMakesRegimesOne: during the phase every regime is the phase's
// point, so their runs (same replicate) agree day by day; after it they
// part.
func TestPhaseMakesRegimesOne(t *testing.T) {
	runs := runEveryRegime(t, parseGate(t, ""))
	for _, r := range BuiltinRegimes[1:] {
		if !reflect.DeepEqual(runs[r][:60], runs["open"][:60]) {
			t.Errorf("%s differs from open during the phase", r)
		}
		if reflect.DeepEqual(runs[r][60:], runs["open"][60:]) {
			t.Errorf("%s is the same as open after the phase", r)
		}
	}
}

// TestPhaseAtTheRegimesOwnPoint: a phase at the levels a regime stands at
// anyway changes nothing in its run.
func TestPhaseAtTheRegimesOwnPoint(t *testing.T) {
	with := parseGate(t, "")
	without := with.Clone()
	without.File.Phases = nil
	a, err := with.Config("open")
	if err != nil {
		t.Fatal(err)
	}
	b, err := without.Config("open")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Phases) != 1 || len(b.Phases) != 0 {
		t.Fatalf("phases compiled: %d and %d; want 1 and 0", len(a.Phases), len(b.Phases))
	}
	ra, _ := sim.Run(a, 11)
	rb, _ := sim.Run(b, 11)
	if !reflect.DeepEqual(ra.Days, rb.Days) {
		t.Error("a phase at open's own levels changed open's run")
	}
}

// TestMonitorsCount: the point at Away counts as outgoing everyone who
// arrives from Gate and as incoming everyone brought by smugglers from
// Town; together they are every arrival.
func TestMonitorsCount(t *testing.T) {
	s := parseGate(t, "")
	mons := s.Monitors()
	if len(mons) != 1 || mons[0].Name != "Away" || len(mons[0].Outgoing) != 1 || len(mons[0].Incoming) != 1 {
		t.Fatalf("Monitors() = %+v", mons)
	}
	cfg, err := s.Config("closed")
	if err != nil {
		t.Fatal(err)
	}
	cfg.RecordFlows = true
	res, err := sim.Run(cfg, 5)
	if err != nil {
		t.Fatal(err)
	}
	out, in := 0, 0
	for d := range cfg.Days {
		o, i := mons[0].Count(cfg.Region.Links, res.Flows, d)
		out += o
		in += i
	}
	if arrived := res.Final().States[sim.Arrived]; out+in != arrived || out == 0 || in == 0 {
		t.Errorf("counted %d by road and %d by the path; %d arrived", out, in, arrived)
	}
	if d, ok := s.Start(); !ok || d.Format("2006-01-02") != "2016-01-01" {
		t.Errorf("Start() = %v, %v", d, ok)
	}
	if s.PeoplePerAgent() != 10 {
		t.Errorf("PeoplePerAgent() = %v", s.PeoplePerAgent())
	}
}

func TestPhasesAndMonitorsRejected(t *testing.T) {
	allLevels := `admission = "open", enforcement = "none", reliability = "reliable", integrity = "strong", information = "accurate", protection = "none"`
	tests := []struct {
		name, edit, want string
	}{
		{"bad start", `start = "1 Aug 2016"` + "\n", `gate.toml:6: start: want a date YYYY-MM-DD, got "1 Aug 2016"`},
		{"a factor left out", "\n[[phases]]\nfrom = 70\nlevels = { admission = \"closed\" }\n", "phases.1.levels: name a level of enforcement"},
		{"unknown level", "\n[[phases]]\nfrom = 70\nlevels = { " + strings.Replace(allLevels, `"none", reliability`, `"lax", reliability`, 1) + " }\n", `phases.1.levels.enforcement: factor enforcement has no level "lax"`},
		{"no levels", "\n[[phases]]\nfrom = 70\n", "phases.1: give levels"},
		{"overlap", "\n[[phases]]\nfrom = 50\nlevels = { " + allLevels + " }\n", "phases.1.from: starts on day 50, before the previous phase ends (day 60)"},
		{"empty", "\n[[phases]]\nfrom = 80\nto = 80\nlevels = { " + allLevels + " }\n", "phases.1.to: must come after from (80), got 80"},
		{"monitor nowhere", "\n[[monitors]]\nname = \"X\"\nlocation = \"Nowhere\"\noutgoing_from = [\"Gate\"]\n", `gate.toml:81: monitors.X.location: unknown location "Nowhere"`},
		{"not a neighbour", "\n[[monitors]]\nname = \"X\"\nlocation = \"Gate\"\noutgoing_from = [\"Home\"]\n", `gate.toml:82: monitors.X.outgoing_from.0: "Home" is not joined to "Gate" by any link`},
		{"both ways", "\n[[monitors]]\nname = \"X\"\nlocation = \"Gate\"\noutgoing_from = [\"Town\"]\nincoming_from = [\"Town\"]\n", `gate.toml:83: monitors.X.incoming_from.0: "Town" is also in outgoing_from`},
		{"no sides", "\n[[monitors]]\nname = \"X\"\nlocation = \"Gate\"\n", "gate.toml:79: monitors.X: give outgoing_from or incoming_from"},
		{"same name", "\n[[monitors]]\nname = \"Away\"\nlocation = \"Gate\"\noutgoing_from = [\"Town\"]\n", `gate.toml:80: monitors.Away.name: duplicate monitor name "Away"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := gateTOML + tt.edit
			if strings.HasPrefix(tt.edit, "start") {
				src = strings.Replace(gateTOML, `start = "2016-01-01"`+"\n", tt.edit, 1)
			}
			s, err := Parse([]byte(src), "gate.toml", "gate.toml", fstest.MapFS{})
			if err == nil {
				err = s.Validate()
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v; want one containing %q", err, tt.want)
			}
		})
	}
}

// TestPhaseForTheWholeRun: a phase from day 0 with no end (or ending at
// sim.MaxDays) makes every regime its point all run. It once left an
// empty window after itself, which the engine refused.
func TestPhaseForTheWholeRun(t *testing.T) {
	for _, to := range []string{"", "to = 65535\n"} {
		text := strings.Replace(gateTOML, "to = 60\n", to, 1)
		text = strings.Replace(text, `admission = "open", enforcement = "none"`, `admission = "shut", enforcement = "patrolled"`, 1)
		runs := runEveryRegime(t, parseText(t, text))
		for _, r := range BuiltinRegimes[1:] {
			if !reflect.DeepEqual(runs[r], runs["open"]) {
				t.Errorf("%q: %s differs from open under a phase of the whole run", to, r)
			}
		}
	}
}

// runEveryRegime runs replicate 0 of seed 3 under every built-in regime
// and returns each run's days by regime.
func runEveryRegime(t *testing.T, s *Scenario) map[string][]sim.DayRecord {
	t.Helper()
	runs := map[string][]sim.DayRecord{}
	for _, r := range BuiltinRegimes {
		cfg, err := s.Config(r)
		if err != nil {
			t.Fatal(err)
		}
		res, err := sim.Run(cfg, sim.ReplicateSeed(3, 0))
		if err != nil {
			t.Fatalf("%s: %v", r, err)
		}
		runs[r] = res.Days
	}
	return runs
}

// TestStartsAfterTheLastDay: a phase or window that would start on day
// sim.MaxDays can never apply (the longest run's last day is MaxDays −
// 1), and is refused naming its key, not by the engine later.
func TestStartsAfterTheLastDay(t *testing.T) {
	levels := `levels = { admission = "open", enforcement = "none", reliability = "reliable", integrity = "strong", information = "accurate", protection = "none" }`
	for _, tt := range []struct{ text, key string }{
		{gateTOML + "\n[[phases]]\nfrom = 65535\n" + levels + "\n", "phases.1.from"},
		{strings.Replace(gateTOML, "[[markets]]", "[[posts.schedule]]\nfrom = 65535\nadmission = \"nobody\"\n\n[[markets]]", 1), "posts.Gate.schedule.0.from"},
	} {
		s, err := Parse([]byte(tt.text), "gate.toml", "gate.toml", fstest.MapFS{})
		if err == nil {
			err = s.Validate()
		}
		if err == nil || !strings.Contains(err.Error(), tt.key+": must be a day in [0, 65534], got 65535") {
			t.Errorf("%s = 65535: %v; want an error naming the key and its range", tt.key, err)
		}
	}
}
