package gsa

import (
	"slices"
	"strconv"
	"sync"

	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/sim"
)

// pointCache keeps the scenarios and configurations of the points built
// last. experiment runs a plan run by run, and a point has a run per arm
// and replicate, each of which asks for the point's scenario and its
// arm's configuration: building them once per point rather than once per
// run saves most of the time a cheap scenario spends outside the engine.
// It only memoises (a point's scenario and configurations depend on the
// point alone), so it changes no result.
type pointCache struct {
	st    *Study
	limit int // points kept; the oldest is dropped beyond it

	mu      sync.Mutex
	byPoint map[int]*cachedPoint                 // looked up, never ranged over
	byScen  map[*scenarios.Scenario]*cachedPoint // the same entries, by their scenario
	order   []int                                // points cached, oldest first
}

type cachedPoint struct {
	point int
	once  sync.Once
	s     *scenarios.Scenario // set in once, under pointCache.mu
	err   error

	mu   sync.Mutex // builds one configuration of the point at a time
	cfgs []*sim.Config
}

// cachedPoints is how many points a pointCache keeps: far more than the
// runs experiment holds ahead of the one it writes (a few per worker).
const cachedPoints = 64

func newPointCache(st *Study) *pointCache {
	return &pointCache{st: st, limit: cachedPoints, byPoint: map[int]*cachedPoint{}, byScen: map[*scenarios.Scenario]*cachedPoint{}}
}

// at is the scenario of point p (not yet validated), built once.
func (c *pointCache) at(p int) (*scenarios.Scenario, error) {
	c.mu.Lock()
	e := c.byPoint[p]
	if e == nil {
		e = &cachedPoint{point: p, cfgs: make([]*sim.Config, len(c.st.Arms))}
		c.byPoint[p] = e
		c.order = append(c.order, p)
		if len(c.order) > c.limit {
			old := c.byPoint[c.order[0]]
			delete(c.byPoint, old.point)
			if old.s != nil {
				delete(c.byScen, old.s)
			}
			c.order = c.order[1:]
		}
	}
	c.mu.Unlock()
	e.once.Do(func() {
		s, err := c.st.withValues(c.st.Design.Point(p, nil), "sensitivity point "+strconv.Itoa(p))
		// e.s is set under c.mu, since dropping e (above, in another
		// goroutine, while this one builds) reads it there; it is read
		// unlocked only after once.Do.
		c.mu.Lock()
		e.s, e.err = s, err
		if err == nil && c.byPoint[p] == e { // not dropped meanwhile
			c.byScen[s] = e
		}
		c.mu.Unlock()
	})
	return e.s, e.err
}

// configure is the configuration of arm on a point's scenario ps, built
// once per point while the point is cached.
func (c *pointCache) configure(ps *scenarios.Scenario, arm string) (*sim.Config, error) {
	a := slices.Index(c.st.Arms, arm)
	c.mu.Lock()
	e := c.byScen[ps]
	c.mu.Unlock()
	if e == nil || a < 0 {
		// Not a cached point's (or dropped meanwhile): runs may share ps,
		// so configure a copy of it.
		return c.st.configure(ps.Clone(), arm)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.cfgs[a] == nil {
		cfg, err := c.st.configure(ps, arm)
		if err != nil {
			return nil, err
		}
		e.cfgs[a] = cfg
	}
	return e.cfgs[a], nil
}

// configure builds the configuration of arm on a point's scenario: the
// claim's cell, or the scenario's regime.
func (st *Study) configure(ps *scenarios.Scenario, arm string) (*sim.Config, error) {
	if st.cells != nil {
		return st.configureCell(ps, arm)
	}
	return ps.Config(arm)
}
