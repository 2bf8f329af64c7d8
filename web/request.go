package web

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/sim"
)

// Request is one experiment as the page asks for it. Fields left out take
// the scenario's values, as the command line's flags do.
type Request struct {
	// Scenario is a bundled scenario's name; ignored when Text is given.
	Scenario string `json:"scenario,omitempty"`
	// Text is a scenario file's TOML, pasted or uploaded, and File its
	// name for messages ("my.toml").
	Text string `json:"text,omitempty"`
	File string `json:"file,omitempty"`
	// Sets are KEY=VALUE overrides, applied in order, as --set.
	Sets    []string `json:"sets,omitempty"`
	Seed    *int64   `json:"seed,omitempty"`
	Days    *int     `json:"days,omitempty"`
	Reps    *int     `json:"reps,omitempty"`
	Regimes []string `json:"regimes,omitempty"`
	// Series are the day columns (output.DayColumns) drawn over time;
	// none: DefaultSeries.
	Series []string `json:"series,omitempty"`
}

// DefaultSeries are the day columns the page draws over time unless asked
// for others: the two of a compare folder's time figures.
var DefaultSeries = []string{"trapped", "abuse_events"}

// Limits bound the work one request may ask for, so that a shared server
// (or a student's browser) stays responsive.
type Limits struct {
	MaxReps    int `json:"max_reps"`
	MaxRegimes int `json:"max_regimes"`
	MaxDays    int `json:"max_days"`
	MaxSets    int `json:"max_sets"`
	MaxSeries  int `json:"max_series"`
	MaxText    int `json:"max_text"` // bytes of scenario text
	// MaxWork bounds runs × expected migrants per run × days: the
	// engine's work grows with the migrants alive each day.
	MaxWork float64 `json:"max_work"`
}

// DefaultLimits allow every bundled scenario's default comparison several
// times over, and refuse what would take a shared server minutes.
func DefaultLimits() Limits {
	return Limits{MaxReps: 200, MaxRegimes: 8, MaxDays: 3650, MaxSets: 64, MaxSeries: 8, MaxText: 256 << 10, MaxWork: 4e9}
}

// Problem is bad input: the lines `borderwork check` would print for it.
type Problem struct {
	Lines []string
	err   error
}

func (p *Problem) Error() string { return strings.Join(p.Lines, "\n") }
func (p *Problem) Unwrap() error { return p.err }

// problem turns an error about the input into the lines check prints:
// one line for one problem, a count and one line each for several.
func problem(display string, err error) error {
	var errs scenarios.Errors
	if errors.As(err, &errs) && len(errs) > 1 {
		lines := []string{fmt.Sprintf("%s has %d problems:", display, len(errs))}
		for _, e := range errs {
			lines = append(lines, "  "+e.Error())
		}
		return &Problem{Lines: lines, err: err}
	}
	return &Problem{Lines: []string{strings.ReplaceAll(err.Error(), "\n", "; ")}, err: err}
}

func badRequest(format string, args ...any) error {
	return &Problem{Lines: []string{fmt.Sprintf(format, args...)}, err: experiment.BadInput(format, args...)}
}

// noFiles is the folder a pasted scenario's relative paths resolve in: a
// page's scenario may not read files (inflow_csv) of the machine serving
// it.
type noFiles struct{}

func (noFiles) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// fileName is the name a pasted scenario is given in messages and in the
// reproduce panel: the base name of what the page said, ending in .toml.
func (r *Request) fileName() string {
	name := path.Base(strings.ReplaceAll(strings.TrimSpace(r.File), `\`, "/"))
	if name == "." || name == "/" || name == "" {
		name = "scenario.toml"
	}
	if !strings.HasSuffix(name, ".toml") {
		name += ".toml"
	}
	return name
}

// load reads the request's scenario, applies its overrides and flags as
// the command line does (sets, then seed, days and replicates), and
// validates it.
func (r *Request) load(lim Limits) (*scenarios.Scenario, error) {
	var s *scenarios.Scenario
	var err error
	display := r.Scenario
	switch {
	case r.Text != "":
		display = r.fileName()
		if len(r.Text) > lim.MaxText {
			return nil, badRequest("%s: the page reads scenario files of at most %d KiB; use the command line for larger ones", display, lim.MaxText>>10)
		}
		s, err = scenarios.Parse([]byte(r.Text), display, display, noFiles{})
	case r.Scenario == "":
		return nil, badRequest("choose a bundled scenario, or paste or upload a scenario file")
	case !slices.Contains(scenarios.Names(), r.Scenario):
		return nil, badRequest("no bundled scenario %q (bundled: %s)", r.Scenario, strings.Join(scenarios.Names(), ", "))
	default:
		s, err = scenarios.Load(r.Scenario)
	}
	if err != nil {
		return nil, problem(display, err)
	}
	if len(r.Sets) > lim.MaxSets {
		return nil, badRequest("the page applies at most %d overrides, got %d", lim.MaxSets, len(r.Sets))
	}
	for _, kv := range r.Sets {
		if err := s.Set(kv); err != nil {
			return nil, problem(display, err)
		}
	}
	switch {
	case r.Seed != nil && *r.Seed < 0:
		return nil, badRequest("--seed must be 0 or more, got %d", *r.Seed)
	case r.Days != nil && (*r.Days < 1 || *r.Days > min(sim.MaxDays, lim.MaxDays)):
		return nil, badRequest("--days must be in 1..%d, got %d", min(sim.MaxDays, lim.MaxDays), *r.Days)
	case r.Reps != nil && (*r.Reps < 1 || *r.Reps > lim.MaxReps):
		return nil, badRequest("--reps must be in 1..%d on this page, got %d", lim.MaxReps, *r.Reps)
	}
	if r.Seed != nil {
		s.File.Seed = *r.Seed
	}
	if r.Days != nil {
		s.File.Days = *r.Days
	}
	if r.Reps != nil {
		s.File.Replicates = *r.Reps
	}
	if err := s.Validate(); err != nil {
		return nil, problem(display, err)
	}
	return s, nil
}

// regimes resolves the request's regimes against the scenario, as
// --regimes does.
func (r *Request) regimes(s *scenarios.Scenario) ([]string, error) {
	if len(r.Regimes) == 0 {
		return s.DefaultRegimes(), nil
	}
	known := s.RegimeNames()
	var out []string
	for _, name := range r.Regimes {
		if !slices.Contains(known, name) {
			return nil, badRequest("--regimes: unknown regime %q (regimes of %s: %s)", name, s.File.Name, strings.Join(known, ", "))
		}
		if slices.Contains(out, name) {
			return nil, badRequest("--regimes: %q is listed twice", name)
		}
		out = append(out, name)
	}
	return out, nil
}

// series resolves the request's series to day columns.
func (r *Request) series(lim Limits) ([]int, error) {
	names := r.Series
	if len(names) == 0 {
		names = DefaultSeries
	}
	if len(names) > lim.MaxSeries {
		return nil, badRequest("the page draws at most %d series at once, got %d", lim.MaxSeries, len(names))
	}
	var cols []int
	for _, n := range names {
		i := output.DayColumnIndex(n)
		if i < 0 {
			return nil, badRequest("no day column %q (docs/OUTPUTS.md lists them)", n)
		}
		cols = append(cols, i)
	}
	return cols, nil
}

// prepare builds the experiment of a request: the plan `borderwork
// compare` builds for the same inputs, numbered replicate by replicate so
// that every regime gains a replicate at a time. Run numbering changes no
// result: a run's seed depends only on its replicate.
func (r *Request) prepare(lim Limits) (*experiment.Prepared, []int, error) {
	s, err := r.load(lim)
	if err != nil {
		return nil, nil, err
	}
	regimes, err := r.regimes(s)
	if err != nil {
		return nil, nil, err
	}
	series, err := r.series(lim)
	if err != nil {
		return nil, nil, err
	}
	if len(regimes) > lim.MaxRegimes {
		return nil, nil, badRequest("the page compares at most %d regimes at once, got %d", lim.MaxRegimes, len(regimes))
	}
	if s.File.Replicates > lim.MaxReps {
		return nil, nil, badRequest("the page runs at most %d replicates, and %s asks for %d: set fewer", lim.MaxReps, s.File.Name, s.File.Replicates)
	}
	runs := float64(len(regimes) * s.File.Replicates)
	if work := runs * max(1, s.ExpectedMigrants()) * float64(s.File.Days); work > lim.MaxWork {
		return nil, nil, badRequest("%d runs of about %s migrants over %d days are more than the page runs at once: use fewer replicates, days or regimes, or the command line",
			int(runs), output.FormatCount(s.ExpectedMigrants()), s.File.Days)
	}
	plan := &experiment.Plan{
		Command: "compare", Scenario: s, Arg: r.arg(), Regimes: regimes, Reps: s.File.Replicates,
		Order: experiment.ReplicateMajor, ByLocation: true,
	}
	x, err := plan.Prepare()
	if err != nil {
		return nil, nil, problem(s.Display(), err)
	}
	return x, series, nil
}

// arg is how the command line names the scenario.
func (r *Request) arg() string {
	if r.Text != "" {
		return r.fileName()
	}
	return r.Scenario
}

// DefaultScenario is the scenario the page opens with unless told
// otherwise: the one docs/TEACHING.md's class uses.
const DefaultScenario = "classroom"
