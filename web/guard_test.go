//go:build !(js && wasm)

package web

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestServerPerClient: an address with PerClient experiments running or
// waiting has another refused, and the log told once; another address is
// not, and an experiment that ends frees its place. One computer once
// queued 66 experiments and turned the class away for hours.
func TestServerPerClient(t *testing.T) {
	var log bytes.Buffer
	s := &Server{Initial: Request{Scenario: "classroom"}, Limits: DefaultLimits(), Timeout: time.Minute, Slots: 1, PerClient: 2, Log: &log}
	from := func(addr string) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "/api/run", nil)
		r.RemoteAddr = addr
		return r
	}
	leave, ok := s.enter(from("10.0.0.1:4000"))
	if _, ok2 := s.enter(from("10.0.0.1:4001")); !ok || !ok2 {
		t.Fatal("an address's first two experiments were refused; want them let in")
	}
	if _, ok := s.enter(from("10.0.0.1:4002")); ok {
		t.Error("an address's third experiment, two running or waiting, was let in; want it refused")
	}
	if _, ok := s.enter(from("[fd00::1]:4000")); !ok {
		t.Error("another address's experiment was refused; want it let in")
	}
	leave()
	if _, ok := s.enter(from("10.0.0.1:4003")); !ok {
		t.Error("an address's experiment, one of its two ended, was refused; want it let in")
	}
	if _, ok := s.enter(from("10.0.0.1:4004")); ok {
		t.Error("an address's third experiment was let in; want it refused")
	}
	if n := strings.Count(log.String(), "--per-client"); n != 1 {
		t.Errorf("the log was told of refusals %d times; want once:\n%s", n, &log)
	}
}

// TestServerPerClientRefusesARun: over HTTP, a page whose computer has
// PerClient experiments running or waiting is answered 429, saying why,
// before its scenario is checked.
func TestServerPerClientRefusesARun(t *testing.T) {
	limits := DefaultLimits()
	limits.MaxWork = 1e12
	s := &Server{Initial: Request{Scenario: "classroom"}, Limits: limits, Timeout: 10 * time.Minute, Slots: 1, Workers: 1, PerClient: 1}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, ts.URL+"/api/run", strings.NewReader(`{"scenario":"classroom","reps":200,"days":3650}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if first, err := bufio.NewReader(resp.Body).ReadBytes('\n'); err != nil || !bytes.Contains(first, []byte(`{"runs"`)) {
		t.Fatalf("the first experiment: %q, %v; want it running", first, err)
	}
	second, body := post(t, ts.URL+"/api/run", `{"scenario":"classroom","reps":1,"days":10}`)
	if second.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "this computer has 1 experiment running or waiting on this server already") {
		t.Errorf("a second experiment from the same computer: %d %s; want 429 saying why", second.StatusCode, body)
	}
}

// TestServerLocalOnly: a server listening on loopback addresses only
// answers requests whose Host names this computer, so that a web page
// elsewhere cannot reach it through a name it points here (DNS
// rebinding) and read the teacher's scenario from /api/info; one
// listening for the network answers any Host.
func TestServerLocalOnly(t *testing.T) {
	for _, tt := range []struct {
		host      string
		localOnly bool
		want      int
	}{
		{"localhost:8080", true, http.StatusOK},
		{"127.0.0.1:8080", true, http.StatusOK},
		{"[::1]:8080", true, http.StatusOK},
		{"LOCALHOST.", true, http.StatusOK},
		{"page.localhost:8080", true, http.StatusOK},
		{"evil.example:8080", true, http.StatusForbidden},
		{"192.168.1.20:8080", true, http.StatusForbidden},
		{"localhost.evil.example", true, http.StatusForbidden},
		{"evil.example:8080", false, http.StatusOK},
	} {
		s := &Server{Initial: Request{Scenario: "classroom"}, Limits: DefaultLimits(), Timeout: time.Minute, Slots: 1, LocalOnly: tt.localOnly}
		for _, path := range []string{"/api/info", "/"} {
			r := httptest.NewRequest(http.MethodGet, path, nil)
			r.Host = tt.host
			w := httptest.NewRecorder()
			s.Handler().ServeHTTP(w, r)
			if w.Code != tt.want {
				t.Errorf("GET %s with Host %q, local only %v: %d; want %d", path, tt.host, tt.localOnly, w.Code, tt.want)
			}
		}
	}
}

// TestServerWantsJSON: a request to the API is read only if sent as
// JSON, as the page sends it: a web page elsewhere can make a browser
// send a form or text/plain here unasked, but not application/json.
func TestServerWantsJSON(t *testing.T) {
	ts := newTestServer(t)
	for _, tt := range []struct {
		contentType string
		want        int
	}{
		{"application/json", http.StatusOK},
		{"application/json; charset=utf-8", http.StatusOK},
		{"", http.StatusUnsupportedMediaType},
		{"text/plain", http.StatusUnsupportedMediaType},
		{"application/x-www-form-urlencoded", http.StatusUnsupportedMediaType},
		{"multipart/form-data; boundary=x", http.StatusUnsupportedMediaType},
	} {
		req, err := http.NewRequest(http.MethodPost, ts.URL+"/api/outline", strings.NewReader(`{"scenario":"classroom"}`))
		if err != nil {
			t.Fatal(err)
		}
		if tt.contentType != "" {
			req.Header.Set("Content-Type", tt.contentType)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var m Message
		json.NewDecoder(resp.Body).Decode(&m)
		resp.Body.Close()
		if resp.StatusCode != tt.want || (tt.want != http.StatusOK && !strings.Contains(strings.Join(m.Error, " "), "Content-Type: application/json")) {
			t.Errorf("POST /api/outline as %q: %d %q; want %d", tt.contentType, resp.StatusCode, m.Error, tt.want)
		}
	}
}

// TestServerChecksLargeOverridesInTurn: a bundled scenario with
// overrides of more than smallSets bytes (one can replace a whole list of
// locations) waits its turn to be checked, as a pasted scenario does: 20
// such requests at once took a server to 578 MB, against 94 MB pasted.
// A few small overrides do not wait.
func TestServerChecksLargeOverridesInTurn(t *testing.T) {
	h := holdChecks(t)
	pasted := pastedClassroom(t, nil, nil)
	h.paste("/api/outline", pasted)
	h.paste("/api/outline", pasted)
	<-h.entered
	<-h.entered // both turns taken
	small, _ := json.Marshal(Request{Scenario: "classroom", Sets: []string{"abuse.queue_effect=2", "posts.Post.capacity=12"}})
	if resp, body := post(t, h.url+"/api/outline", string(small)); resp.StatusCode != http.StatusOK {
		t.Errorf("a bundled scenario with small overrides, while pasted ones are checked: %d %s; want 200 at once", resp.StatusCode, body)
	}
	large, _ := json.Marshal(Request{Scenario: "classroom", Sets: []string{"abuse.queue_effect=2" + strings.Repeat(" ", smallSets)}})
	h.paste("/api/outline", large)
	statuses := 3
	select {
	case <-h.waits:
	case <-h.statuses: // the pasted ones hold their turns: it is the large one's
		t.Error("a bundled scenario with large overrides was checked while two pasted ones were; want it to wait its turn")
		statuses--
	}
	h.ends()
	for range statuses {
		if st := <-h.statuses; st != http.StatusOK {
			t.Errorf("a request that waited its turn to be checked: status %d; want 200", st)
		}
	}
}
