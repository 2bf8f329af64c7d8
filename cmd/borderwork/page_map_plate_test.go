package main

import (
	"bytes"
	"context"
	"image/png"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestPageMapNamesOverCircles: a place's name stays legible over the
// circle of those waiting there: at Village, under closed, the blue
// circle showed between the letters of its name, around the white halo
// of each, and the name read as covered. Within the name's box the map
// is now near white but for the letters.
func TestPageMapNamesOverCircles(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 1280, 900)
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.ID("run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run ended %q", state)
	}
	// The day of the largest circle at Village under closed, shown.
	const village = `document.querySelector('.map[data-regime="closed"] .place[data-name="Village"] .present')`
	day := eval[int](t, ctx, `(() => {
		const day = document.getElementById("day");
		let best = 0, r = -1;
		for (let d = 0; d <= Number(day.max); d++) {
			day.value = d;
			day.dispatchEvent(new Event("input"));
			const rd = Number(`+village+`.getAttribute("r"));
			if (rd > r) { r = rd; best = d; }
		}
		day.value = best;
		day.dispatchEvent(new Event("input"));
		document.querySelector('.map[data-regime="closed"]').scrollIntoView({ block: "center" });
		return best;
	})()`)
	box := eval[map[string]float64](t, ctx, `(() => {
		const c = `+village+`.getBoundingClientRect();
		const n = document.querySelector('.map[data-regime="closed"] .names text[data-name="Village"]').getBoundingClientRect();
		const meets = c.left < n.right && n.left < c.right && c.top < n.bottom && n.top < c.bottom;
		return { x: n.left + window.scrollX, y: n.top + window.scrollY, w: n.width, h: n.height, meets: meets ? 1 : 0 };
	})()`)
	if box["meets"] != 1 {
		t.Fatalf("on day %d Village's circle under closed does not reach its name (%v): nothing to test", day, box)
	}
	shot, err := chromedp.Run(ctx, chromedp.Action[[]byte](func(ctx context.Context, tab *chromedp.Target) ([]byte, error) {
		r, err := cdp.Call(ctx, tab, page.CaptureScreenshot, page.CaptureScreenshotParams{Clip: &page.Viewport{X: box["x"], Y: box["y"], Width: box["w"], Height: box["h"], Scale: 2}})
		if err != nil {
			return nil, err
		}
		return r.Data, nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	keepShot(t, shot, "map-village-name.png")
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	blue, all := 0, 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, _, bl, _ := img.At(x, y).RGBA()
			all++
			if int(bl>>8)-int(r>>8) > 40 {
				blue++
			}
		}
	}
	if blue*100 > all {
		t.Errorf("on day %d, %d of the %d pixels of Village's name under closed are the circle's blue; want under 1%%", day, blue, all)
	}
}
