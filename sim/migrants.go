package sim

// Sub-step 4, migrants: each migrant's day, in ID order: travel, the
// decision at a place, and the trapped rule.

import (
	"math"
	"math/bits"
)

func (m *Model) stepMigrants() {
	if m.cfg.RecordLocations {
		n := len(m.cfg.Region.Locations)
		for range n {
			m.locs = append(m.locs, LocationDay{})
		}
	}
	if m.cfg.RecordFlows {
		m.openFlowDay() // flows.go
	}
	// In ID order, over the live migrants only (Model.live).
	for w, word := range m.live {
		for word != 0 {
			b := bits.TrailingZeros64(word)
			word &= word - 1
			id := w<<6 | b
			mg := &m.migrants[id]
			switch mg.State {
			case Travelling, WithSmuggler:
				m.travel(id, mg)
			case Waiting, Trapped, Stranded:
				m.atLocation(id, mg)
			case Assisted:
				m.inCentre(id, mg)
			}
			if mg.State.Final() {
				m.live[w] &^= 1 << b
			}
		}
	}
}

// travel moves a migrant one day along its link, facing the link's hazard
// and, on irregular links, patrols.
//
// The link's daily hazard is a chance; on irregular paths its rate is
// multiplied by displacement, going alone and abandonment, and reduced by
// rescue, and a sick migrant's own mortality adds to it. Death comes
// first; a migrant who survives the day is intercepted with the patrol's
// chance.
func (m *Model) travel(id int, mg *Migrant) {
	cfg := m.cfg
	l := &cfg.Region.Links[mg.Link]
	h := l.Hazard
	patrol := 0.0
	if l.Kind == Irregular {
		mult := cfg.Enforcement.IrregularHazard * (1 - cfg.Protection.Rescue) // rescue works on the hazardous irregular paths
		if mg.Flags&Alone != 0 {
			mult *= cfg.Enforcement.AloneHazard
		}
		if mg.Flags&Abandoned != 0 {
			mult *= cfg.Abuse.AbandonedHazard
		}
		patrol = cfg.Enforcement.Patrol
		if h > 0 {
			h = m.scaledChance("hazard on an irregular path", h, mult)
		}
	}
	if mg.Vuln == Sick {
		h = 1 - (1-h)*(1-cfg.Migrants.SickMortality)
	}
	if h > 0 || patrol > 0 {
		u := m.hazard.Float64()
		if u < h {
			if m.cfg.RecordFlows {
				m.flowToday(int(mg.Link)).Deaths++
			}
			m.die(mg)
			return
		}
		if u < h+(1-h)*patrol {
			// Intercepted: pushed back to where the path started, where its
			// stay goes on counting from before it left.
			mg.Flags &^= Alone | Abandoned
			m.rec.Interceptions++
			m.setState(mg, Waiting)
			return
		}
	}
	mg.DaysLeft--
	if mg.DaysLeft == 0 {
		m.arrive(mg)
	}
}

func (m *Model) die(mg *Migrant) {
	if mg.Flags&Queued != 0 {
		m.leaveQueue(mg)
	}
	if m.locs != nil {
		m.locToday(int(mg.Loc)).Deaths++
	}
	m.setState(mg, Dead)
}

func (m *Model) locToday(loc int) *LocationDay {
	n := len(m.cfg.Region.Locations)
	return &m.locs[m.day*n+loc]
}

func (m *Model) arrive(mg *Migrant) {
	if m.cfg.RecordFlows {
		m.countArrival(mg) // flows.go
	}
	to := mg.Next
	mg.Prev, mg.Loc = mg.Loc, to
	mg.DaysHere = 0
	mg.Flags &^= Alone | Abandoned | Refused
	switch {
	case mg.Flags&Returning != 0 && to == mg.Home:
		m.setState(mg, Returned)
	case mg.Flags&Returning == 0 && to == mg.Dest:
		m.setState(mg, Arrived)
	default:
		m.setState(mg, Waiting)
		if mg.Flags&Referred != 0 {
			if c := m.centreAt[to]; c >= 0 && m.cfg.Protection.Centres {
				m.enterCentre(mg, int(c))
			}
		}
	}
}

// depart starts a migrant on a link; it travels from tomorrow.
func (m *Model) depart(mg *Migrant, next, link int32) {
	if mg.Flags&Queued != 0 {
		m.leaveQueue(mg)
	}
	mg.Next = uint16(next)
	mg.Link = uint16(link)
	mg.DaysLeft = uint16(m.cfg.Region.Links[link].Days)
	mg.Flags |= Departed
	m.setState(mg, Travelling)
}

// atLocation is a migrant's day at a place: rumours, abuse, a decision.
func (m *Model) atLocation(id int, mg *Migrant) {
	cfg := m.cfg
	beh := &cfg.Migrants
	loc := int(mg.Loc)
	if mg.DaysHere < math.MaxUint16 {
		mg.DaysHere++
	}
	if mg.Vuln == Sick && beh.SickMortality > 0 && m.hazard.Float64() < beh.SickMortality {
		m.die(mg)
		return
	}
	if mg.Flags&Held != 0 {
		// Held by kidnappers: the kidnap was the abuse; no new exposure.
		if mg.DaysLeft--; mg.DaysLeft == 0 {
			mg.Flags &^= Held
		}
		m.classify(mg, m.legalBlocked(id, mg))
		return
	}
	if mg.Flags&Returning != 0 {
		m.headHome(mg)
		return
	}
	if mg.Flags&Referred != 0 && cfg.Protection.Centres {
		// Referred by screening or taken by assistance: escorted on, across posts.
		if m.goToCentre(mg) {
			return
		}
	}
	if m.expose(id, mg, 0) {
		m.classify(mg, m.legalBlocked(id, mg))
		return
	}
	mg.Money += float32(beh.EarnPerDay)

	di := int(m.rt.destIndex[mg.Dest])
	opts := m.rt.options[loc*m.nDst+di]
	if cfg.Protection.Centres && cfg.Information.CentreInfo && m.rt.centreFor[loc] >= 0 {
		m.correctBeliefs(id, mg, opts)
	}
	here := m.rt.postAt[loc]
	if mg.Flags&Queued != 0 {
		// In a queue the post that matters is the one here: no route to
		// choose. A migrant in a queue has not passed: it is blocked, and
		// the trapped rule's clock decides the rest.
		m.hearRumour(id, mg, here, m.beliefAt(id, here))
		if m.posts[here].down {
			m.learn(id, here, 0, cfg.Information.QueueWeight)
		}
		inQueue := m.day - int(mg.DaysLeft) // DaysLeft holds the day it joined
		if inQueue < beh.PatienceDays || !m.alternative(id, mg, loc, di) {
			m.classify(mg, true)
		}
		return
	}
	c := m.bestRoad(id, mg, opts)
	if c.first >= 0 {
		c.chance = c.rest * m.hearRumour(id, mg, c.first, m.beliefAt(id, c.first))
	}
	if c.best >= 0 && c.chance >= beh.BeliefThreshold {
		if c.first >= 0 && c.first == here {
			m.joinQueue(id, mg, here)
			m.classify(mg, true)
			return
		}
		m.depart(mg, opts[c.best].next, opts[c.best].link)
		return
	}
	if m.alternative(id, mg, loc, di) {
		return
	}
	m.classify(mg, true)
}

// routeChoice is the road option a migrant believes in most.
type routeChoice struct {
	best   int     // index of the option, -1 if there is none
	chance float64 // believed chance of passing every post on the way
	first  int32   // the next post to pass: the one here if the move crosses here; -1 if none
	rest   float64 // believed chance of passing the posts after first
}

// bestRoad picks the road option whose posts a migrant believes it can
// pass with the highest chance, the product of its beliefs about each post
// on the way (ties: fewer days, then the option's order). It plans the
// whole road, not just the next post, so it does not set out toward a
// border it believes closed to it.
func (m *Model) bestRoad(id int, mg *Migrant, opts []roadOption) routeChoice {
	c := routeChoice{best: -1, chance: -1, first: -1}
	here := m.rt.postAt[mg.Loc]
	for i := range opts {
		o := &opts[i]
		first, rest := int32(-1), 1.0
		if here >= 0 && m.crosses(mg, o.next) {
			first = here
		}
		for _, p := range o.posts {
			if first < 0 {
				first = p
			} else {
				rest *= m.beliefAt(id, p)
			}
		}
		chance := rest
		if first >= 0 {
			chance *= m.beliefAt(id, first)
		}
		if chance > c.chance || (chance == c.chance && o.days < opts[c.best].days) {
			c = routeChoice{best: i, chance: chance, first: first, rest: rest}
		}
	}
	return c
}

// crosses reports whether moving on to next crosses the border at the
// migrant's location: whether next lies in another country than the place
// it came from.
func (m *Model) crosses(mg *Migrant, next int32) bool {
	locs := m.cfg.Region.Locations
	return locs[next].Country != locs[mg.Prev].Country
}

// legalBlocked reports whether a migrant cannot pass legally from where it
// is: it waits in a queue (it has not passed), it believes in no road
// onward, or the post here is down, has refused it, or does not admit it.
func (m *Model) legalBlocked(id int, mg *Migrant) bool {
	if mg.Flags&Queued != 0 {
		return true
	}
	opts := m.rt.options[int(mg.Loc)*m.nDst+int(m.rt.destIndex[mg.Dest])]
	c := m.bestRoad(id, mg, opts)
	if c.best < 0 || c.chance < m.cfg.Migrants.BeliefThreshold {
		return true
	}
	if c.first >= 0 && c.first == m.rt.postAt[mg.Loc] {
		p := &m.posts[c.first]
		return p.down || mg.Flags&Refused != 0 || !admits(p.policy, mg.Flags&Documented != 0)
	}
	return false
}

// alternative tries, in order, the ways out of a place whose legal route
// a migrant does not believe in: a smuggler, assistance, a centre, the
// irregular path alone, going home. It reports whether one was taken.
func (m *Model) alternative(id int, mg *Migrant, loc, di int) bool {
	cfg := m.cfg
	beh := &cfg.Migrants
	days := int(mg.DaysHere)
	if mg.Flags&WillSmuggle != 0 {
		if mk := m.rt.marketFor[loc*m.nDst+di]; mk >= 0 {
			ms := &m.markets[mk]
			if ms.active > 0 && float64(mg.Money) >= ms.price {
				at := cfg.Markets[mk].Location
				if at == loc {
					ms.requests = append(ms.requests, int32(id))
					return false // it waits here until seated
				}
				if m.travelToward(id, mg, at) {
					return true
				}
			}
		}
	}
	prot := &cfg.Protection
	if prot.Centres && loc != int(mg.Home) { // help is for those stuck away from home
		if prot.AssistAfterDays > 0 && days >= prot.AssistAfterDays && m.centreHasRoom(loc) {
			// Assistance takes the migrant to the centre, across posts.
			if m.goToCentre(mg) {
				m.rec.Referrals++
				return true
			}
		}
		if days >= beh.SeekHelpDays && m.centreHasRoom(loc) && m.seekCentre(id, mg) {
			return true
		}
	}
	if mg.Flags&WillSmuggle != 0 && days >= beh.AloneAfterDays {
		if l := m.rt.aloneFor[loc*m.nDst+di]; l >= 0 {
			m.depart(mg, int32(m.rt.otherEnd(cfg, int(l), loc)), l)
			mg.Flags |= Alone
			return true
		}
	}
	if home := int(mg.Home); mg.Flags&WillTurnBack != 0 && days >= beh.GiveUpDays {
		switch {
		case home == loc: // giving up at home costs nothing
			mg.Flags |= Returning
			m.headHome(mg)
			return true
		case float64(mg.Money) >= beh.ReturnCost && m.rt.next[loc*m.rt.n+home] >= 0:
			mg.Money -= float32(beh.ReturnCost)
			mg.Flags |= Returning
			m.headHome(mg)
			return true
		}
	}
	return false
}

// travelToward takes the first road step toward target, when the migrant
// believes it can pass the first post on the way. If that post is here,
// stepping on means queueing at it. It reports whether the migrant moved
// or queued; false leaves it as it was.
func (m *Model) travelToward(id int, mg *Migrant, target int) bool {
	loc := int(mg.Loc)
	next := m.rt.next[loc*m.rt.n+target]
	if next < 0 {
		return false
	}
	threshold := m.cfg.Migrants.BeliefThreshold
	if here := m.rt.postAt[loc]; here >= 0 && m.crosses(mg, next) {
		if mg.Flags&Queued != 0 || m.beliefAt(id, here) < threshold {
			return false
		}
		m.joinQueue(id, mg, here)
		m.classify(mg, m.legalBlocked(id, mg))
		return true
	}
	if p := m.rt.postOnWay(int(next), target); p >= 0 && m.beliefAt(id, p) < threshold {
		return false
	}
	m.depart(mg, next, m.rt.nextLink[loc*m.rt.n+target])
	return true
}

// headHome moves a returning migrant one link toward home, crossing posts
// without queueing (states readmit returnees; MODEL.md).
func (m *Model) headHome(mg *Migrant) {
	loc, home := int(mg.Loc), int(mg.Home)
	if loc == home {
		if mg.Flags&Queued != 0 {
			m.leaveQueue(mg)
		}
		if mg.Flags&Departed != 0 {
			m.setState(mg, Returned)
		} else {
			m.setState(mg, Stayed)
		}
		return
	}
	m.depart(mg, m.rt.next[loc*m.rt.n+home], m.rt.nextLink[loc*m.rt.n+home])
}

// classify applies the trapped rule to a migrant that stays where it is
// today, and so has not gone back: blocked if it has been here at least
// TrappedAfterDays, cannot pass legally (blocked), and cannot or will not
// take a smuggler. A blocked migrant away from home is trapped; at home,
// where it still wants to leave (it would have given up otherwise), it is
// stranded.
func (m *Model) classify(mg *Migrant, blocked bool) {
	s := Waiting
	if blocked && int(mg.DaysHere) >= m.cfg.Migrants.TrappedAfterDays && !m.canUseSmuggler(mg) {
		s = Trapped
		if mg.Loc == mg.Home {
			s = Stranded
		}
	}
	if mg.State != s {
		m.setState(mg, s)
	}
}

// canUseSmuggler reports whether a migrant would and could pay a smuggler
// in business within its reach.
func (m *Model) canUseSmuggler(mg *Migrant) bool {
	if mg.Flags&WillSmuggle == 0 {
		return false
	}
	mk := m.rt.marketFor[int(mg.Loc)*m.nDst+int(m.rt.destIndex[mg.Dest])]
	if mk < 0 {
		return false
	}
	ms := &m.markets[mk]
	return ms.active > 0 && float64(mg.Money) >= ms.price
}
