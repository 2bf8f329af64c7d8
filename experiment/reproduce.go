package experiment

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/sim"
)

// Reproduction is what Reproduce found.
type Reproduction struct {
	CommandLine string   // the command the folder records
	Tables      int      // tables checked
	Figures     int      // figure files checked
	Report      bool     // report.md checked
	Problems    []string // one line each; none if everything matched
	// Warnings say, one line each, why a rerun might differ for reasons
	// other than the folder's content: an unknown or modified build.
	Warnings []string
}

// Reproduce reruns what the output folder at dir describes, from its
// manifest and its own scenario.toml, into a temporary folder, drawing
// its figures and writing its report again, and checks that the folder's
// tables, figures and report match the checksums in its manifest and that
// the rerun writes the same bytes. A table that differs is named with its
// first differing row. An incomplete or unknown folder is an error
// wrapping ErrBadInput.
func Reproduce(ctx context.Context, dir string, workers int) (*Reproduction, error) {
	m, err := output.ReadManifest(dir)
	if err != nil {
		return nil, manifestError(dir, err)
	}
	if !m.Complete {
		return nil, badInput("%s is incomplete (the command was interrupted); finish it first", dir)
	}
	k, ok := KindOf(m.Command)
	if !ok || k.Rerun == nil {
		return nil, badInput("%s holds a %q folder, which cannot be rerun", dir, m.Command)
	}
	rep := &Reproduction{CommandLine: m.CommandLine, Tables: len(m.Tables), Figures: len(m.Figures), Report: m.Report != nil, Warnings: buildWarnings(m, output.ReadBuild())}
	scenarioPath := filepath.Join(dir, "scenario.toml")
	if sum, err := output.FileSHA256(scenarioPath); err != nil || sum != m.ScenarioSHA256 {
		rep.Problems = append(rep.Problems, "scenario.toml does not match its checksum")
	}
	for _, c := range m.Files() {
		d, err := output.Verify(dir, c)
		if err != nil {
			return nil, err
		}
		if d != nil {
			rep.Problems = append(rep.Problems, d.Error()+" (in the folder)")
		}
	}
	tmp, err := os.MkdirTemp("", "borderwork-reproduce-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "out")
	if err := k.Rerun(ctx, m, scenarioPath, out, workers, figureFormats(m)); err != nil {
		return nil, fmt.Errorf("the rerun failed: %w", err)
	}
	for _, c := range m.Files() {
		d, err := output.Verify(out, c)
		if err != nil {
			return nil, err
		}
		if d == nil {
			continue
		}
		msg := c.File + " differs when rerun"
		if line, err := output.FirstDifference(filepath.Join(dir, filepath.FromSlash(c.File)), filepath.Join(out, filepath.FromSlash(c.File))); err == nil && line > 0 && (strings.HasSuffix(c.File, ".csv") || strings.HasSuffix(c.File, ".csv.gz")) {
			msg = fmt.Sprintf("%s:%d differs when rerun (the first differing row)", c.File, line)
		}
		rep.Problems = append(rep.Problems, msg)
	}
	return rep, nil
}

// buildWarnings compares the build that wrote a folder (its manifest m)
// with the running one, b.
func buildWarnings(m *output.Manifest, b output.Build) []string {
	var w []string
	switch {
	case m.Commit == "" || m.Commit == "unknown":
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
	if v := max(m.ModelVersion, 1); v != sim.ModelVersion {
		w = append(w, fmt.Sprintf("the folder holds the results of model version %d; this binary's engine is model version %d, whose results differ (sim.ModelVersion)", v, sim.ModelVersion))
	}
	return w
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
