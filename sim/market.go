package sim

import "math"

// --- 5. queues -------------------------------------------------------------------

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
	if !admits(pol, doc) {
		m.refuse(pi, id, mg)
		return
	}
	if pol.Extortion > 0 && r.Float64() < pol.Extortion {
		m.recordAbuse(id, mg, int(mg.Loc), Extortion, ByOfficial)
		paid := math.Min(float64(mg.Money), pol.Bribe)
		mg.Money -= float32(paid)
		if paid < pol.Bribe {
			m.refuse(pi, id, mg)
			return
		}
	}
	if pol.Refusal > 0 && r.Float64() < pol.Refusal {
		m.refuse(pi, id, mg)
		return
	}
	m.admit(pi, id, mg)
}

func (m *Model) refuse(pi, id int, mg *Migrant) {
	m.rec.Refused++
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

// --- 6. smuggling ------------------------------------------------------------------

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
		for _, id := range ms.requests {
			mg := &m.migrants[id]
			if (mg.State != Waiting && mg.State != Trapped) || float64(mg.Money) < ms.price {
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
				continue
			}
			s := &m.smugglers[ms.smugglers[si]]
			s.seatsTaken++
			m.board(int(id), mg, s, cm, far, ms.price)
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
	m.depart(mg, int32(far), int32(cm.Link))
	m.setState(mg, WithSmuggler)
	m.rec.Boarded++
	loc := cm.Location
	mult := m.riskMultiplier(mg) * s.propensity * (1 + ab.MarketPowerEffect*m.power(loc))
	r := m.smuggling
	if r.Float64() < ab.TripExtortion*mult {
		m.recordAbuse(id, mg, loc, Extortion, BySmuggler)
		mg.Money -= float32(math.Min(float64(mg.Money), ab.Extorted))
	}
	if r.Float64() < ab.TripViolence*mult {
		m.recordAbuse(id, mg, loc, Violence, BySmuggler)
	}
	if r.Float64() < ab.TripAbandonment*mult {
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

// --- 7. market -------------------------------------------------------------------

func (m *Model) addSmuggler(mi int) {
	sm := &m.cfg.Smuggling
	u := m.market.Float64()
	m.markets[mi].smugglers = append(m.markets[mi].smugglers, int32(len(m.smugglers)))
	m.smugglers = append(m.smugglers, smuggler{
		market:     int32(mi),
		active:     true,
		propensity: sm.Propensity * (1 + sm.PropensitySpread*(2*u-1)),
	})
	m.markets[mi].active++
}

func (m *Model) stepMarket() {
	sm := &m.cfg.Smuggling
	for mi := range m.markets {
		ms := &m.markets[mi]
		offered := ms.offered
		demand := len(ms.requests)
		excess := float64(demand-offered) / float64(max(offered, sm.Seats))
		excess = math.Max(-1, math.Min(1, excess))
		ms.price = math.Max(sm.PriceMin, math.Min(sm.PriceMax, ms.price*math.Exp(sm.PriceResponse*excess)))
		ms.requests = ms.requests[:0]

		// Entry follows unmet demand at the counter and profit: a price above
		// the starting price draws entrants as queues do.
		if ms.active < m.cfg.Markets[mi].MaxSmugglers {
			signal := float64(ms.unmet)/float64(sm.Seats) + max(0, ms.price/sm.Price-1)
			if signal > 0 && m.market.Float64() < sm.EntryRate*min(1, signal) {
				m.addSmuggler(mi)
			}
		}
		ms.unmet = 0
		for _, sid := range ms.smugglers {
			s := &m.smugglers[sid]
			if !s.active {
				continue
			}
			if s.busy > 0 {
				s.busy--
				s.idle = 0
				continue
			}
			s.idle++
			if sm.ExitAfterDays > 0 && int(s.idle) >= sm.ExitAfterDays {
				s.active = false
				ms.active--
			}
		}
	}
	m.refreshMarkets()
}

// refreshMarkets sets, for tomorrow, each location's smugglers in business
// (which sets market power) and the daily abuse rates of those at base,
// not away on a trip, which is who migrants waiting there meet.
func (m *Model) refreshMarkets() {
	ab := &m.cfg.Abuse
	for i := range m.sellers {
		m.sellers[i] = 0
		m.smugRate[i] = 0
		m.atBase[i] = 0
	}
	for mi := range m.markets {
		loc := m.cfg.Markets[mi].Location
		for _, sid := range m.markets[mi].smugglers {
			if s := &m.smugglers[sid]; s.active {
				m.sellers[loc]++
				if s.busy == 0 {
					m.atBase[loc]++
					m.smugRate[loc] += s.propensity // summed here, averaged below
				}
			}
		}
	}
	base := ab.SmugglerExtortion + ab.SmugglerViolence + ab.SmugglerKidnap
	for loc := range m.smugRate {
		k := &m.abuseKind[loc]
		if m.atBase[loc] == 0 {
			m.smugRate[loc] = 0
			*k = [3]float64{}
			continue
		}
		scale := m.smugRate[loc] / float64(m.atBase[loc]) * (1 + ab.MarketPowerEffect*m.power(loc))
		*k = [3]float64{ab.SmugglerExtortion * scale, ab.SmugglerViolence * scale, ab.SmugglerKidnap * scale}
		m.smugRate[loc] = base * scale
	}
}

// --- 8. records --------------------------------------------------------------------

func (m *Model) stepRecords() {
	r := &m.rec
	r.Day = m.day
	r.States = m.counts
	r.TrappedPersonDays += m.counts[Trapped]
	r.ActiveSmugglers = 0
	priceSum, priced := 0.0, 0
	for i := range m.markets {
		if a := m.markets[i].active; a > 0 {
			r.ActiveSmugglers += a
			priceSum += m.markets[i].price
			priced++
		}
	}
	r.MeanPrice = 0
	if priced > 0 {
		r.MeanPrice = priceSum / float64(priced)
	}
	final := m.counts[Arrived] + m.counts[Returned] + m.counts[Stayed] + m.counts[Dead]
	r.MeanTransitDays = 0
	if inTransit := r.Created - final; inTransit > 0 {
		r.MeanTransitDays = float64(m.day) - float64(m.sumBorn)/float64(inTransit)
	}
	r.Queued, r.PostsFailing = 0, 0
	for i := range m.posts {
		for _, q := range m.posts[i].queued {
			r.Queued += q
		}
		if m.posts[i].down {
			r.PostsFailing++
		}
	}
	m.days = append(m.days, *r)
	if m.locs != nil {
		n := len(m.cfg.Region.Locations)
		today := m.locs[m.day*n : (m.day+1)*n]
		for i := range m.migrants {
			mg := &m.migrants[i]
			switch mg.State {
			case Waiting:
				today[mg.Loc].Waiting++
			case Trapped:
				today[mg.Loc].Waiting++
				today[mg.Loc].Trapped++
			}
			if mg.Flags&Queued != 0 {
				today[mg.Loc].Queued++
			}
		}
	}
}
