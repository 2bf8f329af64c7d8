package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/borderwork/borderwork/web"
)

// lockedBuffer is a buffer that goroutines may write and read at once.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestServeStops: told to stop (Ctrl-C) with experiments in flight, serve
// says at once how many are cut short unless they finish in time, and a
// second Ctrl-C closes it at once rather than after the grace period;
// with none in flight it stops at once and says nothing. It replaces
// serveInterrupts, a package variable: no t.Parallel.
func TestServeStops(t *testing.T) {
	again := make(chan os.Signal, 1)
	real := serveInterrupts
	serveInterrupts = func() (<-chan os.Signal, func()) { return again, func() {} }
	defer func() { serveInterrupts = real }()
	start := func(t *testing.T, states func(net.Conn, http.ConnState)) (*http.Server, *web.Server, string, chan error) {
		// One slot, and experiments far longer than the test (minutes):
		// one runs, the other waits, until the server closes them.
		srv := slowServer(4, 10*time.Minute)
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		hs := &http.Server{Handler: srv.Handler(), ConnState: states}
		done := make(chan error, 1)
		go func() { done <- hs.Serve(ln) }()
		t.Cleanup(func() { hs.Close() })
		return hs, srv, "http://" + ln.Addr().String(), done
	}

	// The grace is made far longer than any test, so that stopping "at
	// once" is told from waiting it out by whether serve stops at all,
	// not by a stopwatch a loaded machine could run past.
	grace := serveGrace
	serveGrace = time.Hour
	defer func() { serveGrace = grace }()

	t.Run("none in flight", func(t *testing.T) {
		hs, srv, _, done := start(t, nil)
		var stderr lockedBuffer
		stopped := make(chan error, 1)
		go func() { stopped <- stopServing(hs, srv, done, &env{stdout: &stderr, stderr: &stderr}) }()
		select {
		case err := <-stopped:
			if err != nil || stderr.String() != "" {
				t.Errorf("stopping with no experiment in flight: %v, and said %q; want nil, and nothing", err, stderr.String())
			}
		case <-time.After(30 * time.Second): // a guard against hanging, not a measure
			t.Fatal("with no experiment in flight, serve waited out its grace; want it to stop at once")
		}
	})

	t.Run("a request half sent", func(t *testing.T) {
		// A phone gone out of range mid-send, or a client that never
		// finishes: no experiment is in flight, so serve stops at once.
		reading := make(chan bool, 1)
		hs, srv, url, done := start(t, func(_ net.Conn, st http.ConnState) {
			if st == http.StateActive {
				reading <- true
			}
		})
		conn, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		io.WriteString(conn, "POST /api/run HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"scenario\":")
		<-reading
		var stderr lockedBuffer
		stopped := make(chan error, 1)
		go func() { stopped <- stopServing(hs, srv, done, &env{stdout: &stderr, stderr: &stderr}) }()
		select {
		case err := <-stopped:
			if err != nil || stderr.String() != "" {
				t.Errorf("stopping beside a request half sent: %v, and said %q; want nil, and nothing", err, stderr.String())
			}
		case <-time.After(30 * time.Second): // a guard against hanging, not a measure
			t.Fatal("with a request half sent and no experiment in flight, serve waited out its grace after Ctrl-C; want it to stop at once")
		}
	})

	t.Run("two in flight", func(t *testing.T) {
		hs, srv, url, done := start(t, nil)
		for range 2 {
			ctx, cancel := context.WithCancel(context.Background())
			t.Cleanup(cancel)
			req := longRun(t, ctx, url, 1)
			go func() {
				// Read to the end, as a page does: a page that goes away
				// stops its experiment.
				if resp, err := http.DefaultClient.Do(req); err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
			}()
		}
		for deadline := time.Now().Add(30 * time.Second); srv.Experiments() < 2; time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("the server holds %d experiments; want 2", srv.Experiments())
			}
		}
		var stderr lockedBuffer
		stopped := make(chan error, 1)
		go func() { stopped <- stopServing(hs, srv, done, &env{stdout: &stderr, stderr: &stderr}) }()
		const want = "borderwork serve: stopping: 2 experiments still running or waiting get 3600 seconds to finish, then are cut short (Ctrl-C again, or another SIGTERM, stops at once)\n"
		// A guard against hanging, not a measure: serve says it before
		// it waits for anything.
		for t0 := time.Now(); stderr.String() == "" && time.Since(t0) < 30*time.Second; {
			time.Sleep(10 * time.Millisecond)
		}
		if got := stderr.String(); got != want {
			t.Errorf("after Ctrl-C serve says %q; want %q", got, want)
		}
		select {
		case <-stopped:
			t.Fatalf("serve stopped before its experiments were cut short or a second Ctrl-C")
		default:
		}
		t1 := time.Now()
		again <- os.Interrupt
		defer func() { t.Logf("stopped %v after the second", time.Since(t1)) }()
		select {
		case <-stopped:
			if got, cut := stderr.String(), want+"borderwork serve: stopped: 2 experiments cut short\n"; got != cut {
				t.Errorf("after the second Ctrl-C serve has said %q; want %q", got, cut)
			}
		case <-time.After(30 * time.Second): // a guard against hanging, not a measure: the grace is an hour
			t.Fatal("serve did not stop after a second Ctrl-C; want it at once, not after its grace")
		}
	})
}
