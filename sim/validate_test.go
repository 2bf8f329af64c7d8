package sim

import (
	"math"
	"strings"
	"testing"
)

// TestConfigValidate checks that the engine refuses, by itself, a
// configuration no scenario file could produce.
func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(c *Config)
		want   string // in the error; "" for a valid config
	}{
		{"small config", func(c *Config) {}, ""},
		{"probability of 5", func(c *Config) { c.Posts[0].Policy.Oversight = 5 }, "Posts[0].Policy.Oversight must be in [0, 1], got 5"},
		{"huge multiplier", func(c *Config) { c.Abuse.QueueEffect = 1e9 }, "Abuse.QueueEffect must be in [0, 1e+06]"},
		{"negative harm weight", func(c *Config) { c.Harm.Death = -1 }, "Harm.Death"},
		{"harm weight that makes the index infinite", func(c *Config) { c.Harm.TrappedDay = 1e308 }, "Harm.TrappedDay must be in [0, 1e+09], got 1e+308"},
		{"negative share", func(c *Config) { c.Origins[0].Documented = -0.1 }, "Origins[0].Documented must be in [0, 1]"},
		{"vulnerable over 1", func(c *Config) { c.Origins[0].Minor = 0.95 }, "Minor + Sick + Trafficked must not exceed 1"},
		{"scheduled policy", func(c *Config) {
			p := c.Posts[0].Policy
			p.Refusal = 1.5
			c.Posts[0].Schedule = []PostWindow{{From: 10, To: 20, Policy: p}}
		}, "Posts[0].Schedule[0].Policy.Refusal"},
		{"empty window", func(c *Config) {
			c.Posts[0].Schedule = []PostWindow{{From: 20, To: 20, Policy: c.Posts[0].Policy}}
		}, "want 0 <= From < To"},
		{"outage of half a day", func(c *Config) { c.Posts[0].Policy.OutageDays = 0.5 }, "OutageDays must be at least 1"},
		{"NaN hazard", func(c *Config) { c.Region.Links[0].Hazard = math.NaN() }, "Region.Links[0].Hazard"},
		{"link to itself", func(c *Config) { c.Region.Links[0].To = c.Region.Links[0].From }, "two different locations"},
		{"road walked alone", func(c *Config) { c.Region.Links[0].Alone = true }, "only irregular links"},
		{"rumour rate", func(c *Config) { c.Information.RumourRate = 2 }, "Information.RumourRate"},
		{"trip abuse", func(c *Config) { c.Abuse.TripViolence = 1.01 }, "Abuse.TripViolence"},
		{"negative ransom", func(c *Config) { c.Abuse.Ransom = -1 }, "Abuse.Ransom"},
		{"patrol", func(c *Config) { c.Enforcement.Patrol = 3 }, "Enforcement.Patrol"},
		{"rescue", func(c *Config) { c.Protection.Rescue = -0.5 }, "Protection.Rescue"},
		{"price outside its bounds", func(c *Config) { c.Smuggling.Price = 10 }, "PriceMin <= Price <= PriceMax"},
		{"centre offers", func(c *Config) { c.Centres[0].Evacuation = 0.98 }, "ReturnUptake + Evacuation"},
		{"two posts at one place", func(c *Config) { c.Posts = append(c.Posts, c.Posts[0]) }, "already has a post"},
		{"market size", func(c *Config) { c.Markets[0].MaxSmugglers = 1 }, "Smugglers <= MaxSmugglers"},
		{"no days", func(c *Config) { c.Days = 0 }, "Days must be in 1.."},
		{"trapped at once", func(c *Config) { c.Migrants.TrappedAfterDays = 0 }, "TrappedAfterDays must be at least 1"},
		{"price floor of zero", func(c *Config) { c.Smuggling.PriceMin = 0 }, "Smuggling.PriceMin must be an amount in (0, 1e+09] USD, got 0"},
		{"money beyond float32", func(c *Config) { c.Origins[0].MoneyMean = 1e39 }, "Origins[0].MoneyMean must be an amount in [0, 1e+09] USD"},
		{"bribe of a fortune", func(c *Config) { c.Abuse.Bribe = 2e9 }, "Abuse.Bribe must be an amount in [0, 1e+09] USD"},
		{"spread whose square overflows", func(c *Config) { c.Origins[0].MoneyCV = 1e155 }, "Origins[0].MoneyCV must be a coefficient of variation in [0, 1e+06]"},
		{"capacity spread", func(c *Config) { c.Posts[0].Policy.CapacityCV = 1e7 }, "Posts[0].Policy.CapacityCV must be a coefficient of variation"},
	}
	for _, tt := range tests {
		cfg := smallConfig()
		tt.change(cfg)
		err := cfg.Validate()
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: Validate() = %v; want nil", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: Validate() = %v; want an error containing %q", tt.name, err, tt.want)
		}
		if tt.want != "" {
			if _, err := New(cfg, 1); err == nil {
				t.Errorf("%s: New accepted a configuration Validate refuses", tt.name)
			}
		}
	}
}

// TestMoneyAtItsBounds runs amounts of money and spreads at the largest
// values Validate allows, with prices that move as fast as they may, and
// checks that every migrant's money and every day's price stay finite:
// beyond them money became +Inf, then NaN, and a price with a floor of
// 0 fell to 0 and became NaN.
func TestMoneyAtItsBounds(t *testing.T) {
	cfg := smallConfig()
	cfg.Days = 40
	cfg.Origins[0].MoneyMean, cfg.Origins[0].MoneyCV = MaxMoney, MaxCV
	cfg.Posts[0].Policy.CapacityCV = MaxCV
	cfg.Migrants.EarnPerDay, cfg.Migrants.ReturnCost = MaxMoney, MaxMoney
	cfg.Abuse.Extorted, cfg.Abuse.Ransom, cfg.Abuse.Bribe = MaxMoney, MaxMoney, MaxMoney
	cfg.Smuggling.PriceMin, cfg.Smuggling.Price, cfg.Smuggling.PriceMax = math.SmallestNonzeroFloat64, MaxMoney, MaxMoney
	cfg.Smuggling.PriceResponse = MaxMultiplier
	if err := cfg.Validate(); err != nil {
		t.Fatalf("the extreme configuration must be valid: %v", err)
	}
	m, err := New(cfg, ReplicateSeed(5, 0))
	if err != nil {
		t.Fatal(err)
	}
	priced := 0
	for !m.Done() {
		m.Step()
		r := m.days[len(m.days)-1]
		if math.IsNaN(r.MeanPrice) || math.IsInf(r.MeanPrice, 0) || r.MeanPrice < 0 {
			t.Fatalf("day %d: mean price %v", m.Day(), r.MeanPrice)
		}
		if r.MeanPrice > 0 {
			priced++
		}
		for id, mg := range m.Migrants() {
			if x := float64(mg.Money); math.IsNaN(x) || math.IsInf(x, 0) {
				t.Fatalf("day %d: migrant %d has money %v", m.Day(), id, mg.Money)
			}
		}
	}
	if priced == 0 {
		t.Error("no day had a market with a price: the test did not reach the market")
	}
}
