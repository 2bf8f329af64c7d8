package figures

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"

	"github.com/borderwork/borderwork/output/figures/palette"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// IntervalPoint is one point of a scatter plot with an interval along
// each axis (NaN or equal bounds: no interval on that axis) and a short
// tag drawn beside it, such as its rank; the legend says what each tag
// stands for. An Open point is drawn as a ring rather than a disc: one
// whose estimate cannot be told from noise, say.
type IntervalPoint struct {
	Tag                string
	X, Y               float64
	XLo, XHi, YLo, YHi float64
	Open               bool
}

// Guide is a reference line of a scatter plot: y = Slope·x + Intercept,
// or, if Vertical, x = X. Guides are drawn dashed, in grey, and listed
// first in the legend.
type Guide struct {
	Label            string
	Vertical         bool
	X                float64
	Slope, Intercept float64
}

// intervalMark is the colour of the points: they are parameters, not
// regimes, so the first Part grey, not a regime's colour.
var intervalMark = palette.Color(palette.Part(0))

// intervalBar is the style of a point's error bars: the point's colour,
// translucent, so that crossing bars of neighbours stay readable.
var intervalBar = draw.LineStyle{Color: color.NRGBA{intervalMark.R, intervalMark.G, intervalMark.B, 0x90}, Width: vg.Points(0.8)}

// guideStyle is the style of guide i: grey, in the dash patterns after
// solid.
func guideStyle(i int) draw.LineStyle {
	return draw.LineStyle{Color: color.Gray{Y: 0x55}, Width: vg.Points(0.9), Dashes: points(palette.Dash(1 + i%(palette.NumDashes()-1)))}
}

// IntervalScatter draws points with their intervals as error bars along both
// axes, each point's tag beside it, and the guides; the legend right of
// the data lists the guides, then, if any point is Open, a ring labelled
// openLabel, then keys (what the tags stand for, one line
// each: "1 abuse.queue_effect", the tag and a space first). A key's tag
// stands flush right in the column of the guides' samples, and what it
// stands for in the column of their labels; under the data (Single) the
// legend's entries stand in columns too. Both axes start at 0 unless a
// value is negative, as for the μ*–σ plot of a Morris screening.
func IntervalScatter(title, xLabel, yLabel string, pts []IntervalPoint, guides []Guide, openLabel string, keys []string, c Caption) (*Figure, error) {
	if len(pts) == 0 {
		return nil, fmt.Errorf("figures: IntervalScatter %q: no points", title)
	}
	for i, p := range pts {
		for _, v := range []float64{p.X, p.Y} {
			if !finite(v) {
				return nil, fmt.Errorf("figures: IntervalScatter %q: point %d (%q): value %v", title, i, p.Tag, v)
			}
		}
		for _, v := range []float64{p.XLo, p.XHi, p.YLo, p.YHi} {
			if math.IsInf(v, 0) {
				return nil, fmt.Errorf("figures: IntervalScatter %q: point %d (%q): infinite bound", title, i, p.Tag)
			}
		}
		if p.XLo > p.XHi || p.YLo > p.YHi {
			return nil, fmt.Errorf("figures: IntervalScatter %q: point %d (%q): lower bound above upper bound", title, i, p.Tag)
		}
	}
	for i, g := range guides {
		if !finite(g.X) || !finite(g.Slope) || !finite(g.Intercept) {
			return nil, fmt.Errorf("figures: IntervalScatter %q: guide %d (%q) is not finite", title, i, g.Label)
		}
	}
	th := newTheme()
	sp := &intervalPlotter{pts: slices.Clone(pts), guides: slices.Clone(guides), th: th}
	p := plot.New()
	styleAxes(p, xLabel, yLabel)
	p.Add(grid(true), sp)
	xmin, xmax, ymin, ymax := sp.DataRange()
	p.X.Min, p.X.Max = yRange(xmin, xmax)
	p.Y.Min, p.Y.Max = yRange(ymin, ymax)

	lg := newLegend(3)
	lg.columns = true
	// Under the data, 3 type sizes of sample per column left a Morris
	// key of eight names in one column of ten rows, whose height left no
	// room for the data (sensitivity classroom --size single stopped).
	lg.belowThumb = 2
	for i, g := range guides {
		lg.add(g.Label, guideThumb{i})
	}
	if slices.ContainsFunc(pts, func(p IntervalPoint) bool { return p.Open }) {
		if openLabel == "" {
			return nil, fmt.Errorf("figures: IntervalScatter %q: open points and no label for them", title)
		}
		lg.add(openLabel, ringThumb{th})
	}
	for _, k := range keys {
		if tag, label, ok := strings.Cut(k, " "); ok && tag != "" && label != "" {
			lg.add(label, tagThumb{tag: tag, th: th})
			continue
		}
		lg.add(k, blankThumb{})
	}
	fig := newFigure(p, th, title, xLabel, yLabel, c.text("", ""))
	if len(lg.entries) > 0 {
		fig.side = lg
	}
	return fig, nil
}

type intervalPlotter struct {
	pts    []IntervalPoint
	guides []Guide
	th     *theme
}

// DataRange covers every point and interval; guides are drawn across
// whatever the points span, and a vertical guide widens the x range to
// show it.
func (s *intervalPlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, p := range s.pts {
		for _, v := range []float64{p.X, p.XLo, p.XHi} {
			if finite(v) {
				xmin, xmax = math.Min(xmin, v), math.Max(xmax, v)
			}
		}
		for _, v := range []float64{p.Y, p.YLo, p.YHi} {
			if finite(v) {
				ymin, ymax = math.Min(ymin, v), math.Max(ymax, v)
			}
		}
	}
	for _, g := range s.guides {
		if g.Vertical {
			xmin, xmax = math.Min(xmin, g.X), math.Max(xmax, g.X)
		}
	}
	return xmin, xmax, ymin, ymax
}

func (s *intervalPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for i, g := range s.guides {
		ls := guideStyle(i)
		if g.Vertical {
			if x := trX(g.X); c.ContainsX(x) {
				c.StrokeLine2(ls, x, c.Min.Y, x, c.Max.Y)
			}
			continue
		}
		x0, x1 := p.X.Min, p.X.Max
		c.StrokeLines(ls, c.ClipLinesXY([]vg.Point{
			{X: trX(x0), Y: trY(g.Intercept + g.Slope*x0)},
			{X: trX(x1), Y: trY(g.Intercept + g.Slope*x1)},
		})...)
	}
	capW := vg.Points(2)
	for _, pt := range s.pts {
		x, y := trX(pt.X), trY(pt.Y)
		if finite(pt.XLo) && finite(pt.XHi) && pt.XLo < pt.XHi { // an interval of no width draws nothing, as in GroupedBars
			lo, hi := trX(pt.XLo), trX(pt.XHi)
			c.StrokeLines(intervalBar, c.ClipLinesXY(
				[]vg.Point{{X: lo, Y: y}, {X: hi, Y: y}},
				[]vg.Point{{X: lo, Y: y - capW}, {X: lo, Y: y + capW}},
				[]vg.Point{{X: hi, Y: y - capW}, {X: hi, Y: y + capW}},
			)...)
		}
		if finite(pt.YLo) && finite(pt.YHi) && pt.YLo < pt.YHi {
			lo, hi := trY(pt.YLo), trY(pt.YHi)
			c.StrokeLines(intervalBar, c.ClipLinesXY(
				[]vg.Point{{X: x, Y: lo}, {X: x, Y: hi}},
				[]vg.Point{{X: x - capW, Y: lo}, {X: x + capW, Y: lo}},
				[]vg.Point{{X: x - capW, Y: hi}, {X: x + capW, Y: hi}},
			)...)
		}
	}
	mark, ring := intervalGlyphs(s.th)
	var tagged []tagAt
	var marks []vg.Point
	for _, pt := range s.pts {
		at := vg.Point{X: trX(pt.X), Y: trY(pt.Y)}
		if !c.Contains(at) {
			continue
		}
		if pt.Open {
			c.DrawGlyph(ring, at)
		} else {
			c.DrawGlyph(mark, at)
		}
		marks = append(marks, at)
		if pt.Tag != "" {
			tagged = append(tagged, tagAt{pt.Tag, at})
		}
	}
	placeTags(c, textStyle(s.th.tickSize), tagged, marks, mark.Radius)
}

// intervalGlyphs are the marks of a point and of an Open point: a disc,
// and a ring of the same size whose line is thick enough to read as a
// mark at print size.
func intervalGlyphs(th *theme) (mark, ring draw.GlyphStyle) {
	r := th.markerSize * 0.87
	mark = draw.GlyphStyle{Color: intervalMark, Radius: r, Shape: draw.CircleGlyph{}}
	ring = draw.GlyphStyle{Color: intervalMark, Radius: r - vg.Points(0.6), Shape: thickRing{vg.Points(1.2)}}
	return mark, ring
}

// thickRing is draw.RingGlyph with a line of its own width (RingGlyph's
// is fixed and hairline-thin) around a white inside, so that the point's
// own error bars do not cross the hole and make the ring read as a dot.
type thickRing struct{ width vg.Length }

func (g thickRing) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	var p vg.Path
	p.Move(vg.Point{X: pt.X + sty.Radius, Y: pt.Y})
	p.Arc(pt, sty.Radius, 0, 2*math.Pi)
	p.Close()
	c.SetColor(color.White)
	c.Fill(p)
	c.SetLineStyle(draw.LineStyle{Color: sty.Color, Width: g.width})
	c.Stroke(p)
}

// ringThumb is the legend sample of an Open point.
type ringThumb struct{ th *theme }

func (t ringThumb) Thumbnail(c *draw.Canvas) {
	_, ring := intervalGlyphs(t.th)
	c.DrawGlyph(ring, vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: (c.Min.Y + c.Max.Y) / 2})
}

// guideThumb is the legend sample of guide i.
type guideThumb struct{ i int }

func (t guideThumb) Thumbnail(c *draw.Canvas) {
	midY := (c.Min.Y + c.Max.Y) / 2
	c.StrokeLine2(guideStyle(t.i), c.Min.X, midY, c.Max.X, midY)
}

// blankThumb is no sample: the entry is text only.
type blankThumb struct{}

func (blankThumb) Thumbnail(*draw.Canvas) {}
