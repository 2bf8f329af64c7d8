package sim

import (
	"testing"
)

// TestCentreStaffAbuse: a centre's staff abuse the migrants it shelters
// at centre_abuse's rate, as violence by officials at the centre, not
// lowered by its shelter; from a stream of its own, so that a run
// differing only in the rate follows the same paths (the same states,
// interceptions and other abuse every day) and differs only in that
// violence and the harms counting it. At a rate so high its chance is 1,
// every migrant who starts a day in a centre is abused that day.
func TestCentreStaffAbuse(t *testing.T) {
	hbm := func(rate float64) *Config {
		cfg := withPolicy("hbm")
		// Nobody leaves a centre but by choice: no deaths of sickness,
		// and a kidnap holds no one.
		cfg.Migrants.SickMortality = 0
		cfg.Abuse.KidnapDays = 0
		cfg.Centres[0].Shelter = 1 // keeps out others' abuse, not the staff's
		cfg.Protection.CentreAbuse = rate
		return cfg
	}
	seed := ReplicateSeed(29, 0)
	base := mustRun(t, hbm(0), seed)
	if n := base.Final().CentrePersonDays; n < 100 {
		t.Fatalf("%d person-days in centres; want enough to test their staff's abuse", n)
	}
	for _, tc := range []struct {
		rate float64
		all  bool // every resident abused every day
	}{{0.01, false}, {1e6, true}} {
		cfg := hbm(tc.rate)
		m, err := New(cfg, seed)
		if err != nil {
			t.Fatal(err)
		}
		centre := cfg.Centres[0].Location
		inCentre := make([]int, cfg.Days) // staff abuse events a day
		m.Sink = EventSinkFunc(func(e Event) {
			if e.Kind == EventAbused && e.By == ByOfficial && e.Abuse == Violence && e.State == Assisted {
				if e.Location != centre {
					t.Errorf("rate %v, day %d: migrant %d abused in a centre at location %d; the centre is at %d", tc.rate, e.Day, e.Migrant, e.Location, centre)
				}
				inCentre[e.Day]++
			}
		})
		for !m.Done() {
			m.Step()
		}
		got := m.Result()
		added := addedOfficialViolence(t, tc.rate, cfg, base, got)
		staff := 0
		for d := range base.Days {
			if d > 0 {
				if today := added[d] - added[d-1]; today != inCentre[d] {
					t.Errorf("rate %v, day %d: %d violence events added, %d of them in a centre; want them all there", tc.rate, d, today, inCentre[d])
				}
				// Yesterday's residents are today's: each starts the day
				// in the centre.
				if residents := base.Days[d-1].States[Assisted]; tc.all && inCentre[d] != residents || !tc.all && inCentre[d] > residents {
					t.Errorf("rate %v, day %d: %d residents abused by the staff, of %d; want all: %v", tc.rate, d, inCentre[d], residents, tc.all)
				}
			}
			staff += inCentre[d]
		}
		t.Logf("rate %v: %d abused by staff over %d centre person-days", tc.rate, staff, base.Final().CentrePersonDays)
		if !tc.all && (staff == 0 || staff*4 > base.Final().CentrePersonDays) {
			t.Errorf("rate %v: %d abused by the staff over %d person-days in centres; want some, at about 1%% a day", tc.rate, staff, base.Final().CentrePersonDays)
		}
	}
}
