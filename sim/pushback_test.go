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
