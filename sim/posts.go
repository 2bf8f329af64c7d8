package sim

// Sub-step 2, posts: each post's condition and capacity for the day, under
// the policy applyPolicies put in force at the start of the day, and what
// its rules let through.

import (
	"math"

	"github.com/borderwork/borderwork/internal/portable"
)

// applyPolicies puts each post's policy for today in force: its own, or
// that of the last schedule window holding today, and the truth of it.
// It draws nothing, and runs at the start of the day, before inflow, so
// that migrants created today set out from today's rules (7.3.2).
func (m *Model) applyPolicies() {
	for i := range m.posts {
		p := &m.posts[i]
		cp := &m.cfg.Posts[i]
		pol := &cp.Policy
		for w := range cp.Schedule {
			if win := &cp.Schedule[w]; m.day >= win.From && m.day < win.To {
				pol = &win.Policy
			}
		}
		if pol != p.policy {
			p.policy = pol
			p.truth = truth(pol)
		}
	}
}

func (m *Model) stepPosts() {
	for i := range m.posts {
		p := &m.posts[i]
		cp := &m.cfg.Posts[i]
		pol := p.policy // applyPolicies
		// The failure process runs every day, even while a schedule forces
		// the condition, so that forcing one post never shifts the draws
		// of another.
		u := m.postRng.Float64()
		if p.failing {
			p.failing = u >= 1/math.Max(pol.OutageDays, 1)
		} else {
			p.failing = u < pol.OutageStart
		}
		failing := p.failing
		switch pol.Force {
		case ForceFailing:
			failing = true
		case ForceFunctioning:
			failing = false
		}
		c := cp.Capacity * pol.CapacityFactor
		// Day-to-day capacity is log-normal with mean 1 and coefficient of
		// variation CapacityCV; its two uniforms are always drawn, as above.
		u1, u2 := m.postRng.Float64(), m.postRng.Float64()
		if cv := pol.CapacityCV; cv > 0 {
			s2 := portable.Log1p(float64(cv * cv))
			z := math.Sqrt(-2*ln(1-u1)) * portable.Cos(float64(2*math.Pi*u2))
			c *= exp(float64(math.Sqrt(s2)*z) - float64(s2/2))
		}
		if failing {
			c *= pol.FailingCapacity
		}
		p.capToday = wholeCapacity(c, m.postRng.Float64())
		p.down = failing
		// Officials' abuse today: what oversight lets through, raised by
		// the queue they face (yesterday's, as it stands this morning).
		queued := 0
		for _, q := range p.queued {
			queued += q
		}
		ab := &m.cfg.Abuse
		// Pressure is the queue in days of the post's capacity; its effect
		// grows with the log of it, so that a small, overloaded post makes
		// its officials bolder without making them abuse without limit.
		pressure := float64(queued) / math.Max(cp.Capacity*pol.CapacityFactor, 1)
		p.officials = (1 - pol.Oversight) * (1 + float64(ab.QueueEffect*portable.Log1p(pressure)))
		m.offRate[cp.Location] = ab.OfficialViolence * p.officials
	}
}

// truth is the long-run chance that a post lets a migrant of each class
// through: what an accurate source would say. It leaves out congestion
// and bribes. Screening (see process) lets a share of the identified
// vulnerable through on a protection channel; referring the others to a
// centre is help, not passage, and changes no one's chance of passing.
func truth(p *PostPolicy) [numClasses]float64 {
	avail := 1.0
	switch p.Force {
	case ForceFailing:
		avail = p.FailingCapacity
	case ForceNone:
		if p.OutageStart > 0 {
			// Stationary share of days failing in the two-state chain.
			rec := 1 / math.Max(p.OutageDays, 1)
			fail := p.OutageStart / (p.OutageStart + rec)
			avail = 1 - fail + float64(fail*p.FailingCapacity)
		}
	}
	var t [numClasses]float64
	for c := range t {
		documented, vulnerable := c&1 == 1, c >= 2
		pass := 0.0
		switch {
		case admits(p, documented):
			pass = avail * (1 - p.Refusal)
		case p.Admission == AdmitDocumented:
			pass = avail * (1 - p.Refusal) * (1 - p.DocumentCheck) // the checks miss them
		}
		if vulnerable {
			protected := float64(p.Screening * p.AsylumShare)
			pass = float64(protected*avail) + float64((1-protected)*pass)
		}
		t[c] = pass
	}
	return t
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

// maxCapToday is the most a post may admit in a day: more than any queue
// holds, and an int on every platform (int is 32 bits on 386), so that a
// vast capacity times its factor and a rare day-to-day draw (up to 1e9 ×
// 1e6 × e^36) neither overflows the conversion to a count, which would
// give a negative capacity and close the post, nor differs between
// platforms.
const maxCapToday = math.MaxInt32

// wholeCapacity is a day's capacity c as a whole number of migrants:
// rounded up with a chance of its fraction (u is a uniform, always
// drawn), which keeps the mean capacity exact; at most maxCapToday.
func wholeCapacity(c, u float64) int {
	c = min(c, maxCapToday)
	n := int(c)
	if u < c-math.Floor(c) {
		n++
	}
	return n
}
