package main

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestPageStoppedRunSaysStopped: a run the server started and then
// stopped (here: longer than the server allows) is said to have
// stopped, while one refused before it starts is said not to have
// started (checkFailedRun): the page tells them apart by how the server
// answers, not by whether a run was done yet.
func TestPageStoppedRunSaysStopped(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	// The first results come after a round of 40 runs of 1,000 days,
	// a second or so on one worker: far longer than the server's 1 ms
	// takes to stop it, however fast the machine (the page's default
	// run, a few milliseconds a round, sometimes beat the budget's
	// first tick and ended "partial").
	srv := slowServer(4, time.Millisecond)
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	do(t, ctx, "loading "+hs.URL, chromedp.EmulateViewport(1366, 768), chromedp.Navigate(hs.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
	typeInto(t, ctx, "reps", "200")
	typeInto(t, ctx, "days", "1000")
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

// TestPageBusyServerSaysWait: a run refused because the server's queue
// is full was not started, and it is no fault of the settings: the page
// passes on the server's "try again in a moment" and does not tell the
// student to change the settings.
func TestPageBusyServerSaysWait(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	srv := slowServer(1, 10*time.Minute)
	hs := httptest.NewServer(srv.Handler())
	t.Cleanup(hs.Close)
	// One experiment runs and one waits: the queue is full.
	for _, want := range []string{`"runs"`, `"waiting"`} {
		hold, cancel := context.WithCancel(context.Background())
		t.Cleanup(cancel)
		resp := holdRun(t, hold, hs.URL, 1, want)
		t.Cleanup(func() { resp.Body.Close() })
	}
	do(t, ctx, "loading "+hs.URL, chromedp.EmulateViewport(1366, 768), chromedp.Navigate(hs.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.ID("run")))
	if state := waitRun(t, ctx); state != "error" {
		t.Fatalf("a run on a full server ended %q; want error", state)
	}
	got := eval[map[string]string](t, ctx, `({
		msg: document.getElementById("run-error").textContent,
		note: document.getElementById("results-note").textContent,
	})`)
	for _, where := range []string{"msg", "note"} {
		if s := got[where]; !strings.Contains(s, "not started") || !strings.Contains(s, "busy") || !strings.Contains(s, "try again in a moment") || strings.Contains(s, "Change the settings") {
			t.Errorf("a run refused by a full server, %s: %q; want it not started, the server busy, try again, and no advice to change the settings", where, s)
		}
	}
}

// TestPageOutOfTimeKeepsPartialResults: a run the server stops for time
// after some rounds of replicates keeps their results on the page, said
// to be partial and how far the run got (it cleared them and said "The
// last run stopped before any results", of results a student had just
// watched fill in); the map and the command, of whole runs only, are not
// shown.
func TestPageOutOfTimeKeepsPartialResults(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	// The first results, after 40 runs of 100 days, come in a fraction
	// of the 4 s allowed; the second are held back until the server has
	// given the run twice that, so that it runs out of time after some
	// results however fast or slow the machine (it raced a run of 800
	// runs of 1,000 days against 6 s, and a machine a few times faster or
	// slower would have ended it "done" or "error").
	const allowed = 4 * time.Second
	srv := slowServer(4, allowed)
	hs := httptest.NewServer(holdResults(srv.Handler(), 2, func(page context.Context) {
		select {
		case <-page.Done():
		case <-time.After(2 * allowed):
		}
	}))
	t.Cleanup(hs.Close)
	do(t, ctx, "loading "+hs.URL, chromedp.EmulateViewport(1366, 768), chromedp.Navigate(hs.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
	typeInto(t, ctx, "reps", "200")
	typeInto(t, ctx, "days", "100")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.ID("run")))
	if state := waitRun(t, ctx); state != "partial" {
		t.Fatalf("a run of 800 runs on a server that allows 4 s ended %q (%s); want partial", state, eval[string](t, ctx, `document.getElementById("run-error").textContent`))
	}
	got := eval[map[string]any](t, ctx, `({
		msg: document.getElementById("run-error").textContent,
		status: document.getElementById("status-text").textContent.replace(/\u00a0/g, " "),
		note: document.getElementById("results-note").textContent,
		rows: document.querySelectorAll("#summary tbody tr").length,
		charts: document.querySelectorAll("#results .chart svg").length,
		command: document.getElementById("command").textContent,
	})`)
	status, _ := got["status"].(string)
	note, _ := got["note"].(string)
	msg, _ := got["msg"].(string)
	if !strings.HasPrefix(status, "Stopped after ") || !strings.HasSuffix(status, " of 800 runs: partial results.") {
		t.Errorf("beside Run: %q; want how many of the 800 runs were done, and partial results", status)
	}
	if !strings.HasPrefix(note, "Partial results: classroom, ") || !strings.Contains(note, " of 200 of each regime. The run stopped: the experiment took longer than this server allows (4 seconds) and stopped after ") {
		t.Errorf("over the results: %q; want them said to be partial, and why the run stopped", note)
	}
	if !strings.Contains(msg, "the server may be busy: use fewer replicates or days") || !strings.Contains(msg, "partial results") {
		t.Errorf("next to Run: %q; want why it stopped, what to do, and that the partial results stay", msg)
	}
	// Beside Run and in the message, the same count of runs done.
	if n := strings.TrimSuffix(strings.TrimPrefix(status, "Stopped after "), " of 800 runs: partial results."); !strings.Contains(msg, "stopped after "+n+" of 800 runs;") {
		t.Errorf("beside Run %q, next to it %q; want the same number of runs done in both", status, msg)
	}
	keepShot(t, screenshot(t, ctx), "out-of-time-partial-laptop.png")
	if got["rows"] != 4.0 || got["charts"] == 0.0 || got["command"] != "" {
		t.Errorf("after the run stopped: %v table rows, %v charts, the command %q; want the partial results' 4 rows and charts, and no command", got["rows"], got["charts"], got["command"])
	}
}

// TestPageStop: Stop, shown only while a run waits or runs, ends the run
// and frees the server's slot (a student's mistaken big run held it to
// its end: Run only restarted, and Reset did not stop it). Stopped after
// some results, they stay, said to be partial; stopped before any, the
// page says so.
func TestPageStop(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	srv := slowServer(4, 10*time.Minute)
	// Until open is closed, a run's first results wait for the page to
	// go: Stop comes before any results however fast the machine (it
	// raced a round of 40 runs of 1,000 days, a second or so, against
	// the moment Stop takes to press).
	open := make(chan struct{})
	hs := httptest.NewServer(holdResults(srv.Handler(), 1, func(page context.Context) {
		select {
		case <-page.Done():
		case <-open:
		}
	}))
	t.Cleanup(hs.Close)
	t.Cleanup(func() {
		select {
		case <-open:
		default:
			close(open)
		}
	})
	do(t, ctx, "loading "+hs.URL, chromedp.EmulateViewport(1366, 768), chromedp.Navigate(hs.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
	if shown := eval[bool](t, ctx, `!document.getElementById("stop").hidden`); shown {
		t.Errorf("Stop shows with no run in progress")
	}
	typeInto(t, ctx, "reps", "200")
	typeInto(t, ctx, "days", "1000")
	for _, tc := range []struct {
		name        string
		held        bool   // the first results held back until the page goes
		wait        string // what to wait for before pressing Stop
		state, says string // the run's state after, and beside Run
		note        string // over the results
	}{
		{"before any results", true, `true`, "stopped", "Stopped before any results of this run.", "You stopped the last run before any results."},
		{"after some results", false, `document.querySelectorAll("#summary tbody tr").length > 0`, "partial", " of 800 runs: partial results.", "Partial results: classroom, "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !tc.held {
				close(open)
			}
			do(t, ctx, "pressing Run", chromedp.Click(chromedp.ID("run")))
			if shown := eval[bool](t, ctx, `!document.getElementById("stop").hidden`); !shown {
				t.Fatalf("Stop does not show while the run goes")
			}
			for deadline := time.Now().Add(time.Minute); !eval[bool](t, ctx, tc.wait); time.Sleep(20 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatalf("no %s within a minute", tc.wait)
				}
			}
			do(t, ctx, "pressing Stop", chromedp.Click(chromedp.ID("stop")))
			got := eval[map[string]any](t, ctx, `({
				state: document.getElementById("status").dataset.state || "",
				status: document.getElementById("status-text").textContent.replace(/\u00a0/g, " "),
				note: document.getElementById("results-note").textContent,
				stop: !document.getElementById("stop").hidden,
				run: document.getElementById("run").textContent,
				focus: document.activeElement.id,
			})`)
			status, _ := got["status"].(string)
			note, _ := got["note"].(string)
			if got["state"] != tc.state || !strings.HasSuffix(status, tc.says) || !strings.HasPrefix(note, tc.note) {
				t.Errorf("after Stop: %q; want state %q, beside Run ending %q, over the results starting %q", got, tc.state, tc.says, tc.note)
			}
			if got["stop"] != false || got["run"] != "Run" || got["focus"] != "run" {
				t.Errorf("after Stop: Stop shown %v, Run says %q, the focus on %q; want Stop gone, Run, and the focus on it", got["stop"], got["run"], got["focus"])
			}
			for deadline := time.Now().Add(10 * time.Second); srv.Experiments() > 0; time.Sleep(20 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatalf("the server still runs %d experiments 10 s after Stop", srv.Experiments())
				}
			}
		})
	}
}
