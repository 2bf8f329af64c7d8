package figures

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// maxLegendWidth bounds the legend so that long series names wrap instead
// of squeezing the data area.
const maxLegendWidth = Width * 0.28

// legendPanel is a legend drawn right of the data area, top-aligned with
// it, so it can never cover data. Unlike plot.Legend, each entry is as
// tall as its own (possibly wrapped) label, so one long name does not
// spread out all the others.
type legendPanel struct {
	sty     text.Style
	thumb   vg.Length // sample width
	entries []legendEntry
}

type legendEntry struct {
	label string
	thumb plot.Thumbnailer
}

// legendGap separates a sample from its label, and entries from each other.
const legendGap = 5 * vg.Length(1)

// newLegend returns an empty legend with samples thumb wide.
func newLegend(thumb vg.Length) *legendPanel {
	sty := textStyle(legendSize)
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YTop
	return &legendPanel{sty: sty, thumb: thumb}
}

// add adds an entry; an empty label adds none.
func (lp *legendPanel) add(label string, thumb plot.Thumbnailer) {
	if label == "" {
		return
	}
	textW := maxLegendWidth - lp.thumb - legendGap
	lp.entries = append(lp.entries, legendEntry{label: wrapText(label, lp.sty, textW), thumb: thumb})
}

func (lp *legendPanel) width() vg.Length {
	var w vg.Length
	for _, e := range lp.entries {
		w = max(w, lp.sty.Width(e.label))
	}
	return lp.thumb + legendGap + w
}

func (lp *legendPanel) draw(c draw.Canvas) {
	line := lp.sty.Height("Xg")
	y := c.Max.Y
	for _, e := range lp.entries {
		// The sample sits beside the label's first line.
		thumb := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: c.Min.X, Y: y - line},
			Max: vg.Point{X: c.Min.X + lp.thumb, Y: y},
		}}
		e.thumb.Thumbnail(&thumb)
		c.FillText(lp.sty, vg.Point{X: c.Min.X + lp.thumb + legendGap, Y: y}, e.label)
		y -= lp.sty.Height(e.label) + legendGap
	}
}

// bandThumb is the legend sample of a line with its band.
type bandThumb struct {
	i       int
	band    bool
	markers bool
}

func (t bandThumb) Thumbnail(c *draw.Canvas) {
	midY := (c.Min.Y + c.Max.Y) / 2
	if t.markers {
		c.DrawGlyph(markerStyle(t.i), vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: midY})
		return
	}
	if t.band {
		h := (c.Max.Y - c.Min.Y) * 0.35
		c.FillPolygon(bandColor(t.i), []vg.Point{
			{X: c.Min.X, Y: midY - h}, {X: c.Max.X, Y: midY - h},
			{X: c.Max.X, Y: midY + h}, {X: c.Min.X, Y: midY + h},
		})
	}
	c.StrokeLine2(lineStyle(t.i), c.Min.X, midY, c.Max.X, midY)
}

// barThumb is the legend sample of a bar colour.
type barThumb struct{ i int }

func (t barThumb) Thumbnail(c *draw.Canvas) {
	h := c.Max.Y - c.Min.Y
	s := min(h*0.8, c.Max.X-c.Min.X)
	x0 := c.Min.X
	y0 := c.Min.Y + (h-s)/2
	pts := []vg.Point{{X: x0, Y: y0}, {X: x0 + s, Y: y0}, {X: x0 + s, Y: y0 + s}, {X: x0, Y: y0 + s}}
	c.FillPolygon(seriesColor(t.i), pts)
	c.StrokeLines(barOutline, append(pts, pts[0]))
}
