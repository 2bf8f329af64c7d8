package sim

import (
	"reflect"
	"strings"
	"testing"
)

// TestPhaseOfTheSameRegimeChangesNothing: a phase that restates the
// Config's own settings gives the run it would have without.
func TestPhaseOfTheSameRegimeChangesNothing(t *testing.T) {
	for _, name := range regimeNames {
		plain := withPolicy(name)
		phased := withPolicy(name)
		phased.Phases = []Phase{{From: 10, To: 50, Enforcement: phased.Enforcement, Protection: phased.Protection, Information: phased.Information}}
		if a, b := mustRun(t, plain, 5), mustRun(t, phased, 5); !reflect.DeepEqual(a.Days, b.Days) {
			t.Errorf("%s: a phase restating the regime changed the run", name)
		}
	}
}

// TestPhaseHoldsOnItsDaysOnly: with every irregular path patrolled so
// that everyone on it is caught on the first day (patrol 1) during days
// [0, 60), nobody arrives along the smugglers' path before day 60 plus
// its length; before and after, the regime's own patrol lets them through.
func TestPhaseHoldsOnItsDaysOnly(t *testing.T) {
	arrivals := func(cfg *Config) (before, after int) {
		cfg.RecordFlows = true
		cfg.Days = 200
		cfg.Origins[0].Inflow = []InflowStep{{From: 0, Rate: 20}}
		res := mustRun(t, cfg, 9)
		nl := len(cfg.Region.Links)
		for d := range cfg.Days {
			n := res.Flows[d*nl+linkIrregular].Arrived(cfg.Region.Links[linkIrregular], locTown)
			if d < 60 {
				before += n
			} else if d >= 60+cfg.Region.Links[linkIrregular].Days {
				after += n
			}
		}
		return before, after
	}
	control := withPolicy("closed")
	if before, after := arrivals(control); before == 0 || after == 0 {
		t.Fatalf("without the phase: %d arrivals by the smugglers' path before day 60, %d after; want both", before, after)
	}
	cfg := withPolicy("closed")
	caught := cfg.Enforcement
	caught.Patrol = 1
	cfg.Phases = []Phase{{From: 0, To: 60, Enforcement: caught, Protection: cfg.Protection, Information: cfg.Information}}
	own := cfg.Enforcement
	before, after := arrivals(cfg)
	if before != 0 {
		t.Errorf("with everyone caught on days [0, 60): %d arrivals by the smugglers' path before day 60", before)
	}
	if after == 0 {
		t.Error("no arrivals by the smugglers' path after the phase ended")
	}
	if cfg.Enforcement != own {
		t.Errorf("the run changed its caller's Config: enforcement %+v, was %+v", cfg.Enforcement, own)
	}
}

func TestPhasesRejected(t *testing.T) {
	ok := func(from, to int) Phase {
		cfg := smallConfig()
		return Phase{From: from, To: to, Enforcement: cfg.Enforcement, Protection: cfg.Protection, Information: cfg.Information}
	}
	tests := []struct {
		name   string
		phases []Phase
		want   string
	}{
		{"empty", []Phase{ok(5, 5)}, "Phases[0]: want 0 <= From < To"},
		{"negative", []Phase{ok(-1, 5)}, "Phases[0]: want 0 <= From < To"},
		{"overlap", []Phase{ok(0, 10), ok(9, 20)}, "Phases[1]: starts on day 9, before the previous phase ends"},
		{"out of order", []Phase{ok(20, 30), ok(0, 10)}, "Phases[1]: starts on day 0"},
		{"patrol", func() []Phase { p := ok(0, 10); p.Enforcement.Patrol = 2; return []Phase{p} }(), "Phases[0].Enforcement.Patrol"},
		{"accuracy", func() []Phase { p := ok(0, 10); p.Information.Accuracy = -0.1; return []Phase{p} }(), "Phases[0].Information.Accuracy"},
	}
	for _, tt := range tests {
		cfg := smallConfig()
		cfg.Phases = tt.phases
		err := cfg.Validate()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Validate() = %v; want an error containing %q", tt.name, err, tt.want)
		}
	}
}

// TestSubStepZeroDraws: sub-step 0 (phases and the posts' policies,
// docs/MODEL.md section 3) draws nothing, except on a day a phase changes
// the regime-wide settings, when each link's count-down is drawn again
// from the hazard stream (7.6.4, 8.3), and from no other stream.
func TestSubStepZeroDraws(t *testing.T) {
	cfg := smallConfig()
	ph := Phase{From: 3, To: 6, Enforcement: cfg.Enforcement, Protection: cfg.Protection, Information: cfg.Information}
	ph.Enforcement.Patrol = 0.2
	cfg.Phases = []Phase{ph}
	cfg.Posts[0].Schedule = []PostWindow{{From: 2, To: 4, Policy: closedPolicy()}} // a window too: it draws nothing
	m, err := New(cfg, 1)
	if err != nil {
		t.Fatal(err)
	}
	streams := map[string]*Stream{
		"inflow": m.inflow, "population": m.population, "posts": m.postRng, "rumours": m.rumours, "decisions": m.decisions,
		"admission": m.admission, "smuggling": m.smuggling, "abuse": m.abuse, "hazard": m.hazard, "market": m.market,
		"pushback": m.pushback, "centre": m.centre,
	}
	state := func() map[string]string {
		out := map[string]string{}
		for name, s := range streams {
			b, err := s.pcg.MarshalBinary()
			if err != nil {
				t.Fatal(err)
			}
			out[name] = string(b)
		}
		return out
	}
	for !m.Done() {
		day := m.Day()
		before := state()
		m.stepPhase()
		m.applyPolicies()
		after := state()
		changes := day == ph.From || day == ph.To
		for name := range streams {
			drew := before[name] != after[name]
			if want := changes && name == "hazard"; drew != want {
				t.Errorf("day %d: sub-step 0 drew from %s: %v; want %v", day, name, drew, want)
			}
		}
		m.Step() // the phase and the policies are in force already: Step's own sub-step 0 changes nothing
	}
}
