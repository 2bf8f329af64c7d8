package sim

import (
	"reflect"
	"testing"
)

// TestFastPaths: the fast paths of the day's pass (stepMigrants) do
// exactly what the general paths do. Every workload runs twice, with and
// without them, and must give the same records, day by day.
func TestFastPaths(t *testing.T) {
	run := func(cfg *Config, general bool) *Result {
		m, err := New(cfg, ReplicateSeed(13, 2))
		if err != nil {
			t.Fatal(err)
		}
		m.generalOnly = general
		for !m.Done() {
			m.Step()
		}
		return m.Result()
	}
	workloads := map[string]*Config{"chain": chainConfig(20_000), "grid": gridConfig(5, 10_000), "open year": openYearConfig(5_000)}
	for _, name := range regimeNames {
		cfg := withPolicy(name)
		cfg.RecordLocations = true
		workloads[name] = cfg
	}
	// A phase that changes every regime-wide setting the fast paths and
	// the thinning keep (rumours, centres, the links' hazards).
	phased := withPolicy("hbm")
	ph := Phase{From: 20, To: 60, Enforcement: phased.Enforcement, Protection: phased.Protection, Information: phased.Information}
	ph.Protection.Centres, ph.Enforcement.Patrol, ph.Enforcement.IrregularHazard = false, 0.3, 4
	ph.Information.RumourRate, ph.Information.RumourNoise = 0.9, 0.3
	phased.Phases = []Phase{ph}
	workloads["phased"] = phased
	// The trapped rule's reading of seats refused, which the queue's fast
	// path works out without branches (blockedAs).
	seats := chainConfig(20_000)
	seats.Migrants.SeatlessTrapped = true
	workloads["chain, seats counted"] = seats
	for _, name := range []string{"chain", "grid", "open year", "open", "closed", "malfunctioning", "hbm", "phased", "chain, seats counted"} {
		cfg := workloads[name]
		if fast, general := run(cfg, false), run(cfg, true); !reflect.DeepEqual(fast, general) {
			t.Errorf("%s: the fast paths change the results", name)
		}
	}
}

// TestPhaseResetsWhatIsKept: what the model keeps of the regime-wide
// settings (rumours, where centres tell the truth, the links' bounds)
// follows a phase in and out.
func TestPhaseResetsWhatIsKept(t *testing.T) {
	cfg := withPolicy("hbm")
	cfg.Region.Links[linkIrregular].Hazard = 0.01
	ph := Phase{From: 5, To: 10, Enforcement: cfg.Enforcement, Protection: cfg.Protection, Information: cfg.Information}
	ph.Protection.Centres, ph.Enforcement.Patrol, ph.Information.RumourRate = false, 0.5, 0
	cfg.Phases = []Phase{ph}
	m, err := New(cfg, 1)
	if err != nil {
		t.Fatal(err)
	}
	kept := func() (told int, hears bool, bound float64) {
		for _, b := range m.toldTruth {
			if b {
				told++
			}
		}
		return told, m.hearsRumours, m.linkMax[linkIrregular]
	}
	told0, hears0, bound0 := kept()
	if told0 == 0 || !hears0 {
		t.Fatalf("before the phase: %d places told the truth, hears rumours %v; want some and true", told0, hears0)
	}
	for m.Day() < 7 {
		m.Step()
	}
	if told, hears, bound := kept(); told != 0 || hears || !(bound > bound0) {
		t.Errorf("in the phase (no centres, no rumours, patrols): %d places told the truth, hears %v, irregular bound %v (was %v)", told, hears, bound, bound0)
	}
	for m.Day() < 12 {
		m.Step()
	}
	if told, hears, bound := kept(); told != told0 || hears != hears0 || bound != bound0 {
		t.Errorf("after the phase: %d places told the truth, hears %v, bound %v; want %d, %v, %v as before it", told, hears, bound, told0, hears0, bound0)
	}
}
