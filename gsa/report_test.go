package gsa

import (
	"strings"
	"testing"

	"github.com/borderwork/borderwork/sensitivity"
)

// morrisResult is a made-up Morris result on one output: the parameters
// with a µ* in matter (interval well above 0) are influential, the others
// cannot be told from noise.
func morrisResult(names []string, matter map[string]float64) *Result {
	r := &Result{
		Info:   &Info{Outputs: []Output{{Metric: "deaths", Regime: "closed"}}, Trajectories: 4},
		Means:  [][]float64{{1}, {2}},
		Noise:  []sensitivity.Noise{{Replicates: 4}},
		Paired: [][]float64{make([]float64, len(names))},
		Morris: &sensitivity.MorrisResult{Mu: [][]sensitivity.Estimate{nil}, MuStar: [][]sensitivity.Estimate{nil}, Sigma: [][]sensitivity.Estimate{nil}},
	}
	for _, n := range names {
		r.Params = append(r.Params, sensitivity.Param{Name: n, Lo: 0, Hi: 1})
		e := sensitivity.Estimate{Value: 0.001, Lo: 0, Hi: 0.002}
		if v, ok := matter[n]; ok {
			e = sensitivity.Estimate{Value: v, Lo: v / 2, Hi: 2 * v}
		}
		m := r.Morris
		m.Mu[0], m.MuStar[0], m.Sigma[0] = append(m.Mu[0], e), append(m.MuStar[0], e), append(m.Sigma[0], sensitivity.Estimate{})
	}
	return r
}

// TestSentenceAgrees: the report's sentence is in the singular for one
// parameter, and speaks of "the others" only when there are others.
func TestSentenceAgrees(t *testing.T) {
	for _, tt := range []struct {
		name    string
		params  []string
		matter  map[string]float64
		want    []string
		notWant []string
	}{
		{"one", []string{"a", "b", "c"}, map[string]float64{"b": 10},
			[]string{"The parameter that matters most for deaths under closed is `b` (µ* ", "1 of the 3 parameters matters here: clearly above its noise floor, with", "; of the others not named, 2 move it negligibly."},
			[]string{"parameters that matter most", "their noise floors"}},
		{"two", []string{"a", "b", "c"}, map[string]float64{"a": 5, "b": 10},
			[]string{"The parameters that matter most for deaths under closed are `b` (µ* ", "2 of the 3 parameters matter here: clearly above their noise floors", "; of the others not named, 1 moves it negligibly."},
			[]string{"parameter that matters most"}},
		{"all", []string{"a", "b"}, map[string]float64{"a": 5, "b": 10},
			[]string{"2 of the 2 parameters matter here: clearly above their noise floors, with a µ* at least 1% of the largest."},
			[]string{"the others"}},
	} {
		got := morrisResult(tt.params, tt.matter).Sentence(0)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: Sentence(0) = %q; want it to contain %q", tt.name, got, w)
			}
		}
		for _, w := range tt.notWant {
			if strings.Contains(got, w) {
				t.Errorf("%s: Sentence(0) = %q; want no %q", tt.name, got, w)
			}
		}
	}
}

// TestSentenceSaysWhyUnclear: when parameters with a larger estimate than
// the first that clearly matters cannot be told from noise, the sentence
// names them, with their places, and says why: an estimate at or below
// the parameter's noise level wants more replicates (--reps), one above
// it with an interval that reaches below it more trajectories
// (--trajectories; for Sobol', base samples, --samples). It once named
// the 6th parameter by µ* as "the parameter that matters most" and put
// every doubt down to replicate noise (referee8, M4).
func TestSentenceSaysWhyUnclear(t *testing.T) {
	type param struct {
		name              string
		value, lo, hi, nl float64
	}
	noisy := param{"noisy", 100, 10, 200, 120} // µ* below its noise level
	wide := param{"wide", 80, 5, 160, 20}      // above it, interval reaching below
	clear := param{"clear", 50, 40, 60, 10}    // clearly above
	tiny := param{"tiny", 0.1, 0.05, 0.2, 0}   // negligible: under 1% of 100
	lead := param{"lead", 500, 400, 600, 10}   // clearly above, and first
	build := func(sobol bool, ps ...param) *Result {
		r := &Result{
			Info:  &Info{Outputs: []Output{{Metric: "deaths", Regime: "closed"}}, Trajectories: 4, Samples: 64},
			Means: [][]float64{{1}, {2}},
			Noise: []sensitivity.Noise{{Replicates: 2}},
		}
		var est []sensitivity.Estimate
		var levels []float64
		for _, p := range ps {
			r.Params = append(r.Params, sensitivity.Param{Name: p.name, Lo: 0, Hi: 1})
			est = append(est, sensitivity.Estimate{Value: p.value, Lo: p.lo, Hi: p.hi})
			levels = append(levels, p.nl)
		}
		r.Paired = [][]float64{levels}
		if sobol {
			r.Sobol = &sensitivity.SobolResult{First: [][]sensitivity.Estimate{est}, Total: [][]sensitivity.Estimate{est}, FirstSum: []sensitivity.Estimate{{Value: 0.5, Lo: 0.4, Hi: 0.6}}}
		} else {
			r.Morris = &sensitivity.MorrisResult{Mu: [][]sensitivity.Estimate{est}, MuStar: [][]sensitivity.Estimate{est}, Sigma: [][]sensitivity.Estimate{make([]sensitivity.Estimate, len(ps))}}
		}
		return r
	}
	for _, tt := range []struct {
		name    string
		r       *Result
		want    []string
		notWant []string
	}{
		{"leader below noise, second wide, third clear", build(false, tiny, clear, wide, noisy), []string{
			"Ranked by µ*, parameters that cannot be told from noise come before those that clearly matter for deaths under closed.",
			"`noisy` (1st by µ*: 100 (10 to 200), noise level 120) lies at or below its noise level at 2 replicates per point: more replicates (`--reps`) would tell.",
			"`wide` (2nd by µ*: 80 (5 to 160), noise level 20) lies above its noise level, but its interval, from 4 trajectories, reaches below: more trajectories (`--trajectories`) would tell.",
			"Of those clearly above noise, the parameter that matters most is `clear` (µ* 50 (40 to 60); 3rd by µ*).",
			"1 of the 4 parameters matters here",
			"of the others not named, 1 moves it negligibly.",
		}, []string{"The parameter that matters most for"}},
		{"none clear", build(false, wide, noisy, tiny), []string{
			"No parameter moves deaths under closed clearly more than noise does. `noisy` (1st by µ*",
			"more trajectories (`--trajectories`) would tell.",
			"Of the parameter not named, 1 moves it negligibly.",
		}, []string{"matters most", "Ranked by"}},
		{"leader clear", build(false, lead, noisy, wide), []string{
			"The parameter that matters most for deaths under closed is `lead` (µ* 500 (400 to 600)).",
			"of the others not named, 1 lies above its noise level but with too wide an interval (`--trajectories`) and 1 lies at or below its noise level (`--reps`).",
		}, []string{"by µ*", "Ranked by"}},
		{"one unclear between two clear", build(false, lead, wide, clear), []string{
			"The parameters that matter most for deaths under closed are `lead` (µ* 500 (400 to 600); 1st by µ*) and `clear` (µ* 50 (40 to 60); 3rd by µ*).",
			"of the others not named, 1 lies above its noise level but with too wide an interval (`--trajectories`).",
		}, []string{"Ranked by"}},
		{"Sobol'", build(true, clear, wide), []string{
			"Ranked by total index, parameters that cannot be told from noise come before those that clearly matter",
			"from 64 base samples, reaches below: more base samples (`--samples`) would tell.",
			"2nd by total index).",
		}, []string{"--trajectories", "--reps"}},
		// The rest all negligible: they could be fixed, said once of
		// them, not of "the others" a second time.
		{"Sobol', the rest negligible", build(true, param{"lead", 0.5, 0.4, 0.6, 0.01}, param{"clear", 0.3, 0.25, 0.35, 0.01}, param{"tiny", 0.001, 0.0005, 0.002, 0}), []string{
			"2 of the 3 parameters matter here: a total index clearly above what replicate noise alone gives, and at least 0.01; of the others not named, 1 moves it negligibly and could be fixed at its value with little change to it.",
		}, []string{"; the others"}},
	} {
		got := tt.r.Sentence(0)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: Sentence(0) = %q\nwant it to contain %q", tt.name, got, w)
			}
		}
		for _, w := range tt.notWant {
			if strings.Contains(got, w) {
				t.Errorf("%s: Sentence(0) = %q\nwant no %q", tt.name, got, w)
			}
		}
	}
}

// TestOrdinal: places far down a ranking read as English writes them.
func TestOrdinal(t *testing.T) {
	for n, want := range map[int]string{1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th", 21: "21st", 22: "22nd", 23: "23rd", 24: "24th", 101: "101st", 111: "111th", 112: "112th"} {
		if got := Ordinal(n); got != want {
			t.Errorf("Ordinal(%d) = %q; want %q", n, got, want)
		}
	}
}

// TestSentenceDirection: a direction is said only where µ's interval
// excludes 0 (referee: µ = −8,059 [−17,614, −797] was called "up in some
// places and down in others", and with two replicates a sign can be
// noise); the first-order indices' sum outside [0, 1] is said to be
// noise, not read as 0% or 100% of interactions.
func TestSentenceDirection(t *testing.T) {
	morris := func(mu sensitivity.Estimate) *Result {
		r := morrisResult([]string{"a"}, map[string]float64{"a": 10})
		r.Morris.Mu[0][0] = mu
		return r
	}
	for _, tt := range []struct {
		name string
		r    *Result
		want string
	}{
		{"one way", morris(sensitivity.Estimate{Value: 9, Lo: 5, Hi: 12}), "Raising `a` raises it."},
		{"on balance down", morris(sensitivity.Estimate{Value: -6, Lo: -12, Hi: -1}), "Raising `a` lowers it on balance, but not everywhere in the space."},
		{"sign not established", morris(sensitivity.Estimate{Value: 9, Lo: -1, Hi: 18}), "`a` moves it in no direction these runs establish (µ's interval includes 0)"},
	} {
		if got := tt.r.Sentence(0); !strings.Contains(got, tt.want) {
			t.Errorf("%s: Sentence(0) = %q\nwant it to contain %q", tt.name, got, tt.want)
		}
	}
	// sobol's first-order indices sum to their ΣS, its interval ΣS ± 0.15
	// (narrower than the indices' ± 0.1 end to end, as resampled sums are).
	sobol := func(firsts ...float64) *Result {
		r := &Result{
			Info:  &Info{Outputs: []Output{{Metric: "deaths", Regime: "closed"}}, Samples: 64},
			Means: [][]float64{{1}, {2}},
			Noise: []sensitivity.Noise{{Replicates: 2}},
		}
		var first, total []sensitivity.Estimate
		var sum float64
		for i, v := range firsts {
			sum += v
			r.Params = append(r.Params, sensitivity.Param{Name: string(rune('a' + i)), Lo: 0, Hi: 1})
			first = append(first, sensitivity.Estimate{Value: v, Lo: v - 0.1, Hi: v + 0.1})
			total = append(total, sensitivity.Estimate{Value: v + 0.05, Lo: v - 0.05, Hi: v + 0.15})
		}
		r.Paired = [][]float64{make([]float64, len(firsts))}
		r.Sobol = &sensitivity.SobolResult{First: [][]sensitivity.Estimate{first}, Total: [][]sensitivity.Estimate{total},
			FirstSum: []sensitivity.Estimate{{Value: sum, Lo: sum - 0.15, Hi: sum + 0.15}}}
		return r
	}
	for _, tt := range []struct {
		name          string
		r             *Result
		want, notWant string
	}{
		// The sum's interval, and that of 1 − ΣS in percent, once
		// read from the point estimate alone.
		{"inside", sobol(0.5, 0.3), "sum to 0.8 (0.65 to 0.95), so about 20% of the variance (5% to 35%) comes from interactions between parameters or from replicate noise", "outside"},
		{"above 1", sobol(0.7, 0.36), "sum to 1.06 (0.91 to 1.21), outside [0, 1], where the true indices' sum lies", "about 0%"},
		// An interval reaching outside [0, 1] bounds no share: the share
		// is said without one, and why.
		{"interval above 1", sobol(0.6, 0.3), "sum to 0.9 (0.75 to 1.05), so about 10% of the variance comes from interactions between parameters or from replicate noise, whose share of the means \"Replicate noise\" gives. The sum's interval reaches beyond [0, 1], so these runs do not bound that share; more base samples (`--samples`) would narrow it.", "-5%"},
		// With no parameter clear of noise, the variance still splits.
		{"none matters", sobol(0.05, 0.02), "would tell. The first-order indices sum to 0.07 (-0.08 to 0.22), so about 93% of the variance comes", "(7%"},
		{"interval below 0", sobol(0.2, -0.1), "sum to 0.1 (-0.05 to 0.25), so about 90% of the variance comes", "105%"},
	} {
		got := tt.r.Sentence(0)
		if !strings.Contains(got, tt.want) || strings.Contains(got, tt.notWant) {
			t.Errorf("%s: Sentence(0) = %q\nwant %q, and no %q", tt.name, got, tt.want, tt.notWant)
		}
	}
}

// TestMorrisDesignLine: report.md says whether the trajectories were
// chosen for their spread, and, when they were, that µ* and its intervals
// describe the kept design, not random trajectories (docs/SENSITIVITY.md,
// "What the choice costs"). It once said "4 trajectories kept of 4
// candidates for their spread" of a design that chose nothing, and
// quoted the intervals of a chosen one as plain 95% intervals.
func TestMorrisDesignLine(t *testing.T) {
	params := []sensitivity.Param{{Name: "a", Lo: 0, Hi: 1}, {Name: "b", Lo: 0, Hi: 1}}
	for _, tt := range []struct {
		name    string
		s       sensitivity.MorrisSettings
		want    []string
		notWant []string
	}{
		{"chosen", sensitivity.MorrisSettings{Trajectories: 4, Candidates: 20},
			[]string{"4 trajectories kept of 20 candidates for their spread, 4 levels, step Δ = 0.667 of each range: 12 points.",
				"µ* is this design's, above random trajectories' µ*", "hold random trajectories' µ* less often than 95% of the time", "`--candidates 4`, equal to `--trajectories`, chooses nothing."},
			[]string{"drawn at random (none"}},
		{"as many candidates", sensitivity.MorrisSettings{Trajectories: 4, Candidates: 4},
			[]string{"4 trajectories drawn at random (none chosen among candidates), 4 levels, step Δ = 0.667 of each range: 12 points.\n"},
			[]string{"for their spread", "less often"}},
		{"no candidates", sensitivity.MorrisSettings{Trajectories: 4},
			[]string{"4 trajectories drawn at random (none chosen among candidates)"},
			[]string{"for their spread"}},
	} {
		d, err := sensitivity.NewMorris(params, tt.s)
		if err != nil {
			t.Fatal(err)
		}
		got := morrisDesignLine(d, 0.95)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: morrisDesignLine = %q; want it to contain %q", tt.name, got, w)
			}
		}
		for _, w := range tt.notWant {
			if strings.Contains(got, w) {
				t.Errorf("%s: morrisDesignLine = %q; want no %q", tt.name, got, w)
			}
		}
	}
}
