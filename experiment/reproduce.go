package experiment

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/sim"
)

// Reproduction is what Reproduce found.
type Reproduction struct {
	// CommandLine is the command that was rerun (RerunCommandLine of the
	// rerun's manifest), built from the fields of the folder's manifest,
	// not copied from the command line it records.
	CommandLine string
	Tables      int      // tables checked
	Figures     int      // figure files checked
	Report      bool     // report.md checked
	Problems    []string // one line each; none if everything matched
	// Warnings say, one line each, why a rerun might differ for reasons
	// other than the folder's content: an unknown or modified build.
	Warnings []string
}

// RerunFailed is Reproduce's error when the rerun itself fails (a
// scenario.toml changed so that it no longer loads, a value the manifest
// records that this binary refuses): nothing was rerun, so nothing was
// compared with a rerun. It wraps the rerun's error.
type RerunFailed struct {
	// Found is what Reproduce found before the rerun: the folder's own
	// problems (scenario.toml and tables against their checksums) and the
	// warnings. Its CommandLine is empty: no command was rerun.
	Found *Reproduction
	Err   error
}

func (e *RerunFailed) Error() string { return "the rerun failed: " + e.Err.Error() }
func (e *RerunFailed) Unwrap() error { return e.Err }

// inTempDir is err, a file of the rerun that could not be written (a
// full /tmp on a cluster node), saying that the rerun is written under
// TMPDIR, which is where to free space or what to change: the folder
// reproduced may be on a disk with room. Other errors are as they were.
func inTempDir(err error) error {
	var pe *fs.PathError
	tmp := os.TempDir()
	if !errors.As(err, &pe) || (pe.Path != tmp && !strings.HasPrefix(pe.Path, tmp+string(filepath.Separator))) {
		return err
	}
	return fmt.Errorf("%w; reproduce reruns the folder in the temporary folder %s (TMPDIR): free some space there, or set TMPDIR to a folder with room", err, tmp)
}

// Reproduce reruns what the output folder at dir describes, from its
// manifest and its own scenario.toml, into a temporary folder, drawing
// its figures and writing its report again, and checks that the folder's
// tables, figures and report match the checksums in its manifest and that
// the rerun writes the same bytes. A table that differs is named with its
// first differing row. An incomplete or unknown folder is an error
// wrapping runs.ErrBadInput; a rerun that fails is a *RerunFailed. A
// folder of a kind another package registers (Register) is unknown in a
// program that does not import that package.
func Reproduce(ctx context.Context, dir string, workers int) (*Reproduction, error) {
	m, err := output.ReadManifest(dir)
	if err != nil {
		return nil, ManifestError(dir, err)
	}
	if !m.Complete {
		return nil, badInput("%s is incomplete (the command was interrupted); finish it first", dir)
	}
	k, ok := KindOf(m.Command)
	if !ok || k.Rerun == nil {
		return nil, badInput("%s holds a %q folder, which cannot be rerun%s", dir, m.Command, unregistered(m.Command))
	}
	if runByAnotherCommand(m) {
		// Said as plot says it; the rerun failed inside the other
		// command's kind, or panicked, in words of its sections.
		return nil, badInput("%s: %s: %s; the manifest was changed, and reproduce will not rerun it as either", filepath.Join(dir, "manifest.json"), commandLineDisagrees, commandLineDisagreement(m))
	}
	if m.Reps < 1 {
		// Every command runs at least one replicate: a rerun of none
		// would fail with no word of the key.
		return nil, badInput("%s: reps is %d; every folder records at least 1 replicate", filepath.Join(dir, "manifest.json"), m.Reps)
	}
	if name, other := namesOtherBundled(m.ScenarioArg, m.ScenarioSource); other {
		// The rerun would be refused by Start (CheckArg) in words for
		// the library caller who wrote the folder; its reader needs to
		// know that the manifest contradicts itself.
		return nil, badInput("%s: scenario_arg %s names the bundled scenario %s, but scenario_source says the folder ran %s (bundled:%s), so the recorded command line would run another scenario; the manifest was changed, or written by a program that gave the wrong argument", filepath.Join(dir, "manifest.json"), runs.ShellQuote(m.ScenarioArg), m.ScenarioArg, name, name)
	}
	rep := &Reproduction{CommandLine: RerunCommandLine(m), Tables: len(m.Tables), Figures: len(m.Figures), Report: m.Report != nil, Warnings: buildWarnings(m, output.ReadBuild())}
	scenarioPath := filepath.Join(dir, "scenario.toml")
	scenarioDiff, err := scenarioDifference(dir, m)
	if err != nil {
		return nil, err
	}
	if scenarioDiff != "" {
		rep.Problems = append(rep.Problems, "scenario.toml "+scenarioDiff) // the first problem
	}
	if m.ScenarioSHA256 == "" {
		rep.Warnings = append(rep.Warnings, "manifest.json records no checksum of scenario.toml (scenario_sha256); only the rerun's tables check it")
	}
	// A table's difference the block digests only place at the start of
	// a block of runs is placed exactly once the rerun has written the
	// right bytes: inFolder keeps where each such problem is.
	inFolder := map[string]int{}
	// figureMismatches are where the problems of figures the folder
	// holds as its manifest records, but the rerun draws differently,
	// are; tablesDiffer, whether any table of the folder differs from
	// its manifest or the rerun's.
	var figureMismatches []int
	reportMismatch := -1 // likewise report.md's, if it differs
	tablesDiffer := false
	runsDiffer := false          // a table of runsTables differs
	var analysisMismatches []int // problems of the other tables that differ
	for _, c := range m.Files() {
		d, err := verifyTable(ctx, dir, c)
		if err != nil {
			return nil, err
		}
		if d != nil {
			// A table without block digests (stats.csv, a validate
			// folder's tables) is placed the same way, from its first
			// line.
			csv := strings.HasSuffix(c.File, ".csv") || strings.HasSuffix(c.File, ".csv.gz")
			if !d.Exact && d.Block >= 0 || csv && d.Block < 0 && d.Line == 0 && d.Msg == output.ChecksumDiffers {
				inFolder[c.File] = len(rep.Problems)
			}
			tablesDiffer = tablesDiffer || isTable(m, c.File)
			rep.Problems = append(rep.Problems, d.Error()+" (in the folder)")
		}
	}
	unlisted, err := unlistedTables(dir, m)
	if err != nil {
		return nil, err
	}
	for _, name := range unlisted {
		tablesDiffer = true
		rep.Problems = append(rep.Problems, name+" is a table manifest.json does not list with its checksum (in the folder)")
	}
	tmp, err := os.MkdirTemp("", "borderwork-reproduce-")
	if err != nil {
		return nil, inTempDir(err)
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "out")
	// A figure option the manifest records that this binary refuses is
	// named by its key, as plot names it, not as a flag never given.
	err = checkRecorded(dir, m, FigureChange{}, false)
	if err == nil {
		// The formats the folder records: a shard's, which it does not
		// draw, are recorded again as merge will need them.
		err = k.Rerun(ctx, m, scenarioPath, out, workers, RecordedFormats(m))
	}
	if err != nil {
		if errors.As(err, new(folderError)) {
			return nil, err
		}
		err = inTempDir(err)
		// Nothing was rerun: no command line to claim, and the problems
		// found in the folder are all there is. A scenario.toml changed
		// or missing so that the rerun fails is the folder's bad input.
		rep.CommandLine = ""
		if scenarioDiff != "" && errors.Is(err, os.ErrNotExist) && !errors.Is(err, runs.ErrBadInput) {
			err = badInput("%v", err)
		}
		return nil, &RerunFailed{Found: rep, Err: err}
	}
	rerun, err := output.ReadManifest(out)
	if err != nil {
		return nil, fmt.Errorf("the rerun's manifest: %w", err)
	}
	for _, c := range m.Files() {
		d, err := verifyTable(ctx, out, c)
		if err != nil {
			return nil, err
		}
		if d != nil {
			// A column (or a metric's rows) added since is the rerun's
			// only difference from an earlier borderwork's table.
			missing, same, err := sameWithoutLater(filepath.Join(dir, filepath.FromSlash(c.File)), filepath.Join(out, filepath.FromSlash(c.File)), c.SHA256)
			if err != nil {
				return nil, err
			}
			if same {
				d = nil
				rep.Warnings = append(rep.Warnings, laterWarnings(c.File, missing)...)
			}
		}
		if d != nil && k.Legacy != nil {
			b, ok, err := k.Legacy(out, c.File)
			if err != nil {
				return nil, err
			}
			if ok && output.SHA256(b) == c.SHA256 {
				d = nil
				rep.Warnings = append(rep.Warnings, c.File+" is in the format of an earlier borderwork; this one writes it in a newer one, and the rerun's holds the same results")
			}
		}
		if d != nil && c.File == "report.md" {
			if d, err = reportBuiltAsRecorded(ctx, out, c, m, rerun); err != nil {
				return nil, err
			}
		}
		if d != nil && c.File == "report.md" {
			if d, err = reportQuotedAsRecorded(ctx, out, c, m, rerun); err != nil {
				return nil, err
			}
			if d == nil {
				rep.Warnings = append(rep.Warnings, "report.md quotes the command line as the borderwork that wrote the folder did, in double quotes, inside which a shell expands $ and `; this binary quotes the same arguments in single quotes (the Reran line), and writes report.md otherwise the same")
			}
		}
		if d == nil {
			// The rerun wrote what the manifest records: the folder's
			// table differs from it first where it differs from the rerun.
			if i, ok := inFolder[c.File]; ok {
				if line, err := output.FirstDifference(filepath.Join(dir, filepath.FromSlash(c.File)), filepath.Join(out, filepath.FromSlash(c.File))); err == nil && line > 0 {
					rep.Problems[i] = fmt.Sprintf("%s:%d: this row differs from what borderwork wrote (in the folder; the first differing row)", c.File, line)
				}
			} else if i, ok := inFolderProblem(rep.Problems, c.File); ok && !isTable(m, c.File) && rep.Problems[i] == c.File+": "+output.ChecksumDiffers+" (in the folder)" {
				// A figure or report.md the rerun writes as recorded:
				// the folder's copy was changed since (a figure opened
				// and saved again by an image program, notes added).
				rep.Problems[i] = c.File + ": " + ChangedSinceWritten
			}
			continue
		}
		msg := c.File + " differs when rerun"
		if line, err := output.FirstDifference(filepath.Join(dir, filepath.FromSlash(c.File)), filepath.Join(out, filepath.FromSlash(c.File))); err == nil && line > 0 && (strings.HasSuffix(c.File, ".csv") || strings.HasSuffix(c.File, ".csv.gz")) {
			msg = fmt.Sprintf("%s:%d differs when rerun (the first differing row)", c.File, line)
		}
		if isFigure(m, c.File) {
			if _, bad := inFolderProblem(rep.Problems, c.File); !bad {
				figureMismatches = append(figureMismatches, len(rep.Problems))
			}
		} else if c.File == "report.md" {
			if _, bad := inFolderProblem(rep.Problems, c.File); !bad {
				reportMismatch = len(rep.Problems)
			}
		} else if isTable(m, c.File) {
			tablesDiffer = true
			if slices.Contains(runsTables, c.File) {
				runsDiffer = true
			} else {
				analysisMismatches = append(analysisMismatches, len(rep.Problems))
			}
		}
		rep.Problems = append(rep.Problems, msg)
	}
	// The runs' own tables reproduced, and a table worked out from them
	// does not: the same runs, analysed otherwise (an earlier claim
	// judged ties otherwise), which a referee tells from a model that
	// changed.
	if !runsDiffer && slices.ContainsFunc(m.Tables, func(c output.Checked) bool { return slices.Contains(runsTables, c.File) }) {
		for _, i := range analysisMismatches {
			rep.Problems[i] += AnalysedDifferently
		}
	}
	// The rerun ran from the manifest's fields: its command line is the
	// one rerun, whatever the folder's records.
	rep.CommandLine = RerunCommandLine(rerun)
	rep.Problems = append(rep.Problems, recordedFields(m, rerun)...)
	// A table the rerun writes that the manifest does not list is still
	// the folder's: it is compared too, not left unchecked.
	for _, c := range rerun.Tables {
		if slices.ContainsFunc(m.Tables, func(t output.Checked) bool { return t.File == c.File }) {
			continue
		}
		rep.Tables++
		d, err := verifyTable(ctx, dir, c)
		if err != nil {
			return nil, err
		}
		switch {
		case d == nil:
		case d.Msg == "is missing" && slices.Contains(laterTables, c.File):
			rep.Warnings = append(rep.Warnings, c.File+" is not in the folder: the borderwork that wrote it did not write that table, which this one adds; the rerun's is not compared")
		case d.Msg == "is missing":
			tablesDiffer = true
			rep.Problems = append(rep.Problems, c.File+" is missing from the folder and from manifest.json's tables, and the rerun writes it")
		default:
			tablesDiffer = true
			msg := c.File + " differs when rerun"
			if line, err := output.FirstDifference(filepath.Join(dir, filepath.FromSlash(c.File)), filepath.Join(out, filepath.FromSlash(c.File))); err == nil && line > 0 {
				msg = fmt.Sprintf("%s:%d differs when rerun (the first differing row)", c.File, line)
			}
			rep.Problems = append(rep.Problems, msg)
		}
	}
	// Every table reproduced, and a figure the folder holds intact does
	// not: the results are the same, and this binary draws the figure
	// differently from the one that wrote the folder (a difference map's
	// dots, a caption's wrapping, since 2026-12-03). Still a problem, as
	// the figure is not the folder's, but said as such.
	if !tablesDiffer && len(m.Tables) > 0 {
		for _, i := range figureMismatches {
			if strings.HasSuffix(rep.Problems[i], ".png differs when rerun") {
				rep.Problems[i] += PNGDrawnDifferently
			} else {
				rep.Problems[i] += FigureDrawnDifferently
			}
		}
		// report.md, intact in the folder, captions and describes the
		// figures, as this borderwork writes them (the outcomes figure's
		// caption, since 2026-12-03 evening).
		if reportMismatch >= 0 {
			rep.Problems[reportMismatch] += ReportWrittenDifferently
		}
	}
	if v := runs.FolderModelVersion(m); v != sim.ModelVersion && len(rep.Problems) == 0 {
		if i := slices.Index(rep.Warnings, modelVersionWarning(v)); i >= 0 {
			rep.Warnings[i] = ReproducedAnotherModelVersion(v)
		}
	}
	return rep, nil
}

// ChangedSinceWritten is the MISMATCH line, after the file's name, of a
// figure or report.md of the folder that does not match its checksum
// while the rerun writes it as the manifest records: the folder's copy
// was changed after borderwork wrote it, not drawn from other results.
const ChangedSinceWritten = "does not match its checksum in manifest.json (in the folder), but the rerun writes it as manifest.json records: the folder's copy was changed after borderwork wrote it (edited, or opened and saved again by another program)"

// runsTables are the tables written run by run, from the runs alone;
// the other tables are worked out from them.
var runsTables = []string{"timeseries.csv", "summary.csv", "locations.csv", "robustness_summary.csv"}

// AnalysedDifferently ends the MISMATCH line of a table worked out from
// the runs when the runs' own tables reproduced: the simulation is the
// same, its analysis is not.
const AnalysedDifferently = ": the runs' own tables match (the simulation reproduces); this borderwork works this table out from the same runs otherwise than the one that wrote the folder"

// FigureDrawnDifferently ends a figure's MISMATCH line when every table
// of the folder reproduced: the figure is drawn differently, not from
// different results.
const FigureDrawnDifferently = ": every table matches; this borderwork draws the figure differently from the one that wrote the folder (borderwork plot redraws it)"

// PNGDrawnDifferently is FigureDrawnDifferently for a PNG, whose pixels
// the rasteriser works out with arithmetic that may differ between
// processors (a binary built for another, say GOAMD64=v3 or arm64): the
// same borderwork can draw it otherwise on another machine.
const PNGDrawnDifferently = ": every table matches; this machine or this borderwork draws the figure differently from the one that wrote the folder (a PNG's edge pixels may differ between processors, docs/MODEL.md section 12, \"Determinism across machines\"; borderwork plot redraws it)"

// ReportWrittenDifferently ends report.md's MISMATCH line when every table
// of the folder reproduced and the folder's report.md is as borderwork
// wrote it: this binary writes it differently, not from other results.
const ReportWrittenDifferently = ": every table matches; this borderwork writes report.md differently from the one that wrote the folder (borderwork plot writes it again)"

// isFigure and isTable say whether manifest m lists file as a figure or
// as a table.
func isFigure(m *output.Manifest, file string) bool {
	return slices.ContainsFunc(m.Figures, func(c output.Checked) bool { return c.File == file })
}

func isTable(m *output.Manifest, file string) bool {
	return slices.ContainsFunc(m.Tables, func(c output.Checked) bool { return c.File == file })
}

// inFolderProblem finds the problem found in the folder itself about
// file, before the rerun.
func inFolderProblem(problems []string, file string) (int, bool) {
	for i, p := range problems {
		if strings.HasPrefix(p, file+":") && strings.HasSuffix(p, " (in the folder)") {
			return i, true
		}
	}
	return -1, false
}

// laterTables are tables borderwork writes that an earlier version did
// not (a sweep's contrast.csv and a claim's claim.csv, since 2026-12-03):
// a folder without one still
// reproduces, with a warning, as its other tables are compared.
var laterTables = []string{"contrast.csv", "claim.csv"}

// laterColumn is a column borderwork writes that an earlier version did
// not: a folder's table without it still reproduces, with a warning, when
// the rerun's table without it is the folder's.
type laterColumn struct {
	table  string // the table it is in; "" for every CSV table
	column string
	// metric marks a metric (output.LaterMetrics): a table by metric
	// (stats.csv) lacks its rows rather than a column, and the rerun
	// must count 0 in every cell left out, as an earlier borderwork
	// could not count it.
	metric bool
}

// laterColumns are every laterColumn, in the order warnings name them.
var laterColumns = append([]laterColumn{
	{table: "parameters.csv", column: "unit"},     // sensitivity, since 2026-12-03
	{table: "effects.csv", column: "reps_needed"}, // claim, since 2026-12-03
}, laterMetricColumns()...)

func laterMetricColumns() []laterColumn {
	var cols []laterColumn
	for _, m := range output.LaterMetrics {
		cols = append(cols, laterColumn{column: m, metric: true})
	}
	return cols
}

// sameWithoutLater says which laterColumns the folder's CSV table at
// folderPath lacks (a column of its header or, for a metric, a metric
// its rows never name), and whether the rerun's table at rerunPath,
// without them, has the folder's sha256 sum (hex) want. A metric left
// out must be 0 in the rerun: in each row's cell, and in the mean of
// each of its rows of a table by metric.
func sameWithoutLater(folderPath, rerunPath, want string) ([]laterColumn, bool, error) {
	name := filepath.Base(folderPath)
	if !strings.HasSuffix(name, ".csv") {
		return nil, false, nil
	}
	// The headers first: a table (a large timeseries.csv) that lacks no
	// later column and has no metric rows is not read whole, twice.
	folderHeader, rerunHeader := csvHeader(folderPath), csvHeader(rerunPath)
	if !slices.Contains(folderHeader, "metric") && !slices.ContainsFunc(laterColumns, func(l laterColumn) bool {
		return (l.table == "" || l.table == name) && slices.Contains(rerunHeader, l.column) && !slices.Contains(folderHeader, l.column)
	}) {
		return nil, false, nil
	}
	folder, err := readCSV(folderPath)
	if err != nil {
		return nil, false, nil // a folder's unreadable table: a problem found already
	}
	rerun, err := readCSV(rerunPath)
	if err != nil {
		return nil, false, nil // the rerun wrote no such table: not the same
	}
	metricOf := func(records [][]string) []string { // the metric column's values
		i := slices.Index(records[0], "metric")
		if i < 0 {
			return nil
		}
		var names []string
		for _, r := range records[1:] {
			if i < len(r) {
				names = append(names, r[i])
			}
		}
		return names
	}
	folderMetrics, rerunMetrics := metricOf(folder), metricOf(rerun)
	var missing []laterColumn
	var dropColumns, dropRows []string
	for _, l := range laterColumns {
		switch {
		case l.table != "" && l.table != name:
		case slices.Contains(rerun[0], l.column) && !slices.Contains(folder[0], l.column):
			missing, dropColumns = append(missing, l), append(dropColumns, l.column)
		case l.metric && slices.Contains(rerunMetrics, l.column) && !slices.Contains(folderMetrics, l.column):
			missing, dropRows = append(missing, l), append(dropRows, l.column)
		}
	}
	if len(missing) == 0 {
		return nil, false, nil
	}
	mustBeZero := func(col string) bool {
		return slices.ContainsFunc(missing, func(l laterColumn) bool { return l.metric && l.column == col })
	}
	zero := func(s string) bool { v, err := strconv.ParseFloat(s, 64); return err == nil && v == 0 }
	header := rerun[0]
	metric, mean := slices.Index(header, "metric"), slices.Index(header, "mean")
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	for n, r := range rerun {
		if n > 0 && metric >= 0 && metric < len(r) && slices.Contains(dropRows, r[metric]) {
			if mean < 0 || mean >= len(r) || !zero(r[mean]) {
				return nil, false, nil
			}
			continue
		}
		kept := make([]string, 0, len(r))
		for i, v := range r {
			if i < len(header) && slices.Contains(dropColumns, header[i]) {
				if n > 0 && mustBeZero(header[i]) && !zero(v) {
					return nil, false, nil
				}
				continue
			}
			kept = append(kept, v)
		}
		if err := w.Write(kept); err != nil {
			return nil, false, err
		}
	}
	w.Flush()
	return missing, output.SHA256(buf.Bytes()) == want, w.Error()
}

// csvHeader is the first record of the CSV table at path, nil if it has
// none that reads.
func csvHeader(path string) []string {
	f, err := openRegularFile(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	header, err := csv.NewReader(f).Read()
	if err != nil {
		return nil
	}
	return header
}

// openRegularFile opens the regular file at path: a folder's table may
// be anything (a named pipe would never end).
func openRegularFile(path string) (*os.File, error) {
	if st, err := os.Lstat(path); err != nil || !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file", path)
	}
	return os.Open(path)
}

// readCSV reads the whole CSV table at path, which must have a header.
func readCSV(path string) ([][]string, error) {
	f, err := openRegularFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		return nil, err
	}
	records, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err == nil && len(records) == 0 {
		err = errors.New("no header")
	}
	return records, err
}

// laterWarnings are reproduce's warnings for the laterColumns missing
// from a folder's table file that is otherwise as rerun.
func laterWarnings(file string, missing []laterColumn) []string {
	var columns, metrics []string
	for _, l := range missing {
		if l.metric {
			metrics = append(metrics, l.column)
		} else {
			columns = append(columns, l.column)
		}
	}
	var warnings []string
	if len(columns) > 0 {
		warnings = append(warnings, fmt.Sprintf("%s has no %s column: the borderwork that wrote the folder did not write it, which this one adds; the rest of the table is as rerun", file, strings.Join(columns, ", ")))
	}
	if len(metrics) > 0 {
		warnings = append(warnings, fmt.Sprintf("%s has no %s: the borderwork that wrote the folder did not count it, which this one does (0 in every run, as that borderwork could not produce it); the rest of the table is as rerun", file, strings.Join(metrics, ", ")))
	}
	return warnings
}

// reportQuotedAsRecorded compares the report.md of the folder a rerun
// wrote at out (whose manifest is rerun) with c, the folder's report.md,
// as the borderwork that wrote the folder quoted the command line it
// records (manifest m): an earlier one quoted an argument in Go's double
// quotes ("a b"), which this one quotes in single quotes ('a b'); the
// same arguments (SameCommandLine). The rerun's report.md is rewritten
// with the recorded command line for the rerun's: nil, it is then c.
// Otherwise the difference verifying it gives.
func reportQuotedAsRecorded(ctx context.Context, out string, c output.Checked, m, rerun *output.Manifest) (*output.Difference, error) {
	path := filepath.Join(out, filepath.FromSlash(c.File))
	b, err := os.ReadFile(path)
	if err != nil || m.CommandLine == rerun.CommandLine || !SameCommandLine(m.CommandLine, rerun.CommandLine) || !bytes.Contains(b, []byte(rerun.CommandLine)) {
		return verifyTable(ctx, out, c)
	}
	// The earlier borderwork also fenced the line with one backtick,
	// whatever it held: where the rerun's fence is longer, that too.
	old := bytes.ReplaceAll(b, []byte(rerun.CommandLine), []byte(m.CommandLine))
	if span := output.CodeSpan(rerun.CommandLine); !strings.HasPrefix(span, "`"+rerun.CommandLine) {
		old = bytes.ReplaceAll(b, []byte(span), []byte("`"+m.CommandLine+"`"))
	}
	if err := os.WriteFile(path, old, 0o644); err != nil {
		return nil, err
	}
	d, err := verifyTable(ctx, out, c)
	if d != nil || err != nil {
		os.WriteFile(path, b, 0o644) // compared below as rerun
	}
	return d, err
}

// reportBuiltAsRecorded compares report.md of the rerun at out with its
// checksum c in the folder's manifest m, with the rerun's header naming
// the borderwork that wrote the folder (BuiltBy(m)) rather than this one
// (BuiltBy(rerun)): a binary built from another revision writes the same
// report otherwise, and the build warnings already say which. The
// rerun's report.md is left so rewritten (compared below as rerun).
func reportBuiltAsRecorded(ctx context.Context, out string, c output.Checked, m, rerun *output.Manifest) (*output.Difference, error) {
	path := filepath.Join(out, filepath.FromSlash(c.File))
	b, err := os.ReadFile(path)
	was, is := runs.BuiltBy(m), runs.BuiltBy(rerun)
	if err != nil || was == is || !bytes.Contains(b, []byte(is)) {
		return verifyTable(ctx, out, c)
	}
	if err := os.WriteFile(path, bytes.ReplaceAll(b, []byte(is), []byte(was)), 0o644); err != nil {
		return nil, err
	}
	return verifyTable(ctx, out, c)
}

// recordedFields compares what manifest m records of the command that
// wrote the folder with what the rerun of its command line and scenario
// records (rerun): a field edited by hand (days, seed) would otherwise
// go unnoticed, since the rerun takes them from the command line and
// scenario. One problem per field that differs, naming it.
func recordedFields(m, rerun *output.Manifest) []string {
	fields := []struct {
		name      string
		got, want any
	}{
		{"command", m.Command, rerun.Command},
		{"command_line", m.CommandLine, rerun.CommandLine},
		{"scenario", m.Scenario, rerun.Scenario},
		{"scenario_arg", m.ScenarioArg, rerun.ScenarioArg},
		{"scenario_source", m.ScenarioSource, rerun.ScenarioSource},
		{"sets", m.Sets, rerun.Sets},
		{"seed", m.Seed, rerun.Seed},
		{"days", m.Days, rerun.Days},
		{"reps", m.Reps, rerun.Reps},
		{"regimes", m.Regimes, rerun.Regimes},
		{"events", m.Events, rerun.Events},
		{"sweep", m.Sweep, rerun.Sweep},
		{"claim", m.Claim, rerun.Claim},
		{"programme", m.Programme, rerun.Programme},
		{"sensitivity", m.Sensitivity, rerun.Sensitivity},
		{"validate", m.Validate, rerun.Validate},
		{"runs", m.Runs, rerun.Runs},
	}
	var problems []string
	// A plan's runs are its reps, which the rerun takes from the manifest
	// (a claim may run more than asked): the command line says how many.
	if runs.RepsRun(m.Command) {
		if asked, ok := flagValue(m.CommandLine, "--reps"); ok && asked != strconv.Itoa(m.Reps) {
			problems = append(problems, fmt.Sprintf("manifest.json: reps is %d, but the command line it records gives %s", m.Reps, asked))
		}
	}
	for _, f := range fields {
		got, err1 := json.Marshal(f.got)
		want, err2 := json.Marshal(f.want)
		if err1 != nil || err2 != nil || bytes.Equal(got, want) {
			continue
		}
		// The same arguments quoted otherwise (an earlier borderwork
		// quoted in double quotes) are the same command.
		if f.name == "command_line" && SameCommandLine(m.CommandLine, rerun.CommandLine) {
			continue
		}
		// What this binary only writes differently (an older borderwork
		// wrote the folder) is said as such, not as a contradiction.
		if f.name == "command_line" {
			if msg, ok := commandLineWrittenDifferently(m.CommandLine, rerun.CommandLine); ok {
				problems = append(problems, msg)
				continue
			}
			// Said as plot says it: the flag and the field, where they
			// can be named, or else both command lines.
			why := commandLineDisagreement(m)
			if why == "" {
				why = fieldsGive(rerun.CommandLine, m.CommandLine)
			}
			problems = append(problems, "manifest.json: "+commandLineDisagrees+": "+why)
			continue
		}
		if msg, ok := rangesWrittenDifferently(f.name, got, want); ok {
			problems = append(problems, msg)
			continue
		}
		if msg, ok := sectionWrittenDifferently(f.name, got, want); ok {
			problems = append(problems, msg)
			continue
		}
		msg := "manifest.json: " + f.name + " does not agree with the command line and scenario it records"
		if len(got)+len(want) <= 160 {
			msg = fmt.Sprintf("manifest.json: %s is %s, but the command line and scenario it records give %s", f.name, got, want)
		}
		problems = append(problems, msg)
	}
	return problems
}

// commandLineWrittenDifferently says how the command line a folder
// records (recorded) differs from the one this binary writes for the same
// command (rerun), when the only difference is flags one of them has and
// the other lacks, everything else in the same order: this binary writes
// the command line differently from the borderwork that wrote the folder
// (it adds a flag, say, whose value is the old default). false: a value
// or an order differs.
func commandLineWrittenDifferently(recorded, rerun string) (string, bool) {
	a, b := argGroups(recorded), argGroups(rerun)
	if extra, ok := subsequenceExtra(a, b); ok && len(extra) > 0 {
		return fmt.Sprintf("manifest.json: command_line lacks %s, which this binary writes for the same command: the borderwork that wrote the folder wrote its command line without %s", strings.Join(extra, " "), them(len(extra))), true
	}
	if extra, ok := subsequenceExtra(b, a); ok && len(extra) > 0 {
		return fmt.Sprintf("manifest.json: command_line has %s, which this binary does not write for the same command: the borderwork that wrote the folder wrote its command line with %s", strings.Join(extra, " "), them(len(extra))), true
	}
	return "", false
}

func them(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

// argGroups splits a command line into its words before the first flag,
// one each, and its flags, each with the values that follow it, each
// word quoted as runs.ShellJoin quotes it, however the command line did.
func argGroups(commandLine string) []string {
	var groups []string
	for _, w := range ShellWords(commandLine) {
		w = runs.ShellQuote(w)
		if len(groups) > 0 && !strings.HasPrefix(w, "--") && strings.HasPrefix(groups[len(groups)-1], "--") {
			groups[len(groups)-1] += " " + w
			continue
		}
		groups = append(groups, w)
	}
	return groups
}

// subsequenceExtra reports whether a is b with some of its elements left
// out, and which, in b's order.
func subsequenceExtra(a, b []string) ([]string, bool) {
	var extra []string
	i := 0
	for _, g := range b {
		if i < len(a) && a[i] == g {
			i++
			continue
		}
		extra = append(extra, g)
	}
	return extra, i == len(a)
}

// sectionWrittenDifferently says how a manifest's object field name
// (got, as JSON) differs from the rerun's (want), when the only
// difference is keys the rerun records and the folder lacks, or the
// reverse, the others equal: this binary records the section
// differently. false otherwise.
func sectionWrittenDifferently(name string, got, want []byte) (string, bool) {
	var a, b map[string]json.RawMessage
	if json.Unmarshal(got, &a) != nil || json.Unmarshal(want, &b) != nil || a == nil || b == nil {
		return "", false
	}
	onlyIn := func(x, y map[string]json.RawMessage) []string {
		var keys []string
		for k := range x {
			if _, ok := y[k]; !ok {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys) // map order must not reach the message
		return keys
	}
	for k, v := range a {
		if w, ok := b[k]; ok && !sameJSON(v, w) {
			return "", false
		}
	}
	added, dropped := onlyIn(b, a), onlyIn(a, b)
	switch {
	case len(added) > 0 && len(dropped) == 0:
		return fmt.Sprintf("manifest.json: %s lacks %s, which this binary records: the borderwork that wrote the folder did not record %s", name, output.JoinAnd(added), them(len(added))), true
	case len(dropped) > 0 && len(added) == 0:
		return fmt.Sprintf("manifest.json: %s has %s, which this binary does not record: the borderwork that wrote the folder recorded %s", name, output.JoinAnd(dropped), them(len(dropped))), true
	}
	return "", false
}

// rangesWrittenDifferently says how a claim section (got, as JSON)
// differs from the rerun's (want) when the only difference is
// robustness's assumptions (their ranges, lo and hi, or which keys are
// drawn), and so its points, drawn over them: the borderwork that wrote
// the folder had other --robustness ranges (2026-12-03 changed
// oversight's) or assumptions (2026-12-06 added centres' staff's abuse),
// which the folder's tables were run with. false otherwise.
func rangesWrittenDifferently(name string, got, want []byte) (string, bool) {
	if name != "claim" {
		return "", false
	}
	decode := func(b []byte) (map[string]any, bool) {
		var m map[string]any
		d := json.NewDecoder(bytes.NewReader(b))
		d.UseNumber()
		return m, d.Decode(&m) == nil && m != nil
	}
	a, ok1 := decode(got)
	b, ok2 := decode(want)
	if !ok1 || !ok2 {
		return "", false
	}
	ra, ok1 := a["robustness"].(map[string]any)
	rb, ok2 := b["robustness"].(map[string]any)
	if !ok1 || !ok2 {
		return "", false
	}
	// The assumptions, by key, in the order each borderwork drew them.
	byKey := func(list any) ([]string, map[string]map[string]any, bool) {
		items, ok := list.([]any)
		if !ok {
			return nil, nil, false
		}
		var keys []string
		m := map[string]map[string]any{}
		for _, it := range items {
			x, ok := it.(map[string]any)
			k, ok2 := x["key"].(string)
			if !ok || !ok2 || m[k] != nil {
				return nil, nil, false
			}
			keys, m[k] = append(keys, k), x
		}
		return keys, m, true
	}
	ka, xa, ok1 := byKey(ra["assumptions"])
	kb, xb, ok2 := byKey(rb["assumptions"])
	if !ok1 || !ok2 {
		return "", false
	}
	var ranges, added, dropped []string
	for _, k := range ka {
		x, y := xa[k], xb[k]
		if y == nil {
			dropped = append(dropped, k)
			continue
		}
		if fmt.Sprint(x["lo"], x["hi"], x["log_uniform"]) != fmt.Sprint(y["lo"], y["hi"], y["log_uniform"]) {
			then, now := assumptionRange(x), assumptionRange(y)
			if (x["log_uniform"] == true) != (y["log_uniform"] == true) { // the same range, drawn otherwise
				if x["log_uniform"] == true {
					now += " (uniform)"
				} else {
					then += " (uniform)"
				}
			}
			ranges = append(ranges, fmt.Sprintf("%v %s then, %s now", k, then, now))
		}
		x, y = maps.Clone(x), maps.Clone(y)
		for _, f := range []string{"lo", "hi", "log_uniform"} {
			delete(x, f)
			delete(y, f)
		}
		if !reflect.DeepEqual(x, y) {
			return "", false
		}
	}
	for _, k := range kb {
		if xa[k] == nil {
			r := assumptionRange(xb[k])
			if before, ok := strings.CutSuffix(r, " (log-uniform)"); ok { // no parentheses in parentheses
				r = before + "; log-uniform"
			}
			added = append(added, fmt.Sprintf("%s (%s)", k, r))
		}
	}
	if len(ranges)+len(added)+len(dropped) == 0 {
		return "", false
	}
	// The rest of the section is the same, but for the points drawn
	// over the assumptions.
	a, b = maps.Clone(a), maps.Clone(b)
	ra, rb = maps.Clone(ra), maps.Clone(rb)
	for _, k := range []string{"assumptions", "points"} {
		delete(ra, k)
		delete(rb, k)
	}
	a["robustness"], b["robustness"] = ra, rb
	if !reflect.DeepEqual(a, b) {
		return "", false
	}
	var said []string
	if len(ranges) > 0 {
		said = append(said, "whose --robustness ranges differed: "+strings.Join(ranges, "; "))
	}
	if len(added) > 0 {
		said = append(said, "that did not vary "+output.JoinAnd(added)+", which this one varies")
	}
	if len(dropped) > 0 {
		said = append(said, "that varied "+output.JoinAnd(dropped)+", which this one does not")
	}
	return "manifest.json: claim.robustness.assumptions: written by a borderwork " + strings.Join(said, ", and ") + "; the points are drawn over the assumptions, so the robustness tables and figures differ", true
}

// assumptionRange is a robustness assumption's range as a manifest
// records it, in words that say what the values do to its key: "0 to
// 0.65" for a value that replaces the key's, "multiplied by 0.5 to 2"
// for one that multiplies the scenario's (a price of 0.5 to 2 would
// mislead), "log-odds shifted by -1.5 to 1.5" for the papers' shift;
// and "(log-uniform)" after one drawn evenly over its logarithms.
func assumptionRange(a map[string]any) string {
	r := fmt.Sprintf("%v to %v", a["lo"], a["hi"])
	switch {
	case a["scale"] == true:
		r = "multiplied by " + r
	case a["log_odds_shift"] == true:
		r = "log-odds shifted by " + r
	}
	if a["log_uniform"] == true {
		r += " (log-uniform)"
	}
	return r
}

// sameJSON reports whether two JSON values are the same value.
func sameJSON(a, b json.RawMessage) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	p, err1 := json.Marshal(x)
	q, err2 := json.Marshal(y)
	return err1 == nil && err2 == nil && bytes.Equal(p, q)
}

// buildWarnings compares the build that wrote a folder (its manifest m)
// with the running one, b.
func buildWarnings(m *output.Manifest, b output.Build) []string {
	var w []string
	folderUnknown := m.Commit == "" || m.Commit == "unknown"
	switch {
	case folderUnknown && b.Revision == "unknown":
		// One warning, not the same note twice: neither side can be
		// checked out, so nothing says the code is the same.
		w = append(w, "the folder does not record which source revision wrote it, and this binary does not know its own ("+b.Note+"); a rerun by other code may differ")
	case folderUnknown:
		note := m.BuildNote
		if note == "" {
			note = "it was built without version-control information"
		}
		w = append(w, "the folder does not record which source revision wrote it ("+note+"); a rerun by other code may differ")
	case m.Dirty != nil && *m.Dirty:
		w = append(w, "the folder was written by a binary built from modified sources (revision "+m.Commit+" plus uncommitted changes); that code cannot be checked out again")
	case m.Dirty == nil:
		w = append(w, "the folder does not record whether the sources of revision "+m.Commit+" were modified")
	}
	switch {
	case b.Revision == "unknown" && folderUnknown: // said above
	case b.Revision == "unknown":
		w = append(w, "this binary does not know its own source revision ("+b.Note+")")
	case m.Commit != "" && m.Commit != "unknown" && b.Revision != m.Commit:
		w = append(w, "the folder was written by revision "+m.Commit+"; this binary is revision "+b.Revision)
	case b.Dirty != nil && *b.Dirty:
		w = append(w, "this binary was built from modified sources")
	}
	if m.Version != output.Version {
		w = append(w, "the folder was written by borderwork "+m.Version+"; this is "+output.Version)
	}
	if m.GoVersion != "" && m.GoVersion != runtime.Version() {
		// The same revision built with another Go: its standard
		// library compresses the PNG and PDF figures, which can
		// change between its versions.
		w = append(w, "the folder was written by a binary built with "+m.GoVersion+"; this one was built with "+runtime.Version()+", whose libraries may write a figure's bytes differently")
	}
	if v := runs.FolderModelVersion(m); v != sim.ModelVersion {
		w = append(w, modelVersionWarning(v))
	}
	return w
}

// modelVersionWarning is reproduce's warning, before the rerun, of a
// folder of model version v, not this engine's.
func modelVersionWarning(v int) string {
	return fmt.Sprintf("the folder holds the results of model version %d; this binary's engine is model version %d, whose results differ (sim.ModelVersion)", v, sim.ModelVersion)
}

// ReproducedAnotherModelVersion replaces modelVersionWarning when every
// file of a folder of model version v reproduced all the same (a
// scenario the versions' changes do not touch, or a model_version edited
// by hand): "whose results differ" then contradicted the OK line.
func ReproducedAnotherModelVersion(v int) string {
	return fmt.Sprintf("the folder records model version %d; this binary's engine is model version %d, and reproduced every file of it byte for byte all the same", v, sim.ModelVersion)
}

// figureFormats are the formats of the figures a manifest lists, in the
// order of the first figure's files.
func figureFormats(m *output.Manifest) []string {
	var formats []string
	for _, c := range m.Figures {
		f := strings.TrimPrefix(path.Ext(c.File), ".")
		if !slices.Contains(formats, f) {
			formats = append(formats, f)
		}
	}
	return formats
}

// flagValue is the value of flag in a command line as CommandLine writes
// it (the flag, then its value, separated by a space), unquoted.
func flagValue(commandLine, flag string) (string, bool) {
	args := ShellWords(commandLine)
	for i := 0; i+1 < len(args); i++ {
		if args[i] == flag {
			return args[i+1], true
		}
	}
	return "", false
}
