package figures

import (
	"bytes"
	"image/color"
	"io"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot/vg"
)

// TestMarks: a mark inside the x range is drawn with its label; one
// outside is not.
func TestMarks(t *testing.T) {
	draw := func(marks ...Mark) string {
		fig, err := TimeBands("t", "year", "people a day", []Band{{Label: "a", X: []float64{2016, 2017, 2018}, Mean: []float64{1, 3, 2}}}, Caption{})
		if err != nil {
			t.Fatal(err)
		}
		fig.AddMarks(marks...)
		var b bytes.Buffer
		if err := fig.Encode(&b, "svg"); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	plain := draw()
	in := draw(Mark{X: 2016.58, Label: "crackdown"})
	out := draw(Mark{X: 2019, Label: "crackdown"})
	if !strings.Contains(in, "crackdown") {
		t.Error("the label of a mark inside the range is not drawn")
	}
	if out != plain {
		t.Error("a mark outside the x range changed the figure")
	}
	if in == plain {
		t.Error("a mark inside the range drew nothing")
	}
}

func TestMonthTicker(t *testing.T) {
	start := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		lo, hi float64
		want   []string
	}{
		{0, 730, []string{"Jan 2016", "Jul 2016", "Jan 2017", "Jul 2017"}},
		{0, 120, []string{"Jan 2016", "Feb 2016", "Mar 2016", "Apr 2016"}},
		{10, 100, []string{"Feb 2016", "Mar 2016", "Apr 2016"}},
	}
	for _, tt := range tests {
		var got []string
		for _, tk := range (monthTicker{start}).Ticks(tt.lo, tt.hi) {
			got = append(got, tk.Label)
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("Ticks(%v, %v) = %v; want %v", tt.lo, tt.hi, got, tt.want)
		}
	}
}

// TestMarkLabelKeepsClear: a mark's label goes right of its line at the
// top of the data area; left of it when it does not fit on the right, or
// a point is in the way there and it fits on the left; lower down, still
// right of the line, when it does not fit on the left; at each size.
func TestMarkLabelKeepsClear(t *testing.T) {
	const label = "change: 1 Aug 2016"
	for _, size := range Sizes() {
		for _, tc := range []struct {
			name  string
			mark  float64   // the mark's x, of 0..100
			point []float64 // an observed point, x and y (of 0..10), if any
			where string    // right, left or lowered
		}{
			{"clear", 50, nil, "right"},
			{"point on the right", 50, []float64{56, 10}, "left"},
			{"point on the right, no room on the left", 3, []float64{9, 10}, "lowered"},
			{"no room on the right", 97, nil, "left"},
		} {
			t.Run(size.Name+"/"+tc.name, func(t *testing.T) {
				x := []float64{0, 25, 50, 75, 100}
				bands := []Band{{Label: "model", X: x, Mean: []float64{1, 2, 1, 2, 1}}, {Label: "max", Markers: true, X: []float64{0}, Mean: []float64{10}}}
				if tc.point != nil {
					bands = append(bands, Band{Label: "data", Markers: true, X: tc.point[:1], Mean: tc.point[1:]})
				}
				fig, err := TimeBands("t", "day", "people", bands, Caption{})
				if err != nil {
					t.Fatal(err)
				}
				fig.SetSize(size)
				fig.AddMarks(Mark{X: tc.mark, Label: label})
				l, err := fig.Layout("svg")
				if err != nil {
					t.Fatal(err)
				}
				var box *TextBox
				for i := range l.Text {
					if l.Text[i].Text == label {
						box = &l.Text[i]
					}
				}
				if box == nil {
					t.Fatal("the mark's label is not drawn")
				}
				at := func(v float64) vg.Length { return l.Data.Min.X + vg.Length(v/100)*(l.Data.Max.X-l.Data.Min.X) }
				right, atTop := box.Min.X > at(tc.mark), l.Data.Max.Y-box.Max.Y < box.Max.Y-box.Min.Y
				var where string
				switch {
				case right && atTop:
					where = "right"
				case !right && atTop && box.Max.X < at(tc.mark):
					where = "left"
				case right && !atTop:
					where = "lowered"
				default:
					where = "elsewhere"
				}
				if where != tc.where {
					t.Errorf("label at %v (data area %v, mark at x=%v): %s of the line; want %s", box.Rectangle, l.Data, at(tc.mark), where, tc.where)
				}
				if p := l.Problems(); len(p) > 0 {
					t.Errorf("layout problems: %v", p)
				}
			})
		}
	}
}

// fillRecorder records the boxes of the fills drawn on a canvas in one
// colour, of.
type fillRecorder struct {
	vg.CanvasSizer
	of    color.Color
	now   color.Color
	boxes []vg.Rectangle
}

func (r *fillRecorder) SetColor(c color.Color) {
	r.now = c
	r.CanvasSizer.SetColor(c)
}

func (r *fillRecorder) Fill(p vg.Path) {
	if r.now == r.of {
		lo, hi := pathBounds(p)
		r.boxes = append(r.boxes, vg.Rectangle{Min: lo, Max: hi})
	}
	r.CanvasSizer.Fill(p)
}

// TestMarkLabelBoxedWhenCrossed: where the series run through a mark's
// label wherever it fits (a narrow figure crowded with points, as a DTM
// figure at single size), it is drawn on a white box that keeps it
// legible; where it has a clear place, on none.
func TestMarkLabelBoxedWhenCrossed(t *testing.T) {
	const label = "change: 1 Aug 2016"
	x := make([]float64, 41)
	zigzag := make([]float64, len(x))
	for i := range x {
		x[i] = float64(i) * 2.5
		zigzag[i] = float64(10 * (i % 2)) // up and down across the whole height
	}
	for _, tc := range []struct {
		name  string
		mean  []float64
		boxed bool
	}{
		{"clear", []float64{1, 1, 1, 1, 1}, false},
		{"crossed everywhere", zigzag, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			xs := x
			if len(tc.mean) != len(x) {
				xs = []float64{0, 25, 50, 75, 100}
			}
			fig, err := TimeBands("t", "day", "people", []Band{{Label: "model", X: xs, Mean: tc.mean}, {Label: "max", Markers: true, X: []float64{0}, Mean: []float64{10}}}, Caption{})
			if err != nil {
				t.Fatal(err)
			}
			fig.SetSize(Single)
			fig.AddMarks(Mark{X: 50, Label: label})
			l, err := fig.Layout("svg")
			if err != nil {
				t.Fatal(err)
			}
			var text *TextBox
			for i := range l.Text {
				if l.Text[i].Text == label {
					text = &l.Text[i]
				}
			}
			if text == nil {
				t.Fatal("the mark's label is not drawn")
			}
			var rec *fillRecorder
			if err := fig.encode(io.Discard, "svg", func(c vg.CanvasSizer) vg.CanvasSizer {
				rec = &fillRecorder{CanvasSizer: c, of: color.White}
				return rec
			}); err != nil {
				t.Fatal(err)
			}
			boxed := false
			for _, b := range rec.boxes {
				boxed = boxed || (b.Min.X <= text.Min.X && b.Min.Y <= text.Min.Y && b.Max.X >= text.Max.X && b.Max.Y >= text.Max.Y && b.Max.X-b.Min.X < 2*(text.Max.X-text.Min.X))
			}
			if boxed != tc.boxed {
				t.Errorf("label at %v on a white box: %v; want %v (white fills %v)", text.Rectangle, boxed, tc.boxed, rec.boxes)
			}
		})
	}
}
