package experiment

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/scenarios"
)

// TestPrepareWorkers: building points on several workers prepares the
// same plan as building them one by one (configurations, estimate,
// regimes reused) and stops at the same first error.
func TestPrepareWorkers(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	plan := func(workers int, bad ...int) *Plan {
		var points [][]float64
		for i := range 41 {
			v := 0.005 * float64(i)
			for j, b := range bad {
				if i == b {
					v = float64(2 + j) // not a probability, and told apart
				}
			}
			points = append(points, []float64{v})
		}
		return &Plan{Command: "sweep", Scenario: s, Regimes: []string{"open", "malfunctioning"}, Reps: 2,
			Keys: []string{"regimes.malfunctioning.outage_start"}, Points: points, PrepareWorkers: workers}
	}
	one, err := plan(1).Prepare()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{2, 3, 8} {
		x, err := plan(w).Prepare()
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(x.configs, one.configs) || !reflect.DeepEqual(x.reuse, one.reuse) || !reflect.DeepEqual(x.need, one.need) {
			t.Errorf("%d workers prepared another plan than one", w)
		}
	}
	if got := one.Reused(); !reflect.DeepEqual(got, []string{"open"}) {
		t.Errorf("reused %v; want open: the test compares too little", got)
	}
	_, want := plan(1, 29, 35).Prepare()
	if want == nil || !strings.Contains(want.Error(), "outage_start=2") {
		t.Fatalf("%v; want an error for the first point outside the valid range", want)
	}
	for _, w := range []int{2, 3, 8} {
		if _, err := plan(w, 29, 35).Prepare(); err == nil || err.Error() != want.Error() {
			t.Errorf("%d workers: %v; want the first point's error, %v", w, err, want)
		}
	}
}

// BenchmarkPrepareSweep is the serial part of BenchmarkSweep in
// cmd/borderwork that comes before its first run: reading the bundled
// default scenario, planning the sweep and preparing it (every point's
// scenario validated and every configuration built), then the resolved
// scenario the folder records.
func BenchmarkPrepareSweep(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		s, err := scenarios.Load("")
		if err != nil {
			b.Fatal(err)
		}
		s.File.Replicates = 2
		if err := s.Validate(); err != nil {
			b.Fatal(err)
		}
		p, err := NewSweep(s, "", s.RegimeNames(), SweepSpec{Vary: []string{"regimes.malfunctioning.outage_start=0.05,0.1"}})
		if err != nil {
			b.Fatal(err)
		}
		x, err := p.Prepare()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := x.Scenario.Encode(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPreparePoints is what a sweep of many points does before its
// first run, per point: 1,000 points of classroom, each point's scenario
// built, validated and configured for its four regimes, on one core.
func BenchmarkPreparePoints(b *testing.B) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		b.Fatal(err)
	}
	s.File.Replicates = 1
	const points = 1000
	b.ReportAllocs()
	for b.Loop() {
		p, err := NewSweep(s, "classroom", s.RegimeNames(), SweepSpec{Vary: []string{fmt.Sprintf("regimes.malfunctioning.outage_start=0:0.2:%d", points)}})
		if err != nil {
			b.Fatal(err)
		}
		p.PrepareWorkers = 1
		if _, err := p.Prepare(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*points), "ns/point")
}

// TestWorkCountsReusedOnce: the agent-steps --max-work is held to count a
// regime that no varied key changes once per replicate, as it is
// simulated (run once and reused at every point), not at every point as
// they did: a sweep of open and malfunctioning over malfunctioning's
// outage rate is expected to simulate malfunctioning's sweep plus one
// point of open. A shard holding half the runs may need every replicate
// of open, and counts them.
func TestWorkCountsReusedOnce(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	var points [][]float64
	for i := range 5 {
		points = append(points, []float64{0.01 * float64(i)})
	}
	prepare := func(regimes []string, points [][]float64) *Prepared {
		x, err := (&Plan{Command: "sweep", Scenario: s, Regimes: regimes, Reps: 2,
			Keys: []string{"regimes.malfunctioning.outage_start"}, Points: points}).Prepare()
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	both := prepare([]string{"open", "malfunctioning"}, points)
	if got := both.Reused(); !reflect.DeepEqual(got, []string{"open"}) {
		t.Fatalf("reused %v; want open", got)
	}
	malfunctioning := prepare([]string{"malfunctioning"}, points).work(5 * 2)
	open := prepare([]string{"open"}, points[:1]).work(2)
	if got, want := both.work(both.NRuns()), malfunctioning+open; math.Abs(got-want) > 1e-9*want {
		t.Errorf("work of the sweep = %.6g; want malfunctioning's %.6g + open's at one point %.6g = %.6g", got, malfunctioning, open, want)
	}
	if got, want := both.work(both.NRuns()/2), malfunctioning/2+open; math.Abs(got-want) > 1e-9*want {
		t.Errorf("work of half the runs = %.6g; want half of malfunctioning's %.6g + every replicate of open %.6g", got, malfunctioning/2, open)
	}
}
