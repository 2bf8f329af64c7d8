package sim

// An agent's moves under the Flee rules: the decision at a location
// (flee.py: Person.evolve, moving.calculateMoveChance), a step onto a
// link (Person.take_next_step) with the border post on the way, and
// travel (Person.finish_travel).

import (
	"math"

	"github.com/borderwork/borderwork/internal/portable"
)

// crossing is what a post does to an agent crossing the border there.
type crossing uint8

const (
	crossPass     crossing = iota
	crossBlocked           // no capacity left today, or the post is down: the agent waits and tries again
	crossRefused           // turned away by the refusal draw, though the rules admit it: it waits and tries again
	crossExcluded          // the post's rules do not admit it: it waits without trying again
)

// fleeOfficials exposes an agent at a location whose post's officials
// are violent to it, once a day, at the rate borderwork's rules give
// (expose): the post's rate, raised for the undocumented and by the
// agent's desperation, which grows with its days there.
func (m *Model) fleeOfficials(id int) {
	mg := &m.migrants[id]
	rate := m.offRate[mg.Loc] * papersFactor(&m.cfg.Abuse, mg.Flags&Documented != 0) * m.riskMultiplier(mg)
	if u := m.abuse.Float64(); u < rate && u < m.rateChance("abuse at a place", rate) {
		m.recordAbuse(id, mg, int(mg.Loc), Violence, ByOfficial)
	}
}

// fleeDecide is an agent's decision at its location: it moves with the
// location's move chance (1 if it is following a route, or, with force,
// in a town), choosing a route if it has none, and steps onto the route's
// first link.
func (m *Model) fleeDecide(id int, force bool) {
	f := m.fl
	L := &f.locs[m.migrants[id].Loc]
	if !f.hasRoute(id) && !(L.town && force) && !f.trial(L) {
		return
	}
	m.fleeGo(id)
}

// fleeGo moves an agent that has decided to: it chooses a route if it
// has none and takes the route's first step.
func (m *Model) fleeGo(id int) {
	if !m.fl.hasRoute(id) && !m.fleeChooseRoute(id, int(m.migrants[id].Loc)) {
		return
	}
	m.fleeStep(id, false)
}

// trial is one agent's Bernoulli trial at L's move chance: whether it
// leaves. A move chance of 1 needs no draw. Below 0.1 (camps), the
// failures before the next success are drawn at once from the geometric
// distribution and counted down over the agents that try there, in ID
// order, over days: the same independent trials at a fraction of the
// draws, since nearly every agent stays in a camp every day. The count
// is redrawn when the location's move chance changes.
func (f *fleeState) trial(L *fleeLoc) bool {
	p := L.moveChance
	switch {
	case p >= 1:
		return true
	case p <= 0:
		return false
	case p >= 0.1:
		return f.move.Float64() < p
	}
	if L.skipFor != p {
		L.skip, L.skipFor = f.geometric(p), p
	}
	if L.skip > 0 {
		L.skip--
		return false
	}
	L.skip = f.geometric(p)
	return true
}

// geometric draws the number of failures before the first success of
// trials with success probability p, 0 < p < 1.
func (f *fleeState) geometric(p float64) int {
	u := 1 - f.move.Float64() // in (0, 1]
	return int(math.Floor(portable.Log(u) / portable.Log1p(-p)))
}

// fleeStep takes the next step of agent id's route: onto the open link to
// the route's next location, unless the route ends in a camp whose
// capacity multiplier is below one half (then the route is dropped and
// the agent stays), or a post here stops it crossing the border. through
// marks a step taken while passing a border location on a journey, where
// no new decision is made. It reports whether the agent is on a link.
func (m *Model) fleeStep(id int, through bool) bool {
	f := m.fl
	mg := &m.migrants[id]
	a := &f.agents[id]
	loc := int(mg.Loc)
	next := f.next(id)
	link := int32(-1)
	for _, e := range f.edges[loc] {
		if int(e.to) == int(next) && f.closed[e.link] == 0 {
			link = e.link
			break
		}
	}
	if link < 0 {
		f.clearRoute(id) // the link has closed: Flee forgets the route
		m.fleeStopWaiting(mg)
		return false
	}
	if !through {
		if end := int(f.last(id)); f.locs[end].camp && f.capMultiplier(end) < 0.5 {
			f.clearRoute(id)
			m.fleeStopWaiting(mg)
			return false
		}
	}
	if p := m.rt.postAt[loc]; p >= 0 && m.crosses(mg, int32(next)) && !m.readmits(next) {
		switch m.fleeCross(id, mg, p) {
		case crossBlocked, crossRefused: // it waits here, in the post's queue, keeping its route
			m.fleeQueue(mg, p)
			return false
		case crossExcluded: // it waits here, and will not try this post again
			f.clearRoute(id)
			if p < 64 {
				a.refused |= 1 << p
			}
			if mg.Flags&Queued != 0 {
				m.leaveQueue(mg)
			}
			mg.Flags |= Refused
			return false
		}
	}
	if mg.Flags&(Queued|Refused) != 0 {
		m.fleeStopWaiting(mg)
	}
	f.left[id]--
	f.locs[loc].n--
	mg.Next = next
	mg.Link = uint16(link)
	a.onLink = 0
	f.at[id] = onLink
	m.setState(mg, Travelling)
	mg.Flags |= Departed // has left home (read only by events: setState's tells a first departure by it)
	return true
}

// fleeCross is the post's part in a crossing: one of the day's capacity,
// then its rules. A post that admits only documented travellers refuses
// the undocumented (Flee's agents hold no documents unless the scenario's
// Documented share says so), unless they buy passage.
func (m *Model) fleeCross(id int, mg *Migrant, p int32) crossing {
	ps := &m.posts[p]
	f := m.fl
	if f.crossings[p] >= ps.capToday {
		return crossBlocked
	}
	f.crossings[p]++
	pol := ps.policy
	// Officials' demand for a bribe arises as under borderwork's own rules
	// (queues.go); money is not modelled under these rules, so the bribe
	// is paid, and buys passage from a post whose rules would refuse.
	doc := mg.Flags&Documented != 0
	admissible := admits(pol, doc)
	if !admissible && pol.Admission == AdmitDocumented && pol.DocumentCheck < 1 && m.admission.Float64() >= pol.DocumentCheck {
		admissible = true // checks too weak to catch it, as at borderwork's counter (queues.go)
	}
	ab := &m.cfg.Abuse
	if rate := ab.OfficialExtortion * ps.officials * m.riskMultiplier(mg) * papersFactor(ab, doc); rate > 0 && m.admission.Float64() < m.rateChance("extortion at a post", rate) {
		m.recordAbuse(id, mg, int(mg.Loc), Extortion, ByOfficial)
		if !admissible {
			m.rec.Bribed++
			m.rec.Admitted++
			if m.Sink != nil {
				m.emit(mg, EventBribed, int(mg.Loc), -1, "")
				m.emit(mg, EventAdmitted, int(mg.Loc), -1, "")
			}
			return crossPass
		}
	}
	if !admissible {
		m.fleeRefusal(mg)
		return crossExcluded
	}
	if pol.Refusal > 0 && m.admission.Float64() < pol.Refusal {
		m.fleeRefusal(mg)
		return crossRefused
	}
	m.rec.Admitted++
	if m.Sink != nil {
		m.emit(mg, EventAdmitted, int(mg.Loc), -1, "")
	}
	return crossPass
}

// fleeAdvance moves an agent on a link by a day's speed. On arrival it
// may decide again the same day, with a full day's speed on the next
// link, while it has covered less than a day's speed (Flee's
// finish_travel). A journey passes a border location without stopping:
// what is left of the day's distance carries over onto the next link, so
// a route split by a border location takes as long as the route whole.
func (m *Model) fleeAdvance(id int) {
	f := m.fl
	a := &f.agents[id]
	m.fleeTravel(id)
	a.recent = (a.recentOn(m.day) + a.moved/f.cfg.MaxMoveSpeed) / 2
	a.recentDay = int32(m.day)
	a.moved = 0
}

func (m *Model) fleeTravel(id int) {
	f := m.fl
	fc := f.cfg
	mg := &m.migrants[id]
	a := &f.agents[id]
	add := true
	for {
		// Each link the agent covers some of today, it faces the link's
		// hazard once (a link's Hazard is 0 unless the scenario sets it).
		if m.fleeHazard(id, mg) {
			return
		}
		speed := fc.MaxMoveSpeed
		if fc.StartOnFoot && !a.walked {
			speed = fc.MaxWalkSpeed
		}
		if add {
			a.onLink += speed
			a.moved += speed
		}
		add = true
		length := m.cfg.Region.Links[mg.Link].LengthKm
		if a.onLink <= length {
			return
		}
		if f.closed[mg.Link] > 0 {
			// The link closed under it: back to where it started, or, from
			// a border location it was passing, to where it came from.
			a.walked = true
			a.moved += length - a.onLink
			if f.locs[mg.Loc].marker {
				mg.Loc = mg.Prev
			}
			mg.DaysHere = 0
			f.locs[mg.Loc].n++
			f.at[id] = mg.Loc
			m.setState(mg, Waiting)
			return
		}
		to := mg.Next
		mg.Prev, mg.Loc = mg.Loc, to
		mg.DaysHere = 0
		f.locs[to].n++
		f.at[id] = to
		m.setState(mg, Waiting)
		if f.locs[to].marker && f.hasRoute(id) {
			carry := a.onLink - length
			if m.fleeStep(id, true) {
				a.onLink = carry
				add = false
				continue
			}
		}
		a.walked = true
		a.moved += length - a.onLink
		if mg.Flags&(Queued|Refused) != 0 {
			return // held up or refused at the post here: it waits, and tries no other way today
		}
		if a.moved < speed {
			force := fc.AvoidShortStints && (a.recentOn(m.day)+a.moved/fc.MaxMoveSpeed)/2 < 0.5
			m.fleeDecide(id, force)
			if mg.State == Travelling {
				continue
			}
		}
		return
	}
}
