package sim

// Route choice under the Flee rules (flee/moving.py: selectRoute,
// calculateLinkWeight; flee/scoring.py).

import "github.com/borderwork/borderwork/internal/portable"

// fleeCandidates lists the routes an agent at from may choose today:
// every simple path of 1..AwarenessLevel hops along open links, each path
// prefix a candidate of its own. Border locations are passed through like
// Flee's markers: they count no hop and are no candidate themselves.
func (m *Model) fleeCandidates(from int) {
	f := m.fl
	f.cands[from] = f.cands[from][:0]
	var path [fleeRouteCap]uint16
	for _, e := range f.edges[from] {
		if f.closed[e.link] == 0 {
			m.fleeVisit(from, e, 0, &path, 0, 1)
		}
	}
	cands := f.cands[from]
	f.static[from] = f.static[from][:0]
	f.staticPosts[from] = 0
	for i := range cands {
		if cands[i].capped {
			f.static[from] = nil
			return
		}
		f.staticPosts[from] |= cands[i].posts
	}
	if p := m.rt.postAt[from]; p >= 0 && p < 64 {
		f.staticPosts[from] |= 1 << p // refused here: crossing from here is no candidate
	}
	w := f.fleeWeights(cands, nil, 0, false)
	sum := 0.0
	for _, x := range w {
		sum += max(x, 0)
		f.static[from] = append(f.static[from], sum)
	}
}

// fleeVisit extends a path of n locations (already dist km long) by edge
// e, at lookahead step.
func (m *Model) fleeVisit(from int, e fleeEdge, dist float64, path *[fleeRouteCap]uint16, n, step int) {
	f := m.fl
	fc := f.cfg
	if n == fleeRouteCap {
		return // Validate makes this unreachable
	}
	x := int(e.to)
	d := dist + m.cfg.Region.Links[e.link].LengthKm
	path[n] = uint16(x)
	n++
	if f.locs[x].marker {
		step--
	} else {
		c := fleeCand{path: *path, n: uint8(n), end: uint16(x), posts: m.fleePostsOn(path[:n]), capped: f.locs[x].capacity >= 1}
		soft := fc.Softening + d
		if fc.DistancePower != 1 {
			soft = portable.Pow(soft, fc.DistancePower)
		}
		c.base = (fc.WeightSoftening + f.locs[x].score) / soft
		f.cands[from] = append(f.cands[from], c)
	}
	if fc.AwarenessLevel <= step {
		return
	}
	for _, e2 := range f.edges[x] {
		if f.closed[e2.link] != 0 || int(e2.to) == from || onPath(path[:n], e2.to) {
			continue
		}
		m.fleeVisit(from, e2, d, path, n, step+1)
	}
}

// fleePostsOn is the set of posts (the first 64) at locations of path.
func (m *Model) fleePostsOn(path []uint16) uint64 {
	var set uint64
	for _, l := range path {
		if p := m.rt.postAt[l]; p >= 0 && p < 64 {
			set |= 1 << p
		}
	}
	return set
}

func onPath(path []uint16, loc int32) bool {
	for _, p := range path {
		if int32(p) == loc {
			return true
		}
	}
	return false
}

// capMultiplier is Flee's getCapMultiplier: 1 below CapacityBuffer of a
// location's capacity, falling linearly to 0 at full capacity. Agents on
// links toward it do not count.
func (f *fleeState) capMultiplier(loc int) float64 {
	L := &f.locs[loc]
	c, n := L.capacity, float64(L.n)
	if c < 1 || n <= L.buffered {
		return 1
	}
	if n >= c {
		return 0
	}
	return 1 - (n-L.buffered)/(c*(1-f.cfg.CapacityBuffer))
}

// fleeChooseRoute draws a route for agent id at loc: a candidate with
// probability proportional to its weight, uniformly if all weigh 0. An
// agent does not try again a post that has refused it. It reports whether
// the agent has a route.
func (m *Model) fleeChooseRoute(id int, loc int) bool {
	f := m.fl
	fc := f.cfg
	mg := &m.migrants[id]
	if fc.AwarenessLevel == 0 {
		// Flee picks a random link here (and, through a quirk, never
		// follows it); the intent, a random open link, is what runs.
		var open []int32
		for _, e := range f.edges[loc] {
			if f.closed[e.link] == 0 {
				open = append(open, e.to)
			}
		}
		if len(open) == 0 {
			return false
		}
		k := min(int(f.move.Float64()*float64(len(open))), len(open)-1)
		var path [fleeRouteCap]uint16
		path[0] = uint16(open[k])
		f.setRoute(id, &path, 1)
		return true
	}
	cands := f.cands[loc]
	a := &f.agents[id]
	if cum := f.static[loc]; cum != nil && a.refused&f.staticPosts[loc] == 0 {
		// The day's weights, summed once: the same draw as below.
		if len(cum) == 0 {
			return false
		}
		u, total := f.move.Float64(), cum[len(cum)-1]
		pick := len(cum) - 1
		if total > 0 {
			target := u * total
			for i, c := range cum {
				if c > target {
					pick = i
					break
				}
			}
		} else {
			pick = min(int(u*float64(len(cum))), len(cum)-1)
		}
		f.setRoute(id, &cands[pick].path, cands[pick].n)
		return true
	}
	// A post that refused the agent is no way for it any more: neither the
	// post here, if crossing there, nor a post on a route.
	refusedHere := false
	if p := m.rt.postAt[loc]; p >= 0 && p < 64 {
		refusedHere = a.refused&(1<<p) != 0
	}
	f.weights = f.fleeWeights(cands, mg, a.refused, refusedHere)
	total, count := 0.0, 0
	for _, w := range f.weights {
		if w >= 0 {
			total += w
			count++
		}
	}
	if count == 0 {
		return false
	}
	u := f.move.Float64()
	pick := -1
	if total > 0 {
		target, acc := u*total, 0.0
		for i, w := range f.weights {
			if w > 0 {
				acc += w
				pick = i
				if acc > target {
					break
				}
			}
		}
	} else {
		k := min(int(u*float64(count)), count-1)
		for i, w := range f.weights {
			if w >= 0 {
				if k == 0 {
					pick = i
					break
				}
				k--
			}
		}
	}
	f.setRoute(id, &cands[pick].path, cands[pick].n)
	return true
}

// fleeWeights returns the weights of cands for an agent (mg, which has
// been refused by the posts in refused, and here if refusedHere; mg nil
// for none), into f.weights: -1 for a route that is no candidate for it
// or is pruned.
func (f *fleeState) fleeWeights(cands []fleeCand, mg *Migrant, refused uint64, refusedHere bool) []float64 {
	fc := f.cfg
	w := f.weights[:0]
	best := 0.0
	for i := range cands {
		c := &cands[i]
		x := -1.0
		if c.posts&refused == 0 && !(refusedHere && f.crossesFrom(mg, int(c.path[0]))) {
			x = c.base * f.capMultiplier(int(c.end))
			if fc.WeightPower != 1 {
				x = portable.Pow(x, fc.WeightPower)
			}
			best = max(best, x)
		}
		w = append(w, x)
	}
	if fc.PruningThreshold > 1.001 {
		for i, x := range w {
			if x >= 0 && x < best/fc.PruningThreshold {
				w[i] = -1
			}
		}
	}
	f.weights = w
	return w
}

// crossesFrom is Model.crosses for the Flee rules' state.
func (f *fleeState) crossesFrom(mg *Migrant, next int) bool {
	return f.reg.Locations[next].Country != f.reg.Locations[mg.Prev].Country
}

// fleeMaxRoute is the longest candidate route any location could have
// with every link open: Validate holds it to fleeRouteCap.
func fleeMaxRoute(c *Config) int {
	n := len(c.Region.Locations)
	edges := make([][]fleeEdge, n)
	for i, l := range c.Region.Links {
		edges[l.From] = append(edges[l.From], fleeEdge{to: int32(l.To), link: int32(i)})
		edges[l.To] = append(edges[l.To], fleeEdge{to: int32(l.From), link: int32(i)})
	}
	longest := 0
	var path []int32
	var visit func(from int, e fleeEdge, step int) bool
	visit = func(from int, e fleeEdge, step int) bool {
		path = append(path, e.to)
		defer func() { path = path[:len(path)-1] }()
		longest = max(longest, len(path))
		if longest > fleeRouteCap {
			return false
		}
		if c.Region.Locations[e.to].Kind == KindBorder {
			step--
		}
		if c.Flee.AwarenessLevel <= step {
			return true
		}
		for _, e2 := range edges[e.to] {
			if int(e2.to) == from || containsLoc(path, e2.to) {
				continue
			}
			if !visit(from, e2, step+1) {
				return false
			}
		}
		return true
	}
	for from := range n {
		for _, e := range edges[from] {
			if !visit(from, e, 1) {
				return longest
			}
		}
	}
	return longest
}

func containsLoc(path []int32, loc int32) bool {
	for _, p := range path {
		if p == loc {
			return true
		}
	}
	return false
}
