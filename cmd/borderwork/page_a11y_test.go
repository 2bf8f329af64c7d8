package main

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// focusEmulated gives the headless tab focus of its own, so that Tab
// moves the focus and fires focus events as in a window.
var focusEmulated = chromedp.Func(func(ctx context.Context, tab *chromedp.Target) error {
	_, err := cdp.Call(ctx, tab, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
	return err
})

// TestPageTabClearOfRunBar: a box reached with Tab while the bar of Run
// and Reset covers part of it is brought up above the bar, on a laptop
// and at 400% zoom (320 CSS pixels). The box for "More changes",
// reached from its summary with a line of it above the bar, stayed
// under Run and Reset: a keyboard user typed lines they could not see.
func TestPageTabClearOfRunBar(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	url := servePage(t)
	for _, size := range [][2]int64{{1366, 900}, {320, 800}} {
		do(t, ctx, "loading "+url, focusEmulated, chromedp.EmulateViewport(size[0], size[1]), chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
		for _, c := range []struct{ from, to string }{
			{`document.querySelector("#sets-box summary")`, "sets"},
			{`document.getElementById("knob-migrants.give_up_days")`, "knob-migrants.give_up_days-num"},
		} {
			// The box's top 30 pixels above the bar, the element before it
			// focused without scrolling, then Tab.
			eval[any](t, ctx, fmt.Sprintf(`(() => {
				document.getElementById("sets-box").open = true;
				const bar = document.querySelector(".run-bar").getBoundingClientRect();
				window.scrollBy(0, document.getElementById(%q).getBoundingClientRect().top - (bar.top - 30));
				%s.focus({ preventScroll: true });
				return 1;
			})()`, c.to, c.from))
			do(t, ctx, "pressing Tab", chromedp.KeyEvent(kb.Tab), chromedp.Sleep(200*time.Millisecond))
			got := eval[map[string]any](t, ctx, fmt.Sprintf(`(() => {
				const box = document.getElementById(%q).getBoundingClientRect(), bar = document.querySelector(".run-bar").getBoundingClientRect();
				return { focus: document.activeElement.id, bottom: box.bottom, top: box.top, bar: bar.top };
			})()`, c.to))
			if got["focus"] != c.to {
				t.Fatalf("%d px: Tab went to %q; want %s", size[0], got["focus"], c.to)
			}
			if got["bottom"].(float64) > got["bar"].(float64) || got["top"].(float64) < 0 {
				t.Errorf("%d px: %s reached with Tab spans %v to %v px, the bar of Run from %v px: want it whole above the bar", size[0], c.to, got["top"], got["bottom"], got["bar"])
			}
		}
	}
}
