package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// staleText is, for the results while they are out of date, the lowest
// WCAG contrast of any text shown in them, as the eye gets it: the
// text's colour (an SVG text's fill) over the first background behind
// it, both dimmed by every opacity on the way up over the white page;
// with the text that has it, and which of the charts, the map and the
// command show the label "Out of date".
const staleText = `(() => {
	const rgba = (c) => { const m = /rgba?\(([^)]*)\)/.exec(c); if (!m) return null; const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
	const over = (top, a, under) => [0, 1, 2].map((i) => a * top[i] + (1 - a) * under[i]);
	const lum = (c) => c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
	const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
	const white = [255, 255, 255];
	const backdrop = (el) => {
		for (let e = el; e; e = e.parentElement) {
			const b = rgba(getComputedStyle(e).backgroundColor);
			if (b && b[3] > 0) return over(b, b[3], white);
		}
		return white;
	};
	const dimmed = (el) => { let o = 1; for (let e = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity); return o; };
	const contrast = (el, style) => {
		const c = rgba(el instanceof SVGElement ? style.fill : style.color);
		if (!c) return Infinity;
		const bg = backdrop(el), o = dimmed(el);
		return ratio(over(over(c, c[3], bg), o, white), over(bg, o, white));
	};
	let worst = { ratio: Infinity, text: "" };
	const results = document.getElementById("results");
	const walk = document.createTreeWalker(results, NodeFilter.SHOW_TEXT);
	for (let n = walk.nextNode(); n; n = walk.nextNode()) {
		const el = n.parentElement;
		if (!n.textContent.trim() || !el.checkVisibility() || el.closest(".visually-hidden")) continue;
		const r = contrast(el, getComputedStyle(el));
		if (r < worst.ratio) worst = { ratio: r, text: n.textContent.trim().slice(0, 60) };
	}
	const labelled = [];
	for (const el of results.querySelectorAll(":scope > figure, #map-box, #reproduce")) {
		if (!el.checkVisibility()) continue;
		const before = getComputedStyle(el, "::before");
		if (!before.content.includes("Out of date")) continue;
		labelled.push(el.id);
		const r = contrast(el, before);
		if (r < worst.ratio) worst = { ratio: r, text: "Out of date (" + el.id + ")" };
	}
	return {
		stale: results.classList.contains("stale"),
		opacity: Number(getComputedStyle(document.getElementById("summary-box")).opacity),
		ratio: worst.ratio, text: worst.text, labelled,
		shown: [...results.querySelectorAll(":scope > figure, #map-box, #reproduce")].filter((e) => e.checkVisibility()).map((e) => e.id),
	};
})()`

// TestPageOutOfDateReadable: while a new run waits, the results of the
// settings before stay readable: dimmed to 0.4 their text fell to 2.6:1
// on white, and the grey notes to 2.1:1, under the 4.5:1 of WCAG AA, so
// that a student could no longer read what the new run was to be
// compared with. Now every text in them stays at 4.5:1 or more, they are
// still dimmed, and each chart, the map and the command is labelled "Out
// of date", which goes when the new results come.
func TestPageOutOfDateReadable(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	url, hold := holdServer(t)
	do(t, ctx, "loading "+url, chromedp.EmulateViewport(1366, 768), chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
	typeInto(t, ctx, "reps", "2")
	typeInto(t, ctx, "days", "40")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.ID("run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run ended %q", state)
	}
	type shown struct {
		Stale           bool
		Opacity, Ratio  float64
		Text            string
		Labelled, Shown []string
	}
	typeInto(t, ctx, "knob-regimes.malfunctioning.outage_days-num", "30")
	release := hold(t)
	do(t, ctx, "pressing Run", chromedp.ScrollIntoView(chromedp.ID("run")), chromedp.Click(chromedp.ID("run")))
	waitPending(t, ctx)
	got := eval[shown](t, ctx, staleText)
	if !got.Stale || got.Opacity >= 1 {
		t.Errorf("a run waiting over results of the settings before: stale %v, the summary's opacity %v; want them dimmed", got.Stale, got.Opacity)
	}
	t.Logf("out of date, the results' text of least contrast is %q, at %.2f:1", got.Text, got.Ratio)
	if got.Ratio < 4.5 {
		t.Errorf("out of date, the results' text %q has a contrast of %.2f:1; want at least 4.5:1 (WCAG AA)", got.Text, got.Ratio)
	}
	if len(got.Shown) < 5 || strings.Join(got.Labelled, " ") != strings.Join(got.Shown, " ") {
		t.Errorf("out of date, %q are labelled \"Out of date\"; want every chart, the map and the command shown, %q", got.Labelled, got.Shown)
	}
	keepShot(t, screenshot(t, ctx), "stale-laptop.png")
	do(t, ctx, "showing the map", chromedp.ScrollIntoView(chromedp.ID("map-box")))
	keepShot(t, screenshot(t, ctx), "stale-map-laptop.png")
	release()
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run ended %q", state)
	}
	if got := eval[shown](t, ctx, staleText); got.Stale || got.Opacity != 1 || len(got.Labelled) != 0 {
		t.Errorf("the new run's results: stale %v, opacity %v, labelled out of date %q; want none of it", got.Stale, got.Opacity, got.Labelled)
	}
}
