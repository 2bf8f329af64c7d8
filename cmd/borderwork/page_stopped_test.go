package main

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/borderwork/borderwork/web"
)

// TestPageStoppedRunSaysStopped: a run the server started and then
// stopped (here: longer than the server allows) is said to have
// stopped, while one refused before it starts is said not to have
// started (checkFailedRun): the page tells them apart by how the server
// answers, not by whether a run was done yet.
func TestPageStoppedRunSaysStopped(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	srv := &web.Server{Initial: web.Request{Scenario: web.DefaultScenario}, Limits: web.DefaultLimits(), Timeout: time.Millisecond, Slots: 1, Queue: 4, Workers: 1}
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	do(t, ctx, "loading "+hs.URL, chromedp.EmulateViewport(1366, 768), chromedp.Navigate(hs.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.ID("run")))
	if state := waitRun(t, ctx); state != "error" {
		t.Fatalf("a run on a server that allows 1 ms ended %q; want error", state)
	}
	got := eval[map[string]string](t, ctx, `({
		msg: document.getElementById("run-error").textContent,
		status: document.getElementById("status-text").textContent,
		note: document.getElementById("results-note").textContent,
	})`)
	if !strings.HasPrefix(got["msg"], "The run stopped: the experiment took longer than this server allows") || got["status"] != "Stopped: no results." ||
		!strings.HasPrefix(got["note"], "The last run stopped before any results: ") {
		t.Errorf("a run stopped by the server's time limit: %q; want it said to have stopped", got)
	}
}
