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
	rep := &Reproduction{CommandLine: m.CommandLine, Tables: len(m.Tables)}
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
