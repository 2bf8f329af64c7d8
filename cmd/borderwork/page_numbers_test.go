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
	got := downloadTables(t, ctx)
	if len(got) != len(res.Tables) {
		t.Fatalf("the page offers %d tables; want %d", len(got), len(res.Tables))
	}
	for i, want := range res.Tables {
		if got[i].name != want.Name || got[i].text != want.CSV {
			t.Errorf("table %d downloaded as %s, %d bytes; want %s, the %d bytes of the results", i, got[i].name, len(got[i].text), want.Name, len(want.CSV))
		}
	}
	// Each on one line of the phone's screen.
	if whole := eval[bool](t, ctx, `[...document.querySelectorAll("#numbers a")].every(a => a.getClientRects().length === 1)`); !whole {
		t.Errorf("a table's name is broken over two lines on a phone")
	}
	typeInto(t, ctx, "reps", "3")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
	waitRun(t, ctx)
	if n := eval[int](t, ctx, `document.querySelectorAll("#numbers a").length`); n != len(res.Tables) {
		t.Errorf("after a second run the page offers %d tables; want %d", n, len(res.Tables))
	}
}

// downloaded is a table the page offers, as clicking its link saves it.
type downloaded struct{ name, text string }

// downloadTables clicks each table the page offers under its summary
// table and returns the files the browser saves, in the page's order.
func downloadTables(t *testing.T, ctx context.Context) []downloaded {
	t.Helper()
	dir := allowDownloads(t, ctx)
	var tables []downloaded
	for i, name := range eval[[]string](t, ctx, `[...document.querySelectorAll("#numbers a")].map(a => a.download)`) {
		b := saved(t, ctx, dir, fmt.Sprintf("#numbers a:nth-of-type(%d)", i+1), name)
		tables = append(tables, downloaded{name, string(b)})
	}
	return tables
}

// allowDownloads lets the page at ctx save files, into the folder it
// returns.
func allowDownloads(t *testing.T, ctx context.Context) string {
	t.Helper()
	dir := t.TempDir()
	do(t, ctx, "allowing downloads", chromedp.Func(func(ctx context.Context, tab *chromedp.Target) error {
		_, err := cdp.Call(ctx, tab, cdpbrowser.SetDownloadBehavior, cdpbrowser.SetDownloadBehaviorParams{Behavior: cdpbrowser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir})
		return err
	}))
	return dir
}

// saved clicks the link at selector and returns the file the browser
// saves as name in dir.
func saved(t *testing.T, ctx context.Context, dir, selector, name string) []byte {
	t.Helper()
	do(t, ctx, "clicking "+selector, chromedp.Click(chromedp.CSS(selector)))
	// Chromium writes a download under another name and gives it its own
	// when it is whole; but the file may stand under its own name, empty,
	// a moment before (seen once in CI: 0 bytes). No table is empty: each
	// has at least its header.
	for wait := 0; wait < 200; wait++ { // or 10 s
		if b, err := os.ReadFile(filepath.Join(dir, name)); err == nil && len(b) > 0 {
			return b
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s: not saved as %s", selector, name)
	return nil
}
