package claim

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
)

// Options are the claim check's own settings.
type Options struct {
	// Split replaces malfunction by its three parts (reliability,
	// integrity, information) in the design.
	Split bool
	// Own are the scenario's own regimes run beside the design, each
	// compared with the closed and the malfunctioning cells; nil means
	// every regime the scenario defines.
	Own []string
	// SESOI sets the smallest effect of interest on each harm.
	SESOI SESOI
	// ChainShare is the share of the abuse malfunction adds that must
	// fall on trapped or stranded migrants for the claim's chain to hold
	// (docs/CLAIM.md), in (0, 1).
	ChainShare float64
	// The replicates: a pilot of the scenario's replicates, then as many
	// as every contrast needs for a 95% interval no wider than Precision
	// times its smallest effect of interest on each side, up to MaxReps.
	Precision float64
	MaxReps   int
	// Robustness repeats the check at Samples points of a Latin
	// hypercube over the assumptions, with RobustReps replicates each.
	Robustness bool
	Samples    int
	RobustReps int
	// MainOnly judges the claim averaged over protection alone, without
	// its second reading at protection none (Design.AtNoProtection): a
	// folder written before the check read it, rerun and reported as it
	// was (its manifest has no claim.protection_none). No flag sets it.
	MainOnly bool
	// WaitingOff runs each cell the chain compares again with waiting's
	// effects on abuse switched off (Design.WaitingOff), for the part of
	// malfunction's effect on abuse that goes through them.
	WaitingOff bool
	// FigureOptions say how the figures are drawn and are recorded for
	// `plot`, as in experiment.Options; nil: the defaults.
	FigureOptions *output.FigureOptions
	// Force and Limits are as in experiment.Options: replace a folder
	// that is not this command's; bound memory and work (zero: no bound).
	Force  bool
	Limits runs.Limits
}

// DefaultOptions are the claim command's defaults.
func DefaultOptions() Options {
	return Options{SESOI: DefaultSESOI(), ChainShare: DefaultChainShare, Precision: 0.5, MaxReps: 60, Samples: 32, RobustReps: 10}
}

func (o Options) check(pilot int) error {
	switch {
	case !(o.Precision > 0) || math.IsInf(o.Precision, 1):
		// +Inf would run and fail writing the manifest (JSON has no Inf).
		return runs.BadInput("--precision must be a finite number more than 0, got %v", o.Precision)
	case !validShare(o.SESOI.Share):
		return runs.BadInput("--sesoi: %s", shareWant(o.SESOI.Share))
	case !validShare(o.ChainShare):
		return runs.BadInput("--chain-share: %s", chainShareWant(o.ChainShare))
	case pilot < 2:
		return runs.BadInput("--reps must be at least 2 for an interval, got %d", pilot)
	case o.MaxReps < pilot:
		return runs.BadInput("--max-reps (%d) must be at least --reps (%d)", o.MaxReps, pilot)
	case o.Robustness && o.Samples < 3:
		return runs.BadInput("--samples must be at least 3, got %d", o.Samples)
	case o.Robustness && o.RobustReps < 2:
		return runs.BadInput("--robustness-reps must be at least 2, got %d", o.RobustReps)
	}
	for _, h := range sortedKeys(o.SESOI.ByHarm) {
		if !slices.Contains(Harms(), h) {
			return runs.BadInput("--sesoi %s=...: %s is not a harm%s (harms: %s)", h, h, suggest.Hint(h, Harms()), strings.Join(Harms(), ", "))
		}
		if x := o.SESOI.ByHarm[h]; !validShare(x) {
			return runs.BadInput("--sesoi %s=...: %s", h, shareWant(x))
		}
	}
	for _, h := range sortedKeys(o.SESOI.Abs) {
		if !slices.Contains(Harms(), h) {
			return runs.BadInput("--sesoi %s=%s...: %s is not a harm%s (harms: %s)", h, AbsPrefix, h, suggest.Hint(h, Harms()), strings.Join(Harms(), ", "))
		}
		if x := o.SESOI.Abs[h]; !validAbs(x) {
			return runs.BadInput("--sesoi %s=%s...: %s", h, AbsPrefix, absWant(x))
		}
	}
	return nil
}

// validAbs reports whether x can be a smallest effect of interest in a
// harm's own units: more than 0 (an effect of 0 cannot be shown to lie
// within ± 0) and finite.
func validAbs(x float64) bool { return x > 0 && !math.IsInf(x, 0) }

// absWant says what --sesoi HARM=abs:X wants, given the bad value x.
func absWant(x float64) string {
	return fmt.Sprintf("want an effect in the harm's own units a run (person-days, migrants, events, deaths, index points), more than 0, got %v", x)
}

// validShare reports whether x can be a smallest effect of interest: a
// share of a harm's mean, more than 0 and less than 1. A share of 1 or
// more would call any effect up to the whole mean "no meaningful
// difference", and is most likely a percentage (2 for 2%).
func validShare(x float64) bool { return x > 0 && x < 1 }

// shareWant says what --sesoi wants, given the bad share x.
func shareWant(x float64) string {
	msg := fmt.Sprintf("want a share of the harm's mean, more than 0 and less than 1 (0.1 is a tenth), got %v", x)
	if x >= 1 && x < 100 {
		msg += fmt.Sprintf("; for %v%%, give %v", x, x/100)
	}
	return msg
}

// chainShareWant says what --chain-share wants, given the bad share x.
func chainShareWant(x float64) string {
	msg := fmt.Sprintf("want a share of the abuse malfunction adds, more than 0 and less than 1 (0.5 is most of it), got %v", x)
	if x >= 1 && x < 100 {
		msg += fmt.Sprintf("; for %v%%, give %v", x, x/100)
	}
	return msg
}

func sortedKeys(m map[string]float64) []string {
	var keys []string
	for k := range m { // collected, then sorted
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// design is the check's design: StandardDesign, with the claim's second
// reading unless MainOnly.
func (o Options) design() Design {
	d := StandardDesign(o.Split)
	d.AtNoProtection = !o.MainOnly
	d.WaitingOff = o.WaitingOff
	return d
}

// args are the options as the folder's command line records them.
func (o Options) args() []string {
	var a []string
	if o.Split {
		a = append(a, "--split-malfunction")
	}
	if o.WaitingOff {
		a = append(a, "--waiting-off")
	}
	switch {
	case o.Own == nil:
	case len(o.Own) == 0: // as --own says none: an empty --own is refused
		a = append(a, "--own", "none")
	default:
		a = append(a, "--own", strings.Join(o.Own, ","))
	}
	a = append(a, "--sesoi", output.FormatFloat(o.SESOI.Share))
	for _, h := range sortedKeys(o.SESOI.ByHarm) {
		a = append(a, "--sesoi", h+"="+output.FormatFloat(o.SESOI.ByHarm[h]))
	}
	for _, h := range sortedKeys(o.SESOI.Abs) {
		a = append(a, "--sesoi", h+"="+AbsPrefix+output.FormatFloat(o.SESOI.Abs[h]))
	}
	a = append(a, "--chain-share", output.FormatFloat(o.ChainShare))
	a = append(a, "--precision", output.FormatFloat(o.Precision), "--max-reps", fmt.Sprint(o.MaxReps))
	if o.Robustness {
		a = append(a, "--robustness", "--samples", fmt.Sprint(o.Samples), "--robustness-reps", fmt.Sprint(o.RobustReps))
	}
	return a
}

// Info is what a claim folder's manifest records of the check.
type Info struct {
	Switches  []string           `json:"switches"`
	Arms      []string           `json:"arms"`
	Own       []string           `json:"own"`
	OwnGiven  bool               `json:"own_given"`
	Harms     []string           `json:"harms"`
	SESOI     float64            `json:"sesoi"`
	SESOIHarm map[string]float64 `json:"sesoi_by_harm,omitempty"`
	// SESOIAbs are the smallest effects given in harms' own units
	// (--sesoi HARM=abs:X); absent in folders written before they could
	// be, and when none was given.
	SESOIAbs map[string]float64 `json:"sesoi_abs,omitempty"`
	// ChainShare is the share the claim's chain is judged against;
	// absent (0) in folders written before it was, which judged no
	// chain: they are rerun at the default.
	ChainShare float64 `json:"chain_share,omitempty"`
	Precision  float64 `json:"precision"`
	MaxReps    int     `json:"max_reps"`
	Pilot      int     `json:"pilot_reps"`
	Reps       int     `json:"reps"`
	// SESOIValues are the smallest effects of interest, in each harm's
	// units, fixed from the pilot before the main runs. A rerun fixes
	// them again from the same pilot; they are recorded for the reader.
	SESOIValues map[string]float64 `json:"sesoi_values,omitempty"`
	// RepsNeeded is the replicates the target precision needs, judged
	// from the pilot's spread before --max-reps caps them: the largest
	// over the contrasts, at least pilot_reps. Reps is it, or max_reps
	// when it is more. Absent (0): unknown, in a folder written before
	// it was recorded, or interrupted in its pilot.
	RepsNeeded int `json:"reps_needed,omitempty"`
	// ProtectionNone: the check read the claim a second time at
	// protection none (Design.AtNoProtection). Absent (false) in folders
	// written before it did, which are rerun and reported without it, as
	// they were written (Options.MainOnly).
	ProtectionNone bool `json:"protection_none,omitempty"`
	// WaitingOff: the arms include copies of cells with waiting's
	// effects on abuse switched off (Options.WaitingOff).
	WaitingOff bool            `json:"waiting_off,omitempty"`
	Robustness *RobustnessInfo `json:"robustness,omitempty"`
}

// options are the options a folder was written with.
func (info *Info) options() Options {
	o := Options{Split: slices.Contains(info.Switches, Reliability.Name), Precision: info.Precision, MaxReps: info.MaxReps,
		SESOI: SESOI{Share: info.SESOI, ByHarm: info.SESOIHarm, Abs: info.SESOIAbs, MinUnit: 1}, ChainShare: info.ChainShare, MainOnly: !info.ProtectionNone, WaitingOff: info.WaitingOff}
	if o.ChainShare == 0 {
		o.ChainShare = DefaultChainShare
	}
	if info.OwnGiven {
		o.Own = info.Own
	}
	if r := info.Robustness; r != nil {
		o.Robustness, o.Samples, o.RobustReps = true, r.Samples, r.Reps
	}
	return o
}

// ReadInfo reads the claim section of a manifest, and checks it as the
// flags that set it are checked: a section edited by hand (a share out of
// range, a harm that is none) would otherwise be quoted by a report
// written again, or rerun.
// Errors wrap runs.ErrBadInput and name the key
// (manifest.json: claim.sesoi). recorded checks the section against the
// tables too.
func ReadInfo(m *output.Manifest) (*Info, error) {
	info, err := experiment.ReadSection[Info](m.Claim, "claim")
	if err != nil {
		return nil, err
	}
	if err := info.check(); err != nil {
		return nil, err
	}
	return info, nil
}

// recorded is a claim folder's Recorded: its claim section as ReadInfo
// checks it, with robustness recorded if and only if robustness.csv is
// among its tables (a check interrupted in its robustness runs lists it
// only once they are done).
func recorded(ctx context.Context, dir string, m *output.Manifest) error {
	info, err := ReadInfo(m)
	if err != nil {
		if rest, ok := strings.CutPrefix(err.Error(), "manifest.json: "); ok {
			return runs.BadInput("%s: %s", filepath.Join(dir, "manifest.json"), rest)
		}
		return fmt.Errorf("%s: %w", dir, err)
	}
	listed := slices.ContainsFunc(m.Tables, func(c output.Checked) bool { return c.File == "robustness.csv" })
	switch {
	case info.Robustness == nil && listed:
		return runs.BadInput("%s: claim.robustness: absent, but the manifest lists robustness.csv among its tables", filepath.Join(dir, "manifest.json"))
	case info.Robustness != nil && !listed && m.Complete:
		return runs.BadInput("%s: claim.robustness: present, but the manifest lists no robustness.csv among its tables", filepath.Join(dir, "manifest.json"))
	}
	return sesoiAsFixed(ctx, dir, m, info)
}

// sesoiAsFixed checks the smallest effects a claim folder's section
// records (sesoi_values) against those its pilot's runs give, fixed as
// Check fixed them (repsNeeded, from the first pilot_reps replicates of
// summary.csv): a report written again decides its equivalence tests
// with them, and a value edited by hand would move the margin. A folder
// interrupted in its pilot fixed none. The shares they are fixed with
// must be the command line's, as for a report written again (a share
// edited is named there, as command_line, not as the values it moves).
// summary.csv and scenario.toml are read only if they hold the bytes
// their checksums record: a changed one is left to the check of the
// tables, which names it.
func sesoiAsFixed(ctx context.Context, dir string, m *output.Manifest, info *Info) error {
	i := slices.IndexFunc(m.Tables, func(c output.Checked) bool { return c.File == "summary.csv" })
	if i < 0 {
		return nil
	}
	if d, err := output.VerifyContext(ctx, dir, m.Tables[i]); err != nil || d != nil {
		if err != nil && ctx.Err() != nil {
			return fmt.Errorf("%w while checking %s", runs.ErrInterrupted, filepath.Join(dir, "summary.csv"))
		}
		return nil
	}
	scenarioPath := filepath.Join(dir, "scenario.toml")
	if sum, err := output.FileSHA256(scenarioPath); err != nil || sum != m.ScenarioSHA256 {
		return nil
	}
	s, err := experiment.LoadResolved(m, scenarioPath)
	if err != nil {
		return nil // refused where the scenario is read again
	}
	o := info.options()
	_, rows, err := experiment.WithSummary(ctx, plan(s, m.ScenarioArg, o.design(), info.Own, o), dir, m)
	if err != nil {
		return err
	}
	pilot := pilotRows(rows, info.Pilot)
	var fixed map[string]float64
	var needs Needs
	if len(pilot) == info.Pilot*len(info.Arms) {
		if _, needs, fixed, err = repsNeeded(o.design(), info.Own, pilot, o, info.Pilot); err != nil {
			return fmt.Errorf("%s: %w", dir, err)
		}
	}
	// reps_needed is said in report.md; absent, it is unknown.
	if n := info.RepsNeeded; n != 0 && fixed != nil && n != needs.Most(info.Pilot) {
		return runs.BadInput("%s: claim.reps_needed: %d, but the pilot's runs (the first %d replicates in summary.csv) give %d", filepath.Join(dir, "manifest.json"), n, info.Pilot, needs.Most(info.Pilot))
	}
	bad := func(format string, a ...any) error {
		return runs.BadInput("%s: claim.sesoi_values: %s", filepath.Join(dir, "manifest.json"), fmt.Sprintf(format, a...))
	}
	for _, h := range sortedKeys(info.SESOIValues) {
		got := info.SESOIValues[h]
		want, ok := fixed[h]
		switch {
		case fixed == nil:
			return bad("%s is %v, but the folder holds no whole pilot (pilot_reps %d of each arm) to fix it from", h, got, info.Pilot)
		case !ok:
			return bad("%s is %v, but the pilot fixes no smallest effect on it", h, got)
		case got != want:
			return bad("%s is %v, but the pilot's runs (the first %d replicates in summary.csv) give %v", h, got, info.Pilot, want)
		}
	}
	for _, h := range sortedKeys(fixed) {
		if _, ok := info.SESOIValues[h]; !ok {
			return bad("%s is absent, but the pilot's runs (the first %d replicates in summary.csv) give %v", h, info.Pilot, fixed[h])
		}
	}
	return nil
}

// check checks the claim section info: the ranges the flags are held
// to, and the replicates it records.
func (info *Info) check() error {
	bad := func(key, format string, a ...any) error {
		return runs.BadInput("manifest.json: claim.%s: %s", key, fmt.Sprintf(format, a...))
	}
	switch {
	case !validShare(info.SESOI):
		return bad("sesoi", "%s", shareWant(info.SESOI))
	case info.ChainShare != 0 && !validShare(info.ChainShare): // 0: absent, an older folder's
		return bad("chain_share", "%s", chainShareWant(info.ChainShare))
	case !(info.Precision > 0):
		return bad("precision", "must be more than 0, got %v", info.Precision)
	case info.Pilot < 2:
		return bad("pilot_reps", "must be at least 2 for an interval, got %d", info.Pilot)
	case info.MaxReps < info.Pilot:
		return bad("max_reps", "(%d) must be at least pilot_reps (%d)", info.MaxReps, info.Pilot)
	case info.Reps < info.Pilot || info.Reps > info.MaxReps:
		return bad("reps", "(%d) must be from pilot_reps (%d) to max_reps (%d)", info.Reps, info.Pilot, info.MaxReps)
	case info.RepsNeeded != 0 && (info.RepsNeeded < info.Pilot || min(info.RepsNeeded, info.MaxReps) != info.Reps): // 0: unknown
		return bad("reps_needed", "(%d) must be at least pilot_reps (%d), and give reps (%d): reps_needed, or max_reps (%d) when it is more", info.RepsNeeded, info.Pilot, info.Reps, info.MaxReps)
	}
	for _, h := range sortedKeys(info.SESOIHarm) {
		if !slices.Contains(Harms(), h) {
			return bad("sesoi_by_harm", "%s is not a harm%s (harms: %s)", h, suggest.Hint(h, Harms()), strings.Join(Harms(), ", "))
		}
		if x := info.SESOIHarm[h]; !validShare(x) {
			return bad("sesoi_by_harm", "%s: %s", h, shareWant(x))
		}
	}
	for _, h := range sortedKeys(info.SESOIAbs) {
		switch x := info.SESOIAbs[h]; {
		case !slices.Contains(Harms(), h):
			return bad("sesoi_abs", "%s is not a harm%s (harms: %s)", h, suggest.Hint(h, Harms()), strings.Join(Harms(), ", "))
		case !validAbs(x):
			return bad("sesoi_abs", "%s: %s", h, absWant(x))
		}
		if _, ok := info.SESOIHarm[h]; ok {
			return bad("sesoi_abs", "%s is also in sesoi_by_harm: a harm's smallest effect is a share of its mean or in its own units, not both", h)
		}
	}
	for _, h := range sortedKeys(info.SESOIValues) {
		if x := info.SESOIValues[h]; !slices.Contains(Harms(), h) || !(x > 0) || math.IsInf(x, 0) {
			return bad("sesoi_values", "%s: want a harm and a smallest effect of interest more than 0, got %v", h, x)
		}
	}
	switch r := info.Robustness; {
	case r != nil && r.Samples < 3:
		return bad("robustness.samples", "must be at least 3, got %d", r.Samples)
	case r != nil && r.Reps < 2:
		return bad("robustness.reps", "must be at least 2, got %d", r.Reps)
	}
	return nil
}

// Outcome is a finished claim check.
type Outcome struct {
	*Analysis
	Dir   string
	Pilot int // replicates of the pilot
	// Unreached are the scenario's changes to built-in regimes that the
	// design's cells, built from levels, do not see (see Unreached).
	Unreached []string
	// Needs are the replicates each contrast needed for the target
	// precision, judged from the pilot (uncapped); MaxReps the cap.
	Needs      Needs
	MaxReps    int
	Robustness *RobustnessResult
	Figures    []string
	Complete   bool
}

// Progress is told, for each stage of the check, how many of its runs are
// done.
type Progress func(stage string, done, total int)

// ownRegimes are the regimes the check runs beside the design: those
// given with --own (o.Own), which must be among the scenario's own, or
// else all of the scenario's own. A built-in regime the scenario leaves
// as it is is one of the design's combinations: given, it is refused.
// One the scenario changes (with keys of its own, or schedule windows or
// programmes that name it: Changes) is the scenario's
// version of it, which the combinations do not see (Unreached): given,
// it runs beside them.
func ownRegimes(s *scenarios.Scenario, o Options) ([]string, error) {
	var own []string
	for _, r := range s.RegimeNames() {
		if !slices.Contains(scenarios.BuiltinRegimes, r) {
			own = append(own, r)
		}
	}
	// An own regime cannot take the name of an arm of the design: its
	// runs and the arm's would be one in the tables.
	arms := o.design().Arms(nil)
	for _, r := range own {
		if !slices.Contains(arms, r) {
			continue
		}
		what := "a combination of the design (" + strings.Join(arms[:4], ", ") + ", ...)"
		if cell, ok := strings.CutSuffix(r, WaitingOffSuffix); ok {
			what = "the combination " + cell + " run again with waiting's effects off (--waiting-off)"
		}
		return nil, s.ErrorAt("regimes."+r, fmt.Sprintf("the claim check names one of its arms %s, %s; rename the regime to run it beside them", r, what))
	}
	if o.Own == nil {
		return own, nil
	}
	theirs := fmt.Sprintf("%s has no regimes of its own", s.File.Name)
	if len(own) > 0 {
		theirs = fmt.Sprintf("own regimes of %s: %s", s.File.Name, strings.Join(own, ", "))
	}
	for _, r := range o.Own {
		switch {
		case slices.Contains(own, r):
		case slices.Contains(scenarios.BuiltinRegimes, r):
			if ch, err := Changes(s, r); err == nil && len(ch) > 0 {
				break // the scenario's own version of a built-in regime
			}
			return nil, runs.BadInput("--own: %s is a built-in regime the scenario leaves as it is, one of the design's combinations; --own takes the scenario's own regimes (%s), or a built-in one it changes", r, theirs)
		default:
			return nil, runs.BadInput("--own: unknown regime %q (%s)%s", r, theirs, suggest.Hint(r, own))
		}
	}
	return o.Own, nil
}

// plan is the check's experiment: the design's cells and the own regimes,
// numbered replicate first so that replicates can be added without
// renumbering.
func plan(s *scenarios.Scenario, arg string, d Design, own []string, o Options) *experiment.Plan {
	return &experiment.Plan{
		Command: "claim", Scenario: s, Arg: arg, Regimes: d.Arms(own), Reps: s.File.Replicates,
		Configure: d.configure, Order: experiment.ReplicateMajor, Args: o.args(),
	}
}

// Check runs the claim check on s and writes its folder at out: the runs'
// tables, effects.csv, verdicts.csv, mediation.csv, the robustness tables
// when asked for, figures in formats, report.md and the manifest. It runs
// a pilot of the scenario's replicates, fixes the smallest effects of
// interest from it, then runs as many more replicates as the contrasts
// need (Options.Precision), decided before any test is made. On
// interruption it keeps what finished, marks the folder incomplete and
// returns an error wrapping runs.ErrInterrupted.
//
// arg names s as a command line would (a bundled name or a path), for
// the command line the folder and its report.md record; "" records the
// bundled name or path s was loaded from (experiment.Plan.Arg says
// more). workers is how many runs go at once
// (below 1: one; the folder is the same bytes whatever it is); formats
// are the figure formats, of "png", "svg" and "pdf" (none: no figures;
// another is bad input, refused before any run); progress may be nil.
func Check(ctx context.Context, s *scenarios.Scenario, arg string, o Options, out string, workers int, formats []string, progress Progress) (*Outcome, error) {
	pilot := s.File.Replicates
	if err := o.check(pilot); err != nil {
		return nil, err
	}
	d := o.design()
	own, err := ownRegimes(s, o)
	if err != nil {
		return nil, err
	}
	x, err := plan(s, arg, d, own, o).PrepareContext(ctx)
	if err != nil {
		return nil, err
	}
	if err := o.Limits.CheckRuns("--max-reps", 1, float64(o.MaxReps*len(x.Regimes)), 0); err != nil {
		return nil, err
	}
	if workers, err = x.Fit(o.Limits, o.MaxReps*len(x.Regimes), workers); err != nil {
		return nil, err
	}
	if err := experiment.FitsOnDisk(x, out, x.NRuns()); err != nil { // the pilot's runs, at least
		return nil, err
	}
	var robust *robustnessPlan
	if o.Robustness {
		// Before the design is drawn: --samples sets its size.
		if err := o.Limits.CheckRuns("--samples × --robustness-reps", float64(o.Samples), float64(o.Samples)*float64(o.RobustReps)*float64(len(x.Regimes)), len(Assumptions)); err != nil {
			return nil, err
		}
		if robust, err = planRobustness(ctx, s, d, o); err != nil {
			return nil, err
		}
	}
	if err := experiment.NotStarted(ctx); err != nil {
		return nil, err
	}
	w, err := experiment.Start(x, out, experiment.Options{Force: o.Force, Formats: formats})
	if err != nil {
		return nil, err
	}
	defer w.Discard()
	res := &Outcome{Dir: out, Pilot: pilot, Unreached: Unreached(s), MaxReps: o.MaxReps}
	arms := len(x.Regimes)
	stage := func(name string, from, to int) error {
		jobs := make([]int, 0, (to-from)*arms)
		for k := from * arms; k < to*arms; k++ {
			jobs = append(jobs, k)
		}
		return w.Run(ctx, jobs, workers, func(done int) {
			if progress != nil {
				progress(name, done, to*arms)
			}
		})
	}
	x.Reps = pilot
	runErr := stage(fmt.Sprintf("claim: pilot of %d replicates", pilot), 0, pilot)
	sesoi := o.SESOI
	if runErr == nil {
		n, needs, fixed, err := repsNeeded(d, own, w.Rows, o, pilot)
		if err != nil {
			return nil, err
		}
		sesoi.Fixed, res.Needs = fixed, needs
		if n > pilot {
			x.Reps = n
			runErr = stage(fmt.Sprintf("claim: %d replicates", n), pilot, n)
		}
	}
	if runErr != nil && !errors.Is(runErr, runs.ErrInterrupted) {
		return nil, runErr
	}
	complete := runErr == nil
	if complete {
		if res.Analysis, err = Analyse(d, own, w.Rows, sesoi, o.ChainShare, uint64(s.File.Seed)); err != nil {
			return nil, err
		}
		if err := writeTables(w, res.Analysis, res.Needs); err != nil {
			return nil, err
		}
		if robust != nil {
			p := func(done int) {
				if progress != nil {
					progress("claim: robustness", done, len(robust.jobs))
				}
			}
			if res.Robustness, runErr = robust.run(ctx, w, workers, p); runErr != nil && !errors.Is(runErr, runs.ErrInterrupted) {
				return nil, runErr
			}
			complete = runErr == nil
			w.AddTable("robustness_summary.csv")
			if complete {
				w.AddTable("robustness.csv")
			}
		}
	}
	info := &Info{Arms: x.Regimes, Own: own, OwnGiven: o.Own != nil, Harms: Harms(), SESOI: o.SESOI.Share, SESOIHarm: o.SESOI.ByHarm, SESOIAbs: o.SESOI.Abs, ChainShare: o.ChainShare,
		Precision: o.Precision, MaxReps: o.MaxReps, Pilot: pilot, Reps: x.Reps, SESOIValues: sesoi.Fixed, ProtectionNone: d.AtNoProtection, WaitingOff: d.WaitingOff}
	if res.Needs != nil {
		info.RepsNeeded = res.Needs.Most(pilot)
	}
	for _, sw := range d.Switches {
		info.Switches = append(info.Switches, sw.Name)
	}
	if robust != nil {
		info.Robustness = &RobustnessInfo{Samples: o.Samples, Reps: o.RobustReps, Assumptions: robust.assumptions, Points: robust.x.Points}
	}
	rawInfo, err := json.Marshal(info)
	if err != nil {
		return nil, err
	}
	done, err := w.Finish(ctx, experiment.Finish{
		Complete: complete,
		Formats:  formats,
		Figures:  Figures,
		// As recorded, so that a rerun draws the figures plot last drew.
		FigureOptions: o.FigureOptions,
		Report:        func(drawn []experiment.Drawn, _ []output.Group) ([]byte, error) { return report(x, o, res, drawn) },
		Manifest:      func(m *output.Manifest) { m.Claim = rawInfo },
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

// repsNeeded is, from the pilot's runs, the smallest effect of interest
// on each harm (a share of the pilot's grand mean of the cells, or the
// value given in the harm's own units), fixed
// from here on, and the replicates per arm at which every contrast of the
// family gets an interval of half-width Precision × that smallest effect,
// judged from the pilot's spread, capped at MaxReps, with each contrast's
// need before the cap (said when the cap binds). So the number of
// replicates depends on the pilot's spread and, through the smallest
// effects, on its means; it looks at no test. Such internal pilots can
// raise the type I error a little (Wittes and Brittain 1990); fixing the
// margin before the main runs keeps it from being chosen from the data it
// tests.
func repsNeeded(d Design, own []string, rows []output.SummaryRow, o Options, pilot int) (int, Needs, map[string]float64, error) {
	a, err := Analyse(d, own, rows, o.SESOI, o.ChainShare, 0)
	if err != nil {
		return 0, nil, nil, err
	}
	needs := make(Needs, 0, len(a.Estimates))
	fixed := map[string]float64{} // looked up by harm only; encoding/json sorts its keys
	for _, e := range a.Estimates {
		needs = append(needs, Need{e.Effect.ID, e.Harm, RequiredReps(e.SD, e.SESOI, o.Precision, pilot), IsAtNone(e.Effect.ID)})
		fixed[e.Harm] = e.SESOI
	}
	return min(needs.Most(pilot), o.MaxReps), needs, fixed, nil
}

func init() {
	experiment.Register(experiment.Kind{Command: "claim", Figures: Figures, Rerun: rerun, Rereport: rereport, Recorded: recorded, Like: like, Style: style, DrawsBands: true, Legacy: legacy,
		// The legends name the design's combinations, which are fixed,
		// and the scenario's own regimes, which --own chooses; claim
		// takes no --regimes.
		FewerEntries: func(*output.Manifest) string {
			return "run fewer of the scenario's own regimes beside the design (--own), or draw no figures (--formats '')"
		}})
}

// rereport is a claim folder's Rereport: its report from the analysis of
// its summary.csv again, with the smallest effects of interest the
// manifest records (fixed from the pilot), and its robustness.csv.
func rereport(ctx context.Context, dir string, m *output.Manifest, drawn []experiment.Drawn) ([]byte, error) {
	info, err := ReadInfo(m)
	if err != nil {
		return nil, err
	}
	s, err := experiment.LoadResolved(m, filepath.Join(dir, "scenario.toml"))
	if err != nil {
		return nil, err
	}
	o := info.options()
	d := o.design()
	x, rows, err := experiment.WithSummary(ctx, plan(s, m.ScenarioArg, d, info.Own, o), dir, m)
	if err != nil {
		return nil, err
	}
	x.Reps = info.Reps
	sesoi := o.SESOI
	sesoi.Fixed = info.SESOIValues
	res := &Outcome{Dir: dir, Pilot: info.Pilot, Unreached: Unreached(s), MaxReps: info.MaxReps}
	// The needs again from the pilot, as Check had them (recorded checks
	// reps_needed against them): a folder written before they were
	// recorded is said as truly as a new one.
	if _, res.Needs, _, err = repsNeeded(d, info.Own, pilotRows(rows, info.Pilot), o, info.Pilot); err != nil {
		return nil, err
	}
	if res.Analysis, err = Analyse(d, info.Own, rows, sesoi, o.ChainShare, uint64(s.File.Seed)); err != nil {
		return nil, err
	}
	// A report of another analysis than the folder's tables hold would
	// contradict them: an earlier borderwork judged ties otherwise, say.
	if err := experiment.AnalysisUnchanged(m, analysisTables(res.Analysis, res.Needs)); err != nil {
		return nil, err
	}
	if info.Robustness != nil {
		if res.Robustness, err = ReadRobustness(filepath.Join(dir, "robustness.csv")); err != nil {
			return nil, err
		}
		res.Robustness.Recorded = info.Robustness.Assumptions
		res.Robustness.SetIdle(s)
	}
	return report(x, o, res, drawn)
}

// legacy is a claim folder's Legacy: verdicts.csv of the folder at dir
// (with its claim.csv) as borderwork wrote it before 2026-12-03, wide.
func legacy(dir, file string) ([]byte, bool, error) {
	if file != "verdicts.csv" {
		return nil, false, nil
	}
	cs, _, err := ReadVerdicts(filepath.Join(dir, file))
	if err != nil {
		return nil, false, err
	}
	return wideVerdicts(cs), true, nil
}

// rerun is a claim folder's Rerun: the check again, with its options and
// its figure options.
func rerun(ctx context.Context, m *output.Manifest, scenarioPath, out string, workers int, formats []string) error {
	info, err := ReadInfo(m)
	if err != nil {
		return err
	}
	s, err := experiment.LoadResolved(m, scenarioPath)
	if err != nil {
		return err
	}
	o := info.options()
	o.FigureOptions = experiment.RecordedFigureOptions(m)
	_, err = Check(ctx, s, m.ScenarioArg, o, out, workers, formats, nil)
	return err
}
