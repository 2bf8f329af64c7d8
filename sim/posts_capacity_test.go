package sim

import (
	"reflect"
	"testing"
)

// TestWholeCapacity: a day's capacity is rounded up with the chance of
// its fraction, and held at maxCapToday, an int on every platform,
// however large the capacity, its factor and the day's draw make it: the
// conversion overflowed to a negative capacity, and the post closed
// (audit hostile7, finding 1).
func TestWholeCapacity(t *testing.T) {
	for _, c := range []struct {
		c, u float64
		want int
	}{
		{0, 0, 0},
		{12.25, 0.2, 13},
		{12.25, 0.25, 12},
		{12.25, 0.9, 12},
		{3e9, 0, maxCapToday},
		{1e15 * 4e15, 0.5, maxCapToday},
		{maxCapToday - 0.5, 0.1, maxCapToday},
	} {
		if got := wholeCapacity(c.c, c.u); got != c.want {
			t.Errorf("wholeCapacity(%g, %g) = %d; want %d", c.c, c.u, got, c.want)
		}
	}
}

// TestCapacityToday: a post's capacity today is its capacity times the
// policy's factor, and times FailingCapacity while it fails. The factor is
// how regimes repair or degrade a post (programmes' repair channel,
// south-sudan's agency regime), so dropping it must fail a test.
// Capacity noise is off and every product is whole, so no draw can round
// it either way.
func TestCapacityToday(t *testing.T) {
	for _, c := range []struct {
		factor  float64
		force   Force
		failing float64 // FailingCapacity
		want    int
	}{
		{0.5, ForceFunctioning, 0.25, 20},
		{1, ForceFunctioning, 0.25, 40},
		{2, ForceFunctioning, 0.25, 80},
		{0.5, ForceFailing, 0.25, 5},
		{1, ForceFailing, 0.25, 10},
		{2, ForceFailing, 0.25, 20},
		{2, ForceFailing, 0, 0},
	} {
		cfg := smallConfig()
		pol := &cfg.Posts[0].Policy
		pol.CapacityFactor, pol.Force, pol.FailingCapacity = c.factor, c.force, c.failing
		pol.CapacityCV = 0
		m, err := New(cfg, ReplicateSeed(1, 0))
		if err != nil {
			t.Fatal(err)
		}
		for day := 0; day < 5; day++ {
			m.Step()
			if got := m.posts[0].capToday; got != c.want {
				t.Errorf("factor %g, force %q, failing capacity %g: day %d capacity = %d; want %d",
					c.factor, c.force, c.failing, day, got, c.want)
			}
		}
	}
}

// TestCapacityFactorIsCapacity: a regime's capacity factor scales a
// post's capacity in everything that reads it: today's capacity and the
// pressure of the queue on officials (docs/MODEL.md 7.2, 7.6.3). A post
// of 20 places at factor 2 is therefore, run for run, a post of 40 at
// factor 1, whose officials abuse as much.
func TestCapacityFactorIsCapacity(t *testing.T) {
	run := func(capacity, factor float64) *Result {
		cfg := smallConfig()
		cfg.Origins[0].Inflow = []InflowStep{{From: 0, Rate: 80}, {From: 30, Rate: 0}}
		cfg.Posts[0].Capacity = capacity
		cfg.Posts[0].Policy = failingPolicy()
		cfg.Posts[0].Policy.CapacityFactor = factor
		return mustRun(t, cfg, ReplicateSeed(5, 0))
	}
	a, b := run(20, 2), run(40, 1)
	if !reflect.DeepEqual(a.Days, b.Days) {
		t.Errorf("20 places at factor 2 and 40 at factor 1 differ: last days %+v and %+v", a.Final(), b.Final())
	}
	if f := a.Final(); f.Abuse[Violence][ByOfficial] == 0 || f.PostArrivals == 0 {
		t.Fatalf("officials' violence %d, %d joined a queue; the test wants both", f.Abuse[Violence][ByOfficial], f.PostArrivals)
	}
}
