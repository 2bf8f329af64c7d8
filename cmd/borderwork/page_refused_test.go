package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPageRefusedListFollowsTheBoxes: a run refused for a value out of
// range lists the reason under Run; once the student puts the box right,
// the list says no more about it (it named 2 while the box held 0.9), and
// with nothing left wrong the page says Run is ready instead of "Not run:
// fix the settings outlined in red".
func TestPageRefusedListFollowsTheBoxes(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 390, 844)
	const oversight = "knob-regimes.malfunctioning.oversight-num"
	shown := func() map[string]string {
		return eval[map[string]string](t, ctx, `({
			state: document.getElementById("status").dataset.state || "",
			list: document.getElementById("run-error").textContent,
			status: document.getElementById("status-text").textContent,
		})`)
	}
	typeInto(t, ctx, oversight, "2")
	typeInto(t, ctx, "reps", "0")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
	got := shown()
	if got["state"] != "refused" || !strings.Contains(got["list"], "Oversight of officials (share of abuse prevented): 2 is outside") || !strings.Contains(got["list"], "Replicates: 0 is outside") {
		t.Fatalf("a run with oversight 2 and 0 replicates: %q; want it refused, naming both", got)
	}

	typeInto(t, ctx, oversight, "0.9")
	got = shown()
	if strings.Contains(got["list"], "Oversight") || !strings.Contains(got["list"], "Replicates: 0 is outside") || got["state"] != "refused" {
		t.Errorf("oversight put right, replicates still 0: %q; want the list to name replicates only", got)
	}

	typeInto(t, ctx, "reps", "3")
	got = shown()
	if got["list"] != "" || got["state"] == "refused" || strings.Contains(got["status"], "Not run") || !strings.Contains(got["status"], "Press Run") {
		t.Errorf("every box put right: %q; want no list under Run and the page ready to run", got)
	}
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Errorf("the run after the boxes were put right ended %q", state)
	}
}
