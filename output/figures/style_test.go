package figures

import (
	"image/color"
	"testing"

	"github.com/borderwork/borderwork/output/figures/palette"
	"gonum.org/v1/plot/vg"
)

// TestStyleColor: the colours and dashes other front ends read are those
// the figures draw with, and the first is the palette's blue.
func TestStyleColor(t *testing.T) {
	if got, want := palette.StyleColor(1), (color.NRGBA{0x00, 0x72, 0xB2, 0xFF}); got != want {
		t.Errorf("palette.StyleColor(1) = %v; want Okabe–Ito blue %v", got, want)
	}
	for style := 1; style <= 30; style++ {
		ls := lineStyle(palette.Slot(0, style), vg.Points(1))
		if palette.StyleColor(style) != ls.Color {
			t.Errorf("palette.StyleColor(%d) = %v; the figures draw %v", style, palette.StyleColor(style), ls.Color)
		}
		d := palette.StyleDashes(style)
		if len(d) != len(ls.Dashes) {
			t.Errorf("palette.StyleDashes(%d) = %v; the figures draw %v", style, d, ls.Dashes)
			continue
		}
		for i := range d {
			if d[i] != float64(ls.Dashes[i]) {
				t.Errorf("palette.StyleDashes(%d) = %v; the figures draw %v", style, d, ls.Dashes)
			}
		}
	}
}

// TestStyleEdge: the edge other front ends read is the casing the
// figures draw under a light series' line, and only under a light one:
// the palette's yellow (the 7th) has it, its blue does not.
func TestStyleEdge(t *testing.T) {
	for style := 1; style <= 30; style++ {
		edge, width, ok := palette.StyleEdge(style)
		slot := palette.Slot(0, style)
		if ok != palette.Light(slot) {
			t.Errorf("palette.StyleEdge(%d): ok %v; the figures draw a casing: %v", style, ok, palette.Light(slot))
		}
		if ok && (edge != palette.Casing || width != float64(casingWidth)) {
			t.Errorf("palette.StyleEdge(%d) = %v, %v pt; the figures draw %v, %v pt", style, edge, width, palette.Casing, float64(casingWidth))
		}
	}
	if _, _, ok := palette.StyleEdge(7); !ok {
		t.Errorf("palette.StyleEdge(7), the palette's yellow: no edge; want one")
	}
	if _, _, ok := palette.StyleEdge(1); ok {
		t.Errorf("palette.StyleEdge(1), the palette's blue: an edge; want none")
	}
}
