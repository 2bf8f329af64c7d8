package sim

// Sub-step 1 of a day, inflow: new migrants at origins.

import (
	"math"

	"github.com/borderwork/borderwork/internal/portable"
)

func (m *Model) stepInflow() {
	for oi := range m.cfg.Origins {
		o := &m.cfg.Origins[oi]
		n := 0
		if m.day == 0 {
			n += o.Initial
		}
		if rate := inflowRate(o.Inflow, m.day); rate > 0 {
			n += m.inflow.poisson(rate)
		}
		// The log-normal law of money is the origin's: its parameters are
		// worked out once, not for every migrant.
		sigma2 := portable.Log1p(float64(o.MoneyCV * o.MoneyCV))
		mu, sigma := ln(o.MoneyMean)-float64(sigma2/2), math.Sqrt(sigma2)
		for range n {
			m.create(o, mu, sigma)
		}
	}
}

func inflowRate(steps []InflowStep, day int) float64 {
	rate := 0.0
	for _, s := range steps {
		if s.From > day {
			break
		}
		rate = s.Rate
	}
	return rate
}

// create adds one migrant. It always makes the same seven draws from the
// population stream, whatever the parameters, so that the same replicate
// has the same people in every regime and at every sweep point.
func (m *Model) create(o *Origin, mu, sigma float64) {
	r := m.population
	u1, u2 := r.Float64(), r.Float64()
	uDoc, uVuln, uSmug, uBack, uDest := r.Float64(), r.Float64(), r.Float64(), r.Float64(), r.Float64()

	// Log-normal money by Box–Muller (two uniforms, always): exp(mu +
	// sigma·z), mu = ln(mean) − sigma²/2, sigma² = ln(1 + cv²).
	money := 0.0
	if o.MoneyMean > 0 {
		z := math.Sqrt(-2*ln(1-u1)) * portable.Cos(float64(2*math.Pi*u2))
		money = exp(mu + float64(sigma*z))
	}
	mg := Migrant{
		Money: float32(money),
		Born:  uint16(m.day),
		Loc:   uint16(o.Location),
		Prev:  uint16(o.Location),
		Home:  uint16(o.Location),
		State: Waiting,
	}
	if uDoc < o.Documented {
		mg.Flags |= Documented
	}
	switch {
	case uVuln < o.Minor:
		mg.Vuln = Minor
	case uVuln < o.Minor+o.Sick:
		mg.Vuln = Sick
	case uVuln < o.Minor+o.Sick+o.Trafficked:
		mg.Vuln = Trafficked
	}
	if uSmug < o.WillSmuggle {
		mg.Flags |= WillSmuggle
	}
	if uBack < o.WillTurnBack {
		mg.Flags |= WillTurnBack
	}
	total := 0.0
	for _, w := range o.Weights {
		total += w
	}
	pick, acc := o.Destinations[len(o.Destinations)-1], 0.0
	for i, w := range o.Weights {
		acc += w
		if uDest*total < acc {
			pick = o.Destinations[i]
			break
		}
	}
	mg.Dest = uint16(pick)

	id := len(m.migrants)
	m.migrants = append(m.migrants, mg)
	if id&63 == 0 {
		m.live = append(m.live, 0)
	}
	m.live[id>>6] |= 1 << (id & 63)
	class := classOf(&mg)
	info := &m.cfg.Information
	for p := range m.posts {
		b := float64(info.Accuracy*m.posts[p].truth[class]) + float64((1-info.Accuracy)*m.posts[p].news[class])
		m.beliefs = append(m.beliefs, toBelief(b))
	}
	m.byClass[class][Waiting]++
	m.rec.Created++
	m.sumBorn += int64(mg.Born)
	if m.Sink != nil {
		m.emitCreated(&m.migrants[id], pick)
	}
	if o.Location == pick {
		m.setState(&m.migrants[id], Arrived)
	}
}
