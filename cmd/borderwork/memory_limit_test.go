package main

import (
	"runtime/debug"
	"testing"
)

// TestLimitsHoldTheProcess: the memory limit a command checks its plan
// against becomes the runtime's soft memory limit (in the binary: main
// sets holdMemoryTo), the flag's over the environment's, and a lower one
// already set stays. Not parallel: it swaps a package variable and the
// process's limit, and puts both back.
func TestLimitsHoldTheProcess(t *testing.T) {
	var held []int64
	defer func(f func(int64)) { holdMemoryTo = f }(holdMemoryTo)
	holdMemoryTo = func(n int64) { held = append(held, n) }
	t.Setenv("BORDERWORK_MAX_MEMORY", "2GiB")
	if _, err := (&limitFlags{}).get(); err != nil {
		t.Fatal(err)
	}
	if _, err := (&limitFlags{memory: "300MiB"}).get(); err != nil {
		t.Fatal(err)
	}
	if want := []int64{2 << 30, 300 << 20}; len(held) != 2 || held[0] != want[0] || held[1] != want[1] {
		t.Errorf("held the process to %v; want %v", held, want)
	}

	before := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(before)
	const gib int64 = 1 << 30 // typed: 8 GiB overflows a 32-bit int
	debug.SetMemoryLimit(1024 * gib)
	lowerMemoryLimit(8 * gib)
	if got := debug.SetMemoryLimit(-1); got != 8*gib {
		t.Errorf("limit %d after lowering to 8 GiB; want %d", got, 8*gib)
	}
	lowerMemoryLimit(16 * gib) // a GOMEMLIMIT of 8 GiB stays
	if got := debug.SetMemoryLimit(-1); got != 8*gib {
		t.Errorf("limit %d after asking for 16 GiB under 8; want 8 GiB kept", got)
	}
}
