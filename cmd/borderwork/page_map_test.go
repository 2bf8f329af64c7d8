package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
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
// shown that overlap another name or a place's mark, or stand (even in
// part) outside the map, and two names on one line (sharing half their
// height or more) that stand less than 8 map units apart (about two word
// spaces), which read as one name ("Mbera Fassala (post)").
const mapLabelProblems = `[...document.querySelectorAll("#maps .map svg")].flatMap(svg => {
	const box = (e) => { const r = e.getBoundingClientRect(); return { l: r.left, t: r.top, r: r.right, b: r.bottom }; };
	const meets = (a, b) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
	const map = box(svg), unit = (map.r - map.l) / svg.viewBox.baseVal.width;
	const names = [...svg.querySelectorAll(".names text")].map(t => ({ name: t.dataset.name, ...box(t) }));
	const marks = [...svg.querySelectorAll(".place")].map(g => ({ name: g.dataset.name, ...box(g.querySelector(":scope > g")) }));
	const bad = [];
	names.forEach((a, i) => {
		if (a.l < map.l || a.t < map.t || a.r > map.r || a.b > map.b) bad.push(a.name + " leaves the map");
		for (const b of names.slice(i + 1)) {
			if (meets(a, b)) bad.push(a.name + " overlaps " + b.name);
			else if (Math.min(a.b, b.b) - Math.max(a.t, b.t) >= Math.min(a.b - a.t, b.b - b.t) / 2 && Math.max(b.l - a.r, a.l - b.r) < 8 * unit) bad.push(a.name + " stands " + (Math.max(b.l - a.r, a.l - b.r) / unit).toFixed(1) + " units from " + b.name + " on its line");
		}
		for (const m of marks) if (meets(a, m)) bad.push(a.name + " covers the mark of " + m.name);
	});
	return bad;
})`

// mapNamesReachable lists, for every map on the page, the places whose
// name is neither shown nor shown over the map when their mark is
// focused (the mark has a <title> with the name for a mouse, and Tab
// reaches it), and checks the line under the maps that says how many
// names are left off. It returns the problems and, per map, the names
// left off.
const mapNamesReachable = `(() => {
	const box = (e) => { const r = e.getBoundingClientRect(); return { l: r.left, t: r.top, r: r.right, b: r.bottom }; };
	const bad = [], off = [];
	const svgs = [...document.querySelectorAll("#maps .map svg")];
	for (const svg of svgs) {
		const shown = new Set([...svg.querySelectorAll(".names text")].map(t => t.dataset.name));
		const pop = svg.querySelector(".name-pop");
		const left = [];
		for (const g of svg.querySelectorAll(".place")) {
			const name = g.dataset.name;
			const title = g.querySelector(":scope > title");
			if (!title || !title.textContent.startsWith(name)) bad.push(name + "'s mark has no title naming it");
			if (shown.has(name)) continue;
			left.push(name);
			// Tab reaches the marks of the first map; the others name the same places.
			if (g.getAttribute("tabindex") !== (svg === svgs[0] ? "0" : "-1")) bad.push(name + ": its mark's tabindex is " + g.getAttribute("tabindex"));
			g.focus();
			const p = box(pop), map = box(svg);
			if (document.activeElement !== g) bad.push(name + ": its mark takes no focus");
			else if (pop.getAttribute("visibility") !== "visible" || !pop.textContent.startsWith(name)) bad.push(name + ": focusing its mark shows " + JSON.stringify(pop.getAttribute("visibility") === "visible" ? pop.textContent : "nothing"));
			else if (p.l < map.l || p.t < map.t || p.r > map.r || p.b > map.b) bad.push(name + ": shown partly off the map");
			g.blur();
			if (pop.getAttribute("visibility") !== "hidden") bad.push(name + ": still shown once its mark loses focus");
		}
		off.push(left);
	}
	const note = document.getElementById("map-names");
	const n = off.length ? off[0].length : 0;
	if (off.some(l => l.join() !== off[0].join())) bad.push("the maps leave off different names: " + JSON.stringify(off));
	const places = svgs.length ? svgs[0].querySelectorAll(".place").length : 0;
	if (n === 0 && !note.hidden) bad.push("no name is left off, but the page says " + JSON.stringify(note.textContent));
	if (n > 0 && (note.hidden || !note.textContent.startsWith(n + " of " + places + " names are left off") || !/tap/.test(note.textContent) || !/Tab/.test(note.textContent))) bad.push(n + " names are left off, but the page says " + JSON.stringify(note.hidden ? "nothing" : note.textContent));
	return { bad, off: off[0] || [] };
})()`

// postNamesLeftOff are the border posts whose names the maps cannot show
// beside their marks, whatever the other names do (placed alone, with
// every other name left off, they find no spot either): every spot near
// the mark covers another place's mark, leaves the map, or stands nearer
// another place's mark than its own. mali2012's nine posts are Flee's
// crossings, named "Menaka-Tabareybarey border (post)" and the like:
// even on two lines 134 to 218 of the map's 480 units wide, more than the
// room between their marks, their neighbours' (six stand 4 to 20 units
// from another place, Mopti-Mentao border 4 from Lere) and the map's
// edge; only Mopti-Bobo-Dioulasso border's finds a spot. In mauritania,
// Kobenni stands 15 units from Nioro du Sahel and 19 from Ayoun el
// Atrouss: every spot for "Kobenni (post)" covers a mark or is nearer
// one of theirs. Their names show when their marks are pointed at,
// tapped or focused.
var postNamesLeftOff = map[string][]string{
	"mali2012":   {"Douentza-Mentao border", "Mopti-Mentao border", "Segou-Bobo-Dioulasso border", "Menaka-Abala border", "Menaka-Mangaize border", "Ansongo-Tabareybarey border", "Menaka-Tabareybarey border", "Lere-Fassala-Mbera border"},
	"mauritania": {"Kobenni"},
}

// TestPageMapLabels: on every scenario of the menu, at a laptop's and a
// phone's width, no place's name on the map overlaps another's or a
// place's mark, and none leaves the map (sahel's Ayorou and Niamey are
// close together; mali2012's 32 places and mauritania's 24 crowd their
// maps). A name that has no such spot is left off, the less important
// first (posts' names are placed first, then destinations', origins',
// the rest), and stays in reach: pointed at, its mark's <title> names
// it; tapped or reached with Tab, the name shows over the map; a line
// under the maps says how many names are left off and how to see them.
// Every post's name is shown, except those of postNamesLeftOff.
func TestPageMapLabels(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	url := servePage(t)
	// Headless, the tab has no focus of its own: a focused mark would
	// get no focus event.
	focused := chromedp.Func(func(ctx context.Context, tab *chromedp.Target) error {
		_, err := cdp.Call(ctx, tab, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
		return err
	})
	do(t, ctx, "loading "+url, focused, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
	menu := eval[[]string](t, ctx, `[...document.getElementById("scenario").options].map(o => o.value).filter(v => v)`)
	for _, want := range []string{"classroom", "sahel", "mali2012", "mauritania"} {
		if !strings.Contains(strings.Join(menu, " "), want) {
			t.Fatalf("the menu offers %q; want %s among them", menu, want)
		}
	}
	// Each map is drawn at each width: the names measured there are placed there.
	leftOff := map[string][]string{}
	for _, width := range []int64{1366, 390} {
		size := chromedp.EmulateViewport(width, 900)
		if width < 900 {
			size = chromedp.EmulateViewport(width, 844, chromedp.EmulateMobile)
		}
		do(t, ctx, "sizing the window", size, chromedp.Sleep(300*time.Millisecond), resized())
		for _, name := range menu {
			chooseScenario(t, ctx, name)
			if n := eval[int](t, ctx, `document.querySelectorAll("#maps .names text").length`); n == 0 {
				t.Fatalf("%s at %d px: the map names no place", name, width)
			}
			if bad := eval[[]string](t, ctx, mapLabelProblems); len(bad) != 0 {
				t.Errorf("%s's map at %d px: %q", name, width, bad)
			}
			reach := eval[struct {
				Bad []string
				Off []string
			}](t, ctx, mapNamesReachable)
			if len(reach.Bad) != 0 {
				t.Errorf("%s's map at %d px, names left off (%q): %q", name, width, reach.Off, reach.Bad)
			}
			// In the scenario's order (a mark may be drawn out of it, on top: drawOrder).
			posts := eval[[]string](t, ctx, `[...document.querySelectorAll("#maps .map:first-child .place[data-post]")].sort((a, b) => a.dataset.i - b.dataset.i).map(g => g.dataset.name).filter(n => ![...document.querySelectorAll("#maps .map:first-child .names text")].some(t => t.dataset.name === n))`)
			if want := postNamesLeftOff[name]; strings.Join(posts, "|") != strings.Join(want, "|") {
				t.Errorf("%s's map at %d px leaves off the names of the posts %q; want %q", name, width, posts, want)
			}
			t.Logf("%s at %d px: %d names left off: %q", name, width, len(reach.Off), reach.Off)
			// A phone leaves off the names a laptop does: the names are
			// measured alike at any size.
			if was, ok := leftOff[name]; ok && strings.Join(was, "|") != strings.Join(reach.Off, "|") {
				t.Errorf("%s's map at %d px leaves off the names %q; at 1366 px %q: want the same", name, width, reach.Off, was)
			}
			leftOff[name] = reach.Off
			if len(reach.Off) > 0 {
				checkNameInReach(t, ctx, name, width)
			}
			png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.ID("maps")))
			if err != nil {
				t.Fatal(err)
			}
			keepShot(t, png, "labels-"+name+"-"+strconv.FormatInt(width, 10)+".png")
		}
	}
	// After a run, one map a regime: each names the same places, and each
	// shows a name left off when its mark is tapped or focused; Tab stops
	// at the marks of the first map only.
	do(t, ctx, "sizing the window", chromedp.EmulateViewport(1366, 900), chromedp.Sleep(300*time.Millisecond), resized())
	chooseScenario(t, ctx, "mauritania")
	typeInto(t, ctx, "reps", "2")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run of mauritania ended %q: %s", state, eval[string](t, ctx, `document.getElementById("run-error").textContent`))
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("#maps .map").length`); n < 2 {
		t.Fatalf("the run of mauritania draws %d maps; want one a regime", n)
	}
	if bad := eval[[]string](t, ctx, mapLabelProblems); len(bad) != 0 {
		t.Errorf("mauritania's maps after a run: %q", bad)
	}
	reach := eval[struct {
		Bad []string
		Off []string
	}](t, ctx, mapNamesReachable)
	if len(reach.Bad) != 0 || strings.Join(reach.Off, "|") != strings.Join(leftOff["mauritania"], "|") {
		t.Errorf("mauritania's maps after a run leave off %q (before the run %q): %q", reach.Off, leftOff["mauritania"], reach.Bad)
	}
}

// checkNameInReach: on a phone, tapping the mark of a place whose name
// is left off (the first whose mark no other covers) shows its name, and
// tapping elsewhere hides it; on a laptop, Tab from the map's start
// reaches the first such mark and shows the name.
func checkNameInReach(t *testing.T, ctx context.Context, scenario string, width int64) {
	t.Helper()
	const first = `#maps .map:first-child`
	pop := `document.querySelector("` + first + ` .name-pop")`
	shown := `(p => p.getAttribute("visibility") === "visible" ? p.textContent : "")(` + pop + `)`
	if width < 900 {
		// The first mark whose centre, once scrolled into view, is its own.
		place := eval[string](t, ctx, `[...document.querySelectorAll("`+first+` .place.unnamed")].map(g => {
			g.scrollIntoView({ block: "center" });
			const r = g.querySelector(":scope > g").getBoundingClientRect();
			const at = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
			return at && at.closest(".place") === g ? g.dataset.name : "";
		}).find(n => n) || ""`)
		if place == "" {
			t.Errorf("%s at %d px: every mark whose name is left off is covered by another", scenario, width)
			return
		}
		mark := `document.querySelector('` + first + ` .place[data-name="` + place + `"]')`
		eval[any](t, ctx, mark+`.scrollIntoView({ block: "center" })`)
		at := eval[map[string]float64](t, ctx, `(r => ({ x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2 }))(`+mark+`.querySelector(":scope > g").getBoundingClientRect())`)
		tap := func(x, y float64) {
			do(t, ctx, "tapping the map", chromedp.TapXY(x, y), chromedp.Sleep(200*time.Millisecond))
		}
		tap(at["x"], at["y"])
		if got := eval[string](t, ctx, shown); !strings.HasPrefix(got, place) {
			t.Errorf("%s at %d px: tapping %s's mark shows %q; want its name", scenario, width, place, got)
		}
		heading := eval[map[string]float64](t, ctx, `(r => ({ x: r.left + 5, y: (r.top + r.bottom) / 2 }))(document.querySelector("`+first+` h4").getBoundingClientRect())`)
		tap(heading["x"], heading["y"])
		if got := eval[string](t, ctx, shown); got != "" {
			t.Errorf("%s at %d px: tapping the map's title after %s's mark still shows %q; want nothing", scenario, width, place, got)
		}
		return
	}
	// Tab from the map's start reaches the first mark whose name is left off.
	eval[any](t, ctx, `(f => { f.tabIndex = -1; f.focus(); })(document.querySelector("`+first+`"))`)
	do(t, ctx, "pressing Tab", chromedp.KeyEvent(kb.Tab))
	place := eval[string](t, ctx, `document.querySelector("`+first+` .place.unnamed").dataset.name`)
	if got := eval[string](t, ctx, `document.activeElement.dataset.name || document.activeElement.id`); got != place {
		t.Errorf("%s at %d px: Tab from the map's start reaches %q; want the mark of %s, whose name is left off", scenario, width, got, place)
	} else if got := eval[string](t, ctx, shown); !strings.HasPrefix(got, place) {
		t.Errorf("%s at %d px: Tab to %s's mark shows %q; want its name", scenario, width, place, got)
	} else if got := eval[string](t, ctx, `(a => [a.closest("svg").getAttribute("role"), a.getAttribute("role"), a.getAttribute("aria-label")].join("|"))(document.activeElement)`); !strings.HasPrefix(got, "group|img|"+place) {
		// An svg of role img hides its marks from a screen reader.
		t.Errorf("%s at %d px: the map's role, the focused mark's role and label are %q; want group, img and %s's name", scenario, width, got, place)
	}
	eval[any](t, ctx, `(f => { document.activeElement.blur(); f.removeAttribute("tabindex"); })(document.querySelector("`+first+`"))`)
}

// TestPageDaySliderInView: on a 390 px phone, where the maps stand one
// under another, the day slider that drives them stays in view while a
// student looks at the last map; on a laptop it stays where it is, over
// no map.
func TestPageDaySliderInView(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 390, 844, chromedp.EmulateMobile)
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
		do(t, ctx, "sizing the window", size, chromedp.Sleep(300*time.Millisecond), resized())
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
	do(t, ctx, "sizing the window", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Sleep(300*time.Millisecond), resized())
	eval[any](t, ctx, `document.getElementById("map-legend").scrollIntoView({ block: "start" })`)
	do(t, ctx, "letting it scroll", chromedp.Sleep(300*time.Millisecond))
	got := eval[map[string]float64](t, ctx, `({ day: document.getElementById("day").getBoundingClientRect().bottom, maps: document.getElementById("maps").getBoundingClientRect().bottom })`)
	if got["day"] > got["maps"] {
		t.Errorf("at 390 px, scrolled to the map's legend, the day slider reaches %v px, below the maps' end at %v px; want it to go with the maps", got["day"], got["maps"])
	}
	// The key's words start below its drawing, not with one word beside
	// it ("Circle", the rest of the sentence on the lines below).
	key := eval[map[string]float64](t, ctx, `(() => {
		const lg = document.getElementById("map-legend"), r = document.createRange();
		r.selectNodeContents(lg.lastChild);
		return { drawing: lg.querySelector("svg").getBoundingClientRect().bottom, words: r.getClientRects()[0].top };
	})()`)
	keepShot(t, screenshot(t, ctx), "map-legend-390.png")
	if key["words"] < key["drawing"] {
		t.Errorf("at 390 px, the map's key begins its words at %v px, beside its drawing (which ends at %v px); want them below it", key["words"], key["drawing"])
	}
}
