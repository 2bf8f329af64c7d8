package sim

// Sub-step 3, information: news of posts reaching origins and the rumour
// pools; and how beliefs are stored, heard and learnt.

func (m *Model) stepInformation() {
	rate := m.cfg.Information.NewsRate
	for i := range m.posts {
		p := &m.posts[i]
		for c := range p.news {
			if p.tried[c] > 0 && rate > 0 {
				obs := float64(p.passed[c]) / float64(p.tried[c])
				p.news[c] += rate * (obs - p.news[c])
			}
			p.tried[c], p.passed[c] = 0, 0
		}
	}
	for i := range m.poolSum {
		if m.poolN[i] > 0 {
			m.poolMean[i] = m.poolSum[i] / float32(m.poolN[i])
		} else {
			m.poolMean[i] = -1 // nobody there: no rumour
		}
		m.poolSum[i], m.poolN[i] = 0, 0
	}
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

func (m *Model) beliefAt(id int, p int32) float64 {
	return float64(m.beliefs[id*m.nPst+int(p)]) * (1.0 / beliefScale)
}

func (m *Model) setBelief(id int, p int32, b float64) {
	m.beliefs[id*m.nPst+int(p)] = toBelief(b)
}

func (m *Model) learn(id int, p int32, target, weight float64) {
	b := m.beliefAt(id, p)
	m.beliefs[id*m.nPst+int(p)] = toBelief(b + weight*(target-b))
}

func toBelief(b float64) uint16 {
	if b <= 0 {
		return 0
	}
	if b >= 1 {
		return beliefScale
	}
	return uint16(b*beliefScale + 0.5)
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
