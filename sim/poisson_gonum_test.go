//go:build amd64 && !amd64.v3

package sim

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// TestPoissonAsGonum: the counts are those gonum's distuv.Poisson draws
// from the same stream (model versions 1 and 2), on amd64 before v3,
// where neither's arithmetic is fused, on both sides of a mean of 10.
func TestPoissonAsGonum(t *testing.T) {
	for _, lambda := range []float64{0, 0.3, 2.5, 9.99, 10, 10.5, 20, 60, 1234.5, 1e6} {
		ours, theirs := NewStream(11, "test/poisson"), NewStream(11, "test/poisson")
		for i := range 100_000 {
			got := ours.poisson(lambda)
			want := int(distuv.Poisson{Lambda: lambda, Src: theirs.Source()}.Rand())
			if got != want {
				t.Fatalf("poisson(%v), draw %d: %d; gonum: %d", lambda, i, got, want)
			}
		}
	}
}

// TestExpFloat64AsMathRand: the ziggurat's tables, worked out at start,
// are math/rand/v2's, so the exponential draws are too; 2,000,000 draws
// visit every layer and the tail many times.
func TestExpFloat64AsMathRand(t *testing.T) {
	ours, theirs := NewStream(5, "test/exp"), NewStream(5, "test/exp")
	r := rand.New(theirs.Source())
	for i := range 2_000_000 {
		if got, want := ours.expFloat64(), r.ExpFloat64(); got != want {
			t.Fatalf("draw %d: %v; math/rand/v2: %v", i, got, want)
		}
	}
}
