package figures

import (
	"image/color"
	"math"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Mark is a vertical line across a figure's data area at X, labelled at
// its top: a date on a time axis, such as the day a policy changed.
type Mark struct {
	X     float64
	Label string
}

// AddMarks draws marks on f, a figure with a numeric x axis (TimeBands),
// as thin dashed grey lines over its data; a mark outside the x range is
// not drawn. A mark's label goes at the top of the data area, right of
// its line, or left of it where it does not fit on the right or the
// data's lines, band edges or points would run through it there (as the
// narrower single size can make them), lower down if they would run
// through it on either side (labelPlace), and on a white box, hiding the
// little it covers, if they run through it wherever it fits.
func (f *Figure) AddMarks(marks ...Mark) {
	f.p.Add(&markPlotter{marks: append([]Mark(nil), marks...), th: f.th, bands: f.bands})
}

type markPlotter struct {
	marks []Mark
	th    *theme
	bands *bandsPlotter // the series labels keep clear of; may be nil
}

var markGrey = color.NRGBA{0x55, 0x55, 0x55, 0xFF}

func (mp *markPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	ls := draw.LineStyle{Color: markGrey, Width: mp.th.thinWidth * 2, Dashes: []vg.Length{vg.Points(3), vg.Points(2)}}
	ts := textStyle(mp.th.tickSize)
	ts.Color = markGrey
	ts.XAlign = draw.XLeft
	ts.YAlign = draw.YTop
	for _, m := range mp.marks {
		if m.X < p.X.Min || m.X > p.X.Max {
			continue
		}
		x := trX(m.X)
		c.StrokeLine2(ls, x, c.Min.Y, x, c.Max.Y)
		if m.Label == "" {
			continue
		}
		w, h := ts.Width(m.Label), ts.Height(m.Label)
		at, style, clear := mp.labelPlace(c, p, x, w, h, ts)
		if !clear {
			// The series run through it wherever it fits (a narrow
			// figure crowded with points): a white box behind it keeps
			// it legible, hiding the little it covers rather than
			// striking the label through.
			x0 := at.X
			if style.XAlign == draw.XRight {
				x0 -= w
			}
			pad := vg.Points(1)
			c.SetColor(color.White)
			var box vg.Path
			box.Move(vg.Point{X: x0 - pad, Y: at.Y - h - pad})
			box.Line(vg.Point{X: x0 + w + pad, Y: at.Y - h - pad})
			box.Line(vg.Point{X: x0 + w + pad, Y: at.Y + pad})
			box.Line(vg.Point{X: x0 - pad, Y: at.Y + pad})
			box.Close()
			c.Fill(box)
		}
		c.FillText(text.Style(style), at, m.Label)
	}
}

// labelPlace is where a label w wide and h high goes, in style ts, for
// a mark at x: at the top of the data area, right of the line, or left of
// it if it does not fit on the right or the series run through it there;
// if they run through it on each side it fits, lowered a half line at a
// time, right of the line before left, until they do not, down to the
// middle of the data area; and if they run through it all the way, at
// the top, on the first side it fits (the right if neither), not clear.
func (mp *markPlotter) labelPlace(c draw.Canvas, p *plot.Plot, x, w, h vg.Length, ts draw.TextStyle) (at vg.Point, style draw.TextStyle, clear bool) {
	gap := vg.Points(2)
	top := c.Max.Y - gap
	left := ts
	left.XAlign = draw.XRight
	type side struct {
		x0, at vg.Length // the box's left edge, and where the text is anchored
		ts     draw.TextStyle
	}
	var sides []side
	if x+gap+w <= c.Max.X {
		sides = append(sides, side{x + gap, x + gap, ts})
	}
	if x-gap-w >= c.Min.X {
		sides = append(sides, side{x - gap - w, x - gap, left})
	}
	if len(sides) == 0 {
		return vg.Point{X: x + gap, Y: top}, ts, !mp.crosses(c, p, vg.Rectangle{Min: vg.Point{X: x + gap, Y: top - h}, Max: vg.Point{X: x + gap + w, Y: top}})
	}
	for y := top; y == top || y-h >= (c.Min.Y+c.Max.Y)/2; y -= h / 2 {
		for _, sd := range sides {
			if !mp.crosses(c, p, vg.Rectangle{Min: vg.Point{X: sd.x0, Y: y - h}, Max: vg.Point{X: sd.x0 + w, Y: y}}) {
				return vg.Point{X: sd.at, Y: y}, sd.ts, true
			}
		}
	}
	return vg.Point{X: sides[0].at, Y: top}, sides[0].ts, false
}

// crosses reports whether any of the series' lines, band edges or points
// runs through r, a rectangle on canvas c, grown by a marker's radius.
func (mp *markPlotter) crosses(c draw.Canvas, p *plot.Plot, r vg.Rectangle) bool {
	if mp.bands == nil {
		return false
	}
	pad := mp.th.markerSize
	r = vg.Rectangle{Min: vg.Point{X: r.Min.X - pad, Y: r.Min.Y - pad}, Max: vg.Point{X: r.Max.X + pad, Y: r.Max.Y + pad}}
	trX, trY := mp.bands.transforms(&c, p)
	for _, b := range mp.bands.bands {
		series := [][]float64{b.Mean}
		if !b.Markers {
			series = append(series, b.Hi, b.Lo)
			series = append(series, b.Replicates...)
		}
		for _, ys := range series {
			if len(ys) != len(b.X) {
				continue
			}
			var prev *vg.Point
			for j, y := range ys {
				if !mp.bands.shown(y) {
					prev = nil
					continue
				}
				pt := vg.Point{X: trX(b.X[j]), Y: trY(y)}
				if pointIn(pt, r) || (!b.Markers && prev != nil && segmentCrosses(*prev, pt, r)) {
					return true
				}
				prev = &pt
			}
		}
	}
	return false
}

func pointIn(pt vg.Point, r vg.Rectangle) bool {
	return pt.X >= r.Min.X && pt.X <= r.Max.X && pt.Y >= r.Min.Y && pt.Y <= r.Max.Y
}

// segmentCrosses reports whether the segment from a to b passes through
// r (Liang-Barsky clipping).
func segmentCrosses(a, b vg.Point, r vg.Rectangle) bool {
	t0, t1 := 0.0, 1.0
	dx, dy := float64(b.X-a.X), float64(b.Y-a.Y)
	for _, e := range [4][2]float64{
		{-dx, float64(a.X - r.Min.X)}, {dx, float64(r.Max.X - a.X)},
		{-dy, float64(a.Y - r.Min.Y)}, {dy, float64(r.Max.Y - a.Y)},
	} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return false
			}
			continue
		}
		t := q / p
		if p < 0 {
			t0 = math.Max(t0, t)
		} else {
			t1 = math.Min(t1, t)
		}
		if t0 > t1 {
			return false
		}
	}
	return true
}

// DateAxis labels f's x axis as dates, the x values being days since
// start: a tick on the first day of every month, every second, third,
// sixth or twelfth month as the span needs for at most six labels,
// labelled "Jan 2016".
func (f *Figure) DateAxis(start time.Time) {
	f.p.X.Tick.Marker = monthTicker{start: start}
}

type monthTicker struct{ start time.Time }

func (mt monthTicker) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return nil
	}
	day := func(t time.Time) float64 { return t.Sub(mt.start).Hours() / 24 }
	at := func(x float64) time.Time { return mt.start.Add(time.Duration(x * 24 * float64(time.Hour))) }
	first := at(lo)
	m := time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, time.UTC)
	if day(m) < lo-1e-9 {
		m = m.AddDate(0, 1, 0)
	}
	months := (hi - lo) / 30.44
	every := 12
	for _, e := range []int{1, 2, 3, 6, 12} {
		if months/float64(e) <= 6 {
			every = e
			break
		}
	}
	var ticks []plot.Tick
	for ; day(m) <= hi+1e-9; m = m.AddDate(0, 1, 0) {
		if (int(m.Month())-1)%every == 0 {
			ticks = append(ticks, plot.Tick{Value: day(m), Label: m.Format("Jan 2006")})
		}
	}
	return ticks
}
