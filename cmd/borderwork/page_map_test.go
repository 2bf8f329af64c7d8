package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// keepShot saves a screenshot into $BORDERWORK_SCREENSHOTS, if set, to
// look at after the test.
func keepShot(t *testing.T, png []byte, name string) {
	t.Helper()
	if keep := os.Getenv("BORDERWORK_SCREENSHOTS"); keep != "" {
		if err := os.WriteFile(filepath.Join(keep, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// chooseScenario picks a scenario of the menu and waits for its map.
func chooseScenario(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	eval[any](t, ctx, `(s => { s.value = "`+name+`"; s.dispatchEvent(new Event("change")); })(document.getElementById("scenario"))`)
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if eval[bool](t, ctx, `[...document.querySelectorAll("#maps .map svg")].some(s => s.getAttribute("aria-label").startsWith("Map of `+name+`"))`) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the page shows no map of %s after choosing it", name)
		}
	}
}

// mapLabelProblems lists, for every map on the page, the place names
// that overlap another name or a place's mark, or stand (even in part)
// outside the map.
const mapLabelProblems = `[...document.querySelectorAll("#maps .map svg")].flatMap(svg => {
	const box = (e) => { const r = e.getBoundingClientRect(); return { l: r.left, t: r.top, r: r.right, b: r.bottom }; };
	const meets = (a, b) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
	const map = box(svg);
	const names = [...svg.querySelectorAll(".names text")].map(t => ({ name: t.textContent, ...box(t) }));
	const marks = [...svg.querySelectorAll(".place")].map(g => ({ name: g.dataset.name, ...box(g.querySelector(":scope > g")) }));
	const bad = [];
	names.forEach((a, i) => {
		if (a.l < map.l || a.t < map.t || a.r > map.r || a.b > map.b) bad.push(a.name + " leaves the map");
		for (const b of names.slice(i + 1)) if (meets(a, b)) bad.push(a.name + " overlaps " + b.name);
		for (const m of marks) if (meets(a, m)) bad.push(a.name + " covers the mark of " + m.name);
	});
	return bad;
})`

// TestPageMapLabels: on every scenario of the menu, at a laptop's and a
// phone's width, no place's name on the map overlaps another's or a
// place's mark, and none leaves the map (sahel's Ayorou and Niamey are
// close together).
//
// Two maps are too crowded for that, names 17 units high on a map 480
// wide: mali2012's (32 places, some with long names) and mauritania's
// (24); there each name goes where it overlaps least, and the test only
// says how much.
func TestPageMapLabels(t *testing.T) {
	crowded := map[string]bool{"mali2012": true, "mauritania": true}
	ctx := browser(t)
	url := servePage(t)
	do(t, ctx, "loading "+url, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
	menu := eval[[]string](t, ctx, `[...document.getElementById("scenario").options].map(o => o.value).filter(v => v)`)
	for _, want := range []string{"classroom", "sahel"} {
		if !strings.Contains(strings.Join(menu, " "), want) {
			t.Fatalf("the menu offers %q; want %s among them", menu, want)
		}
	}
	for _, name := range menu {
		chooseScenario(t, ctx, name)
		for _, width := range []int64{1366, 390} {
			size := chromedp.EmulateViewport(width, 900)
			if width < 900 {
				size = chromedp.EmulateViewport(width, 844, chromedp.EmulateMobile)
			}
			do(t, ctx, "sizing the window", size, chromedp.Sleep(300*time.Millisecond))
			if n := eval[int](t, ctx, `document.querySelectorAll("#maps .names text").length`); n == 0 {
				t.Fatalf("%s at %d px: the map names no place", name, width)
			}
			bad := eval[[]string](t, ctx, mapLabelProblems)
			switch {
			case crowded[name] && len(bad) != 0:
				t.Logf("%s's map at %d px, too crowded for every name to find a free spot (%d clashes): %q", name, width, len(bad), bad)
			case len(bad) != 0:
				t.Errorf("%s's map at %d px: %q", name, width, bad)
			}
			if name == "sahel" || name == "classroom" || name == "agadez2016" {
				png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.ID("maps")))
				if err != nil {
					t.Fatal(err)
				}
				keepShot(t, png, "labels-"+name+"-"+strconv.FormatInt(width, 10)+".png")
			}
		}
	}
}

// TestPageDaySliderInView: on a 390 px phone, where the maps stand one
// under another, the day slider that drives them stays in view while a
// student looks at the last map; on a laptop it stays where it is, over
// no map.
func TestPageDaySliderInView(t *testing.T) {
	ctx := browser(t)
	url := servePage(t)
	do(t, ctx, "loading "+url, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
	typeInto(t, ctx, "reps", "2")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run ended %q: %s", state, eval[string](t, ctx, `document.getElementById("run-error").textContent`))
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("#maps .map").length`); n != 4 {
		t.Fatalf("the run draws %d maps; want 4", n)
	}
	// Where the slider and the controls stand, and the maps they cover.
	const where = `(() => {
		const day = document.getElementById("day").getBoundingClientRect();
		const bar = document.querySelector(".map-controls").getBoundingClientRect();
		const covered = [...document.querySelectorAll("#maps .map svg")].filter(s => {
			const r = s.getBoundingClientRect();
			return bar.left < r.right && r.left < bar.right && bar.top < r.bottom && r.top < bar.bottom;
		}).length;
		return { top: day.top, bottom: day.bottom, left: day.left, right: day.right, height: innerHeight, width: innerWidth, covered };
	})()`
	for _, tt := range []struct {
		width, height int64
		block         string
	}{{390, 844, "start"}, {390, 844, "end"}, {1366, 900, "end"}, {1280, 800, "end"}} {
		size := chromedp.EmulateViewport(tt.width, tt.height)
		if tt.width < 900 {
			size = chromedp.EmulateViewport(tt.width, tt.height, chromedp.EmulateMobile)
		}
		do(t, ctx, "sizing the window", size, chromedp.Sleep(300*time.Millisecond))
		eval[any](t, ctx, `document.querySelector("#maps .map:last-child").scrollIntoView({ block: "`+tt.block+`" })`)
		do(t, ctx, "letting it scroll", chromedp.Sleep(300*time.Millisecond))
		got := eval[map[string]float64](t, ctx, where)
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		keepShot(t, png, "slider-"+strconv.FormatInt(tt.width, 10)+"-"+tt.block+".png")
		if tt.width < 900 {
			if got["top"] < 0 || got["bottom"] > got["height"] || got["left"] < 0 || got["right"] > got["width"] {
				t.Errorf("at %d×%d px, the last map scrolled to the %s of the screen, the day slider is at %v–%v px of the screen's %v; want it in view", tt.width, tt.height, tt.block, got["top"], got["bottom"], got["height"])
			}
		} else if got["covered"] != 0 {
			t.Errorf("at %d×%d px, the last map scrolled into view, the map's controls cover %v maps; want none", tt.width, tt.height, got["covered"])
		}
	}
	// Past the maps, the slider stays with them, over none of the legend.
	do(t, ctx, "sizing the window", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Sleep(300*time.Millisecond))
	eval[any](t, ctx, `document.getElementById("map-legend").scrollIntoView({ block: "start" })`)
	do(t, ctx, "letting it scroll", chromedp.Sleep(300*time.Millisecond))
	got := eval[map[string]float64](t, ctx, `({ day: document.getElementById("day").getBoundingClientRect().bottom, maps: document.getElementById("maps").getBoundingClientRect().bottom })`)
	if got["day"] > got["maps"] {
		t.Errorf("at 390 px, scrolled to the map's legend, the day slider reaches %v px, below the maps' end at %v px; want it to go with the maps", got["day"], got["maps"])
	}
}
