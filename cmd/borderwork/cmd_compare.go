package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/sim"
)

const compareDoc = `
Compare runs every regime of SCENARIO (or those given with --regimes) for
--reps replicates each, with common random numbers: replicate r meets the
same migrants under every regime. It prints a summary table (means with 95%
confidence intervals) and writes the output folder: manifest.json,
scenario.toml, timeseries.csv, summary.csv, stats.csv, figures/ and
report.md (docs/OUTPUTS.md describes every file).

SCENARIO is a .toml file or the name of a bundled scenario (see 'borderwork
scenarios'); without it, the bundled scenario "sahel" is used.

Ctrl-C stops the runs, keeps the finished ones, marks the folder incomplete
and exits with status 130.
`

const runDoc = `
Run runs one regime of SCENARIO (--regime, default the scenario's first) for
--reps replicates and writes the same output folder as 'borderwork compare'.
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
	var regime string
	var byLocation bool
	c.register(fs, "", true)
	fs.BoolVar(&byLocation, "by-location", false, "also write locations.csv: waiting, trapped, queued, abuse and deaths per location and day")
	if name == "run" {
		fs.StringVar(&regime, "regime", "", "the `regime` to run (default: the scenario's first)")
	}
	arg, err := c.parseArgs(fs, args, e)
	if err != nil {
		return err
	}
	if name == "run" {
		if fs.set["regimes"] {
			return usageErrorf("run takes --regime; use compare for several regimes")
		}
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
	x := &experiment{command: name, arg: arg, scenario: s, regimes: regimes, reps: s.File.Replicates, points: [][]float64{nil}}
	if byLocation {
		x.extraArgs = []string{"--by-location"}
	}
	if err := configCache(x, func(_, r int) (*sim.Config, error) { return s.Config(regimes[r]) }); err != nil {
		return err
	}
	out := c.out
	if out == "" {
		out = filepath.Join("out", name+"-"+s.File.Name)
	}
	formats, _ := parseFormats(c.formats)
	if err := output.CheckTarget(out); err != nil {
		return usageErrorf("--out: %v", err)
	}
	res, err := writeExperiment(ctx, x, out, c.workers, writeOptions{
		jobs:       allJobs(x),
		quiet:      c.quiet,
		byLocation: byLocation,
		figures: func(dir string) ([]string, error) {
			return drawCompareFigures(dir, s.File.Name, x.seed(), x.reps, formats)
		},
		report: func(path string, res *experimentResult) error { return writeCompareReport(path, x, res) },
	}, e)
	if err != nil && !errors.Is(err, errInterrupted) {
		return err
	}
	if errors.Is(err, errInterrupted) {
		fmt.Fprintf(e.stderr, "borderwork %s: kept %d finished runs in %s (marked incomplete)\n", name, len(res.rows), out)
		return err
	}
	if c.json {
		return printJSONSummary(e.stdout, x, res.groups)
	}
	printSummary(e.stdout, x, res.groups)
	fmt.Fprintf(e.stdout, "\nWrote %s: tables, %d figures, report.md.\n", out, len(res.figures))
	return nil
}

// experimentResult is what writeExperiment leaves for printing.
type experimentResult struct {
	rows    []output.SummaryRow
	groups  []output.Group
	figures []string
}

// writeOptions says what a command's folder holds beyond the tables.
type writeOptions struct {
	jobs       []int               // the runs this folder holds, in order
	done       []output.SummaryRow // runs already in resumeFrom's tables: a prefix of jobs
	resume     string              // a folder whose tables hold the done runs
	quiet      bool
	byLocation bool                                           // also write locations.csv
	figures    func(dir string) ([]string, error)             // draws figures from the tables in dir
	report     func(path string, res *experimentResult) error // writes report.md
	extra      func(m *output.Manifest)                       // adds the command's fields
}

// writeExperiment runs x's jobs and writes the output folder at out. On
// interruption it writes what finished, marks the manifest incomplete and
// returns errInterrupted.
func writeExperiment(ctx context.Context, x *experiment, out string, workers int, o writeOptions, e *env) (*experimentResult, error) {
	folder, scenarioTOML, err := startFolder(x, out)
	if err != nil {
		return nil, err
	}
	defer folder.Discard()
	var ts, sum *output.CSVFile
	if o.resume != "" {
		ts, err = output.ContinueCSV(folder.Path("timeseries.csv"), filepath.Join(o.resume, "timeseries.csv"), output.TimeseriesHeader(x.paramKeys))
		if err == nil {
			sum, err = output.ContinueCSV(folder.Path("summary.csv"), filepath.Join(o.resume, "summary.csv"), output.SummaryHeader(x.paramKeys))
		}
	} else {
		ts, err = output.CreateCSV(folder.Path("timeseries.csv"), output.TimeseriesHeader(x.paramKeys))
		if err == nil {
			sum, err = output.CreateCSV(folder.Path("summary.csv"), output.SummaryHeader(x.paramKeys))
		}
	}
	if err != nil {
		if ts != nil {
			ts.Close()
		}
		return nil, err
	}
	tables := []string{"timeseries.csv", "summary.csv", "stats.csv"}
	var loc *output.CSVFile
	if o.byLocation {
		if loc, err = output.CreateCSV(folder.Path("locations.csv"), output.LocationsHeader(x.paramKeys)); err != nil {
			ts.Close()
			sum.Close()
			return nil, err
		}
		tables = append(tables, "locations.csv")
	}
	prog := newProgress(e.stderr, x.command, len(o.jobs), o.quiet)
	rows, runErr := x.execute(ctx, o.jobs[len(o.done):], workers, ts, sum, loc, prog, len(o.done))
	rows = append(o.done, rows...)
	closeErr := errors.Join(ts.Close(), sum.Close())
	if loc != nil {
		closeErr = errors.Join(closeErr, loc.Close())
	}
	if closeErr != nil {
		return nil, closeErr
	}
	if runErr != nil && !errors.Is(runErr, errInterrupted) {
		return nil, runErr
	}
	res := &experimentResult{rows: rows, groups: output.GroupRows(rows)}
	if err := output.WriteStats(folder.Path("stats.csv"), x.paramKeys, res.groups); err != nil {
		return nil, err
	}
	complete := runErr == nil
	if complete && o.figures != nil {
		if res.figures, err = o.figures(folder.Dir); err != nil {
			return nil, err
		}
	}
	if complete && o.report != nil {
		if err := o.report(folder.Path("report.md"), res); err != nil {
			return nil, err
		}
	}
	done := make([]int, len(rows))
	for i := range rows {
		done[i] = rows[i].Run.ID
	}
	m := x.manifest(output.SHA256(scenarioTOML), done)
	m.CommandLine = x.commandLine()
	m.Complete = complete
	if o.extra != nil {
		o.extra(m)
	}
	if err := finishFolder(folder, m, tables, res.figures); err != nil {
		return nil, err
	}
	return res, runErr
}

// allJobs is every run of x, in order.
func allJobs(x *experiment) []int {
	jobs := make([]int, x.nRuns())
	for k := range jobs {
		jobs[k] = k
	}
	return jobs
}
