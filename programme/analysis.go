package programme

import (
	"fmt"
	"math"
	"slices"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/sim"
)

// Arm is one configuration of the analysis: a regime, with the analysed
// programme acting through channels On.
type Arm struct {
	Name   string
	Regime string
	On     scenarios.Channel
}

// The arms of a regime, by the channels that act, and the suffix of
// their names: "decreed" is the regime without the programme,
// "decreed+programme" with it in full.
var armKinds = []struct {
	suffix string
	on     scenarios.Channel
}{
	{"", 0},
	{"+programme", scenarios.AllChannels},
	{"+repair", scenarios.Repair},
	{"+tightening", scenarios.Tightening},
}

// Arms are the four arms of each regime, regime by regime.
func Arms(regimes []string) []Arm {
	var out []Arm
	for _, r := range regimes {
		for _, k := range armKinds {
			out = append(out, Arm{Name: r + k.suffix, Regime: r, On: k.on})
		}
	}
	return out
}

// ArmNames are the arms' names, in order.
func ArmNames(arms []Arm) []string {
	var names []string
	for _, a := range arms {
		names = append(names, a.Name)
	}
	return names
}

// The effects, in the order tables list them.
const (
	Total       = "total"       // the full programme minus none
	Repairing   = "repair"      // the full programme minus the programme with its repair channel off
	Tightening  = "tightening"  // the full programme minus the programme with its tightening channel off
	Interaction = "interaction" // total − repair − tightening: what needs both channels at once
)

// Effects lists the effects.
var Effects = []string{Total, Repairing, Tightening, Interaction}

// effectLabel names an effect for people.
var effectLabel = map[string]string{
	Total:       "the whole programme",
	Repairing:   "repairing malfunction",
	Tightening:  "tightening closure",
	Interaction: "both at once (interaction)",
}

// EffectLabel names an effect for people.
func EffectLabel(effect string) string { return effectLabel[effect] }

// Metric is what the analysis measures, for everyone and, where Grouped,
// for each group of migrants.
type Metric struct {
	Name    string
	Grouped bool
	Harm    bool // a harm: its cost per unit averted is reported
}

// Metrics are the analysis's metrics, in order: the harms, then refusals
// and passages bought with a bribe, which show the closure the programme
// tightens (better overseen officials sell fewer passages to those the
// rules refuse: closure, through the repair channel).
var Metrics = []Metric{
	{"trapped_person_days", true, true},
	{"immobilised_person_days", true, true},
	{"abuse_events", true, true},
	{"abuse_by_officials", false, true},
	{"deaths", true, true},
	{"harm_index", false, true},
	{"refused", true, false},
	{"bribed", false, false},
}

// Headline are the harms a programme's answer leads with, in order: its
// bottom line, its effects by group of migrants in report.md, and the
// terminal's table. Each is a grouped harm of Metrics.
var Headline = []string{"trapped_person_days", "abuse_events"}

// All is the group that stands for every migrant.
const All = "all"

// Groups are "all", then each group of the records.
func Groups() []string {
	out := []string{All}
	for g := range sim.NumGroups {
		out = append(out, g.String())
	}
	return out
}

// column is the summary.csv column of metric m for group g.
func column(m, g string) string {
	if g == All {
		return m
	}
	return m + "_" + g
}

// Estimate is one effect on one metric for one group under one regime:
// the paired contrast across replicates and its 95% interval.
type Estimate struct {
	Regime, Effect, Metric, Group string
	N                             int
	Mean, SD, Lo, Hi              float64
	Reference                     float64 // the metric's mean without the programme
	// Share is the effect as a share of the programme's total effect on
	// the same metric and group (NaN for the total, or where it is 0).
	Share float64
	// CostPerAverted is what was spent per unit of harm averted (the
	// total effect on a harm only), with the interval the effect's gives;
	// NaN where the harm did not fall (or its interval reaches 0).
	CostPerAverted, CostLo, CostHi float64
}

// Analysis is the decomposition of a programme's effects.
type Analysis struct {
	Regimes []string
	Reps    int
	// Spending is, regime by regime, the USD spent by the end of a run on
	// the analysed programmes that act under it: the money that divides
	// the harm averted there.
	Spending  []float64
	Estimates []Estimate
	// Idle holds, by regime, the channels that change no run: with the
	// channel alone every run's totals are those without the programme,
	// and with the programme in full those with the other channel alone
	// (a programme without equipment has no tightening channel). Looked
	// up, never ranged over.
	Idle map[string]scenarios.Channel
}

// IdleChannels are the channels that change no run under regime.
func (a *Analysis) IdleChannels(regime string) scenarios.Channel { return a.Idle[regime] }

// Find returns the estimate of effect on metric for group under regime.
func (a *Analysis) Find(regime, effect, metric, group string) (Estimate, bool) {
	i := slices.IndexFunc(a.Estimates, func(e Estimate) bool {
		return e.Regime == regime && e.Effect == effect && e.Metric == metric && e.Group == group
	})
	if i < 0 {
		return Estimate{}, false
	}
	return a.Estimates[i], true
}

// SpentUnder is what the analysed programmes that act under regime spent
// by the end of a run.
func (a *Analysis) SpentUnder(regime string) float64 {
	return a.Spending[slices.Index(a.Regimes, regime)]
}

// Analyse decomposes the effects from the summary rows of the arms (in
// any order; replicates 0..n-1 of each arm). spending is, for each
// regime, what the analysed programmes that act under it cost by the end
// of a run.
func Analyse(regimes []string, rows []output.SummaryRow, spending []float64) (*Analysis, error) {
	if len(spending) != len(regimes) {
		return nil, fmt.Errorf("programme: %d amounts spent for %d regimes", len(spending), len(regimes))
	}
	arms := Arms(regimes)
	n := 0
	for _, r := range rows {
		n = max(n, r.Run.Replicate+1)
	}
	if n < 2 {
		return nil, fmt.Errorf("programme: want at least 2 replicates of every arm, got %d", n)
	}
	cols := map[string]int{} // looked up, never ranged over
	for _, m := range Metrics {
		for _, g := range Groups() {
			if g != All && !m.Grouped {
				continue
			}
			c := output.TotalIndex(column(m.Name, g))
			if c < 0 {
				return nil, fmt.Errorf("programme: no column %s in the summary", column(m.Name, g))
			}
			cols[column(m.Name, g)] = c
		}
	}
	seen := make([][]bool, len(arms))
	byArm := make([][]output.SummaryRow, len(arms))
	for a := range arms {
		seen[a] = make([]bool, n)
		byArm[a] = make([]output.SummaryRow, n)
	}
	for _, r := range rows {
		a := slices.IndexFunc(arms, func(x Arm) bool { return x.Name == r.Run.Regime })
		if a < 0 {
			return nil, fmt.Errorf("programme: a run of %q, which is no arm of the analysis", r.Run.Regime)
		}
		seen[a][r.Run.Replicate] = true
		byArm[a][r.Run.Replicate] = r
	}
	for a, arm := range arms {
		for rep, ok := range seen[a] {
			if !ok {
				return nil, fmt.Errorf("programme: replicate %d of %s is missing", rep, arm.Name)
			}
		}
	}
	an := &Analysis{Regimes: regimes, Reps: n, Spending: spending, Idle: map[string]scenarios.Channel{}}
	// same says whether arms a and b gave the same totals on every run.
	same := func(a, b int) bool {
		for rep := range n {
			if !slices.Equal(byArm[a][rep].Totals, byArm[b][rep].Totals) {
				return false
			}
		}
		return true
	}
	for ri, regime := range regimes {
		spent := spending[ri]
		none, full, repair, tight := 4*ri, 4*ri+1, 4*ri+2, 4*ri+3
		if same(repair, none) && same(full, tight) {
			an.Idle[regime] |= scenarios.Repair
		}
		if same(tight, none) && same(full, repair) {
			an.Idle[regime] |= scenarios.Tightening
		}
		for _, m := range Metrics {
			for _, g := range Groups() {
				if g != All && !m.Grouped {
					continue
				}
				c := cols[column(m.Name, g)]
				v := func(a, rep int) float64 { return byArm[a][rep].Totals[c] }
				diffs := map[string][]float64{} // looked up by effect, never ranged over
				for rep := range n {
					total := v(full, rep) - v(none, rep)
					rep1 := v(full, rep) - v(tight, rep) // repair switched off leaves tightening alone
					tig := v(full, rep) - v(repair, rep)
					diffs[Total] = append(diffs[Total], total)
					diffs[Repairing] = append(diffs[Repairing], rep1)
					diffs[Tightening] = append(diffs[Tightening], tig)
					diffs[Interaction] = append(diffs[Interaction], total-rep1-tig)
				}
				ref := output.Describe(columnOf(byArm[none], c)).Mean
				totalMean := output.Describe(diffs[Total]).Mean
				for _, eff := range Effects {
					st := output.Describe(diffs[eff])
					e := Estimate{Regime: regime, Effect: eff, Metric: m.Name, Group: g, N: st.N,
						Mean: st.Mean, SD: st.SD, Lo: st.Lo, Hi: st.Hi, Reference: ref,
						Share: math.NaN(), CostPerAverted: math.NaN(), CostLo: math.NaN(), CostHi: math.NaN()}
					if eff != Total && totalMean != 0 {
						e.Share = st.Mean / totalMean
					}
					if eff == Total && m.Harm && st.Hi < 0 && spent > 0 {
						e.CostPerAverted, e.CostLo, e.CostHi = spent/-st.Mean, spent/-st.Lo, spent/-st.Hi
					}
					an.Estimates = append(an.Estimates, e)
				}
			}
		}
	}
	return an, nil
}

func columnOf(rows []output.SummaryRow, c int) []float64 {
	out := make([]float64, len(rows))
	for i, r := range rows {
		out[i] = r.Totals[c]
	}
	return out
}
