package figures

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// IntervalPoint is one point of a scatter plot with an interval along
// each axis (NaN or equal bounds: no interval on that axis) and a short
// tag drawn beside it, such as its rank; the legend says what each tag
// stands for.
type IntervalPoint struct {
	Tag                string
	X, Y               float64
	XLo, XHi, YLo, YHi float64
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
var intervalMark = seriesColor(Part(0))

// intervalBar is the style of a point's error bars: the point's colour,
// translucent, so that crossing bars of neighbours stay readable.
var intervalBar = draw.LineStyle{Color: color.NRGBA{intervalMark.R, intervalMark.G, intervalMark.B, 0x90}, Width: vg.Points(0.8)}

// guideStyle is the style of guide i: grey, in the dash patterns after
// solid.
func guideStyle(i int) draw.LineStyle {
	return draw.LineStyle{Color: color.Gray{Y: 0x55}, Width: vg.Points(0.9), Dashes: dashes[1+i%(len(dashes)-1)]}
}

// IntervalScatter draws points with their intervals as error bars along both
// axes, each point's tag beside it, and the guides; the legend right of
// the data lists the guides, then keys (what the tags stand for, one line
// each: "1 abuse.queue_effect", the tag and a space first). A key's tag
// stands flush right in the column of the guides' samples, and what it
// stands for in the column of their labels; under the data (Single) the
// legend's entries stand in columns too. Both axes start at 0 unless a
// value is negative, as for the μ*–σ plot of a Morris screening.
func IntervalScatter(title, xLabel, yLabel string, pts []IntervalPoint, guides []Guide, keys []string, c Caption) (*Figure, error) {
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
	mark := draw.GlyphStyle{Color: intervalMark, Radius: s.th.markerSize * 0.87, Shape: draw.CircleGlyph{}}
	var tagged []tagAt
	var marks []vg.Point
	for _, pt := range s.pts {
		at := vg.Point{X: trX(pt.X), Y: trY(pt.Y)}
		if !c.Contains(at) {
			continue
		}
		c.DrawGlyph(mark, at)
		marks = append(marks, at)
		if pt.Tag != "" {
			tagged = append(tagged, tagAt{pt.Tag, at})
		}
	}
	placeTags(c, textStyle(s.th.tickSize), tagged, marks, mark.Radius)
}

// tagAt is a point's tag and where on the canvas the point is.
type tagAt struct {
	tag string
	at  vg.Point
}

// tagCorners are where a point's tag goes when it has room beside its
// point, in the order tried: above right of the point, above left, below
// right, below left.
var tagCorners = []struct {
	dx, dy float64 // the offset from the point, in points
	xAlign text.XAlignment
	yAlign text.YAlignment
}{
	{3, 2, draw.XLeft, draw.YBottom}, {-3, 2, draw.XRight, draw.YBottom},
	{3, -2, draw.XLeft, draw.YTop}, {-3, -2, draw.XRight, draw.YTop},
}

// tagLeader is the style of the line from a point to a tag written away
// from it: thin and dark, so that it reads as a pointer, not as data.
var tagLeader = draw.LineStyle{Color: color.Gray{Y: 0x22}, Width: vg.Points(0.6)}

// placeTags writes each tag, in the points' order (the leaders first),
// where it covers no tag already written, no leader line, no marker
// (radius r) of any point in marks and nothing outside the canvas: at
// the first corner of its point with room and no other point as near to
// the tag as its own (else the tag reads as the other's); else at the
// nearest place with room on rings of growing radius around the point,
// tried in a fixed order of directions, with a leader line from the
// point. Corners alone found no room in a dense cluster of a Morris
// screening, and the first corner was used: neighbours' tags were
// printed over each other and read as one number ("657"). Where no place
// on the canvas has room, the first corner is still used.
func placeTags(c draw.Canvas, sty text.Style, tags []tagAt, marks []vg.Point, r vg.Length) {
	var placed []vg.Rectangle
	var leaders [][2]vg.Point
	gap := vg.Points(1) // kept clear around a tag, so that it does not touch a marker or line
	free := func(b vg.Rectangle) bool {
		if b.Min.X < c.Min.X || b.Max.X > c.Max.X || b.Min.Y < c.Min.Y || b.Max.Y > c.Max.Y {
			return false
		}
		for _, q := range placed {
			if b.Min.X < q.Max.X && q.Min.X < b.Max.X && b.Min.Y < q.Max.Y && q.Min.Y < b.Max.Y {
				return false
			}
		}
		if nearMark(b, marks, r) {
			return false
		}
		for _, l := range leaders {
			if segmentCrosses(l[0], l[1], grow(b, gap)) {
				return false
			}
		}
		return true
	}
	at := func(t tagAt, k int) (text.Style, vg.Point, vg.Rectangle) {
		s, corner := sty, tagCorners[k]
		s.XAlign, s.YAlign = corner.xAlign, corner.yAlign
		p := vg.Point{X: t.at.X + vg.Points(corner.dx), Y: t.at.Y + vg.Points(corner.dy)}
		return s, p, s.Rectangle(t.tag).Add(p)
	}
	beside := func(t tagAt, b vg.Rectangle) bool { return free(b) && readsAsOwn(b, t.at, marks, r) }
	for _, t := range tags {
		s, p, b := at(t, 0)
		found := beside(t, b)
		for k := 1; k < len(tagCorners) && !found; k++ {
			if sk, pk, bk := at(t, k); beside(t, bk) {
				s, p, b, found = sk, pk, bk, true
			}
		}
		if !found {
			if sl, pl, bl, from, to, ok := awayPlace(c, sty, t, marks, r, gap, placed, leaders, free); ok {
				s, p, b = sl, pl, bl
				leaders = append(leaders, [2]vg.Point{from, to})
				c.StrokeLine2(tagLeader, from.X, from.Y, to.X, to.Y)
			}
		}
		placed = append(placed, grow(b, gap))
		c.FillText(s, p, t.tag)
	}
}

// tagDirections are the directions, in degrees from the x axis, in which
// a tag away from its point is looked for on each ring: the corners
// first, as beside the point, then the others 15 degrees apart, but not
// along the axes, where a leader line would run along the point's error
// bars and not be seen.
var tagDirections = func() []float64 {
	d := []float64{45, 135, -45, -135}
	for a := -165.0; a <= 180; a += 15 {
		if math.Mod(a, 90) != 0 && !slices.Contains(d, a) {
			d = append(d, a)
		}
	}
	return d
}()

// awayPlace finds the nearest place for t's tag centred on a ring around
// its point that free accepts, with a margin of tagClear around it free
// of markers (a tag written just beside another point reads as that
// point's), and whose leader line, from the edge of the point's marker to
// the tag, crosses no tag in placed and, where such a place exists, passes
// over no other marker in marks (a point inside a cluster has none: its
// leader must cross its neighbours) and crosses no other leader line.
func awayPlace(c draw.Canvas, sty text.Style, t tagAt, marks []vg.Point, r, gap vg.Length, placed []vg.Rectangle, leaders [][2]vg.Point, free func(vg.Rectangle) bool) (s text.Style, p vg.Point, b vg.Rectangle, from, to vg.Point, ok bool) {
	s = sty
	s.XAlign, s.YAlign = draw.XCenter, draw.YCenter
	box := s.Rectangle(t.tag)
	step := max(box.Size().Y/2, vg.Points(2))
	reach := vg.Length(math.Hypot(float64(c.Size().X), float64(c.Size().Y)))
	// The first ring leaves a leader line of at least 3 points, long
	// enough to be seen as one.
	half := vg.Length(math.Hypot(float64(box.Size().X), float64(box.Size().Y)) / 2)
	// Pass 0 keeps the leader off other markers and leaders, pass 1 off
	// other leaders only, pass 2 off neither.
	for pass := range 3 {
		for rho := r + gap + half + vg.Points(3); rho < reach; rho += step {
			for _, deg := range tagDirections {
				a := deg * math.Pi / 180
				p = vg.Point{X: t.at.X + rho*vg.Length(math.Cos(a)), Y: t.at.Y + rho*vg.Length(math.Sin(a))}
				b = box.Add(p)
				if !free(b) || nearMark(grow(b, tagClear), marks, r) {
					continue
				}
				from, to = leaderEnds(t.at, p, r+gap/2, grow(b, gap))
				crosses := false
				for _, q := range placed {
					crosses = crosses || segmentCrosses(from, to, q)
				}
				for _, m := range marks {
					if pass == 0 && m != t.at {
						crosses = crosses || segmentNear(from, to, m, r)
					}
				}
				for _, l := range leaders {
					crosses = crosses || (pass < 2 && segmentsCross(from, to, l[0], l[1]))
				}
				if !crosses {
					return s, p, b, from, to, true
				}
			}
		}
	}
	return s, p, b, from, to, false
}

// segmentsCross reports whether the segments ab and cd cross.
func segmentsCross(a, b, c, d vg.Point) bool {
	side := func(p, q, r vg.Point) float64 {
		return float64(q.X-p.X)*float64(r.Y-p.Y) - float64(q.Y-p.Y)*float64(r.X-p.X)
	}
	return side(a, b, c)*side(a, b, d) < 0 && side(c, d, a)*side(c, d, b) < 0
}

// segmentNear reports whether the segment from a to b passes within d
// of the point m.
func segmentNear(a, b, m vg.Point, d vg.Length) bool {
	dx, dy := float64(b.X-a.X), float64(b.Y-a.Y)
	f := 0.0
	if n := dx*dx + dy*dy; n > 0 {
		f = math.Max(0, math.Min(1, (float64(m.X-a.X)*dx+float64(m.Y-a.Y)*dy)/n))
	}
	return math.Hypot(float64(a.X)+f*dx-float64(m.X), float64(a.Y)+f*dy-float64(m.Y)) < float64(d)
}

// tagClear is the margin around a tag away from its point that must be
// free of markers.
var tagClear = vg.Points(3)

// nearMark reports whether b overlaps the marker (radius r) of a point in
// marks.
func nearMark(b vg.Rectangle, marks []vg.Point, r vg.Length) bool {
	for _, p := range marks {
		if b.Min.X < p.X+r && p.X-r < b.Max.X && b.Min.Y < p.Y+r && p.Y-r < b.Max.Y {
			return true
		}
	}
	return false
}

// readsAsOwn reports whether a tag in box b reads as own's: every other
// point of marks is further from the tag's centre than own, by at least
// the margin d. (Measured from the box's edge, a tag above left of its
// point could sit as near to a neighbour on its left as to its own point,
// and read as the neighbour's.)
func readsAsOwn(b vg.Rectangle, own vg.Point, marks []vg.Point, d vg.Length) bool {
	c := vg.Point{X: (b.Min.X + b.Max.X) / 2, Y: (b.Min.Y + b.Max.Y) / 2}
	dist := func(p vg.Point) float64 { return math.Hypot(float64(p.X-c.X), float64(p.Y-c.Y)) }
	near := dist(own) + float64(d)
	for _, p := range marks {
		if p != own && dist(p) < near {
			return false
		}
	}
	return true
}

// leaderEnds is the line from the edge of the marker at pt (radius r)
// towards centre, ending where it meets the box b around centre.
func leaderEnds(pt, centre vg.Point, r vg.Length, b vg.Rectangle) (from, to vg.Point) {
	dx, dy := float64(centre.X-pt.X), float64(centre.Y-pt.Y)
	n := math.Hypot(dx, dy)
	from = vg.Point{X: pt.X + r*vg.Length(dx/n), Y: pt.Y + r*vg.Length(dy/n)}
	// From the centre back towards pt, the box is left at the smaller of
	// the fractions that reach its sides.
	f := math.Inf(1)
	if dx != 0 {
		f = float64(b.Max.X-centre.X) / math.Abs(dx)
	}
	if dy != 0 {
		f = math.Min(f, float64(b.Max.Y-centre.Y)/math.Abs(dy))
	}
	to = vg.Point{X: centre.X - vg.Length(f*dx), Y: centre.Y - vg.Length(f*dy)}
	return from, to
}

// grow is b widened by d on every side.
func grow(b vg.Rectangle, d vg.Length) vg.Rectangle {
	return vg.Rectangle{Min: vg.Point{X: b.Min.X - d, Y: b.Min.Y - d}, Max: vg.Point{X: b.Max.X + d, Y: b.Max.Y + d}}
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
