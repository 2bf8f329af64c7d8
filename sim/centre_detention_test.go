package sim

import "testing"

// TestCentreDetention: a centre holds a resident who would leave with
// centre_detention's chance a day, and counts the day. At chance 1 no
// resident leaves a centre of its own accord: each that leaves is on an
// assisted return (or evacuated, or dead), where at chance 0 some leave to
// go on or to wait for a smuggler. Each day held is one detained event at
// the centre and one detained person-day, among the centre person-days.
func TestCentreDetention(t *testing.T) {
	for _, chance := range []float64{0, 0.5, 1} {
		cfg := withPolicy("hbm")
		// Nobody leaves a centre but by choice or by the centre's
		// offer: no deaths of sickness, and a kidnap holds no one.
		cfg.Migrants.SickMortality = 0
		cfg.Abuse.KidnapDays = 0
		cfg.Protection.CentreDetention = chance
		m, err := New(cfg, ReplicateSeed(31, 0))
		if err != nil {
			t.Fatal(err)
		}
		centre := cfg.Centres[0].Location
		held := make([]int, cfg.Days)
		left := map[int]int{} // migrant → the day it left a centre, until its next event says why
		ownAccord := 0        // left a centre to go on or wait for a smuggler
		m.Sink = EventSinkFunc(func(e Event) {
			if day, ok := left[e.Migrant]; ok {
				delete(left, e.Migrant)
				if e.Day != day || !(e.Detail == "home" && (e.Kind == EventMoved || e.Kind == EventDeparted) || e.Kind == EventReturned) {
					ownAccord++
				}
			}
			switch e.Kind {
			case EventLeftCentre:
				left[e.Migrant] = e.Day
			case EventDetained:
				if e.Location != centre || e.State != Assisted {
					t.Errorf("chance %v, day %d: migrant %d detained at location %d in state %v; want at the centre, %d, assisted", chance, e.Day, e.Migrant, e.Location, e.State, centre)
				}
				held[e.Day]++
			}
		})
		for !m.Done() {
			m.Step()
		}
		ownAccord += len(left) // left and did nothing else: waiting for a smuggler
		res := m.Result()
		for d, r := range res.Days {
			prev := 0
			if d > 0 {
				prev = res.Days[d-1].DetainedPersonDays
			}
			if r.DetainedPersonDays-prev != held[d] {
				t.Errorf("chance %v, day %d: %d detained person-days recorded, %d detained events", chance, d, r.DetainedPersonDays-prev, held[d])
			}
		}
		f := res.Final()
		t.Logf("chance %v: %d left of their own accord; %d detained of %d centre person-days; %d assisted returns", chance, ownAccord, f.DetainedPersonDays, f.CentrePersonDays, f.ReturnsAssisted)
		switch {
		case chance == 0 && (ownAccord == 0 || f.DetainedPersonDays != 0):
			t.Errorf("chance 0: %d left a centre of their own accord, %d detained person-days; want some, and none", ownAccord, f.DetainedPersonDays)
		case chance == 1 && (ownAccord != 0 || f.DetainedPersonDays == 0):
			t.Errorf("chance 1: %d left a centre of their own accord, %d detained person-days; want none, and some", ownAccord, f.DetainedPersonDays)
		case chance > 0 && f.DetainedPersonDays > f.CentrePersonDays:
			t.Errorf("chance %v: %d detained person-days of %d in centres; want them among them", chance, f.DetainedPersonDays, f.CentrePersonDays)
		}
	}
}
