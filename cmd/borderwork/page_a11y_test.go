package main

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focusEmulated gives the headless tab focus of its own, so that Tab
// moves the focus and fires focus events as in a window.
var focusEmulated = chromedp.Func(func(ctx context.Context, tab *chromedp.Target) error {
	_, err := cdp.Call(ctx, tab, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
	return err
})

// TestPageTabClearOfRunBar: a box reached with Tab while the bar of Run
// and Reset covers part of it is brought up above the bar, on a laptop
// and at 400% zoom (320 CSS pixels). The box for "More changes",
// reached from its summary with a line of it above the bar, stayed
// under Run and Reset: a keyboard user typed lines they could not see.
func TestPageTabClearOfRunBar(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	url := servePage(t)
	for _, size := range [][2]int64{{1366, 900}, {320, 800}} {
		do(t, ctx, "loading "+url, focusEmulated, chromedp.EmulateViewport(size[0], size[1]), chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
		for _, c := range []struct{ from, to string }{
			{`document.querySelector("#sets-box summary")`, "sets"},
			{`document.getElementById("knob-migrants.give_up_days")`, "knob-migrants.give_up_days-num"},
		} {
			// The box's top 30 pixels above the bar, the element before it
			// focused without scrolling, then Tab.
			eval[any](t, ctx, fmt.Sprintf(`(() => {
				document.getElementById("sets-box").open = true;
				const bar = document.querySelector(".run-bar").getBoundingClientRect();
				window.scrollBy(0, document.getElementById(%q).getBoundingClientRect().top - (bar.top - 30));
				%s.focus({ preventScroll: true });
				return 1;
			})()`, c.to, c.from))
			do(t, ctx, "pressing Tab", chromedp.KeyEvent(kb.Tab), chromedp.Sleep(200*time.Millisecond))
			got := eval[map[string]any](t, ctx, fmt.Sprintf(`(() => {
				const box = document.getElementById(%q).getBoundingClientRect(), bar = document.querySelector(".run-bar").getBoundingClientRect();
				return { focus: document.activeElement.id, bottom: box.bottom, top: box.top, bar: bar.top };
			})()`, c.to))
			if got["focus"] != c.to {
				t.Fatalf("%d px: Tab went to %q; want %s", size[0], got["focus"], c.to)
			}
			if got["bottom"].(float64) > got["bar"].(float64) || got["top"].(float64) < 0 {
				t.Errorf("%d px: %s reached with Tab spans %v to %v px, the bar of Run from %v px: want it whole above the bar", size[0], c.to, got["top"], got["bottom"], got["bar"])
			}
		}
	}
}

// TestPageChartsAsTables: each chart of the results has its numbers as a
// table under "The chart as a table", named, its rows and columns headed:
// to a screen reader a chart is one image, read as its title and no
// more, so that neither a bar's value nor a curve's course reached a
// blind student; nor could one who tells the regimes' colours apart
// badly read a value off a curve. The bars' tables hold the numbers
// drawn beside the bars; the curves', the mean on each day the axis
// marks and on the last; a table opened stays open when the charts are
// drawn again to a new width (zooming in).
func TestPageChartsAsTables(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 1366, 900)
	typeInto(t, ctx, "reps", "2")
	typeInto(t, ctx, "days", "60")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.ID("run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run ended %q", state)
	}
	type table struct {
		Summary, Name string
		Head          []string
		Scoped        bool
		Rows          [][]string // the first number of each cell, after the row's header
		Drawn         []string   // bars: the numbers drawn beside the bars, in order
		Want          []string   // curves: the means of the last day, by regime
		Regimes       []string
	}
	got := eval[map[string]table](t, ctx, `Object.fromEntries(["fig-trapped", "fig-series", "fig-abuse", "fig-outcomes"].map((id, k) => {
		const fig = document.getElementById(id), d = fig.querySelector("details.chart-table");
		if (!d) return [id, {}];
		const t = d.querySelector("table"), named = t.getAttribute("aria-labelledby");
		const svg = fig.querySelector(".chart svg");
		const bars = [...svg.querySelectorAll("rect[data-regime]")].map(r => r.dataset.regime);
		return [id, {
			summary: d.querySelector("summary").textContent,
			name: named ? document.getElementById(named)?.textContent || "" : t.getAttribute("aria-label") || "",
			head: [...t.querySelectorAll("thead th")].map(th => th.textContent),
			scoped: [...t.querySelectorAll("thead th")].every(th => th.scope === "col") && [...t.querySelectorAll("tbody tr")].every(tr => tr.cells[0].tagName === "TH" && tr.cells[0].scope === "row"),
			rows: [...t.querySelectorAll("tbody tr")].map(tr => [...tr.cells].map((c, i) => i ? c.textContent.split(" ")[0] : c.textContent)),
			drawn: k < 2 ? [] : [...svg.querySelectorAll("text")].map(x => x.textContent).filter(s => /^-?[0-9][0-9,.]*$/.test(s)).slice(-bars.length),
			want: k < 2 ? state.results.series[k].bands.map(b => formatCount(b.mean[b.mean.length - 1])) : [],
			regimes: k < 2 ? state.results.series[k].bands.map(b => b.regime) : [...new Set(bars)],
		}];
	}))`)
	for _, id := range []string{"fig-trapped", "fig-series", "fig-abuse", "fig-outcomes"} {
		tb := got[id]
		if tb.Summary != "The chart as a table" || tb.Name == "" || !tb.Scoped || len(tb.Rows) == 0 {
			t.Errorf("%s: the chart's table is under %q, named %q, headed by row and column %v, with %d rows; want it under \"The chart as a table\", named, headed, with rows", id, tb.Summary, tb.Name, tb.Scoped, len(tb.Rows))
			continue
		}
		if len(tb.Head) != len(tb.Regimes)+1 || !slices.Equal(tb.Head[1:], tb.Regimes) {
			t.Errorf("%s: the table's columns are %q; want a column per regime, %q", id, tb.Head, tb.Regimes)
		}
		var cells []string
		for _, r := range tb.Rows {
			cells = append(cells, r[1:]...)
		}
		switch {
		case len(tb.Want) > 0: // a curve: the last row is the last day
			last := tb.Rows[len(tb.Rows)-1]
			if last[0] != "59" || !slices.Equal(last[1:], tb.Want) {
				t.Errorf("%s: the table's last row is %q; want day 59 and the means %q", id, last, tb.Want)
			}
		case !slices.Equal(cells, tb.Drawn):
			t.Errorf("%s: the table holds %q; want the numbers drawn by the bars, %q", id, cells, tb.Drawn)
		}
	}
	// Opened, then the charts drawn again at 400% zoom: still open.
	eval[any](t, ctx, `document.querySelector("#fig-abuse details.chart-table").open = true`)
	do(t, ctx, "zooming in", chromedp.EmulateViewport(320, 800), chromedp.Sleep(600*time.Millisecond), resized())
	if open := eval[bool](t, ctx, `document.querySelector("#fig-abuse details.chart-table").open && document.querySelector("#fig-abuse .chart svg").viewBox.baseVal.width < 400`); !open {
		t.Errorf("the abuse chart's table, opened, is closed once the chart is drawn again at 320 px")
	}
}

// TestPageStatusSaidSparingly: during a long run a screen reader hears
// that it started, a few steps of its progress and that it is done, not
// every tick: the status beside Run, a live region, changed up to twenty
// times a second ("Running: 34 of 800 runs", "Running: 119 of 800
// runs", ...), and each change was queued to be spoken. The status shown
// still counts every tick.
func TestPageStatusSaidSparingly(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 1366, 900)
	typeInto(t, ctx, "reps", "200")
	typeInto(t, ctx, "days", "365")
	// Every change of what a live region holds (an element with
	// aria-live, or a role that is live), and every status shown.
	eval[any](t, ctx, `(() => {
		window.spoken = []; window.shown = [];
		const live = [...document.querySelectorAll("[aria-live], [role=status], [role=alert], [role=log]")].filter(e => e.getAttribute("aria-live") !== "off");
		const last = new Map(live.map(e => [e, e.textContent.trim()]));
		new MutationObserver(() => {
			for (const e of live) {
				const s = e.textContent.trim();
				if (s !== last.get(e)) { last.set(e, s); if (s) window.spoken.push(s); }
			}
			window.shown.push(document.getElementById("status-text").textContent);
		}).observe(document.body, { subtree: true, childList: true, characterData: true });
		return 1;
	})()`)
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.ID("run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run ended %q", state)
	}
	spoken := eval[[]string](t, ctx, `window.spoken`)
	shown := eval[[]string](t, ctx, `[...new Set(window.shown)].filter(s => s.startsWith("Running:"))`)
	if len(spoken) > 7 || len(spoken) == 0 || !strings.HasPrefix(strings.ReplaceAll(spoken[len(spoken)-1], "\u00a0", " "), "Done: 800 runs") {
		t.Errorf("a run of 800 runs said %d things to a screen reader: %q; want at most 7 (its start, its quarters, its end), the last that it is done", len(spoken), spoken)
	}
	if len(shown) <= len(spoken) {
		t.Errorf("the status beside Run showed %q; want every tick of progress the page had", shown)
	}
}

// axNodes is the page's accessibility tree as Chromium gives it to a
// screen reader, the nodes it ignores left out.
func axNodes(t *testing.T, ctx context.Context) []*accessibility.Node {
	t.Helper()
	var nodes []*accessibility.Node
	do(t, ctx, "reading the accessibility tree", chromedp.Func(func(ctx context.Context, tab *chromedp.Target) error {
		res, err := cdp.Call(ctx, tab, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
		for _, n := range res.Nodes {
			if !n.Ignored && n.Role != nil {
				nodes = append(nodes, n)
			}
		}
		return err
	}))
	return nodes
}

// axText is an accessibility value as text, without the spaces around
// it, which a screen reader does not say: Chromium 148 keeps the space
// between a label's text and its box in the box's name ("Replicates ").
func axText(v *accessibility.Value) string {
	if v == nil {
		return ""
	}
	var s string
	if err := json.Unmarshal(v.Value, &s); err != nil {
		return string(v.Value)
	}
	return strings.TrimSpace(s)
}

// TestPageRegimesNamed: a regime's box is named by the regime alone, its
// description given as its description: its name was the whole label, so
// that a screen reader said some forty words ("hbm Humanitarian border
// management: the controls of the closed regime, run reliably, ...")
// each time the box was reached, before saying whether it was ticked.
func TestPageRegimesNamed(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 1366, 900)
	var got [][2]string
	for _, n := range axNodes(t, ctx) {
		if axText(n.Role) == "checkbox" {
			got = append(got, [2]string{axText(n.Name), axText(n.Description)})
		}
	}
	want := []string{"open", "closed", "malfunctioning", "hbm"}
	if len(got) != len(want) {
		t.Fatalf("the regimes' boxes, named and described: %q; want %q", got, want)
	}
	for i, w := range want {
		if got[i][0] != w || len(got[i][1]) < 40 {
			t.Errorf("regime %s's box is named %q, described %q; want it named %q and described as the page describes it", w, got[i][0], got[i][1], w)
		}
	}
	// A click on the regime's name still ticks its box.
	before := eval[bool](t, ctx, `document.getElementById("regime-hbm").checked`)
	do(t, ctx, "clicking hbm's name", chromedp.Click(chromedp.CSS(`label[for="regime-hbm"] strong`)))
	if after := eval[bool](t, ctx, `document.getElementById("regime-hbm").checked`); after == before {
		t.Errorf("a click on hbm's name left its box as it was")
	}
}

// TestPagePlaySaysOneThing: the map's Play button, once pressed, reads
// as what it does next, "Pause", and not also as pressed: a screen
// reader said "Pause, toggle button, pressed", which reads as paused
// while the days went by.
func TestPagePlaySaysOneThing(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 1366, 900)
	typeInto(t, ctx, "reps", "2")
	typeInto(t, ctx, "days", "600")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.ID("run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run ended %q", state)
	}
	play := func() (name, pressed string) {
		for _, n := range axNodes(t, ctx) {
			if axText(n.Role) != "button" || (axText(n.Name) != "Play" && axText(n.Name) != "Pause") {
				continue
			}
			name = axText(n.Name)
			for _, p := range n.Properties {
				if p.Name == accessibility.PropertyNamePressed {
					pressed = axText(p.Value)
				}
			}
		}
		return name, pressed
	}
	for _, want := range []string{"Pause", "Play"} {
		do(t, ctx, "pressing "+map[string]string{"Pause": "Play", "Play": "Pause"}[want], chromedp.Click(chromedp.ID("play")))
		if name, pressed := play(); name != want || (pressed != "" && pressed != "false") {
			t.Errorf("after pressing the map's button, a screen reader reads it as %q, pressed %q; want %q alone", name, pressed, want)
		}
	}
}

// TestPageZoomedBarsLeaveRoom: at 400% zoom (a 1280×1024 screen shows
// 320×256 CSS pixels) and 200% on a 1366×768 laptop (683×384), the bars
// that stay on the screen, Run and Reset under the settings and on a
// narrow screen the day's controls over the maps, take no more than a
// quarter of it: they took 103 and 94 of the 256 pixels, leaving a
// student at 400% a strip of settings or of map between them. Where the
// screen is that short they stay in their place on the page.
func TestPageZoomedBarsLeaveRoom(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	url := servePage(t)
	for _, size := range [][2]int64{{320, 256}, {683, 384}} {
		do(t, ctx, "loading "+url, chromedp.EmulateViewport(size[0], size[1]), chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
		typeInto(t, ctx, "reps", "2")
		typeInto(t, ctx, "days", "60")
		// Run out of sight under the settings, Enter in a box runs.
		do(t, ctx, "pressing Enter in Days", chromedp.Focus(chromedp.ID("days")), chromedp.KeyEvent(kb.Enter))
		if state := waitRun(t, ctx); state != "done" {
			t.Fatalf("the run ended %q", state)
		}
		for _, at := range []struct{ what, show string }{
			{"a slider in the middle of the settings", `document.getElementById("knob-abuse.official_extortion").scrollIntoView({ block: "center" })`},
			{"the maps", `document.querySelector("#maps .map:nth-child(2)").scrollIntoView({ block: "center" })`},
		} {
			taken := eval[float64](t, ctx, `(() => { `+at.show+`;
				return [".run-bar", ".map-controls"].map(s => document.querySelector(s).getBoundingClientRect())
					.reduce((sum, r) => sum + Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0)), 0);
			})()`)
			if taken > float64(size[1])/4 {
				t.Errorf("%d×%d, showing %s: the bars take %.0f of the %d pixels of the screen; want at most a quarter", size[0], size[1], at.what, taken, size[1])
			}
		}
	}
}

// TestPageIDsUnique: no two elements of the page share an id, after a
// run whose chart of abuse is empty ("None in any run."): that note took
// the id of the note under the summary table, which the table names as
// its description, so that which of the two a screen reader read
// depended on their order on the page.
func TestPageIDsUnique(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 1366, 900)
	typeInto(t, ctx, "reps", "1")
	typeInto(t, ctx, "days", "1")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.ID("run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run ended %q", state)
	}
	if empty := eval[string](t, ctx, `document.querySelector("#fig-abuse .chart").textContent`); empty != "None in any run." {
		t.Fatalf("one day of one replicate drew the abuse chart %q; want it empty, for this test", empty)
	}
	if twice := eval[[]string](t, ctx, `(() => { const seen = new Set(), twice = []; for (const e of document.querySelectorAll("[id]")) { if (seen.has(e.id)) twice.push(e.id); seen.add(e.id); } return twice; })()`); len(twice) > 0 {
		t.Errorf("ids given to more than one element: %q", twice)
	}
}

// TestPageTablesHeaded: the summary table and the map's are named, and
// the map's rows are headed by their regime and place: its every cell
// was a plain cell, so that a screen reader moving down "trapped" said
// "12.0", "0.0", ... and not whose they were; and neither table had a
// name to tell it from the other in a list of the page's tables.
func TestPageTablesHeaded(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 1366, 900)
	typeInto(t, ctx, "reps", "2")
	typeInto(t, ctx, "days", "60")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.ID("run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run ended %q", state)
	}
	do(t, ctx, "moving the day to the end", chromedp.Focus(chromedp.ID("day")), chromedp.KeyEvent(kb.End))
	eval[any](t, ctx, `document.getElementById("map-table-box").open = true`)
	var names []string
	for _, n := range axNodes(t, ctx) {
		if axText(n.Role) == "table" {
			names = append(names, axText(n.Name))
		}
	}
	if !slices.Contains(names, "Summary of the runs, by regime") || !slices.Contains(names, "The map as a table, on day 59") {
		t.Errorf("the page's tables are named %q; want the summary's and the map's on the day shown among them", names)
	}
	rows := eval[[]string](t, ctx, `[...document.querySelectorAll("#map-table tbody tr")].map(tr => [...tr.cells].map(c => c.tagName + (c.scope ? "/" + c.scope : "")).join(" "))`)
	if len(rows) == 0 {
		t.Fatal("the map's table has no rows")
	}
	for _, r := range rows {
		if r != "TH/row TH/row TD TD" {
			t.Errorf("a row of the map's table is %s; want the regime and the place heading it: TH/row TH/row TD TD", r)
			break
		}
	}
}

// TestPageKnobsNamedApart: every slider and number box has a name of its
// own in what a screen reader says. Two posts' knobs of one label ("Accurate
// news at departure", under Malfunctioning post and Closed post, both used
// in Exercise 8) had the same name, told apart only by the fieldset.
func TestPageKnobsNamedApart(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 1366, 900)
	names := map[string][]string{}
	for _, n := range axNodes(t, ctx) {
		if role := axText(n.Role); role == "slider" || role == "spinbutton" {
			names[role] = append(names[role], axText(n.Name))
		}
	}
	for role, got := range names {
		sorted := slices.Sorted(slices.Values(got))
		if len(slices.Compact(slices.Clone(sorted))) != len(sorted) {
			t.Errorf("the %ss are named %q; want every name once", role, sorted)
		}
	}
	if len(names["slider"]) < 2 {
		t.Fatalf("found the sliders %q; want the page's knobs", names["slider"])
	}
}

// TestPageRunsDescribed: the boxes of replicates, days and seed are
// described by the note that says what a replicate and the seed are, and
// their ranges, as well as by what is wrong with them: a screen reader
// heard only the error, and never what "Replicates" and "Seed" mean.
func TestPageRunsDescribed(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 1366, 900)
	const note = "A replicate is one run with its own random draws; the seed fixes those draws: the same seed gives the same numbers."
	if got := eval[string](t, ctx, `document.getElementById("runs-note").textContent`); !strings.HasPrefix(got, note) {
		t.Errorf("the note under Runs: %q; want it to open %q", got, note)
	}
	described := func() map[string]string {
		got := map[string]string{}
		for _, n := range axNodes(t, ctx) {
			if name := axText(n.Name); axText(n.Role) == "spinbutton" && slices.Contains([]string{"Replicates", "Days", "Seed"}, name) {
				got[name] = axText(n.Description)
			}
		}
		return got
	}
	for _, tc := range []struct {
		what, reps string
		want       map[string][]string
	}{
		{"as opened", "", map[string][]string{"Replicates": {note}, "Days": {note, "Days: 1 to 3,650"}, "Seed": {note}}},
		{"0 replicates", "0", map[string][]string{"Replicates": {"Replicates: 0 is outside", note}, "Seed": {note}}},
	} {
		if tc.reps != "" {
			typeInto(t, ctx, "reps", tc.reps)
		}
		got := described()
		for box, wants := range tc.want {
			for _, w := range wants {
				if !strings.Contains(got[box], w) {
					t.Errorf("%s: the box %s is described %q; want it to say %q", tc.what, box, got[box], w)
				}
			}
		}
	}
}

// TestPageFocusableNamed: everything Tab reaches has a name for a screen
// reader. The command under "Reproduce this", a <pre> that takes the
// focus so that a keyboard can scroll it, had none: a screen reader
// reached it saying nothing of what it was.
func TestPageFocusableNamed(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 1366, 900)
	typeInto(t, ctx, "reps", "2")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.ID("run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run ended %q", state)
	}
	nodes, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.CSSAll(`[tabindex]:not([tabindex^="-"]), a[href], button, input, select, textarea, summary`)))
	if err != nil {
		t.Fatal(err)
	}
	names := map[cdp.BackendNodeID]string{}
	for _, n := range axNodes(t, ctx) {
		names[n.BackendDOMNodeID] = axText(n.Name)
	}
	found := false
	for _, n := range nodes {
		name, shown := names[n.BackendNodeID]
		if !shown {
			continue // hidden, or in a closed box
		}
		found = found || n.AttributeValue("id") == "command"
		if strings.TrimSpace(name) == "" {
			t.Errorf("<%s id=%q>, reached with Tab, has no name for a screen reader", strings.ToLower(n.NodeName), n.AttributeValue("id"))
		}
	}
	if !found {
		t.Errorf("the command under Reproduce this is not among the %d elements Tab reaches", len(nodes))
	}
}
