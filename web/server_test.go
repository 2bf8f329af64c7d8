//go:build !(js && wasm)

package web

import (
	"bufio"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"
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

// TestServerBadInput: bad requests get the problem's lines, and oversized
// or malformed bodies are refused.
func TestServerBadInput(t *testing.T) {
	ts := newTestServer(t)
	tests := []struct {
		path, body string
		status     int
		want       string
	}{
		{"/api/outline", `{"text":"days = = 3","file":"my.toml"}`, 422, "my.toml:1:"},
		{"/api/outline", `{"scenario":"classroom","sets":["nonsense"]}`, 422, "want KEY=VALUE"},
		{"/api/outline", `{"scenario":"classroom","surprise":1}`, 400, "unknown field"},
		{"/api/outline", `{"text":"` + strings.Repeat("x", 400<<10) + `"}`, 400, "too large"},
		{"/api/run", `{"scenario":"classroom","reps":5000}`, 200, "--reps must be in 1..200"},
	}
	for _, tt := range tests {
		resp, body := post(t, ts.URL+tt.path, tt.body)
		if resp.StatusCode != tt.status || !strings.Contains(body, tt.want) {
			t.Errorf("POST %s %.40q: %d %q; want %d containing %q", tt.path, tt.body, resp.StatusCode, body, tt.status, tt.want)
		}
	}
	if resp, _ := http.Get(ts.URL + "/api/run"); resp.StatusCode == http.StatusOK {
		t.Errorf("GET /api/run: %d; want it refused", resp.StatusCode)
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
