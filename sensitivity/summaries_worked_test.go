package sensitivity

import (
	"math"
	"testing"
)

// TestSummariseWorked: an index's bootstrap summary, worked by hand from
// five resampled values (a NaN among them left out): the interval's ends
// are type 7 quantiles, and the standard error is the resampled values'
// sample standard deviation, divisor n − 1.
//
// Values 1, 2, 4, 7, 11 (sorted), mean 5; squared deviations 16, 9, 1,
// 4, 36 sum to 66: SE = √(66/4). At level 0.5 the ends are the 0.25 and
// 0.75 quantiles: h = 4·0.25 = 1, the 2nd value, 2; h = 3, the 4th, 7.
// At 0.9: h = 4·0.05 = 0.2, 1 + 0.2·(2−1) = 1.2; h = 3.8, 7 + 0.8·4 = 10.2.
func TestSummariseWorked(t *testing.T) {
	resampled := []float64{7, 2, math.NaN(), 11, 1, 4}
	for _, tt := range []struct {
		level, lo, hi float64
	}{
		{0.5, 2, 7},
		{0.9, 1.2, 10.2},
	} {
		e, _ := summarise(3, resampled, tt.level, nil)
		if e.Value != 3 || !near(e.Lo, tt.lo) || !near(e.Hi, tt.hi) || !near(e.SE, math.Sqrt(66.0/4)) {
			t.Errorf("level %v: value %v, interval [%v, %v], SE %v; want 3, [%v, %v], %v", tt.level, e.Value, e.Lo, e.Hi, e.SE, tt.lo, tt.hi, math.Sqrt(66.0/4))
		}
	}
}

// TestMorrisMeasuresShiftedAsTwoPass: the one-pass sums about a shift
// that a bootstrap resample takes give the μ, μ* and σ (divisor n − 1)
// of the two-pass computation the full sample takes, over the same
// trajectories with repetition; and the two-pass σ is checked by hand.
func TestMorrisMeasuresShiftedAsTwoPass(t *testing.T) {
	const k = 2
	// Elementary effects of 4 trajectories, trajectory-major.
	ee := []float64{1, -3, 2, 5, -4, 0.5, 6, 2}
	rows := []int32{0, 2, 2, 3, 1} // a resample: trajectory 2 twice
	mu, muStar, sigma := make([]float64, k), make([]float64, k), make([]float64, k)
	morrisMeasures(ee, k, rows, nil, mu, muStar, sigma)
	// Parameter 0 over the rows: 1, −4, −4, 6, 2: mean 0.2, |·| mean 3.4,
	// squared deviations 0.64, 17.64, 17.64, 33.64, 3.24 sum to 72.8.
	if !near(mu[0], 0.2) || !near(muStar[0], 3.4) || !near(sigma[0], math.Sqrt(72.8/4)) {
		t.Fatalf("two-pass, parameter 0: μ %v, μ* %v, σ %v; want 0.2, 3.4, %v", mu[0], muStar[0], sigma[0], math.Sqrt(72.8/4))
	}
	for _, shift := range [][]float64{{0, 0}, {0.7, -1.3}, {100, 100}} {
		smu, sstar, ssigma := make([]float64, k), make([]float64, k), make([]float64, k)
		morrisMeasures(ee, k, rows, shift, smu, sstar, ssigma)
		for i := range k {
			if math.Abs(smu[i]-mu[i]) > 1e-9 || math.Abs(sstar[i]-muStar[i]) > 1e-9 || math.Abs(ssigma[i]-sigma[i]) > 1e-9 {
				t.Errorf("shift %v, parameter %d: μ %v, μ* %v, σ %v; the two-pass computation gives %v, %v, %v", shift, i, smu[i], sstar[i], ssigma[i], mu[i], muStar[i], sigma[i])
			}
		}
	}
}
