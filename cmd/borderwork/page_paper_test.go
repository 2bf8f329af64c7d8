package main

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// onPaper lays the page out as the browser prints it: its beforeprint,
// then the print stylesheet (media print); or, with print false, back as
// the screen shows it after printing.
func onPaper(print bool) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tab *chromedp.Target) error {
		media := func(m string) error {
			_, err := cdp.Call(ctx, tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
			return err
		}
		event := func(name string) error {
			_, err := chromedp.Run(ctx, chromedp.Evaluate[any](`window.dispatchEvent(new Event("`+name+`"))`))
			return err
		}
		if print {
			return errors.Join(event("beforeprint"), media("print"))
		}
		return errors.Join(media(""), event("afterprint"))
	})
}

// TestPagePrints: a teacher prints the results for a handout, a student
// prints them to hand in (docs/TEACHING.md: "a greyscale printout of the
// page"). Printed, the page once began with three pages of sliders, cut
// the summary table off at the edge of its scrolling box (arrivals,
// deaths: gone), left the regimes' swatches out (backgrounds do not
// print) and split the charts from their titles. On paper now: no
// settings once there are results (the command under "Reproduce this"
// says them all) and no buttons; the summary table whole, a row per
// regime, even where the screen had turned it; the swatches printed; no
// chart taller than a page. After printing, the screen's table is back.
func TestPagePrints(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	url := servePage(t)
	// A projector's 1024 pixels: on screen the table is turned, a row
	// per count.
	do(t, ctx, "loading "+url, chromedp.EmulateViewport(1024, 768), chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
	typeInto(t, ctx, "reps", "2")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run ended %q", state)
	}
	if turned := eval[bool](t, ctx, `document.getElementById("summary").classList.contains("turned")`); !turned {
		t.Fatal("at 1024 px the summary table is not turned; this test wants it turned on screen")
	}

	// The browser's own print: beforeprint runs, then afterprint.
	eval[any](t, ctx, `window.addEventListener("beforeprint", () => { window.printedTable = document.getElementById("summary").className || "a row per regime"; })`)
	pdf, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: 8.27, PaperHeight: 11.69})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf.Data, []byte("%PDF")) {
		t.Fatalf("printing gave %.20q; want a PDF", pdf.Data)
	}
	if got := eval[string](t, ctx, `window.printedTable || "not printed"`); got != "a row per regime" {
		t.Errorf("printed, the summary table was %q; want a row per regime", got)
	}
	if turned := eval[bool](t, ctx, `document.getElementById("summary").classList.contains("turned")`); !turned {
		t.Error("after printing, the screen's summary table is no longer turned to fit it")
	}

	// The page laid out as on A4 paper (about 717 CSS pixels between
	// the margins), under the print stylesheet.
	do(t, ctx, "narrowing to A4", chromedp.EmulateViewport(717, 1045), chromedp.Sleep(300*time.Millisecond), resized(), onPaper(true))
	got := eval[map[string]any](t, ctx, `(() => {
		const box = document.getElementById("table-box"), table = document.getElementById("summary");
		const shown = (id) => document.getElementById(id).checkVisibility();
		const sw = document.querySelector("#summary .swatch"), cs = getComputedStyle(sw);
		return {
			turned: table.classList.contains("turned"),
			fits: table.offsetWidth <= box.clientWidth && box.scrollWidth <= box.clientWidth,
			columns: table.querySelectorAll("thead th").length,
			settings: shown("settings"), copy: shown("copy"), play: shown("play"), day: shown("day"),
			swatch: cs.printColorAdjust || cs.webkitPrintColorAdjust,
			tallest: Math.max(...[...document.querySelectorAll("#results figure")].map(f => f.getBoundingClientRect().height)),
			resultsLeft: document.getElementById("results").getBoundingClientRect().left,
		};
	})()`)
	if got["turned"] != false || got["fits"] != true || got["columns"] != 8.0 {
		t.Errorf("on paper the summary table is turned=%v, fits its box=%v, with %v headers; want a row per regime, every one of its 8 columns on the page", got["turned"], got["fits"], got["columns"])
	}
	if got["settings"] != false || got["copy"] != false || got["play"] != false || got["day"] != false {
		t.Errorf("on paper the settings show=%v, Copy=%v, Play=%v, the day slider=%v; want none of them", got["settings"], got["copy"], got["play"], got["day"])
	}
	if got["swatch"] != "exact" {
		t.Errorf("the regimes' swatches print with print-color-adjust %v; want exact, or they are left out", got["swatch"])
	}
	if tallest, _ := got["tallest"].(float64); tallest > 1045 {
		t.Errorf("on paper the tallest chart is %.0f px; want none taller than an A4 page (1045 px)", tallest)
	}
	if left, _ := got["resultsLeft"].(float64); left > 40 {
		t.Errorf("on paper the results start %.0f px from the left edge; want them across the page, not in the settings' column", left)
	}
	keepShot(t, screenshot(t, ctx), "paper.png")
	do(t, ctx, "back on screen", onPaper(false))
}
