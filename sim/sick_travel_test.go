package sim

import (
	"math"
	"testing"
)

// allSick is the small region with 4,000 migrants at the origin on day 0,
// every one sick, dying of it with chance mortality a day, and none
// arriving later, run for the given days.
func allSick(days int, mortality float64) *Config {
	cfg := smallConfig()
	cfg.Days = days
	o := &cfg.Origins[0]
	o.Inflow, o.Initial = nil, 4000
	o.Minor, o.Sick, o.Trafficked = 0, 1, 0
	cfg.Migrants.SickMortality = mortality
	return cfg
}

// TestSickDieOnSafeRoad: a sick migrant's own mortality applies on every
// link, even a road with no hazard of its own. The days of death are drawn
// by thinning against each link's largest daily chance (linkBounds), so a
// bound that left the sick out would be 0 on such a road, and no one would
// die there. Over a 10-day road at sick mortality 0.01 a day, a share
// 1 − 0.99^10 = 9.56% of those setting out should die on it.
func TestSickDieOnSafeRoad(t *testing.T) {
	const days, mortality = 10, 0.01
	cfg := allSick(days+5, mortality)
	cfg.Region.Links[0].Days = days // Origin to Hub, a road
	cfg.Region.Links[0].Hazard = 0
	m, err := New(cfg, ReplicateSeed(29, 0))
	if err != nil {
		t.Fatal(err)
	}
	onRoad := func(e Event) bool { return e.Location == locOrigin && e.To == locHub }
	var setOut, died float64
	m.Sink = EventSinkFunc(func(e Event) {
		switch {
		case e.Kind == EventDeparted && onRoad(e):
			setOut++
		case e.Kind == EventDied && onRoad(e):
			died++
		}
	})
	for !m.Done() {
		m.Step()
	}
	if setOut < 1000 {
		t.Fatalf("only %v migrants set out on the road", setOut)
	}
	want := 1 - math.Pow(1-mortality, days)
	se := math.Sqrt(want * (1 - want) / setOut)
	if got := died / setOut; math.Abs(got-want) > 3*se {
		t.Errorf("%v of %v sick migrants died on a 10-day road without hazard (%.4f); want %.4f ± %.4f (3 standard errors)", died, setOut, got, want, 3*se)
	}
}

// TestSickDieAtPlaces: a sick migrant at a place dies of its illness with
// chance migrants.sick_mortality a day (docs/MODEL.md 7.6), whatever else
// it does there. Counted over the days sick migrants begin at a place,
// the deaths from illness are that share of them.
func TestSickDieAtPlaces(t *testing.T) {
	const mortality = 0.01
	cfg := allSick(60, mortality)
	m, err := New(cfg, ReplicateSeed(31, 0))
	if err != nil {
		t.Fatal(err)
	}
	var died float64
	m.Sink = EventSinkFunc(func(e Event) {
		if e.Kind == EventDied && e.Detail == "illness" {
			died++
		}
	})
	exposed := 0.0 // sick migrant-days begun at a place
	for !m.Done() {
		for _, mg := range m.Migrants() {
			if mg.Vuln == Sick && mg.State.AtPlace() && !mg.State.Final() {
				exposed++
			}
		}
		m.Step()
	}
	if exposed < 20000 {
		t.Fatalf("only %v sick migrant-days at places", exposed)
	}
	se := math.Sqrt(mortality * (1 - mortality) / exposed)
	if got := died / exposed; math.Abs(got-mortality) > 4*se {
		t.Errorf("%v deaths from illness in %v sick migrant-days at places (%.4f a day); want %.4f ± %.4f (4 standard errors)", died, exposed, got, mortality, 4*se)
	}
}
