package sim

// Sub-step 7, market: prices, entry and exit of smugglers, and the abuse
// rates of those at base for tomorrow.

import "math"

func (m *Model) addSmuggler(mi int) {
	sm := &m.cfg.Smuggling
	u := m.market.Float64()
	m.markets[mi].smugglers = append(m.markets[mi].smugglers, int32(len(m.smugglers)))
	m.smugglers = append(m.smugglers, smuggler{
		market:     int32(mi),
		active:     true,
		propensity: sm.Propensity * (1 + float64(sm.PropensitySpread*(2*u-1))),
	})
	m.markets[mi].active++
}

func (m *Model) stepMarket() {
	sm := &m.cfg.Smuggling
	for mi := range m.markets {
		ms := &m.markets[mi]
		offered := ms.offered
		demand := ms.nAsked
		excess := float64(demand-offered) / float64(max(offered, sm.Seats))
		excess = math.Max(-1, math.Min(1, excess))
		ms.price = math.Max(sm.PriceMin, math.Min(sm.PriceMax, ms.price*exp(sm.PriceResponse*excess)))
		ms.clearAsked()

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
// (which sets market power), the daily abuse rates of those at base, not
// away on a trip, which is who migrants waiting there meet, and the price
// of a smuggler in reach of each location (smugglerPrice).
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
			*k = [NumAbuseKinds]float64{}
			continue
		}
		scale := m.smugRate[loc] / float64(m.atBase[loc]) * (1 + float64(ab.MarketPowerEffect*m.power(loc)))
		*k = [NumAbuseKinds]float64{Extortion: ab.SmugglerExtortion * scale, Violence: ab.SmugglerViolence * scale, Kidnap: ab.SmugglerKidnap * scale}
		m.smugRate[loc] = base * scale
	}
	for i, mk := range m.rt.marketFor {
		m.smugglerPrice[i], m.emptyPrice[i] = math.Inf(1), math.Inf(1)
		if mk >= 0 && m.markets[mk].active > 0 {
			m.smugglerPrice[i] = m.markets[mk].price
		} else if mk >= 0 {
			m.emptyPrice[i] = m.markets[mk].price
		}
	}
}
