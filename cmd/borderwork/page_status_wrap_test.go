package main

import (
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// recordStatusLines has the page keep, in window.statusLines, every
// status shown beside Run as the lines it is laid out on.
const recordStatusLines = `(() => {
	window.statusLines = [];
	const el = document.getElementById("status-text");
	new MutationObserver(() => {
		const node = el.firstChild, lines = [];
		let top = null;
		for (let i = 0; node && i < node.length; i++) {
			const r = document.createRange();
			r.setStart(node, i);
			r.setEnd(node, i + 1);
			const box = [...r.getClientRects()].find(b => b.width > 0);
			if (box && (top === null || box.top > top + box.height / 2)) { lines.push(""); top = box.top; }
			if (lines.length) lines[lines.length - 1] += node.data[i];
		}
		window.statusLines.push(lines.map(l => l.replace(/\u00a0/g, " ").trim()));
	}).observe(el, { childList: true, characterData: true, subtree: true });
	return 1;
})()`

// brokenCount reports where lines break inside a count and its unit:
// "0.7" ending one line and "s." starting the next, or "136" and "of 800".
var brokenCount = regexp.MustCompile(`\d\n(s\b|of\b|runs?\b)|\bof\n\d`)

// TestPageStatusUnbroken: the status beside the progress bar breaks
// between words, never inside a count: at 1280 px, in the settings
// column, "Done: 100 runs in 0.7 s." left "s." alone on a line, and
// "Running: 136 of 800 runs" wrapped too. There it now fits on one
// line; the longer "Stopped after 136 of 1000 runs: partial results."
// still wraps, between the count and the rest. On a phone too.
func TestPageStatusUnbroken(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	srv := slowServer(4, 10*time.Minute)
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	link := hs.URL + "/?set=regimes.hbm_lite.base=closed&regimes=open,closed,malfunctioning,hbm,hbm_lite&reps=20"
	check := func(width int64, wantOneLine bool) {
		t.Helper()
		all := eval[[][]string](t, ctx, `window.statusLines`)
		seen := map[string]bool{}
		for _, lines := range all {
			text := strings.Join(lines, "\n")
			if len(lines) > 0 {
				seen[strings.Fields(lines[0])[0]] = true
			}
			if brokenCount.MatchString(text) {
				t.Errorf("at %d px the status beside Run is laid out %q: broken inside a count", width, lines)
			}
			if wantOneLine && len(lines) > 1 && (strings.HasPrefix(text, "Done:") || strings.HasPrefix(text, "Running:")) {
				t.Errorf("at %d px the status beside Run takes %d lines, %q; want one", width, len(lines), lines)
			}
		}
		if !seen["Running:"] || !seen["Done:"] {
			t.Errorf("at %d px the status showed %q; want Running: and Done: among them", width, all)
		}
	}
	for _, width := range []int64{1280, 375} {
		do(t, ctx, "loading "+link, chromedp.EmulateViewport(width, 900), chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
		eval[any](t, ctx, recordStatusLines)
		do(t, ctx, "pressing Run", chromedp.Click(chromedp.ID("run")))
		if state := waitRun(t, ctx); state != "done" {
			t.Fatalf("at %d px the run of 100 runs ended %q", width, state)
		}
		check(width, width == 1280)
		if width != 1280 {
			continue
		}
		// Stopped with partial results, a longer status.
		typeInto(t, ctx, "reps", "200")
		typeInto(t, ctx, "days", "1000")
		eval[any](t, ctx, `window.statusLines = []`)
		do(t, ctx, "pressing Run", chromedp.Click(chromedp.ID("run")))
		for deadline := time.Now().Add(time.Minute); !eval[bool](t, ctx, `document.querySelectorAll("#summary tbody tr").length > 0 && !document.getElementById("results").classList.contains("stale")`); time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("no partial results within a minute")
			}
		}
		do(t, ctx, "pressing Stop", chromedp.Click(chromedp.ID("stop")))
		all := eval[[][]string](t, ctx, `window.statusLines`)
		last := all[len(all)-1]
		if !strings.HasPrefix(strings.Join(last, " "), "Stopped after ") {
			t.Fatalf("after Stop the status says %q; want Stopped after …", last)
		}
		if text := strings.Join(last, "\n"); brokenCount.MatchString(text) {
			t.Errorf("at 1280 px the status after Stop is laid out %q: broken inside a count", last)
		}
	}
}
