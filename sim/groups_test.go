package sim

import "testing"

// TestGroupsAddUp: the records of documented and undocumented migrants
// add up to the region's, day by day, and the vulnerable group's abuse is
// the abuse of vulnerable migrants, under every policy.
func TestGroupsAddUp(t *testing.T) {
	for _, name := range regimeNames {
		for rep := range 2 {
			res := mustRun(t, withPolicy(name), ReplicateSeed(5, rep))
			for _, r := range res.Days {
				d, u, v := r.Groups[GroupDocumented], r.Groups[GroupUndocumented], r.Groups[GroupVulnerable]
				for _, c := range []struct {
					what        string
					doc, undoc  int
					region      int
					vuln, vWant int
				}{
					{"trapped person-days", d.TrappedPersonDays, u.TrappedPersonDays, r.TrappedPersonDays, v.TrappedPersonDays, -1},
					{"stranded person-days", d.StrandedPersonDays, u.StrandedPersonDays, r.StrandedPersonDays, v.StrandedPersonDays, -1},
					{"centre person-days", d.CentrePersonDays, u.CentrePersonDays, r.CentrePersonDays, v.CentrePersonDays, -1},
					{"abuse events", d.Abuse, u.Abuse, r.AbuseEvents(), v.Abuse, r.AbuseVulnerable},
					{"deaths", d.Dead, u.Dead, r.States[Dead], v.Dead, -1},
					{"refusals", d.Refused, u.Refused, r.Refused, v.Refused, -1},
				} {
					if c.doc+c.undoc != c.region {
						t.Fatalf("%s rep %d day %d: %s: documented %d + undocumented %d = %d; the region recorded %d",
							name, rep, r.Day, c.what, c.doc, c.undoc, c.doc+c.undoc, c.region)
					}
					if c.vuln < 0 || c.vuln > c.region || (c.vWant >= 0 && c.vuln != c.vWant) {
						t.Fatalf("%s rep %d day %d: %s: vulnerable %d of %d in the region (want %d)", name, rep, r.Day, c.what, c.vuln, c.region, c.vWant)
					}
				}
			}
			if f := res.Final(); name != "open" && f.Groups[GroupUndocumented].Abuse+f.Groups[GroupDocumented].Abuse == 0 {
				t.Errorf("%s rep %d: no abuse at all; the test checks nothing", name, rep)
			}
		}
	}
}

// TestDocumentChecks: at a post that admits only the documented, weak
// document checks let a share of the undocumented through, and stronger
// checks refuse more of them. Migrants set out on a belief that the post
// lets them pass, so that the undocumented try it whatever the checks.
func TestDocumentChecks(t *testing.T) {
	type outcome struct{ arrivedUndocumented, refusedUndocumented, refusedDocumented int }
	run := func(check float64) outcome {
		cfg := withPolicy("closed")
		noSideExits(cfg)
		cfg.Origins[0].WillSmuggle = 0 // the post is the only way
		cfg.Information.Accuracy = 0
		cfg.Information.Prior = 0.9
		cfg.Abuse.OfficialExtortion = 0 // no passage bought with a bribe
		cfg.Posts[0].Policy.DocumentCheck = check
		m, err := New(cfg, ReplicateSeed(11, 0))
		if err != nil {
			t.Fatal(err)
		}
		for !m.Done() {
			m.Step()
		}
		var o outcome
		for _, mg := range m.Migrants() {
			if mg.State == Arrived && !mg.Is(Documented) {
				o.arrivedUndocumented++
			}
		}
		f := m.Result().Final()
		o.refusedUndocumented = f.Groups[GroupUndocumented].Refused
		o.refusedDocumented = f.Groups[GroupDocumented].Refused
		return o
	}
	none, half, full := run(0), run(0.5), run(1)
	t.Logf("checks 0, 0.5, 1: %+v, %+v, %+v", none, half, full)
	if full.arrivedUndocumented != 0 {
		t.Errorf("perfect checks let %d undocumented migrants through; want none", full.arrivedUndocumented)
	}
	if !(none.arrivedUndocumented > half.arrivedUndocumented && half.arrivedUndocumented > full.arrivedUndocumented) {
		t.Errorf("undocumented arrivals with checks catching 0, 0.5, 1 of them: %d, %d, %d; want them falling",
			none.arrivedUndocumented, half.arrivedUndocumented, full.arrivedUndocumented)
	}
	if !(none.refusedUndocumented < half.refusedUndocumented && half.refusedUndocumented < full.refusedUndocumented) {
		t.Errorf("refusals of the undocumented with checks catching 0, 0.5, 1 of them: %d, %d, %d; want them rising",
			none.refusedUndocumented, half.refusedUndocumented, full.refusedUndocumented)
	}
	if none.refusedDocumented != full.refusedDocumented {
		t.Errorf("refusals of the documented changed with the checks (%d with none, %d with perfect); want the same", none.refusedDocumented, full.refusedDocumented)
	}
}

// TestTruthOfDocumentChecks: the long-run chance an accurate source gives
// the undocumented at a post closed to them is the share its checks miss.
func TestTruthOfDocumentChecks(t *testing.T) {
	for _, c := range []struct{ check, refusal, want float64 }{
		{1, 0, 0}, {0.75, 0, 0.25}, {0.5, 0.2, 0.4}, {0, 0, 1},
	} {
		p := closedPolicy()
		p.DocumentCheck, p.Refusal = c.check, c.refusal
		tr := truth(&p)
		if got := tr[0]; got < c.want-1e-12 || got > c.want+1e-12 {
			t.Errorf("truth for the undocumented with check %g, refusal %g = %g; want %g", c.check, c.refusal, got, c.want)
		}
		if got := tr[1]; got != 1-c.refusal {
			t.Errorf("truth for the documented with check %g, refusal %g = %g; want %g", c.check, c.refusal, got, 1-c.refusal)
		}
	}
}

// TestClassOf: a migrant's class is its documents (bit 0) and whether it
// is vulnerable at all (bit 1).
func TestClassOf(t *testing.T) {
	for _, c := range []struct {
		flags Flags
		vuln  Vulnerability
		want  int
	}{
		{0, NotVulnerable, 0}, {Documented, NotVulnerable, 1}, {0, Minor, 2}, {Documented, Sick, 3},
		{Documented | WillSmuggle | Queued, Trafficked, 3}, {WillTurnBack, Trafficked, 2},
	} {
		mg := Migrant{Flags: c.flags, Vuln: c.vuln}
		if got := classOf(&mg); got != c.want {
			t.Errorf("classOf(flags %b, vulnerability %d) = %d; want %d", c.flags, c.vuln, got, c.want)
		}
	}
}
