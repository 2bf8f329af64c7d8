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
