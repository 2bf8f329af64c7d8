package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPageChartTablesCutAsCharts: "The chart as a table" gives a band
// or error bar as its chart draws it. With 3 replicates and seed 7
// (TEACHING.md's exercise 2) some 95% intervals of the migrants trapped
// reach below 0; the chart cuts the band at 0 (its caption says so),
// and its table gave the lower end as "-3.2", a count below zero that the
// chart nowhere shows. Now such a lower end reads "0.0*", and the words
// over the table say what the * means; a table with none says nothing of
// it, and no table holds a number below 0. The bar charts' captions say
// when their error bars are cut at 0, as the curves' do (they were cut
// without a word).
func TestPageChartTablesCutAsCharts(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 1366, 900)
	typeInto(t, ctx, "reps", "3")
	typeInto(t, ctx, "seed", "7")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.ID("run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run ended %q", state)
	}
	type table struct {
		Words   string
		Caption string     // the figure's caption, as shown
		Cells   [][]string // each row's cells after its header: "mean (lo to hi)"
		Days    []int      // curves: each row's day
		Below   [][]bool   // curves: whether the band's lower end is below 0, by row, then regime
	}
	got := eval[map[string]table](t, ctx, `Object.fromEntries(["fig-trapped", "fig-series", "fig-abuse", "fig-outcomes"].map((id, k) => {
		const fig = document.getElementById(id), d = fig.querySelector("details.chart-table"), rows = [...d.querySelectorAll("tbody tr")];
		const days = k < 2 ? rows.map(tr => Number(tr.cells[0].textContent)) : [];
		return [id, {
			words: d.querySelector(".note").textContent,
			caption: fig.querySelector("figcaption").innerText,
			cells: rows.map(tr => [...tr.cells].slice(1).map(c => c.textContent)),
			days,
			below: k < 2 ? days.map(day => state.results.series[k].bands.map(b => b.lo[day] !== null && b.lo[day] < 0)) : [],
		}];
	}))`)
	negative := regexp.MustCompile(`(^|[ (])-[0-9]`)
	const said = "* cut at 0, as on the chart: the interval reaches below 0, which no count can"
	if !strings.Contains(got["fig-abuse"].Words+got["fig-outcomes"].Words, "*") {
		t.Errorf("no error bar cut at 0 with 3 replicates and seed 7; want some, to check the captions")
	}
	for id, tb := range got {
		starred := false
		for i, row := range tb.Cells {
			for j, c := range row {
				if negative.MatchString(c) {
					t.Errorf("%s: the chart's table holds %q, below 0, where the chart cuts at 0", id, c)
				}
				cut := strings.Contains(c, "(0.0* to ")
				starred = starred || strings.Contains(c, "*")
				if id == "fig-trapped" && cut != tb.Below[i][j] {
					t.Errorf("%s: on day %d the table has %q; want the lower end cut (0.0*) exactly where the band reaches below 0 (%v)", id, tb.Days[i], c, tb.Below[i][j])
				}
			}
		}
		if starred != strings.HasSuffix(tb.Words, said) {
			t.Errorf("%s: a lower end cut in the table: %v; its words %q; want them to end %q exactly when one is", id, starred, tb.Words, said)
		}
		if id == "fig-trapped" && !starred {
			t.Errorf("%s: no lower end cut in the table %q; want some with 3 replicates and seed 7", id, tb.Cells)
		}
		if bars := id == "fig-abuse" || id == "fig-outcomes"; bars && starred != strings.HasSuffix(tb.Caption, "(mean, with its 95% confidence interval, cut at 0, as no count can be below it)") {
			t.Errorf("%s: error bars cut at 0: %v; the caption %q; want it to say they are cut exactly when they are", id, starred, tb.Caption)
		}
	}
	eval[any](t, ctx, `document.querySelector("#fig-trapped details.chart-table").open = true`)
	do(t, ctx, "showing the table", chromedp.ScrollIntoView(chromedp.CSS("#fig-trapped details.chart-table")))
	keepShot(t, screenshot(t, ctx), "cut-table-laptop.png")
}
