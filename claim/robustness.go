package claim

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/scenarios/design"
)

// Assumption is a model assumption the robustness check varies: a key set
// to the sampled value, or, when Scale, every post's capacity multiplied
// by it.
type Assumption struct {
	ID      string  `json:"id"`
	Label   string  `json:"label"`
	Key     string  `json:"key"`
	Lo      float64 `json:"lo"`
	Hi      float64 `json:"hi"`
	Integer bool    `json:"integer,omitempty"`
	Scale   bool    `json:"scale,omitempty"`
}

// Assumptions are those that could overturn the claim (docs/CLAIM.md).
var Assumptions = []Assumption{
	{ID: "desperation_effect", Label: "abuse's dependence on desperation", Key: "abuse.desperation_effect", Lo: 0, Hi: 4},
	{ID: "information", Label: "information quality under malfunction", Key: "regimes.malfunctioning.accuracy", Lo: 0, Hi: 1},
	{ID: "market_entry", Label: "smugglers' market entry", Key: "smuggling.entry_rate", Lo: 0, Hi: 0.5},
	{ID: "give_up_days", Label: "days before turning back", Key: "migrants.give_up_days", Lo: 7, Hi: 120, Integer: true},
	{ID: "return_cost", Label: "cost of turning back (USD)", Key: "migrants.return_cost", Lo: 0, Hi: 300},
	{ID: "post_capacity", Label: "post capacity (multiple of the scenario's)", Key: "posts.*.capacity", Lo: 0.5, Hi: 2, Scale: true},
	{ID: "outage_days", Label: "length of outages under malfunction (days)", Key: "regimes.malfunctioning.outage_days", Lo: 3, Hi: 60},
}

// AssumptionByID returns the assumption called id (or one labelled by
// its id, for assumptions this version no longer has).
func AssumptionByID(id string) Assumption {
	if i := slices.IndexFunc(Assumptions, func(a Assumption) bool { return a.ID == id }); i >= 0 {
		return Assumptions[i]
	}
	return Assumption{ID: id, Label: id}
}

// robustnessPlan is the Latin hypercube of assumptions and its runs.
type robustnessPlan struct {
	x    *experiment.Prepared
	jobs []int
}

func planRobustness(s *scenarios.Scenario, o Options) (*robustnessPlan, error) {
	var factors []design.Factor
	var ids []string
	for _, a := range Assumptions {
		factors = append(factors, design.Factor{Key: a.Key, Lo: a.Lo, Hi: a.Hi, Integer: a.Integer})
		ids = append(ids, a.ID)
	}
	p := &experiment.Plan{
		Command: "claim", Scenario: s, Regimes: Regimes, Reps: o.RobustReps, Keys: ids,
		Points: design.LatinHypercube(factors, o.Samples, uint64(s.File.Seed)),
		At:     func(point []float64) (*scenarios.Scenario, error) { return assumptionScenario(s, point) },
	}
	x, err := p.Prepare()
	if err != nil {
		return nil, err
	}
	return &robustnessPlan{x: x, jobs: x.AllJobs()}, nil
}

// assumptionScenario is the scenario at one point of the robustness
// design, not yet validated.
func assumptionScenario(s *scenarios.Scenario, point []float64) (*scenarios.Scenario, error) {
	ps := s.Clone()
	for i, a := range Assumptions {
		if a.Scale {
			for j, p := range s.File.Posts {
				kv := fmt.Sprintf("posts.%d.capacity=%s", j, output.FormatFloat(*p.Capacity*point[i]))
				if err := ps.SetAs("--robustness", kv); err != nil {
					return nil, err
				}
			}
			continue
		}
		if err := ps.SetAs("--robustness", a.Key+"="+output.FormatFloat(point[i])); err != nil {
			return nil, err
		}
	}
	return ps, nil
}

// RobustnessResult is the check at every point of the design.
type RobustnessResult struct {
	IDs     []string    // the assumptions varied, in column order
	Points  [][]float64 // one value per assumption
	Results [][]Result  // per point, in Test's order
}

// run executes the design into w's folder: robustness_summary.csv as runs
// finish, robustness.csv at the end.
func (rp *robustnessPlan) run(ctx context.Context, w *experiment.Writer, workers int, progress func(int)) (*RobustnessResult, error) {
	sum, err := output.CreateCSV(w.Path("robustness_summary.csv"), output.SummaryHeader(rp.x.Keys))
	if err != nil {
		return nil, err
	}
	var rows []output.SummaryRow
	runErr := rp.x.Execute(ctx, rp.jobs, workers, func(s experiment.Simulated) error {
		row := output.SummaryOf(s.Run, s.Days)
		rows = append(rows, row)
		if progress != nil {
			progress(len(rows))
		}
		return output.WriteSummaryRow(sum, row)
	})
	if err := sum.Close(); err != nil {
		return nil, err
	}
	if runErr != nil {
		return nil, runErr
	}
	res := &RobustnessResult{IDs: rp.x.Keys, Points: rp.x.Points}
	per := len(Regimes) * rp.x.Reps
	for p := range rp.x.Points {
		r, err := Test(Collect(rows[p*per : (p+1)*per]))
		if err != nil {
			return nil, err
		}
		res.Results = append(res.Results, r)
	}
	return res, writeRobustness(w.Path("robustness.csv"), res)
}

// Shares counts, for result index i (hypothesis × metric), the share of
// points with each verdict.
func (rr *RobustnessResult) Shares(i int) (supported, contradicted, inconclusive float64) {
	for _, rs := range rr.Results {
		switch rs[i].Verdict {
		case Supported:
			supported++
		case Contradicted:
			contradicted++
		default:
			inconclusive++
		}
	}
	n := float64(len(rr.Results))
	return supported / n, contradicted / n, inconclusive / n
}

// Influences ranks the assumptions by how strongly they move result i's
// relative contrast (absolute Spearman correlation, largest first; ties by
// the assumptions' order).
func (rr *RobustnessResult) Influences(i int) []Influence {
	var out []Influence
	for j, id := range rr.IDs {
		a := AssumptionByID(id)
		var xs, ys []float64
		for p, rs := range rr.Results {
			xs = append(xs, rr.Points[p][j])
			y := rs[i].Relative
			if math.IsNaN(y) {
				y = rs[i].Diff.Mean
			}
			ys = append(ys, y)
		}
		inf := Influence{Assumption: a.ID, Spearman: Spearman(xs, ys)}
		lowCut, highCut := a.Lo+(a.Hi-a.Lo)/3, a.Hi-(a.Hi-a.Lo)/3
		var lowN, lowYes, highN, highYes float64
		for p, rs := range rr.Results {
			yes := 0.0
			if rs[i].Verdict == Supported {
				yes = 1
			}
			switch v := rr.Points[p][j]; {
			case v <= lowCut:
				lowN, lowYes = lowN+1, lowYes+yes
			case v >= highCut:
				highN, highYes = highN+1, highYes+yes
			}
		}
		inf.HoldsLow, inf.HoldsHigh = lowYes/lowN, highYes/highN
		out = append(out, inf)
	}
	slices.SortStableFunc(out, func(a, b Influence) int {
		fa, fb := math.Abs(a.Spearman), math.Abs(b.Spearman)
		switch {
		case math.IsNaN(fa) && !math.IsNaN(fb):
			return 1
		case math.IsNaN(fb) && !math.IsNaN(fa):
			return -1
		case fa > fb:
			return -1
		case fa < fb:
			return 1
		}
		return 0
	})
	return out
}

// ResultIndex is the position of hypothesis id on metric in a result list.
func ResultIndex(id, metric string) int {
	h := slices.IndexFunc(Hypotheses, func(h Hypothesis) bool { return h.ID == id })
	return h*len(Metrics) + slices.Index(Metrics, metric)
}
