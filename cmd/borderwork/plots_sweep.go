package main

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/figures"
)

// sweepMetrics are drawn against the varied keys.
var sweepMetrics = []headline{
	{"trapped_person_days", "trapped person-days"},
	{"abused_migrants", "migrants abused"},
	{"abuse_events", "abuse events"},
	{"deaths", "deaths"},
}

// axis places a varied key's values on a figure: a grid's own values, or,
// for a Latin hypercube, equal bins over the range.
type axis struct {
	key     string
	centres []float64
	bin     func(v float64) int
}

func makeAxis(key string, info *output.SweepInfo, j int) axis {
	var values []float64
	for _, p := range info.Points {
		if !slices.Contains(values, p[j]) {
			values = append(values, p[j])
		}
	}
	slices.Sort(values)
	if info.Design != "lhs" {
		return axis{key: key, centres: values, bin: func(v float64) int { return slices.Index(values, v) }}
	}
	lo, hi := values[0], values[len(values)-1]
	n := max(2, min(10, int(math.Round(math.Sqrt(float64(len(info.Points)))))))
	if hi == lo {
		n = 1
	}
	a := axis{key: key}
	for i := range n {
		a.centres = append(a.centres, lo+(float64(i)+0.5)*(hi-lo)/float64(n))
	}
	a.bin = func(v float64) int {
		if hi == lo {
			return 0
		}
		return min(n-1, int(float64(n)*(v-lo)/(hi-lo)))
	}
	return a
}

func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String()
}

// drawSweepFigures draws a sweep's figures from its summary table.
func drawSweepFigures(dir string, info *output.SweepInfo, regimes []string, scenario string, seed int64, reps int, formats []string) ([]string, error) {
	if len(formats) == 0 {
		return nil, nil
	}
	_, rows, err := output.ReadSummary(filepath.Join(dir, "summary.csv"))
	if err != nil {
		return nil, err
	}
	fs, err := newFigureSaver(dir, formats)
	if err != nil {
		return nil, err
	}
	caption := figures.Caption{Scenario: scenario, Seed: seed, Reps: reps}
	if info.Design == "lhs" {
		caption.Extra = fmt.Sprintf("Latin hypercube of %d points, binned", info.Samples)
	}
	axes := make([]axis, len(info.Keys))
	for j, k := range info.Keys {
		axes[j] = makeAxis(k, info, j)
	}
	// Lines: each metric against each key (averaged over the other keys
	// when there are several).
	if len(info.Keys) != 2 {
		for j, ax := range axes {
			for _, h := range sweepMetrics {
				t := output.TotalIndex(h.total)
				var bands []figures.Band
				for _, regime := range regimes {
					values := make([][]float64, len(ax.centres))
					for _, r := range rows {
						if r.Run.Regime == regime {
							b := ax.bin(r.Run.Params[j])
							values[b] = append(values[b], r.Totals[t])
						}
					}
					band := figures.Band{Label: regime, Style: regimeStyle(regime, regimes)}
					for b, v := range values {
						s := output.Describe(v)
						band.X = append(band.X, ax.centres[b])
						band.Mean = append(band.Mean, s.Mean)
						band.Lo = append(band.Lo, s.Lo)
						band.Hi = append(band.Hi, s.Hi)
					}
					bands = append(bands, band)
				}
				title := capitalise(h.title) + " against " + ax.key
				if len(axes) > 1 {
					title += ", averaged over the other keys"
				}
				fig, err := figures.TimeBands(title, ax.key, h.title+" per run", bands, caption)
				if err := fs.save(h.total+"_vs_"+slug(ax.key), fig, err); err != nil {
					return nil, err
				}
			}
		}
		return fs.files, nil
	}
	// Heat maps over two keys: the metric per regime, and a contrast.
	t := output.TotalIndex(info.Metric)
	mean := func(regime string) [][]float64 {
		sums := make([][][]float64, len(axes[1].centres))
		for i := range sums {
			sums[i] = make([][]float64, len(axes[0].centres))
		}
		for _, r := range rows {
			if r.Run.Regime == regime {
				x, y := axes[0].bin(r.Run.Params[0]), axes[1].bin(r.Run.Params[1])
				sums[y][x] = append(sums[y][x], r.Totals[t])
			}
		}
		z := make([][]float64, len(sums))
		for y := range sums {
			z[y] = make([]float64, len(sums[y]))
			for x, v := range sums[y] {
				z[y][x] = output.Describe(v).Mean
			}
		}
		return z
	}
	label := info.Metric
	if i := slices.IndexFunc(headlines, func(h headline) bool { return h.total == info.Metric }); i >= 0 {
		label = headlines[i].title
	}
	for _, regime := range regimes {
		fig, err := figures.Heatmap(capitalise(label)+" under "+regime, axes[0].key, axes[1].key, label+" per run (mean)",
			axes[0].centres, axes[1].centres, mean(regime), false, caption)
		if err := fs.save(info.Metric+"_"+slug(regime), fig, err); err != nil {
			return nil, err
		}
	}
	if a, b, ok := splitContrast(info.Contrast, regimes); ok {
		za, zb := mean(a), mean(b)
		for y := range za {
			for x := range za[y] {
				za[y][x] -= zb[y][x]
			}
		}
		fig, err := figures.Heatmap(fmt.Sprintf("%s: %s minus %s", capitalise(label), a, b), axes[0].key, axes[1].key,
			fmt.Sprintf("difference in mean %s (%s - %s)", label, a, b), axes[0].centres, axes[1].centres, za, true, caption)
		if err := fs.save(info.Metric+"_"+slug(a)+"_minus_"+slug(b), fig, err); err != nil {
			return nil, err
		}
	}
	return fs.files, nil
}
