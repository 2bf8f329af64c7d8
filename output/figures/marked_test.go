package figures

import (
	"math"
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
		return strings.Count(savedSVG(t, fig), "<path")
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

// TestColorPointsMarked: HeatOptions.Marked, one row of one value per
// point, puts a dot on each of a Latin hypercube's points marked (on a
// difference map, those whose interval holds 0), as on a grid's cells;
// marks not one per point are refused.
func TestColorPointsMarked(t *testing.T) {
	x, y, z := []float64{1, 2, 3, 4}, []float64{1, 3, 2, 4}, []float64{-1, 0, 1, 2}
	paths := func(o HeatOptions) int {
		t.Helper()
		o.Diverging = true
		fig, err := ColorPoints("Migrants trapped: hbm minus closed", "patrol intensity", "smuggler price (USD)", "difference", x, y, z, o, sampleCaption)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Count(savedSVG(t, fig), "<path")
	}
	if got, want := paths(HeatOptions{Marked: [][]bool{{false, true, false, true}}}), paths(HeatOptions{})+2; got != want {
		t.Errorf("a map with 2 points marked draws %d paths; want %d, one dot more per mark", got, want)
	}
	for _, marked := range [][][]bool{{{true}}, {{true, false, true, false}, {true, false, true, false}}} {
		if _, err := ColorPoints("t", "x", "y", "z", x, y, z, HeatOptions{Marked: marked}, sampleCaption); err == nil {
			t.Errorf("marks %v for 4 points: drawn; want refused", marked)
		}
	}
}

// TestTimeBandsMarked: Band.Marked draws one marker at each value of the
// line that is shown (none where the mean is missing) and one in the
// legend's sample, besides the line; lines not marked draw none.
func TestTimeBandsMarked(t *testing.T) {
	paths := func(marked bool) int {
		t.Helper()
		bands := []Band{
			{Label: "closed", X: []float64{1, 2, 3, 4, 5}, Mean: []float64{9, 9, 9, 9, 9}},
			{Label: "malfunctioning", X: []float64{1, 2, 3, 4, 5}, Mean: []float64{3, 5, math.NaN(), 4, 6}, Lo: []float64{2, 4, math.NaN(), 3, 5}, Hi: []float64{4, 6, math.NaN(), 5, 7}, Marked: marked},
		}
		fig, err := TimeBands("Migrants abused against outage_days", "outage_days", "migrants abused", bands, sampleCaption)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Count(savedSVG(t, fig), "<path")
	}
	if got, want := paths(true), paths(false)+4+1; got != want {
		t.Errorf("a line marked at its 4 values shown draws %d paths; want %d, one more per value and one in the legend", got, want)
	}
}

// TestBinnedSeams: a binned map draws a thin white line between each two
// rows and each two columns of its cells, whose round-number ticks do
// not fall on their edges and whose equal colours would merge; a grid's
// map, ticked at its cells, draws none.
func TestBinnedSeams(t *testing.T) {
	x, y := []float64{0.1, 0.2, 0.3}, []float64{10, 20, 30, 40}
	z := [][]float64{{1, 1, 1}, {1, 1, 1}, {1, 0.5, 1}, {1, 1, 1}}
	seams := func(binned bool) int {
		t.Helper()
		fig, err := HeatmapWith("Where malfunctioning exceeds closed", "outage_start", "patrol", "share", x, y, z, HeatOptions{Lo: 0, Hi: 1, Binned: binned}, sampleCaption)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Count(savedSVG(t, fig), "style=\"fill:none;stroke:#FFFFFF;")
	}
	if got, want := seams(true), (len(x)-1)+(len(y)-1); got != want {
		t.Errorf("a binned map of %d × %d cells draws %d white seams; want %d", len(x), len(y), got, want)
	}
	if got := seams(false); got != 0 {
		t.Errorf("a grid's map draws %d white seams; want none", got)
	}
}

// savedSVG is fig as Save writes it in SVG.
func savedSVG(t *testing.T, fig *Figure) string {
	t.Helper()
	dir := t.TempDir()
	if err := Save(fig, dir, "m", []string{"svg"}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "m.svg"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
