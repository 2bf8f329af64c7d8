package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"

	"github.com/borderwork/borderwork/web"
	"github.com/chromedp/chromedp"
)

// TestPageOffersTheNumbers: after a run, the page offers its tables for a
// spreadsheet, named as the command line names them, holding what the
// engine's final results hold (which TestPageCommandReproduces checks
// against the files the command writes), on one line per table on a
// phone; a second run's tables take the place of the first's.
func TestPageOffersTheNumbers(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 390, 844)
	typeInto(t, ctx, "reps", "2")
	typeInto(t, ctx, "days", "20")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run ended %q", state)
	}
	reps, days := 2, 20
	res, err := web.Run(context.Background(), web.Request{Scenario: "classroom", Reps: &reps, Days: &days}, web.DefaultLimits(), 2, web.Progress{})
	if err != nil {
		t.Fatal(err)
	}
	names := eval[[]string](t, ctx, `[...document.querySelectorAll("#numbers a")].map(a => a.download)`)
	if len(names) != len(res.Tables) {
		t.Fatalf("the page offers %q; want %d tables", names, len(res.Tables))
	}
	// Each on one line of the phone's screen, and downloaded when
	// clicked, as the file the results hold.
	if whole := eval[bool](t, ctx, `[...document.querySelectorAll("#numbers a")].every(a => a.getClientRects().length === 1)`); !whole {
		t.Errorf("a table's name is broken over two lines on a phone")
	}
	dir := t.TempDir()
	do(t, ctx, "allowing downloads", chromedp.Func(func(ctx context.Context, tab *chromedp.Target) error {
		_, err := cdp.Call(ctx, tab, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir})
		return err
	}))
	for i, want := range res.Tables {
		if names[i] != want.Name {
			t.Errorf("table %d is offered as %s; want %s", i, names[i], want.Name)
		}
		do(t, ctx, "clicking "+names[i], chromedp.Click(chromedp.CSS(fmt.Sprintf("#numbers a:nth-of-type(%d)", i+1))))
		var got []byte
		for wait := 0; wait < 100; wait++ {
			if got, err = os.ReadFile(filepath.Join(dir, want.Name)); err == nil && len(got) == len(want.CSV) {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		if string(got) != want.CSV {
			t.Errorf("%s downloaded: %d bytes (%v); want the %d bytes of the results", want.Name, len(got), err, len(want.CSV))
		}
	}
	typeInto(t, ctx, "reps", "3")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
	waitRun(t, ctx)
	if n := eval[int](t, ctx, `document.querySelectorAll("#numbers a").length`); n != len(res.Tables) {
		t.Errorf("after a second run the page offers %d tables; want %d", n, len(res.Tables))
	}
}
