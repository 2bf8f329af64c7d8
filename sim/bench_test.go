package sim

import (
	"fmt"
	"runtime"
	"testing"
	"time"
	"unsafe"
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
// or dead, simulated for one day) of wall-clock time and of the process's
// CPU time (cpu-agent-steps/s: steadier on a shared machine), and bytes
// allocated per migrant.
func BenchmarkChainMillion(b *testing.B) {
	benchRun(b, chainConfig(1_000_000))
}

// BenchmarkChain shows how the engine scales with the number of migrants
// and of days on the reference chain (migrants=1000000,days=100 is
// BenchmarkChainMillion).
func BenchmarkChain(b *testing.B) {
	for _, c := range []struct{ migrants, days int }{
		{10_000, 100}, {100_000, 100}, {100_000, 50}, {100_000, 200}, {100_000, 400},
	} {
		b.Run(fmt.Sprintf("migrants=%d,days=%d", c.migrants, c.days), func(b *testing.B) {
			cfg := chainConfig(c.migrants)
			cfg.Days = c.days
			benchRun(b, cfg)
		})
	}
}

// BenchmarkGrid shows how the engine scales with the number of locations:
// 100,000 migrants for 100 days on square grids of 16 to 256 locations
// (gridConfig).
func BenchmarkGrid(b *testing.B) {
	for _, side := range []int{4, 8, 16} {
		b.Run(fmt.Sprintf("locations=%d", side*side), func(b *testing.B) {
			benchRun(b, gridConfig(side, 100_000))
		})
	}
}

// BenchmarkMemoryStream is the physical reference of docs/PERFORMANCE.md:
// how fast one core reads every migrant of a million once, as the day's
// pass does at the least (the migrant and its beliefs about 3 posts: 34
// bytes), summing a field so that the reads cannot be skipped.
func BenchmarkMemoryStream(b *testing.B) {
	const n, posts = 1_000_000, 3
	migrants := make([]Migrant, n)
	beliefs := make([]uint16, n*posts)
	for i := range migrants {
		migrants[i].DaysHere = uint16(i)
		beliefs[i*posts] = uint16(i)
	}
	var sum uint64
	for b.Loop() {
		for i := range migrants {
			sum += uint64(migrants[i].DaysHere) + uint64(beliefs[i*posts])
		}
	}
	if sum == 0 {
		b.Fatal("nothing read")
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "migrants/s")
	b.ReportMetric(float64(n*b.N)*float64(unsafe.Sizeof(Migrant{})+posts*2)/b.Elapsed().Seconds()/1e9, "GB/s")
}

// benchRun runs cfg b.N times and reports agent-steps per second of wall
// time and of the process's CPU time (cpu-agent-steps/s: steadier on a
// machine shared with other work) and bytes allocated per migrant
// created.
func benchRun(b *testing.B, cfg *Config) {
	b.Helper()
	var steps, allocated, created uint64
	var before, after runtime.MemStats
	b.ResetTimer()
	cpu0 := cpuSeconds()
	for range b.N {
		runtime.ReadMemStats(&before)
		res, err := Run(cfg, ReplicateSeed(1, 0))
		if err != nil {
			b.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		allocated += after.TotalAlloc - before.TotalAlloc
		steps += uint64(res.AgentSteps())
		created += uint64(res.Final().Created)
	}
	cpu := cpuSeconds() - cpu0
	b.ReportMetric(float64(steps)/b.Elapsed().Seconds(), "agent-steps/s")
	if cpu0 >= 0 {
		b.ReportMetric(float64(steps)/cpu, "cpu-agent-steps/s")
	}
	b.ReportMetric(float64(allocated)/float64(created), "B/migrant")
	b.ReportMetric(float64(steps)/float64(b.N), "agent-steps/op")
}

// BenchmarkOpenYear shows that migrants who have finished cost nothing: a
// year of the reference chain under open posts, with 1,000,000 migrants
// arriving over the year (about 2,740 a day), most of whom have arrived by
// its end. A journey takes about a month, so from then on about 80,000
// migrants are on the way on any day while those who have arrived pile
// up, to about 900,000 by the last day. It reports the nanoseconds of wall
// and of CPU time per live agent-day (agent-step) over days 60 to 89, when
// few have arrived, and over the last 30 days, and the ratio of the CPU
// times: about 1 when the cost follows the migrants still on the way.
//
// The sub-benchmark with 100,000 migrants is small enough to run under
// valgrind's callgrind, which counts instructions exactly on a machine
// shared with other work: --toggle-collect='*stepWindow0*' counts days 60
// to 89 only, '*stepWindow1*' the last 30 (docs/PERFORMANCE.md).
func BenchmarkOpenYear(b *testing.B) {
	for _, total := range []int{1_000_000, 100_000} {
		b.Run(fmt.Sprintf("migrants=%d", total), func(b *testing.B) { benchOpenYear(b, total) })
	}
}

func benchOpenYear(b *testing.B, total int) {
	cfg := openYearConfig(total)
	windows := [2][2]int{{60, 90}, {cfg.Days - 30, cfg.Days}}
	var wall, cpu, steps [2]float64
	for range b.N {
		m, err := New(cfg, ReplicateSeed(1, 0))
		if err != nil {
			b.Fatal(err)
		}
		final := 0
		for !m.Done() {
			day := m.Day()
			t0, c0 := time.Now(), cpuSeconds()
			switch {
			case day >= windows[0][0] && day < windows[0][1]:
				stepWindow0(m)
			case day >= windows[1][0] && day < windows[1][1]:
				stepWindow1(m)
			default:
				m.Step()
			}
			dt, dc := time.Since(t0).Seconds(), cpuSeconds()-c0
			r := m.Result().Final()
			live := float64(r.Created - final)
			final = r.Finished()
			for w, win := range windows {
				if day >= win[0] && day < win[1] {
					wall[w] += dt
					cpu[w] += dc
					steps[w] += live
				}
			}
		}
	}
	b.ReportMetric(wall[0]/steps[0]*1e9, "ns/live-day(days60-89)")
	b.ReportMetric(wall[1]/steps[1]*1e9, "ns/live-day(last30)")
	b.ReportMetric(cpu[0]/steps[0]*1e9, "cpu-ns/live-day(days60-89)")
	b.ReportMetric(cpu[1]/steps[1]*1e9, "cpu-ns/live-day(last30)")
	b.ReportMetric((cpu[1]/steps[1])/(cpu[0]/steps[0]), "cpu-last/days60-89")
	b.ReportMetric(steps[0]/float64(b.N), "agent-steps(days60-89)/op")
	b.ReportMetric(steps[1]/float64(b.N), "agent-steps(last30)/op")
}

// stepWindow0 and stepWindow1 are Step under names callgrind can select.
//
//go:noinline
func stepWindow0(m *Model) { m.Step() }

//go:noinline
func stepWindow1(m *Model) { m.Step() }

func chainConfig(migrants int) *Config {
	// Posts and smugglers in proportion to the migrants, so that a smaller
	// chain has the queues and mix of states of the million's.
	scale := float64(migrants) / 1e6
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
		cfg.Posts = append(cfg.Posts, Post{Name: names[at], Location: at, Capacity: (8000 - 2000*float64(i)) * scale, Policy: pol})
	}
	cfg.Markets = []Market{{Location: 2, Link: len(cfg.Region.Links) - 1, Smugglers: max(1, int(50*scale)), MaxSmugglers: max(1, int(500*scale))}}
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
	steps := res.AgentSteps()
	if steps < 80_000_000 {
		t.Errorf("the workload simulated %d agent-steps; want at least 80%% of 100 million", steps)
	}
	f := res.Final()
	t.Logf("final day: %v states, %d queued, %d trapped person-days, %d agent-steps", f.States, f.Queued, f.TrappedPersonDays, steps)
}

// openYearConfig is the reference chain for a year under open posts (the
// default policy at every post, without the market), with migrants
// arriving at origin at a steady rate, total in all on average.
func openYearConfig(total int) *Config {
	cfg := chainConfig(total)
	cfg.Days = 365
	cfg.Origins[0].Initial = 0
	cfg.Origins[0].Inflow = []InflowStep{{From: 0, Rate: float64(total) / 365}}
	for i := range cfg.Posts {
		cfg.Posts[i].Policy = DefaultPostPolicy()
	}
	cfg.Markets = nil
	return cfg
}

// gridConfig is a side × side grid of locations joined by 2-day roads,
// in three countries by bands of columns, with a malfunctioning post at
// every location of the last column of the first two bands. Migrants all
// start on day 0, spread over the origins of the first column, each bound
// for the location of the last column in its own row.
//
//	O - H - P | H - P | H - D
//	|   |   | | |   | | |   |
//	O - H - P | H - P | H - D
func gridConfig(side, migrants int) *Config {
	cfg := Defaults()
	cfg.Days = 100
	cfg.Region.Countries = []string{"C0", "C1", "C2"}
	at := func(r, c int) int { return r*side + c }
	country := func(c int) int { return min(2, 3*c/side) }
	pol := failingPolicy()
	for r := range side {
		for c := range side {
			kind := KindHub
			switch {
			case c == 0:
				kind = KindOrigin
			case c == side-1:
				kind = KindDestination
			case country(c+1) != country(c):
				kind = KindBorder
			}
			cfg.Region.Locations = append(cfg.Region.Locations, Location{Name: fmt.Sprintf("L%d_%d", r, c), Kind: kind, Country: country(c)})
			if kind == KindBorder {
				cfg.Posts = append(cfg.Posts, Post{Name: fmt.Sprintf("P%d_%d", r, c), Location: at(r, c), Capacity: float64(migrants) / float64(side*40), Policy: pol})
			}
			if c+1 < side {
				cfg.Region.Links = append(cfg.Region.Links, Link{From: at(r, c), To: at(r, c+1), Kind: Road, Days: 2, Hazard: 0.0001})
			}
			if r+1 < side {
				cfg.Region.Links = append(cfg.Region.Links, Link{From: at(r, c), To: at(r+1, c), Kind: Road, Days: 2, Hazard: 0.0001})
			}
		}
	}
	for r := range side {
		cfg.Origins = append(cfg.Origins, Origin{
			Location: at(r, 0), Initial: migrants / side,
			MoneyMean: 600, MoneyCV: 0.8,
			Documented: 0.3, Minor: 0.1, Sick: 0.05, Trafficked: 0.05,
			WillSmuggle: 0.8, WillTurnBack: 0.5,
			Destinations: []int{at(r, side-1)}, Weights: []float64{1},
		})
	}
	cfg.Information.Prior = 0.95
	cfg.Information.Accuracy = 0.2
	cfg.Information.RumourNoise = 0.2
	cfg.Information.NewsRate = 0.01
	return &cfg
}
