package sim

import (
	"math"
	"testing"
)

// TestPoissonLaw draws many counts for means on both sides of 10 (where
// the method changes) and checks the mean, the variance and the chance of
// each of the commonest counts against the law, within five standard
// errors.
func TestPoissonLaw(t *testing.T) {
	const n = 200_000
	for _, lambda := range []float64{0, 0.3, 2.5, 9.99, 10, 17.5, 60, 1234.5} {
		s := NewStream(7, "test/poisson")
		var sum, sumSq float64
		counts := map[int]int{}
		for range n {
			k := s.poisson(lambda)
			if k < 0 {
				t.Fatalf("poisson(%v) = %d", lambda, k)
			}
			sum += float64(k)
			sumSq += float64(k) * float64(k)
			counts[k]++
		}
		mean := sum / n
		variance := sumSq/n - mean*mean
		if se := math.Sqrt(lambda / n); math.Abs(mean-lambda) > 5*se {
			t.Errorf("poisson(%v): mean %v; want %v ± %v", lambda, mean, lambda, 5*se)
		}
		// The variance of the sample variance of a Poisson law is about
		// (2λ² + λ)/n.
		if se := math.Sqrt((2*lambda*lambda + lambda) / n); math.Abs(variance-lambda) > 5*se {
			t.Errorf("poisson(%v): variance %v; want %v ± %v", lambda, variance, lambda, 5*se)
		}
		mode := int(lambda)
		for k := max(mode-3, 0); k <= mode+3; k++ {
			lg, _ := math.Lgamma(float64(k) + 1)
			p := math.Exp(float64(k)*math.Log(lambda) - lambda - lg)
			if lambda == 0 {
				p = 0
				if k == 0 {
					p = 1
				}
			}
			got := float64(counts[k]) / n
			if se := math.Sqrt(p * (1 - p) / n); math.Abs(got-p) > 5*se+1e-12 {
				t.Errorf("poisson(%v): P(%d) = %v; want %v ± %v", lambda, k, got, p, 5*se)
			}
		}
	}
}

// TestLogFactorial compares ln k! with the standard library's ln Γ(k+1).
func TestLogFactorial(t *testing.T) {
	for k := 0.0; k < 1e7; k = math.Floor(k*1.01) + 1 {
		got := logFactorial(k)
		want, _ := math.Lgamma(k + 1)
		if math.Abs(got-want) > 1e-14*math.Max(1, math.Abs(want)) {
			t.Errorf("logFactorial(%v) = %v; ln Γ(k+1) = %v", k, got, want)
		}
	}
}
