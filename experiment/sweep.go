package experiment

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/scenarios/design"
)

// SweepSpec is a sweep as asked for.
type SweepSpec struct {
	Design  string   // "grid" (every combination) or "lhs" (Latin hypercube)
	Samples int      // points of a Latin hypercube
	Vary    []string // KEY=a:b:n, KEY=a,b,c, or KEY=a:b for a Latin hypercube
	// Metric is the total the two-key heat maps show; "" for
	// trapped_person_days.
	Metric string
	// Contrast, "a-b", adds a heat map of the difference between two of
	// the regimes; "" for malfunctioning-closed when both run.
	Contrast string
	// Limits refuse a design too large to keep track of before it is
	// built; the zero value sets none.
	Limits runs.Limits
}

// NewSweep plans a sweep of s (named arg on the command line) under
// regimes: every point of the design × regimes × the scenario's
// replicates. It checks every argument; errors wrap runs.ErrBadInput or
// scenarios.ErrInvalid. Prepare then validates every point, and refuses
// the plan if its Keys, Points or Args were changed (its folder would
// record a --vary that reruns other points): plan another sweep instead.
func NewSweep(s *scenarios.Scenario, arg string, regimes []string, spec SweepSpec) (*Plan, error) {
	if spec.Design == "" {
		spec.Design = "grid"
	}
	if spec.Metric == "" {
		spec.Metric = "trapped_person_days"
	}
	switch {
	case len(spec.Vary) == 0:
		return nil, badInput("give at least one --vary KEY=SPEC")
	case spec.Design != "grid" && spec.Design != "lhs":
		return nil, badInput("--design must be grid or lhs, got %q", spec.Design)
	case spec.Design == "lhs" && spec.Samples < 1:
		return nil, badInput("--design lhs needs --samples N (at least 1)")
	case spec.Design == "grid" && spec.Samples != 0:
		return nil, badInput("--samples is for --design lhs")
	case output.TotalIndex(spec.Metric) < 0:
		return nil, badInput("--metric: unknown metric %q (a column of summary.csv, such as trapped_person_days)", spec.Metric)
	}
	contrast, err := parseContrast(spec.Contrast, regimes)
	if err != nil {
		return nil, err
	}
	var factors []design.Factor
	var keys, paths []string
	for _, v := range spec.Vary {
		f, err := design.Parse(v, spec.Design == "lhs")
		// A key that holds no number (true or false, a name) is named as
		// such before its values are read: "false" is not a number
		// either, but the key is what cannot be varied.
		if key, _, _ := strings.Cut(v, "="); err != nil && strings.TrimSpace(key) != "" {
			if numeric, _, kerr := s.KeyKind(strings.TrimSpace(key)); kerr == nil && !numeric {
				f.Key = strings.TrimSpace(key)
				err = nil
			}
		}
		if err != nil {
			return nil, badInput("%v", err)
		}
		numeric, integer, err := s.KeyKind(f.Key)
		if err != nil {
			return nil, badInput("--vary %s: %v", oneLineArg(v), unwrapVary(err))
		}
		if !numeric {
			return nil, badInput("--vary %s: %s is not a number, and a sweep varies numbers: run one sweep for each of its values, set with --set", oneLineArg(v), f.Key)
		}
		// Every point runs the same replicates (common random numbers):
		// varied, these would change nothing but a column.
		switch strings.ToLower(f.Key) {
		case "seed":
			return nil, badInput("--vary %s: seed sets the replicates' seeds, the same at every point, so that points differ only by what is varied; it cannot be varied: give --seed for another sweep", oneLineArg(v))
		case "replicates":
			return nil, badInput("--vary %s: replicates sets how many runs each point has; it cannot be varied: give --reps", oneLineArg(v))
		}
		f.Integer = integer
		if err := f.CheckInteger(); err != nil {
			return nil, badInput("%v", err)
		}
		if slices.Contains(keys, f.Key) {
			return nil, badInput("--vary: %s is varied twice", f.Key)
		}
		// Another spelling of a key already varied, or a key --set sets,
		// would be overwritten at every point while its column still
		// said the values varied or set.
		path, setBy, err := s.KeyPath(f.Key)
		if err != nil {
			return nil, badInput("--vary %s: %v", oneLineArg(v), err)
		}
		if i := slices.Index(paths, path); i >= 0 {
			return nil, badInput("--vary: %s and %s are the same key; vary it once", keys[i], f.Key)
		}
		if setBy != "" {
			return nil, badInput("--vary %s: %s is also given by %s, which the sweep's values would replace at every point; give one or the other", oneLineArg(v), f.Key, setBy)
		}
		paths = append(paths, path)
		keys = append(keys, f.Key)
		factors = append(factors, f)
	}
	size := float64(spec.Samples)
	if spec.Design == "grid" {
		size = 1
		for _, f := range factors {
			size *= float64(len(f.Values))
		}
	}
	total := size * float64(len(regimes)) * float64(s.File.Replicates)
	what := runs.SweepSize(spec.Design, spec.Samples, size, len(regimes), s.File.Replicates)
	if err := spec.Limits.CheckRuns(what, size, total, len(factors)); err != nil {
		return nil, err
	}
	if err := runs.CheckManifest(what, total, len(factors)); err != nil {
		return nil, err
	}
	var points [][]float64
	if spec.Design == "grid" {
		points = design.Grid(factors)
	} else {
		points = design.LatinHypercube(factors, spec.Samples, uint64(s.File.Seed))
	}
	info := &output.SweepInfo{
		Design: spec.Design, Samples: spec.Samples, Vary: spec.Vary, Keys: keys, Points: points,
		Metric: spec.Metric, Contrast: contrast, TotalRuns: len(points) * len(regimes) * s.File.Replicates,
	}
	return &Plan{
		Command: "sweep", Scenario: s, Arg: arg, Regimes: regimes, Reps: s.File.Replicates,
		// Copies: Prepare refuses a plan whose Keys or Points were
		// changed after (checkSweep), also in place.
		Keys: slices.Clone(keys), Points: clonePoints(points), Sweep: info, Args: runs.SweepArgs(info),
	}, nil
}

// clonePoints is a deep copy of points.
func clonePoints(points [][]float64) [][]float64 {
	c := make([][]float64, len(points))
	for i, pt := range points {
		c[i] = slices.Clone(pt)
	}
	return c
}

// oneLineArg is an argument as a message shows it: quoted if it holds a
// line break or another control character.
func oneLineArg(a string) string {
	if strings.ContainsFunc(a, unicode.IsControl) {
		return strconv.Quote(a)
	}
	return a
}

func unwrapVary(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, ": "); i >= 0 && strings.HasPrefix(msg, "--vary") {
		return msg[i+2:]
	}
	return msg
}

// parseContrast checks "a-b", two regimes of the sweep.
func parseContrast(spec string, regimes []string) (string, error) {
	if spec == "" {
		if slices.Contains(regimes, "malfunctioning") && slices.Contains(regimes, "closed") {
			return "malfunctioning-closed", nil
		}
		return "", nil
	}
	if _, _, ok := SplitContrast(spec, regimes); !ok {
		return "", badInput("--contrast must be a-b with a and b two different regimes among those run (%s), got %q", strings.Join(regimes, ", "), spec)
	}
	return spec, nil
}
