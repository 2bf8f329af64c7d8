package figures

import (
	"github.com/borderwork/borderwork/output/figures/palette"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// maxLegendShare bounds a legend beside the data to this share of the
// figure's width, so that long series names wrap instead of squeezing the
// data area.
const maxLegendShare = 0.28

// legendPanel is a legend drawn beside the data area, top-aligned with
// it, or under it in a narrow figure, so it can never cover data. Unlike
// plot.Legend, each entry is as tall as its own (possibly wrapped) label,
// so one long name does not spread out all the others.
type legendPanel struct {
	thumb   vg.Length // sample width, in units of the legend's type size
	entries []legendEntry
	// columns lays a legend under the data out in columns, each as wide
	// as its widest entry, rather than each row's entries one after the
	// other: for a key whose entries read down as well as across (the
	// tags of an IntervalScatter).
	columns bool
	// belowThumb, if not 0, is the samples' width under the data, in
	// units of the legend's type size, where columns of thumb-wide
	// samples would not fit side by side: an IntervalScatter's tags are
	// a digit or two, and its guides' dash patterns show in 2.
	belowThumb vg.Length
}

type legendEntry struct {
	label string
	thumb plot.Thumbnailer
}

// legendGap separates a sample from its label, and entries from each other.
const legendGap = 4 * vg.Length(1)

// newLegend returns an empty legend whose samples are thumb type sizes
// wide (about 3 for a line sample, 1 for a square).
func newLegend(thumb vg.Length) *legendPanel { return &legendPanel{thumb: thumb} }

// add adds an entry; an empty label adds none.
func (lp *legendPanel) add(label string, thumb plot.Thumbnailer) {
	if label == "" {
		return
	}
	lp.entries = append(lp.entries, legendEntry{label: label, thumb: thumb})
}

func (lp *legendPanel) style(th *theme) text.Style {
	sty := textStyle(th.legendSize)
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YTop
	return sty
}

func (lp *legendPanel) thumbWidth(th *theme) vg.Length { return lp.thumb * th.legendSize }

// thumbWidthBelow is the samples' width in a legend under the data.
func (lp *legendPanel) thumbWidthBelow(th *theme) vg.Length {
	if lp.belowThumb > 0 {
		return lp.belowThumb * th.legendSize
	}
	return lp.thumbWidth(th)
}

// labels are the entries' labels wrapped to the width a legend beside
// the data may take.
func (lp *legendPanel) labels(th *theme) []string {
	sty := lp.style(th)
	textW := th.figWidth*maxLegendShare - lp.thumbWidth(th) - legendGap
	out := make([]string, len(lp.entries))
	for i, e := range lp.entries {
		out[i] = wrapText(e.label, sty, textW)
	}
	return out
}

func (lp *legendPanel) width(th *theme) vg.Length {
	sty := lp.style(th)
	var w vg.Length
	for _, l := range lp.labels(th) {
		w = max(w, sty.Width(l))
	}
	return lp.thumbWidth(th) + legendGap + w
}

// sideHeight is the height the legend takes beside the data: its
// entries', one under another.
func (lp *legendPanel) sideHeight(th *theme) vg.Length {
	sty := lp.style(th)
	var h vg.Length
	for i, l := range lp.labels(th) {
		if i > 0 {
			h += legendGap
		}
		h += sty.Height(l)
	}
	return h
}

// draw draws the legend top down from c's top; Figure.draw refuses a
// legend taller than c (sideHeight), which would run over the caption.
func (lp *legendPanel) draw(c draw.Canvas, th *theme) {
	sty := lp.style(th)
	line := sty.Height("Xg")
	y := c.Max.Y
	for i, l := range lp.labels(th) {
		lp.entry(c, th, i, vg.Point{X: c.Min.X, Y: y}, line, l, lp.thumbWidth(th))
		y -= sty.Height(l) + legendGap
	}
}

// entry draws entry i's sample, tw wide, and label l with its top-left
// corner at at; line is the height of one line of text.
func (lp *legendPanel) entry(c draw.Canvas, th *theme, i int, at vg.Point, line vg.Length, l string, tw vg.Length) {
	sty := lp.style(th)
	// The sample sits beside the label's first line.
	thumb := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
		Min: vg.Point{X: at.X, Y: at.Y - line},
		Max: vg.Point{X: at.X + tw, Y: at.Y},
	}}
	lp.entries[i].thumb.Thumbnail(&thumb)
	c.FillText(sty, vg.Point{X: at.X + tw + legendGap, Y: at.Y}, l)
}

// entryGap separates the entries of a row of a legend under the data.
const entryGap = 2 * legendGap

// rows lays the entries out left to right in rows no wider than width,
// for a legend under the data: the entries' indices per row, their
// labels (wrapped only if one alone is wider than width), and where
// each entry starts, from the left of the row.
func (lp *legendPanel) rows(th *theme, width vg.Length) ([][]int, []string, []vg.Length) {
	sty := lp.style(th)
	tw := lp.thumbWidthBelow(th)
	labels := make([]string, len(lp.entries))
	widths := make([]vg.Length, len(lp.entries))
	for i, e := range lp.entries {
		labels[i] = breakWide(wrapText(e.label, sty, width-tw-legendGap), sty, width-tw-legendGap)
		widths[i] = tw + legendGap + sty.Width(labels[i])
	}
	at := make([]vg.Length, len(lp.entries))
	if lp.columns {
		// The most columns that fit, filled row by row.
		for n := len(lp.entries); n >= 1; n-- {
			colW := make([]vg.Length, n)
			for i, w := range widths {
				colW[i%n] = max(colW[i%n], w)
			}
			var x vg.Length
			colX := make([]vg.Length, n)
			for c, w := range colW {
				colX[c] = x
				x += w + entryGap
			}
			if x-entryGap > width && n > 1 {
				continue
			}
			var rows [][]int
			for i := range lp.entries {
				if i%n == 0 {
					rows = append(rows, nil)
				}
				rows[len(rows)-1] = append(rows[len(rows)-1], i)
				at[i] = colX[i%n]
			}
			return rows, labels, at
		}
	}
	var rows [][]int
	var x vg.Length
	for i, w := range widths {
		if len(rows) == 0 || x+entryGap+w > width {
			rows = append(rows, []int{i})
			x = w
			continue
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], i)
		at[i] = x + entryGap
		x += entryGap + w
	}
	return rows, labels, at
}

func (lp *legendPanel) height(th *theme, width vg.Length) vg.Length {
	sty := lp.style(th)
	rows, labels, _ := lp.rows(th, width)
	var h vg.Length
	for r, row := range rows {
		var rh vg.Length
		for _, i := range row {
			rh = max(rh, sty.Height(labels[i]))
		}
		if r > 0 {
			h += legendGap / 2
		}
		h += rh
	}
	return h
}

func (lp *legendPanel) drawBelow(c draw.Canvas, th *theme) {
	sty := lp.style(th)
	line := sty.Height("Xg")
	width := c.Max.X - c.Min.X
	rows, labels, at := lp.rows(th, width)
	y := c.Max.Y
	for _, row := range rows {
		var rh vg.Length
		for _, i := range row {
			lp.entry(c, th, i, vg.Point{X: c.Min.X + at[i], Y: y}, line, labels[i], lp.thumbWidthBelow(th))
			rh = max(rh, sty.Height(labels[i]))
		}
		y -= rh + legendGap/2
	}
}

// tagThumb is the legend sample of a key: the tag it explains, set flush
// right in the samples' column, so that the tags of a key stand in one
// column and what they stand for in the next, with the other entries'
// labels.
type tagThumb struct {
	tag string
	th  *theme
}

func (t tagThumb) Thumbnail(c *draw.Canvas) {
	sty := textStyle(t.th.legendSize)
	sty.XAlign, sty.YAlign = draw.XRight, draw.YTop
	c.FillText(sty, vg.Point{X: c.Max.X, Y: c.Max.Y}, t.tag)
}

// bandThumb is the legend sample of a line with its band.
type bandThumb struct {
	i       int
	band    bool
	markers bool
	marked  bool
	th      *theme
}

func (t bandThumb) Thumbnail(c *draw.Canvas) {
	midY := (c.Min.Y + c.Max.Y) / 2
	if t.markers {
		drawMarker(*c, t.i, t.th, vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: midY})
		return
	}
	if t.band {
		h := (c.Max.Y - c.Min.Y) * 0.35
		c.FillPolygon(bandColor(t.i), []vg.Point{
			{X: c.Min.X, Y: midY - h}, {X: c.Max.X, Y: midY - h},
			{X: c.Max.X, Y: midY + h}, {X: c.Min.X, Y: midY + h},
		})
	}
	strokeSeries(*c, t.i, t.th.lineWidth, []vg.Point{{X: c.Min.X, Y: midY}, {X: c.Max.X, Y: midY}})
	if t.marked {
		drawMarker(*c, t.i, t.th, vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: midY})
	}
}

// barThumb is the legend sample of the bars of the series in slot: their
// fill and hatch, unless they are plain (barsPlotter.plain).
type barThumb struct {
	slot  int
	plain bool
}

func (t barThumb) Thumbnail(c *draw.Canvas) {
	h := c.Max.Y - c.Min.Y
	s := h * 0.8
	x0, x1 := c.Min.X, c.Max.X
	y0 := c.Min.Y + (h-s)/2
	pts := []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y0 + s}, {X: x0, Y: y0 + s}}
	c.FillPolygon(palette.Color(t.slot), pts)
	if !t.plain {
		drawHatch(*c, bounds(pts), t.slot)
	}
	c.StrokeLines(barOutline, append(pts, pts[0]))
}

// markerThumb is the legend sample of a series of point markers.
type markerThumb struct {
	i  int
	th *theme
}

func (t markerThumb) Thumbnail(c *draw.Canvas) {
	drawMarker(*c, t.i, t.th, c.Center())
}
