package output

import (
	"math"
	"testing"

	"github.com/borderwork/borderwork/internal/portable"
)

// TestDescribe: the interval is the mean ± t(0.975, n-1) × sd / √n, with
// the quantile computed afresh, and the cached quantile gives the same
// bits on a second call.
func TestDescribe(t *testing.T) {
	tests := []struct {
		values []float64
		mean   float64
	}{
		{[]float64{1, 2, 3, 4}, 2.5},
		{[]float64{10, 10, 13}, 11},
		{[]float64{0, 100}, 50},
	}
	for _, tt := range tests {
		for range 2 { // the second call reads the cached quantile
			s := Describe(tt.values)
			n := float64(len(tt.values))
			q := portable.StudentTQuantile(0.975, len(tt.values)-1)
			want := q * s.SD / math.Sqrt(n)
			if s.Mean != tt.mean || s.HalfWidth != want || s.Lo != s.Mean-want || s.Hi != s.Mean+want {
				t.Errorf("Describe(%v) = %+v; want mean %v, half-width %v", tt.values, s, tt.mean, want)
			}
		}
	}
	if s := Describe([]float64{7}); s.Mean != 7 || !math.IsNaN(s.HalfWidth) {
		t.Errorf("Describe([7]) = %+v; want mean 7 and no interval", s)
	}
}

// BenchmarkDescribe20 describes 20 replicates, the default: the size of
// every sample of a compare folder's figures and of the classroom page.
func BenchmarkDescribe20(b *testing.B) {
	v := make([]float64, 20)
	for i := range v {
		v[i] = float64(i * i)
	}
	for b.Loop() {
		Describe(v)
	}
}
