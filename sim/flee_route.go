package sim

// Route choice under the Flee rules (flee/moving.py: selectRoute,
// calculateLinkWeight; flee/scoring.py).

import "math"

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
		c := fleeCand{path: *path, n: uint8(n), end: uint16(x)}
		soft := fc.Softening + d
		if fc.DistancePower != 1 {
			soft = math.Pow(soft, fc.DistancePower)
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
// agent refused at a post here does not try to cross it again from here.
// It reports whether the agent has a route.
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
	refused := mg.Flags&Refused != 0
	prune := fc.PruningThreshold > 1.001
	// Weights go to f.weights, -1 for routes that are no candidate.
	f.weights = f.weights[:0]
	best, total, count := 0.0, 0.0, 0
	for i := range cands {
		c := &cands[i]
		w := -1.0
		if !refused || !m.crosses(mg, int32(c.path[0])) {
			w = c.base * f.capMultiplier(int(c.end))
			if fc.WeightPower != 1 {
				w = math.Pow(w, fc.WeightPower)
			}
			if w > best {
				best = w
			}
			total += w
			count++
		}
		f.weights = append(f.weights, w)
	}
	if prune {
		total, count = 0, 0
		for i, w := range f.weights {
			if w >= 0 && w < best/fc.PruningThreshold {
				f.weights[i] = -1
			} else if w >= 0 {
				total += w
				count++
			}
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
