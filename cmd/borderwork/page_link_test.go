package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestPageLink: the page keeps its settings in its address. Run writes
// them there (with ?workers= kept); the address opened in another
// browser puts the same settings on the form and runs nothing; an
// address with a key the scenario does not have, a value out of range
// or a scenario the page does not have says so where the page says it
// for a value typed, and the rest of its settings load.
func TestPageLink(t *testing.T) {
	t.Parallel()
	url := servePage(t)
	ctx := browser(t)
	do(t, ctx, "loading "+url, chromedp.EmulateViewport(1366, 900), chromedp.Navigate(url+"?workers=1"), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
	const box = "knob-abuse.desperation_effect-num"
	typeInto(t, ctx, box, "3.5")
	typeInto(t, ctx, "reps", "2")
	typeInto(t, ctx, "days", "30")
	do(t, ctx, "unticking hbm", chromedp.Click(chromedp.ID("regime-hbm")))
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.ID("run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run ended %q: %s", state, eval[string](t, ctx, `document.getElementById("run-error").textContent`))
	}
	link := eval[string](t, ctx, `location.href`)
	for _, want := range []string{"workers=1", "scenario=classroom", "set=abuse.desperation_effect=3.5", "regimes=open,closed,malfunctioning&", "reps=2", "seed=2018", "days=30"} {
		if !strings.Contains(link, want) {
			t.Errorf("after Run the address is %s; want %s in it", link, want)
		}
	}

	// Another browser, at a phone's size, opens the link.
	other := browser(t)
	do(t, other, "opening "+link, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)), chromedp.Sleep(time.Second))
	form := eval[map[string]any](t, other, `({
		scenario: document.getElementById("scenario").value,
		knob: document.getElementById("knob-abuse.desperation_effect-num").value,
		slider: document.getElementById("knob-abuse.desperation_effect").value,
		changed: document.querySelector('.knob[data-key="abuse.desperation_effect"]').classList.contains("changed"),
		reps: document.getElementById("reps").value,
		seed: document.getElementById("seed").value,
		days: document.getElementById("days").value,
		regimes: [...document.querySelectorAll("#regimes input:checked")].map(i => i.value).join(","),
		state: document.getElementById("status").dataset.state || "",
		status: document.getElementById("status-text").textContent,
		results: document.querySelectorAll("#results table").length,
		problems: document.getElementById("problems").textContent + document.getElementById("sets-problems").textContent,
	})`)
	want := map[string]any{"scenario": "classroom", "knob": "3.5", "slider": "3.5", "changed": true, "reps": "2", "seed": "2018", "days": "30",
		"regimes": "open,closed,malfunctioning", "state": "", "results": float64(0), "problems": ""}
	for k, v := range want {
		if form[k] != v {
			t.Errorf("opened from the link, the page's %s is %v; want %v", k, form[k], v)
		}
	}
	if s, _ := form["status"].(string); !strings.Contains(s, "press Run") || strings.Contains(s, "not all") {
		t.Errorf("opened from the link, the status says %q; want it to say to press Run", s)
	}
	shots(t, other, "link-phone", "knob-abuse.desperation_effect", "reps")

	// A stale link: a scenario, a key and a regime the page does not have,
	// a knob out of its range and days of 0; the replicates and the seed
	// load, and the regimes it has.
	bad := url + "?scenario=nowhere&set=nope.key=1&set=abuse.desperation_effect=9&regimes=open,hbm,gone&reps=3&seed=7&days=0"
	do(t, other, "opening "+bad, chromedp.Navigate(bad), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
	waitText(t, other, "sets-problems", func(s string) bool { return s != "" })
	page := eval[map[string]string](t, other, `({
		scenario: document.getElementById("scenario").value,
		problems: document.getElementById("problems").textContent,
		sets: document.getElementById("sets-problems").textContent,
		knob: document.getElementById("knob-abuse.desperation_effect-err").textContent,
		runs: document.getElementById("runs-error").textContent,
		reps: document.getElementById("reps").value,
		seed: document.getElementById("seed").value,
		regimes: [...document.querySelectorAll("#regimes input:checked")].map(i => i.value).join(","),
		state: document.getElementById("status").dataset.state || "",
		status: document.getElementById("status-text").textContent,
	})`)
	for _, c := range []struct{ what, got, want string }{
		{"the scenario menu", page["scenario"], "classroom"},
		{"the message under the scenario", page["problems"], `"nowhere"`},
		{"the message under the scenario", page["problems"], "gone"},
		{"the message under Apply", page["sets"], `unknown key "nope"`},
		{"the knob's message", page["knob"], "outside the allowed range"},
		{"the runs' message", page["runs"], "Days"},
		{"the replicates", page["reps"], "3"},
		{"the seed", page["seed"], "7"},
		{"the regimes ticked", page["regimes"], "open,hbm"},
		{"the status", page["status"], "not all of them could be used"},
	} {
		if !strings.Contains(c.got, c.want) {
			t.Errorf("opened from a stale link, %s is %q; want %q in it", c.what, c.got, c.want)
		}
	}
	if page["state"] != "" {
		t.Errorf("opened from a stale link, the page's status is %q; want nothing run", page["state"])
	}
	shots(t, other, "link-stale-phone", "regimes", "knob-abuse.desperation_effect", "runs-error", "sets-problems")

	// A link of Exercise 6's kind: a line of "More changes" that defines a
	// regime is applied before the regimes are ticked, so the new one is;
	// the curve over time is the link's.
	newRegime := url + "?scenario=classroom&set=regimes.hbm_lite.base=closed&regimes=open,hbm_lite&series=waiting"
	do(t, other, "opening "+newRegime, chromedp.Navigate(newRegime), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
	applied := waitText(t, other, "sets-status", func(s string) bool { return s != "" && !strings.Contains(s, "; tick ") })
	got := eval[[]string](t, other, `[[...document.querySelectorAll("#regimes input:checked")].map(i => i.value).join(","), document.getElementById("series-select").value, document.getElementById("problems").textContent + document.getElementById("sets-problems").textContent]`)
	if applied != "Applied 1 change. New: hbm_lite, ticked." || got[0] != "open,hbm_lite" || got[1] != "waiting" || got[2] != "" {
		t.Errorf("opened from %s: Apply says %q, the regimes ticked are %q, the curve over time %q, the problems %q; want 1 change applied and the new regime ticked (not asked for), open,hbm_lite, waiting and none", newRegime, applied, got[0], got[1], got[2])
	}
}

// shots saves screenshots of the screen (keepShot) scrolled to the
// top of the page, then to each element of ids, as name-N.png.
func shots(t *testing.T, ctx context.Context, name string, ids ...string) {
	t.Helper()
	for i, id := range append([]string{""}, ids...) {
		scroll := `window.scrollTo(0, 0)`
		if id != "" {
			scroll = `document.getElementById("` + id + `").scrollIntoView({ block: "center" })`
		}
		eval[any](t, ctx, scroll)
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		keepShot(t, png, fmt.Sprintf("%s-%d.png", name, i))
	}
}

// checkLinkReopens: after exercisePage, the address holds its settings
// beside the query it opened with (?workers=2 on the static site), and
// opened again it puts them on the form without running them.
func checkLinkReopens(t *testing.T, ctx context.Context, query string) {
	t.Helper()
	const outage = "regimes.malfunctioning.outage_days"
	link := eval[string](t, ctx, `location.href`)
	for _, want := range []string{query, "scenario=classroom", "set=" + outage + "=30"} {
		if !strings.Contains(link, want) {
			t.Errorf("after Run the address is %s; want %s in it", link, want)
		}
	}
	do(t, ctx, "opening "+link, chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
	got := eval[[]string](t, ctx, `[document.getElementById("knob-`+outage+`-num").value, document.getElementById("status").dataset.state || "", location.search]`)
	if got[0] != "30" || got[1] != "" || !strings.Contains(got[2], query) {
		t.Errorf("opened from %s, the outage box reads %q, the status is %q and the query %q; want 30, nothing run, and %s kept", link, got[0], got[1], got[2], query)
	}
}
