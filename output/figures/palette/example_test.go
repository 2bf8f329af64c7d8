package palette_test

import (
	"fmt"

	"github.com/borderwork/borderwork/output/figures/palette"
)

// ExampleRegimeStyle gives the regimes of a compare of the built-in
// regimes and one of a scenario's own the colours, dash patterns and
// hatches the figures draw them in, as the classroom page does.
func ExampleRegimeStyle() {
	regimes := []string{"open", "closed", "malfunctioning", "hbm", "pushbacks"}
	for _, r := range regimes {
		style := palette.RegimeStyle(r, regimes)
		c := palette.StyleColor(style)
		fmt.Printf("%-15s #%02X%02X%02X dashes %v hatch %q\n", r, c.R, c.G, c.B, palette.StyleDashes(style), palette.StyleHatch(style).Name)
	}
	// Output:
	// open            #0072B2 dashes [] hatch ""
	// closed          #E69F00 dashes [6 3] hatch "rising"
	// malfunctioning  #009E73 dashes [1.5 2.5] hatch "falling"
	// hbm             #D55E00 dashes [7 2.5 1.5 2.5] hatch "crossed"
	// pushbacks       #CC79A7 dashes [12 4] hatch "upright"
}
