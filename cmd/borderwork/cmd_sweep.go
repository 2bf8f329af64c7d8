package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/suggest"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios/design"
)

const sweepDoc = `
Sweep runs SCENARIO at every point of a design of parameter values, under
every selected regime, for --reps replicates: points × regimes × replicates
runs, in that order. Replicate r has the same seed at every point and under
every regime (common random numbers); run k's seed depends only on the
master seed and k's replicate, never on how runs are split.

A grid (the default) varies each --vary key over its values and runs every
combination:

	--vary KEY=a:b:n    n evenly spaced values from a to b, or down if a > b
	                    (not start:step:stop: 0:0.7:8 gives 0, 0.1, ..., 0.7,
	                    rounded to 12 significant figures of the range;
	                    25:5:3 gives 25, 15, 5; n of 1 only as a:a:1)
	--vary KEY=a,b,c    the values listed

A Latin hypercube (--design lhs --samples N) takes ranges, --vary KEY=a:b,
or KEY=a:b:log to draw evenly over the range's logarithms (a > 0: a rate
from 0.001 to 0.1 as often below 0.01 as above), and draws N points from
the master seed. KEY is any numeric scenario key,
as for --set: regimes.malfunctioning.outage_start, abuse.desperation_effect,
posts.Toummo.capacity, origins.Bamako.documented, ...; not seed or
replicates, which every point shares (give --seed and --reps), nor a key
--set also gives, which each point's values would replace. (--days is the
scenario's length, which a varied days replaces at each point, as the
command line a folder records gives it.) Keys that change none of the
regimes run (another regime's, or a location's coordinates, which the
engine does not read) are refused: every point would be the same.

Given again without --resume into the folder it left interrupted, a sweep
is refused: --resume keeps the finished runs and runs only the rest.

--shard i/n runs only the runs k with k mod n = i (round robin, which spreads
points and regimes evenly over shards) into a folder of its own; 'borderwork
merge' joins the shards into the folder an unsharded sweep writes. For a
Slurm job array: --shard $SLURM_ARRAY_TASK_ID/N with N fixed for the sweep
(not $SLURM_ARRAY_TASK_COUNT, which resubmitting some tasks changes; see
docs/cluster/).
--resume completes a folder whose sweep was interrupted; the result is the
same bytes as a sweep never interrupted. 'sweep --resume --out DIR' alone
takes the sweep from DIR's manifest (or from DIR.partial's, where a rerun
into DIR that was interrupted left its runs: completed, it replaces DIR;
when DIR holds another sweep than DIR.partial, it is refused, naming the
whole command that completes DIR.partial, since it cannot tell which is
the newer);
with the whole command, --resume checks that the folder was written by
it. Its figures are drawn in the formats, bands, size, metrics, regimes
and labels the folder records, unless --formats, --bands, --size,
--figure-metrics or --figure-regimes is given (a --label replaces that
key's label alone).

A regime that no varied key changes (its configuration is the same at every
point: say the keys are all regimes.malfunctioning.*, and the regime is
closed) is run once per replicate and its result reused at every point, not
run again; the tables are the same bytes either way, and manifest.json lists
such regimes under sweep.reused.

The terminal says the values each key took, a line per key.

Figures (not for shards, whose merge draws them): with one varied key, each
harm against the key, one line per regime with the spread of its replicates
(--bands); with two, a map per regime of --metric and one of the --contrast
difference between two regimes, whose paired interval per point
contrast.csv gives (heat maps for a grid, points coloured by
value for a Latin hypercube, which also gets a map of the share of points
where the contrast is positive); with more, each harm against each key.
'borderwork plot DIR --metric NAME' draws them for another metric;
--figure-metrics and --figure-regimes choose the metrics and regimes
drawn from the start, as plot does. --label KEY=TEXT labels the axis of a
varied key with TEXT, for a paper, in place of the key and its unit
("Chance an outage starts (per day)"), in the titles and in report.md's
captions too; report.md says once which key the label stands for.

report.md (not for shards, whose merge writes it) says what was run and,
per headline harm, each point's mean under each regime (for more than 30
points, the lowest and highest and where), and at how many points the
--contrast difference is above zero, below it or not established.
`

// preparingNoted is the number of points from which a sweep says, where
// progress is shown, that it is preparing them (about half a second).
const preparingNoted = 2000

func cmdSweep(ctx context.Context, args []string, e *env) error {
	fs := newFlagSet("sweep", "borderwork sweep [flags] [SCENARIO] --vary KEY=SPEC ...", sweepDoc, e)
	var c common
	var vary varyFlag
	c.register(fs, "", true)
	registerFigureFlags(fs, &c.bands, &c.size)
	c.registerRegimes(fs)
	fs.Var(&vary, "vary", "a varied key: `KEY=a:b:n`, KEY=a,b,c, or KEY=a:b (KEY=a:b:log: log-uniform) with --design lhs (repeatable)")
	designName := fs.String("design", "grid", "`grid` (every combination) or lhs (Latin hypercube)")
	samples := fs.Int("samples", 0, "`N` points of a Latin hypercube")
	shard := fs.String("shard", "", "run only shard `i/n` of the runs (k mod n = i)")
	resume := fs.Bool("resume", false, "complete the interrupted sweep folder --out DIR (alone: as its manifest says)")
	metric := fs.String("metric", "trapped_person_days", "the `metric` of the heat maps and of the table printed (a column of summary.csv)")
	contrast := fs.String("contrast", "", "heat map of the difference `a-b` between two regimes (default malfunctioning-closed when both run)")
	var figs sweepFigures
	fs.StringVar(&figs.metrics, "figure-metrics", "", "draw the figures for these summary metrics, a comma-separated `list` of columns of\nsummary.csv, as 'plot --metric' does (default: each harm against each key; --metric in maps)")
	fs.StringVar(&figs.regimes, "figure-regimes", "", "draw only these regimes, a comma-separated `list`, or all, as 'plot --regime' does (default: all)")
	fs.Var(&figs.labels, "label", labelUsage)
	arg, err := c.parseArgs(fs, args, e)
	if err != nil {
		return err
	}
	*designName = canonicalChoice(*designName) // as --bands and --size: LHS is lhs
	if *resume && len(vary) == 0 {
		return resumeSweep(ctx, fs, &c, figs, arg, e)
	}
	if len(vary) == 0 {
		return usageErrorf("give at least one --vary KEY=SPEC (borderwork check SCENARIO --keys lists the keys), or --resume --out DIR to complete a sweep")
	}
	for _, v := range vary {
		if err := design.CheckGiven(v); err != nil {
			return usageErrorf("%v", err)
		}
	}
	shardI, shardN, err := parseShard(*shard)
	if err != nil {
		return err
	}
	s, err := c.loadScenario(arg, fs)
	if err != nil {
		return err
	}
	regimes, err := c.regimeList(s)
	if err != nil {
		return err
	}
	limits, _ := c.limits.get()
	plan, err := experiment.NewSweep(s, arg, regimes, experiment.SweepSpec{
		Design: *designName, Samples: *samples, Vary: vary, Metric: *metric, Contrast: *contrast, Limits: limits,
	})
	if err != nil {
		return err
	}
	plan.PrepareWorkers = c.workers // the points are built on as many cores as the runs use
	// Each point is built and validated before the first run (about a
	// fifth of a millisecond each): many points say so rather than show
	// nothing.
	prep := c.newProgress(e, "sweep", 0)
	if n := len(plan.Points); n >= preparingNoted {
		prep.note(fmt.Sprintf("preparing %s points", words.Whole(int64(n))))
	}
	x, err := plan.PrepareContext(ctx)
	prep.finish()
	if err != nil {
		return err
	}
	// Keys that change none of the regimes run (another regime's, a
	// location's coordinates) give every point the same results.
	if reused := x.Reused(); len(reused) == len(x.Regimes) {
		verb := "change"
		if len(x.Keys) == 1 {
			verb = "changes"
		}
		return usageErrorf("--vary: %s %s none of the regimes run (%s): every point would give the same results; vary a key they use, or run the regimes whose keys these are (--regimes)",
			output.JoinAnd(x.Keys), verb, strings.Join(x.Regimes, ", "))
	}
	jobs := x.AllJobs()
	if shardN > 0 {
		if jobs, err = x.Shard(shardI, shardN); err != nil {
			return err
		}
	}
	out := c.out
	if out == "" {
		out = experiment.DefaultOut("sweep", s.Source)
		if shardN > 0 {
			out += fmt.Sprintf("-shard-%d-of-%d", shardI, shardN)
		}
	}
	return writeSweep(ctx, x, jobs, out, *resume, &c, figs, e)
}

// sweepFigures are --figure-metrics, --figure-regimes and --label, which
// choose what a sweep's figures show as plot's --metric, --regime and
// --label do, so that the command line a plotted sweep records draws its
// figures again.
type sweepFigures struct {
	metrics, regimes string
	labels           labelFlag
}

// apply records the choices given in o, after checking them against the
// regimes run and the keys varied.
func (f sweepFigures) apply(o *output.FigureOptions, regimes, keys []string, c *common) error {
	if err := experiment.CheckLabels(f.labels, keys, "sweep", "--label"); err != nil {
		return err
	}
	o.Labels = experiment.Relabelled(nil, f.labels)
	if c.given["figure-metrics"] {
		var err error
		if o.Metrics, err = splitList("--figure-metrics", f.metrics); err != nil {
			return err
		}
		var totals []string
		for _, t := range output.Totals {
			totals = append(totals, t.Name)
		}
		for _, m := range o.Metrics {
			if !slices.Contains(totals, m) {
				return usageErrorf("--figure-metrics: unknown metric %q (a column of summary.csv, such as trapped_person_days)%s", m, suggest.Hint(m, totals))
			}
		}
	}
	if c.given["figure-regimes"] {
		var err error
		if o.Regimes, err = splitList("--figure-regimes", f.regimes); err != nil {
			return err
		}
		if slices.Contains(o.Regimes, "all") { // every regime, the default, as plot --regime all
			o.Regimes = nil
		}
		for _, r := range o.Regimes {
			if !slices.Contains(regimes, r) {
				return usageErrorf("--figure-regimes: %q is not among the regimes run (%s)%s", r, strings.Join(regimes, ", "), suggest.Hint(r, regimes))
			}
		}
	}
	return nil
}

// sweepFlags are the flags that define a sweep, which 'sweep --resume
// --out DIR' alone takes from DIR's manifest instead.
var sweepFlags = []string{"seed", "days", "reps", "regimes", "set", "design", "samples", "shard", "metric", "contrast"}

// resumeSweep completes the interrupted sweep at --out from its own
// manifest.
func resumeSweep(ctx context.Context, fs *flagSet, c *common, figs sweepFigures, arg string, e *env) error {
	if !fs.set["out"] {
		return usageErrorf("--resume without --vary completes the sweep folder --out DIR: give --out")
	}
	var given []string
	for _, f := range sweepFlags {
		if fs.set[f] {
			given = append(given, "--"+f)
		}
	}
	if arg != "" {
		given = append([]string{arg}, given...)
	}
	if len(given) > 0 {
		return usageErrorf("--resume without --vary takes the sweep from %s's manifest; leave out %s, or give the whole sweep command", c.out, strings.Join(given, " "))
	}
	x, jobs, err := experiment.ResumePlan(ctx, c.out)
	if err != nil {
		return err
	}
	return writeSweep(ctx, x, jobs, c.out, true, c, figs, e)
}

// writeSweep runs a prepared sweep's jobs into out (resuming what out
// holds if resume) and prints what it did.
func writeSweep(ctx context.Context, x *experiment.Prepared, jobs []int, out string, resume bool, c *common, figs sweepFigures, e *env) error {
	limits, err := c.limits.get()
	if err != nil {
		return err
	}
	fo := c.figureOptions()
	if err := figs.apply(fo, x.Regimes, x.Keys, c); err != nil {
		return err
	}
	if !resume {
		// Run afresh, the finished runs at out (or beside it, at
		// PartialPath(out)) would be simulated again and
		// replaced without a word: they may be hours of work.
		if n, dir := experiment.Unfinished(out, x, jobs); n > 0 {
			return usageErrorf("--out: %s holds %s of this sweep, interrupted: give --resume to keep them and run only the rest (or choose another --out, or delete %s to run the sweep afresh)",
				dir, words.Count(n, "finished run"), dir)
		}
	}
	// The folder to resume is checked before the limits, reading only: a
	// folder of another sweep is refused as such whatever the limits say,
	// which is how Slurm's submit, probing with a work limit of one
	// agent-step, finds another sweep's shards before it queues anything.
	var resumed *experiment.Resumption
	if resume {
		r, err := experiment.Resumable(ctx, out, x, jobs)
		if err != nil {
			return err
		}
		if r.Complete {
			noteLeftovers(e, "sweep", out)
			return alreadyComplete(e, c, "sweep", out, r.Other, func() error {
				rows, err := experiment.CompleteRows(ctx, out, x)
				if err != nil {
					return err
				}
				return printJSONSummary(e.stdout, x, x.Groups(rows), newMeter(e.start, 0).performance())
			})
		}
		// A recorded option edited by hand is refused naming manifest.json
		// and its key, as plot refuses it, unless a flag replaces it.
		if err := r.CheckFigures(map[string]bool{"bands": c.given["bands"], "size": c.given["size"],
			"metrics": c.given["figure-metrics"], "regimes": c.given["figure-regimes"], "formats": c.given["formats"]}, slices.Collect(maps.Keys(figs.labels))...); err != nil {
			return err
		}
		// Refused before it says it continues: the completed folder
		// replaces out, which may need --force.
		if r.Replaces {
			if err := experiment.CheckOut(x, out, c.force); err != nil {
				return err
			}
		}
		resumed = r
	}
	workers, err := x.Fit(limits, len(jobs), c.workers)
	if err != nil {
		return err
	}
	noteWorkers(e, "sweep", workers, c.workers, len(jobs), c.quiet)
	before := earlierAt(out)
	o := experiment.Options{Workers: workers, Jobs: jobs, FigureOptions: fo, Force: c.force, Limits: limits}
	if r := resumed; r != nil {
		if !r.Replaces {
			// Completing out itself replaces none of its results (a
			// figure flag may make the command lines differ).
			before = earlier{}
		} else {
			continuingPartial(e, "sweep", out, r.From)
		}
		// As merge notes shards of other builds: the completed folder
		// records only this binary's build (a git pull between two
		// submissions of a Slurm array, say).
		if was, this := r.Build(), output.NewManifest("sweep").BuildName(); was != "" && was != this {
			fmt.Fprintf(e.stderr, "borderwork sweep: note: the runs %s holds were written by another build of borderwork (%s; this binary is %s), of one version and model version; the completed folder records this binary's build\n",
				r.From, was, this)
		}
		o.Done, o.Resume = r.Done, r.From
		// The figures are drawn as the folder records unless told
		// otherwise, so that a resumed sweep is the one interrupted.
		if f := r.Figures; f != nil {
			if !c.given["bands"] {
				o.FigureOptions.Bands = f.Bands
			}
			if !c.given["size"] {
				o.FigureOptions.Size = f.Size
			}
			if !c.given["figure-metrics"] {
				o.FigureOptions.Metrics = f.Metrics
			}
			if !c.given["figure-regimes"] {
				o.FigureOptions.Regimes = f.Regimes
			}
			// A label given replaces that key's alone, as plot's does.
			o.FigureOptions.Labels = experiment.Relabelled(f.Labels, figs.labels)
		}
	}

	shard := x.Sweep.Shard
	// A shard draws no figures, but records the formats for merge.
	formats, _ := parseFormats(c.formats)
	o.Formats = experiment.ResumedFormats(resumed, formats, c.given["formats"])
	todo := jobs[len(o.Done):]
	m := newMeter(e.start, min(c.workers, max(len(todo), 1)))
	prog := c.newProgress(e, "sweep", len(jobs))
	// The plan, where progress is shown, before the runs: standard
	// output says it only at the end, after a batch job's progress lines.
	prog.note(sweepPlan(x, shard, len(jobs)))
	prog.resumedFrom(len(o.Done))
	days := x.Scenario.File.Days
	prog.simulating(days, int64(x.Simulations(todo))*int64(days))
	m.watch(prog)
	o.Progress = prog.done
	res, err := experiment.Write(m.context(ctx), x, out, o)
	prog.finish()
	if errors.Is(err, runs.ErrInterrupted) {
		// The sweep alone: it works for a shard too, and finds the runs
		// at out.partial if they went there.
		// --force again if the runs were kept beside a folder that only
		// --force lets this one replace.
		again := []string{"borderwork", "sweep", "--resume", "--out", out}
		if res != nil && res.Dir != out && experiment.ForceNeeded(out, x.Owner()) {
			again = append(again, "--force")
		}
		resume := runs.ShellJoin(again)
		if whole := experiment.WholeResumeCommand(out); whole != "" {
			resume = whole // out holds another sweep: the alone form would ask which
		}
		return interrupted(e, "sweep", err, res, out, resume)
	}
	if err != nil {
		return err
	}
	noteLeftovers(e, "sweep", out)
	defer m.report(e.stderr, "sweep", c.quiet)
	if c.json {
		before.noteTo(e, true)
		return printJSONSummary(e.stdout, x, res.Groups, m.performance())
	}
	fmt.Fprintf(e.stdout, "%s: %s.\n", x.Scenario.File.Name, sweepPlan(x, shard, len(jobs)))
	printVaried(e.stdout, x.Sweep)
	printOverrides(e.stdout, x.Scenario.Sets())
	printResumed(e.stdout, out, len(o.Done), len(jobs))
	if reused := x.Reused(); len(reused) > 0 {
		whose := "its"
		if len(reused) > 1 {
			whose = "their"
		}
		said := fmt.Sprintf("The varied keys do not change %s: each of %s replicates was run once and reused at every point", output.JoinAnd(reused), whose)
		// A shard may hold each replicate of those regimes once, and so
		// reuse none: "so 12 of the 12 runs were simulated" read as if
		// some were not.
		none := fmt.Sprintf("The varied keys do not change %s, whose runs are reused wherever a replicate comes again at another point", output.JoinAnd(reused))
		switch made, sims := jobs, x.Simulations(jobs); {
		case len(o.Done) > 0: // resumed: what this process did, which the timing line measures
			made, sims = todo, x.Simulations(todo)
			if sims < len(made) {
				fmt.Fprintf(e.stdout, "%s, so of the %s runs made now %s were simulated.\n", said, words.Whole(int64(len(made))), words.Whole(int64(sims)))
			} else {
				fmt.Fprintf(e.stdout, "%s; of the %s made now none was, so all were simulated.\n", none, words.Count(len(made), "run"))
			}
		case sims < len(made):
			fmt.Fprintf(e.stdout, "%s, so %d of the %d runs were simulated.\n", said, sims, len(made))
		default:
			fmt.Fprintf(e.stdout, "%s; of the %s here none was, so all were simulated.\n", none, words.Count(len(made), "run"))
		}
	}
	if shard != "" { // "0 figure files" read as a failure in every task's log
		fmt.Fprintf(e.stdout, "Wrote %s: tables (a shard draws no figures; merge draws them).\n", out)
		before.note(e.stdout)
		return nil
	}
	fmt.Fprintln(e.stdout)
	printSweepTable(e.stdout, x, res.Groups)
	fmt.Fprintf(e.stdout, "Wrote %s: %s, report.md.\n", out, wroteTables(out, len(res.Figures)))
	before.note(e.stdout)
	return nil
}

// sweepTableMax is the most points whose table sweep prints: more would
// scroll the rest away, and report.md tables them (to its own limit).
const sweepTableMax = 20

// printSweepTable writes the results a reader of the terminal sees, as
// compare's table, then a blank line: the sweep's --metric at each point under each regime,
// mean ± 95% confidence half-width; for more than sweepTableMax points,
// where they are instead.
func printSweepTable(w io.Writer, x *experiment.Prepared, groups []output.Group) {
	t := output.TotalIndex(x.Sweep.Metric)
	if t < 0 {
		return
	}
	h := output.Totals[t]
	if len(x.Points) > sweepTableMax {
		fmt.Fprintf(w, "%s, and every other metric, at each of the %s points: report.md and stats.csv.\n\n", output.Capitalise(h.Title), words.Whole(int64(len(x.Points))))
		return
	}
	what := "means ± 95% confidence half-widths over the replicates"
	if x.Reps == 1 {
		what = "one replicate each"
	}
	fmt.Fprintf(w, "%s per run (%s), %s (--metric; report.md gives every metric):\n\n", output.Capitalise(h.Title), h.Unit, what)
	tw := tabwriter.NewWriter(w, 0, 0, 3, ' ', tabwriter.AlignRight)
	for _, row := range experiment.SweepTable(x, groups, t) {
		fmt.Fprintf(tw, "%s\t\n", strings.Join(row, "\t"))
	}
	tw.Flush()
	fmt.Fprintln(w)
}

// alreadyComplete says that --resume found the folder at out complete,
// with nothing to do (and, if other is not "", what the folder beside it
// holds): in words on standard output or, with --json, on standard error,
// the folder's results then printed as JSON on standard output by
// printJSON, as the command that wrote it printed them.
func alreadyComplete(e *env, c *common, name, out, other string, printJSON func() error) error {
	msg := out + " is already complete: nothing to do."
	if other != "" {
		msg += " " + other // which may end with a command: no full stop after it
	}
	if !c.json {
		fmt.Fprintln(e.stdout, msg)
		return nil
	}
	fmt.Fprintf(e.stderr, "borderwork %s: %s\n", name, msg)
	return printJSON()
}

// noteLeftovers names, on standard error, the hidden folders an earlier
// command left beside out (output.Leftovers): a shard killed outright
// leaves its finished runs there, which no command reads, and a cluster's
// quota fills with them. It never deletes them: a command writing out
// may be running now.
func noteLeftovers(e *env, name, out string) {
	left := output.Leftovers(out)
	// What the folder holds: a merge killed outright leaves the tables it
	// had joined so far (as large as the sweep's), not runs.
	it, they := "the runs it had finished", "the runs they had finished"
	if name == "merge" {
		it, they = "the tables it had merged so far", "the tables they had merged so far"
	}
	switch len(left) {
	case 0:
		return
	case 1:
		fmt.Fprintf(e.stderr, "borderwork %s: left beside %s, and not used: %s, a hidden folder that a command killed outright (SIGKILL, out of memory, a node failure) leaves behind with %s, or that a command writing %s now is using; delete it once none is\n",
			name, out, left[0], it, out)
	default:
		fmt.Fprintf(e.stderr, "borderwork %s: left beside %s, and not used: %s, hidden folders that commands killed outright (SIGKILL, out of memory, a node failure) leave behind with %s, or that a command writing %s now is using; delete them once none is\n",
			name, out, output.JoinAnd(left), they, out)
	}
}

// continuingPartial says, on standard error, that --resume continues the
// interrupted rerun at from, beside out, which it replaces once complete.
func continuingPartial(e *env, name, out, from string) {
	fmt.Fprintf(e.stderr, "borderwork %s: continuing the interrupted folder %s; once it is complete it replaces %s, which stays as it is until then\n", name, from, out)
}

// parseShard reads --shard i/n; 0, 0 when it is not given.
func parseShard(shard string) (i, n int, err error) {
	if shard == "" {
		return 0, 0, nil
	}
	a, b, ok := strings.Cut(shard, "/")
	si, err1 := strconv.Atoi(a)
	sn, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || sn < 1 || si < 0 || si >= sn {
		return 0, 0, usageErrorf("--shard must be i/n with 0 <= i < n, got %q", shard)
	}
	return si, sn, nil
}

// printResumed says, for a sweep or sensitivity analysis resumed with
// kept of its runs runs already in out, how many it kept and ran now: a
// Slurm task's log (--quiet, no timing line) says otherwise nothing of
// the runs an earlier attempt left. A folder started afresh says nothing.
func printResumed(w io.Writer, out string, kept, runs int) {
	if kept > 0 {
		fmt.Fprintf(w, "Resumed %s: %s of its %s kept, %s run now.\n", out,
			words.Whole(int64(kept)), words.Count(runs, "run"), words.Whole(int64(runs-kept)))
	}
}

// printVaried says, a line per varied key, the values the sweep ran: a
// grid's values in order (a:b:n read as start:step:stop would have given
// others, and this is where that shows), a Latin hypercube's range.
func printVaried(w io.Writer, sw *output.SweepInfo) {
	for _, v := range experiment.VariedKeys(sw) {
		fmt.Fprintf(w, "  %s: %s\n", v.Key, v.Took)
	}
}

// sweepPlan is the size of sweep x: "15 points × 4 regimes × 4
// replicates = 240 runs", and the runs of its shard, if it is one.
func sweepPlan(x *experiment.Prepared, shard string, jobs int) string {
	plan := fmt.Sprintf("%s × %s × %s = %s", words.Count(len(x.Points), "point"), words.Count(len(x.Regimes), "regime"),
		words.Count(x.Reps, "replicate"), words.Count(x.NRuns(), "run"))
	if shard != "" {
		plan += fmt.Sprintf("; shard %s holds %s of them", shard, words.Whole(int64(jobs)))
	}
	return plan
}
