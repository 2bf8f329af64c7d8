package sim

import (
	"math"
	"testing"
)

// outagePolicy fails a post on 5% of working days for 10 days on average,
// at a fifth of its capacity: a third of its days failing in the long run
// (0.05 / (0.05 + 1/10)), so that it passes 1 − 1/3 + 1/3 × 0.2 of whom
// it would pass on a working day.
func outagePolicy() PostPolicy {
	p := DefaultPostPolicy()
	p.OutageStart, p.OutageDays, p.FailingCapacity = 0.05, 10, 0.2
	return p
}

// TestOutageChain: a post's failure process is the two-state chain of
// docs/MODEL.md (7.2): from working it fails with outage_start a day, and
// a failing post recovers with 1/outage_days a day, so in the long run
// outage_start / (outage_start + 1/outage_days) of its days fail, here a
// third; and outages last outage_days on average.
func TestOutageChain(t *testing.T) {
	cfg := smallConfig()
	cfg.Posts[0].Policy = outagePolicy()
	m, err := New(cfg, 5)
	if err != nil {
		t.Fatal(err)
	}
	const days = 200000
	failing, outages := 0, 0
	was := false
	for range days {
		m.stepPosts()
		if m.posts[0].down {
			failing++
			if !was {
				outages++
			}
		}
		was = m.posts[0].down
	}
	// The share of a chain's days failing varies far more than a coin's
	// (outages come in runs of 10 days): its standard error over 200,000
	// days is about 0.004.
	if share := float64(failing) / days; math.Abs(share-1.0/3) > 0.015 {
		t.Errorf("%.3f of days failing; want 1/3", share)
	}
	if mean := float64(failing) / float64(outages); math.Abs(mean-10) > 0.5 {
		t.Errorf("outages last %.2f days on average; want 10", mean)
	}
}

// TestTruthOfOutages: what an accurate source says of a failing post is
// its long-run chance of letting a migrant through: the days it works,
// and a fifth of the days it fails (outagePolicy: 1 − 1/3 + 1/3 × 0.2), or
// a fifth where it is forced to fail.
func TestTruthOfOutages(t *testing.T) {
	p := outagePolicy()
	forced := outagePolicy()
	forced.Force = ForceFailing
	for _, tt := range []struct {
		name   string
		policy PostPolicy
		want   float64
	}{
		{"outages", p, 1 - 1.0/3 + 0.2/3},
		{"forced to fail", forced, 0.2},
		{"working", DefaultPostPolicy(), 1},
	} {
		for c, got := range truth(&tt.policy) {
			if math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("%s, class %d: truth %v; want %v", tt.name, c, got, tt.want)
			}
		}
	}
}

// TestVulnerableAbuseFactor: minors and trafficked migrants face every
// abuse rate times abuse.vulnerable_factor; the sick and the rest do not
// (docs/MODEL.md 7.6).
func TestVulnerableAbuseFactor(t *testing.T) {
	cfg := smallConfig()
	cfg.Abuse.DesperationEffect = 0
	cfg.Abuse.VulnerableFactor = 3
	m, err := New(cfg, 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		vuln Vulnerability
		want float64
	}{{NotVulnerable, 1}, {Minor, 3}, {Sick, 1}, {Trafficked, 3}} {
		if got := m.riskMultiplier(&Migrant{Vuln: tt.vuln}); got != tt.want {
			t.Errorf("vulnerability %d: risk multiplier %v; want %v", tt.vuln, got, tt.want)
		}
	}
}
