package claim

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// Options are the claim check's own settings.
type Options struct {
	// MaxReps caps the replicates per regime; the check starts with the
	// scenario's replicates and doubles them until every interval
	// excludes 0 or is narrower than Precision times the baseline's mean.
	MaxReps   int
	Precision float64
	// Robustness repeats the check at Samples points of a Latin hypercube
	// over the assumptions, with RobustReps replicates per regime each.
	Robustness bool
	Samples    int
	RobustReps int
}

// DefaultOptions are the claim command's defaults.
func DefaultOptions() Options {
	return Options{MaxReps: 200, Precision: 0.05, Samples: 32, RobustReps: 10}
}

// check validates the options against the scenario's replicates.
func (o Options) check(initial int) error {
	switch {
	case o.Precision <= 0 || math.IsNaN(o.Precision):
		return experiment.BadInput("--precision must be more than 0, got %v", o.Precision)
	case o.Robustness && o.Samples < 2:
		return experiment.BadInput("--samples must be at least 2, got %d", o.Samples)
	case o.Robustness && o.RobustReps < 2:
		return experiment.BadInput("--robustness-reps must be at least 2, got %d", o.RobustReps)
	case initial < 2:
		return experiment.BadInput("--reps must be at least 2 for a confidence interval, got %d", initial)
	case o.MaxReps < initial:
		return experiment.BadInput("--max-reps (%d) must be at least --reps (%d)", o.MaxReps, initial)
	}
	return nil
}

// args are the options as the folder's command line records them.
func (o Options) args() []string {
	a := []string{"--max-reps", fmt.Sprint(o.MaxReps), "--precision", output.FormatFloat(o.Precision)}
	if o.Robustness {
		a = append(a, "--robustness", "--samples", fmt.Sprint(o.Samples), "--robustness-reps", fmt.Sprint(o.RobustReps))
	}
	return a
}

// Info is what a claim folder's manifest records of the check.
type Info struct {
	Hypotheses  []InfoHypothesis `json:"hypotheses"`
	Metrics     []string         `json:"metrics"`
	InitialReps int              `json:"initial_reps"`
	MaxReps     int              `json:"max_reps"`
	Precision   float64          `json:"precision"`
	FinalReps   int              `json:"final_reps"`
	Robustness  *RobustnessInfo  `json:"robustness,omitempty"`
}

// InfoHypothesis is a hypothesis as the manifest records it.
type InfoHypothesis struct {
	ID        string `json:"id"`
	Statement string `json:"statement"`
	Contrast  string `json:"contrast"`
}

// RobustnessInfo is the robustness design as the manifest records it.
type RobustnessInfo struct {
	Samples     int          `json:"samples"`
	Reps        int          `json:"reps"`
	Assumptions []Assumption `json:"assumptions"`
	Points      [][]float64  `json:"points"`
}

// ReadInfo reads the claim section of a manifest.
func ReadInfo(m *output.Manifest) (*Info, error) {
	if len(m.Claim) == 0 {
		return nil, experiment.BadInput("the manifest has no claim section")
	}
	var info Info
	if err := json.Unmarshal(m.Claim, &info); err != nil {
		return nil, experiment.BadInput("the manifest's claim section: %v", err)
	}
	return &info, nil
}

// Outcome is a finished claim check.
type Outcome struct {
	Dir        string
	Reps       int      // replicates per regime run
	Results    []Result // in the order of Hypotheses, then Metrics
	Robustness *RobustnessResult
	Figures    []string
	Complete   bool
}

// Progress is told, for each stage of the check ("claim (20 replicates)",
// "claim robustness"), how many of its runs are done.
type Progress func(stage string, done, total int)

// Plan is the claim check's experiment: the four regimes of s (named arg
// on the command line), numbered replicate first so that replicates can
// be added without renumbering.
func Plan(s *scenarios.Scenario, arg string, o Options) *experiment.Plan {
	return &experiment.Plan{
		Command: "claim", Scenario: s, Arg: arg, Regimes: Regimes, Reps: s.File.Replicates,
		Order: experiment.ReplicateMajor, Args: o.args(),
	}
}

// Check runs the claim check on s and writes its folder at out: the
// compare tables of the four regimes, contrasts.csv, the robustness tables
// when asked for, figures in formats, report.md and the manifest. It adds
// replicates in stages until the verdicts settle. On interruption it keeps
// what finished, marks the folder incomplete and returns an error wrapping
// experiment.ErrInterrupted.
func Check(ctx context.Context, s *scenarios.Scenario, arg string, o Options, out string, workers int, formats []string, progress Progress) (*Outcome, error) {
	initial := s.File.Replicates
	if err := o.check(initial); err != nil {
		return nil, err
	}
	x, err := Plan(s, arg, o).Prepare()
	if err != nil {
		return nil, err
	}
	var robust *robustnessPlan
	if o.Robustness {
		if robust, err = planRobustness(s, o); err != nil {
			return nil, err
		}
	}
	w, err := experiment.Start(x, out, "", nil)
	if err != nil {
		return nil, err
	}
	defer w.Discard()
	res := &Outcome{Dir: out}
	var runErr error
	for n, start := initial, 0; ; {
		x.Reps = n
		jobs := make([]int, 0, (n-start)*len(x.Regimes))
		for k := start * len(x.Regimes); k < n*len(x.Regimes); k++ {
			jobs = append(jobs, k)
		}
		stage, total := fmt.Sprintf("claim (%d replicates)", n), n*len(x.Regimes)
		runErr = w.Run(ctx, jobs, workers, func(done int) {
			if progress != nil {
				progress(stage, done, total)
			}
		})
		if runErr != nil {
			break
		}
		if res.Results, err = Test(Collect(w.Rows)); err != nil {
			return nil, err
		}
		res.Reps = n
		if n >= o.MaxReps || settled(res.Results, o.Precision) {
			break
		}
		start, n = n, min(o.MaxReps, 2*n)
	}
	if runErr != nil && !errors.Is(runErr, experiment.ErrInterrupted) {
		return nil, runErr
	}
	complete := runErr == nil
	if complete {
		if err := writeContrasts(w.Path("contrasts.csv"), res.Results); err != nil {
			return nil, err
		}
		w.AddTable("contrasts.csv")
		if robust != nil {
			p := func(done int) {
				if progress != nil {
					progress("claim robustness", done, len(robust.jobs))
				}
			}
			if res.Robustness, runErr = robust.run(ctx, w, workers, p); runErr != nil && !errors.Is(runErr, experiment.ErrInterrupted) {
				return nil, runErr
			}
			complete = runErr == nil
			w.AddTable("robustness_summary.csv")
			if complete {
				w.AddTable("robustness.csv")
			}
		}
	}
	x.Reps = res.Reps
	info := &Info{Metrics: Metrics, InitialReps: initial, MaxReps: o.MaxReps, Precision: o.Precision, FinalReps: res.Reps}
	for _, h := range Hypotheses {
		info.Hypotheses = append(info.Hypotheses, InfoHypothesis{h.ID, h.Statement, h.Contrast})
	}
	if robust != nil {
		info.Robustness = &RobustnessInfo{Samples: o.Samples, Reps: o.RobustReps, Assumptions: Assumptions, Points: robust.x.Points}
	}
	rawInfo, err := json.Marshal(info)
	if err != nil {
		return nil, err
	}
	done, err := w.Finish(experiment.Finish{
		Complete: complete,
		Formats:  formats,
		Figures:  Figures,
		Report: func([]experiment.Drawn, []output.Group) ([]byte, error) {
			return report(x, o, initial, res)
		},
		Manifest: func(m *output.Manifest) { m.Claim = rawInfo },
	})
	if err != nil {
		return nil, err
	}
	res.Figures, res.Complete = done.Figures, done.Complete
	return res, runErr
}

// settled reports whether more replicates would change no verdict much.
func settled(results []Result, precision float64) bool {
	for _, r := range results {
		if !r.Settled(precision) {
			return false
		}
	}
	return true
}

func init() {
	experiment.Register(experiment.Kind{Command: "claim", Figures: Figures, Rerun: rerun})
}

// rerun is a claim folder's Rerun: the check again, from its first stage.
func rerun(ctx context.Context, m *output.Manifest, scenarioPath, out string, workers int, formats []string) error {
	info, err := ReadInfo(m)
	if err != nil {
		return err
	}
	s, err := experiment.LoadResolved(m, scenarioPath)
	if err != nil {
		return err
	}
	s.File.Replicates = info.InitialReps
	o := Options{MaxReps: info.MaxReps, Precision: info.Precision}
	if r := info.Robustness; r != nil {
		o.Robustness, o.Samples, o.RobustReps = true, r.Samples, r.Reps
	}
	_, err = Check(ctx, s, m.ScenarioArg, o, out, workers, formats, nil)
	return err
}
