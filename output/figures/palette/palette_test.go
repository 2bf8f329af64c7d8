package palette

import (
	"fmt"
	"image/color"
	"testing"
)

// TestPastThePaletteNoBuiltinColour: a series past the palette's eight
// (a claim's 32 cells, a compare of many regimes) never takes a built-in
// regime's colour (the first four) (audit researcher6, finding 3).
func TestPastThePaletteNoBuiltinColour(t *testing.T) {
	for slot := len(okabeIto); slot < 64; slot++ {
		for b := range builtinSlots {
			if Color(slot) == Color(b) {
				t.Errorf("slot %d takes built-in slot %d's colour %v", slot, b, Color(b))
			}
		}
	}
}

// TestStylesApart: the first Styles() series all differ, in lines by
// colour or dash pattern, in bars by colour or hatch (but for the last,
// Styles), so that a programme folder's 20 arms of five regimes can be
// drawn apart; before, slots past the 16th cycled onto the same 16 looks.
func TestStylesApart(t *testing.T) {
	type look struct {
		c       color.NRGBA
		pattern string
	}
	for _, tc := range []struct {
		drawn string
		n     int // how many first slots must differ
		look  func(slot int) look
	}{
		{"lines", Styles(), func(s int) look { return look{Color(s), fmt.Sprint(Dashes(s))} }},
		{"bars", Styles() - 1, func(s int) look { return look{Color(s), fmt.Sprint(HatchOf(s))} }},
	} {
		if tc.n < 27 {
			t.Errorf("%s: %d slots apart; want 27 or more", tc.drawn, tc.n)
		}
		seen := map[look]int{}
		for slot := range tc.n {
			l := tc.look(slot)
			if other, ok := seen[l]; ok {
				t.Errorf("%s: slots %d and %d look alike: colour %v, pattern %s", tc.drawn, other, slot, l.c, l.pattern)
			}
			seen[l] = slot
		}
	}
	if got, want := Color(Styles()+3), Color(builtinSlots+3); got != want {
		t.Errorf("Color(%d) = %v; want slot %d's, %v", Styles()+3, got, builtinSlots+3, want)
	}
}
