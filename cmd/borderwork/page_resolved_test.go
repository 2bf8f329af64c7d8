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
	ctx := browser(t)
	url := servePage(t)
	do(t, ctx, "loading "+url, chromedp.EmulateViewport(390, 844), chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
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
}
