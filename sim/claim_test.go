package sim

import "testing"

// harm is the mean, over replicates, of the harms the claim is about:
// trapped person-days, and immobilised ones (trapped and stranded at
// home, so that a regime that keeps people home is not scored as one
// that traps no one), and abuse events.
type harm struct{ trappedPersonDays, immobilisedPersonDays, abuseEvents float64 }

func meanHarm(t *testing.T, regime string, tweak func(*Config)) harm {
	const reps = 20
	var h harm
	for rep := range reps {
		cfg := withPolicy(regime)
		tweak(cfg)
		f := mustRun(t, cfg, ReplicateSeed(29, rep)).Final()
		h.trappedPersonDays += float64(f.TrappedPersonDays) / reps
		h.immobilisedPersonDays += float64(f.TrappedPersonDays+f.StrandedPersonDays) / reps
		h.abuseEvents += float64(f.AbuseEvents()) / reps
	}
	return h
}

// TestClaimCanFail: when the claim's mechanism is severed — abuse does not
// grow with desperation, anyone can turn back at once for free, and a
// failing post's officials abuse no one — the engine must not report that
// malfunction harms more than closure. No one stays immobilised under
// either regime (under a person-day a run; measured: at most 0.8 over
// seven seeds), so trapping is not compared, and malfunction leads to
// less abuse (measured: about 27 events a run against 47).
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
	if failing.abuseEvents >= closed.abuseEvents || closed.immobilisedPersonDays > 1 || failing.immobilisedPersonDays > 1 {
		t.Errorf("mechanism severed: malfunctioning %+v, closed %+v; want less abuse under malfunction, and no one immobilised under either", failing, closed)
	}
}

// TestClaimCanHold: when trapped migrants cannot leave, outages are long
// and abuse grows with desperation, and closure turns back few (nine in
// ten migrants have papers), malfunction harms more than closure on every
// harm: trapped, immobilised (stranded at home counted too: with most
// migrants undocumented, closure strands them at home, four times as
// many immobilised person-days as malfunction traps) and abuse.
func TestClaimCanHold(t *testing.T) {
	intact := func(c *Config) {
		c.Abuse.DesperationEffect = 3
		c.Origins[0].WillTurnBack = 0
		c.Origins[0].Documented = 0.9
		if c.Posts[0].Policy.OutageStart > 0 {
			c.Posts[0].Policy.OutageDays = 30
			c.Posts[0].Policy.FailingCapacity = 0
		}
	}
	closed, failing := meanHarm(t, "closed", intact), meanHarm(t, "malfunctioning", intact)
	if !(failing.trappedPersonDays > closed.trappedPersonDays && failing.immobilisedPersonDays > closed.immobilisedPersonDays && failing.abuseEvents > closed.abuseEvents) {
		t.Errorf("mechanism intact: malfunctioning %+v, closed %+v; malfunction should harm more", failing, closed)
	}
}
