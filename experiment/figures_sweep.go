package experiment

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/figures"
	"github.com/borderwork/borderwork/output/figures/palette"
)

// SweepFigures are the figures of a sweep folder, drawn from summary.csv.
// They show each harm (or the metrics the folder's figure options name)
// against the varied keys: with one key, or three or more, as lines per
// regime; with two, as maps per regime and of the contrast between two
// regimes. A grid's values are drawn as they are; a Latin hypercube's
// points where they were run, never binned into cells that pool points
// (except the share map, which says how many points each cell pools).
var SweepFigures = []Figure{
	{Name: "METRIC_vs_KEY", Title: "Each harm per run against a varied key, one line per regime with the spread of its replicates (pooled over the other keys of a grid, or one marker per point of a Latin hypercube, when several keys vary)", Draw: drawSweepLines},
	{Name: "METRIC_REGIME", Title: "The sweep's metric (mean per run) over two varied keys, per regime affected by them: a heat map of a grid, or coloured points of a Latin hypercube", Draw: drawSweepMaps},
	{Name: "METRIC_A_minus_B", Title: "The difference of the sweep's metric between the two regimes of the contrast, over two varied keys", Draw: drawSweepContrast},
	{Name: "METRIC_A_above_B_share", Title: "Latin hypercube over two keys: the share of points in each cell where the first regime of the contrast has the higher mean, on a fixed 0 to 1 scale, with the points per cell", Draw: drawSweepShare},
}

// sweepSource is what every sweep figure reads.
type sweepSource struct {
	info    *output.SweepInfo
	regimes []string // the regimes drawn
	all     []string // every regime of the sweep
	rows    []output.SummaryRow
	opts    output.FigureOptions
	caption figures.Caption
	lhs     bool
	log     []bool         // per varied key: drawn log-uniformly (KEY=a:b:log), so drawn on a log axis
	point   map[string]int // a point's key (pointKey) -> its index
	axes    []string       // each varied key's axis label: its --label, or the key and its unit
	names   []string       // each varied key as titles and captions name it: its --label, or the key
}

func readSweep(src Source) (*sweepSource, error) {
	m := src.Manifest
	if m.Sweep == nil {
		// The folder's command was changed to sweep: its input, not a
		// figure that cannot be drawn.
		return nil, runs.BadInput("%s: command is sweep, but there is no sweep section (the keys and points a sweep varies); the manifest was changed", filepath.Join(src.Dir, "manifest.json"))
	}
	_, rows, err := output.ReadSummary(filepath.Join(src.Dir, "summary.csv"))
	if err != nil {
		return nil, err
	}
	s := &sweepSource{info: m.Sweep, all: m.Regimes, regimes: m.Regimes, rows: rows, opts: src.Options(),
		caption: src.Caption(), lhs: m.Sweep.Design == "lhs", point: map[string]int{}}
	if len(s.opts.Regimes) > 0 {
		s.regimes = s.opts.Regimes
	}
	var extra []string
	if s.lhs {
		extra = append(extra, fmt.Sprintf("Latin hypercube of %d points", len(m.Sweep.Points)))
	}
	// Of the regimes the varied keys do not change, those drawn.
	var reused []string
	for _, r := range m.Sweep.Reused {
		if slices.Contains(s.regimes, r) {
			reused = append(reused, r)
		}
	}
	if len(reused) > 0 {
		extra = append(extra, "the varied keys do not change "+strings.Join(reused, ", ")+" (run once per replicate)")
	}
	s.caption.Extra = strings.Join(extra, "; ")
	for i, p := range m.Sweep.Points {
		s.point[pointKey(p)] = i
	}
	s.log = make([]bool, len(m.Sweep.Keys))
	for j := range s.log {
		f, ok := LatinFactor(m.Sweep, j)
		s.log[j] = ok && f.Log
	}
	if s.axes, err = keyAxes(src, s.opts.Labels); err != nil {
		return nil, err
	}
	s.names = make([]string, len(m.Sweep.Keys))
	for j, key := range m.Sweep.Keys {
		s.names[j] = key
		if l := s.opts.Labels[key]; l != "" {
			s.names[j] = l
		}
	}
	return s, nil
}

// keyAxes labels the axis of each varied key with its label (--label),
// as given, or else with the key, as --vary writes it, and the unit the
// scenario format gives it (Scenario.KeyUnit), if any:
// "regimes.malfunctioning.outage_start (probability per day)".
func keyAxes(src Source, labels map[string]string) ([]string, error) {
	m := src.Manifest
	sc, err := src.Resolved()
	if err != nil {
		return nil, err
	}
	out := make([]string, len(m.Sweep.Keys))
	for j, key := range m.Sweep.Keys {
		if l := labels[key]; l != "" {
			out[j] = l
			continue
		}
		out[j] = key
		unit, err := sc.KeyUnit(key)
		if err != nil {
			return nil, fmt.Errorf("varied key %s: %w", key, err)
		}
		if unit != "" {
			out[j] += " (" + unit + ")"
		}
	}
	return out, nil
}

// coord is where value v of key j lies on its axis: its logarithm for a
// key drawn log-uniformly, whose axis is logarithmic (logAxes).
func (s *sweepSource) coord(j int, v float64) float64 {
	if s.log[j] {
		return figures.Log(v)
	}
	return v
}

// logAxes makes fig's x axis (key jx) and y axis (key jy, -1 for a
// value's axis) logarithmic where their keys were drawn log-uniformly,
// the figure drawn at their coords.
func (s *sweepSource) logAxes(fig *figures.Figure, jx, jy int) *figures.Figure {
	if fig == nil {
		return nil
	}
	if s.log[jx] {
		fig.LogAxisX()
	}
	if jy >= 0 && s.log[jy] {
		fig.LogAxisY()
	}
	return fig
}

// pointKey identifies a point by its values, as the tables write them.
func pointKey(p []float64) string {
	parts := make([]string, len(p))
	for i, v := range p {
		parts[i] = output.FormatFloat(v)
	}
	return strings.Join(parts, ",")
}

// perPoint is total t's values across replicates at each point of the
// design, for a regime.
func (s *sweepSource) perPoint(regime string, t int) [][]float64 {
	out := make([][]float64, len(s.info.Points))
	for _, r := range s.rows {
		if r.Run.Regime != regime {
			continue
		}
		if i, ok := s.point[pointKey(r.Run.Params)]; ok {
			out[i] = append(out[i], r.Totals[t])
		}
	}
	return out
}

// pointMeans is the mean of total t at each point, for a regime (NaN at a
// point without runs).
func (s *sweepSource) pointMeans(regime string, t int) []float64 {
	values := s.perPoint(regime, t)
	out := make([]float64, len(values))
	for i, v := range values {
		out[i], _, _ = spread(v, output.BandsCI)
	}
	return out
}

// lineMetrics are the totals drawn against each key; mapMetrics those
// drawn over two keys.
func (s *sweepSource) lineMetrics() []output.Total {
	if len(s.opts.Metrics) > 0 {
		return totalsNamed(s.opts.Metrics)
	}
	return output.Harms()
}

func (s *sweepSource) mapMetrics() []output.Total {
	if len(s.opts.Metrics) > 0 {
		return totalsNamed(s.opts.Metrics)
	}
	return totalsNamed([]string{s.info.Metric})
}

func totalsNamed(names []string) []output.Total {
	var out []output.Total
	for _, n := range names {
		if t, ok := output.TotalByName(n); ok {
			out = append(out, t)
		}
	}
	return out
}

// mapOptions colours a map of total t: shares on a fixed [0, 1] scale.
func mapOptions(t output.Total, diverging bool) figures.HeatOptions {
	o := figures.HeatOptions{Diverging: diverging}
	if t.Unit == "share" && !diverging {
		o.Lo, o.Hi = 0, 1
	}
	return o
}

// valueLabel names the axis (or colour bar) of a total of summary.csv:
// a count of the run "per run"; a price, which is no count of the run,
// with its currency.
func valueLabel(h output.Total) string {
	if h.Unit == "USD" {
		return h.Title + ", USD"
	}
	return h.Title + " per run"
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
	for j, key := range s.info.Keys {
		for _, h := range s.lineMetrics() {
			t := output.TotalIndex(h.Name)
			title := output.Capitalise(h.Title) + " against " + s.names[j]
			var fig *figures.Figure
			var err error
			var caption string
			switch {
			case s.lhs && len(s.info.Keys) > 1:
				title += ", the other keys varying"
				fig, err = s.pointsAgainst(j, t, title, h)
				caption = fmt.Sprintf("%s against %s, the other keys varying: one marker per point of the Latin hypercube and regime, at the mean over its %s, without bands", output.Capitalise(valueLabel(h)), s.axes[j], words.Count(src.Manifest.Reps, "replicate"))
			default:
				if len(s.info.Keys) > 1 {
					title += ", pooled over the other keys"
				}
				fig, err = s.linesAgainst(j, t, title, h)
				caption = s.linesCaption(j, h, src.Manifest.Reps)
			}
			if err != nil {
				return nil, err
			}
			out = append(out, Drawn{Name: h.Name + "_vs_" + Slug(key), Title: caption, Fig: fig})
		}
	}
	return out, nil
}

// linesCaption is report.md's caption of the figure linesAgainst draws
// of total h against key j, from reps replicates per point: what it
// draws, in which unit, and what its bands show under the folder's
// --bands, as the figure's own caption says. It once repeated the
// figure's title, and said nothing of the bands.
func (s *sweepSource) linesCaption(j int, h output.Total, reps int) string {
	c := output.Capitalise(valueLabel(h)) + " against " + s.axes[j] + ": "
	mark := s.markedPhrase(len(s.values(j)))
	if len(s.info.Keys) > 1 {
		// The lines pool every point with that value of the key.
		c += "one line per regime through the mean over the replicates and the other keys' values at each value of " + s.names[j] + mark + ", "
		switch {
		case s.opts.Bands == output.BandsCI:
			return c + "with bands of the 95% confidence interval of that mean, cut at 0"
		case s.opts.Bands == output.BandsReplicates:
			return c + "without bands (single replicates are not drawn when other keys vary)"
		}
		return c + "with bands of the middle 95% of those runs (2.5th to 97.5th percentile)"
	}
	if reps == 1 {
		return c + "one line per regime through its one replicate at each point" + mark + ", without bands"
	}
	return c + "one line per regime through the mean over replicates at each point" + mark + ", with " + bandsPhrase(s.opts.Bands)
}

// linesAgainst draws total t against key j, a line per regime through
// the mean at each value of the key, with the spread of the replicates
// (of every point with that value).
func (s *sweepSource) linesAgainst(j, t int, title string, h output.Total) (*figures.Figure, error) {
	xs := s.values(j)
	pooled := len(s.info.Keys) > 1
	var bands []figures.Band
	for _, regime := range s.regimes {
		byX := make([][]float64, len(xs))
		for i, vs := range s.perPoint(regime, t) {
			x := slices.Index(xs, s.info.Points[i][j])
			byX[x] = append(byX[x], vs...)
		}
		band := figures.Band{Label: regime, Style: palette.RegimeStyle(regime, s.all), Marked: s.marked(len(xs), regime)}
		for x, vs := range byX {
			m, lo, hi := countSpread(vs, s.opts.Bands) // summary totals are counts
			band.X = append(band.X, s.coord(j, xs[x]))
			band.Mean = append(band.Mean, m)
			band.Lo = append(band.Lo, lo)
			band.Hi = append(band.Hi, hi)
		}
		if s.opts.Bands == output.BandsReplicates && !pooled {
			band.Replicates = replicateLines(byX)
		}
		bands = append(bands, band)
	}
	c := s.caption
	c.Per = " per point"
	c.Centre = centreText("bands")
	c.Spread = spreadText(s.opts.Bands, "bands")
	if s.opts.Bands == output.BandsCI {
		c.Spread += ", cut at 0"
	}
	if pooled {
		// The mean and band at a value of the key pool the runs of every
		// point with that value, whatever the other keys' values.
		c.Centre = ""
		c.Spread = "lines: mean over the replicates and the other keys' values"
		switch s.opts.Bands {
		case output.BandsCI:
			c.Spread += " · bands: 95% confidence intervals of that mean, cut at 0"
		case output.BandsPercentile:
			c.Spread += " · bands: middle 95% of those runs (2.5th to 97.5th percentile)"
		}
	}
	if slices.ContainsFunc(bands, func(b figures.Band) bool { return b.Marked }) {
		c.Extra = strings.TrimSuffix(markedText+"; "+c.Extra, "; ")
	}
	fig, err := figures.TimeBands(title, s.axes[j], valueLabel(h), bands, c)
	return s.logAxes(fig, j, -1), err
}

// values are key j's values, sorted.
func (s *sweepSource) values(j int) []float64 {
	var xs []float64
	for _, p := range s.info.Points {
		if !slices.Contains(xs, p[j]) {
			xs = append(xs, p[j])
		}
	}
	slices.Sort(xs)
	return xs
}

// markedPhrase says, for report.md, which lines through n values of a
// key linesAgainst marks at each value: "" if none.
func (s *sweepSource) markedPhrase(n int) string {
	var marked []string
	for _, r := range s.regimes {
		if s.marked(n, r) {
			marked = append(marked, r)
		}
	}
	switch len(marked) {
	case 0:
		return ""
	case len(s.regimes):
		return " (a marker at each value run)"
	case 1:
		return " (a marker at each value run on the line of " + marked[0] + ")"
	}
	return " (a marker at each value run on the lines of " + strings.Join(marked, ", ") + ")"
}

// maxMarked is the most values of a key whose lines are marked at each
// value: with more, the line itself shows where it was run, and markers
// would crowd it.
const maxMarked = 25

// markedText is the caption's word for the markers linesAgainst draws.
const markedText = "markers: the values run"

// marked reports whether regime's line through n values of a key is
// marked at each: if they are few, and the varied keys change the regime
// (a regime they do not change was run once and is the same at every
// value).
func (s *sweepSource) marked(n int, regime string) bool {
	return n <= maxMarked && !slices.Contains(s.info.Reused, regime)
}

// pointsAgainst draws, for a Latin hypercube of several keys, each
// point's mean of total t against key j, a marker per point and regime:
// the other keys vary from point to point, so there is no line to draw.
func (s *sweepSource) pointsAgainst(j, t int, title string, h output.Total) (*figures.Figure, error) {
	var series []figures.Series
	for _, regime := range s.regimes {
		ser := figures.Series{Label: regime, Style: palette.RegimeStyle(regime, s.all)}
		for i, m := range s.pointMeans(regime, t) {
			ser.X = append(ser.X, s.coord(j, s.info.Points[i][j]))
			ser.Y = append(ser.Y, m)
		}
		series = append(series, ser)
	}
	c := s.caption
	c.Per = " per point"
	c.Centre = "markers: mean"
	fig, err := figures.Scatter(title, s.axes[j], valueLabel(h)+" (mean)", series, c)
	return s.logAxes(fig, j, -1), err
}

// gridAxes are a two-key grid's values along each key, sorted, and each
// point's cell.
func (s *sweepSource) gridAxes() (x, y []float64, cell func(point int) (int, int)) {
	for _, p := range s.info.Points {
		if !slices.Contains(x, p[0]) {
			x = append(x, p[0])
		}
		if !slices.Contains(y, p[1]) {
			y = append(y, p[1])
		}
	}
	slices.Sort(x)
	slices.Sort(y)
	return x, y, func(i int) (int, int) {
		p := s.info.Points[i]
		return slices.Index(x, p[0]), slices.Index(y, p[1])
	}
}

// mapOf draws values, one per point, over the two keys: a heat map of a
// grid (NaN where the grid has no point), or coloured points of a Latin
// hypercube; marked (nil, or one per point) dots a grid's cells or a
// hypercube's points (figures.HeatOptions.Marked).
func (s *sweepSource) mapOf(title, zLabel string, values []float64, marked []bool, o figures.HeatOptions, c figures.Caption) (*figures.Figure, error) {
	keys := s.axes
	if o.Diverging && slices.ContainsFunc(values, func(v float64) bool { return v < 0 }) {
		// What gives the sign in grey print, where both ends are dark.
		c.Extra = strings.TrimSuffix(figures.SignNote(s.lhs)+"; "+c.Extra, "; ")
	}
	if s.lhs {
		var px, py []float64
		for _, p := range s.info.Points {
			px, py = append(px, s.coord(0, p[0])), append(py, s.coord(1, p[1]))
		}
		c.Per = " per point"
		if marked != nil {
			o.Marked = [][]bool{marked}
		}
		fig, err := figures.ColorPoints(title, keys[0], keys[1], zLabel, px, py, values, o, c)
		return s.logAxes(fig, 0, 1), err
	}
	x, y, cell := s.gridAxes()
	z := make([][]float64, len(y))
	for r := range z {
		z[r] = make([]float64, len(x))
		for col := range z[r] {
			z[r][col] = math.NaN()
		}
	}
	for i, v := range values {
		col, r := cell(i)
		z[r][col] = v
	}
	if marked != nil {
		o.Marked = make([][]bool, len(y))
		for r := range o.Marked {
			o.Marked[r] = make([]bool, len(x))
		}
		for i, m := range marked {
			col, r := cell(i)
			o.Marked[r][col] = m
		}
	}
	return figures.HeatmapWith(title, keys[0], keys[1], zLabel, x, y, z, o, c)
}

func twoKeys(src Source) bool {
	return src.Manifest.Sweep != nil && len(src.Manifest.Sweep.Keys) == 2
}

func drawSweepMaps(src Source) ([]Drawn, error) {
	if !twoKeys(src) {
		return nil, nil
	}
	s, err := readSweep(src)
	if err != nil {
		return nil, err
	}
	var out []Drawn
	for _, h := range s.mapMetrics() {
		t := output.TotalIndex(h.Name)
		for _, regime := range s.regimes {
			// A regime no varied key changes has the same value at every
			// point: its map would be one flat colour. It is drawn only
			// when asked for by name.
			if slices.Contains(s.info.Reused, regime) && len(s.opts.Regimes) == 0 {
				continue
			}
			title := output.Capitalise(h.Title) + " under " + regime
			c := s.caption
			c.Centre = "colours: mean"
			o := mapOptions(h, false)
			if o.Lo >= o.Hi {
				// Each map's scale shows that regime's pattern over the
				// keys, which one scale for all would flatten; said, so
				// that one colour is not read as one value across maps.
				c.Extra = strings.Join(slices.DeleteFunc([]string{c.Extra, "the colour scale is this map's own, not shared with the other regimes'"}, func(x string) bool { return x == "" }), "; ")
			}
			fig, err := s.mapOf(title, valueLabel(h)+" (mean)", s.pointMeans(regime, t), nil, o, c)
			if err != nil {
				return nil, err
			}
			caption := fmt.Sprintf("%s under %s over %s and %s: the mean over replicates at each point, as a colour, without intervals", output.Capitalise(valueLabel(h)), regime, s.axes[0], s.axes[1])
			if o.Lo >= o.Hi {
				caption += "; the colour scale is this map's own"
			}
			out = append(out, Drawn{Name: h.Name + "_" + Slug(regime), Title: caption, Fig: fig})
		}
	}
	return out, nil
}

// contrastMeans are the two regimes of the sweep's contrast and, per
// point, their means of total t.
func (s *sweepSource) contrastMeans(t int) (a, b string, ma, mb []float64, ok bool) {
	a, b, ok = SplitContrast(s.info.Contrast, s.all)
	if !ok {
		return "", "", nil, nil, false
	}
	return a, b, s.pointMeans(a, t), s.pointMeans(b, t), true
}

func drawSweepContrast(src Source) ([]Drawn, error) {
	if !twoKeys(src) {
		return nil, nil
	}
	s, err := readSweep(src)
	if err != nil {
		return nil, err
	}
	var out []Drawn
	for _, h := range s.mapMetrics() {
		a, b, ma, mb, ok := s.contrastMeans(output.TotalIndex(h.Name))
		if !ok {
			return nil, nil
		}
		diff := make([]float64, len(ma))
		for i := range ma {
			diff[i] = ma[i] - mb[i]
		}
		title := fmt.Sprintf("%s: %s minus %s", output.Capitalise(h.Title), a, b)
		c := s.caption
		c.Centre = "colours: difference of the means"
		marked := s.holdsZero(a, b, output.TotalIndex(h.Name))
		if slices.Contains(marked, true) {
			// The table is cited where the folder has it: one
			// written before borderwork wrote contrast.csv
			// (2026-12-03) has none, and plot writes none.
			c.Spread = "dots: the paired 95% interval holds 0"
			if _, err := os.Stat(filepath.Join(src.Dir, "contrast.csv")); err == nil {
				c.Spread += " (contrast.csv)"
			}
		}
		fig, err := s.mapOf(title, fmt.Sprintf("difference in mean %s (%s − %s)", h.Title, a, b), diff, marked, mapOptions(h, true), c)
		if err != nil {
			return nil, err
		}
		caption := fmt.Sprintf("%s: %s minus %s, per run, over %s and %s: the difference of the means over replicates at each point, as a colour", output.Capitalise(h.Title), a, b, s.axes[0], s.axes[1])
		if c.Spread != "" {
			caption += ", with a dot where the paired 95% interval of the difference holds 0"
		}
		switch {
		case !slices.ContainsFunc(diff, func(v float64) bool { return v < 0 }):
		case s.lhs:
			caption += "; a point below 0 is a square"
		default:
			caption += "; a cell below 0 is hatched"
		}
		out = append(out, Drawn{Name: h.Name + "_" + Slug(a) + "_minus_" + Slug(b), Title: caption, Fig: fig})
	}
	return out, nil
}

// holdsZero says, per point, whether the paired 95% interval of a − b on
// total t over the replicates both ran (contrast.csv's ci_low to ci_high)
// holds 0: the replicates cannot tell the regimes apart there. False at a
// point with fewer than two pairs, which has no interval.
func (s *sweepSource) holdsZero(a, b string, t int) []bool {
	type run struct{ point, rep int }
	ofA := map[run]float64{}
	for _, r := range s.rows {
		if i, ok := s.point[pointKey(r.Run.Params)]; ok && r.Run.Regime == a {
			ofA[run{i, r.Run.Replicate}] = r.Totals[t]
		}
	}
	diffs := make([][]float64, len(s.info.Points))
	for _, r := range s.rows {
		if i, ok := s.point[pointKey(r.Run.Params)]; ok && r.Run.Regime == b {
			if v, ok := ofA[run{i, r.Run.Replicate}]; ok {
				diffs[i] = append(diffs[i], v-r.Totals[t])
			}
		}
	}
	out := make([]bool, len(diffs))
	for i, d := range diffs {
		st := output.Describe(d)
		out[i] = st.N >= 2 && st.Lo <= 0 && st.Hi >= 0
	}
	return out
}

// drawSweepShare maps, for a Latin hypercube over two keys, where the
// contrast's first regime has the higher mean: the points binned into
// equal cells, about three per cell, each cell coloured by the share of
// its points where a exceeds b on a fixed 0 to 1 scale (so 25% never
// looks like "everywhere") and labelled with how many points it pools.
func drawSweepShare(src Source) ([]Drawn, error) {
	if !twoKeys(src) || src.Manifest.Sweep.Design != "lhs" {
		return nil, nil
	}
	s, err := readSweep(src)
	if err != nil {
		return nil, err
	}
	var out []Drawn
	for _, h := range s.mapMetrics() {
		a, b, ma, mb, ok := s.contrastMeans(output.TotalIndex(h.Name))
		if !ok {
			return nil, nil
		}
		x, y, z, n := s.shareGrid(ma, mb)
		title := fmt.Sprintf("Where %s exceeds %s in %s", a, b, h.Title)
		c := s.caption
		c.Per = " per point"
		// The counts are printed only where the cells have room (the
		// figure's size decides), and the caption says no more.
		c.Extra += fmt.Sprintf("; binned into %d × %d cells: numbers (where they fit) are points per cell, grey cells have none", len(x), len(y))
		fig, err := figures.HeatmapWith(title, s.axes[0], s.axes[1],
			fmt.Sprintf("share of points where %s > %s", a, b), x, y, z,
			figures.HeatOptions{Lo: 0, Hi: 1, Counts: n, Binned: true}, c)
		if err != nil {
			return nil, err
		}
		s.logAxes(fig, 0, 1)
		out = append(out, Drawn{Name: h.Name + "_" + Slug(a) + "_above_" + Slug(b) + "_share", Title: title, Fig: fig})
	}
	return out, nil
}

// shareGrid bins the design's points into k × k equal cells over the two
// keys' ranges, k about the square root of a third of the points (at
// least 2), and gives each cell's share of points where ma > mb and its
// number of points (NaN share where it has none). Cells and centres are
// at the keys' coords: equal on the logarithms of a key drawn
// log-uniformly.
func (s *sweepSource) shareGrid(ma, mb []float64) (x, y []float64, z [][]float64, n [][]int) {
	pts := s.info.Points
	k := max(2, int(math.Sqrt(float64(len(pts))/3)))
	lo, hi := [2]float64{math.Inf(1), math.Inf(1)}, [2]float64{math.Inf(-1), math.Inf(-1)}
	for _, p := range pts {
		for d := range 2 {
			lo[d], hi[d] = math.Min(lo[d], s.coord(d, p[d])), math.Max(hi[d], s.coord(d, p[d]))
		}
	}
	for d := range 2 {
		if hi[d] == lo[d] {
			lo[d], hi[d] = lo[d]-0.5, hi[d]+0.5
		}
	}
	centres := func(d int) []float64 {
		var c []float64
		for i := range k {
			c = append(c, lo[d]+(float64(i)+0.5)*(hi[d]-lo[d])/float64(k))
		}
		return c
	}
	x, y = centres(0), centres(1)
	bin := func(v float64, d int) int { return min(k-1, max(0, int(float64(k)*(v-lo[d])/(hi[d]-lo[d])))) }
	yes := make([][]int, k)
	n = make([][]int, k)
	for r := range n {
		yes[r], n[r] = make([]int, k), make([]int, k)
	}
	for i, p := range pts {
		if math.IsNaN(ma[i]) || math.IsNaN(mb[i]) {
			continue
		}
		col, r := bin(s.coord(0, p[0]), 0), bin(s.coord(1, p[1]), 1)
		n[r][col]++
		if ma[i] > mb[i] {
			yes[r][col]++
		}
	}
	z = make([][]float64, k)
	for r := range z {
		z[r] = make([]float64, k)
		for col := range z[r] {
			z[r][col] = math.NaN()
			if n[r][col] > 0 {
				z[r][col] = float64(yes[r][col]) / float64(n[r][col])
			}
		}
	}
	return x, y, z, n
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
