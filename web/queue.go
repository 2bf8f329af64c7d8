//go:build !(js && wasm)

package web

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"
)

// queue hands out a fixed number of slots to experiments in the order
// they asked, and tells those waiting how many are ahead of them and,
// once an experiment has finished, about how long they will wait.
type queue struct {
	mu      sync.Mutex
	slots   int       // at most this many run at once
	limit   int       // at most this many wait; <= 0: no bound
	running []*turn   // the experiments holding slots
	waiting []*waiter // in arrival order
	// rate is the work a slot did a second in the experiments finished
	// last (a mean in which the last counts half); 0 until one has.
	rate float64
	now  func() time.Time // the clock: time.Now unless a test sets it
}

// turn is an experiment holding a slot: its work, and when it began.
type turn struct {
	work  float64
	start time.Time
}

// waiter is one experiment waiting for a slot.
type waiter struct {
	work  float64
	ready chan struct{} // closed when the slot is handed over
	moved chan struct{} // signalled when the number ahead may have changed
	turn  *turn         // the slot's, once handed over
}

// errQueueFull refuses an experiment when too many wait already.
var errQueueFull = errors.New("too many experiments are waiting")

// acquire waits for a slot, in arrival order, for an experiment of the
// given work (as Limits.MaxWork counts it), and returns the function
// that frees it, to be told whether the experiment ran to its end (only
// those say how fast a slot works). While it waits, it tells wait how
// many experiments are ahead (running or waiting), and about how long
// until its turn (negative: not known yet), each time the number ahead
// changes. It returns ctx's error if ctx ends first, and errQueueFull,
// before any call of wait, if too many wait already.
//
// The wait is a guess from the wall clock, for people; it reaches no
// result.
func (q *queue) acquire(ctx context.Context, work float64, wait func(ahead int, eta time.Duration)) (release func(finished bool), err error) {
	q.mu.Lock()
	if len(q.running) < q.slots && len(q.waiting) == 0 {
		t := q.begin(work)
		q.mu.Unlock()
		return q.releaser(t), nil
	}
	if q.limit > 0 && len(q.waiting) >= q.limit {
		q.mu.Unlock()
		return nil, errQueueFull
	}
	w := &waiter{work: work, ready: make(chan struct{}), moved: make(chan struct{}, 1)}
	q.waiting = append(q.waiting, w)
	q.mu.Unlock()
	told := -1
	for {
		if ahead, eta := q.ahead(w); ahead >= 0 && ahead != told {
			told = ahead
			wait(ahead, eta)
		}
		select {
		case <-w.ready:
			return q.releaser(w.turn), nil
		case <-w.moved:
		case <-ctx.Done():
			q.mu.Lock()
			i := q.index(w)
			if i < 0 { // handed a slot meanwhile: give it on
				q.mu.Unlock()
				q.releaser(w.turn)(false)
				return nil, ctx.Err()
			}
			q.waiting = append(q.waiting[:i], q.waiting[i+1:]...)
			q.notify(i)
			q.mu.Unlock()
			return nil, ctx.Err()
		}
	}
}

// begin gives a slot to an experiment of the given work; q.mu is held.
func (q *queue) begin(work float64) *turn {
	t := &turn{work: work, start: q.clock()}
	q.running = append(q.running, t)
	return t
}

func (q *queue) clock() time.Time {
	if q.now != nil {
		return q.now()
	}
	return time.Now()
}

// size is how many experiments run or wait.
func (q *queue) size() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.running) + len(q.waiting)
}

// runs is how many experiments hold slots.
func (q *queue) runs() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.running)
}

// ahead is how many experiments run or wait before w, -1 once w has its
// slot; and about how long until w's turn, negative if not known.
func (q *queue) ahead(w *waiter) (int, time.Duration) {
	q.mu.Lock()
	defer q.mu.Unlock()
	i := q.index(w)
	if i < 0 {
		return -1, -1
	}
	return len(q.running) + i, q.eta(i)
}

// eta is about how long until the waiter at index i has a slot: the
// experiments running end when their work at q.rate is done (now, if
// they are late), and each waiting before it takes the first slot free.
// Negative if no experiment has finished to give a rate. q.mu is held.
func (q *queue) eta(i int) time.Duration {
	if q.rate <= 0 {
		return -1
	}
	now := q.clock()
	free := make([]float64, q.slots) // seconds until each slot is free
	for k, t := range q.running {
		free[k] = max(0, t.work/q.rate-now.Sub(t.start).Seconds())
	}
	for _, w := range q.waiting[:i] {
		free[slices.Index(free, slices.Min(free))] += w.work / q.rate
	}
	return time.Duration(slices.Min(free) * float64(time.Second))
}

func (q *queue) index(w *waiter) int {
	for i, o := range q.waiting {
		if o == w {
			return i
		}
	}
	return -1
}

// notify tells the waiters from position i on that they moved up.
func (q *queue) notify(from int) {
	for _, w := range q.waiting[from:] {
		select {
		case w.moved <- struct{}{}:
		default: // already told
		}
	}
}

// releaser is the function that frees t's slot: it goes to the first
// waiter, if any. An experiment that ran to its end updates the rate.
func (q *queue) releaser(t *turn) func(finished bool) {
	return func(finished bool) {
		q.mu.Lock()
		defer q.mu.Unlock()
		if secs := q.clock().Sub(t.start).Seconds(); finished && secs > 0 && t.work > 0 {
			if r := t.work / secs; q.rate == 0 {
				q.rate = r
			} else {
				q.rate = (q.rate + r) / 2
			}
		}
		q.running = slices.DeleteFunc(q.running, func(o *turn) bool { return o == t })
		if len(q.waiting) == 0 {
			return
		}
		w := q.waiting[0]
		q.waiting = q.waiting[1:]
		w.turn = q.begin(w.work)
		close(w.ready)
		q.notify(0)
	}
}
