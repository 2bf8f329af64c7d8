package sim

import (
	"reflect"
	"runtime"
	"runtime/debug"
	"sync"
	"testing"
)

// TestSlabReuseChangesNothing runs a model on the slab of an earlier run
// filled with garbage, and requires the same records as a run on fresh
// memory: the model must write every element it reads.
func TestSlabReuseChangesNothing(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(-1)) // a collection would empty the pool
	// One P: a sync.Pool keeps what is Put in the putting P's private
	// slot, which a Get on another P cannot take, and the goroutine may
	// move between Ps between the Put and the run's Get (it did under
	// qemu-aarch64 in CI, failing "did not take the slab").
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	slabs = sync.Pool{}
	defer func() { slabs = sync.Pool{} }()

	for _, tc := range []struct {
		name string
		cfg  *Config
	}{
		{"small", smallConfig()},
		{"chain", chainConfig(5000)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fresh, err := Run(tc.cfg, ReplicateSeed(3, 1))
			if err != nil {
				t.Fatal(err)
			}
			// Under -race, Put drops what it is given one time in four, at
			// random: the slab is given again until the run takes it.
			var reused *Result
			taken := false
			for try := 0; try < 20 && !taken; try++ {
				slabs = sync.Pool{}
				garbage := &slab{
					migrants: make([]Migrant, 50_000),
					beliefs:  make([]uint16, 50_000*8),
					live:     make([]uint64, 50_000/64+1),
				}
				for i := range garbage.migrants {
					garbage.migrants[i] = Migrant{Money: -1, Loc: 7, Next: 9, DaysLeft: 3, DaysHere: 999, State: Dead, Vuln: Sick, Flags: ^Flags(0)}
				}
				for i := range garbage.beliefs {
					garbage.beliefs[i] = 0xffff
				}
				for i := range garbage.live {
					garbage.live[i] = ^uint64(0)
				}
				first := &garbage.migrants[0]
				slabs.Put(garbage)

				if reused, err = Run(tc.cfg, ReplicateSeed(3, 1)); err != nil {
					t.Fatal(err)
				}
				s := takeSlab()
				taken = cap(s.migrants) > 0 && &s.migrants[:1][0] == first
			}
			if !taken {
				t.Fatal("the run did not take the slab given to it, 20 times; the test shows nothing")
			}
			if !reflect.DeepEqual(fresh, reused) {
				t.Error("a run on an earlier run's slab gave other records than a run on fresh memory")
			}
		})
	}
}
