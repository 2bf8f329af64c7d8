package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
)

const compareDoc = `
Compare runs every regime of SCENARIO (or those given with --regimes) for
--reps replicates each, with common random numbers: replicate r meets the
same migrants under every regime. It prints a summary table (means with 95%
confidence intervals) and writes the output folder: manifest.json,
scenario.toml, timeseries.csv, summary.csv, stats.csv, figures/ and
report.md; with --by-location also locations.csv, and with --events the
event log events.csv.gz (docs/OUTPUTS.md describes every file).

SCENARIO is a .toml file or the name of a bundled scenario (see 'borderwork
scenarios'); without it, the bundled scenario "sahel" is used.

Ctrl-C stops the runs, keeps the finished ones, marks the folder incomplete
and exits with status 130.

Examples:

	borderwork compare
	borderwork compare classroom --set regimes.malfunctioning.outage_days=30
`

const runDoc = `
Run runs one regime of SCENARIO (--regime, default the scenario's first) for
--reps replicates. It prints that regime's summary table (means with 95%
confidence intervals) and writes the same output folder as 'borderwork
compare'.

SCENARIO is a .toml file or the name of a bundled scenario (see 'borderwork
scenarios'); without it, the bundled scenario "sahel" is used.

Ctrl-C stops the runs, keeps the finished ones, marks the folder incomplete
and exits with status 130.

Example:

	borderwork run --regime hbm --reps 5
`

func cmdCompare(ctx context.Context, args []string, e *env) error {
	return runExperiment(ctx, "compare", args, e)
}

func cmdRun(ctx context.Context, args []string, e *env) error {
	return runExperiment(ctx, "run", args, e)
}

// runExperiment is run and compare: regimes × replicates into a folder.
func runExperiment(ctx context.Context, name string, args []string, e *env) error {
	doc, usageLine := compareDoc, "borderwork compare [flags] [SCENARIO]"
	if name == "run" {
		doc, usageLine = runDoc, "borderwork run [flags] [SCENARIO]"
	}
	fs := newFlagSet(name, usageLine, doc, e)
	var c common
	var regime, eventReps string
	var byLocation, events bool
	c.register(fs, "", true)
	registerFigureFlags(fs, &c.bands, &c.size)
	fs.BoolVar(&byLocation, "by-location", false, "also write locations.csv (waiting, trapped, stranded, queued, abuse and deaths per location\nand day) and its figures")
	fs.BoolVar(&events, "events", false, "also write events.csv.gz: one row per event of every migrant (departure, arrival,\nabuse, refusal, death...) of the replicates --events-reps chooses")
	fs.StringVar(&eventReps, "events-reps", "0", "the `replicates` whose events --events logs: indices and ranges such as 0,3 or 2-4,\nor all; giving it implies --events")
	if name == "run" {
		fs.StringVar(&regime, "regime", "", "the `regime` to run (default: the scenario's first)")
		c.regimeFlag = "--regime"
	} else {
		c.registerRegimes(fs)
	}
	arg, err := c.parseArgs(fs, args, e)
	if err != nil {
		return err
	}
	if name == "run" {
		c.regimes = regime
	}
	s, err := c.loadScenario(arg, fs)
	if err != nil {
		return err
	}
	regimes, err := c.regimeList(s)
	if err != nil {
		return err
	}
	if name == "run" && regime == "" {
		regimes = regimes[:1]
	}
	plan := &experiment.Plan{Command: name, Scenario: s, Arg: arg, Regimes: regimes, Reps: s.File.Replicates, ByLocation: byLocation}
	if fs.set["events"] && !events && fs.set["events-reps"] {
		return usageErrorf("--events=false and --events-reps %s: --events-reps logs the events of the replicates it names; give one or the other", eventReps)
	}
	if events || fs.set["events-reps"] {
		if plan.Events, err = runs.ParseReplicates(eventReps, plan.Reps); err != nil {
			return usageErrorf("--events-reps: %v", err)
		}
	}
	plan.Args = runs.RunArgs(byLocation, plan.Events)
	x, err := plan.PrepareContext(ctx)
	if err != nil {
		return err
	}
	out := c.outDir(name, s)
	before := earlierAt(out)
	limits, _ := c.limits.get()
	workers, err := x.Fit(limits, x.NRuns(), c.workers)
	if err != nil {
		return err
	}
	noteWorkers(e, name, workers, c.workers, x.NRuns(), c.quiet)
	formats, _ := parseFormats(c.formats)
	m := newMeter(e.start, min(workers, x.NRuns()))
	prog := c.newProgress(e, name, x.NRuns())
	days := x.Scenario.File.Days
	prog.simulating(days, int64(x.NRuns())*int64(days))
	m.watch(prog)
	res, err := experiment.Write(m.context(ctx), x, out, experiment.Options{Workers: workers, Formats: formats, FigureOptions: c.figureOptions(), Progress: prog.done, Force: c.force, Limits: limits})
	prog.finish()
	if errors.Is(err, runs.ErrInterrupted) {
		return interrupted(e, name, err, res, out, "")
	}
	if err != nil {
		return err
	}
	defer m.report(e.stderr, name, c.quiet)
	if c.json {
		before.noteTo(e, true)
		return printJSONSummary(e.stdout, x, res.Groups, m.performance())
	}
	printSummary(e.stdout, x, res.Groups)
	fmt.Fprintf(e.stdout, "\nWrote %s: %s, report.md.\n", out, wroteTables(out, len(res.Figures)))
	before.note(e.stdout)
	if len(x.Events) > 0 {
		which := "replicates"
		if len(x.Events) == 1 {
			which = "replicate"
		}
		under := "each regime"
		if len(x.Regimes) == 1 {
			under = x.Regimes[0]
		}
		fmt.Fprintf(e.stdout, "The events of %s %s under %s are in %s (%s).\n",
			which, runs.FormatReplicates(x.Events), under, filepath.Join(out, output.EventsTable), fileSize(filepath.Join(res.Dir, output.EventsTable)))
	}
	return nil
}

// fileSize is the size of the file at path, in binary units.
func fileSize(path string) string {
	st, err := os.Stat(path)
	if err != nil {
		return "size unknown"
	}
	return runs.FormatBytes(float64(st.Size()))
}

// noteWorkers says, unless quiet, when memory allows fewer of runs runs
// at once than --workers asked for. Fewer runs than workers is no news:
// the runs there are all run at once.
func noteWorkers(e *env, name string, got, asked, runs int, quiet bool) {
	if could := min(asked, runs); got < could && !quiet {
		fmt.Fprintf(e.stderr, "borderwork %s: running %s at a time, not %d, to stay within --max-memory (results do not change)\n", name, words.Count(got, "run"), could)
	}
}

// interruptSaid is the error of an interrupted command whose line,
// "interrupted after K of N runs", was printed already: first, before the
// lines that say where the finished runs were kept, which read as its
// consequence. report then prints nothing more of it.
type interruptSaid struct{ error }

func (s interruptSaid) Unwrap() error { return s.error }

// sayInterrupted prints err, an interruption, as report would, and returns
// it marked as said.
func sayInterrupted(e *env, name string, err error) error {
	fmt.Fprintf(e.stderr, "borderwork %s: %s\n", name, said(err, name))
	return interruptSaid{err}
}

// wroteTables is what the line "Wrote DIR: ..., report.md." says of the
// folder at out besides its report: its tables and n figure files, or,
// when its manifest records that none were asked for (--formats ""), no
// figures: "0 figure files" read as a failure to draw them.
func wroteTables(out string, n int) string {
	// Only a folder without figures can have been asked for none; the
	// manifest of one that has them, which may list millions of runs, is
	// not read again.
	if n > 0 {
		return "tables, " + words.Count(n, "figure file")
	}
	if m, err := output.ReadManifest(out); err == nil && m.FigureOptions != nil && m.FigureOptions.NoFigures {
		return "tables (no figures, as asked)"
	}
	return "tables, " + words.Count(n, "figure file")
}

// keptFinished tells, for a command interrupted while writing out, where
// its finished runs were kept: in out itself, or in dir beside an out left
// unchanged.
// It counts them as the manifest kept lists them, as interrupted does.
func keptFinished(e *env, name, out, dir string) {
	runs := "the finished runs"
	if m, err := output.ReadManifest(dir); err == nil {
		runs = words.Count(len(m.Runs), "finished run")
	}
	if dir != out {
		fmt.Fprintf(e.stderr, "borderwork %s: %s is unchanged; kept %s in %s (marked incomplete)%s\n", name, out, runs, dir, startsOver(out))
		return
	}
	fmt.Fprintf(e.stderr, "borderwork %s: kept %s in %s (marked incomplete)%s\n", name, runs, out, startsOver(out))
}

// startsOver says how to complete the results at out of an interrupted
// command that has no --resume (run, compare, claim, programme).
func startsOver(out string) string {
	return fmt.Sprintf("; the command run again writes %s complete, running every run anew", out)
}

// completes says that resume, the command line that continues the
// interrupted folder kept at dir, completes it: it looks for it at out and
// at out.partial, and one kept where it was written (out.partial held
// files that are not borderwork's) must be moved there first.
func completes(resume, out, dir string) string {
	if d := filepath.Clean(dir); d == filepath.Clean(out) || d == experiment.PartialPath(out) {
		return "this completes it: " + resume
	}
	return fmt.Sprintf("moved to %s (what is there moved away first); this completes it: %s", experiment.PartialPath(out), resume)
}

// interrupted says that the command was interrupted, err, then where its
// finished runs are, and how to continue (resume: the flag that does, or
// ""). It returns err marked as said.
func interrupted(e *env, name string, err error, res *experiment.Outcome, out, resume string) error {
	err = sayInterrupted(e, name, err)
	if res == nil { // stopped before the folder was started: nothing written
		return err
	}
	more := startsOver(out)
	if resume != "" {
		more = "; " + completes(resume, out, res.Dir)
	}
	if res.Dir != out {
		if res.Replaced != "" && res.Dir == experiment.PartialPath(out) {
			more = fmt.Sprintf(", in place of the %s, interrupted before%s", res.Replaced, more)
		}
		fmt.Fprintf(e.stderr, "borderwork %s: %s is unchanged; kept %s in %s (marked incomplete)%s\n", name, out, words.Count(len(res.Rows), "finished run"), res.Dir, more)
		return err
	}
	fmt.Fprintf(e.stderr, "borderwork %s: kept %s in %s (marked incomplete)%s\n", name, words.Count(len(res.Rows), "finished run"), out, more)
	return err
}
