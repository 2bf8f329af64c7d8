package figures

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHeatmapMarked: HeatOptions.Marked puts one dot in each cell marked
// (a difference map's cells whose interval holds 0), and nothing else
// changes; marks not one per cell are refused.
func TestHeatmapMarked(t *testing.T) {
	x, y, z := sampleGrid(true)
	paths := func(o HeatOptions) int {
		t.Helper()
		fig, err := HeatmapWith("Migrants trapped: hbm minus closed", "patrol intensity", "smuggler price (USD)", "difference", x, y, z, o, sampleCaption)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		if err := Save(fig, dir, "m", []string{"svg"}); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, "m.svg"))
		if err != nil {
			t.Fatal(err)
		}
		return strings.Count(string(b), "<path")
	}
	marked := make([][]bool, len(z))
	n := 0
	for r := range marked {
		marked[r] = make([]bool, len(z[r]))
		for c := range marked[r] {
			if (r+c)%3 == 0 {
				marked[r][c] = true
				n++
			}
		}
	}
	if got, want := paths(HeatOptions{Diverging: true, Marked: marked}), paths(HeatOptions{Diverging: true})+n; got != want {
		t.Errorf("a map with %d cells marked draws %d paths; want %d, one dot more per mark", n, got, want)
	}
	if _, err := HeatmapWith("t", "x", "y", "z", x, y, z, HeatOptions{Marked: marked[1:]}, sampleCaption); err == nil || !strings.Contains(err.Error(), "one per cell") {
		t.Errorf("marks for too few rows: %v; want refused", err)
	}
}
