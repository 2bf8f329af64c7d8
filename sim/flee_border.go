package sim

// Waiting at a border under the Flee rules: what borderwork adds to
// Flee's agents so that its harms are defined on Flee's geography
// (docs/MODEL.md, 15.5). An agent a post holds up (no capacity left
// today, the post is down, or it was turned away by the refusal draw) or
// does not admit waits where the post stands; the trapped rule applies to
// it there; after Migrants.GiveUpDays it gives up on that post and Flee's
// rules move it on. Nothing here acts under a regime whose posts let
// everyone through at once.

import "math"

// fleeWaitAtPost is the day, in the decision pass, of an agent at a
// location with a post. It reports whether the agent's day is done:
// false leaves it to Flee's decision (it is not waiting for the post, or
// has just given up on it).
//
// An agent the post held up or turned away by chance (Queued) tries
// again, keeping its route; one the post's rules do not admit (Refused)
// waits without trying again, since the rules' answer will not change for
// it while they hold. Either is blocked, and trapped once it has waited
// Migrants.TrappedAfterDays.
func (m *Model) fleeWaitAtPost(id int) bool {
	mg := &m.migrants[id]
	if mg.DaysHere < math.MaxUint16 {
		mg.DaysHere++
	}
	if mg.Flags&(Queued|Refused) == 0 {
		return false
	}
	if int(mg.DaysHere) >= m.cfg.Migrants.GiveUpDays {
		m.fleeGiveUp(id, mg)
		return false
	}
	if mg.Flags&Queued != 0 && m.fleeStep(id, false) {
		return true // crossed: it travels today
	}
	m.fleeClassify(mg)
	return true
}

// fleeGiveUp ends an agent's wait for the post at its location: it leaves
// the queue, will not try that post again, and is no longer blocked.
func (m *Model) fleeGiveUp(id int, mg *Migrant) {
	f := m.fl
	if mg.Flags&Queued != 0 {
		m.leaveQueue(mg)
	}
	mg.Flags &^= Refused
	f.clearRoute(id)
	if p := m.rt.postAt[mg.Loc]; p >= 0 && p < 64 {
		f.agents[id].refused |= 1 << p
	}
	if mg.State != Waiting {
		m.setState(mg, Waiting)
	}
}

// fleeClassify is borderwork's trapped rule (classify) for an agent at a
// post: blocked while it waits for the post (held up or refused), trapped
// once it has been there Migrants.TrappedAfterDays, stranded instead if
// that place is its home. There are no smugglers to pay under these rules.
func (m *Model) fleeClassify(mg *Migrant) {
	s := Waiting
	if mg.Flags&(Queued|Refused) != 0 && int(mg.DaysHere) >= m.cfg.Migrants.TrappedAfterDays {
		s = Trapped
		if mg.Loc == mg.Home {
			s = Stranded
		}
	}
	if mg.State != s {
		m.setState(mg, s)
	}
}

// fleeQueue marks an agent held up at the post p here as waiting in its
// queue: the queue's length is what raises its officials' abuse
// (stepPosts), as under borderwork's rules. Under the Flee rules the
// queue keeps no places: every agent in it tries again each day, in ID
// order, before the day's newcomers, until the day's capacity is used.
func (m *Model) fleeQueue(mg *Migrant, p int32) {
	if mg.Flags&Queued != 0 {
		return
	}
	mg.Flags |= Queued
	m.posts[p].queued[classOf(mg)]++
	m.rec.PostArrivals++
	if m.Sink != nil {
		m.emit(mg, EventQueued, int(mg.Loc), -1, "")
	}
}

// fleeRefusal counts a refusal, in all and for the agent's groups.
func (m *Model) fleeRefusal(mg *Migrant) {
	m.rec.Refused++
	g, v := m.groupRecords(mg)
	g.Refused++
	if v != nil {
		v.Refused++
	}
	if m.Sink != nil {
		m.emit(mg, EventRefused, int(mg.Loc), -1, "")
	}
}

// fleeStopWaiting is called when an agent leaves the post's location or
// drops the route that crossed there.
func (m *Model) fleeStopWaiting(mg *Migrant) {
	if mg.Flags&Queued != 0 {
		m.leaveQueue(mg)
	}
	mg.Flags &^= Refused
}

// readmits reports whether a step onto next enters the home country
// (Region.Countries[0], whose nationals Flee's agents are): states
// readmit their nationals, so a post does not act on it, as returnees
// cross posts under borderwork's rules.
func (m *Model) readmits(next uint16) bool {
	return m.cfg.Region.Locations[next].Country == 0
}

// fleeRecordPosts fills today's per-location counts of trapped, stranded
// and queued agents. Only agents at a post can be any of these, so the
// agents are counted only if some post has agents at it.
func (m *Model) fleeRecordPosts(today []LocationDay) {
	f := m.fl
	any := false
	for _, p := range m.cfg.Posts {
		any = any || f.locs[p.Location].n > 0
	}
	if !any {
		return
	}
	for id, at := range f.at {
		if at >= gone || !f.locs[at].post {
			continue
		}
		mg := &m.migrants[id]
		switch mg.State {
		case Trapped:
			today[at].Trapped++
		case Stranded:
			today[at].Stranded++
		}
		if mg.Flags&Queued != 0 {
			today[at].Queued++
		}
	}
}

// fleeHazard is the link's daily chance of death for an agent that covers
// some of it today; it reports whether the agent died.
func (m *Model) fleeHazard(id int, mg *Migrant) bool {
	h := m.cfg.Region.Links[mg.Link].Hazard
	if h <= 0 || m.hazard.Float64() >= h {
		return false
	}
	m.die(mg)
	m.fl.at[id] = gone
	return true
}
