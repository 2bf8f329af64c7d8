package sim

import "testing"

// harm is the mean, over replicates, of the two harms the claim is about.
type harm struct{ trappedPersonDays, abuseEvents float64 }

func meanHarm(t *testing.T, regime string, tweak func(*Config)) harm {
	const reps = 20
	var h harm
	for rep := range reps {
		cfg := withPolicy(regime)
		tweak(cfg)
		f := mustRun(t, cfg, ReplicateSeed(29, rep)).Final()
		h.trappedPersonDays += float64(f.TrappedPersonDays) / reps
		h.abuseEvents += float64(f.AbuseEvents()) / reps
	}
	return h
}

// TestClaimCanFail: when the claim's mechanism is severed — abuse does not
// grow with desperation, anyone can turn back at once for free, and a
// failing post's officials abuse no one — the engine must not report that
// malfunction harms more than closure.
func TestClaimCanFail(t *testing.T) {
	severed := func(c *Config) {
		c.Abuse.DesperationEffect = 0
		c.Origins[0].WillTurnBack = 1
		c.Migrants.ReturnCost = 0
		c.Migrants.GiveUpDays = 1
		c.Migrants.PatienceDays = 1
		c.Abuse.OfficialExtortion = 0
		c.Abuse.OfficialViolence = 0
	}
	closed, failing := meanHarm(t, "closed", severed), meanHarm(t, "malfunctioning", severed)
	if failing.trappedPersonDays > closed.trappedPersonDays || failing.abuseEvents > closed.abuseEvents {
		t.Errorf("mechanism severed: malfunctioning %+v, closed %+v; malfunction should not harm more", failing, closed)
	}
}

// TestClaimCanHold: when trapped migrants cannot leave, outages are long
// and abuse grows with desperation, malfunction harms more than closure.
func TestClaimCanHold(t *testing.T) {
	intact := func(c *Config) {
		c.Abuse.DesperationEffect = 3
		c.Origins[0].WillTurnBack = 0
		if c.Posts[0].Policy.OutageStart > 0 {
			c.Posts[0].Policy.OutageDays = 30
			c.Posts[0].Policy.FailingCapacity = 0
		}
	}
	closed, failing := meanHarm(t, "closed", intact), meanHarm(t, "malfunctioning", intact)
	if !(failing.trappedPersonDays > closed.trappedPersonDays && failing.abuseEvents > closed.abuseEvents) {
		t.Errorf("mechanism intact: malfunctioning %+v, closed %+v; malfunction should harm more", failing, closed)
	}
}
