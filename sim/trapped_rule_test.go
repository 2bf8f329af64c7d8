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
// they can pay for as trapped.
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
		want        State
	}{
		{"newly blocked", false, false, 0, true, false, Waiting},
		{"newly blocked at home", false, false, 0, true, true, Waiting},
		{"blocked long", true, false, 0, true, false, Trapped},
		{"blocked long at home", true, false, 0, true, true, Stranded},
		{"could pay a smuggler", true, true, price, true, false, Waiting},
		{"could pay, at home", true, true, price, true, true, Waiting},
		{"too poor for the smuggler", true, true, price - 1, true, false, Trapped},
		{"rich but unwilling", true, false, 10 * price, true, false, Trapped},
		{"no smuggler in business", true, true, 10 * price, false, false, Trapped},
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
