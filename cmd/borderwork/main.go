// Command borderwork simulates migration through open, closed,
// malfunctioning and humanitarian borders, and reports trapped-migrant and
// abuse counts. Run "borderwork help" for the commands.
package main

import (
	"context"
	"io"
	"log"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

func main() {
	// A library borderwork draws with (vgpdf) logs a dated line just
	// before a panic that package figures recovers into the error the
	// command reports: the same words said twice, the first time
	// unlike any other line borderwork prints (a full TMPDIR failed
	// every PDF so). Their log is not shown. serve's HTTP server, which
	// logs through it too, has a logger of its own (httpServer).
	log.SetOutput(io.Discard)
	ignoreBrokenPipe()
	holdMemoryTo = lowerMemoryLimit
	ctx, stop := signal.NotifyContext(context.Background(), stopSignals()...)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// stopSignals are the signals that stop a command as Ctrl-C does, keeping
// its finished runs: SIGINT, SIGTERM, and SIGHUP (its terminal closed, an
// ssh connection dropped), which would otherwise kill it outright, its
// runs left in a hidden folder --resume does not read. Not SIGHUP when
// the command was started with it ignored (nohup): catching it would undo
// that, and the command would stop when the terminal closed.
func stopSignals() []os.Signal {
	sigs := []os.Signal{os.Interrupt, syscall.SIGTERM}
	if !signal.Ignored(syscall.SIGHUP) {
		sigs = append(sigs, syscall.SIGHUP)
	}
	return sigs
}

// lowerMemoryLimit makes limit the runtime's soft memory limit, unless a
// lower one is already set (GOMEMLIMIT).
func lowerMemoryLimit(limit int64) {
	if limit > 0 && limit < debug.SetMemoryLimit(-1) {
		debug.SetMemoryLimit(limit)
	}
}
