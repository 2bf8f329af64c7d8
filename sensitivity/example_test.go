package sensitivity_test

import (
	"fmt"
	"math"

	"github.com/borderwork/borderwork/sensitivity"
)

// Screen Sobol's G function with a = (0, 1, 9, 99): 10 trajectories kept
// out of 50, so 50 runs of the model. A smaller a_i is a more important
// input.
func ExampleNewMorris() {
	a := []float64{0, 1, 9, 99}
	params := []sensitivity.Param{
		{Name: "x1", Lo: 0, Hi: 1}, {Name: "x2", Lo: 0, Hi: 1},
		{Name: "x3", Lo: 0, Hi: 1}, {Name: "x4", Lo: 0, Hi: 1},
	}
	d, err := sensitivity.NewMorris(params, sensitivity.MorrisSettings{Trajectories: 10, Candidates: 50, Seed: 1})
	if err != nil {
		panic(err)
	}
	// Run every point, in point order. A command would run them on many
	// workers or shards and gather the outputs by point number.
	y := make([][]float64, d.Len())
	for i := range y {
		x := d.Point(i, nil)
		g := 1.0
		for j := range x {
			g *= (math.Abs(4*x[j]-2) + a[j]) / (1 + a[j])
		}
		y[i] = []float64{g}
	}
	r, err := d.Analyze(y, sensitivity.Bootstrap{})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d runs, Δ = %.3f\n", d.Len(), d.Delta())
	for _, i := range r.Rank(0) {
		e := r.MuStar[0][i]
		fmt.Printf("%s  μ* %.3f [%.3f, %.3f]  σ %.3f\n", params[i].Name, e.Value, e.Lo, e.Hi, r.Sigma[0][i].Value)
	}
	// Output:
	// 50 runs, Δ = 0.667
	// x1  μ* 2.988 [2.588, 3.289]  σ 3.209
	// x2  μ* 1.751 [1.306, 2.142]  σ 1.945
	// x3  μ* 0.443 [0.336, 0.551]  σ 0.499
	// x4  μ* 0.042 [0.032, 0.053]  σ 0.045
}

// First-order and total indices of the Ishigami function (a = 7, b = 0.1)
// from N = 1024 base samples, 5120 runs. The true values are S = (0.314,
// 0.442, 0) and ST = (0.558, 0.442, 0.244).
func ExampleNewSobol() {
	params := []sensitivity.Param{
		{Name: "x1", Lo: -math.Pi, Hi: math.Pi},
		{Name: "x2", Lo: -math.Pi, Hi: math.Pi},
		{Name: "x3", Lo: -math.Pi, Hi: math.Pi},
	}
	d, err := sensitivity.NewSobol(params, sensitivity.SobolSettings{N: 1024, Seed: 1})
	if err != nil {
		panic(err)
	}
	y := make([][]float64, d.Len())
	for i := range y {
		x := d.Point(i, nil)
		y[i] = []float64{math.Sin(x[0]) + 7*math.Pow(math.Sin(x[1]), 2) + 0.1*math.Pow(x[2], 4)*math.Sin(x[0])}
	}
	r, err := d.Analyze(y, sensitivity.Bootstrap{})
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d runs\n", d.Len())
	for i, p := range params {
		s, st := r.First[0][i], r.Total[0][i]
		fmt.Printf("%s  S %.3f [%.3f, %.3f]  ST %.3f [%.3f, %.3f]\n", p.Name, s.Value, s.Lo, s.Hi, st.Value, st.Lo, st.Hi)
	}
	// Output:
	// 5120 runs
	// x1  S 0.322 [0.261, 0.385]  ST 0.555 [0.472, 0.646]
	// x2  S 0.441 [0.392, 0.492]  ST 0.440 [0.402, 0.482]
	// x3  S 0.010 [-0.042, 0.062]  ST 0.237 [0.212, 0.265]
}

// Replicate runs at each point: the analysis uses their means, and says
// how much of the variation is noise.
func ExampleReplicateMeans() {
	// Three points, three replicates, one output.
	y := [][][]float64{
		{{10}, {12}, {11}},
		{{20}, {19}, {21}},
		{{15}, {17}, {13}},
	}
	means, noise, err := sensitivity.ReplicateMeans(y)
	if err != nil {
		panic(err)
	}
	n := noise[0]
	fmt.Printf("means %v %v %v\n", means[0], means[1], means[2])
	fmt.Printf("within %.2f, between %.2f, noise share %.3f of a run, %.3f of a mean\n", n.Within, n.Between, n.Share, n.ShareOfMeans)
	// Output:
	// means [11] [20] [15]
	// within 2.00, between 19.67, noise share 0.092 of a run, 0.033 of a mean
}
