package sim

// Sub-step 3, information: news of posts reaching origins and the rumour
// pools; and how beliefs are stored, heard and learnt.

import "math"

func (m *Model) stepInformation() {
	rate := m.cfg.Information.NewsRate
	for i := range m.posts {
		p := &m.posts[i]
		for c := range p.news {
			if p.tried[c] > 0 && rate > 0 {
				obs := float64(p.passed[c]) / float64(p.tried[c])
				p.news[c] += float64(rate * (obs - p.news[c]))
			}
			p.tried[c], p.passed[c] = 0, 0
		}
	}
	// Tomorrow's pools, in the units beliefs are stored in (1/65535): a
	// migrant who hears pool k moves to
	//
	//	b·(1 − RumourWeight) + RumourWeight·mean_k + (2U − 1)·RumourNoise·65535
	//
	// rounded into 0..65535, U uniform on [0, 1). shift holds what that
	// does not owe to b or U.
	info := &m.cfg.Information
	hear := uint64(math.Ceil(min(max(info.RumourRate, 0), 1) * 0x1p32))
	for i := range m.pools {
		pl := &m.pools[i]
		pl.shift, pl.threshold = 0, 0 // nobody there: no rumour
		if pl.n > 0 {
			pl.shift = info.RumourWeight*float64(pl.sum)/float64(pl.n) - float64(info.RumourNoise*beliefScale)
			pl.threshold = hear
		}
		pl.sum, pl.n = 0, 0
	}
}

// rumourPool is what the migrants of one class at one place say of one
// post: yesterday's, which today's migrants there hear, and today's, which
// tomorrow's will.
type rumourPool struct {
	shift     float64 // RumourWeight × yesterday's mean belief − RumourNoise·65535, in belief units
	threshold uint64  // a 32-bit draw below this hears the pool: RumourRate·2³², or 0 if nobody was there
	sum       uint64  // today: the sum of the beliefs that make tomorrow's pool, as stored (0..65535), so exact in any order
	n         uint64  // today: the migrants who added theirs
}

// hear is a migrant with belief b hearing the pool, with one 64-bit draw
// x, and adding its belief to today's pool. The draw's low 32 bits decide
// whether the migrant hears (below RumourRate·2³², and someone was there
// yesterday), its high 32 bits give the noise U, uniform on [0, 1): two
// independent uniforms of 32 bits, enough for both, from one draw. The
// update is computed either way and kept or not without a branch: whether
// a migrant hears is a coin toss the processor cannot predict. keep and
// slope are the model's rumourKeep and rumourSlope.
func (pl *rumourPool) hear(b uint16, x uint64, keep, slope float64) uint16 {
	heard := beliefUnits(float64(float64(b)*keep) + pl.shift + float64(float64(int64(x>>32))*slope)) // int64: a signed conversion is one instruction
	if x&(1<<32-1) < pl.threshold {
		b = heard
	}
	pl.sum += uint64(b)
	pl.n++
	return b
}

// hearRumour is what the others at the same place say of post p: with
// probability RumourRate the migrant's belief moves RumourWeight of the
// way toward what they believed yesterday, plus noise uniform within
// ±RumourNoise. Its belief joins today's pool either way, as stored, so
// that the pool's sum is an exact integer whatever the order of
// additions (rumourPool.hear). It returns the belief after the rumour.
func (m *Model) hearRumour(id int, mg *Migrant, p int32) float64 {
	pl := &m.pools[(int(mg.Loc)*m.nPst+int(p))*numClasses+classOf(mg)]
	bp := &m.beliefs[id*m.nPst+int(p)]
	b := *bp
	if m.hearsRumours {
		b = pl.hear(b, m.rumours.pcg.Uint64(), m.rumourKeep, m.rumourSlope)
		*bp = b
	} else {
		pl.sum += uint64(b)
		pl.n++
	}
	return float64(float64(b) * (1.0 / beliefScale))
}

func (m *Model) beliefAt(id int, p int32) float64 {
	return float64(float64(m.beliefs[id*m.nPst+int(p)]) * (1.0 / beliefScale))
}

func (m *Model) setBelief(id int, p int32, b float64) {
	m.beliefs[id*m.nPst+int(p)] = toBelief(b)
}

func (m *Model) learn(id int, p int32, target, weight float64) {
	b := m.beliefAt(id, p)
	m.beliefs[id*m.nPst+int(p)] = toBelief(b + float64(weight*(target-b)))
}

// toBelief stores a believed chance b in 0..1 as a multiple of 1/65535.
func toBelief(b float64) uint16 { return beliefUnits(float64(b * beliefScale)) }

// beliefUnits rounds v, a belief in units of 1/65535, into 0..65535
// (half up), without a branch: beliefs near 0 or 1 with noise fall on
// either side of a bound at random.
func beliefUnits(v float64) uint16 {
	return uint16(min(max(int64(v+0.5), 0), beliefScale))
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
