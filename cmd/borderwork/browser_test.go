package main

// The classroom page tested in a real browser: headless Chromium, driven
// through the DevTools protocol by chromedp (the only Go library that
// drives a real browser without a separate driver binary; Debian ships
// the browser as the package chromium). Each test loads the page, moves a
// slider with the keyboard, runs the classroom comparison, and checks the
// numbers on the page against what 'borderwork compare' prints for the
// command the page's "reproduce this" panel gives; then that the map
// draws every location and animates; and saves a screenshot into the
// test's temporary folder (and into $BORDERWORK_SCREENSHOTS, if set).
//
// The browser is found as $CHROMIUM, or chromium, chromium-browser or
// google-chrome on the PATH. Without one the tests are skipped, except in
// CI (CI set in the environment), where they fail: .ci/run installs
// chromium.

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"maps"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/borderwork/borderwork/web"
)

var docsScreenshot = flag.Bool("docs-screenshot", false, "write the served page's screenshot to docs/img/classroom-page.png")

// chromium returns the browser to drive, skipping the test where there is
// none outside CI.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no chromium to test the page with: .ci/run installs it (apt-get install -y chromium)")
	}
	t.Skip("no chromium on this machine (set CHROMIUM, or apt-get install chromium); CI runs these tests")
	return ""
}

// browser starts headless Chromium, with the options extra besides its
// own, and returns a context for one tab. Any exception or console error
// on the page fails the test.
func browser(t *testing.T, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium(t)),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 1600),
	}
	opts = append(opts, extra...)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	t.Cleanup(cancel)
	var mu sync.Mutex
	var problems []string
	listen := func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			msg := ev.ExceptionDetails.Text
			if ex := ev.ExceptionDetails.Exception; ex != nil {
				msg += " " + ex.Description
			}
			problems = append(problems, "exception: "+msg)
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				var args []string
				for _, a := range ev.Args {
					args = append(args, fmt.Sprintf("%s%s", a.Value, a.Description))
				}
				problems = append(problems, "console error: "+strings.Join(args, " "))
			}
		}
	}
	// Chromium now and then dies as it starts on a loaded machine
	// ("chrome failed to start", crashpad's "no stack mapping"), two
	// tests at once in a full run: that is no fault of the page's, so it
	// is started afresh, at most three times.
	var tab context.Context
	for attempt := 1; ; attempt++ {
		alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, append(opts, chromedp.UserDataDir(t.TempDir()))...)
		t.Cleanup(cancelAlloc)
		var cancelTab context.CancelFunc
		tab, cancelTab = chromedp.NewContext(alloc)
		t.Cleanup(cancelTab)
		err := chromedp.Listen(tab, listen)
		if err == nil {
			break
		}
		if attempt == 3 || !strings.Contains(err.Error(), "chrome failed to start") {
			t.Fatalf("starting %s: %v", chromium(t), err)
		}
		t.Logf("starting %s, attempt %d: %v; starting it again", chromium(t), attempt, err)
		cancelTab()
		cancelAlloc()
	}
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, p := range problems {
			t.Errorf("page: %s", p)
		}
	})
	return tab
}

// pageRun is what a run of the page showed.
type pageRun struct {
	table   [][]string
	command string
	tables  []downloaded // the page's tables for a spreadsheet, downloaded
	ms      string       // from Run to the last result, as the page measured it
	again   string       // the same, for a second run
}

// knob is the JavaScript path of a slider, by its scenario key.
func knob(key string) chromedp.JSPath {
	return chromedp.JSPath(fmt.Sprintf(`document.getElementById(%q)`, "knob-"+key))
}

// resized waits for the page to settle after its window was resized: two
// frames, by which the resize event has fired, then until the charts'
// redraw it schedules (150 ms later, body[data-redrawing]) is done. A
// fixed sleep raced that delay on a machine short of CPU. After 30 s it
// gives up waiting, and the test's checks say what they find.
func resized() chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](`new Promise(done => {
		const until = Date.now() + 30000;
		requestAnimationFrame(() => requestAnimationFrame(function wait() {
			if (document.body.dataset.redrawing && Date.now() < until) setTimeout(wait, 20); else done(true);
		}));
	})`, chromedp.EvalAwaitPromise)
}

// eval evaluates a JavaScript expression on the page.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// sumTrapped adds up the radii of closed's trapped circles on the map.
const sumTrapped = `[...document.querySelectorAll('#maps .map[data-regime="closed"] .trapped')].reduce((s, c) => s + Number(c.getAttribute("r")), 0)`

// exercisePage loads the page at url, makes malfunctioning outages last
// 30 days with the keyboard (7 + 23 presses of the right arrow key), runs
// the comparison and returns what the page shows; it checks the map on
// the way and saves a screenshot as shot.
func exercisePage(t *testing.T, ctx context.Context, url, shot string) pageRun {
	t.Helper()
	const outage = "regimes.malfunctioning.outage_days"
	do(t, ctx, "loading "+url, chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
	before := eval[string](t, ctx, `document.getElementById("knob-`+outage+`").value`)
	steps := []chromedp.Action[chromedp.Void]{chromedp.Focus(knob(outage))}
	for range 23 {
		steps = append(steps, chromedp.KeyEvent(kb.ArrowRight))
	}
	do(t, ctx, "moving the slider", steps...)
	after := eval[string](t, ctx, `document.getElementById("knob-`+outage+`").value`)
	if before != "7" || after != "30" {
		t.Fatalf("the outage slider went from %s to %s; want 7 to 30", before, after)
	}

	// Before any run the map shows the region: every location, once.
	places := eval[[]string](t, ctx, `[...document.querySelectorAll("#maps .place")].map(g => g.dataset.name)`)
	if want := []string{"Village", "Town", "Border", "City"}; !slices.Equal(places, want) {
		t.Errorf("the map before a run draws %v; want %v", places, want)
	}

	do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
	state := ""
	for state == "" || state == "running" {
		time.Sleep(50 * time.Millisecond)
		state = eval[string](t, ctx, `document.getElementById("status").dataset.state || ""`)
	}
	if state != "done" {
		t.Fatalf("the run ended %q: %s", state, eval[string](t, ctx, `document.getElementById("problems").textContent`))
	}
	run := pageRun{
		ms:      eval[string](t, ctx, `document.getElementById("status").dataset.ms || ""`),
		table:   eval[[][]string](t, ctx, `[...document.querySelectorAll("#summary tbody tr")].map(tr => [...tr.children].map(c => c.textContent.trim()))`),
		command: eval[string](t, ctx, `document.getElementById("command").textContent`),
		tables:  downloadTables(t, ctx),
	}

	// Run again, as a class would after moving a slider: the engine is
	// loaded and warm now.
	do(t, ctx, "pressing Run again", chromedp.Click(chromedp.CSS("#run")))
	time.Sleep(100 * time.Millisecond)
	for state = "running"; state == "running"; {
		time.Sleep(50 * time.Millisecond)
		state = eval[string](t, ctx, `document.getElementById("status").dataset.state || ""`)
	}
	run.again = eval[string](t, ctx, `document.getElementById("status").dataset.ms || ""`)
	if again := eval[[][]string](t, ctx, `[...document.querySelectorAll("#summary tbody tr")].map(tr => [...tr.children].map(c => c.textContent.trim()))`); !slices.EqualFunc(again, run.table, slices.Equal) {
		t.Errorf("the same run twice shows\n%q\nthen\n%q", run.table, again)
	}

	// The map: one per regime, every location on each, and circles that
	// grow as the day slider moves to the end and as Play runs the days.
	perMap := eval[[]int](t, ctx, `[...document.querySelectorAll("#maps .map")].map(m => m.querySelectorAll(".place").length)`)
	if !slices.Equal(perMap, []int{4, 4, 4, 4}) {
		t.Errorf("maps draw %v places; want 4 maps (one per regime) of 4 places", perMap)
	}
	// The first results open on their last day, not on an empty day 0.
	opened := eval[[]int](t, ctx, `[Number(document.getElementById("day").value), Number(document.getElementById("day").max)]`)
	atOpen := eval[float64](t, ctx, sumTrapped)
	do(t, ctx, "moving the day slider to the start", chromedp.Focus(chromedp.ID("day")), chromedp.KeyEvent(kb.Home))
	atStart := eval[float64](t, ctx, sumTrapped)
	do(t, ctx, "moving the day slider to the end", chromedp.Focus(chromedp.ID("day")), chromedp.KeyEvent(kb.End))
	atEnd := eval[float64](t, ctx, sumTrapped)
	if atStart != 0 || atEnd <= 0 {
		t.Errorf("closed's trapped circles: radii sum %v on day 0, %v on the last day; want none, then some", atStart, atEnd)
	}
	if opened[0] != opened[1] || atOpen != atEnd {
		t.Errorf("after Run the map shows day %d of 0 to %d (closed's trapped circles: radii sum %v); want the last day's %v", opened[0], opened[1], atOpen, atEnd)
	}
	do(t, ctx, "playing", chromedp.KeyEvent(kb.Home), chromedp.Click(chromedp.ID("play")))
	// Waited for, not slept on: a browser starved of the CPU may take
	// longer than the half second once slept for its first step.
	day := 0
	for deadline := time.Now().Add(30 * time.Second); day <= 0 && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		day = eval[int](t, ctx, `Number(document.getElementById("day").value)`)
	}
	if day <= 0 {
		t.Errorf("the day slider is at %d 30 s after Play; want it moving", day)
	}
	do(t, ctx, "pausing", chromedp.Click(chromedp.ID("play")), chromedp.Focus(chromedp.ID("day")), chromedp.KeyEvent(kb.End))

	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(shot, png, 0o644); err != nil {
		t.Fatal(err)
	}
	if keep := os.Getenv("BORDERWORK_SCREENSHOTS"); keep != "" { // to look at them after the test
		if err := os.WriteFile(filepath.Join(keep, filepath.Base(shot)), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("screenshot: %s", shot)
	return run
}

// waitRun waits for the run in progress to end and returns how it ended.
func waitRun(t *testing.T, ctx context.Context) string {
	t.Helper()
	state := "running"
	for state == "running" || state == "" {
		time.Sleep(50 * time.Millisecond)
		state = eval[string](t, ctx, `document.getElementById("status").dataset.state || ""`)
	}
	return state
}

// checkFailedRun: a run the engine refuses (more work than the page runs
// at once) says why next to Run, with the focus there, and takes the
// results of the run before it off the page, so that they cannot pass
// for this one's. Refused before it started, it is said not to have
// started, not to have stopped (it began "The run stopped:").
func checkFailedRun(t *testing.T, ctx context.Context) {
	t.Helper()
	eval[any](t, ctx, `document.getElementById("reps").value = "200", document.getElementById("days").value = "3650"`)
	do(t, ctx, "pressing Run with too much work", chromedp.Click(chromedp.CSS("#run")))
	if state := waitRun(t, ctx); state != "error" {
		t.Fatalf("a run of 200 replicates of 3650 days ended %q; want error", state)
	}
	got := eval[map[string]any](t, ctx, `({
		msg: document.getElementById("run-error").textContent,
		status: document.getElementById("status-text").textContent,
		focus: document.activeElement.id,
		rows: document.querySelectorAll("#summary tbody tr").length,
		charts: document.querySelectorAll("#results .chart svg").length,
		command: document.getElementById("command").textContent,
		note: document.getElementById("results-note").textContent,
		near: document.getElementById("run-error").getBoundingClientRect().top - document.getElementById("run").getBoundingClientRect().bottom,
	})`)
	if msg, _ := got["msg"].(string); !strings.Contains(msg, "more than the page runs at once") || !strings.HasSuffix(msg, "or the command line. Change the settings and press Run.") {
		t.Errorf("next to Run after a refused run: %q; want the engine's reason, a full stop, and what to do", msg)
	}
	if msg, _ := got["msg"].(string); !strings.HasPrefix(msg, "The run was not started: ") || got["status"] != "Not started: no results." {
		t.Errorf("next to Run after a refused run: %q, beside it %q; want \"The run was not started: \" and \"Not started: no results.\"", msg, got["status"])
	}
	if got["focus"] != "run-error" {
		t.Errorf("the focus is on %q after a refused run; want the message (run-error)", got["focus"])
	}
	if near, _ := got["near"].(float64); near < 0 || near > 150 {
		t.Errorf("the message is %v px below Run; want it next to Run", near)
	}
	if got["rows"] != 0.0 || got["charts"] != 0.0 || got["command"] != "" {
		t.Errorf("after a refused run the page still shows %v table rows, %v charts and the command %q of the run before", got["rows"], got["charts"], got["command"])
	}
	if note, _ := got["note"].(string); !strings.HasPrefix(note, "The last run was not started: ") {
		t.Errorf("the results say %q after a refused run; want that it was not started", note)
	}
}

var columns = regexp.MustCompile(`\s{3,}`)

// summaryTable reads the table compare prints: one row per regime, the
// regime then its cells.
func summaryTable(stdout string) [][]string {
	var rows [][]string
	in := false
	for _, line := range strings.Split(stdout, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "regime "):
			in = true
		case in && len(rows) == 0 && strings.HasPrefix(line, "("):
			// The units under the titles (TestSummarySaysUnits); the
			// page gives them in "What each column counts".
		case in && line == "":
			return rows
		case in:
			rows = append(rows, columns.Split(line, -1))
		}
	}
	return rows
}

// checkAgainstCLI runs the page's "reproduce this" command and compares
// its printed table with the page's.
func checkAgainstCLI(t *testing.T, run pageRun) {
	t.Helper()
	words, redirect, err := splitCommand(run.command)
	if err != nil || redirect != "" || len(words) < 3 || words[0] != "borderwork" {
		t.Fatalf("the page's command %q does not read as a borderwork command: %v", run.command, err)
	}
	for _, want := range []string{"--set regimes.malfunctioning.outage_days=30", "--reps 20", "--regimes open,closed,malfunctioning,hbm"} {
		if !strings.Contains(run.command, want) {
			t.Errorf("the page's command %q lacks %q", run.command, want)
		}
	}
	args := words[1:]
	i := slices.Index(args, "--out")
	if i < 0 {
		t.Fatalf("the page's command %q has no --out", run.command)
	}
	out := filepath.Join(t.TempDir(), "out")
	args[i+1] = out
	args = append(args, "--formats", "")
	status, stdout, stderr := runCLI(t, args...)
	if status != 0 {
		t.Fatalf("%s: status %d\n%s", run.command, status, stderr)
	}
	want := summaryTable(stdout)
	if len(want) != 4 || !slices.EqualFunc(run.table, want, slices.Equal) {
		t.Errorf("the page shows\n%q\nthe command line prints\n%q", run.table, want)
	}
	// And the tables it offers for a spreadsheet are the files it writes.
	if len(run.tables) != 2 {
		t.Errorf("the page offers %d tables for a spreadsheet; want stats.csv and summary.csv", len(run.tables))
	}
	for _, table := range run.tables {
		b, err := os.ReadFile(filepath.Join(out, table.name))
		if err != nil || string(b) != table.text {
			t.Errorf("the page's %s (%d bytes) is not the one the command line writes (%d bytes, %v)", table.name, len(table.text), len(b), err)
		}
	}
}

// TestPageServed: the page from 'borderwork serve'.
func TestPageServed(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	url := servePage(t)
	shot := filepath.Join(t.TempDir(), "served.png")
	run := exercisePage(t, ctx, url, shot)
	t.Logf("served page: the classroom comparison (4 regimes × 20 replicates) took %s ms from Run to the last result (%s ms run again)", run.ms, run.again)
	checkAgainstCLI(t, run)
	if *docsScreenshot {
		do(t, ctx, "sizing the window", chromedp.EmulateViewport(1280, 1500))
		eval[any](t, ctx, `window.scrollTo(0, 0)`)
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("../../docs/img/classroom-page.png", png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	checkFailedRun(t, ctx)
}

// TestPageStatic: the static build, from a plain file server with no
// borderwork behind it: the engine runs in the browser.
func TestPageStatic(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	dir := t.TempDir()
	site, err := web.BuildStatic(dir, "../..", web.StaticOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("static build: borderwork.wasm is %.1f MB, %.2f MB gzipped", float64(site.WasmBytes)/1e6, float64(site.WasmGzip)/1e6)
	if site.WasmGzip > 2.5e6 {
		t.Errorf("borderwork.wasm is %d bytes gzipped; the page promises teachers about 2 MB", site.WasmGzip)
	}
	// What an uncompressing host (python3 -m http.server) sends: "about
	// 7 MB" is true below 7.5 MB. (7.25 MB on 2026-12-05, 17.02 MB before
	// the page stopped linking gonum/plot and the folder writing it never
	// used: web.TestEngineLinksNoPlotting.)
	if site.WasmBytes >= 7.5e6 {
		t.Errorf("borderwork.wasm is %d bytes; TEACHING.md and README promise teachers about 7 MB", site.WasmBytes)
	}
	checkWasmSizesQuoted(t, site.WasmBytes, site.WasmGzip)
	files := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer files.Close()
	// By default the runs are spread over helper Web Workers, one per core
	// but one (none on two cores or fewer, as here in CI); ?workers=2 asks
	// for two helpers whatever the cores.
	for _, tt := range []struct{ query, what string }{{"", "as it opens by default"}, {"?workers=2", "with two helper Web Workers"}} {
		shot := filepath.Join(t.TempDir(), "static"+strings.TrimPrefix(tt.query, "?workers=")+".png")
		run := exercisePage(t, ctx, files.URL+"/"+tt.query, shot)
		t.Logf("static page, %s: the classroom comparison (4 regimes × 20 replicates) took %s ms from Run to the last result (%s ms run again)", tt.what, run.ms, run.again)
		checkAgainstCLI(t, run)
		if tt.query != "" {
			checkLinkReopens(t, ctx, tt.query)
		}
		checkFailedRun(t, ctx)
	}
}

// servePage starts 'borderwork serve' (on the classroom scenario) for
// the test and returns the page's address, read from the line serve
// prints, not from testHookServing: a package variable would let tests
// running in parallel take each other's address.
func servePage(t *testing.T) string {
	t.Helper()
	addr := make(chan string, 1)
	stdout := &servedAt{found: addr}
	serveCtx, stop := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		var stderr bytes.Buffer
		status := run(serveCtx, []string{"serve", "--addr", "127.0.0.1:0"}, stdout, &stderr)
		if status != 0 {
			t.Errorf("serve: status %d: %s", status, stderr.String())
		}
		done <- status
	}()
	t.Cleanup(func() { stop(); <-done })
	select {
	case a := <-addr:
		return a
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start")
	}
	return ""
}

// longRun is a request to the server at url (its address) for an
// experiment far longer than any test (200 replicates of 3,650 days of
// classroom, with seed), sent as the page sends it, until ctx ends.
func longRun(t *testing.T, ctx context.Context, url string, seed int) *http.Request {
	t.Helper()
	body := fmt.Sprintf(`{"scenario":"classroom","reps":200,"days":3650,"seed":%d}`, seed)
	req, err := http.NewRequestWithContext(ctx, "POST", strings.TrimSuffix(url, "/")+"/api/run", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	return req
}

// holdRun sends longRun and returns its response once its first message
// shows want (`"runs"`: it holds a slot; `"waiting"`: it waits for one).
// The caller closes the body, or ends ctx.
func holdRun(t *testing.T, ctx context.Context, url string, seed int, want string) *http.Response {
	t.Helper()
	resp, err := http.DefaultClient.Do(longRun(t, ctx, url, seed))
	if err != nil {
		t.Fatal(err)
	}
	first := make([]byte, 64)
	if n, err := resp.Body.Read(first); err != nil || !strings.Contains(string(first[:n]), want) {
		resp.Body.Close()
		t.Fatalf("a long experiment answered %d %q, %v; want %s", resp.StatusCode, first[:n], err, want)
	}
	return resp
}

// openPage starts a browser and 'borderwork serve' for the test, and
// opens the page at width × height CSS pixels (opts: a phone's, with
// chromedp.EmulateMobile), waiting until it is ready; it returns the
// browser.
func openPage(t *testing.T, width, height int64, opts ...chromedp.EmulateViewportOption) context.Context {
	t.Helper()
	ctx := browser(t)
	url := servePage(t)
	do(t, ctx, "loading "+url, chromedp.EmulateViewport(width, height, opts...), chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
	return ctx
}

// servedAt is serve's standard output: it sends the page's address on
// found once serve has printed it.
type servedAt struct {
	mu    sync.Mutex
	text  []byte
	found chan<- string
	sent  bool
}

var pageAt = regexp.MustCompile(`the page is at (http://\S+/) `)

func (w *servedAt) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.text = append(w.text, p...)
	if m := pageAt.FindSubmatch(w.text); m != nil && !w.sent {
		w.found <- string(m[1])
		w.sent = true
	}
	return len(p), nil
}

// typeInto replaces what a box holds by typing s, then leaves it with Tab.
func typeInto(t *testing.T, ctx context.Context, id, s string) {
	t.Helper()
	box := chromedp.JSPath(fmt.Sprintf(`document.getElementById(%q)`, id))
	eval[any](t, ctx, fmt.Sprintf(`document.getElementById(%q).value = ""`, id))
	do(t, ctx, "typing "+s+" into "+id, chromedp.Focus(box), chromedp.SendKeys(box, s), chromedp.KeyEvent(kb.Tab))
}

// TestPageInputs: what the boxes show is what runs. A knob's number is
// used as typed, not rounded to its slider's step; a number out of range,
// a fraction of a replicate, an empty box or too many days is refused
// with the allowed range (the box keeps the number, the run does not
// happen with another); the "(changed)" mark is readable.
func TestPageInputs(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 1366, 900)
	const oversight = "knob-regimes.malfunctioning.oversight-num"
	refused := []struct {
		id, typed, want string
	}{
		{oversight, "5", "from 0 to 1"},
		{"knob-regimes.malfunctioning.outage_days-num", "200", "from 1 to 90"},
		{"knob-abuse.desperation_effect-num", "-3", "from 0 to 5"},
		{"knob-migrants.give_up_days-num", "2.5", "whole number from 0 to 120"},
		{"reps", "2.5", "whole number from 1 to 200"},
		{"reps", "", "enter a whole number from 1 to 200"},
		{"days", "99999", "from 1 to 3,650"},
		{"seed", "x", "whole number"},
		{"seed", "9007199254740992", "Seed: 9007199254740992 is too large; the largest the page takes is 9007199254740991 (the command line's --seed takes larger ones)."},
	}
	for _, tt := range refused {
		before := eval[string](t, ctx, fmt.Sprintf(`document.getElementById(%q).value`, tt.id))
		typeInto(t, ctx, tt.id, tt.typed)
		do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
		got := eval[map[string]any](t, ctx, fmt.Sprintf(`({
			state: document.getElementById("status").dataset.state || "",
			msg: document.getElementById("run-error").textContent,
			box: document.getElementById(%q).value,
			invalid: document.getElementById(%q).getAttribute("aria-invalid"),
		})`, tt.id, tt.id))
		if got["state"] != "refused" || !strings.Contains(got["msg"].(string), tt.want) || got["invalid"] != "true" {
			t.Errorf("%s = %q: the run %v with %q, the box aria-invalid=%v; want it refused with %q", tt.id, tt.typed, got["state"], got["msg"], got["invalid"], tt.want)
		}
		if tt.typed != "x" && got["box"] != tt.typed {
			t.Errorf("%s = %q: the box shows %q; want what was typed", tt.id, tt.typed, got["box"])
		}
		typeInto(t, ctx, tt.id, before)
	}
	// A number too large is not taken for a dropped decimal comma unless
	// it may have been one, and then only as a question.
	for _, tt := range []struct{ typed, hint string }{{"300", ""}, {"95", "(if you meant 9,5, type it with a decimal point: 9.5)"}} {
		const outage = "knob-regimes.malfunctioning.outage_days-num"
		before := eval[string](t, ctx, `document.getElementById("`+outage+`").value`)
		typeInto(t, ctx, outage, tt.typed)
		msg := eval[string](t, ctx, `document.getElementById("knob-regimes.malfunctioning.outage_days-err").textContent`)
		if !strings.Contains(msg, "from 1 to 90") || strings.Contains(msg, "decimal point") != (tt.hint != "") || !strings.Contains(msg, tt.hint) {
			t.Errorf("outage days %s: %q; want the range, with the hint %q", tt.typed, msg, tt.hint)
		}
		typeInto(t, ctx, outage, before)
	}
	if max := eval[string](t, ctx, `document.getElementById("days").max`); max != "3650" {
		t.Errorf("the Days box's max is %q; want 3650", max)
	}
	if note := eval[string](t, ctx, `document.getElementById("runs-note").textContent`); !strings.Contains(note, "Days: 1 to 3,650") {
		t.Errorf("the note under the runs' boxes says %q; want the limit on days", note)
	}

	// Numbers between the slider's steps run as typed (on a short run).
	typeInto(t, ctx, "reps", "2")
	typeInto(t, ctx, "days", "40")
	typeInto(t, ctx, oversight, "0.37")
	typeInto(t, ctx, "knob-abuse.official_violence-num", "0.0123")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run ended %q: %s", state, eval[string](t, ctx, `document.getElementById("run-error").textContent`))
	}
	command := eval[string](t, ctx, `document.getElementById("command").textContent`)
	for _, want := range []string{"regimes.malfunctioning.oversight=0.37", "abuse.official_violence=0.0123"} {
		if !strings.Contains(command, want) {
			t.Errorf("the command %q lacks %q, as typed", command, want)
		}
	}
	if box := eval[string](t, ctx, `document.getElementById("`+oversight+`").value`); box != "0.37" {
		t.Errorf("the oversight box shows %q after the run; want 0.37", box)
	}
	// Refused after a run, the progress bar beside "Not run" is empty,
	// not full from the run before.
	typeInto(t, ctx, oversight, "5")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
	if got := eval[map[string]any](t, ctx, `({state: document.getElementById("status").dataset.state, done: document.getElementById("progress").value})`); got["state"] != "refused" || got["done"] != 0.0 {
		t.Errorf("a run refused after one that finished: state %v, progress %v; want refused, 0", got["state"], got["done"])
	}
	typeInto(t, ctx, oversight, "0.37")

	// The "(changed)" mark: at least 4.5:1 against white (WCAG AA).
	color := eval[string](t, ctx, `getComputedStyle(document.querySelector(".knob.changed > label"), "::after").color`)
	if c := contrastOnWhite(t, color); c < 4.5 {
		t.Errorf("the (changed) mark is %s, %.2f:1 on white; want at least 4.5:1", color, c)
	}
}

// contrastOnWhite is the WCAG contrast ratio of a CSS rgb() colour on white.
func contrastOnWhite(t *testing.T, css string) float64 {
	t.Helper()
	var r, g, b float64
	if _, err := fmt.Sscanf(css, "rgb(%g, %g, %g)", &r, &g, &b); err != nil {
		t.Fatalf("colour %q: %v", css, err)
	}
	lin := func(c float64) float64 {
		c /= 255
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	l := 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
	return 1.05 / (l + 0.05)
}

// TestPageLayout: after the classroom comparison, the whole summary
// table shows on a 1366- or 1280-pixel laptop screen, and, turned with a
// row per count, on a 1152-pixel one and a 1024-pixel projector, each cell
// as before; its words are
// explained on the page; on a 390-pixel phone the charts' text is at
// least 11 pixels high; "Copy the command" copies or selects the command and says
// which; the second chart says it is a running total; choosing another
// series over time runs the settings of the results shown, not what a
// slider moved since says.
func TestPageLayout(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 1366, 900)
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run ended %q", state)
	}
	// Every cell of the table by regime and count, whichever way round it
	// is drawn.
	const cells = `Object.fromEntries([...document.querySelectorAll("#summary td[data-regime]")].map(c => [c.dataset.regime + "|" + c.dataset.metric, c.textContent]))`
	wide := eval[map[string]string](t, ctx, cells)
	if len(wide) != 4*7 {
		t.Fatalf("the summary table has %d cells; want 4 regimes × 7 counts", len(wide))
	}
	// A projector's 1024 pixels and a small laptop's 1152 leave the
	// results a column too narrow for a row per regime: the table is
	// turned, a row per count, rather than cut off.
	for _, size := range []struct {
		width int64
		rows  string // what a row of the table is
	}{{1366, "regime"}, {1280, "regime"}, {1152, "count"}, {1024, "count"}, {768, "count"}} {
		do(t, ctx, "sizing the window", chromedp.EmulateViewport(size.width, 768), resized())
		if w := eval[[]float64](t, ctx, `[document.getElementById("table-box").scrollWidth, document.getElementById("table-box").clientWidth]`); w[0] > w[1] {
			t.Errorf("at %d px the summary table is %v px wide in a box of %v px: some columns are cut off", size.width, w[0], w[1])
		}
		// No header's words run out of its cell (a tablet's turned
		// table put "malfunctioning" over hbm's swatch).
		if over := eval[[]string](t, ctx, `[...document.querySelectorAll("#summary thead th")].filter(th => th.scrollWidth > th.clientWidth + 1).map(th => th.textContent.trim())`); len(over) > 0 {
			t.Errorf("at %d px the table's headers %q run out of their cells", size.width, over)
		}
		if hint := eval[bool](t, ctx, `document.getElementById("table-hint").checkVisibility()`); hint {
			t.Errorf("at %d px, where the whole table shows, the page says to swipe it sideways", size.width)
		}
		rows := eval[[]string](t, ctx, `[...document.querySelectorAll("#summary tbody tr")].map(tr => tr.dataset.regime ? "regime" : tr.dataset.metric ? "count" : "?")`)
		if want := map[string]int{"regime": 4, "count": 7}[size.rows]; len(rows) != want || slices.ContainsFunc(rows, func(r string) bool { return r != size.rows }) {
			t.Errorf("at %d px the table's rows are %q; want a row per %s", size.width, rows, size.rows)
		}
		if got := eval[map[string]string](t, ctx, cells); !maps.Equal(got, wide) {
			t.Errorf("at %d px the table's cells are %v; want those at 1366 px, %v", size.width, got, wide)
		}
		heads := eval[[]string](t, ctx, `[...document.querySelectorAll("#summary tbody th")].map(d => d.textContent.trim())`)
		help := eval[string](t, ctx, `document.querySelector("#columns-help summary").textContent`)
		if size.rows == "count" && (!slices.Equal(heads, eval[[]string](t, ctx, `[...document.querySelectorAll("#columns-help dt")].map(d => d.textContent)`)) || help != "What each row counts") {
			t.Errorf("at %d px the turned table's rows are %q, explained under %q; want the counts explained, under \"What each row counts\"", size.width, heads, help)
		}
	}
	do(t, ctx, "sizing the window", chromedp.EmulateViewport(1366, 900), chromedp.Sleep(300*time.Millisecond), resized())
	// The table's box narrowed with no resize of the window (a scrollbar
	// appearing as the results below grow, on a screen that shows one):
	// the table is fitted again, turned rather than cut off, and back to
	// a row per regime when the room comes back. It once stayed as the
	// first layout had it, on a 1280-pixel screen now one way, now the
	// other.
	rowsNow := `[...document.querySelectorAll("#summary tbody tr")].map(tr => tr.dataset.regime ? "regime" : "count")`
	for _, c := range []struct{ width, rows string }{{"700px", "count"}, {"", "regime"}} {
		eval[any](t, ctx, `document.getElementById("table-box").style.width = "`+c.width+`"`)
		time.Sleep(300 * time.Millisecond)
		rows := eval[[]string](t, ctx, rowsNow)
		w := eval[[]float64](t, ctx, `[document.getElementById("table-box").scrollWidth, document.getElementById("table-box").clientWidth]`)
		if len(rows) == 0 || slices.ContainsFunc(rows, func(r string) bool { return r != c.rows }) || w[0] > w[1] {
			t.Errorf("the table's box made %q wide without a resize: its rows are %q, the table %v px wide in %v px; want a row per %s, all of it in view", c.width, rows, w[0], w[1], c.rows)
		}
	}
	// The map's trapped circles are in a colour no regime has: in hbm's
	// vermillion they read as hbm.
	trapped := eval[string](t, ctx, `getComputedStyle(document.querySelector("#maps .trapped")).fill`)
	if regimes := eval[[]string](t, ctx, `[...document.querySelectorAll("#regimes .swatch")].map(s => getComputedStyle(s).backgroundColor)`); len(regimes) == 0 || slices.Contains(regimes, trapped) {
		t.Errorf("the map draws the trapped in %s; the regimes are %q: want a colour none of them has", trapped, regimes)
	}
	if legend := eval[string](t, ctx, `document.getElementById("map-legend").textContent`); !strings.Contains(legend, "dark grey inner circle") {
		t.Errorf("the map's legend says %q; want it to name the trapped circle's colour, dark grey", legend)
	}
	// The map marks the centre its legend lists (classroom's, in Town),
	// and draws the names above the circles that grow over them.
	if marked := eval[[]string](t, ctx, `[...document.querySelectorAll("#maps .map:first-of-type .place")].filter(g => g.querySelector(".centre-mark")).map(g => g.dataset.name)`); !slices.Equal(marked, []string{"Town"}) {
		t.Errorf("places with a centre mark on the map: %q; want [Town]", marked)
	}
	// Above the names, only the name of a place whose name is left off,
	// shown when its mark is pointed at, tapped or focused.
	if last := eval[[]string](t, ctx, `[...document.querySelectorAll("#maps svg")].map(s => [...s.children].slice([...s.children].findLastIndex(c => c.matches(".place")) + 1).map(c => c.getAttribute("class")).join(" "))`); len(last) == 0 || slices.ContainsFunc(last, func(c string) bool { return c != "names name-pop" }) {
		t.Errorf("the layers of each map above its places: %q; want the names, above the circles (then the name shown on demand)", last)
	}
	words := eval[string](t, ctx, `document.getElementById("table-words").innerText`)
	for _, want := range []string{"Trapped: stuck at one place away from home for at least 14 days", "person-day is one migrant for one day", "Immobilised"} {
		if !strings.Contains(words, want) {
			t.Errorf("the note under the table says %q; want it to explain %q", words, want)
		}
	}
	terms := eval[[]string](t, ctx, `[...document.querySelectorAll("#columns-help dt")].map(d => d.textContent)`)
	heads := eval[[]string](t, ctx, `[...document.querySelectorAll("#summary thead th")].slice(1).map(d => d.textContent)`)
	if !slices.Equal(terms, heads) {
		t.Errorf("the table's columns are explained as %q; want every column %q", terms, heads)
	}

	// The second chart: a running total, said once, without "(events)".
	axis := eval[string](t, ctx, `[...document.querySelectorAll("#fig-series .chart svg text")].map(t => t.textContent).find(s => s.startsWith("abuse events"))`)
	title := eval[string](t, ctx, `document.querySelector("#fig-series .fig-title").textContent`)
	if axis != "abuse events, total since day 0" || !strings.Contains(title, "running total") {
		t.Errorf("the abuse chart's axis reads %q and its title %q; want a running total said, and no unit twice", axis, title)
	}

	// Copying: where the clipboard API is missing (a page opened over the
	// LAN), the command ends up selected and the page says so.
	command := eval[string](t, ctx, `document.getElementById("command").textContent`)
	eval[any](t, ctx, `Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true })`)
	do(t, ctx, "copying", chromedp.Click(chromedp.CSS("#copy")), chromedp.Sleep(100*time.Millisecond))
	said := eval[string](t, ctx, `document.getElementById("copy-status").textContent`)
	selected := eval[string](t, ctx, `String(window.getSelection())`)
	if (said != "Copied." && !strings.Contains(said, "selected")) || selected != command {
		t.Errorf("Copy the command without a clipboard API says %q and selects %q; want the command %q selected, and copied or said so", said, selected, command)
	}

	// Another series over time: a run of the settings shown, even with a
	// slider moved since.
	const outage = "knob-regimes.malfunctioning.outage_days-num"
	typeInto(t, ctx, outage, "30")
	note := eval[string](t, ctx, `document.getElementById("series-note").textContent`)
	if !strings.Contains(note, "runs the settings of these results again") {
		t.Errorf("next to the series' select: %q; want that choosing runs again", note)
	}
	eval[any](t, ctx, `(s => { s.value = "dead"; s.dispatchEvent(new Event("change")); })(document.getElementById("series-select"))`)
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run for another series ended %q", state)
	}
	if again := eval[string](t, ctx, `document.getElementById("command").textContent`); again != command {
		t.Errorf("choosing another series ran %q; want the settings shown, %q", again, command)
	}
	if axis := eval[string](t, ctx, `[...document.querySelectorAll("#fig-series .chart svg text")].map(t => t.textContent).find(s => s.startsWith("migrants dead")) || ""`); axis == "" {
		t.Errorf("after choosing 'migrants dead' the chart has no such axis")
	}

	// A phone: the charts are drawn again to its width, their text no
	// smaller than 11 CSS pixels.
	do(t, ctx, "turning into a phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Sleep(800*time.Millisecond), resized())
	smallest := eval[float64](t, ctx, `Math.min(...[...document.querySelectorAll("#results .chart svg")].filter(s => s.viewBox.baseVal && s.viewBox.baseVal.width).flatMap(s => {
		const scale = s.getBoundingClientRect().width / s.viewBox.baseVal.width;
		return [...s.querySelectorAll("text")].map(t => Number(t.getAttribute("font-size")) * scale);
	}))`)
	if smallest < 11 {
		t.Errorf("on a 390 px phone the charts' smallest text is %.1f px; want at least 11", smallest)
	}
	// The summary table is wider than a phone: the page says to swipe it,
	// and, swiped to its end, its regimes stay in view.
	phone := eval[map[string]any](t, ctx, `(() => {
		const box = document.getElementById("table-box"), hint = document.getElementById("table-hint");
		const r = { hint: hint.checkVisibility() ? hint.textContent : "", wide: box.scrollWidth > box.clientWidth };
		box.scrollLeft = box.scrollWidth;
		const first = document.querySelector("#summary tbody th").getBoundingClientRect();
		const last = document.querySelector("#summary tbody td:last-child").getBoundingClientRect();
		r.firstLeft = first.left - box.getBoundingClientRect().left;
		r.overlap = first.right > last.left && first.left < last.right;
		r.lastShown = last.right <= box.getBoundingClientRect().right + 1;
		return r;
	})()`)
	if phone["wide"] != true || !strings.Contains(phone["hint"].(string), "Scroll or swipe the table sideways to see all 7 columns") {
		t.Errorf("on a 390 px phone the table is wider than the screen: %v, and the hint above it says %q; want it wider, and the hint shown", phone["wide"], phone["hint"])
	}
	if left, _ := phone["firstLeft"].(float64); math.Abs(left) > 1 || phone["lastShown"] != true || phone["overlap"] == true {
		t.Errorf("on a 390 px phone, the table swiped to its end: the regime column at %v px from the box's edge, the last column shown %v, overlapping %v; want the regimes at the left edge, beside the last column", phone["firstLeft"], phone["lastShown"], phone["overlap"])
	}
	eval[any](t, ctx, `document.getElementById("table-box").scrollLeft = 0`)
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
	if err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(t.TempDir(), "phone.png")
	if keep := os.Getenv("BORDERWORK_SCREENSHOTS"); keep != "" {
		shot = filepath.Join(keep, "phone.png")
	}
	if err := os.WriteFile(shot, png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// slowServer is a page's server of one slot and one worker whose limit
// on work lets an experiment run far longer than any test (minutes), for
// tests that hold a slot, stop a run or run out of time; queue
// experiments may wait, and each may run for timeout.
func slowServer(queue int, timeout time.Duration) *web.Server {
	limits := web.DefaultLimits()
	limits.MaxWork = 1e12
	return &web.Server{Initial: web.Request{Scenario: web.DefaultScenario}, Limits: limits, Timeout: timeout, Slots: 1, Queue: queue, Workers: 1}
}

// holdResults serves h, but each run's stream waits before its nth
// message of results until hold returns; hold is given the request's
// context, which ends when the page goes (Stop). The engine's runs wait
// with it, so that tests need not race a run's pace: what the page has
// by a moment is what the test let through, on any machine. The stream
// is sent uncompressed, to be read here.
func holdResults(h http.Handler, nth int, hold func(context.Context)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/run" {
			r.Header.Del("Accept-Encoding")
			w = &resultsHolder{ResponseWriter: w, ctx: r.Context(), nth: nth, hold: hold}
		}
		h.ServeHTTP(w, r)
	})
}

type resultsHolder struct {
	http.ResponseWriter
	ctx       context.Context
	nth, seen int
	hold      func(context.Context)
}

// Write holds the first write of the nth message of results: each
// message starts a write of its own (the server writes a message whole,
// in chunks of at most 32 KiB), and is flushed before the next.
func (h *resultsHolder) Write(p []byte) (int, error) {
	if bytes.HasPrefix(p, []byte(`{"results":`)) {
		if h.seen++; h.seen == h.nth {
			h.hold(h.ctx)
		}
	}
	return h.ResponseWriter.Write(p)
}

// Unwrap lets the server's ResponseController flush and set deadlines.
func (h *resultsHolder) Unwrap() http.ResponseWriter { return h.ResponseWriter }

// TestPageWaitsItsTurn: on a server whose one slot is taken, the page
// says its experiment waits and how many are ahead, rather than
// "Starting…" for as long as the other runs; it runs once the slot is
// free.
func TestPageWaitsItsTurn(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	// The holding experiment is far more than any machine runs before
	// the page has loaded (minutes), whatever its speed; it is cancelled.
	srv := slowServer(4, 10*time.Minute)
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()
	holdCtx, release := context.WithCancel(context.Background())
	defer release()
	defer holdRun(t, holdCtx, hs.URL, 1, `"runs"`).Body.Close()
	do(t, ctx, "loading the page", chromedp.EmulateViewport(1366, 900), chromedp.Navigate(hs.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
	var status string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if status = eval[string](t, ctx, `document.getElementById("status-text").textContent`); strings.HasPrefix(status, "Waiting") {
			break
		}
	}
	if status != "Waiting: 1 other experiment ahead of this one…" {
		t.Errorf("while another experiment holds the only slot, the page says %q; want it to say it waits behind 1 other", status)
	}
	release()
	if state := waitRun(t, ctx); state != "done" {
		t.Errorf("once the slot was free the run ended %q; want done", state)
	}
	if status = eval[string](t, ctx, `document.getElementById("status-text").textContent.replace(/\u00a0/g, " ")`); !strings.HasPrefix(status, "Done: 80 runs in ") {
		t.Errorf("after the run the page says %q; want Done: 80 runs in …", status)
	}

	// Once an experiment has finished (the page's), the server can tell
	// how fast it works: a page waiting is told about how long, too.
	holdCtx, release = context.WithCancel(context.Background())
	defer release()
	defer holdRun(t, holdCtx, hs.URL, 2, `"runs"`).Body.Close()
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
	guessed := regexp.MustCompile(`^Waiting: 1 other experiment ahead of this one, (about [0-9]+ (s|min)|a few seconds more)…$`)
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if status = eval[string](t, ctx, `document.getElementById("status-text").textContent`); strings.HasPrefix(status, "Waiting") {
			break
		}
	}
	keepShot(t, screenshot(t, ctx), "waiting-guessed.png")
	if !guessed.MatchString(status) {
		t.Errorf("waiting after an experiment has finished, the page says %q; want how long, about", status)
	}
	// The banner over the last results, which a student reading them
	// sees rather than the status beside Run, says how long too, and
	// that the settings are those of the results (Run was pressed again).
	banner := regexp.MustCompile(`^These are the results of these same settings; the run that repeats them is waiting its turn on the server: 1 other experiment ahead of it, (about [0-9]+ (s|min)|a few seconds more)\.$`)
	if said := eval[string](t, ctx, `document.getElementById("results-pending").textContent`); !banner.MatchString(said) {
		t.Errorf("waiting after an experiment has finished, the banner over the results says %q; want how long, about, as %s", said, banner)
	}
	// Nor are those results dimmed as out of date: the run repeats them.
	if stale := eval[bool](t, ctx, `document.getElementById("results").classList.contains("stale")`); stale {
		t.Error("Run pressed again on the settings of the results shown: the results are marked out of date; want them shown as they are, since the run repeats them")
	}
	release()
	if state := waitRun(t, ctx); state != "done" {
		t.Errorf("once the slot was free again the run ended %q; want done", state)
	}
}

// TestPageServerGone: when the server stops under an open page, choosing
// a scenario says the page lost contact and what to do, and leaves the
// page on the scenario it shows (menu, text and what Run runs); Run says
// the same, not the browser's "Failed to fetch". Once the server is back,
// Run runs the scenario the page shows. No t.Parallel: it listens again
// on a port it gave up, which a test beside it could take meanwhile.
func TestPageServerGone(t *testing.T) {
	ctx := browser(t)
	srv := &web.Server{Initial: web.Request{Scenario: web.DefaultScenario}, Limits: web.DefaultLimits(), Timeout: time.Minute, Slots: 1, Workers: 1}
	serve := func(addr string) *http.Server {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		hs := &http.Server{Handler: srv.Handler()}
		go hs.Serve(ln)
		t.Cleanup(func() { hs.Close() })
		return hs
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	hs := serve(addr)
	do(t, ctx, "loading the page", chromedp.EmulateViewport(1280, 900), chromedp.Navigate("http://"+addr+"/"), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
	typeInto(t, ctx, "reps", "2")
	typeInto(t, ctx, "days", "40")
	title := eval[string](t, ctx, `document.getElementById("scenario-title").textContent`)
	hs.Close() // the teacher stops the server

	eval[any](t, ctx, `(s => { s.value = "sahel"; s.dispatchEvent(new Event("change")); })(document.getElementById("scenario"))`)
	var problems string
	for deadline := time.Now().Add(10 * time.Second); problems == "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		problems = eval[string](t, ctx, `document.getElementById("problems").textContent`)
	}
	if !strings.Contains(problems, "lost contact with the borderwork server") || !strings.Contains(problems, "Ask your teacher") {
		t.Errorf("choosing a scenario with the server stopped says %q; want that the page lost contact, and what to do", problems)
	}
	if menu := eval[string](t, ctx, `document.getElementById("scenario").value`); menu != "classroom" {
		t.Errorf("after choosing sahel failed, the menu shows %q; want classroom, the scenario the page still shows", menu)
	}
	if now := eval[string](t, ctx, `document.getElementById("scenario-title").textContent`); now != title {
		t.Errorf("after choosing sahel failed, the page describes %q; want %q, as before", now, title)
	}

	do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
	if state := waitRun(t, ctx); state != "error" {
		t.Errorf("a run with the server stopped ended %q; want error", state)
	}
	got := eval[map[string]string](t, ctx, `({ msg: document.getElementById("run-error").textContent, note: document.getElementById("results-note").textContent })`)
	if msg := got["msg"]; !strings.HasPrefix(msg, "The page lost contact with the borderwork server") || !strings.Contains(msg, "press Run again") || strings.Contains(msg, "fetch") {
		t.Errorf("next to Run with the server stopped: %q; want that the page lost contact, and what to do", msg)
	}
	if strings.Contains(got["note"], "Change the settings") {
		t.Errorf("the results say %q with the server stopped; the settings are not at fault", got["note"])
	}
	if keep := os.Getenv("BORDERWORK_SCREENSHOTS"); keep != "" {
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(keep, "server-gone.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	serve(addr) // the teacher starts it again
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("with the server back, the run ended %q: %s", state, eval[string](t, ctx, `document.getElementById("run-error").textContent`))
	}
	if note := eval[string](t, ctx, `document.getElementById("results-note").textContent`); !strings.HasPrefix(note, "classroom:") {
		t.Errorf("with the server back, Run ran %q; want the classroom, the scenario the page shows", note)
	}
	if problems := eval[string](t, ctx, `document.getElementById("problems").textContent`); problems != "" {
		t.Errorf("with the server back and a run done, the page still says %q", problems)
	}
	if keep := os.Getenv("BORDERWORK_SCREENSHOTS"); keep != "" {
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(90))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(keep, "server-back.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// rgbColour is the colour a computed style gives as rgb() or rgba(), at
// the start of css or after it (box-shadow puts it first).
var rgbColour = regexp.MustCompile(`rgba?\((\d+), (\d+), (\d+)`)

// lumaOf is the grey a CSS colour prints as, 0 to 255 (ITU-R BT.601),
// as the figures judge a colour light; -1 if css names no colour.
func lumaOf(css string) float64 {
	m := rgbColour.FindStringSubmatch(css)
	if m == nil {
		return -1
	}
	var c [3]float64
	for i := range c {
		fmt.Sscan(m[i+1], &c[i])
	}
	return 0.299*c[0] + 0.587*c[1] + 0.114*c[2]
}

// TestPageLightColours: on a page comparing seven regimes, the 7th in
// the palette's yellow, every regime's mark in a colour too light to
// show alone on white (luma 200 or more, the figures' rule: the yellow)
// has a dark edge, as the figures draw it: its lines in the charts and
// their legends over a casing 0.45 points wider on either side, its
// bars outlined, its swatches and the band over its map edged. A darker
// colour's line has no casing, as in the figures.
func TestPageLightColours(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 1366, 900)
	// Three regimes of one's own, as in Exercise 6: the 5th to 7th colours.
	eval[any](t, ctx, `document.getElementById("sets-box").open = true, document.getElementById("sets").value = "regimes.hbm_lite.base=closed\nregimes.hbm_lite.rescue=0.5\nregimes.hbm_no_centres.base=hbm\nregimes.hbm_no_centres.centres=false\nregimes.leaky.base=malfunctioning\nregimes.leaky.oversight=0.1"`)
	do(t, ctx, "pressing Apply", chromedp.Click(chromedp.ID("apply-sets")))
	for deadline := time.Now().Add(30 * time.Second); eval[int](t, ctx, `document.querySelectorAll("#regimes input").length`) < 7; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the page lists %d regimes after Apply; want 7: %s", eval[int](t, ctx, `document.querySelectorAll("#regimes input").length`), eval[string](t, ctx, `document.getElementById("problems").textContent`))
		}
	}
	eval[any](t, ctx, `document.querySelectorAll("#regimes input").forEach(i => i.checked = true)`)
	typeInto(t, ctx, "reps", "2")
	typeInto(t, ctx, "days", "40")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run ended %q: %s", state, eval[string](t, ctx, `document.getElementById("run-error").textContent`))
	}

	type mark struct {
		Kind, Regime, Colour, Edge string
		Width, EdgeWidth           float64
	}
	marks := eval[[]mark](t, ctx, `(() => {
		const cs = (e) => getComputedStyle(e);
		const out = [];
		for (const p of document.querySelectorAll("#results path.series")) {
			const e = p.previousElementSibling && p.previousElementSibling.matches("path.edge") ? p.previousElementSibling : null;
			out.push({ Kind: p.closest(".legend") ? "legend line" : "chart line", Regime: p.dataset.regime, Colour: cs(p).stroke, Width: parseFloat(cs(p).strokeWidth),
				Edge: e ? cs(e).stroke : "", EdgeWidth: e ? parseFloat(cs(e).strokeWidth) : 0 });
		}
		for (const r of document.querySelectorAll("#results .chart rect[data-regime]")) {
			if (Number(r.getAttribute("width")) > 0) out.push({ Kind: "bar", Regime: r.dataset.regime, Colour: cs(r).fill, Edge: cs(r).stroke, EdgeWidth: parseFloat(cs(r).strokeWidth) });
		}
		for (const s of document.querySelectorAll(".swatch")) {
			const b = cs(s).boxShadow;
			out.push({ Kind: s.closest("#regimes") ? "swatch of the regimes" : "swatch of the table", Regime: s.dataset.regime, Colour: cs(s).backgroundColor, Edge: b === "none" ? "" : b });
		}
		for (const m of document.querySelectorAll("#maps .map[data-regime]")) {
			const b = cs(m).boxShadow;
			out.push({ Kind: "map band", Regime: m.dataset.regime, Colour: cs(m).borderTopColor, Edge: b === "none" ? "" : b });
		}
		return out;
	})()`)
	const casing = 0.45 * 2.6 / 1.5 // the figures' 0.45 points, in the page's pixels (its 2.6-pixel lines are their 1.5 points)
	lightKinds := map[string]bool{}
	for _, m := range marks {
		light := lumaOf(m.Colour) >= 200
		edge := lumaOf(m.Edge)
		switch {
		case light && (edge < 0 || edge > 0x40):
			t.Errorf("%s of %s in %s: edge %q; want a dark one (#333, as the figures' casing)", m.Kind, m.Regime, m.Colour, m.Edge)
		case light && strings.HasSuffix(m.Kind, "line") && math.Abs(m.EdgeWidth-m.Width-2*casing) > 0.05:
			t.Errorf("%s of %s: %v px wide over an edge %v px wide; want the edge %.2f px wider on either side, as the figures' 0.45 points", m.Kind, m.Regime, m.Width, m.EdgeWidth, casing)
		case !light && strings.HasSuffix(m.Kind, "line") && m.Edge != "":
			t.Errorf("%s of %s in %s, a colour that shows alone, has an edge %s; the figures draw none", m.Kind, m.Regime, m.Colour, m.Edge)
		}
		if light {
			lightKinds[m.Kind] = true
			if m.Regime != "leaky" {
				t.Errorf("%s of %s is drawn in the light %s; want only the 7th regime, leaky, in yellow", m.Kind, m.Regime, m.Colour)
			}
		}
	}
	for _, kind := range []string{"chart line", "legend line", "bar", "swatch of the regimes", "swatch of the table", "map band"} {
		if !lightKinds[kind] {
			t.Errorf("no %s in a light colour among %d marks; want leaky's, in the palette's yellow", kind, len(marks))
		}
	}
	if keep := os.Getenv("BORDERWORK_SCREENSHOTS"); keep != "" {
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(keep, "seven-regimes.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// brokenWords is JavaScript giving, for the elements matched by the CSS
// selector sel, the words (and flags with their value, "--set KEY=V") a
// line breaks inside, though they fit on a line of their box.
const brokenWords = `((sel) => {
	const out = [];
	const canvas = document.createElement("canvas").getContext("2d");
	for (const box of document.querySelectorAll(sel)) {
		// Every character of the box's text, with the top of its line.
		const chars = [];
		const walk = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
		for (let n = walk.nextNode(); n; n = walk.nextNode()) {
			for (let i = 0; i < n.data.length; i++) {
				const r = document.createRange();
				r.setStart(n, i);
				r.setEnd(n, i + 1);
				const rect = r.getBoundingClientRect();
				chars.push({ c: n.data[i], top: rect.top, node: n });
			}
		}
		const cs = getComputedStyle(box);
		const width = box.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
		// Words, and flags with their values.
		const words = [];
		for (let i = 0; i < chars.length; ) {
			if (/\s/.test(chars[i].c)) { i++; continue; }
			let j = i;
			while (j < chars.length && !/\s/.test(chars[j].c)) j++;
			words.push([i, j]);
			i = j;
		}
		const units = words.slice();
		for (let k = 0; k + 1 < words.length; k++) {
			const w = chars.slice(words[k][0], words[k][1]).map((x) => x.c).join("");
			const next = chars[words[k + 1][0]].c;
			if (w.startsWith("--") && next !== "-") units.push([words[k][0], words[k + 1][1]]);
		}
		for (const [i, j] of units) {
			const s = chars.slice(i, j).map((x) => x.c).join("");
			const tops = new Set(chars.slice(i, j).filter((x) => /\S/.test(x.c)).map((x) => Math.round(x.top)));
			canvas.font = getComputedStyle(chars[i].node.parentElement).font;
			if (tops.size > 1 && canvas.measureText(s).width < width - 2) out.push(s);
		}
	}
	return out;
})`

// TestPageWraps: what a narrow screen or a long command must not split.
// Before a run the figures are hidden, captions and all, and the map's
// legend names no largest circle; the settings' column holds the opened
// scenario file box (its file chooser no wider than the column) on a
// laptop and a phone; after a run of seven
// regimes, on a phone, no word of the command to reproduce it and no
// "--set KEY" of a slider's note is split over two lines where it fits
// on one (a "-" at the end of one line, "-out" at the start of the
// next), and each line's legend sample is on the line of its name.
func TestPageWraps(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 1366, 900)
	figures := `["fig-trapped", "fig-series", "fig-abuse", "fig-outcomes"].filter(id => document.getElementById(id).checkVisibility())`
	if shown := eval[[]string](t, ctx, figures); len(shown) != 0 {
		t.Errorf("before any run the page shows the figures %q, captions over nothing; want them hidden until there are results", shown)
	}
	if legend := eval[string](t, ctx, `document.getElementById("map-legend").textContent`); strings.Contains(legend, "largest") {
		t.Errorf("before any run, with no circles on the map, its legend says %q; want no largest circle", legend)
	}

	eval[any](t, ctx, `document.getElementById("file-box").open = true`)
	for _, vp := range []struct {
		w, h   int64
		mobile bool
	}{{1366, 900, false}, {1280, 900, false}, {390, 844, true}} {
		size := chromedp.EmulateViewport(vp.w, vp.h)
		if vp.mobile {
			size = chromedp.EmulateViewport(vp.w, vp.h, chromedp.EmulateMobile)
		}
		do(t, ctx, "sizing the window", size, chromedp.Sleep(200*time.Millisecond), resized())
		got := eval[map[string]float64](t, ctx, `(() => {
			const s = document.getElementById("settings"), r = document.getElementById("results");
			const right = Math.max(...[...s.querySelectorAll("fieldset, input, textarea, select, button")].map(e => e.getBoundingClientRect().right));
			return { scroll: s.scrollWidth, client: s.clientWidth, right, column: s.getBoundingClientRect().right, results: r.getBoundingClientRect().left, page: document.documentElement.clientWidth };
		})()`)
		if got["scroll"] > got["client"] || got["right"] > got["column"]+0.5 || got["right"] > got["page"] {
			t.Errorf("at %d px with the scenario file box open, the settings reach %v px, their column ends at %v px (the page at %v): want them inside", vp.w, got["right"], got["column"], got["page"])
		}
		if !vp.mobile && got["right"] > got["results"] {
			t.Errorf("at %d px with the scenario file box open, the settings reach %v px, over the results from %v px", vp.w, got["right"], got["results"])
		}
	}
	eval[any](t, ctx, `document.getElementById("file-box").open = false`)

	// Seven regimes (Exercise 6 and two more), on a short run: a long
	// command.
	eval[any](t, ctx, `document.getElementById("sets-box").open = true, document.getElementById("sets").value = "regimes.hbm_lite.base=closed\nregimes.hbm_lite.rescue=0.5\nregimes.hbm_no_centres.base=hbm\nregimes.hbm_no_centres.centres=false\nregimes.leaky.base=malfunctioning\nregimes.leaky.oversight=0.1"`)
	do(t, ctx, "pressing Apply", chromedp.Click(chromedp.ID("apply-sets")))
	for deadline := time.Now().Add(30 * time.Second); eval[int](t, ctx, `document.querySelectorAll("#regimes input").length`) < 7; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the page lists %d regimes after Apply; want 7", eval[int](t, ctx, `document.querySelectorAll("#regimes input").length`))
		}
	}
	eval[any](t, ctx, `document.querySelectorAll("#regimes input").forEach(i => i.checked = true)`)
	typeInto(t, ctx, "reps", "2")
	typeInto(t, ctx, "days", "40")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run ended %q: %s", state, eval[string](t, ctx, `document.getElementById("run-error").textContent`))
	}
	if shown := eval[[]string](t, ctx, figures); len(shown) != 4 {
		t.Errorf("after a run the page shows the figures %q; want all four", shown)
	}
	if legend := eval[string](t, ctx, `document.getElementById("map-legend").textContent`); !regexp.MustCompile(`; the largest circle, on any map and day, is [0-9,.]+ migrants?\)`).MatchString(legend) {
		t.Errorf("after a run the map's legend says %q; want the largest circle's count", legend)
	}
	for _, width := range []int64{390, 1366} {
		size := chromedp.EmulateViewport(width, 844, chromedp.EmulateMobile)
		if width > 900 {
			size = chromedp.EmulateViewport(width, 900)
		}
		do(t, ctx, "sizing the window", size, chromedp.Sleep(800*time.Millisecond), resized())
		command := eval[string](t, ctx, `document.getElementById("command").textContent`)
		if !strings.Contains(command, "--regimes open,closed,malfunctioning,hbm,hbm_lite,hbm_no_centres,leaky") {
			t.Fatalf("the command %q does not run the seven regimes", command)
		}
		if broken := eval[[]string](t, ctx, brokenWords+`("#command")`); len(broken) != 0 {
			t.Errorf("at %d px the command to reproduce the run splits %q over two lines, though each fits on one", width, broken)
		}
		if broken := eval[[]string](t, ctx, brokenWords+`(".knob .help")`); len(broken) != 0 {
			t.Errorf("at %d px the sliders' notes split %q over two lines, though each fits on one", width, broken)
		}
		// Each legend sample is on the line of the name after it.
		apart := eval[[]string](t, ctx, `[...document.querySelectorAll("#results .legend svg")].flatMap(svg => {
			const walk = document.createTreeWalker(svg.closest(".legend"), NodeFilter.SHOW_TEXT);
			walk.currentNode = svg;
			let n = walk.nextNode();
			while (n && !n.data.trim()) n = walk.nextNode();
			if (!n) return [];
			const i = n.data.search(/\S/), r = document.createRange();
			r.setStart(n, i);
			r.setEnd(n, i + 1);
			const a = svg.getBoundingClientRect(), b = r.getBoundingClientRect();
			const mid = (a.top + a.bottom) / 2;
			return mid >= b.top && mid <= b.bottom ? [] : [n.data.trim()];
		})`)
		if len(apart) != 0 {
			t.Errorf("at %d px the legends' samples of %q stand on another line than their names", width, apart)
		}
	}
}

// waitText waits up to 30 s for the text of the element with id to
// satisfy ok, and returns it.
func waitText(t *testing.T, ctx context.Context, id string, ok func(string) bool) string {
	t.Helper()
	var s string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if s = eval[string](t, ctx, fmt.Sprintf(`document.getElementById(%q).textContent`, id)); ok(s) {
			break
		}
	}
	return s
}

// TestPageSaysWhatCame: the buttons that change the scenario say what
// came of it next to them. Apply with a misspelt key says why not under
// Apply (not at the top of the settings, out of sight), and with
// Exercise 6's lines, that they applied and which new regime to tick;
// "Check and use this file" says the file is in use, or lists its
// problems under it.
func TestPageSaysWhatCame(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 1366, 900)
	near := func(id, button string) float64 {
		return eval[float64](t, ctx, fmt.Sprintf(`document.getElementById(%q).getBoundingClientRect().top - document.getElementById(%q).getBoundingClientRect().bottom`, id, button))
	}

	eval[any](t, ctx, `document.getElementById("sets-box").open = true, document.getElementById("sets").value = "regimes.malfunctioning.outage_day=30"`)
	do(t, ctx, "pressing Apply", chromedp.Click(chromedp.ID("apply-sets")))
	msg := waitText(t, ctx, "sets-problems", func(s string) bool { return s != "" })
	if !strings.Contains(msg, "did you mean outage_days?") {
		t.Errorf("Apply with a misspelt key says %q under Apply; want the problem", msg)
	}
	if d := near("sets-problems", "apply-sets"); d < 0 || d > 100 {
		t.Errorf("the problem is %v px below Apply; want it next to Apply", d)
	}
	if top := eval[string](t, ctx, `document.getElementById("problems").textContent`); top != "" {
		t.Errorf("Apply's problem is also shown at the top of the settings: %q", top)
	}

	eval[any](t, ctx, `document.getElementById("sets").value = "regimes.hbm_lite.base=closed\nregimes.hbm_lite.rescue=0.5"`)
	do(t, ctx, "pressing Apply", chromedp.Click(chromedp.ID("apply-sets")))
	said := waitText(t, ctx, "sets-status", func(s string) bool { return s != "" })
	if !strings.Contains(said, "Applied 2 changes") || !strings.Contains(said, "hbm_lite") || !strings.Contains(said, "tick it") {
		t.Errorf("Apply with Exercise 6's lines says %q; want that 2 changes applied, and to tick hbm_lite", said)
	}
	if d := near("sets-status", "apply-sets"); d < 0 || d > 100 {
		t.Errorf("what Apply says is %v px below it; want it next to Apply", d)
	}
	if left := eval[string](t, ctx, `document.getElementById("sets-problems").textContent`); left != "" {
		t.Errorf("after a good Apply the problem of the bad one is still shown: %q", left)
	}
	// Ticked, it is no longer asked for.
	do(t, ctx, "ticking hbm_lite", chromedp.Click(chromedp.ID("regime-hbm_lite")))
	if said := waitText(t, ctx, "sets-status", func(s string) bool { return !strings.Contains(s, "tick it") }); said != "Applied 2 changes. New: hbm_lite, ticked." {
		t.Errorf("with hbm_lite ticked, Apply's note says %q; want \"Applied 2 changes. New: hbm_lite, ticked.\"", said)
	}
	do(t, ctx, "pressing Reset", chromedp.Click(chromedp.ID("reset")))
	if s := waitText(t, ctx, "sets-status", func(s string) bool { return s == "" }); s != "" {
		t.Errorf("after Reset, the note under Apply still says %q", s)
	}

	// Exercise 7: the file, with the schedule appended; then a mistake.
	eval[any](t, ctx, `document.getElementById("file-box").open = true, document.getElementById("text").value += "\n[[posts.schedule]]\nfrom = 60\nto = 120\nadmission = \"nobody\"\n"`)
	do(t, ctx, "pressing Check and use this file", chromedp.Click(chromedp.ID("use-text")))
	said = waitText(t, ctx, "file-status", func(s string) bool { return s != "" })
	if !strings.Contains(said, "my.toml") || !strings.Contains(said, "Press Run") || !strings.Contains(said, "Post at Border: 1 scheduled change.") {
		t.Errorf("Check and use this file says %q; want that my.toml is in use, and its post's scheduled change, as check says it", said)
	}
	if d := near("file-status", "use-text"); d < 0 || d > 100 {
		t.Errorf("what Check and use this file says is %v px below it; want it next to the button", d)
	}
	eval[any](t, ctx, `(t => t.value = t.value.replace("capacity = 15", "capacty = 15"))(document.getElementById("text"))`)
	do(t, ctx, "pressing Check and use this file", chromedp.Click(chromedp.ID("use-text")))
	msg = waitText(t, ctx, "problems", func(s string) bool { return s != "" })
	if !strings.Contains(msg, "posts.capacty: unknown key") {
		t.Errorf("Check and use this file with a misspelt key says %q; want the problem", msg)
	}
	if s := eval[string](t, ctx, `document.getElementById("file-status").textContent`); s != "" {
		t.Errorf("with the file refused, the note under the button still says %q", s)
	}
	if d := near("problems", "use-text"); d < 0 || d > 100 {
		t.Errorf("the file's problem is %v px below Check and use this file; want it next to the button", d)
	}
}

// TestPageScenarioChange: choosing another scenario during a run stops
// the run: no results of the scenario before appear under the new one's
// settings and map, and the status says the run stopped. Reset puts back
// the scenario shown as written, a file of one's own included, and says
// which (Exercise 8 after Exercise 7 starts from the classroom only once
// the menu chooses it).
func TestPageScenarioChange(t *testing.T) {
	t.Parallel()
	ctx := openPage(t, 1366, 900)
	typeInto(t, ctx, "reps", "200")
	typeInto(t, ctx, "days", "500") // 800 runs of 500 days: many seconds, within the page's limit
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if eval[bool](t, ctx, `document.getElementById("status").dataset.state === "running" && document.getElementById("progress").value > 0`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the run did not start: %s", eval[string](t, ctx, `document.getElementById("status-text").textContent`))
		}
	}
	eval[any](t, ctx, `(s => { s.value = "sahel"; s.dispatchEvent(new Event("change")); })(document.getElementById("scenario"))`)
	if title := waitText(t, ctx, "scenario-title", func(s string) bool { return strings.HasPrefix(s, "Sahel") }); !strings.HasPrefix(title, "Sahel") {
		t.Fatalf("after choosing sahel the page describes %q", title)
	}
	time.Sleep(3 * time.Second) // long enough for more of the stopped run's results to arrive
	got := eval[map[string]any](t, ctx, `({
		state: document.getElementById("status").dataset.state || "",
		status: document.getElementById("status-text").textContent,
		rows: document.querySelectorAll("#summary tbody tr").length,
		note: document.getElementById("results-note").textContent,
		command: document.getElementById("command").textContent,
		maps: [...document.querySelectorAll("#maps .map")].map(m => m.dataset.regime),
	})`)
	if got["state"] == "running" || !strings.Contains(got["status"].(string), "Stopped: the scenario changed") {
		t.Errorf("after choosing another scenario during a run, the status is %v, %q; want the run stopped, and said so", got["state"], got["status"])
	}
	if got["rows"] != 0.0 || got["command"] != "" || !strings.HasPrefix(got["note"].(string), "Press Run") {
		t.Errorf("under sahel's settings the page shows %v rows, the command %q and the note %q: results of the classroom run stopped", got["rows"], got["command"], got["note"])
	}
	if maps, _ := got["maps"].([]any); len(maps) != 1 || maps[0] != "" {
		t.Errorf("sahel's map shows the regimes %v; want the one empty map of no run", maps)
	}

	// A file of one's own: Reset keeps it, and says so.
	eval[any](t, ctx, `(s => { s.value = "classroom"; s.dispatchEvent(new Event("change")); })(document.getElementById("scenario"))`)
	waitText(t, ctx, "scenario-title", func(s string) bool { return strings.HasPrefix(s, "Classroom") })
	eval[any](t, ctx, `document.getElementById("file-box").open = true, document.getElementById("text").value += "\n[[posts.schedule]]\nfrom = 60\nto = 120\nadmission = \"nobody\"\n"`)
	do(t, ctx, "pressing Check and use this file", chromedp.Click(chromedp.ID("use-text")))
	waitText(t, ctx, "file-status", func(s string) bool { return s != "" })
	do(t, ctx, "pressing Reset", chromedp.Click(chromedp.ID("reset")))
	said := waitText(t, ctx, "status-text", func(s string) bool { return strings.HasPrefix(s, "Reset") })
	if !strings.Contains(said, "my.toml as written") || !strings.Contains(said, "Scenario menu") {
		t.Errorf("Reset on one's own file says %q; want that it is my.toml as written, and that the menu leaves it", said)
	}
	if text := eval[string](t, ctx, `document.getElementById("text").value`); !strings.Contains(text, "[[posts.schedule]]") {
		t.Errorf("Reset lost the file's own lines")
	}
}

// checkWasmSizesQuoted: README.md and docs/TEACHING.md give the engine's
// size to the megabyte and its gzipped size to the tenth, as `go run
// ./web/build` prints them: "about", within half a megabyte and 0.15 MB,
// so that an engine a few dozen kilobytes larger or smaller does not fail
// it, while a size out of date does.
func checkWasmSizesQuoted(t *testing.T, wasmBytes, wasmGzip int) {
	t.Helper()
	for _, d := range []struct{ file, pattern string }{
		{"../../README.md", `borderwork\.wasm \(about ([0-9.]+) MB; ([0-9.]+) MB gzipped\)`},
		{"../../docs/TEACHING.md", `compiled to WebAssembly \(about ([0-9.]+) MB to download, once per student; ([0-9.]+) MB where the host compresses it`},
	} {
		data, err := os.ReadFile(d.file)
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(d.pattern).FindStringSubmatch(strings.Join(strings.Fields(string(data)), " "))
		if m == nil {
			t.Errorf("%s no longer gives the engine's sizes as %s; change the test with it", d.file, d.pattern)
			continue
		}
		for i, got := range []int{wasmBytes, wasmGzip} {
			quoted, err := strconv.ParseFloat(m[i+1], 64)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(quoted-float64(got)/1e6) > []float64{0.5, 0.15}[i] {
				t.Errorf("%s says %s MB; the build gives %.1f MB (%d bytes)", d.file, m[i+1], float64(got)/1e6, got)
			}
		}
	}
}

// TestPageRunInReachAndChangedSettings: Run is on the first screen, on a
// laptop and on a phone, before any scrolling (the settings are a long
// column, and it stood at their end); after a run, a setting changed
// says over the results that they are no longer the settings', and set
// back as it was, the note goes.
func TestPageRunInReachAndChangedSettings(t *testing.T) {
	t.Parallel()
	ctx := browser(t)
	url := servePage(t)
	inView := `(() => { const r = document.getElementById("run").getBoundingClientRect();
		return r.top >= 0 && r.bottom <= window.innerHeight && !document.getElementById("run").disabled; })()`
	for _, size := range [][2]int64{{390, 844}, {1024, 768}, {1280, 800}} {
		do(t, ctx, "loading "+url, chromedp.EmulateViewport(size[0], size[1]), chromedp.Navigate(url), chromedp.WaitVisible(chromedp.CSS(`body[data-ready="true"]`)))
		if !eval[bool](t, ctx, inView) {
			t.Errorf("%d×%d: Run is not on the first screen, or not enabled", size[0], size[1])
		}
	}
	// Before a run, "Reproduce this" says where its command will be, not
	// an empty bar; after it, the command alone.
	placeholder := `getComputedStyle(document.getElementById("command"), "::before").content`
	if got := eval[string](t, ctx, placeholder); !strings.Contains(got, "Press Run: the command") {
		t.Errorf("before a run the command's box shows %s; want where the command will be", got)
	}
	const oversight = "knob-regimes.malfunctioning.oversight-num"
	typeInto(t, ctx, "reps", "2")
	typeInto(t, ctx, "days", "30")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run ended %q", state)
	}
	if got := eval[string](t, ctx, placeholder); got != "none" {
		t.Errorf("after a run the command's box still shows %s", got)
	}
	note := `(() => { const b = document.getElementById("results-pending"); return b.hidden ? "" : b.textContent; })()`
	if s := eval[string](t, ctx, note); s != "" {
		t.Errorf("after the run the results say %q; want nothing", s)
	}
	before := eval[string](t, ctx, `document.getElementById("`+oversight+`").value`)
	typeInto(t, ctx, oversight, "0.9")
	if s := eval[string](t, ctx, note); !strings.Contains(s, "settings have changed") {
		t.Errorf("with a setting changed the results say %q; want that the settings have changed", s)
	}
	typeInto(t, ctx, oversight, before)
	if s := eval[string](t, ctx, note); s != "" {
		t.Errorf("with the setting back the results say %q; want nothing", s)
	}

	// A run refused (a box out of range) leaves the results of the
	// settings before on the page, still said to be old, and takes the
	// reader to the list of what to fix, next to Run.
	const giveUp = "knob-migrants.give_up_days-num"
	giveUpBefore := eval[string](t, ctx, `document.getElementById("`+giveUp+`").value`)
	typeInto(t, ctx, oversight, "0.9")
	typeInto(t, ctx, giveUp, "150")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
	refused := eval[map[string]any](t, ctx, `({
		state: document.getElementById("status").dataset.state,
		focus: document.activeElement.id,
		shown: (r => r.top >= 0 && r.bottom <= window.innerHeight)(document.getElementById("run-error").getBoundingClientRect()),
	})`)
	if refused["state"] != "refused" || refused["focus"] != "run-error" || refused["shown"] != true {
		t.Errorf("a run refused: %v; want it refused, with the focus on the list of what to fix, in view", refused)
	}
	if s := eval[string](t, ctx, note); !strings.Contains(s, "settings have changed") {
		t.Errorf("after a refused run the results say %q; want that the settings have changed", s)
	}
	typeInto(t, ctx, giveUp, giveUpBefore)
	typeInto(t, ctx, oversight, before)

	// Apply under "More changes" keeps the replicates, seed and days
	// typed, as it keeps the knobs moved.
	typeInto(t, ctx, "seed", "7")
	eval[any](t, ctx, `document.getElementById("sets-box").open = true, document.getElementById("sets").value = "regimes.hbm_lite.base=closed"`)
	do(t, ctx, "pressing Apply", chromedp.Click(chromedp.CSS("#apply-sets")))
	for i := 0; i < 100 && eval[string](t, ctx, `document.getElementById("sets-status").textContent`) == ""; i++ {
		time.Sleep(50 * time.Millisecond)
	}
	if runs := eval[[]string](t, ctx, `["reps", "seed", "days"].map(id => document.getElementById(id).value)`); !slices.Equal(runs, []string{"2", "7", "30"}) {
		t.Errorf("after Apply the replicates, seed and days are %q; want those typed, [2 7 30]", runs)
	}

	// What the boxes show runs: 1e1 replicates are 10, not 1.
	typeInto(t, ctx, "reps", "1e1")
	do(t, ctx, "pressing Run", chromedp.Click(chromedp.CSS("#run")))
	if state := waitRun(t, ctx); state != "done" {
		t.Fatalf("the run of 1e1 replicates ended %q: %s", state, eval[string](t, ctx, `document.getElementById("run-error").textContent`))
	}
	if cmd := eval[string](t, ctx, `document.getElementById("command").textContent`); !strings.Contains(cmd, "--reps 10 ") {
		t.Errorf("1e1 replicates ran as %q; want --reps 10", cmd)
	}
}
