package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPageSeriesSaysWhatItCounts: the curve chosen under "Over time" is
// said in words under its title, as the table's columns are: its name in
// the menu alone ("passages bought", which TEACHING.md's Exercises 7 and
// 8 read; "boardings"; "harm index") is explained nowhere else on the
// page. A running total is not called "cumulative" there: the title says
// it is one.
func TestPageSeriesSaysWhatItCounts(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	url := servePage(t)
	at := url + "?scenario=classroom&reps=2&series=bribed"
	do(t, ctx, "loading "+at, chromedp.EmulateViewport(1366, 768), chromedp.Navigate(at), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
	said := `(document.getElementById("series-doc") || { textContent: "" }).textContent`
	if before := eval[string](t, ctx, said); before != "" {
		t.Errorf("before any run, the series' note says %q; want nothing, as there is no curve", before)
	}
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run ended %q", state)
	}
	got := eval[string](t, ctx, said)
	if !strings.Contains(got, "bought with a bribe") || strings.Contains(got, "cumulative") {
		t.Errorf("under passages bought, the page says %q; want what it counts (admissions bought with a bribe), without \"cumulative\"", got)
	}
	eval[any](t, ctx, `(s => { s.value = "boarded"; s.dispatchEvent(new Event("change")); })(document.getElementById("series-select"))`)
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run for boardings ended %q", state)
	}
	if got := eval[string](t, ctx, said); !strings.Contains(got, "boardings of a smuggler's vehicle") {
		t.Errorf("under boardings, the page says %q; want what they are (boardings of a smuggler's vehicle)", got)
	}
}
