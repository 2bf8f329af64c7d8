package experiment

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/figures"
)

// SweepFigures are the figures of a sweep folder, drawn from summary.csv.
// With one varied key, or three or more, each harm is drawn against each
// key; with two, heat maps of the sweep's metric per regime and of its
// contrast between two regimes.
var SweepFigures = []Figure{
	{Name: "METRIC_vs_KEY", Title: "Each harm per run against a varied key, one line per regime with 95% bands (averaged over the other keys when there are several)", Draw: drawSweepLines},
	{Name: "METRIC_REGIME", Title: "Heat map of the sweep's metric (mean per run) over two varied keys, per regime", Draw: drawSweepHeatmaps},
	{Name: "METRIC_A_minus_B", Title: "Heat map of the difference of the sweep's metric between the two regimes of the contrast", Draw: drawSweepContrast},
}

// sweepSource is what every sweep figure reads.
type sweepSource struct {
	info    *output.SweepInfo
	regimes []string
	rows    []output.SummaryRow
	axes    []axis
	caption figures.Caption
}

func readSweep(src Source) (*sweepSource, error) {
	m := src.Manifest
	if m.Sweep == nil {
		return nil, fmt.Errorf("the manifest has no sweep section")
	}
	_, rows, err := output.ReadSummary(filepath.Join(src.Dir, "summary.csv"))
	if err != nil {
		return nil, err
	}
	s := &sweepSource{info: m.Sweep, regimes: m.Regimes, rows: rows, caption: src.Caption()}
	if m.Sweep.Design == "lhs" {
		s.caption.Extra = fmt.Sprintf("Latin hypercube of %d points, binned", m.Sweep.Samples)
	}
	for j, k := range m.Sweep.Keys {
		s.axes = append(s.axes, makeAxis(k, m.Sweep, j))
	}
	return s, nil
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

// Slug turns a key or regime name into a file-name part.
func Slug(s string) string {
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

func drawSweepLines(src Source) ([]Drawn, error) {
	if src.Manifest.Sweep != nil && len(src.Manifest.Sweep.Keys) == 2 {
		return nil, nil
	}
	s, err := readSweep(src)
	if err != nil {
		return nil, err
	}
	var out []Drawn
	for j, ax := range s.axes {
		for _, h := range output.Harms() {
			t := output.TotalIndex(h.Name)
			var bands []figures.Band
			for _, regime := range s.regimes {
				values := make([][]float64, len(ax.centres))
				for _, r := range s.rows {
					if r.Run.Regime == regime {
						b := ax.bin(r.Run.Params[j])
						values[b] = append(values[b], r.Totals[t])
					}
				}
				band := figures.Band{Label: regime, Style: RegimeStyle(regime, s.regimes)}
				for b, v := range values {
					st := output.Describe(v)
					band.X = append(band.X, ax.centres[b])
					band.Mean = append(band.Mean, st.Mean)
					band.Lo = append(band.Lo, st.Lo)
					band.Hi = append(band.Hi, st.Hi)
				}
				bands = append(bands, band)
			}
			title := output.Capitalise(h.Title) + " against " + ax.key
			if len(s.axes) > 1 {
				title += ", averaged over the other keys"
			}
			fig, err := figures.TimeBands(title, ax.key, h.Title+" per run", bands, s.caption)
			if err != nil {
				return nil, err
			}
			out = append(out, Drawn{Name: h.Name + "_vs_" + Slug(ax.key), Title: title, Fig: fig})
		}
	}
	return out, nil
}

// meanGrid is the mean of total t per cell of the two axes, for a regime.
func (s *sweepSource) meanGrid(regime string, t int) [][]float64 {
	sums := make([][][]float64, len(s.axes[1].centres))
	for i := range sums {
		sums[i] = make([][]float64, len(s.axes[0].centres))
	}
	for _, r := range s.rows {
		if r.Run.Regime == regime {
			x, y := s.axes[0].bin(r.Run.Params[0]), s.axes[1].bin(r.Run.Params[1])
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

// metricLabel is the sweep metric's title, or its name.
func (s *sweepSource) metricLabel() string {
	if t, ok := output.TotalByName(s.info.Metric); ok {
		return t.Title
	}
	return s.info.Metric
}

func drawSweepHeatmaps(src Source) ([]Drawn, error) {
	if src.Manifest.Sweep == nil || len(src.Manifest.Sweep.Keys) != 2 {
		return nil, nil
	}
	s, err := readSweep(src)
	if err != nil {
		return nil, err
	}
	t := output.TotalIndex(s.info.Metric)
	label := s.metricLabel()
	var out []Drawn
	for _, regime := range s.regimes {
		title := output.Capitalise(label) + " under " + regime
		fig, err := figures.Heatmap(title, s.axes[0].key, s.axes[1].key, label+" per run (mean)",
			s.axes[0].centres, s.axes[1].centres, s.meanGrid(regime, t), false, s.caption)
		if err != nil {
			return nil, err
		}
		out = append(out, Drawn{Name: s.info.Metric + "_" + Slug(regime), Title: title, Fig: fig})
	}
	return out, nil
}

func drawSweepContrast(src Source) ([]Drawn, error) {
	if src.Manifest.Sweep == nil || len(src.Manifest.Sweep.Keys) != 2 {
		return nil, nil
	}
	s, err := readSweep(src)
	if err != nil {
		return nil, err
	}
	a, b, ok := SplitContrast(s.info.Contrast, s.regimes)
	if !ok {
		return nil, nil
	}
	t := output.TotalIndex(s.info.Metric)
	label := s.metricLabel()
	za, zb := s.meanGrid(a, t), s.meanGrid(b, t)
	for y := range za {
		for x := range za[y] {
			za[y][x] -= zb[y][x]
		}
	}
	title := fmt.Sprintf("%s: %s minus %s", output.Capitalise(label), a, b)
	fig, err := figures.Heatmap(title, s.axes[0].key, s.axes[1].key,
		fmt.Sprintf("difference in mean %s (%s - %s)", label, a, b), s.axes[0].centres, s.axes[1].centres, za, true, s.caption)
	if err != nil {
		return nil, err
	}
	return []Drawn{{Name: s.info.Metric + "_" + Slug(a) + "_minus_" + Slug(b), Title: title, Fig: fig}}, nil
}

// SplitContrast reads "a-b", two of regimes; regime names may hold
// hyphens, so every split is tried.
func SplitContrast(spec string, regimes []string) (a, b string, ok bool) {
	for i := range len(spec) {
		if spec[i] == '-' && slices.Contains(regimes, spec[:i]) && slices.Contains(regimes, spec[i+1:]) && spec[:i] != spec[i+1:] {
			return spec[:i], spec[i+1:], true
		}
	}
	return "", "", false
}
