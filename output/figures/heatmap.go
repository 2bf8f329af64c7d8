package figures

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// viridis is matplotlib's viridis sampled at ten even steps: sequential,
// perceptually uniform, colour-blind safe and readable in greyscale.
var viridis = []color.NRGBA{
	{0x44, 0x01, 0x54, 0xFF}, {0x48, 0x28, 0x78, 0xFF}, {0x3E, 0x4A, 0x89, 0xFF},
	{0x31, 0x68, 0x8E, 0xFF}, {0x26, 0x82, 0x8E, 0xFF}, {0x1F, 0x9E, 0x89, 0xFF},
	{0x35, 0xB7, 0x79, 0xFF}, {0x6D, 0xCD, 0x59, 0xFF}, {0xB4, 0xDE, 0x2C, 0xFF},
	{0xFD, 0xE7, 0x25, 0xFF},
}

// blueRed is ColorBrewer's 11-class RdBu (colour-blind safe), from blue
// for negative through near-white at 0 to red for positive.
var blueRed = []color.NRGBA{
	{0x05, 0x30, 0x61, 0xFF}, {0x21, 0x66, 0xAC, 0xFF}, {0x43, 0x93, 0xC3, 0xFF},
	{0x92, 0xC5, 0xDE, 0xFF}, {0xD1, 0xE5, 0xF0, 0xFF}, {0xF7, 0xF7, 0xF7, 0xFF},
	{0xFD, 0xDB, 0xC7, 0xFF}, {0xF4, 0xA5, 0x82, 0xFF}, {0xD6, 0x60, 0x4D, 0xFF},
	{0xB2, 0x18, 0x2B, 0xFF}, {0x67, 0x00, 0x1F, 0xFF},
}

// colorScale maps values in [lo, hi] onto a palette by linear
// interpolation between its anchors; values outside are clamped.
type colorScale struct {
	anchors []color.NRGBA
	lo, hi  float64
}

func (s colorScale) at(v float64) color.Color {
	if math.IsNaN(v) {
		return missingColor
	}
	t := math.Min(1, math.Max(0, (v-s.lo)/(s.hi-s.lo)))
	f := t * float64(len(s.anchors)-1)
	i := min(int(f), len(s.anchors)-2)
	u := f - float64(i)
	a, b := s.anchors[i], s.anchors[i+1]
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + u*(float64(y)-float64(x)))) }
	return color.NRGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 0xFF}
}

// HeatOptions say how a heat map (or a map of coloured points) colours
// its values and what else it shows.
type HeatOptions struct {
	// Diverging uses a diverging colour-blind-safe palette centred on 0
	// (for differences between regimes); otherwise a sequential one
	// (viridis) whose scale starts at 0 when no value is negative, so that
	// colours compare across figures of counts. A diverging palette's
	// two ends are both dark in grey print, where the sign would be lost:
	// a heat map's cells below 0 are hatched, as its colour bar is below
	// 0, and a map of points draws them as squares. The caller's caption
	// says so (SignNote).
	Diverging bool
	// Lo and Hi, when Lo < Hi, fix the colour scale: shares on [0, 1]
	// then look the same in every figure, and 25% never takes the colour
	// of "everywhere". Values outside are drawn in the end colours.
	Lo, Hi float64
	// Counts, if set (rows and columns as z), are printed in each cell,
	// e.g. how many points a binned cell pools; a cell with count 0 shows
	// none. Numbers that do not fit their cells are left out.
	Counts [][]int
	// Binned says x and y are the centres of equal bins rather than the
	// values of a grid: the axes then get round-number ticks instead of
	// one tick per value.
	Binned bool
	// Missing is what the colour bar's grey swatch of NaN cells says; ""
	// says "no data". A share left undefined for want of a denominator
	// says so ("none conclusive").
	Missing string
	// Marked, if set (rows and columns as z), puts a dot at the centre
	// of each cell marked, in black or white as stands out from its
	// colour: on a map of differences, the cells whose interval holds 0.
	// The caller's caption says what the dots mean.
	Marked [][]bool
}

// missing is the colour bar's text for NaN cells, if some cell is NaN.
func (o HeatOptions) missing(hasNaN bool) string {
	switch {
	case !hasNaN:
		return ""
	case o.Missing != "":
		return o.Missing
	}
	return noDataText
}

// scale is the colour scale of values spanning [zmin, zmax] (both
// infinite when there are none).
func (o HeatOptions) scale(zmin, zmax float64) colorScale {
	s := colorScale{anchors: viridis}
	if o.Diverging {
		s.anchors = blueRed
	}
	switch {
	case o.Lo < o.Hi:
		s.lo, s.hi = o.Lo, o.Hi
	case math.IsInf(zmin, 0): // every value is NaN
		s.lo, s.hi = 0, 1
		if o.Diverging {
			s.lo = -1
		}
	case o.Diverging:
		m := math.Max(math.Abs(zmin), math.Abs(zmax))
		if m == 0 {
			m = 1
		}
		s.lo, s.hi = -m, m
	default:
		s.lo, s.hi = math.Min(zmin, 0), zmax
		if s.hi == s.lo {
			s.hi = s.lo + 1
		}
	}
	return s
}

// Heatmap draws values z[row][col] over a grid of x (cols) and y (rows)
// values, with a colour bar labelled zLabel: HeatmapWith with only the
// choice of a diverging palette.
func Heatmap(title, xLabel, yLabel, zLabel string, x, y []float64, z [][]float64, diverging bool, c Caption) (*Figure, error) {
	return HeatmapWith(title, xLabel, yLabel, zLabel, x, y, z, HeatOptions{Diverging: diverging}, c)
}

// HeatmapWith draws values z[row][col] over a grid of x (cols) and y
// (rows) values, with a colour bar labelled zLabel, coloured and
// annotated as o says. NaN cells are drawn grey, and the colour bar then
// shows a "no data" swatch. Cells are centred on their grid values, and
// the axes are ticked at the grid values (thinned when they would crowd,
// labelled with no more digits than tell neighbours apart), or at round
// numbers when o.Binned. x and y must be strictly increasing; an
// unevenly spaced grid is drawn with equal cells, its ticks still
// labelled with the values.
func HeatmapWith(title, xLabel, yLabel, zLabel string, x, y []float64, z [][]float64, o HeatOptions, c Caption) (*Figure, error) {
	if err := checkGrid(x, y, z); err != nil {
		return nil, fmt.Errorf("figures: Heatmap %q: %w", title, err)
	}
	if err := checkCounts(o.Counts, z); err != nil {
		return nil, fmt.Errorf("figures: Heatmap %q: %w", title, err)
	}
	if o.Marked != nil && (len(o.Marked) != len(z) || slices.ContainsFunc(o.Marked, func(row []bool) bool { return len(row) != len(z[0]) })) {
		return nil, fmt.Errorf("figures: Heatmap %q: the marks are not one per cell", title)
	}
	if math.IsNaN(o.Lo) || math.IsNaN(o.Hi) || math.IsInf(o.Lo, 0) || math.IsInf(o.Hi, 0) {
		return nil, fmt.Errorf("figures: Heatmap %q: colour scale [%v, %v]", title, o.Lo, o.Hi)
	}
	zmin, zmax := math.Inf(1), math.Inf(-1)
	hasNaN := false
	for _, row := range z {
		for _, v := range row {
			if math.IsNaN(v) {
				hasNaN = true
				continue
			}
			zmin, zmax = math.Min(zmin, v), math.Max(zmax, v)
		}
	}
	scale := o.scale(zmin, zmax)

	th := newTheme()
	p := plot.New()
	styleAxes(p, xLabel, yLabel)
	p.X.Padding, p.Y.Padding = 0, 0
	if o.Binned {
		// Round-number ticks fall on both axes' ends: a little padding
		// keeps the two labels at the corner apart.
		p.X.Padding, p.Y.Padding = vg.Points(3), vg.Points(3)
	}
	// Copies, so that changing the caller's slices later changes nothing.
	x, y = slices.Clone(x), slices.Clone(y)
	zc := make([][]float64, len(z))
	for i, row := range z {
		zc[i] = slices.Clone(row)
	}
	z = zc
	var counts [][]int
	for _, row := range o.Counts {
		counts = append(counts, slices.Clone(row))
	}
	xp, yp := positions(x), positions(y)
	var marked [][]bool
	for _, row := range o.Marked {
		marked = append(marked, slices.Clone(row))
	}
	cp := &cellsPlotter{x: edges(xp), y: edges(yp), z: z, counts: counts, marked: marked, scale: scale, th: th, seams: o.Binned, signs: o.Diverging}
	p.Add(cp)
	p.X.Min, p.X.Max = cp.x[0], cp.x[len(cp.x)-1]
	p.Y.Min, p.Y.Max = cp.y[0], cp.y[len(cp.y)-1]

	fig := newFigure(p, th, title, xLabel, yLabel, c.text(" per cell", ""))
	bar := newColorBar(zLabel, scale, o.missing(hasNaN))
	bar.signs = o.Diverging && zmin < 0
	fig.side = bar
	if !o.Binned {
		fig.fit = gridTicks(x, xp, y, yp)
	}
	return fig, nil
}

func checkCounts(counts [][]int, z [][]float64) error {
	if counts == nil {
		return nil
	}
	if len(counts) != len(z) {
		return fmt.Errorf("%d rows of counts for %d rows of z", len(counts), len(z))
	}
	for r, row := range counts {
		if len(row) != len(z[r]) {
			return fmt.Errorf("row %d of counts has %d values for %d", r, len(row), len(z[r]))
		}
		for col, n := range row {
			if n < 0 {
				return fmt.Errorf("counts[%d][%d] = %d", r, col, n)
			}
		}
	}
	return nil
}

func checkGrid(x, y []float64, z [][]float64) error {
	for _, a := range []struct {
		name string
		v    []float64
	}{{"x", x}, {"y", y}} {
		if len(a.v) == 0 {
			return fmt.Errorf("no %s values", a.name)
		}
		for i, v := range a.v {
			if !finite(v) {
				return fmt.Errorf("%s[%d] = %v", a.name, i, v)
			}
			if i > 0 && v <= a.v[i-1] {
				return fmt.Errorf("%s not increasing at index %d", a.name, i)
			}
		}
	}
	if len(z) != len(y) {
		return fmt.Errorf("%d rows of z for %d y values", len(z), len(y))
	}
	for r, row := range z {
		if len(row) != len(x) {
			return fmt.Errorf("row %d of z has %d values for %d x values", r, len(row), len(x))
		}
		for col, v := range row {
			if math.IsInf(v, 0) {
				return fmt.Errorf("z[%d][%d] is infinite", r, col)
			}
		}
	}
	return nil
}

// positions returns where the cells of grid values vs are centred: at the
// values themselves when they are evenly spaced, else at 0, 1, 2, …, so
// that a sweep over, say, 250, 500, 1000, 2000 gives equal cells rather
// than one that dwarfs the others. The tick labels show the values either
// way.
func positions(vs []float64) []float64 {
	even := true
	for i := 2; i < len(vs); i++ {
		step0, step := vs[1]-vs[0], vs[i]-vs[i-1]
		even = even && math.Abs(step-step0) <= 1e-6*step0
	}
	if even {
		return vs
	}
	pos := make([]float64, len(vs))
	for i := range pos {
		pos[i] = float64(i)
	}
	return pos
}

// edges returns the cell boundaries of grid values vs: midway between
// neighbours, and half a neighbouring step beyond the ends.
func edges(vs []float64) []float64 {
	n := len(vs)
	e := make([]float64, n+1)
	if n == 1 {
		h := 0.5
		if vs[0] != 0 {
			h = 0.5 * math.Abs(vs[0])
		}
		return []float64{vs[0] - h, vs[0] + h}
	}
	for i := 1; i < n; i++ {
		e[i] = (vs[i-1] + vs[i]) / 2
	}
	e[0] = vs[0] - (vs[1]-vs[0])/2
	e[n] = vs[n-1] + (vs[n-1]-vs[n-2])/2
	return e
}

// gridTicks returns a Figure.fit that ticks both axes at the grid values
// (labels from x and y, placed at xp and yp), showing only every k-th label
// where all would crowd.
func gridTicks(x, xp, y, yp []float64) func(*plot.Plot, vg.Rectangle, *theme) {
	return func(p *plot.Plot, data vg.Rectangle, _ *theme) {
		sty := p.X.Tick.Label
		xs := data.Max.X - data.Min.X
		ys := data.Max.Y - data.Min.Y
		p.X.Tick.Marker = gridTickList(x, xp, p.X.Min, p.X.Max, xs, func(l string) vg.Length {
			return sty.Width(l) + vg.Points(8)
		})
		p.Y.Tick.Marker = gridTickList(y, yp, p.Y.Min, p.Y.Max, ys, func(string) vg.Length {
			return sty.Height("0") + vg.Points(3)
		})
	}
}

// gridTickList ticks every k-th grid value vs at its position pos, k the
// smallest step at which neighbouring labels, need(label) apart, fit along
// an axis of the given length spanning [lo, hi].
func gridTickList(vs, pos []float64, lo, hi float64, length vg.Length, need func(string) vg.Length) plot.ConstantTicks {
	d := labelDecimals(vs)
	labels := make([]string, len(vs))
	var widest vg.Length
	for i, v := range vs {
		labels[i] = formatNumber(v, d)
		widest = max(widest, need(labels[i]))
	}
	k := 1
	if len(pos) > 1 {
		minStep := math.Inf(1)
		for i := 1; i < len(pos); i++ {
			minStep = math.Min(minStep, pos[i]-pos[i-1])
		}
		gap := vg.Length(minStep/(hi-lo)) * length
		k = max(1, int(math.Ceil(float64(widest/gap))))
	}
	ticks := make(plot.ConstantTicks, 0, len(vs))
	for i := range vs {
		if i%k == 0 {
			ticks = append(ticks, plot.Tick{Value: pos[i], Label: labels[i]})
		}
	}
	return ticks
}

// cellsPlotter draws the heatmap cells between precomputed edges, and
// their counts if it has them.
type cellsPlotter struct {
	x, y   []float64 // cell edges
	z      [][]float64
	counts [][]int
	marked [][]bool
	scale  colorScale
	th     *theme
	// seams draws a thin white line between cells: binned cells, whose
	// round-number ticks do not fall on their edges, and whose equal
	// colours (a share of 1 in each) would otherwise merge into one.
	seams bool
	// signs hatches the cells below 0 (HeatOptions.Diverging).
	signs bool
}

// cellOverlap extends each cell under its right and upper neighbours,
// which are drawn after it: without it, anti-aliasing leaves hairline
// seams between cells in the PNG and in PDF viewers.
const cellOverlap = vg.Length(0.5)

func (h *cellsPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for r, row := range h.z {
		y0, y1 := trY(h.y[r]), trY(h.y[r+1])
		if r < len(h.z)-1 {
			y1 += cellOverlap
		}
		for col, v := range row {
			x0, x1 := trX(h.x[col]), trX(h.x[col+1])
			if col < len(row)-1 {
				x1 += cellOverlap
			}
			c.FillPolygon(h.scale.at(v), []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
		}
	}
	if h.signs {
		for r, row := range h.z {
			for col, v := range row {
				if v < 0 {
					cell := vg.Rectangle{Min: vg.Point{X: trX(h.x[col]), Y: trY(h.y[r])}, Max: vg.Point{X: trX(h.x[col+1]), Y: trY(h.y[r+1])}}
					hatchBelowZero(c, cell, inkOn(h.scale.at(v)))
				}
			}
		}
	}
	if h.seams {
		seam := draw.LineStyle{Color: color.White, Width: vg.Points(0.75)}
		for _, x := range h.x[1 : len(h.x)-1] {
			c.StrokeLine2(seam, trX(x), trY(h.y[0]), trX(x), trY(h.y[len(h.y)-1]))
		}
		for _, y := range h.y[1 : len(h.y)-1] {
			c.StrokeLine2(seam, trX(h.x[0]), trY(y), trX(h.x[len(h.x)-1]), trY(y))
		}
	}
	if h.counts != nil {
		h.drawCounts(c, p)
	}
	for r, row := range h.marked {
		for col, m := range row {
			if !m {
				continue
			}
			x0, x1, y0, y1 := trX(h.x[col]), trX(h.x[col+1]), trY(h.y[r]), trY(h.y[r+1])
			dot := color.Color(color.Black)
			if luminance(h.scale.at(h.z[r][col])) < 0.45 {
				dot = color.White
			}
			radius := min(vg.Points(1.6), min(x1-x0, y1-y0)/6)
			at := vg.Point{X: (x0 + x1) / 2, Y: (y0 + y1) / 2}
			c.FillPolygon(dot, circle(at, radius))
		}
	}
}

// SignNote is what a caption says of the marks that give a diverging
// map's sign in grey print (HeatOptions.Diverging): "hatched: below 0"
// for a heat map, "squares: below 0" for a map of points.
func SignNote(points bool) string {
	if points {
		return "squares: below 0"
	}
	return "hatched: below 0"
}

// hatchBelowZero hatches the rectangle r with lines falling at 45°, in
// ink: a cell, or the part of a colour bar, below 0 on a diverging map.
// Lines stand at multiples of the spacing from the canvas's origin, so
// that neighbouring cells' lines meet.
func hatchBelowZero(c draw.Canvas, r vg.Rectangle, ink color.Color) {
	if r.Max.X <= r.Min.X || r.Max.Y <= r.Min.Y {
		return
	}
	in := c
	in.Rectangle = r
	diag := hatchSpacing * 1.5 * math.Sqrt2
	var lines [][]vg.Point
	for b := vg.Length(math.Ceil(float64((r.Min.X+r.Min.Y)/diag))) * diag; b <= r.Max.X+r.Max.Y; b += diag {
		lines = append(lines, []vg.Point{{X: b - r.Min.Y, Y: r.Min.Y}, {X: b - r.Max.Y, Y: r.Max.Y}})
	}
	c.StrokeLines(draw.LineStyle{Color: ink, Width: hatchWidth}, in.ClipLinesXY(lines...)...)
}

// inkOn is black or white, whichever stands out from a fill: the colour
// of what is drawn over a cell or point.
func inkOn(fill color.Color) color.Color {
	if luminance(fill) < 0.45 {
		return color.White
	}
	return color.Black
}

// circle is a polygon of 24 sides around at.
func circle(at vg.Point, r vg.Length) []vg.Point {
	out := make([]vg.Point, 24)
	for i := range out {
		a := 2 * math.Pi * float64(i) / float64(len(out))
		out[i] = vg.Point{X: at.X + r*vg.Length(math.Cos(a)), Y: at.Y + r*vg.Length(math.Sin(a))}
	}
	return out
}

// drawCounts prints each cell's count at its centre, in black or white,
// whichever stands out from the cell's colour, at the tick size or, if
// some count does not fit its cell, smaller down to countMinSize; below
// that no count is printed rather than some spilling over.
func (h *cellsPlotter) drawCounts(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	cellW, cellH := vg.Length(math.Inf(1)), vg.Length(math.Inf(1))
	widest := ""
	for r, row := range h.counts {
		cellH = min(cellH, trY(h.y[r+1])-trY(h.y[r]))
		for col, n := range row {
			cellW = min(cellW, trX(h.x[col+1])-trX(h.x[col]))
			if s := strconv.Itoa(n); len(s) > len(widest) {
				widest = s
			}
		}
	}
	size := h.th.tickSize
	for ; size >= countMinSize; size -= 0.5 {
		sty := textStyle(size)
		if sty.Width(widest)+vg.Points(2) <= cellW && sty.Height(widest)+vg.Points(1) <= cellH {
			break
		}
	}
	if size < countMinSize {
		return
	}
	sty := textStyle(size)
	sty.XAlign, sty.YAlign = draw.XCenter, draw.YCenter
	for r, row := range h.counts {
		for col, n := range row {
			if n == 0 {
				continue
			}
			sty.Color = color.Black
			if luminance(h.scale.at(h.z[r][col])) < 0.45 {
				sty.Color = color.White
			}
			at := vg.Point{X: (trX(h.x[col]) + trX(h.x[col+1])) / 2, Y: (trY(h.y[r]) + trY(h.y[r+1])) / 2}
			c.FillText(sty, at, strconv.Itoa(n))
		}
	}
}

// countMinSize is the smallest type a count is printed in.
const countMinSize = 5

// luminance is a colour's relative luminance (sRGB, roughly), 0 to 1.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xFFFF
}

// colorBar is the side panel of a heatmap: a vertical gradient with
// ticks, the z label, and a grey swatch labelled missing ("no data")
// when some cells are NaN. In a narrow figure (Single) it stands under
// the data instead, as wide as the data area, the gradient horizontal
// (height, drawBelow), so that it does not take a third of the width
// from the map.
type colorBar struct {
	label   string
	scale   colorScale
	ticks   []plot.Tick
	missing string // "": no NaN cell, no swatch
	// along is the length the label is wrapped to; 0: half the
	// figure's height, until the figure knows the bar's (fitTo).
	along vg.Length
	// belowAlong is the width the label of a colour bar under the data
	// is wrapped to, as height last measured it, so that drawBelow
	// draws what height made room for.
	belowAlong vg.Length
	// signs hatches the bar below 0, as a heat map's cells are
	// (HeatOptions.Diverging).
	signs bool
}

// hatchSigns hatches the part of the bar below 0, which runs from a0
// (the scale's low end) to a1 along it; bar is the bar's rectangle
// between two points along it. The ink changes where the palette's
// colour turns light enough for black to stand out.
func (cb *colorBar) hatchSigns(c draw.Canvas, a0, a1 vg.Length, bar func(s0, s1 vg.Length) vg.Rectangle) {
	if !cb.signs || cb.scale.lo >= 0 {
		return
	}
	at := func(v float64) vg.Length {
		return a0 + (a1-a0)*vg.Length((v-cb.scale.lo)/(cb.scale.hi-cb.scale.lo))
	}
	zero := at(math.Min(0, cb.scale.hi))
	// The negative half darkens away from 0: white ink up to the value
	// where black would stand out, found in steps of the gradient's.
	turn := cb.scale.lo
	for i := range 128 {
		v := cb.scale.lo + (0-cb.scale.lo)*float64(i)/128
		if inkOn(cb.scale.at(v)) == color.Black {
			break
		}
		turn = v + (0-cb.scale.lo)/128
	}
	hatchBelowZero(c, bar(a0, at(turn)), color.White)
	hatchBelowZero(c, bar(at(turn), zero), color.Black)
}

const (
	barWidth   = 11 * vg.Length(1)
	barTickLen = 3 * vg.Length(1)
	barGap     = 3 * vg.Length(1) // between tick and tick label
	barLabGap  = 6 * vg.Length(1) // between tick labels and the z label
	noDataText = "no data"
)

func newColorBar(label string, scale colorScale, missing string) *colorBar {
	cb := &colorBar{label: label, scale: scale, missing: missing}
	cb.ticks = niceTicker{}.Ticks(scale.lo, scale.hi)
	return cb
}

// styles are the colour bar's tick and label styles, and its label
// wrapped to run along the bar, which is about as tall as the data area:
// a little less than the smallest that can be.
func (cb *colorBar) styles(th *theme) (tick, lab text.Style, label string) {
	tick, lab = textStyle(th.tickSize), textStyle(th.labelSize)
	along := cb.along
	if along <= 0 {
		along = th.figHeight * 0.5
	}
	return tick, lab, wrapText(cb.label, lab, along)
}

// fitTo wraps the label anew to run no longer than the bar, given the
// height of the data area beside it, if it would run longer (past the
// bar's ends, over the title or beside the swatch) as wrapped: a long
// caption leaves the bar shorter than half the figure. It reports
// whether it did, and so whether the panel's width may have changed.
func (cb *colorBar) fitTo(th *theme, dataHeight vg.Length) bool {
	bar := dataHeight
	if cb.missing != "" {
		bar -= barWidth + vg.Points(10)
	}
	_, lab, label := cb.styles(th)
	longest := vg.Length(0)
	for line := range strings.SplitSeq(label, "\n") {
		longest = max(longest, lab.Width(line))
	}
	if label == "" || longest <= bar || bar <= 0 {
		return false
	}
	cb.along = bar
	return true
}

func (cb *colorBar) width(th *theme) vg.Length {
	tick, lab, label := cb.styles(th)
	var w vg.Length
	for _, t := range cb.ticks {
		w = max(w, tick.Width(t.Label))
	}
	if cb.missing != "" {
		w = max(w, tick.Width(cb.missing))
	}
	w += barWidth + barTickLen + barGap
	if label != "" {
		w += barLabGap + lab.Height(label)
	}
	return w
}

// gradient fills the bar from a0 (its low end) to a1 in thin slices,
// each overlapping the next to avoid anti-aliasing seams; slice is the
// polygon of the bar between s0 and s1 along it, beside it (draw) or
// under the data (drawBelow).
func (cb *colorBar) gradient(c draw.Canvas, a0, a1 vg.Length, slice func(s0, s1 vg.Length) []vg.Point) {
	const slices = 128
	for i := 0; i < slices; i++ {
		s0 := a0 + (a1-a0)*vg.Length(i)/slices
		s1 := a0 + (a1-a0)*vg.Length(i+1)/slices
		if i < slices-1 {
			s1 += cellOverlap
		}
		v := cb.scale.lo + (cb.scale.hi-cb.scale.lo)*(float64(i)+0.5)/slices
		c.FillPolygon(cb.scale.at(v), slice(s0, s1))
	}
}

func (cb *colorBar) draw(c draw.Canvas, th *theme) {
	tick, lab, label := cb.styles(th)
	x0, x1 := c.Min.X, c.Min.X+barWidth
	y0, y1 := c.Min.Y, c.Max.Y
	outline := draw.LineStyle{Color: color.Gray{Y: 0x33}, Width: vg.Points(0.5)}
	tsty := tick
	tsty.XAlign, tsty.YAlign = draw.XLeft, draw.YCenter
	if cb.missing != "" {
		sq := []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y0 + barWidth}, {X: x0, Y: y0 + barWidth}}
		c.FillPolygon(missingColor, sq)
		c.StrokeLines(outline, append(sq, sq[0]))
		c.FillText(tsty, vg.Point{X: x1 + barTickLen + barGap, Y: y0 + barWidth/2}, cb.missing)
		y0 += barWidth + vg.Points(10) // as fitTo allows
	}
	cb.gradient(c, y0, y1, func(s0, s1 vg.Length) []vg.Point {
		return []vg.Point{{X: x0, Y: s0}, {X: x1, Y: s0}, {X: x1, Y: s1}, {X: x0, Y: s1}}
	})
	cb.hatchSigns(c, y0, y1, func(s0, s1 vg.Length) vg.Rectangle {
		return vg.Rectangle{Min: vg.Point{X: x0, Y: s0}, Max: vg.Point{X: x1, Y: s1}}
	})
	c.StrokeLines(outline, []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}, {X: x0, Y: y0}})
	var labW vg.Length
	for _, t := range cb.ticks {
		y := y0 + (y1-y0)*vg.Length((t.Value-cb.scale.lo)/(cb.scale.hi-cb.scale.lo))
		c.StrokeLine2(outline, x1, y, x1+barTickLen, y)
		c.FillText(tsty, vg.Point{X: x1 + barTickLen + barGap, Y: y}, t.Label)
		labW = max(labW, tsty.Width(t.Label))
	}
	if label != "" {
		// Rotated a quarter turn, the text's top faces left, so
		// top-aligning it at x puts the label right of x.
		sty := lab
		sty.Rotation = math.Pi / 2
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
		x := x1 + barTickLen + barGap + labW + barLabGap
		c.FillText(sty, vg.Point{X: x, Y: (y0 + y1) / 2}, label)
	}
}

// belowBar is the thickness of a colour bar under the data, and
// belowLabGap the space between its ticks' labels and its label, whose
// line pitch leaves room enough.
const (
	belowBar    = 8 * vg.Length(1)
	belowLabGap = 2 * vg.Length(1)
)

// belowStyles are the tick and label styles of a colour bar under the
// data, and its label wrapped to the length of a bar in a panel width
// wide.
func (cb *colorBar) belowStyles(th *theme, width vg.Length) (tick, lab text.Style, label string) {
	tick, lab = textStyle(th.tickSize), textStyle(th.labelSize)
	tick.XAlign, tick.YAlign = draw.XCenter, draw.YTop
	lab.XAlign, lab.YAlign = draw.XCenter, draw.YTop
	return tick, lab, wrapText(cb.label, lab, width-cb.rightSpace(tick))
}

// rightSpace is the width a colour bar under the data leaves right of
// its end: room for half a tick label standing past it, which would
// otherwise leave the figure when the data area reaches its right
// margin, and the "no data" swatch with its text if there is one.
func (cb *colorBar) rightSpace(tick text.Style) vg.Length {
	var widest vg.Length
	for _, t := range cb.ticks {
		widest = max(widest, tick.Width(t.Label))
	}
	if cb.missing == "" {
		return widest / 2
	}
	return max(vg.Points(10), widest/2+vg.Points(4)) + belowBar + barGap + tick.Width(cb.missing)
}

// height is the height of the colour bar under the data in a panel
// width wide: the bar, its ticks and their labels, and its label.
func (cb *colorBar) height(th *theme, width vg.Length) vg.Length {
	cb.belowAlong = width
	tick, lab, label := cb.belowStyles(th, width)
	h := belowBar + barTickLen + barGap + tick.Height("0")
	if label != "" {
		h += belowLabGap + lab.Height(label)
	}
	return h
}

// drawBelow draws the colour bar under the data, into c (as wide as the
// data area): the gradient from left (low) to right, the "no data"
// swatch at its right end, the ticks' labels under it, as many as fit,
// and its label under them.
func (cb *colorBar) drawBelow(c draw.Canvas, th *theme) {
	tick, lab, label := cb.belowStyles(th, cb.belowAlong)
	outline := draw.LineStyle{Color: color.Gray{Y: 0x33}, Width: vg.Points(0.5)}
	x0, x1 := c.Min.X, c.Max.X
	y1 := c.Max.Y
	y0 := y1 - belowBar
	if cb.missing != "" {
		sx := x1 - tick.Width(cb.missing) - barGap - belowBar
		sq := []vg.Point{{X: sx, Y: y0}, {X: sx + belowBar, Y: y0}, {X: sx + belowBar, Y: y1}, {X: sx, Y: y1}}
		c.FillPolygon(missingColor, sq)
		c.StrokeLines(outline, append(sq, sq[0]))
		msty := tick
		msty.XAlign, msty.YAlign = draw.XLeft, draw.YCenter
		c.FillText(msty, vg.Point{X: sx + belowBar + barGap, Y: (y0 + y1) / 2}, cb.missing)
	}
	x1 -= cb.rightSpace(tick)
	cb.gradient(c, x0, x1, func(s0, s1 vg.Length) []vg.Point {
		return []vg.Point{{X: s0, Y: y0}, {X: s1, Y: y0}, {X: s1, Y: y1}, {X: s0, Y: y1}}
	})
	cb.hatchSigns(c, x0, x1, func(s0, s1 vg.Length) vg.Rectangle {
		return vg.Rectangle{Min: vg.Point{X: s0, Y: y0}, Max: vg.Point{X: s1, Y: y1}}
	})
	c.StrokeLines(outline, []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}, {X: x0, Y: y0}})
	at := func(v float64) vg.Length {
		return x0 + (x1-x0)*vg.Length((v-cb.scale.lo)/(cb.scale.hi-cb.scale.lo))
	}
	// The most ticks (up to the side bar's) whose labels stand apart.
	var ticks []plot.Tick
	for target := max(6, len(cb.ticks)); target >= 1; target-- {
		ticks = niceTicker{target: target}.Ticks(cb.scale.lo, cb.scale.hi)
		fits := true
		for i := 1; i < len(ticks); i++ {
			need := (tick.Width(ticks[i].Label)+tick.Width(ticks[i-1].Label))/2 + tick.Font.Size
			fits = fits && at(ticks[i].Value)-at(ticks[i-1].Value) >= need
		}
		if fits {
			break
		}
	}
	for _, t := range ticks {
		x := at(t.Value)
		c.StrokeLine2(outline, x, y0, x, y0-barTickLen)
		c.FillText(tick, vg.Point{X: x, Y: y0 - barTickLen - barGap}, t.Label)
	}
	if label != "" {
		y := y0 - barTickLen - barGap - tick.Height("0") - belowLabGap
		c.FillText(lab, vg.Point{X: (x0 + x1) / 2, Y: y}, label)
	}
}
