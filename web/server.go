//go:build !(js && wasm)

// The server is not built into the engine a static build runs in the
// browser, where net/http would only add to the download.

package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// Server is the page's HTTP server: the page, and an API that runs
// experiments. It reads nothing from disk and writes nothing: the page is
// embedded, scenarios are bundled or sent with the request.
type Server struct {
	Initial Request // the scenario the page opens with
	Limits  Limits
	// Timeout bounds one experiment.
	Timeout time.Duration
	// Slots bounds the experiments running at once; more wait their
	// turn (up to Timeout).
	Slots int
	// Workers run each experiment's runs; results do not depend on it.
	Workers int

	once  sync.Once
	slots chan struct{}
}

// maxBody bounds a request body: a scenario file and its overrides.
func (s *Server) maxBody() int64 { return int64(s.Limits.MaxText) + 64<<10 }

// Handler serves the page at / and its API under /api/.
func (s *Server) Handler() http.Handler {
	s.once.Do(func() { s.slots = make(chan struct{}, max(1, s.Slots)) })
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.index)
	mux.Handle("GET /", http.FileServerFS(Assets()))
	mux.HandleFunc("GET /api/info", s.info)
	mux.HandleFunc("POST /api/outline", s.outline)
	mux.HandleFunc("POST /api/run", s.run)
	return securityHeaders(mux)
}

// securityHeaders keep the page from being framed or sniffed, and from
// loading anything but its own files.
func securityHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("X-Frame-Options", "DENY")
		w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:")
		h.ServeHTTP(w, r)
	})
}

func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	b, err := IndexHTML(BackendServer)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(b)
}

func (s *Server) info(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, NewInfo(s.Initial, s.Limits))
}

// readRequest decodes a request body, bounded in size.
func (s *Server) readRequest(w http.ResponseWriter, r *http.Request) (Request, bool) {
	var req Request
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, s.maxBody()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		msg := "the page's request could not be read: " + err.Error()
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			msg = "the request is too large: the page reads scenario files of at most " + strconv.Itoa(s.Limits.MaxText>>10) + " KiB"
		}
		writeJSON(w, http.StatusBadRequest, Message{Error: []string{msg}})
		return req, false
	}
	return req, true
}

func (s *Server) outline(w http.ResponseWriter, r *http.Request) {
	req, ok := s.readRequest(w, r)
	if !ok {
		return
	}
	o, err := Describe(req, s.Limits)
	if err != nil {
		writeJSON(w, http.StatusUnprocessableEntity, Message{Error: ErrorLines(err)})
		return
	}
	writeJSON(w, http.StatusOK, o)
}

// run streams an experiment as JSON lines (Message): runs done, snapshots
// of results, and the final results or the problem.
func (s *Server) run(w http.ResponseWriter, r *http.Request) {
	req, ok := s.readRequest(w, r)
	if !ok {
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.Timeout)
	defer cancel()
	select {
	case s.slots <- struct{}{}:
		defer func() { <-s.slots }()
	case <-ctx.Done():
		writeJSON(w, http.StatusServiceUnavailable, Message{Error: []string{"the server is busy with other experiments; try again in a moment"}})
		return
	}
	w.Header().Set("Content-Type", "application/x-ndjson")
	w.Header().Set("Cache-Control", "no-store")
	enc := json.NewEncoder(w)
	flusher, _ := w.(http.Flusher)
	send := func(m Message) error {
		if err := enc.Encode(m); err != nil {
			return err
		}
		if flusher != nil {
			flusher.Flush()
		}
		return nil
	}
	lastRuns := time.Time{}
	_, err := Run(ctx, req, s.Limits, max(1, s.Workers), Progress{
		Runs: func(done, total int) {
			// Progress ticks are for people: a few a second is enough.
			// The wall clock only thins them; it reaches no result.
			if now := time.Now(); now.Sub(lastRuns) > 50*time.Millisecond || done == total {
				lastRuns = now
				send(Message{Runs: &[2]int{done, total}})
			}
		},
		Results: func(res *Results) error { return send(Message{Results: res}) },
	})
	if err != nil {
		if ctx.Err() != nil && r.Context().Err() == nil {
			err = errors.New("the experiment took longer than this server allows; use fewer replicates or days, or the command line")
		}
		send(Message{Error: ErrorLines(err)})
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
