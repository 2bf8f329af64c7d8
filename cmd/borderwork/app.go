package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/suggest"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// Exit statuses (docs/CLI.md).
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2
	exitInterrupted = 130
)

// command is one subcommand: its name, a one-line summary for the help, and
// the function that runs it.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, env *env) error
}

// env is what a command writes to, and when it started.
type env struct {
	stdout, stderr io.Writer
	start          time.Time // for the time the command took in all (meter)
	// flags is the flag set the command made, so that docs_test.go can
	// list each command's flags by running it with --help.
	flags *flagSet
	// emitted is called as each run is written, if a test's context
	// carries it (emittedHook); nil otherwise.
	emitted func(done int)
}

func commands() []command {
	return []command{
		{"run", "run one regime of a scenario for several replicates", cmdRun},
		{"compare", "compare every regime of a scenario with common random numbers", cmdCompare},
		{"sweep", "sweep parameters over a grid or Latin hypercube", cmdSweep},
		{"merge", "merge the folders of sweep or sensitivity shards into one", cmdMerge},
		{"claim", "test the claim that malfunction, not closure, endangers migrants", cmdClaim},
		{"programme", "split a programme's effects into repairing malfunction and tightening closure", cmdProgramme},
		{"sensitivity", "which assumptions drive each result: Morris screening, Sobol' indices", cmdSensitivity},
		{"plot", "redraw an output folder's figures from its tables", cmdPlot},
		{"scenarios", "list the bundled scenarios, or print one", cmdScenarios},
		{"check", "validate a scenario file and print a digest of it", cmdCheck},
		{"import", "write a Flee case folder as a scenario", cmdImport},
		{"validate", "compare a scenario with observed data: a Flee case's camps, or flow counts before and after a change of regime", cmdValidate},
		{"reproduce", "rerun an output folder's manifest and verify its tables", cmdReproduce},
		{"serve", "serve the classroom page: what-if experiments in a browser", cmdServe},
		{"version", "print the version, commit and Go version", cmdVersion},
	}
}

// run is the whole program, testable without a process: it returns the
// exit status.
//
// A command that finished but whose standard output could not be written
// (redirected to a file on a full disk) fails, saying so: the digest of
// `check > digest.txt` or the table of `run > table.txt` would otherwise
// be lost, or cut short, with status 0.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	out := &checkedWriter{w: stdout}
	status := runCommand(ctx, args, out, stderr)
	if err := out.failed(); err != nil && status == exitOK {
		name := "help"
		if len(args) > 0 && !isHelp(args[0]) {
			name = strings.TrimLeft(args[0], "-")
		}
		return report(fmt.Errorf("%w; the command finished, but what it printed there is lost", err), name, stderr)
	}
	return status
}

// checkedWriter is a command's standard output, remembering the first
// error writing it. It tells the command nothing of it, so that the
// command finishes as it would have (run --json > /dev/full writes its
// folder, then its JSON), and run says, once, that what it printed is
// lost.
type checkedWriter struct {
	w   io.Writer
	mu  sync.Mutex // serve's requests print from their goroutines
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	if _, err := c.w.Write(p); err != nil {
		c.mu.Lock()
		if c.err == nil {
			c.err = err
		}
		c.mu.Unlock()
	}
	return len(p), nil
}

// failed is the first error writing, unless it is a pipe whose reader
// has gone (borderwork scenarios | head -1): it wanted no more.
func (c *checkedWriter) failed() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if errors.Is(c.err, syscall.EPIPE) {
		return nil
	}
	return c.err
}

// runCommand is run, given the standard output it checks.
func runCommand(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr, start: time.Now(), emitted: emittedHook(ctx)}
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	name := args[0]
	if name == "--version" || name == "-version" {
		name, args = "version", append([]string{"version"}, args[1:]...)
	}
	if isHelp(name) {
		if len(args) > 1 && !isHelp(args[1]) { // help about help is the command list
			return runCommand(ctx, []string{args[1], "--help"}, stdout, stderr)
		}
		usage(stdout)
		return exitOK
	}
	i := slices.IndexFunc(commands(), func(c command) bool { return c.name == name })
	if i < 0 {
		var names []string
		for _, c := range commands() {
			names = append(names, c.name)
		}
		hint := ""
		if c := suggest.Closest(strings.TrimLeft(name, "-"), names); c != "" {
			hint = "; did you mean " + c + "?"
		}
		fmt.Fprintf(stderr, "borderwork: unknown command %q%s\nRun 'borderwork help' for the commands.\n", name, hint)
		return exitUsage
	}
	err := commands()[i].run(ctx, args[1:], e)
	return report(err, name, stderr)
}

// isHelp reports whether arg asks for help: help, -h, --help or -help.
func isHelp(arg string) bool {
	return arg == "help" || arg == "-h" || arg == "--help" || arg == "-help"
}

// report prints a failed command's error as one line and maps it to an
// exit status.
func report(err error, name string, stderr io.Writer) int {
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errShown):
		return exitUsage
	case errors.As(err, new(interruptSaid)): // its line printed before where the runs were kept
		return exitInterrupted
	case errors.Is(err, runs.ErrInterrupted):
		fmt.Fprintf(stderr, "borderwork %s: %s\n", name, said(err, name))
		return exitInterrupted
	case errors.Is(err, errUsage), errors.Is(err, scenarios.ErrInvalid), errors.Is(err, runs.ErrBadInput),
		errors.Is(err, output.ErrNotAFile): // a folder's file that is a folder or a FIFO: not borderwork's
		fmt.Fprintf(stderr, "borderwork %s: %s\n", name, said(err, name))
		return exitUsage
	default: // a failure of the machine (a full disk), or a reproduction that differs
		line, _ := plainWriteFailure(err, said(err, name))
		fmt.Fprintf(stderr, "borderwork %s: %s\n", name, line)
		return exitFailure
	}
}

// said is err as one line after "borderwork NAME: ", without a "NAME: "
// of its own: the library starts some messages with the command they are
// about ("merge: …"), which the line says already.
func said(err error, name string) string {
	return strings.TrimPrefix(oneLine(err), name+": ")
}

// oneLine is an error as one line: the parts of a joined error, each once.
func oneLine(err error) string {
	var parts []string
	for _, p := range strings.Split(err.Error(), "\n") {
		if p = strings.TrimSpace(p); p != "" && !slices.Contains(parts, p) {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "; ")
}

var (
	// errUsage marks bad flags or arguments: exit status 2.
	errUsage = errors.New("usage")
	// errShown marks a usage error whose message was already printed.
	errShown = errors.New("usage error shown")
	// errMismatch marks a reproduction whose tables differ: exit status 1.
	errMismatch = errors.New("mismatch")
)

// usageError is bad input from the command line: exit status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string        { return e.msg }
func (e *usageError) Is(target error) bool { return target == errUsage }

func usageErrorf(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// mismatchError is a reproduction that differs: exit status 1. Its
// message is what stderr says, without the word "mismatch" before it.
type mismatchError struct{ msg string }

func (e *mismatchError) Error() string        { return e.msg }
func (e *mismatchError) Is(target error) bool { return target == errMismatch }

func mismatchf(format string, args ...any) error {
	return &mismatchError{fmt.Sprintf(format, args...)}
}

func usage(w io.Writer) {
	fmt.Fprint(w, `borderwork simulates migration through open, closed, malfunctioning and
humanitarian borders, and reports trapped-migrant and abuse counts.

Usage:

	borderwork <command> [flags] [arguments]

The commands are:

`)
	// Two spaces at least after the longest name, so that each summary
	// reads as a column ("sensitivity" had one).
	width := 0
	for _, c := range commands() {
		width = max(width, len(c.name))
	}
	for _, c := range commands() {
		fmt.Fprintf(w, "\t%-*s  %s\n", width, c.name, c.summary)
	}
	fmt.Fprint(w, `
Without a SCENARIO, commands use the bundled scenario "sahel" (serve:
"classroom").
Use "borderwork help <command>" (or "borderwork <command> --help") for more
about a command, and "borderwork --version" for the version.
`)
}
