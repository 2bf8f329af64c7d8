package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/borderwork/borderwork/output"
)

const plotDoc = `
Plot redraws the figures of an output folder from its tables alone,
without rerunning anything, and updates the figures' checksums in
manifest.json. Use it after changing --formats, or to check that the
figures follow from the tables.
`

func cmdPlot(_ context.Context, args []string, e *env) error {
	fs := newFlagSet("plot", "borderwork plot [--formats png,svg,pdf] DIR", plotDoc, e)
	formatsFlag := fs.String("formats", "png,svg,pdf", "figure `formats`, comma-separated")
	pos, err := fs.parse(args, e)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErrorf("want one DIR (usage: %s)", fs.usageLine)
	}
	dir := pos[0]
	formats, err := parseFormats(*formatsFlag)
	if err != nil {
		return err
	}
	m, err := output.ReadManifest(dir)
	if err != nil {
		return usageErrorf("%s is not a borderwork output folder: %v", dir, err)
	}
	files, err := drawFigures(dir, m, formats)
	if err != nil {
		return err
	}
	// Figures the manifest listed that were not drawn again (other
	// formats) would no longer match it: remove them.
	for _, old := range m.Figures {
		if !slices.Contains(files, old.File) {
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(old.File))); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
	}
	if m.Figures, err = output.Check(dir, files); err != nil {
		return err
	}
	if m.Figures == nil {
		m.Figures = []output.Checked{}
	}
	if err := m.Write(filepath.Join(dir, "manifest.json")); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Drew %d figure files in %s.\n", len(files), filepath.Join(dir, "figures"))
	return nil
}

// drawFigures draws the figures an output folder's command makes.
func drawFigures(dir string, m *output.Manifest, formats []string) ([]string, error) {
	for _, t := range []string{"summary.csv"} {
		if _, err := os.Stat(filepath.Join(dir, t)); errors.Is(err, os.ErrNotExist) {
			return nil, usageErrorf("%s has no %s to draw from", dir, t)
		}
	}
	switch m.Command {
	case "run", "compare":
		return drawCompareFigures(dir, m.Scenario, m.Seed, m.Reps, formats)
	case "claim":
		return drawClaimFigures(dir, m.Scenario, m.Seed, formats)
	case "sweep":
		if m.Sweep == nil {
			break
		}
		if m.Sweep.Shard != "" {
			return nil, usageErrorf("%s is one shard of a sweep; merge the shards, then plot", dir)
		}
		return drawSweepFigures(dir, m.Sweep, m.Regimes, m.Scenario, m.Seed, m.Reps, formats)
	}
	return nil, fmt.Errorf("%s: cannot draw figures of a %q folder", dir, m.Command)
}
