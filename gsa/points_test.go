package gsa

import (
	"sync"
	"testing"

	"github.com/borderwork/borderwork/sensitivity"
)

// enteringDesign, when point is first asked for (the first thing a
// pointCache does in building it), closes entered, then waits for
// dropping to close before the point is built.
type enteringDesign struct {
	sensitivity.Design
	point             int
	entered, dropping chan struct{}
	once              sync.Once
}

func (d *enteringDesign) Point(i int, dst []float64) []float64 {
	if i == d.point {
		d.once.Do(func() {
			close(d.entered)
			<-d.dropping
		})
	}
	return d.Design.Point(i, dst)
}

// TestPointCacheDropsWhileBuilding: a point dropped from the cache while
// another goroutine still builds it (as on a machine with more CPUs than
// the cache keeps points: sensitivity prepares GOMAXPROCS points at once,
// and keeps 64) is dropped without a data race, and the goroutine
// building it still gets its scenario. Before, the drop read the point's
// scenario under the cache's lock while the builder wrote it without;
// go test -race flagged TestPointCache now and then, and flags this
// test (20 times in 20) without the fix.
func TestPointCacheDropsWhileBuilding(t *testing.T) {
	s := classroom(t, 30, 2)
	e, _ := ParseEntry("abuse.queue_effect")
	st, err := New(s, "", Spec{Method: Morris, Trajectories: 4, Entries: []Entry{e}, Regimes: []string{"malfunctioning"}})
	if err != nil {
		t.Fatal(err)
	}
	d := &enteringDesign{Design: st.Design, point: 1, entered: make(chan struct{}), dropping: make(chan struct{})}
	st.Design = d
	c := newPointCache(st)
	c.limit = 1
	done := make(chan error)
	go func() {
		ps, err := c.at(1)
		if err == nil && ps == nil {
			t.Error("point 1 built as nothing")
		}
		done <- err
	}()
	<-d.entered
	// Point 1's builder goes on from here: the drop and its build are in
	// no set order, as on a busy machine (though the drop, the nearer,
	// comes first nearly always).
	close(d.dropping)
	if _, err := c.at(2); err != nil { // drops point 1, still being built
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byPoint[1] != nil || len(c.byScen) != 1 || c.byPoint[2] == nil || c.byScen[c.byPoint[2].s] != c.byPoint[2] {
		t.Errorf("the cache holds points %v and %d scenarios; want point 2 alone", c.order, len(c.byScen))
	}
}
