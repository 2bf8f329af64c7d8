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
// not drawn.
func (f *Figure) AddMarks(marks ...Mark) {
	f.p.Add(&markPlotter{marks: append([]Mark(nil), marks...), th: f.th})
}

type markPlotter struct {
	marks []Mark
	th    *theme
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
		if m.Label != "" {
			c.FillText(text.Style(ts), vg.Point{X: x + vg.Points(2), Y: c.Max.Y - vg.Points(2)}, m.Label)
		}
	}
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
