package sensitivity

import (
	"fmt"
	"testing"

	"github.com/borderwork/borderwork/sim"
)

// syntheticOutputs returns m outputs per point of d: a G function of the
// first parameters plus small deterministic noise, so every index is
// non-trivial to compute.
func syntheticOutputs(d Design, m int) [][]float64 {
	k := len(d.Params())
	a := make([]float64, k)
	for i := range a {
		a[i] = float64(i * i)
	}
	g := gFunction(a)
	st := sim.NewStream(1, "bench")
	y := make([][]float64, d.Len())
	flat := make([]float64, d.Len()*m)
	var x []float64
	for i := range y {
		x = d.Unit(i, x)
		y[i] = flat[i*m : (i+1)*m]
		v := g(x)
		for o := range y[i] {
			y[i][o] = v*float64(o+1) + 0.01*st.Float64()
		}
	}
	return y
}

// BenchmarkSobolAnalyze analyses a Sobol' design of 20 parameters and
// N = 4096 base samples (90,112 points), 4 outputs, 1000 resamples.
func BenchmarkSobolAnalyze(b *testing.B) {
	d, err := NewSobol(bigParams(20), SobolSettings{N: 4096, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	y := syntheticOutputs(d, 4)
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := d.Analyze(y, Bootstrap{Workers: workers}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMorrisAnalyze analyses a Morris design of 60 parameters and
// 100 trajectories (6,100 points), 4 outputs, 1000 resamples.
func BenchmarkMorrisAnalyze(b *testing.B) {
	d, err := NewMorris(bigParams(60), MorrisSettings{Trajectories: 100, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	y := syntheticOutputs(d, 4)
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := d.Analyze(y, Bootstrap{Workers: workers}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMorrisCampolongo builds a Morris design of 60 parameters,
// keeping 20 trajectories out of 200 candidates.
func BenchmarkMorrisCampolongo(b *testing.B) {
	params := bigParams(60)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewMorris(params, MorrisSettings{Trajectories: 20, Candidates: 200, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSobolPoints generates every point of a Sobol' design of 20
// parameters and N = 4096 (90,112 points), one at a time, as a command
// handing points to workers would.
func BenchmarkSobolPoints(b *testing.B) {
	for _, seq := range []BaseSequence{ScrambledSobol, MonteCarlo} {
		d, err := NewSobol(bigParams(20), SobolSettings{N: 4096, Sequence: seq, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(seq.String(), func(b *testing.B) {
			b.ReportAllocs()
			x := make([]float64, 20)
			for b.Loop() {
				for i := range d.Len() {
					x = d.Point(i, x)
				}
			}
		})
	}
}

// BenchmarkReplicateMeans averages 10 replicates of 4 outputs at each of
// 90,112 points.
func BenchmarkReplicateMeans(b *testing.B) {
	const points, reps, outputs = 90112, 10, 4
	st := sim.NewStream(1, "bench")
	y := make([][][]float64, points)
	for i := range y {
		y[i] = make([][]float64, reps)
		for r := range y[i] {
			y[i][r] = make([]float64, outputs)
			for m := range y[i][r] {
				y[i][r][m] = st.Float64()
			}
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := ReplicateMeans(y); err != nil {
			b.Fatal(err)
		}
	}
}
