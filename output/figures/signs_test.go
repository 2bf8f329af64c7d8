package figures

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// circles counts the circular paths (markers, rings, dots) of an SVG.
var circles = regexp.MustCompile(`<path d="M[^"]*A[^"]*"`)

// TestDivergingSigns: a diverging map's two ends are both dark in grey
// print, so its sign is drawn too: a heat map hatches each cell below 0
// (and its colour bar below 0), a map of points draws a point below 0 as
// a square. A sequential map draws neither, and a diverging map with
// nothing below 0 draws no hatch.
func TestDivergingSigns(t *testing.T) {
	x, y := []float64{1, 2, 3}, []float64{10, 20}
	grid := func(first float64) [][]float64 { return [][]float64{{first, 2, 3}, {4, 5, 6}} }
	// hatches counts the lines drawn in the hatch's width.
	hatches := func(z [][]float64, diverging bool) int {
		t.Helper()
		fig, err := HeatmapWith("Deaths: malfunctioning minus closed", "outage start", "outage days", "difference", x, y, z, HeatOptions{Diverging: diverging}, sampleCaption)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Count(savedSVG(t, fig), fmt.Sprintf("stroke-width:%g\"", hatchWidth.Points()))
	}
	if n := hatches(grid(-1), true); n == 0 {
		t.Errorf("a diverging heat map with a cell below 0 draws no hatch")
	}
	for _, c := range []struct {
		name      string
		first     float64
		diverging bool
	}{{"a sequential heat map with a cell below 0", -1, false}, {"a diverging heat map with nothing below 0", 1, true}} {
		if n := hatches(grid(c.first), c.diverging); n != 0 {
			t.Errorf("%s draws %d hatch lines; want none", c.name, n)
		}
	}

	px, py := []float64{1, 2, 3, 4}, []float64{1, 3, 2, 4}
	rounds := func(z []float64, diverging bool) int {
		t.Helper()
		fig, err := ColorPoints("Deaths: malfunctioning minus closed", "outage start", "outage days", "difference", px, py, z, HeatOptions{Diverging: diverging}, sampleCaption)
		if err != nil {
			t.Fatal(err)
		}
		return len(circles.FindAllString(savedSVG(t, fig), -1))
	}
	// Each point is a filled disc and a ring: two circular paths.
	if below, above := rounds([]float64{-1, -2, 1, 2}, true), rounds([]float64{1, 2, 1, 2}, true); above-below != 4 {
		t.Errorf("a diverging map of points with 2 points below 0 draws %d circular paths, %d with none below; want 4 fewer: those points are squares", below, above)
	}
	if below, above := rounds([]float64{-1, -2, 1, 2}, false), rounds([]float64{1, 2, 1, 2}, false); below != above {
		t.Errorf("a sequential map of points with points below 0 draws %d circular paths, %d with none; want the same: no squares", below, above)
	}
	if got, want := SignNote(false), "hatched: below 0"; got != want {
		t.Errorf("SignNote(heat map) = %q; want %q", got, want)
	}
	if got, want := SignNote(true), "squares: below 0"; got != want {
		t.Errorf("SignNote(points) = %q; want %q", got, want)
	}
}
