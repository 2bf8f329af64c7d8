package sensitivity

import (
	"math"
	"runtime"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/sim"
)

// TestMorrisDesignStructure checks Morris's construction: each trajectory
// has k+1 points on the grid, each step moves one parameter by exactly
// ±Δ, every parameter moves once, and start levels are spread evenly.
func TestMorrisDesignStructure(t *testing.T) {
	for _, c := range []struct {
		k, r, p, m int
	}{{5, 200, 4, 0}, {3, 300, 6, 0}, {4, 30, 4, 90}, {6, 50, 2, 0}} {
		d, err := NewMorris(unitParams(c.k), MorrisSettings{Trajectories: c.r, Levels: c.p, Candidates: c.m, Seed: 5})
		if err != nil {
			t.Fatal(err)
		}
		if d.Len() != c.r*(c.k+1) {
			t.Fatalf("%+v: Len = %d; want %d", c, d.Len(), c.r*(c.k+1))
		}
		delta := float64(c.p) / (2 * float64(c.p-1))
		if math.Abs(d.Delta()-delta) > 1e-15 {
			t.Errorf("%+v: Δ = %v; want %v", c, d.Delta(), delta)
		}
		levels := make([]int, c.p)
		for tr := range c.r {
			moved := make([]bool, c.k)
			prev := d.Unit(tr*(c.k+1), nil)
			for _, u := range prev {
				lv := u * float64(c.p-1)
				if lv != math.Round(lv) {
					t.Fatalf("%+v: trajectory %d starts off the grid: %v", c, tr, prev)
				}
				levels[int(lv)]++
			}
			for s := 1; s <= c.k; s++ {
				x := d.Unit(tr*(c.k+1)+s, nil)
				gotT, gotS, q := d.Step(tr*(c.k+1) + s)
				if gotT != tr || gotS != s || q < 0 || q >= c.k || moved[q] {
					t.Fatalf("%+v: Step(%d) = %d, %d, %d", c, tr*(c.k+1)+s, gotT, gotS, q)
				}
				moved[q] = true
				for j := range x {
					diff := x[j] - prev[j]
					switch {
					case j == q && math.Abs(math.Abs(diff)-delta) > 1e-12:
						t.Fatalf("%+v: trajectory %d step %d moves parameter %d by %v; want ±%v", c, tr, s, q, diff, delta)
					case j != q && diff != 0:
						t.Fatalf("%+v: trajectory %d step %d moves parameter %d too", c, tr, s, j)
					case x[j] < 0 || x[j] > 1:
						t.Fatalf("%+v: trajectory %d step %d leaves the unit cube: %v", c, tr, s, x)
					}
				}
				prev = x
			}
		}
		if c.m == 0 { // selection favours spread-out levels; only plain draws are uniform
			want := float64(c.r*c.k) / float64(c.p)
			for lv, n := range levels {
				if math.Abs(float64(n)-want) > 0.2*want {
					t.Errorf("%+v: level %d starts %d times; want about %.0f", c, lv, n, want)
				}
			}
		}
	}
}

// TestMorrisLinear checks the elementary effects exactly: for
// y = Σ c_i x_i over ranges [lo_i, hi_i], every effect of x_i is
// c_i(hi_i − lo_i) per unit of the unit cube, so μ = c_i(hi_i − lo_i),
// μ* = |μ| and σ = 0, whatever the trajectories. A second output, −2y,
// checks outputs are kept apart.
func TestMorrisLinear(t *testing.T) {
	params := []Param{{Name: "a", Lo: 0, Hi: 1}, {Name: "b", Lo: 10, Hi: 30}, {Name: "c", Lo: -1, Hi: 1}}
	coef := []float64{3, -0.5, 0}
	d, err := NewMorris(params, MorrisSettings{Trajectories: 10, Levels: 6, Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	y := make([][]float64, d.Len())
	for i := range y {
		x := d.Point(i, nil)
		var s float64
		for j := range x {
			s += coef[j] * x[j]
		}
		y[i] = []float64{s, -2 * s}
	}
	r, err := d.Analyze(y, Bootstrap{Resamples: 50})
	if err != nil {
		t.Fatal(err)
	}
	for m, scale := range []float64{1, -2} {
		for i, p := range params {
			want := scale * coef[i] * (p.Hi - p.Lo)
			if mu := r.Mu[m][i]; math.Abs(mu.Value-want) > 1e-9 || math.Abs(mu.Lo-want) > 1e-9 || math.Abs(mu.Hi-want) > 1e-9 {
				t.Errorf("output %d: μ_%s = %+v; want %v", m, p.Name, mu, want)
			}
			if ms := r.MuStar[m][i].Value; math.Abs(ms-math.Abs(want)) > 1e-9 {
				t.Errorf("output %d: μ*_%s = %v; want %v", m, p.Name, ms, math.Abs(want))
			}
			if sd := r.Sigma[m][i].Value; sd > 1e-9 {
				t.Errorf("output %d: σ_%s = %v; want 0", m, p.Name, sd)
			}
		}
	}
	if got := r.Rank(0); got[0] != 1 || got[1] != 0 || got[2] != 2 {
		t.Errorf("Rank = %v; want [1 0 2] (|−0.5·20| > |3·1| > 0)", got)
	}
}

// TestMorrisNonlinear checks μ, μ* and σ against a hand count: y = x² on
// [0, 1] with p = 4 levels (Δ = 2/3) has two possible moves, 0 ↔ 2/3 with
// effect 2/3 and 1/3 ↔ 1 with effect 4/3, in either direction.
func TestMorrisNonlinear(t *testing.T) {
	d, err := NewMorris(unitParams(1), MorrisSettings{Trajectories: 400, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	y := evaluate(d, func(x []float64) float64 { return x[0] * x[0] })
	ee, err := d.ElementaryEffects(y)
	if err != nil {
		t.Fatal(err)
	}
	var n23 int
	for tr, e := range ee[0] {
		start := d.Unit(tr*2, nil)[0]
		want := 4.0 / 3
		if start == 0 || math.Abs(start-2.0/3) < 1e-12 {
			want, n23 = 2.0/3, n23+1
		}
		if math.Abs(e-want) > 1e-12 {
			t.Fatalf("trajectory %d from %v: effect %v; want %v", tr, start, e, want)
		}
	}
	r, err := d.Analyze(y, Bootstrap{Resamples: 20})
	if err != nil {
		t.Fatal(err)
	}
	f := float64(n23) / 400
	mu := f*2/3 + (1-f)*4/3
	sd := math.Sqrt(f * (1 - f) * (2.0 / 3) * (2.0 / 3) * 400 / 399)
	if math.Abs(r.Mu[0][0].Value-mu) > 1e-12 || math.Abs(r.MuStar[0][0].Value-mu) > 1e-12 || math.Abs(r.Sigma[0][0].Value-sd) > 1e-12 {
		t.Errorf("μ, μ*, σ = %v, %v, %v; want %v, %v, %v", r.Mu[0][0].Value, r.MuStar[0][0].Value, r.Sigma[0][0].Value, mu, mu, sd)
	}
}

// TestMorrisGRanking checks that Morris screening ranks the G function's
// inputs in the known order, smaller a_i first: with 20 trajectories kept
// out of 100 candidates (180 runs), μ* falls strictly from x1 to x4, and
// each of them lies above every x5..x8 (a = 99); for x1 to x4 the 95%
// intervals do not even overlap.
func TestMorrisGRanking(t *testing.T) {
	d, err := NewMorris(unitParams(len(gA)), MorrisSettings{Trajectories: 20, Candidates: 100, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	r, err := d.Analyze(evaluate(d, gFunction(gA)), Bootstrap{})
	if err != nil {
		t.Fatal(err)
	}
	ms := r.MuStar[0]
	for i := range 3 {
		if !(ms[i].Lo > ms[i+1].Hi) {
			t.Errorf("μ*: x%d %+v does not stand clear above x%d %+v", i+1, ms[i], i+2, ms[i+1])
		}
	}
	for j := 4; j < 8; j++ {
		if !(ms[3].Lo > ms[j].Hi) {
			t.Errorf("μ*: x4 %+v does not stand clear above x%d %+v", ms[3], j+1, ms[j])
		}
	}
	if rank := r.Rank(0); rank[0] != 0 || rank[1] != 1 || rank[2] != 2 || rank[3] != 3 {
		t.Errorf("Rank = %v; want x1, x2, x3, x4 first", rank)
	}
	// Without selection, on other seeds, the order of the four holds too.
	for seed := uint64(2); seed < 7; seed++ {
		d, _ := NewMorris(unitParams(len(gA)), MorrisSettings{Trajectories: 20, Seed: seed})
		r, _ := d.Analyze(evaluate(d, gFunction(gA)), Bootstrap{Resamples: 100})
		if rank := r.Rank(0); rank[0] != 0 || rank[1] != 1 || rank[2] != 2 || rank[3] != 3 {
			t.Errorf("seed %d: Rank = %v; want x1, x2, x3, x4 first", seed, rank)
		}
	}
}

// TestCampolongoSpread checks the selection does its job: the kept
// trajectories spread wider than the first r drawn and than any of 200
// random subsets of the candidates; keeping all candidates changes
// nothing.
func TestCampolongoSpread(t *testing.T) {
	const k, r, m = 6, 8, 40
	params := unitParams(k)
	selected, err := NewMorris(params, MorrisSettings{Trajectories: r, Candidates: m, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	all, err := NewMorris(params, MorrisSettings{Trajectories: m, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	first, err := NewMorris(params, MorrisSettings{Trajectories: r, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	got := selected.Spread()
	if base := first.Spread(); !(got > base) {
		t.Errorf("spread of the kept trajectories %v; the first %d drawn have %v", got, r, base)
	}
	st := sim.NewStream(1, "test")
	for range 200 {
		sub := &MorrisDesign{params: all.params, settings: all.settings, k: all.k, jump: all.jump,
			start: all.start, moveAt: all.moveAt, order: all.order, up: all.up}
		perm := make([]int, m)
		for i := range perm {
			perm[i] = i
		}
		for i := m - 1; i > 0; i-- {
			j := st.IntN(i + 1)
			perm[i], perm[j] = perm[j], perm[i]
		}
		sub.keep(perm[:r])
		if s := sub.Spread(); s >= got {
			t.Fatalf("a random subset %v spreads %v ≥ the kept %v", perm[:r], s, got)
		}
	}
	same, err := NewMorris(params, MorrisSettings{Trajectories: m, Candidates: m, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	for i := range all.Len() {
		if a, b := all.Unit(i, nil), same.Unit(i, nil); !sameSlice(a, b) {
			t.Fatalf("point %d: %v without selection, %v when keeping all", i, a, b)
		}
	}
}

func sameSlice(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	return same(a, b)
}

func TestMorrisIntegerParams(t *testing.T) {
	params := []Param{{Name: "n", Lo: 1, Hi: 8, Integer: true}, {Name: "x", Lo: 0, Hi: 1}}
	d, err := NewMorris(params, MorrisSettings{Trajectories: 30, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[float64]bool{}
	for _, x := range Points(d) {
		if x[0] != math.Trunc(x[0]) || x[0] < 1 || x[0] > 8 {
			t.Fatalf("integer parameter at %v", x[0])
		}
		seen[x[0]] = true
	}
	// Four levels of 8 whole numbers: 1, 3, 6, 8 (bins of width 1/8).
	for _, v := range []float64{1, 3, 6, 8} {
		if !seen[v] {
			t.Errorf("level %v never used; used %v", v, seen)
		}
	}
}

func TestMorrisBadInput(t *testing.T) {
	for _, c := range []struct {
		s    MorrisSettings
		want string
	}{
		{MorrisSettings{Trajectories: 1}, "at least 2 trajectories"},
		{MorrisSettings{Levels: 5}, "even number of levels"},
		{MorrisSettings{Levels: -2}, "even number of levels"},
		{MorrisSettings{Levels: 1 << 30}, "even number of levels from 2 to 100"},
		{MorrisSettings{Trajectories: 2, Candidates: 1 << 20}, "cannot choose among 1048576 candidates"},
		{MorrisSettings{Trajectories: 10, Candidates: 5}, "cannot keep 10 trajectories out of 5"},
	} {
		if _, err := NewMorris(unitParams(2), c.s); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("NewMorris(%+v) = %v; want an error saying %q", c.s, err, c.want)
		}
	}
	d, err := NewMorris(unitParams(2), MorrisSettings{Trajectories: 3})
	if err != nil {
		t.Fatal(err)
	}
	y := make([][]float64, d.Len())
	for i := range y {
		y[i] = []float64{1}
	}
	y[4] = []float64{math.Inf(1)}
	if _, err := d.Analyze(y, Bootstrap{}); err == nil || !strings.Contains(err.Error(), "point 4, output 0") {
		t.Errorf("Analyze with +Inf at point 4: %v; want an error naming point 4", err)
	}
	if _, err := d.Analyze(y[:3], Bootstrap{}); err == nil || !strings.Contains(err.Error(), "9 points") {
		t.Errorf("Analyze with 3 of 9 points: %v; want an error", err)
	}
}

// TestMorrisLinearIntegerParams: a linear output gives an integer
// parameter the same effect at every step, its change over the whole
// range (µ* = coef·(hi − lo), σ = 0), as a continuous parameter has,
// although the grid levels land on whole numbers that are not equally
// spaced (on [1, 3] with 4 levels: 1, 2, 3, 3). Dividing by the nominal
// Δ instead gave µ* up to 50% too high and a spurious σ.
func TestMorrisLinearIntegerParams(t *testing.T) {
	for _, c := range []struct {
		name string
		s    MorrisSettings
	}{
		{"p=4", MorrisSettings{Trajectories: 20, Seed: 1}},
		{"p=4, 20 of 100", MorrisSettings{Trajectories: 20, Candidates: 100, Seed: 1}},
		{"p=6", MorrisSettings{Trajectories: 20, Levels: 6, Seed: 7}},
		{"p=2", MorrisSettings{Trajectories: 20, Levels: 2, Seed: 3}},
	} {
		t.Run(c.name, func(t *testing.T) {
			params := []Param{
				{Name: "smugglers", Lo: 1, Hi: 3, Integer: true},
				{Name: "reach", Lo: 2, Hi: 4, Integer: true},
				{Name: "patience", Lo: 3, Hi: 7, Integer: true},
				{Name: "trapped_after", Lo: 7, Hi: 21, Integer: true},
				{Name: "flag", Lo: 0, Hi: 1, Integer: true},
				{Name: "continuous", Lo: 1, Hi: 3},
			}
			coef := []float64{1, -2, 0.5, 3, 10, 1}
			d, err := NewMorris(params, c.s)
			if err != nil {
				t.Fatal(err)
			}
			y := make([][]float64, d.Len())
			for i, x := range Points(d) {
				var s float64
				for j := range x {
					s += coef[j] * x[j]
				}
				y[i] = []float64{s}
			}
			r, err := d.Analyze(y, Bootstrap{Resamples: 50})
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range params {
				want := coef[i] * (p.Hi - p.Lo)
				if mu := r.Mu[0][i].Value; math.Abs(mu-want) > 1e-9 {
					t.Errorf("μ_%s = %v; want %v", p.Name, mu, want)
				}
				if ms := r.MuStar[0][i]; math.Abs(ms.Value-math.Abs(want)) > 1e-9 || math.Abs(ms.Lo-math.Abs(want)) > 1e-9 || math.Abs(ms.Hi-math.Abs(want)) > 1e-9 {
					t.Errorf("μ*_%s = %+v; want %v with an interval of no width", p.Name, ms, math.Abs(want))
				}
				if sd := r.Sigma[0][i].Value; sd > 1e-9 {
					t.Errorf("σ_%s = %v; want 0", p.Name, sd)
				}
			}
		})
	}
}

// TestSpreadWhateverTheCores: the choice among candidates, computed on
// every core, keeps the trajectories one core keeps.
func TestSpreadWhateverTheCores(t *testing.T) {
	params := unitParams(9)
	choose := func(procs int) *MorrisDesign {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		d, err := NewMorris(params, MorrisSettings{Trajectories: 10, Candidates: 90, Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	one := choose(1)
	for _, procs := range []int{2, 5} {
		d := choose(procs)
		for i := range one.Len() {
			if a, b := one.Unit(i, nil), d.Unit(i, nil); !sameSlice(a, b) {
				t.Fatalf("%d cores: point %d is %v; one core's is %v", procs, i, b, a)
			}
		}
	}
}
