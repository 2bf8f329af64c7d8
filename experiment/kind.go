package experiment

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/figures"
	"github.com/borderwork/borderwork/scenarios"
)

// Kind is a kind of output folder: the command that writes it, the
// figures it holds, and how to rerun it from its manifest. Each kind is
// registered once (Register) and looked up by the manifest's command, so
// that drawing, `plot`, report.md, `reproduce` and docs/OUTPUTS.md's test
// all read one list.
type Kind struct {
	Command string
	// Figures is the folder's figure registry, in the order figures are
	// drawn and listed.
	Figures []Figure
	// Rerun writes at out the folder that manifest m describes, from the
	// resolved scenario at scenarioPath, on workers, drawing figures in
	// formats with the figure options m records
	// (RecordedFigureOptions), so that they are the folder's figures
	// however `plot` last drew them.
	Rerun func(ctx context.Context, m *output.Manifest, scenarioPath, out string, workers int, formats []string) error
	// Report writes report.md of a folder Write finishes, from the plan,
	// the folder being written (dir: its tables are complete) and its
	// figures; nil: none. Kinds that finish their folders themselves
	// (claim) leave it nil.
	Report func(x *Prepared, dir string, drawn []Drawn, groups []output.Group) ([]byte, error)
	// Rereport writes report.md again, as Report (or the kind's own
	// command) wrote it, from the folder at dir as manifest m describes it,
	// with the figures drawn: plot, drawing other formats, calls it so
	// that the report shows the figures drawn; nil: plot leaves report.md
	// as it is.
	Rereport func(ctx context.Context, dir string, m *output.Manifest, drawn []Drawn) ([]byte, error)
	// Retables writes again, from the folder at dir as manifest m
	// describes it, the tables of the folder that show its figures (a
	// validate folder's report.md, one of its tables), to show the
	// figures drawn: each table, as m lists it, with its new bytes. plot
	// calls it, as it calls Rereport; nil: no table shows the figures.
	Retables func(ctx context.Context, dir string, m *output.Manifest, drawn []Drawn) (map[string][]byte, error)
	// Recorded checks the kind's own section of the manifest m of the
	// folder at dir (complete or interrupted) against the rest of m,
	// before plot draws from it and writes its report again: a section
	// edited by hand is refused, wrapping runs.ErrBadInput and naming
	// manifest.json and the key; nil: nothing to check.
	Recorded func(ctx context.Context, dir string, m *output.Manifest) error
	// Legacy gives, for a table file of the folder at dir, the bytes an
	// earlier borderwork wrote for the same results in a format since
	// changed (a claim's verdicts.csv, wide before 2026-12-03); ok is
	// false for a table whose format has not changed. reproduce compares
	// a folder written so with them. nil: no format has changed.
	Legacy func(dir, file string) (b []byte, ok bool, err error)
	// Sharding says how Merge joins shards of a folder of this kind
	// (folders whose manifest's sweep section names a shard); nil for
	// kinds that do not shard.
	Sharding *Sharding
	// DrawsBands says that the folder's figures draw bands and error bars
	// as --bands chooses (run, compare, sweep, and the arms' figures of
	// claim and programme), and its command takes --bands. Other kinds'
	// figures (sensitivity's) say in their captions what their intervals
	// are; they record the default bands (RecordableOptions), and plot
	// refuses --bands for them.
	DrawsBands bool
	// Like names, for a folder of this kind, the built-in regime each of
	// its regimes stands for ("" for none), so that figures draw it in
	// that regime's colour (a claim's cell "closed-working-none" is the
	// closed regime); nil: every regime is itself.
	Like func(src Source) (func(regime string) string, error)
	// Shaded says, for a folder of this kind, which of its regimes keep
	// their bands in its figures over days, given them in order; the
	// others are drawn as lines, and the caption names those shaded. It
	// is for folders whose regimes are not each one the user chose to
	// compare, whose bands would overlap into one blur (a programme's
	// four arms per regime). nil: every regime keeps its band, unless
	// Like names built-in regimes among more than MaxBands, which alone
	// keep theirs. Under --bands replicates every regime keeps its
	// replicates' lines.
	Shaded func(src Source, regimes []string) (func(regime string) bool, error)
	// Style gives, for a folder of this kind, the Style of each of its
	// regimes in every figure of the folder, in place of RegimeStyle and
	// Like: for folders whose regimes are drawn in groups (a programme's
	// arms, one figure over days per regime analysed), each of which needs
	// colours apart. nil, or a nil function: as RegimeStyle and Like say.
	Style func(src Source) (func(regime string) int, error)
	// FewerEntries says, for a folder of this kind as its manifest m
	// describes it, what to do when one of its figures is refused because
	// its legend (key) leaves the data no room: a clause that ends the
	// error, in the words of the kind's own flags. nil: draw fewer
	// regimes (--regimes), which the legends of run, compare and
	// programme name, one entry a regime or arm.
	FewerEntries func(m *output.Manifest) string
	// LabelKeys are the keys of the folder of manifest m whose axis
	// labels (or names, where a figure names them) --label replaces: the
	// varied keys. nil: the kind's figures name no keys, and its folders
	// take no --label.
	LabelKeys func(m *output.Manifest) []string
	// DrawsFrom are the tables the kind's figures are drawn from, one of
	// which a folder of the kind must hold for plot to draw it (a
	// validate folder holds validation.csv or rows.csv, as its data was a
	// Flee case or flow counts); nil: summary.csv.
	DrawsFrom []string
}

// Sharding is how the shards of a kind of folder are checked and merged
// into the folder an unsharded command writes.
type Sharding struct {
	// Tables are the tables that hold rows by run, in run order: Merge
	// joins them, and lists them first in the manifest.
	Tables []string
	// Rebuild rebuilds the experiment that wrote the folders at dirs
	// (shards of one command line, with manifests ms) from the first one's
	// manifest and scenario.toml, and checks that every manifest describes
	// that experiment, so that an edited manifest is refused; what names
	// the command for messages. The caller has checked each scenario.toml
	// against its checksum, and verifies each folder's runs and tables
	// against the experiment.
	// It stops with an error wrapping runs.ErrInterrupted if ctx ends.
	Rebuild func(ctx context.Context, what string, dirs []string, ms []*output.Manifest) (*Prepared, error)
	// Finish writes what the merged folder at dir derives from its joined
	// tables and its manifest (runs merged, shard cleared): statistics,
	// figures, a report. It returns the tables and the figures it wrote,
	// relative to dir, as the manifest lists them; a report.md it writes
	// it records in m.Report.
	// It stops between figures with an error wrapping runs.ErrInterrupted if
	// ctx ends.
	Finish func(ctx context.Context, dir string, m *output.Manifest, formats []string) (tables, figures []string, err error)
}

// Figure is one entry of a folder's figure registry: one figure, or a
// family of figures (one per metric, per key, ...), drawn from the
// folder's tables and manifest alone, never from memory, so that redrawing
// gives the same bytes.
type Figure struct {
	// Name is the file name under figures/, without extension; for a
	// family, the pattern its names follow (e.g. METRIC_vs_KEY).
	Name string
	// Title says what the figure shows: report.md's caption and
	// docs/OUTPUTS.md's entry.
	Title string
	// OverDays says that the figure draws a series over days per regime
	// (a column of timeseries.csv), which honours Source.Only.
	OverDays bool
	// PerRegime says that the figure draws bars per regime (a group per
	// regime, from summary.csv or locations.csv), which honours
	// Source.Only too.
	PerRegime bool
	// Draw draws the figure or the family from the folder.
	Draw func(src Source) ([]Drawn, error)
}

// Source is the folder a figure is drawn from.
type Source struct {
	Dir      string
	Manifest *output.Manifest
	// Only, if not nil, are the regimes a figure over days (Figure.OverDays)
	// or of bars per regime (Figure.PerRegime) draws, in the folder's
	// order; the others are left out: a kind draws such figures once per
	// group of its regimes (a programme's, once per regime analysed, with
	// its arms), or for a subset it can read (a split claim's eight
	// corner cells of 32).
	Only []string
}

// Unanalysed reports whether table, one a command's analysis writes once
// every run is done (a claim's effects.csv, a programme's channels.csv),
// is absent because the command was interrupted before: the figures drawn
// from it are then left out, and the runs' are drawn.
func (s Source) Unanalysed(table string) bool {
	_, err := os.Stat(filepath.Join(s.Dir, table))
	return !s.Manifest.Complete && errors.Is(err, fs.ErrNotExist)
}

// Resolved is the folder's scenario as the command that wrote it saw it
// (LoadResolved of its scenario.toml). Its error is the folder's, not the
// figure's: DrawFigures says it without naming the figure it was drawing.
func (s Source) Resolved() (*scenarios.Scenario, error) {
	sc, err := LoadResolved(s.Manifest, filepath.Join(s.Dir, "scenario.toml"))
	if err != nil {
		return nil, folderError{err}
	}
	return sc, nil
}

// Caption is the provenance line of the folder's figures.
func (s Source) Caption() figures.Caption {
	return figures.Caption{Scenario: s.Manifest.Scenario, Seed: s.Manifest.Seed, Reps: s.Manifest.Reps}
}

// Drawn is one drawn figure, with the name of its files and its title.
type Drawn struct {
	Name  string
	Title string
	// Fig is the figure; nil for a figure left undrawn because it would
	// show nothing, which NotDrawn explains.
	Fig *figures.Figure
	// NotDrawn, when Fig is nil, says why, as a clause a report prints in
	// the figure's place ("no trapped person-days were counted at any of
	// the 32 locations under any regime"). No file is written for it.
	NotDrawn string
	// Formats are the formats its files were written in (set by
	// DrawFigures; none for a figure not drawn).
	Formats []string
}

// Markdown is how a report shows the drawn figure, alt its text: an image
// of its PNG, else of its SVG, whichever was written; a link to its PDF
// when only that was; "" when no file of it was written. A report links
// only files that exist.
func (d Drawn) Markdown(alt string) string {
	alt = output.Literal(alt) // a title may name a regime, which may hold "]"
	for _, f := range []string{"png", "svg"} {
		if slices.Contains(d.Formats, f) {
			return fmt.Sprintf("![%s](figures/%s.%s)", alt, d.Name, f)
		}
	}
	if slices.Contains(d.Formats, "pdf") {
		return fmt.Sprintf("[%s (PDF)](figures/%s.pdf)", alt, d.Name)
	}
	return ""
}

// FindDrawn returns the drawn figure called name, if it was drawn.
func FindDrawn(drawn []Drawn, name string) (Drawn, bool) {
	i := slices.IndexFunc(drawn, func(d Drawn) bool { return d.Name == name })
	if i < 0 {
		return Drawn{}, false
	}
	return drawn[i], true
}

// single adapts a function drawing one figure to a registry entry.
func single(name, title string, draw func(src Source) (*figures.Figure, error)) Figure {
	return Figure{Name: name, Title: title, Draw: func(src Source) ([]Drawn, error) {
		fig, err := draw(src)
		if err != nil {
			return nil, err
		}
		return []Drawn{{Name: name, Title: title, Fig: fig}}, nil
	}}
}

var kinds []Kind

// registeredBy names the package that registers each kind this module
// defines outside this package, for a program that reads such a folder
// without importing it: its kind is unknown until it does.
var registeredBy = map[string]string{
	"claim":       "claim",
	"programme":   "programme",
	"sensitivity": "gsa",
	"validate":    "validation",
}

// unregistered is what to add to a message about a folder of command
// whose kind is not registered: the import that registers it, if one
// does, and otherwise nothing.
func unregistered(command string) string {
	pkg, ok := registeredBy[command]
	if !ok {
		return ""
	}
	return fmt.Sprintf(" (package github.com/borderwork/borderwork/%s registers it: import it, as _ if nothing else is used)", pkg)
}

// Register adds a kind of folder. Registering a command twice is a
// programming error. This package registers run, compare and sweep;
// packages claim, programme, gsa (sensitivity) and validation (validate)
// register their own when imported, so that Reproduce, Redraw and Merge
// know a folder of their kind only in a program that imports them.
func Register(k Kind) {
	if _, ok := KindOf(k.Command); ok {
		panic("experiment: kind " + k.Command + " registered twice")
	}
	kinds = append(kinds, k)
}

// KindOf is the kind of folder a command writes.
func KindOf(command string) (Kind, bool) {
	i := slices.IndexFunc(kinds, func(k Kind) bool { return k.Command == command })
	if i < 0 {
		return Kind{}, false
	}
	return kinds[i], true
}

// Kinds lists the registered kinds, in registration order.
func Kinds() []Kind { return slices.Clone(kinds) }

// DrawFigures draws every figure of the registry from the folder at dir in
// each format, into dir/figures, and returns what was drawn and the files
// written, relative to dir. With no formats it draws nothing.
func DrawFigures(dir string, m *output.Manifest, registry []Figure, formats []string) ([]Drawn, []string, error) {
	return DrawFiguresContext(context.Background(), dir, m, registry, formats)
}

// DrawFiguresContext is DrawFigures, stopping between figures with an
// error wrapping runs.ErrInterrupted once ctx ends: a folder's figures can
// take many seconds, and a command told to stop must not draw them all.
// The figures already written are the caller's to discard.
func DrawFiguresContext(ctx context.Context, dir string, m *output.Manifest, registry []Figure, formats []string) ([]Drawn, []string, error) {
	return drawFigures(ctx, dir, m, registry, formats, filepath.Join(dir, "figures"), "")
}

// drawFigures is DrawFiguresContext writing the figure files into fd
// rather than dir/figures, and ending each figure's caption with note,
// if any; the files it returns are named as they will be in dir/figures.
func drawFigures(ctx context.Context, dir string, m *output.Manifest, registry []Figure, formats []string, fd, note string) ([]Drawn, []string, error) {
	if len(formats) == 0 {
		return nil, nil, nil
	}
	if err := os.MkdirAll(fd, 0o755); err != nil {
		return nil, nil, err
	}
	src := Source{Dir: dir, Manifest: m}
	size, ok := figures.SizeNamed(src.Options().Size)
	if !ok {
		return nil, nil, badInput("%s: unknown figure size %q", dir, src.Options().Size)
	}
	var drawn []Drawn
	var files []string
	for _, f := range registry {
		if ctx.Err() != nil {
			return nil, nil, figuresInterrupted
		}
		ds, err := drawOrStop(ctx, f, src)
		if err != nil {
			return nil, nil, err
		}
		for i := range ds {
			d := &ds[i]
			if d.Fig == nil { // nothing to show: the report says why
				continue
			}
			d.Formats = slices.Clone(formats)
			if ctx.Err() != nil {
				return nil, nil, figuresInterrupted
			}
			d.Fig.SetSize(size)
			d.Fig.AddCaption(note)
			if err := figures.SaveContext(ctx, d.Fig, fd, d.Name, formats); ctx.Err() != nil {
				return nil, nil, figuresInterrupted
			} else if err != nil {
				return nil, nil, fmt.Errorf("figure %s: %w%s", d.Name, err, fewerEntries(m, err))
			}
			for _, format := range formats {
				files = append(files, "figures/"+d.Name+"."+format)
			}
		}
		drawn = append(drawn, ds...)
	}
	return drawn, files, nil
}

// fewerEntries is what to do when err refuses a figure for its legend,
// as the folder's kind says it (Kind.FewerEntries: a sensitivity
// figure's key names parameters, not regimes, and a claim takes --own,
// not --regimes); "" for any other error.
func fewerEntries(m *output.Manifest, err error) string {
	if !figures.LegendTooLong(err) {
		return ""
	}
	if m != nil {
		if k, ok := KindOf(m.Command); ok && k.FewerEntries != nil {
			return "; " + k.FewerEntries(m)
		}
	}
	return "; draw fewer regimes (--regimes), or no figures (--formats '')"
}

// SmallerKey is Kind.FewerEntries for a kind whose legends no flag
// shortens (a sensitivity figure's key of its leading parameters): draw
// the figures at double size, where the key stands beside the data, if
// they were drawn at single size, or draw none; or, where --label named
// parameters, give shorter labels.
func SmallerKey(m *output.Manifest) string {
	if o := RecordedFigureOptions(m); len(o.Labels) > 0 {
		// The labels given may be what made the key too tall.
		double := ""
		if o.Size == "single" {
			double = ", draw the figures at double size (--size double)"
		}
		return "its key names parameters by their --label: give shorter labels (KEY= for the key's short name)" + double + ", or draw no figures (--formats '')"
	}
	if RecordedFigureOptions(m).Size == "single" {
		return "its key cannot be shortened: draw the figures at double size, where it stands beside the data (--size double), or no figures (--formats '')"
	}
	return "its key cannot be shortened: draw no figures (--formats '')"
}

// drawOrStop draws f from src on its own goroutine, and returns as soon as
// it is drawn or ctx ends, whichever comes first: drawing one figure from
// a large folder can take seconds, and a command told to stop must not
// wait for it. A drawing given up on finishes in the background; it only
// reads the folder, and what it returns is dropped.
func drawOrStop(ctx context.Context, f Figure, src Source) ([]Drawn, error) {
	type result struct {
		ds  []Drawn
		err error
	}
	done := make(chan result, 1)
	go func() {
		ds, err := f.Draw(src)
		done <- result{ds, err}
	}()
	select {
	case r := <-done:
		if errors.As(r.err, new(folderError)) {
			return nil, r.err
		}
		if r.err != nil {
			return nil, fmt.Errorf("figure %s: %w", f.Name, r.err)
		}
		return r.ds, nil
	case <-ctx.Done():
		return nil, figuresInterrupted
	}
}

// figuresInterrupted is the error DrawFiguresContext stops with.
var figuresInterrupted = fmt.Errorf("%w while drawing the figures", runs.ErrInterrupted)

// ErrNotDrawable is returned by Redraw for folders whose figures cannot be
// drawn (a sweep shard, or a kind with no figures).
var ErrNotDrawable = errors.New("cannot draw figures of this folder")

// FigureChange changes a folder's recorded figure options; zero fields
// keep what the folder records.
type FigureChange struct {
	Bands, Size string
	Metrics     []string // summary metrics a sweep's figures show
	Regimes     []string // regimes a sweep's figures show; "all" for all
	// Labels replace the recorded axis labels of the keys they name
	// (--label); an empty text drops a key's label, back to the key.
	Labels map[string]string
}

// none reports whether ch changes nothing.
func (ch FigureChange) none() bool {
	return ch.Bands == "" && ch.Size == "" && len(ch.Metrics) == 0 && len(ch.Regimes) == 0 && len(ch.Labels) == 0
}

// apply returns o changed by ch.
func (ch FigureChange) apply(o output.FigureOptions) output.FigureOptions {
	if ch.Bands != "" {
		o.Bands = ch.Bands
	}
	if ch.Size != "" {
		o.Size = ch.Size
	}
	if len(ch.Metrics) > 0 {
		o.Metrics = slices.Clone(ch.Metrics)
	}
	if len(ch.Regimes) > 0 {
		o.Regimes = slices.Clone(ch.Regimes)
		if slices.Contains(ch.Regimes, "all") {
			o.Regimes = nil
		}
	}
	if len(ch.Labels) > 0 {
		o.Labels = Relabelled(o.Labels, ch.Labels)
	}
	return Tidy(o)
}

// Relabelled are the labels recorded changed by those given: a text
// replaces the recorded one, an empty one drops it. nil for none, so that
// a folder whose labels are all dropped records none, as before labels.
func Relabelled(recorded, given map[string]string) map[string]string {
	out := maps.Clone(recorded)
	if out == nil {
		out = map[string]string{}
	}
	for key, text := range given { // into a map: the order does not matter
		if text == "" {
			delete(out, key)
		} else {
			out[key] = text
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// RecordableOptions are the figure options o as a folder of command
// records them: the default bands for a kind whose figures draw none by
// --bands (Kind.DrawsBands), so that its manifest, and the command line
// it records (runs.FigureArgs), say no more than its command takes.
func RecordableOptions(command string, o output.FigureOptions) output.FigureOptions {
	if k, ok := KindOf(command); ok && !k.DrawsBands {
		o.Bands = output.DefaultFigureOptions().Bands
	}
	return o
}

// AnalysisChanged is what a kind's Rereport answers where this
// borderwork analyses the folder's runs otherwise than the one that
// wrote it did: the analysis' tables it names (Tables) would differ
// from the folder's, and a report written again would contradict them,
// so report.md is left as it is.
type AnalysisChanged struct {
	Tables []string
}

func (e *AnalysisChanged) Error() string {
	return "this borderwork's analysis of the runs gives another " + output.JoinAnd(e.Tables) + " than the folder holds"
}

// Redrawn is what Redraw did.
type Redrawn struct {
	// Files are the figure files drawn, relative to the folder, in the
	// order the manifest lists them.
	Files []string
	// Formats are the formats drawn.
	Formats []string
	// Report says that report.md, as borderwork wrote it, was written
	// again to show the figures drawn.
	Report bool
	// Retabled are the tables that show the figures (Kind.Retables)
	// written again to show those drawn, relative to the folder.
	Retabled []string
	// ReportLeft says that report.md, which shows the figures, was
	// changed since borderwork wrote it and so was left as it is: its
	// figure links and command line may no longer match the figures.
	ReportLeft bool
	// AnalysisChanged names the tables this borderwork's analysis of the
	// folder's runs gives otherwise than the folder holds them; report.md
	// was then left as it is, to agree with its tables (its figure links
	// and command line may no longer match the figures).
	AnalysisChanged []string
	// Removed are the figure files of the earlier figures, as the
	// manifest listed them, that were not drawn again and were removed:
	// files borderwork drew, unchanged since.
	Removed []string
	// Kept are figure files the manifest listed that were not drawn
	// again but were left in place because they no longer match their
	// checksums (someone changed them); the manifest lists them no more.
	Kept []string
	// Partial, for a folder whose command was interrupted, says how much
	// of it the figures show; nil for a complete folder.
	Partial *Partial
}

// Partial is how much of its runs an incomplete folder holds.
type Partial struct {
	Runs  int // runs the folder holds
	Total int // runs it holds when complete; 0: not known in advance (a claim's)
	// Finish is the command that completes the folder: --resume for a
	// sweep or sensitivity analysis, the command again for the others.
	Finish string
	Resume bool // Finish resumes the folder rather than running it again
}

// partialOf is how much of its runs the folder at dir, with manifest m,
// holds; nil if it is complete.
func partialOf(dir string, m *output.Manifest) *Partial {
	if m.Complete {
		return nil
	}
	p := &Partial{Runs: len(m.Runs), Total: plannedRuns(m)}
	switch m.Command {
	case "sweep":
		p.Finish, p.Resume = runs.ShellJoin([]string{"borderwork", "sweep", "--resume", "--out", dir}), true
	case "sensitivity":
		p.Finish, p.Resume = requoted(m.CommandLine)+" --resume "+runs.ShellJoin([]string{"--out", dir}), true
	default:
		p.Finish = requoted(m.CommandLine) + " " + runs.ShellJoin([]string{"--out", dir})
	}
	return p
}

// plannedRuns is how many runs the folder of manifest m holds when complete,
// from the fields that plan them; 0 if they do not say (a claim's).
func plannedRuns(m *output.Manifest) int {
	switch {
	case m.Sweep != nil:
		return m.Sweep.TotalRuns
	case m.Command == "run" || m.Command == "compare":
		return len(m.Regimes) * m.Reps
	}
	return 0
}

// shardedNoun names what the shards of a command's folder are shards of.
func shardedNoun(command string) string {
	if command == "sensitivity" {
		return "sensitivity analysis"
	}
	return command
}

// Redraw draws the figures of the output folder at dir again from its
// tables, in formats (none: the formats the folder records, see
// RecordedFormats, or every format if it records none), with the figure
// options the folder records changed by ch; removes figure files the
// manifest listed that were not drawn again, if they still hold the bytes
// borderwork wrote (a file someone changed is kept); and records the
// options, the formats and the new checksums in the manifest, so that the
// next Redraw draws the same figures. It never removes a file the manifest
// does not list. Bad options are refused, wrapping runs.ErrBadInput, before
// anything is written; so are tables that do not match their checksums:
// figures drawn from changed tables would carry the folder's name and
// checksums without following from its runs. A folder whose command was
// interrupted is drawn from the runs it holds; Redrawn.Partial says so.
//
// It is RedrawContext with a context that never ends.
func Redraw(dir string, formats []string, ch FigureChange) (*Redrawn, error) {
	return RedrawContext(context.Background(), dir, formats, ch)
}

// RedrawContext is Redraw, stopping with an error wrapping runs.ErrInterrupted,
// the folder unchanged, if ctx ends before the new figures replace the
// old: they are drawn beside the folder, and moved into it, old ones
// removed and the manifest rewritten, only once every one is drawn.
func RedrawContext(ctx context.Context, dir string, formats []string, ch FigureChange) (*Redrawn, error) {
	flagsGiven := len(formats) > 0 || !ch.none()
	m, err := output.ReadManifest(dir)
	if err != nil {
		return nil, ManifestError(dir, err)
	}
	if manifest := filepath.Join(dir, "manifest.json"); isLink(manifest) {
		// plot writes the manifest again: through the link, it would
		// replace the link with a file, or write where it points.
		return nil, badInput("%s is a link, and plot writes the manifest again only in the folder: put the file there instead, then plot again; %s is unchanged", manifest, dir)
	}
	// First: on another folder, a value of either is no mistake to
	// correct ("not among the regimes run"), the flag itself is.
	if (len(ch.Metrics) > 0 || len(ch.Regimes) > 0) && (m.Sweep == nil || m.Command != "sweep") {
		return nil, badInput("--metric and --regime choose what a sweep's figures show; %s holds a %s folder", dir, m.Command)
	}
	if err := checkRecorded(dir, m, ch, len(formats) > 0); err != nil {
		return nil, err
	}
	if err := CheckLabels(ch.Labels, LabelKeys(m), m.Command, "--label"); err != nil {
		return nil, err
	}
	if len(formats) == 0 {
		if formats = RecordedFormats(m); len(formats) == 0 {
			formats = figures.Formats()
		}
	}
	opts := ch.apply(Source{Manifest: m}.Options())
	opts.SetFormats(formats)
	if err := CheckFigureOptions(opts, m.Regimes); err != nil {
		return nil, err
	}
	k, ok := KindOf(m.Command)
	if !ok {
		return nil, fmt.Errorf("%s: %w: it holds a %q folder%s", dir, ErrNotDrawable, m.Command, unregistered(m.Command))
	}
	if ch.Bands != "" && !k.DrawsBands {
		return nil, badInput("--bands chooses what the bands and error bars of the figures of run, compare, sweep, claim and programme folders show; %s holds a %s folder, whose figures' captions say what their intervals are: leave --bands out", dir, m.Command)
	}
	if err := checkCommandLine(dir, m); err != nil {
		return nil, err
	}
	// A complete folder lists every run it ran: figures drawn from one
	// whose list was cut short would carry a manifest that reproduce
	// then finds wrong in every table.
	if n := plannedRuns(m); m.Complete && n > 0 && len(m.Runs) != n && (m.Sweep == nil || m.Sweep.Shard == "") {
		return nil, badInput("%s: runs lists %d of the %d runs the folder holds when complete; the manifest was changed", filepath.Join(dir, "manifest.json"), len(m.Runs), n)
	}
	if k.Recorded != nil {
		if err := k.Recorded(ctx, dir, m); err != nil {
			if errors.Is(err, runs.ErrInterrupted) {
				return nil, fmt.Errorf("%w; %s is unchanged", err, dir)
			}
			return nil, err
		}
	}
	opts = RecordableOptions(m.Command, opts)
	if !flagsGiven {
		if err := checkFigureFlags(dir, m); err != nil {
			return nil, err
		}
	}
	if m.Sweep != nil && m.Sweep.Shard != "" {
		return nil, fmt.Errorf("%s is one shard of a %s: %w; merge the shards, then plot", dir, shardedNoun(m.Command), ErrNotDrawable)
	}
	from := k.DrawsFrom
	if from == nil {
		from = []string{"summary.csv"}
	}
	if !slices.ContainsFunc(from, func(t string) bool { _, err := os.Stat(filepath.Join(dir, t)); return err == nil }) {
		return nil, fmt.Errorf("%s has no %s to draw from: %w", dir, strings.Join(from, " or "), ErrNotDrawable)
	}
	if err := tablesAsWritten(ctx, dir, m); err != nil {
		if errors.Is(err, runs.ErrInterrupted) {
			return nil, fmt.Errorf("%w; %s is unchanged", err, dir)
		}
		return nil, err
	}
	// Which of the earlier figures are still as borderwork drew them is
	// read before drawing, which may overwrite some of them.
	var unchanged []string
	for _, old := range m.Figures {
		d, err := verifyTable(ctx, dir, old)
		if err != nil {
			return nil, err
		}
		// A link to borderwork's bytes is the user's: replaced, the
		// link would become a file.
		if d == nil && !isLink(filepath.Join(dir, filepath.FromSlash(old.File))) {
			unchanged = append(unchanged, old.File)
		}
	}
	earlier := m.Figures
	// report.md is written again only if it is as borderwork wrote it:
	// one changed since (or a link) is the user's, and is left alone.
	rereport := k.Rereport != nil && m.Report != nil
	reportLeft := false
	reportLink := isLink(filepath.Join(dir, "report.md"))
	if rereport {
		d, err := verifyTable(ctx, dir, *m.Report)
		if err != nil {
			return nil, err
		}
		rereport = d == nil && !reportLink
		if !rereport {
			_, err := os.Lstat(filepath.Join(dir, "report.md"))
			reportLeft = err == nil // changed, not gone
		}
	}
	m.FigureOptions = &opts
	// The command line recorded, and quoted by a report written again,
	// draws the figures as drawn now.
	// An earlier borderwork's double quotes, inside which a shell expands
	// $ and `, are quoted again as this one quotes them.
	m.CommandLine = runs.WithFigureArgs(requoted(BaseCommandLine(m.CommandLine)), &opts)
	stopped := func(err error) error { return fmt.Errorf("%w; %s is unchanged", err, dir) }
	if ctx.Err() != nil {
		return nil, stopped(figuresInterrupted)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	// Drawn beside the folder, not in it: a temporary folder left inside
	// by a killed command would be files borderwork did not write.
	tmp, err := os.MkdirTemp(filepath.Dir(abs), "."+filepath.Base(abs)+".tmp-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	// Into a figures folder in it, as in the folder: a file that cannot
	// be written there (a full disk) is named by the path it is drawn for
	// (DIR/figures/NAME, tempfile.Meant), not DIR/NAME.
	tmp = filepath.Join(tmp, "figures")
	// A figure of an interrupted folder says so on its face: its caption's
	// replicate count is the plan's, which the later points or regimes
	// fall short of, and a figure is shown without the folder. (Only plot
	// draws such a folder's figures: a command interrupted draws none.)
	note := ""
	if p := partialOf(dir, m); p != nil {
		note = "incomplete: its command was interrupted"
		if p.Total > 0 {
			note = fmt.Sprintf("incomplete: %d of the %d runs", p.Runs, p.Total)
		}
	}
	drawn, files, err := drawFigures(ctx, dir, m, k.Figures, formats, tmp, note)
	if errors.Is(err, runs.ErrInterrupted) {
		return nil, stopped(err)
	}
	if err != nil {
		return nil, err
	}
	var report []byte // report.md again, if it changes
	var analysisChanged *AnalysisChanged
	if rereport {
		nb, err := k.Rereport(ctx, dir, m, drawn)
		if ctx.Err() != nil {
			return nil, stopped(figuresInterrupted)
		}
		switch {
		case errors.As(err, &analysisChanged):
		case err != nil:
			return nil, fmt.Errorf("%s: writing report.md again: %w", dir, err)
		default:
			if old, err := os.ReadFile(filepath.Join(dir, "report.md")); err != nil || !bytes.Equal(old, nb) {
				report = nb
			}
		}
	}
	// Tables that show the figures (their checksums were checked above):
	// those that change are written again.
	var retables map[string][]byte
	if k.Retables != nil {
		nb, err := k.Retables(ctx, dir, m, drawn)
		if ctx.Err() != nil {
			return nil, stopped(figuresInterrupted)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: writing its tables that show the figures again: %w", dir, err)
		}
		for name, b := range nb {
			if old, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name))); err == nil && bytes.Equal(old, b) {
				delete(nb, name)
			}
		}
		retables = nb
	}
	// A figure file of the same name that is not as borderwork drew it
	// (changed since, or never borderwork's) is not replaced, unless it
	// holds what is drawn now: a plot killed while it moved its figures
	// in leaves some, and the same plot again finishes its work.
	var inTheWay []string
	for _, f := range files {
		if slices.Contains(unchanged, f) {
			continue
		}
		path := filepath.Join(dir, filepath.FromSlash(f))
		if _, err := os.Lstat(path); err == nil && !sameRegularFile(path, filepath.Join(tmp, strings.TrimPrefix(f, "figures/"))) {
			inTheWay = append(inTheWay, path)
		}
	}
	switch len(inTheWay) {
	case 0:
	case 1:
		return nil, badInput("%s is not as borderwork drew it (changed since, or not borderwork's), and plot would replace it: move it, then plot again; %s is unchanged",
			inTheWay[0], dir)
	default:
		return nil, badInput("%s and %s more figure files are not as borderwork drew them (changed since, drawn by a plot that was stopped, or not borderwork's), and plot would replace them: move them, then plot again; %s is unchanged",
			inTheWay[0], words.Whole(int64(len(inTheWay)-1)), dir)
	}
	if st, err := os.Lstat(filepath.Join(dir, "figures")); err == nil && st.Mode()&os.ModeSymlink != 0 {
		// Through a link, the figures removed and written would be
		// another folder's, outside this one.
		return nil, badInput("%s is a link, and plot writes and removes figures only inside %s: put a folder there instead, then plot again; %s is unchanged",
			filepath.Join(dir, "figures"), dir, dir)
	} else if len(files) > 0 && err == nil && !st.IsDir() {
		return nil, badInput("%s is not a folder, and plot would put its figures there: move it, then plot again; %s is unchanged",
			filepath.Join(dir, "figures"), dir)
	}
	if ctx.Err() != nil { // the last moment to stop: the swap below finishes once begun
		return nil, stopped(figuresInterrupted)
	}
	if len(files) > 0 {
		if err := os.MkdirAll(filepath.Join(dir, "figures"), 0o755); err != nil {
			return nil, err
		}
	}
	for _, f := range files {
		name := strings.TrimPrefix(f, "figures/")
		if err := os.Rename(filepath.Join(tmp, name), filepath.Join(dir, "figures", name)); err != nil {
			return nil, err
		}
	}
	r := &Redrawn{Files: files, Formats: formats, Partial: partialOf(dir, m), ReportLeft: reportLeft}
	if analysisChanged != nil {
		r.AnalysisChanged = analysisChanged.Tables
	}
	for _, old := range earlier {
		switch {
		case slices.Contains(files, old.File):
		case slices.Contains(unchanged, old.File):
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(old.File))); err != nil && !errors.Is(err, os.ErrNotExist) {
				return nil, err
			}
			r.Removed = append(r.Removed, old.File)
		default:
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(old.File))); err == nil {
				r.Kept = append(r.Kept, old.File)
			}
		}
	}
	if m.Figures, err = output.Check(dir, files); err != nil {
		return nil, err
	}
	if m.Figures == nil {
		m.Figures = []output.Checked{}
	}
	for i, t := range m.Tables {
		b, ok := retables[t.File]
		if !ok {
			continue
		}
		if err := output.WriteFile(filepath.Join(dir, filepath.FromSlash(t.File)), b); err != nil {
			return nil, err
		}
		c, err := output.Check(dir, []string{t.File})
		if err != nil {
			return nil, err
		}
		m.Tables[i] = c[0]
		r.Retabled = append(r.Retabled, t.File)
	}
	if report != nil {
		if err := output.WriteReport(dir, m, report); err != nil {
			return nil, err
		}
		r.Report = true
	}
	return r, m.Write(filepath.Join(dir, "manifest.json"))
}

// checkCommandLine checks, before plot writes it again with its figure
// flags, that manifest m of the folder at dir has no field borderwork
// never writes (unwrittenField), and that the command line m records
// agrees with the fields m records, as far as that can be told without
// rerunning it (reproduce reruns it; see commandLineDisagreement). One
// edited by hand (deleted, a flag added after the figure flags, a bare
// flag) would otherwise be rewritten into a worse one. Errors wrap
// runs.ErrBadInput and name manifest.json: command_line.
func checkCommandLine(dir string, m *output.Manifest) error {
	if why := unwrittenField(m); why != "" {
		return badInput("%s: %s; the manifest was changed", filepath.Join(dir, "manifest.json"), why)
	}
	if why := commandLineDisagreement(m); why != "" {
		return badInput("%s: %s: %s; plot, which writes it again with the figure flags it draws with, will not build on it ('borderwork reproduce %s' compares the folder with a rerun of its fields)", filepath.Join(dir, "manifest.json"), commandLineDisagrees, why, runs.ShellJoin([]string{dir}))
	}
	return nil
}

// checkHandEdits refuses, for what (merge, --resume) builds on the
// folder at dir, a manifest m whose fields no borderwork command writes,
// or whose command line they do not give: changed by hand, they would
// otherwise reach the engine or a merged folder (a seed its runs were
// not run with). Errors wrap runs.ErrBadInput and name manifest.json.
func checkHandEdits(what, dir string, m *output.Manifest) error {
	why := unwrittenField(m)
	if why == "" {
		if why = commandLineDisagreement(m); why != "" {
			why = commandLineDisagrees + ": " + why
		}
	}
	if why != "" {
		return badInput("%s: %s: %s; the manifest was changed", what, filepath.Join(dir, "manifest.json"), why)
	}
	return nil
}

// unwrittenField names a field of m that no borderwork command writes
// as it is (every command runs one regime or more, one replicate or
// more, for one day or more), "" if none.
func unwrittenField(m *output.Manifest) string {
	switch {
	case len(m.Regimes) == 0:
		return "regimes is empty; every folder records the regimes it ran"
	case m.Reps < 1:
		return fmt.Sprintf("reps is %d; every folder records 1 replicate or more", m.Reps)
	case m.Days < 1:
		return fmt.Sprintf("days is %d; every folder records 1 day or more", m.Days)
	}
	return ""
}

// commandLineDisagrees begins what plot and reproduce say of a
// command_line that a manifest's fields do not give.
const commandLineDisagrees = "command_line does not agree with the fields it records"

// commandLineDisagreement says how the command line manifest m records
// disagrees with the fields m records, naming the flag and the field, as
// far as that can be told without rerunning it: borderwork and m's
// command, its scenario argument, --seed, --days and (run, compare,
// sweep) --reps as recorded, and figure flags only at its end, each
// once. "": none of these disagrees.
func commandLineDisagreement(m *output.Manifest) string {
	words, _ := shellWords(m.CommandLine)
	if len(words) < 2 || words[0] != "borderwork" || words[1] != m.Command {
		return fmt.Sprintf("%q is not a command line of borderwork %s, the command it records", m.CommandLine, m.Command)
	}
	if m.ScenarioArg != "" && (len(words) < 3 || words[2] != m.ScenarioArg) {
		return fmt.Sprintf("its scenario is not %s, the scenario_arg it records", runs.ShellQuote(m.ScenarioArg))
	}
	base, _ := shellWords(BaseCommandLine(m.CommandLine))
	for _, w := range base {
		if slices.Contains(figureFlags, w) {
			return fmt.Sprintf("%s is not among the figure flags that end it, each with its value, once", w)
		}
	}
	value := func(flag string) (string, bool) {
		for i := 0; i+1 < len(base); i++ {
			if base[i] == flag {
				return base[i+1], true
			}
		}
		return "", false
	}
	check := []struct {
		flag, key, want string
	}{
		{"--seed", "seed", strconv.FormatInt(m.Seed, 10)},
		{"--days", "days", strconv.Itoa(m.Days)},
	}
	if runs.RepsRun(m.Command) {
		check = append(check, struct{ flag, key, want string }{"--reps", "reps", strconv.Itoa(m.Reps)})
	}
	for _, c := range check {
		if got, ok := value(c.flag); ok && got != c.want {
			return fmt.Sprintf("it gives %s %s, the manifest's %s %s", c.flag, runs.ShellQuote(got), c.key, c.want)
		}
	}
	return ""
}

// checkFigureFlags refuses, as bad input, a command line manifest m
// records whose figure flags are not those of the figure options it
// records, for plot given no flag to change them: plot writes them again
// from those options, and would otherwise drop a flag edited by hand
// (--formats gif) without a word. A command line with none was recorded
// before the figure flags were (2026-12-02), and is its own.
func checkFigureFlags(dir string, m *output.Manifest) error {
	words, _ := shellWords(m.CommandLine)
	base, _ := shellWords(BaseCommandLine(m.CommandLine))
	recorded := RecordedFigureOptions(m)
	recorded.NoFigures = m.FigureOptions != nil && m.FigureOptions.NoFigures
	got, want := words[len(base):], runs.FigureArgs(recorded)
	if len(got) == 0 || slices.Equal(got, want) {
		return nil
	}
	return badInput("%s: command_line ends with the figure flags %s, but figure_options gives %s; plot, which writes them again from figure_options, will not drop them: give the flags to draw with", filepath.Join(dir, "manifest.json"), quotedArgs(got), quotedArgs(want))
}

// quotedArgs is args as a shell would read them, in single quotes, or
// "none".
func quotedArgs(args []string) string {
	if len(args) == 0 {
		return "none"
	}
	return "'" + runs.ShellJoin(args) + "'"
}

// runByAnotherCommand reports whether the command line manifest m
// records is one of another borderwork command than m's command: one of
// the two was changed, and the folder's fields are not those of the
// command its kind reruns (a compare folder rerun as a sweep found no
// sweep section).
func runByAnotherCommand(m *output.Manifest) bool {
	words, _ := shellWords(m.CommandLine)
	return len(words) >= 2 && words[0] == "borderwork" && words[1] != m.Command
}

// fieldsGive says that a manifest's fields give the command line fields
// where it records recorded: what plot and reproduce say of a
// command_line the manifest's fields do not give, when
// commandLineDisagreement finds no flag to name.
func fieldsGive(fields, recorded string) string {
	return fmt.Sprintf("they give '%s', the command line '%s'", fields, recorded)
}

// sameRegularFile reports whether the regular file at path (not a link)
// holds the bytes of the file at drawn.
func sameRegularFile(path, drawn string) bool {
	f, err := openRegularFile(path)
	if err != nil {
		return false
	}
	defer f.Close()
	a, err := io.ReadAll(f)
	if err != nil {
		return false
	}
	b, err := os.ReadFile(drawn)
	return err == nil && bytes.Equal(a, b)
}

// isLink reports whether path is a symbolic link.
func isLink(path string) bool {
	st, err := os.Lstat(path)
	return err == nil && st.Mode()&os.ModeSymlink != 0
}
