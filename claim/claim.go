// Package claim turns the claim behind borderwork into hypotheses that a
// set of runs can support, contradict or leave open. The central type is
// Hypothesis: a contrast between regimes, measured on one metric at a time
// by the paired difference across replicates (common random numbers make
// the pairing real: replicate r meets the same migrants under every
// regime). docs/CLAIM.md gives the hypotheses and the reasoning.
package claim

import (
	"fmt"
	"math"
	"sort"

	"github.com/borderwork/borderwork/output"
)

// The regimes the hypotheses compare.
const (
	Open           = "open"
	Closed         = "closed"
	Malfunctioning = "malfunctioning"
	HBM            = "hbm"
)

// Regimes are the regimes a claim check runs, in order.
var Regimes = []string{Open, Closed, Malfunctioning, HBM}

// Metrics are the harms each hypothesis is tested on, in order: columns of
// summary.csv.
var Metrics = []string{"trapped_person_days", "abused_migrants", "abuse_events", "deaths"}

// Title is a metric's name for people, from the metric registry.
func Title(metric string) string {
	if t, ok := output.TotalByName(metric); ok {
		return t.Title
	}
	return metric
}

// Hypothesis is one expected sign of a linear contrast between regimes:
// the contrast is sum(weight × metric under regime), computed within each
// replicate, and the hypothesis says it is positive.
type Hypothesis struct {
	ID        string
	Statement string             // in words
	Contrast  string             // in symbols, e.g. "malfunctioning − closed"
	Weights   map[string]float64 // regime -> weight; looked up only
	Baseline  string             // the regime whose mean scales relative effects
}

// Hypotheses are the claim's parts (docs/CLAIM.md).
var Hypotheses = []Hypothesis{
	{ID: "H1", Statement: "a failing border harms more than a working closed one",
		Contrast: "malfunctioning - closed", Weights: map[string]float64{Malfunctioning: 1, Closed: -1}, Baseline: Closed},
	{ID: "H2", Statement: "a failing border harms more than an open one",
		Contrast: "malfunctioning - open", Weights: map[string]float64{Malfunctioning: 1, Open: -1}, Baseline: Open},
	{ID: "H3", Statement: "what malfunction adds to closure exceeds what closure adds to openness",
		Contrast: "(malfunctioning - closed) - (closed - open)", Weights: map[string]float64{Malfunctioning: 1, Closed: -2, Open: 1}, Baseline: Closed},
	{ID: "H4a", Statement: "humanitarian border management harms less than a failing border",
		Contrast: "malfunctioning - hbm", Weights: map[string]float64{Malfunctioning: 1, HBM: -1}, Baseline: HBM},
	{ID: "H4b", Statement: "humanitarian border management harms less than a working closed border",
		Contrast: "closed - hbm", Weights: map[string]float64{Closed: 1, HBM: -1}, Baseline: HBM},
}

// Verdict is what the runs say of a hypothesis on one metric.
type Verdict string

// The verdicts.
const (
	Supported    Verdict = "supported"    // the 95% interval of the contrast lies above 0
	Contradicted Verdict = "contradicted" // it lies below 0
	Inconclusive Verdict = "inconclusive" // it contains 0
)

// Result is one hypothesis tested on one metric.
type Result struct {
	Hypothesis Hypothesis
	Metric     string
	Diff       output.Stat // the contrast across replicates: mean, sd, 95% interval
	EffectSize float64     // mean / sd of the paired contrast (Cohen's d_z); NaN if sd is 0
	Baseline   float64     // the baseline regime's mean of the metric
	Relative   float64     // mean contrast / Baseline; NaN if Baseline is 0
	Verdict    Verdict
}

// RelativeInterval is the contrast's 95% interval as a share of the
// baseline's mean (NaN if that mean is 0).
func (r Result) RelativeInterval() (lo, hi float64) {
	if r.Baseline == 0 {
		return math.NaN(), math.NaN()
	}
	return r.Diff.Lo / r.Baseline, r.Diff.Hi / r.Baseline
}

// Settled reports whether more replicates could not change the verdict
// much: the interval excludes 0, or its half-width is within precision of
// the baseline's mean (or, for a zero baseline, within precision of 1).
func (r Result) Settled(precision float64) bool {
	if r.Verdict != Inconclusive {
		return true
	}
	scale := math.Max(math.Abs(r.Baseline), 1)
	return !math.IsNaN(r.Diff.HalfWidth) && r.Diff.HalfWidth <= precision*scale
}

// Values holds each regime's metric per replicate: Values[regime][metric][rep].
type Values map[string]map[string][]float64

// Collect gathers the totals of summary rows by regime, metric and
// replicate (rows may come in any order).
func Collect(rows []output.SummaryRow) Values {
	v := Values{}
	for _, r := range rows {
		byMetric, ok := v[r.Run.Regime]
		if !ok {
			byMetric = map[string][]float64{}
			v[r.Run.Regime] = byMetric
		}
		for _, m := range Metrics {
			vals := byMetric[m]
			for len(vals) <= r.Run.Replicate {
				vals = append(vals, math.NaN())
			}
			vals[r.Run.Replicate] = r.Totals[output.TotalIndex(m)]
			byMetric[m] = vals
		}
	}
	return v
}

// Test evaluates every hypothesis on every metric, in the order of
// Hypotheses then Metrics.
func Test(v Values) ([]Result, error) {
	var out []Result
	for _, h := range Hypotheses {
		for _, m := range Metrics {
			r, err := test(h, m, v)
			if err != nil {
				return nil, err
			}
			out = append(out, r)
		}
	}
	return out, nil
}

func test(h Hypothesis, metric string, v Values) (Result, error) {
	n := -1
	for _, regime := range Regimes {
		if h.Weights[regime] == 0 {
			continue
		}
		vals := v[regime][metric]
		if n >= 0 && len(vals) != n {
			return Result{}, fmt.Errorf("claim: %s has %d replicates of %s, others %d", regime, len(vals), metric, n)
		}
		n = len(vals)
	}
	diffs := make([]float64, n)
	for rep := range diffs {
		for _, regime := range Regimes {
			if w := h.Weights[regime]; w != 0 {
				x := v[regime][metric][rep]
				if math.IsNaN(x) {
					return Result{}, fmt.Errorf("claim: replicate %d of %s is missing", rep, regime)
				}
				diffs[rep] += w * x
			}
		}
	}
	r := Result{Hypothesis: h, Metric: metric, Diff: output.Describe(diffs)}
	r.EffectSize = math.NaN()
	if r.Diff.SD > 0 {
		r.EffectSize = r.Diff.Mean / r.Diff.SD
	}
	r.Baseline = output.Describe(v[h.Baseline][metric]).Mean
	r.Relative = math.NaN()
	if r.Baseline != 0 {
		r.Relative = r.Diff.Mean / r.Baseline
	}
	switch {
	case r.Diff.N > 1 && r.Diff.SD == 0 && r.Diff.Mean > 0:
		r.Verdict = Supported // the same difference in every replicate
	case r.Diff.N > 1 && r.Diff.SD == 0 && r.Diff.Mean < 0:
		r.Verdict = Contradicted
	case r.Diff.Lo > 0:
		r.Verdict = Supported
	case r.Diff.Hi < 0:
		r.Verdict = Contradicted
	default:
		r.Verdict = Inconclusive
	}
	return r, nil
}

// Influence is how much one assumption moves a hypothesis's contrast
// across a robustness design.
type Influence struct {
	Assumption string
	Spearman   float64 // rank correlation between the assumption and the relative contrast
	HoldsLow   float64 // share of points in the lowest third of its range where the hypothesis is supported
	HoldsHigh  float64 // idem, highest third
}

// Spearman is the rank correlation of x and y (average ranks for ties);
// NaN if either is constant.
func Spearman(x, y []float64) float64 {
	rx, ry := ranks(x), ranks(y)
	mx, my := mean(rx), mean(ry)
	var sxy, sxx, syy float64
	for i := range rx {
		sxy += (rx[i] - mx) * (ry[i] - my)
		sxx += (rx[i] - mx) * (rx[i] - mx)
		syy += (ry[i] - my) * (ry[i] - my)
	}
	if sxx == 0 || syy == 0 {
		return math.NaN()
	}
	return sxy / math.Sqrt(sxx*syy)
}

func mean(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

func ranks(v []float64) []float64 {
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return v[idx[a]] < v[idx[b]] })
	r := make([]float64, len(v))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && v[idx[j+1]] == v[idx[i]] {
			j++
		}
		avg := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			r[idx[k]] = avg
		}
		i = j + 1
	}
	return r
}
