package sensitivity

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/sim"
)

func TestSobolDesignStructure(t *testing.T) {
	params := []Param{{Name: "a", Lo: 0, Hi: 1}, {Name: "b", Lo: 10, Hi: 20}, {Name: "c", Lo: 1, Hi: 5, Integer: true}}
	for _, seq := range []BaseSequence{ScrambledSobol, PlainSobol, MonteCarlo} {
		d, err := NewSobol(params, SobolSettings{N: 16, Sequence: seq, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		k := len(params)
		if d.Len() != 16*(k+2) {
			t.Fatalf("%v: Len = %d; want %d", seq, d.Len(), 16*(k+2))
		}
		for j := range 16 {
			a := d.Unit(j*(k+2), nil)
			b := d.Unit(j*(k+2)+k+1, nil)
			if r := d.Role(j * (k + 2)); r != (SobolRole{Row: j, Matrix: "A", Param: -1}) {
				t.Errorf("%v: Role(%d) = %+v; want row %d of A", seq, j*(k+2), r, j)
			}
			if r := d.Role(j*(k+2) + k + 1); r != (SobolRole{Row: j, Matrix: "B", Param: -1}) {
				t.Errorf("%v: Role(%d) = %+v; want row %d of B", seq, j*(k+2)+k+1, r, j)
			}
			for i := range k {
				p := j*(k+2) + 1 + i
				if r := d.Role(p); r != (SobolRole{Row: j, Matrix: "AB", Param: i}) {
					t.Errorf("%v: Role(%d) = %+v; want row %d of A_B^(%d)", seq, p, r, j, i)
				}
				x := d.Unit(p, nil)
				for c := range k {
					want := a[c]
					if c == i {
						want = b[c]
					}
					if x[c] != want {
						t.Errorf("%v: row %d of A_B^(%d), column %d = %v; want %v", seq, j, i, c, x[c], want)
					}
				}
			}
			for c := range k {
				if a[c] < 0 || a[c] >= 1 || a[c] == b[c] && seq != PlainSobol {
					t.Errorf("%v: row %d, column %d: A = %v, B = %v", seq, j, c, a[c], b[c])
				}
			}
			v := d.Point(j*(k+2), nil)
			if v[2] != math.Trunc(v[2]) || v[2] < 1 || v[2] > 5 || v[1] < 10 || v[1] > 20 {
				t.Errorf("%v: point %d = %v: out of range or not whole", seq, j*(k+2), v)
			}
		}
	}
}

// naiveSobol computes S_i and ST_i from the formulas, written out over
// explicit matrices: an independent check of sobolSums.
func naiveSobol(y []float64, n, k int) (first, total []float64) {
	fA, fB := make([]float64, n), make([]float64, n)
	fAB := make([][]float64, k)
	for i := range fAB {
		fAB[i] = make([]float64, n)
	}
	for j := range n {
		fA[j] = y[j*(k+2)]
		fB[j] = y[j*(k+2)+k+1]
		for i := range k {
			fAB[i][j] = y[j*(k+2)+1+i]
		}
	}
	var c float64
	for j := range n {
		c += fA[j] + fB[j]
	}
	c /= float64(2 * n)
	var v float64
	for j := range n {
		v += (fA[j]-c)*(fA[j]-c) + (fB[j]-c)*(fB[j]-c)
	}
	v /= float64(2*n - 1)
	for i := range k {
		var s, st float64
		for j := range n {
			s += (fB[j] - c) * (fAB[i][j] - fA[j])
			st += (fA[j] - fAB[i][j]) * (fA[j] - fAB[i][j])
		}
		first = append(first, s/float64(n)/v)
		total = append(total, st/float64(2*n)/v)
	}
	return first, total
}

func TestSobolEstimators(t *testing.T) {
	// By hand, N = 2, k = 1: f(A) = (1, 3), f(A_B) = (2, 3), f(B) = (0, 4).
	// c = 2, V = (1+1+4+4)/3 = 10/3,
	// S  = ((0−2)(2−1) + (4−2)(3−3))/2 / V = −1/V = −0.3,
	// ST = ((1−2)² + (3−3)²)/4 / V = 0.25/V = 0.075.
	d, err := NewSobol([]Param{{Name: "x", Lo: 0, Hi: 1}}, SobolSettings{N: 2})
	if err != nil {
		t.Fatal(err)
	}
	r, err := d.Analyze([][]float64{{1}, {2}, {0}, {3}, {3}, {4}}, Bootstrap{Resamples: 10})
	if err != nil {
		t.Fatal(err)
	}
	if s, st := r.First[0][0].Value, r.Total[0][0].Value; math.Abs(s+0.3) > 1e-12 || math.Abs(st-0.075) > 1e-12 {
		t.Errorf("by hand: S, ST = %v, %v; want -0.3, 0.075", s, st)
	}
	if v := r.Variance[0]; math.Abs(v-10.0/3) > 1e-12 {
		t.Errorf("by hand: V = %v; want 10/3", v)
	}

	// Arbitrary outputs with a large offset, two outputs, against the
	// formulas written out.
	const n, k = 7, 3
	d, err = NewSobol(unitParams(k), SobolSettings{N: n})
	if err != nil {
		t.Fatal(err)
	}
	st := sim.NewStream(11, "test")
	y := make([][]float64, d.Len())
	col := [2][]float64{}
	for i := range y {
		y[i] = []float64{1e6 + st.Float64(), st.Float64()*st.Float64() - 3}
		col[0] = append(col[0], y[i][0])
		col[1] = append(col[1], y[i][1])
	}
	r, err = d.Analyze(y, Bootstrap{Resamples: 10})
	if err != nil {
		t.Fatal(err)
	}
	for m := range 2 {
		first, total := naiveSobol(col[m], n, k)
		for i := range k {
			if got := r.First[m][i].Value; math.Abs(got-first[i]) > 1e-9*math.Max(1, math.Abs(first[i])) {
				t.Errorf("output %d: S_%d = %v; want %v", m, i, got, first[i])
			}
			if got := r.Total[m][i].Value; math.Abs(got-total[i]) > 1e-9*math.Max(1, math.Abs(total[i])) {
				t.Errorf("output %d: ST_%d = %v; want %v", m, i, got, total[i])
			}
		}
	}
}

// analyticCase is a test function with known indices and a sample size.
type analyticCase struct {
	name         string
	params       []Param
	f            func([]float64) float64
	first, total []float64
	n            int
}

func analyticCases() []analyticCase {
	iFirst, iTotal := ishigamiIndices(7, 0.1)
	gFirst, gTotal := gIndices(gA)
	return []analyticCase{
		{"Ishigami a=7 b=0.1", ishigamiParams(), ishigami(7, 0.1), iFirst, iTotal, 4096},
		{"G function a=(0,1,4.5,9,99,99,99,99)", unitParams(len(gA)), gFunction(gA), gFirst, gTotal, 4096},
	}
}

// TestSobolAnalytic checks that, at N = 4096 base samples (20,480 runs of
// Ishigami, 40,960 of G), seed 1, scrambled Sobol' base, 1000 resamples,
// every true index lies in its 95% bootstrap interval, and that the
// estimates are close in absolute terms, so that a wide interval cannot
// hide a wrong estimate.
func TestSobolAnalytic(t *testing.T) {
	for _, c := range analyticCases() {
		d, err := NewSobol(c.params, SobolSettings{N: c.n, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		r, err := d.Analyze(evaluate(d, c.f), Bootstrap{Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		for i := range c.params {
			for _, e := range []struct {
				kind string
				got  Estimate
				want float64
				tol  float64
			}{{"S", r.First[0][i], c.first[i], 0.04}, {"ST", r.Total[0][i], c.total[i], 0.02}} {
				if !(e.got.Lo <= e.want && e.want <= e.got.Hi) {
					t.Errorf("%s: %s_%d = %.4f, 95%% interval [%.4f, %.4f] misses the true %.4f", c.name, e.kind, i+1, e.got.Value, e.got.Lo, e.got.Hi, e.want)
				}
				if math.Abs(e.got.Value-e.want) > e.tol {
					t.Errorf("%s: %s_%d = %.4f; want %.4f ± %.2f", c.name, e.kind, i+1, e.got.Value, e.want, e.tol)
				}
				if !(e.got.Lo <= e.got.Value && e.got.Value <= e.got.Hi) || !(e.got.SE > 0) {
					t.Errorf("%s: %s_%d = %+v: the estimate is outside its interval or has no spread", c.name, e.kind, i+1, e.got)
				}
			}
		}
		// ΣS: the sum of the estimates, its interval from the same
		// resamples holding the true sum; narrower than the indices'
		// intervals end to end, which ignore their covariance.
		var want, sum, widths float64
		for i := range c.params {
			want += c.first[i]
			sum += r.First[0][i].Value
			widths += r.First[0][i].Hi - r.First[0][i].Lo
		}
		got := r.FirstSum[0]
		if got.Value != sum {
			t.Errorf("%s: ΣS = %v; the first-order indices sum to %v", c.name, got.Value, sum)
		}
		if !(got.Lo <= want && want <= got.Hi) || math.Abs(got.Value-want) > 0.04 {
			t.Errorf("%s: ΣS = %.4f, 95%% interval [%.4f, %.4f]; want the true %.4f inside, within 0.04", c.name, got.Value, got.Lo, got.Hi, want)
		}
		if !(got.Lo <= got.Value && got.Value <= got.Hi) || !(got.SE > 0) || !(got.Hi-got.Lo < widths) {
			t.Errorf("%s: ΣS = %+v: outside its interval, without spread, or wider than the indices' intervals end to end (%.4f)", c.name, got, widths)
		}
	}
}

// TestSobolCoverage checks that the bootstrap intervals mean what they
// say: over 40 seeds at N = 1024, the 95% intervals of the six Ishigami
// indices hold the true values in at least 88% of the 240 cases, and are
// not so wide that this is trivial.
func TestSobolCoverage(t *testing.T) {
	first, total := ishigamiIndices(7, 0.1)
	sumFirst := first[0] + first[1] + first[2]
	for _, seq := range []BaseSequence{ScrambledSobol, MonteCarlo} {
		var cases, covered, sumCovered int
		var width float64
		for seed := range uint64(40) {
			d, err := NewSobol(ishigamiParams(), SobolSettings{N: 1024, Sequence: seq, Seed: seed})
			if err != nil {
				t.Fatal(err)
			}
			r, err := d.Analyze(evaluate(d, ishigami(7, 0.1)), Bootstrap{Resamples: 500, Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			if e := r.FirstSum[0]; e.Lo <= sumFirst && sumFirst <= e.Hi {
				sumCovered++
			}
			for i := range 3 {
				for _, c := range []struct {
					e    Estimate
					want float64
				}{{r.First[0][i], first[i]}, {r.Total[0][i], total[i]}} {
					cases++
					if c.e.Lo <= c.want && c.want <= c.e.Hi {
						covered++
					}
					width += c.e.Hi - c.e.Lo
				}
			}
		}
		share := float64(covered) / float64(cases)
		width /= float64(cases)
		t.Logf("%v: coverage %.3f, mean width %.3f; ΣS coverage %d of 40", seq, share, width, sumCovered)
		if share < 0.88 {
			t.Errorf("%v: 95%% intervals held the true index in %d of %d cases (%.2f); want at least 0.88", seq, covered, cases, share)
		}
		if sumCovered < 35 {
			t.Errorf("%v: 95%% intervals of ΣS held the true sum %.4f in %d of 40 seeds; want at least 35", seq, sumFirst, sumCovered)
		}
		if width > 0.15 {
			t.Errorf("%v: mean interval width %.3f at N = 1024; want under 0.15", seq, width)
		}
	}
}

func TestSobolConstantOutput(t *testing.T) {
	d, err := NewSobol(unitParams(2), SobolSettings{N: 8})
	if err != nil {
		t.Fatal(err)
	}
	y := make([][]float64, d.Len())
	for i := range y {
		y[i] = []float64{5, float64(i % 3)}
	}
	r, err := d.Analyze(y, Bootstrap{Resamples: 20})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		if e := r.First[0][i]; !math.IsNaN(e.Value) || !math.IsNaN(e.Lo) {
			t.Errorf("constant output: S_%d = %+v; want NaN", i, e)
		}
		if e := r.Total[1][i]; math.IsNaN(e.Value) {
			t.Errorf("varying output: ST_%d = NaN", i)
		}
	}
	if r.Variance[0] != 0 {
		t.Errorf("constant output: V = %v; want 0", r.Variance[0])
	}
	if e := r.FirstSum[0]; !math.IsNaN(e.Value) || !math.IsNaN(e.Lo) {
		t.Errorf("constant output: ΣS = %+v; want NaN", e)
	}
	if e := r.FirstSum[1]; math.IsNaN(e.Value) || math.IsNaN(e.Lo) {
		t.Errorf("varying output: ΣS = %+v", e)
	}
}

func TestSobolBadInput(t *testing.T) {
	d, err := NewSobol(unitParams(2), SobolSettings{N: 4})
	if err != nil {
		t.Fatal(err)
	}
	good := func() [][]float64 {
		y := make([][]float64, d.Len())
		for i := range y {
			y[i] = []float64{float64(i), 1}
		}
		return y
	}
	short := good()[:5]
	ragged := good()
	ragged[7] = []float64{1}
	nan := good()
	nan[9][1] = math.NaN()
	for _, c := range []struct {
		name string
		y    [][]float64
		b    Bootstrap
		want string
	}{
		{"too few points", short, Bootstrap{}, "has 16 points, got outputs for 5"},
		{"ragged", ragged, Bootstrap{}, "point 7 has 1 outputs, point 0 has 2"},
		{"NaN", nan, Bootstrap{}, "point 9, output 1: NaN is not a finite number"},
		{"level", good(), Bootstrap{Level: 1.5}, "confidence level"},
		{"resamples", good(), Bootstrap{Resamples: 1}, "at least 2 resamples"},
	} {
		if _, err := d.Analyze(c.y, c.b); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Analyze = %v; want an error saying %q", c.name, err, c.want)
		}
	}
	for _, c := range []struct {
		params []Param
		s      SobolSettings
		want   string
	}{
		{unitParams(2), SobolSettings{N: 1}, "at least 2 base samples"},
		{unitParams(2), SobolSettings{N: 8, Sequence: BaseSequence(7)}, "unknown base sequence"},
		{make([]Param, 0), SobolSettings{N: 8}, "no parameters"},
		{bigParams(MaxSobolDims/2 + 1), SobolSettings{N: 8}, "dimensions"},
	} {
		if _, err := NewSobol(c.params, c.s); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("NewSobol(%d params, %+v) = %v; want an error saying %q", len(c.params), c.s, err, c.want)
		}
	}
	// The random base has no dimension limit.
	if _, err := NewSobol(bigParams(MaxSobolDims/2+1), SobolSettings{N: 8, Sequence: MonteCarlo}); err != nil {
		t.Errorf("random base over %d parameters: %v", MaxSobolDims/2+1, err)
	}
}

func bigParams(k int) []Param {
	ps := make([]Param, k)
	for i := range ps {
		ps[i] = Param{Name: fmt.Sprintf("p%d", i), Lo: 0, Hi: 1}
	}
	return ps
}

// TestSobolHalf: the first N/2 base rows of a design are the design with
// N/2 base samples, point for point, for every base sequence (A and B
// are the two halves of one 2k-dimensional point, which depends on its
// row alone), and the indices at N/2 that Analyze reports are those of
// analysing that smaller design on its own.
func TestSobolHalf(t *testing.T) {
	f := gFunction(gA[:4])
	params := unitParams(4)
	for _, tt := range []struct {
		seq  BaseSequence
		n    int
		half int
	}{
		{ScrambledSobol, 64, 32},
		{PlainSobol, 64, 32},
		{MonteCarlo, 64, 32},
		{ScrambledSobol, 7, 3},
		{ScrambledSobol, 4, 2},
		{ScrambledSobol, 3, 0}, // N/2 = 1 is no design
	} {
		d, err := NewSobol(params, SobolSettings{N: tt.n, Sequence: tt.seq, Seed: 5})
		if err != nil {
			t.Fatal(err)
		}
		r, err := d.Analyze(evaluate(d, f), Bootstrap{Resamples: 20})
		if err != nil {
			t.Fatal(err)
		}
		if r.HalfN != tt.half {
			t.Errorf("%v, N = %d: HalfN = %d; want %d", tt.seq, tt.n, r.HalfN, tt.half)
		}
		if tt.half == 0 {
			if r.HalfFirst != nil || r.HalfTotal != nil {
				t.Errorf("%v, N = %d: indices at N/2 = 1: %v, %v", tt.seq, tt.n, r.HalfFirst, r.HalfTotal)
			}
			continue
		}
		h, err := NewSobol(params, SobolSettings{N: tt.half, Sequence: tt.seq, Seed: 5})
		if err != nil {
			t.Fatal(err)
		}
		for i := range h.Len() {
			if a, b := d.Unit(i, nil), h.Unit(i, nil); !sameSlice(a, b) {
				t.Fatalf("%v: point %d is %v at N = %d, %v at N = %d", tt.seq, i, a, tt.n, b, tt.half)
			}
		}
		alone, err := h.Analyze(evaluate(h, f), Bootstrap{Resamples: 20})
		if err != nil {
			t.Fatal(err)
		}
		for i := range params {
			for _, c := range []struct {
				kind      string
				got, want float64
			}{{"S", r.HalfFirst[0][i], alone.First[0][i].Value}, {"ST", r.HalfTotal[0][i], alone.Total[0][i].Value}} {
				if math.Abs(c.got-c.want) > 1e-12 {
					t.Errorf("%v, N = %d: %s_%d at N/2 = %v; the design of N/2 gives %v", tt.seq, tt.n, c.kind, i+1, c.got, c.want)
				}
			}
		}
	}
}
