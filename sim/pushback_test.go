package sim

import (
	"testing"
)

// TestPushbackViolence: a patrol abuses the migrants it intercepts at
// pushback_violence's rate, as violence by officials on the link, before
// the migrant is sent back; from a stream of its own, so that a run
// differing only in the rate follows the same paths (the same states,
// interceptions and other abuse every day) and differs only in that
// violence and the harms counting it. At a rate so high its chance is 1,
// every interception is one such event.
func TestPushbackViolence(t *testing.T) {
	cfg := withPolicy("closed")
	cfg.Enforcement.Patrol = 0.2
	seed := ReplicateSeed(83, 0)
	base := mustRun(t, cfg, seed)
	if n := base.Final().Interceptions; n < 20 {
		t.Fatalf("%d interceptions; want enough to test their violence", n)
	}
	for _, tc := range []struct {
		rate float64
		all  bool // every interception abused
	}{{0.5, false}, {1e6, true}} {
		cfg := withPolicy("closed")
		cfg.Enforcement.Patrol = 0.2
		cfg.Enforcement.PushbackViolence = tc.rate
		m, err := New(cfg, seed)
		if err != nil {
			t.Fatal(err)
		}
		atInterception, pushedAfter := 0, 0
		lastAbused := -1 // the migrant abused at an interception, until its next event
		m.Sink = EventSinkFunc(func(e Event) {
			if lastAbused >= 0 {
				if e.Migrant == lastAbused && e.Kind == EventPushedBack {
					pushedAfter++
				}
				lastAbused = -1
			}
			if e.Kind == EventAbused && e.By == ByOfficial && e.Abuse == Violence && (e.State == Travelling || e.State == WithSmuggler) {
				atInterception++
				lastAbused = e.Migrant
			}
		})
		for !m.Done() {
			m.Step()
		}
		got := m.Result()
		addedOfficialViolence(t, tc.rate, cfg, base, got)
		f, bf := got.Final(), base.Final()
		added := f.Abuse[Violence][ByOfficial] - bf.Abuse[Violence][ByOfficial]
		if added != atInterception || pushedAfter != atInterception {
			t.Errorf("rate %v: %d violence events added, %d seen on a link, %d followed by the pushback; want them equal", tc.rate, added, atInterception, pushedAfter)
		}
		if tc.all && added != f.Interceptions || !tc.all && (added == 0 || added >= f.Interceptions) {
			t.Errorf("rate %v: %d of %d interceptions violent; want all: %v", tc.rate, added, f.Interceptions, tc.all)
		}
	}
}

// TestPushbackViolenceFollowsRisk: a patrol's violence, like all abuse,
// is scaled by the migrant's risk (docs/MODEL.md 7.6.4): minors, at a
// vulnerable_factor of 3, meet it more often than at 1. Every other
// abuse is switched off, so that the factor changes nothing else: the
// same interceptions, and with the same draws, each violent at 1 is
// violent at 3.
func TestPushbackViolenceFollowsRisk(t *testing.T) {
	run := func(factor float64) DayRecord {
		cfg := withPolicy("closed")
		cfg.Enforcement.Patrol = 0.2
		cfg.Enforcement.PushbackViolence = 0.2
		cfg.Origins[0].Minor, cfg.Origins[0].Sick, cfg.Origins[0].Trafficked = 1, 0, 0
		ab := &cfg.Abuse
		ab.SmugglerExtortion, ab.SmugglerViolence, ab.SmugglerKidnap = 0, 0, 0
		ab.TripExtortion, ab.TripViolence, ab.TripAbandonment = 0, 0, 0
		ab.OfficialExtortion, ab.OfficialViolence = 0, 0
		ab.VulnerableFactor = factor
		return mustRun(t, cfg, ReplicateSeed(83, 0)).Final()
	}
	one, three := run(1), run(3)
	if one.Interceptions != three.Interceptions || one.Interceptions < 20 {
		t.Fatalf("%d and %d interceptions; want the same, and enough to test", one.Interceptions, three.Interceptions)
	}
	if v1, v3 := one.Abuse[Violence][ByOfficial], three.Abuse[Violence][ByOfficial]; !(0 < v1 && v1 < v3) {
		t.Errorf("violent interceptions of minors: %d at vulnerable_factor 1, %d at 3; want more at 3, and some at 1", v1, v3)
	}
}
