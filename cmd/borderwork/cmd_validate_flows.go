package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/borderwork/borderwork/data"
	"github.com/borderwork/borderwork/dtm"
	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/infile"
	"github.com/borderwork/borderwork/internal/suggest"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/validation"
)

// dtmFlags are validate's flags for a folder of flow counts.
type dtmFlags struct {
	draws, accept int
	mmp           string
}

// checkDataFolder says what is wrong with --data before either kind of
// folder is read: a folder that is not there (with the nearest name beside
// it), a file, or a folder holding neither kind of data, saying which
// kind the scenario arg wants.
func checkDataFolder(dir, arg string) error {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		hint := siblingHint(dir)
		if hint == "" {
			hint = dataHint(dir)
		}
		return usageErrorf("--data %s: no such folder%s", dir, hint)
	case err != nil:
		return usageErrorf("--data: %v", err)
	case !st.IsDir():
		return usageErrorf("--data %s: a file, not a folder", dir)
	}
	if validation.NewKind(dir) == validation.FlowCounts {
		return nil
	}
	if st, err := os.Stat(filepath.Join(dir, "input_csv")); err == nil && st.IsDir() {
		return nil
	}
	// A flows.csv that is a pipe or a folder: the folder does hold one,
	// and "holds neither" sent the user looking for a missing file.
	if st, err := os.Stat(filepath.Join(dir, "flows.csv")); err == nil {
		return usageErrorf("--data %s: flows.csv %s", dir, infile.NotAFile(st.Mode()))
	}
	return usageErrorf("--data %s: holds neither input_csv/ nor flows.csv; %s", dir, dataWanted(arg))
}

// dataWanted says which kind of data folder the scenario arg wants:
// flow counts if it has flow monitoring points, a Flee case if not, or
// either if it does not load.
func dataWanted(arg string) string {
	const (
		flee  = "a Flee case folder (input_csv/ and source_data/, as data/flee/mali2012)"
		flows = "a folder of flow counts (flows.csv, as data/dtm-niger)"
	)
	// The scenario's own errors come later, where they are checked in full.
	s, err := scenarios.Load(arg)
	switch {
	case err != nil:
		return "give " + flee + " or " + flows
	case len(s.File.Monitors) > 0:
		return fmt.Sprintf("%s has flow monitoring points, so give %s", s.File.Name, flows)
	default:
		return fmt.Sprintf("%s has no flow monitoring points, so give %s", s.File.Name, flee)
	}
}

// siblingHint is "; did you mean D?" for the folder beside dir whose name
// is nearest to dir's, or "". D is spelt as dir was, its last name
// changed: on Windows, filepath.Join turned the "../data/x" typed into
// "..\data\x".
func siblingHint(dir string) string {
	parent := filepath.Dir(filepath.Clean(dir))
	entries, err := os.ReadDir(parent)
	if err != nil {
		return ""
	}
	var names []string
	for _, e := range entries { // ReadDir sorts by name
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	base := filepath.Base(filepath.Clean(dir))
	if c := suggest.Closest(base, names); c != "" {
		typed := strings.TrimRight(dir, `/`+string(filepath.Separator))
		if before, ok := strings.CutSuffix(typed, base); ok && before != "" && os.IsPathSeparator(before[len(before)-1]) {
			return "; did you mean " + before + c + "?"
		}
		return "; did you mean " + filepath.Join(parent, c) + "?"
	}
	return ""
}

// dataHint is for a data/... path that is not there because data/ is
// not: the README's commands name the repository's data folder, and run
// from the clone's root.
func dataHint(dir string) string {
	clean := filepath.Clean(dir)
	first, _, _ := strings.Cut(filepath.ToSlash(clean), "/")
	if filepath.IsAbs(clean) || first != "data" {
		return ""
	}
	if _, err := os.Stat("data"); err == nil {
		return ""
	}
	return "; there is no data folder here: data/ is the repository's, so run from the clone's root"
}

// validateFlows is validate with a folder of flow counts: a thin layer
// over dtm.Run. It sets *at to the folder it writes, once it knows it,
// for the message of an interruption.
func validateFlows(ctx context.Context, fs *flagSet, c *common, e *env, arg, dir, regime string, dv dtmFlags, at *string) error {
	switch {
	case dv.draws < validation.MinDraws || dv.draws > validation.MaxDraws:
		return usageErrorf("--draws must be a count in [%d, %d], got %d", validation.MinDraws, validation.MaxDraws, dv.draws)
	case dv.accept < 1 || dv.accept > dv.draws:
		return usageErrorf("--accept must be a count in [1, %d] (--draws), got %d", dv.draws, dv.accept)
	}
	reps := 2
	if fs.set["reps"] {
		reps = c.reps
	}
	// --reps is the replicates of each kept set here, not the scenario's.
	saved := c.reps
	c.reps, fs.set["reps"] = 0, false
	s, err := c.loadScenario(arg, fs)
	c.reps = saved
	if err != nil {
		return err
	}
	*at = c.outDir("validate", s)
	if !slices.Contains(s.RegimeNames(), regime) {
		return usageErrorf("--regime: unknown regime %q (regimes of %s: %s)", regime, s.File.Name, strings.Join(s.RegimeNames(), ", "))
	}
	path := filepath.Join(dir, "flows.csv")
	flows, err := data.ReadFlowsFile(path)
	if err != nil {
		return usageErrorf("%v", err)
	}
	var incidents []dtm.Incident
	if dv.mmp != "" {
		if incidents, err = validation.ReadMMP(dv.mmp, s); err != nil {
			return usageErrorf("--mmp: %v", err)
		}
	}
	// The data's checksums, for reproduce: as it was read.
	info, err := validation.NewInfo(ctx, dir, regime)
	if errors.Is(err, runs.ErrInterrupted) {
		return err
	}
	if err != nil {
		return usageErrorf("--data: %v", err)
	}
	info.Draws, info.Accept, info.MMP = dv.draws, dv.accept, dv.mmp
	if dv.mmp != "" {
		if info.MMPSHA256, err = output.FileSHA256(dv.mmp); err != nil {
			return err
		}
	}
	formats, _ := parseFormats(c.formats)
	opt := validation.FlowOptions(s, regime, dv.draws, dv.accept, reps, c.workers)
	regimes := opt.Regimes
	// The same limits as every simulating command, before anything runs:
	// the prediction's runs are the largest (the calibration's stop at the
	// change).
	limits, _ := c.limits.get()
	x, err := (&experiment.Plan{Command: "validate", Scenario: s, Regimes: regimes, Reps: reps}).PrepareContext(ctx)
	if err != nil {
		return err
	}
	workers, err := x.Fit(limits, min(dv.accept, dv.draws)*reps*len(regimes), c.workers)
	if err != nil {
		return err
	}
	before := earlierAt(*at)
	folder, out, err := createValidateFolder(c, s, dir)
	if err != nil {
		return err
	}
	defer folder.Discard()
	opt.Workers = workers
	prog := c.newProgress(e, "validate", 0)
	opt.Progress = func(done, total int) { prog.setTotal(total); prog.done(done) }
	m := newMeter(e.start, workers)
	m.watch(prog)
	st, err := dtm.Run(m.context(ctx), s, flows, opt)
	prog.finish()
	if err != nil {
		if errors.Is(err, data.ErrInvalid) {
			return usageErrorf("%v", err)
		}
		return err
	}
	figures, err := validation.WriteFlows(ctx, folder, st, s, c.figureOptions(), formats, arg, info, reps, incidents)
	if err != nil {
		return validateWriteError(err)
	}
	defer m.report(e.stderr, "validate", c.quiet)
	if c.json {
		before.noteTo(e, true)
		return printFlowValidationJSON(e, st, out, m.performance())
	}
	printFlowValidation(e, st, s.Sets(), dir, out, figures)
	before.note(e.stdout)
	return nil
}

func printFlowValidation(e *env, st *dtm.Study, sets []string, dir, out string, figures int) {
	o := st.Options
	split := st.Start.AddDate(0, 0, st.Split)
	fmt.Fprintf(e.stdout, "%s against %s: calibrated on the counts before %s (%d draws, %d kept), predicted after it under %s (%d runs).\n",
		st.Scenario, dir, split.Format(time.DateOnly), o.Draws, len(st.Calibration.Accepted), o.Regime, len(st.Prediction.Runs[0]))
	printOverrides(e.stdout, sets)
	fmt.Fprintln(e.stdout)
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	// No tab ends a line: the last column is not padded, so no line ends
	// in spaces.
	fmt.Fprintln(tw, "parameter\tkept draws: median\tband\tprior")
	v := output.FormatValue
	for _, p := range st.Posterior() {
		fmt.Fprintf(tw, "%s (%s)\t%s\t%s to %s\t%s to %s\n", p.Name, p.Unit, v(p.Median), v(p.Lo), v(p.Hi), v(p.Param.Lo), v(p.Param.Hi))
	}
	tw.Flush()
	// What the kept draws are, lest the table be read as a posterior's.
	fmt.Fprintf(e.stdout, "(the kept draws: two rounds of rejection sampling, the second inside a box around the first's closest; unweighted, they sample the prior cut to that box, not an ABC posterior.)\n\n")
	tw = tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	// Each row is one of DTM's counts, of people over its period (most a
	// month): the errors are in people, the |ln ratio| a factor's log.
	fmt.Fprintln(tw, "rows\tdirection\tn\tmodel: mean |ln ratio|\tbaseline\tmodel: mean abs error (people)\tbaseline\tinside band")
	for _, role := range []dtm.Role{dtm.Fitted, dtm.Predicted} {
		model, base := st.Scores(role)
		for i := range model {
			m, b := model[i], base[i]
			fmt.Fprintf(tw, "%s\t%s\t%d\t%.2f (x%.1f)\t%.2f (x%.1f)\t%s\t%s\t%d of %d\n", role, m.Direction, m.Rows, m.MeanAbsLog, m.Factor(), b.MeanAbsLog, b.Factor(),
				output.FormatCount(m.MeanAbs), output.FormatCount(b.MeanAbs), m.Inside, m.Rows)
		}
	}
	tw.Flush()
	fmt.Fprintf(e.stdout, "\n(the baseline carries the mean count per day before the change forward; report.md has every row.)\nWrote %s: %s, report.md.\n", out, wroteTables(out, figures))
}

// printFlowValidationJSON prints the study as --json does, with the
// performance every simulating command's JSON holds (docs/CLI.md); it had
// none, so a script timing every command found no key here alone.
func printFlowValidationJSON(e *env, st *dtm.Study, out string, perf *performance) error {
	type score struct {
		Rows       int      `json:"rows"`
		MeanAbsLog *float64 `json:"mean_abs_log"` // null without rows
		MeanAbs    *float64 `json:"mean_abs"`
		Inside     *int     `json:"inside_band,omitempty"`
	}
	type param struct {
		Median float64 `json:"median"`
		Lo     float64 `json:"lo"`
		Hi     float64 `json:"hi"`
	}
	summary := struct {
		Scenario    string                                 `json:"scenario"`
		Regime      string                                 `json:"regime"`
		Seed        uint64                                 `json:"seed"`
		Split       string                                 `json:"split"`
		Draws       int                                    `json:"draws"`
		Accepted    int                                    `json:"accepted"`
		Epsilon     float64                                `json:"epsilon"`
		Posterior   map[string]param                       `json:"posterior"` // the kept draws' medians and bands: no ABC posterior, but the key stays for scripts (docs/CLI.md)
		Scores      map[string]map[string]map[string]score `json:"scores"`    // role -> direction -> predictor
		Out         string                                 `json:"out"`
		Performance *performance                           `json:"performance"`
	}{Performance: perf, Scenario: st.Scenario, Regime: st.Options.Regime, Seed: st.Options.Seed, Split: st.Start.AddDate(0, 0, st.Split).Format(time.DateOnly),
		Draws: st.Options.Draws, Accepted: len(st.Calibration.Accepted), Epsilon: st.Calibration.Epsilon,
		Posterior: map[string]param{}, Scores: map[string]map[string]map[string]score{}, Out: out}
	for _, p := range st.Posterior() {
		summary.Posterior[p.Name] = param{p.Median, p.Lo, p.Hi}
	}
	for _, role := range []dtm.Role{dtm.Fitted, dtm.Predicted} {
		model, base := st.Scores(role)
		byDir := map[string]map[string]score{}
		for i := range model {
			inside := model[i].Inside
			byDir[model[i].Direction.String()] = map[string]score{
				"model":    {model[i].Rows, num(model[i].MeanAbsLog), num(model[i].MeanAbs), &inside},
				"baseline": {base[i].Rows, num(base[i].MeanAbsLog), num(base[i].MeanAbs), nil},
			}
		}
		summary.Scores[role.String()] = byDir
	}
	return writeJSON(e.stdout, summary)
}
