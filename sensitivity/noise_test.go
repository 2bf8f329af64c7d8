package sensitivity

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/sim"
)

func TestReplicateMeansByHand(t *testing.T) {
	// Point 0: 1, 3 (mean 2); point 1: 5, 9 (mean 7). W = (2 + 8)/2 = 5;
	// Var of means = 12.5; Between = 12.5 − 5/2 = 10; Share = 5/15;
	// ShareOfMeans = 2.5/12.5; Total = Var{1, 3, 5, 9} = 35/3.
	// The second output is the first plus 100 at every run: the same noise.
	y := [][][]float64{{{1, 101}, {3, 103}}, {{5, 105}, {9, 109}}}
	means, noise, err := ReplicateMeans(y)
	if err != nil {
		t.Fatal(err)
	}
	if means[0][0] != 2 || means[1][0] != 7 || means[0][1] != 102 || means[1][1] != 107 {
		t.Errorf("means = %v; want [[2 102] [7 107]]", means)
	}
	want := Noise{Replicates: 2, Within: 5, Between: 10, Total: 35.0 / 3, Share: 1.0 / 3, ShareOfMeans: 0.2}
	for m, n := range noise {
		if n.Replicates != want.Replicates || !near(n.Within, want.Within) || !near(n.Between, want.Between) ||
			!near(n.Total, want.Total) || !near(n.Share, want.Share) || !near(n.ShareOfMeans, want.ShareOfMeans) {
			t.Errorf("output %d: noise = %+v; want %+v", m, n, want)
		}
	}

	// Nothing varies: no noise. Only noise: all of it is noise.
	_, noise, _ = ReplicateMeans([][][]float64{{{4}, {4}}, {{4}, {4}}, {{4}, {4}}})
	if noise[0].Share != 0 || noise[0].ShareOfMeans != 0 {
		t.Errorf("constant runs: noise = %+v; want shares 0", noise[0])
	}
	_, noise, _ = ReplicateMeans([][][]float64{{{0}, {2}}, {{0}, {2}}, {{2}, {0}}})
	if noise[0].Share != 1 || noise[0].ShareOfMeans != 1 {
		t.Errorf("equal means, noisy runs: noise = %+v; want shares 1", noise[0])
	}
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(b)) }

func TestReplicateMeansBadInput(t *testing.T) {
	for _, c := range []struct {
		y    [][][]float64
		want string
	}{
		{[][][]float64{{{1}, {2}}}, "at least 2 points"},
		{[][][]float64{{{1}}, {{2}}}, "at least 2 replicates"},
		{[][][]float64{{{1}, {2}}, {{1}}}, "point 1 has 1 replicates, point 0 has 2"},
		{[][][]float64{{{1}, {2}}, {{1}, {2, 3}}}, "point 1, replicate 1 has 2 outputs"},
		{[][][]float64{{{1}, {2}}, {{1}, {math.NaN()}}}, "point 1, replicate 1, output 0"},
		{[][][]float64{{{}, {}}, {{}, {}}}, "no outputs"},
	} {
		if _, _, err := ReplicateMeans(c.y); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ReplicateMeans(%v) = %v; want an error saying %q", c.y, err, c.want)
		}
	}
}

// noisy returns R replicate runs of f plus independent normal noise of
// standard deviation sd at every point of d.
func noisy(d Design, f func([]float64) float64, reps int, sd float64, seed uint64) [][][]float64 {
	rng := rand.New(sim.NewStream(seed, "test/noise").Source())
	y := make([][][]float64, d.Len())
	for i := range y {
		x := d.Point(i, nil)
		y[i] = make([][]float64, reps)
		for r := range y[i] {
			y[i][r] = []float64{f(x) + sd*rng.NormFloat64()}
		}
	}
	return y
}

// TestNoiseReadingRules checks what the package doc says about noise: the
// shares estimate the true ones, a parameter with no effect gets a total
// index of about ShareOfMeans, and a Morris μ* of about NoiseFloor.
func TestNoiseReadingRules(t *testing.T) {
	// y = x1 + x2 on [0, 1]² (Var = 1/6), x3 has no effect, noise sd 0.3
	// (variance 0.09), 4 replicates: Share = 0.09/(0.09 + 1/6) ≈ 0.351,
	// ShareOfMeans = 0.0225/(0.0225 + 1/6) ≈ 0.119.
	f := func(x []float64) float64 { return x[0] + x[1] }
	const sd, reps = 0.3, 4
	wantShare := sd * sd / (sd*sd + 1.0/6)
	wantMeans := sd * sd / reps / (sd*sd/reps + 1.0/6)

	s, err := NewSobol(unitParams(3), SobolSettings{N: 2048, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.AnalyzeReplicates(noisy(s, f, reps, sd, 1), Bootstrap{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	n := r.Noise[0]
	if math.Abs(n.Share-wantShare) > 0.02 || math.Abs(n.ShareOfMeans-wantMeans) > 0.01 {
		t.Errorf("Sobol': Share, ShareOfMeans = %.4f, %.4f; want %.4f, %.4f", n.Share, n.ShareOfMeans, wantShare, wantMeans)
	}
	if st := r.Total[0][2]; !(st.Lo <= wantMeans && wantMeans <= st.Hi) {
		t.Errorf("Sobol': ST of the idle parameter %+v; want about ShareOfMeans %.4f", st, wantMeans)
	}
	// First-order indices shrink by 1 − ShareOfMeans: each true S is 1/2.
	for i := range 2 {
		if s1, want := r.First[0][i], 0.5*(1-wantMeans); !(s1.Lo <= want && want <= s1.Hi) {
			t.Errorf("Sobol': S_%d %+v; want about %.4f", i+1, s1, want)
		}
	}

	m, err := NewMorris(unitParams(3), MorrisSettings{Trajectories: 400, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	mr, err := m.AnalyzeReplicates(noisy(m, f, reps, sd, 2), Bootstrap{})
	if err != nil {
		t.Fatal(err)
	}
	floor := 2 * math.Sqrt(sd*sd/(math.Pi*reps)) / m.Delta()
	if math.Abs(mr.NoiseFloor[0]-floor) > 0.1*floor {
		t.Errorf("Morris: noise floor %.4f; want about %.4f", mr.NoiseFloor[0], floor)
	}
	if ms := mr.MuStar[0][2]; !(ms.Lo <= mr.NoiseFloor[0] && mr.NoiseFloor[0] <= ms.Hi) {
		t.Errorf("Morris: μ* of the idle parameter %+v; want about the noise floor %.4f", ms, mr.NoiseFloor[0])
	}
}
