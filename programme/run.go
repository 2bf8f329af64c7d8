package programme

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/suggest"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/sim"
)

// Options are the analysis's own settings.
type Options struct {
	// Programme is the programme analysed; "" switches every programme
	// of the scenario together.
	Programme string
	// Regimes are the regimes it is analysed under; nil: the scenario's
	// default regimes under which it acts.
	Regimes []string
	// FigureOptions say how the figures are drawn and are recorded for
	// `plot`, as in experiment.Options; nil: the defaults.
	FigureOptions *output.FigureOptions
	// Force and Limits are as in experiment.Options: replace a folder
	// that is not this command's, and bound memory and work.
	Force  bool
	Limits runs.Limits
}

// Info is what a programme folder's manifest records of the analysis.
type Info struct {
	Programme string   `json:"programme"`
	Regimes   []string `json:"regimes"`
	Arms      []string `json:"arms"`
	Budget    float64  `json:"budget"`
	Spent     float64  `json:"spent"`
	Reps      int      `json:"reps"`
}

// ReadInfo reads the programme section of a manifest, and checks what
// it costs: the budget an amount of USD, zero or more, and what was spent
// no more than the budget (ProgrammeCost spreads the budget over the
// programme's days and spends none of it after). A section edited by
// hand would otherwise be quoted by a report written again and divide
// its costs per harm averted. Errors wrap runs.ErrBadInput and name
// the key (manifest.json: programme.spent); recorded checks the section
// against the folder's scenario too.
func ReadInfo(m *output.Manifest) (*Info, error) {
	info, err := experiment.ReadSection[Info](m.Programme, "programme")
	if err != nil {
		return nil, err
	}
	bad := func(key, format string, a ...any) error {
		return runs.BadInput("manifest.json: programme.%s: %s", key, fmt.Sprintf(format, a...))
	}
	switch {
	case !(info.Budget >= 0) || math.IsInf(info.Budget, 0):
		return nil, bad("budget", "want an amount of USD, zero or more, got %v", info.Budget)
	case !(info.Spent >= 0) || math.IsInf(info.Spent, 0):
		return nil, bad("spent", "want an amount of USD, zero or more, got %v", info.Spent)
	case info.Spent > info.Budget:
		return nil, bad("spent", "%v is more than the budget, %v: a programme spends no more than its budget", info.Spent, info.Budget)
	}
	return info, nil
}

// recorded is a programme folder's Recorded: its programme section as
// ReadInfo checks it, and its budget and spending those the programmes
// of its scenario.toml give (cost), as the analysis recorded them. A
// scenario.toml that does not match its checksum, or does not load, is
// left to the checks that read it.
func recorded(_ context.Context, dir string, m *output.Manifest) error {
	file := filepath.Join(dir, "manifest.json")
	info, err := ReadInfo(m)
	if err != nil {
		if rest, ok := strings.CutPrefix(err.Error(), "manifest.json: "); ok {
			return runs.BadInput("%s: %s", file, rest)
		}
		return fmt.Errorf("%s: %w", dir, err)
	}
	scenarioPath := filepath.Join(dir, "scenario.toml")
	if sum, err := output.FileSHA256(scenarioPath); err != nil || sum != m.ScenarioSHA256 {
		return nil
	}
	s, err := experiment.LoadResolved(m, scenarioPath)
	if err != nil {
		return nil
	}
	budget, spent, err := cost(s, Options{Programme: info.Programme})
	if err != nil {
		return nil // refused where the analysis is built again
	}
	of := "the programme's"
	if info.Programme == "" {
		of = "the programmes'"
	}
	switch {
	case info.Budget != budget:
		return runs.BadInput("%s: programme.budget: %v, but %s budget in scenario.toml is %v", file, info.Budget, of, budget)
	case info.Spent != spent:
		return runs.BadInput("%s: programme.spent: %v, but %s budget in scenario.toml, spread over its days, gives %v spent by day %d", file, info.Spent, of, spent, s.File.Days)
	}
	return nil
}

// analysed are the names of the programmes o analyses.
func analysed(s *scenarios.Scenario, o Options) ([]string, error) {
	names := s.ProgrammeNames()
	if len(names) == 0 {
		return nil, runs.BadInput("%s has no programme to analyse: add a [[programmes]] table (docs/SCENARIOS.md)", s.File.Name)
	}
	if o.Programme == "" {
		return names, nil
	}
	if !slices.Contains(names, o.Programme) {
		return nil, runs.BadInput("--programme: no programme %q (programmes of %s: %s)%s", o.Programme, s.File.Name, strings.Join(names, ", "), suggest.Hint(o.Programme, names))
	}
	return []string{o.Programme}, nil
}

// Regimes are the regimes the analysis runs under: those asked for, each
// of which must see one of the analysed programmes act, or the scenario's
// default regimes under which one acts.
func Regimes(s *scenarios.Scenario, o Options) ([]string, error) {
	progs, err := analysed(s, o)
	if err != nil {
		return nil, err
	}
	acts := func(regime string) (bool, error) {
		for _, p := range progs {
			ok, err := s.ProgrammeApplies(p, regime)
			if err != nil || ok {
				return ok, err
			}
		}
		return false, nil
	}
	if o.Regimes != nil {
		for _, r := range o.Regimes {
			if !slices.Contains(s.RegimeNames(), r) {
				return nil, runs.BadInput("--regimes: unknown regime %q (regimes of %s: %s)", r, s.File.Name, strings.Join(s.RegimeNames(), ", "))
			}
			ok, err := acts(r)
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, runs.BadInput("--regimes: no programme analysed acts under %s (see the programme's regimes and levels)", r)
			}
		}
		return o.Regimes, nil
	}
	var out []string
	for _, r := range s.DefaultRegimes() {
		ok, err := acts(r)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil, runs.BadInput("the programmes analysed act under none of the regimes of %s", s.File.Name)
	}
	return out, nil
}

// cost is the budget of the programmes analysed and what they spend by
// the end of a run.
func cost(s *scenarios.Scenario, o Options) (budget, spent float64, err error) {
	progs, err := analysed(s, o)
	if err != nil {
		return 0, 0, err
	}
	for _, p := range progs {
		b, sp, err := s.ProgrammeCost(p)
		if err != nil {
			return 0, 0, err
		}
		budget += b
		spent += sp
	}
	return budget, spent, nil
}

// spentUnder is what the analysed programmes that act under each regime
// spend by the end of a run, regime by regime. A programme that does not
// act under a regime (its regimes or levels leave it out) changes no run
// there, so its money must not divide the harm the others avert: a
// region's second programme, run under another regime only, would
// otherwise raise the first's cost per harm averted.
func spentUnder(s *scenarios.Scenario, o Options, regimes []string) ([]float64, error) {
	progs, err := analysed(s, o)
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(regimes))
	for i, r := range regimes {
		for _, p := range progs { // in the order cost sums them, so that where all act it is the same number
			ok, err := s.ProgrammeApplies(p, r)
			if err != nil {
				return nil, err
			}
			if !ok {
				continue
			}
			_, sp, err := s.ProgrammeCost(p)
			if err != nil {
				return nil, err
			}
			out[i] += sp
		}
	}
	return out, nil
}

// args are the options as the folder's command line records them.
func args(o Options, regimes []string) []string {
	var a []string
	if o.Programme != "" {
		a = append(a, "--programme", o.Programme)
	}
	return append(a, "--regimes", strings.Join(regimes, ","))
}

// Plan is the analysis's experiment: the four arms of each regime,
// replicates numbered within each arm.
func Plan(s *scenarios.Scenario, arg string, o Options) (*experiment.Plan, []string, error) {
	regimes, err := Regimes(s, o)
	if err != nil {
		return nil, nil, err
	}
	arms := Arms(regimes)
	configure := func(sc *scenarios.Scenario, name string) (*sim.Config, error) {
		i := slices.IndexFunc(arms, func(a Arm) bool { return a.Name == name })
		if i < 0 {
			return nil, runs.BadInput("no arm %q in the analysis", name)
		}
		return sc.ConfigSwitched(arms[i].Regime, scenarios.ProgrammeSwitch{Programme: o.Programme, On: arms[i].On})
	}
	return &experiment.Plan{
		Command: "programme", Scenario: s, Arg: arg, Regimes: ArmNames(arms), Reps: s.File.Replicates,
		Configure: configure, Order: experiment.PointMajor, Args: args(o, regimes),
	}, regimes, nil
}

// Outcome is a finished analysis.
type Outcome struct {
	*Analysis
	Programme string
	Budget    float64
	Spent     float64 // by the end of a run, on every programme analysed
	Dir       string
	Figures   []string
	Complete  bool
}

// Progress is told how many runs are done.
type Progress func(done, total int)

// Run analyses the programme on s and writes its folder at out: the runs'
// tables, channels.csv, path.csv, figures in formats, report.md and the
// manifest. On interruption it keeps what finished, marks the folder
// incomplete and returns an error wrapping runs.ErrInterrupted.
//
// arg names s as a command line would (a bundled name or a path), for
// the command line the folder and its report.md record; "" records the
// bundled name or path s was loaded from (experiment.Plan.Arg says
// more). workers is how many runs go at once
// (below 1: one; the folder is the same bytes whatever it is); formats
// are the figure formats, of "png", "svg" and "pdf" (none: no figures;
// another is bad input, refused before any run); progress may be nil.
func Run(ctx context.Context, s *scenarios.Scenario, arg string, o Options, out string, workers int, formats []string, progress Progress) (*Outcome, error) {
	if s.File.Replicates < 2 {
		return nil, runs.BadInput("--reps must be at least 2 for an interval, got %d", s.File.Replicates)
	}
	p, regimes, err := Plan(s, arg, o)
	if err != nil {
		return nil, err
	}
	budget, spent, err := cost(s, o)
	if err != nil {
		return nil, err
	}
	spending, err := spentUnder(s, o, regimes)
	if err != nil {
		return nil, err
	}
	x, err := p.PrepareContext(ctx)
	if err != nil {
		return nil, err
	}
	if workers, err = x.Fit(o.Limits, x.NRuns(), workers); err != nil {
		return nil, err
	}
	if err := experiment.FitsOnDisk(x, out, x.NRuns()); err != nil {
		return nil, err
	}
	if err := experiment.NotStarted(ctx); err != nil {
		return nil, err
	}
	w, err := experiment.Start(x, out, experiment.Options{Force: o.Force, Formats: formats})
	if err != nil {
		return nil, err
	}
	defer w.Discard()
	res := &Outcome{Programme: o.Programme, Budget: budget, Spent: spent, Dir: out}
	runErr := w.Run(ctx, x.AllJobs(), workers, func(done int) {
		if progress != nil {
			progress(done, x.NRuns())
		}
	})
	if runErr != nil && !errors.Is(runErr, runs.ErrInterrupted) {
		return nil, runErr
	}
	complete := runErr == nil
	if complete {
		if res.Analysis, err = Analyse(regimes, w.Rows, spending); err != nil {
			return nil, err
		}
		if err := writeTables(w, s, o, regimes, res.Analysis); err != nil {
			return nil, err
		}
	}
	info := &Info{Programme: o.Programme, Regimes: regimes, Arms: x.Regimes, Budget: budget, Spent: spent, Reps: x.Reps}
	raw, err := json.Marshal(info)
	if err != nil {
		return nil, err
	}
	done, err := w.Finish(ctx, experiment.Finish{
		Complete: complete,
		Formats:  formats,
		Figures:  Figures,
		// As recorded, so that a rerun draws the figures plot last drew.
		FigureOptions: o.FigureOptions,
		Report: func(drawn []experiment.Drawn, _ []output.Group) ([]byte, error) {
			return report(x, info, res.Analysis, drawn)
		},
		Manifest: func(m *output.Manifest) { m.Programme = raw },
	})
	if err != nil && !errors.Is(err, runs.ErrInterrupted) {
		return nil, err
	}
	if runErr == nil || err != nil {
		runErr = err // interrupted while the results were written, or kept where they were
	}
	res.Figures, res.Complete, res.Dir = done.Figures, done.Complete, done.Dir
	return res, runErr
}

func init() {
	experiment.Register(experiment.Kind{Command: "programme", Figures: Figures, Rerun: rerun, Rereport: rereport, Recorded: recorded, DrawsBands: true, Shaded: shaded, Style: style})
}

// rereport is a programme folder's Rereport: its report from the
// analysis of its summary.csv again, where that analysis gives the
// folder's own tables (analysisTables).
func rereport(ctx context.Context, dir string, m *output.Manifest, drawn []experiment.Drawn) ([]byte, error) {
	info, err := ReadInfo(m)
	if err != nil {
		return nil, err
	}
	s, err := experiment.LoadResolved(m, filepath.Join(dir, "scenario.toml"))
	if err != nil {
		return nil, err
	}
	s.File.Replicates = info.Reps
	p, regimes, err := Plan(s, m.ScenarioArg, Options{Programme: info.Programme, Regimes: info.Regimes})
	if err != nil {
		return nil, err
	}
	x, rows, err := experiment.WithSummary(ctx, p, dir, m)
	if err != nil {
		return nil, err
	}
	spending, err := spentUnder(s, Options{Programme: info.Programme}, regimes)
	if err != nil {
		return nil, err
	}
	a, err := Analyse(regimes, rows, spending)
	if err != nil {
		return nil, err
	}
	// A report of another analysis than the folder's tables hold would
	// contradict them: an earlier borderwork estimated the channels'
	// effects or their costs otherwise, say.
	ts, err := analysisTables(s, Options{Programme: info.Programme}, regimes, a)
	if err != nil {
		return nil, err
	}
	if err := experiment.AnalysisUnchanged(m, ts); err != nil {
		return nil, err
	}
	return report(x, info, a, drawn)
}

// rerun is a programme folder's Rerun: the analysis again, with its
// options and its figure options.
func rerun(ctx context.Context, m *output.Manifest, scenarioPath, out string, workers int, formats []string) error {
	info, err := ReadInfo(m)
	if err != nil {
		return err
	}
	s, err := experiment.LoadResolved(m, scenarioPath)
	if err != nil {
		return err
	}
	s.File.Replicates = info.Reps
	o := Options{Programme: info.Programme, Regimes: info.Regimes, FigureOptions: experiment.RecordedFigureOptions(m)}
	_, err = Run(ctx, s, m.ScenarioArg, o, out, workers, formats, nil)
	return err
}
