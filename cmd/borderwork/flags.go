package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"

	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/sim"
)

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, " ") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// flagSet is a subcommand's flags with the usage text of the go tool.
type flagSet struct {
	*flag.FlagSet
	usageLine string // e.g. "borderwork compare [flags] [SCENARIO]"
	doc       string // what the command does
	stderr    io.Writer
	set       map[string]bool // flags given on the command line
}

func newFlagSet(name, usageLine, doc string, e *env) *flagSet {
	fs := &flagSet{FlagSet: flag.NewFlagSet(name, flag.ContinueOnError), usageLine: usageLine, doc: doc, stderr: e.stderr}
	fs.SetOutput(io.Discard)
	e.flags = fs
	return fs
}

// printUsage writes the command's help in the go tool's layout.
func (fs *flagSet) printUsage(w io.Writer) {
	fmt.Fprintf(w, "usage: %s\n\n%s\n", fs.usageLine, strings.TrimSpace(fs.doc))
	first := true
	fs.VisitAll(func(f *flag.Flag) {
		if first {
			fmt.Fprint(w, "\nFlags:\n")
			first = false
		}
		name, help := flag.UnquoteUsage(f)
		arg := "--" + f.Name
		if name != "" {
			arg += " " + name
		}
		fmt.Fprintf(w, "  %s\n    \t%s", arg, strings.ReplaceAll(help, "\n", "\n    \t"))
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "[]" && f.DefValue != "0" {
			fmt.Fprintf(w, " (default %s)", f.DefValue)
		}
		fmt.Fprintln(w)
	})
}

// parse reads flags and positional arguments in any order ("compare sahel
// --reps 5" as well as "compare --reps 5 sahel"). A bad flag prints the
// error and the usage, and returns errShown.
func (fs *flagSet) parse(args []string, e *env) ([]string, error) {
	var positional []string
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fs.printUsage(e.stdout)
			return nil, flag.ErrHelp
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "borderwork %s: %v\n", fs.Name(), err)
			fmt.Fprintf(e.stderr, "usage: %s\nRun 'borderwork help %s' for details.\n", fs.usageLine, fs.Name())
			return nil, errShown
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
	fs.set = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { fs.set[f.Name] = true })
	return positional, nil
}

func defaultWorkers() int { return runtime.NumCPU() }

// common holds the flags most commands share (docs/CLI.md).
type common struct {
	seed    int64
	days    int
	reps    int
	regimes string
	sets    listFlag
	workers int
	out     string
	formats string
	quiet   bool
	json    bool
}

func (c *common) register(fs *flagSet, outDefault string, withOut bool) {
	fs.Int64Var(&c.seed, "seed", 0, "the master seed, `N` (default: the scenario's seed)")
	fs.IntVar(&c.days, "days", 0, "simulate `N` days (default: the scenario's days)")
	fs.IntVar(&c.reps, "reps", 0, "`N` replicates per regime (default: the scenario's replicates, 20 if unset)")
	fs.StringVar(&c.regimes, "regimes", "", "comma-separated `list` of regimes (default: the scenario's default regimes)")
	fs.Var(&c.sets, "set", "override a scenario key: `KEY=VALUE`, KEY a dotted path such as\nregimes.malfunctioning.outage_start (repeatable)")
	fs.IntVar(&c.workers, "workers", defaultWorkers(), "run on `N` workers; results do not depend on it")
	fs.BoolVar(&c.quiet, "quiet", false, "print no progress")
	fs.BoolVar(&c.json, "json", false, "print a machine-readable summary on stdout")
	if withOut {
		fs.StringVar(&c.out, "out", outDefault, "write the output folder to `DIR` (default out/"+fs.Name()+"-SCENARIO)")
		fs.StringVar(&c.formats, "formats", "png,svg,pdf", "figure `formats`, comma-separated")
	}
}

// check validates the flags' values; it writes nothing.
func (c *common) check(fs *flagSet) error {
	switch {
	case fs.set["seed"] && c.seed < 0:
		return usageErrorf("--seed must be 0 or more, got %d", c.seed)
	case fs.set["days"] && (c.days < 1 || c.days > sim.MaxDays):
		return usageErrorf("--days must be in 1..%d, got %d", sim.MaxDays, c.days)
	case fs.set["reps"] && (c.reps < 1 || c.reps > 1_000_000):
		return usageErrorf("--reps must be in 1..1000000, got %d", c.reps)
	case c.workers < 1:
		return usageErrorf("--workers must be at least 1, got %d", c.workers)
	}
	if _, err := parseFormats(c.formats); err != nil {
		return err
	}
	return nil
}

func parseFormats(s string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	var out []string
	for _, f := range strings.Split(s, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if f != "png" && f != "svg" && f != "pdf" {
			return nil, usageErrorf("--formats: unknown format %q (want png, svg, pdf)", f)
		}
		out = append(out, f)
	}
	return out, nil
}

// loadScenario reads the scenario named by arg (or the default), applies
// --set and the --seed, --days and --reps flags, and validates it.
func (c *common) loadScenario(arg string, fs *flagSet) (*scenarios.Scenario, error) {
	s, err := scenarios.Load(arg)
	if err != nil {
		return nil, err
	}
	for _, kv := range c.sets {
		if err := s.Set(kv); err != nil {
			return nil, err
		}
	}
	if fs.set["seed"] {
		s.File.Seed = c.seed
	}
	if fs.set["days"] {
		s.File.Days = c.days
	}
	if fs.set["reps"] {
		s.File.Replicates = c.reps
	}
	if err := s.Validate(); err != nil {
		return nil, err
	}
	return s, nil
}

// regimeList resolves --regimes against the scenario.
func (c *common) regimeList(s *scenarios.Scenario) ([]string, error) {
	if c.regimes == "" {
		return s.DefaultRegimes(), nil
	}
	var out []string
	known := s.RegimeNames()
	for _, r := range strings.Split(c.regimes, ",") {
		r = strings.TrimSpace(r)
		ok := false
		for _, k := range known {
			ok = ok || k == r
		}
		if !ok {
			return nil, usageErrorf("--regimes: unknown regime %q (regimes of %s: %s)", r, s.File.Name, strings.Join(known, ", "))
		}
		for _, seen := range out {
			if seen == r {
				return nil, usageErrorf("--regimes: %q is listed twice", r)
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// parseArgs parses a simulating command's arguments: flags, at most one
// SCENARIO, and checks of the flags' values.
func (c *common) parseArgs(fs *flagSet, args []string, e *env) (string, error) {
	pos, err := fs.parse(args, e)
	if err != nil {
		return "", err
	}
	arg, err := onePositional(fs, pos)
	if err != nil {
		return "", err
	}
	return arg, c.check(fs)
}

// onePositional returns the single optional positional argument.
func onePositional(fs *flagSet, pos []string) (string, error) {
	switch len(pos) {
	case 0:
		return "", nil
	case 1:
		return pos[0], nil
	}
	return "", usageErrorf("want at most one SCENARIO, got %s (usage: %s)", strconv.Quote(strings.Join(pos, " ")), fs.usageLine)
}
