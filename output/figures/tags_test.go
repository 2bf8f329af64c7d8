package figures

import (
	"math"
	"strconv"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"
)

// TestTagsDoNotOverlap: the tags of points close together are written
// where they do not cover each other (they were all put above right of
// their points, so 6 and 5 read "65"), and a tag with room keeps its
// usual place above right.
func TestTagsDoNotOverlap(t *testing.T) {
	rec := new(recorder.Canvas)
	c := draw.Canvas{Canvas: rec, Rectangle: vg.Rectangle{Max: vg.Point{X: 300, Y: 200}}}
	sty := textStyle(vg.Points(10))
	tags := []tagAt{{"6", vg.Point{X: 100, Y: 100}}, {"5", vg.Point{X: 104, Y: 100}}, {"1", vg.Point{X: 200, Y: 50}}}
	placeTags(c, sty, tags, []vg.Point{tags[0].at, tags[1].at, tags[2].at}, vg.Points(3))
	type box struct {
		tag string
		r   vg.Rectangle
	}
	var boxes []box
	for _, a := range rec.Actions {
		if fs, ok := a.(*recorder.FillString); ok {
			w, h := sty.Width(fs.String), sty.Height(fs.String)
			boxes = append(boxes, box{fs.String, vg.Rectangle{Min: fs.Point, Max: vg.Point{X: fs.Point.X + w, Y: fs.Point.Y + h}}})
		}
	}
	if len(boxes) != len(tags) {
		t.Fatalf("wrote %d tags, want %d", len(boxes), len(tags))
	}
	for i := range boxes {
		for j := range i {
			a, b := boxes[i].r, boxes[j].r
			if a.Min.X < b.Max.X && b.Min.X < a.Max.X && a.Min.Y < b.Max.Y && b.Min.Y < a.Max.Y {
				t.Errorf("tags %s at %v and %s at %v overlap", boxes[i].tag, a, boxes[j].tag, b)
			}
		}
	}
	if one := boxes[2].r; one.Min.X < 200 || one.Min.Y < 50 {
		t.Errorf("tag 1, alone, is at %v, not above right of its point (200, 50)", one)
	}
}

// TestCrowdedTagsLegible: in a dense cluster of a Morris screening's
// points (sensitivity classroom --size single: the tags of 6, 5 and 7
// were printed over each other and read "657", since no corner of a
// point had room), every tag is written clear of every other tag and of
// every marker, inside the data area, and visibly belongs to its point:
// either no other point is as near to the tag as its own, or a leader
// line runs from its point to the tag; and no two leader lines cross.
func TestCrowdedTagsLegible(t *testing.T) {
	var pts []IntervalPoint
	nan := math.NaN()
	// Nine tagged points a marker's width apart, and untagged ones
	// around them and along the diagonal, as a screening's tail lies.
	for i := range 9 {
		x, y := 50+1.2*float64(i%3), 50+1.5*float64(i/3)
		pts = append(pts, IntervalPoint{Tag: strconv.Itoa(i + 1), X: x, Y: y, XLo: nan, XHi: nan, YLo: nan, YHi: nan})
	}
	for i := range 40 {
		x := 2.5 * float64(i)
		pts = append(pts, IntervalPoint{X: x, Y: x*0.9 + float64(i%4), XLo: nan, XHi: nan, YLo: nan, YHi: nan})
	}
	for _, size := range []struct {
		name string
		w, h vg.Length
	}{{"single", 200, 150}, {"double", 400, 220}} {
		t.Run(size.name, func(t *testing.T) {
			th := newTheme()
			sp := &intervalPlotter{pts: pts, th: th}
			p := plot.New()
			p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 100, 0, 100
			rec := new(recorder.Canvas)
			c := draw.Canvas{Canvas: rec, Rectangle: vg.Rectangle{Max: vg.Point{X: size.w, Y: size.h}}}
			sp.Plot(c, p)
			trX, trY := p.Transforms(&c)
			r := th.markerSize * 0.87
			var marks []vg.Point
			at := map[string]vg.Point{}
			for _, pt := range pts {
				m := vg.Point{X: trX(pt.X), Y: trY(pt.Y)}
				marks = append(marks, m)
				if pt.Tag != "" {
					at[pt.Tag] = m
				}
			}
			type box struct {
				tag string
				r   vg.Rectangle
			}
			var boxes []box
			var lines []vg.Path
			for _, a := range rec.Actions {
				switch a := a.(type) {
				case *recorder.FillString:
					sty := textStyle(a.Size)
					bottom := a.Point.Y - sty.FontExtents().Descent
					boxes = append(boxes, box{a.String, vg.Rectangle{Min: vg.Point{X: a.Point.X, Y: bottom}, Max: vg.Point{X: a.Point.X + sty.Width(a.String), Y: bottom + a.Size}}})
				case *recorder.Stroke:
					lines = append(lines, a.Path)
				}
			}
			if len(boxes) != 9 {
				t.Fatalf("wrote %d tags, want 9", len(boxes))
			}
			side := func(p, q, r vg.Point) float64 {
				return float64(q.X-p.X)*float64(r.Y-p.Y) - float64(q.Y-p.Y)*float64(r.X-p.X)
			}
			for i, l := range lines {
				for _, m := range lines[:i] {
					if len(l) != 2 || len(m) != 2 {
						continue
					}
					a, b, c, d := l[0].Pos, l[1].Pos, m[0].Pos, m[1].Pos
					if side(a, b, c)*side(a, b, d) < 0 && side(c, d, a)*side(c, d, b) < 0 {
						t.Errorf("leader lines %v and %v cross", l, m)
					}
				}
			}
			touches := func(a, b vg.Rectangle) bool {
				return a.Min.X < b.Max.X && b.Min.X < a.Max.X && a.Min.Y < b.Max.Y && b.Min.Y < a.Max.Y
			}
			for i, b := range boxes {
				if !touches(b.r, c.Rectangle) || b.r.Min.X < 0 || b.r.Min.Y < 0 || b.r.Max.X > size.w || b.r.Max.Y > size.h {
					t.Errorf("tag %s at %v leaves the data area %v", b.tag, b.r, c.Rectangle)
				}
				for _, o := range boxes[:i] {
					if touches(b.r, o.r) {
						t.Errorf("tags %s at %v and %s at %v overlap", b.tag, b.r, o.tag, o.r)
					}
				}
				for _, m := range marks {
					if touches(b.r, vg.Rectangle{Min: vg.Point{X: m.X - r, Y: m.Y - r}, Max: vg.Point{X: m.X + r, Y: m.Y + r}}) {
						t.Errorf("tag %s at %v covers the marker at %v", b.tag, b.r, m)
					}
				}
				own := at[b.tag]
				centre := vg.Point{X: (b.r.Min.X + b.r.Max.X) / 2, Y: (b.r.Min.Y + b.r.Max.Y) / 2}
				d := func(p vg.Point) vg.Length { return vg.Length(math.Hypot(float64(p.X-centre.X), float64(p.Y-centre.Y))) }
				nearest := true
				for _, m := range marks {
					if m != own && d(m) < d(own)+r {
						nearest = false
					}
				}
				led := false
				for _, l := range lines {
					if len(l) != 2 {
						continue
					}
					from, to := l[0].Pos, l[1].Pos
					gapFrom := vg.Length(math.Hypot(float64(from.X-own.X), float64(from.Y-own.Y)))
					near := touches(vg.Rectangle{Min: vg.Point{X: to.X - 2, Y: to.Y - 2}, Max: vg.Point{X: to.X + 2, Y: to.Y + 2}}, b.r)
					led = led || (gapFrom < r+2 && near)
				}
				if !nearest && !led {
					t.Errorf("tag %s at %v is as near to another point as to its own at %v, and no leader line joins them", b.tag, b.r, own)
				}
			}
		})
	}
}
