package sensitivity

import (
	"fmt"
	"math"
)

// Noise says how much of one output's variation over a design is
// replicate noise, from R replicate runs at each of K points, by the
// one-way analysis of variance with points as groups:
//
//	W      = Σ_k Σ_r (y_kr − ȳ_k)² / (K(R − 1))   pooled within-point variance
//	Between = max(0, Var_k(ȳ_k) − W/R)           variance of the points' true means
//	Share        = W / (W + Between)
//	ShareOfMeans = (W/R) / (W/R + Between)
//
// Var_k(ȳ_k) is the sample variance (divisor K − 1) of the point means,
// and Var_k(ȳ_k) − W/R is the usual moment estimate of the between-point
// variance (1 − Share is the intraclass correlation). Share is the part of
// one run's variance that is noise; ShareOfMeans is the part of the
// variance of the analysed replicate means that is noise. Both are 0 when
// nothing varies.
//
// How to read ShareOfMeans, for noise independent between points: a
// Jansen total index reads about ShareOfMeans even for a parameter with no
// effect (noise adds W/R to E[(f(A) − f(A_B^i))²]/2), and first-order
// indices are shrunk by the factor 1 − ShareOfMeans (noise inflates the
// variance they are divided by). Under common random numbers (the same
// replicate seeds at every point) noise is positively correlated between
// points and its effect on differences is usually smaller, so these are
// reference levels, usually above a parameter's own (PairedNoiseTotal),
// not bounds: W is pooled over every point, and where noise is larger
// than average a parameter's own level can exceed them.
type Noise struct {
	Replicates   int     // R, replicate runs per point
	Within       float64 // W, the pooled within-point variance of single runs
	Between      float64 // variance of the points' true means
	Total        float64 // sample variance of all K·R single runs, for reference
	Share        float64
	ShareOfMeans float64
}

// ReplicateMeans averages replicate outputs per point and measures their
// noise. y[i][r][m] is output m of replicate r at point i; every point
// needs the same number of replicates, at least 2, and the same number of
// outputs. means[i][m] is the mean over replicates; noise[m] describes
// output m.
func ReplicateMeans(y [][][]float64) (means [][]float64, noise []Noise, err error) {
	if len(y) < 2 {
		return nil, nil, fmt.Errorf("replicate noise needs at least 2 points, got %d", len(y))
	}
	reps := len(y[0])
	if reps < 2 {
		return nil, nil, fmt.Errorf("replicate noise needs at least 2 replicates per point, point 0 has %d", reps)
	}
	outputs := len(y[0][0])
	if outputs == 0 {
		return nil, nil, fmt.Errorf("point 0, replicate 0 has no outputs")
	}
	for i, point := range y {
		if len(point) != reps {
			return nil, nil, fmt.Errorf("point %d has %d replicates, point 0 has %d", i, len(point), reps)
		}
		for r, row := range point {
			if len(row) != outputs {
				return nil, nil, fmt.Errorf("point %d, replicate %d has %d outputs, point 0 has %d", i, r, len(row), outputs)
			}
			for m, v := range row {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					return nil, nil, fmt.Errorf("point %d, replicate %d, output %d: %v is not a finite number", i, r, m, v)
				}
			}
		}
	}

	k, rf := float64(len(y)), float64(reps)
	means = make([][]float64, len(y))
	flat := make([]float64, len(y)*outputs)
	within := make([]float64, outputs) // Σ_k Σ_r (y_kr − ȳ_k)²
	for i, point := range y {
		means[i] = flat[i*outputs : (i+1)*outputs : (i+1)*outputs]
		for m := range outputs {
			var s float64
			for _, row := range point {
				s += row[m]
			}
			mean := s / rf
			var ss float64
			for _, row := range point {
				ss += float64((row[m] - mean) * (row[m] - mean))
			}
			means[i][m] = mean
			within[m] += ss
		}
	}
	noise = make([]Noise, outputs)
	for m := range outputs {
		var grand float64
		for i := range y {
			grand += means[i][m]
		}
		grand /= k
		var between, all float64 // Σ_k (ȳ_k − ȳ)², Σ_k Σ_r (y_kr − ȳ)²
		for i, point := range y {
			d := means[i][m] - grand
			between += float64(d * d)
			for _, row := range point {
				all += float64((row[m] - grand) * (row[m] - grand))
			}
		}
		n := Noise{Replicates: reps}
		n.Within = within[m] / (k * (rf - 1))
		n.Between = math.Max(0, between/(k-1)-n.Within/rf)
		n.Total = all / (float64(k*rf) - 1)
		if d := n.Within + n.Between; d > 0 {
			n.Share = n.Within / d
		}
		if d := n.Within/rf + n.Between; d > 0 {
			n.ShareOfMeans = n.Within / rf / d
		}
		noise[m] = n
	}
	return means, noise, nil
}
