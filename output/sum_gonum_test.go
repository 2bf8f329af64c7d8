//go:build amd64 && !amd64.v3 && !noasm && !safe

package output

import (
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/stat"
)

// TestSumAsGonum: on amd64, Sum, and the mean and deviation Describe
// gives, are gonum's (its assembly) for slices on a 16-byte boundary,
// for every length up to 70, so the summaries did not change.
func TestSumAsGonum(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	compared := 0
	for n := 2; n <= 70; n++ {
		for range 200 {
			x := make([]float64, n)
			for i := range x {
				x[i] = math.Ldexp(r.NormFloat64(), r.IntN(40)-20)
			}
			if uintptr(unsafe.Pointer(&x[0]))%16 != 0 {
				continue // gonum adds x[0] first: another order
			}
			if got, want := Sum(x), floats.Sum(x); got != want {
				t.Fatalf("Sum(%v) = %v; gonum: %v", x, got, want)
			}
			compared++
			m, sd := meanSD(x)
			if wm, wsd := stat.MeanStdDev(x, nil); m != wm || sd != wsd {
				t.Fatalf("meanSD(%v) = %v, %v; gonum: %v, %v", x, m, sd, wm, wsd)
			}
		}
	}
	if compared < 1000 {
		t.Errorf("only %d slices on a 16-byte boundary", compared)
	}
}
