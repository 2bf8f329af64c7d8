package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/flee"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/validation"
)

const validateDoc = `
Validate compares a scenario with observed data. --data names the data
folder; what it holds says what is compared (docs/VALIDATION.md):

A Flee case folder (locations.csv, ...): the scenario runs under one
regime (open by default) for several replicates, and each camp's
simulated population is compared, day by day, with the UNHCR
registrations, by Flee's three error measures: rescaled (FabFlee's
validation figure), normal and total (docs/VALIDATION.md, "The
measures"). It prints each measure's mean over replicates with its 95%
interval, and writes validation.csv (per camp, day and measure, with
intervals), replicates.csv, fit.csv, a figure per camp, one of the error
over time, and report.md (the fit, each camp on the last day, the
figures, and what the comparison does not test).

A folder of flow counts (flows.csv, as data/dtm-niger): the scenario's
flow monitoring points ([[monitors]]) are compared with IOM DTM's counts
before and after the change of regime that ends its first [[phases]]
entry. The free parameters (inflow level and season, share of returns,
documented share) are calibrated on the counts before the change only,
by rejection sampling in two rounds (--draws sets, half from the prior
and half from a box around the closest of those; the --accept closest
in the box kept). The kept sets are not weighted, so they sample the
prior cut to that box, not an ABC posterior. They are run forward under
each regime (--reps replicates each, default 2) with nothing refitted,
and the prediction for the regime that happened (--regime, default
closed) is scored beside a baseline that carries the mean before the
change forward. It prints the kept sets' medians and the scores, and
writes rows.csv, draws.csv, posterior.csv (the kept sets' medians and
bands), scores.csv, monthly.csv, harms.csv, report.md and the figures
flows-outgoing and flows-incoming, on a logarithmic axis as the scores
are. --mmp FILE adds a Missing Migrants Project export you downloaded
(none is bundled): its incidents on Niger's desert routes beside the
model's deaths in the desert, in mmp.csv and the report.

Either way the figures are drawn at --size (single: one journal
column), which the folder records, with the formats, in its manifest and
its command line. The manifest records the data folder and the checksum
of each of its files, through symbolic links (hidden files and folders
borderwork wrote are not data: --out may be a new folder inside the data,
not the data folder itself), and of --mmp's export: 'borderwork reproduce DIR'
reruns the validation from them and checks every file byte for byte, and
'borderwork plot DIR' draws the figures again from the tables. Every file
is described in docs/OUTPUTS.md.

Examples:

	borderwork validate mali2012 --data data/flee/mali2012
	borderwork validate agadez2016 --data data/dtm-niger --size single
`

func cmdValidate(ctx context.Context, args []string, e *env) (err error) {
	// A validation is compared whole: stopped (Ctrl-C, SIGTERM), it keeps
	// no replicate and writes nothing, and says so.
	out := ""
	defer func() { err = validateStopped(err, out) }()
	fs := newFlagSet("validate", "borderwork validate --data DIR [flags] SCENARIO", validateDoc, e)
	var c common
	c.register(fs, "", true)
	registerSizeFlag(fs, &c.size)
	data := fs.String("data", "", "the data folder `DIR`: a Flee case, or flow counts (flows.csv) (required)")
	regime := fs.String("regime", "open", "run under `REGIME`; with flow counts, the regime that followed the change")
	fs.defaultMore = map[string]string{"regime": "; closed with flow counts"}
	// With flow counts --reps is the replicates of each kept parameter set.
	fs.Lookup("reps").Usage = "`N` replicates (default: the scenario's replicates, 20 if unset; with flow counts,\n2 of each kept parameter set under each regime)"
	var dv dtmFlags
	fs.IntVar(&dv.draws, "draws", 600, "with flow counts: parameter sets drawn, `N`: half from the prior, half from a box around the closest")
	fs.IntVar(&dv.accept, "accept", 30, "with flow counts: parameter sets kept, `N`, the closest to the counts before the change")
	fs.StringVar(&dv.mmp, "mmp", "", "with flow counts: a Missing Migrants Project export, `FILE` (CSV), to compare deaths with")
	arg, err := c.parseArgs(fs, args, e)
	if err != nil {
		return err
	}
	switch {
	case arg == "":
		return usageErrorf("want a SCENARIO (usage: %s)", fs.usageLine)
	case *data == "":
		return usageErrorf("--data DIR is required; %s", dataWanted(arg))
	}
	if err := checkDataFolder(*data, arg); err != nil {
		return err
	}
	if validation.NewKind(*data) == validation.FlowCounts {
		if !fs.set["regime"] {
			*regime = "closed"
		}
		return validateFlows(ctx, fs, &c, e, arg, *data, *regime, dv, &out)
	}
	for _, f := range []string{"draws", "accept", "mmp"} {
		if fs.set[f] {
			return usageErrorf("--%s is for a folder of flow counts (flows.csv); %s is not one", f, *data)
		}
	}
	s, err := c.loadScenario(arg, fs)
	if err != nil {
		return err
	}
	out = c.outDir("validate", s)
	if !slices.Contains(s.RegimeNames(), *regime) {
		return usageErrorf("--regime: unknown regime %q (regimes of %s: %s)", *regime, s.File.Name, strings.Join(s.RegimeNames(), ", "))
	}
	cs, err := flee.Read(*data)
	if err != nil {
		return err
	}
	// Days past the case's period have nothing to compare with
	// (flee.CheckDays): refused naming --days when it gave them.
	if fs.set["days"] && s.File.Days > cs.Days {
		return usageErrorf("--days: %s", flee.DaysPastPeriod(s.File.Days, cs))
	}
	// The data's checksums, for reproduce: as it was read.
	info, err := validation.NewInfo(ctx, *data, *regime)
	if errors.Is(err, runs.ErrInterrupted) {
		return err
	}
	if err != nil {
		return usageErrorf("--data: %v", err)
	}
	// The same limits as every simulating command, before anything runs.
	limits, _ := c.limits.get()
	x, err := (&experiment.Plan{Command: "validate", Scenario: s, Regimes: []string{*regime}, Reps: s.File.Replicates}).PrepareContext(ctx)
	if err != nil {
		return err
	}
	if _, err := x.Fit(limits, x.NRuns(), 1); err != nil {
		return err
	}
	formats, _ := parseFormats(c.formats)
	before := earlierAt(out)
	folder, out, err := createValidateFolder(&c, s, *data)
	if err != nil {
		return err
	}
	defer folder.Discard()
	seed := uint64(s.File.Seed)
	m := newMeter(e.start, min(c.workers, s.File.Replicates))
	prog := c.newProgress(e, "validate", s.File.Replicates)
	prog.simulating(s.File.Days, int64(s.File.Replicates)*int64(s.File.Days))
	m.watch(prog)
	v, err := flee.Validate(m.context(ctx), s, cs, flee.ValidateOptions{Regime: *regime, Replicates: s.File.Replicates, Seed: seed, Workers: c.workers, Progress: prog.done})
	prog.finish()
	if err != nil && ctx.Err() != nil {
		// Stopped (Ctrl-C, SIGTERM): status 130, as every command says
		// it; a validation is compared whole, so no replicate is kept.
		return fmt.Errorf("%w before the replicates were done", runs.ErrInterrupted)
	}
	if err != nil {
		return err
	}
	figures, err := validation.WriteFlee(ctx, folder, v, s, c.figureOptions(), formats, arg, info)
	if err != nil {
		return validateWriteError(err)
	}
	defer m.report(e.stderr, "validate", c.quiet)
	if c.json {
		before.noteTo(e, true)
		return printValidationJSON(e, v, out, m.performance())
	}
	printValidation(e, v, s.Sets(), *data, out, figures)
	before.note(e.stdout)
	return nil
}

// createValidateFolder starts the folder validate writes, whatever its
// data (the folder data), at --out or its default, and returns it with
// where it goes. It may go in a subfolder of the data (validation.DataFiles
// leaves output folders out) but not mix with the data (validation.CheckOut).
func createValidateFolder(c *common, s *scenarios.Scenario, data string) (*output.Folder, string, error) {
	out := c.outDir("validate", s)
	if err := validation.CheckOut(out, data); err != nil {
		return nil, "", usageErrorf("--out: %v", err)
	}
	folder, err := output.Create(out, output.Owner{Command: "validate", Source: s.Source}, c.force)
	if errors.Is(err, output.ErrNotOurs) {
		return nil, "", usageErrorf("--out: %v", err)
	}
	return folder, out, err
}

// validateStopped is err, and if it says that validate was interrupted,
// that nothing was written and the folder at out (when known) is as it
// was: validate keeps no replicate of an unfinished validation.
func validateStopped(err error, out string) error {
	if !errors.Is(err, runs.ErrInterrupted) {
		return err
	}
	if out == "" {
		return fmt.Errorf("%w; nothing was written", err)
	}
	return fmt.Errorf("%w; nothing was written, and %s is as it was", err, out)
}

// validateWriteError is the error of writing a validate folder: one the
// folder at --out refuses is the flag's.
func validateWriteError(err error) error {
	if errors.Is(err, output.ErrNotOurs) {
		return usageErrorf("--out: %v", err)
	}
	return err
}

func printValidation(e *env, v *flee.Validation, sets []string, data, out string, figures int) {
	fmt.Fprintf(e.stdout, "%s against %s: regime %s, %s, seed %d, %s.\n", v.Scenario, data, v.Regime, words.Count(v.Replicates, "replicate"), v.Seed, words.Count(v.Days, "day"))
	if v.Partial() {
		fmt.Fprintf(e.stdout, "Only the first %d of the case's %d days (sim_period.csv's Length) are compared, as Flee's run.py compares a shorter period: the errors are not the whole period's.\n", v.Days, v.CaseDays)
	}
	printOverrides(e.stdout, sets)
	fmt.Fprintln(e.stdout)
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "error\tmean\t95% interval") // no tab at the end: no trailing spaces
	for m := range flee.NumMeasures {
		st := v.Summary(m)
		interval := "(one replicate)"
		if st.N > 1 {
			interval = fmt.Sprintf("[%.4f, %.4f]", st.Lo, st.Hi)
		}
		fmt.Fprintf(tw, "%s\t%.4f\t%s\n", m, st.Mean, interval)
	}
	tw.Flush()
	fmt.Fprintf(e.stdout, "\n(each run's error is its mean over days; Flee reports the rescaled one.)\nWrote %s: %s, report.md.\n", out, wroteTables(out, figures))
}

func printValidationJSON(e *env, v *flee.Validation, out string, perf *performance) error {
	type stat struct {
		Mean float64  `json:"mean"`
		Lo   *float64 `json:"lo"` // null for one replicate
		Hi   *float64 `json:"hi"`
	}
	summary := struct {
		Scenario    string          `json:"scenario"`
		Regime      string          `json:"regime"`
		Replicates  int             `json:"replicates"`
		Seed        uint64          `json:"seed"`
		Days        int             `json:"days"`      // compared: the first days of the case's
		CaseDays    int             `json:"case_days"` // sim_period.csv's Length
		Errors      map[string]stat `json:"errors"`
		Out         string          `json:"out"`
		Performance *performance    `json:"performance"`
	}{Scenario: v.Scenario, Regime: v.Regime, Replicates: v.Replicates, Seed: v.Seed, Days: v.Days, CaseDays: v.CaseDays, Errors: map[string]stat{}, Out: out, Performance: perf}
	for m := range flee.NumMeasures {
		st := v.Summary(m)
		x := stat{Mean: st.Mean}
		if st.N > 1 {
			x.Lo, x.Hi = &st.Lo, &st.Hi
		}
		summary.Errors[m.String()] = x
	}
	return writeJSON(e.stdout, summary)
}
