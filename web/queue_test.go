//go:build !(js && wasm)

package web

import (
	"context"
	"errors"
	"testing"
)

// waiting is one experiment waiting for a slot of a queue in a test.
type waiting struct {
	told    chan int    // each number ahead it is told
	done    chan error  // nil when it has its slot
	release chan func() // then, the function that frees it
}

// wait starts an experiment waiting for a slot of q and returns once it
// is in the queue, told how many are ahead.
func wait(t *testing.T, ctx context.Context, q *queue) (*waiting, int) {
	t.Helper()
	w := &waiting{told: make(chan int, 10), done: make(chan error, 1), release: make(chan func(), 1)}
	go func() {
		r, err := q.acquire(ctx, func(ahead int) { w.told <- ahead })
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
	first, err := q.acquire(context.Background(), func(int) { t.Error("the first experiment waited") })
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
	if _, err := q.acquire(context.Background(), func(int) { t.Error("D waited in a full queue") }); !errors.Is(err, errQueueFull) {
		t.Errorf("a fourth waiter: %v; want errQueueFull", err)
	}

	cancelB()
	if err := <-b.done; !errors.Is(err, context.Canceled) {
		t.Fatalf("B, cancelled: %v", err)
	}
	if n := <-c.told; n != 2 {
		t.Errorf("when B left, C was told %d are ahead; want 2", n)
	}
	first()
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
	(<-a.release)()
	if err := <-c.done; err != nil {
		t.Fatalf("C: %v", err)
	}
	(<-c.release)()
	if q.running != 0 || len(q.waiting) != 0 || len(a.told)+len(c.told) != 0 {
		t.Errorf("after everyone: %d running, %d waiting, %d more told; want none", q.running, len(q.waiting), len(a.told)+len(c.told))
	}
}
