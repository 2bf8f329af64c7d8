package gsa

import (
	"math"

	"github.com/borderwork/borderwork/sensitivity"
)

// Result is an analysis of every output: the design's parameters, the
// replicate means at each point, their noise, and the Morris measures or
// the Sobol' indices.
type Result struct {
	Info   *Info
	Params []sensitivity.Param
	Design sensitivity.Design
	// Means[p][o] and SDs[p][o] are the mean and standard deviation over
	// replicates of output o at point p: the analysis uses the means.
	Means, SDs [][]float64
	Noise      []sensitivity.Noise // per output
	// Paired[o][i] is the noise level of parameter i on output o under
	// common random numbers: the µ* (Morris) or total index (Sobol')
	// replicate noise alone gives it (sensitivity's paired levels).
	Paired [][]float64
	Morris *sensitivity.MorrisResult
	Sobol  *sensitivity.SobolResult
}

// analyse computes the indices of every output from y[point][rep][output]
// by sensitivity's AnalyzeReplicates, on workers goroutines (which do not
// change the results).
func analyse(info *Info, d sensitivity.Design, y [][][]float64, workers int) (*Result, error) {
	res := &Result{Info: info, Params: d.Params(), Design: d}
	means, noise, err := sensitivity.ReplicateMeans(y)
	if err != nil {
		return nil, err
	}
	res.Means, res.Noise = means, noise
	res.SDs = make([][]float64, len(y))
	for p, point := range y {
		res.SDs[p] = make([]float64, len(means[p]))
		for o := range means[p] {
			var ss float64
			for _, rep := range point {
				ss += float64((rep[o] - means[p][o]) * (rep[o] - means[p][o]))
			}
			res.SDs[p][o] = math.Sqrt(ss / float64(len(point)-1))
		}
	}
	b := sensitivity.Bootstrap{Resamples: info.Resamples, Level: info.Level, Workers: workers}
	// One output at a time: the bootstrap holds resamples × parameters
	// values per output analysed at once, and each resample's draws
	// depend on the seed and the resample alone, so the results are those
	// of analysing every output together.
	one := make([][][]float64, len(y))
	for p := range one {
		one[p] = make([][]float64, len(y[p]))
		for r := range one[p] {
			one[p][r] = make([]float64, 1)
		}
	}
	for o := range len(y[0][0]) {
		for p := range y {
			for r := range y[p] {
				one[p][r][0] = y[p][r][o]
			}
		}
		var paired [][]float64
		switch d := d.(type) {
		case *sensitivity.MorrisDesign:
			m, err := d.AnalyzeReplicates(one, b)
			if err != nil {
				return nil, err
			}
			if res.Morris == nil {
				res.Morris = &sensitivity.MorrisResult{Params: m.Params, Settings: m.Settings, Delta: m.Delta, Bootstrap: m.Bootstrap}
			}
			r := res.Morris
			r.Mu, r.MuStar, r.Sigma = append(r.Mu, m.Mu[0]), append(r.MuStar, m.MuStar[0]), append(r.Sigma, m.Sigma[0])
			r.Noise, r.NoiseFloor = append(r.Noise, m.Noise[0]), append(r.NoiseFloor, m.NoiseFloor[0])
			paired, err = d.PairedNoiseFloor(one)
			if err != nil {
				return nil, err
			}
		case *sensitivity.SobolDesign:
			s, err := d.AnalyzeReplicates(one, b)
			if err != nil {
				return nil, err
			}
			if res.Sobol == nil {
				res.Sobol = &sensitivity.SobolResult{Params: s.Params, Settings: s.Settings, Bootstrap: s.Bootstrap}
			}
			r := res.Sobol
			r.Mean, r.Variance = append(r.Mean, s.Mean[0]), append(r.Variance, s.Variance[0])
			r.First, r.Total, r.Noise = append(r.First, s.First[0]), append(r.Total, s.Total[0]), append(r.Noise, s.Noise[0])
			r.FirstSum = append(r.FirstSum, s.FirstSum[0])
			if r.HalfN = s.HalfN; s.HalfN > 0 {
				r.HalfFirst, r.HalfTotal = append(r.HalfFirst, s.HalfFirst[0]), append(r.HalfTotal, s.HalfTotal[0])
			}
			paired, err = d.PairedNoiseTotal(one)
			if err != nil {
				return nil, err
			}
		}
		res.Paired = append(res.Paired, paired[0])
	}
	return res, nil
}

// Index is the main measure of parameter i on output o: μ* for Morris,
// the total index ST for Sobol'.
func (r *Result) Index(o, i int) sensitivity.Estimate {
	if r.Morris != nil {
		return r.Morris.MuStar[o][i]
	}
	return r.Sobol.Total[o][i]
}

// Rank orders the parameters by their main measure on output o, highest
// first (NaN last), ties broken on the design's order.
func (r *Result) Rank(o int) []int {
	if r.Morris != nil {
		return r.Morris.Rank(o)
	}
	return r.Sobol.Rank(o)
}

// IndependentLevel is what replicate noise alone would give a parameter
// without effect on output o if noise were independent between points:
// the Morris µ* noise floor, or, for Sobol', the noise share of the
// means. Under common random numbers it is a reference level, usually
// above the parameters' own (NoiseLevel), not a bound: it pools the noise
// over every point, and a parameter whose differences fall where noise is
// larger than average can exceed it.
func (r *Result) IndependentLevel(o int) float64 {
	if r.Morris != nil {
		return r.Morris.NoiseFloor[o]
	}
	return r.Noise[o].ShareOfMeans
}

// NoiseLevel is what replicate noise alone gives parameter i on output o,
// measured from its own differences under common random numbers: its µ*
// noise floor (Morris) or its noise total index (Sobol').
func (r *Result) NoiseLevel(o, i int) float64 { return r.Paired[o][i] }

// AboveNoise reports whether parameter i can be told from noise on output
// o: the lower end of its main measure's interval lies above its noise
// level, and above 0.
func (r *Result) AboveNoise(o, i int) bool {
	e := r.Index(o, i)
	return e.Lo > 0 && !(e.Lo <= r.NoiseLevel(o, i))
}

// Negligible is the share of the leader's µ* (Morris), or of the
// output's variance (the total index, Sobol'), below which a parameter's
// effect is too small to matter, however surely it is there: under common
// random numbers a parameter that reshuffles no random draw (a threshold
// that only classifies migrants) can stand above its noise level with an
// effect of a thousandth.
const Negligible = 0.01

// Influential lists the parameters that matter on output o, in rank
// order: above noise (AboveNoise), and not negligible (their µ* at least
// Negligible of the largest, or their total index at least Negligible).
func (r *Result) Influential(o int) []int {
	var out []int
	rank := r.Rank(o)
	floor := Negligible
	if r.Morris != nil {
		floor = Negligible * r.Index(o, rank[0]).Value
	}
	for _, i := range rank {
		if r.AboveNoise(o, i) && r.Index(o, i).Value >= floor {
			out = append(out, i)
		}
	}
	return out
}

// Varies reports whether output o varies over the design at all (a
// count that is 0 everywhere does not).
func (r *Result) Varies(o int) bool {
	first := r.Means[0][o]
	for _, m := range r.Means {
		if m[o] != first {
			return true
		}
	}
	return false
}
