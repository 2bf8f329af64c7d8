package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axisTitles lists, for each line chart of the results, the words of
// its axis title (the text turned up beside the axis, one element a
// line) and what is wrong with them: a line that runs off the chart
// (where it is not drawn), or one that overlaps another text of the
// chart (the axis's numbers) or another of its lines.
const axisTitles = `["fig-trapped", "fig-series"].map(id => {
	const svg = document.querySelector("#" + id + " .chart svg");
	const box = (e) => { const r = e.getBoundingClientRect(); return { l: r.left, t: r.top, r: r.right, b: r.bottom }; };
	const meets = (a, b) => a.l < b.r - 0.5 && b.l < a.r - 0.5 && a.t < b.b - 0.5 && b.t < a.b - 0.5;
	const all = [...svg.querySelectorAll("text")];
	const turned = all.filter(t => (t.getAttribute("transform") || "").includes("rotate"));
	const chart = box(svg), bad = [];
	for (const t of turned) {
		const r = box(t);
		if (r.t < chart.t - 0.5 || r.b > chart.b + 0.5 || r.l < chart.l - 0.5 || r.r > chart.r + 0.5) bad.push(JSON.stringify(t.textContent) + " runs off the chart");
		for (const o of all) {
			if (o !== t && meets(r, box(o))) bad.push(JSON.stringify(t.textContent) + " overlaps " + JSON.stringify(o.textContent));
		}
	}
	return { chart: id, title: turned.map(t => t.textContent).join(" "), bad };
})`

// TestPageAxisTitleFits: a line chart's axis title, turned up beside
// the axis, stays whole on the chart and clear of the axis's numbers,
// however long and however wide the numbers. The curves the guide's
// exercises read under "Over time" have long titles: "abuse of trapped
// or stranded migrants, total since day 0 (events)" ran off both ends
// of the chart, and "immobilised person-days, total since day 0
// (person-days)" ran into the numbers of its axis (25,000), on a laptop
// and on a phone.
func TestPageAxisTitleFits(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	url := servePage(t)
	titles := map[string]string{
		"abuse_immobile":          "abuse of trapped or stranded migrants, total since day 0 (events)",
		"immobilised_person_days": "immobilised person-days, total since day 0 (person-days)",
	}
	for _, size := range []struct {
		name string
		w, h int64
		opts []chromedp.EmulateViewportOption
	}{
		{"laptop", 1366, 768, nil},
		{"phone", 390, 844, []chromedp.EmulateViewportOption{chromedp.EmulateMobile}},
	} {
		for _, series := range []string{"abuse_immobile", "immobilised_person_days"} {
			at := url + "?scenario=classroom&reps=2&series=" + series
			do(t, ctx, "loading "+at, chromedp.EmulateViewport(size.w, size.h, size.opts...), chromedp.Navigate(at), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
			do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
			if state := waitRun(t, ctx); state != "done" {
				t.Fatalf("%s, %s: the run ended %q", size.name, series, state)
			}
			got := eval[[]struct {
				Chart, Title string
				Bad          []string
			}](t, ctx, axisTitles)
			if len(got) != 2 {
				t.Fatalf("%s, %s: %d line charts; want 2", size.name, series, len(got))
			}
			for _, c := range got {
				for _, b := range c.Bad {
					t.Errorf("%s, %s: %s: the axis title %s", size.name, series, c.Chart, b)
				}
			}
			want := map[string]string{"fig-trapped": "migrants trapped", "fig-series": titles[series]}
			for _, c := range got {
				if c.Title != want[c.Chart] {
					t.Errorf("%s, %s: %s's axis title reads %q; want %q", size.name, series, c.Chart, c.Title, want[c.Chart])
				}
			}
			if t.Failed() {
				keepShot(t, screenshot(t, ctx), fmt.Sprintf("axis-%s-%s.png", size.name, strings.ReplaceAll(series, "_", "-")))
			}
		}
	}
}
