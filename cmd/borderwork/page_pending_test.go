package main

// The classroom page as a class of 30 uses it (the audit teacher6): a run
// that waits its turn behind the others' experiments, a file of one's
// own that check refuses, the map's table on a phone, bands cut at zero
// and a decimal comma.

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/borderwork/borderwork/scenarios"
)

// holdServer serves the page with one slot, and returns its address and
// a function that takes the slot with an experiment far longer than any
// test (minutes) until the function it returns is called, or the test
// ends.
func holdServer(t *testing.T) (url string, hold func(t *testing.T) (release func())) {
	t.Helper()
	srv := slowServer(4, 10*time.Minute)
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	return hs.URL + "/", func(t *testing.T) func() {
		t.Helper()
		ctx, cancel := context.WithCancel(context.Background())
		var resp *http.Response
		release := func() {
			cancel()
			if resp != nil {
				resp.Body.Close()
			}
		}
		t.Cleanup(release)
		resp = holdRun(t, ctx, hs.URL, 1, `"runs"`)
		return release
	}
}

// pendingState is what the page shows of a run that waits: the note in
// the results, where it is on the screen, whether the results are
// dimmed, and what Run says.
const pendingState = `(() => {
	const box = document.getElementById("results-pending"), r = box.getBoundingClientRect();
	return {
		note: box.checkVisibility() ? box.textContent : "",
		onScreen: r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight,
		stale: document.getElementById("results").classList.contains("stale"),
		opacity: getComputedStyle(document.getElementById("summary-box")).opacity,
		button: document.getElementById("run").textContent,
		hint: document.getElementById("run-hint").textContent,
		resultsNote: document.getElementById("results-note").textContent,
	};
})()`

// waitPending waits for the page to say its run waits behind another.
func waitPending(t *testing.T, ctx context.Context) map[string]any {
	t.Helper()
	var got map[string]any
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if got = eval[map[string]any](t, ctx, pendingState); strings.Contains(got["note"].(string), "1 other experiment ahead") {
			break
		}
	}
	return got
}

// TestPageSaysResultsAreOld: while a run waits its turn on a busy
// server, the results on the page are not passed off as its own: they
// are dimmed under a note, in the results and on the screen of a phone,
// that says they are the settings before and how many experiments are
// ahead; with no results yet, the note says the run waits. Run meanwhile
// says what pressing it does (not "Run again"). The run's results end
// it all.
func TestPageSaysResultsAreOld(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	url, hold := holdServer(t)
	for _, vp := range []struct {
		name string
		w, h int64
	}{{"phone", 390, 844}, {"laptop", 1366, 768}} {
		t.Run(vp.name, func(t *testing.T) {
			size := chromedp.EmulateViewport(vp.w, vp.h)
			if vp.w < 500 {
				size = chromedp.EmulateViewport(vp.w, vp.h, chromedp.EmulateMobile)
			}
			do(t, ctx, "loading "+url, size, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
			typeInto(t, ctx, "reps", "2")
			typeInto(t, ctx, "days", "40")

			// The first run waits: no results yet.
			release := hold(t)
			do(t, ctx, "pressing Run", chromedp.ScrollIntoView(chromedp.ID("run")), chromedp.Click(chromedp.ID("run")))
			got := waitPending(t, ctx)
			if !strings.HasPrefix(got["note"].(string), "The run is waiting its turn on the server: 1 other experiment ahead of it") || got["onScreen"] != true {
				t.Errorf("a first run waiting its turn: the results say %q, on the screen: %v; want that it waits, on the screen", got["note"], got["onScreen"])
			}
			if strings.Contains(got["resultsNote"].(string), "Press Run") {
				t.Errorf("a run waiting its turn: the results still say %q", got["resultsNote"])
			}
			if got["button"] != "Restart" || !strings.Contains(got["hint"].(string), "place in the queue") {
				t.Errorf("a run waiting its turn: Run says %q, beside it %q; want what pressing it does", got["button"], got["hint"])
			}
			keepShot(t, screenshot(t, ctx), "pending-first-"+vp.name+".png")
			release()
			if state := waitRun(t, ctx); state != "done" {
				t.Fatalf("the run ended %q", state)
			}

			// Another run, with other settings, waits: the results shown
			// are those before.
			typeInto(t, ctx, "knob-regimes.malfunctioning.outage_days-num", "30")
			release = hold(t)
			do(t, ctx, "pressing Run", chromedp.ScrollIntoView(chromedp.ID("run")), chromedp.Click(chromedp.ID("run")))
			got = waitPending(t, ctx)
			if !strings.HasPrefix(got["note"].(string), "These are the results of the settings before; the new run is waiting its turn on the server: 1 other experiment ahead of it") ||
				got["onScreen"] != true || got["stale"] != true || got["opacity"] == "1" {
				t.Errorf("a run waiting its turn over results of the settings before: the results say %q, on the screen: %v, dimmed: %v (opacity %v); want them dimmed under a note that says so, on the screen",
					got["note"], got["onScreen"], got["stale"], got["opacity"])
			}
			if got["button"] != "Restart" || !strings.Contains(got["hint"].(string), "place in the queue") {
				t.Errorf("a run waiting its turn: Run says %q, beside it %q; want what pressing it does", got["button"], got["hint"])
			}
			keepShot(t, screenshot(t, ctx), "pending-stale-"+vp.name+".png")
			do(t, ctx, "showing Run", chromedp.ScrollIntoView(chromedp.ID("run")))
			keepShot(t, screenshot(t, ctx), "pending-run-"+vp.name+".png")
			release()
			if state := waitRun(t, ctx); state != "done" {
				t.Fatalf("the run ended %q", state)
			}
			got = eval[map[string]any](t, ctx, pendingState)
			if got["note"] != "" || got["stale"] != false || got["opacity"] != "1" || got["button"] != "Run" || got["hint"] != "" {
				t.Errorf("after the run: the results say %q, dimmed %v (opacity %v), Run says %q, beside it %q; want the results as they are, and Run", got["note"], got["stale"], got["opacity"], got["button"], got["hint"])
			}
			// Another curve over time runs the same settings again: the
			// results wait for it.
			release = hold(t)
			eval[any](t, ctx, `(s => { s.value = "dead"; s.dispatchEvent(new Event("change")); })(document.getElementById("series-select"))`)
			got = waitPending(t, ctx)
			if !strings.HasPrefix(got["note"].(string), "These results are without the new curve; the run that draws it is waiting its turn on the server: 1 other experiment ahead of it") || got["stale"] != true {
				t.Errorf("another curve, waiting its turn: the results say %q, dimmed: %v; want them dimmed under a note that says so", got["note"], got["stale"])
			}
			release()
			if state := waitRun(t, ctx); state != "done" {
				t.Fatalf("the run ended %q", state)
			}
			do(t, ctx, "pressing Run", chromedp.ScrollIntoView(chromedp.ID("run")), chromedp.Click(chromedp.ID("run")))
			if state := waitRun(t, ctx); state != "done" {
				t.Fatalf("the run ended %q", state)
			}

			// The results are in view after Run, on every screen.
			if top := eval[float64](t, ctx, `document.getElementById("results").getBoundingClientRect().top`); top < 0 || top > eval[float64](t, ctx, `window.innerHeight`)-160 {
				t.Errorf("after Run at the bottom of the settings, the results start %v px from the top of the screen; want them in view", top)
			}
		})
	}
}

// screenshot is the tab's visible part, as a PNG.
func screenshot(t *testing.T, ctx context.Context) []byte {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	return png
}

// TestPageRefusesFileNotInUse: a scenario file edited and not put in
// use, or refused by the check, is not silently replaced at Run by the
// scenario before: Run refuses, and says why beside it. Once the file is
// in use, the results name it.
func TestPageRefusesFileNotInUse(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 1366, 768)
	typeInto(t, ctx, "reps", "2")
	typeInto(t, ctx, "days", "40")
	const schedule = `"\n[[posts.schedule]]\nfrom = 20\nto = 30\nadmision = \"nobody\"\n"`
	eval[any](t, ctx, `document.getElementById("file-box").open = true, document.getElementById("text").value += `+schedule)
	refused := func(what, want string) {
		t.Helper()
		do(t, ctx, "pressing Run", chromedp.Click(chromedp.ID("run")))
		got := eval[map[string]string](t, ctx, `({
			state: document.getElementById("status").dataset.state || "",
			msg: document.getElementById("run-error").textContent,
			note: document.getElementById("results-note").textContent,
		})`)
		if got["state"] != "refused" || !strings.Contains(got["msg"], want) || strings.HasPrefix(got["note"], "classroom") {
			t.Errorf("Run with %s: the run %q, next to Run %q, the results %q; want it refused with %q", what, got["state"], got["msg"], got["note"], want)
		}
	}
	refused("the file edited, not put in use", "Your edits to the scenario file are not in use yet")

	do(t, ctx, "pressing Check and use this file", chromedp.Click(chromedp.ID("use-text")))
	if msg := waitText(t, ctx, "problems", func(s string) bool { return s != "" }); !strings.Contains(msg, "admision: unknown key") {
		t.Fatalf("Check and use this file says %q; want the misspelt key", msg)
	}
	refused("the file refused by the check", "Your edited file my.toml has a problem")
	keepShot(t, screenshot(t, ctx), "file-refused-laptop.png")

	eval[any](t, ctx, `(t => t.value = t.value.replace("admision", "admission"))(document.getElementById("text"))`)
	do(t, ctx, "pressing Check and use this file", chromedp.Click(chromedp.ID("use-text")))
	waitText(t, ctx, "file-status", func(s string) bool { return s != "" })
	typeInto(t, ctx, "reps", "2") // the file's own settings are back
	typeInto(t, ctx, "days", "40")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.ID("run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run of the fixed file ended %q: %s", state, eval[string](t, ctx, `document.getElementById("run-error").textContent`))
	}
	if note := eval[string](t, ctx, `document.getElementById("results-note").textContent`); note != "my.toml (scenario classroom): 4 regimes × 2 replicates." {
		t.Errorf("the results of my.toml say %q; want them to name the file", note)
	}

	// Reset drops edits: Run runs the file in use.
	eval[any](t, ctx, `document.getElementById("text").value += "# a note\n"`)
	do(t, ctx, "pressing Reset", chromedp.Click(chromedp.ID("reset")))
	waitText(t, ctx, "status-text", func(s string) bool { return strings.HasPrefix(s, "Reset") })
	typeInto(t, ctx, "reps", "2")
	typeInto(t, ctx, "days", "40")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.ID("run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Errorf("after Reset the run ended %q: %s", state, eval[string](t, ctx, `document.getElementById("run-error").textContent`))
	}

	// my.toml in use, edited again with a mistake: Run would run my.toml
	// as it was, not "my.toml instead" of my.toml.
	eval[any](t, ctx, `document.getElementById("text").value += `+schedule)
	do(t, ctx, "pressing Check and use this file", chromedp.Click(chromedp.ID("use-text")))
	waitText(t, ctx, "problems", func(s string) bool { return s != "" })
	refused("my.toml edited again, refused by the check", "Your edited file my.toml has a problem (see under it), so Run would run my.toml as last checked, without these edits: fix it")
}

// TestPageSmallThings: on a phone the map's table says to swipe it when
// it is wider than the screen (and not on a laptop, where it fits); the
// caption of migrants trapped over time says when a band is cut at 0;
// a decimal comma, which the browser would take out of the number (0,9
// would be 09), is a decimal point in the box.
func TestPageSmallThings(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 390, 844, chromedp.EmulateMobile)

	// Exercise 2's 3 replicates with seed 7: intervals below zero.
	typeInto(t, ctx, "reps", "3")
	typeInto(t, ctx, "seed", "7")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.ID("run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run ended %q", state)
	}
	const cut = `({
		below: state.results.series[0].bands.some(b => b.lo.some(v => v !== null && v < 0)),
		caption: document.querySelector("#fig-trapped figcaption .note").innerText,
	})`
	got := eval[map[string]any](t, ctx, cut)
	if got["below"] != true || !strings.HasSuffix(got["caption"].(string), "(cut at 0, as no count can be below it)") {
		t.Errorf("3 replicates, seed 7: a band below 0 %v, the caption %q; want a band below 0, and the caption to say it is cut", got["below"], got["caption"])
	}
	do(t, ctx, "showing the chart", chromedp.ScrollIntoView(chromedp.ID("fig-trapped")))
	keepShot(t, screenshot(t, ctx), "cut-at-0-phone.png")

	// The map's table, on the last day.
	do(t, ctx, "moving the day to the end", chromedp.Focus(chromedp.ID("day")), chromedp.KeyEvent(kb.End))
	eval[any](t, ctx, `document.getElementById("map-table-box").open = true`)
	const hint = `(() => {
		const box = document.getElementById("map-table"), h = document.getElementById("map-table-hint");
		return { wide: box.scrollWidth > box.clientWidth, hint: h.checkVisibility() ? h.textContent : "" };
	})()`
	do(t, ctx, "waiting for the table", chromedp.Sleep(200*time.Millisecond))
	phone := eval[map[string]any](t, ctx, hint)
	if phone["wide"] != true || phone["hint"] != "Scroll or swipe the table sideways to see all 4 columns →" {
		t.Errorf("on a 390 px phone the map's table is wider than its box: %v, and its hint says %q; want it wider, and the hint shown", phone["wide"], phone["hint"])
	}
	do(t, ctx, "showing the table", chromedp.ScrollIntoView(chromedp.ID("map-table-box")))
	keepShot(t, screenshot(t, ctx), "map-table-phone.png")
	do(t, ctx, "turning into a laptop", chromedp.EmulateViewport(1366, 768), chromedp.Sleep(500*time.Millisecond), resized())
	if laptop := eval[map[string]any](t, ctx, hint); laptop["wide"] != false || laptop["hint"] != "" {
		t.Errorf("at 1366 px the map's table is wider than its box: %v, and its hint says %q; want neither", laptop["wide"], laptop["hint"])
	}

	// The default run: whether a band is cut, the caption says so or not.
	typeInto(t, ctx, "reps", "20")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.ID("run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run ended %q", state)
	}
	got = eval[map[string]any](t, ctx, cut)
	if said := strings.HasSuffix(got["caption"].(string), "(cut at 0, as no count can be below it)"); said != got["below"] {
		t.Errorf("20 replicates: a band below 0 %v, the caption %q; want it to say the band is cut only if one is", got["below"], got["caption"])
	}

	// A decimal comma: the box makes it a point
	// (TestPageDecimalComma has the cases).
	const oversight = "knob-regimes.malfunctioning.oversight-num"
	typeInto(t, ctx, oversight, "0,9")
	got = eval[map[string]any](t, ctx, fmt.Sprintf(`({
		box: document.getElementById(%q).value,
		under: document.getElementById("knob-regimes.malfunctioning.oversight-err").textContent,
	})`, oversight))
	if got["box"] != "0.9" || got["under"] != "" {
		t.Errorf("0,9 typed into the oversight box: the box holds %q, with %q under it; want 0.9 and nothing", got["box"], got["under"])
	}
	do(t, ctx, "showing the box", chromedp.ScrollIntoView(chromedp.JSPath(`document.getElementById("`+oversight+`")`)))
	keepShot(t, screenshot(t, ctx), "decimal-comma-laptop.png")
}

// TestPageRefusedUploadNotEdited: a file refused as it was uploaded was
// edited by nobody, and Run says so without "edited" (it told a class
// "Your edited file ... without these edits" of a file no one touched);
// once the box is changed, it is an edited file again.
func TestPageRefusedUploadNotEdited(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 1366, 768)
	raw, err := scenarios.Bundled("classroom")
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(t.TempDir(), "bad.toml")
	if err := os.WriteFile(bad, []byte(strings.Replace(string(raw), "capacity = 15", "capacty = 15", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	eval[any](t, ctx, `document.getElementById("file-box").open = true`)
	do(t, ctx, "uploading bad.toml", chromedp.SetUploadFiles(chromedp.ID("file-input"), []string{bad}))
	if msg := waitText(t, ctx, "problems", func(s string) bool { return s != "" }); !strings.Contains(msg, "capacty: unknown key") {
		t.Fatalf("uploading bad.toml says %q; want the misspelt key", msg)
	}
	for _, tc := range []struct {
		what, edit, want, not string
	}{
		{"as uploaded", "", "The scenario file bad.toml has a problem (see under it), so Run would run classroom instead", "edit"},
		{"edited after", `document.getElementById("text").value += "# a note\n"`, "Your edited file bad.toml has a problem", ""},
	} {
		if tc.edit != "" {
			eval[any](t, ctx, tc.edit)
		}
		do(t, ctx, "pressing Run", chromedp.Click(chromedp.ID("run")))
		msg := eval[string](t, ctx, `document.getElementById("run-error").textContent`)
		if !strings.Contains(msg, tc.want) || (tc.not != "" && strings.Contains(msg, tc.not)) {
			t.Errorf("Run with bad.toml %s: next to Run %q; want %q, and not %q", tc.what, msg, tc.want, tc.not)
		}
	}
}
