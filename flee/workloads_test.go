package flee

import (
	"fmt"
	"runtime"
	"testing"

	"github.com/borderwork/borderwork/sim"
)

// BenchmarkFleeRules runs borderwork's Flee rule set on the workloads of
// docs/perf/flee_bench.py, which times Flee itself on them: the chain of
// 10 locations with links of 3 days, and a grid of 8 × 8 with links of 2
// days, 100,000 agents present on day 0 at the conflict zones (the chain's
// first location, the grid's first column), for 100 days, with the
// settings of the mali2012 case (docs/PERFORMANCE.md). It reports
// agent-days (agents × days, every agent every day, as Flee counts them)
// per second of wall and of CPU time, and bytes allocated per agent.
func BenchmarkFleeRules(b *testing.B) {
	_, s := loadMali2012(b)
	mali, err := s.Config("open")
	if err != nil {
		b.Fatal(err)
	}
	const agents, days = 100_000, 100
	for _, w := range []struct {
		name   string
		region sim.Region
	}{{"chain", fleeChain(agents)}, {"grid", fleeGrid(8, agents)}} {
		b.Run(w.name, func(b *testing.B) {
			cfg := sim.Defaults()
			cfg.Days, cfg.Rules, cfg.Region = days, sim.RulesFlee, w.region
			cfg.Flee = mali.Flee
			cfg.Flee.Spawn, cfg.Flee.Closures = nil, nil
			var before, after runtime.MemStats
			var allocated uint64
			cpu0 := cpuSeconds()
			n := 0
			for b.Loop() {
				runtime.ReadMemStats(&before)
				if _, err := sim.Run(&cfg, sim.ReplicateSeed(1, n)); err != nil {
					b.Fatal(err)
				}
				runtime.ReadMemStats(&after)
				allocated += after.TotalAlloc - before.TotalAlloc
				n++
			}
			steps := float64(agents * days * n)
			b.ReportMetric(steps/b.Elapsed().Seconds(), "agent-days/s")
			if cpu := cpuSeconds(); cpu0 >= 0 {
				b.ReportMetric(steps/(cpu-cpu0), "cpu-agent-days/s")
			}
			b.ReportMetric(float64(allocated)/float64(agents*n), "B/agent")
		})
	}
}

// fleeChain is flee_bench.py's chain: a conflict zone, eight towns and a
// camp, 1200 km apart (3 days at the mali2012 settings' 400 km a day).
func fleeChain(agents int) sim.Region {
	var r sim.Region
	for i := range 10 {
		l := sim.Location{Name: fmt.Sprint("L", i), Kind: sim.KindHub, Country: min(i/3, 3)}
		switch i {
		case 0:
			l.Kind, l.Initial, l.Conflict = sim.KindOrigin, agents, []sim.ConflictStep{{From: 0, Intensity: 1}}
		case 9:
			l.Kind = sim.KindDestination
		}
		r.Locations = append(r.Locations, l)
		if i > 0 {
			r.Links = append(r.Links, sim.Link{From: i - 1, To: i, Days: 3, LengthKm: 1200})
		}
	}
	for i := range 4 {
		r.Countries = append(r.Countries, fmt.Sprint("C", i))
	}
	return r
}

// fleeGrid is flee_bench.py's grid: side × side locations, neighbours 800
// km apart (2 days), conflict zones in the first column sharing the
// agents, camps in the last, towns between.
func fleeGrid(side, agents int) sim.Region {
	var r sim.Region
	at := func(row, col int) int { return row*side + col }
	for row := range side {
		for col := range side {
			l := sim.Location{Name: fmt.Sprintf("L%d_%d", row, col), Kind: sim.KindHub, Country: min(2, 3*col/side)}
			switch col {
			case 0:
				l.Kind, l.Initial, l.Conflict = sim.KindOrigin, agents/side, []sim.ConflictStep{{From: 0, Intensity: 1}}
			case side - 1:
				l.Kind = sim.KindDestination
			}
			r.Locations = append(r.Locations, l)
			if col+1 < side {
				r.Links = append(r.Links, sim.Link{From: at(row, col), To: at(row, col+1), Days: 2, LengthKm: 800})
			}
			if row+1 < side {
				r.Links = append(r.Links, sim.Link{From: at(row, col), To: at(row+1, col), Days: 2, LengthKm: 800})
			}
		}
	}
	r.Countries = []string{"C0", "C1", "C2"}
	return r
}
