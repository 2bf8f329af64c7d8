package sensitivity

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/borderwork/borderwork/sim"
)

// commonNoise returns R replicate runs of f at every point of d, where
// replicate r adds noise ε_r·(1 + x1): the same draw ε_r at every point,
// as common random numbers give, scaled by the first parameter. A
// difference along x2 or x3 is then free of noise; one along x1 is not.
func commonNoise(d Design, f func([]float64) float64, reps int, sd float64, seed uint64) [][][]float64 {
	rng := rand.New(sim.NewStream(seed, "test/common-noise").Source())
	eps := make([]float64, reps)
	for r := range eps {
		eps[r] = sd * rng.NormFloat64()
	}
	y := make([][][]float64, d.Len())
	for i := range y {
		x := d.Point(i, nil)
		y[i] = make([][]float64, reps)
		for r := range y[i] {
			y[i][r] = []float64{f(x) + eps[r]*(1+x[0])}
		}
	}
	return y
}

// TestPairedNoiseUnderCommonRandomNumbers: where the runs of a difference
// share their draws, the paired levels are 0 although the runs are noisy
// (the independent levels are not), and they are positive only for the
// parameter the noise depends on.
func TestPairedNoiseUnderCommonRandomNumbers(t *testing.T) {
	f := func(x []float64) float64 { return x[0] + x[1] }
	m, err := NewMorris(unitParams(3), MorrisSettings{Trajectories: 50, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	y := commonNoise(m, f, 4, 0.3, 1)
	floor, err := m.PairedNoiseFloor(y)
	if err != nil {
		t.Fatal(err)
	}
	mr, err := m.AnalyzeReplicates(y, Bootstrap{Resamples: 100})
	if err != nil {
		t.Fatal(err)
	}
	if !(floor[0][0] > 0) || floor[0][1] > 1e-12 || floor[0][2] > 1e-12 {
		t.Errorf("Morris paired floors %v; want > 0 for x1 only", floor[0])
	}
	if !(mr.NoiseFloor[0] > floor[0][0]) {
		t.Errorf("independent floor %v; want above every paired floor %v", mr.NoiseFloor[0], floor[0])
	}
	if ms := mr.MuStar[0][2]; ms.Value > 1e-12 {
		t.Errorf("μ* of the idle parameter = %v; want 0 under common random numbers", ms.Value)
	}

	s, err := NewSobol(unitParams(3), SobolSettings{N: 256, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	ys := commonNoise(s, f, 4, 0.3, 2)
	level, err := s.PairedNoiseTotal(ys)
	if err != nil {
		t.Fatal(err)
	}
	if !(level[0][0] > 0) || level[0][1] > 1e-12 || level[0][2] > 1e-12 {
		t.Errorf("Sobol' paired levels %v; want > 0 for x1 only", level[0])
	}
}

// TestPairedNoiseEqualsIndependentWhenNoiseIs: with noise independent
// between points, the paired levels estimate the independent ones, and a
// parameter without effect reads about its paired level.
func TestPairedNoiseEqualsIndependentWhenNoiseIs(t *testing.T) {
	f := func(x []float64) float64 { return x[0] + x[1] }
	const sd, reps = 0.3, 4
	m, err := NewMorris(unitParams(3), MorrisSettings{Trajectories: 400, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	y := noisy(m, f, reps, sd, 2)
	floor, err := m.PairedNoiseFloor(y)
	if err != nil {
		t.Fatal(err)
	}
	mr, err := m.AnalyzeReplicates(y, Bootstrap{})
	if err != nil {
		t.Fatal(err)
	}
	for i, fl := range floor[0] {
		if math.Abs(fl-mr.NoiseFloor[0]) > 0.1*mr.NoiseFloor[0] {
			t.Errorf("Morris: paired floor of x%d = %.4f; want about the independent %.4f", i+1, fl, mr.NoiseFloor[0])
		}
	}
	if ms := mr.MuStar[0][2]; !(ms.Lo <= floor[0][2] && floor[0][2] <= ms.Hi) {
		t.Errorf("Morris: μ* of the idle parameter %+v; want about its paired floor %.4f", ms, floor[0][2])
	}

	s, err := NewSobol(unitParams(3), SobolSettings{N: 2048, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	ys := noisy(s, f, reps, sd, 1)
	level, err := s.PairedNoiseTotal(ys)
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.AnalyzeReplicates(ys, Bootstrap{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range level[0] {
		if math.Abs(l-r.Noise[0].ShareOfMeans) > 0.015 {
			t.Errorf("Sobol': paired level of x%d = %.4f; want about ShareOfMeans %.4f", i+1, l, r.Noise[0].ShareOfMeans)
		}
	}
	if st := r.Total[0][2]; !(st.Lo <= level[0][2] && level[0][2] <= st.Hi) {
		t.Errorf("Sobol': ST of the idle parameter %+v; want about its paired level %.4f", st, level[0][2])
	}
}

// TestPairedNoiseIntegerStep: the paired floor divides each difference by
// the move the parameter really makes, as the elementary effects do. An
// integer parameter on [0, 1] moves by its whole range (0 to 1) at every
// step although Δ = 2/3, and noise ε_r·(1 + x1) then differs by ±ε_r over
// each of its steps, so its floor is sqrt(2·Var(ε)/(πR)) exactly.
func TestPairedNoiseIntegerStep(t *testing.T) {
	params := []Param{{Name: "flag", Lo: 0, Hi: 1, Integer: true}, {Name: "x", Lo: 0, Hi: 1}}
	m, err := NewMorris(params, MorrisSettings{Trajectories: 30, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	const reps = 4
	y := commonNoise(m, func(x []float64) float64 { return x[1] }, reps, 0.3, 1)
	floor, err := m.PairedNoiseFloor(y)
	if err != nil {
		t.Fatal(err)
	}
	// Var(ε) from any step of flag: its difference is ±ε_r.
	at := 0
	for i := range m.Len() {
		if _, _, moved := m.Step(i); moved == 0 {
			at = i
			break
		}
	}
	w := diffVariance(y[at], y[at-1], 0)
	want := math.Sqrt(2 * w / (math.Pi * reps))
	if math.Abs(floor[0][0]-want) > 1e-12*want {
		t.Errorf("paired floor of the integer parameter = %v; want %v (its moves are its whole range, not Δ)", floor[0][0], want)
	}
	// Its μ* is |mean ε| at every step, in the same units: noise alone.
	var mean float64
	for r := range reps {
		mean += y[at][r][0] - y[at-1][r][0]
	}
	mean = math.Abs(mean / reps)
	mr, err := m.AnalyzeReplicates(y, Bootstrap{Resamples: 100})
	if err != nil {
		t.Fatal(err)
	}
	if ms := mr.MuStar[0][0].Value; math.Abs(ms-mean) > 1e-12 {
		t.Errorf("μ* of the integer parameter = %v; want |mean ε| = %v", ms, mean)
	}
}
