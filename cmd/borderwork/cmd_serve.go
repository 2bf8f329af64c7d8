package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"runtime"
	"time"

	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/web"
)

const serveDoc = `
Serve serves the classroom page: pick a scenario (or paste or upload
one), move sliders, choose regimes, run, and see trapped migrants over
time, abuse, outcomes and a map that animates the run. The page gives the
same numbers as 'borderwork compare' for the same inputs, and says which
command reproduces them.

The page opens on SCENARIO, a bundled scenario's name or a .toml file
(read once, at start); without it, on the bundled "classroom" scenario of
docs/TEACHING.md. The server writes nothing to disk, and bounds the work
one request may ask for. By default only this computer can open the page;
--addr 0.0.0.0:8080 shares it with a classroom network.

Ctrl-C stops the server.
`

// testHookServing, if set by a test, is told the address the server
// listens on.
var testHookServing func(addr string)

func cmdServe(ctx context.Context, args []string, e *env) error {
	fs := newFlagSet("serve", "borderwork serve [--addr HOST:PORT] [SCENARIO]", serveDoc, e)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT`")
	pos, err := fs.parse(args, e)
	if err != nil {
		return err
	}
	arg, err := onePositional(fs, pos)
	if err != nil {
		return err
	}
	initial := web.Request{Scenario: web.DefaultScenario}
	if arg != "" {
		s, err := scenarios.Load(arg) // refuse a bad file before serving it
		if err != nil {
			return err
		}
		if err := s.Validate(); err != nil {
			return err
		}
		initial = web.Request{Scenario: arg}
		if scenarios.IsPath(arg) {
			initial = web.Request{Text: string(s.Raw), File: arg}
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return usageErrorf("--addr: %v", err)
	}
	srv := &web.Server{Initial: initial, Limits: web.DefaultLimits(), Timeout: 2 * time.Minute, Slots: runtime.NumCPU(), Workers: runtime.NumCPU()}
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(e.stdout, "borderwork serve: the page is at %s (Ctrl-C stops the server)\n", url)
	if testHookServing != nil {
		testHookServing(ln.Addr().String())
	}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err := hs.Shutdown(shut)
		if errors.Is(err, context.DeadlineExceeded) {
			err = hs.Close()
		}
		<-done
		return err
	}
}
