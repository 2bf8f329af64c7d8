package sim

import (
	"testing"
)

// noSideExits removes smugglers, lone crossings, turning back, sickness and
// hazards, so that the post is the only way through.
func noSideExits(cfg *Config) {
	cfg.Markets = nil
	cfg.Centres = nil
	cfg.Region.Links[linkIrregular].Alone = false
	cfg.Region.Links[linkIrregular].Hazard = 0
	cfg.Origins[0].WillTurnBack = 0
	cfg.Origins[0].Sick = 0
	cfg.Migrants.SickMortality = 0
}

func TestOpenAdmitsEveryone(t *testing.T) {
	cfg := withPolicy("open")
	noSideExits(cfg)
	res := mustRun(t, cfg, ReplicateSeed(3, 0))
	f := res.Final()
	if f.Created == 0 || f.States[Arrived] != f.Created {
		t.Errorf("open post: %d of %d migrants arrived; want all", f.States[Arrived], f.Created)
	}
	if f.Refused != 0 || f.TrappedPersonDays != 0 {
		t.Errorf("open post: %d refusals, %d trapped person-days; want 0, 0", f.Refused, f.TrappedPersonDays)
	}
}

func TestClosedAdmitsOnlyDocumented(t *testing.T) {
	cfg := withPolicy("closed")
	noSideExits(cfg)
	m, err := New(cfg, ReplicateSeed(3, 0))
	if err != nil {
		t.Fatal(err)
	}
	for !m.Done() {
		m.Step()
	}
	documented, arrivedDocumented, arrivedUndocumented := 0, 0, 0
	for _, mg := range m.Migrants() {
		if mg.Is(Documented) {
			documented++
		}
		if mg.State == Arrived {
			if mg.Is(Documented) {
				arrivedDocumented++
			} else {
				arrivedUndocumented++
			}
		}
	}
	if arrivedUndocumented != 0 {
		t.Errorf("closed post let %d undocumented migrants through", arrivedUndocumented)
	}
	if documented == 0 || arrivedDocumented != documented {
		t.Errorf("closed post: %d of %d documented migrants arrived; want all", arrivedDocumented, documented)
	}
}

// TestClosedPostLearned: once migrants learn a post is closed to them,
// fewer of those setting out go to it.
func TestClosedPostLearned(t *testing.T) {
	cfg := withPolicy("closed")
	noSideExits(cfg)
	cfg.Days = 150
	cfg.Origins[0].Inflow = []InflowStep{{From: 0, Rate: 20}}
	cfg.Information.Accuracy = 0 // they set out believing the prior
	cfg.Information.NewsRate = 0.05
	res := mustRun(t, cfg, ReplicateSeed(9, 0))
	share := func(from, to int) float64 {
		arrivals := res.Days[to].PostArrivals - res.Days[from].PostArrivals
		created := res.Days[to].Created - res.Days[from].Created
		return float64(arrivals) / float64(created)
	}
	early, late := share(0, 30), share(120, 149)
	if !(late < early/2) {
		t.Errorf("arrivals at the closed post per migrant set out: days 0-30 %.2f, days 120-149 %.2f; want a fall by half", early, late)
	}
	// With no news and no experience shared, nothing is learned.
	cfg.Information.NewsRate = 0
	cfg.Information.RumourRate = 0
	res = mustRun(t, cfg, ReplicateSeed(9, 0))
	if early, late := share(0, 30), share(120, 149); late < early*0.8 {
		t.Errorf("without information, arrivals still fell from %.2f to %.2f", early, late)
	}
}

func TestMalfunctionTraps(t *testing.T) {
	trapped := func(pol PostPolicy) (int, int) {
		// Migrants set out believing in the post, as they would where
		// information is stale; with accurate information they would not go.
		cfg := withPolicy("malfunctioning")
		cfg.Posts[0].Policy = pol
		res := mustRun(t, cfg, ReplicateSeed(11, 0))
		maxQueue := 0
		for _, r := range res.Days {
			maxQueue = max(maxQueue, r.Queued)
		}
		return res.Final().TrappedPersonDays, maxQueue
	}
	openTrapped, openQueue := trapped(DefaultPostPolicy())
	failing := failingPolicy()
	failing.Force = ForceFailing
	failTrapped, failQueue := trapped(failing)
	if openTrapped != 0 {
		t.Errorf("open post: %d trapped person-days; want 0", openTrapped)
	}
	if failTrapped == 0 || failQueue <= openQueue {
		t.Errorf("failing post: %d trapped person-days, longest queue %d (open: %d); want trapped migrants and longer queues", failTrapped, failQueue, openQueue)
	}
}

func TestPricesRiseWhenPassageFails(t *testing.T) {
	meanPrice := func(force Force) float64 {
		cfg := withPolicy("open")
		cfg.Posts[0].Policy.Force = force
		cfg.Posts[0].Policy.FailingCapacity = 0
		sum, n := 0.0, 0
		for rep := range 5 {
			res := mustRun(t, cfg, ReplicateSeed(13, rep))
			for _, r := range res.Days[:40] {
				if r.MeanPrice > 0 {
					sum += r.MeanPrice
					n++
				}
			}
		}
		return sum / float64(n)
	}
	working, failing := meanPrice(ForceFunctioning), meanPrice(ForceFailing)
	if !(failing > working*1.2) {
		t.Errorf("mean smuggling price: %.0f with a working post, %.0f with a failed one; want it to rise by a fifth at least", working, failing)
	}
}

// abusePerDayWaiting holds a cohort of 3000 at a failed post for days
// days and returns, for each window of days waited [from, to], abuse per
// person-day over the migrants who had waited that long. Officials are
// the only abusers. The vulnerable factor is 2 but no one is vulnerable:
// it leaves the thinning bound (MODEL.md 7.6) room above a desperation of
// 1, which a desperation past its cap would otherwise hit and hide.
func abusePerDayWaiting(t *testing.T, seed uint64, effect float64, days int, windows [][2]uint16) []float64 {
	cfg := withPolicy("open")
	noSideExits(cfg)
	cfg.Days = days
	cfg.Origins[0].Inflow = nil
	cfg.Origins[0].Initial = 3000
	cfg.Origins[0].Location = locHub
	cfg.Origins[0].Minor, cfg.Origins[0].Trafficked = 0, 0
	cfg.Migrants.AloneAfterDays = 1000
	cfg.Migrants.PatienceDays = 1000
	cfg.Information.Accuracy = 0
	cfg.Abuse.DesperationEffect = effect
	cfg.Abuse.VulnerableFactor = 2
	cfg.Posts[0].Policy.Force = ForceFailing
	cfg.Posts[0].Policy.FailingCapacity = 0
	officials(cfg, 0.01)
	m, err := New(cfg, ReplicateSeed(seed, 0))
	if err != nil {
		t.Fatal(err)
	}
	events, exposure := make([]float64, len(windows)), make([]float64, len(windows))
	window := func(days uint16) int {
		for i, w := range windows {
			if days >= w[0] && days <= w[1] {
				return i
			}
		}
		return -1
	}
	m.Sink = EventSinkFunc(func(e Event) {
		if w := window(m.Migrants()[e.Migrant].DaysHere); e.Kind == EventAbused && w >= 0 {
			events[w]++
		}
	})
	for !m.Done() {
		m.Step()
		for _, mg := range m.Migrants() {
			if (mg.State == Waiting || mg.State == Trapped) && int(mg.Loc) == locBorder {
				if w := window(mg.DaysHere); w >= 0 {
					exposure[w]++
				}
			}
		}
	}
	rates := make([]float64, len(windows))
	for i := range windows {
		if exposure[i] == 0 || events[i] == 0 {
			t.Fatalf("no abuse measured in days %v: %v events over %v person-days", windows[i], events, exposure)
		}
		rates[i] = events[i] / exposure[i]
	}
	return rates
}

// TestAbuseRisesWithDaysWaiting: abuse per person-day after 46-60 days of
// waiting against after 1-15. With desperation effect 2 (DesperationDays
// 60) the expected ratio is about (1 + 2 × 53/60) / (1 + 2 × 8/60) = 2.18.
// One seed's ratio was 2.18 (sd 0.09 over 20 seeds), and 1.68 (sd 0.09)
// with the effect halved; the mean of 4 seeds has sd 0.045, so 1.93 lies
// over 5 sd from both.
func TestAbuseRisesWithDaysWaiting(t *testing.T) {
	ratio := func(effect float64) float64 {
		const seeds = 4
		sum := 0.0
		for s := range uint64(seeds) {
			r := abusePerDayWaiting(t, 17+s, effect, 70, [][2]uint16{{1, 15}, {46, 60}})
			sum += r[1] / r[0]
		}
		return sum / seeds
	}
	if r := ratio(2); r < 1.93 || r > 2.5 {
		t.Errorf("with desperation effect 2, abuse per person-day after 46-60 days is %.2f times that after 1-15; want about 2.2", r)
	}
	if r := ratio(0); r < 0.8 || r > 1.25 {
		t.Errorf("with no desperation effect, the ratio is %.2f; want about 1", r)
	}
}

// TestAbuseStopsRisingWhenDesperate: desperation is capped at 1 after
// DesperationDays (60), so abuse per person-day is the same after 91-120
// days of waiting as after 61-90. Uncapped, it would be (1 + 2 × 105.5/60)
// / (1 + 2 × 75.5/60) = 1.28 times as high. Over 20 seeds the ratio was
// 1.000 (sd 0.027), and 1.273 (sd 0.029) uncapped.
func TestAbuseStopsRisingWhenDesperate(t *testing.T) {
	r := abusePerDayWaiting(t, 17, 2, 121, [][2]uint16{{61, 90}, {91, 120}})
	if ratio := r[1] / r[0]; ratio < 0.9 || ratio > 1.1 {
		t.Errorf("abuse per person-day after 91-120 days of waiting is %.3f times that after 61-90; want about 1", ratio)
	}
}

// TestHBMProtectsVulnerable: vulnerable migrants who reach a closed post
// where officials are violent suffer less abuse when the post screens them
// and refers them to a sheltering centre.
func TestHBMProtectsVulnerable(t *testing.T) {
	abuseOfVulnerable := func(name string, screening, shelter float64) (events int) {
		for rep := range 10 {
			cfg := withPolicy(name)
			noSideExits(cfg)
			cfg.Centres = smallConfig().Centres
			cfg.Centres[0].Location = locBorder // shelter where the danger is
			cfg.Centres[0].Shelter = shelter
			cfg.Origins[0].Minor, cfg.Origins[0].Trafficked = 0.2, 0.2
			cfg.Information.Accuracy = 0 // they set out believing they can pass
			cfg.Information.CentreInfo = false
			officials(cfg, 0.01)
			cfg.Posts[0].Policy.Screening = screening
			events += mustRun(t, cfg, ReplicateSeed(19, rep)).Final().AbuseVulnerable
		}
		return events
	}
	closed := abuseOfVulnerable("closed", 0, 0)
	referral := abuseOfVulnerable("hbm", 0.9, 0)
	sheltered := abuseOfVulnerable("hbm", 0.9, 0.9)
	if !(float64(referral) < 0.8*float64(closed)) {
		t.Errorf("abuse of vulnerable migrants over 10 replicates: closed %d, hbm screening %d; want screening to cut it by a fifth", closed, referral)
	}
	if !(sheltered < referral) {
		t.Errorf("abuse of vulnerable migrants: hbm without shelter %d, with shelter %d; want shelter to reduce it", referral, sheltered)
	}
}

// TestRescueReducesDeaths: rescue 0.5 halves the daily hazard rate on
// irregular links (MODEL.md 7.6.4), and with no one sick every death here
// is on the irregular link. Deaths then fall to a little over half, as the
// chance of dying over a 4-day crossing grows less than in proportion to
// the daily rate: over 20 seeds of 40 replicates the ratio was 0.531 (sd
// 0.013); rescue at 0.6 of its strength gives 0.72, at 1.2 times 0.43.
func TestRescueReducesDeaths(t *testing.T) {
	deaths := func(rescue float64) (n int) {
		for rep := range 40 {
			cfg := withPolicy("closed")
			cfg.Region.Links[linkIrregular].Hazard = 0.02
			cfg.Origins[0].Sick = 0
			cfg.Protection.Rescue = rescue
			n += mustRun(t, cfg, ReplicateSeed(23, rep)).Final().States[Dead]
		}
		return n
	}
	without, with := deaths(0), deaths(0.5)
	if r := float64(with) / float64(without); without == 0 || r < 0.47 || r > 0.6 {
		t.Errorf("deaths over 40 replicates: %d without rescue, %d with the hazard rate halved (ratio %.3f); want a little over half", without, with, r)
	}
}

// TestNewsReachesOrigins: with inaccurate information, migrants set out
// believing the prior; as news of a closed post's refusals comes home,
// undocumented migrants setting out later believe in it less, and
// documented ones do not.
func TestNewsReachesOrigins(t *testing.T) {
	cfg := withPolicy("closed")
	noSideExits(cfg)
	cfg.Days = 120
	cfg.Origins[0].Inflow = []InflowStep{{From: 0, Rate: 20}}
	cfg.Information.Accuracy = 0
	cfg.Information.NewsRate = 0.05
	m, err := New(cfg, ReplicateSeed(9, 0))
	if err != nil {
		t.Fatal(err)
	}
	for !m.Done() {
		m.Step()
	}
	mean := func(documented bool, from int) float64 {
		sum, n := 0.0, 0
		for id, mg := range m.Migrants() {
			if mg.Is(Documented) == documented && int(mg.Born) >= from {
				sum += m.Belief(id, 0)
				n++
			}
		}
		if n == 0 {
			t.Fatalf("no migrants (documented %v) set out after day %d", documented, from)
		}
		return sum / float64(n)
	}
	prior := cfg.Information.Prior
	if late := mean(false, 100); !(late < prior-0.3) {
		t.Errorf("undocumented migrants setting out after day 100 believe %.2f in the closed post; want well below the prior %.2f", late, prior)
	}
	if late := mean(true, 100); !(late > prior-0.1) {
		t.Errorf("documented migrants setting out after day 100 believe %.2f in the post that admits them; want about the prior %.2f or more", late, prior)
	}
}

// officials makes officials at the post violent at a fixed daily rate,
// whatever the queue, papers or oversight.
func officials(cfg *Config, rate float64) {
	cfg.Abuse.OfficialViolence = rate
	cfg.Abuse.QueueEffect = 0
	cfg.Abuse.PapersEffect = 1
	cfg.Posts[0].Policy.Oversight = 0
}
