// Package validation writes the folders of `borderwork validate`, whose
// data is a Flee case (package flee) or flow counts (package dtm), and
// registers their kind (experiment.Kind), so that `plot` draws their
// figures again from their tables and `reproduce` reruns them from their
// manifest and the data folder it records.
package validation

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/borderwork/borderwork/data"
	"github.com/borderwork/borderwork/dtm"
	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/flee"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/sim"
)

// The kinds of data a validation compares with (Info.DataKind).
const (
	FleeCase   = "flee"  // a Flee case folder (input_csv/, ...)
	FlowCounts = "flows" // a folder of flow counts (flows.csv)
)

// Info is a validate folder's own section of its manifest (validate):
// what reproduce reruns it from, besides the fields every manifest has.
type Info struct {
	// Data is the data folder, as --data gave it (relative to the folder
	// validate was run in, if relative).
	Data     string `json:"data"`
	DataKind string `json:"data_kind"` // FleeCase or FlowCounts
	// DataFiles are the files the data folder held, with their
	// checksums: a rerun from data changed since is refused.
	DataFiles []DataFile `json:"data_files"`
	Regime    string     `json:"regime"` // the regime run (a Flee case) or that followed the change (flow counts)
	// With flow counts: --draws, --accept, and --mmp with its checksum.
	Draws     int    `json:"draws,omitempty"`
	Accept    int    `json:"accept,omitempty"`
	MMP       string `json:"mmp,omitempty"`
	MMPSHA256 string `json:"mmp_sha256,omitempty"`
	// With a Flee case compared over fewer days than its period: the
	// period (sim_period.csv's Length), which the report names.
	CaseDays int `json:"case_days,omitempty"`
}

// DataFile is one file of a data folder, relative to it, with its
// checksum.
type DataFile struct {
	File   string `json:"file"`
	SHA256 string `json:"sha256"`
}

// DataFiles are the regular files under the data folder dir, in
// lexical order, with their checksums. Hidden files and folders (named
// from a dot: .DS_Store, .git) and the files Office and Windows keep
// beside a user's (notData), which no reader of data reads, are left
// out, so that a file manager's, an editor's or version control's do
// not count as a change of the data; so are borderwork's own output folders (a
// subfolder holding a manifest.json, as `validate --data .` writes by
// default), which are results, not data. Symbolic links are followed, as
// the readers of data follow them: a data folder shared through a link,
// or git-annex's and DVC's linked files, are checked by what they hold.
func DataFiles(ctx context.Context, dir string) ([]DataFile, error) {
	var files []DataFile
	walked := map[string]string{} // real path: the path it was walked by
	var walk func(path, rel string) error
	walk = func(path, rel string) error {
		if ctx.Err() != nil {
			return fmt.Errorf("%w while reading the data folder %s", runs.ErrInterrupted, dir)
		}
		real, err := filepath.EvalSymlinks(path)
		if err != nil {
			return err
		}
		// Each folder once: a link back up the tree would walk forever,
		// and links to one folder from many places would count its files
		// many times over.
		if by, ok := walked[real]; ok {
			return fmt.Errorf("%s: a symbolic link leads to a folder already read as %s; a data folder holds each of its files once", path, by)
		}
		walked[real] = path
		entries, err := os.ReadDir(path)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if notData(e.Name()) {
				continue
			}
			p, r := filepath.Join(path, e.Name()), e.Name()
			if rel != "" {
				r = rel + "/" + r
			}
			st, err := os.Stat(p) // through a link
			if err != nil {
				if to, lerr := os.Readlink(p); lerr == nil {
					return fmt.Errorf("%s: a symbolic link to %s, which is not there", p, to)
				}
				return err
			}
			switch {
			case st.IsDir():
				if isOutputFolder(p) {
					continue
				}
				if err := walk(p, r); err != nil {
					return err
				}
			case st.Mode().IsRegular():
				if ctx.Err() != nil {
					return fmt.Errorf("%w while reading the data folder %s", runs.ErrInterrupted, dir)
				}
				sum, err := output.FileSHA256(p)
				if err != nil {
					return err
				}
				files = append(files, DataFile{File: r, SHA256: sum})
			}
		}
		return nil
	}
	return files, walk(dir, "")
}

// notData reports whether a file or folder called name is none of the
// data: hidden (named from a dot), an owner file that Microsoft Office
// keeps beside a file while it is open (~$flows.csv, gone when Excel
// closes it: recorded, it made the folder unreproducible, "~$flows.csv
// is no longer there"), or Windows Explorer's Thumbs.db and desktop.ini.
func notData(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~$") ||
		strings.EqualFold(name, "Thumbs.db") || strings.EqualFold(name, "desktop.ini")
}

// isOutputFolder says whether the folder at dir is one borderwork wrote:
// it holds a manifest.json, a regular file (a pipe of that name would
// block the reading of it) that reads as one.
func isOutputFolder(dir string) bool {
	if !isRegular(filepath.Join(dir, "manifest.json")) {
		return false
	}
	_, err := output.ReadManifest(dir)
	return err == nil
}

// CheckOut checks that a validation against the data folder data may be
// written at out: not the data folder itself, and not a folder inside it
// that holds files of its own (data, a user's), with which the results
// would mix, and which DataFiles would then leave out as an output
// folder's. A new or empty folder inside the data, or one borderwork
// wrote, will do: DataFiles leaves it out.
func CheckOut(out, data string) error {
	st, err := os.Stat(out)
	if err != nil {
		return nil // nothing there yet
	}
	if d, err := os.Stat(data); err == nil && os.SameFile(st, d) {
		return fmt.Errorf("%s is the data folder --data %s: write the results elsewhere (a new subfolder of it will do)", out, data)
	}
	realOut, err1 := filepath.EvalSymlinks(out)
	realData, err2 := filepath.EvalSymlinks(data)
	if err1 != nil || err2 != nil || !st.IsDir() || isOutputFolder(out) {
		return nil
	}
	if !under(realOut, realData) {
		return nil // not inside the data
	}
	if entries, err := os.ReadDir(out); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is a folder of the data folder %s holding files borderwork did not write: the results would mix with the data; write them elsewhere (a new subfolder will do)", out, data)
	}
	return nil
}

// under says whether path is the folder dir or lies below it, both
// paths with their links resolved.
func under(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// InDataFolder says whether a file to be written at path (which need not
// exist yet: its folder is resolved, its name kept) lies in the data
// folder data or below it, as CheckOut tells a folder of the data; false
// when either folder cannot be resolved.
func InDataFolder(path, data string) bool {
	realDir, err1 := filepath.EvalSymlinks(filepath.Dir(path))
	realData, err2 := filepath.EvalSymlinks(data)
	return err1 == nil && err2 == nil && under(filepath.Join(realDir, filepath.Base(path)), realData)
}

// isRegular says whether path is a regular file, through a link.
func isRegular(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}

// NewInfo is the section of a validation against the data folder dir.
func NewInfo(ctx context.Context, dir, regime string) (*Info, error) {
	files, err := DataFiles(ctx, dir)
	if err != nil {
		return nil, err
	}
	return &Info{Data: dir, DataKind: NewKind(dir), DataFiles: files, Regime: regime}, nil
}

// NewKind is the kind of data the folder at dir holds: flow counts if it
// has a flows.csv, else a Flee case.
func NewKind(dir string) string {
	if isRegular(filepath.Join(dir, "flows.csv")) {
		return FlowCounts
	}
	return FleeCase
}

// kindTables is the table a validation against each kind of data writes.
var kindTables = map[string]string{FleeCase: "validation.csv", FlowCounts: "rows.csv"}

var kindNames = map[string]string{FleeCase: "a Flee case (no flows.csv)", FlowCounts: "flow counts (flows.csv)"}

// ReadInfo reads the validate section of the manifest m of the folder
// at dir. A folder written before validate recorded it has none: it is
// refused, saying what it lacks and how to write one that has it.
func ReadInfo(dir string, m *output.Manifest) (*Info, error) {
	if len(m.Validate) == 0 {
		return nil, runs.BadInput("%s has no validate section (the data folder and the checksums of its files, with --draws, --accept and --mmp): the borderwork that wrote %s did not record them, and a validation is rerun only from the data it ran on; to write a folder that records them, run it again: %s %s",
			filepath.Join(dir, "manifest.json"), dir, experiment.RerunCommandLine(m), runs.ShellJoin([]string{"--out", dir}))
	}
	manifest := filepath.Join(dir, "manifest.json")
	if string(m.Validate) == "null" {
		return nil, runs.BadInput("%s: validate is null, not the section validate writes (the data folder and the checksums of its files)", manifest)
	}
	in, err := experiment.ReadSection[Info](m.Validate, "validate")
	if err != nil {
		return nil, runs.BadInput("%s: %v", manifest, err)
	}
	bad := func(format string, args ...any) (*Info, error) {
		return nil, runs.BadInput("%s: %s", manifest, fmt.Sprintf(format, args...))
	}
	// What validate itself refuses, a manifest may not ask for either: a
	// rerun would run what no validation ran.
	switch {
	case in.DataKind != FleeCase && in.DataKind != FlowCounts:
		return bad("validate.data_kind is %q; want %s or %s", in.DataKind, FleeCase, FlowCounts)
	case !slices.ContainsFunc(m.Tables, func(c output.Checked) bool { return c.File == kindTables[in.DataKind] }):
		return bad("validate.data_kind is %q, but the folder's tables do not include %s", in.DataKind, kindTables[in.DataKind])
	case in.Data == "":
		return bad("validate.data is empty; it names the data folder the validation ran on")
	case in.MMP != "" && in.MMPSHA256 == "":
		return bad("validate.mmp names %s, but validate.mmp_sha256 is empty: there is no checksum to check it against", in.MMP)
	case in.DataKind == FleeCase && (in.Draws != 0 || in.Accept != 0 || in.MMP != ""):
		return bad("validate.draws, validate.accept and validate.mmp are for flow counts, but validate.data_kind is %s", FleeCase)
	case in.DataKind == FlowCounts && (in.Draws < MinDraws || in.Draws > MaxDraws):
		return bad("validate.draws is %d; validate takes %d..%d", in.Draws, MinDraws, MaxDraws)
	case in.DataKind == FlowCounts && (in.Accept < 1 || in.Accept > in.Draws):
		return bad("validate.accept is %d; validate takes 1..validate.draws (%d)", in.Accept, in.Draws)
	case m.Reps < 1 || m.Reps > runs.MaxReps:
		return bad("reps is %d; validate takes 1..%d replicates", m.Reps, runs.MaxReps)
	}
	seen := map[string]bool{}
	for _, f := range in.DataFiles {
		if seen[f.File] {
			return bad("validate.data_files lists %s twice", f.File)
		}
		seen[f.File] = true
	}
	return in, nil
}

// The range validate takes for --draws with flow counts (--accept is
// 1..--draws); a manifest recording another is refused.
const (
	MinDraws = 2
	MaxDraws = 1_000_000
)

// CheckData checks that the data folder the folder at dir (whose
// manifest is m) records is where it was, of the kind recorded, and holds
// the same files, unchanged, as does the MMP export it names: a rerun
// from other data would not be a reproduction.
// Each problem names the file and the manifest's key; errors wrap
// runs.ErrBadInput.
func (in *Info) CheckData(ctx context.Context, dir string, m *output.Manifest) error {
	manifest := filepath.Join(dir, "manifest.json")
	switch st, err := os.Stat(in.Data); {
	case err != nil:
		return runs.BadInput("%s: validate.data: the data folder %s, which %s was validated against, is not there (a relative path is taken from the current folder): it was moved or removed; run reproduce from the folder validate was run in, or put the data back", manifest, in.Data, dir)
	case !st.IsDir():
		return runs.BadInput("%s: validate.data: %s is a file, not the data folder %s was validated against", manifest, in.Data, dir)
	}
	if len(in.DataFiles) == 0 {
		return runs.BadInput("%s: validate.data_files lists no files, so nothing says the data folder %s is as it was (a borderwork that did not follow symbolic links recorded none for a linked folder); to write a folder that records them, run the validation again: %s", manifest, in.Data, experiment.RerunCommandLine(m))
	}
	files, err := DataFiles(ctx, in.Data)
	if errors.Is(err, runs.ErrInterrupted) {
		return err
	}
	if err != nil {
		return runs.BadInput("%s: validate.data: %v", manifest, err)
	}
	if kind := NewKind(in.Data); kind != in.DataKind {
		return runs.BadInput("%s: validate.data_kind is %q, but the data folder %s holds %s", manifest, in.DataKind, in.Data, kindNames[kind])
	}
	var problems []string
	now := map[string]string{}
	for _, f := range files {
		now[f.File] = f.SHA256
	}
	for _, f := range in.DataFiles {
		if slices.ContainsFunc(strings.Split(f.File, "/"), notData) {
			continue // recorded before such files were left out
		}
		p := filepath.Join(in.Data, filepath.FromSlash(f.File))
		switch sum, ok := now[f.File]; {
		case !ok && isRegular(p):
			problems = append(problems, p+" is now in a folder borderwork wrote (one holding a manifest.json), whose files are results, not data")
		case !ok:
			problems = append(problems, p+" is no longer there")
		case sum != f.SHA256:
			problems = append(problems, p+" has changed (its SHA-256 is not the one recorded)")
		}
		delete(now, f.File)
	}
	var added []string
	for f := range now {
		added = append(added, f)
	}
	slices.Sort(added)
	for _, f := range added {
		problems = append(problems, filepath.Join(in.Data, filepath.FromSlash(f))+" was not in the data folder then")
	}
	if len(problems) > 0 {
		return runs.BadInput("%s: validate.data_files: the data folder %s is not as it was when %s was written: %s; a rerun would not be from the same data: restore it, or run the validation again", manifest, in.Data, dir, strings.Join(problems, "; "))
	}
	if in.MMP != "" {
		if st, err := os.Stat(in.MMP); err == nil && !st.Mode().IsRegular() {
			return runs.BadInput("%s: validate.mmp: %s is not a file; validate read the Missing Migrants Project export from a file", manifest, in.MMP)
		}
		sum, err := output.FileSHA256(in.MMP)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return runs.BadInput("%s: validate.mmp: the Missing Migrants Project export %s is not there (a relative path is taken from the current folder): it was moved or removed; run reproduce from the folder validate was run in, or put it back", manifest, in.MMP)
		case err != nil:
			return runs.BadInput("%s: validate.mmp: %v", manifest, err)
		case sum != in.MMPSHA256:
			return runs.BadInput("%s: validate.mmp_sha256: the Missing Migrants Project export %s has changed since %s was written (its SHA-256 is not the one recorded); a rerun would not be from the same data", manifest, in.MMP, dir)
		}
	}
	return nil
}

// regimeOf is the regime a validate folder ran (a Flee case) or that
// followed the change (flow counts): its section's, or, in a folder
// written before validate recorded one, its command line's --regime.
func regimeOf(dir string, m *output.Manifest) (string, error) {
	if len(m.Validate) > 0 {
		in, err := ReadInfo(dir, m)
		if err != nil {
			return "", err
		}
		return in.Regime, nil
	}
	words := experiment.ShellWords(m.CommandLine)
	if i := slices.Index(words, "--regime"); i >= 0 && i+1 < len(words) {
		return words[i+1], nil
	}
	return "", runs.BadInput("%s: command_line gives no --regime, and there is no validate section to say which regime followed the change", filepath.Join(dir, "manifest.json"))
}

// flowsSource is what a flow figure's caption names as its data: the
// data folder's own name (folderName), with the series' name where its
// flows.csv is the bundled one (data.FlowsName), by checksum, so that a
// figure of other counts is not credited to IOM DTM Niger. A folder
// written before the validate section was recorded gives the folder its
// command line names.
func flowsSource(dir string, m *output.Manifest) (string, error) {
	if len(m.Validate) == 0 {
		words := experiment.ShellWords(m.CommandLine)
		if i := slices.Index(words, "--data"); i >= 0 && i+1 < len(words) {
			return inFolder("flows.csv", words[i+1]), nil
		}
		return "", nil
	}
	in, err := ReadInfo(dir, m)
	if err != nil {
		return "", err
	}
	bundled := output.SHA256(data.FlowsCSV())
	if slices.ContainsFunc(in.DataFiles, func(f DataFile) bool { return f.File == "flows.csv" && f.SHA256 == bundled }) {
		if name := folderName(in.Data); name != "" {
			return data.FlowsName + " (" + name + ")", nil
		}
		return data.FlowsName, nil
	}
	return inFolder("flows.csv", in.Data), nil
}

// inFolder is "file in" the data folder's name, or file alone where
// the folder has none to give.
func inFolder(file, folder string) string {
	if name := folderName(folder); name != "" {
		return file + " in " + name
	}
	return file
}

// folderName is the last element of the data folder's path, as a
// figure names it: the path as given (/home/someone/...) is the
// author's own, not to be printed in a published figure; the manifest
// records it, with the files' checksums. "" for a path that names no
// folder by itself (".", "..", "/").
func folderName(path string) string {
	name := filepath.Base(filepath.Clean(path))
	if name == "." || name == ".." || name == string(filepath.Separator) {
		return ""
	}
	return name
}

// Figures is the figure registry of validate folders: a Flee case's
// (flee.Figures, from validation.csv), then the flow figures (from
// rows.csv, monthly.csv and posterior.csv). Each draws nothing in a
// folder without its tables.
var Figures = append(slices.Clone(flee.Figures), experiment.Figure{
	Name:  "flows-DIRECTION",
	Title: "the people counted in each direction (outgoing, incoming) at the flow monitoring points, per day: DTM's counts beside the model's prediction and the baseline",
	Draw:  drawFlows,
})

func drawFlows(src experiment.Source) ([]experiment.Drawn, error) {
	if _, err := os.Stat(filepath.Join(src.Dir, "rows.csv")); err != nil {
		return nil, nil
	}
	s, err := src.Resolved()
	if err != nil {
		return nil, err
	}
	regime, err := regimeOf(src.Dir, src.Manifest)
	if err != nil {
		return nil, err
	}
	fd, err := dtm.ReadFlowData(src.Dir, src.Manifest, s, regime)
	if err != nil {
		return nil, err
	}
	if fd.Data, err = flowsSource(src.Dir, src.Manifest); err != nil {
		return nil, err
	}
	var drawn []experiment.Drawn
	for d := dtm.Outgoing; d < dtm.NumDirections; d++ {
		fig, err := fd.Figure(d)
		if err != nil {
			return nil, err
		}
		drawn = append(drawn, experiment.Drawn{Name: dtm.FigureNames[d], Title: fmt.Sprintf("People counted %s at the flow monitoring points, per day", d), Fig: fig})
	}
	return drawn, nil
}

func init() {
	experiment.Register(experiment.Kind{
		Command:  "validate",
		Figures:  Figures,
		Rerun:    rerun,
		Retables: retables,
		// A Flee case's report.md (flow counts' is one of their tables).
		Rereport: func(ctx context.Context, dir string, m *output.Manifest, drawn []experiment.Drawn) ([]byte, error) {
			return FleeReport(dir, m, drawn)
		},
		Recorded:  recorded,
		DrawsFrom: []string{"validation.csv", "rows.csv"},
	})
}

// recorded is a validate folder's Recorded: its validate section, if it
// has one, must give what its command line gives (--data, --regime,
// --draws, --accept, --mmp) and the kind of data its tables are of, so
// that plot draws what the folder's command drew. An edited one is
// refused, naming the key.
func recorded(ctx context.Context, dir string, m *output.Manifest) error {
	if len(m.Validate) == 0 {
		return nil
	}
	in, err := ReadInfo(dir, m)
	if err != nil {
		return err
	}
	manifest := filepath.Join(dir, "manifest.json")
	words := experiment.ShellWords(experiment.BaseCommandLine(m.CommandLine))
	flag := func(name string) string {
		if i := slices.Index(words, name); i >= 0 && i+1 < len(words) {
			return words[i+1]
		}
		return ""
	}
	word := func(s string) string {
		if s == "" || s == "0" {
			return ""
		}
		return s
	}
	for _, c := range []struct{ key, flag, got string }{
		{"data", "--data", word(in.Data)},
		{"regime", "--regime", word(in.Regime)},
		{"draws", "--draws", word(fmt.Sprint(in.Draws))},
		{"accept", "--accept", word(fmt.Sprint(in.Accept))},
		{"mmp", "--mmp", word(in.MMP)},
	} {
		if want := flag(c.flag); want != c.got {
			return runs.BadInput("%s: validate.%s is %q, but command_line gives %s %q", manifest, c.key, c.got, c.flag, want)
		}
	}
	return nil
}

// retables is a validate folder's Retables: with flow counts, its
// report.md (one of its tables) with the figures' section showing the
// flow figures drawn and the command that draws them, as validate writes
// it with their formats.
func retables(ctx context.Context, dir string, m *output.Manifest, drawn []experiment.Drawn) (map[string][]byte, error) {
	if !slices.ContainsFunc(m.Tables, func(c output.Checked) bool { return c.File == "report.md" }) {
		return nil, nil
	}
	if _, err := os.Stat(filepath.Join(dir, "rows.csv")); err != nil {
		return nil, nil
	}
	s, err := experiment.LoadResolved(m, filepath.Join(dir, "scenario.toml"))
	if err != nil {
		return nil, err
	}
	regime, err := regimeOf(dir, m)
	if err != nil {
		return nil, err
	}
	fd, err := dtm.ReadFlowData(dir, m, s, regime)
	if err != nil {
		return nil, err
	}
	var formats []string
	if d, ok := experiment.FindDrawn(drawn, dtm.FigureNames[dtm.Outgoing]); ok {
		formats = d.Formats
	}
	old, err := os.ReadFile(filepath.Join(dir, "report.md"))
	if err != nil {
		return nil, err
	}
	report, ok := dtm.ReplaceFiguresSection(string(old), dtm.FiguresSection(fd.Regime, fd.Band, fd.Regimes, formats))
	if !ok {
		return nil, nil // not as this borderwork writes it: left as it is
	}
	// The command quoted is the one that draws these figures, as plot
	// records it, as validate with these formats quotes it.
	report = dtm.ReplaceCommand(report, m.CommandLine)
	return map[string][]byte{"report.md": []byte(report)}, nil
}

// FigureOptions are the figure options a validate folder records (o, as
// the flags give them, with the formats drawn; validate has no --bands,
// so its bands are the default, as in sensitivity folders). Its command
// line ends with the figure flags that differ from the defaults
// (runs.WithFigureArgs), so that it draws the same figures.
func FigureOptions(o *output.FigureOptions, formats []string) *output.FigureOptions {
	r := *o
	r.SetFormats(formats)
	return &r
}

// writeFolder writes the folder validate writes, whatever its data: the
// resolved scenario, the tables tables writes into the folder at dir,
// given the manifest as record completed it (it returns them relative to
// dir), the figures drawn from them (Figures)
// in formats, as o says, and the manifest, which record completes with
// what the validation ran (its command line, seed, days, replicates,
// regimes and runs), with in as its validate section. Then it swaps the
// folder into place, and returns how many figure files it holds, for the
// terminal's line that says what was written.
func writeFolder(ctx context.Context, folder *output.Folder, s *scenarios.Scenario, arg string, in *Info, o *output.FigureOptions, formats []string, tables func(dir string, m *output.Manifest) ([]string, error), record func(m *output.Manifest)) (int, error) {
	scenarioTOML, err := s.Encode()
	if err != nil {
		return 0, err
	}
	if err := output.WriteFile(folder.Path("scenario.toml"), scenarioTOML); err != nil {
		return 0, err
	}
	m := output.NewManifest("validate")
	m.ScenarioSHA256 = output.SHA256(scenarioTOML)
	m.ScenarioArg, m.ScenarioSource, m.Sets = arg, s.Source, s.Sets()
	if m.Sets == nil {
		m.Sets = []string{}
	}
	m.FigureOptions = o
	record(m)
	if m.Validate, err = json.Marshal(in); err != nil {
		return 0, err
	}
	ts, err := tables(folder.Dir, m)
	if err != nil {
		return 0, err
	}
	// The tables first: the figures read the manifest as plot reads it.
	if m.Tables, err = output.Check(folder.Dir, ts); err != nil {
		return 0, err
	}
	drawn, figs, err := experiment.DrawFiguresContext(ctx, folder.Dir, m, Figures, formats)
	if err != nil {
		return 0, err
	}
	if in.DataKind == FleeCase { // flow counts' report.md is one of their tables
		report, err := FleeReport(folder.Dir, m, drawn)
		if err != nil {
			return 0, err
		}
		if err := output.WriteReport(folder.Dir, m, report); err != nil {
			return 0, err
		}
	}
	if m.Figures, err = output.Check(folder.Dir, figs); err != nil {
		return 0, err
	}
	if m.Figures == nil {
		m.Figures = []output.Checked{}
	}
	m.Complete = true
	if err := m.Write(folder.Path("manifest.json")); err != nil {
		return 0, err
	}
	return len(m.Figures), folder.Commit()
}

// recordedArg is the scenario argument a validate folder's command line
// records for s, named arg: arg; or, where a library gives "", the
// bundled name or path s was loaded from (Scenario.Source), since
// validate has no default scenario and an empty scenario word is
// refused. A scenario parsed from text, which no command line names,
// needs arg: refused as bad input, before anything is written, as is an
// arg that names another bundled scenario than s (experiment.CheckArg).
func recordedArg(s *scenarios.Scenario, arg string) (string, error) {
	if arg != "" {
		return arg, experiment.CheckArg(s, arg)
	}
	if name, ok := strings.CutPrefix(s.Source, "bundled:"); ok {
		return name, nil
	}
	if scenarios.IsPath(s.Source) {
		return runs.ScenarioWord(s.Source), nil
	}
	return "", runs.BadInput("validation: arg is empty, but the scenario %s was read from %s, which no command line names; give as arg the path or bundled name that loads it, for the command line the folder records", s.File.Name, runs.ShellQuote(s.Source))
}

// WriteFlee writes the folder of v, a validation of the scenario s
// (named arg on the command line) against a Flee case, in, its figures
// drawn in formats as o says, and returns how many figure files it holds.
// arg "" records the bundled name or path s was loaded from; a scenario
// parsed from text needs arg, and an arg naming another bundled scenario
// than s is refused (bad input, nothing written).
func WriteFlee(ctx context.Context, folder *output.Folder, v *flee.Validation, s *scenarios.Scenario, o *output.FigureOptions, formats []string, arg string, in *Info) (int, error) {
	arg, err := recordedArg(s, arg)
	if err != nil {
		return 0, err
	}
	o = FigureOptions(o, formats)
	if v.Partial() {
		c := *in
		c.CaseDays = v.CaseDays
		in = &c
	}
	tables := func(dir string, _ *output.Manifest) ([]string, error) { return v.Write(dir) }
	return writeFolder(ctx, folder, s, arg, in, o, formats, tables, func(m *output.Manifest) {
		m.CommandLine = runs.WithFigureArgs(fmt.Sprintf("borderwork validate %s --data %s --regime %s --seed %d --days %d --reps %d", q(arg), q(in.Data), q(in.Regime), v.Seed, v.Days, v.Replicates), o)
		m.Scenario, m.Seed, m.Days, m.Reps, m.Regimes = v.Scenario, int64(v.Seed), v.Days, v.Replicates, []string{in.Regime}
		for r := range v.Replicates {
			m.Runs = append(m.Runs, output.RunInfo{ID: r, Regime: in.Regime, Replicate: r, Seed: sim.ReplicateSeed(v.Seed, r)})
		}
	})
}

// WriteFlows writes the folder of st, a validation of the scenario s
// (named arg on the command line) against flow counts, in, with reps
// replicates of each kept set and the MMP's incidents (nil: none given),
// with its report, its figures drawn in formats as o says, and returns how
// many figure files it holds. arg "" is as WriteFlee's.
func WriteFlows(ctx context.Context, folder *output.Folder, st *dtm.Study, s *scenarios.Scenario, o *output.FigureOptions, formats []string, arg string, in *Info, reps int, incidents []dtm.Incident) (int, error) {
	arg, err := recordedArg(s, arg)
	if err != nil {
		return 0, err
	}
	o = FigureOptions(o, formats)
	tables := func(to string, m *output.Manifest) ([]string, error) {
		tables, err := st.Write(to, incidents)
		if err != nil {
			return nil, err
		}
		report := func(w io.Writer) error { return st.Report(w, m, in.Data, formats, incidents) }
		if err := output.WriteFileWith(filepath.Join(to, "report.md"), report); err != nil {
			return nil, err
		}
		return append(tables, "report.md"), nil
	}
	return writeFolder(ctx, folder, s, arg, in, o, formats, tables, func(m *output.Manifest) {
		cl := fmt.Sprintf("borderwork validate %s --data %s --regime %s --seed %d --days %d --reps %d --draws %d --accept %d", q(arg), q(in.Data), q(in.Regime), st.Options.Seed, st.Days, reps, in.Draws, in.Accept)
		if in.MMP != "" {
			cl += " --mmp " + q(in.MMP)
		}
		m.CommandLine = runs.WithFigureArgs(cl, o)
		m.Scenario, m.Seed, m.Days, m.Reps, m.Regimes = st.Scenario, int64(st.Options.Seed), st.Days, reps, st.Prediction.Regimes
		k := 0
		for g, r := range st.Prediction.Regimes {
			for _, fw := range st.Prediction.Runs[g] {
				pt := st.Calibration.Points[st.Calibration.Accepted[fw.Draw]]
				m.Runs = append(m.Runs, output.RunInfo{ID: k, Regime: r, Replicate: fw.Rep, Seed: sim.ReplicateSeed(st.Options.Seed, fw.Rep), Params: pt})
				k++
			}
		}
	})
}

// q quotes a word of a command line as the shell needs it (a path with
// a space), as every command line borderwork records does.
func q(word string) string { return runs.ShellJoin([]string{word}) }

// ReadMMP reads the Missing Migrants Project export at path, keeping the
// incidents within scenario s's run (by month); none is an empty list,
// not nil.
func ReadMMP(path string, s *scenarios.Scenario) ([]dtm.Incident, error) {
	start, _ := s.Start()
	last := start.AddDate(0, 0, s.File.Days-1)
	incidents, err := dtm.ReadMMPFile(path, time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC), last)
	if err != nil {
		return nil, err
	}
	if incidents == nil {
		incidents = []dtm.Incident{}
	}
	return incidents, nil
}

// FlowOptions are the options of dtm.Run for a validation of s against
// flow counts: regime is the one that followed the change, run forward
// with the scenario's default regimes.
func FlowOptions(s *scenarios.Scenario, regime string, draws, accept, reps, workers int) dtm.Options {
	regimes := s.DefaultRegimes()
	if !slices.Contains(regimes, regime) {
		regimes = append([]string{regime}, regimes...)
	}
	return dtm.Options{Regime: regime, Regimes: regimes, Draws: draws, Accept: accept, Replicates: reps, Seed: uint64(s.File.Seed), Workers: workers, Exclude: dtm.NigerExclusions()}
}

// rerun is a validate folder's Rerun: the same validation, from the
// folder's scenario.toml and the data folder its manifest records, which
// must be as it was.
func rerun(ctx context.Context, m *output.Manifest, scenarioPath, out string, workers int, formats []string) error {
	dir := filepath.Dir(scenarioPath)
	in, err := ReadInfo(dir, m)
	if err != nil {
		return experiment.FolderError(err)
	}
	if err := in.CheckData(ctx, dir, m); err != nil {
		return experiment.FolderError(err)
	}
	s, err := experiment.LoadResolved(m, scenarioPath)
	if err != nil {
		return err
	}
	folder, err := output.Create(out, output.Owner{Command: "validate", Source: s.Source}, false)
	if err != nil {
		return err
	}
	defer folder.Discard()
	o := experiment.RecordedFigureOptions(m)
	if in.DataKind == FlowCounts {
		flows, err := data.ReadFlowsFile(filepath.Join(in.Data, "flows.csv"))
		if err != nil {
			return err
		}
		var incidents []dtm.Incident
		if in.MMP != "" {
			if incidents, err = ReadMMP(in.MMP, s); err != nil {
				return err
			}
		}
		st, err := dtm.Run(ctx, s, flows, FlowOptions(s, in.Regime, in.Draws, in.Accept, m.Reps, workers))
		if err != nil {
			return err
		}
		_, err = WriteFlows(ctx, folder, st, s, o, formats, m.ScenarioArg, in, m.Reps, incidents)
		return err
	}
	cs, err := flee.Read(in.Data)
	if err != nil {
		return err
	}
	v, err := flee.Validate(ctx, s, cs, flee.ValidateOptions{Regime: in.Regime, Replicates: s.File.Replicates, Seed: uint64(s.File.Seed), Workers: workers})
	if err != nil {
		return err
	}
	_, err = WriteFlee(ctx, folder, v, s, o, formats, m.ScenarioArg, in)
	return err
}
