package sim

import "testing"

// TestQueueOrder: a queue hands entries out in the order they came, across
// its blocks, and reuses the blocks it empties instead of allocating.
func TestQueueOrder(t *testing.T) {
	var q queue
	next, want := int32(0), int32(0)
	push := func(n int) {
		for range n {
			q.push(queueEntry{id: next})
			next++
		}
	}
	pop := func(n int) {
		for range n {
			if e := q.pop(); e.id != want {
				t.Fatalf("popped %d; want %d", e.id, want)
			}
			want++
		}
	}
	push(3*queueBlock + 5)
	pop(2*queueBlock + 7)
	push(queueBlock)
	pop(q.n)
	if q.n != 0 || q.head != 0 || len(q.blocks) != 0 {
		t.Errorf("an empty queue holds %d entries from %d in %d blocks", q.n, q.head, len(q.blocks))
	}
	if allocs := testing.AllocsPerRun(10, func() { push(3 * queueBlock); pop(3 * queueBlock) }); allocs != 0 {
		t.Errorf("refilling a queue to a length it had allocated %v times; want 0", allocs)
	}
}
