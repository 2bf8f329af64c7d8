package experiment

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/borderwork/borderwork/output"
)

// Reproduction is what Reproduce found.
type Reproduction struct {
	CommandLine string   // the command the folder records
	Tables      int      // tables checked
	Problems    []string // one line each; none if everything matched
	// Warnings say, one line each, why a rerun might differ for reasons
	// other than the folder's content: an unknown or modified build.
	Warnings []string
}

// Reproduce reruns what the output folder at dir describes, from its
// manifest and its own scenario.toml, into a temporary folder, and checks
// that the folder's tables match the checksums in its manifest and that
// the rerun writes the same bytes. An incomplete or unknown folder is an
// error wrapping ErrBadInput.
func Reproduce(ctx context.Context, dir string, workers int) (*Reproduction, error) {
	m, err := output.ReadManifest(dir)
	if err != nil {
		return nil, badInput("%s is not a borderwork output folder: %v", dir, err)
	}
	if !m.Complete {
		return nil, badInput("%s is incomplete (the command was interrupted); finish it first", dir)
	}
	k, ok := KindOf(m.Command)
	if !ok || k.Rerun == nil {
		return nil, badInput("%s holds a %q folder, which cannot be rerun", dir, m.Command)
	}
	rep := &Reproduction{CommandLine: m.CommandLine, Tables: len(m.Tables), Warnings: buildWarnings(m, output.ReadBuild())}
	scenarioPath := filepath.Join(dir, "scenario.toml")
	if sum, err := output.FileSHA256(scenarioPath); err != nil || sum != m.ScenarioSHA256 {
		rep.Problems = append(rep.Problems, "scenario.toml does not match its checksum")
	}
	for _, t := range m.Tables {
		if sum, err := output.FileSHA256(filepath.Join(dir, t.File)); err != nil || sum != t.SHA256 {
			rep.Problems = append(rep.Problems, t.File+" in the folder does not match its checksum")
		}
	}
	tmp, err := os.MkdirTemp("", "borderwork-reproduce-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "out")
	if err := k.Rerun(ctx, m, scenarioPath, out, workers, nil); err != nil {
		return nil, fmt.Errorf("the rerun failed: %w", err)
	}
	for _, t := range m.Tables {
		sum, err := output.FileSHA256(filepath.Join(out, t.File))
		if err != nil || sum != t.SHA256 {
			rep.Problems = append(rep.Problems, t.File+" differs when rerun")
		}
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
	return w
}
