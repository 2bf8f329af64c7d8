package main

import (
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/claim"
	"github.com/borderwork/borderwork/output/figures"
)

// readCSV reads a whole small table.
func readCSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return csv.NewReader(f).ReadAll()
}

func parseFloats(cells []string) ([]float64, error) {
	out := make([]float64, len(cells))
	for i, c := range cells {
		v, err := strconv.ParseFloat(c, 64)
		if err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// readContrasts reads contrasts.csv back as results, in its order.
func readContrasts(path string) ([]claim.Result, error) {
	recs, err := readCSV(path)
	if err != nil {
		return nil, err
	}
	var out []claim.Result
	for i, rec := range recs[1:] {
		v, err := parseFloats(rec[3:12])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, i+2, err)
		}
		h := claim.Hypotheses[slices.IndexFunc(claim.Hypotheses, func(h claim.Hypothesis) bool { return h.ID == rec[0] })]
		r := claim.Result{Hypothesis: h, Metric: rec[2], Verdict: claim.Verdict(rec[12])}
		r.Diff = output.Stat{N: int(v[0]), Mean: v[1], SD: v[2], Lo: v[3], Hi: v[4], HalfWidth: (v[4] - v[3]) / 2}
		r.EffectSize, r.Relative = v[5], v[6]
		r.Baseline = math.NaN()
		if v[6] != 0 && !math.IsNaN(v[6]) {
			r.Baseline = v[1] / v[6]
		}
		out = append(out, r)
	}
	return out, nil
}

// readRobustness reads robustness.csv back: the assumptions varied, the
// points, and the results at each point in claim.Test's order.
func readRobustness(path string) (*robustnessResult, []string, error) {
	recs, err := readCSV(path)
	if err != nil {
		return nil, nil, err
	}
	header := recs[0]
	nA := slices.Index(header, "hypothesis") - 1
	ids := header[1 : 1+nA]
	res := &robustnessResult{}
	for i, rec := range recs[1:] {
		p, err := strconv.Atoi(rec[0])
		if err != nil {
			return nil, nil, fmt.Errorf("%s:%d: %w", path, i+2, err)
		}
		if p == len(res.points) {
			point, err := parseFloats(rec[1 : 1+nA])
			if err != nil {
				return nil, nil, fmt.Errorf("%s:%d: %w", path, i+2, err)
			}
			res.points = append(res.points, point)
			res.results = append(res.results, nil)
		}
		v, err := parseFloats(rec[3+nA : 8+nA])
		if err != nil {
			return nil, nil, fmt.Errorf("%s:%d: %w", path, i+2, err)
		}
		h := claim.Hypotheses[slices.IndexFunc(claim.Hypotheses, func(h claim.Hypothesis) bool { return h.ID == rec[1+nA] })]
		r := claim.Result{Hypothesis: h, Metric: rec[2+nA], Verdict: claim.Verdict(rec[8+nA]), Relative: v[4]}
		r.Diff = output.Stat{N: int(v[0]), Mean: v[1], Lo: v[2], Hi: v[3]}
		res.results[p] = append(res.results[p], r)
	}
	return res, ids, nil
}

// mapMetrics are the metrics on which the robustness maps show H1.
var mapMetrics = []string{"trapped_person_days", "abused_migrants"}

// drawClaimFigures draws a claim folder's figures from its tables.
func drawClaimFigures(dir, scenario string, seed int64, formats []string) ([]string, error) {
	if len(formats) == 0 {
		return nil, nil
	}
	_, rows, err := output.ReadSummary(filepath.Join(dir, "summary.csv"))
	if err != nil {
		return nil, err
	}
	reps := len(rows) / len(claim.Regimes)
	files, err := drawCompareFigures(dir, scenario, seed, reps, formats)
	if err != nil {
		return nil, err
	}
	caption := figures.Caption{Scenario: scenario, Seed: seed, Reps: reps}
	fs, err := newFigureSaver(dir, formats)
	if err != nil {
		return nil, err
	}
	fs.files = files
	results, err := readContrasts(filepath.Join(dir, "contrasts.csv"))
	if err != nil {
		return nil, err
	}
	// One figure per metric, in its own units: relative contrasts against
	// a baseline near zero (open has little harm) would flatten the rest.
	var defs []string
	for _, h := range claim.Hypotheses {
		defs = append(defs, h.ID+" = "+h.Contrast)
	}
	ccap := caption
	ccap.Extra = strings.Join(defs, "; ")
	for _, m := range claim.Metrics {
		g := figures.Group{Label: "paired difference"}
		for _, r := range results {
			if r.Metric == m {
				g.Bars = append(g.Bars, figures.Bar{Label: r.Hypothesis.ID, Mean: r.Diff.Mean, Lo: r.Diff.Lo, Hi: r.Diff.Hi})
			}
		}
		fig, err := figures.GroupedBars("Contrasts on "+claim.MetricTitles[m]+" (above 0: the hypothesis holds)",
			claim.MetricTitles[m]+" per run, difference", []figures.Group{g}, ccap)
		if err := fs.save("contrasts_"+m, fig, err); err != nil {
			return nil, err
		}
	}
	path := filepath.Join(dir, "robustness.csv")
	if _, err := os.Stat(path); err != nil {
		return fs.files, nil
	}
	rob, ids, err := readRobustness(path)
	if err != nil {
		return nil, err
	}
	rcap := figures.Caption{Scenario: scenario, Seed: seed,
		Extra: fmt.Sprintf("Latin hypercube of %d points, %d replicates per regime at each", len(rob.points), robustReps(dir, len(rob.points)))}
	var share []figures.Group
	for _, m := range claim.Metrics {
		g := figures.Group{Label: claim.MetricTitles[m]}
		for _, h := range claim.Hypotheses {
			s, _, _ := rob.shares(resultIndex(h.ID, m))
			g.Bars = append(g.Bars, figures.Bar{Label: h.ID, Mean: 100 * s, Lo: math.NaN(), Hi: math.NaN()})
		}
		share = append(share, g)
	}
	fig, err := figures.GroupedBars("Share of the assumption space where each hypothesis is supported", "% of points supported", share, rcap)
	if err := fs.save("robustness_share", fig, err); err != nil {
		return nil, err
	}
	for _, m := range mapMetrics {
		infl := rob.influences(resultIndex("H1", m))
		top := infl[:min(3, len(infl))]
		for a := 0; a < len(top); a++ {
			for b := a + 1; b < len(top); b++ {
				ja, jb := slices.Index(ids, top[a].Assumption), slices.Index(ids, top[b].Assumption)
				la, lb := assumptionByID(ids[ja]), assumptionByID(ids[jb])
				x, y, z := holdsMap(rob, resultIndex("H1", m), ja, jb, la, lb)
				fig, err := figures.Heatmap(fmt.Sprintf("Where H1 holds on %s", claim.MetricTitles[m]),
					la.Label, lb.Label, "share of points where H1 is supported", x, y, z, false, rcap)
				if err := fs.save(fmt.Sprintf("h1_map_%s_%s_%s", m, ids[ja], ids[jb]), fig, err); err != nil {
					return nil, err
				}
			}
		}
	}
	return fs.files, nil
}

// robustReps recovers the replicates per regime at each robustness point
// from robustness_summary.csv's length.
func robustReps(dir string, points int) int {
	_, rows, err := output.ReadSummary(filepath.Join(dir, "robustness_summary.csv"))
	if err != nil || points == 0 {
		return 0
	}
	return len(rows) / points / len(claim.Regimes)
}

func assumptionByID(id string) assumption {
	if i := slices.IndexFunc(assumptions, func(a assumption) bool { return a.ID == id }); i >= 0 {
		return assumptions[i]
	}
	return assumption{ID: id, Label: id}
}

// holdsMap bins the design's points over two assumptions and gives, per
// cell, the share of points where result i is supported (NaN: no point).
func holdsMap(rob *robustnessResult, i, ja, jb int, la, lb assumption) (x, y []float64, z [][]float64) {
	n := max(2, int(math.Round(math.Sqrt(float64(len(rob.points))/3))))
	aLo, aHi := la.Lo, la.Hi
	bLo, bHi := lb.Lo, lb.Hi
	for k := range n {
		x = append(x, aLo+(float64(k)+0.5)*(aHi-aLo)/float64(n))
		y = append(y, bLo+(float64(k)+0.5)*(bHi-bLo)/float64(n))
	}
	yes := make([][]float64, n)
	all := make([][]float64, n)
	for k := range yes {
		yes[k], all[k] = make([]float64, n), make([]float64, n)
	}
	bin := func(v, lo, hi float64) int { return min(n-1, max(0, int(float64(n)*(v-lo)/(hi-lo)))) }
	for p, point := range rob.points {
		cx, cy := bin(point[ja], aLo, aHi), bin(point[jb], bLo, bHi)
		all[cy][cx]++
		if rob.results[p][i].Verdict == claim.Supported {
			yes[cy][cx]++
		}
	}
	z = make([][]float64, n)
	for r := range z {
		z[r] = make([]float64, n)
		for c := range z[r] {
			z[r][c] = math.NaN()
			if all[r][c] > 0 {
				z[r][c] = yes[r][c] / all[r][c]
			}
		}
	}
	return x, y, z
}
