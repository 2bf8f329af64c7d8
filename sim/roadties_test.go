package sim

import (
	"reflect"
	"testing"
)

// TestRoadTies: a second crossing from Hub to Town beside Border's, as
// long, makes Hub a place from which equally short roads toward Dest pass
// different posts; as long without a post too; one a day longer does
// not, nor a tie at a place no road leads to from farther away.
func TestRoadTies(t *testing.T) {
	const locGate = locDest + 1
	// second adds a road from at to Town through Gate, its first link
	// days long, with a post at Gate or not.
	second := func(at, days int, post bool) *Config {
		cfg := smallConfig()
		cfg.Region.Locations = append(cfg.Region.Locations, Location{Name: "Gate", Kind: KindBorder, Country: 0})
		cfg.Region.Links = append(cfg.Region.Links,
			Link{From: at, To: locGate, Kind: Road, Days: days},
			Link{From: locGate, To: locTown, Kind: Road, Days: 1})
		if post {
			cfg.Posts = append(cfg.Posts, Post{Name: "Gate", Location: locGate, Capacity: 40, Policy: DefaultPostPolicy()})
		}
		return cfg
	}
	tie := []RoadTie{{At: locHub, Destination: locDest, Via: []int{locBorder, locGate}, Posts: [][]int{{0}, {1}}}}
	for _, tt := range []struct {
		name string
		cfg  *Config
		want []RoadTie
	}{
		{"one crossing", smallConfig(), nil},
		{"two crossings as long", second(locHub, 1, true), tie},
		{"the second without a post", second(locHub, 1, false), []RoadTie{{At: locHub, Destination: locDest, Via: []int{locBorder, locGate}, Posts: [][]int{{0}, nil}}}},
		{"the second a day longer", second(locHub, 2, true), nil},
		// From Origin, as long by Hub or by Gate; but no road leads to
		// Origin from farther away, so no option weighs its roads.
		{"at the origin", second(locOrigin, 3, true), nil},
	} {
		if err := tt.cfg.Validate(); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := tt.cfg.RoadTies(); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: RoadTies() = %+v; want %+v", tt.name, got, tt.want)
		}
	}
}
