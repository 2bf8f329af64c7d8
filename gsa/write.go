package gsa

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"runtime"
	"slices"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
)

// Options say how Write runs a study.
type Options struct {
	Workers int
	// Shard and Shards: run only the runs k with k mod Shards = Shard
	// (round robin, as a sweep's shards); Shards 0 runs every run.
	Shard, Shards int
	// Resume completes the interrupted folder at out, or the one beside
	// it at experiment.PartialPath(out), if there is one.
	Resume bool
	// Force allows replacing a folder at out that is not this command's
	// and scenario's (files borderwork did not write are kept).
	Force bool
	// Limits bound the runs' memory and work (runs.Limits); the
	// zero value sets none.
	Limits runs.Limits
	// Formats are the figure formats (none: no figures); a shard draws
	// none, but records them for merge to draw.
	Formats []string
	// FormatsGiven says Formats were asked for; otherwise a resumed
	// folder is drawn in the formats it records, as it would have been.
	FormatsGiven bool
	// FigureOptions say how the figures are drawn and are recorded for
	// `plot`, as in experiment.Options; nil: the defaults.
	FigureOptions *output.FigureOptions
	// Labels are the axis labels --label gave, by varied key, which
	// replace those FigureOptions (or a resumed folder) records of their
	// keys; an empty text drops a key's label.
	Labels map[string]string
	// SizeGiven says FigureOptions' size was asked for (--size);
	// otherwise a resumed folder is drawn at the size it records, as it
	// would have been.
	SizeGiven bool
	// Reanalyse, with Resume, analyses a folder found complete again
	// from its summary.csv, after checking its tables, for
	// Outcome.Result (not a shard's, which has no analysis).
	Reanalyse bool
	// Start, if set, is told what Write is about to run, before the runs
	// begin.
	Start func(Starting)
	// Progress, if set, is told after each run how many runs the folder
	// holds.
	Progress func(done int)
	// Scratch: the folder is a rerun its caller removes (reproduce's),
	// as in experiment.Options.
	Scratch bool
	// Screen is the Morris folder the study's parameters were screened
	// from (Screen, --screen), if any: the study reads it, and out may
	// not be it.
	Screen string
}

// Starting is what Write is about to run.
type Starting struct {
	Runs    int // runs the folder holds when complete
	Resumed int // runs a resumed folder held already
	// Simulations are the runs left that are simulated: fewer than those
	// left when an arm no parameter changes is run once per replicate
	// and reused (experiment.Prepared.Simulations).
	Simulations int
	Workers     int // fewer than asked if memory allows no more at once
	// Continues, when a resumed folder's runs are those of an
	// interrupted rerun beside out (experiment.PartialPath(out)), is
	// that folder: the complete one replaces out, which stays as it is
	// until then; "" otherwise.
	Continues string
}

// Outcome is what Write did.
type Outcome struct {
	// Dir is where the folder is: out, or, for an interrupted folder whose
	// place held an earlier one, experiment.PartialPath(out).
	Dir      string
	Runs     int     // runs the folder holds
	Total    int     // runs it holds when complete
	Result   *Result // nil for a shard, or a folder left incomplete
	Figures  []string
	Complete bool
	// Already says --resume found the folder complete and did nothing.
	Already bool
	// Other, with Already, says what the folder beside Dir at
	// experiment.PartialPath(Dir) holds, when it is another command's
	// (experiment.Resumption.Other).
	Other string
}

// CheckScreenOut refuses an out that is the Morris folder screen the
// study's parameters are screened from (Screen, --screen), however
// either is spelt: the study would replace the screening it reads. A
// caller checks it before screening, so that nothing else is said; Write
// checks it again. The error wraps runs.ErrBadInput.
func CheckScreenOut(screen, out string) error {
	if screen != "" && experiment.SamePlace(screen, out) {
		// --screen out/sensitivity-classroom without --out, whose
		// default that is, replaced the screening (hours of runs, maybe)
		// with the analysis made from it, and said so only after.
		return runs.BadInput("--out: %s is the --screen folder %s: the analysis would replace the screening it reads; give another --out", out, screen)
	}
	return nil
}

// Write runs the study and writes its folder at out, by the folder rules
// every command follows (experiment.Start and Writer.Finish): it refuses a
// folder it may not replace, writes beside it and swaps the new folder in
// when done. The folder holds scenario.toml, summary.csv (every run, in
// run order) and, when complete and not a shard, the analysis' tables,
// figures and report.md, and manifest.json. Runs go to o.Workers
// goroutines (below 1: one; fewer if o.Limits allow no more at once) and
// are written in run order whatever finishes first, so the folder is the
// same bytes on any number of workers. A study beyond o.Limits is refused
// before anything runs. A shard holds summary.csv alone; experiment.Merge
// joins shards and analyses the whole. On interruption the runs finished
// are kept (at experiment.PartialPath(out) if out holds an earlier
// folder), the manifest marks the folder incomplete, and the error wraps
// runs.ErrInterrupted.
func (st *Study) Write(ctx context.Context, out string, o Options) (*Outcome, error) {
	if err := CheckScreenOut(o.Screen, out); err != nil {
		return nil, err
	}
	if err := experiment.CheckLabels(o.Labels, variedNames(st.Keys), "sensitivity", "--label"); err != nil {
		return nil, err
	}
	x := *st.X // a copy: the shard is the folder's, not the study's
	jobs := x.AllJobs()
	if o.Shards > 0 {
		if o.Shard < 0 || o.Shard >= o.Shards {
			return nil, runs.BadInput("--shard must be i/n with 0 <= i < n, got %d/%d", o.Shard, o.Shards)
		}
		var err error
		if jobs, err = x.Shard(o.Shard, o.Shards); err != nil {
			return nil, err
		}
	}
	eo := experiment.Options{Force: o.Force, Scratch: o.Scratch}
	continues := ""
	if !o.Resume {
		// Run afresh, the finished runs at out (or beside it, at
		// PartialPath(out)) would be simulated again and
		// replaced without a word: they may be hours of work.
		if n, dir := experiment.Unfinished(out, &x, jobs); n > 0 {
			return nil, runs.BadInput("--out: %s holds %s of this analysis, interrupted: give the same command with --resume to keep them and run only the rest (or choose another --out, or delete %s to run the analysis afresh)",
				dir, words.Count(n, "finished run"), dir)
		}
	}
	// The folder to resume is read before the limits are checked, as
	// sweep reads it: another analysis's folder is refused as such, and a
	// complete one has nothing to run, whatever the limits.
	if o.Resume {
		r, err := experiment.Resumable(ctx, out, &x, jobs)
		if err != nil {
			return nil, err
		}
		if r.Complete {
			already := &Outcome{Dir: out, Runs: len(jobs), Total: len(jobs), Complete: true, Already: true, Other: r.Other}
			if o.Reanalyse && o.Shards == 0 {
				// Analysed again, nothing simulated: the memory limit
				// holds, the work limit does not.
				lim := o.Limits
				lim.Work = 0
				workers, err := x.Fit(lim, len(jobs), max(o.Workers, 1))
				if err != nil {
					return nil, err
				}
				if already.Result, err = reanalyse(ctx, out, &x, workers); err != nil {
					return nil, err
				}
			}
			return already, nil
		}
		if err := r.CheckFigures(map[string]bool{"size": o.SizeGiven, "formats": o.FormatsGiven}, slices.Collect(maps.Keys(o.Labels))...); err != nil {
			return nil, err
		}
		eo.Resume, eo.Done = r.From, r.Done
		o.Formats = experiment.ResumedFormats(r, o.Formats, o.FormatsGiven)
		if f := r.Figures; f != nil {
			opts := output.DefaultFigureOptions()
			if o.FigureOptions != nil {
				opts = *o.FigureOptions
			}
			if !o.SizeGiven {
				opts.Size = f.Size
			}
			opts.Labels = f.Labels // those given change them below
			o.FigureOptions = &opts
		}
		if r.Replaces {
			continues = r.From
		}
	}
	workers, err := x.Fit(o.Limits, len(jobs), max(o.Workers, 1))
	if err != nil {
		return nil, err
	}
	if len(o.Labels) > 0 {
		opts := output.DefaultFigureOptions()
		if o.FigureOptions != nil {
			opts = *o.FigureOptions
		}
		opts.Labels = experiment.Relabelled(opts.Labels, o.Labels)
		o.FigureOptions = &opts
	}
	if err := experiment.NotStarted(ctx); err != nil {
		return nil, err
	}
	eo.Formats = o.Formats // checked before any run; drawn by Finish
	section, err := json.Marshal(st.Info)
	if err != nil {
		return nil, err
	}
	eo.ManifestAdds = len(section)
	w, err := experiment.Start(&x, out, eo)
	if err != nil {
		return nil, err
	}
	defer w.Discard()
	if o.Start != nil {
		o.Start(Starting{Runs: len(jobs), Resumed: len(eo.Done), Simulations: x.Simulations(jobs[len(eo.Done):]), Workers: workers, Continues: continues})
	}
	runErr := w.Run(ctx, jobs[len(eo.Done):], workers, o.Progress)
	if runErr != nil && !errors.Is(runErr, runs.ErrInterrupted) && !errors.Is(runErr, experiment.ErrOutOfRoom) {
		return nil, runErr
	}
	if err := w.NoneFinished(runErr); err != nil {
		return nil, err
	}
	f := experiment.Finish{
		Complete:      runErr == nil,
		Formats:       o.Formats, // a shard records them for merge, and draws none
		FigureOptions: o.FigureOptions,
		Manifest:      func(m *output.Manifest) { m.Sensitivity = section },
	}
	var res *Result
	if o.Shards == 0 { // a shard's analysis is merge's
		var m *output.Manifest
		f.Figures = Figures
		f.Derive = func(dir string, mm *output.Manifest) ([]string, error) {
			var tables []string
			var err error
			m = mm
			res, tables, err = derive(dir, mm, workers)
			return tables, err
		}
		f.Report = func(drawn []experiment.Drawn, _ []output.Group) ([]byte, error) {
			return reportOf(m, res, drawn)
		}
	}
	done, err := w.Finish(ctx, f)
	if err != nil && !errors.Is(err, runs.ErrInterrupted) {
		return nil, err
	}
	if runErr == nil || err != nil {
		runErr = err // interrupted while the results were written, or kept where they were
	}
	outcome := &Outcome{Dir: done.Dir, Runs: len(done.Rows), Total: len(jobs), Figures: done.Figures, Complete: done.Complete}
	if done.Complete {
		outcome.Result = res
	}
	return outcome, runErr
}

// derive analyses the complete folder at dir from its summary.csv and
// manifest alone, and writes the analysis' tables; it returns the result
// and the tables' names. An unsharded run and a merge of shards both come
// here, so they write the same bytes.
func derive(dir string, m *output.Manifest, workers int) (*Result, []string, error) {
	res, err := analyseFolder(dir, m, workers)
	if err != nil {
		return nil, nil, err
	}
	units, err := keyUnits(dir, m, res.Info.Keys)
	if err != nil {
		return nil, nil, err
	}
	tables, err := writeTables(dir, res, units)
	if err != nil {
		return nil, nil, err
	}
	return res, tables, nil
}

// keyUnits are the units of keys, as the scenario of the folder at dir
// (manifest m) gives them (Scenario.KeyUnit, the unit column of
// docs/SCENARIOS.md, which a sweep's axes show): "" for a key without.
func keyUnits(dir string, m *output.Manifest, keys []Key) ([]string, error) {
	s, err := experiment.LoadResolved(m, filepath.Join(dir, "scenario.toml"))
	if err != nil {
		return nil, err
	}
	units := make([]string, len(keys))
	for i, k := range keys {
		if units[i], err = s.KeyUnit(k.Name); err != nil {
			return nil, fmt.Errorf("gsa: the unit of %s: %w", k.Name, err)
		}
	}
	return units, nil
}

// analyseFolder analyses the folder at dir, whose runs are complete,
// from its summary.csv and manifest m alone.
func analyseFolder(dir string, m *output.Manifest, workers int) (*Result, error) {
	info, err := ReadInfo(m)
	if err != nil {
		return nil, err
	}
	d, err := info.design(uint64(m.Seed))
	if err != nil {
		return nil, err
	}
	if d.Len() != info.Points {
		return nil, fmt.Errorf("gsa: the design has %d points, the manifest says %d", d.Len(), info.Points)
	}
	ext, err := newExtractor(info.Outputs, info.Arms, info.Split)
	if err != nil {
		return nil, err
	}
	y, err := readOutputs(filepath.Join(dir, "summary.csv"), ext, info.Arms, d.Len(), m.Reps)
	if err != nil {
		return nil, err
	}
	return analyse(info, d, y, workers)
}

// reanalyse analyses the complete folder of x at dir again, after
// checking its tables against its manifest: the result its tables hold.
func reanalyse(ctx context.Context, dir string, x *experiment.Prepared, workers int) (*Result, error) {
	if _, err := experiment.CompleteRows(ctx, dir, x); err != nil {
		return nil, err
	}
	m, err := output.ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	return analyseFolder(dir, m, workers)
}

// finishMerged is the Sharding.Finish of sensitivity folders: the
// analysis, its figures and report.md, as Write finishes an unsharded
// folder.
func finishMerged(ctx context.Context, dir string, m *output.Manifest, formats []string) (tables, figures []string, err error) {
	res, tables, err := derive(dir, m, runtime.GOMAXPROCS(0))
	if err != nil {
		return nil, nil, err
	}
	drawn, figures, err := experiment.DrawFiguresContext(ctx, dir, m, Figures, formats)
	if err != nil {
		return nil, nil, err
	}
	report, err := reportOf(m, res, drawn)
	if err != nil {
		return nil, nil, err
	}
	if err := output.WriteReport(dir, m, report); err != nil {
		return nil, nil, err
	}
	return tables, figures, nil
}

// rebuildShards is the Sharding.Rebuild of sensitivity folders: the study
// again from the first folder's scenario.toml and the entries and
// settings its manifest records, every manifest checked against it.
func rebuildShards(ctx context.Context, what string, dirs []string, ms []*output.Manifest) (*experiment.Prepared, error) {
	st, err := FromManifest(ctx, what, ms[0], filepath.Join(dirs[0], "scenario.toml"))
	if err != nil {
		return nil, err
	}
	for i := range dirs[1:] {
		if err := st.matches(what, dirs[i+1], ms[i+1]); err != nil {
			return nil, err
		}
	}
	return st.X, nil
}

func init() {
	experiment.Register(experiment.Kind{
		Command:  "sensitivity",
		Figures:  Figures,
		Rerun:    rerun,
		Rereport: rereport,
		Recorded: recorded,
		// A Morris figure's key names its eight leading parameters and
		// two guides: no flag gives it fewer (--regimes, the default
		// advice, chooses the outputs, not the key's entries).
		FewerEntries: experiment.SmallerKey,
		LabelKeys:    labelKeys,
		Sharding:     &experiment.Sharding{Tables: []string{"summary.csv"}, Rebuild: rebuildShards, Finish: finishMerged},
	})
}

// labelKeys are the keys of a sensitivity folder whose names in its
// figures (a Sobol' bar, the Morris key) --label replaces: its varied
// parameters.
func labelKeys(m *output.Manifest) []string {
	info, err := ReadInfo(m)
	if err != nil {
		return nil
	}
	return variedNames(info.Keys)
}

// variedNames are the names of the varied keys among keys, in order.
func variedNames(keys []Key) []string {
	var out []string
	for _, k := range keys {
		if k.Varied {
			out = append(out, k.Name)
		}
	}
	return out
}

// rereport is a sensitivity folder's Rereport: its report from the
// analysis of its summary.csv again, where that analysis gives the
// folder's own tables (analysisTables).
func rereport(ctx context.Context, dir string, m *output.Manifest, drawn []experiment.Drawn) ([]byte, error) {
	res, err := analyseFolder(dir, m, runtime.GOMAXPROCS(0))
	if err != nil {
		return nil, err
	}
	units, err := keyUnits(dir, m, res.Info.Keys)
	if err != nil {
		return nil, err
	}
	// A report of another analysis than the folder's tables hold would
	// contradict them: an earlier borderwork estimated the indices or
	// their intervals otherwise, say.
	if err := experiment.AnalysisUnchanged(m, analysisTables(res, units)); err != nil {
		return nil, err
	}
	return reportOf(m, res, drawn)
}

// recorded is a sensitivity folder's Recorded: its sensitivity section,
// command line and sweep section checked against each other and its
// scenario.toml, as merge and reproduce check them (FromManifest), so
// that a report written again quotes what wrote the folder.
func recorded(ctx context.Context, dir string, m *output.Manifest) error {
	_, err := FromManifest(ctx, "plot", m, filepath.Join(dir, "scenario.toml"))
	return err
}

// rerun is a sensitivity folder's Rerun: the same study, the same shard,
// its figures drawn with the options the folder records.
func rerun(ctx context.Context, m *output.Manifest, scenarioPath, out string, workers int, formats []string) error {
	st, err := FromManifest(ctx, "reproduce", m, scenarioPath)
	if err != nil {
		return err
	}
	o := Options{Workers: workers, Formats: formats, FigureOptions: experiment.RecordedFigureOptions(m), Scratch: true}
	if m.Sweep != nil && m.Sweep.Shard != "" {
		var ok bool
		if o.Shard, o.Shards, ok = experiment.RecordedShard(m.Sweep.Shard); !ok {
			return runs.BadInput("the manifest's shard %q is not i/n with 0 <= i < n", m.Sweep.Shard)
		}
	}
	_, err = st.Write(ctx, out, o)
	return err
}

// ResultOf is the analysis the complete folder of st at dir holds (its
// tables checked against its manifest first): what merge --json prints of
// a merged folder.
func (st *Study) ResultOf(ctx context.Context, dir string, workers int) (*Result, error) {
	return reanalyse(ctx, dir, st.X, workers)
}
