package scenarios

import (
	"testing"

	"github.com/borderwork/borderwork/sim"
)

// TestSeatlessTrappedOnlyReclassifies: migrants.seatless_trapped changes
// how the trapped rule reads a migrant the market turned away, and
// nothing that migrants do. Under classroom's closed regime it finds more
// trapped person-days, and many more where seats are short; every count
// of what happened (arrivals, deaths, abuse, boardings, refusals) is the
// same, because the rule is an observer's and draws nothing.
func TestSeatlessTrappedOnlyReclassifies(t *testing.T) {
	for _, tt := range []struct {
		name string
		sets []string
		gain float64 // at least this share more trapped person-days, counting seats
	}{
		{"classroom", nil, 0},
		{"short of seats", []string{"markets.Town.smugglers=1", "markets.Town.max_smugglers=1", "smuggling.seats=2",
			"origins.Village.money_mean=2000", "origins.Village.will_turn_back=0"}, 0.25},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Load("classroom")
			if err != nil {
				t.Fatal(err)
			}
			for _, kv := range tt.sets {
				if err := s.Set(kv); err != nil {
					t.Fatal(err)
				}
			}
			run := func(on bool) []sim.DayRecord {
				cfg, err := s.Config("closed")
				if err != nil {
					t.Fatal(err)
				}
				cfg.Migrants.SeatlessTrapped = on
				res, err := sim.Run(cfg, 7)
				if err != nil {
					t.Fatal(err)
				}
				return res.Days
			}
			off, on := run(false), run(true)
			last, lastOn := off[len(off)-1], on[len(on)-1]
			if lastOn.Boarded == 0 {
				t.Fatal("no one boarded a smuggler's vehicle: the test wants a market at work")
			}
			if float64(lastOn.TrappedPersonDays) <= float64(last.TrappedPersonDays)*(1+tt.gain) {
				t.Errorf("closed, seats counted: %d trapped person-days; want more than the %d without by over %.0f%%", lastOn.TrappedPersonDays, last.TrappedPersonDays, 100*tt.gain)
			}
			// What the rule may change: the three states it chooses
			// between, the person-days it counts, the abuse it files as
			// suffered while immobilised, and the harm index that weighs
			// them. Everything else must match, day by day.
			for _, days := range [][]sim.DayRecord{off, on} {
				for i := range days {
					r := &days[i]
					r.States[sim.Waiting], r.States[sim.Trapped], r.States[sim.Stranded] = 0, 0, 0
					r.TrappedPersonDays, r.StrandedPersonDays, r.AbuseImmobile, r.HarmIndex = 0, 0, 0, 0
					for g := range r.Groups {
						r.Groups[g].TrappedPersonDays, r.Groups[g].StrandedPersonDays = 0, 0
					}
				}
			}
			for i := range off {
				if off[i] != on[i] {
					t.Fatalf("day %d: seats counted changed more than the classification:\noff %+v\non  %+v", i, off[i], on[i])
				}
			}
		})
	}
}
