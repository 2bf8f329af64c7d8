package figures

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"github.com/borderwork/borderwork/output/figures/palette"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Bar is one bar with an interval (Lo, Hi may be NaN, or equal: no error
// bar) and, optionally, the replicates' own values, drawn as dots over
// the bar. A NaN Mean draws no bar, nor does a Mean of 0.
type Bar struct {
	Label        string // category within a group, e.g. "extortion by smuggler"
	Mean, Lo, Hi float64
	Values       []float64 // each replicate's value; nil draws none
	// Style, if not 0, draws this bar in its own colour and hatch, as a
	// Group's Style says, instead of its group's, and Key names it in the
	// legend: for bars that each stand for something (a claim's cells)
	// that the folder's other figures draw in a colour of its own.
	Style int
	Key   string
}

// drawsErrorBar reports whether b has an error bar to draw: both bounds
// finite and apart. An interval of no width (every replicate alike, or
// every value 0) draws none, as a bar of 0 draws no bar: its caps alone
// would read as a mark at the mean.
func (b Bar) drawsErrorBar() bool { return finite(b.Lo) && finite(b.Hi) && b.Lo < b.Hi }

// Group is the bars of one regime (or one series) in a grouped bar chart.
type Group struct {
	Label string // e.g. regime name
	Bars  []Bar  // every group has the same categories in the same order
	Style int    // colour and hatch: 1 for the palette's first, ...; 0 takes the group's position; Neutral for grey; Part(k)
}

// bounds is the rectangle that holds pts.
func bounds(pts []vg.Point) vg.Rectangle {
	r := vg.Rectangle{Min: pts[0], Max: pts[0]}
	for _, p := range pts[1:] {
		r.Min.X, r.Min.Y = min(r.Min.X, p.X), min(r.Min.Y, p.Y)
		r.Max.X, r.Max.Y = max(r.Max.X, p.X), max(r.Max.Y, p.Y)
	}
	return r
}

// drawHatch draws the hatch of the series in slot over the rectangle r,
// inside it. Lines stand at multiples of hatchSpacing from the canvas's
// origin, so that neighbouring bars' patterns line up.
func drawHatch(c draw.Canvas, r vg.Rectangle, slot int) {
	h := palette.HatchOf(slot)
	if h == palette.NoHatch || r.Max.X <= r.Min.X || r.Max.Y <= r.Min.Y {
		return
	}
	in := c
	in.Rectangle = r
	ink := palette.Ink(palette.Color(slot))
	s := hatchSpacing
	if h == palette.Dotted {
		// Rows evenly spread over the bar's height, at least one; each row
		// shifted half a step from the last.
		rows := max(1, int((r.Max.Y-r.Min.Y)/s))
		dy := (r.Max.Y - r.Min.Y) / vg.Length(rows)
		dot := draw.GlyphStyle{Color: ink, Radius: hatchDot / 2, Shape: draw.CircleGlyph{}}
		for k := range rows {
			y := r.Min.Y + dy*(vg.Length(k)+0.5)
			off := s / 2 * vg.Length(k%2)
			for x := vg.Length(math.Ceil(float64((r.Min.X-off)/s)))*s + off; x <= r.Max.X; x += s {
				if x-dot.Radius >= r.Min.X && x+dot.Radius <= r.Max.X {
					c.DrawGlyph(dot, vg.Point{X: x, Y: y})
				}
			}
		}
		return
	}
	var lines [][]vg.Point
	diag := s * math.Sqrt2 // along an axis, lines at 45° spaced s apart
	if h == palette.Rising || h == palette.Crossed {
		// y = x + b, for b from the bottom-right corner to the top-left one
		for b := vg.Length(math.Ceil(float64((r.Min.Y-r.Max.X)/diag))) * diag; b <= r.Max.Y-r.Min.X; b += diag {
			lines = append(lines, []vg.Point{{X: r.Min.Y - b, Y: r.Min.Y}, {X: r.Max.Y - b, Y: r.Max.Y}})
		}
	}
	if h == palette.Falling || h == palette.Crossed {
		// y = b − x
		for b := vg.Length(math.Ceil(float64((r.Min.X+r.Min.Y)/diag))) * diag; b <= r.Max.X+r.Max.Y; b += diag {
			lines = append(lines, []vg.Point{{X: b - r.Min.Y, Y: r.Min.Y}, {X: b - r.Max.Y, Y: r.Max.Y}})
		}
	}
	if h == palette.Upright || h == palette.Squares {
		for x := vg.Length(math.Ceil(float64(r.Min.X/s))) * s; x <= r.Max.X; x += s {
			lines = append(lines, []vg.Point{{X: x, Y: r.Min.Y}, {X: x, Y: r.Max.Y}})
		}
	}
	if h == palette.Horizontal || h == palette.Squares {
		for y := vg.Length(math.Ceil(float64(r.Min.Y/s))) * s; y <= r.Max.Y; y += s {
			lines = append(lines, []vg.Point{{X: r.Min.X, Y: y}, {X: r.Max.X, Y: y}})
		}
	}
	if h == palette.Bricks {
		// Courses s/2·3 high, bricks twice as long, each course's joints
		// halfway between the last's.
		row := s * 1.5
		for k := math.Floor(float64(r.Min.Y / row)); vg.Length(k)*row <= r.Max.Y; k++ {
			y := vg.Length(k) * row
			lines = append(lines, []vg.Point{{X: r.Min.X, Y: y}, {X: r.Max.X, Y: y}})
			off := 0.0
			if int(k)%2 != 0 {
				off = 1
			}
			for x := (vg.Length(math.Floor(float64(r.Min.X/(2*s)))) - vg.Length(off)/2) * 2 * s; x <= r.Max.X; x += 2 * s {
				lines = append(lines, []vg.Point{{X: x, Y: y}, {X: x, Y: y + row}})
			}
		}
	}
	if h == palette.Zigzag {
		// Rows of zigzags s apart, each a tooth s wide and s/2 high.
		x0 := vg.Length(math.Floor(float64(r.Min.X/s))) * s
		for y := vg.Length(math.Floor(float64(r.Min.Y/s))) * s; y <= r.Max.Y; y += s {
			for x := x0; x <= r.Max.X; x += s {
				lines = append(lines,
					[]vg.Point{{X: x, Y: y}, {X: x + s/2, Y: y + s/2}},
					[]vg.Point{{X: x + s/2, Y: y + s/2}, {X: x + s, Y: y}})
			}
		}
	}
	c.StrokeLines(draw.LineStyle{Color: ink, Width: hatchWidth}, in.ClipLinesXY(lines...)...)
}

var (
	barOutline = draw.LineStyle{Color: color.Gray{Y: 0x33}, Width: vg.Points(0.5)}
	errorStyle = draw.LineStyle{Color: color.Black, Width: vg.Points(0.8)}
	// errorHalo is drawn under each error bar and replicate dot, so that
	// they show on a bar of any colour, the palette's black included: a
	// white edge 0.4 points wide on either side of the error bar, no
	// wider, so that it leaves most of a thin bar and its hatch visible
	// (see haloWidth).
	errorHalo = draw.LineStyle{Color: color.White, Width: vg.Points(1.6)}
	// minHalo is the narrowest halo worth drawing: a white edge of 0.2
	// points on either side of the error bar.
	minHalo   = vg.Points(1.2)
	dotHalo   = draw.GlyphStyle{Color: color.White, Radius: vg.Points(1.9), Shape: draw.CircleGlyph{}}
	zeroStyle = draw.LineStyle{Color: color.Black, Width: vg.Points(0.6)}
	dotStyle  = draw.GlyphStyle{Color: color.Gray{Y: 0x11}, Radius: vg.Points(1.1), Shape: draw.CircleGlyph{}}
)

// CIErrorBars and CIBands are what a caption says by default of error
// bars and bands: 95% confidence intervals of the mean, as
// output.Describe gives them (Student's t). They are not the spread of
// the replicates; a figure that draws that says so in its Caption.Spread.
const (
	CIErrorBars = "error bars: 95% confidence intervals of the mean"
	CIBands     = "bands: 95% confidence intervals of the mean"
)

// clusterWidth is the share of a category's slot covered by its bars; the
// rest separates neighbouring clusters.
const clusterWidth = 0.8

// GroupedBars draws grouped horizontal bars with error bars: one cluster
// per category, top to bottom in the order given, one colour per group
// (regime), its bars in the groups' order from the top, as in the legend,
// each group's hatched as its Style says (plain, all of them, when every
// bar is drawn alike: one series).
// Category labels stand left of their clusters, horizontal and wrapped,
// so that they never collide however long they are; valueLabel names
// the value axis. The legend stands right of the bars, or under them in a
// narrow figure, so it hides none.
func GroupedBars(title, valueLabel string, groups []Group, c Caption) (*Figure, error) {
	return groupedBars("GroupedBars", title, valueLabel, groups, Margin{}, c)
}

// Margin is a band from −Delta to +Delta around 0, shaded behind a bar
// chart's bars and named in its legend: the smallest effect of interest,
// within which a difference is too small to matter. A zero Delta draws
// none.
type Margin struct {
	Delta float64
	Label string // e.g. "±1,200: smallest effect of interest"
}

// GroupedBarsWithin is GroupedBars with the margin m shaded behind the
// bars, so that a reader sees which bars and intervals leave it.
func GroupedBarsWithin(title, valueLabel string, groups []Group, m Margin, c Caption) (*Figure, error) {
	if !finite(m.Delta) || m.Delta < 0 {
		return nil, fmt.Errorf("figures: GroupedBarsWithin %q: margin %v", title, m.Delta)
	}
	return groupedBars("GroupedBarsWithin", title, valueLabel, groups, m, c)
}

func groupedBars(fn, title, valueLabel string, groups []Group, m Margin, c Caption) (*Figure, error) {
	if err := checkGroups(groups); err != nil {
		return nil, fmt.Errorf("figures: %s %q: %w", fn, title, err)
	}
	th := newTheme()
	p := plot.New()
	styleAxes(p, valueLabel, "")
	bp := &barsPlotter{groups: make([]Group, len(groups)), th: th} // a copy: see TimeBands
	for i, g := range groups {
		bars := slices.Clone(g.Bars)
		for j := range bars {
			bars[j].Values = slices.Clone(bars[j].Values)
		}
		bp.groups[i] = Group{Label: g.Label, Bars: bars, Style: g.Style}
	}
	bp.plain = bp.oneSeries()
	p.Add(&gridPlotter{Vertical: gridLine})
	if m.Delta > 0 {
		p.Add(marginPlotter{m.Delta})
	}
	p.Add(bp)
	n := len(groups[0].Bars)
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
	xmin, xmax, _, _ := bp.DataRange()
	if m.Delta > 0 {
		xmin, xmax = math.Min(xmin, -m.Delta), math.Max(xmax, m.Delta)
	}
	p.X.Min, p.X.Max = yRange(xmin, xmax)
	p.Y.Tick.Length = 0
	p.Y.Padding = 0
	labels := make([]string, n)
	for i, b := range groups[0].Bars {
		labels[i] = b.Label
	}
	lg := newLegend(2) // a short bar, wide enough to show its hatch
	// Entries in the order the bars stand, top to bottom: a group's
	// label at its first bar, a bar with a Style of its own under its Key.
	type entry struct {
		label string
		slot  int
	}
	var listed []entry
	for i := range n {
		for gi, g := range bp.groups {
			e := entry{g.Label, bp.slot(gi, i)}
			if g.Bars[i].Style != 0 {
				e.label = g.Bars[i].Key
			} else if zeroThroughout(g) {
				// Its bars have no length and it would stand in the
				// legend with nothing to find: say so.
				e.label += ": 0 throughout"
			}
			if !slices.Contains(listed, e) {
				listed = append(listed, e)
				lg.add(e.label, barThumb{slot: e.slot, plain: bp.plain})
			}
		}
	}
	if m.Delta > 0 {
		lg.add(m.Label, marginThumb{})
	}
	spread := CIErrorBars
	if !hasSpread(groups) { // a caption must not promise what is not drawn
		spread, c.Spread = "", ""
	}
	fig := newFigure(p, th, title, valueLabel, "", c.text("", spread))
	fig.fit = categoryTicks(labels)
	if len(lg.entries) > 0 {
		fig.side = lg
	}
	return fig, nil
}

// zeroThroughout reports whether every bar of g is 0 with nothing drawn
// beside it (no error bar, no replicates' dots), so that the
// group draws nothing at all.
func zeroThroughout(g Group) bool {
	for _, b := range g.Bars {
		if b.Mean != 0 || b.Style != 0 || len(b.Values) > 0 || b.drawsErrorBar() {
			return false
		}
	}
	return true
}

// hasSpread reports whether any bar draws a spread: an error bar
// (drawsErrorBar) or replicate dots.
func hasSpread(groups []Group) bool {
	for _, g := range groups {
		for _, b := range g.Bars {
			if b.drawsErrorBar() || len(b.Values) > 0 {
				return true
			}
		}
	}
	return false
}

func checkGroups(groups []Group) error {
	if len(groups) == 0 {
		return fmt.Errorf("no groups")
	}
	n := len(groups[0].Bars)
	if n == 0 {
		return fmt.Errorf("group %q has no bars", groups[0].Label)
	}
	for gi, g := range groups {
		if len(g.Bars) != n {
			return fmt.Errorf("group %d (%q) has %d bars, group 0 has %d", gi, g.Label, len(g.Bars), n)
		}
		for bi, b := range g.Bars {
			if b.Label != groups[0].Bars[bi].Label {
				return fmt.Errorf("group %d (%q) bar %d is %q, group 0 has %q", gi, g.Label, bi, b.Label, groups[0].Bars[bi].Label)
			}
			if math.IsInf(b.Mean, 0) || math.IsInf(b.Lo, 0) || math.IsInf(b.Hi, 0) {
				return fmt.Errorf("group %q bar %q: infinite value", g.Label, b.Label)
			}
			if b.Lo > b.Hi {
				return fmt.Errorf("group %q bar %q: lower bound above upper bound", g.Label, b.Label)
			}
			for _, v := range b.Values {
				if !finite(v) {
					return fmt.Errorf("group %q bar %q: replicate value %v", g.Label, b.Label, v)
				}
			}
		}
	}
	return nil
}

// categoryY is where category i of n sits on the y axis: the first at
// the top.
func categoryY(i, n int) float64 { return float64(n - 1 - i) }

// categoryShares are the shares of the figure's width category labels
// may take, tried in turn until every label is no taller than its
// cluster's slot: wrapped narrow first, which leaves the bars most room.
var categoryShares = []float64{0.3, 0.4, 0.5}

// minCategorySize is the smallest type category labels shrink to when
// even the widest labels are too tall for their slots (a dozen long
// labels in a single-column figure); it is the only text below 7 points.
const minCategorySize = 6

// categoryTicks returns a Figure.fit that labels the clusters on the y
// axis, each label wrapped (after spaces, and after hyphens if a word is
// too long) so that it fits its cluster's slot: see categoryShares.
func categoryTicks(labels []string) func(*plot.Plot, vg.Rectangle, *theme) {
	return func(p *plot.Plot, data vg.Rectangle, th *theme) {
		slot := (data.Max.Y - data.Min.Y) / vg.Length(len(labels))
		sty := p.Y.Tick.Label
		var ticks []plot.Tick
		for size := th.tickSize; size >= minCategorySize; size -= 0.5 {
			sty.Font.Size = size
			for _, share := range categoryShares {
				maxW := th.figWidth * vg.Length(share)
				ticks = make([]plot.Tick, len(labels))
				fits := true
				for i, l := range labels {
					w := wrapText(l, sty, maxW)
					if sty.Width(w) > maxW {
						w = wrap(l, sty, maxW, true)
					}
					// A word wider than the most a label may take:
					// broken, or the bars would have no room.
					w = breakWide(w, sty, th.figWidth*vg.Length(categoryShares[len(categoryShares)-1]))
					ticks[i] = plot.Tick{Value: categoryY(i, len(labels)), Label: w}
					fits = fits && sty.Height(w) <= slot
				}
				if fits {
					p.Y.Tick.Label = sty
					p.Y.Tick.Marker = plot.ConstantTicks(ticks)
					return
				}
			}
		}
		p.Y.Tick.Label = sty
		p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	}
}

// barsPlotter draws the bars of all groups, then their error bars and
// replicate dots, so that no bar hides a neighbour's error bar.
type barsPlotter struct {
	groups []Group
	th     *theme
	// plain draws the bars without their hatch: see oneSeries.
	plain bool
}

// oneSeries reports whether every bar is drawn in one slot, whose colour
// shows on white without a hatch (not isLight): a single series, such as
// a claim's effects. Hatches tell series apart in greyscale print; one
// series has none to be told apart from, and its bars are plain.
func (bp *barsPlotter) oneSeries() bool {
	first := bp.slot(0, 0)
	for gi, g := range bp.groups {
		for i := range g.Bars {
			if bp.slot(gi, i) != first {
				return false
			}
		}
	}
	return !palette.Light(first)
}

// barSpan returns the y extent of group g's bar in category i.
func (bp *barsPlotter) barSpan(i, g int) (y0, y1 float64) {
	n, k := len(bp.groups[0].Bars), len(bp.groups)
	w := clusterWidth / float64(k)
	y1 = categoryY(i, n) + clusterWidth/2 - float64(g)*w
	return y1 - w, y1
}

// slot is how group g's bar in category i is drawn: in its own Style if
// it has one, else in its group's.
func (bp *barsPlotter) slot(g, i int) int {
	if st := bp.groups[g].Bars[i].Style; st != 0 {
		return palette.Slot(0, st)
	}
	return palette.Slot(g, bp.groups[g].Style)
}

func (bp *barsPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	base := math.Max(p.X.Min, math.Min(0, p.X.Max))
	for gi, g := range bp.groups {
		for i, b := range g.Bars {
			if math.IsNaN(b.Mean) || b.Mean == base {
				continue // no bar: a zero bar's outline would read as a sliver of a bar
			}
			y0, y1 := bp.barSpan(i, gi)
			pts := []vg.Point{
				{X: trX(base), Y: trY(y0)}, {X: trX(b.Mean), Y: trY(y0)},
				{X: trX(b.Mean), Y: trY(y1)}, {X: trX(base), Y: trY(y1)},
			}
			pts = c.ClipPolygonXY(pts)
			slot := bp.slot(gi, i)
			c.FillPolygon(palette.Color(slot), pts)
			if len(pts) > 0 {
				if !bp.plain {
					drawHatch(c, bounds(pts), slot)
				}
				c.StrokeLines(barOutline, append(pts, pts[0]))
			}
		}
	}
	if p.X.Min < 0 && p.X.Max > 0 {
		c.StrokeLine2(zeroStyle, trX(0), c.Min.Y, trX(0), c.Max.Y)
	}
	for gi, g := range bp.groups {
		for i, b := range g.Bars {
			y0, y1 := bp.barSpan(i, gi)
			y := trY((y0 + y1) / 2)
			// The bar's fill, inside its outline: halos go only there.
			// Elsewhere the ground is white already, and over the axis or
			// the bar's outline a halo would chip them.
			fill, hasFill := vg.Rectangle{}, false
			if !math.IsNaN(b.Mean) && b.Mean != base {
				xa, xb := trX(base), trX(b.Mean)
				fill = vg.Rectangle{
					Min: vg.Point{X: max(min(xa, xb)+barOutline.Width, c.Min.X), Y: trY(y0) + barOutline.Width},
					Max: vg.Point{X: min(max(xa, xb)-barOutline.Width, c.Max.X), Y: trY(y1) - barOutline.Width},
				}
				hasFill = fill.Min.X < fill.Max.X
			}
			if b.drawsErrorBar() {
				capH := min((trY(y1)-trY(y0))*0.3, vg.Points(3))
				if hasFill && haloWidth(fill) == 0 {
					// A bar too short for a halo: shorter caps, which
					// leave the bar's colour above and below them.
					capH = min((trY(y1)-trY(y0))*0.2, vg.Points(3))
				}
				lo, hi := trX(b.Lo), trX(b.Hi)
				lines := [][]vg.Point{
					{{X: lo, Y: y}, {X: hi, Y: y}},
					{{X: lo, Y: y - capH}, {X: lo, Y: y + capH}},
					{{X: hi, Y: y - capH}, {X: hi, Y: y + capH}},
				}
				if w := haloWidth(fill); hasFill && w > 0 {
					in := c
					in.Rectangle = fill
					halo := errorHalo
					halo.Width = w
					c.StrokeLines(halo, in.ClipLinesXY(lines...)...)
				}
				c.StrokeLines(errorStyle, c.ClipLinesXY(lines...)...)
			}
			for _, v := range b.Values { // over the error bar, which would hide them
				if pt := (vg.Point{X: trX(v), Y: y}); c.Contains(pt) {
					if r := dotHalo.Radius; hasFill && pt.X-r >= fill.Min.X && pt.X+r <= fill.Max.X {
						c.DrawGlyph(dotHalo, pt)
					}
					c.DrawGlyph(dotStyle, pt)
				}
			}
		}
	}
}

// haloWidth is the width of the halo of an error bar over a bar whose
// fill is fill: errorHalo's, or less on a bar too thin for it to take a
// quarter of its thickness at most; 0 (none) on a bar too thin or too
// short for even minHalo, which would cover it and its hatch.
func haloWidth(fill vg.Rectangle) vg.Length {
	w := min(errorHalo.Width, (fill.Max.Y-fill.Min.Y)/4)
	if w < minHalo || fill.Max.X-fill.Min.X < 3*w {
		return 0
	}
	return w
}

// DataRange covers 0 (the bars' base), every mean, interval and
// replicate value, on the x axis.
func (bp *barsPlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = 0, 0
	for _, g := range bp.groups {
		for _, b := range g.Bars {
			for _, v := range append([]float64{b.Mean, b.Lo, b.Hi}, b.Values...) {
				if finite(v) {
					xmin, xmax = math.Min(xmin, v), math.Max(xmax, v)
				}
			}
		}
	}
	return xmin, xmax, -0.5, float64(len(bp.groups[0].Bars)) - 0.5
}

// marginFill and marginEdge draw a Margin: a light grey band between
// dashed edges, quiet enough that bars and error bars read over it.
var (
	marginFill = color.Gray{Y: 0xEB}
	marginEdge = draw.LineStyle{Color: color.Gray{Y: 0x55}, Width: vg.Points(0.7), Dashes: points(palette.Dash(1))}
)

// marginPlotter shades −delta to +delta across the data area.
type marginPlotter struct{ delta float64 }

func (mp marginPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	lo, hi := trX(-mp.delta), trX(mp.delta)
	c.FillPolygon(marginFill, c.ClipPolygonXY([]vg.Point{
		{X: lo, Y: c.Min.Y}, {X: hi, Y: c.Min.Y}, {X: hi, Y: c.Max.Y}, {X: lo, Y: c.Max.Y},
	}))
	for _, x := range []vg.Length{lo, hi} {
		if c.ContainsX(x) {
			c.StrokeLine2(marginEdge, x, c.Min.Y, x, c.Max.Y)
		}
	}
}

// marginThumb is the legend sample of a Margin.
type marginThumb struct{}

func (marginThumb) Thumbnail(c *draw.Canvas) {
	h := c.Max.Y - c.Min.Y
	s := h * 0.8
	x0, x1, y0 := c.Min.X, c.Max.X, c.Min.Y+(h-s)/2 // as wide as the bars' samples
	c.FillPolygon(marginFill, []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y0 + s}, {X: x0, Y: y0 + s}})
	c.StrokeLine2(marginEdge, x0, y0, x0, y0+s)
	c.StrokeLine2(marginEdge, x1, y0, x1, y0+s)
}
