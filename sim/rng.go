package sim

import (
	"math/rand/v2"
)

// SplitMix64 is the finaliser of Steele, Lea and Flood's SplitMix64
// generator (the constants of Java's SplittableRandom). It is a bijection on
// uint64 that spreads every input bit over every output bit, which is what a
// seed-mixing function needs: nearby inputs (seed 1 and seed 2, replicate 7
// and replicate 8) give unrelated outputs.
func SplitMix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// ReplicateSeed derives the seed of replicate rep from the master seed.
// It depends on nothing else, so replicate r faces the same migrants under
// every regime and at every sweep point (common random numbers), however
// runs are ordered, split into shards or spread over workers.
func ReplicateSeed(master uint64, rep int) uint64 {
	return SplitMix64(SplitMix64(master) ^ uint64(rep))
}

// streamKey is FNV-1a over the stream's name: a fixed, documented way to
// turn a name into 64 bits.
func streamKey(name string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(name); i++ {
		h ^= uint64(name[i])
		h *= 1099511628211
	}
	return h
}

// Stream is one named random process of one replicate: a PCG generator
// (math/rand/v2) seeded from (replicate seed, stream name). Separate streams
// mean that a change to how often one process draws does not shift the
// draws of any other.
type Stream struct {
	pcg rand.PCG
	r   *rand.Rand // for the less frequent draws (IntN)
}

// NewStream returns the stream called name of the replicate whose seed is
// repSeed. The two PCG seeds are successive SplitMix64 outputs from
// repSeed ^ FNV-1a(name).
func NewStream(repSeed uint64, name string) *Stream {
	k := repSeed ^ streamKey(name)
	s1 := SplitMix64(k)
	s2 := SplitMix64(s1 ^ 0x6a09e667f3bcc909)
	st := &Stream{}
	st.pcg.Seed(s1, s2)
	st.r = rand.New(&st.pcg)
	return st
}

// Float64 returns a uniform draw in [0, 1) from the top 53 bits of one PCG
// output. It is the hot-path draw, so it avoids the interface call of
// rand.Rand (and is small enough to be inlined). The product is exact;
// rounding it explicitly keeps an inlining caller's 1 − u from being fused
// into a multiply-add, which TestNoFusedMultiplyAdd forbids everywhere.
func (s *Stream) Float64() float64 {
	return float64(float64(s.pcg.Uint64()>>11) * 0x1p-53)
}

// IntN returns a uniform draw in [0, n).
func (s *Stream) IntN(n int) int { return s.r.IntN(n) }

// Source exposes the generator to gonum's distributions, which take a
// math/rand/v2 Source.
func (s *Stream) Source() rand.Source { return &s.pcg }
