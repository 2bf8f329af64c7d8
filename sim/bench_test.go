package sim

import (
	"runtime"
	"testing"
)

// BenchmarkChainMillion is the engine's reference workload (documented in
// docs/PERFORMANCE.md): 1,000,000 migrants present on day 0, alive for 100
// days on a chain of 10 locations with 3 border posts under the
// malfunctioning regime, with a smuggling market bypassing the first post.
//
//	O -3d- H1 -3d- H2 -3d- P1 -3d- H4 -3d- P2 -3d- H6 -3d- H7 -3d- P3 -3d- D
//	                 \____ irregular 6d ____/
//
// It reports agent-steps per second (a migrant not yet arrived, returned
// or dead, simulated for one day) and bytes allocated per migrant.
func BenchmarkChainMillion(b *testing.B) {
	const migrants = 1_000_000
	cfg := chainConfig(migrants)
	var steps, allocated uint64
	var before, after runtime.MemStats
	b.ResetTimer()
	for range b.N {
		runtime.ReadMemStats(&before)
		res, err := Run(cfg, ReplicateSeed(1, 0))
		if err != nil {
			b.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		allocated += after.TotalAlloc - before.TotalAlloc
		steps += agentSteps(res)
	}
	b.ReportMetric(float64(steps)/b.Elapsed().Seconds(), "agent-steps/s")
	b.ReportMetric(float64(allocated)/float64(b.N*migrants), "B/migrant")
}

// agentSteps counts the migrant-days simulated: on each day, the migrants
// that started it (or were created on it) not yet in a final state.
func agentSteps(res *Result) uint64 {
	var n uint64
	final := 0
	for _, r := range res.Days {
		n += uint64(r.Created - final)
		final = r.States[Arrived] + r.States[Returned] + r.States[Stayed] + r.States[Dead]
	}
	return n
}

func chainConfig(migrants int) *Config {
	cfg := Defaults()
	cfg.Days = 100
	names := []string{"O", "H1", "H2", "P1", "H4", "P2", "H6", "H7", "P3", "D"}
	kinds := []LocationKind{KindOrigin, KindHub, KindHub, KindBorder, KindHub, KindBorder, KindHub, KindHub, KindBorder, KindDestination}
	country := []int{0, 0, 0, 0, 1, 1, 2, 2, 2, 3}
	cfg.Region.Countries = []string{"C0", "C1", "C2", "C3"}
	for i, n := range names {
		cfg.Region.Locations = append(cfg.Region.Locations, Location{Name: n, Kind: kinds[i], Country: country[i]})
	}
	for i := 0; i+1 < len(names); i++ {
		cfg.Region.Links = append(cfg.Region.Links, Link{From: i, To: i + 1, Kind: Road, Days: 3, Hazard: 0.0001})
	}
	cfg.Region.Links = append(cfg.Region.Links, Link{From: 2, To: 4, Kind: Irregular, Days: 6, Hazard: 0.002, Alone: true})
	cfg.Origins = []Origin{{
		Location: 0, Initial: migrants,
		MoneyMean: 600, MoneyCV: 0.8,
		Documented: 0.3, Minor: 0.1, Sick: 0.05, Trafficked: 0.05,
		WillSmuggle: 0.8, WillTurnBack: 0.5,
		Destinations: []int{9}, Weights: []float64{1},
	}}
	pol := failingPolicy()
	for i, at := range []int{3, 5, 8} {
		cfg.Posts = append(cfg.Posts, Post{Name: names[at], Location: at, Capacity: 8000 - 2000*float64(i), Policy: pol})
	}
	cfg.Markets = []Market{{Location: 2, Link: len(cfg.Region.Links) - 1, Smugglers: 50, MaxSmugglers: 500}}
	cfg.Information.Prior = 0.95 // optimistic enough to set out toward three unreliable posts
	cfg.Information.Accuracy = 0.2
	cfg.Information.RumourNoise = 0.2
	cfg.Information.NewsRate = 0.01
	return &cfg
}

// TestChainWorkload keeps the benchmark honest: most migrants stay in the
// system for the whole run, so it measures a million agents, not a few.
func TestChainWorkload(t *testing.T) {
	if testing.Short() {
		t.Skip("a million-migrant run")
	}
	res := mustRun(t, chainConfig(1_000_000), ReplicateSeed(1, 0))
	steps := agentSteps(res)
	if steps < 80_000_000 {
		t.Errorf("the workload simulated %d agent-steps; want at least 80%% of 100 million", steps)
	}
	f := res.Final()
	t.Logf("final day: %v states, %d queued, %d trapped person-days, %d agent-steps", f.States, f.Queued, f.TrappedPersonDays, steps)
}
