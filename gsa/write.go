package gsa

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"runtime"
	"strconv"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/sim"
	"github.com/borderwork/borderwork/sim/batch"
)

// Options say how Write runs a study.
type Options struct {
	Workers int
	// Shard and Shards: run only the points p with p mod Shards = Shard,
	// every run of each; Shards 0 runs every point.
	Shard, Shards int
	// Resume completes the interrupted folder at out, if there is one.
	Resume  bool
	Formats []string // figure formats; none: no figures
	// Progress, if set, is told after each point how many runs this call
	// has done, of how many it will do (a resumed folder's runs left out,
	// so that a time left estimated from them holds).
	Progress func(done, total int)
}

// Outcome is what Write did.
type Outcome struct {
	Dir      string
	Runs     int     // runs the folder holds
	Total    int     // runs it holds when complete
	Result   *Result // nil for a shard, or a folder left incomplete
	Figures  []string
	Complete bool
	// Already says --resume found the folder complete and did nothing.
	Already bool
}

// Write runs the study and writes its folder at out: scenario.toml,
// summary.csv (every run, in run order), then, for a complete folder that
// is not a shard, the analysis' tables, figures and report.md, and
// manifest.json. Points run in order on o.Workers goroutines, each point's
// runs on one, and are written in point order whatever finishes first, so
// the folder is the same bytes on any number of workers. A shard holds
// summary.csv alone; Merge joins shards and analyses the whole. On
// interruption the points finished are kept, the manifest marks the
// folder incomplete, and the error wraps experiment.ErrInterrupted.
func (st *Study) Write(ctx context.Context, out string, o Options) (*Outcome, error) {
	x := *st.X // a copy: the shard is the folder's, not the study's
	sweep := *x.Sweep
	x.Sweep = &sweep
	points, err := st.shardPoints(o.Shard, o.Shards)
	if err != nil {
		return nil, err
	}
	if o.Shards > 0 {
		sweep.Shard = strconv.Itoa(o.Shard) + "/" + strconv.Itoa(o.Shards)
	}
	per := len(st.Arms) * x.Reps
	runs := make([]int, 0, len(points)*per)
	for _, p := range points {
		for j := range per {
			runs = append(runs, p*per+j)
		}
	}
	outcome := &Outcome{Dir: out, Total: len(runs)}
	resumeFrom, done := "", 0
	if o.Resume {
		rows, complete, err := experiment.Resumable(out, &x, runs)
		if err != nil {
			return nil, err
		}
		if complete {
			outcome.Complete, outcome.Already, outcome.Runs = true, true, len(runs)
			return outcome, nil
		}
		if len(rows)%per != 0 {
			return nil, experiment.BadInput("--resume: %s holds part of a point's runs; run the analysis afresh", out)
		}
		if rows != nil {
			resumeFrom, done = out, len(rows)/per
		}
	}
	scenarioTOML, err := st.Scenario.Encode()
	if err != nil {
		return nil, err
	}
	folder, err := output.Create(out)
	if err != nil {
		return nil, err
	}
	defer folder.Discard()
	if err := output.WriteFile(folder.Path("scenario.toml"), scenarioTOML); err != nil {
		return nil, err
	}
	header := output.SummaryHeader(x.Keys)
	var sum *output.CSVFile
	if resumeFrom != "" {
		sum, err = output.ContinueCSV(folder.Path("summary.csv"), filepath.Join(resumeFrom, "summary.csv"), header)
	} else {
		sum, err = output.CreateCSV(folder.Path("summary.csv"), header)
	}
	if err != nil {
		return nil, err
	}
	written := done * per
	workers := max(1, o.Workers)
	runErr := batch.Run(ctx, points[done:], workers, 2*workers+2, st.runPoint, func(_ int, rows []output.SummaryRow) error {
		for _, r := range rows {
			if err := output.WriteSummaryRow(sum, r); err != nil {
				return err
			}
		}
		written += len(rows)
		if o.Progress != nil {
			o.Progress(written-done*per, len(runs)-done*per)
		}
		return nil
	})
	if err := sum.Close(); err != nil && runErr == nil {
		runErr = err
	}
	interrupted := runErr != nil && ctx.Err() != nil
	if runErr != nil && !interrupted {
		return nil, runErr
	}
	m := x.Manifest(output.SHA256(scenarioTOML), runs[:written])
	for i := range m.Runs {
		m.Runs[i].Params = nil // summary.csv gives each run's point; points.csv each point's values
	}
	if m.Sensitivity, err = json.Marshal(st.Info); err != nil {
		return nil, err
	}
	m.Complete = !interrupted
	tables := []string{"summary.csv"}
	if m.Complete && o.Shards == 0 {
		res, derived, figs, err := finish(folder.Dir, m, o.Formats, workers)
		if err != nil {
			return nil, err
		}
		tables = append(tables, derived...)
		outcome.Result, outcome.Figures = res, figs
	}
	if m.Tables, err = output.Check(folder.Dir, tables); err != nil {
		return nil, err
	}
	if m.Figures, err = output.Check(folder.Dir, outcome.Figures); err != nil {
		return nil, err
	}
	if m.Figures == nil {
		m.Figures = []output.Checked{}
	}
	if err := m.Write(folder.Path("manifest.json")); err != nil {
		return nil, err
	}
	if err := folder.Commit(); err != nil {
		return nil, err
	}
	outcome.Runs, outcome.Complete = written, m.Complete
	if interrupted {
		return outcome, fmt.Errorf("%w after %d of %d runs", experiment.ErrInterrupted, written, len(runs))
	}
	return outcome, nil
}

// shardPoints are the points of shard i of n (every point if n is 0).
func (st *Study) shardPoints(i, n int) ([]int, error) {
	if n == 0 {
		points := make([]int, st.Points)
		for p := range points {
			points[p] = p
		}
		return points, nil
	}
	if n < 0 || i < 0 || i >= n {
		return nil, experiment.BadInput("--shard must be i/n with 0 <= i < n, got %d/%d", i, n)
	}
	var points []int
	for p := i; p < st.Points; p += n {
		points = append(points, p)
	}
	if len(points) == 0 {
		return nil, experiment.BadInput("--shard %d/%d holds no points: the design has only %d", i, n, st.Points)
	}
	return points, nil
}

// runPoint runs every arm and replicate of point p, in run order: the
// point's scenario is built and validated once, each arm configured once.
// Replicate r has the same seed at every point and under every arm
// (common random numbers).
func (st *Study) runPoint(_ context.Context, p int) ([]output.SummaryRow, error) {
	values := st.Design.Point(p, nil)
	ps, err := st.scenarioAt(values, "sensitivity point "+strconv.Itoa(p))
	if err != nil {
		return nil, fmt.Errorf("%w; narrow the ranges with --params KEY=lo:hi", err)
	}
	cfgs, err := st.configs(ps)
	if err != nil {
		return nil, err
	}
	reps := st.X.Reps
	rows := make([]output.SummaryRow, 0, len(cfgs)*reps)
	for a, cfg := range cfgs {
		for r := range reps {
			k := (p*len(cfgs)+a)*reps + r
			run := st.X.Run(k)
			res, err := sim.Run(cfg, run.Seed)
			if err != nil {
				return nil, fmt.Errorf("point %d, %s, replicate %d: %w", p, run.Regime, r, err)
			}
			rows = append(rows, output.SummaryOf(run, res.Days))
		}
	}
	return rows, nil
}

// finish analyses the complete folder at dir from its summary.csv and
// manifest alone, writes the tables, figures and report.md, and returns
// the result, the tables and the figures (relative to dir). An unsharded
// run and a merge of shards both end here, so they write the same bytes.
func finish(dir string, m *output.Manifest, formats []string, workers int) (*Result, []string, []string, error) {
	info, err := ReadInfo(m)
	if err != nil {
		return nil, nil, nil, err
	}
	d, err := info.design(uint64(m.Seed))
	if err != nil {
		return nil, nil, nil, err
	}
	if d.Len() != info.Points {
		return nil, nil, nil, fmt.Errorf("gsa: the design has %d points, the manifest says %d", d.Len(), info.Points)
	}
	ext, err := newExtractor(info.Outputs, info.Arms, info.Split)
	if err != nil {
		return nil, nil, nil, err
	}
	y, err := readOutputs(filepath.Join(dir, "summary.csv"), ext, info.Arms, d.Len(), m.Reps)
	if err != nil {
		return nil, nil, nil, err
	}
	res, err := analyse(info, d, y, workers)
	if err != nil {
		return nil, nil, nil, err
	}
	tables, err := writeTables(dir, res)
	if err != nil {
		return nil, nil, nil, err
	}
	drawn, figs, err := experiment.DrawFigures(dir, m, Figures, formats)
	if err != nil {
		return nil, nil, nil, err
	}
	report, err := reportOf(m, res, drawn)
	if err != nil {
		return nil, nil, nil, err
	}
	if err := output.WriteFile(filepath.Join(dir, "report.md"), report); err != nil {
		return nil, nil, nil, err
	}
	return res, tables, figs, nil
}

// finishMerged is the Sharding.Finish of sensitivity folders.
func finishMerged(dir string, m *output.Manifest, formats []string) (tables, figures []string, err error) {
	_, tables, figures, err = finish(dir, m, formats, runtime.GOMAXPROCS(0))
	return tables, figures, err
}

func init() {
	experiment.Register(experiment.Kind{
		Command:  "sensitivity",
		Figures:  Figures,
		Rerun:    rerun,
		Sharding: &experiment.Sharding{Tables: []string{"summary.csv"}, Finish: finishMerged},
	})
}

// rerun is a sensitivity folder's Rerun: the same study, the same shard.
func rerun(ctx context.Context, m *output.Manifest, scenarioPath, out string, workers int, formats []string) error {
	st, err := FromManifest(m, scenarioPath)
	if err != nil {
		return err
	}
	o := Options{Workers: workers, Formats: formats}
	if m.Sweep != nil && m.Sweep.Shard != "" {
		if _, err := fmt.Sscanf(m.Sweep.Shard, "%d/%d", &o.Shard, &o.Shards); err != nil {
			return experiment.BadInput("the manifest's shard %q: %v", m.Sweep.Shard, err)
		}
	}
	_, err = st.Write(ctx, out, o)
	return err
}
