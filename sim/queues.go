package sim

// Sub-step 5, queues: each post processes its queue, first come first
// served.

import "math"

// queue is a post's queue in arrival order, kept in blocks of
// queueBlock entries: a migrant who leaves the queue leaves a stale entry
// behind, dropped when it reaches the counter or when stale entries come
// to outnumber live ones (dropStale). Blocks emptied at the head or freed
// by dropping are kept for reuse, so a queue allocates no more than its
// longest length, once, and never copies its entries to grow.
type queue struct {
	blocks [][]queueEntry // in order: the first entry is blocks[0][head]
	spare  [][]queueEntry // empty blocks, for reuse
	head   int
	n      int // entries, live and stale
}

const queueBlock = 4096

func (q *queue) at(i int) *queueEntry {
	j := q.head + i
	return &q.blocks[j/queueBlock][j%queueBlock]
}

func (q *queue) push(e queueEntry) {
	if q.head+q.n == len(q.blocks)*queueBlock {
		if k := len(q.spare); k > 0 {
			q.blocks = append(q.blocks, q.spare[k-1])
			q.spare = q.spare[:k-1]
		} else {
			q.blocks = append(q.blocks, make([]queueEntry, queueBlock))
		}
	}
	*q.at(q.n) = e
	q.n++
}

func (q *queue) pop() queueEntry {
	e := q.blocks[0][q.head]
	q.head++
	q.n--
	if q.head == queueBlock || q.n == 0 {
		q.settle()
	}
	return e
}

// settle puts blocks that hold no entries aside for reuse.
func (q *queue) settle() {
	for q.head >= queueBlock {
		q.spare = append(q.spare, q.blocks[0])
		q.blocks = q.blocks[:copy(q.blocks, q.blocks[1:])]
		q.head -= queueBlock
	}
	if q.n == 0 {
		q.head = 0
	}
	for need := (q.head + q.n + queueBlock - 1) / queueBlock; len(q.blocks) > need; {
		q.spare = append(q.spare, q.blocks[len(q.blocks)-1])
		q.blocks = q.blocks[:len(q.blocks)-1]
	}
}

func (m *Model) joinQueue(id int, mg *Migrant, post int32) {
	p := &m.posts[post]
	mg.Flags |= Queued
	mg.DaysLeft = uint16(m.day)
	p.queue.push(queueEntry{id: int32(id), day: uint16(m.day)})
	p.queued[classOf(mg)]++
	m.rec.PostArrivals++
	if m.Sink != nil {
		m.emit(mg, EventQueued, int(mg.Loc), -1, "")
	}
}

func (m *Model) leaveQueue(mg *Migrant) {
	mg.Flags &^= Queued
	m.posts[m.rt.postAt[mg.Loc]].queued[classOf(mg)]--
}

// inQueue reports whether a queue entry of post pi is live: its migrant
// is still in that post's queue, where it joined on the entry's day.
func (m *Model) inQueue(pi int, e queueEntry) bool {
	mg := &m.migrants[e.id]
	return mg.Flags&Queued != 0 && mg.DaysLeft == e.day && int(mg.Loc) == m.cfg.Posts[pi].Location
}

func (m *Model) stepQueues() {
	for pi := range m.posts {
		p := &m.posts[pi]
		served := 0
		for served < p.capToday && p.queue.n > 0 {
			e := p.queue.pop()
			if !m.inQueue(pi, e) {
				continue // stale: it left the queue
			}
			served++
			m.process(pi, int(e.id), &m.migrants[e.id])
		}
		if p.down {
			// Everyone left in a stalled queue sees that the post does not
			// pass people today; news carries that home.
			for c := range p.tried {
				p.tried[c] += p.queued[c]
			}
		}
		live := 0
		for _, q := range p.queued {
			live += q
		}
		if p.queue.n >= 1024 && p.queue.n >= 2*live {
			m.dropStale(pi)
		}
	}
}

// dropStale drops the stale entries of post pi's queue, keeping the order
// of the others.
func (m *Model) dropStale(pi int) {
	q := &m.posts[pi].queue
	kept := 0
	for i := range q.n {
		if e := *q.at(i); m.inQueue(pi, e) {
			*q.at(kept) = e
			kept++
		}
	}
	q.n = kept
	q.settle()
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
			if m.Sink != nil {
				m.emit(mg, EventReferred, int(mg.Loc), -1, "protection")
			}
			m.admit(pi, id, mg)
			return
		}
		if !admits(pol, doc) && m.cfg.Protection.Centres && m.centreHasRoom(int(mg.Loc)) && m.goToCentre(mg) {
			m.rec.Referrals++
			if m.Sink != nil {
				m.emit(mg, EventReferred, int(mg.Loc), -1, "screening")
			}
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
			if m.Sink != nil {
				m.emit(mg, EventBribed, int(mg.Loc), -1, "")
			}
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
	if m.Sink != nil {
		m.emit(mg, EventRefused, int(mg.Loc), -1, "")
	}
}

// admit lets a migrant through a post: it leaves on the best road across.
func (m *Model) admit(pi, id int, mg *Migrant) {
	m.rec.Admitted++
	if m.Sink != nil {
		m.emit(mg, EventAdmitted, int(mg.Loc), -1, "")
	}
	m.posts[pi].passed[classOf(mg)]++
	m.learn(id, int32(pi), 1, m.cfg.Information.ExperienceWeight)
	mg.Flags &^= Refused
	loc := int(mg.Loc)
	opts := m.rt.options[loc*m.nDst+int(m.rt.destIndex[mg.Dest])]
	best, tied := -1, uint64(1) // ties in days: the migrant's lot, as in bestRoad
	for i := range opts {
		switch {
		case !m.crosses(mg, opts[i].next):
		case best < 0 || opts[i].days < opts[best].days:
			best, tied = i, 1
		case opts[i].days == opts[best].days:
			tied++
			if m.tieLot(id, loc, tied)%tied == 0 {
				best = i
			}
		}
	}
	if best < 0 {
		return // nowhere across leads closer; it stays and decides tomorrow
	}
	m.depart(mg, opts[best].next, opts[best].link)
}
