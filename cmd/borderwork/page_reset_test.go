package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPageResetKeepsOwnFile: Reset on a file of one's own (Exercise 7's)
// says that the file stays in use and how to go back to a bundled
// scenario; it said "The Scenario menu goes back to a bundled one", which
// reads as if the classroom scenario were back while the file still ran.
func TestPageResetKeepsOwnFile(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 390, 844)
	do(t, ctx, "opening the file box", chromedp.Click(chromedp.CSS("#file-box summary")))
	eval[any](t, ctx, `(() => { const t = document.getElementById("text"); t.value += "\n[[posts.schedule]]\nfrom = 60\nto = 120\nadmission = \"nobody\"\n"; t.dispatchEvent(new Event("input", {bubbles: true})); return 1 })()`)
	do(t, ctx, "using the file", chromedp.Click(chromedp.ID("use-text")))
	waitText(t, ctx, "file-status", func(s string) bool { return strings.Contains(s, "1 scheduled change") })
	do(t, ctx, "pressing Reset", chromedp.Click(chromedp.ID("reset")))
	msg := waitText(t, ctx, "status-text", func(s string) bool { return strings.HasPrefix(s, "Reset:") })
	if !strings.Contains(msg, "my.toml") || !strings.Contains(msg, "stays in use") || !strings.Contains(msg, "choose one in the Scenario menu") {
		t.Errorf("Reset on a file of one's own says %q; want that my.toml stays in use, and to choose a bundled scenario in the Scenario menu", msg)
	}
	if sel := eval[string](t, ctx, `document.getElementById("scenario").value`); sel != "" {
		t.Errorf("after Reset the Scenario menu shows %q; want the file of one's own still chosen", sel)
	}
}
