package sim

import (
	"context"
	"math/rand/v2"
	"testing"
)

// TestRoadOptionsLeadCloser: in random small regions, a place's road
// options toward a destination are exactly its roads whose far end is
// strictly closer to it, in the order the file lists the links, each
// as long as its road plus the shortest distance on (docs/MODEL.md 7.4):
// no sideways step to a place as far, on which a migrant could shuttle.
func TestRoadOptionsLeadCloser(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	sideways := 0 // roads to a place exactly as far, left out
	for range 500 {
		cfg := randomRoads(r)
		rt, err := buildRoutes(context.Background(), cfg, 0)
		if err != nil {
			t.Fatal(err)
		}
		nd := len(rt.options) / rt.n
		for d, di := range rt.destIndex {
			if di < 0 {
				continue
			}
			for a := range rt.n {
				here := rt.dist[a*rt.n+d]
				var want []roadOption
				for _, e := range rt.road[a] {
					rest := rt.dist[int(e.to)*rt.n+d]
					switch {
					case here == unreachable || rest == unreachable:
					case rest < here:
						want = append(want, roadOption{next: e.to, link: e.link, days: e.days + rest})
					case rest == here:
						sideways++
					}
				}
				got := rt.options[a*nd+int(di)]
				if len(got) != len(want) {
					t.Fatalf("at %d toward %d: %d options, want %d (%v)", a, d, len(got), len(want), want)
				}
				for i := range got {
					if got[i].next != want[i].next || got[i].link != want[i].link || got[i].days != want[i].days {
						t.Fatalf("at %d toward %d, option %d: next %d by link %d, %d days; want next %d by link %d, %d days",
							a, d, i, got[i].next, got[i].link, got[i].days, want[i].next, want[i].link, want[i].days)
					}
				}
			}
		}
	}
	if sideways == 0 {
		t.Fatal("no road to a place as far in 500 regions; the test wants some to leave out")
	}
}

// TestMarketAndCentreReach: the small region's market at Hub (its path
// leads to Town) and centre at Hub are chosen from as far as their reach
// exactly and no farther, Origin being two road days from Hub; and the
// market is useless behind a migrant at Town, which its path would take
// back to where it is (docs/MODEL.md 7.4).
func TestMarketAndCentreReach(t *testing.T) {
	for _, tt := range []struct {
		reach  int
		inside bool
	}{{1, false}, {2, true}, {3, true}} {
		cfg := smallConfig()
		cfg.Centres[0].Reach = tt.reach
		rt, err := buildRoutes(context.Background(), cfg, tt.reach)
		if err != nil {
			t.Fatal(err)
		}
		di := int(rt.destIndex[locDest])
		nd := len(rt.marketFor) / rt.n
		if got := rt.marketFor[locOrigin*nd+di] == 0; got != tt.inside {
			t.Errorf("reach %d: market chosen from Origin = %v; want %v", tt.reach, got, tt.inside)
		}
		if got := rt.centreFor[locOrigin] == 0; got != tt.inside {
			t.Errorf("reach %d: centre chosen from Origin = %v; want %v", tt.reach, got, tt.inside)
		}
		if got := rt.marketFor[locBorder*nd+di]; got != 0 {
			t.Errorf("reach %d: market from Border = %d; want 0, its path leading on to Town", tt.reach, got)
		}
		if got := rt.marketFor[locTown*nd+di]; got != -1 {
			t.Errorf("reach %d: market from Town = %d; want none (-1), its path leading back to Town", tt.reach, got)
		}
	}
}

// TestAlonePathOnlyWhereWalkable: a migrant walks alone only an
// irregular link marked alone = true (docs/MODEL.md 7.4, "Alone path");
// the others are smugglers' routes.
func TestAlonePathOnlyWhereWalkable(t *testing.T) {
	for _, walkable := range []bool{true, false} {
		cfg := smallConfig()
		cfg.Region.Links[linkIrregular].Alone = walkable
		rt, err := buildRoutes(context.Background(), cfg, cfg.Migrants.MarketReachDays)
		if err != nil {
			t.Fatal(err)
		}
		nd := len(rt.aloneFor) / rt.n
		want := int32(-1)
		if walkable {
			want = linkIrregular
		}
		if got := rt.aloneFor[locHub*nd+int(rt.destIndex[locDest])]; got != want {
			t.Errorf("alone = %v: the path alone from Hub is link %d; want %d", walkable, got, want)
		}
	}
}

// TestCentreCorrectsThePostHere: a centre's information sets a migrant's
// belief about the post where it stands to its truth, as about the posts
// on its roads on (docs/MODEL.md 7.3.6): a migrant at Border, whose
// options' roads pass no post beyond, is told the truth about Border's.
func TestCentreCorrectsThePostHere(t *testing.T) {
	cfg := withPolicy("hbm")
	m, err := New(cfg, ReplicateSeed(3, 0))
	if err != nil {
		t.Fatal(err)
	}
	m.Step()
	mg := &m.migrants[0]
	mg.Loc = locBorder
	for _, o := range m.optionsOf(mg) {
		if len(o.posts) > 0 {
			t.Fatalf("an option from Border passes posts %v; the test wants none beyond", o.posts)
		}
	}
	want := toBelief(m.posts[0].truth[classOf(mg)])
	m.beliefs[0] = beliefScale - want // as far from the truth as it goes
	m.correctBeliefs(0, mg, m.optionsOf(mg))
	if got := m.beliefs[0]; got != want {
		t.Errorf("belief about Border's post after a centre's word: %d (of %d); want its truth, %d", got, beliefScale, want)
	}
}

// TestNearMarketsByWhereTheRideEnds: of two useful markets as near to a
// migrant, it goes to the one whose ride ends nearer its destination,
// whichever the file lists first (docs/MODEL.md 7.4, model version 8):
// from Home, West's ride ends at Mid, two days from Dest, and East's at
// Dest itself.
func TestNearMarketsByWhereTheRideEnds(t *testing.T) {
	const home, west, east, mid, dest = 0, 1, 2, 3, 4
	for _, eastFirst := range []bool{false, true} {
		cfg := &Config{}
		cfg.Region.Countries = []string{"A"}
		for i, name := range []string{"Home", "West", "East", "Mid", "Dest"} {
			kind := KindHub
			if i == dest {
				kind = KindDestination
			}
			cfg.Region.Locations = append(cfg.Region.Locations, Location{Name: name, Kind: kind})
		}
		cfg.Region.Links = []Link{
			{From: home, To: west, Kind: Road, Days: 1},
			{From: home, To: east, Kind: Road, Days: 1},
			{From: west, To: mid, Kind: Road, Days: 2},
			{From: east, To: mid, Kind: Road, Days: 2},
			{From: mid, To: dest, Kind: Road, Days: 2},
			{From: west, To: mid, Kind: Irregular, Days: 1},
			{From: east, To: dest, Kind: Irregular, Days: 3},
		}
		westMarket, eastMarket := Market{Location: west, Link: 5}, Market{Location: east, Link: 6}
		want := int32(1)
		cfg.Markets = []Market{westMarket, eastMarket}
		if eastFirst {
			want = 0
			cfg.Markets = []Market{eastMarket, westMarket}
		}
		rt, err := buildRoutes(context.Background(), cfg, 10)
		if err != nil {
			t.Fatal(err)
		}
		nd := len(rt.marketFor) / rt.n
		if got := rt.marketFor[home*nd+int(rt.destIndex[dest])]; got != want {
			t.Errorf("East's market listed first: %v; market for Home is %d; want East's, %d", eastFirst, got, want)
		}
	}
}
