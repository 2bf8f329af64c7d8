package figures

import (
	"testing"

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
	placeTags(c, sty, tags, vg.Points(3))
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
