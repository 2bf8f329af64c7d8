package main

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// markShown gives, for each place of the first map, the share of its
// mark's box (sampled at the centres of a 24 × 24 grid over the box, so
// that the share does not hang on where the box falls between pixels:
// sampled at whole pixels, Gouraye's 7-pixel mark showed on 11% or 4%
// of it as the page scrolled 0.4 pixels more or less) where pointing or tapping reaches
// the place: where its mark shows, not another's over it. Places at
// their true coordinates can stand closer than their marks are wide
// (mauritania's Bakel and Gouraye face each other across the Senegal
// river, 2 map units apart; Mbera camp stands by the Fassala post).
const markShown = `(() => {
	const svg = document.querySelector("#maps .map svg");
	const out = {};
	for (const g of svg.querySelectorAll(".place")) {
		const m = g.querySelector(":scope > g").getBoundingClientRect();
		let n = 0, mine = 0;
		const cells = 24;
		for (let i = 0; i < cells; i++) {
			for (let j = 0; j < cells; j++) {
				n++;
				const at = document.elementFromPoint(m.left + (j + 0.5) * m.width / cells, m.top + (i + 0.5) * m.height / cells);
				if (at && at.closest(".place") === g) mine++;
			}
		}
		out[g.dataset.name] = n ? mine / n : 0;
	}
	return out;
})()`

// minMarkShown is the least share of a mark's box that must show.
const minMarkShown = 0.05

// TestPageMarksNotHidden: on every scenario's map, at a laptop's and a
// phone's width, no place's mark is hidden under another's where two
// places nearly coincide: the smaller mark is drawn over the larger
// (a hub's dot over a post's square, a post's square over a camp's
// diamond), the places staying at their coordinates. Places whose marks
// do not meet keep their order (the map's table and Tab follow it).
func TestPageMarksNotHidden(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 1366, 900)
	menu := eval[[]string](t, ctx, `[...document.getElementById("scenario").options].map(o => o.value).filter(v => v)`)
	for _, width := range []int64{1366, 390} {
		size := chromedp.EmulateViewport(width, 900)
		if width < 900 {
			size = chromedp.EmulateViewport(width, 844, chromedp.EmulateMobile)
		}
		do(t, ctx, "sizing the window", size, chromedp.Sleep(300*time.Millisecond), resized())
		for _, name := range menu {
			chooseScenario(t, ctx, name)
			eval[any](t, ctx, `document.querySelector("#maps .map").scrollIntoView({ block: "start" })`)
			for place, share := range eval[map[string]float64](t, ctx, markShown) {
				if share < minMarkShown {
					t.Errorf("%s at %d px: %s's mark shows on %.0f%% of its box; want %.0f%% at least", name, width, place, 100*share, 100*minMarkShown)
				}
			}
			if name == "mauritania" {
				png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.ID("maps")))
				if err != nil {
					t.Fatal(err)
				}
				keepShot(t, png, "marks-"+name+"-"+strconv.FormatInt(width, 10)+".png")
			}
		}
	}
	// Classroom's marks meet none: its places stay in the scenario's order.
	chooseScenario(t, ctx, "classroom")
	if got := eval[[]string](t, ctx, `[...document.querySelectorAll("#maps .map:first-child .place")].map(g => g.dataset.name)`); strings.Join(got, ",") != "Village,Town,Border,City" {
		t.Errorf("classroom's places are drawn in the order %q; want the scenario's, Village, Town, Border, City", got)
	}
}
