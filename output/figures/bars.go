package figures

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Bar is one bar with a 95% interval (Lo, Hi may be NaN: no error bar).
// A NaN Mean draws no bar.
type Bar struct {
	Label        string // category within a group, e.g. "extortion by smuggler"
	Mean, Lo, Hi float64
}

// Group is the bars of one regime (or one series) in a grouped bar chart.
type Group struct {
	Label string // e.g. regime name
	Bars  []Bar  // every group has the same categories in the same order
	Style int    // colour: 1 for the palette's first, ...; 0 takes the group's position
}

var (
	barOutline = draw.LineStyle{Color: color.Gray{Y: 0x33}, Width: vg.Points(0.4)}
	errorStyle = draw.LineStyle{Color: color.Black, Width: vg.Points(0.9)}
	zeroStyle  = draw.LineStyle{Color: color.Black, Width: vg.Points(0.6)}
)

// clusterWidth is the share of a category's slot covered by its bars; the
// rest separates neighbouring clusters.
const clusterWidth = 0.8

// GroupedBars draws grouped bars with error bars: one cluster per category,
// one colour per group (regime), with the legend right of the bars so it
// hides none. Category labels wrap to their cluster's width, or are set
// vertically when a single word is too long for it.
func GroupedBars(title, yLabel string, groups []Group, c Caption) (*Figure, error) {
	if err := checkGroups(groups); err != nil {
		return nil, fmt.Errorf("figures: GroupedBars %q: %w", title, err)
	}
	p := plot.New()
	styleAxes(p, "", yLabel)
	bp := make(barsPlotter, len(groups)) // a copy: see TimeBands
	for i, g := range groups {
		bp[i] = Group{Label: g.Label, Bars: slices.Clone(g.Bars), Style: g.Style}
	}
	p.Add(grid(false), bp)
	n := len(groups[0].Bars)
	p.X.Min, p.X.Max = -0.5, float64(n)-0.5
	_, _, ymin, ymax := bp.DataRange()
	p.Y.Min, p.Y.Max = yRange(ymin, ymax)
	p.X.Tick.Length = 0
	p.X.Padding = 0

	labels := make([]string, n)
	for i, b := range groups[0].Bars {
		labels[i] = b.Label
	}
	lg := newLegend(vg.Points(9))
	for i, g := range groups {
		lg.add(g.Label, barThumb{styleIndex(i, g.Style)})
	}
	fig := &Figure{
		p:       p,
		title:   title,
		yLabel:  yLabel,
		caption: c.text("", "error bars: 95% intervals across replicates"),
		fit:     categoryTicks(labels),
	}
	if len(lg.entries) > 0 {
		fig.side = lg
	}
	return fig, nil
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
		}
	}
	return nil
}

// categoryTicks returns a Figure.fit that labels the clusters, wrapped to
// the cluster width once the data area's width is known. A label with a
// word too long for its cluster even when broken after hyphens is set
// vertically instead (with all the others, for a consistent look): a
// slant would run the first label off the figure's left edge.
func categoryTicks(labels []string) func(*plot.Plot, vg.Rectangle) {
	return func(p *plot.Plot, data vg.Rectangle) {
		slot := (data.Max.X - data.Min.X) / vg.Length(len(labels))
		sty := p.X.Tick.Label
		sty.Rotation = 0
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
		ticks := make([]plot.Tick, len(labels))
		fits := true
		for i, l := range labels {
			w := wrapText(l, sty, slot*0.95)
			if sty.Width(w) > slot*0.95 {
				w = wrap(l, sty, slot*0.95, true)
			}
			ticks[i] = plot.Tick{Value: float64(i), Label: w}
			fits = fits && sty.Width(w) <= slot
		}
		if !fits {
			sty.Rotation = math.Pi / 2
			sty.XAlign, sty.YAlign = draw.XRight, draw.YCenter
			for i, l := range labels {
				ticks[i].Label = wrap(l, sty, Height*0.25, true)
			}
		}
		p.X.Tick.Label = sty
		p.X.Tick.Marker = plot.ConstantTicks(ticks)
	}
}

// barsPlotter draws the bars of all groups, then their error bars, so
// that no bar hides a neighbour's error bar.
type barsPlotter []Group

// barSpan returns the x extent of group g's bar in category i.
func (gs barsPlotter) barSpan(i, g int) (x0, x1 float64) {
	w := clusterWidth / float64(len(gs))
	x0 = float64(i) - clusterWidth/2 + float64(g)*w
	return x0, x0 + w
}

func (gs barsPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	base := math.Max(p.Y.Min, math.Min(0, p.Y.Max))
	for gi, g := range gs {
		for i, b := range g.Bars {
			if math.IsNaN(b.Mean) {
				continue
			}
			x0, x1 := gs.barSpan(i, gi)
			pts := []vg.Point{
				{X: trX(x0), Y: trY(base)}, {X: trX(x1), Y: trY(base)},
				{X: trX(x1), Y: trY(b.Mean)}, {X: trX(x0), Y: trY(b.Mean)},
			}
			pts = c.ClipPolygonXY(pts)
			c.FillPolygon(seriesColor(styleIndex(gi, g.Style)), pts)
			if len(pts) > 0 {
				c.StrokeLines(barOutline, append(pts, pts[0]))
			}
		}
	}
	if p.Y.Min < 0 && p.Y.Max > 0 {
		c.StrokeLine2(zeroStyle, c.Min.X, trY(0), c.Max.X, trY(0))
	}
	for gi, g := range gs {
		for i, b := range g.Bars {
			if !finite(b.Lo) || !finite(b.Hi) {
				continue
			}
			x0, x1 := gs.barSpan(i, gi)
			x := trX((x0 + x1) / 2)
			capW := min((trX(x1)-trX(x0))*0.25, vg.Points(4))
			lo, hi := trY(b.Lo), trY(b.Hi)
			c.StrokeLines(errorStyle, c.ClipLinesXY(
				[]vg.Point{{X: x, Y: lo}, {X: x, Y: hi}},
				[]vg.Point{{X: x - capW, Y: lo}, {X: x + capW, Y: lo}},
				[]vg.Point{{X: x - capW, Y: hi}, {X: x + capW, Y: hi}},
			)...)
		}
	}
}

// DataRange covers 0 (the bars' base), every mean and every interval.
func (gs barsPlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	ymin, ymax = 0, 0
	for _, g := range gs {
		for _, b := range g.Bars {
			for _, v := range []float64{b.Mean, b.Lo, b.Hi} {
				if finite(v) {
					ymin, ymax = math.Min(ymin, v), math.Max(ymax, v)
				}
			}
		}
	}
	return -0.5, float64(len(gs[0].Bars)) - 0.5, ymin, ymax
}
