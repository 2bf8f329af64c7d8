package main

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPageResolvedFileWhole: on a phone, the note under "Reproduce this"
// keeps the scenario file's name whole, in its link and in the command
// after it; it broke "classroom-page.toml" at the hyphen, which reads as
// two words to type.
func TestPageResolvedFileWhole(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 390, 844)
	typeInto(t, ctx, "reps", "2")
	typeInto(t, ctx, "days", "20")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run ended %q", state)
	}
	lines := eval[[]int](t, ctx, `[...document.querySelectorAll("#resolved-note *")].filter(e => e.textContent === "classroom-page.toml").map(e => e.getClientRects().length)`)
	if len(lines) != 2 || lines[0] != 1 || lines[1] != 1 {
		t.Errorf("the name classroom-page.toml under Reproduce this: lines taken by each whole name (the link, the command) %v; want [1 1]", lines)
	}
	// The flag the note ends on stays whole, on a phone and on a laptop
	// (at 1280 pixels it was broken after "--", at the end of a line).
	for _, width := range []int64{390, 1280} {
		do(t, ctx, "sizing the window", chromedp.EmulateViewport(width, 844))
		flag := eval[[]int](t, ctx, `[...document.querySelectorAll("#resolved-note span")].filter(e => e.textContent === "--regimes").map(e => e.getClientRects().length)`)
		if len(flag) != 1 || flag[0] != 1 {
			t.Errorf("at %d px, --regimes under Reproduce this: lines taken by each whole flag %v; want [1]", width, flag)
		}
		// Nor does the semicolon after the link start a line.
		if stop := eval[bool](t, ctx, `(() => {
			const a = document.querySelector("#resolved-note a"), r = document.createRange();
			const t = [...document.querySelectorAll("#resolved-note *")].flatMap(e => [...e.childNodes]).concat([...document.getElementById("resolved-note").childNodes]).find(n => n.nodeType === 3 && n.textContent.startsWith(";"));
			if (!t) return false;
			r.setStart(t, 0); r.setEnd(t, 1);
			return Math.abs(r.getBoundingClientRect().top - a.getBoundingClientRect().top) < 4;
		})()`); !stop {
			t.Errorf("at %d px, the semicolon after the link under Reproduce this is not on the link's line", width)
		}
	}
}
