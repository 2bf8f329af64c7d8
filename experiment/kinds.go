package experiment

import (
	"context"
	"encoding/json"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

func init() {
	for _, command := range []string{"run", "compare"} {
		Register(Kind{Command: command, Figures: CompareFigures, Report: CompareReport, Rerun: rerunPlan, Rereport: rereportWith(CompareReport), DrawsBands: true})
	}
	Register(Kind{Command: "sweep", Figures: SweepFigures, Report: SweepReport, Rerun: rerunPlan, Rereport: rereportWith(SweepReport), Sharding: sweepSharding, DrawsBands: true,
		FewerEntries: func(*output.Manifest) string {
			return "draw fewer regimes (--regimes or --figure-regimes, or 'plot --regime' afterwards), or no figures (--formats '')"
		},
		LabelKeys: func(m *output.Manifest) []string {
			if m.Sweep == nil {
				return nil
			}
			return m.Sweep.Keys
		}})
}

// sweepSharding is how a sweep's shards are checked and merged.
var sweepSharding = &Sharding{
	Tables:  []string{"timeseries.csv", "summary.csv"},
	Rebuild: rebuildSweep,
	Finish:  finishSweep,
}

// finishSweep writes stats.csv (and, with a contrast, contrast.csv) of a
// merged sweep, draws its figures and writes its report.md, as Write
// finishes an unsharded sweep.
func finishSweep(ctx context.Context, dir string, m *output.Manifest, formats []string) (tables, figures []string, err error) {
	keys, rows, err := output.ReadSummary(filepath.Join(dir, "summary.csv"))
	if err != nil {
		return nil, nil, err
	}
	groups := output.GroupRows(rows)
	if err := output.WriteStats(filepath.Join(dir, "stats.csv"), keys, groups); err != nil {
		return nil, nil, err
	}
	tables = []string{"stats.csv"}
	if a, b, ok := SplitContrast(m.Sweep.Contrast, m.Regimes); ok && m.Sweep.Contrast != "" {
		if err := output.WriteContrast(filepath.Join(dir, "contrast.csv"), keys, a, b, groups); err != nil {
			return nil, nil, err
		}
		tables = append(tables, "contrast.csv")
	}
	drawn, figures, err := DrawFiguresContext(ctx, dir, m, SweepFigures, formats)
	if err != nil {
		return nil, nil, err
	}
	report, err := rereportWith(SweepReport)(ctx, dir, m, drawn)
	if err != nil {
		return nil, nil, err
	}
	if err := output.WriteReport(dir, m, report); err != nil {
		return nil, nil, err
	}
	return tables, figures, nil
}

// FromManifest rebuilds the plan a folder's manifest describes, from the
// resolved scenario at scenarioPath (the folder's scenario.toml), and the
// runs the folder holds. The overrides the manifest lists are applied
// again (they are already in the file, so this changes no value) so that
// the plan records them as the original did.
func FromManifest(m *output.Manifest, scenarioPath string) (*Plan, []int, error) {
	s, err := LoadResolved(m, scenarioPath)
	if err != nil {
		return nil, nil, err
	}
	// The regimes are the manifest's, not a flag's: an edited one is
	// named by its key there.
	manifest := filepath.Join(filepath.Dir(scenarioPath), "manifest.json")
	if len(m.Regimes) == 0 {
		return nil, nil, runs.BadInput("%s: regimes is empty; every folder records the regimes it ran", manifest)
	}
	// A sweep is rebuilt from its sweep section, and only a sweep has one:
	// a folder whose command was changed to sweep was rerun without it,
	// and its report panicked.
	switch {
	case m.Command == "sweep" && m.Sweep == nil:
		return nil, nil, runs.BadInput("%s: command is sweep, but there is no sweep section (the keys and points a sweep varies); the manifest was changed", manifest)
	case m.Command != "sweep" && m.Sweep != nil:
		return nil, nil, runs.BadInput("%s: there is a sweep section, but command is %s; the manifest was changed", manifest, m.Command)
	}
	known := s.RegimeNames()
	for i, r := range m.Regimes {
		switch {
		case !slices.Contains(known, r):
			return nil, nil, runs.BadInput("%s: regimes: unknown regime %q (regimes of %s: %s)", manifest, r, s.File.Name, strings.Join(known, ", "))
		case slices.Contains(m.Regimes[:i], r):
			return nil, nil, runs.BadInput("%s: regimes lists %s twice", manifest, r)
		}
	}
	p := &Plan{
		Command: m.Command, Scenario: s, Arg: m.ScenarioArg, Regimes: m.Regimes, Reps: m.Reps,
		ByLocation: slices.ContainsFunc(m.Tables, func(c output.Checked) bool { return c.File == "locations.csv" }),
		Events:     m.Events,
	}
	p.Args = runs.RunArgs(p.ByLocation, p.Events) // as the command line recorded them
	if m.Sweep != nil {
		sw := *m.Sweep
		p.Sweep, p.Keys, p.Points, p.Args = &sw, sw.Keys, sw.Points, runs.SweepArgs(&sw)
	}
	jobs := make([]int, len(m.Runs))
	for i, r := range m.Runs {
		jobs[i] = r.ID
	}
	return p, jobs, nil
}

// ReadSection reads a kind's own section of a manifest (one of the raw
// sections output.Manifest keeps for the packages that own them, such as
// Claim), called name in messages.
func ReadSection[T any](raw json.RawMessage, name string) (*T, error) {
	if len(raw) == 0 {
		return nil, runs.BadInput("the manifest has no %s section", name)
	}
	var section T
	if err := json.Unmarshal(raw, &section); err != nil {
		return nil, runs.BadInput("the manifest's %s section: %v", name, output.JSONError(raw, err))
	}
	return &section, nil
}

// LoadResolved loads a folder's resolved scenario as the command that
// wrote it saw it: its overrides recorded again, its source as recorded.
func LoadResolved(m *output.Manifest, scenarioPath string) (*scenarios.Scenario, error) {
	s, err := scenarios.Load(scenarioPath)
	if err != nil {
		return nil, err
	}
	for _, kv := range m.Sets {
		if err := s.Set(kv); err != nil {
			return nil, err
		}
	}
	s.Source = m.ScenarioSource
	return s, s.Validate()
}

// rereportWith is the Rereport of run, compare and sweep folders, whose
// kind's Report is report: their report from the plan again and the
// folder's summary.csv.
func rereportWith(report func(x *Prepared, dir string, drawn []Drawn, groups []output.Group) ([]byte, error)) func(ctx context.Context, dir string, m *output.Manifest, drawn []Drawn) ([]byte, error) {
	return func(ctx context.Context, dir string, m *output.Manifest, drawn []Drawn) ([]byte, error) {
		p, _, err := FromManifest(m, filepath.Join(dir, "scenario.toml"))
		if err != nil {
			return nil, err
		}
		p.PrepareWorkers = runtime.GOMAXPROCS(0) // a sweep's points, on every core, as it built them
		x, rows, err := WithSummary(ctx, p, dir, m)
		if err != nil {
			return nil, err
		}
		return report(x, dir, drawn, x.Groups(rows))
	}
}

// WithSummary prepares p and reads the summary.csv of its folder dir:
// where a report written again from a folder's tables (a Rereport)
// starts.
// Its figure options are those m, the folder's manifest, records, so
// that the report quotes the command line the folder records. The
// command line of the plan, rebuilt from m's fields, must be the one m
// records (figure flags aside): a report would otherwise quote a command
// that does not write the folder. One that is not is refused, wrapping
// runs.ErrBadInput and naming manifest.json: command_line.
func WithSummary(ctx context.Context, p *Plan, dir string, m *output.Manifest) (*Prepared, []output.SummaryRow, error) {
	x, err := p.PrepareContext(ctx)
	if err != nil {
		return nil, nil, err
	}
	if base := BaseCommandLine(m.CommandLine); !SameCommandLine(x.CommandLine(), base) {
		return nil, nil, badInput("%s: %s: %s", filepath.Join(dir, "manifest.json"), commandLineDisagrees, fieldsGive(x.CommandLine(), base))
	}
	x.FigureOptions = RecordedFigureOptions(m)
	x.Build = runs.BuiltBy(m)
	_, rows, err := output.ReadSummary(filepath.Join(dir, "summary.csv"))
	if err != nil {
		return nil, nil, err
	}
	return x, rows, nil
}

// rerunPlan is the Rerun of run, compare and sweep folders: the plan
// again, its figures drawn with the options the folder records.
func rerunPlan(ctx context.Context, m *output.Manifest, scenarioPath, out string, workers int, formats []string) error {
	p, jobs, err := FromManifest(m, scenarioPath)
	if err != nil {
		return err
	}
	x, err := p.PrepareContext(ctx)
	if err != nil {
		return err
	}
	if err := runIDsOf(filepath.Dir(scenarioPath), m.Runs, x); err != nil {
		return folderError{badInput("%v", err)}
	}
	// A complete folder lists the runs it ran: one whose list was emptied
	// was rerun with none, and failed in the figures, status 1 (audit
	// hostile7, finding 7). A list that differs otherwise from the plan's
	// runs is rerun, and its tables said to differ.
	if m.Complete && len(m.Runs) == 0 {
		return folderError{badInput("%s: runs lists none of the %d runs of %s; the manifest was changed",
			filepath.Join(filepath.Dir(scenarioPath), "manifest.json"), x.NRuns(), x.CommandLine())}
	}
	_, err = Write(ctx, x, out, Options{Workers: workers, Jobs: jobs, Formats: formats, FigureOptions: RecordedFigureOptions(m), Scratch: true})
	return err
}
