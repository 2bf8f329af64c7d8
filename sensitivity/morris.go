package sensitivity

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/borderwork/borderwork/sim"
)

// MorrisSettings sets up a Morris design. Zero fields take the defaults.
type MorrisSettings struct {
	Trajectories int // r, the trajectories kept; 0 means 20
	Levels       int // p, grid levels per parameter, even; 0 means 4
	// Candidates is the number of trajectories drawn before selection.
	// 0 keeps the r trajectories drawn (Morris 1991); a number M > r draws
	// M and keeps r of them spread widely over the input space (Campolongo
	// et al. 2007), at a cost in time of order M²k².
	Candidates int
	Seed       uint64 // draws the trajectories, and seeds the bootstrap
}

// Defaults of MorrisSettings.
const (
	DefaultTrajectories = 20
	DefaultLevels       = 4
	// MaxLevels bounds p: selectSpread keeps a table of k·(p−1)² square
	// roots, and integer distances overflow long before p = 2³¹; the
	// method uses 4 to 10.
	MaxLevels = 100
	// MaxCandidates bounds M when r of them are chosen: 8·M² bytes of
	// distances (32 GiB here), and time of order M²k².
	MaxCandidates = 1 << 16
)

// MorrisDesign is a set of r Morris trajectories over k parameters. Each
// trajectory is k+1 points on the grid {0, 1/(p−1), …, 1}^k: it starts at
// a random grid point and moves each parameter once, in random order, by
// Δ = p/(2(p−1)), up or down. Points are grouped by trajectory: point
// t(k+1)+s is step s of trajectory t, step 0 being its start.
type MorrisDesign struct {
	params   []Param
	settings MorrisSettings // with defaults filled in
	k, jump  int            // parameters; Δ in grid steps, p/2
	start    []int32        // start[t*k+q]: grid level of parameter q at step 0 of trajectory t
	moveAt   []int32        // moveAt[t*k+q]: the step, 1 to k, at which parameter q moves
	order    []int32        // order[t*k+s-1]: the parameter moved at step s
	up       []bool         // up[t*k+q]: parameter q moves up (+Δ), else down
}

// NewMorris returns the Morris design over params.
//
// Each trajectory is drawn from the stream "sensitivity/morris/trajectories"
// of the seed, as in Morris (1991): for each parameter in turn a base level
// x* uniform on {0, 1/(p−1), …, 1−Δ} and a direction, up or down,
// with equal chances; the start is x* going up and x*+Δ going down, so every
// level is equally likely; then the order of moves, a uniform random
// permutation (Fisher–Yates). With Candidates = M, M trajectories are drawn
// this way (the first r of them are the design without selection) and r
// are kept by Campolongo et al.'s criterion, approximately maximised (see
// selectSpread); kept trajectories stay in the order they were drawn.
func NewMorris(params []Param, s MorrisSettings) (*MorrisDesign, error) {
	if err := validateParams(params); err != nil {
		return nil, err
	}
	if s.Trajectories == 0 {
		s.Trajectories = DefaultTrajectories
	}
	if s.Levels == 0 {
		s.Levels = DefaultLevels
	}
	switch {
	case s.Trajectories < 2:
		return nil, fmt.Errorf("a Morris design needs at least 2 trajectories, got %d", s.Trajectories)
	case s.Levels < 2 || s.Levels > MaxLevels || s.Levels%2 != 0:
		return nil, fmt.Errorf("a Morris design needs an even number of levels from 2 to %d, got %d", MaxLevels, s.Levels)
	case s.Candidates != 0 && s.Candidates < s.Trajectories:
		return nil, fmt.Errorf("a Morris design cannot keep %d trajectories out of %d candidates", s.Trajectories, s.Candidates)
	case s.Trajectories > math.MaxInt32 || s.Candidates > math.MaxInt32:
		return nil, fmt.Errorf("a Morris design of %d trajectories is too large", max(s.Trajectories, s.Candidates))
	case s.Candidates > s.Trajectories && s.Candidates > MaxCandidates:
		return nil, fmt.Errorf("a Morris design cannot choose among %d candidates: at most %d (selectSpread holds M² distances)", s.Candidates, MaxCandidates)
	}
	k := len(params)
	drawn := max(s.Trajectories, s.Candidates)
	if drawn > math.MaxInt/(k+1)/max(k, 1) {
		return nil, fmt.Errorf("a Morris design of %d trajectories over %d parameters is too large", drawn, k)
	}
	d := &MorrisDesign{params: append([]Param(nil), params...), settings: s, k: k, jump: s.Levels / 2}
	d.draw(drawn)
	if drawn > s.Trajectories {
		d.keep(selectSpread(d, s.Trajectories))
	}
	return d, nil
}

// draw fills the design with n trajectories from the seed's stream.
func (d *MorrisDesign) draw(n int) {
	k, h := d.k, d.jump
	st := sim.NewStream(d.settings.Seed, "sensitivity/morris/trajectories")
	d.start = make([]int32, n*k)
	d.moveAt = make([]int32, n*k)
	d.order = make([]int32, n*k)
	d.up = make([]bool, n*k)
	for t := range n {
		for q := range k {
			base := st.IntN(h) // levels 0 .. p/2-1, so that base+Δ ≤ 1
			up := st.IntN(2) == 1
			d.up[t*k+q] = up
			d.start[t*k+q] = int32(base)
			if !up {
				d.start[t*k+q] = int32(base + h)
			}
		}
		ord := d.order[t*k : (t+1)*k]
		for q := range ord {
			ord[q] = int32(q)
		}
		for i := k - 1; i > 0; i-- {
			j := st.IntN(i + 1)
			ord[i], ord[j] = ord[j], ord[i]
		}
		for s, q := range ord {
			d.moveAt[t*k+int(q)] = int32(s + 1)
		}
	}
}

// keep reduces the design to the listed trajectories, in that order.
func (d *MorrisDesign) keep(ts []int) {
	k := d.k
	pick32 := func(src []int32) []int32 {
		out := make([]int32, 0, len(ts)*k)
		for _, t := range ts {
			out = append(out, src[t*k:(t+1)*k]...)
		}
		return out
	}
	up := make([]bool, 0, len(ts)*k)
	for _, t := range ts {
		up = append(up, d.up[t*k:(t+1)*k]...)
	}
	d.start, d.moveAt, d.order, d.up = pick32(d.start), pick32(d.moveAt), pick32(d.order), up
}

// trajectories returns the number of trajectories the design holds.
func (d *MorrisDesign) trajectories() int { return len(d.start) / d.k }

// level returns the grid level of parameter q at step s of trajectory t.
func (d *MorrisDesign) level(t, s, q int) int {
	lv := int(d.start[t*d.k+q])
	if int(d.moveAt[t*d.k+q]) <= s {
		if d.up[t*d.k+q] {
			lv += d.jump
		} else {
			lv -= d.jump
		}
	}
	return lv
}

// selectSpread picks r of the design's trajectories by the criterion of
// Campolongo et al. (2007): maximise Σ d(m,l)² over the pairs kept, where
// d(m,l) is the sum of the Euclidean distances between every point of
// trajectory m and every point of trajectory l. Campolongo et al. search
// all subsets, which is infeasible beyond small M; this is greedy backward
// elimination instead: starting from all M, drop the trajectory whose
// removal keeps the largest total (the one with the least Σ_l d(m,l)² to
// the others left), ties broken on the lower index, until r remain. It
// returns the kept trajectories' indices in increasing order.
func selectSpread(d *MorrisDesign, r int) []int {
	m := d.trajectories()
	k := d.k
	// Distances are computed on grid levels, as integers: exact, and the
	// square roots come from a table. The common factor 1/(p−1) does not
	// change which set is best.
	maxSq := k * (d.settings.Levels - 1) * (d.settings.Levels - 1)
	root := make([]float64, maxSq+1)
	for i := range root {
		root[i] = math.Sqrt(float64(i))
	}
	d2 := make([]float64, m*m) // d(a,b)²
	// Each trajectory's row, a, on the cores there are, the next row to
	// whichever is free: a row's sums are added in the same order
	// whatever computes it, and rows write cells of their own, so the
	// distances do not depend on the number of cores.
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), m) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			x := make([]int, k)
			dist := make([]float64, m)
			for a := int(next.Add(1) - 1); a < m; a = int(next.Add(1) - 1) {
				d.spreadRow(a, x, dist, root, d2)
			}
		}()
	}
	wg.Wait()
	in := make([]bool, m)
	contrib := make([]float64, m)
	for a := range m {
		in[a] = true
		for b := range m {
			contrib[a] += d2[a*m+b]
		}
	}
	for left := m; left > r; left-- {
		drop := -1
		for a := range m {
			if in[a] && (drop < 0 || contrib[a] < contrib[drop]) {
				drop = a
			}
		}
		in[drop] = false
		for a := range m {
			contrib[a] -= d2[a*m+drop]
		}
	}
	kept := make([]int, 0, r)
	for a := range m {
		if in[a] {
			kept = append(kept, a)
		}
	}
	return kept
}

// spreadRow sets d2[a·m+b] and d2[b·m+a], for every trajectory b after a,
// to the squared sum of the distances between the points of a and b
// (selectSpread), using x (k levels) and dist (m sums) as scratch.
func (d *MorrisDesign) spreadRow(a int, x []int, dist, root, d2 []float64) {
	m, k := d.trajectories(), d.k
	clear(dist)
	for i := 0; i <= k; i++ { // point i of trajectory a
		for q := range k {
			x[q] = d.level(a, i, q)
		}
		for b := a + 1; b < m; b++ {
			// Squared distance to step 0 of b, then updated as b
			// moves one parameter at each step.
			sq := 0
			for q := range k {
				e := x[q] - int(d.start[b*k+q])
				sq += e * e
			}
			sum := root[sq]
			for s := 1; s <= k; s++ {
				q := int(d.order[b*k+s-1])
				before := int(d.start[b*k+q])
				after := before + d.jump
				if !d.up[b*k+q] {
					after = before - d.jump
				}
				eb, ea := x[q]-before, x[q]-after
				sq += ea*ea - eb*eb
				sum += root[sq]
			}
			dist[b] += sum
		}
	}
	for b := a + 1; b < m; b++ {
		d2[a*m+b] = dist[b] * dist[b]
		d2[b*m+a] = dist[b] * dist[b]
	}
}

// Spread returns Campolongo et al.'s spread of the design's trajectories,
// sqrt(Σ_{pairs} d(m,l)²) in unit-cube distances: a larger spread means
// trajectories that explore more of the input space. It costs of order
// r²k³ operations.
func (d *MorrisDesign) Spread() float64 {
	m, k := d.trajectories(), d.k
	pts := make([][]float64, m*(k+1))
	for i := range pts {
		pts[i] = d.Unit(i, nil)
	}
	var total float64
	for a := range m {
		for b := a + 1; b < m; b++ {
			var dist float64
			for i := 0; i <= k; i++ {
				for j := 0; j <= k; j++ {
					var sq float64
					for q, v := range pts[a*(k+1)+i] {
						e := v - pts[b*(k+1)+j][q]
						sq += float64(e * e)
					}
					dist += math.Sqrt(sq)
				}
			}
			total += float64(dist * dist)
		}
	}
	return math.Sqrt(total)
}

// Params returns a copy of the design's parameters.
func (d *MorrisDesign) Params() []Param { return append([]Param(nil), d.params...) }

// Settings returns the settings the design was made with, defaults filled in.
func (d *MorrisDesign) Settings() MorrisSettings { return d.settings }

// Delta returns the step Δ = p/(2(p−1)), in unit-cube coordinates.
func (d *MorrisDesign) Delta() float64 {
	return float64(d.jump) / float64(d.settings.Levels-1)
}

// Len returns r(k+1).
func (d *MorrisDesign) Len() int { return d.trajectories() * (d.k + 1) }

// Step returns the trajectory of point i, its step along it (0 for the
// start) and the parameter moved to reach it (-1 at the start).
func (d *MorrisDesign) Step(i int) (trajectory, step, moved int) {
	t, s := i/(d.k+1), i%(d.k+1)
	if s == 0 {
		return t, 0, -1
	}
	return t, s, int(d.order[t*d.k+s-1])
}

// Unit writes point i in the unit cube into dst and returns it.
func (d *MorrisDesign) Unit(i int, dst []float64) []float64 {
	if i < 0 || i >= d.Len() {
		panic(fmt.Sprintf("sensitivity: point %d of a design of %d", i, d.Len()))
	}
	t, s, _ := d.Step(i)
	dst = grow(dst, d.k)
	top := float64(d.settings.Levels - 1)
	for q := range d.k {
		dst[q] = float64(d.level(t, s, q)) / top
	}
	return dst
}

// Point writes point i in parameter values into dst and returns it.
func (d *MorrisDesign) Point(i int, dst []float64) []float64 {
	return toValues(d.params, d.Unit(i, dst))
}

// MorrisResult holds the Morris measures of each output and parameter,
// with bootstrap intervals. Elementary effects are per unit of the
// unit cube: EE = (y after − y before)/(±Δ), so an effect of 2 means the
// output moves by about 2Δ when the parameter moves by Δ of its range.
// For an integer parameter the divisor is the move its values really
// make, in units of its range (see ElementaryEffects), so a linear
// output gives every parameter, integer or not, the same effect at every
// step: its change over the whole range.
type MorrisResult struct {
	Params    []Param
	Settings  MorrisSettings
	Delta     float64
	Bootstrap Bootstrap // with defaults filled in
	// Mu[m][i], MuStar[m][i] and Sigma[m][i] are the mean, the mean
	// absolute value and the standard deviation (divisor r − 1) of the
	// elementary effects of parameter i on output m.
	Mu, MuStar, Sigma [][]Estimate
	// Noise[m] describes the replicate noise of output m, and
	// NoiseFloor[m] the μ* that noise alone, independent between points,
	// would give a parameter with no effect that moves by Δ: 2·sqrt(W/(πR))/Δ,
	// the mean absolute difference of two independent normal replicate
	// means divided by Δ (an integer parameter's moves differ from Δ, and
	// its level with them). Both nil unless the result comes from
	// AnalyzeReplicates.
	Noise      []Noise
	NoiseFloor []float64
}

// Rank returns the parameters' indices ordered by μ* on output m, highest
// first, ties broken on the lower index.
func (r *MorrisResult) Rank(m int) []int {
	v := make([]float64, len(r.MuStar[m]))
	for i, e := range r.MuStar[m] {
		v[i] = e.Value
	}
	return rankDesc(v)
}

// ElementaryEffects returns ee[m][t*k+i], the elementary effect of
// parameter i in trajectory t on output m, from y[point][output]: the
// output's change over the parameter's move in units of its normalised
// range, ±Δ, or for an integer parameter the move its whole numbers
// really make, (Value(after) − Value(before))/(Hi − Lo).
func (d *MorrisDesign) ElementaryEffects(y [][]float64) ([][]float64, error) {
	outputs, err := checkOutputs(y, d.Len())
	if err != nil {
		return nil, err
	}
	k, r := d.k, d.trajectories()
	ee := make([][]float64, outputs)
	for m := range ee {
		ee[m] = make([]float64, r*k)
		for t := range r {
			for s := 1; s <= k; s++ {
				q := int(d.order[t*k+s-1])
				p := t*(k+1) + s
				ee[m][t*k+q] = (y[p][m] - y[p-1][m]) / d.step(t, q)
			}
		}
	}
	return ee, nil
}

// step returns the move of parameter q in trajectory t, in units of its
// normalised range: ±Δ, or, for an integer parameter, the move its values
// really make, (Value(after) − Value(before))/(Hi − Lo). The grid levels
// of an integer parameter land on whole numbers that are not equally
// spaced (on [1, 3] the levels 0, 1/3, 2/3, 1 give 1, 2, 3, 3), so one
// move of Δ = 2/3 goes from 1 to 3 and another from 2 to 3; dividing
// both by Δ would make a linear output's effects differ, biasing µ* and
// giving a σ that is not there. The move is never 0: Δ > 1/2 and each
// whole number's bin is at most 1/2 wide.
func (d *MorrisDesign) step(t, q int) float64 {
	delta := d.Delta()
	if !d.up[t*d.k+q] {
		delta = -delta
	}
	p := d.params[q]
	if !p.Integer {
		return delta
	}
	top := float64(d.settings.Levels - 1)
	before := int(d.start[t*d.k+q])
	after := before + d.jump
	if !d.up[t*d.k+q] {
		after = before - d.jump
	}
	return (p.Value(float64(after)/top) - p.Value(float64(before)/top)) / (p.Hi - p.Lo)
}

// Analyze computes the Morris measures from y, where y[i] holds the
// outputs of point i (any number of outputs, the same for every point).
// Intervals come from resampling whole trajectories.
func (d *MorrisDesign) Analyze(y [][]float64, b Bootstrap) (*MorrisResult, error) {
	ee, err := d.ElementaryEffects(y)
	if err != nil {
		return nil, err
	}
	b, err = b.withDefaults()
	if err != nil {
		return nil, err
	}
	k, r, outputs := d.k, d.trajectories(), len(ee)
	res := &MorrisResult{
		Params: d.Params(), Settings: d.settings, Delta: d.Delta(), Bootstrap: b,
		Mu: make([][]Estimate, outputs), MuStar: make([][]Estimate, outputs), Sigma: make([][]Estimate, outputs),
	}
	all := make([]int32, r)
	for t := range all {
		all[t] = int32(t)
	}
	mu, muStar, sigma := make([]float64, k), make([]float64, k), make([]float64, k)
	pointMu := make([][]float64, outputs)
	pointMuStar := make([][]float64, outputs)
	pointSigma := make([][]float64, outputs)
	for m := range outputs {
		morrisMeasures(ee[m], k, all, nil, mu, muStar, sigma)
		pointMu[m] = slices.Clone(mu)
		pointMuStar[m] = slices.Clone(muStar)
		pointSigma[m] = slices.Clone(sigma)
	}

	// boot[0][b*outputs*k + m*k + i] is μ_i of output m in resample b
	// (boot[1] μ*, boot[2] σ): one contiguous block per resample.
	nb := b.Resamples
	boot := [3][]float64{make([]float64, nb*outputs*k), make([]float64, nb*outputs*k), make([]float64, nb*outputs*k)}
	rows := make([][]int32, b.Workers)
	for w := range rows {
		rows[w] = make([]int32, r)
	}
	runResamples(nb, b.Workers, func(w, rb int) {
		st := resampleStream(d.settings.Seed, "sensitivity/morris/bootstrap", rb)
		for t := range rows[w] {
			rows[w][t] = int32(st.IntN(r))
		}
		for m := range outputs {
			at := (rb*outputs + m) * k
			morrisMeasures(ee[m], k, rows[w], pointMu[m], boot[0][at:at+k], boot[1][at:at+k], boot[2][at:at+k])
		}
	})

	col := make([]float64, nb)
	var buf []float64
	for m := range outputs {
		res.Mu[m] = make([]Estimate, k)
		res.MuStar[m] = make([]Estimate, k)
		res.Sigma[m] = make([]Estimate, k)
		for i := range k {
			res.Mu[m][i], buf = summarise(pointMu[m][i], column(boot[0], outputs*k, m*k+i, col), b.Level, buf)
			res.MuStar[m][i], buf = summarise(pointMuStar[m][i], column(boot[1], outputs*k, m*k+i, col), b.Level, buf)
			res.Sigma[m][i], buf = summarise(pointSigma[m][i], column(boot[2], outputs*k, m*k+i, col), b.Level, buf)
		}
	}
	return res, nil
}

// AnalyzeReplicates computes the Morris measures from replicate outputs:
// y[i][r][m] is output m of replicate r at point i. It analyses the
// replicate means (ReplicateMeans) and reports their noise and the μ*
// noise floor.
func (d *MorrisDesign) AnalyzeReplicates(y [][][]float64, b Bootstrap) (*MorrisResult, error) {
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
	res.NoiseFloor = make([]float64, len(noise))
	for m, n := range noise {
		res.NoiseFloor[m] = 2 * math.Sqrt(n.Within/(math.Pi*float64(n.Replicates))) / res.Delta
	}
	return res, nil
}

// morrisMeasures computes μ, μ* and σ of each parameter over the listed
// trajectories (with repetition) from ee (trajectory-major). shift, if
// not nil, is subtracted before summing squares, for accuracy: the
// full-sample μ is a good shift for a resample.
func morrisMeasures(ee []float64, k int, rows []int32, shift, mu, muStar, sigma []float64) {
	clear(mu)
	clear(muStar)
	clear(sigma) // Σ (e − shift)² until the end
	if shift == nil {
		// Two passes: the mean first, then squares about it.
		for _, t := range rows {
			for i, e := range ee[int(t)*k : int(t+1)*k] {
				mu[i] += e
			}
		}
		n := float64(len(rows))
		for i := range mu {
			mu[i] /= n
		}
		for _, t := range rows {
			for i, e := range ee[int(t)*k : int(t+1)*k] {
				muStar[i] += math.Abs(e)
				sigma[i] += float64((e - mu[i]) * (e - mu[i]))
			}
		}
		for i := range k {
			muStar[i] /= n
			sigma[i] = math.Sqrt(sigma[i] / (n - 1))
		}
		return
	}
	// One pass about the shift: Σ(e−c)² − (Σ(e−c))²/n = Σ(e − ē)².
	for _, t := range rows {
		for i, e := range ee[int(t)*k : int(t+1)*k] {
			c := e - shift[i]
			mu[i] += c
			muStar[i] += math.Abs(e)
			sigma[i] += float64(c * c)
		}
	}
	n := float64(len(rows))
	for i := range k {
		ss := math.Max(0, sigma[i]-mu[i]*mu[i]/n)
		sigma[i] = math.Sqrt(ss / (n - 1))
		mu[i] = shift[i] + mu[i]/n
		muStar[i] /= n
	}
}
