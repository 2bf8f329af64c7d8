package sim

// The Flee rule set (Config.Rules == RulesFlee): a day of a run follows
// Flee's default rules (github.com/djgroen/flee, runscripts/run.py and
// flee/flee.py) instead of borderwork's own. docs/MODEL.md, "The Flee
// rule set", describes it and where it differs from Flee. This file holds
// the state and the day; flee_move.go an agent's moves; flee_route.go
// route choice.

import (
	"math"

	"github.com/borderwork/borderwork/internal/portable"
)

// Streams of the Flee rule set. Spawning has its own, so that the same
// replicate spawns the same agents in the same places under every regime.
// Documents have theirs, so that a share of documented agents changes no
// other draw.
const (
	streamFleeMove  = "flee-move"
	streamFleeSpawn = "flee-spawn"
	streamFleeDocs  = "flee-documents"
)

// fleeRouteCap is the longest route an agent can hold: locations ahead,
// border locations included. Validate refuses regions and awareness
// levels that would need more.
const fleeRouteCap = 8

// fleeAgent is what the Flee rules keep about an agent beyond its
// Migrant: distances, and the route it follows.
// How many locations of its route are left is kept apart, in
// fleeState.left, because every agent's day starts by reading it.
type fleeAgent struct {
	onLink float64 // km covered on the current link
	moved  float64 // km covered today
	// recent is Flee's recent_travel_distance at the end of day
	// recentDay: each day it becomes the mean of itself and the day's km
	// over MaxMoveSpeed. Days without travel only halve it, so it is
	// brought up to date when read (recentOn) instead of every day.
	recent    float64
	recentDay int32
	route     [fleeRouteCap]uint16
	routeN    uint8  // locations in route
	walked    bool   // has finished a link (StartOnFoot walks only the first)
	refused   uint64 // posts (by index, the first 64) that have refused it: it does not try them again
}

// recentOn is a's recent travel at the start of day.
func (a *fleeAgent) recentOn(day int) float64 {
	return math.Ldexp(a.recent, -(day - 1 - int(a.recentDay)))
}

func (f *fleeState) hasRoute(id int) bool { return f.left[id] > 0 }
func (f *fleeState) clearRoute(id int)    { f.left[id] = 0 }

// next is the location agent id goes to next; last, its route's end.
func (f *fleeState) next(id int) uint16 {
	a := &f.agents[id]
	return a.route[a.routeN-f.left[id]]
}

func (f *fleeState) last(id int) uint16 {
	a := &f.agents[id]
	return a.route[a.routeN-1]
}

func (f *fleeState) setRoute(id int, path *[fleeRouteCap]uint16, n uint8) {
	a := &f.agents[id]
	a.route, a.routeN, f.left[id] = *path, n, n
}

// fleeLoc is a location's state under the Flee rules. The flags follow
// Flee's: a location can be a camp and a conflict zone at once, and
// "town" is what avoid_short_stints looks at.
type fleeLoc struct {
	camp, town, marker bool
	post               bool    // a post stands here: agents may wait for it (flee_border.go)
	conflict           float64 // > 0: a conflict zone of this intensity
	conflictStart      int     // day the conflict began, for the decay
	moveChance         float64
	pop                int
	capacity           float64 // capacity × CapacityScaling
	buffered           float64 // CapacityBuffer × capacity: the agents from which the capacity multiplier falls
	n                  int32   // agents here, not counting those on links
	score              float64 // today's
	nextStep           int     // next of Location.Conflict to apply
	skip               int     // trials at moveChance left to fail before the next success (see trial)
	skipFor            float64 // the move chance skip was drawn for
}

type fleeEdge struct{ to, link int32 }

// fleeCand is a route an agent at a location may choose today.
type fleeCand struct {
	path   [fleeRouteCap]uint16
	n      uint8
	end    uint16
	posts  uint64  // posts on the path (the first 64)
	base   float64 // weight before the capacity multiplier and WeightPower
	capped bool    // ends at a location with a capacity, whose multiplier changes as agents move
}

type fleeState struct {
	cfg         *FleeConfig
	reg         *Region
	move, spawn *Stream
	docs        *Stream // nil unless 0 < Documented < 1
	agents      []fleeAgent
	left        []uint8 // per agent: locations of its route still ahead
	// at is each agent's location while it waits there, onLink while it
	// travels: the two daily passes read it, 2 bytes an agent, rather
	// than the agents' 32-byte Migrants.
	at     []uint16
	locs   []fleeLoc
	edges  [][]fleeEdge // by location, in link order
	closed []int32      // per link: closures in force on it
	cands  [][]fleeCand // per location: today's route candidates
	// For a location none of whose candidates is capped, the weights are
	// fixed for the day: their running sums, computed once.
	static      [][]float64 // per location; nil if some candidate is capped
	staticPosts []uint64    // per location: posts on any of its candidates, and here
	weights     []float64   // scratch
	cum         []float64   // scratch
	crossings   []int       // per post: crossings processed today
	debt        int         // negative spawn carried over
	pending     int         // agents asked for on a day without a conflict zone
	changed     bool        // a conflict state changed today
	officials   bool        // some post's officials are violent today
}

// initFlee sets a model up for the Flee rules and puts the day-0
// populations in place (Flee inserts them before the first day).
func (m *Model) initFlee(seed uint64) {
	cfg := m.cfg
	fc := &cfg.Flee
	f := &fleeState{cfg: fc, reg: &cfg.Region, move: NewStream(seed, streamFleeMove), spawn: NewStream(seed, streamFleeSpawn)}
	if fc.Documented > 0 && fc.Documented < 1 {
		f.docs = NewStream(seed, streamFleeDocs)
	}
	n := len(cfg.Region.Locations)
	f.locs = make([]fleeLoc, n)
	for _, p := range cfg.Posts {
		f.locs[p.Location].post = true
	}
	expected := 64
	for i, l := range cfg.Region.Locations {
		L := &f.locs[i]
		switch {
		case l.Kind == KindDestination:
			L.camp, L.moveChance = true, fc.CampMoveChance
		case l.Kind == KindBorder:
			L.marker, L.moveChance = true, 1
		case l.Forward:
			L.moveChance = 1
		default:
			L.town, L.moveChance = true, fc.DefaultMoveChance
		}
		L.pop = l.Population
		L.capacity = float64(l.Capacity) * fc.CapacityScaling
		L.buffered = fc.CapacityBuffer * L.capacity
		expected += l.Initial
	}
	for _, s := range fc.Spawn {
		expected += max(s, 0)
	}
	f.edges = make([][]fleeEdge, n)
	for i, l := range cfg.Region.Links {
		f.edges[l.From] = append(f.edges[l.From], fleeEdge{to: int32(l.To), link: int32(i)})
		f.edges[l.To] = append(f.edges[l.To], fleeEdge{to: int32(l.From), link: int32(i)})
	}
	f.closed = make([]int32, len(cfg.Region.Links))
	f.cands = make([][]fleeCand, n)
	f.static = make([][]float64, n)
	f.staticPosts = make([]uint64, n)
	f.crossings = make([]int, m.nPst)
	f.agents = make([]fleeAgent, 0, expected)
	f.left = make([]uint8, 0, expected)
	f.at = make([]uint16, 0, expected)
	m.allocate(expected) // slab.go
	m.fl = f
	for i, l := range cfg.Region.Locations {
		for range l.Initial {
			m.fleeAdd(i)
		}
	}
}

// fleeAdd creates an agent at loc. Flee agents carry no money or
// vulnerability; a share Documented of them hold documents. They have a
// belief entry per post only so that Model.Belief works for every ID.
func (m *Model) fleeAdd(loc int) {
	var flags Flags
	if d := m.fl.cfg.Documented; d >= 1 || m.fl.docs != nil && m.fl.docs.Float64() < d {
		flags = Documented
	}
	m.migrants = append(m.migrants, Migrant{
		Born: uint16(m.day), Loc: uint16(loc), Prev: uint16(loc), Home: uint16(loc), Dest: uint16(loc), State: Waiting, Flags: flags,
	})
	m.fl.agents = append(m.fl.agents, fleeAgent{recentDay: int32(m.day) - 1})
	m.fl.left = append(m.fl.left, 0)
	m.fl.at = append(m.fl.at, uint16(loc))
	b := toBelief(m.cfg.Information.Prior)
	for range m.nPst {
		m.beliefs = append(m.beliefs, b)
	}
	m.byClass[int(flags&Documented)][Waiting]++ // not vulnerable: class 0 or, with documents, 1 (classOf)
	m.rec.Created++
	m.sumBorn += int64(m.day)
	m.fl.locs[loc].n++
	if m.Sink != nil {
		m.emitCreated(&m.migrants[len(m.migrants)-1], -1) // Flee's agents have no destination
	}
}

// stepFlee is one day under the Flee rules, in run.py's order: conflicts,
// spawning, closures, then Ecosystem.evolve (scores, every agent's
// decision in ID order, every agent's travel in ID order), then records.
// Posts set their condition first, as under borderwork's rules.
func (m *Model) stepFlee() {
	f := m.fl
	if m.cfg.RecordLocations {
		for range m.cfg.Region.Locations {
			m.locs = append(m.locs, LocationDay{})
		}
	}
	m.stepPosts()
	clear(f.crossings)
	f.officials = false
	for _, p := range m.cfg.Posts {
		f.officials = f.officials || m.offRate[p.Location] > 0
	}
	m.fleeConflicts()
	m.fleeSpawn()
	m.fleeClosures()
	m.fleeScores()
	for id, at := range f.at {
		if at >= gone {
			continue // on a link, or dead
		}
		L := &f.locs[at]
		if L.post {
			if f.officials && m.offRate[at] > 0 {
				m.fleeOfficials(id)
			}
			if m.fleeWaitAtPost(id) {
				continue
			}
		}
		// The common case inline: an agent without a route that stays,
		// most often in a camp, counting down its geometric skip.
		if f.left[id] == 0 {
			if L.skip > 0 && L.skipFor == L.moveChance {
				L.skip--
				continue
			}
			if !f.trial(L) {
				continue
			}
		}
		m.fleeGo(id)
	}
	for id, at := range f.at {
		if at == onLink {
			m.fleeAdvance(id)
		}
	}
	// The per-location record is today's count of agents at each location,
	// which the rule set keeps as it goes; stepRecords is spared counting
	// them again over every agent.
	locs := m.locs
	m.locs = nil
	m.stepRecords()
	m.locs = locs
	if locs != nil {
		today := locs[m.day*len(f.locs):]
		for i := range f.locs {
			today[i].Waiting = int(f.locs[i].n)
		}
		m.fleeRecordPosts(today)
	}
}

// fleeConflicts applies the conflict changes of the day.
func (m *Model) fleeConflicts() {
	f := m.fl
	f.changed = false
	for i := range f.locs {
		L := &f.locs[i]
		steps := m.cfg.Region.Locations[i].Conflict
		for L.nextStep < len(steps) && steps[L.nextStep].From <= m.day {
			s := steps[L.nextStep]
			L.nextStep++
			f.changed = true
			if s.Intensity > conflictFloor {
				// Flee's add_conflict_zone: the camp flag, if any, stays.
				L.moveChance, L.conflict, L.town, L.conflictStart = f.cfg.ConflictMoveChance, s.Intensity, false, m.day
			} else {
				L.moveChance, L.conflict, L.town = f.cfg.DefaultMoveChance, 0, true
			}
		}
	}
}

// onLink marks an agent on a link in fleeState.at, gone a dead one
// (Validate allows the Flee rule set at most fleeMaxLocations locations,
// indices below both).
const (
	onLink           = 0xFFFF
	gone             = 0xFFFE
	fleeMaxLocations = gone
)

// conflictFloor is the intensity below which Flee sees no conflict.
const conflictFloor = 0.000001

// fleeDecay is the conflict decay factor of L on day t: the element of
// ConflictSpawnDecay for the interval since its conflict began.
func (f *fleeState) decay(L *fleeLoc, t int) float64 {
	d := f.cfg.ConflictSpawnDecay
	if len(d) == 0 {
		return 1
	}
	i := max(0, min((t-L.conflictStart)/f.cfg.ConflictSpawnDecayInterval, len(d)-1))
	return d[i]
}

// fleeSpawn creates the day's new agents in conflict zones, drawn with
// probability proportional to population × intensity × decay. A
// negative day becomes a debt that the next positive day pays first.
func (m *Model) fleeSpawn() {
	f := m.fl
	want := 0
	if m.day < len(f.cfg.Spawn) {
		want = f.cfg.Spawn[m.day]
	}
	n := want - f.debt
	if n < 0 {
		f.debt, n = -n, 0
	} else {
		f.debt = 0
	}
	n += f.pending
	f.pending = 0
	if n == 0 {
		return
	}
	// Flee draws spawn locations with the weights of its last refresh:
	// yesterday's, unless a conflict changed today (or it is day 0).
	t := m.day - 1
	if m.day == 0 || f.changed {
		t = m.day
	}
	f.cum = f.cum[:0]
	total := 0.0
	for i := range f.locs {
		L := &f.locs[i]
		if L.conflict > 0 {
			total += float64(float64(L.pop) * L.conflict * f.decay(L, t))
		}
		f.cum = append(f.cum, total)
	}
	if !(total > 0) {
		// Flee stops with an assertion here; the agents wait for a day
		// with a conflict zone instead.
		f.pending = n
		return
	}
	for range n {
		u := f.spawn.Float64() * total
		loc := searchCum(f.cum, u)
		m.fleeAdd(loc)
		if f.cfg.TakeFromPopulation && f.locs[loc].pop > 0 {
			f.locs[loc].pop--
		}
	}
}

// searchCum returns the first index whose cumulative weight exceeds u.
func searchCum(cum []float64, u float64) int {
	lo, hi := 0, len(cum)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if cum[mid] > u {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// fleeClosures applies closures that start today and lifts those that end.
func (m *Model) fleeClosures() {
	for _, c := range m.fl.cfg.Closures {
		if m.day == c.From {
			m.fleeClose(c, 1)
		}
		if m.day == c.To {
			m.fleeClose(c, -1)
		}
	}
}

// fleeClose applies (d = 1) or lifts (d = -1) a closure. Links hold a
// count of closures, so overlapping closures of one link nest.
func (m *Model) fleeClose(c Closure, d int32) {
	f := m.fl
	reg := &m.cfg.Region
	switch c.Kind {
	case ClosureCountry:
		for i, l := range reg.Links {
			ca, cb := reg.Locations[l.From].Country, reg.Locations[l.To].Country
			if ca == c.A && cb == c.B || ca == c.B && cb == c.A {
				f.closed[i] += d
			}
		}
	case ClosureLocation:
		for i, l := range reg.Links {
			if l.From == c.A || l.To == c.A {
				f.closed[i] += d
			}
		}
	case ClosureLink:
		f.closed[c.A] += d
	case ClosureCamp:
		L := &f.locs[c.A]
		if d > 0 { // Flee's Location.close_camp: it becomes a town
			L.moveChance, L.camp, L.conflict, L.town = f.cfg.DefaultMoveChance, false, 0, true
		} else { // open_camp
			L.moveChance, L.camp, L.conflict, L.town = f.cfg.CampMoveChance, true, 0, false
		}
	}
}

// fleeScores updates every location's score for the day and the route
// candidates that depend on scores and on which links are open.
func (m *Model) fleeScores() {
	f := m.fl
	fc := f.cfg
	home := 0
	for i := range f.locs {
		L := &f.locs[i]
		s := 1.0
		if m.cfg.Region.Locations[i].Country != home {
			s *= fc.ForeignWeight
		}
		if L.camp {
			s *= fc.CampWeight
		}
		if L.conflict > 0 {
			s *= portable.Pow(fc.ConflictWeight, f.decay(L, m.day)*L.conflict)
		}
		L.score = s
	}
	if fc.AwarenessLevel > 0 {
		for i := range f.locs {
			m.fleeCandidates(i)
		}
	}
}
