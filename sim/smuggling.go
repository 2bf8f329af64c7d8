package sim

// Sub-step 6, smuggling: each market seats those who asked, and smugglers
// depart.

import (
	"iter"
	"math"
	"math/bits"
)

func (m *Model) stepSmuggling() {
	cfg := m.cfg
	seats := int32(cfg.Smuggling.Seats)
	for mi := range m.markets {
		ms := &m.markets[mi]
		cm := &cfg.Markets[mi]
		far := m.rt.otherEnd(cfg, cm.Link, cm.Location)
		ms.offered = 0
		for _, sid := range ms.smugglers {
			if s := &m.smugglers[sid]; s.active && s.busy == 0 {
				ms.offered += int(seats)
			}
		}
		si := 0
		for id := range ms.askers() {
			mg := &m.migrants[id]
			if !mg.State.AtPlace() || float64(mg.Money) < ms.price {
				continue
			}
			for si < len(ms.smugglers) {
				s := &m.smugglers[ms.smugglers[si]]
				if s.active && s.busy == 0 && s.seatsTaken < seats {
					break
				}
				si++
			}
			if si == len(ms.smugglers) {
				ms.unmet++
				if m.Sink != nil && mg.Flags&Seatless == 0 {
					m.emit(mg, EventNoSeat, cm.Location, -1, "")
				}
				mg.Flags |= Seatless // read by the trapped rule, if it is told to (turnedAway)
				continue
			}
			s := &m.smugglers[ms.smugglers[si]]
			s.seatsTaken++
			m.board(id, mg, s, cm, far, ms.price)
		}
		for _, sid := range ms.smugglers {
			s := &m.smugglers[sid]
			if s.seatsTaken > 0 {
				// Out and back: the vehicle is away for the round trip.
				s.busy = int32(2*cfg.Region.Links[cm.Link].Days) + 1
				s.seatsTaken = 0
			}
		}
	}
}

// board seats a migrant in a smuggler's vehicle, and draws what the trip
// will do to it: extortion, violence, abandonment.
func (m *Model) board(id int, mg *Migrant, s *smuggler, cm *Market, far int, price float64) {
	ab := &m.cfg.Abuse
	mg.Money -= float32(price)
	m.onto(mg, int32(far), int32(cm.Link)) // depart, with the smuggler
	mg.Flags &^= Seatless
	m.setState(mg, WithSmuggler)
	mg.Flags |= Departed
	m.rec.Boarded++
	loc := cm.Location
	// Each kind's chance per trip has its rate scaled by the migrant's
	// situation, the smuggler's propensity and its market power.
	mult := m.riskMultiplier(mg) * s.propensity * (1 + float64(ab.MarketPowerEffect*m.power(loc)))
	r := m.smuggling
	if r.Float64() < m.scaledChance("extortion on a trip", ab.TripExtortion, mult) {
		m.recordAbuse(id, mg, loc, Extortion, BySmuggler)
		mg.Money -= float32(math.Min(float64(mg.Money), ab.Extorted))
	}
	if r.Float64() < m.scaledChance("violence on a trip", ab.TripViolence, mult) {
		m.recordAbuse(id, mg, loc, Violence, BySmuggler)
	}
	if r.Float64() < m.scaledChance("abandonment on a trip", ab.TripAbandonment, mult) {
		m.recordAbuse(id, mg, loc, Abandonment, BySmuggler)
		mg.Flags |= Abandoned
		m.setState(mg, Travelling)
	}
}

// power is the smugglers' market power at a location: the Herfindahl
// index of equal shares among those in business there, 1 for a monopoly.
func (m *Model) power(loc int) float64 {
	if n := m.sellers[loc]; n > 0 {
		return 1 / float64(n)
	}
	return 0
}

// ask records that migrant id asks for a seat today.
func (ms *marketState) ask(id int) {
	w := id >> 6
	if ms.nAsked == 0 || w < ms.askedFrom {
		ms.askedFrom = w
	}
	for len(ms.asked) <= w {
		ms.asked = append(ms.asked, 0)
	}
	ms.asked[w] |= 1 << (id & 63)
	ms.nAsked++
}

// askers yields the migrants who asked today, in ID order.
func (ms *marketState) askers() iter.Seq[int] {
	return func(yield func(int) bool) {
		if ms.nAsked == 0 {
			return
		}
		for w := ms.askedFrom; w < len(ms.asked); w++ {
			for word := ms.asked[w]; word != 0; word &= word - 1 {
				if !yield(w<<6 | bits.TrailingZeros64(word)) {
					return
				}
			}
		}
	}
}

// clearAsked forgets today's askers.
func (ms *marketState) clearAsked() {
	if ms.nAsked > 0 {
		clear(ms.asked[ms.askedFrom:])
	}
	ms.nAsked = 0
}
