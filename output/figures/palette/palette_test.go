package palette

import (
	"image/color"
	"testing"
)

// TestPastThePaletteNoBuiltinColour: a series past the palette's eight
// (a claim's 32 cells, a compare of many regimes) never takes a built-in
// regime's colour (the first four), and the first 16 series all differ
// in colour or dash pattern (audit researcher6, finding 3).
func TestPastThePaletteNoBuiltinColour(t *testing.T) {
	for slot := len(okabeIto); slot < 64; slot++ {
		for b := range builtinSlots {
			if Color(slot) == Color(b) {
				t.Errorf("slot %d takes built-in slot %d's colour %v", slot, b, Color(b))
			}
		}
	}
	type look struct {
		c color.NRGBA
		d int
	}
	seen := map[look]int{}
	for slot := range 16 {
		l := look{Color(slot), Rank(slot) % NumDashes()}
		if other, ok := seen[l]; ok {
			t.Errorf("slots %d and %d look alike: colour %v, dashes %d", other, slot, l.c, l.d)
		}
		seen[l] = slot
	}
}
