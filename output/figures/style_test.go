package figures

import (
	"image/color"
	"testing"

	"gonum.org/v1/plot/vg"
)

// TestStyleColor: the colours and dashes other front ends read are those
// the figures draw with, and the first is the palette's blue.
func TestStyleColor(t *testing.T) {
	if got, want := StyleColor(1), (color.NRGBA{0x00, 0x72, 0xB2, 0xFF}); got != want {
		t.Errorf("StyleColor(1) = %v; want Okabe–Ito blue %v", got, want)
	}
	for style := 1; style <= 30; style++ {
		ls := lineStyle(styleIndex(0, style), vg.Points(1))
		if StyleColor(style) != ls.Color {
			t.Errorf("StyleColor(%d) = %v; the figures draw %v", style, StyleColor(style), ls.Color)
		}
		d := StyleDashes(style)
		if len(d) != len(ls.Dashes) {
			t.Errorf("StyleDashes(%d) = %v; the figures draw %v", style, d, ls.Dashes)
			continue
		}
		for i := range d {
			if d[i] != float64(ls.Dashes[i]) {
				t.Errorf("StyleDashes(%d) = %v; the figures draw %v", style, d, ls.Dashes)
			}
		}
	}
}

// TestStyleEdge: the edge other front ends read is the casing the
// figures draw under a light series' line, and only under a light one:
// the palette's yellow (the 7th) has it, its blue does not.
func TestStyleEdge(t *testing.T) {
	for style := 1; style <= 30; style++ {
		edge, width, ok := StyleEdge(style)
		slot := styleIndex(0, style)
		if ok != isLight(slot) {
			t.Errorf("StyleEdge(%d): ok %v; the figures draw a casing: %v", style, ok, isLight(slot))
		}
		if ok && (edge != casingColor || width != float64(casingWidth)) {
			t.Errorf("StyleEdge(%d) = %v, %v pt; the figures draw %v, %v pt", style, edge, width, casingColor, float64(casingWidth))
		}
	}
	if _, _, ok := StyleEdge(7); !ok {
		t.Errorf("StyleEdge(7), the palette's yellow: no edge; want one")
	}
	if _, _, ok := StyleEdge(1); ok {
		t.Errorf("StyleEdge(1), the palette's blue: an edge; want none")
	}
}

// TestPastThePaletteNoBuiltinColour: a series past the palette's eight
// (a claim's 32 cells, a compare of many regimes) never takes a built-in
// regime's colour (the first four), and the first 16 series all differ
// in colour or dash pattern (audit researcher6, finding 3).
func TestPastThePaletteNoBuiltinColour(t *testing.T) {
	for slot := len(okabeIto); slot < 64; slot++ {
		for b := range builtinSlots {
			if seriesColor(slot) == seriesColor(b) {
				t.Errorf("slot %d takes built-in slot %d's colour %v", slot, b, seriesColor(b))
			}
		}
	}
	type look struct {
		c color.NRGBA
		d int
	}
	seen := map[look]int{}
	for slot := range 16 {
		l := look{seriesColor(slot), rank(slot) % len(dashes)}
		if other, ok := seen[l]; ok {
			t.Errorf("slots %d and %d look alike: colour %v, dashes %d", other, slot, l.c, l.d)
		}
		seen[l] = slot
	}
}
