//go:build !(js && wasm)

package web

import (
	"context"
	"errors"
	"sync"
)

// queue hands out a fixed number of slots to experiments in the order
// they asked, and tells those waiting how many are ahead of them.
type queue struct {
	mu      sync.Mutex
	slots   int       // at most this many run at once
	limit   int       // at most this many wait; <= 0: no bound
	running int       // slots in use
	waiting []*waiter // in arrival order
}

// waiter is one experiment waiting for a slot.
type waiter struct {
	ready chan struct{} // closed when the slot is handed over
	moved chan struct{} // signalled when the number ahead may have changed
}

// errQueueFull refuses an experiment when too many wait already.
var errQueueFull = errors.New("too many experiments are waiting")

// acquire waits for a slot, in arrival order, and returns the function
// that frees it. While it waits, it tells wait how many experiments are
// ahead (running or waiting), each time that number changes. It returns
// ctx's error if ctx ends first, and errQueueFull, before any call of
// wait, if too many wait already.
func (q *queue) acquire(ctx context.Context, wait func(ahead int)) (release func(), err error) {
	q.mu.Lock()
	if q.running < q.slots && len(q.waiting) == 0 {
		q.running++
		q.mu.Unlock()
		return q.release, nil
	}
	if q.limit > 0 && len(q.waiting) >= q.limit {
		q.mu.Unlock()
		return nil, errQueueFull
	}
	w := &waiter{ready: make(chan struct{}), moved: make(chan struct{}, 1)}
	q.waiting = append(q.waiting, w)
	q.mu.Unlock()
	told := -1
	for {
		if ahead := q.ahead(w); ahead >= 0 && ahead != told {
			told = ahead
			wait(ahead)
		}
		select {
		case <-w.ready:
			return q.release, nil
		case <-w.moved:
		case <-ctx.Done():
			q.mu.Lock()
			i := q.index(w)
			if i < 0 { // handed a slot meanwhile: give it on
				q.mu.Unlock()
				q.release()
				return nil, ctx.Err()
			}
			q.waiting = append(q.waiting[:i], q.waiting[i+1:]...)
			q.notify(i)
			q.mu.Unlock()
			return nil, ctx.Err()
		}
	}
}

// size is how many experiments run or wait.
func (q *queue) size() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.running + len(q.waiting)
}

// ahead is how many experiments run or wait before w; -1 once w has its
// slot.
func (q *queue) ahead(w *waiter) int {
	q.mu.Lock()
	defer q.mu.Unlock()
	i := q.index(w)
	if i < 0 {
		return -1
	}
	return q.running + i
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

// release frees a slot: it goes to the first waiter, if any.
func (q *queue) release() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.waiting) == 0 {
		q.running--
		return
	}
	w := q.waiting[0]
	q.waiting = q.waiting[1:]
	close(w.ready)
	q.notify(0)
}
