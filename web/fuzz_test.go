package web

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// FuzzRequest: a request body of any content, sent to the page's
// outline, is answered with 200 and an outline, or with a 4xx status
// and a JSON message saying what is wrong; never a panic or a 5xx. What
// reads as a request is also checked as a run would check it (check,
// which prepares but does not run). Seeds are the bodies of
// TestServerBadInput's kind and any kept in testdata/fuzz/FuzzRequest.
func FuzzRequest(f *testing.F) {
	for _, s := range []string{
		`{"scenario":"classroom"}`,
		`{"text":"days = = 3","file":"my.toml"}`,
		`{"scenario":"classroom","sets":["days=5","regimes.malfunctioning.outage_days=30"],"seed":3,"days":20,"reps":2,"regimes":["open","hbm"],"series":["trapped"]}`,
		`{"scenario":"classroom","Scenario":"agadez"}`,
		`{"scenario":"classroom","days":5,"days":7}`,
		`{"scenario":"classroom"} {"scenario":"agadez"}`,
		`{"scenario":"classroom","seed":1.5}`,
		`{"text":"title = \"t\"\ndays = 10\n[[origins]]\nname=\"A\"\ninflow_csv=\"x.csv\"\n"}`,
		`[1,2]`, `null`, ``,
	} {
		f.Add([]byte(s))
	}
	if text, err := json.Marshal(Request{Text: "days = 40\n", File: "a.toml"}); err == nil {
		f.Add(text)
	}
	s := &Server{Initial: Request{Scenario: "classroom"}, Limits: DefaultLimits(), Timeout: time.Minute, Slots: 1}
	h := s.Handler()
	f.Fuzz(func(t *testing.T, body []byte) {
		w := httptest.NewRecorder()
		r := httptest.NewRequest(http.MethodPost, "/api/outline", strings.NewReader(string(body)))
		r.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(w, r)
		switch {
		case w.Code == http.StatusOK:
		case w.Code >= 400 && w.Code < 500:
			var m Message
			if err := json.Unmarshal(w.Body.Bytes(), &m); err != nil || len(m.Error) == 0 {
				t.Fatalf("status %d with body %q: no message", w.Code, w.Body)
			}
		default:
			t.Fatalf("status %d, body %q", w.Code, w.Body)
		}
		var req Request
		if json.Unmarshal(body, &req) == nil {
			check(req, s.Limits) // must not panic
		}
	})
}
