package sim

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
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
// calls ago (stamp 1). The old work at Hub chose the road by Gate, which
// the migrant now believes closed.
func TestBestFromForgetsOnWrap(t *testing.T) {
	for _, stale := range []uint32{0, 1} {
		m, err := newModel(context.Background(), withGate(locHub, 1, true, false), 1)
		if err != nil {
			t.Fatal(err)
		}
		o := &m.rt.options[locOrigin*m.nDst+int(m.rt.destIndex[locDest])][0]
		m.dpNow = math.MaxUint32
		for i := range m.dpStamp {
			m.dpStamp[i], m.dpBest[i], m.dpStep[i] = stale, 0, 1 // Hub's steps: Border, Gate
		}
		m.newStamp()
		if _, _, chance := m.tiedRoadChance(0, []uint16{beliefScale, 0}, -1, 0, locDest, o); chance != 1 {
			t.Errorf("stamps %d: chance %g after the stamp wrapped; want 1, worked out afresh", stale, chance)
		}
	}
}

// TestTiedRoadsAgainstEveryRoad: in random small regions (roads of 1 or 2
// days, some repeated, posts at about half the places, destinations
// among them, three countries), a place is uniform exactly when every
// shortest road from it passes the same posts, and a tied option's
// first, rest and chance are, to the bit, what roadChance gives for one
// of its shortest roads, the one believed in most (to 1e-12: the search
// multiplies from the destination back), whether the move crosses the
// border here or not.
func TestTiedRoadsAgainstEveryRoad(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var checked, crossing int
	for range 2000 {
		cfg := randomRoads(r)
		rt, err := buildRoutes(context.Background(), cfg, 0)
		if err != nil {
			t.Fatal(err)
		}
		var dests []int
		for i, l := range cfg.Region.Locations {
			if l.Kind == KindDestination {
				dests = append(dests, i)
			}
		}
		m := &Model{cfg: cfg, rt: rt, nDst: len(dests), tieKey: 99}
		m.dpStamp, m.dpBest, m.dpStep = make([]uint32, rt.n), make([]float64, rt.n), make([]int32, rt.n)
		uniform := make([]bool, rt.n)
		for di, d := range dests {
			rt.markUniform(d, uniform)
			for a := range rt.n {
				if rt.dist[a*rt.n+d] == unreachable {
					continue
				}
				roads := everyShortestRoad(rt, a, d)
				same := !slices.ContainsFunc(roads, func(p []int32) bool { return !slices.Equal(p, roads[0]) })
				if same != uniform[a] {
					t.Fatalf("uniform[%d] toward %d = %v; roads %v", a, d, uniform[a], roads)
				}
			}
			for a := range rt.n {
				for oi := range rt.options[a*len(dests)+di] {
					o := &rt.options[a*len(dests)+di][oi]
					if !o.tied {
						continue
					}
					roads := everyShortestRoad(rt, int(o.next), d)
					for trial := range 10 {
						beliefs := make([]uint16, len(cfg.Posts))
						for i := range beliefs {
							beliefs[i] = []uint16{beliefScale, 40000, uint16(r.IntN(beliefScale + 1))}[r.IntN(3)]
						}
						here, from := rt.postAt[a], r.IntN(3)
						if here >= 0 && cfg.Region.Locations[o.next].Country != from {
							crossing++
						}
						m.newStamp()
						first, rest, chance := m.tiedRoadChance(trial, beliefs, here, from, d, o)
						found, most := false, -1.0
						for _, p := range roads {
							f, rs, c := m.roadChance(beliefs, here, from, &roadOption{next: o.next, posts: p})
							found = found || f == first && rs == rest && c == chance
							most = max(most, c)
						}
						if !found || math.Abs(chance-most) > 1e-12 {
							t.Fatalf("option %d to %d toward %d, beliefs %v: first %d, rest %v, chance %v; not one of roads %v (the most believed: %v)", a, o.next, d, beliefs, first, rest, chance, roads, most)
						}
						checked++
					}
				}
			}
		}
	}
	if checked < 1000 || crossing < 100 {
		t.Errorf("%d tied options checked, %d of them crossing here; want more of both", checked, crossing)
	}
}

// randomRoads is a random region of 4 to 12 places for
// TestTiedRoadsAgainstEveryRoad.
func randomRoads(r *rand.Rand) *Config {
	n := 4 + r.IntN(9)
	cfg := &Config{}
	cfg.Region.Countries = []string{"A", "B", "C"}
	for i := range n {
		kind := KindHub
		if r.IntN(3) == 0 {
			kind = KindDestination
		}
		cfg.Region.Locations = append(cfg.Region.Locations, Location{Name: fmt.Sprint(i), Kind: kind, Country: r.IntN(3)})
		if r.IntN(2) == 0 {
			cfg.Posts = append(cfg.Posts, Post{Name: fmt.Sprint(i), Location: i})
		}
	}
	for range n + r.IntN(2*n) {
		if a, b := r.IntN(n), r.IntN(n); a != b {
			cfg.Region.Links = append(cfg.Region.Links, Link{From: a, To: b, Kind: Road, Days: 1 + r.IntN(2)})
		}
	}
	return cfg
}

// everyShortestRoad lists the posts of every shortest road from a to d,
// walking them all.
func everyShortestRoad(rt *routes, a, d int) [][]int32 {
	var roads [][]int32
	var walk func(at int, posts []int32)
	walk = func(at int, posts []int32) {
		if p := rt.postAt[at]; p >= 0 {
			posts = append(slices.Clone(posts), p)
		}
		if at == d {
			roads = append(roads, posts)
			return
		}
		for _, e := range rt.road[at] {
			if rt.shortestVia(at, e, d) {
				walk(int(e.to), posts)
			}
		}
	}
	walk(a, nil)
	return roads
}
