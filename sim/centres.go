package sim

// Centres: referral, seeking help, and a migrant's day in a centre (all
// within sub-step 4).

import "math"

func (m *Model) centreHasRoom(loc int) bool {
	c := m.rt.centreFor[loc]
	return c >= 0 && m.occupancy[c] < int32(m.cfg.Centres[c].Capacity)
}

// goToCentre takes a migrant referred by screening or assistance into the
// nearest centre, or one link toward it, escorted across posts; it stays
// referred until it gets there. It reports whether the migrant went.
func (m *Model) goToCentre(mg *Migrant) bool {
	loc := int(mg.Loc)
	c := m.rt.centreFor[loc]
	if c < 0 {
		mg.Flags &^= Referred
		return false
	}
	at := m.cfg.Centres[c].Location
	if at == loc {
		return m.enterCentre(mg, int(c))
	}
	if mg.Flags&Queued != 0 {
		m.leaveQueue(mg)
	}
	mg.Flags |= Referred // before it departs, whose event says how
	m.depart(mg, m.rt.next[loc*m.rt.n+at], m.rt.nextLink[loc*m.rt.n+at])
	return true
}

// seekCentre is a migrant's own way to help: it enters the nearest centre
// if it is here, or takes a road step toward it when it believes it can
// pass the posts on the way. It reports whether the migrant acted.
func (m *Model) seekCentre(id int, mg *Migrant) bool {
	loc := int(mg.Loc)
	c := m.rt.centreFor[loc]
	if c < 0 {
		return false
	}
	if at := m.cfg.Centres[c].Location; at != loc {
		return m.travelToward(id, mg, at)
	}
	return m.enterCentre(mg, int(c))
}

func (m *Model) enterCentre(mg *Migrant, c int) bool {
	if m.occupancy[c] >= int32(m.cfg.Centres[c].Capacity) {
		return false
	}
	if mg.Flags&Queued != 0 {
		m.leaveQueue(mg)
	}
	m.occupancy[c]++
	mg.Flags &^= Referred | Seatless // a stay in the centre starts the place's clock and answers afresh
	mg.DaysHere = 0
	m.setState(mg, Assisted)
	return true
}

// detained reports whether the centre holds today a resident that would
// leave, and counts the day if it does. By default centres detain no one.
func (m *Model) detained(mg *Migrant) bool {
	p := m.cfg.Protection.CentreDetention
	if !(p > 0) || m.detention.Float64() >= p {
		return false
	}
	m.rec.DetainedPersonDays++
	if m.Sink != nil {
		m.emit(mg, EventDetained, int(mg.Loc), -1, "")
	}
	return true
}

// inCentre is a migrant's day in a centre: shelter, care, true information,
// and the choice to go on, go home, or stay.
func (m *Model) inCentre(id int, mg *Migrant) {
	cfg := m.cfg
	loc := int(mg.Loc)
	c := int(m.centreAt[loc])
	ce := &cfg.Centres[c]
	if mg.DaysHere < math.MaxUint16 {
		mg.DaysHere++
	}
	if mg.Vuln == Sick && cfg.Migrants.SickMortality > 0 &&
		m.hazard.Float64() < cfg.Migrants.SickMortality*(1-ce.Medical) {
		m.occupancy[c]--
		m.die(mg)
		return
	}
	if m.expose(id, mg, ce.Shelter) {
		m.occupancy[c]--
		m.setState(mg, Waiting)
		return
	}
	if rate := cfg.Protection.CentreAbuse; rate > 0 &&
		m.centre.Float64() < m.rateChance("abuse by a centre's staff", rate*m.riskMultiplier(mg)) {
		// The staff's own abuse: shelter keeps others out, not them.
		m.recordAbuse(id, mg, loc, Violence, ByOfficial)
	}
	di := int(m.rt.destIndex[mg.Dest])
	opts := m.rt.options[loc*m.nDst+di]
	m.correctBeliefs(id, mg, opts)
	r := m.bestRoad(id, mg, opts)
	goOn := r.best >= 0 && r.chance >= cfg.Migrants.BeliefThreshold
	if (goOn || m.canUseSmuggler(mg)) && !m.detained(mg) {
		m.occupancy[c]--
		m.setState(mg, Waiting)
		mg.DaysHere = 0
		switch {
		case !goOn: // to wait for a smuggler at the location
		case r.first >= 0 && r.first == m.rt.postAt[loc]:
			m.joinQueue(id, mg, r.first)
		default:
			m.depart(mg, opts[r.best].next, opts[r.best].link)
		}
		return
	}
	if int(mg.DaysHere) >= ce.ReturnOfferDays {
		// One draw decides between evacuation, voluntary return and
		// staying. Return is offered only where a road leads home.
		u := m.decisions.Float64()
		home := int(mg.Home)
		switch {
		case u < ce.Evacuation:
			m.occupancy[c]--
			m.rec.Evacuated++
			m.setState(mg, Arrived)
		case u < ce.Evacuation+ce.ReturnUptake && (loc == home || m.rt.next[loc*m.rt.n+home] >= 0):
			// Assisted return is a journey home, escorted across posts,
			// not an instant exit; it is counted apart from free returns.
			m.occupancy[c]--
			m.setState(mg, Waiting)
			mg.Flags |= Returning | AssistedReturn
			m.headHome(mg)
		}
	}
}
