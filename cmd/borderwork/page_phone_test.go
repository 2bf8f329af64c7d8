package main

import (
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// mapsUnderDayBar lists, for each map on the page scrolled to the top of
// the screen (block "start", as a link or a script brings it), where the
// day's controls that stick to the top of a phone's screen end and where
// the map's box (its coloured edge, its title and its drawing) starts,
// and likewise for each focusable mark of a place whose name is left off
// (the browser brings a focused mark into view).
const mapsUnderDayBar = `(() => {
	const bar = () => document.querySelector(".map-controls").getBoundingClientRect();
	const out = [];
	for (const fig of document.querySelectorAll("#maps .map")) {
		window.scrollTo(0, document.documentElement.scrollHeight);
		fig.scrollIntoView({ block: "start" });
		const b = bar(), r = fig.getBoundingClientRect();
		out.push({ what: fig.dataset.regime, bar: b.bottom, top: r.top, left: r.left, right: r.right, barLeft: b.left, barRight: b.right });
	}
	for (const g of document.querySelectorAll("#maps .map .place.unnamed")) {
		window.scrollTo(0, document.documentElement.scrollHeight);
		g.focus();
		const b = bar(), r = g.getBoundingClientRect();
		out.push({ what: g.closest(".map").dataset.regime + "/" + g.dataset.name, bar: b.bottom, top: r.top, left: r.left, right: r.right, barLeft: b.left, barRight: b.right });
		g.blur();
	}
	return out;
})()`

// TestPageMapsClearOfDayBar: on a phone the day's controls stick to the
// top of the screen over the maps (TestPageDaySliderInView); a map
// brought into view stands wholly below them, its coloured edge and
// regime's name included, and so does the mark of a place reached by
// focus; on a 320 px phone, where the controls take two lines, too.
// No map runs off the side of the screen.
func TestPageMapsClearOfDayBar(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 390, 844, chromedp.EmulateMobile)
	for _, scenario := range []string{"classroom", "mauritania"} {
		if scenario != "classroom" { // the page opens on classroom
			chooseScenario(t, ctx, scenario)
		}
		typeInto(t, ctx, "reps", "2")
		do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
		if state := waitRun(t, ctx); state != "done" {
			t.Fatalf("%s: the run ended %q: %s", scenario, state, eval[string](t, ctx, `document.getElementById("run-error").textContent`))
		}
		for _, w := range []int64{390, 320} {
			do(t, ctx, "sizing the window", chromedp.EmulateViewport(w, 700, chromedp.EmulateMobile), chromedp.Sleep(400*time.Millisecond), resized())
			got := eval[[]struct {
				What                                     string
				Bar, Top, Left, Right, BarLeft, BarRight float64
			}](t, ctx, mapsUnderDayBar)
			if len(got) < 4 {
				t.Fatalf("%s at %d px: %d maps and marks checked; want a map a regime", scenario, w, len(got))
			}
			for _, m := range got {
				across := m.BarLeft < m.Right && m.Left < m.BarRight
				if across && m.Top < m.Bar {
					t.Errorf("%s at %d px: %s brought into view starts at %.1f px, under the day's controls, which end at %.1f px", scenario, w, m.What, m.Top, m.Bar)
				}
			}
			// Nor does a map run off the side of the screen.
			if wide := eval[[]string](t, ctx, `[...document.querySelectorAll("#maps .map")].filter(m => m.getBoundingClientRect().right > document.documentElement.clientWidth).map(m => m.dataset.regime + " ends at " + m.getBoundingClientRect().right)`); len(wide) != 0 {
				t.Errorf("%s at %d px: maps run off the screen: %q", scenario, w, wide)
			}
			eval[any](t, ctx, `document.querySelector("#maps .map:nth-child(2)").scrollIntoView({ block: "start" })`)
			do(t, ctx, "letting it scroll", chromedp.Sleep(200*time.Millisecond))
			keepShot(t, screenshot(t, ctx), "bar-"+scenario+"-"+strconv.FormatInt(w, 10)+".png")
		}
		do(t, ctx, "sizing the window", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Sleep(300*time.Millisecond), resized())
	}
}
