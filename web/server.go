//go:build !(js && wasm)

// The server is not built into the engine a static build runs in the
// browser, where net/http would only add to the download.

package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net"
	"net/http"
	"os"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/sim"
)

// Server is the page's HTTP server: the page, and an API that runs
// experiments. It reads nothing from disk and writes nothing: the page is
// embedded, scenarios are bundled or sent with the request.
type Server struct {
	Initial Request // the scenario the page opens with
	Limits  Limits
	// Timeout bounds one experiment's share of the server, from the
	// start of its runs: the wall clock, divided while it runs by the
	// experiments running at once (see budget), so at most Slots ×
	// Timeout of the wall clock. The time it waits for its turn is not
	// counted.
	Timeout time.Duration
	// Slots bounds the experiments running at once; more wait their
	// turn, in the order they came, told how many are ahead.
	Slots int
	// Queue bounds the experiments waiting for a slot; more are refused
	// as busy. 0: no bound.
	Queue int
	// Workers run each experiment's runs; results do not depend on it.
	Workers int
	// PerClient bounds the experiments one client address may have
	// running or waiting at once; more are refused (429), so that one
	// computer cannot fill the queue and turn the class away for hours.
	// 0: no bound (students reaching the server through one address, a
	// proxy's, share it).
	PerClient int
	// LocalOnly is set when the server listens on loopback addresses
	// only: a request whose Host names another host is refused (403), so
	// that a web page elsewhere cannot reach the server through a name
	// it points at this computer (DNS rebinding) and read the teacher's
	// scenario from /api/info.
	LocalOnly bool
	// Stall bounds how long one write to the page may wait for the page
	// to read (a closed laptop, a frozen tab), in any answer: past it
	// the connection is closed, and an experiment stops and frees its
	// slot for the others. It also bounds how long a request's body may
	// take to arrive. 0: DefaultStall.
	Stall time.Duration

	// Log, if set, is told in one line when the server starts refusing
	// experiments as busy, and not again until one has got its turn:
	// students are told to try again, and the teacher sees why. It
	// names no page or student.
	Log io.Writer

	once  sync.Once
	queue *queue
	mu    sync.Mutex
	busy  bool // refusing as busy, and Log told so
	// clients counts each client address's experiments running or
	// waiting (PerClient); toldPerClient, whether Log was told of a
	// refusal for it.
	clients       map[string]int
	toldPerClient bool
	// checking holds a token for each pasted scenario being read and
	// checked, checkWaiting counts those waiting for one: see checkTurn.
	checking     chan struct{}
	checkWaiting atomic.Int32
}

// maxChecksWaiting bounds the pasted scenarios waiting to be checked, as
// maxWaiting bounds the experiments waiting to run: each holds its text,
// up to 256 KiB, and waits behind the few checked at once; more are
// refused as busy, at once, rather than left waiting minutes.
var maxChecksWaiting int32 = 64

// errChecksFull refuses a pasted scenario when too many wait already.
var errChecksFull = errors.New("too many pasted scenarios are waiting to be checked")

// Test hooks: checkWaits is called when a pasted scenario waits for its
// turn to be checked, checked while it holds that turn.
var testHookCheckWaits, testHookChecked func()

// testHookWaiting is called each time a run waiting for its turn is told
// how many are ahead, with the prepared experiment it holds meanwhile.
var testHookWaiting func(held *checked)

// DefaultStall is how long a write to the page may wait for it to read,
// unless Server.Stall says otherwise.
const DefaultStall = 30 * time.Second

// stallChunk is the most written under one write deadline: a slow
// network moves this much well within the deadline, so a large message
// is not cut off while the page is still reading.
const stallChunk = 32 << 10

// stall is Stall, or DefaultStall.
func (s *Server) stall() time.Duration {
	if s.Stall <= 0 {
		return DefaultStall
	}
	return s.Stall
}

// maxBody bounds a request body: a scenario file and its overrides.
func (s *Server) maxBody() int64 { return int64(s.Limits.MaxText) + 64<<10 }

// Handler serves the page at / and its API under /api/.
func (s *Server) Handler() http.Handler {
	s.init()
	// The API has a mux of its own so that a path of it asked for with
	// the wrong method is answered 405, with Allow, and not looked for
	// among the page's files.
	api := http.NewServeMux()
	api.HandleFunc("GET /api/info", s.info)
	api.HandleFunc("POST /api/outline", s.outline)
	api.HandleFunc("POST /api/run", s.run)
	page := http.NewServeMux()
	page.HandleFunc("GET /{$}", s.index)
	page.Handle("GET /", http.FileServerFS(Assets()))
	return securityHeaders(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := s.stalling(w)
		defer sw.ended()
		w = sw
		if s.LocalOnly && !loopbackHost(r.Host) {
			http.Error(w, "this server answers only pages opened at localhost or 127.0.0.1", http.StatusForbidden)
			return
		}
		if strings.HasPrefix(r.URL.Path, "/api/") {
			api.ServeHTTP(w, r)
			return
		}
		page.ServeHTTP(w, r)
	}))
}

// init makes the queue and the turns to check pasted scenarios, once,
// from the fields as they are then.
func (s *Server) init() {
	s.once.Do(func() {
		s.queue = &queue{slots: max(1, s.Slots), limit: s.Queue}
		s.checking = make(chan struct{}, max(2, s.Slots))
	})
}

// loopbackHost reports whether the Host header host (with or without a
// port) names this computer by a loopback name or address.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if ip := net.ParseIP(host); ip != nil {
		return ip.IsLoopback()
	}
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	return host == "localhost" || strings.HasSuffix(host, ".localhost")
}

// enter counts an experiment of r's client address, and returns the
// function that uncounts it; false, and nothing counted, if the address
// has PerClient already.
func (s *Server) enter(r *http.Request) (leave func(), ok bool) {
	if s.PerClient <= 0 {
		return func() {}, true
	}
	client, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		client = r.RemoteAddr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.clients[client] >= s.PerClient {
		if !s.toldPerClient && s.Log != nil {
			s.toldPerClient = true
			fmt.Fprintf(s.Log, "borderwork serve: refused an experiment from a computer that has %s running or waiting already, the most one may; if students reach this server through one address (a proxy's, or a school network's), give --per-client a larger number, or 0\n",
				words.Count(s.PerClient, "experiment"))
		}
		return nil, false
	}
	if s.clients == nil {
		s.clients = map[string]int{}
	}
	s.clients[client]++
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.clients[client]--; s.clients[client] == 0 {
			delete(s.clients, client)
		}
	}, true
}

// Experiments is how many experiments run or wait for their turn. It may
// be called from any goroutine, also while another makes the Handler;
// like Handler, it fixes Slots and Queue as they are at its first call.
func (s *Server) Experiments() int {
	// Through init, not a look at s.queue: a queue made by Handler on
	// another goroutine is not safely seen without the once (go test
	// -race flagged it).
	s.init()
	return s.queue.size()
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

// pageFields are the page's names for the request's fields, for messages
// about a value JSON cannot hold in them.
var pageFields = map[string]string{
	"seed": "Seed", "days": "Days", "reps": "Replicates",
	"regimes": "Regimes", "sets": "the overrides", "series": "the series",
	"scenario": "the scenario", "text": "the scenario file", "file": "the file name",
}

// readRequest decodes a request body, bounded in size, and answers a
// body that is not one request with the status that says why.
func (s *Server) readRequest(w http.ResponseWriter, r *http.Request) (Request, bool) {
	var req Request
	// JSON, as the page sends it: a web page elsewhere can send a form
	// or text/plain to this server unasked, but not application/json,
	// which a browser sends across sites only if the server allows it.
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		writeJSON(w, http.StatusUnsupportedMediaType, Message{Error: []string{"the request must be JSON, sent with Content-Type: application/json"}})
		return req, false
	}
	// A body that does not come (a phone gone out of range mid-send, or
	// a client that sends a few bytes and then nothing) would hold its
	// connection and goroutine for ever: http.Server bounds only the
	// headers, and a ReadTimeout there would also cancel a run's stream
	// once it passed. So the body gets as long as a stalled page does,
	// and no longer.
	stall := s.stall()
	rc := http.NewResponseController(w)
	rc.SetReadDeadline(time.Now().Add(stall))
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.maxBody()))
	if err == nil {
		rc.SetReadDeadline(time.Time{}) // a run's stream may take minutes
	} else {
		// The rest of the body is not waited for: the connection closes
		// after the answer.
		w.Header().Set("Connection", "close")
	}
	if err == nil {
		err = exactKeys(body)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err == nil {
		err = dec.Decode(&req)
	}
	if err == nil {
		if _, after := dec.Token(); after != io.EOF {
			err = errors.New("there is more after the request's JSON object")
			if after != nil && !isSyntax(after) {
				err = after
			}
		}
	}
	if err == nil {
		return req, true
	}
	status, msg := http.StatusBadRequest, "the page's request could not be read: "+err.Error()
	var tooBig *http.MaxBytesError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooBig):
		status = http.StatusRequestEntityTooLarge
		msg = fmt.Sprintf("the request is too large: the page takes at most %d KiB, a scenario file of at most %d KiB and its settings",
			s.maxBody()>>10, s.Limits.MaxText>>10)
	case errors.Is(err, os.ErrDeadlineExceeded):
		status = http.StatusRequestTimeout
		msg = fmt.Sprintf("the request did not arrive within %v; check the network, then try again", stall)
	case errors.As(err, &typ) && typ.Field == "seed":
		msg = fmt.Sprintf("Seed must be a whole number from 0 to %d", int64(math.MaxInt64))
	case errors.As(err, &typ) && typ.Field == "days":
		msg = fmt.Sprintf("Days must be a whole number from 1 to %d on this page", min(sim.MaxDays, s.Limits.MaxDays))
	case errors.As(err, &typ) && typ.Field == "reps":
		msg = fmt.Sprintf("Replicates must be a whole number from 1 to %d on this page", s.Limits.MaxReps)
	case errors.As(err, &typ) && pageFields[typ.Field] != "":
		msg = fmt.Sprintf("the page's request could not be read: %s cannot be a JSON %s", pageFields[typ.Field], typ.Value)
	}
	writeJSON(w, status, Message{Error: []string{msg}})
	return req, false
}

// requestKeys are the names of Request's fields in JSON.
var requestKeys = func() []string {
	var keys []string
	t := reflect.TypeFor[Request]()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		keys = append(keys, name)
	}
	return keys
}()

// exactKeys refuses a request object whose keys are not Request's as
// spelt ("Scenario") or that gives one twice: encoding/json takes either
// silently, a key in any case and the last of two, so that
// {"scenario":"classroom","Scenario":"agadez"} ran agadez. Anything else
// is left to the decoder to say.
func exactKeys(body []byte) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	var seen []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil
		}
		key, _ := t.(string)
		switch {
		case slices.Contains(seen, key):
			return fmt.Errorf("%q is given twice", key)
		case !slices.Contains(requestKeys, key):
			if i := slices.IndexFunc(requestKeys, func(k string) bool { return strings.EqualFold(k, key) }); i >= 0 {
				return fmt.Errorf("unknown field %q; did you mean %q?", key, requestKeys[i])
			}
			// The decoder refuses it as unknown; stopping here also keeps
			// seen to Request's few keys, however many a body sends.
			return nil
		}
		seen = append(seen, key)
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil
		}
	}
	return nil
}

// isSyntax is true of a JSON syntax error, which Token returns for any
// text after the object that is not JSON.
func isSyntax(err error) bool {
	var syn *json.SyntaxError
	return errors.As(err, &syn)
}

// checkTurn waits for a turn to read and check req's scenario, if it is
// pasted, and returns the function that ends the turn. Reading a pasted
// scenario of a few thousand places takes a second and some 30 MB, and
// both the page's outline and a run do it before any queue: 40 such
// requests at once took a laptop's server to 1.2 GB and a classmate's
// run from 0.2 to 7 seconds, and a few hundred could exhaust its memory.
// So at most max(2, Slots) are read at once; the rest wait, in the order
// they came (a channel's senders are served so), until the page goes
// away, and past maxChecksWaiting are refused with errChecksFull. A
// bundled scenario, small and known, with a few overrides, does not
// wait: students on the bundled scenarios are not held up by one who
// pastes a huge one. Overrides of more than smallSets bytes wait as a
// pasted scenario does: one can replace a whole list (locations =
// [...]), and 20 such requests at once took a server to 578 MB.
func (s *Server) checkTurn(ctx context.Context, req Request) (func(), error) {
	if req.Text == "" && setBytes(req.Sets) <= smallSets {
		return func() {}, nil
	}
	select {
	case s.checking <- struct{}{}:
	default:
		if s.checkWaiting.Add(1) > maxChecksWaiting {
			s.checkWaiting.Add(-1)
			return nil, errChecksFull
		}
		defer s.checkWaiting.Add(-1)
		if testHookCheckWaits != nil {
			testHookCheckWaits()
		}
		select {
		case s.checking <- struct{}{}:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if testHookChecked != nil {
		testHookChecked()
	}
	return func() { <-s.checking }, nil
}

// smallSets is the most bytes of overrides a request may send without
// waiting its turn to be checked (checkTurn): far more than the page's
// sliders and a few typed overrides.
const smallSets = 4 << 10

func setBytes(sets []string) int {
	n := 0
	for _, set := range sets {
		n += len(set)
	}
	return n
}

// checksFull answers a pasted scenario refused by checkTurn as busy
// (503), as a run refused by the queue is answered; for a page gone
// away it writes nothing.
func (s *Server) checksFull(w http.ResponseWriter, err error) {
	if errors.Is(err, errChecksFull) {
		writeJSON(w, http.StatusServiceUnavailable, Message{Error: []string{"the server is busy checking other pasted scenarios; try again in a moment"}})
	}
}

func (s *Server) outline(w http.ResponseWriter, r *http.Request) {
	req, ok := s.readRequest(w, r)
	if !ok {
		return
	}
	done, err := s.checkTurn(r.Context(), req)
	if err != nil {
		s.checksFull(w, err) // or the page went away while waiting
		return
	}
	o, err := Describe(req, s.Limits)
	done()
	if err != nil {
		writeJSON(w, http.StatusUnprocessableEntity, Message{Error: ErrorLines(err)})
		return
	}
	writeJSON(w, http.StatusOK, o)
}

// run streams an experiment as JSON lines (Message): while it waits for
// its turn, how many are ahead; then runs done, snapshots of results,
// and the final results or the problem. Bad input is answered at once,
// with a 4xx status, before anything waits or streams.
func (s *Server) run(w http.ResponseWriter, r *http.Request) {
	req, ok := s.readRequest(w, r)
	if !ok {
		return
	}
	leave, ok := s.enter(r)
	if !ok {
		writeJSON(w, http.StatusTooManyRequests, Message{Error: []string{fmt.Sprintf("this computer has %s running or waiting on this server already, the most one may; wait for one to finish, then run again",
			words.Count(s.PerClient, "experiment"))}})
		return
	}
	defer leave()
	done, err := s.checkTurn(r.Context(), req)
	if err != nil {
		s.checksFull(w, err) // or the page went away while waiting
		return
	}
	e, err := check(req, s.Limits)
	done()
	if err != nil {
		writeJSON(w, http.StatusUnprocessableEntity, Message{Error: ErrorLines(err)})
		return
	}
	// A page that stops reading must not hold its slot: every write has
	// a deadline, and a write that misses it stops the experiment.
	stall := s.stall()
	rc := http.NewResponseController(w)
	defer rc.SetWriteDeadline(time.Time{}) // the connection may serve another request
	live, gone := context.WithCancelCause(r.Context())
	defer gone(nil)
	// A run streams some 1.3 MB of JSON (twenty snapshots of the
	// results), a class's thirty runs 40 MB over a school's wireless:
	// compressed when the browser takes it, as every browser does, to a
	// sixth of that. Each message is flushed whole, so that the page can
	// read it as it comes.
	var out io.Writer = &deadlineWriter{w: w, rc: rc, stall: stall}
	var gz *gzip.Writer
	streaming := false
	if acceptsGzip(r) {
		gz, _ = gzip.NewWriterLevel(out, gzip.BestSpeed) // the level is valid
		defer func() {
			if streaming { // else it would write its header unasked
				gz.Close()
			}
		}()
		out = gz
	}
	enc := json.NewEncoder(out)
	send := func(m Message) error {
		if live.Err() != nil {
			return context.Cause(live)
		}
		if !streaming {
			streaming = true
			w.Header().Set("Content-Type", "application/x-ndjson")
			w.Header().Set("Cache-Control", "no-store")
			w.Header().Add("Vary", "Accept-Encoding")
			if gz != nil {
				w.Header().Set("Content-Encoding", "gzip")
			}
			w.WriteHeader(http.StatusOK)
		}
		err := enc.Encode(m)
		if err == nil && gz != nil {
			err = gz.Flush()
		}
		if err == nil {
			rc.SetWriteDeadline(time.Now().Add(stall))
			err = rc.Flush()
		}
		if err != nil && !errors.Is(err, http.ErrNotSupported) {
			gone(err) // the page is not reading: stop, and free the slot
			return err
		}
		return nil
	}
	// A request that waits for its turn keeps only the request itself
	// (a pasted scenario's text: at most the body's limit), not the
	// prepared experiment, which for a pasted scenario of 2,000 places
	// is some 8 MB: 64 of them waiting held 560 MB. It is prepared again
	// when its turn comes; check depends only on the request and the
	// limits, so it is the same experiment, and cannot now fail.
	release, err := s.queue.acquire(live, e.work(), func(ahead int, eta time.Duration) {
		e = nil
		if testHookWaiting != nil {
			testHookWaiting(e)
		}
		m := Message{Waiting: &ahead}
		if eta >= 0 {
			secs := int(eta.Round(time.Second) / time.Second)
			m.Wait = &secs
		}
		send(m)
	})
	if errors.Is(err, errQueueFull) {
		s.refusing(true)
		writeJSON(w, http.StatusServiceUnavailable, Message{Error: []string{"the server is busy with other experiments; try again in a moment"}})
		return
	}
	if err != nil {
		return // the page went away while waiting
	}
	finished := false
	defer func() { release(finished) }()
	s.refusing(false)
	if e == nil {
		if e, err = check(req, s.Limits); err != nil {
			send(Message{Error: ErrorLines(err)}) // not expected: it passed before
			return
		}
	}
	ctx, cancel := context.WithCancel(live)
	defer cancel()
	go s.budget(ctx, cancel)
	lastRuns := time.Time{}
	ran, of := 0, e.x.NRuns()
	_, err = e.run(ctx, max(1, s.Workers), Progress{
		Runs: func(done, total int) {
			ran = done
			// Progress ticks are for people: a few a second is enough.
			// The wall clock only thins them; it reaches no result.
			if now := time.Now(); now.Sub(lastRuns) > 50*time.Millisecond || done == total {
				lastRuns = now
				send(Message{Runs: &[2]int{done, total}})
			}
		},
		Results: func(res *Results) error { return send(Message{Results: res}) },
	})
	finished = err == nil
	if err != nil && live.Err() == nil {
		if ctx.Err() != nil {
			// The runs done so far stay on the page, as partial results:
			// say how far it got, and that a busy server is slower. The
			// last count is sent too, or the page's (thinned above) and
			// the message's could differ.
			send(Message{Runs: &[2]int{ran, of}})
			err = fmt.Errorf("the experiment took longer than this server allows (%s) and stopped after %d of %d runs; the server may be busy: use fewer replicates or days, or the command line",
				spelledDuration(s.Timeout), ran, of)
		}
		send(Message{Error: ErrorLines(err)})
	}
}

// budget calls cancel once the experiment of ctx has had Timeout of the
// server: the wall clock, each tick divided by the experiments running
// then. Experiments running at once share the CPUs, and under a class's
// load runs the page accepts (200 replicates of south-sudan) ran out of
// a plain wall-clock limit. It returns when ctx ends.
func (s *Server) budget(ctx context.Context, cancel func()) {
	tick := max(time.Millisecond, min(time.Second, s.Timeout/20))
	t := time.NewTicker(tick)
	defer t.Stop()
	var used time.Duration
	last := time.Now()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			used += now.Sub(last) / time.Duration(max(1, s.queue.runs()))
			last = now
			if used >= s.Timeout {
				cancel()
				return
			}
		}
	}
}

// spelledDuration is d as a page says it: "2 minutes", "90 seconds".
func spelledDuration(d time.Duration) string {
	switch {
	case d >= time.Minute && d%time.Minute == 0:
		return words.Count(int(d/time.Minute), "minute")
	case d >= time.Second && d%time.Second == 0:
		return words.Count(int(d/time.Second), "second")
	}
	return d.String()
}

// refusing notes whether the server is refusing experiments as busy,
// and tells Log when it starts to.
func (s *Server) refusing(busy bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if busy && !s.busy && s.Log != nil {
		fmt.Fprintf(s.Log, "borderwork serve: busy: %s running and %d waiting, the most this server takes; pages that ask now are told to try again in a moment\n",
			words.Count(max(1, s.Slots), "experiment"), s.Queue)
	}
	s.busy = busy
}

// stalling bounds every write of the answer w writes, whatever the
// path, as run bounds its stream's: a client that asked for the page's
// script or a large outline and then read nothing held its connection
// and goroutine for ever, past the http.Server's IdleTimeout, since the
// answer was still being written. The deadline is set from the start
// too: a "100 Continue" is written before any of the answer.
func (s *Server) stalling(w http.ResponseWriter) *stallingWriter {
	stall := s.stall()
	rc := http.NewResponseController(w)
	rc.SetWriteDeadline(time.Now().Add(stall))
	return &stallingWriter{ResponseWriter: w, d: deadlineWriter{w: w, rc: rc, stall: stall}}
}

// stallingWriter is a ResponseWriter whose writes have deadlines
// (deadlineWriter). Unwrap lets a ResponseController reach the
// connection's (Flush, SetWriteDeadline).
type stallingWriter struct {
	http.ResponseWriter
	d deadlineWriter
}

func (s *stallingWriter) Write(p []byte) (int, error) { return s.d.Write(p) }

func (s *stallingWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// ended gives what the http.Server writes once the handler has returned
// (the rest of its buffer) a deadline of its own: run clears its own
// when it ends.
func (s *stallingWriter) ended() { s.d.rc.SetWriteDeadline(time.Now().Add(s.d.stall)) }

// deadlineWriter writes to the page in chunks of at most stallChunk,
// each with a write deadline stall from its start.
type deadlineWriter struct {
	w     io.Writer
	rc    *http.ResponseController
	stall time.Duration
}

func (d *deadlineWriter) Write(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		chunk := p[n:min(len(p), n+stallChunk)]
		d.rc.SetWriteDeadline(time.Now().Add(d.stall))
		m, err := d.w.Write(chunk)
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// acceptsGzip reports whether the request's Accept-Encoding takes gzip
// (not refused with q=0).
func acceptsGzip(r *http.Request) bool {
	for _, h := range r.Header.Values("Accept-Encoding") {
		for _, part := range strings.Split(h, ",") {
			name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
			if strings.EqualFold(strings.TrimSpace(name), "gzip") {
				q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
				return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
			}
		}
	}
	return false
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
