//go:build !(js && wasm)

package web

import (
	"context"
	"errors"
	"testing"
	"time"
)

// waiting is one experiment waiting for a slot of a queue in a test.
type waiting struct {
	told    chan int        // each number ahead it is told
	done    chan error      // nil when it has its slot
	release chan func(bool) // then, the function that frees it
}

// wait starts an experiment waiting for a slot of q and returns once it
// is in the queue, told how many are ahead.
func wait(t *testing.T, ctx context.Context, q *queue) (*waiting, int) {
	t.Helper()
	w := &waiting{told: make(chan int, 10), done: make(chan error, 1), release: make(chan func(bool), 1)}
	go func() {
		r, err := q.acquire(ctx, 1, func(ahead int, _ time.Duration) { w.told <- ahead })
		w.done <- err
		if err == nil {
			w.release <- r
		}
	}()
	return w, <-w.told
}

// TestQueueOrder: experiments get their slots in the order they came,
// each told how many are ahead whenever that changes; one that gives up
// leaves the queue and those behind it move up; a full queue refuses.
func TestQueueOrder(t *testing.T) {
	q := &queue{slots: 1, limit: 3}
	first, err := q.acquire(context.Background(), 1, func(int, time.Duration) { t.Error("the first experiment waited") })
	if err != nil {
		t.Fatal(err)
	}
	ctxB, cancelB := context.WithCancel(context.Background())
	a, aheadA := wait(t, context.Background(), q)
	b, aheadB := wait(t, ctxB, q)
	c, aheadC := wait(t, context.Background(), q)
	if aheadA != 1 || aheadB != 2 || aheadC != 3 {
		t.Errorf("A, B and C were told %d, %d and %d are ahead; want 1, 2 and 3", aheadA, aheadB, aheadC)
	}
	if _, err := q.acquire(context.Background(), 1, func(int, time.Duration) { t.Error("D waited in a full queue") }); !errors.Is(err, errQueueFull) {
		t.Errorf("a fourth waiter: %v; want errQueueFull", err)
	}

	cancelB()
	if err := <-b.done; !errors.Is(err, context.Canceled) {
		t.Fatalf("B, cancelled: %v", err)
	}
	if n := <-c.told; n != 2 {
		t.Errorf("when B left, C was told %d are ahead; want 2", n)
	}
	first(false)
	if err := <-a.done; err != nil {
		t.Fatalf("A, first in the queue: %v", err)
	}
	if n := <-c.told; n != 1 {
		t.Errorf("when A had its slot, C was told %d are ahead; want 1", n)
	}
	select {
	case err := <-c.done:
		t.Fatalf("C had its turn (%v) while A ran", err)
	default:
	}
	(<-a.release)(false)
	if err := <-c.done; err != nil {
		t.Fatalf("C: %v", err)
	}
	(<-c.release)(false)
	if len(q.running) != 0 || len(q.waiting) != 0 || len(a.told)+len(c.told) != 0 {
		t.Errorf("after everyone: %d running, %d waiting, %d more told; want none", len(q.running), len(q.waiting), len(a.told)+len(c.told))
	}
}

// TestQueueGuessesTheWait: until an experiment has run to its end the
// wait is not guessed; then each waiter is told about how long until its
// turn, from the work ahead of it at the rate the finished one ran: the
// running experiments' work left, and the waiters' before it, each on
// the first slot free. An experiment stopped early does not set the rate.
func TestQueueGuessesTheWait(t *testing.T) {
	clock := time.Unix(0, 0)
	q := &queue{slots: 2, now: func() time.Time { return clock }}
	advance := func(d time.Duration) { // under the lock the queue reads it in
		q.mu.Lock()
		clock = clock.Add(d)
		q.mu.Unlock()
	}
	guess := func(work float64) time.Duration {
		t.Helper()
		before := q.size()
		got := make(chan time.Duration, 1)
		ctx, cancel := context.WithCancel(context.Background())
		go q.acquire(ctx, work, func(_ int, eta time.Duration) {
			select {
			case got <- eta:
			default:
			}
		})
		eta := <-got
		cancel()
		for q.size() > before { // it leaves the queue
			time.Sleep(time.Millisecond)
		}
		return eta
	}
	never := func(int, time.Duration) { t.Error("an experiment waited with a slot free") }
	a, _ := q.acquire(context.Background(), 100, never)
	stopped, _ := q.acquire(context.Background(), 100, never)
	if eta := guess(50); eta >= 0 {
		t.Errorf("before any experiment finished, the wait was guessed as %v; want no guess", eta)
	}
	advance(10 * time.Second)
	stopped(false) // stopped early: says nothing of the rate
	b, _ := q.acquire(context.Background(), 300, never)
	if eta := guess(50); eta >= 0 {
		t.Errorf("after an experiment stopped early, the wait was guessed as %v; want no guess", eta)
	}
	a(true) // 100 in 10 s: 10 a second
	c, _ := q.acquire(context.Background(), 40, never)
	advance(2 * time.Second)
	// b has 300 - 20 left (28 s), c 40 - 20 (2 s): a waiter's slot is c's.
	if eta := guess(50); eta != 2*time.Second {
		t.Errorf("the wait behind b (28 s left) and c (2 s left) was guessed as %v; want 2s", eta)
	}
	// Behind a waiter of 5 s: it takes c's slot, free in 2 s, which is
	// free again at 7 s, before b's at 28 s.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go q.acquire(ctx, 50, func(int, time.Duration) {})
	for q.size() < 3 {
		time.Sleep(time.Millisecond)
	}
	if eta := guess(10); eta != 7*time.Second {
		t.Errorf("the wait behind a waiter of 5 s, with c's slot free in 2 s and b's in 28 s, was guessed as %v; want 7s", eta)
	}
	cancel()
	b(true)
	c(true)
}
