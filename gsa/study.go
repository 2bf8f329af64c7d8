package gsa

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/borderwork/borderwork/claim"
	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/sensitivity"
	"github.com/borderwork/borderwork/sim"
)

// The methods.
const (
	Morris = "morris"
	Sobol  = "sobol"
)

// Spec is an analysis as asked for, before it is resolved against the
// scenario.
type Spec struct {
	Method string // Morris or Sobol
	// Entries choose the parameters and their ranges (--params-file
	// entries, then --params); none means every key the default rule can
	// vary.
	Entries []Entry
	Share   float64 // the default rule's half-width; 0 means DefaultShare
	// Regimes run at each point, whose metrics are outputs; or, if
	// Effects are given, the claim's design is run (Split splits its
	// malfunction switch) and the effects on each metric are the outputs.
	Regimes []string
	Effects []string
	Split   bool
	Metrics []string // nil means "harms"

	Trajectories, Levels, Candidates int    // Morris; 0 means the defaults
	Samples                          int    // Sobol: base samples N; 0 means DefaultSamples
	Base                             string // Sobol: base sequence; "" means sobol-scrambled

	Resamples int     // bootstrap; 0 means 1000
	Level     float64 // of the intervals; 0 means 0.95

	// Limits bound the design's size before anything is built (the
	// bookkeeping of its runs; Write checks the runs themselves); the
	// zero value sets none.
	Limits runs.Limits
}

// Defaults of a Spec.
const (
	DefaultSamples    = 256
	DefaultCandidates = 5 // × trajectories: Morris candidates drawn before selection
)

// settingRanges are the valid values of a Spec's numeric settings, by the
// command line's flag, with the range as messages say it.
var settingRanges = map[string]struct {
	valid string
	ok    func(v float64) bool
}{
	"trajectories": {"a whole number, at least 2", func(v float64) bool { return v >= 2 && v <= math.MaxInt32 }},
	"levels":       {"an even number from 2 to " + strconv.Itoa(sensitivity.MaxLevels), func(v float64) bool { return v >= 2 && v <= sensitivity.MaxLevels && math.Mod(v, 2) == 0 }},
	"candidates":   {"a whole number, at least --trajectories", func(v float64) bool { return v >= 2 && v <= math.MaxInt32 }},
	"samples":      {"a whole number, at least 2", func(v float64) bool { return v >= 2 }},
	"resamples":    {"a whole number, at least 2", func(v float64) bool { return v >= 2 }},
	"confidence":   {"a level between 0 and 1, such as 0.95", func(v float64) bool { return v > 0 && v < 1 }},
}

// CheckSetting refuses a value of a numeric setting (by its flag:
// trajectories, levels, candidates, samples, resamples or confidence)
// outside its valid range, naming the range. In a Spec, 0 means the
// default; a command line calls CheckSetting for a 0 given explicitly,
// which is refused like any other invalid value.
func CheckSetting(flag string, v float64) error {
	r, ok := settingRanges[flag]
	if !ok {
		return fmt.Errorf("gsa: no setting %q", flag)
	}
	if !r.ok(v) {
		return runs.BadInput("--%s must be %s, got %s", flag, r.valid, strconv.FormatFloat(v, 'g', -1, 64))
	}
	return nil
}

// Info is a sensitivity analysis as its folder's manifest records it
// (manifest.json, section "sensitivity"): everything needed to rebuild
// its design and outputs, fully resolved, so that a rerun needs neither
// the parameter file nor a screening folder it was made from.
type Info struct {
	Method string `json:"method"`
	// Keys are every numeric key of the scenario (and any other a range
	// was given for), varied or fixed, in the design's order.
	Keys  []Key   `json:"keys"`
	Share float64 `json:"range_share"`

	Trajectories int    `json:"trajectories,omitempty"`
	Levels       int    `json:"levels,omitempty"`
	Candidates   int    `json:"candidates,omitempty"`
	Samples      int    `json:"samples,omitempty"`
	Base         string `json:"base,omitempty"`
	Points       int    `json:"points"`

	// Arms are the regimes run at each point, or the claim design's cells.
	Arms    []string `json:"arms"`
	Effects []string `json:"effects,omitempty"`
	Split   bool     `json:"split_malfunction,omitempty"`
	Metrics []string `json:"metrics"`
	Outputs []Output `json:"outputs"`

	Resamples int     `json:"resamples"`
	Level     float64 `json:"level"`
	// Entries are the entries that chose the parameters, as given, in
	// order: with the scenario they resolve Keys again, which is how a
	// folder's manifest is checked (Rebuild).
	Entries []EntryInfo `json:"entries,omitempty"`
	// Args are the command's own flags as the command line records them.
	Args []string `json:"args"`
}

// EntryInfo is an Entry as the manifest records it: the argument, as
// --params reads it, and where it was given.
type EntryInfo struct {
	Arg    string `json:"arg"`
	Source string `json:"source"`
}

// ReadInfo reads the sensitivity section of a manifest.
func ReadInfo(m *output.Manifest) (*Info, error) {
	return experiment.ReadSection[Info](m.Sensitivity, "sensitivity")
}

// Study is a resolved analysis of one scenario: its parameters, design,
// arms and outputs, and the experiment that runs it. Build it with New
// (from a Spec) or FromManifest (from a folder); Write runs it.
type Study struct {
	Info
	Scenario *scenarios.Scenario
	Arg      string // how the command line named the scenario
	Params   []sensitivity.Param
	Design   sensitivity.Design
	X        *experiment.Prepared // the runs: point × arm × replicate, point-major
	cells    *claim.Design        // the claim's design, when the outputs are effects
	// followers[i] are the Followers of parameter i.
	followers [][]string
	extract   *extractor
}

// New resolves spec against s (validated, its replicates the replicates
// per point), checks every argument and the corners of the parameter box
// (errors wrap runs.ErrBadInput or scenarios.ErrInvalid), and
// returns the study. arg is how the command line named the scenario.
// It is NewContext with a context that never ends.
func New(s *scenarios.Scenario, arg string, spec Spec) (*Study, error) {
	return NewContext(context.Background(), s, arg, spec)
}

// NewContext is New, stopping with an error wrapping
// runs.ErrInterrupted if ctx ends while the points are prepared.
func NewContext(ctx context.Context, s *scenarios.Scenario, arg string, spec Spec) (*Study, error) {
	info, err := settings(s, spec)
	if err != nil {
		return nil, err
	}
	if info.Keys, err = Space(s, spec.Entries, info.Share); err != nil {
		return nil, err
	}
	if err := addFollowers(s, info.Keys); err != nil {
		return nil, err
	}
	for _, e := range spec.Entries {
		info.Entries = append(info.Entries, EntryInfo{Arg: e.String(), Source: e.Source})
	}
	info.Args = args(&info, spec.Entries, len(spec.Effects) > 0)
	st, err := fromInfo(s, arg, info)
	if err != nil {
		return nil, err
	}
	if err := spec.Limits.CheckRuns(st.sizeFlags(), float64(st.Points), float64(st.Runs()), 1); err != nil {
		return nil, err
	}
	if err := runs.CheckManifest(st.sizeFlags(), float64(st.Runs()), 1); err != nil {
		return nil, err
	}
	// The bootstrap holds every resample's indices at once (three per
	// parameter and output for Morris, two for Sobol'): refuse what would
	// not fit now, not after every run has finished.
	if m := float64(spec.Limits.Memory); m > 0 {
		need := 3 * 8 * float64(st.Resamples) * float64(len(st.Outputs)) * float64(len(st.Params))
		if !(need <= m) {
			return nil, runs.BadInput("--resamples %d × %d outputs × %d parameters: the bootstrap would need about %s of memory at once; the limit is %s (--max-memory or %s raises it)",
				st.Resamples, len(st.Outputs), len(st.Params), runs.FormatBytes(need), runs.FormatBytes(m), runs.EnvMaxMemory)
		}
	}
	if err := st.checkBox(); err != nil {
		return nil, err
	}
	return st, st.prepare(ctx)
}

// CommandLine is the command line (experiment.Plan.CommandLine) of the
// study NewContext would return for s, named arg, and spec, found
// without resolving the parameters or building the design or the runs:
// what --resume compares with a folder's command line before anything
// is set up. Errors are those of the settings, as NewContext's.
func CommandLine(s *scenarios.Scenario, arg string, spec Spec) (string, error) {
	info, err := settings(s, spec)
	if err != nil {
		return "", err
	}
	p := &experiment.Plan{Command: "sensitivity", Scenario: s, Arg: arg, Regimes: info.Arms,
		Args: args(&info, spec.Entries, len(spec.Effects) > 0)}
	return p.CommandLine(), nil
}

// settings checks spec's method, settings and outputs against s and
// returns them with the defaults filled in: the study's Info but for its
// keys, entries and command-line arguments.
func settings(s *scenarios.Scenario, spec Spec) (Info, error) {
	info := Info{Method: spec.Method, Share: spec.Share, Split: spec.Split,
		Resamples: spec.Resamples, Level: spec.Level}
	if info.Share == 0 {
		info.Share = DefaultShare
	}
	if info.Resamples == 0 {
		info.Resamples = sensitivity.DefaultResamples
	}
	if info.Level == 0 {
		info.Level = sensitivity.DefaultLevel
	}
	if err := CheckSetting("resamples", float64(info.Resamples)); err != nil {
		return Info{}, err
	}
	if err := CheckSetting("confidence", info.Level); err != nil {
		return Info{}, err
	}
	switch {
	case spec.Method != Morris && spec.Method != Sobol:
		return Info{}, runs.BadInput("--method must be morris or sobol, got %q", spec.Method)
	case s.File.Replicates < 2:
		return Info{}, runs.BadInput("--reps must be at least 2: a point's replicate noise is measured from its replicates, got %d", s.File.Replicates)
	case len(spec.Effects) > 0 && len(spec.Regimes) > 0:
		return Info{}, runs.BadInput("give --regimes or --effects, not both: effects run the claim's design in place of regimes")
	case spec.Split && len(spec.Effects) == 0:
		return Info{}, runs.BadInput("--split-malfunction is for --effects")
	}
	if spec.Method == Morris {
		info.Trajectories, info.Levels, info.Candidates = spec.Trajectories, spec.Levels, spec.Candidates
		if info.Trajectories == 0 {
			info.Trajectories = sensitivity.DefaultTrajectories
		}
		if info.Levels == 0 {
			info.Levels = sensitivity.DefaultLevels
		}
		if info.Candidates == 0 {
			info.Candidates = DefaultCandidates * info.Trajectories
		}
		for _, c := range []struct {
			flag string
			v    int
		}{{"trajectories", info.Trajectories}, {"levels", info.Levels}, {"candidates", info.Candidates}} {
			if err := CheckSetting(c.flag, float64(c.v)); err != nil {
				if c.flag == "candidates" && spec.Candidates == 0 { // not given: say where it came from
					return Info{}, runs.BadInput("--trajectories %d: the default --candidates, 5 × r = %d, is more than a design can draw; give fewer trajectories", info.Trajectories, info.Candidates)
				}
				return Info{}, err
			}
		}
		if info.Candidates < info.Trajectories {
			return Info{}, runs.BadInput("--candidates must be at least --trajectories (%d), got %d: the design keeps the r most spread out of M", info.Trajectories, info.Candidates)
		}
		// Keeping r of M candidates compares every pair: M² distances
		// held at once (sensitivity's selectSpread).
		if m := float64(spec.Limits.Memory); m > 0 && info.Candidates > info.Trajectories {
			if need := 8 * float64(info.Candidates) * float64(info.Candidates); !(need <= m) {
				return Info{}, runs.BadInput("--candidates %d (5 × --trajectories unless given): choosing among them compares every pair, about %s of memory at once; the limit is %s (--max-memory or %s raises it)",
					info.Candidates, runs.FormatBytes(need), runs.FormatBytes(m), runs.EnvMaxMemory)
			}
		}
		if spec.Samples != 0 || spec.Base != "" {
			return Info{}, runs.BadInput("--samples and --base are for --method sobol")
		}
	} else {
		info.Samples, info.Base = spec.Samples, spec.Base
		if info.Samples == 0 {
			info.Samples = DefaultSamples
		}
		if err := CheckSetting("samples", float64(info.Samples)); err != nil {
			return Info{}, err
		}
		if info.Base == "" {
			info.Base = sensitivity.ScrambledSobol.String()
		}
		if _, err := sensitivity.ParseBaseSequence(info.Base); err != nil {
			return Info{}, runs.BadInput("--base: %v", err)
		}
		if spec.Trajectories != 0 || spec.Levels != 0 || spec.Candidates != 0 {
			return Info{}, runs.BadInput("--trajectories, --levels and --candidates are for --method morris")
		}
	}
	var err error
	metrics := spec.Metrics
	if metrics == nil {
		metrics = []string{"harms"}
	}
	if info.Metrics, err = resolveMetrics(metrics); err != nil {
		return Info{}, err
	}
	if len(spec.Effects) > 0 {
		if info.Effects, err = resolveEffects(spec.Effects, spec.Split); err != nil {
			return Info{}, err
		}
		info.Arms = claim.StandardDesign(spec.Split).CellNames()
	} else {
		info.Arms = spec.Regimes
		if len(info.Arms) == 0 {
			info.Arms = s.DefaultRegimes()
		}
		for i, r := range info.Arms {
			if !slices.Contains(s.RegimeNames(), r) {
				return Info{}, runs.BadInput("--regimes: unknown regime %q (regimes of %s: %s)", r, s.File.Name, strings.Join(s.RegimeNames(), ", "))
			}
			if slices.Index(info.Arms, r) < i {
				return Info{}, runs.BadInput("--regimes: %q is listed twice", r)
			}
		}
	}
	info.Outputs = outputsOf(info.Metrics, info.Arms, info.Effects)
	return info, nil
}

// sizeFlags names what sets the number of runs, for messages.
func (st *Study) sizeFlags() string {
	k, arms := len(st.Params), words.Count(len(st.Arms), "regime")
	if st.cells != nil {
		arms = words.Count(len(st.Arms), "cell")
	}
	if st.Method == Morris {
		return fmt.Sprintf("--trajectories %d × (%d parameters + 1) points × %s × --reps %d", st.Trajectories, k, arms, st.Scenario.File.Replicates)
	}
	return fmt.Sprintf("--samples %d × (%d parameters + 2) points × %s × --reps %d", st.Samples, k, arms, st.Scenario.File.Replicates)
}

// args are the flags that make the analysis what it is, as the folder's
// command line records them: the method and its settings, the parameters
// as given (the sensitivity section records what they resolved to), the
// outputs and the bootstrap.
func args(info *Info, entries []Entry, effects bool) []string {
	a := []string{"--method", info.Method}
	if info.Method == Morris {
		a = append(a, "--trajectories", strconv.Itoa(info.Trajectories), "--levels", strconv.Itoa(info.Levels), "--candidates", strconv.Itoa(info.Candidates))
	} else {
		a = append(a, "--samples", strconv.Itoa(info.Samples), "--base", info.Base)
	}
	for _, e := range entries {
		a = append(a, "--params", e.String())
	}
	a = append(a, "--range-share", output.FormatFloat(info.Share), "--metrics", strings.Join(info.Metrics, ","))
	if effects {
		a = append(a, "--effects", strings.Join(info.Effects, ","))
		if info.Split {
			a = append(a, "--split-malfunction")
		}
	} else {
		a = append(a, "--regimes", strings.Join(info.Arms, ","))
	}
	return append(a, "--resamples", strconv.Itoa(info.Resamples), "--confidence", output.FormatFloat(info.Level))
}

// FromManifest rebuilds the study a folder's manifest describes, from the
// folder's resolved scenario at scenarioPath and the parameters, ranges
// and settings its sensitivity section records (so that a rerun needs
// neither a parameter file nor a screening folder), and checks that the
// manifest is what borderwork wrote: the section's settings are those of
// its command line, and the command line is that of the study. Errors
// about the folder wrap runs.ErrBadInput; what names the command
// for messages ("merge", "reproduce"). It stops with an error wrapping
// runs.ErrInterrupted if ctx ends while the points are prepared.
func FromManifest(ctx context.Context, what string, m *output.Manifest, scenarioPath string) (*Study, error) {
	dir := filepath.Dir(scenarioPath)
	manifest := filepath.Join(dir, "manifest.json")
	info, err := ReadInfo(m)
	if err != nil {
		return nil, runs.BadInput("%s: %s: %v", what, manifest, err)
	}
	s, err := experiment.LoadResolved(m, scenarioPath)
	if err != nil {
		return nil, err
	}
	st, err := fromInfo(s, m.ScenarioArg, *info)
	if err != nil {
		return nil, runs.BadInput("%s: %s: its sensitivity section: %v; the manifest was changed", what, manifest, err)
	}
	if err := st.consistent(info); err != nil {
		return nil, runs.BadInput("%s: %s: its sensitivity section %v; the manifest was changed", what, manifest, err)
	}
	if err := st.prepare(ctx); err != nil {
		return nil, err
	}
	return st, st.matches(what, dir, m)
}

// keysConsistent checks that each key the section records has its value
// in the folder's scenario, and the range or the reason to stay fixed
// that its entries (or the default rule) give it.
func (st *Study) keysConsistent(info *Info, entries []Entry) error {
	numeric := map[string]scenarios.NumericKey{} // looked up by name only
	all := st.Scenario.NumericKeys()
	for _, n := range all {
		numeric[n.Key] = n
	}
	sibs := siblings(all)
	for _, k := range info.Keys {
		n, ok := numeric[k.Name]
		switch {
		case k.Unset:
			n = unsetKey(k.Name, k.Integer)
		case !ok:
			return fmt.Errorf("records the key %s, which scenario.toml does not hold", k.Name)
		case n.Value != k.Value:
			return fmt.Errorf("records %s = %s where scenario.toml has %s", k.Name, output.FormatFloat(k.Value), output.FormatFloat(n.Value))
		}
		base := Key{Name: k.Name, Group: k.Group, Value: k.Value, Unset: k.Unset, Integer: n.Integer, Valid: n.Valid}
		want, err := resolveKey(base, n, entries, info.Share, sibs[k.Name])
		if err != nil {
			return fmt.Errorf("records %s, which its entries cannot give (%v)", k.Name, err)
		}
		if !sameKey(want, k) {
			// A folder written before the default rule kept factor levels
			// in order and fixed the outputs' definition: it still reruns.
			old := n
			if old.Role == scenarios.RoleDefinition {
				old.Role = ""
			}
			if legacy, err := resolveKey(base, old, entries, info.Share, nil); err != nil || !sameKey(legacy, k) {
				return fmt.Errorf("records a range or reason for %s that is not what its entries give", k.Name)
			}
		}
	}
	return nil
}

// sameKey reports whether the recorded key k has the range and reason
// want says.
func sameKey(want, k Key) bool {
	return want.Varied == k.Varied && want.Lo == k.Lo && want.Hi == k.Hi && want.Dist == k.Dist && want.Integer == k.Integer && want.Note == k.Note && want.Fixed == k.Fixed
}

// consistent checks that the recorded section info says what the study
// built from it runs: the flags recorded are those its settings, entries
// and outputs give, and its points those of its design.
func (st *Study) consistent(info *Info) error {
	var entries []Entry
	for _, ei := range info.Entries {
		e, err := ParseEntry(ei.Arg)
		if err != nil {
			return fmt.Errorf("records an entry that does not read (%v)", err)
		}
		e.Source = ei.Source
		entries = append(entries, e)
	}
	if err := st.keysConsistent(info, entries); err != nil {
		return err
	}
	arms := info.Arms
	if len(info.Effects) > 0 {
		arms = claim.StandardDesign(info.Split).CellNames()
	}
	switch {
	case !slices.Equal(args(info, entries, len(info.Effects) > 0), info.Args):
		return errors.New("records flags that are not those of its settings")
	case !slices.Equal(arms, info.Arms):
		return errors.New("records arms that are not the claim's cells")
	case !slices.Equal(outputsOf(info.Metrics, info.Arms, info.Effects), info.Outputs):
		return errors.New("records outputs that are not those of its metrics and arms")
	case info.Points != st.Points:
		return fmt.Errorf("says %d points where its design has %d", info.Points, st.Points)
	case info.Resamples < 2 || !(info.Level > 0 && info.Level < 1):
		return errors.New("records a bootstrap borderwork does not run")
	}
	return nil
}

// matches checks that the manifest m of the folder at dir describes the
// study: its command line, its sensitivity section and its runs.
func (st *Study) matches(what, dir string, m *output.Manifest) error {
	manifest := filepath.Join(dir, "manifest.json")
	// The study's section, as Write records it: every shard's the same.
	want, err := json.Marshal(st.Info)
	if err != nil {
		return err
	}
	var a, b bytes.Buffer
	if err := json.Compact(&a, want); err != nil {
		return err
	}
	if err := json.Compact(&b, m.Sensitivity); err != nil {
		return runs.BadInput("%s: %s: its sensitivity section: %v", what, manifest, err)
	}
	switch {
	case !experiment.SameCommandLine(st.X.CommandLine(), experiment.BaseCommandLine(m.CommandLine)) && !experiment.SameButScenarioPath(st.X.CommandLine(), st.X.Arg, m.CommandLine, m.ScenarioArg):
		return runs.BadInput("%s: %s: its command line is not that of the analysis it describes (%s); the manifest was changed", what, manifest, st.X.CommandLine())
	case !bytes.Equal(a.Bytes(), b.Bytes()):
		return runs.BadInput("%s: %s: its sensitivity section is not what its parameters and settings give; the manifest was changed", what, manifest)
	case m.Sweep == nil || m.Sweep.Design != st.Method || !slices.Equal(m.Sweep.Keys, st.X.Keys) || len(m.Sweep.Points) > 0:
		return runs.BadInput("%s: %s: its sweep section is not that of the analysis; the manifest was changed", what, manifest)
	case m.Sweep.TotalRuns != st.X.NRuns():
		return runs.BadInput("%s: %s: the analysis has %d runs, not %d; the manifest was changed", what, manifest, st.X.NRuns(), m.Sweep.TotalRuns)
	}
	return nil
}

// fromInfo builds the study info describes on s.
func fromInfo(s *scenarios.Scenario, arg string, info Info) (*Study, error) {
	st := &Study{Info: info, Scenario: s, Arg: arg, Params: Varied(info.Keys)}
	for _, k := range info.Keys {
		if k.Varied {
			st.followers = append(st.followers, k.Followers)
		}
	}
	design, err := info.design(uint64(s.File.Seed))
	if err != nil {
		return nil, err
	}
	st.Design = design
	st.Points = design.Len()
	if len(info.Effects) > 0 {
		d := claim.StandardDesign(info.Split)
		st.cells = &d
	}
	if st.extract, err = newExtractor(info.Outputs, info.Arms, info.Split); err != nil {
		return nil, err
	}
	return st, nil
}

// prepare builds the runs: point × arm × replicate, point-major, each
// point's scenario built from the design and validated before anything
// runs (experiment.Plan.Prepare), so that a range that allows an invalid
// scenario somewhere inside the box is refused at once. The folder holds
// summary.csv alone; its column point is the point's index, and
// points.csv its values.
func (st *Study) prepare(ctx context.Context) error {
	points := make([][]float64, st.Points)
	for p := range points {
		points[p] = []float64{float64(p)}
	}
	reps := st.Scenario.File.Replicates
	cache := newPointCache(st)
	plan := &experiment.Plan{
		Command: "sensitivity", Scenario: st.Scenario, Arg: st.Arg, Regimes: st.Arms, Reps: reps,
		Keys: []string{"point"}, Points: points, Order: experiment.PointMajor, SummaryOnly: true,
		At:        func(point []float64) (*scenarios.Scenario, error) { return cache.at(int(point[0])) },
		Configure: cache.configure,
		Sweep:     &output.SweepInfo{Design: st.Method, Keys: []string{"point"}, TotalRuns: st.Points * len(st.Arms) * reps},
		Args:      st.Info.Args,
		SizeFlags: st.sizeFlags(),
		// The cache's At and Configure are safe for concurrent use.
		PrepareWorkers: runtime.GOMAXPROCS(0),
	}
	x, err := plan.PrepareContext(ctx)
	if errors.Is(err, runs.ErrInterrupted) {
		return err
	}
	if err != nil {
		return fmt.Errorf("%w; narrow the ranges with --params KEY=lo:hi", err)
	}
	st.X = x
	return nil
}

// design builds the analysis' design from its parameters and settings;
// seed draws the trajectories or scrambles the base sequence.
func (info *Info) design(seed uint64) (sensitivity.Design, error) {
	params := Varied(info.Keys)
	if info.Method == Morris {
		d, err := sensitivity.NewMorris(params, sensitivity.MorrisSettings{
			Trajectories: info.Trajectories, Levels: info.Levels, Candidates: info.Candidates, Seed: seed})
		if err != nil {
			return nil, runs.BadInput("%v", err)
		}
		return d, nil
	}
	base, err := sensitivity.ParseBaseSequence(info.Base)
	if err != nil {
		return nil, runs.BadInput("%v", err)
	}
	d, err := sensitivity.NewSobol(params, sensitivity.SobolSettings{N: info.Samples, Sequence: base, Seed: seed})
	if err != nil {
		return nil, runs.BadInput("%v", err)
	}
	return d, nil
}

// Runs is the number of runs of the whole analysis.
func (st *Study) Runs() int { return st.Points * len(st.Arms) * st.Scenario.File.Replicates }

// withValues is a copy of the scenario with the parameters at values (one
// per parameter), not yet validated; label names the setting in errors.
func (st *Study) withValues(values []float64, label string) (*scenarios.Scenario, error) {
	ps := st.Scenario.Clone()
	return ps, st.set(ps, values, label)
}

// set sets each parameter of ps, and its followers, to its value; a NaN
// leaves it as it is.
func (st *Study) set(ps *scenarios.Scenario, values []float64, label string) error {
	for i, p := range st.Params {
		if math.IsNaN(values[i]) {
			continue
		}
		for _, key := range append([]string{p.Name}, st.followers[i]...) {
			if err := ps.SetNumber(label, key, values[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// configureCell configures a cell of the claim's design, named by its
// arm, on a point's scenario.
func (st *Study) configureCell(ps *scenarios.Scenario, arm string) (*sim.Config, error) {
	a := slices.Index(st.Arms, arm)
	if a < 0 {
		return nil, fmt.Errorf("gsa: no cell %q", arm)
	}
	lv, err := st.cells.CellLevels(a)
	if err != nil {
		return nil, err
	}
	return ps.ConfigAt(arm, lv)
}

// configs builds the configuration of every arm of a point's scenario.
func (st *Study) configs(ps *scenarios.Scenario) ([]*sim.Config, error) {
	out := make([]*sim.Config, len(st.Arms))
	for a, arm := range st.Arms {
		var err error
		if out[a], err = st.configure(ps, arm); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// checkBox validates the scenario at each end of each parameter's range,
// the others at their values, and at the box's two corners (every
// parameter at its low end, every one at its high end), so that a range
// that allows an invalid scenario is refused before anything runs. A
// constraint between keys can still fail inside the box; each point is
// validated again before it runs.
func (st *Study) checkBox() error {
	if _, err := st.configs(st.Scenario); err != nil {
		return err
	}
	base := make([]float64, len(st.Params)) // NaN: a key the file leaves out, which stays out
	for i, p := range st.Params {
		k := st.Keys[slices.IndexFunc(st.Keys, func(k Key) bool { return k.Name == p.Name })]
		base[i] = k.Value
		if k.Unset {
			base[i] = math.NaN()
		}
	}
	try := func(values []float64, label, hint string) error {
		ps := st.Scenario.Clone()
		if err := st.set(ps, values, label); err != nil {
			return err
		}
		if err := ps.Validate(); err != nil {
			msg := oneLine(err)
			if !strings.Contains(msg, label) { // an error about a set key names it already
				msg = label + ": " + msg
			}
			return runs.BadInput("%s; %s", msg, hint)
		}
		return nil
	}
	lo, hi := make([]float64, len(st.Params)), make([]float64, len(st.Params))
	for i, p := range st.Params {
		lo[i], hi[i] = p.Value(0), p.Value(1)
		for _, end := range []struct {
			v    float64
			name string
		}{{lo[i], "low"}, {hi[i], "high"}} {
			at := slices.Clone(base)
			at[i] = end.v
			if err := try(at, fmt.Sprintf("the %s end of %s's range", end.name, p.Name), "narrow it with --params "+p.Name+"=lo:hi"); err != nil {
				return err
			}
		}
	}
	if err := try(lo, "every parameter at the low end of its range", "narrow the ranges of the keys named with --params KEY=lo:hi"); err != nil {
		return err
	}
	return try(hi, "every parameter at the high end of its range", "narrow the ranges of the keys named with --params KEY=lo:hi")
}

func oneLine(err error) string { return strings.ReplaceAll(err.Error(), "\n", "; ") }
