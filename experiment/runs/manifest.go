package runs

import (
	"slices"
	"strconv"
	"strings"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// CommandLine is a command that reruns the plan's runs and tables (the
// --out, --workers and display flags aside, which do not change results),
// without the figure flags: the part of the command line that says which
// results a folder holds, which resume, merge and the rebuilding of a
// folder's plan compare. The command line a folder records adds the
// figure flags (RecordedCommandLine). It needs no preparing: a command
// can compare it with a folder's before it prepares the plan.
func (p *Plan) CommandLine() string {
	args := []string{"borderwork", p.Command}
	if arg := p.scenarioArg(); arg != "" {
		args = append(args, arg)
	}
	f := p.Scenario.File
	// --reps is the replicates run (a library's plan may run other than
	// its scenario's), but for a claim the pilot, its scenario's, as
	// asked: a claim runs more as its contrasts need.
	reps := f.Replicates
	if RepsRun(p.Command) {
		reps = p.Reps
	}
	args = append(args, "--seed", strconv.FormatInt(f.Seed, 10),
		"--days", strconv.Itoa(f.Days),
		"--reps", strconv.Itoa(reps))
	switch p.Command {
	case "run":
		args = append(args, "--regime", strings.Join(p.Regimes, ","))
	case "compare", "sweep":
		args = append(args, "--regimes", strings.Join(p.Regimes, ","))
	}
	for _, kv := range p.Scenario.Sets() {
		args = append(args, "--set", kv)
	}
	own := p.Args
	if len(own) == 0 && (p.Command == "run" || p.Command == "compare") {
		// The flags of what the plan writes, which a library's plan may
		// leave out of Args: without them the command line would write
		// no locations.csv or event log.
		own = RunArgs(p.ByLocation, p.Events)
	}
	args = append(args, own...)
	return ShellJoin(args)
}

// scenarioArg is the scenario argument of the plan's command line: Arg;
// or, where Arg is "" but the scenario is not the default, which a
// command line without one runs, the bundled name or path it was loaded
// from (Scenario.Source), as a command line names it; or "" for the
// default, or for a scenario that no command line names (Start refuses
// to write its folder).
func (p *Plan) scenarioArg() string {
	if p.Arg != "" {
		return p.Arg
	}
	arg, _ := ScenarioArgOf(p.Scenario.Source)
	return arg
}

// ScenarioArgOf is the scenario argument that loads the scenario read from source
// (a Scenario.Source): "" for the default, the name of another bundled
// scenario, or a path as a command line names it (ScenarioWord). false:
// source names none (a scenario parsed from text).
func ScenarioArgOf(source string) (string, bool) {
	if source == "bundled:"+scenarios.Default {
		return "", true
	}
	if name, ok := strings.CutPrefix(source, "bundled:"); ok {
		return name, true
	}
	if scenarios.IsPath(source) {
		return ScenarioWord(source), true
	}
	return "", false
}

// RepsRun reports whether the --reps of a command line of command is
// the number of replicates it runs, which its folder's manifest records
// as reps: so for run, compare and sweep. A claim's --reps is its pilot,
// and the folder records the replicates its contrasts needed.
func RepsRun(command string) bool {
	return slices.Contains([]string{"run", "compare", "sweep"}, command)
}

// RecordedCommandLine is the command line the folder of x records: its
// CommandLine and the figure flags that draw its figures as
// x.FigureOptions says (FigureArgs), so that the command draws the same
// figures as well as the same tables.
func (x *Prepared) RecordedCommandLine() string {
	return WithFigureArgs(x.CommandLine(), x.FigureOptions)
}

// FigureArgs are the flags that draw a folder's figures as o records them,
// those that differ from the defaults (DefaultFigureOptions, every format,
// png,svg,pdf, and a sweep's default figures), in the order --bands,
// --size, --formats, --figure-metrics, --figure-regimes, --label: --bands
// and --size as recorded, --formats with the formats in the order drawn
// ("" for none), a sweep's figure metrics and regimes (which plot's
// --metric and --regime choose) comma-separated, and a --label KEY=TEXT
// per axis label, sorted by key. Nil o: the defaults, and no flags.
func FigureArgs(o *output.FigureOptions) []string {
	if o == nil {
		return nil
	}
	d := output.DefaultFigureOptions()
	var args []string
	if o.Bands != "" && o.Bands != d.Bands {
		args = append(args, "--bands", o.Bands)
	}
	if o.Size != "" && o.Size != d.Size {
		args = append(args, "--size", o.Size)
	}
	if o.NoFigures || (len(o.Formats) > 0 && !slices.Equal(o.Formats, output.FigureFormats())) {
		args = append(args, "--formats", strings.Join(o.Formats, ","))
	}
	if len(o.Metrics) > 0 {
		args = append(args, "--figure-metrics", strings.Join(o.Metrics, ","))
	}
	if len(o.Regimes) > 0 {
		args = append(args, "--figure-regimes", strings.Join(o.Regimes, ","))
	}
	for _, l := range o.LabelArgs() {
		args = append(args, "--label", l)
	}
	return args
}

// WithFigureArgs is the command line base followed by the figure flags
// of o (FigureArgs).
func WithFigureArgs(base string, o *output.FigureOptions) string {
	if args := FigureArgs(o); len(args) > 0 {
		return base + " " + ShellJoin(args)
	}
	return base
}

// Manifest fills in what every folder's manifest holds for the runs done
// (their indices, in order): the tool, the scenario and its checksum, the
// plan and the runs. Tables, figures and completeness are the caller's.
func (x *Prepared) Manifest(scenarioSHA string, done []int) *output.Manifest {
	m := output.NewManifest(x.Command)
	s := x.Scenario
	m.CommandLine = x.RecordedCommandLine()
	m.Scenario = s.File.Name
	m.ScenarioArg = x.scenarioArg()
	m.ScenarioSource = s.Source
	m.ScenarioSHA256 = scenarioSHA
	m.Sets = s.Sets()
	if m.Sets == nil {
		m.Sets = []string{}
	}
	m.Seed = x.Seed()
	m.Days = s.File.Days
	m.Reps = x.Reps
	m.Regimes = x.Regimes
	m.Events = x.Events
	m.Sweep = x.Sweep
	m.Runs = make([]output.RunInfo, 0, len(done))
	for _, k := range done {
		r := x.Run(k)
		m.Runs = append(m.Runs, output.RunInfo{ID: r.ID, Regime: r.Regime, Replicate: r.Replicate, Seed: r.Seed, Params: r.Params})
	}
	return m
}
