package output

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	pathpkg "path"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/borderwork/borderwork/internal/infile"
	"github.com/borderwork/borderwork/sim"
)

// Version is borderwork's version.
const Version = "0.1.0"

// Commit is the source revision the binary was built from, when set with
// -ldflags "-X github.com/borderwork/borderwork/output.Commit=..."; else
// the build's version-control stamp is read (see ReadBuild).
var Commit = ""

// Modified says whether the sources the binary was built from differed
// from Commit: "true" or "false", when set with -ldflags "-X
// github.com/borderwork/borderwork/output.Modified=..." beside Commit
// (scripts/release.sh sets both, from git status); else, as the build's
// version-control stamp says when it is of the same revision, or unknown.
var Modified = ""

// Build is what is known of how the running binary was built.
type Build struct {
	// Module is the main module's version: a release tag, a pseudo-version
	// such as v0.0.0-20250101120000-abcdef012345+dirty, or "(devel)".
	Module string
	// Revision is the version-control revision, or "unknown".
	Revision string
	// Dirty is whether the sources differed from Revision (nil: unknown).
	Dirty *bool
	// Note says why the revision or its cleanliness is unknown; "" when
	// both are known.
	Note string
}

// ReadBuild reads the build information the Go toolchain stamped into the
// binary. go build stamps the revision and whether the tree was modified
// when it builds inside a git checkout; go run and go test do not, and
// neither does a build outside version control (or with -buildvcs=false).
func ReadBuild() Build {
	b := Build{Module: "unknown", Revision: "unknown"}
	info, ok := debug.ReadBuildInfo()
	if ok {
		if info.Main.Version != "" {
			b.Module = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				b.Revision = s.Value
			case "vcs.modified":
				dirty := s.Value == "true"
				b.Dirty = &dirty
			}
		}
	}
	if Commit != "" {
		if Commit != b.Revision {
			b.Dirty = nil
		}
		b.Revision = Commit
		if Modified == "true" || Modified == "false" {
			dirty := Modified == "true"
			b.Dirty = &dirty
		}
	}
	switch {
	case b.Revision == "unknown":
		b.Note = "built without version-control information, as by go run or go test, in a git worktree, outside a git checkout or with -buildvcs=false: the source revision is unknown"
	case b.Dirty == nil:
		b.Note = "the revision was set at link time; whether the sources were modified is unknown"
	}
	return b
}

// BuildCommit returns the revision the binary was built from, or
// "unknown".
func BuildCommit() string { return ReadBuild().Revision }

// Manifest is manifest.json: what was run, with what, and the checksum of
// every table. It holds no wall-clock time, so that a rerun writes the same
// bytes.
type Manifest struct {
	Tool    string `json:"tool"`
	Version string `json:"version"`
	// ModelVersion is the engine's sim.ModelVersion: which results the
	// folder holds. Absent (0) in folders written before it was recorded,
	// by model version 1.
	ModelVersion int `json:"model_version,omitempty"`
	// ModuleVersion is the Go module version the binary reports (see
	// Build.Module).
	ModuleVersion string `json:"module_version"`
	Commit        string `json:"commit"`
	// Dirty is true when the binary was built from modified sources, so
	// that Commit alone does not give its code; absent when unknown.
	Dirty *bool `json:"dirty,omitempty"`
	// BuildNote says what is unknown about the build, if anything.
	BuildNote string `json:"build_note,omitempty"`
	GoVersion string `json:"go_version"`

	Command        string   `json:"command"`         // the subcommand
	CommandLine    string   `json:"command_line"`    // a command that reruns it (without --out and --workers)
	Scenario       string   `json:"scenario"`        // the scenario's name
	ScenarioArg    string   `json:"scenario_arg"`    // how the command named it: a path, a bundled name, or "" for the default
	ScenarioSource string   `json:"scenario_source"` // the path or bundled name it was loaded from
	ScenarioSHA256 string   `json:"scenario_sha256"` // of scenario.toml in this folder
	Sets           []string `json:"sets"`            // --set overrides, already applied in scenario.toml
	Seed           int64    `json:"seed"`
	Days           int      `json:"days"`
	Reps           int      `json:"reps"`
	Regimes        []string `json:"regimes"`
	// Events are the replicates whose events the event log (EventsTable)
	// holds, under every regime; none: the folder has no event log.
	Events []int `json:"events,omitempty"`

	Sweep *SweepInfo `json:"sweep,omitempty"`
	// Claim is the claim check's own section (claim.Info), kept raw here
	// so that this package need not know the claim's types; the claim
	// package reads and writes it.
	Claim json.RawMessage `json:"claim,omitempty"`
	// Programme is the programme analysis's own section
	// (programme.Info), likewise.
	Programme json.RawMessage `json:"programme,omitempty"`
	// Sensitivity is a sensitivity analysis' own section (gsa.Info),
	// likewise.
	Sensitivity json.RawMessage `json:"sensitivity,omitempty"`
	// Validate is a validation's own section (validation.Info: the data
	// folder and the checksums of its files, what reproduce reruns it
	// from), likewise.
	Validate json.RawMessage `json:"validate,omitempty"`

	Runs   []RunInfo `json:"runs"`
	Tables []Checked `json:"tables"`
	// FigureOptions are the choices the figures were drawn with, so that
	// `plot` draws them again the same way; nil: the defaults.
	FigureOptions *FigureOptions `json:"figure_options,omitempty"`
	Figures       []Checked      `json:"figures"`
	// Report is report.md, for folders that have one.
	Report   *Checked `json:"report,omitempty"`
	Complete bool     `json:"complete"`
}

// Files are the files the manifest records with their checksums: tables,
// figures and the report (scenario.toml has its own field).
func (m *Manifest) Files() []Checked {
	files := append(slices.Clone(m.Tables), m.Figures...)
	if m.Report != nil {
		files = append(files, *m.Report)
	}
	return files
}

// FigureOptions are the choices a folder's figures were drawn with.
type FigureOptions struct {
	// Bands is what bands and error bars show: "percentile" (the middle
	// 95% of replicates), "replicates" (each replicate drawn thinly) or
	// "ci" (the 95% t-interval of the mean).
	Bands string `json:"bands"`
	// Size is "double" (two columns wide) or "single" (one column).
	Size string `json:"size"`
	// Metrics are the summary metrics a sweep's figures show; none: the
	// defaults (each harm against each key; the sweep's metric in maps).
	Metrics []string `json:"metrics,omitempty"`
	// Regimes are the regimes a sweep's figures show; none: all.
	Regimes []string `json:"regimes,omitempty"`
	// Formats are the file formats the figures were drawn in ("png",
	// "svg", "pdf"); a shard's are those the merged folder is to be
	// drawn in. None: no figures if NoFigures, else a folder written
	// before formats were recorded (see experiment.RecordedFormats).
	Formats []string `json:"formats,omitempty"`
	// NoFigures says the command was asked for no figures (--formats ""):
	// what an empty Formats means, in folders written since 2026-12-02.
	NoFigures bool `json:"no_figures,omitempty"`
	// Labels are the axis labels (--label) that replace a varied key's
	// own in the figures, by key; none: each key labels its axis, with
	// its unit. JSON writes a map's keys sorted, and so does every
	// reader that puts them in output (LabelArgs).
	Labels map[string]string `json:"labels,omitempty"`
}

// LabelArgs are the labels as --label arguments, KEY=TEXT, sorted by key:
// the order the recorded command line gives them in, whatever order the
// map holds them in.
func (o FigureOptions) LabelArgs() []string {
	keys := slices.Sorted(maps.Keys(o.Labels))
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k + "=" + o.Labels[k]
	}
	return out
}

// SetFormats records the figure formats asked for, none included.
func (o *FigureOptions) SetFormats(formats []string) {
	o.Formats = slices.Clone(formats)
	o.NoFigures = len(formats) == 0
}

// SweepInfo describes a sweep's design and, for a shard, which part of it
// this folder holds.
type SweepInfo struct {
	Design    string      `json:"design"` // grid or lhs
	Samples   int         `json:"samples,omitempty"`
	Vary      []string    `json:"vary"`   // the --vary arguments
	Keys      []string    `json:"keys"`   // the varied keys, in column order
	Points    [][]float64 `json:"points"` // every point of the design, in order
	Shard     string      `json:"shard,omitempty"`
	Metric    string      `json:"metric,omitempty"`
	Contrast  string      `json:"contrast,omitempty"`
	TotalRuns int         `json:"total_runs"`
	// Reused are the regimes that no varied key changes: each replicate
	// of each was run once and its result reused at every point (the
	// tables are the same bytes as if every run had been made).
	Reused []string `json:"reused,omitempty"`
}

// RunInfo is one run as the manifest lists it.
type RunInfo struct {
	ID        int       `json:"id"`
	Regime    string    `json:"regime"`
	Replicate int       `json:"replicate"`
	Seed      uint64    `json:"seed"`
	Params    []float64 `json:"params,omitempty"`
}

// Checked is a file of the folder with its checksum. A table with one
// or more rows per run (its first column is run) also has a digest of
// each block of BlockRuns runs, so that a changed row can be found
// without the original.
type Checked struct {
	File   string   `json:"file"`
	SHA256 string   `json:"sha256"`
	Blocks []string `json:"blocks,omitempty"`
}

// NewManifest fills in the tool's own fields.
func NewManifest(command string) *Manifest {
	m := &Manifest{Tool: "borderwork", Version: Version, ModelVersion: sim.ModelVersion, Command: command}
	m.StampBuild()
	return m
}

// BuildName names the build m records, as a note to people says it: its
// commit, "with uncommitted changes" when built from modified sources.
func (m *Manifest) BuildName() string {
	if m.Dirty != nil && *m.Dirty {
		return m.Commit + " with uncommitted changes"
	}
	return m.Commit
}

// StampBuild records the running binary's build in m, as the build that
// wrote the folder: a folder merged from shards records the binary that
// merged them, whichever shard is named first.
func (m *Manifest) StampBuild() {
	b := ReadBuild()
	m.ModuleVersion, m.Commit, m.Dirty, m.BuildNote, m.GoVersion = b.Module, b.Revision, b.Dirty, b.Note, runtime.Version()
}

// Check records the checksums of the named files of dir, and the block
// digests of those that are tables of runs.
func Check(dir string, files []string) ([]Checked, error) {
	var out []Checked
	for _, f := range files {
		c, err := checkFile(filepath.Join(dir, f))
		if err != nil {
			return nil, err
		}
		c.File = filepath.ToSlash(f)
		out = append(out, c)
	}
	return out, nil
}

// Write saves the manifest as indented JSON.
func (m *Manifest) Write(path string) error {
	return writeThrough(path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	})
}

// MaxManifestBytes is the largest manifest.json read. A manifest holds
// about 170 bytes a run, and some 20 more for each key a sweep varies:
// the roughly 6 million runs the default --max-memory (8 GiB) lets a
// folder keep track of write a manifest near 1 GiB, so that a smaller cap
// would refuse folders borderwork wrote. A larger file is refused from
// its size, before it is read.
const MaxManifestBytes = 1 << 30

// ManifestBytes is an upper estimate of the size of a manifest.json that
// lists runs runs with keys varied keys: each run's entry (ID, regime,
// replicate, 64-bit seed, indented) is under 180 bytes with a regime name
// of ordinary length, each value of a varied key under 32 more, and the
// rest of the manifest (command line, tables, figure options) a few KiB.
// A folder whose manifest would pass MaxManifestBytes is refused before
// it is run: borderwork could not read it back.
func ManifestBytes(runs float64, keys int) float64 {
	return float64(runs*float64(180+32*keys)) + 64<<10
}

// ReadManifest reads a folder's manifest.json.
func ReadManifest(dir string) (*Manifest, error) {
	path := filepath.Join(dir, "manifest.json")
	f, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	tooLarge := fmt.Errorf("%s: larger than %d bytes; not a manifest borderwork wrote", path, MaxManifestBytes)
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > MaxManifestBytes {
		return nil, tooLarge
	}
	// Read through the limit still: the file may grow, or not be a
	// regular file at all.
	data, err := io.ReadAll(io.LimitReader(f, MaxManifestBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxManifestBytes {
		return nil, tooLarge
	}
	m, err := ParseManifest(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// ParseManifest reads the bytes of a manifest.json, and checks that it is
// one borderwork could have written: run IDs are indices, every recorded
// file is a relative path inside the folder.
func ParseManifest(data []byte) (*Manifest, error) {
	var m Manifest
	// An editor may save the manifest with a byte-order mark; JSON
	// refused it as "invalid character 'ï'".
	if err := json.Unmarshal(infile.TrimBOM(data), &m); err != nil {
		return nil, JSONError(infile.TrimBOM(data), err)
	}
	if m.Tool != "borderwork" {
		return nil, fmt.Errorf("not written by borderwork (tool %q)", m.Tool)
	}
	// Absent, model_version is 1 (a folder from before it was recorded);
	// borderwork never writes 0 or less (omitempty leaves out 0), so
	// such a value, shown as version 1, was written by hand.
	if m.ModelVersion <= 0 {
		var v struct {
			ModelVersion *int `json:"model_version"`
		}
		if json.Unmarshal(infile.TrimBOM(data), &v) == nil && v.ModelVersion != nil {
			return nil, fmt.Errorf("model_version %d: not a model version borderwork wrote (1 or more; absent in folders of version 1); the manifest was changed", *v.ModelVersion)
		}
	}
	for _, r := range m.Runs {
		if r.ID < 0 || r.Replicate < 0 {
			return nil, fmt.Errorf("run %d, replicate %d: not a run borderwork wrote", r.ID, r.Replicate)
		}
	}
	for _, c := range m.Files() {
		if !filepath.IsLocal(filepath.FromSlash(c.File)) || c.File != filepath.ToSlash(filepath.Clean(filepath.FromSlash(c.File))) {
			return nil, fmt.Errorf("%q is not a file inside the folder", c.File)
		}
	}
	// The files a manifest lists are the tool's to replace and delete:
	// a name it never gives (a folder's scenario.toml, a file of the
	// user's, one under a link) would make them so.
	for _, l := range []struct {
		what  string
		files []Checked
		ok    func(string) bool
		names string
	}{
		{"tables", m.Tables, isTableName, "NAME.csv or NAME.csv.gz at the folder's top, or a validate folder's report.md"},
		{"figures", m.Figures, isFigureName, "figures/NAME.png, .svg or .pdf"},
	} {
		for _, c := range l.files {
			if !l.ok(c.File) {
				return nil, fmt.Errorf("%s: %q is not a name borderwork gives a file of these (%s); the manifest was changed", l.what, c.File, l.names)
			}
		}
	}
	if m.Report != nil && m.Report.File != "report.md" {
		return nil, fmt.Errorf("report: %q is not report.md, the only report borderwork writes; the manifest was changed", m.Report.File)
	}
	return &m, nil
}

// isTableName reports whether name is one borderwork gives a table: a
// CSV file, gzipped or not, at the folder's top, or report.md, which a
// validate folder of flow counts lists among its tables.
func isTableName(name string) bool {
	if name == "report.md" {
		return true
	}
	base, ok := strings.CutSuffix(name, ".csv")
	if !ok {
		base, ok = strings.CutSuffix(name, ".csv.gz")
	}
	return ok && plainName(base) && len(name) <= maxNameBytes
}

// maxNameBytes is the longest name of a file most file systems hold
// (NAME_MAX): borderwork cannot have written a longer one.
const maxNameBytes = 255

// isFigureName reports whether name is one borderwork gives a figure: a
// PNG, SVG or PDF file in figures.
func isFigureName(name string) bool {
	rest, ok := strings.CutPrefix(name, "figures/")
	ext := pathpkg.Ext(rest)
	return ok && (ext == ".png" || ext == ".svg" || ext == ".pdf") && plainName(strings.TrimSuffix(rest, ext)) && len(rest) <= maxNameBytes
}

// plainName reports whether s can be a file's name without its ending:
// one path element, not empty or hidden, without control characters.
// (A sweep's figure names carry the regimes' and keys' names, which may
// be long: only the file system's limit applies, maxNameBytes.)
func plainName(s string) bool {
	return s != "" && !strings.HasPrefix(s, ".") && !strings.ContainsFunc(s, func(r rune) bool { return r == '/' || r == '\\' || r < 0x20 || r == 0x7f })
}

// WriteReport writes report to report.md in the folder at dir and records
// it, with its checksum, as m's Report.
func WriteReport(dir string, m *Manifest, report []byte) error {
	if err := WriteFile(filepath.Join(dir, "report.md"), report); err != nil {
		return err
	}
	rc, err := Check(dir, []string{"report.md"})
	if err != nil {
		return err
	}
	m.Report = &rc[0]
	return nil
}
