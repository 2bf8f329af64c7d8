package sim

import "sync"

// slab is a finished run's largest slices (the migrants, their beliefs,
// the bitmap of live ones), kept for the next run of this process. A
// sweep runs thousands of models one after another on each worker:
// reusing these saves it most of what it allocates, the garbage
// collector's work on it and the page faults of fresh memory. The model
// only ever appends to them, so nothing of an earlier run can reach a
// result.
type slab struct {
	migrants []Migrant
	beliefs  []uint16
	live     []uint64
}

// slabs holds the slabs of finished runs. A run that does not find one
// big enough allocates its own.
var slabs sync.Pool

// takeSlab is a slab from a finished run, or an empty one.
func takeSlab() *slab {
	if s, ok := slabs.Get().(*slab); ok {
		return s
	}
	return &slab{}
}

// emptied is s with length 0 if it can hold n elements, else a new slice
// with room for n.
func emptied[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:0]
	}
	return make([]T, 0, n)
}

// allocate gives the model room for n migrants, from a finished run's
// slab where it is big enough.
func (m *Model) allocate(n int) {
	s := takeSlab()
	m.migrants = emptied(s.migrants, n)
	m.beliefs = emptied(s.beliefs, n*m.nPst)
	m.live = emptied(s.live, (n+63)/64)
}

// release hands the model's slices on to the next run. The model must not
// be used again: only RunEvents, which built it and keeps only its
// records, calls it.
func (m *Model) release() {
	slabs.Put(&slab{migrants: m.migrants[:0], beliefs: m.beliefs[:0], live: m.live[:0]})
	m.migrants, m.beliefs, m.live = nil, nil, nil
}
