package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"os"
	"slices"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/gsa"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/sensitivity"
)

const sensitivityDoc = `
Sensitivity asks which of SCENARIO's assumptions drive each result: a
global sensitivity analysis over the scenario's numeric keys and those of
its regime factor space (the levels under [factors.FACTOR.LEVEL]), all of
them unless --params chooses. docs/SENSITIVITY.md explains the method.

--method morris (the default) screens: r trajectories of k+1 points each
(Morris elementary effects), and for every parameter µ* (importance), µ
(direction) and σ (non-linearity and interactions). --method sobol gives
first-order and total Sobol' indices from N(k+2) points (Saltelli's
scheme; Saltelli 2010 and Jansen estimators); run it on the few
parameters a screening kept (--screen DIR --top 10: every output's
leader, then every output's 2nd, ...; the rest stay at their values, so
the indices are conditional on them, and those among the top 3 on some
output left out are named). Every index has a 95% percentile bootstrap
interval.

Parameters: --params KEY, or a pattern such as 'abuse.*', with the
default range; KEY=lo:hi (or lo:hi:log, log-uniform) for a range of your
own; -KEY to leave keys fixed; repeatable, later ones winning.
--params-file reads the same from [[param]] tables. The default range is
the value ±--range-share of it, clamped to the key's valid range and,
for a factor level, to its side of the halfway point to the other
levels' values, so that the levels keep their order; the days of
schedules and the trapped threshold migrants.trapped_after_days (it
defines the outputs trapped and stranded) stay fixed unless named, keys
at 0 unless given a range, and the experiment's settings and locations'
coordinates stay fixed.
parameters.csv lists every key, its range and why.

At each point every regime runs (--regimes) for --reps replicates with
the same seeds at every point (common random numbers); the outputs are
each --metrics metric under each regime. With --effects, the claim's
2×2×2 design runs instead, and the outputs are those effects on each
metric (claim: the effects the claim's verdict rests on). The analysis
uses each point's mean over its replicates and reports the share of the
variance that is replicate noise.

--shard i/n runs only the runs k with k mod n = i into a folder of its
own; 'borderwork merge' checks the shards and joins them into the folder
an unsharded run writes. --resume completes an interrupted folder (give
the whole command again), drawing the formats, at the size and with the
labels the folder records unless --formats, --size or --label is given
(a --label replaces that key's label alone). Given only --resume
--out DIR, DIR is checked before anything is set up: missing or empty,
it holds nothing to resume, and another analysis's folder needs the
whole command; both are refused. An analysis beyond --max-work or --max-memory
is refused before anything runs.

--label KEY=TEXT names the varied parameter KEY by TEXT in the figures
(a Sobol' bar, the Morris key), for a paper, in place of its short key
name; report.md says which key each label stands for.
`

// numericSettings copies the numeric settings given on the command line
// into spec, refusing 0 (which spec would take for the default) and any
// other value outside the setting's range.
func numericSettings(spec *gsa.Spec, fs *flagSet, counts map[string]*int, confidence float64) error {
	fields := map[string]*int{"trajectories": &spec.Trajectories, "levels": &spec.Levels, "candidates": &spec.Candidates,
		"samples": &spec.Samples, "resamples": &spec.Resamples}
	for _, name := range []string{"trajectories", "levels", "candidates", "samples", "resamples"} {
		if fs.set[name] {
			if err := gsa.CheckSetting(name, float64(*counts[name])); err != nil {
				return usageErrorf("%v", err)
			}
			*fields[name] = *counts[name]
		}
	}
	if fs.set["confidence"] {
		if err := gsa.CheckSetting("confidence", confidence); err != nil {
			return usageErrorf("%v", err)
		}
		spec.Level = confidence
	}
	return nil
}

func cmdSensitivity(ctx context.Context, args []string, e *env) error {
	fs := newFlagSet("sensitivity", "borderwork sensitivity [flags] [SCENARIO]", sensitivityDoc, e)
	var c common
	var params listFlag
	spec := gsa.Spec{}
	fs.StringVar(&spec.Method, "method", gsa.Morris, "`morris` (screening) or sobol (variance-based indices)")
	fs.Var(&params, "params", "vary `KEY`, a pattern such as 'abuse.*', KEY=lo:hi, KEY=lo:hi:log, or -KEY to fix it\n(repeatable, comma-separated; default: every key the default rule can vary)")
	paramsFile := fs.String("params-file", "", "read parameters from the [[param]] tables of `FILE`, before --params")
	screen := fs.String("screen", "", "vary the --top parameters of the Morris folder `DIR`, over its ranges")
	top := fs.Int("top", 10, "with --screen, the `N` most influential parameters")
	fs.Float64Var(&spec.Share, "range-share", gsa.DefaultShare, "default ranges are the value ± `S` times it, clamped to the key's valid range")
	metrics := fs.String("metrics", "harms", "the metrics explained: a comma-separated `list` of summary.csv columns, or harms, headlines, all")
	effects := fs.String("effects", "", "explain these claim effects on each metric instead, running the claim's design: a comma-separated `list` of effect IDs, or claim")
	fs.BoolVar(&spec.Split, "split-malfunction", false, "with --effects, split malfunction into reliability, integrity and information")
	// The numeric settings carry their defaults, which --help shows; one
	// not given is left 0 in spec (the default for the method), and one
	// given as 0 is refused like any other invalid value.
	counts := map[string]*int{
		"trajectories": fs.Int("trajectories", sensitivity.DefaultTrajectories, "Morris: `r` trajectories, at least 2"),
		"levels":       fs.Int("levels", sensitivity.DefaultLevels, "Morris: `p` grid levels, even, at most 100"),
		"candidates":   fs.Int("candidates", 0, "Morris: draw `M` trajectories, at least r, and keep the r most spread out"),
		"samples":      fs.Int("samples", gsa.DefaultSamples, "Sobol': `N` base samples, at least 2; a power of two keeps the sequence balanced\n(another N runs, with a warning)"),
		"resamples":    fs.Int("resamples", sensitivity.DefaultResamples, "`B` bootstrap resamples for the intervals, at least 2"),
	}
	fs.Lookup("candidates").DefValue = "5r"
	fs.StringVar(&spec.Base, "base", "", "Sobol: base `sequence`, sobol-scrambled, sobol or random (default sobol-scrambled)")
	confidence := fs.Float64("confidence", sensitivity.DefaultLevel, "confidence `level` of the intervals, between 0 and 1")
	shard := fs.String("shard", "", "run only shard `i/n` of the runs (k mod n = i)")
	resume := fs.Bool("resume", false, "complete the interrupted sensitivity folder --out DIR (give the whole command;\ngiven alone, with --out DIR only, it completes a folder of the default analysis,\nthat of borderwork sensitivity with no other flags)")
	c.register(fs, "", true)
	registerSizeFlag(fs, &c.size)
	var labels labelFlag
	fs.Var(&labels, "label", "name a varied parameter in every figure by `KEY=TEXT`: TEXT in place of KEY's short name\n"+
		"(repeatable; TEXT one line of at most 80 characters; KEY= with no text drops KEY's label)")
	c.registerRegimes(fs)
	// Replicates at each point: 2 unless asked, not the scenario's (often
	// 20, and a design has thousands of points).
	c.reps = 2
	reps := fs.Lookup("reps")
	reps.DefValue, reps.Usage = "2", "`N` replicates at each point, at least 2 (not the scenario's)"
	fs.Lookup("regimes").Usage = "comma-separated `list` of regimes run at each point (default: the scenario's default regimes)"
	fs.Lookup("json").Usage = "print every index as JSON"
	arg, err := c.parseArgs(fs, args, e)
	if err != nil {
		return err
	}
	spec.Method = canonicalChoice(spec.Method) // as --bands and --size: SOBOL is sobol
	// Only how and where to run given (sensitivity --resume --out DIR, as
	// sweep takes it): the default analysis, but most likely not meant.
	onlyHow := arg == "" && !givesAnalysis(fs)
	if err := numericSettings(&spec, fs, counts, *confidence); err != nil {
		return err
	}
	shardI, shardN, err := parseShard(*shard)
	if err != nil {
		return err
	}
	if fs.set["top"] && *screen == "" {
		return usageErrorf("--top is for --screen")
	}
	if !(spec.Share > 0) {
		return usageErrorf("--range-share must be more than 0, got %v", spec.Share)
	}
	fs.set["reps"] = true // the default is the command's, not the scenario's
	s, err := c.loadScenario(arg, fs)
	if err != nil {
		return err
	}
	if c.regimes != "" {
		if spec.Regimes, err = c.regimeList(s); err != nil {
			return err
		}
	}
	if spec.Metrics, err = splitList("--metrics", *metrics); err != nil {
		return err
	}
	if spec.Effects, err = splitList("--effects", *effects); err != nil {
		return err
	}
	out := c.out
	if out == "" {
		out = experiment.DefaultOut("sensitivity", s.Source)
		if shardN > 0 {
			out += fmt.Sprintf("-shard-%d-of-%d", shardI, shardN)
		}
	}
	before := earlierAt(out)
	if *resume {
		// --resume completes the folder's own analysis or refuses: it
		// replaces no results, whatever figure flags it is given.
		before = earlier{}
	}
	if *resume && onlyHow {
		// Checked before anything is set up: setting up even the default
		// analysis takes seconds, and is wasted on a folder it cannot
		// resume.
		if err := resumeOnlyHow(s, spec, out); err != nil {
			return err
		}
	}
	var sc *gsa.Screening
	if *screen != "" {
		if err := gsa.CheckScreenOut(*screen, out); err != nil {
			return err
		}
		if sc, err = gsa.Screen(ctx, *screen, *top); err != nil {
			return err
		}
		spec.Entries = append(spec.Entries, sc.Entries...)
	}
	if *paramsFile != "" {
		entries, err := gsa.ReadParamFile(*paramsFile)
		if err != nil {
			return err
		}
		spec.Entries = append(spec.Entries, entries...)
	}
	for _, p := range params {
		list, err := splitList("--params", p)
		if err != nil {
			return err
		}
		if err := decimalComma(p, list); err != nil {
			return err
		}
		for _, one := range list {
			entry, err := gsa.ParseEntry(one)
			if err != nil {
				return err
			}
			spec.Entries = append(spec.Entries, entry)
		}
	}
	limits, err := c.limits.get()
	if err != nil {
		return err
	}
	spec.Limits = limits
	st, err := gsa.NewContext(ctx, s, arg, spec)
	if err != nil {
		return err
	}
	if sc != nil {
		noteLeftOut(e, *screen, *top, sc, st.Keys)
		if diff, err := gsa.ScreenedOther(*screen, s); err != nil {
			// The screening itself was read; only the comparison fails (a
			// scenario.toml an older borderwork wrote, say).
			fmt.Fprintf(e.stderr, "borderwork sensitivity: note: cannot tell whether the screening at %s ran this scenario: %v\n", *screen, err)
		} else if diff != "" {
			fmt.Fprintf(e.stderr, "borderwork sensitivity: note: the screening at %s ran another scenario than this analysis (%s): its ranking of the parameters may not hold here; screen this scenario to be sure.\n", *screen, diff)
		}
	}
	noteSamples(e, &st.Info)
	shardName := "" // as the manifest records it
	if shardN > 0 {
		shardName = fmt.Sprintf("%d/%d", shardI, shardN)
	}
	o := gsa.Options{Workers: c.workers, Shard: shardI, Shards: shardN, Resume: *resume, Reanalyse: c.json, Force: c.force, Limits: limits, Screen: *screen}
	// A shard draws no figures, but records the formats for merge.
	o.Formats, _ = parseFormats(c.formats)
	o.FormatsGiven = c.given["formats"]
	o.FigureOptions, o.SizeGiven = c.figureOptions(), c.given["size"]
	o.Labels = labels
	var prog *progress
	var started gsa.Starting
	m := newMeter(e.start, c.workers)
	o.Start = func(run gsa.Starting) {
		started = run
		if run.Continues != "" {
			continuingPartial(e, "sensitivity", out, run.Continues)
		}
		noteWorkers(e, "sensitivity", run.Workers, c.workers, run.Runs-run.Resumed, c.quiet)
		m.workers = min(run.Workers, max(run.Runs-run.Resumed, 1))
		prog = c.newProgress(e, "sensitivity", run.Runs)
		prog.resumedFrom(run.Resumed)
		days := s.File.Days
		prog.simulating(days, int64(run.Simulations)*int64(days))
		m.watch(prog)
	}
	o.Progress = func(done int) { prog.done(done) }
	res, err := st.Write(m.context(ctx), out, o)
	if prog != nil {
		prog.finish()
	}
	// Given no analysis, the default one was compared with the folder's:
	// it is not another analysis the user has, but the rest of the command.
	if other := (*experiment.OtherPlanError)(nil); *resume && onlyHow && errors.As(err, &other) {
		return wholeCommandNeeded(other)
	}
	if errors.Is(err, runs.ErrInterrupted) {
		if res == nil { // stopped before the folder was started: nothing written
			return err
		}
		// The whole command again, its shard and folder included, as
		// the manifest records it.
		again := st.X.CommandLine()
		if shardN > 0 {
			again += " --shard " + shardName
		}
		again += " " + runs.ShellJoin([]string{"--out", out, "--resume"})
		err = sayInterrupted(e, "sensitivity", err)
		if res.Dir != out && experiment.ForceNeeded(out, st.X.Owner()) {
			again += " --force" // the runs were kept beside a folder only --force lets this one replace
		}
		if res.Dir != out {
			fmt.Fprintf(e.stderr, "borderwork sensitivity: %s is unchanged; kept %s in %s (marked incomplete); %s\n", out, words.Count(res.Runs, "finished run"), res.Dir, completes(again, out, res.Dir))
		} else {
			fmt.Fprintf(e.stderr, "borderwork sensitivity: kept %s in %s (marked incomplete); this completes it: %s\n", words.Count(res.Runs, "finished run"), out, again)
		}
		return err
	}
	if err != nil {
		return err
	}
	noteLeftovers(e, "sensitivity", out)
	if res.Already {
		return alreadyComplete(e, &c, "sensitivity", out, res.Other, func() error {
			return printSensitivityJSON(e.stdout, st, res.Result, shardName, res.Runs, newMeter(e.start, 0).performance())
		})
	}
	defer m.report(e.stderr, "sensitivity", c.quiet)
	if c.json {
		before.noteTo(e, true)
		return printSensitivityJSON(e.stdout, st, res.Result, shardName, res.Runs, m.performance())
	}
	printSensitivityPlan(e.stdout, st)
	printResumed(e.stdout, out, started.Resumed, started.Runs)
	if shardN > 0 {
		fmt.Fprintf(e.stdout, "Shard %d/%d holds %d of the runs; merge the shards for the analysis.\nWrote %s.\n", shardI, shardN, res.Runs, out)
		before.note(e.stdout)
		return nil
	}
	printSensitivity(e.stdout, res.Result)
	fmt.Fprintf(e.stdout, "\nWrote %s: %s, report.md.\n", out, wroteTables(out, len(res.Figures)))
	before.note(e.stdout)
	return nil
}

// runFlags are sensitivity's flags that say how and where an analysis
// runs, not which analysis it is: those its command line leaves out.
var runFlags = []string{"resume", "out", "force", "workers", "quiet", "progress", "progress-every", "json", "formats", "size", "label", "shard", "max-work", "max-memory"}

// givesAnalysis reports whether a flag that says which analysis to run
// (one not among runFlags) was given.
func givesAnalysis(fs *flagSet) bool {
	for name := range fs.set {
		if !slices.Contains(runFlags, name) {
			return true
		}
	}
	return false
}

// resumeOnlyHow checks the folder that sensitivity --resume, given only
// --out DIR and how to run, would complete, before the default analysis
// it then stands for (of scenario s, as spec says) is set up: DIR, or
// DIR.partial beside it, must hold a folder of that analysis, which
// --resume then checks in full. A DIR with neither (missing, empty) has
// nothing to resume, and is not started afresh as the whole command
// starts it: given alone, --resume means to complete a folder. Another
// analysis's folder is refused as wholeCommandNeeded says, another
// command's as --resume refuses it. Nothing is written.
func resumeOnlyHow(s *scenarios.Scenario, spec gsa.Spec, out string) error {
	line, err := gsa.CommandLine(s, "", spec)
	if err != nil {
		return err
	}
	var refusal error
	complete := false // refusal is of a complete analysis at out
	for _, dir := range []string{out, experiment.PartialPath(out)} {
		m, err := output.ReadManifest(dir)
		switch {
		case errors.Is(err, os.ErrNotExist):
			continue
		case err != nil:
			err = runs.BadInput("--resume: %v", err)
		case m.Command != "sensitivity":
			err = runs.BadInput("--resume: %s holds a %s folder, not a sensitivity", dir, m.Command)
		case experiment.SameCommandLine(experiment.BaseCommandLine(m.CommandLine), line):
			return nil // the default analysis's: --resume checks the rest
		default:
			other := experiment.OtherPlan(out, dir, m)
			// A complete analysis at out beside an interrupted one at
			// out.partial (a rerun over it, stopped) is what an
			// interrupted rerun leaves: the command to quote is the one
			// that completes out.partial, not "nothing left to complete".
			if complete && !other.Complete {
				refusal = nil
			}
			complete = refusal == nil && other.Complete
			err = wholeCommandNeeded(other)
		}
		if refusal == nil {
			refusal = err
		}
	}
	if refusal == nil {
		return runs.BadInput("--resume: %s holds no sensitivity analysis to resume (no manifest.json); sensitivity --resume needs the whole command, unlike sweep --resume: give the interrupted analysis's command (its message quoted it), or leave out --resume to start an analysis", out)
	}
	return refusal
}

// wholeCommandNeeded is the refusal of sensitivity --resume given only
// --out DIR and how to run (no scenario, no analysis flag), as sweep
// --resume is, of a folder another analysis than the default wrote:
// unlike sweep, sensitivity needs the whole command, quoted.
func wholeCommandNeeded(other *experiment.OtherPlanError) error {
	const needs = "--resume: sensitivity --resume needs the whole command, unlike sweep --resume"
	if other.Complete {
		return runs.BadInput("%s; %s holds a complete analysis, with nothing left to complete, written by: %s", needs, other.Dir, other.Command)
	}
	return runs.BadInput("%s; this completes %s: %s", needs, other.Dir, other.Command)
}

// noteLeftOut warns, on stderr, of the parameters among the top three on
// some output of the screening that --top left out and that the study
// does not vary after all (a later --params or --params-file can): the
// indices of the kept ones are conditional on them at their scenario
// values, and a kept parameter that acts through one of them can look
// unimportant. Those among the top three by µ* that the screening could
// not tell from noise for want of trajectories (gsa.LeftOut.Unclear) get
// a sentence of their own: what would tell is more trajectories.
func noteLeftOut(e *env, dir string, top int, sc *gsa.Screening, keys []gsa.Key) {
	var left, unclear []string
	for _, l := range sc.LeftOut {
		if i := slices.IndexFunc(keys, func(k gsa.Key) bool { return k.Name == l.Name }); i >= 0 && keys[i].Varied {
			continue
		}
		if l.Unclear {
			unclear = append(unclear, fmt.Sprintf("%s (%s by µ* on %s)", l.Name, gsa.Ordinal(l.Place), l.Output.Title()))
			continue
		}
		left = append(left, fmt.Sprintf("%s (%s on %s)", l.Name, gsa.Ordinal(l.Place), l.Output.Title()))
	}
	if len(left) > 0 {
		fmt.Fprintf(e.stderr, "borderwork sensitivity: --screen %s --top %d leaves fixed, at their scenario values, %s among the top %d on some output: %s. "+
			"The indices are conditional on those values, and a parameter that acts through one of them can look unimportant; vary one with --params KEY, or raise --top.\n",
			dir, top, words.Count(len(left), "parameter"), gsa.ScreenTop, strings.Join(left, "; "))
	}
	if len(unclear) > 0 {
		fmt.Fprintf(e.stderr, "borderwork sensitivity: --screen %s also leaves fixed %s among the top %d by µ* on some output whose µ* lies above its noise level there but whose interval was too wide to tell it from noise: %s. "+
			"The screening could not place them for want of trajectories; vary one with --params KEY, or screen again with more --trajectories.\n",
			dir, words.Count(len(unclear), "parameter"), gsa.ScreenTop, strings.Join(unclear, "; "))
	}
}

// noteSamples warns, on stderr, of a Sobol' design whose N is not a
// power of two on a Sobol' sequence: the first 2^m points of the
// sequence, scrambled or not, form a net (in each coordinate, each of the
// 2^m equal intervals holds one point), and other N lose that balance and
// converge more slowly. The run still goes, as SciPy's qmc.Sobol and
// SALib warn and go on: the indices are still consistent, and a folder
// run with such an N can still be resumed and merged. Random base points
// have no balance to lose.
func noteSamples(e *env, info *gsa.Info) {
	n := info.Samples
	if info.Method != gsa.Sobol || info.Base == sensitivity.MonteCarlo.String() || n&(n-1) == 0 {
		return
	}
	below := 1 << (bits.Len(uint(n)) - 1)
	fmt.Fprintf(e.stderr, "borderwork sensitivity: --samples %d is not a power of two: the first N points of a Sobol' sequence are balanced (in each coordinate, each of N equal intervals holds one point) only when N is one, and the indices converge more slowly without it; --samples %d or %d keeps the balance. Running with N = %d.\n", n, below, 2*below, n)
}

// printSensitivityPlan says what the analysis ran.
func printSensitivityPlan(w io.Writer, st *gsa.Study) {
	what := fmt.Sprintf("Morris screening of %d parameters, %d trajectories", len(st.Params), st.Trajectories)
	if st.Method == gsa.Sobol {
		what = fmt.Sprintf("Sobol' indices of %d parameters, N = %d", len(st.Params), st.Samples)
	}
	arms := words.Count(len(st.Arms), "regime")
	if len(st.Effects) > 0 {
		arms = words.Count(len(st.Arms), "cell") + " of the claim's design"
	}
	fmt.Fprintf(w, "%s: %s: %s × %s × %s = %s.\n", st.Scenario.File.Name, what,
		words.Count(st.Points, "point"), arms, words.Count(st.Scenario.File.Replicates, "replicate"), words.Count(st.Runs(), "run"))
	printOverrides(w, st.Scenario.Sets())
}

// printSensitivity names the parameters that matter, output by output.
func printSensitivity(w io.Writer, r *gsa.Result) {
	measure := "µ*"
	if r.Sobol != nil {
		measure = "total index"
	}
	fmt.Fprintf(w, "\nThe most influential parameters of each output (%s), among those clearly above replicate noise and not negligible, with (#n) their place by %s among all the parameters, as report.md gives it:\n\n", measure, measure)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "output\t1st\t2nd\t3rd\n")
	for o, out := range r.Info.Outputs {
		fmt.Fprintf(tw, "%s", out.Title())
		infl, rank := r.Influential(o), r.Rank(o)
		for j := range 3 {
			cell := ""
			if j < len(infl) {
				// Its place among all the parameters (one below noise may
				// rank above it), ties broken as report.md and the tables
				// break them.
				i := infl[j]
				cell = fmt.Sprintf("%s %s (#%d)", r.Params[i].Name, gsa.Num(r.Index(o, i).Value), slices.Index(rank, i)+1)
			} else if j == 0 {
				cell = "(none that matters)"
			}
			fmt.Fprintf(tw, "\t%s", cell)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	// With one output the count would only repeat the table's row.
	if leaders := r.Leaders(); len(leaders) > 0 && len(r.Info.Outputs) > 1 {
		fmt.Fprintf(w, "\nThe parameters that matter across the %d outputs (among the top 3 on how many):\n", len(r.Info.Outputs))
		var names []string
		var counts []int
		for _, l := range leaders[:min(10, len(leaders))] {
			names, counts = append(names, r.Params[l.Param].Name), append(counts, l.Top)
		}
		printAligned(w, names, counts)
	}
	if line := r.HalfSentence(); line != "" {
		fmt.Fprintf(w, "\n%s\n", line)
	}
}

// printAligned prints each name with its count, indented, the counts in
// a column after the longest name whatever the names' lengths.
func printAligned(w io.Writer, names []string, counts []int) {
	width := 0
	for _, n := range names {
		width = max(width, utf8.RuneCountInString(n))
	}
	for i, n := range names {
		fmt.Fprintf(w, "  %-*s  %d\n", width, n, counts[i])
	}
}

// printSensitivityJSON prints the analysis r as JSON; for a shard (r
// nil), which has no analysis, the plan, the shard and the runs it holds,
// with no outputs.
func printSensitivityJSON(w io.Writer, st *gsa.Study, r *gsa.Result, shard string, shardRuns int, perf *performance) error {
	type index struct {
		Parameter string   `json:"parameter"`
		Rank      int      `json:"rank"`
		Value     *float64 `json:"value"`
		Low       *float64 `json:"low"`
		High      *float64 `json:"high"`
		Mu        *float64 `json:"mu,omitempty"`
		Sigma     *float64 `json:"sigma,omitempty"`
		First     *float64 `json:"first,omitempty"`
		FirstLow  *float64 `json:"first_low,omitempty"`
		FirstHigh *float64 `json:"first_high,omitempty"`
		// Sobol': the indices from the first N/2 base samples, a design
		// of their own (report.md's "Convergence"), where N is 4 or more.
		TotalHalf  *float64 `json:"total_half,omitempty"`
		FirstHalf  *float64 `json:"first_half,omitempty"`
		NoiseLevel *float64 `json:"noise_level"`
		AboveNoise bool     `json:"above_noise"`
	}
	type out struct {
		Metric          string  `json:"metric"`
		Regime          string  `json:"regime,omitempty"`
		Effect          string  `json:"effect,omitempty"`
		NoiseShareRun   float64 `json:"noise_share_run"`
		NoiseShareMeans float64 `json:"noise_share_means"`
		// Sobol': ΣS, the sum of the first-order indices, with its
		// interval from the indices' bootstrap resamples.
		FirstSum     *float64 `json:"first_sum,omitempty"`
		FirstSumLow  *float64 `json:"first_sum_low,omitempty"`
		FirstSumHigh *float64 `json:"first_sum_high,omitempty"`
		Indices      []index  `json:"indices"`
	}
	doc := struct {
		Scenario string   `json:"scenario"`
		Seed     int64    `json:"seed"`
		Method   string   `json:"method"`
		Measure  string   `json:"measure"`
		Points   int      `json:"points"`
		Runs     int      `json:"runs"`
		Params   []string `json:"parameters"`
		// Shard and ShardRuns say which shard a shard's folder is and
		// how many runs it holds; its outputs are merge's.
		Shard     string `json:"shard,omitempty"`
		ShardRuns int    `json:"shard_runs,omitempty"`
		Outputs   []out  `json:"outputs"`
		// Performance is measured: it differs from one run to the next.
		Performance *performance `json:"performance"`
	}{Scenario: st.Scenario.File.Name, Seed: st.Scenario.File.Seed, Method: st.Method, Measure: "mu_star", Points: st.Points, Runs: st.Runs(), Performance: perf}
	if st.Method == gsa.Sobol {
		doc.Measure = "total"
	}
	doc.Outputs = []out{}
	if r == nil { // a shard: its analysis is merge's
		for _, p := range st.Params {
			doc.Params = append(doc.Params, p.Name)
		}
		doc.Shard, doc.ShardRuns = shard, shardRuns
		return writeJSON(w, doc)
	}
	for _, p := range r.Params {
		doc.Params = append(doc.Params, p.Name)
	}
	for o, op := range r.Info.Outputs {
		jo := out{Metric: op.Metric, Regime: op.Regime, Effect: op.Effect, NoiseShareRun: r.Noise[o].Share,
			NoiseShareMeans: r.Noise[o].ShareOfMeans}
		if r.Sobol != nil {
			e := r.Sobol.FirstSum[o]
			jo.FirstSum, jo.FirstSumLow, jo.FirstSumHigh = num(e.Value), num(e.Lo), num(e.Hi)
		}
		for rank, i := range r.Rank(o) {
			e := r.Index(o, i)
			ix := index{Parameter: r.Params[i].Name, Rank: rank + 1, Value: num(e.Value), Low: num(e.Lo), High: num(e.Hi),
				NoiseLevel: num(r.NoiseLevel(o, i)), AboveNoise: r.AboveNoise(o, i)}
			if r.Morris != nil {
				ix.Mu, ix.Sigma = num(r.Morris.Mu[o][i].Value), num(r.Morris.Sigma[o][i].Value)
			} else {
				s := r.Sobol.First[o][i]
				ix.First, ix.FirstLow, ix.FirstHigh = num(s.Value), num(s.Lo), num(s.Hi)
				if r.Sobol.HalfN > 0 {
					ix.TotalHalf, ix.FirstHalf = num(r.Sobol.HalfTotal[o][i]), num(r.Sobol.HalfFirst[o][i])
				}
			}
			jo.Indices = append(jo.Indices, ix)
		}
		doc.Outputs = append(doc.Outputs, jo)
	}
	return writeJSON(w, doc)
}

// decimalComma refuses a --params value whose comma sits inside a number
// (abuse.bribe=1,5:10, a decimal comma as a French or German keyboard
// types it): split at its commas, one entry ends with a digit and the
// next begins with one, which no key does, so each half was refused (or
// read) on its own, "abuse.bribe=1" with no word of the comma. list is
// value split at its commas (splitList).
func decimalComma(value string, list []string) error {
	for i := 1; i < len(list); i++ {
		before, after := list[i-1], list[i]
		if after == "" || before == "" || !isDigit(after[0]) || !isDigit(before[len(before)-1]) {
			continue
		}
		notDigit := func(r rune) bool { return r < '0' || r > '9' }
		whole := before[strings.LastIndexFunc(before, notDigit)+1:]
		if j := len(before) - len(whole) - 1; j >= 0 && before[j] == '-' && (j == 0 || strings.ContainsRune("=:", rune(before[j-1]))) {
			whole = "-" + whole // lo:hi's own minus, not -KEY's
		}
		frac := after[:strings.IndexFunc(after+" ", notDigit)]
		return usageErrorf("--params %s: a comma separates entries, so %s,%s reads as two (%s and %s); write a decimal with a point, %s.%s, not a comma", runs.ShellQuote(value), whole, frac, before, after, whole, frac)
	}
	return nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
