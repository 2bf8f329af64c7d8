package web

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"slices"
	"strings"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/words"
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
// (or a student's browser) stays responsive. Every field bounds: the zero
// value allows nothing (unlike runs.Limits, whose zero value sets no
// limit), so start from DefaultLimits and change what differs.
type Limits struct {
	MaxReps    int `json:"max_reps"`
	MaxRegimes int `json:"max_regimes"`
	MaxDays    int `json:"max_days"`
	MaxSets    int `json:"max_sets"`
	MaxSeries  int `json:"max_series"`
	MaxText    int `json:"max_text"` // bytes of scenario text
	// MaxWork bounds runs × ((expected migrants per run + the most
	// smugglers its markets may hold) × days + locations³/10): the
	// engine's work grows with the migrants and smugglers alive each
	// day, and each run first finds the routes between every pair of
	// locations.
	MaxWork float64 `json:"max_work"`
	// MaxMap bounds regimes × days × locations: the map's numbers (two
	// per location, day and regime), which the server keeps while the
	// runs go and sends with the final results.
	MaxMap float64 `json:"max_map"`
	// MaxSeriesValues bounds series × runs × days: the values kept to
	// draw the series over time with their bands.
	MaxSeriesValues float64 `json:"max_series_values"`
}

// DefaultLimits allow every bundled scenario's default comparison several
// times over (and the map of each at the page's most days and regimes),
// and refuse what would take a shared server minutes or more than a few
// hundred MB. The map's numbers take 32 bytes a location-day on the
// server, and up to 40 in the response (a line of 32 places over 3,650
// days and 8 regimes, 934,400 location-days, peaked at 100 MB and sent
// 4.5 MB, mostly zeros).
func DefaultLimits() Limits {
	return Limits{MaxReps: 200, MaxRegimes: 8, MaxDays: 3650, MaxSets: 64, MaxSeries: 8, MaxText: 256 << 10,
		MaxWork: 4e9, MaxMap: 1e6, MaxSeriesValues: 1e7}
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
		for _, e := range errs[:min(len(errs), maxProblems)] {
			lines = append(lines, "  "+e.Error())
		}
		if len(errs) > maxProblems {
			// An override of 300 KB, default_regimes=,,,..., has 600,000
			// problems: the page would be sent 170 MB of them.
			lines = append(lines, fmt.Sprintf("  (and %d more; borderwork check lists them all)", len(errs)-maxProblems))
		}
		return &Problem{Lines: lines, err: err}
	}
	return &Problem{Lines: []string{strings.ReplaceAll(err.Error(), "\n", "; ")}, err: err}
}

// maxProblems is the most problems of a scenario the page is sent, one
// line each; a line then says how many more there are.
const maxProblems = 100

func badRequest(format string, args ...any) error {
	return &Problem{Lines: []string{fmt.Sprintf(format, args...)}, err: runs.BadInput(format, args...)}
}

// noFiles is the folder a pasted scenario's relative paths resolve in: a
// page's scenario may not read files (inflow_csv) of the machine serving
// it.
type noFiles struct{}

// errNoFiles is what the page says of a file its scenario names: that
// it reads none, and what to write instead, since "cannot be read" alone
// sent students looking for a file that was there.
var errNoFiles = errors.New("cannot be read: the page reads the scenario alone, no other file; in place of inflow_csv, give the file's day,rate rows as inflow_schedule = [{from = 0, rate = 8}, {from = 90, rate = 4}]")

func (noFiles) Open(name string) (fs.File, error) {
	return nil, &fs.PathError{Op: "open", Path: name, Err: errNoFiles}
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
	// Every refused line is said at once (an override that fails changes
	// nothing, so the next is applied as if it were not there): a class
	// pastes several, and should not find them one Apply at a time.
	var refused scenarios.Errors
	for _, kv := range r.Sets {
		var errs scenarios.Errors
		if err := s.Set(kv); errors.As(err, &errs) {
			refused = append(refused, errs...)
		} else if err != nil {
			return nil, problem(display, err)
		}
	}
	switch {
	case len(refused) == 1:
		return nil, problem(display, refused)
	case len(refused) > 1:
		lines := []string{fmt.Sprintf("%d of the %d changes are refused:", len(refused), len(r.Sets))}
		for _, e := range refused {
			lines = append(lines, "  "+e.Error())
		}
		return nil, &Problem{Lines: lines, err: refused}
	}
	// The scenario is held to its rules whatever the page's fields then
	// change, as the command line holds it before --seed, --days and
	// --reps: otherwise the command that reproduces a run would fail.
	if err := s.Validate(); err != nil {
		return nil, problem(display, err)
	}
	// The page's fields, not the command line's flags, are named: a
	// student sets them on the page.
	switch {
	case r.Seed != nil && *r.Seed < 0:
		return nil, badRequest("Seed must be a whole number from 0 to %d, got %d", int64(math.MaxInt64), *r.Seed)
	case r.Days != nil && (*r.Days < 1 || *r.Days > min(sim.MaxDays, lim.MaxDays)):
		return nil, badRequest("Days must be a whole number from 1 to %d on this page, got %d", min(sim.MaxDays, lim.MaxDays), *r.Days)
	case r.Reps != nil && (*r.Reps < 1 || *r.Reps > lim.MaxReps):
		return nil, badRequest("Replicates must be a whole number from 1 to %d on this page, got %d", lim.MaxReps, *r.Reps)
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
	// The page's bounds hold however the days and replicates were given:
	// in its fields, or else by a change (days=5000) or the scenario.
	switch maxDays := min(sim.MaxDays, lim.MaxDays); {
	case s.File.Days > maxDays:
		return nil, badRequest("Days must be a whole number from 1 to %d on this page, got %d from %s", maxDays, s.File.Days, givenBy(s, "days", display))
	case s.File.Replicates > lim.MaxReps:
		return nil, badRequest("Replicates must be a whole number from 1 to %d on this page, got %d from %s", lim.MaxReps, s.File.Replicates, givenBy(s, "replicates", display))
	}
	return s, nil
}

// givenBy names what gave the scenario s its value of key, which the
// page's field did not: a change ("the change days=5000") or the
// scenario (display).
func givenBy(s *scenarios.Scenario, key, display string) string {
	if _, by, err := s.KeyPath(key); err == nil && by != "" {
		return "the change " + strings.TrimPrefix(by, "--set ")
	}
	return display
}

// regimes resolves the request's regimes against the scenario, as
// --regimes does.
func (r *Request) regimes(s *scenarios.Scenario, lim Limits) ([]string, error) {
	if len(r.Regimes) == 0 {
		return s.DefaultRegimes(), nil
	}
	if len(r.Regimes) > lim.MaxRegimes {
		return nil, badRequest("the page compares at most %d regimes at once, got %d", lim.MaxRegimes, len(r.Regimes))
	}
	known := s.RegimeNames()
	var out []string
	for _, name := range r.Regimes {
		if !slices.Contains(known, name) {
			return nil, badRequest("Regimes: unknown regime %q (regimes of %s: %s)", name, s.File.Name, strings.Join(known, ", "))
		}
		if slices.Contains(out, name) {
			return nil, badRequest("Regimes: %q is listed twice", name)
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
func (r *Request) prepare(lim Limits) (*runs.Prepared, []int, error) {
	s, err := r.load(lim)
	if err != nil {
		return nil, nil, err
	}
	regimes, err := r.regimes(s, lim)
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
	if err := checkSize(s, len(regimes), len(series), lim); err != nil {
		return nil, nil, err
	}
	plan := &runs.Plan{
		Command: "compare", Scenario: s, Arg: r.arg(), Regimes: regimes, Reps: s.File.Replicates,
		Order: runs.ReplicateMajor, ByLocation: true,
	}
	x, err := plan.Prepare()
	if err != nil {
		return nil, nil, problem(s.Display(), err)
	}
	return x, series, nil
}

// checkSize refuses, before anything is allocated or run, an experiment
// whose runs, map or series are more than the page handles at once,
// naming what makes it large. The map and the series are what the page
// keeps beyond the command line: every location, day and regime. Refused
// for its work, it says the most days (and replicates) that would run.
func checkSize(s *scenarios.Scenario, regimes, series int, lim Limits) error {
	days, reps := s.File.Days, s.File.Replicates
	what, err := size(s, regimes, series, days, reps, lim)
	if what != tooMuchWork && what != tooManyRoutes {
		return err
	}
	fits := func(days, reps int) bool {
		what, _ := size(s, regimes, series, days, reps, lim)
		return what == ""
	}
	var would []string
	if d := largest(days-1, func(d int) bool { return fits(d, reps) }); what == tooMuchWork && d > 0 {
		would = append(would, fmt.Sprintf("%s of %s", words.Count(d, "day"), words.Count(reps, "replicate")))
	}
	if r := largest(reps-1, func(r int) bool { return fits(days, r) }); r > 0 {
		would = append(would, fmt.Sprintf("%s of %s", words.Count(r, "replicate"), words.Count(days, "day")))
	}
	runs := regimes * reps
	if what == tooManyRoutes {
		msg := fmt.Sprintf("%s over %s are more than the page runs at once (each run first finds the routes between every pair of locations)",
			words.Count(runs, "run"), words.Count(len(s.File.Locations), "location"))
		if len(would) > 0 {
			msg += ": it runs up to " + would[len(would)-1]
		}
		return badRequest("%s; use fewer locations, regimes or replicates, or the command line", msg)
	}
	who := "about " + output.FormatCount(s.ExpectedMigrants()) + " migrants"
	if n := mostSmugglers(s); float64(n) >= s.ExpectedMigrants() { // the smugglers make it large
		who += " and up to " + words.Count(n, "smuggler")
	}
	msg := fmt.Sprintf("%s of %s over %s are more than the page runs at once",
		words.Count(runs, "run"), who, words.Count(days, "day"))
	if len(would) > 0 {
		msg += ": it runs up to " + strings.Join(would, ", or ")
	}
	return badRequest("%s; use fewer replicates, days or regimes, or the command line", msg)
}

// What makes an experiment too large (size).
const (
	tooMuchWork   = "work"
	tooManyRoutes = "routes"
	tooLargeMap   = "map"
	tooManyValues = "series"
)

// runWork is the work of one run of s over days, as Limits.MaxWork
// counts it: its agent-days, the expected migrants' and the smugglers'
// (the most its markets may hold, each simulated every day: a million
// of them, with few migrants, once passed as a small experiment and held
// a slot for the server's whole time limit), and the routes it first
// finds between every pair of locations (a line of 1,000 locations takes
// as long, 4 s, as 1e8 agent-steps).
func runWork(s *scenarios.Scenario, days int) (agents, routes float64) {
	expected := s.ExpectedMigrants()
	if days != s.File.Days { // the migrants expected depend on the days
		was := s.File.Days
		s.File.Days = days
		expected = s.ExpectedMigrants()
		s.File.Days = was
	}
	smugglers := mostSmugglers(s)
	l := float64(len(s.File.Locations))
	// Rounded: no fused multiply-add, the same limit on every machine.
	return float64((max(1, expected) + float64(smugglers)) * float64(days)), l * l * l / 10
}

// mostSmugglers is the most smugglers s's markets may hold at once.
func mostSmugglers(s *scenarios.Scenario) int {
	n := 0
	for _, m := range s.File.Markets {
		if m.MaxSmugglers != nil {
			n += max(m.Smugglers, *m.MaxSmugglers)
		}
	}
	return n
}

// size says what makes an experiment of s with days days and reps
// replicates too large for the page (tooMuchWork, ...), and why, or ""
// and nil if nothing does. Each limit grows with days and replicates.
func size(s *scenarios.Scenario, regimes, series, days, reps int, lim Limits) (string, error) {
	fdays, locs := float64(days), float64(len(s.File.Locations))
	runs := float64(regimes * reps)
	agents, routes := runWork(s, days)
	if work := runs * (agents + routes); work > lim.MaxWork {
		if routes > agents {
			return tooManyRoutes, errors.New("too many routes")
		}
		return tooMuchWork, errors.New("too much work")
	}
	if cells := float64(regimes) * fdays * locs; cells > lim.MaxMap {
		return tooLargeMap, badRequest("the map of %s × %s × %s (%s location-days) is more than the page draws at once (at most %s): use fewer days, regimes or locations, or the command line",
			words.Count(regimes, "regime"), words.Count(days, "day"), words.Count(len(s.File.Locations), "location"), words.Whole(int64(cells)), words.Whole(int64(lim.MaxMap)))
	}
	if kept := float64(series) * runs * fdays; kept > lim.MaxSeriesValues {
		return tooManyValues, badRequest("%d series over time × %s × %s are more values than the page keeps at once (at most %s): draw fewer series, or use fewer replicates, days or regimes, or the command line",
			series, words.Count(int(runs), "run"), words.Count(days, "day"), words.Whole(int64(lim.MaxSeriesValues)))
	}
	return "", nil
}

// largest is the largest k from 1 to n for which ok holds, or 0 if none:
// ok holds up to some k and not beyond.
func largest(n int, ok func(int) bool) int {
	lo, hi := 0, n // ok(lo) holds (or lo is 0); beyond hi it does not
	for lo < hi {
		mid := lo + (hi-lo+1)/2
		if ok(mid) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// arg is how the command line names the scenario.
func (r *Request) arg() string {
	if r.Text != "" {
		return runs.ScenarioWord(r.fileName()) // the file as saved beside the command
	}
	return r.Scenario
}

// DefaultScenario is the scenario the page opens with unless told
// otherwise: the one docs/TEACHING.md's class uses.
const DefaultScenario = "classroom"
