package main

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/borderwork/borderwork/output/figures/palette"
	"github.com/chromedp/chromedp"
)

// barHatches lists every bar drawn (wider than nothing) in the page's
// bar charts: its regime and the hatch over it, by the name its pattern
// carries ("" for none), and whether the hatch covers the bar exactly.
const barHatches = `[...document.querySelectorAll("#results .chart rect[data-regime]")].filter(r => Number(r.getAttribute("width")) > 0).map(r => {
	const h = r.nextElementSibling && r.nextElementSibling.matches("rect.hatch") ? r.nextElementSibling : null;
	const id = h ? (h.getAttribute("fill").match(/^url\(#(.+)\)$/) || [])[1] : "";
	const p = id ? document.getElementById(id) : null;
	return {
		Chart: r.closest("figure").id, Regime: r.dataset.regime,
		Hatch: p ? p.dataset.hatch + (p.children.length ? "" : " (empty)") : (h ? "missing pattern " + id : ""),
		Covers: !h || ["x", "y", "width", "height"].every(a => h.getAttribute(a) === r.getAttribute(a)),
	};
})`

// differing counts the pixels in at of a and b, two screenshots of the
// screen, that differ by more than a little in any channel.
func differing(t *testing.T, a, b []byte, at image.Rectangle) (n, of int) {
	t.Helper()
	ia, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	ib, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	r := ia.Bounds().Intersect(ib.Bounds()).Intersect(at)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if far(ia.At(x, y), ib.At(x, y)) {
				n++
			}
		}
	}
	return n, r.Dx() * r.Dy()
}

func far(a, b interface{ RGBA() (r, g, b, a uint32) }) bool {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	d := func(x, y uint32) bool { return x>>8 > y>>8+40 || y>>8 > x>>8+40 }
	return d(ar, br) || d(ag, bg) || d(ab, bb)
}

// TestPageBarsHatched: the page's bar charts tell regimes apart by more
// than colour, for a greyscale handout and a colour-blind student: each
// regime's bars carry the hatch the figures give its bars (TEACHING.md:
// plain, /, \, crossed, ...), the four built-in regimes' all different,
// and the hatch shows (the bar looks otherwise without it). A chart of
// one regime alone is plain, as in the figures.
func TestPageBarsHatched(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	url := servePage(t)
	all := []string{"open", "closed", "malfunctioning", "hbm"}
	for _, width := range []int64{1366, 390} {
		size := chromedp.EmulateViewport(width, 900)
		if width < 900 {
			size = chromedp.EmulateViewport(width, 844, chromedp.EmulateMobile)
		}
		do(t, ctx, "loading "+url, size, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
		typeInto(t, ctx, "reps", "2")
		do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
		if state := waitRun(t, ctx); state != "done" {
			t.Fatalf("the run ended %q: %s", state, eval[string](t, ctx, `document.getElementById("run-error").textContent`))
		}
		bars := eval[[]struct {
			Chart, Regime, Hatch string
			Covers               bool
		}](t, ctx, barHatches)
		seen := map[string]map[string]bool{} // chart: regimes with a bar
		cue := map[string]string{}           // regime: its hatch
		for _, b := range bars {
			want := palette.StyleHatch(palette.RegimeStyle(b.Regime, all)).Name
			if b.Hatch != want || !b.Covers {
				t.Errorf("%d px, %s: a bar of %s is hatched %q (covering it exactly: %v); want %q, as the figures hatch its bars", width, b.Chart, b.Regime, b.Hatch, b.Covers, want)
			}
			if seen[b.Chart] == nil {
				seen[b.Chart] = map[string]bool{}
			}
			seen[b.Chart][b.Regime] = true
			cue[b.Regime] = b.Hatch
		}
		for _, chart := range []string{"fig-abuse", "fig-outcomes"} {
			if len(seen[chart]) != len(all) {
				t.Errorf("%d px: %s draws bars of %d regimes; want the %d run", width, chart, len(seen[chart]), len(all))
			}
		}
		distinct := map[string]string{}
		for _, r := range all {
			if other, ok := distinct[cue[r]]; ok {
				t.Errorf("%d px: %s's and %s's bars are both hatched %q; in grey they would look alike", width, other, r, cue[r])
			}
			distinct[cue[r]] = r
		}
		// Each hatch shows: the widest bar of each hatched regime looks
		// otherwise with its hatch hidden.
		do(t, ctx, "showing the chart", chromedp.ScrollIntoView(chromedp.ID("fig-outcomes")), chromedp.Sleep(200*time.Millisecond))
		for _, r := range all {
			if cue[r] == "" {
				continue
			}
			widest := `[...document.querySelectorAll('#fig-outcomes rect.hatch[data-hatch-of="` + r + `"]')].reduce((a, b) => Number(b.getAttribute("width")) > Number(a.getAttribute("width")) ? b : a)`
			box := eval[map[string]float64](t, ctx, `(e => { e.scrollIntoView({ block: "center" }); const r = e.getBoundingClientRect(), d = devicePixelRatio; return { l: r.left * d, t: r.top * d, r: r.right * d, b: r.bottom * d }; })(`+widest+`)`)
			at := image.Rect(int(box["l"])+1, int(box["t"])+1, int(box["r"]), int(box["b"]))
			with := screenshot(t, ctx)
			eval[any](t, ctx, `document.querySelectorAll("#fig-outcomes rect.hatch").forEach(h => h.setAttribute("visibility", "hidden"))`)
			without := screenshot(t, ctx)
			eval[any](t, ctx, `document.querySelectorAll("#fig-outcomes rect.hatch").forEach(h => h.removeAttribute("visibility"))`)
			if n, of := differing(t, with, without, at); n*10 < of {
				t.Errorf("%d px: %s's widest bar hatched %s: %d of its %d pixels change when the hatch is hidden; want a tenth at least", width, r, cue[r], n, of)
			}
		}
		for _, chart := range []string{"fig-abuse", "fig-outcomes"} {
			png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.ID(chart)))
			if err != nil {
				t.Fatal(err)
			}
			keepShot(t, png, "bars-"+strings.TrimPrefix(chart, "fig-")+"-"+map[int64]string{1366: "laptop", 390: "phone"}[width]+".png")
		}
	}
	// One regime alone: its bars plain, as the figures draw them.
	eval[any](t, ctx, `document.querySelectorAll("#regimes input").forEach(i => i.checked = i.value === "closed")`)
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run of closed alone ended %q: %s", state, eval[string](t, ctx, `document.getElementById("run-error").textContent`))
	}
	bars := eval[[]struct{ Chart, Regime, Hatch string }](t, ctx, barHatches)
	if len(bars) == 0 {
		t.Fatal("closed alone: no bars drawn")
	}
	for _, b := range bars {
		if b.Regime != "closed" || b.Hatch != "" {
			t.Errorf("closed alone, %s: a bar of %s hatched %q; want closed's bars only, plain", b.Chart, b.Regime, b.Hatch)
		}
	}
}
