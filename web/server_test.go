//go:build !(js && wasm)

package web

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/borderwork/borderwork/scenarios"
)

func newTestServer(t *testing.T) *httptest.Server {
	t.Helper()
	s := &Server{Initial: Request{Scenario: "classroom"}, Limits: DefaultLimits(), Timeout: time.Minute, Slots: 2}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts
}

// TestServerPages: the page and its files are served, the index says it
// talks to a server, and unknown paths are not found.
func TestServerPages(t *testing.T) {
	ts := newTestServer(t)
	tests := []struct {
		path, contains, contentType string
		status                      int
	}{
		{"/", `data-backend="server"`, "text/html", 200},
		{"/app.js", "serverBackend", "javascript", 200},
		{"/style.css", "--trapped", "text/css", 200},
		{"/api/info", `"classroom"`, "application/json", 200},
		{"/nothing", "", "", 404},
	}
	for _, tt := range tests {
		resp, err := http.Get(ts.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status || !strings.Contains(string(body), tt.contains) || !strings.Contains(resp.Header.Get("Content-Type"), tt.contentType) {
			t.Errorf("GET %s: %d %q, %d bytes; want %d %q containing %q", tt.path, resp.StatusCode, resp.Header.Get("Content-Type"), len(body), tt.status, tt.contentType, tt.contains)
		}
	}
}

func post(t *testing.T, url, body string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

// TestServerRun: an experiment streams progress, snapshots and final
// results as JSON lines, and writes nothing to disk.
func TestServerRun(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	ts := newTestServer(t)
	resp, err := http.Post(ts.URL+"/api/run", "application/json", strings.NewReader(`{"scenario":"classroom","reps":3,"days":40}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var runs, snapshots int
	var final *Results
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var m Message
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		switch {
		case m.Runs != nil:
			runs++
		case m.Results != nil:
			snapshots++
			if m.Results.Final {
				final = m.Results
			}
		case m.Error != nil:
			t.Fatalf("error %v", m.Error)
		}
	}
	if runs == 0 || snapshots != 3 || final == nil || final.Done != 12 || final.Map == nil {
		t.Errorf("got %d progress lines, %d snapshots, final %v; want progress, 3 snapshots, final results of 12 runs with a map", runs, snapshots, final != nil)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("the server wrote %d files into its folder", len(entries))
	}
}

// TestServerRunCompressed: a run's stream is gzip-compressed for a
// browser that takes it (every browser says so), to under a third of its
// size, and decompresses to the very lines sent to one that does not.
func TestServerRunCompressed(t *testing.T) {
	ts := newTestServer(t)
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}} // to see the bytes sent
	get := func(encoding string) (*http.Response, []byte) {
		t.Helper()
		req, err := http.NewRequest("POST", ts.URL+"/api/run", strings.NewReader(`{"scenario":"classroom","reps":2,"days":60}`))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		if encoding != "" {
			req.Header.Set("Accept-Encoding", encoding)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return resp, b
	}
	plainResp, plain := get("")
	zippedResp, zipped := get("br, gzip, deflate")
	if ce := plainResp.Header.Get("Content-Encoding"); ce != "" {
		t.Errorf("asked for no encoding, got Content-Encoding %q", ce)
	}
	if ce, vary := zippedResp.Header.Get("Content-Encoding"), zippedResp.Header.Get("Vary"); ce != "gzip" || vary != "Accept-Encoding" {
		t.Fatalf("asked for gzip: Content-Encoding %q, Vary %q; want gzip, Accept-Encoding", ce, vary)
	}
	zr, err := gzip.NewReader(bytes.NewReader(zipped))
	if err != nil {
		t.Fatal(err)
	}
	unzipped, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	// The counts of runs done are thinned by the clock; the results are
	// the same bytes.
	results := func(stream []byte) []string {
		var out []string
		for _, line := range strings.Split(strings.TrimSpace(string(stream)), "\n") {
			var m Message
			if err := json.Unmarshal([]byte(line), &m); err != nil {
				t.Fatalf("line %.80q: %v", line, err)
			}
			if m.Runs == nil {
				out = append(out, line)
			}
		}
		return out
	}
	if got, want := results(unzipped), results(plain); len(want) < 2 || !slices.Equal(got, want) {
		t.Errorf("the gzip stream decompresses to %d results lines unlike the %d sent plain", len(got), len(want))
	}
	if len(zipped)*3 > len(plain) {
		t.Errorf("compressed, the stream is %d bytes of %d; want under a third", len(zipped), len(plain))
	}
}

func TestAcceptsGzip(t *testing.T) {
	for _, tt := range []struct {
		header string
		want   bool
	}{
		{"", false}, {"gzip", true}, {"GZIP", true}, {"deflate, gzip;q=0.8", true}, {"br", false},
		{"gzip;q=0", false}, {"gzip; q=0.000", false}, {"x-gzip", false},
	} {
		r := httptest.NewRequest("POST", "/api/run", nil)
		if tt.header != "" {
			r.Header.Set("Accept-Encoding", tt.header)
		}
		if got := acceptsGzip(r); got != tt.want {
			t.Errorf("Accept-Encoding %q: gzip %v; want %v", tt.header, got, tt.want)
		}
	}
}

// TestServerBadInput: bad requests are answered at once with a 4xx
// status and the problem's lines, before anything streams; oversized or
// malformed bodies are refused, saying why; the API's paths asked for
// with GET are not allowed.
func TestServerBadInput(t *testing.T) {
	ts := newTestServer(t)
	bigMap, _ := json.Marshal(chain(500, 3650, "open", "closed", "malfunctioning", "hbm", "r0", "r1", "r2", "r3"))
	tests := []struct {
		path, body string
		status     int
		want       string
	}{
		{"/api/outline", `{"text":"days = = 3","file":"my.toml"}`, 422, "my.toml:1:"},
		{"/api/outline", `{"scenario":"classroom","sets":["nonsense"]}`, 422, "want KEY=VALUE"},
		{"/api/outline", `{"scenario":"classroom","surprise":1}`, 400, "unknown field"},
		// Keys as spelt, once each: encoding/json takes any case and the
		// last of two, so this ran agadez.
		{"/api/run", `{"scenario":"classroom","Scenario":"agadez"}`, 400, `unknown field \"Scenario\"; did you mean \"scenario\"?`},
		{"/api/run", `{"scenario":"classroom","days":5,"days":7}`, 400, `\"days\" is given twice`},
		{"/api/outline", `{"text":"` + strings.Repeat("x", 400<<10) + `"}`, 413, "the request is too large: the page takes at most 320 KiB"},
		{"/api/outline", `{"scenario":"classroom"} {"scenario":"agadez"}`, 400, "more after the request's JSON object"},
		{"/api/run", `{"scenario":"classroom","reps":5000}`, 422, "Replicates must be a whole number from 1 to 200 on this page, got 5000"},
		{"/api/run", `{"scenario":"classroom","seed":-3}`, 422, "Seed must be a whole number from 0 to 9223372036854775807, got -3"},
		{"/api/run", `{"scenario":"classroom","seed":99999999999999999999999}`, 400, "Seed must be a whole number from 0 to 9223372036854775807"},
		{"/api/run", `{"scenario":"classroom","seed":1.5}`, 400, "Seed must be a whole number"},
		{"/api/run", `{"scenario":"classroom","days":"many"}`, 400, "Days must be a whole number from 1 to 3650 on this page"},
		{"/api/run", `{"scenario":"nosuch"}`, 422, `no bundled scenario \"nosuch\"`},
		{"/api/run", `{"scenario":"classroom","regimes":["shut"]}`, 422, `unknown regime \"shut\"`},
		{"/api/run", `{"scenario":"classroom","sets":["foo=1"]}`, 422, "foo"},
		{"/api/run", `{"scenario":"classroom","sets":[` + strings.Repeat(`"days=5",`, 64) + `"days=5"]}`, 422, "at most 64 overrides, got 65"},
		{"/api/run", `{"scenario":"classroom","series":["trapped","trapped","trapped","trapped","trapped","trapped","trapped","trapped","trapped"]}`, 422, "at most 8 series"},
		{"/api/run", `{"text":"` + strings.Repeat("#", 260<<10) + `","file":"big"}`, 422, "big.toml: the page reads scenario files of at most 256 KiB"},
		{"/api/run", `{"scenario":"classroom","regimes":[` + strings.Repeat(`"open",`, 100000) + `"open"]}`, 413, "the request is too large"},
		{"/api/run", `{"scenario":"classroom"}x`, 400, "more after the request's JSON object"},
		{"/api/run", string(bigMap), 422, "the map of 8 regimes × 3,650 days × 502 locations"},
	}
	for _, tt := range tests {
		resp, body := post(t, ts.URL+tt.path, tt.body)
		if resp.StatusCode != tt.status || !strings.Contains(body, tt.want) || resp.Header.Get("Content-Type") != "application/json" {
			t.Errorf("POST %s %.40q: %d %s %q; want %d application/json containing %q", tt.path, tt.body, resp.StatusCode, resp.Header.Get("Content-Type"), body, tt.status, tt.want)
		}
	}
	for _, path := range []string{"/api/run", "/api/outline"} {
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "POST" {
			t.Errorf("GET %s: %d, Allow %q; want 405, Allow POST", path, resp.StatusCode, resp.Header.Get("Allow"))
		}
	}
	if resp, _ := post(t, ts.URL+"/api/nothing", `{}`); resp.StatusCode != http.StatusNotFound {
		t.Errorf("POST /api/nothing: %d; want 404", resp.StatusCode)
	}
}

// lines reads a stream of messages to its end.
func lines(t *testing.T, r io.Reader) []Message {
	t.Helper()
	var ms []Message
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var m Message
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		ms = append(ms, m)
	}
	return ms
}

// TestServerQueue: a request waiting for its turn is told so at once, and
// how many are ahead; bad input meanwhile is answered at once; the wait
// does not count against the time an experiment may take.
func TestServerQueue(t *testing.T) {
	s := &Server{Initial: Request{Scenario: "classroom"}, Limits: DefaultLimits(), Timeout: 2 * time.Second, Slots: 1, Queue: 1}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	busy, err := s.queue.acquire(context.Background(), 1, nil) // an experiment that is running
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(ts.URL+"/api/run", "application/json", strings.NewReader(`{"scenario":"classroom","reps":1,"days":10}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	r := bufio.NewReader(resp.Body)
	first, err := r.ReadBytes('\n')
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || string(first) != `{"waiting":1}`+"\n" {
		t.Errorf("a request behind a running experiment: %d, first line %q; want 200 and {\"waiting\":1}", resp.StatusCode, first)
	}

	if resp, body := post(t, ts.URL+"/api/run", `{"scenario":"classroom","sets":["foo=1"]}`); resp.StatusCode != 422 {
		t.Errorf("bad input while the server is busy: %d %q; want 422 at once", resp.StatusCode, body)
	}
	if resp, body := post(t, ts.URL+"/api/run", `{"scenario":"classroom","reps":1,"days":10}`); resp.StatusCode != 503 || !strings.Contains(body, "busy") {
		t.Errorf("a request when the queue is full: %d %q; want 503, busy", resp.StatusCode, body)
	}

	// Wait longer than the timeout before the run starts: the run, a
	// matter of milliseconds, must still be let finish.
	time.Sleep(s.Timeout + time.Second)
	busy(false)
	ms := lines(t, r)
	if len(ms) == 0 || ms[len(ms)-1].Results == nil || !ms[len(ms)-1].Results.Final {
		t.Fatalf("after the wait, the stream was %+v; want it to end with the final results", ms)
	}
	for _, m := range ms {
		if m.Waiting != nil || m.Error != nil {
			t.Errorf("after its turn came, the stream had %+v", m)
		}
	}
}

// smallBuffers is a listener whose connections have small send buffers,
// so that a page that does not read stalls the server's writes at once.
type smallBuffers struct{ net.Listener }

func (l smallBuffers) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetWriteBuffer(4 << 10)
	}
	return c, err
}

// TestServerStalledPage: a page that sends a good run and then reads
// nothing (a closed laptop, a frozen tab) does not keep its slot: its
// writes miss their deadline, its experiment stops, and the next
// experiment runs.
func TestServerStalledPage(t *testing.T) {
	s := &Server{Initial: Request{Scenario: "classroom"}, Limits: DefaultLimits(), Timeout: time.Minute, Slots: 1, Stall: 300 * time.Millisecond}
	ts := httptest.NewUnstartedServer(s.Handler())
	ts.Listener = smallBuffers{ts.Listener}
	ts.Start()
	t.Cleanup(ts.Close)

	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.(*net.TCPConn).SetReadBuffer(4 << 10)
	body := `{"scenario":"classroom","reps":3,"days":365}` // about a megabyte of results
	fmt.Fprintf(conn, "POST /api/run HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	// Wait until the stalled page's run holds the only slot.
	for start := time.Now(); ; time.Sleep(5 * time.Millisecond) {
		s.queue.mu.Lock()
		running := len(s.queue.running)
		s.queue.mu.Unlock()
		if running == 1 {
			break
		}
		if time.Since(start) > 10*time.Second {
			t.Fatal("the stalled page's run never started")
		}
	}

	client := &http.Client{Timeout: 15 * time.Second}
	start := time.Now()
	resp, err := client.Post(ts.URL+"/api/run", "application/json", strings.NewReader(`{"scenario":"classroom","reps":1,"days":10}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	ms := lines(t, bufio.NewReader(resp.Body))
	if len(ms) == 0 || ms[len(ms)-1].Results == nil || !ms[len(ms)-1].Results.Final {
		t.Fatalf("behind a page that reads nothing, the stream was %+v after %v; want it to end with the final results", ms, time.Since(start).Round(time.Millisecond))
	}
	if ms[0].Waiting == nil || *ms[0].Waiting != 1 {
		t.Errorf("the second run's first line was %+v; want it told it waits behind 1", ms[0])
	}
}

// TestServerStalledReader: a client that asks for more than the
// connection's buffers hold (the page's script, /api/info or the
// outline of a large scenario) and then reads nothing has its
// connection closed once Stall has passed, as a stalled run's is.
// Without a deadline on those writes the handler waited for ever, past
// IdleTimeout (it was still writing), and one computer could hold as
// many connections and goroutines as it liked.
func TestServerStalledReader(t *testing.T) {
	raw, err := scenarios.Bundled("classroom")
	if err != nil {
		t.Fatal(err)
	}
	// Comments make the scenario large, and the outline and /api/info
	// send its text back.
	text := string(raw) + strings.Repeat("# "+strings.Repeat("x", 78)+"\n", 2000)
	pasted, _ := json.Marshal(Request{Text: text, File: "mine.toml"})
	s := &Server{Initial: Request{Text: text, File: "mine.toml"}, Limits: DefaultLimits(), Timeout: time.Minute, Slots: 1, Stall: 200 * time.Millisecond}
	ts := httptest.NewUnstartedServer(s.Handler())
	ts.Listener = smallBuffers{ts.Listener}
	ts.Start()
	t.Cleanup(ts.Close)
	for _, tt := range []struct {
		name, request string
	}{
		{"GET /app.js", "GET /app.js HTTP/1.1\r\nHost: x\r\n\r\n"},
		{"GET /api/info", "GET /api/info HTTP/1.1\r\nHost: x\r\n\r\n"},
		{"POST /api/outline", fmt.Sprintf("POST /api/outline HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s", len(pasted), pasted)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			conn, err := net.Dial("tcp", ts.Listener.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			conn.(*net.TCPConn).SetReadBuffer(4 << 10)
			if _, err := io.WriteString(conn, tt.request); err != nil {
				t.Fatal(err)
			}
			time.Sleep(5 * s.Stall) // reading nothing
			// Read now: a connection the server has closed ends (EOF);
			// one it still holds gets the whole answer, and then waits
			// for the next request until this deadline.
			conn.SetReadDeadline(time.Now().Add(5 * time.Second))
			if answer, err := io.ReadAll(conn); err != nil {
				t.Errorf("%s, the answer not read for %v: the connection was still open (%v after %d bytes); want it closed once Stall (%v) passed", tt.name, 5*s.Stall, err, len(answer), s.Stall)
			}
		})
	}
}

// TestOutline: the classroom outline has every knob of the guide, with
// the scenario's values, its four places at their schematic positions,
// and the regimes in their figure colours.
func TestOutline(t *testing.T) {
	o, err := Describe(Request{Scenario: "classroom"}, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Knobs) != len(knobs) { // the classroom has one origin
		t.Errorf("classroom has %d knobs; want every one of the %d in the list", len(o.Knobs), len(knobs))
	}
	s, err := (&Request{Scenario: "classroom"}).load(DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range o.Knobs {
		v, err := s.Value(k.Key)
		if err != nil {
			t.Errorf("knob %s: %v", k.Key, err)
			continue
		}
		if f, ok := v.(float64); ok && f != k.Value || !ok && v != int(k.Value) {
			t.Errorf("knob %s = %v; the scenario holds %v", k.Key, k.Value, v)
		}
		if steps := (k.Value - k.Min) / k.Step; math.Abs(steps-math.Round(steps)) > 1e-9 {
			t.Errorf("knob %s = %v is not on its slider's steps of %v from %v", k.Key, k.Value, k.Step, k.Min)
		}
		if k.Value < k.Min || k.Value > k.Max {
			t.Errorf("knob %s = %v lies outside its slider [%v, %v]", k.Key, k.Value, k.Min, k.Max)
		}
	}
	if len(o.Places) != 4 || o.Schematic || math.Abs(o.Width-3) > 1e-4 || o.Places[3].Name != "City" || o.Places[2].Y != 0 || o.Places[3].Y != 0.5 {
		t.Errorf("places %+v, width %v; want the four places at their coordinates", o.Places, o.Width)
	}
	if len(o.Regimes) < 4 || o.Regimes[0].Color != "#0072B2" || !o.Regimes[0].Default {
		t.Errorf("regimes %+v; want the built-in regimes first, in the figures' colours", o.Regimes)
	}
	if len(o.Links) != 4 || o.Links[3].Kind != "irregular" {
		t.Errorf("links %+v; want the classroom's four, the last irregular", o.Links)
	}
}

// TestSchematicLayout: a scenario without coordinates is laid out by
// distance from the origins, every place apart.
func TestSchematicLayout(t *testing.T) {
	raw, err := os.ReadFile("../scenarios/testdata/tiny.toml")
	if err != nil {
		t.Fatal(err)
	}
	o, err := Describe(Request{Text: string(raw), File: "tiny.toml"}, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if !o.Schematic {
		t.Fatal("tiny.toml has no coordinates, but the layout is not schematic")
	}
	seen := map[[2]float64]string{}
	for _, p := range o.Places {
		at := [2]float64{p.X, p.Y}
		if other, ok := seen[at]; ok {
			t.Errorf("%s and %s are both drawn at %v", other, p.Name, at)
		}
		seen[at] = p.Name
		if p.Kind == "origin" && p.X != 0 {
			t.Errorf("origin %s is drawn at x=%v; want the first column", p.Name, p.X)
		}
	}
}

// heldChecks is a one-slot server whose checks of pasted scenarios each
// hold their turn until ends is called (or the test ends): entered says
// a check took its turn, waits that one waits for one, statuses gets the
// status of each paste sent.
type heldChecks struct {
	url            string
	entered, waits chan bool
	ends           func()
	statuses       chan int
}

func holdChecks(t *testing.T) *heldChecks {
	h := &heldChecks{entered: make(chan bool, 8), waits: make(chan bool, 8), statuses: make(chan int, 8)}
	release := make(chan bool)
	testHookChecked = func() { h.entered <- true; <-release }
	testHookCheckWaits = func() { h.waits <- true }
	t.Cleanup(func() { testHookChecked, testHookCheckWaits = nil, nil }) // last, once no handler runs
	s := &Server{Initial: Request{Scenario: "classroom"}, Limits: DefaultLimits(), Timeout: time.Minute, Slots: 1}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	h.url = ts.URL
	var once sync.Once
	h.ends = func() { once.Do(func() { close(release) }) }
	t.Cleanup(h.ends) // before ts.Close: a failure must not leave handlers holding their turns
	return h
}

// paste sends body to path, in a goroutine, its status to statuses.
func (h *heldChecks) paste(path string, body []byte) {
	go func() {
		resp, err := http.Post(h.url+path, "application/json", bytes.NewReader(body))
		if err != nil {
			h.statuses <- 0
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		h.statuses <- resp.StatusCode
	}()
}

// pastedClassroom is a request pasting the classroom scenario's text.
func pastedClassroom(t *testing.T, days, reps *int) []byte {
	raw, err := scenarios.Bundled("classroom")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(Request{Text: string(raw), File: "mine.toml", Days: days, Reps: reps})
	return body
}

// TestServerChecksFewPastedAtOnce: pasted scenarios are read and checked
// at most max(2, Slots) at once, for the outline and for a run alike;
// another waits for its turn, and gets it when one ends. Reading one of
// a few thousand places takes a second and some 30 MB, and 40 at once
// took a laptop's server to 1.2 GB.
func TestServerChecksFewPastedAtOnce(t *testing.T) {
	h := holdChecks(t)
	days, reps := 5, 1
	body := pastedClassroom(t, &days, &reps)
	for _, path := range []string{"/api/outline", "/api/run", "/api/outline"} {
		h.paste(path, body)
	}
	<-h.entered
	<-h.entered
	select {
	case <-h.entered:
		t.Fatal("a third pasted scenario was checked while two were; want it to wait its turn")
	case <-h.waits:
	}
	h.ends() // the two end their turns; the third gets one
	<-h.entered
	for range 3 {
		if st := <-h.statuses; st != 200 {
			t.Errorf("a pasted scenario that waited its turn: status %d; want 200", st)
		}
	}
}

// TestServerRefusesPastedBeyondTheLine: past maxChecksWaiting pasted
// scenarios waiting for their turn to be checked, another is refused at
// once as busy (503), rather than left waiting minutes with its text.
func TestServerRefusesPastedBeyondTheLine(t *testing.T) {
	maxChecksWaiting = 1
	t.Cleanup(func() { maxChecksWaiting = 64 })
	h := holdChecks(t)
	body := pastedClassroom(t, nil, nil)
	h.paste("/api/outline", body)
	h.paste("/api/outline", body)
	<-h.entered
	<-h.entered // both turns taken
	h.paste("/api/outline", body)
	<-h.waits // one waits: the line is full
	resp, text := post(t, h.url+"/api/outline", string(body))
	if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(text, "busy checking other pasted scenarios") {
		t.Errorf("a pasted scenario beyond the line: status %d, %s; want 503, busy", resp.StatusCode, text)
	}
	h.ends()
	<-h.entered
	for range 3 {
		if st := <-h.statuses; st != 200 {
			t.Errorf("a pasted scenario within the line: status %d; want 200", st)
		}
	}
}

// TestServerSlowBody: a request whose body stops coming (a phone gone out
// of range mid-send, a client that sends a few bytes and then nothing)
// is answered 408 once Stall has passed, and its connection closed,
// rather than held for ever.
func TestServerSlowBody(t *testing.T) {
	s := &Server{Initial: Request{Scenario: "classroom"}, Limits: DefaultLimits(), Timeout: time.Minute, Slots: 1, Stall: 200 * time.Millisecond}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	for _, path := range []string{"/api/run", "/api/outline"} {
		conn, err := net.Dial("tcp", ts.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"scenario\":", path)
		// Only a guard against hanging, far beyond Stall: without the
		// server's deadline this read would wait for ever.
		conn.SetReadDeadline(time.Now().Add(30 * time.Second))
		answer, _ := io.ReadAll(conn)
		if !strings.HasPrefix(string(answer), "HTTP/1.1 408") || !strings.Contains(string(answer), "did not arrive") {
			t.Errorf("POST %s with a body that stops coming: answered %q; want 408, and the connection closed", path, answer)
		}
	}
}

// TestServerTellsTeacherBusy: when pages start being refused as busy,
// Log (the teacher's terminal) is told once, in a line naming no page;
// not again for each refusal, and again once an experiment has had its
// turn and the server refuses anew.
func TestServerTellsTeacherBusy(t *testing.T) {
	var log strings.Builder
	s := &Server{Initial: Request{Scenario: "classroom"}, Limits: DefaultLimits(), Timeout: time.Minute, Slots: 1, Queue: 1, Log: &log}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	const want = "borderwork serve: busy: 1 experiment running and 1 waiting, the most this server takes; pages that ask now are told to try again in a moment\n"
	run := `{"scenario":"classroom","reps":1,"days":10}`
	for round := 1; round <= 2; round++ {
		busy, err := s.queue.acquire(context.Background(), 1, nil) // an experiment that is running
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.Post(ts.URL+"/api/run", "application/json", strings.NewReader(run))
		if err != nil {
			t.Fatal(err)
		}
		r := bufio.NewReader(resp.Body)
		// Once round 1's waiting run has finished, the server guesses the
		// wait: the held experiment's work of 1 is done by now.
		told := map[int]string{1: `{"waiting":1}`, 2: `{"waiting":1,"wait":0}`}[round]
		if first, err := r.ReadBytes('\n'); err != nil || string(first) != told+"\n" {
			busy(false)
			t.Fatalf("round %d: the waiting run's first line: %q, %v; want %s", round, first, err, told)
		}
		for range 3 {
			if resp, body := post(t, ts.URL+"/api/run", run); resp.StatusCode != 503 {
				t.Fatalf("round %d: a run with the queue full: %d %q; want 503", round, resp.StatusCode, body)
			}
		}
		if got := log.String(); got != strings.Repeat(want, round) {
			t.Errorf("after round %d of refusals the teacher's terminal says %q; want %q", round, got, strings.Repeat(want, round))
		}
		busy(false) // the waiting run gets its turn and finishes
		io.Copy(io.Discard, r)
		resp.Body.Close()
	}
}

// TestServerWaitingHoldsLittle: a run waiting for its turn holds only its
// request, not its prepared experiment (for a pasted scenario of 2,000
// places some 8 MB, so that 64 waiting took a server to 560 MB); it is
// prepared again when its turn comes, and its results are byte for byte
// those of the same request run without waiting.
func TestServerWaitingHoldsLittle(t *testing.T) {
	raw, err := scenarios.Bundled("classroom")
	if err != nil {
		t.Fatal(err)
	}
	pasted, _ := json.Marshal(Request{Text: string(raw), File: "mine.toml", Days: ptr(10), Reps: ptr(2)})
	held := make(chan *checked, 8)
	testHookWaiting = func(e *checked) { held <- e }
	defer func() { testHookWaiting = nil }()
	for _, tc := range []struct{ name, body string }{
		{"bundled", `{"scenario":"classroom","reps":2,"days":10,"sets":["abuse.queue_effect=2"]}`},
		{"pasted", string(pasted)},
	} {
		s := &Server{Initial: Request{Scenario: "classroom"}, Limits: DefaultLimits(), Timeout: time.Minute, Slots: 1}
		ts := httptest.NewServer(s.Handler())
		// The same request with the slot free: what the waiting one must
		// end with.
		_, alone := post(t, ts.URL+"/api/run", tc.body)
		busy, err := s.queue.acquire(context.Background(), 1, nil) // an experiment that is running
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.Post(ts.URL+"/api/run", "application/json", strings.NewReader(tc.body))
		if err != nil {
			t.Fatal(err)
		}
		r := bufio.NewReader(resp.Body)
		// The run before it (alone) has finished: the wait is guessed too.
		if first, err := r.ReadBytes('\n'); err != nil || !strings.HasPrefix(string(first), `{"waiting":1,"wait":`) {
			busy(false)
			t.Fatalf("%s: the waiting run's first line: %q, %v", tc.name, first, err)
		}
		if e := <-held; e != nil {
			t.Errorf("%s: a run waiting its turn holds its prepared experiment (%d runs); want only its request", tc.name, e.x.NRuns())
		}
		busy(false)
		waited, _ := io.ReadAll(r)
		resp.Body.Close()
		ts.Close()
		final := func(stream string) string {
			ls := strings.Split(strings.TrimSpace(stream), "\n")
			return ls[len(ls)-1]
		}
		if !strings.Contains(final(alone), `"final":true`) || final(string(waited)) != final(alone) {
			t.Errorf("%s: after waiting its turn the run ended with\n%.300s\nwant, as without waiting,\n%.300s", tc.name, final(string(waited)), final(alone))
		}
	}
}

// TestExperimentsBesideHandler: Experiments may be asked (by a Ctrl-C
// handler, or a library's monitor) while another goroutine makes the
// Handler. Before, it read the queue Handler makes without the once
// that makes it: go test -race flags this test without the fix.
func TestExperimentsBesideHandler(t *testing.T) {
	s := &Server{Initial: Request{Scenario: "classroom"}, Limits: DefaultLimits()}
	made := make(chan struct{})
	go func() {
		s.Handler()
		close(made)
	}()
	if n := s.Experiments(); n != 0 {
		t.Errorf("Experiments() = %d before any request; want 0", n)
	}
	<-made
	if n := s.Experiments(); n != 0 {
		t.Errorf("Experiments() = %d with no request; want 0", n)
	}
}

// TestServerDroppedPagesLeaveNothing: pages that go away mid-run, while
// waiting for their turn, or before their body is sent, leave no
// goroutine behind once their experiments have noticed: a lesson's worth
// of students closing tabs must not pile up work on the teacher's laptop.
func TestServerDroppedPagesLeaveNothing(t *testing.T) {
	// Experiments far longer than the test (minutes): one runs, the
	// others wait, until their pages go.
	limits := DefaultLimits()
	limits.MaxWork = 1e12
	s := &Server{Initial: Request{Scenario: "classroom"}, Limits: limits, Timeout: 10 * time.Minute, Slots: 1, Queue: 8, Workers: 2}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	client := &http.Client{Transport: &http.Transport{}}
	before := runtime.NumGoroutine()

	var wg sync.WaitGroup
	for i := range 4 {
		ctx, cancel := context.WithCancel(context.Background())
		req, err := http.NewRequestWithContext(ctx, "POST", ts.URL+"/api/run", strings.NewReader(`{"scenario":"classroom","reps":200,"days":3650}`))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer cancel()
			resp, err := client.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			defer resp.Body.Close()
			// The first runs going, or the first told it waits: then
			// the page goes away.
			first, err := bufio.NewReader(resp.Body).ReadBytes('\n')
			if err != nil || !strings.Contains(string(first), `{"runs"`) && !strings.Contains(string(first), `{"waiting"`) {
				t.Errorf("page %d: first line %q, %v", i, first, err)
			}
		}()
	}
	// A page gone before its body was all sent.
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(conn, "POST /api/run HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"scenario\":")
	wg.Wait()
	conn.Close()
	client.CloseIdleConnections()

	// A guard against hanging, not a measure: the experiments stop
	// within a day of the engine.
	for deadline := time.Now().Add(30 * time.Second); s.Experiments() > 0 || runtime.NumGoroutine() > before; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("pages gone, the server still holds %d experiments and %d goroutines (%d before):\n%s",
				s.Experiments(), runtime.NumGoroutine(), before, buf[:runtime.Stack(buf, true)])
		}
	}
}

// TestServerTimeoutShared: the time an experiment may take is its share
// of the server: run beside another experiment, it gets twice the wall
// clock it would get alone (under a class's load, runs the page accepts
// ran out of a plain wall-clock limit), and is then stopped, saying how
// far it got.
func TestServerTimeoutShared(t *testing.T) {
	limits := DefaultLimits()
	limits.MaxWork = 1e12
	s := &Server{Initial: Request{Scenario: "classroom"}, Limits: limits, Timeout: time.Second, Slots: 2, Workers: 1}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	other, err := s.queue.acquire(context.Background(), 1, nil) // an experiment running beside it
	if err != nil {
		t.Fatal(err)
	}
	defer other(false)
	start := time.Now()
	// Some 25 s of runs alone: far more than either limit.
	resp, body := post(t, ts.URL+"/api/run", `{"scenario":"classroom","reps":200,"days":1000}`)
	took := time.Since(start)
	ms := lines(t, strings.NewReader(body))
	if resp.StatusCode != 200 || len(ms) == 0 || len(ms[len(ms)-1].Error) == 0 {
		t.Fatalf("a long experiment beside another: %d, %.300q; want it stopped with a message", resp.StatusCode, body)
	}
	if msg := ms[len(ms)-1].Error[0]; !strings.HasPrefix(msg, "the experiment took longer than this server allows (1 second) and stopped after ") || !strings.Contains(msg, " of 800 runs; the server may be busy") {
		t.Errorf("a long experiment stopped for time says %q; want how far it got", msg)
	}
	if took < 1800*time.Millisecond || took > 10*time.Second {
		t.Errorf("a 1-second limit beside another experiment stopped the experiment after %v; want about 2 s", took)
	}
}

// TestPlottedFigures: a chart's values are sent to 7 significant figures,
// but at least to a tenth, NaN as null; the bar charts' values in full.
func TestPlottedFigures(t *testing.T) {
	b, err := json.Marshal(Band{Regime: "open", Mean: plotted{1.7675509099164874, 123456.74, 12345678.44, 0}, Lo: plotted{math.NaN()}, Hi: plotted{99.94999999}})
	if err != nil {
		t.Fatal(err)
	}
	// At a million or more, to a tenth: the table shows whole numbers.
	if want := `{"regime":"open","mean":[1.767551,123456.7,12345678.4,0],"lo":[null],"hi":[99.95]}`; string(b) != want {
		t.Errorf("a band is sent as %s; want %s", b, want)
	}
	if b, _ := json.Marshal(nums{1.7675509099164874}); string(b) != "[1.7675509099164874]" {
		t.Errorf("a bar's value is sent as %s; want it in full", b)
	}
}
