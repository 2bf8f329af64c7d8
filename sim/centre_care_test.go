package sim

import "testing"

// TestCentreMedicalCare: a centre's medical care takes its share off a
// sick resident's daily chance of dying (docs/MODEL.md 7.10). With every
// migrant sick, full care (medical = 1) leaves no one to die in a centre;
// with none, some do.
func TestCentreMedicalCare(t *testing.T) {
	diedInCentre := func(medical float64) int {
		cfg := withPolicy("hbm")
		cfg.Origins[0].Minor, cfg.Origins[0].Sick, cfg.Origins[0].Trafficked = 0, 1, 0
		cfg.Migrants.SickMortality = 0.02
		cfg.Centres[0].Medical = medical
		m, err := New(cfg, ReplicateSeed(11, 0))
		if err != nil {
			t.Fatal(err)
		}
		died, assisted := 0, map[int]bool{}
		for !m.Done() {
			clear(assisted)
			for id := range m.migrants {
				if m.migrants[id].State == Assisted {
					assisted[id] = true
				}
			}
			m.Step()
			for id := range assisted {
				if m.migrants[id].State == Dead {
					died++
				}
			}
		}
		if f := m.Result().Final(); f.CentrePersonDays == 0 {
			t.Fatalf("medical %v: no one stayed in a centre; the test wants residents", medical)
		}
		return died
	}
	if n := diedInCentre(1); n != 0 {
		t.Errorf("medical 1: %d sick residents died in a centre; want none", n)
	}
	if n := diedInCentre(0); n == 0 {
		t.Error("medical 0: no sick resident died in a centre at 2% a day; want some")
	}
}

// TestNoReferralToFullCentre: screening and assistance send migrants
// only to a centre with room (docs/MODEL.md 7.5.3, 7.8): a centre of no
// places is never a referral, and so no one is escorted toward it.
// (Screening's protection channel, which admits, is a referral too, to
// no centre.)
func TestNoReferralToFullCentre(t *testing.T) {
	toCentre := func(capacity int) (referred int) {
		cfg := withPolicy("hbm")
		cfg.Centres[0].Capacity = capacity
		// A day from where migrants wait for smugglers, so that
		// assistance escorts them to it.
		cfg.Centres[0].Location = locBorder
		m, err := New(cfg, ReplicateSeed(11, 0))
		if err != nil {
			t.Fatal(err)
		}
		m.Sink = EventSinkFunc(func(e Event) {
			if e.Kind == EventReferred && e.Detail != "protection" {
				referred++
			}
		})
		for !m.Done() {
			m.Step()
		}
		return referred
	}
	if r := toCentre(0); r != 0 {
		t.Errorf("a centre of no places: %d referrals to it; want none", r)
	}
	if r := toCentre(200); r == 0 {
		t.Error("a centre of 200 places: no referrals to it; the test wants some")
	}
}
