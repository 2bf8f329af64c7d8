package sim

import (
	"math"
)

// --- 4. migrants ---------------------------------------------------------------

func (m *Model) stepMigrants() {
	if m.cfg.RecordLocations {
		n := len(m.cfg.Region.Locations)
		for range n {
			m.locs = append(m.locs, LocationDay{})
		}
	}
	for id := range m.migrants {
		mg := &m.migrants[id]
		switch mg.State {
		case Travelling, WithSmuggler:
			m.travel(id, mg)
		case Waiting, Trapped:
			m.atLocation(id, mg)
		case Assisted:
			m.inCentre(id, mg)
		}
	}
}

// travel moves a migrant one day along its link, facing the link's hazard
// and, on irregular links, patrols.
func (m *Model) travel(id int, mg *Migrant) {
	cfg := m.cfg
	l := &cfg.Region.Links[mg.Link]
	h := l.Hazard
	patrol := 0.0
	if l.Kind == Irregular {
		h *= cfg.Enforcement.IrregularHazard
		if mg.Flags&Alone != 0 {
			h *= cfg.Enforcement.AloneHazard
		}
		if mg.Flags&Abandoned != 0 {
			h *= cfg.Abuse.AbandonedHazard
		}
		patrol = cfg.Enforcement.Patrol
		h *= 1 - cfg.Protection.Rescue // rescue works on the hazardous irregular paths
	}
	if mg.Vuln == Sick {
		h += cfg.Migrants.SickMortality
	}
	if h > 0 || patrol > 0 {
		u := m.hazard.Float64()
		if u < h {
			m.die(mg)
			return
		}
		if u < h+patrol {
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

func (m *Model) leaveQueue(mg *Migrant) {
	mg.Flags &^= Queued
	m.posts[m.rt.postAt[mg.Loc]].queued[classOf(mg)]--
}

func (m *Model) joinQueue(id int, mg *Migrant, post int32) {
	p := &m.posts[post]
	mg.Flags |= Queued
	mg.DaysLeft = uint16(m.day)
	p.queue = append(p.queue, queueEntry{id: int32(id), day: uint16(m.day)})
	p.queued[classOf(mg)]++
	m.rec.PostArrivals++
}

func (m *Model) enterCentre(mg *Migrant, c int) bool {
	if m.occupancy[c] >= int32(m.cfg.Centres[c].Capacity) {
		return false
	}
	if mg.Flags&Queued != 0 {
		m.leaveQueue(mg)
	}
	m.occupancy[c]++
	mg.Flags &^= Referred
	mg.DaysHere = 0
	m.setState(mg, Assisted)
	return true
}

// desperation is how desperate a migrant has grown, from 0 on arrival at
// a place to 1 after DesperationDays there.
func (m *Model) desperation(mg *Migrant) float64 {
	return min(1, float64(mg.DaysHere)*m.perDesperateDay)
}

// riskMultiplier is what a migrant's own situation does to every abuse
// rate it faces.
func (m *Model) riskMultiplier(mg *Migrant) float64 {
	ab := &m.cfg.Abuse
	r := 1 + ab.DesperationEffect*m.desperation(mg)
	if mg.Vuln == Minor || mg.Vuln == Trafficked {
		r *= ab.VulnerableFactor
	}
	return r
}

func (m *Model) recordAbuse(id int, mg *Migrant, loc int, k AbuseKind, by Perpetrator) {
	m.rec.Abuse[k][by]++
	if mg.Abuse == 0 {
		m.rec.AbusedMigrants++
	}
	if mg.Abuse < math.MaxUint16 {
		mg.Abuse++
	}
	if mg.Vuln != NotVulnerable {
		m.rec.AbuseVulnerable++
	}
	if m.locs != nil {
		m.locToday(loc).Abuse++
	}
	if m.Sink != nil {
		m.Sink.Abuse(AbuseEvent{Day: m.day, Migrant: id, Location: loc, Kind: k, By: by})
	}
}

// expose draws whether a migrant spending the day at its location suffers
// abuse, and which. One uniform draw decides among the four kinds that
// happen at a place. It reports whether the migrant was kidnapped.
func (m *Model) expose(id int, mg *Migrant, shelter float64) bool {
	loc := int(mg.Loc)
	rates := &m.abuseKind[loc]
	total := m.smugRate[loc] + m.offRate[loc]
	if total <= 0 {
		return false
	}
	mult := m.riskMultiplier(mg) * (1 - shelter)
	u := m.abuse.Float64()
	if u >= total*mult {
		return false
	}
	x := u / mult
	ab := &m.cfg.Abuse
	switch {
	case x < rates[0]:
		m.recordAbuse(id, mg, loc, Extortion, BySmuggler)
		mg.Money -= float32(math.Min(float64(mg.Money), ab.Extorted))
	case x < rates[0]+rates[1]:
		m.recordAbuse(id, mg, loc, Violence, BySmuggler)
	case x < rates[0]+rates[1]+rates[2]:
		m.recordAbuse(id, mg, loc, Kidnap, BySmuggler)
		mg.Money -= float32(math.Min(float64(mg.Money), ab.Ransom))
		if ab.KidnapDays > 0 {
			if mg.Flags&Queued != 0 {
				m.leaveQueue(mg)
			}
			mg.Flags |= Held
			mg.DaysLeft = uint16(ab.KidnapDays)
			return true
		}
	default:
		m.recordAbuse(id, mg, loc, Violence, ByOfficial)
	}
	return false
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

func (m *Model) setBelief(id int, p int32, b float64) {
	m.beliefs[id*m.nPst+int(p)] = toBelief(b)
}

func (m *Model) learn(id int, p int32, target, weight float64) {
	b := m.beliefAt(id, p)
	m.beliefs[id*m.nPst+int(p)] = toBelief(b + weight*(target-b))
}

func admits(pol *PostPolicy, documented bool) bool {
	switch pol.Admission {
	case AdmitEveryone:
		return true
	case AdmitDocumented:
		return documented
	}
	return false
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

func (m *Model) beliefAt(id int, p int32) float64 {
	return float64(m.beliefs[id*m.nPst+int(p)]) * (1.0 / beliefScale)
}

// hearRumour is what the others at the same place say of post p: with
// probability RumourRate the migrant's belief moves toward what they
// believed yesterday, with noise. Its belief joins today's pool either way.
// It returns the belief after the rumour.
func (m *Model) hearRumour(id int, mg *Migrant, p int32, belief float64) float64 {
	info := &m.cfg.Information
	k := (int(mg.Loc)*m.nPst+int(p))*numClasses + classOf(mg)
	if info.RumourRate > 0 && m.rumours.Float64() < info.RumourRate {
		if pm := float64(m.poolMean[k]); pm >= 0 {
			noise := (m.rumours.Float64()*2 - 1) * info.RumourNoise
			belief = min(1, max(0, belief+info.RumourWeight*(pm-belief)+noise))
			m.setBelief(id, p, belief)
		}
	}
	m.poolSum[k] += float32(belief)
	m.poolN[k]++
	return belief
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

// correctBeliefs is what a centre within reach does: it tells migrants
// the truth about the posts on their roads onward.
func (m *Model) correctBeliefs(id int, mg *Migrant, opts []roadOption) {
	class := classOf(mg)
	if here := m.rt.postAt[mg.Loc]; here >= 0 {
		m.setBelief(id, here, m.posts[here].truth[class])
	}
	for i := range opts {
		for _, p := range opts[i].posts {
			m.setBelief(id, p, m.posts[p].truth[class])
		}
	}
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
	m.depart(mg, m.rt.next[loc*m.rt.n+at], m.rt.nextLink[loc*m.rt.n+at])
	mg.Flags |= Referred
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
// today, and so has not gone back: trapped if it has been here at least
// TrappedAfterDays, away from home, cannot pass legally (blocked), and
// cannot or will not take a smuggler.
func (m *Model) classify(mg *Migrant, blocked bool) {
	s := Waiting
	if blocked && int(mg.DaysHere) >= m.cfg.Migrants.TrappedAfterDays && mg.Loc != mg.Home && !m.canUseSmuggler(mg) {
		s = Trapped
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
	di := int(m.rt.destIndex[mg.Dest])
	opts := m.rt.options[loc*m.nDst+di]
	m.correctBeliefs(id, mg, opts)
	if r := m.bestRoad(id, mg, opts); r.best >= 0 && r.chance >= cfg.Migrants.BeliefThreshold {
		m.occupancy[c]--
		m.setState(mg, Waiting)
		mg.DaysHere = 0
		if r.first >= 0 && r.first == m.rt.postAt[loc] {
			m.joinQueue(id, mg, r.first)
			return
		}
		m.depart(mg, opts[r.best].next, opts[r.best].link)
		return
	}
	if m.canUseSmuggler(mg) {
		// Centres shelter; they do not detain.
		m.occupancy[c]--
		mg.DaysHere = 0
		m.setState(mg, Waiting)
		return
	}
	if int(mg.DaysHere) >= ce.ReturnOfferDays {
		// One draw decides between evacuation, voluntary return and staying.
		u := m.decisions.Float64()
		switch {
		case u < ce.Evacuation:
			m.occupancy[c]--
			m.rec.Evacuated++
			m.setState(mg, Arrived)
		case u < ce.Evacuation+ce.ReturnUptake:
			m.occupancy[c]--
			m.setState(mg, Returned)
		}
	}
}
