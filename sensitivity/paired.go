package sensitivity

import (
	"fmt"
	"math"
)

// Paired noise levels. The levels of Noise and MorrisResult.NoiseFloor
// assume noise independent between points. Under common random numbers
// (replicate r with the same seed at every point) it is not: the two runs
// of a difference share their random draws, and a parameter that touches
// nothing the random draws depend on changes nothing at all. The paired
// levels below measure the noise of the differences themselves, parameter
// by parameter, from the spread across replicates of each difference
// computed replicate by replicate: with D_r the difference in replicate
// r, the replicate mean's difference has noise variance Var_r(D)/R, and
// W_i, the pooled Var_r(D) over the differences of parameter i, gives
// that parameter's own noise level. It is 0 when the parameter's runs
// are the same draws (a 0 effect reads 0) and about the independent
// level when the parameter's change reshuffles every draw; it is usually
// below the independent level but not always, since that pools W over
// every point and noise is larger at some points than at others.

// PairedNoiseFloor returns, for replicate outputs y[point][rep][output]
// run with common random numbers, floor[m][i]: the µ* that replicate
// noise alone gives parameter i on output m,
//
//	floor = sqrt(2·W_i/(π·R))
//
// with W_i the pooled variance across replicates of the per-replicate
// elementary effects of parameter i (each difference over its step, Δ or
// an integer parameter's realised move, as ElementaryEffects divides):
// the mean absolute value of a normal elementary effect of mean 0 and
// variance W_i/R. For independent noise of variance W and a parameter
// that moves by Δ, W_i is about 2W/Δ² and the floor equals NoiseFloor.
func (d *MorrisDesign) PairedNoiseFloor(y [][][]float64) ([][]float64, error) {
	outputs, reps, err := checkReplicates(y, d.Len())
	if err != nil {
		return nil, err
	}
	k, r, delta := d.k, d.trajectories(), d.Delta()
	floor := make([][]float64, outputs)
	for m := range floor {
		w := make([]float64, k) // times Δ²: each variance scaled by (Δ/step)², exactly 1 for a move of ±Δ
		for t := range r {
			for s := 1; s <= k; s++ {
				q := int(d.order[t*k+s-1])
				p := t*(k+1) + s
				scale := delta / d.step(t, q)
				w[q] += float64(diffVariance(y[p], y[p-1], m) * (scale * scale)) // rounded: not fused with the sum on arm64
			}
		}
		floor[m] = make([]float64, k)
		for q := range k {
			floor[m][q] = math.Sqrt(2*w[q]/float64(r)/(math.Pi*float64(reps))) / delta
		}
	}
	return floor, nil
}

// PairedNoiseTotal returns, for replicate outputs y[point][rep][output]
// run with common random numbers, level[m][i]: the total index that
// replicate noise alone gives parameter i on output m,
//
//	level = W_i / (2·R·V)
//
// with W_i the pooled variance across replicates of the per-replicate
// differences f(A_B^(i)) − f(A) over the base rows, and V the variance
// of the replicate means over A and B that the indices divide by (noise
// adds W_i/R to the mean squared difference of the Jansen estimator). For
// independent noise it is about Noise.ShareOfMeans. NaN for an output
// whose means do not vary.
func (d *SobolDesign) PairedNoiseTotal(y [][][]float64) ([][]float64, error) {
	outputs, reps, err := checkReplicates(y, d.Len())
	if err != nil {
		return nil, err
	}
	means, _, err := ReplicateMeans(y)
	if err != nil {
		return nil, err
	}
	k, n := len(d.params), d.settings.N
	width := k + 2
	level := make([][]float64, outputs)
	for m := range level {
		var sum, sq float64
		for j := range n {
			for _, p := range []int{j * width, j*width + k + 1} {
				sum += means[p][m]
			}
		}
		c := sum / float64(2*n)
		for j := range n {
			for _, p := range []int{j * width, j*width + k + 1} {
				sq += float64((means[p][m] - c) * (means[p][m] - c))
			}
		}
		v := sq / float64(2*n-1)
		level[m] = make([]float64, k)
		for i := range k {
			if !(v > 0) {
				level[m][i] = math.NaN()
				continue
			}
			var w float64
			for j := range n {
				w += diffVariance(y[j*width+1+i], y[j*width], m)
			}
			level[m][i] = w / float64(n) / (2 * float64(reps) * v)
		}
	}
	return level, nil
}

// diffVariance is the sample variance across replicates of output m's
// difference between two points, b − a.
func diffVariance(b, a [][]float64, m int) float64 {
	var mean float64
	for r := range b {
		mean += b[r][m] - a[r][m]
	}
	mean /= float64(len(b))
	var ss float64
	for r := range b {
		e := b[r][m] - a[r][m] - mean
		ss += float64(e * e)
	}
	return ss / float64(len(b)-1)
}

// checkReplicates checks y as ReplicateMeans does, for a design of
// points points, and returns its outputs and replicates.
func checkReplicates(y [][][]float64, points int) (outputs, reps int, err error) {
	if len(y) != points {
		return 0, 0, fmt.Errorf("the design has %d points, got outputs for %d", points, len(y))
	}
	if _, _, err := ReplicateMeans(y); err != nil {
		return 0, 0, err
	}
	return len(y[0][0]), len(y[0]), nil
}
