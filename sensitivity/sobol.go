package sensitivity

import (
	"fmt"
	"math"

	"github.com/borderwork/borderwork/sim"
)

// BaseSequence is how the base matrices A and B of a Sobol' design are
// drawn. Row j of A is the first k coordinates of base point j, and row j
// of B the next k, of one 2k-dimensional sequence.
type BaseSequence int

const (
	// ScrambledSobol is the Sobol' sequence with Joe–Kuo direction numbers,
	// linearly scrambled and digitally shifted with the design's seed
	// (NewScrambledSobolSequence). The default.
	ScrambledSobol BaseSequence = iota
	// PlainSobol is the unscrambled sequence: the same for every seed, and
	// its point 0, the first row of A and of B, is every parameter at Lo.
	PlainSobol
	// MonteCarlo draws A and B uniformly at random: row j from the stream
	// "sensitivity/sobol/random" of sim.ReplicateSeed(seed, j), A's k
	// coordinates first, then B's.
	MonteCarlo
)

var baseSequenceNames = [...]string{ScrambledSobol: "sobol-scrambled", PlainSobol: "sobol", MonteCarlo: "random"}

func (s BaseSequence) String() string {
	if s < 0 || int(s) >= len(baseSequenceNames) {
		return fmt.Sprintf("BaseSequence(%d)", int(s))
	}
	return baseSequenceNames[s]
}

// ParseBaseSequence reads a base sequence's name as String writes it.
func ParseBaseSequence(s string) (BaseSequence, error) {
	for i, name := range baseSequenceNames {
		if s == name {
			return BaseSequence(i), nil
		}
	}
	return 0, fmt.Errorf("unknown base sequence %q (want sobol-scrambled, sobol or random)", s)
}

// SobolSettings sets up a Sobol' design.
type SobolSettings struct {
	// N is the number of base samples, the rows of A and B. The design
	// has N(k+2) points. Powers of two keep the Sobol' sequence balanced.
	N        int
	Sequence BaseSequence
	Seed     uint64 // scrambles or draws the base matrices, and seeds the bootstrap
}

// SobolDesign is Saltelli's sampling scheme for first-order and total
// Sobol' indices: base matrices A and B (N × k) and, for each parameter
// i, the matrix A_B^(i), which is A with its column i taken from B.
//
// Points are grouped by base row: point j(k+2) is row j of A, points
// j(k+2)+1 to j(k+2)+k are row j of A_B^(1) to A_B^(k), and point
// j(k+2)+k+1 is row j of B. A prefix of whole rows is therefore a smaller
// design of the same kind.
type SobolDesign struct {
	params   []Param
	settings SobolSettings
	seq      *SobolSequence // nil for MonteCarlo
}

// NewSobol returns the Sobol' design over params.
func NewSobol(params []Param, s SobolSettings) (*SobolDesign, error) {
	if err := validateParams(params); err != nil {
		return nil, err
	}
	k := len(params)
	if s.N < 2 {
		return nil, fmt.Errorf("a Sobol' design needs at least 2 base samples, got %d", s.N)
	}
	d := &SobolDesign{params: append([]Param(nil), params...), settings: s}
	var err error
	switch s.Sequence {
	case ScrambledSobol, PlainSobol:
		if 2*k > MaxSobolDims {
			return nil, fmt.Errorf("a Sobol' design over %d parameters needs %d dimensions of the sequence; at most %d are built in (use the random base sequence)", k, 2*k, MaxSobolDims)
		}
		if uint64(s.N) > 1<<sobolBits {
			return nil, fmt.Errorf("a Sobol' design has at most 2^%d base samples, got %d", sobolBits, s.N)
		}
		if s.Sequence == ScrambledSobol {
			d.seq, err = NewScrambledSobolSequence(2*k, s.Seed)
		} else {
			d.seq, err = NewSobolSequence(2 * k)
		}
	case MonteCarlo:
	default:
		return nil, fmt.Errorf("unknown base sequence %v", s.Sequence)
	}
	if err != nil {
		return nil, err
	}
	if s.N > math.MaxInt/(k+2) {
		return nil, fmt.Errorf("a Sobol' design with %d base samples over %d parameters is too large", s.N, k)
	}
	return d, nil
}

// Params returns a copy of the design's parameters.
func (d *SobolDesign) Params() []Param { return append([]Param(nil), d.params...) }

// Settings returns the settings the design was made with.
func (d *SobolDesign) Settings() SobolSettings { return d.settings }

// Len returns N(k+2).
func (d *SobolDesign) Len() int { return d.settings.N * (len(d.params) + 2) }

// SobolRole says which matrix a point of a Sobol' design belongs to.
type SobolRole struct {
	Row    int    // base sample, 0 to N-1
	Matrix string // "A", "B", or "AB" for A_B^(Param)
	Param  int    // for "AB", the parameter whose column comes from B; -1 otherwise
}

// Role returns the matrix and row of point i.
func (d *SobolDesign) Role(i int) SobolRole {
	k := len(d.params)
	r := SobolRole{Row: i / (k + 2), Param: -1}
	switch c := i % (k + 2); {
	case c == 0:
		r.Matrix = "A"
	case c == k+1:
		r.Matrix = "B"
	default:
		r.Matrix, r.Param = "AB", c-1
	}
	return r
}

// base writes row j of A then row j of B into ab (length 2k).
func (d *SobolDesign) base(j int, ab []float64) []float64 {
	if d.seq != nil {
		return d.seq.Point(uint32(j), ab)
	}
	st := sim.NewStream(sim.ReplicateSeed(d.settings.Seed, j), "sensitivity/sobol/random")
	ab = grow(ab, 2*len(d.params))
	for c := range ab {
		ab[c] = st.Float64()
	}
	return ab
}

// Unit writes point i in the unit cube into dst and returns it.
func (d *SobolDesign) Unit(i int, dst []float64) []float64 {
	if i < 0 || i >= d.Len() {
		panic(fmt.Sprintf("sensitivity: point %d of a design of %d", i, d.Len()))
	}
	k := len(d.params)
	role := d.Role(i)
	ab := d.base(role.Row, make([]float64, 2*k))
	dst = grow(dst, k)
	switch role.Matrix {
	case "B":
		copy(dst, ab[k:])
	default:
		copy(dst, ab[:k])
		if role.Param >= 0 {
			dst[role.Param] = ab[k+role.Param]
		}
	}
	return dst
}

// Point writes point i in parameter values into dst and returns it.
func (d *SobolDesign) Point(i int, dst []float64) []float64 {
	return toValues(d.params, d.Unit(i, dst))
}

// SobolResult holds first-order and total Sobol' indices for each output
// and parameter, with bootstrap intervals.
type SobolResult struct {
	Params    []Param
	Settings  SobolSettings
	Bootstrap Bootstrap // with defaults filled in
	// Mean and Variance of each output over the 2N points of A and B
	// (variance with divisor 2N − 1): the V(Y) the indices divide by.
	Mean, Variance []float64
	// First[m][i] and Total[m][i] are S_i and ST_i of output m. They are
	// NaN for an output that does not vary over A and B.
	First, Total [][]Estimate
	// FirstSum[m] is ΣS_i of output m, whose complement 1 − ΣS_i is the
	// share of the variance from interactions. Its interval comes from the
	// resamples of First: each resample's indices summed, so the interval
	// carries their covariance. NaN where First is.
	FirstSum []Estimate
	// HalfN is N/2 (0 if N < 4), and HalfFirst[m][i] and HalfTotal[m][i]
	// are S_i and ST_i of output m from the first N/2 base rows alone:
	// those of the design with N/2 base samples, which the first N/2
	// rows are, a base point depending on its row alone. Beside First and
	// Total they show whether N is enough, without a second run.
	HalfN                int
	HalfFirst, HalfTotal [][]float64
	// Noise[m] describes the replicate noise of output m; nil unless the
	// result comes from AnalyzeReplicates.
	Noise []Noise
}

// Rank returns the parameters' indices ordered by their total index on
// output m, highest first, ties broken on the lower index.
func (r *SobolResult) Rank(m int) []int {
	v := make([]float64, len(r.Total[m]))
	for i, e := range r.Total[m] {
		v[i] = e.Value
	}
	return rankDesc(v)
}

// HalfRank is Rank at N/2: the parameters ordered by their total index
// on output m from the first N/2 base rows (HalfTotal). It panics if
// HalfN is 0.
func (r *SobolResult) HalfRank(m int) []int { return rankDesc(r.HalfTotal[m]) }

// Analyze computes the indices from y, where y[i] holds the outputs of
// point i (any number of outputs, the same for every point).
func (d *SobolDesign) Analyze(y [][]float64, b Bootstrap) (*SobolResult, error) {
	outputs, err := checkOutputs(y, d.Len())
	if err != nil {
		return nil, err
	}
	b, err = b.withDefaults()
	if err != nil {
		return nil, err
	}
	k, n := len(d.params), d.settings.N
	width := k + 2
	res := &SobolResult{
		Params: d.Params(), Settings: d.settings, Bootstrap: b,
		Mean: make([]float64, outputs), Variance: make([]float64, outputs),
		First: make([][]Estimate, outputs), Total: make([][]Estimate, outputs),
		FirstSum: make([]Estimate, outputs),
	}

	// f[m] is output m in point order, centred on its mean over A and B:
	// centring changes no estimator's expectation and keeps the sums below
	// accurate when an output's level is large against its spread.
	f := make([][]float64, outputs)
	for m := range outputs {
		f[m] = make([]float64, d.Len())
		var s float64
		for j := range n {
			s += y[j*width][m] + y[j*width+k+1][m]
		}
		mean := s / float64(2*n)
		for i := range f[m] {
			f[m][i] = y[i][m] - mean
		}
		res.Mean[m] = mean
	}

	all := make([]int32, n)
	for j := range all {
		all[j] = int32(j)
	}
	acc := newSobolSums(k)
	first, total := make([]float64, k), make([]float64, k)
	pointFirst := make([][]float64, outputs)
	pointTotal := make([][]float64, outputs)
	for m := range outputs {
		res.Variance[m] = acc.indices(f[m], k, all, first, total)
		pointFirst[m] = append([]float64(nil), first...)
		pointTotal[m] = append([]float64(nil), total...)
	}
	if half := n / 2; half >= 2 {
		res.HalfN = half
		res.HalfFirst, res.HalfTotal = make([][]float64, outputs), make([][]float64, outputs)
		for m := range outputs {
			acc.indices(f[m], k, all[:half], first, total)
			res.HalfFirst[m] = append([]float64(nil), first...)
			res.HalfTotal[m] = append([]float64(nil), total...)
		}
	}

	// bootFirst[b*outputs*k + m*k + i] is S_i of output m in resample b:
	// each resample writes one contiguous block, so goroutines do not
	// share cache lines.
	nb := b.Resamples
	bootFirst := make([]float64, nb*outputs*k)
	bootTotal := make([]float64, nb*outputs*k)
	type scratch struct {
		rows         []int32
		acc          *sobolSums
		first, total []float64
	}
	work := make([]scratch, b.Workers)
	for w := range work {
		work[w] = scratch{make([]int32, n), newSobolSums(k), make([]float64, k), make([]float64, k)}
	}
	runResamples(nb, b.Workers, func(w, rb int) {
		s := &work[w]
		st := resampleStream(d.settings.Seed, "sensitivity/sobol/bootstrap", rb)
		for j := range s.rows {
			s.rows[j] = int32(st.IntN(n))
		}
		for m := range outputs {
			at := (rb*outputs + m) * k
			s.acc.indices(f[m], k, s.rows, bootFirst[at:at+k], bootTotal[at:at+k])
		}
	})

	col := make([]float64, nb)
	var buf []float64
	for m := range outputs {
		res.First[m] = make([]Estimate, k)
		res.Total[m] = make([]Estimate, k)
		for i := range k {
			res.First[m][i], buf = summarise(pointFirst[m][i], column(bootFirst, outputs*k, m*k+i, col), b.Level, buf)
			res.Total[m][i], buf = summarise(pointTotal[m][i], column(bootTotal, outputs*k, m*k+i, col), b.Level, buf)
		}
		// Summed in parameter order, resample by resample; a resample
		// whose output is constant has every index NaN, and so its sum.
		for rb := range col {
			col[rb] = sum(bootFirst[(rb*outputs+m)*k : (rb*outputs+m+1)*k])
		}
		res.FirstSum[m], buf = summarise(sum(pointFirst[m]), col, b.Level, buf)
	}
	return res, nil
}

// sum is the sum of x in order.
func sum(x []float64) float64 {
	var s float64
	for _, v := range x {
		s += v
	}
	return s
}

// AnalyzeReplicates computes the indices from replicate outputs:
// y[i][r][m] is output m of replicate r at point i. It analyses the
// replicate means (ReplicateMeans) and reports their noise in
// SobolResult.Noise.
func (d *SobolDesign) AnalyzeReplicates(y [][][]float64, b Bootstrap) (*SobolResult, error) {
	if len(y) != d.Len() {
		return nil, fmt.Errorf("the design has %d points, got outputs for %d", d.Len(), len(y))
	}
	means, noise, err := ReplicateMeans(y)
	if err != nil {
		return nil, err
	}
	res, err := d.Analyze(means, b)
	if err != nil {
		return nil, err
	}
	res.Noise = noise
	return res, nil
}

// sobolSums accumulates, over a list of base rows, the sums the
// estimators need, for one output.
type sobolSums struct {
	p, q, r []float64 // Σ f_B·D_i, Σ D_i, Σ D_i², with D_i = f(A_B^(i)) − f(A)
}

func newSobolSums(k int) *sobolSums {
	return &sobolSums{make([]float64, k), make([]float64, k), make([]float64, k)}
}

// indices computes S_i (Saltelli et al. 2010) and ST_i (Jansen 1999) of
// one output f (in point order) over the base rows listed, with
// repetition, into first and total, and returns V(Y). With c the mean of
// f over the listed rows of A and B and V their variance:
//
//	S_i  = (1/N) Σ_j (f(B)_j − c)(f(A_B^(i))_j − f(A)_j) / V
//	ST_i = (1/2N) Σ_j (f(A)_j − f(A_B^(i))_j)² / V
//
// If V is 0 (f constant over the rows), the indices are NaN.
func (s *sobolSums) indices(f []float64, k int, rows []int32, first, total []float64) float64 {
	width := k + 2
	clear(s.p)
	clear(s.q)
	clear(s.r)
	p, q, r := s.p[:k], s.q[:k], s.r[:k]
	var sumA, sumB, sumAA, sumBB float64
	for _, j := range rows {
		row := f[int(j)*width : int(j+1)*width]
		a, b := row[0], row[k+1]
		sumA += a
		sumB += b
		sumAA += float64(a * a)
		sumBB += float64(b * b)
		ab := row[1 : k+1]
		for i, x := range ab {
			di := x - a
			p[i] += float64(b * di)
			q[i] += di
			r[i] += float64(di * di)
		}
	}
	n := float64(len(rows))
	c := (sumA + sumB) / (2 * n)
	v := (sumAA + sumBB - float64(2*n*c*c)) / (float64(2*n) - 1)
	if !(v > 0) {
		for i := range k {
			first[i], total[i] = math.NaN(), math.NaN()
		}
		return 0
	}
	for i := range k {
		first[i] = (p[i] - float64(c*q[i])) / n / v
		total[i] = r[i] / (2 * n) / v
	}
	return v
}
