package experiment

import (
	"fmt"
	"testing"

	"github.com/borderwork/borderwork/scenarios"
)

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
