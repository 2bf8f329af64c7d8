package sim

import (
	"math"
	"testing"
)

// A small hand-built region used by the engine's tests:
//
//	Origin(A) -2d- Hub(A) -1d- Border(A, post) -1d- Town(B) -2d- Dest(B)
//	                  \________ irregular, 4d _____/
//
// with a smuggling market at Hub on the irregular path and a centre hosted
// at Hub.
const (
	locOrigin = iota
	locHub
	locBorder
	locTown
	locDest
)

const linkIrregular = 4

func smallRegion() Region {
	return Region{
		Countries: []string{"A", "B"},
		Locations: []Location{
			{Name: "Origin", Kind: KindOrigin, Country: 0},
			{Name: "Hub", Kind: KindHub, Country: 0},
			{Name: "Border", Kind: KindBorder, Country: 0},
			{Name: "Town", Kind: KindHub, Country: 1},
			{Name: "Dest", Kind: KindDestination, Country: 1},
		},
		Links: []Link{
			{From: locOrigin, To: locHub, Kind: Road, Days: 2},
			{From: locHub, To: locBorder, Kind: Road, Days: 1},
			{From: locBorder, To: locTown, Kind: Road, Days: 1},
			{From: locTown, To: locDest, Kind: Road, Days: 2},
			{From: locHub, To: locTown, Kind: Irregular, Days: 4, Hazard: 0.002, Alone: true},
		},
	}
}

// smallConfig is the small region under an open post, with an inflow of
// 20 migrants a day for 30 days, run for 120 days.
func smallConfig() *Config {
	cfg := Defaults()
	cfg.Days = 120
	cfg.Region = smallRegion()
	cfg.Origins = []Origin{{
		Location:     locOrigin,
		Inflow:       []InflowStep{{From: 0, Rate: 20}, {From: 30, Rate: 0}},
		MoneyMean:    600,
		MoneyCV:      0.5,
		Documented:   0.3,
		Minor:        0.1,
		Sick:         0.05,
		Trafficked:   0.05,
		WillSmuggle:  0.8,
		WillTurnBack: 0.5,
		Destinations: []int{locDest},
		Weights:      []float64{1},
	}}
	cfg.Posts = []Post{{Name: "Post", Location: locBorder, Capacity: 40, Policy: DefaultPostPolicy()}}
	cfg.Markets = []Market{{Location: locHub, Link: linkIrregular, Smugglers: 2, MaxSmugglers: 20}}
	cfg.Centres = []Centre{{Location: locHub, Capacity: 200, Shelter: 0.8, Medical: 0.8, ReturnOfferDays: 14, ReturnUptake: 0.05, Reach: 3}}
	return &cfg
}

func closedPolicy() PostPolicy {
	p := DefaultPostPolicy()
	p.Admission = AdmitDocumented
	return p
}

func failingPolicy() PostPolicy {
	p := DefaultPostPolicy()
	p.CapacityCV = 0.5
	p.OutageStart = 0.05
	p.OutageDays = 10
	p.FailingCapacity = 0.1
	p.Refusal = 0.2
	p.Oversight = 0.4
	return p
}

func mustRun(t interface{ Fatal(...any) }, cfg *Config, seed uint64) *Result {
	res, err := Run(cfg, seed)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// addedOfficialViolence checks that got, a run differing from base only
// in a rate of officials' violence drawn from a stream of its own,
// follows base's paths day by day (the same states, interceptions,
// boardings, trapped and centre person-days, and every other abuse),
// and that its harm index is base's plus the added violence events
// weighted as cfg weighs violence. It returns, per day, the violence
// events by officials added so far.
func addedOfficialViolence(t *testing.T, rate float64, cfg *Config, base, got *Result) []int {
	t.Helper()
	added := make([]int, len(base.Days))
	for d, b := range base.Days {
		g := got.Days[d]
		added[d] = g.Abuse[Violence][ByOfficial] - b.Abuse[Violence][ByOfficial]
		g.Abuse[Violence][ByOfficial] = b.Abuse[Violence][ByOfficial]
		if g.States != b.States || g.Interceptions != b.Interceptions || g.Abuse != b.Abuse || g.TrappedPersonDays != b.TrappedPersonDays ||
			g.Boarded != b.Boarded || g.CentrePersonDays != b.CentrePersonDays {
			t.Fatalf("rate %v, day %d: states %v, %d interceptions, abuse %v; want the paths of the run at rate 0: %v, %d, %v",
				rate, d, g.States, g.Interceptions, g.Abuse, b.States, b.Interceptions, b.Abuse)
		}
		if want := b.HarmIndex + float64(added[d])*cfg.Harm.Violence; math.Abs(g.HarmIndex-want) > 1e-9*want {
			t.Errorf("rate %v, day %d: harm index %v; want %v, the run at rate 0's and %d violence events", rate, d, g.HarmIndex, want, added[d])
		}
	}
	return added
}
