package figures

import (
	"fmt"
	"math"
	"slices"

	"github.com/borderwork/borderwork/output/figures/palette"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Band is one line with a band around it, e.g. one regime's trapped
// migrants per day: X[i] with mean Mean[i] and band [Lo[i], Hi[i]].
// Lo/Hi may be NaN (a single replicate): then draw the line without band.
// Lo and Hi may also be nil, meaning no band at all. A NaN Mean leaves a
// gap in the line. Replicates, if set, are each replicate's own values at
// the X, drawn as thin lines under the mean's.
type Band struct {
	Label           string
	X, Mean, Lo, Hi []float64
	Replicates      [][]float64
	Style           int  // colour and dash: 1 for the palette's first, ...; 0 takes the band's position; Part(k) for a category that is no regime
	Markers         bool // draw a dot at each value instead of a line (observations)
	// Marked draws a marker at each value on the line as well, in the
	// series' shape: where a sweep's values were run, which a line alone
	// does not show when they are few.
	Marked bool
}

// hasBand reports whether b has at least one finite interval.
func (b Band) hasBand() bool {
	for i := range b.Lo {
		if finite(b.Lo[i]) && finite(b.Hi[i]) {
			return true
		}
	}
	return false
}

func (b Band) check() error {
	n := len(b.X)
	if n == 0 {
		return fmt.Errorf("no points")
	}
	if len(b.Mean) != n {
		return fmt.Errorf("%d means for %d x values", len(b.Mean), n)
	}
	if len(b.Lo) != len(b.Hi) || (len(b.Lo) != 0 && len(b.Lo) != n) {
		return fmt.Errorf("%d lower and %d upper bounds for %d x values", len(b.Lo), len(b.Hi), n)
	}
	for r, rep := range b.Replicates {
		if len(rep) != n {
			return fmt.Errorf("replicate %d has %d values for %d x values", r, len(rep), n)
		}
		for _, v := range rep {
			if math.IsInf(v, 0) {
				return fmt.Errorf("replicate %d: infinite value", r)
			}
		}
	}
	for i, x := range b.X {
		if !finite(x) {
			return fmt.Errorf("x[%d] = %v", i, x)
		}
		if i > 0 && x <= b.X[i-1] {
			return fmt.Errorf("x not increasing at index %d", i)
		}
		for _, v := range []float64{b.Mean[i], b.lo(i), b.hi(i)} {
			if math.IsInf(v, 0) {
				return fmt.Errorf("infinite value at index %d", i)
			}
		}
		if b.lo(i) > b.hi(i) {
			return fmt.Errorf("lower bound above upper bound at index %d", i)
		}
	}
	return nil
}

func (b Band) lo(i int) float64 {
	if b.Lo == nil {
		return math.NaN()
	}
	return b.Lo[i]
}

func (b Band) hi(i int) float64 {
	if b.Hi == nil {
		return math.NaN()
	}
	return b.Hi[i]
}

// TimeBands draws one line per band over X, each with its shaded band
// (and its replicates' thin lines, if given).
// title, xLabel, yLabel given by the caller (with units, e.g. "day",
// "migrants trapped"). Band i takes the i-th palette colour and dash
// pattern. The y axis starts at 0 when no value is negative, unless
// Figure.LogY puts it on a log scale.
func TimeBands(title, xLabel, yLabel string, bands []Band, c Caption) (*Figure, error) {
	if len(bands) == 0 {
		return nil, fmt.Errorf("figures: TimeBands %q: no bands", title)
	}
	for i, b := range bands {
		if err := b.check(); err != nil {
			return nil, fmt.Errorf("figures: TimeBands %q: band %d (%q): %w", title, i, b.Label, err)
		}
	}
	// The figure keeps copies, so changing the caller's slices after this
	// call does not change what Save writes.
	th := newTheme()
	bp := &bandsPlotter{bands: make([]Band, len(bands)), th: th}
	for i, b := range bands {
		reps := make([][]float64, len(b.Replicates))
		for r := range reps {
			reps[r] = slices.Clone(b.Replicates[r])
		}
		bp.bands[i] = Band{Label: b.Label, X: slices.Clone(b.X), Mean: slices.Clone(b.Mean), Lo: slices.Clone(b.Lo), Hi: slices.Clone(b.Hi),
			Replicates: reps, Style: palette.Slot(i, b.Style) + 1, Markers: b.Markers, Marked: b.Marked}
	}
	p := plot.New()
	styleAxes(p, xLabel, yLabel)
	p.Add(grid(true), bp)
	xmin, xmax, ymin, ymax := bp.DataRange()
	p.X.Min, p.X.Max = xmin, xmax
	p.Y.Min, p.Y.Max = yRange(ymin, ymax)
	if !slices.ContainsFunc(bands, func(b Band) bool {
		return slices.ContainsFunc(b.X, func(x float64) bool { return x != math.Trunc(x) })
	}) {
		// Days: a run of a few days had ticks at half-days (and one of
		// a day, at −0.4 and 0.4).
		p.X.Tick.Marker = niceTicker{whole: true}
	}

	lg := newLegend(3)
	for i, b := range bands {
		lg.add(b.Label, bandThumb{i: palette.Slot(i, b.Style), band: b.hasBand(), markers: b.Markers, marked: b.Marked, th: th})
	}
	spread := CIBands
	if !slices.ContainsFunc(bands, func(b Band) bool { return b.hasBand() || len(b.Replicates) > 0 }) {
		spread = "" // a caption must not promise a band that is not drawn
	}
	fig := newFigure(p, th, title, xLabel, yLabel, c.text("", spread))
	fig.bands = bp
	if len(lg.entries) > 0 {
		fig.side = lg
	}
	return fig, nil
}

// yRange returns the y axis range for data spanning [lo, hi]: from 0 when
// nothing is negative (counts), with 4% headroom so that extreme values do
// not sit on the frame.
func yRange(lo, hi float64) (float64, float64) {
	if math.IsInf(lo, 0) || math.IsInf(hi, 0) { // no finite data
		return 0, 1
	}
	if lo >= 0 {
		lo = 0
	}
	if hi == lo {
		return lo, lo + 1
	}
	pad := 0.04 * (hi - lo)
	if lo < 0 {
		lo -= pad
	}
	return lo, hi + pad
}

// bandsPlotter draws all replicates' lines first, then all bands, then
// all mean lines on top, so that nothing hides another series' line.
type bandsPlotter struct {
	bands []Band
	th    *theme
	// logY is set by Figure.LogY: the y axis is of the values'
	// logarithms, values of 0 or less are not drawn, and a band's lower
	// end of 0 or less is drawn at the foot of the axis.
	logY bool
}

// shown reports whether a value is drawn: finite, and above 0 on a log
// axis.
func (bp *bandsPlotter) shown(v float64) bool { return finite(v) && (!bp.logY || v > 0) }

// transforms are p's, with the y transform taking a value (its logarithm
// on a log axis) to the canvas.
func (bp *bandsPlotter) transforms(c *draw.Canvas, p *plot.Plot) (trX, trY func(float64) vg.Length) {
	trX, linear := p.Transforms(c)
	if !bp.logY {
		return trX, linear
	}
	return trX, func(v float64) vg.Length { return linear(logOf(v)) }
}

func (bp *bandsPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := bp.transforms(&c, p)
	bs := bp.bands
	for _, b := range bs {
		ls := thinStyle(b.Style-1, bp.th.thinWidth)
		for _, rep := range b.Replicates {
			for _, r := range runs(len(b.X), func(j int) bool { return bp.shown(rep[j]) }) {
				pts := make([]vg.Point, 0, r[1]-r[0])
				for j := r[0]; j < r[1]; j++ {
					pts = append(pts, vg.Point{X: trX(b.X[j]), Y: trY(rep[j])})
				}
				if len(pts) > 1 {
					c.StrokeLines(ls, c.ClipLinesXY(pts)...)
				}
			}
		}
	}
	// A band's lower end a log axis cannot show runs to the axis's foot.
	_, foot := p.Transforms(&c)
	lower := func(b Band, j int) vg.Length {
		if bp.logY && b.lo(j) <= 0 {
			return foot(p.Y.Min)
		}
		return trY(b.lo(j))
	}
	for _, b := range bs {
		for _, r := range runs(len(b.X), func(j int) bool { return finite(b.lo(j)) && bp.shown(b.hi(j)) }) {
			var pts []vg.Point
			for j := r[0]; j < r[1]; j++ {
				pts = append(pts, vg.Point{X: trX(b.X[j]), Y: trY(b.hi(j))})
			}
			for j := r[1] - 1; j >= r[0]; j-- {
				pts = append(pts, vg.Point{X: trX(b.X[j]), Y: lower(b, j)})
			}
			c.FillPolygon(bandColor(b.Style-1), c.ClipPolygonXY(pts))
		}
	}
	for _, b := range bs {
		ls := lineStyle(b.Style-1, bp.th.lineWidth)
		if b.Markers {
			bp.markers(c, b, trX, trY)
			continue
		}
		for _, r := range runs(len(b.X), func(j int) bool { return bp.shown(b.Mean[j]) }) {
			pts := make([]vg.Point, 0, r[1]-r[0])
			for j := r[0]; j < r[1]; j++ {
				pts = append(pts, vg.Point{X: trX(b.X[j]), Y: trY(b.Mean[j])})
			}
			if len(pts) == 1 { // an isolated value: a dot, since a line needs two points
				if palette.Light(b.Style - 1) {
					c.DrawGlyph(draw.GlyphStyle{Color: palette.Casing, Radius: bp.th.lineWidth*1.2 + casingWidth, Shape: draw.CircleGlyph{}}, pts[0])
				}
				c.DrawGlyph(draw.GlyphStyle{Color: ls.Color, Radius: bp.th.lineWidth * 1.2, Shape: draw.CircleGlyph{}}, pts[0])
				continue
			}
			strokeSeries(c, b.Style-1, bp.th.lineWidth, c.ClipLinesXY(pts)...)
		}
	}
	for _, b := range bs { // on top of every line, so that no other line hides them
		if b.Marked && !b.Markers {
			bp.markers(c, b, trX, trY)
		}
	}
}

// markers draws a marker at each of b's values shown.
func (bp *bandsPlotter) markers(c draw.Canvas, b Band, trX, trY func(float64) vg.Length) {
	for j := range b.X {
		if bp.shown(b.Mean[j]) {
			drawMarker(c, b.Style-1, bp.th, vg.Point{X: trX(b.X[j]), Y: trY(b.Mean[j])})
		}
	}
}

// DataRange returns the range of X and of all finite Mean, Lo, Hi and
// replicate values.
func (bp *bandsPlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, b := range bp.bands {
		for j, x := range b.X {
			xmin, xmax = math.Min(xmin, x), math.Max(xmax, x)
			vs := []float64{b.Mean[j], b.lo(j), b.hi(j)}
			for _, rep := range b.Replicates {
				vs = append(vs, rep[j])
			}
			for _, v := range vs {
				if finite(v) {
					ymin, ymax = math.Min(ymin, v), math.Max(ymax, v)
				}
			}
		}
	}
	if xmin == xmax {
		xmin, xmax = xmin-0.5, xmax+0.5
	}
	return xmin, xmax, ymin, ymax
}

// runs returns the half-open index ranges [start, end) of consecutive
// indices in [0, n) for which ok holds.
func runs(n int, ok func(int) bool) [][2]int {
	var rs [][2]int
	start := -1
	for j := 0; j <= n; j++ {
		in := j < n && ok(j)
		switch {
		case in && start < 0:
			start = j
		case !in && start >= 0:
			rs = append(rs, [2]int{start, j})
			start = -1
		}
	}
	return rs
}
