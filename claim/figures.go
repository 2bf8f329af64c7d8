package claim

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/output/figures"
)

// MapMetrics are the metrics on which the robustness maps show H1.
var MapMetrics = []string{"trapped_person_days", "abused_migrants"}

// Figures is a claim folder's figure registry: the compare figures of the
// four regimes, then the claim's own.
var Figures = append(slices.Clone(experiment.CompareFigures),
	experiment.Figure{Name: "contrasts_METRIC", Title: "The five contrasts on one harm, with 95% intervals", Draw: drawContrasts},
	experiment.Figure{Name: "robustness_share", Title: "Share of the assumption space where each hypothesis is supported, per harm", Draw: drawRobustnessShare},
	experiment.Figure{Name: "h1_map_METRIC_A_B", Title: "Share of points where H1 holds, over assumptions A and B, binned", Draw: drawHoldsMaps},
)

func drawContrasts(src experiment.Source) ([]experiment.Drawn, error) {
	results, err := ReadContrasts(filepath.Join(src.Dir, "contrasts.csv"))
	if err != nil {
		return nil, err
	}
	// One figure per metric, in its own units: relative contrasts against
	// a baseline near zero (open has little harm) would flatten the rest.
	var defs []string
	for _, h := range Hypotheses {
		defs = append(defs, h.ID+" = "+h.Contrast)
	}
	caption := src.Caption()
	caption.Extra = strings.Join(defs, "; ")
	var out []experiment.Drawn
	for _, m := range Metrics {
		g := figures.Group{Label: "paired difference"}
		for _, r := range results {
			if r.Metric == m {
				g.Bars = append(g.Bars, figures.Bar{Label: r.Hypothesis.ID, Mean: r.Diff.Mean, Lo: r.Diff.Lo, Hi: r.Diff.Hi})
			}
		}
		title := "Contrasts on " + Title(m) + " (above 0: the hypothesis holds)"
		fig, err := figures.GroupedBars(title, Title(m)+" per run, difference", []figures.Group{g}, caption)
		if err != nil {
			return nil, err
		}
		out = append(out, experiment.Drawn{Name: "contrasts_" + m, Title: title, Fig: fig})
	}
	return out, nil
}

// readRobustnessFigures reads what the robustness figures draw; nil when
// the folder has no robustness check.
func readRobustnessFigures(src experiment.Source) (*RobustnessResult, figures.Caption, error) {
	path := filepath.Join(src.Dir, "robustness.csv")
	if _, err := os.Stat(path); err != nil {
		return nil, figures.Caption{}, nil
	}
	rob, err := ReadRobustness(path)
	if err != nil {
		return nil, figures.Caption{}, err
	}
	reps := 0
	if info, err := ReadInfo(src.Manifest); err == nil && info.Robustness != nil {
		reps = info.Robustness.Reps
	}
	caption := figures.Caption{Scenario: src.Manifest.Scenario, Seed: src.Manifest.Seed,
		Extra: fmt.Sprintf("Latin hypercube of %d points, %d replicates per regime at each", len(rob.Points), reps)}
	return rob, caption, nil
}

func drawRobustnessShare(src experiment.Source) ([]experiment.Drawn, error) {
	rob, caption, err := readRobustnessFigures(src)
	if rob == nil || err != nil {
		return nil, err
	}
	var share []figures.Group
	for _, m := range Metrics {
		g := figures.Group{Label: Title(m)}
		for _, h := range Hypotheses {
			s, _, _ := rob.Shares(ResultIndex(h.ID, m))
			g.Bars = append(g.Bars, figures.Bar{Label: h.ID, Mean: 100 * s, Lo: math.NaN(), Hi: math.NaN()})
		}
		share = append(share, g)
	}
	title := "Share of the assumption space where each hypothesis is supported"
	fig, err := figures.GroupedBars(title, "% of points supported", share, caption)
	if err != nil {
		return nil, err
	}
	return []experiment.Drawn{{Name: "robustness_share", Title: title, Fig: fig}}, nil
}

// mapPairs are the pairs of assumptions a metric's H1 maps are drawn
// over: every pair of the three that move its contrast most.
func mapPairs(rob *RobustnessResult, metric string) [][2]string {
	infl := rob.Influences(ResultIndex("H1", metric))
	top := infl[:min(3, len(infl))]
	var pairs [][2]string
	for a := 0; a < len(top); a++ {
		for b := a + 1; b < len(top); b++ {
			pairs = append(pairs, [2]string{top[a].Assumption, top[b].Assumption})
		}
	}
	return pairs
}

func drawHoldsMaps(src experiment.Source) ([]experiment.Drawn, error) {
	rob, caption, err := readRobustnessFigures(src)
	if rob == nil || err != nil {
		return nil, err
	}
	var out []experiment.Drawn
	for _, m := range MapMetrics {
		for _, pair := range mapPairs(rob, m) {
			ja, jb := slices.Index(rob.IDs, pair[0]), slices.Index(rob.IDs, pair[1])
			la, lb := AssumptionByID(pair[0]), AssumptionByID(pair[1])
			x, y, z := holdsMap(rob, ResultIndex("H1", m), ja, jb, la, lb)
			title := fmt.Sprintf("Where H1 holds on %s", Title(m))
			fig, err := figures.Heatmap(title, la.Label, lb.Label, "share of points where H1 is supported", x, y, z, false, caption)
			if err != nil {
				return nil, err
			}
			out = append(out, experiment.Drawn{Name: fmt.Sprintf("h1_map_%s_%s_%s", m, pair[0], pair[1]), Title: title, Fig: fig})
		}
	}
	return out, nil
}

// holdsMap bins the design's points over two assumptions and gives, per
// cell, the share of points where result i is supported (NaN: no point).
func holdsMap(rob *RobustnessResult, i, ja, jb int, la, lb Assumption) (x, y []float64, z [][]float64) {
	n := max(2, int(math.Round(math.Sqrt(float64(len(rob.Points))/3))))
	for k := range n {
		x = append(x, la.Lo+(float64(k)+0.5)*(la.Hi-la.Lo)/float64(n))
		y = append(y, lb.Lo+(float64(k)+0.5)*(lb.Hi-lb.Lo)/float64(n))
	}
	yes := make([][]float64, n)
	all := make([][]float64, n)
	for k := range yes {
		yes[k], all[k] = make([]float64, n), make([]float64, n)
	}
	bin := func(v, lo, hi float64) int { return min(n-1, max(0, int(float64(n)*(v-lo)/(hi-lo)))) }
	for p, point := range rob.Points {
		cx, cy := bin(point[ja], la.Lo, la.Hi), bin(point[jb], lb.Lo, lb.Hi)
		all[cy][cx]++
		if rob.Results[p][i].Verdict == Supported {
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
