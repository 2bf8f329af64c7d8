package sim

// Sub-step 5, queues: each post processes its queue, first come first
// served.

import "math"

func (m *Model) joinQueue(id int, mg *Migrant, post int32) {
	p := &m.posts[post]
	mg.Flags |= Queued
	mg.DaysLeft = uint16(m.day)
	p.queue = append(p.queue, queueEntry{id: int32(id), day: uint16(m.day)})
	p.queued[classOf(mg)]++
	m.rec.PostArrivals++
}

func (m *Model) leaveQueue(mg *Migrant) {
	mg.Flags &^= Queued
	m.posts[m.rt.postAt[mg.Loc]].queued[classOf(mg)]--
}

func (m *Model) stepQueues() {
	for pi := range m.posts {
		p := &m.posts[pi]
		served := 0
		for served < p.capToday && p.head < len(p.queue) {
			e := p.queue[p.head]
			p.head++
			mg := &m.migrants[e.id]
			if mg.Flags&Queued == 0 || mg.DaysLeft != e.day || int(mg.Loc) != m.cfg.Posts[pi].Location {
				continue // stale: it left the queue
			}
			served++
			m.process(pi, int(e.id), mg)
		}
		if p.down {
			// Everyone left in a stalled queue sees that the post does not
			// pass people today; news carries that home.
			for c := range p.tried {
				p.tried[c] += p.queued[c]
			}
		}
		m.compactQueue(pi)
	}
}

// compactQueue drops served and stale entries once they outnumber the
// live ones, so a queue's memory follows the migrants in it rather than
// everyone who ever joined it. Order is kept.
func (m *Model) compactQueue(pi int) {
	p := &m.posts[pi]
	live := 0
	for _, q := range p.queued {
		live += q
	}
	if len(p.queue) < 1024 || len(p.queue) < 2*live {
		return
	}
	loc := uint16(m.cfg.Posts[pi].Location)
	kept := p.queue[:0]
	for _, e := range p.queue[p.head:] {
		if mg := &m.migrants[e.id]; mg.Flags&Queued != 0 && mg.DaysLeft == e.day && mg.Loc == loc {
			kept = append(kept, e)
		}
	}
	p.queue = kept
	p.head = 0
}

// process is one migrant's turn at a post's counter.
func (m *Model) process(pi, id int, mg *Migrant) {
	p := &m.posts[pi]
	pol := p.policy
	r := m.admission
	m.leaveQueue(mg)
	doc := mg.Flags&Documented != 0
	p.tried[classOf(mg)]++
	// Screening: an identified vulnerable migrant may pass on a protection
	// channel; one the rules would refuse is referred to a centre if one is
	// in reach and has room. Others are processed as anyone else.
	if mg.Vuln != NotVulnerable && pol.Screening > 0 && r.Float64() < pol.Screening {
		if r.Float64() < pol.AsylumShare {
			m.rec.Referrals++
			m.admit(pi, id, mg)
			return
		}
		if !admits(pol, doc) && m.cfg.Protection.Centres && m.centreHasRoom(int(mg.Loc)) && m.goToCentre(mg) {
			m.rec.Referrals++
			return
		}
	}
	// Officials may demand a bribe from anyone at the counter: from the
	// admissible as the price of being processed, from the others as the
	// price of passing anyway. The chance arises from the post's oversight
	// and queue and the migrant's situation; no regime switches it on.
	admissible := admits(pol, doc)
	if !admissible && pol.Admission == AdmitDocumented && pol.DocumentCheck < 1 && r.Float64() >= pol.DocumentCheck {
		// Checks too weak to catch it: it passes as if documented. The draw
		// is made only where checks are weak, so perfect checks (the
		// default) draw nothing.
		admissible = true
	}
	ab := &m.cfg.Abuse
	if rate := ab.OfficialExtortion * p.officials * m.riskMultiplier(mg) * papersFactor(ab, doc); rate > 0 && r.Float64() < m.rateChance("extortion at a post", rate) {
		m.recordAbuse(id, mg, int(mg.Loc), Extortion, ByOfficial)
		paid := math.Min(float64(mg.Money), ab.Bribe)
		mg.Money -= float32(paid)
		if paid < ab.Bribe {
			m.refuse(pi, id, mg)
			return
		}
		if !admissible {
			m.rec.Bribed++
			m.admit(pi, id, mg)
			return
		}
	}
	if !admissible {
		m.refuse(pi, id, mg)
		return
	}
	if pol.Refusal > 0 && r.Float64() < pol.Refusal {
		m.refuse(pi, id, mg)
		return
	}
	m.admit(pi, id, mg)
}

func (m *Model) refuse(pi, id int, mg *Migrant) {
	m.rec.Refused++
	g, v := m.groupRecords(mg)
	g.Refused++
	if v != nil {
		v.Refused++
	}
	mg.Flags |= Refused
	m.learn(id, int32(pi), 0, m.cfg.Information.ExperienceWeight)
}

// admit lets a migrant through a post: it leaves on the best road across.
func (m *Model) admit(pi, id int, mg *Migrant) {
	m.rec.Admitted++
	m.posts[pi].passed[classOf(mg)]++
	m.learn(id, int32(pi), 1, m.cfg.Information.ExperienceWeight)
	mg.Flags &^= Refused
	loc := int(mg.Loc)
	opts := m.rt.options[loc*m.nDst+int(m.rt.destIndex[mg.Dest])]
	best := -1
	for i := range opts {
		if m.crosses(mg, opts[i].next) && (best < 0 || opts[i].days < opts[best].days) {
			best = i
		}
	}
	if best < 0 {
		return // nowhere across leads closer; it stays and decides tomorrow
	}
	m.depart(mg, opts[best].next, opts[best].link)
}
