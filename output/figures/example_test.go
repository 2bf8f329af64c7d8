package figures_test

import (
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"

	"github.com/borderwork/borderwork/output/figures"
)

// listDir prints the names of the files in dir.
func listDir(dir string) {
	es, err := os.ReadDir(dir)
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range es {
		fmt.Println(e.Name())
	}
}

func ExampleTimeBands() {
	dir, err := os.MkdirTemp("", "figures-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	// Mean over replicates of migrants trapped per day and the 95%
	// confidence interval of that mean, one band per regime, as the
	// caller has aggregated them: what the caption says by default
	// ("bands: 95% confidence intervals of the mean"). A caller drawing
	// the replicates' spread says so in Caption.Spread.
	days := []float64{0, 30, 60, 90, 120}
	bands := []figures.Band{
		{Label: "open", X: days,
			Mean: []float64{0, 40, 55, 60, 62},
			Lo:   []float64{0, 30, 44, 50, 51},
			Hi:   []float64{0, 50, 66, 70, 73}},
		{Label: "closed", X: days,
			Mean: []float64{0, 2100, 3900, 4700, 5100},
			Lo:   []float64{0, 1900, 3600, 4300, 4700},
			Hi:   []float64{0, 2300, 4200, 5100, 5500}},
		// A regime run once has no interval: NaN bounds draw the line alone.
		{Label: "hbm", X: days,
			Mean: []float64{0, 900, 1500, 1800, 2000},
			Lo:   []float64{math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN()},
			Hi:   []float64{math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN()}},
	}
	fig, err := figures.TimeBands("Migrants trapped at the border", "day", "migrants trapped", bands,
		figures.Caption{Scenario: "sahel", Seed: 20181001, Reps: 20, Centre: "lines: mean"})
	if err != nil {
		log.Fatal(err)
	}
	if err := figures.Save(fig, dir, "trapped", []string{"png", "svg", "pdf"}); err != nil {
		log.Fatal(err)
	}
	listDir(dir)
	// Output:
	// trapped.pdf
	// trapped.png
	// trapped.svg
}

func ExampleGroupedBars() {
	dir, err := os.MkdirTemp("", "figures-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	// One group per regime, with the same categories in the same order.
	groups := []figures.Group{
		{Label: "closed", Bars: []figures.Bar{
			{Label: "extortion by smuggler", Mean: 0.31, Lo: 0.27, Hi: 0.35},
			{Label: "detention", Mean: 0.22, Lo: 0.19, Hi: 0.25},
		}},
		{Label: "hbm", Bars: []figures.Bar{
			{Label: "extortion by smuggler", Mean: 0.18, Lo: 0.15, Hi: 0.21},
			{Label: "detention", Mean: 0.35, Lo: 0.30, Hi: 0.40},
		}},
	}
	fig, err := figures.GroupedBars("Harm by cause", "share of migrants harmed", groups,
		figures.Caption{Scenario: "sahel", Seed: 20181001, Reps: 20})
	if err != nil {
		log.Fatal(err)
	}
	if err := figures.Save(fig, dir, "harm", []string{"svg"}); err != nil {
		log.Fatal(err)
	}
	listDir(dir)
	// Output:
	// harm.svg
}

func ExampleHeatmap() {
	dir, err := os.MkdirTemp("", "figures-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	// A sweep of patrol intensity (columns) by smuggler price (rows): the
	// difference between two regimes, so a diverging palette centred on 0.
	// The NaN cell is a sweep point without results.
	patrol := []float64{0, 0.25, 0.5, 0.75, 1}
	price := []float64{500, 1000, 2000}
	diff := [][]float64{
		{-120, -60, 10, 80, 150},
		{-90, -20, 40, math.NaN(), 210},
		{-40, 15, 90, 170, 260},
	}
	fig, err := figures.Heatmap("Migrants trapped: hbm minus closed", "patrol intensity",
		"smuggler price (USD)", "difference in migrants trapped", patrol, price, diff, true,
		figures.Caption{Scenario: "sahel", Seed: 20181001, Reps: 10, Extra: "day 180"})
	if err != nil {
		log.Fatal(err)
	}
	if err := figures.Save(fig, dir, "sweep", []string{"png", "pdf"}); err != nil {
		log.Fatal(err)
	}
	listDir(dir)
	// Output:
	// sweep.pdf
	// sweep.png
}

func ExampleSave() {
	dir, err := os.MkdirTemp("", "figures-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	fig, err := figures.TimeBands("Arrivals", "day", "migrants arrived",
		[]figures.Band{{Label: "open", X: []float64{0, 1, 2}, Mean: []float64{0, 10, 25}}},
		figures.Caption{Scenario: "sahel", Seed: 1, Reps: 1})
	if err != nil {
		log.Fatal(err)
	}
	// Formats are checked before anything is written.
	err = figures.Save(fig, dir, "arrivals", []string{"png", "gif"})
	fmt.Println(err)
	_, statErr := os.Stat(filepath.Join(dir, "arrivals.png"))
	fmt.Println("png written:", statErr == nil)
	// Output:
	// figures: unknown format "gif" (want one of png, svg, pdf)
	// png written: false
}
