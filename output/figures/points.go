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

// ColorPoints draws one marker per point (x[i], y[i]), coloured by z[i]
// on a colour bar labelled zLabel, as o says (Counts and Binned aside,
// which are for cells). It shows a Latin-hypercube sweep as it is: each
// point where it was run, with nothing binned or interpolated. A NaN z is
// drawn as a hollow grey marker and the colour bar shows a "no data"
// swatch. The axes get round-number ticks. o.Marked, if set, is one row
// of one value per point: a marked point gets a dot at its centre, in
// black or white as stands out from its colour, as a heat map's cells do.
func ColorPoints(title, xLabel, yLabel, zLabel string, x, y, z []float64, o HeatOptions, c Caption) (*Figure, error) {
	if len(x) == 0 || len(y) != len(x) || len(z) != len(x) {
		return nil, fmt.Errorf("figures: ColorPoints %q: %d x, %d y and %d z values", title, len(x), len(y), len(z))
	}
	if o.Counts != nil {
		return nil, fmt.Errorf("figures: ColorPoints %q: counts are for heat maps", title)
	}
	var marked []bool
	if o.Marked != nil {
		if len(o.Marked) != 1 || len(o.Marked[0]) != len(x) {
			return nil, fmt.Errorf("figures: ColorPoints %q: Marked has %d rows; want one, of %d values", title, len(o.Marked), len(x))
		}
		marked = slices.Clone(o.Marked[0])
	}
	zmin, zmax := math.Inf(1), math.Inf(-1)
	hasNaN := false
	for i := range x {
		if !finite(x[i]) || !finite(y[i]) || math.IsInf(z[i], 0) {
			return nil, fmt.Errorf("figures: ColorPoints %q: point %d is (%v, %v, %v)", title, i, x[i], y[i], z[i])
		}
		if math.IsNaN(z[i]) {
			hasNaN = true
			continue
		}
		zmin, zmax = math.Min(zmin, z[i]), math.Max(zmax, z[i])
	}
	scale := o.scale(zmin, zmax)
	th := newTheme()
	p := plot.New()
	styleAxes(p, xLabel, yLabel)
	pp := &pointsPlotter{x: slices.Clone(x), y: slices.Clone(y), z: slices.Clone(z), marked: marked, scale: scale, th: th}
	p.Add(grid(true), pp)
	xmin, xmax, ymin, ymax := pp.DataRange()
	p.X.Min, p.X.Max = padRange(xmin, xmax)
	p.Y.Min, p.Y.Max = padRange(ymin, ymax)
	fig := newFigure(p, th, title, xLabel, yLabel, c.text(" per point", ""))
	fig.side = newColorBar(zLabel, scale, o.missing(hasNaN))
	pp.signs = o.Diverging // squares below 0; the bar, of no shape, is left as it is
	return fig, nil
}

// padRange widens [lo, hi] by 5% on each side, so that markers at the
// ends are drawn whole inside the axes.
func padRange(lo, hi float64) (float64, float64) {
	if hi == lo {
		h := math.Max(0.5, math.Abs(lo)*0.1)
		return lo - h, hi + h
	}
	pad := 0.05 * (hi - lo)
	return lo - pad, hi + pad
}

// pointsPlotter draws coloured markers, with a thin dark ring so that
// light colours stand out from the white background.
type pointsPlotter struct {
	x, y, z []float64
	marked  []bool // nil, or one per point: a dot at its centre
	scale   colorScale
	th      *theme
	signs   bool // draws the points below 0 as squares (HeatOptions.Diverging)
}

var pointRing = draw.LineStyle{Color: color.Gray{Y: 0x33}, Width: vg.Points(0.4)}

func (pp *pointsPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	r := pointRadius(pp.th.markerSize, c.Max.X-c.Min.X, c.Max.Y-c.Min.Y, len(pp.x))
	ring := r == pp.th.markerSize
	for i := range pp.x {
		pt := vg.Point{X: trX(pp.x[i]), Y: trY(pp.y[i])}
		if math.IsNaN(pp.z[i]) {
			c.DrawGlyph(draw.GlyphStyle{Color: missingColor, Radius: r, Shape: draw.RingGlyph{}}, pt)
			continue
		}
		fill := pp.scale.at(pp.z[i])
		if pp.signs && pp.z[i] < 0 {
			c.DrawGlyph(draw.GlyphStyle{Color: fill, Radius: r, Shape: draw.BoxGlyph{}}, pt)
			if ring {
				c.DrawGlyph(draw.GlyphStyle{Color: pointRing.Color, Radius: r, Shape: draw.SquareGlyph{}}, pt)
			}
		} else {
			c.DrawGlyph(draw.GlyphStyle{Color: fill, Radius: r, Shape: draw.CircleGlyph{}}, pt)
			if ring {
				c.DrawGlyph(draw.GlyphStyle{Color: pointRing.Color, Radius: r, Shape: draw.RingGlyph{}}, pt)
			}
		}
		if pp.marked != nil && pp.marked[i] {
			dot := color.Color(color.Black)
			if luminance(fill) < 0.45 {
				dot = color.White
			}
			c.FillPolygon(dot, circle(pt, r/2.5))
		}
	}
}

// pointRadius is the radius of n markers on an area w × h: the theme's,
// unless markers that size would cover more than coverShare of it (a
// Latin hypercube of thousands of points, where they would hide one
// another and the colours with them), then smaller, down to a point.
// Shrunk markers are drawn without their ring, which would be all that
// showed of them.
func pointRadius(base, w, h vg.Length, n int) vg.Length {
	const coverShare = 0.4
	if n == 0 {
		return base
	}
	r := vg.Length(math.Sqrt(float64(coverShare * w * h / vg.Length(math.Pi*float64(n)))))
	return max(min(base, r), vg.Points(1))
}

func (pp *pointsPlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	return slices.Min(pp.x), slices.Max(pp.x), slices.Min(pp.y), slices.Max(pp.y)
}

// Series is one series of points in a Scatter, e.g. one regime's value at
// each point of a sweep.
type Series struct {
	Label string
	X, Y  []float64
	Style int // colour and marker: 1 for the palette's first, ...; 0 takes the series' position
}

// Scatter draws series of point markers, one colour and marker shape per
// series, with the legend beside the data (or under it in a narrow
// figure). NaN values are left out. The y axis starts at 0 when no value
// is negative.
func Scatter(title, xLabel, yLabel string, series []Series, c Caption) (*Figure, error) {
	if len(series) == 0 {
		return nil, fmt.Errorf("figures: Scatter %q: no series", title)
	}
	th := newTheme()
	sp := &scatterPlotter{th: th}
	for i, s := range series {
		if len(s.X) != len(s.Y) {
			return nil, fmt.Errorf("figures: Scatter %q: series %d (%q) has %d x and %d y values", title, i, s.Label, len(s.X), len(s.Y))
		}
		for j := range s.X {
			if math.IsInf(s.X[j], 0) || math.IsInf(s.Y[j], 0) {
				return nil, fmt.Errorf("figures: Scatter %q: series %q: infinite value at %d", title, s.Label, j)
			}
		}
		sp.series = append(sp.series, Series{Label: s.Label, X: slices.Clone(s.X), Y: slices.Clone(s.Y), Style: palette.Slot(i, s.Style) + 1})
	}
	p := plot.New()
	styleAxes(p, xLabel, yLabel)
	p.Add(grid(true), sp)
	xmin, xmax, ymin, ymax := sp.DataRange()
	if math.IsInf(xmin, 0) {
		xmin, xmax = 0, 1
	}
	p.X.Min, p.X.Max = padRange(xmin, xmax)
	p.Y.Min, p.Y.Max = yRange(ymin, ymax)
	lg := newLegend(1)
	for _, s := range sp.series {
		lg.add(s.Label, markerThumb{i: s.Style - 1, th: th})
	}
	fig := newFigure(p, th, title, xLabel, yLabel, c.text(" per point", ""))
	if len(lg.entries) > 0 {
		fig.side = lg
	}
	return fig, nil
}

type scatterPlotter struct {
	series []Series
	th     *theme
}

func (sp *scatterPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, s := range sp.series {
		for j := range s.X {
			if finite(s.X[j]) && finite(s.Y[j]) {
				drawMarker(c, s.Style-1, sp.th, vg.Point{X: trX(s.X[j]), Y: trY(s.Y[j])})
			}
		}
	}
}

func (sp *scatterPlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, s := range sp.series {
		for j := range s.X {
			if finite(s.X[j]) && finite(s.Y[j]) {
				xmin, xmax = math.Min(xmin, s.X[j]), math.Max(xmax, s.X[j])
				ymin, ymax = math.Min(ymin, s.Y[j]), math.Max(ymax, s.Y[j])
			}
		}
	}
	return xmin, xmax, ymin, ymax
}
