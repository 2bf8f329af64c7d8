package sim

// Abuse: what a migrant's situation does to its risk, exposure at a place
// (sub-step 4) and how an event is recorded. Trip abuse is drawn when a
// migrant boards (smuggling.go), officials' extortion at the counter
// (queues.go).

import "math"

// desperation is how desperate a migrant has grown, from 0 on arrival at
// a place to 1 after DesperationDays there.
func (m *Model) desperation(mg *Migrant) float64 {
	return min(1, float64(mg.DaysHere)*m.perDesperateDay)
}

// riskMultiplier is what a migrant's own situation does to every abuse
// rate it faces.
func (m *Model) riskMultiplier(mg *Migrant) float64 {
	ab := &m.cfg.Abuse
	r := 1 + float64(ab.DesperationEffect*m.desperation(mg))
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
	g, v := m.groupRecords(mg)
	g.Abuse++
	if v != nil {
		v.Abuse++
	}
	if mg.State.Immobile() {
		m.rec.AbuseImmobile++
	}
	if m.locs != nil {
		m.locToday(loc).Abuse++
	}
	if m.Sink != nil {
		to := -1
		if mg.State == Travelling || mg.State == WithSmuggler { // abused on the trip it boarded
			to = int(mg.Next)
		}
		m.Sink.Event(Event{Day: m.day, Migrant: id, Kind: EventAbused, Location: loc, To: to, Detail: k.String(), By: by, Abuse: k, State: mg.State})
	}
}

// abuseBounds sets, for the day, the bound of the abuse rates a migrant
// can face at each location (any situation, any papers) and draws each
// location's first count-down (thinning, chance.go).
func (m *Model) abuseBounds() {
	for loc := range m.abuseLaw {
		r := (m.smugRate[loc] + float64(m.offRate[loc]*m.maxPapers)) * m.maxRisk
		m.abuseMax[loc] = m.rateChance("abuse at a place, bound", r)
		m.abuseLaw[loc] = newSkipLaw(-r) // ln(1 − (1 − e^−r)) = −r
		m.abuseSkip[loc] = m.abuseLaw[loc].draw(m.abuse)
	}
}

// expose draws whether a migrant spending the day at its location suffers
// abuse, and which. The rates of the kinds that happen at a place (by
// smugglers at base there, by officials at a post there) add up to one
// rate, scaled by the migrant's own situation; whether anything happens
// (chance 1 − exp(−rate)) and which kind, in proportion to the kinds'
// rates, is decided on the days the location's thinned trials make
// candidates (abuseBounds, exposeCandidate). It reports whether the
// migrant was kidnapped.
func (m *Model) expose(id int, mg *Migrant, shelter float64) bool {
	if s := &m.abuseSkip[mg.Loc]; *s > 0 {
		*s--
		return false
	}
	return m.exposeCandidate(id, mg, shelter)
}

// exposeCandidate is a candidate day of abuse: it draws the location's
// next count-down, then one uniform below the day's bound, which decides
// whether the migrant is abused and, if so, by which kind.
func (m *Model) exposeCandidate(id int, mg *Migrant, shelter float64) bool {
	loc := int(mg.Loc)
	m.abuseSkip[loc] = m.abuseLaw[loc].draw(m.abuse)
	rates := &m.abuseKind[loc]
	ab := &m.cfg.Abuse
	official := float64(m.offRate[loc] * papersFactor(ab, mg.Flags&Documented != 0))
	total := m.smugRate[loc] + official
	if total <= 0 {
		return false
	}
	rate := total * m.riskMultiplier(mg) * (1 - shelter)
	u := m.abuse.Float64() * m.abuseMax[loc] // uniform below the bound
	if u >= float64(rate*rejectAbove) {
		// The chance 1 − e^−rate is below the rate, so most candidates
		// are rejected here without computing it (an exponential is slow;
		// the margin covers its rounding): the decision is the same.
		return false
	}
	p := m.rateChance("abuse at a place", rate)
	if u >= p {
		return false
	}
	x := u / p * total // where u falls among the kinds' rates, in proportion
	switch {
	case x < rates[Extortion]:
		m.recordAbuse(id, mg, loc, Extortion, BySmuggler)
		mg.Money -= float32(math.Min(float64(mg.Money), ab.Extorted))
	case x < rates[Extortion]+rates[Violence]:
		m.recordAbuse(id, mg, loc, Violence, BySmuggler)
	case x < rates[Extortion]+rates[Violence]+rates[Kidnap]:
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
