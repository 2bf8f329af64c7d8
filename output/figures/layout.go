package figures

import (
	"fmt"
	"io"
	"math"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// TextBox is where one line of text was drawn: its box, in points from
// the figure's bottom-left corner, one line pitch (the font size) tall,
// from just under the baseline (the font's descent) to above its capitals
// and ascenders.
type TextBox struct {
	Text string
	vg.Rectangle
}

// Layout is what drawing a figure placed: its canvas, its data area and
// every line of text.
type Layout struct {
	Canvas, Data vg.Rectangle
	Text         []TextBox
}

// Layout draws the figure in format at its size, recording every line of
// text the backend is asked to draw, and returns where it all went.
func (f *Figure) Layout(format string) (*Layout, error) {
	var rec *textRecorder
	err := f.encode(io.Discard, format, func(c vg.CanvasSizer) vg.CanvasSizer {
		rec = &textRecorder{CanvasSizer: c, m: identity}
		return rec
	})
	if err != nil {
		return nil, err
	}
	w, h := f.size.Width, f.size.Height
	return &Layout{Canvas: vg.Rectangle{Max: vg.Point{X: w, Y: h}}, Data: f.data, Text: rec.boxes}, nil
}

// layoutSlack is how far (in points) boxes may run into each other or
// over an edge before it counts: rounding, not design.
const layoutSlack = 0.05

// Problems lists, one line each, the text that overlaps other text,
// leaves the canvas, or runs across the edge of the data area (text
// inside it, such as a heat map's counts, is fine; a tick label running
// into the bars is not).
func (l *Layout) Problems() []string {
	var out []string
	inside := func(a, b vg.Rectangle) bool { // a within b
		return a.Min.X >= b.Min.X-layoutSlack && a.Min.Y >= b.Min.Y-layoutSlack &&
			a.Max.X <= b.Max.X+layoutSlack && a.Max.Y <= b.Max.Y+layoutSlack
	}
	for i, t := range l.Text {
		if !inside(t.Rectangle, l.Canvas) {
			out = append(out, fmt.Sprintf("%q at %s leaves the canvas %s", t.Text, rect(t.Rectangle), rect(l.Canvas)))
		}
		if overlap(t.Rectangle, l.Data) && !inside(t.Rectangle, l.Data) {
			out = append(out, fmt.Sprintf("%q at %s runs across the edge of the data area %s", t.Text, rect(t.Rectangle), rect(l.Data)))
		}
		for _, u := range l.Text[i+1:] {
			if overlap(t.Rectangle, u.Rectangle) {
				out = append(out, fmt.Sprintf("%q at %s overlaps %q at %s", t.Text, rect(t.Rectangle), u.Text, rect(u.Rectangle)))
			}
		}
	}
	return out
}

// overlap reports whether a and b share more than a sliver.
func overlap(a, b vg.Rectangle) bool {
	dx := min(a.Max.X, b.Max.X) - max(a.Min.X, b.Min.X)
	dy := min(a.Max.Y, b.Max.Y) - max(a.Min.Y, b.Min.Y)
	return dx > layoutSlack && dy > layoutSlack
}

func rect(r vg.Rectangle) string {
	return fmt.Sprintf("[%.1f,%.1f]-[%.1f,%.1f]", r.Min.X.Points(), r.Min.Y.Points(), r.Max.X.Points(), r.Max.Y.Points())
}

// affine is a 2-D affine map: (x, y) -> (a x + b y + c, d x + e y + f).
type affine struct{ a, b, c, d, e, f float64 }

var identity = affine{a: 1, e: 1}

// then is m followed, in user space, by n: the map of a point given in
// the coordinates n sets up.
func (m affine) then(n affine) affine {
	return affine{
		a: m.a*n.a + m.b*n.d, b: m.a*n.b + m.b*n.e, c: m.a*n.c + m.b*n.f + m.c,
		d: m.d*n.a + m.e*n.d, e: m.d*n.b + m.e*n.e, f: m.d*n.c + m.e*n.f + m.f,
	}
}

func (m affine) apply(p vg.Point) vg.Point {
	x, y := float64(p.X), float64(p.Y)
	return vg.Point{X: vg.Length(m.a*x + m.b*y + m.c), Y: vg.Length(m.d*x + m.e*y + m.f)}
}

// textRecorder passes everything on to the canvas it wraps, keeping
// track of the transforms, and records the box of every string filled.
type textRecorder struct {
	vg.CanvasSizer
	m     affine
	stack []affine
	boxes []TextBox
}

func (r *textRecorder) Push() {
	r.stack = append(r.stack, r.m)
	r.CanvasSizer.Push()
}

func (r *textRecorder) Pop() {
	r.m = r.stack[len(r.stack)-1]
	r.stack = r.stack[:len(r.stack)-1]
	r.CanvasSizer.Pop()
}

func (r *textRecorder) Translate(pt vg.Point) {
	r.m = r.m.then(affine{a: 1, c: float64(pt.X), e: 1, f: float64(pt.Y)})
	r.CanvasSizer.Translate(pt)
}

func (r *textRecorder) Rotate(rad float64) {
	sin, cos := math.Sincos(rad)
	r.m = r.m.then(affine{a: cos, b: -sin, d: sin, e: cos})
	r.CanvasSizer.Rotate(rad)
}

func (r *textRecorder) Scale(x, y float64) {
	r.m = r.m.then(affine{a: x, e: y})
	r.CanvasSizer.Scale(x, y)
}

func (r *textRecorder) FillString(f font.Face, pt vg.Point, s string) {
	r.CanvasSizer.FillString(f, pt, s)
	w := f.Width(s)
	if s == "" || w == 0 || f.Font.Size == 0 {
		return
	}
	bottom := pt.Y - f.Extents().Descent
	corners := []vg.Point{
		{X: pt.X, Y: bottom}, {X: pt.X + w, Y: bottom},
		{X: pt.X, Y: bottom + f.Font.Size}, {X: pt.X + w, Y: bottom + f.Font.Size},
	}
	box := vg.Rectangle{Min: vg.Point{X: vg.Length(math.Inf(1)), Y: vg.Length(math.Inf(1))}, Max: vg.Point{X: vg.Length(math.Inf(-1)), Y: vg.Length(math.Inf(-1))}}
	for _, c := range corners {
		p := r.m.apply(c)
		box.Min.X, box.Min.Y = min(box.Min.X, p.X), min(box.Min.Y, p.Y)
		box.Max.X, box.Max.Y = max(box.Max.X, p.X), max(box.Max.Y, p.Y)
	}
	r.boxes = append(r.boxes, TextBox{Text: s, Rectangle: box})
}
