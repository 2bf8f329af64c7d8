package sim_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/sim"
)

// eventCases are bundled scenarios whose regimes between them make every
// kind of event happen (TestEventsAgreeWithRecords checks that they do).
var eventCases = []struct {
	scenario string
	days     int      // 0: the scenario's own
	sets     []string // --set overrides
}{
	{"sahel", 0, nil},
	{"agadez", 0, nil},
	{"mali-mauritania", 0, nil}, // paths walked alone
	// The Flee rule set, with closures that fall on agents already on the
	// links they close.
	{"mali2012", 80, []string{"closures.0.from=30", "closures.0.to=60", "closures.1.from=30", "closures.1.to=60"}},
	// Bribes, evacuation, referral by screening and detention: the
	// undocumented queue at a closed post (they believe in any chance at
	// all).
	{"classroom", 0, []string{"centres.Town.evacuation=0.2", "migrants.belief_threshold=0.01",
		"regimes.hbm.oversight=0", "regimes.hbm.screening=1", "regimes.hbm.asylum_share=0.3", "regimes.hbm.centre_detention=0.5"}},
}

func loadCase(t *testing.T, name string, days int, sets []string) *scenarios.Scenario {
	t.Helper()
	s, err := scenarios.Load(name)
	if err != nil {
		t.Fatal(err)
	}
	for _, kv := range sets {
		if err := s.Set(kv); err != nil {
			t.Fatal(err)
		}
	}
	if days > 0 {
		s.File.Days = days
	}
	return s
}

// TestEventsAgreeWithRecords: a run's events, counted day by day, are
// what its records count. Every change of state is an event whose State
// is the new state, so the migrants' last events give the day's count in
// each state; and each counter of the records grows by the events of its
// kind.
func TestEventsAgreeWithRecords(t *testing.T) {
	seen := map[sim.EventKind]bool{} // looked up and counted only
	details := map[string]bool{}
	for _, c := range eventCases {
		s := loadCase(t, c.scenario, c.days, c.sets)
		for _, regime := range s.RegimeNames() {
			t.Run(c.scenario+"/"+regime, func(t *testing.T) {
				cfg, err := s.Config(regime)
				if err != nil {
					t.Fatal(err)
				}
				cfg.RecordLocations = true
				m, err := sim.New(cfg, sim.ReplicateSeed(uint64(s.File.Seed), 0))
				if err != nil {
					t.Fatal(err)
				}
				var a eventAudit
				a.n = len(cfg.Region.Locations)
				m.Sink = sim.EventSinkFunc(func(e sim.Event) {
					a.add(t, m, e)
					seen[e.Kind] = true
					details[e.Kind.String()+"/"+e.Detail] = true
				})
				var before sim.DayRecord
				for !m.Done() {
					a.today = tally{}
					a.locs = make([]sim.LocationDay, a.n)
					m.Step()
					res := m.Result()
					r := res.Final()
					if r.States != a.states {
						t.Fatalf("day %d: migrants in each state by their events %v; the record says %v", r.Day, a.states, r.States)
					}
					a.check(t, r, before)
					today := res.Locations[r.Day*a.n : (r.Day+1)*a.n]
					for loc := range today {
						if got, want := a.locs[loc], today[loc]; got.Abuse != want.Abuse || got.Deaths != want.Deaths {
							t.Fatalf("day %d, %s: abuse %d and deaths %d by events; %d and %d recorded", r.Day, cfg.Region.Locations[loc].Name, got.Abuse, got.Deaths, want.Abuse, want.Deaths)
						}
					}
					before = r
				}
			})
		}
	}
	for k := range sim.NumEventKinds {
		if !seen[k] {
			t.Errorf("no run made an event of kind %s: the cases do not check it", k)
		}
	}
	for _, d := range []string{
		"departed/road", "departed/smuggler", "moved/alone", "moved/home", "moved/centre", "pushed_back/patrol",
		"pushed_back/link closed", "arrived/evacuated", "returned/free", "returned/assisted", "died/hazard", "died/illness",
		"referred/screening", "referred/assistance", "created/undocumented minor",
	} {
		if !details[d] {
			t.Errorf("no run made an event %s: the cases do not check it", d)
		}
	}
}

// tally counts a day's events of the kinds the records count.
type tally struct {
	created, queued, refused, bribed, admitted, referred, detained, boarded, pushed, arrived, evacuated, free, assisted, stayed, died int
	abuse                                                                                                                             [sim.NumAbuseKinds][sim.NumPerpetrators]int
	abandoned                                                                                                                         int
}

type eventAudit struct {
	n      int
	state  []sim.State  // each migrant's state by its events
	noSeat map[int]bool // migrants told no seat was left, in their stay where they are
	states [sim.NumStates]int
	today  tally
	locs   []sim.LocationDay
	day    int
}

func (a *eventAudit) add(t *testing.T, m *sim.Model, e sim.Event) {
	t.Helper()
	if e.Day != m.Day() || e.Day < a.day {
		t.Fatalf("event %+v on day %d, after one of day %d", e, m.Day(), a.day)
	}
	a.day = e.Day
	if e.Location < 0 || e.Location >= a.n || e.To < -1 || e.To >= a.n {
		t.Fatalf("event %+v: location out of range", e)
	}
	if e.Kind == sim.EventCreated {
		if e.Migrant != len(a.state) {
			t.Fatalf("created migrant %d; want %d, the next ID", e.Migrant, len(a.state))
		}
		a.state = append(a.state, e.State)
		a.states[e.State]++
		a.today.created++
		return
	}
	if e.Migrant >= len(a.state) {
		t.Fatalf("event %+v of a migrant not yet created", e)
	}
	from := a.state[e.Migrant]
	a.states[from]--
	a.states[e.State]++
	a.state[e.Migrant] = e.State
	changes := from != e.State
	switch e.Kind {
	case sim.EventQueued, sim.EventRefused, sim.EventBribed, sim.EventAdmitted, sim.EventReferred, sim.EventNoSeat, sim.EventDetained, sim.EventAbused, sim.EventReleased:
		if changes {
			t.Fatalf("%s event of migrant %d changed its state from %s to %s", e.Kind, e.Migrant, from, e.State)
		}
	default:
		if !changes {
			t.Fatalf("%s event of migrant %d: its state stays %s", e.Kind, e.Migrant, from)
		}
	}
	// No seat is told once a stay: a stay ends on arriving elsewhere,
	// entering a centre, or boarding.
	switch {
	case e.Kind == sim.EventNoSeat:
		if a.noSeat[e.Migrant] || !e.State.AtPlace() {
			t.Fatalf("no_seat event %+v: told twice in one stay, or not at a place", e)
		}
		if a.noSeat == nil {
			a.noSeat = map[int]bool{}
		}
		a.noSeat[e.Migrant] = true
	case e.Kind == sim.EventReached, e.Kind == sim.EventEnteredCentre, e.Detail == "smuggler":
		delete(a.noSeat, e.Migrant)
	}
	d := &a.today
	switch e.Kind {
	case sim.EventQueued:
		d.queued++
	case sim.EventRefused:
		d.refused++
	case sim.EventBribed:
		d.bribed++
	case sim.EventAdmitted:
		d.admitted++
	case sim.EventReferred:
		d.referred++
	case sim.EventDetained:
		d.detained++
	case sim.EventDeparted, sim.EventMoved:
		if e.Detail == "smuggler" {
			d.boarded++
		}
	case sim.EventPushedBack:
		if e.Detail == "patrol" {
			d.pushed++
		}
	case sim.EventArrived:
		d.arrived++
		if e.Detail == "evacuated" {
			d.evacuated++
		}
	case sim.EventReturned:
		if e.Detail == "assisted" {
			d.assisted++
		} else {
			d.free++
		}
	case sim.EventStayed:
		d.stayed++
	case sim.EventDied:
		d.died++
		a.locs[e.Location].Deaths++
		if (e.Detail == "hazard") != (e.To >= 0) {
			t.Fatalf("died %+v: a death on a link names where the link leads, and no other", e)
		}
	case sim.EventAbused:
		d.abuse[e.Abuse][e.By]++
		a.locs[e.Location].Abuse++
		if e.Detail != e.Abuse.String() {
			t.Fatalf("abused %+v: detail is not the kind of abuse", e)
		}
	case sim.EventAbandoned:
		d.abandoned++
	}
}

// check compares the day's events with the growth of the records'
// counters from the day before.
func (a *eventAudit) check(t *testing.T, r, b sim.DayRecord) {
	t.Helper()
	d := a.today
	for _, c := range []struct {
		what       string
		events, by int
	}{
		{"created", d.created, r.Created - b.Created},
		{"queued", d.queued, r.PostArrivals - b.PostArrivals},
		{"refused", d.refused, r.Refused - b.Refused},
		{"bribed", d.bribed, r.Bribed - b.Bribed},
		{"admitted", d.admitted, r.Admitted - b.Admitted},
		{"referred", d.referred, r.Referrals - b.Referrals},
		{"detained", d.detained, r.DetainedPersonDays - b.DetainedPersonDays},
		{"departures with a smuggler", d.boarded, r.Boarded - b.Boarded},
		{"pushed back by a patrol", d.pushed, r.Interceptions - b.Interceptions},
		{"arrived", d.arrived, r.States[sim.Arrived] - b.States[sim.Arrived]},
		{"evacuated", d.evacuated, r.Evacuated - b.Evacuated},
		{"returned free", d.free, r.ReturnsFree - b.ReturnsFree},
		{"returned assisted", d.assisted, r.ReturnsAssisted - b.ReturnsAssisted},
		{"stayed", d.stayed, r.States[sim.Stayed] - b.States[sim.Stayed]},
		{"died", d.died, r.States[sim.Dead] - b.States[sim.Dead]},
		{"abandoned", d.abandoned, r.Abuse[sim.Abandonment][sim.BySmuggler] - b.Abuse[sim.Abandonment][sim.BySmuggler]},
	} {
		if c.events != c.by {
			t.Fatalf("day %d: %d %s events; the records count %d", r.Day, c.events, c.what, c.by)
		}
	}
	for k := range sim.NumAbuseKinds {
		for p := range sim.NumPerpetrators {
			if got, want := d.abuse[k][p], r.Abuse[k][p]-b.Abuse[k][p]; got != want {
				t.Fatalf("day %d: %d abused events (%s by %s); the records count %d", r.Day, got, k, p, want)
			}
		}
	}
}

// TestEventsChangeNothing: a run gives the same result, to the last bit,
// with a sink as without one.
func TestEventsChangeNothing(t *testing.T) {
	for _, c := range eventCases {
		s := loadCase(t, c.scenario, c.days, c.sets)
		for _, regime := range s.RegimeNames() {
			cfg, err := s.Config(regime)
			if err != nil {
				t.Fatal(err)
			}
			cfg.RecordLocations = true
			seed := sim.ReplicateSeed(uint64(s.File.Seed), 1)
			without, err := sim.RunContext(context.Background(), cfg, seed)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			with, err := sim.RunEvents(context.Background(), cfg, seed, sim.EventSinkFunc(func(sim.Event) { n++ }))
			if err != nil {
				t.Fatal(err)
			}
			if n == 0 || !reflect.DeepEqual(with, without) {
				t.Errorf("%s/%s: %d events; the result with a sink differs from the result without: %v", c.scenario, regime, n, !reflect.DeepEqual(with, without))
			}
		}
	}
}

// ExampleRunEvents follows one migrant through a run of the classroom
// scenario, event by event: kept at home by the closed post, it walks to
// the market town, finds no seat left the first day it asks, and boards
// three days later.
func ExampleRunEvents() {
	s, _ := scenarios.Load("classroom")
	cfg, _ := s.Config("closed")
	names := cfg.Region.Locations
	sink := sim.EventSinkFunc(func(e sim.Event) {
		if e.Migrant != 7 {
			return
		}
		where := names[e.Location].Name
		if e.To >= 0 {
			where += " → " + names[e.To].Name
		}
		fmt.Printf("day %3d  %-14s %-22s %-12s now %s\n", e.Day, e.Kind, where, e.Detail, e.State)
	})
	if _, err := sim.RunEvents(context.Background(), cfg, sim.ReplicateSeed(uint64(s.File.Seed), 0), sink); err != nil {
		fmt.Println(err)
	}
	// Output:
	// day   0  created        Village → City         undocumented minor now waiting
	// day  13  stranded       Village                             now stranded
	// day  22  departed       Village → Town         road         now travelling
	// day  24  reached        Town                                now waiting
	// day  25  no_seat        Town                                now waiting
	// day  28  moved          Town → City            smuggler     now with_smuggler
	// day  28  abused         Town → City            extortion    now with_smuggler
	// day  32  arrived        City                                now arrived
}
