package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/web"
)

const serveDoc = `
Serve serves the classroom page: pick a scenario (or paste or upload
one), move sliders, choose regimes, run, and see trapped migrants over
time, abuse, outcomes and a map that animates the run. The page gives the
same numbers as 'borderwork compare' for the same inputs, says which
command reproduces them, offers the stats.csv and summary.csv that
command writes, and saves each figure as SVG or PNG, with its title and
that command.

The page opens on SCENARIO, a bundled scenario's name or a .toml file
(read once, at start); without it, on the bundled "classroom" scenario of
docs/TEACHING.md. The page reads no file but the scenario: an inflow_csv
the file names is written into the page's copy as the inflow_schedule
it holds, and a file the page could not open is refused at start. The
server writes nothing to disk, and bounds the work one request may ask
for (--max-work) and the experiments one computer may have running or
waiting (--per-client). By default only this computer can open the page;
--addr 0.0.0.0:8080 shares it with a classroom network, and prints the
addresses students open.

Ctrl-C (or SIGTERM) stops the server: it says how many experiments are
still running or waiting, and gives them 5 seconds to finish; a second
Ctrl-C (or SIGTERM) stops it at once, saying how many it cut short.
With none running or waiting, the first stops it at once, without a
word. It exits with status 0 either way: it was told to stop.
`

// serveGrace is how long experiments still running when serve is told to
// stop get to finish before they are cut short. A test changes it.
var serveGrace = 5 * time.Second

// serveInterrupts returns the channel that receives a second Ctrl-C (or
// SIGTERM) while serve stops, and the function that stops receiving
// them. A test replaces it.
var serveInterrupts = func() (<-chan os.Signal, func()) {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt, syscall.SIGTERM)
	return c, func() { signal.Stop(c) }
}

// testHookServing, if set by a test, is told the address the server
// listens on.
var testHookServing func(addr string)

func cmdServe(ctx context.Context, args []string, e *env) error {
	fs := newFlagSet("serve", "borderwork serve [--addr HOST:PORT] [--max-work N] [--per-client N] [SCENARIO]", serveDoc, e)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT`")
	perClient := fs.Int("per-client", 4, "refuse a computer's experiment when it has `N` running or waiting already (0: no limit;\nstudents reaching the server through one address, a proxy's, need more)")
	limits := web.DefaultLimits()
	maxWork := fs.String("max-work", "", "refuse experiments expected to simulate more than `N` agent-steps (default "+
		strings.Replace(strconv.FormatFloat(limits.MaxWork, 'g', -1, 64), "e+0", "e", 1)+");\nlower it, to 5e8 say, so that no experiment holds a slow computer long, or raise it on a\nlarge one ($"+runs.EnvMaxWork+", the command line's limit, does not set it)")
	pos, err := fs.parse(args, e)
	if err != nil {
		return err
	}
	if *maxWork != "" {
		if limits.MaxWork, err = runs.ParseWork(*maxWork); err != nil {
			return usageErrorf("--max-work: want a number of agent-steps above 0, such as 5e8, got %q", *maxWork)
		}
	}
	if *perClient < 0 {
		return usageErrorf("--per-client: want 0 (no limit) or more experiments, got %d", *perClient)
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
			// The file's name, not the folders it sits in on the
			// teacher's computer: every student's page shows it (the
			// File name box, Reset's message), and the commands the page
			// gives name the file alone.
			// The page reads the scenario's text alone, never a file
			// beside it: an inflow_csv is written into that text as the
			// inflow_schedule it read, or every student would see the
			// teacher's file refused.
			text, err := s.InlineInflows()
			if err != nil {
				return err
			}
			initial = web.Request{Text: string(text), File: filepath.Base(arg)}
		}
		// What the page opens on must open there: a file check passes
		// may still be more than the page reads (its size, say).
		if _, err := web.Describe(initial, limits); err != nil {
			return fmt.Errorf("the page cannot open %s: %w", arg, err)
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		if addrInUse(err) {
			// Most often a server started before, in another terminal:
			// say so, and give an address that is free now (the next
			// port was often taken too, by the server started before
			// that one, and the teacher was sent from one to the next).
			next := "another port"
			if host, port, serr := net.SplitHostPort(*addr); serr == nil {
				if n, perr := strconv.Atoi(port); perr == nil && n > 0 {
					for p := n + 1; p <= min(n+20, 65535); p++ {
						try := net.JoinHostPort(host, strconv.Itoa(p))
						if free, lerr := net.Listen("tcp", try); lerr == nil {
							free.Close()
							next = "--addr " + try
							break
						}
					}
				}
			}
			return usageErrorf("--addr: %v: another program, perhaps a borderwork serve started before, is using that port; stop it, or give %s", err, next)
		}
		return usageErrorf("--addr: %v", err)
	}
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	srv := &web.Server{Initial: initial, Limits: limits, Timeout: 2 * time.Minute, Slots: runtime.NumCPU(), Queue: 64, Workers: runtime.NumCPU(),
		PerClient: *perClient, LocalOnly: net.ParseIP(host).IsLoopback(), Log: e.stderr}
	hs := httpServer(srv.Handler())
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		// Listening on every interface: "[::]" is no address to open.
		// The teacher opens localhost; students, the network's addresses.
		fmt.Fprintf(e.stdout, "borderwork serve: the page is at http://%s/ on this computer (Ctrl-C stops the server)\n", net.JoinHostPort("localhost", port))
		addrs, err := net.InterfaceAddrs()
		if urls := networkURLs(addrs, port); err == nil && len(urls) > 0 {
			fmt.Fprintf(e.stdout, "borderwork serve: students can open %s\n", strings.Join(urls, " or "))
		} else {
			fmt.Fprintf(e.stdout, "borderwork serve: this computer has no network address students could open the page at\n")
		}
	} else {
		fmt.Fprintf(e.stdout, "borderwork serve: the page is at http://%s/ (Ctrl-C stops the server)\n", ln.Addr())
	}
	if testHookServing != nil {
		testHookServing(ln.Addr().String())
	}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		return stopServing(hs, srv, done, e)
	}
}

// httpServer serves h to a classroom. Headers must come within 10
// seconds, and a connection idle between requests is closed after a
// minute (browsers open a new one at once): without IdleTimeout a client
// could hold any number of idle connections for ever. There is no
// ReadTimeout or WriteTimeout: a run's stream may take minutes, and the
// web.Server bounds a request's body and a stalled page itself. Its
// log (a handler's panic, a failed accept) goes to standard error, as the
// standard logger's did before main silenced that.
func httpServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: time.Minute,
		ErrorLog: log.New(os.Stderr, "", log.LstdFlags)}
}

// stopServing stops the server hs, whose Serve returns on done: at once
// if no experiment runs or waits; else it says how many do, and gives
// them serveGrace to finish, or until another Ctrl-C, before it closes
// their connections.
func stopServing(hs *http.Server, srv *web.Server, done <-chan error, e *env) error {
	again, quit := serveInterrupts()
	defer quit()
	n := srv.Experiments()
	if n == 0 {
		// Nothing to wait for. Shutdown would still wait the whole grace,
		// saying nothing, for a request half sent (a phone gone out of
		// range, a client that never finishes), and the teacher saw the
		// server hang after Ctrl-C for 5 seconds without a word.
		err := hs.Close()
		<-done
		return err
	}
	gets, is := "get", "are"
	if n == 1 {
		gets, is = "gets", "is"
	}
	fmt.Fprintf(e.stderr, "borderwork serve: stopping: %s still running or waiting %s %d seconds to finish, then %s cut short (Ctrl-C again, or another SIGTERM, stops at once)\n",
		words.Count(n, "experiment"), gets, int(serveGrace/time.Second), is)
	shut, cancel := context.WithTimeout(context.Background(), serveGrace)
	defer cancel()
	go func() {
		select {
		case <-again:
			cancel()
		case <-shut.Done():
		}
	}()
	err := hs.Shutdown(shut)
	if shut.Err() != nil {
		// Out of time, or told again: what still runs or waits is cut
		// short, and the teacher is told so rather than left guessing.
		n = srv.Experiments()
		err = hs.Close()
		if n > 0 {
			fmt.Fprintf(e.stderr, "borderwork serve: stopped: %s cut short\n", words.Count(n, "experiment"))
		}
	}
	<-done
	return err
}

// networkURLs are the page's addresses for other computers when it
// listens on every interface at port: one for each of addrs (the
// machine's interface addresses) others could reach, IPv4 first, then in
// order, each once. Loopback and link-local addresses (which need an
// interface's name) are left out.
func networkURLs(addrs []net.Addr, port string) []string {
	var ips []net.IP
	for _, a := range addrs {
		var ip net.IP
		switch a := a.(type) {
		case *net.IPNet:
			ip = a.IP
		case *net.IPAddr:
			ip = a.IP
		}
		if ip == nil || ip.IsLoopback() || ip.IsUnspecified() || ip.IsLinkLocalUnicast() || ip.IsMulticast() {
			continue
		}
		if v4 := ip.To4(); v4 != nil {
			ip = v4
		}
		ips = append(ips, ip)
	}
	slices.SortFunc(ips, func(a, b net.IP) int {
		if len(a) != len(b) {
			return len(a) - len(b) // 4 bytes before 16
		}
		return bytes.Compare(a, b)
	})
	ips = slices.CompactFunc(ips, net.IP.Equal)
	var urls []string
	for _, ip := range ips {
		urls = append(urls, "http://"+net.JoinHostPort(ip.String(), port)+"/")
	}
	return urls
}

// wsaeAddrInUse is Windows's "address in use" (WSAEADDRINUSE), which
// syscall.EADDRINUSE, an errno of Unix's, does not match there: a
// teacher who started serve twice got Windows's bare message, and no
// free port to give.
const wsaeAddrInUse = syscall.Errno(10048)

// addrInUse reports whether err, from net.Listen, says that another
// program is listening on the address.
func addrInUse(err error) bool {
	return errors.Is(err, syscall.EADDRINUSE) || runtime.GOOS == "windows" && errors.Is(err, wsaeAddrInUse)
}
