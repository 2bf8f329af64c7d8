package sim

import (
	"context"
	"math"
	"slices"
	"testing"
)

// withGate is the small region with a second crossing from at to Town
// through Gate, its first link days long, with a post at Gate or not;
// with gateFirst, Gate's links are listed before Border's.
func withGate(at, days int, post, gateFirst bool) *Config {
	const locGate = locDest + 1
	cfg := smallConfig()
	cfg.Region.Locations = append(cfg.Region.Locations, Location{Name: "Gate", Kind: KindBorder, Country: 0})
	gate := []Link{{From: at, To: locGate, Kind: Road, Days: days}, {From: locGate, To: locTown, Kind: Road, Days: 1}}
	if gateFirst {
		cfg.Region.Links = append(gate, cfg.Region.Links...)
		for i := range cfg.Markets {
			cfg.Markets[i].Link += len(gate)
		}
	} else {
		cfg.Region.Links = append(cfg.Region.Links, gate...)
	}
	if post {
		cfg.Posts = append(cfg.Posts, Post{Name: "Gate", Location: locGate, Capacity: 40, Policy: DefaultPostPolicy()})
	}
	return cfg
}

// TestTiedRoadOptions: an option is tied when equally short roads from
// its next place pass different posts, and then lists every post on them.
func TestTiedRoadOptions(t *testing.T) {
	for _, tt := range []struct {
		name  string
		cfg   *Config
		tied  bool
		posts []int32
	}{
		{"one crossing", smallConfig(), false, []int32{0}},
		{"two crossings as long", withGate(locHub, 1, true, false), true, []int32{0, 1}},
		{"listed the other way", withGate(locHub, 1, true, true), true, []int32{0, 1}},
		{"the second without a post", withGate(locHub, 1, false, false), true, []int32{0}},
		{"the second a day longer", withGate(locHub, 2, true, false), false, []int32{0}},
	} {
		if err := tt.cfg.Validate(); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		rt, err := buildRoutes(context.Background(), tt.cfg, tt.cfg.Migrants.MarketReachDays)
		if err != nil {
			t.Fatal(err)
		}
		// From Origin toward Dest, the one option is by Hub.
		o := rt.options[locOrigin*len(rt.options)/rt.n+int(rt.destIndex[locDest])][0]
		if o.tied != tt.tied || !slices.Equal(o.posts, tt.posts) {
			t.Errorf("%s: option by Hub tied %v, posts %v; want %v, %v", tt.name, o.tied, o.posts, tt.tied, tt.posts)
		}
		if rt.tied != tt.tied {
			t.Errorf("%s: routes tied %v; want %v", tt.name, rt.tied, tt.tied)
		}
	}
}

// TestBestOfTiedRoads: a migrant at Origin weighs the option by Hub by
// whichever of the two equally short roads beyond Hub it believes in
// most, whatever the links' order; between roads it believes in alike,
// by its lot, about half the migrants one way.
func TestBestOfTiedRoads(t *testing.T) {
	const scale = 1.0 / beliefScale
	belief := func(b float64) uint16 { return toBelief(b) }
	for _, gateFirst := range []bool{false, true} {
		cfg := withGate(locHub, 1, true, gateFirst)
		m, err := newModel(context.Background(), cfg, 1)
		if err != nil {
			t.Fatal(err)
		}
		o := &m.rt.options[locOrigin*m.nDst+int(m.rt.destIndex[locDest])][0]
		for _, tt := range []struct {
			name         string
			post, gate   float64
			first        int32
			chance, rest float64
		}{
			{"Gate believed in", 0.2, 0.9, 1, float64(belief(0.9)) * scale, 1},
			{"Post believed in", 0.9, 0.2, 0, float64(belief(0.9)) * scale, 1},
			{"neither", 0, 0, -1, 0, 1}, // both roads at 0: first is either post
		} {
			m.newStamp()
			first, rest, chance := m.tiedRoadChance(7, []uint16{belief(tt.post), belief(tt.gate)}, -1, 0, locDest, o)
			if tt.first >= 0 && first != tt.first || chance != tt.chance || rest != tt.rest {
				t.Errorf("gate first %v, %s: first %d, rest %g, chance %g; want %d, %g, %g", gateFirst, tt.name, first, rest, chance, tt.first, tt.rest, tt.chance)
			}
		}
		viaPost := 0
		const n = 4000
		for id := range n {
			m.newStamp()
			first, _, chance := m.tiedRoadChance(id, []uint16{belief(0.6), belief(0.6)}, -1, 0, locDest, o)
			if chance != float64(belief(0.6))*scale {
				t.Fatalf("gate first %v: chance %g of roads believed at 0.6", gateFirst, chance)
			}
			if first == 0 {
				viaPost++
			}
		}
		// A fair lot puts about half (sd 0.008) by Post.
		if share := float64(viaPost) / n; share < 0.46 || share > 0.54 {
			t.Errorf("gate first %v: %d of %d migrants plan by Post; want about half", gateFirst, viaPost, n)
		}
	}
}

// TestBestFromForgetsOnWrap: when the stamp of bestFrom's work wraps, the
// stamps of old work are forgotten, not taken for this call's: neither
// a place never worked out (stamp 0) nor one worked out four billion
// calls ago (stamp 1).
func TestBestFromForgetsOnWrap(t *testing.T) {
	for _, stale := range []uint32{0, 1} {
		m, err := newModel(context.Background(), withGate(locHub, 1, true, false), 1)
		if err != nil {
			t.Fatal(err)
		}
		o := &m.rt.options[locOrigin*m.nDst+int(m.rt.destIndex[locDest])][0]
		m.dpNow = math.MaxUint32
		for i := range m.dpStamp {
			m.dpStamp[i], m.dpBest[i] = stale, 0.25
		}
		m.newStamp()
		if _, _, chance := m.tiedRoadChance(0, []uint16{beliefScale, beliefScale}, -1, 0, locDest, o); chance != 1 {
			t.Errorf("stamps %d: chance %g after the stamp wrapped; want 1, worked out afresh", stale, chance)
		}
	}
}
