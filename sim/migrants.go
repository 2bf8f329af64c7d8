package sim

// Sub-step 4, migrants: each migrant's day, in ID order: travel, the
// decision at a place, and the trapped rule.

import (
	"math"
	"math/bits"

	"github.com/borderwork/borderwork/internal/portable"
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
	m.abuseBounds()
	// In ID order, over the live migrants only (Model.live). The commonest
	// days, a day on a link and a day in a queue when nothing happens, are
	// written out here (fast paths) rather than called: a call in Go
	// spills every live register, and these days are most of a run. Each
	// does exactly what its general path (travel, atLocation) does, which
	// TestFastPaths checks.
	migrants, abuseSkip, toldTruth := m.migrants, m.abuseSkip, m.toldTruth
	postAt, destIndex := m.rt.postAt, m.rt.destIndex
	for w, word := range m.live {
		for word != 0 {
			b := bits.TrailingZeros64(word)
			word &= word - 1
			id := w<<6 | b
			mg := &migrants[id]
			switch mg.State {
			case Travelling, WithSmuggler:
				if s := &m.linkSkip[mg.Link]; *s > 0 && !m.generalOnly {
					// travel: not a candidate day of the link's hazards.
					*s--
					if mg.DaysLeft--; mg.DaysLeft == 0 {
						m.arrive(mg)
					}
				} else {
					m.travel(id, mg)
				}
			case Waiting, Trapped, Stranded:
				loc := int(mg.Loc)
				if mg.Flags&(Held|Returning|Referred) != 0 ||
					abuseSkip[loc] == 0 || toldTruth[loc] || m.generalOnly {
					m.atLocation(id, mg)
					break
				}
				// atLocation for the commonest days at a place: a migrant
				// neither held, heading home nor referred, at a place where
				// no centre tells the truth, on a day the place's abuse
				// count-down passes over it. Not in a queue, it decides
				// (decide); in one, waitInQueue (hearRumour, learn,
				// classify) is written out, calling out only for what is
				// rare.
				if mg.DaysHere < math.MaxUint16 {
					mg.DaysHere++
				}
				if mg.Vuln == Sick && m.diesOfSickness() {
					m.die(mg)
					break
				}
				abuseSkip[loc]--
				mg.Money += m.earn
				if mg.Flags&Queued == 0 {
					m.decide(id, mg)
					break
				}
				here := int(postAt[loc])
				pl := &m.pools[(loc*m.nPst+here)*numClasses+classOf(mg)]
				bp := &m.beliefs[id*m.nPst+here]
				bl := *bp
				if m.hearsRumours {
					bl = pl.hear(bl, m.rumours.pcg.Uint64(), m.rumourKeep, m.rumourSlope)
				} else {
					pl.sum += uint64(bl)
					pl.n++
				}
				if m.posts[here].down { // learn: a day in a stalled queue
					v := float64(float64(bl) * (1.0 / beliefScale))
					bl = toBelief(v + float64(m.cfg.Information.QueueWeight*(0-v)))
				}
				*bp = bl
				// Out of patience, another way out, if one could apply
				// (mayLeave), then classify: blocked, since it is in a
				// queue (blockedAs). Their tests on the migrant's own
				// traits are worked out as 0s and 1s and combined, leaving
				// one branch that is nearly always taken the same way.
				di := int(destIndex[mg.Dest])
				at := loc*m.nDst + di
				canPay := m.canPay(mg, at)
				impatient := bit(m.day-int(mg.DaysLeft) >= m.patience)
				if m.mayLeave(mg, loc, at, canPay)&impatient != 0 && m.alternative(id, mg, loc, di) {
					break
				}
				m.wouldPay(mg, at, impatient)
				if st := m.blockedAs(mg, at, canPay); mg.State != st {
					m.tellState(mg, st) // setState, written out so that it is inlined
					m.countState(mg, st)
				}
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
// and, on irregular links, patrols: death first, then, for a migrant who
// survives the day, interception with the patrol's chance. Most days are
// uneventful, so the link's trials are thinned (chance.go): only a
// candidate day draws, against the largest chance on the link.
func (m *Model) travel(id int, mg *Migrant) {
	if s := &m.linkSkip[mg.Link]; *s > 0 {
		*s--
	} else if m.travelCandidate(id, mg) {
		return
	}
	mg.DaysLeft--
	if mg.DaysLeft == 0 {
		m.arrive(mg)
	}
}

// travelCandidate is a candidate day on a link: it draws the link's next
// count-down, then whether the migrant dies or is intercepted, which it
// reports.
func (m *Model) travelCandidate(id int, mg *Migrant) bool {
	link := int(mg.Link)
	m.linkSkip[link] = m.linkLaw[link].draw(m.hazard)
	h, patrol := m.linkHazard(&m.cfg.Region.Links[link], mg.Flags, mg.Vuln == Sick)
	u := m.hazard.Float64() * m.linkMax[link] // uniform below the bound
	if u < h {
		if m.cfg.RecordFlows {
			m.flowToday(link).Deaths++
		}
		m.die(mg)
		return true
	}
	if u < h+float64((1-h)*patrol) {
		// Intercepted: pushed back to where the path started, where its
		// stay goes on counting from before it left; the patrol may abuse
		// it on the way (on the link, so before its state changes).
		if rate := m.cfg.Enforcement.PushbackViolence; rate > 0 &&
			m.pushback.Float64() < m.rateChance("violence at an interception", rate*m.riskMultiplier(mg)) {
			m.recordAbuse(id, mg, int(mg.Loc), Violence, ByOfficial)
		}
		mg.Flags &^= Alone | Abandoned
		m.rec.Interceptions++
		m.setState(mg, Waiting)
		return true
	}
	return false
}

// linkHazard is a migrant's daily chance of death on link l and, on an
// irregular link, of interception by a patrol. On irregular paths the
// hazard's rate is multiplied by displacement, going alone and
// abandonment, and reduced by rescue; a sick migrant's own mortality adds
// to it.
func (m *Model) linkHazard(l *Link, f Flags, sick bool) (h, patrol float64) {
	cfg := m.cfg
	h = l.Hazard
	if l.Kind == Irregular {
		mult := cfg.Enforcement.IrregularHazard * (1 - cfg.Protection.Rescue) // rescue works on the hazardous irregular paths
		if f&Alone != 0 {
			mult *= cfg.Enforcement.AloneHazard
		}
		if f&Abandoned != 0 {
			mult *= cfg.Abuse.AbandonedHazard
		}
		patrol = cfg.Enforcement.Patrol
		if h > 0 {
			h = m.scaledChance("hazard on an irregular path", h, mult)
		}
	}
	if sick {
		h = 1 - float64((1-h)*(1-cfg.Migrants.SickMortality))
	}
	return h, patrol
}

// linkBounds sets each link's largest daily chance of death or
// interception, over every kind of migrant, and draws its first
// count-down.
func (m *Model) linkBounds() {
	links := m.cfg.Region.Links
	if len(m.linkMax) != len(links) {
		m.linkMax = make([]float64, len(links))
		m.linkLaw = make([]skipLaw, len(links))
		m.linkSkip = make([]int64, len(links))
	}
	for i := range links {
		q := 0.0
		for _, f := range []Flags{0, Alone, Abandoned, Alone | Abandoned} {
			for _, sick := range []bool{false, true} {
				h, patrol := m.linkHazard(&links[i], f, sick)
				q = max(q, h+float64((1-h)*patrol))
			}
		}
		m.linkMax[i] = q
		m.linkLaw[i] = newSkipLaw(portable.Log1p(-q))
		m.linkSkip[i] = m.linkLaw[i].draw(m.hazard)
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
	mg.Flags &^= Alone | Abandoned | Refused | Seatless
	switch {
	case mg.Flags&Returning != 0 && to == mg.Home:
		m.setState(mg, Returned)
	case mg.Flags&Returning == 0 && to == mg.Dest:
		m.setState(mg, Arrived)
	default:
		m.tellState(mg, Waiting) // setState, written out so that it is inlined on the commonest arrival
		m.countState(mg, Waiting)
		if mg.Flags&Referred != 0 {
			if c := m.centreAt[to]; c >= 0 && m.cfg.Protection.Centres {
				m.enterCentre(mg, int(c))
			}
		}
	}
}

// depart starts a migrant on a link; it travels from tomorrow.
func (m *Model) depart(mg *Migrant, next, link int32) {
	m.onto(mg, next, link)
	m.tellState(mg, Travelling) // setState, written out so that it is inlined
	m.countState(mg, Travelling)
	mg.Flags |= Departed // after the change of state, whose event tells a first departure by it
}

// onto puts a migrant on a link, out of any queue, before its change of
// state: travelling (depart) or with a smuggler (board).
func (m *Model) onto(mg *Migrant, next, link int32) {
	if mg.Flags&Queued != 0 {
		m.leaveQueue(mg)
	}
	mg.Next = uint16(next)
	mg.Link = uint16(link)
	mg.DaysLeft = uint16(m.cfg.Region.Links[link].Days)
}

// atLocation is a migrant's day at a place: rumours, abuse, a decision.
// It is the engine's hottest path, so the common case (a migrant waiting
// in a queue, or deciding where nothing special holds it) reads as little
// as it can; the rest is in escorted and decide.
func (m *Model) atLocation(id int, mg *Migrant) {
	if mg.DaysHere < math.MaxUint16 {
		mg.DaysHere++
	}
	if mg.Vuln == Sick && m.diesOfSickness() {
		m.die(mg)
		return
	}
	if mg.Flags&(Held|Returning|Referred) != 0 && m.escorted(id, mg) {
		return
	}
	// Abuse at the place (expose), its trials thinned: most days the
	// location's count-down just runs down.
	if s := &m.abuseSkip[mg.Loc]; *s > 0 {
		*s--
	} else if m.exposeCandidate(id, mg, 0) {
		m.classify(mg, m.legalBlocked(id, mg))
		return
	}
	mg.Money += m.earn
	if m.centreInfo && m.rt.centreFor[mg.Loc] >= 0 {
		m.correctBeliefs(id, mg, m.optionsOf(mg))
	}
	if mg.Flags&Queued != 0 {
		m.waitInQueue(id, mg)
		return
	}
	m.decide(id, mg)
}

// diesOfSickness draws whether a sick migrant dies of its sickness today,
// at a place.
func (m *Model) diesOfSickness() bool {
	return m.cfg.Migrants.SickMortality > 0 && m.hazard.Float64() < m.cfg.Migrants.SickMortality
}

// canPay is 1 if a migrant would pay a smuggler and can (at: its
// location × destinations + its destination's index), else 0.
func (m *Model) canPay(mg *Migrant, at int) int {
	return int(mg.Flags>>willSmuggleBit) & bit(float64(mg.Money) >= m.smugglerPrice[at])
}

// mayLeave is 1 if alternative could take any of its ways out for a
// migrant at loc (at: loc × destinations + its destination's index) that
// can pay a smuggler or not (canPay), else 0: 0 means alternative would
// return false and change nothing, as it starts each way with these tests.
// They are on the migrant's own traits, which vary from one migrant to
// the next as no branch predictor can follow, so they are combined
// without branches (bit).
func (m *Model) mayLeave(mg *Migrant, loc, at, canPay int) int {
	days := int(mg.DaysHere)
	return canPay | int(mg.Flags>>willSmuggleBit)&bit(days >= m.aloneAfter)&bit(m.rt.aloneFor[at] >= 0) |
		m.centresBit&bit(loc != int(mg.Home)) |
		int(mg.Flags>>willTurnBackBit)&bit(days >= m.giveUp) // a flag's bit & a bit: no other bit survives
}

// blockedAs is the trapped rule (blockedState) without branches, for a
// migrant that can pay a smuggler or not (canPay).
func (m *Model) blockedAs(mg *Migrant, at, canPay int) State {
	free := bit(int(mg.DaysHere) < m.trappedAfter) | canPay&^(int(mg.Flags>>seatlessBit)&m.seatless)
	return Waiting + State((1-free)*(1+bit(mg.Loc == mg.Home)))
}

// wouldPay counts a blocked migrant at (location × destinations +
// destination index) as unmet demand of the market in its reach if that
// market has no smuggler in business, the migrant would pay its price,
// and asks is 1: the migrant would ask a smuggler in business for a seat
// today (deciding with no road it believes in, or out of patience in a
// queue), not one queueing within its patience, which a working post
// admits (docs/MODEL.md 7.11). It is the demand that draws entrants back
// to a market whose smugglers all left. Nearly every market has
// smugglers, so the test nearly always fails the same way.
func (m *Model) wouldPay(mg *Migrant, at, asks int) {
	if float64(mg.Money) >= m.emptyPrice[at] && mg.Flags&WillSmuggle != 0 {
		m.markets[m.rt.marketFor[at]].unmet += asks
	}
}

// bit is 1 for true and 0 for false, without a branch.
func bit(b bool) int {
	if b {
		return 1
	}
	return 0
}

// blockedState is the trapped rule (classify) for a migrant that cannot
// pass legally; at is its location × destinations + destination index.
func (m *Model) blockedState(mg *Migrant, at int) State {
	if int(mg.DaysHere) < m.trappedAfter || mg.Flags&WillSmuggle != 0 && float64(mg.Money) >= m.smugglerPrice[at] && !m.turnedAway(mg) {
		return Waiting
	}
	if mg.Loc == mg.Home {
		return Stranded
	}
	return Trapped
}

// turnedAway reports whether the trapped rule reads a migrant that the
// market here turned away for want of a seat, on its last request, as
// unable to use a smuggler (Migrants.SeatlessTrapped).
func (m *Model) turnedAway(mg *Migrant) bool {
	return m.seatless != 0 && mg.Flags&Seatless != 0
}

// escorted is the day of a migrant that something other than its own
// choice moves or holds: held by kidnappers, heading home, or referred to
// a centre. It reports whether the day is over.
func (m *Model) escorted(id int, mg *Migrant) bool {
	switch {
	case mg.Flags&Held != 0:
		// Held by kidnappers: the kidnap was the abuse; no new exposure.
		if mg.DaysLeft--; mg.DaysLeft == 0 {
			mg.Flags &^= Held
			if m.Sink != nil {
				m.emit(mg, EventReleased, int(mg.Loc), -1, "")
			}
		}
		m.classify(mg, m.legalBlocked(id, mg))
		return true
	case mg.Flags&Returning != 0:
		m.headHome(mg)
		return true
	case mg.Flags&Referred != 0 && m.cfg.Protection.Centres:
		// Referred by screening or taken by assistance: escorted on, across posts.
		return m.goToCentre(mg)
	}
	return false
}

// optionsOf is the road options onward from where a migrant is, toward
// its destination.
func (m *Model) optionsOf(mg *Migrant) []roadOption {
	return m.rt.options[int(mg.Loc)*m.nDst+int(m.rt.destIndex[mg.Dest])]
}

// waitInQueue is a day in the queue of the post here. The post that
// matters is this one: there is no route to choose. A migrant in a queue
// has not passed: it is blocked, and the trapped rule's clock decides the
// rest, unless it has lost patience and takes another way out.
func (m *Model) waitInQueue(id int, mg *Migrant) {
	here := m.rt.postAt[mg.Loc]
	m.hearRumour(id, mg, here)
	if m.posts[here].down {
		m.learn(id, here, 0, m.cfg.Information.QueueWeight)
	}
	// DaysLeft holds the day it joined.
	impatient := bit(m.day-int(mg.DaysLeft) >= m.patience)
	if impatient != 0 && m.alternative(id, mg, int(mg.Loc), int(m.rt.destIndex[mg.Dest])) {
		return
	}
	m.wouldPay(mg, int(mg.Loc)*m.nDst+int(m.rt.destIndex[mg.Dest]), impatient)
	m.classify(mg, true)
}

// decide is the day of a migrant at a place, not in a queue: it takes the
// road it believes in most if it believes in it enough (queueing if the
// road crosses the post here), else another way out, else it waits.
func (m *Model) decide(id int, mg *Migrant) {
	loc := int(mg.Loc)
	di := int(m.rt.destIndex[mg.Dest])
	opts := m.rt.options[loc*m.nDst+di]
	here := m.rt.postAt[loc]
	var c routeChoice
	if len(opts) == 1 && !opts[0].tied { // bestRoad without the choosing: the commonest case, a place with one road on
		c.best = 0
		c.first, c.rest, c.chance = m.roadChance(m.beliefs[id*m.nPst:(id+1)*m.nPst], here, m.cfg.Region.Locations[mg.Prev].Country, &opts[0])
	} else {
		c = m.bestRoad(id, mg, opts)
	}
	if c.first >= 0 {
		// hearRumour, written out.
		pl := &m.pools[(loc*m.nPst+int(c.first))*numClasses+classOf(mg)]
		bp := &m.beliefs[id*m.nPst+int(c.first)]
		b := *bp
		if m.hearsRumours {
			b = pl.hear(b, m.rumours.pcg.Uint64(), m.rumourKeep, m.rumourSlope)
			*bp = b
		} else {
			pl.sum += uint64(b)
			pl.n++
		}
		c.chance = c.rest * (float64(b) * (1.0 / beliefScale))
	}
	if c.best >= 0 && c.chance >= m.cfg.Migrants.BeliefThreshold {
		if c.first >= 0 && c.first == here {
			m.joinQueue(id, mg, here)
			m.classify(mg, true)
			return
		}
		m.depart(mg, opts[c.best].next, opts[c.best].link)
		return
	}
	// alternative, if one could apply (mayLeave), then classify
	// (blockedState), without branches on the migrant's traits.
	at := loc*m.nDst + di
	canPay := m.canPay(mg, at)
	if canPay&bit(m.rt.marketIn[at]) != 0 {
		// alternative's first way out, where it is commonest: a seat asked
		// for at the market here, where it waits until seated.
		m.markets[m.rt.marketFor[at]].ask(id)
	} else if m.mayLeave(mg, loc, at, canPay) != 0 && m.alternative(id, mg, loc, di) {
		return
	}
	m.wouldPay(mg, at, 1)
	if st := m.blockedAs(mg, at, canPay); mg.State != st { // classify
		m.tellState(mg, st) // setState, written out so that it is inlined
		m.countState(mg, st)
	}
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
// on the way (ties: fewer days, then the migrant's lot, tieLot). It plans
// the whole road, not just the next post, so it does not set out toward a
// border it believes closed to it.
func (m *Model) bestRoad(id int, mg *Migrant, opts []roadOption) routeChoice {
	c := routeChoice{best: -1, chance: -1, first: -1}
	here := m.rt.postAt[mg.Loc]
	beliefs := m.beliefs[id*m.nPst : (id+1)*m.nPst]
	locs := m.cfg.Region.Locations
	from := locs[mg.Prev].Country
	tied := uint64(1) // options so far at the best chance and days
	if m.dpStamp != nil {
		m.newStamp()
	}
	for i := range opts {
		o := &opts[i]
		var first int32
		var rest, chance float64
		if o.tied {
			first, rest, chance = m.tiedRoadChance(id, beliefs, here, from, int(mg.Dest), o)
		} else {
			first, rest, chance = m.roadChance(beliefs, here, from, o)
		}
		switch {
		case chance > c.chance || (chance == c.chance && o.days < opts[c.best].days):
			c = routeChoice{best: i, chance: chance, first: first, rest: rest}
			tied = 1
		case chance == c.chance && o.days == opts[c.best].days:
			tied++
			if m.tieLot(id, int(mg.Loc), tied)%tied == 0 {
				c = routeChoice{best: i, chance: chance, first: first, rest: rest}
			}
		}
	}
	return c
}

// tieLot settles an exact tie between road options (the same believed
// chance and days): the k-th tied option replaces the choice so far when
// the lot is a multiple of k, so each of the tied options is taken by an
// equal share of migrants (reservoir sampling). Before model version 6
// the option listed first always won, so that two identical crossings
// side by side were used as one, the other idle. The lot is a hash of
// the replicate, the migrant, the place and k, not a draw: no stream
// changes, and a migrant that stays keeps its choice from day to day.
func (m *Model) tieLot(id, loc int, k uint64) uint64 {
	return SplitMix64(SplitMix64(m.tieKey^uint64(id)) ^ (uint64(loc)<<32 | k))
}

// roadChance is what a migrant with these beliefs, at a place whose post
// is here (-1 if none) and come from country from, believes of road
// option o, not tied (tiedRoadChance is for those): the next post on it
// (first: the one here if the move crosses here, -1 if none), its chance
// of passing the posts after that (rest), and of passing them all
// (chance). It is small enough to be inlined, as the commonest decision
// needs.
func (m *Model) roadChance(beliefs []uint16, here int32, from int, o *roadOption) (first int32, rest, chance float64) {
	first, rest, posts := int32(-1), 1.0, o.posts
	switch {
	case here >= 0 && m.cfg.Region.Locations[o.next].Country != from: // crosses the border here (crosses)
		first = here
	case len(posts) > 0:
		first, posts = posts[0], posts[1:]
	}
	for _, p := range posts {
		rest *= float64(beliefs[p]) * (1.0 / beliefScale)
	}
	chance = rest
	if first >= 0 {
		chance *= float64(beliefs[first]) * (1.0 / beliefScale)
	}
	return first, rest, chance
}

// tiedRoadChance is roadChance for an option toward dest from whose next
// place equally short roads pass different posts: the migrant weighs it
// by the one it believes in most (bestFrom), the products worked out as
// roadChance works out a plain option's, so that an exact tie with a
// plain option past the same posts is one to the last bit. Before model
// version 7 it weighed the next-hop road's, whose link the file lists
// first, whatever it believed of the others. What bestFrom works out
// holds for the migrant's beliefs of the moment: its callers call
// newStamp first.
func (m *Model) tiedRoadChance(id int, beliefs []uint16, here int32, from, dest int, o *roadOption) (first int32, rest, chance float64) {
	m.bestFrom(id, beliefs, int(o.next), dest)
	// The road it found, from the steps chosen at each place where
	// roads part, to where they part no more.
	rt, di := m.rt, int(m.rt.destIndex[dest])
	posts := m.dpPosts[:0]
	for v := int(o.next); ; {
		if p := rt.postAt[v]; p >= 0 {
			posts = append(posts, p)
		}
		s := &rt.tiedSteps[v*m.nDst+di][m.dpStep[v]]
		if !s.tied {
			posts = append(posts, s.posts...)
			break
		}
		v = int(s.to)
	}
	m.dpPosts = posts
	road := roadOption{next: o.next, posts: posts}
	return m.roadChance(beliefs, here, from, &road)
}

// newStamp forgets what bestFrom has worked out, before a migrant's
// choice: its beliefs may have changed since the last.
func (m *Model) newStamp() {
	if m.dpNow++; m.dpNow == 0 { // a stamp used before: forget them all
		clear(m.dpStamp)
		m.dpNow = 1
	}
}

// bestFrom works out, for migrant id with these beliefs, which of the
// shortest roads from v to d it believes in most, where equally short
// roads from v pass different posts: the product of its beliefs about
// the posts on it, v's and d's included, and the step on from v it takes
// (dpStep[v]; where the roads part again there, dpStep of that place,
// and so on). A step on from which every shortest road passes the same
// posts is weighed as roadChance weighs an option (postsChance). Where
// equally believed roads part, at a place w, the migrant's lot there
// settles which it takes (tieLot(id, w, k) for the k-th of them, the hash
// bestRoad's lot uses). Each place is worked out once per stamp
// (newStamp), which its callers set.
func (m *Model) bestFrom(id int, beliefs []uint16, v, d int) float64 {
	if m.dpStamp[v] == m.dpNow {
		return m.dpBest[v]
	}
	rt := m.rt
	best, step := -1.0, int32(-1)
	tied := uint64(1)
	for i, s := range rt.tiedSteps[v*m.nDst+int(rt.destIndex[d])] {
		var b float64
		if s.tied {
			b = m.bestFrom(id, beliefs, int(s.to), d)
		} else {
			_, _, b = postsChance(beliefs, s.posts)
		}
		switch {
		case b > best:
			best, step, tied = b, int32(i), 1
		case b == best:
			tied++
			if m.tieLot(id, v, tied)%tied == 0 {
				step = int32(i)
			}
		}
	}
	if p := rt.postAt[v]; p >= 0 {
		best *= float64(beliefs[p]) * (1.0 / beliefScale)
	}
	m.dpStamp[v], m.dpStep[v], m.dpBest[v] = m.dpNow, step, best
	return best
}

// postsChance is roadChance's first, rest and chance for a road past
// these posts, in order, not crossing the border where it starts: the
// same products in the same order, so the same bits. (roadChance does
// not call it: it would no longer be inlined.)
func postsChance(beliefs []uint16, posts []int32) (first int32, rest, chance float64) {
	first, rest = -1, 1.0
	if len(posts) > 0 {
		first = posts[0]
		for _, p := range posts[1:] {
			rest *= float64(beliefs[p]) * (1.0 / beliefScale)
		}
	}
	chance = rest
	if first >= 0 {
		chance *= float64(beliefs[first]) * (1.0 / beliefScale)
	}
	return first, rest, chance
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
	if mg.Flags&WillSmuggle != 0 && float64(mg.Money) >= m.smugglerPrice[loc*m.nDst+di] {
		// A market in reach has smugglers in business and the migrant can
		// pay: it asks for a seat there, or heads there.
		mk := m.rt.marketFor[loc*m.nDst+di]
		if at := cfg.Markets[mk].Location; at == loc {
			m.markets[mk].ask(id)
			return false // it waits here until seated
		} else if m.travelToward(id, mg, at) {
			return true
		}
	}
	prot := &cfg.Protection
	if prot.Centres && loc != int(mg.Home) { // help is for those stuck away from home
		if prot.AssistAfterDays > 0 && days >= prot.AssistAfterDays && m.centreHasRoom(loc) {
			// Assistance takes the migrant to the centre, across posts.
			if m.goToCentre(mg) {
				m.rec.Referrals++
				if m.Sink != nil {
					m.emit(mg, EventReferred, loc, -1, "assistance")
				}
				return true
			}
		}
		if days >= beh.SeekHelpDays && m.centreHasRoom(loc) && m.seekCentre(id, mg) {
			return true
		}
	}
	if mg.Flags&WillSmuggle != 0 && days >= beh.AloneAfterDays {
		if l := m.rt.aloneFor[loc*m.nDst+di]; l >= 0 {
			mg.Flags |= Alone // before it departs, whose event says how
			m.depart(mg, int32(m.rt.otherEnd(cfg, int(l), loc)), l)
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
	if blocked {
		s = m.blockedState(mg, int(mg.Loc)*m.nDst+int(m.rt.destIndex[mg.Dest]))
	}
	if mg.State != s {
		m.tellState(mg, s) // setState, written out so that it is inlined
		m.countState(mg, s)
	}
}

// canUseSmuggler reports whether a migrant would and could pay a smuggler
// in business within its reach.
func (m *Model) canUseSmuggler(mg *Migrant) bool {
	return mg.Flags&WillSmuggle != 0 && float64(mg.Money) >= m.smugglerPrice[int(mg.Loc)*m.nDst+int(m.rt.destIndex[mg.Dest])]
}
