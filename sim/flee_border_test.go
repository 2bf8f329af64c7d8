package sim

import (
	"math"
	"testing"
)

// fleeBorder is a region for the Flee rules with one border: a conflict
// zone A in Home, a border location X 40 km on (in Home) with a post, and
// a camp C in Far 40 km beyond. Agents cover 100 km a day, so those
// spawned at A reach X, and if they pass, C, on the day they set out.
// Officials ask no bribes and do no violence unless a test says so, and
// nobody leaves the camp.
func fleeBorder(pol PostPolicy, capacity float64, spawn ...int) *Config {
	cfg := Defaults()
	cfg.Days = 40
	cfg.Rules = RulesFlee
	cfg.RecordLocations = true
	cfg.Region = Region{
		Countries: []string{"Home", "Far"},
		Locations: []Location{
			{Name: "A", Kind: KindOrigin, Population: 1000, Conflict: []ConflictStep{{0, 1}}},
			{Name: "X", Kind: KindBorder},
			{Name: "C", Kind: KindDestination, Country: 1},
		},
		Links: []Link{{From: 0, To: 1, Days: 1, LengthKm: 40}, {From: 1, To: 2, Days: 1, LengthKm: 40}},
	}
	cfg.Posts = []Post{{Name: "X", Location: 1, Capacity: capacity, Policy: pol}}
	cfg.Flee = DefaultFlee()
	cfg.Flee.MaxMoveSpeed = 100
	cfg.Flee.ConflictWeight = 0 // nobody heads back into the conflict zone by choice
	cfg.Flee.CampMoveChance = 0
	cfg.Flee.Spawn = spawn
	cfg.Abuse.OfficialExtortion = 0
	cfg.Abuse.OfficialViolence = 0
	cfg.Migrants.TrappedAfterDays = 5
	cfg.Migrants.GiveUpDays = 20
	return &cfg
}

func closedPost() PostPolicy {
	p := DefaultPostPolicy()
	p.Admission = AdmitDocumented
	return p
}

// at is the number of agents at location loc at the end of day d.
func at(res *Result, cfg *Config, d, loc int) LocationDay {
	return res.Locations[d*len(cfg.Region.Locations)+loc]
}

// TestFleeExcludedTrapped: an agent a closed post does not admit waits at
// the border without trying again, is trapped from its TrappedAfterDays-th
// day there, and gives up on its GiveUpDays-th day, going back to where it
// came from (the only way left to it).
func TestFleeExcludedTrapped(t *testing.T) {
	cfg := fleeBorder(closedPost(), 1000, 10)
	res, err := Run(cfg, 1)
	if err != nil {
		t.Fatal(err)
	}
	for d := range cfg.Days {
		x, a := at(res, cfg, d, 1), at(res, cfg, d, 0)
		wantX, wantTrapped, wantA := 10, 0, 0
		switch {
		case d >= cfg.Migrants.GiveUpDays:
			wantX, wantA = 0, 10
		case d >= cfg.Migrants.TrappedAfterDays:
			wantTrapped = 10
		}
		if x.Waiting != wantX || x.Trapped != wantTrapped || a.Waiting != wantA || res.Days[d].States[Trapped] != wantTrapped {
			t.Errorf("day %d: %d at X (%d trapped; %d trapped in all), %d at A; want %d at X (%d trapped), %d at A",
				d, x.Waiting, x.Trapped, res.Days[d].States[Trapped], a.Waiting, wantX, wantTrapped, wantA)
		}
	}
	f := res.Final()
	wantDays := 10 * (cfg.Migrants.GiveUpDays - cfg.Migrants.TrappedAfterDays)
	if f.Refused != 10 || f.Admitted != 0 || f.TrappedPersonDays != wantDays || f.Queued != 0 {
		t.Errorf("%d refused, %d admitted, %d trapped person-days, %d queued; want 10 refused (once each), none admitted, %d trapped person-days, none queued",
			f.Refused, f.Admitted, f.TrappedPersonDays, f.Queued, wantDays)
	}
}

// TestFleeDocuments: documented agents pass a closed post; a share
// Documented of the agents hold documents.
func TestFleeDocuments(t *testing.T) {
	cfg := fleeBorder(closedPost(), 1e6, 10)
	cfg.Flee.Documented = 1
	res, err := Run(cfg, 1)
	if err != nil {
		t.Fatal(err)
	}
	f := res.Final()
	if c := at(res, cfg, 0, 2).Waiting; c != 10 || f.Refused != 0 || f.Admitted != 10 || f.TrappedPersonDays != 0 {
		t.Errorf("all documented: %d in the camp on day 0, %d refused, %d admitted, %d trapped person-days; want 10, 0, 10, 0", c, f.Refused, f.Admitted, f.TrappedPersonDays)
	}

	const n = 4000
	for _, share := range []float64{0, 0.3, 0.75} {
		cfg := fleeBorder(closedPost(), 1e6, n)
		cfg.Days = 2
		cfg.Flee.Documented = share
		m, err := New(cfg, 7)
		if err != nil {
			t.Fatal(err)
		}
		for !m.Done() {
			m.Step()
		}
		documented := 0
		for _, mg := range m.Migrants() {
			if mg.Is(Documented) {
				documented++
				if mg.Loc != 2 {
					t.Fatalf("share %g: a documented agent is at %d on day 1, not in the camp", share, mg.Loc)
				}
			} else if mg.Loc != 1 {
				t.Fatalf("share %g: an undocumented agent is at %d on day 1, not at the border", share, mg.Loc)
			}
		}
		mean, sd := n*share, math.Sqrt(n*share*(1-share))
		if math.Abs(float64(documented)-mean) > 4*sd+1e-9 {
			t.Errorf("share %g: %d of %d agents documented; want %.0f ± %.0f", share, documented, n, mean, 4*sd)
		}
	}
}

// TestFleeHeldUpQueues: a post with capacity for 3 crossings a day holds
// the rest up; they wait in its queue and try again each day, in ID
// order, and those still waiting on their TrappedAfterDays-th day are
// trapped.
func TestFleeHeldUpQueues(t *testing.T) {
	cfg := fleeBorder(DefaultPostPolicy(), 3, 20)
	cfg.Days = 10
	cfg.Migrants.GiveUpDays = 100
	res, err := Run(cfg, 1)
	if err != nil {
		t.Fatal(err)
	}
	for d := range cfg.Days {
		r := res.Days[d]
		queued := max(0, 17-3*d) // 3 cross on day 0, 3 more each day
		trapped := 0
		if d == cfg.Migrants.TrappedAfterDays {
			trapped = 2 // agents 18 and 19, whose turn comes on day 6
		}
		if r.Queued != queued || at(res, cfg, d, 1).Queued != queued || r.States[Trapped] != trapped || at(res, cfg, d, 2).Waiting != 20-queued {
			t.Errorf("day %d: %d queued (%d at X), %d trapped, %d in the camp; want %d queued, %d trapped, %d in the camp",
				d, r.Queued, at(res, cfg, d, 1).Queued, r.States[Trapped], at(res, cfg, d, 2).Waiting, queued, trapped, 20-queued)
		}
	}
	if f := res.Final(); f.PostArrivals != 17 || f.Admitted != 20 || f.Refused != 0 || f.TrappedPersonDays != 2 {
		t.Errorf("%d joined the queue, %d admitted, %d refused, %d trapped person-days; want 17, 20, 0, 2", f.PostArrivals, f.Admitted, f.Refused, f.TrappedPersonDays)
	}
}

// TestFleeRefusedByChanceRetries: an agent the refusal draw turns away,
// though the rules admit it, tries again the next day, and in time passes.
func TestFleeRefusedByChanceRetries(t *testing.T) {
	pol := DefaultPostPolicy()
	pol.Refusal = 0.5
	cfg := fleeBorder(pol, 1e6, 200)
	cfg.Migrants.GiveUpDays = 100
	res, err := Run(cfg, 3)
	if err != nil {
		t.Fatal(err)
	}
	f := res.Final()
	last := cfg.Days - 1
	if c := at(res, cfg, last, 2).Waiting; c != 200 || f.Refused < 150 || f.Refused > 250 || f.Admitted != 200 {
		t.Errorf("%d in the camp, %d refusals, %d admitted; want all 200 in the camp, about 200 refusals, 200 admitted", c, f.Refused, f.Admitted)
	}
	if d1 := at(res, cfg, 1, 1).Queued; d1 == 0 || d1 >= 200 {
		t.Errorf("day 1: %d waiting in the queue after a refusal; want some, not all", d1)
	}
}

// TestFleeReadmitted: a post does not act on a step into the home
// country: agents leaving a camp abroad for home pass a closed post.
func TestFleeReadmitted(t *testing.T) {
	cfg := fleeBorder(closedPost(), 1e6)
	cfg.Region.Locations[0].Conflict = nil // A is a town
	cfg.Region.Locations[2].Initial = 10
	cfg.Flee.CampMoveChance = 1
	cfg.Flee.CampWeight = 0 // the camp weighs nothing: everyone heads for A
	cfg.Flee.DefaultMoveChance = 0
	cfg.Days = 2
	res, err := Run(cfg, 1)
	if err != nil {
		t.Fatal(err)
	}
	f := res.Final()
	if a := at(res, cfg, 0, 0).Waiting; a != 10 || f.Refused != 0 || f.Admitted != 0 {
		t.Errorf("%d at A on day 0, %d refused, %d admitted; want all 10 home on day 0, the post not acting", a, f.Refused, f.Admitted)
	}
}

// TestFleeHazard: a link's hazard kills agents travelling on it, who
// then leave every count but the dead.
func TestFleeHazard(t *testing.T) {
	cfg := fleeBorder(DefaultPostPolicy(), 1e6, 10)
	cfg.Region.Links[0].Hazard = 1
	cfg.Days = 3
	res, err := Run(cfg, 1)
	if err != nil {
		t.Fatal(err)
	}
	f := res.Final()
	if f.States[Dead] != 10 || at(res, cfg, 0, 0).Deaths != 10 || at(res, cfg, 2, 2).Waiting != 0 || f.States[Travelling] != 0 {
		t.Errorf("%d dead (%d at A on day 0), %d in the camp, %d travelling; want 10 dead on A's link on day 0, none elsewhere",
			f.States[Dead], at(res, cfg, 0, 0).Deaths, at(res, cfg, 2, 2).Waiting, f.States[Travelling])
	}
}

// TestFleeOfficialsAbuseTrapped: officials' violence at a post reaches
// the agents waiting there every day, and is counted as abuse of trapped
// migrants once they are trapped.
func TestFleeOfficialsAbuseTrapped(t *testing.T) {
	pol := closedPost()
	pol.Oversight = 0
	cfg := fleeBorder(pol, 1000, 10)
	cfg.Abuse.OfficialViolence = 20 // a chance of 1 − e⁻⁴⁰ a day: every agent, every day
	res, err := Run(cfg, 1)
	if err != nil {
		t.Fatal(err)
	}
	// Exposed on days 1 to GiveUpDays (20) in the morning: trapped at the
	// time from day TrappedAfterDays+1 (classified the evening before).
	f := res.Final()
	wantAll := 10 * cfg.Migrants.GiveUpDays
	wantTrapped := 10 * (cfg.Migrants.GiveUpDays - cfg.Migrants.TrappedAfterDays)
	atX := 0
	for d := range cfg.Days {
		atX += at(res, cfg, d, 1).Abuse
	}
	if f.AbuseBy(ByOfficial) != wantAll || f.Abuse[Violence][ByOfficial] != wantAll || f.AbuseImmobile != wantTrapped || atX != wantAll || f.AbusedMigrants != 10 {
		t.Errorf("%d events by officials (%d violence, %d at X), %d on trapped agents, %d agents abused; want %d, all violence at X, %d on trapped agents, 10 abused",
			f.AbuseBy(ByOfficial), f.Abuse[Violence][ByOfficial], atX, f.AbuseImmobile, f.AbusedMigrants, wantAll, wantTrapped)
	}
}

// TestFleeGroups: under the Flee rules the harms of documented and
// undocumented agents add up to the region's, and a post's document
// checks let through the share of the undocumented they miss.
func TestFleeGroups(t *testing.T) {
	pol := closedPost()
	pol.Oversight = 0.5
	cfg := fleeBorder(pol, 1000, 200)
	cfg.Flee.Documented = 0.5
	cfg.Abuse.OfficialViolence = 0.05
	res, err := Run(cfg, 2)
	if err != nil {
		t.Fatal(err)
	}
	f := res.Final()
	d, u := f.Groups[GroupDocumented], f.Groups[GroupUndocumented]
	if d.Refused != 0 || u.Refused != f.Refused || f.Refused == 0 || d.TrappedPersonDays != 0 || u.TrappedPersonDays != f.TrappedPersonDays ||
		d.Abuse+u.Abuse != f.AbuseEvents() || u.Abuse == 0 {
		t.Errorf("refused %d+%d of %d, trapped person-days %d+%d of %d, abuse %d+%d of %d; want the undocumented to hold every refusal, all trapping and some abuse",
			d.Refused, u.Refused, f.Refused, d.TrappedPersonDays, u.TrappedPersonDays, f.TrappedPersonDays, d.Abuse, u.Abuse, f.AbuseEvents())
	}

	// The counts by class the groups' records read agree with the agents.
	m, err := New(cfg, 2)
	if err != nil {
		t.Fatal(err)
	}
	for !m.Done() {
		m.Step()
	}
	var byClass [numClasses][NumStates]int
	for i := range m.Migrants() {
		mg := &m.Migrants()[i]
		byClass[classOf(mg)][mg.State]++
	}
	if byClass != m.byClass {
		t.Errorf("counts by class and state %v; the agents say %v", m.byClass, byClass)
	}

	for _, check := range []float64{0, 1} {
		pol := closedPost()
		pol.DocumentCheck = check
		cfg := fleeBorder(pol, 1e6, 50)
		cfg.Days = 2
		res, err := Run(cfg, 1)
		if err != nil {
			t.Fatal(err)
		}
		f := res.Final()
		wantIn, wantRefused := 0, 50
		if check == 0 {
			wantIn, wantRefused = 50, 0
		}
		if c := at(res, cfg, 1, 2).Waiting; c != wantIn || f.Refused != wantRefused {
			t.Errorf("document_check %g: %d of 50 undocumented in the camp, %d refused; want %d, %d", check, c, f.Refused, wantIn, wantRefused)
		}
	}
}
