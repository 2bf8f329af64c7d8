package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/borderwork/borderwork/web"
)

// TestPageRunDroppedInBackground: a run dropped while the page was
// hidden (a phone locked mid-run stops reading, and the server gives up
// on the run) says so, and to press Run; it said the page had lost
// contact with the server and to ask the teacher, which alarmed for a
// normal case. Dropped while the page was in view, it still says that.
func TestPageRunDroppedInBackground(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	srv := &web.Server{Initial: web.Request{Scenario: web.DefaultScenario}, Limits: web.DefaultLimits(), Timeout: time.Minute, Slots: 1, Queue: 4, Workers: 1}
	drop := make(chan struct{})
	mux := http.NewServeMux()
	mux.Handle("/", srv.Handler())
	// A run that starts, then is cut off when the test says.
	mux.HandleFunc("/api/run", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-ndjson")
		w.Write([]byte(`{"runs":[1,400]}` + "\n"))
		w.(http.Flusher).Flush()
		select {
		case <-drop:
		case <-r.Context().Done():
		}
		panic(http.ErrAbortHandler)
	})
	hs := httptest.NewServer(mux)
	t.Cleanup(hs.Close)
	do(t, ctx, "loading "+hs.URL, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(hs.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
	// seen sets what document.visibilityState says, as a locked phone
	// and its waking would.
	seen := func(state string) {
		eval[any](t, ctx, `(() => {
			Object.defineProperty(document, "visibilityState", { get: () => "`+state+`", configurable: true });
			document.dispatchEvent(new Event("visibilitychange"));
			return 1;
		})()`)
	}
	for _, tc := range []struct {
		name      string
		hide      bool
		glance    bool // hidden a moment, a minute before the run is dropped
		want, not string
	}{
		{"in view", false, false, "lost contact with the borderwork server", "background"},
		{"hidden", true, false, "The run stopped while this page was in the background (the screen locked or another tab was open); press Run to start it again.", "Ask your teacher"},
		// A glance at another tab early in a long run does not make a
		// server that went away later a page in the background.
		{"in view a minute after a glance away", false, true, "lost contact with the borderwork server", "background"},
	} {
		do(t, ctx, "pressing Run", chromedp.Click(chromedp.ID("run")))
		for deadline := time.Now().Add(30 * time.Second); !strings.HasPrefix(eval[string](t, ctx, `document.getElementById("status-text").textContent`), "Running"); time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%s: the run did not start", tc.name)
			}
		}
		if tc.hide {
			seen("hidden")
		}
		if tc.glance {
			seen("hidden")
			seen("visible")
			// A minute on, by the page's clock.
			eval[any](t, ctx, `(() => { const now = Date.now; Date.now = () => now() + 60000; return 1; })()`)
		}
		drop <- struct{}{}
		state := waitRun(t, ctx)
		if tc.hide {
			seen("visible")
		}
		msg := eval[string](t, ctx, `document.getElementById("run-error").textContent`)
		if state != "error" || !strings.Contains(msg, tc.want) || strings.Contains(msg, tc.not) {
			t.Errorf("a run dropped with the page %s ended %q saying %q; want an error saying %q, not %q", tc.name, state, msg, tc.want, tc.not)
		}
		keepShot(t, screenshot(t, ctx), "dropped-"+strings.ReplaceAll(tc.name, " ", "-")+".png")
	}
}

// TestPageOutlineBusy: a server busy checking other pasted scenarios
// (503) is said as a lost contact is, to try again, not as a problem in
// the student's file, which it would have had them look for.
func TestPageOutlineBusy(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	srv := &web.Server{Initial: web.Request{Scenario: web.DefaultScenario}, Limits: web.DefaultLimits(), Timeout: time.Minute, Slots: 1, Queue: 4, Workers: 1}
	busy := make(chan bool, 1)
	busy <- false
	mux := http.NewServeMux()
	mux.Handle("/", srv.Handler())
	mux.HandleFunc("/api/outline", func(w http.ResponseWriter, r *http.Request) {
		if b := <-busy; b {
			busy <- true
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte(`{"error":["the server is busy checking other pasted scenarios; try again in a moment"]}` + "\n"))
			return
		}
		busy <- true // the first, the page's own, is answered; the next are not
		srv.Handler().ServeHTTP(w, r)
	})
	hs := httptest.NewServer(mux)
	t.Cleanup(hs.Close)
	do(t, ctx, "loading "+hs.URL, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(hs.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
	// Another scenario chosen: its outline is asked for, and refused busy.
	do(t, ctx, "choosing sahel", chromedp.SetValue(chromedp.ID("scenario"), "sahel"))
	eval[any](t, ctx, `document.getElementById("scenario").dispatchEvent(new Event("change", {bubbles: true}))`)
	var text, lost string
	for deadline := time.Now().Add(30 * time.Second); text == ""; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the busy answer was not shown")
		}
		text = eval[string](t, ctx, `[...document.querySelectorAll("[data-lost]")].map((e) => e.textContent).join("")`)
		lost = eval[string](t, ctx, `[...document.querySelectorAll("[data-lost='true']")].map((e) => e.id).join(",")`)
	}
	if !strings.Contains(text, "busy") || lost == "" {
		t.Errorf("a busy server's answer %q shown in a box marked lost: %q; want it marked as no fault of the file", text, lost)
	}
}
