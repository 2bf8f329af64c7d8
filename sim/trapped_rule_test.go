package sim

import (
	"math"
	"testing"
)

// TestTrappedRule: the trapped rule (docs/MODEL.md 7.7) for a blocked
// migrant, in both its forms (blockedState, and blockedAs without
// branches on the fast paths): waiting before trapped_after_days; after
// them waiting still if it would and could pay a smuggler in business
// within reach, otherwise trapped away from home and stranded at home. A
// rule that forgot the smuggler would count migrants queueing for seats
// they can pay for as trapped. A migrant the market here turned away for
// want of a seat is read as able to use a smuggler, unless
// migrants.seatless_trapped says otherwise.
func TestTrappedRule(t *testing.T) {
	cfg := smallConfig()
	m, err := New(cfg, 1)
	if err != nil {
		t.Fatal(err)
	}
	const price = 400.0
	di := int(m.rt.destIndex[locDest])
	for _, tt := range []struct {
		name        string
		long        bool // DaysHere at trapped_after_days, not one day short
		willSmuggle bool
		money       float32
		open        bool // the market in reach has a smuggler in business
		home        bool
		turnedAway  bool // its last request for a seat found none
		seatlessOn  bool // migrants.seatless_trapped
		want        State
	}{
		{"newly blocked", false, false, 0, true, false, false, false, Waiting},
		{"newly blocked at home", false, false, 0, true, true, false, false, Waiting},
		{"blocked long", true, false, 0, true, false, false, false, Trapped},
		{"blocked long at home", true, false, 0, true, true, false, false, Stranded},
		{"could pay a smuggler", true, true, price, true, false, false, false, Waiting},
		{"could pay, at home", true, true, price, true, true, false, false, Waiting},
		{"too poor for the smuggler", true, true, price - 1, true, false, false, false, Trapped},
		{"rich but unwilling", true, false, 10 * price, true, false, false, false, Trapped},
		{"no smuggler in business", true, true, 10 * price, false, false, false, false, Trapped},
		{"turned away, seats not counted", true, true, price, true, false, true, false, Waiting},
		{"turned away, seats counted", true, true, price, true, false, true, true, Trapped},
		{"turned away at home, seats counted", true, true, price, true, true, true, true, Stranded},
		{"turned away, not yet long", false, true, price, true, false, true, true, Waiting},
		{"seated, seats counted", true, true, price, true, false, false, true, Waiting},
	} {
		t.Run(tt.name, func(t *testing.T) {
			loc := locHub
			mg := &Migrant{Loc: uint16(loc), Home: uint16(locOrigin), Dest: locDest, Money: tt.money}
			if tt.home {
				mg.Home = mg.Loc
			}
			mg.DaysHere = uint16(m.trappedAfter - 1)
			if tt.long {
				mg.DaysHere++
			}
			if tt.willSmuggle {
				mg.Flags |= WillSmuggle
			}
			if tt.turnedAway {
				mg.Flags |= Seatless
			}
			m.seatless = bit(tt.seatlessOn)
			at := loc*m.nDst + di
			if m.rt.marketFor[at] < 0 {
				t.Fatal("the small region's hub has no market in reach")
			}
			m.smugglerPrice[at] = price
			if !tt.open {
				m.smugglerPrice[at] = math.Inf(1)
			}
			if got := m.blockedState(mg, at); got != tt.want {
				t.Errorf("blockedState: %v, want %v", got, tt.want)
			}
			if got := m.blockedAs(mg, at, m.canPay(mg, at)); got != tt.want {
				t.Errorf("blockedAs: %v, want %v", got, tt.want)
			}
		})
	}
}

// TestSeatlessFlag: the flag the trapped rule reads with
// migrants.seatless_trapped (Seatless) is set on a request for a seat
// that found none, and lives only as long as the stay at the market's
// place: day by day, no migrant seated with a smuggler or sheltered in a
// centre carries it, nor any whose location (where it is, or the place
// it left) has no market. Behind a post closed to them, a hundred
// migrants a day ask one smuggler with two seats; the price climbs past
// what they carry, and those still refused seek the centre or walk on
// alone.
func TestSeatlessFlag(t *testing.T) {
	cfg := smugglersOnly(600, 1)
	cfg.Origins[0].Inflow = []InflowStep{{From: 0, Rate: 100}, {From: 10, Rate: 0}}
	cfg.Markets[0].Smugglers, cfg.Markets[0].MaxSmugglers = 1, 1
	cfg.Smuggling.Seats = 2
	cfg.Protection.Centres = true
	cfg.Migrants.SeatlessTrapped = true
	m, err := New(cfg, 5)
	if err != nil {
		t.Fatal(err)
	}
	marketAt := map[uint16]bool{}
	for _, mk := range cfg.Markets {
		marketAt[uint16(mk.Location)] = true
	}
	flagged := 0 // migrant-days with the flag
	for !m.Done() {
		m.Step()
		for id := range m.migrants {
			mg := &m.migrants[id]
			if mg.Flags&Seatless == 0 {
				continue
			}
			flagged++
			if mg.State == WithSmuggler || mg.State == Assisted || !marketAt[mg.Loc] {
				t.Fatalf("day %d: migrant %d, %v at location %d, is still marked as refused a seat", m.Day(), id, mg.State, mg.Loc)
			}
		}
	}
	res := m.Result()
	last := res.Final()
	if flagged == 0 || last.Boarded == 0 || last.CentrePersonDays == 0 {
		t.Fatalf("%d migrant-days marked as refused a seat, %d boarded, %d centre person-days; the test wants all three", flagged, last.Boarded, last.CentrePersonDays)
	}
	if last.TrappedPersonDays+last.StrandedPersonDays == 0 {
		t.Error("no one trapped or stranded where seats are this short, counting them")
	}
}

// TestRefusedFlag: a refusal is by the post at the migrant's location,
// so the mark it leaves goes with the migrant no further than that place.
// Were it kept on arrival elsewhere, legalBlocked would count the migrant
// refused, and so blocked, at a place whose post never refused it.
// Under failing posts that refuse one request in five, refused migrants
// turn back home or wait; every day, each migrant marked as refused must
// be at a place hosting a post.
func TestRefusedFlag(t *testing.T) {
	cfg := smallConfig()
	cfg.Posts[0].Policy = failingPolicy()
	cfg.Migrants.GiveUpDays = 5
	m, err := New(cfg, 3)
	if err != nil {
		t.Fatal(err)
	}
	postAt := map[uint16]bool{}
	for _, p := range cfg.Posts {
		postAt[uint16(p.Location)] = true
	}
	flagged := 0
	for !m.Done() {
		m.Step()
		for id := range m.migrants {
			mg := &m.migrants[id]
			if mg.Flags&Refused == 0 {
				continue
			}
			flagged++
			if !postAt[mg.Loc] {
				t.Fatalf("day %d: migrant %d, %v at location %d, hosting no post, is still marked as refused", m.Day(), id, mg.State, mg.Loc)
			}
		}
	}
	if f := m.Result().Final(); flagged == 0 || f.Refused == 0 || f.States[Returned] == 0 {
		t.Fatalf("%d migrant-days marked as refused, %d refusals, %d returned; the test wants all three", flagged, f.Refused, f.States[Returned])
	}
}

// TestPathFlagsEndWithThePath: walking alone and being abandoned by a
// smuggler are marks of the path a migrant is on, and end with it,
// whether it arrives or is intercepted and pushed back (docs/MODEL.md
// 7.6.4): kept, they would raise the hazard of its next path. Every day,
// each living migrant so marked must be on a path. Patrols are raised so that
// some abandoned migrants are intercepted.
func TestPathFlagsEndWithThePath(t *testing.T) {
	cfg := withPolicy("closed")
	cfg.Enforcement.Patrol = 0.3
	cfg.Abuse.TripAbandonment = 0.3
	m, err := New(cfg, ReplicateSeed(9, 0))
	if err != nil {
		t.Fatal(err)
	}
	flagged := 0
	for !m.Done() {
		m.Step()
		for id := range m.migrants {
			mg := &m.migrants[id]
			if mg.Flags&(Alone|Abandoned) == 0 || mg.State == Dead { // the dead keep the marks of the path they died on
				continue
			}
			flagged++
			if mg.State != Travelling {
				t.Fatalf("day %d: migrant %d, %v at location %d, is still marked as on a path (flags %b)", m.Day(), id, mg.State, mg.Loc, mg.Flags&(Alone|Abandoned))
			}
		}
	}
	if f := m.Result().Final(); flagged == 0 || f.Interceptions == 0 || f.Abuse[Abandonment][BySmuggler] == 0 {
		t.Fatalf("%d migrant-days marked, %d interceptions, %d abandoned; the test wants all three", flagged, f.Interceptions, f.Abuse[Abandonment][BySmuggler])
	}
}

// TestWalkingAloneOnTheDay: a migrant with no other way out of a place
// sets out alone on the day its stay reaches alone_after_days, not a day
// later (docs/MODEL.md 7.5.3): none leaves alone sooner, and most leave
// on that day, counting the day they leave. The others leave after a
// day on which something else took their day (abuse at the place ends
// it before any decision; a kidnapping holds them).
func TestWalkingAloneOnTheDay(t *testing.T) {
	cfg := withPolicy("closed")
	cfg.Origins[0].Location = locHub // where the path alone starts
	cfg.Origins[0].MoneyMean, cfg.Origins[0].WillSmuggle, cfg.Origins[0].WillTurnBack = 1, 1, 0
	cfg.Origins[0].Documented = 0
	cfg.Markets = nil
	cfg.Protection.Centres = false
	cfg.Migrants.AloneAfterDays = 6
	m, err := New(cfg, ReplicateSeed(4, 0))
	if err != nil {
		t.Fatal(err)
	}
	var wasAlone []bool
	left := map[uint16]int{} // days at the place when leaving alone → migrants
	for !m.Done() {
		wasAlone = wasAlone[:0]
		for id := range m.migrants {
			wasAlone = append(wasAlone, m.migrants[id].Flags&Alone != 0)
		}
		m.Step()
		for id, was := range wasAlone {
			if mg := &m.migrants[id]; !was && mg.Flags&Alone != 0 && mg.State == Travelling {
				left[mg.DaysHere]++
			}
		}
	}
	all := 0
	for days, n := range left {
		all += n
		if days < 6 {
			t.Errorf("%d migrants left alone after %d days at the place; want none before 6", n, days)
		}
	}
	if left[6] <= all/2 {
		t.Errorf("migrants leaving alone, by days at the place: %v; want most at 6", left)
	}
}
