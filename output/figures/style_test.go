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
