package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/borderwork/borderwork/experiment"
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
	files, err := experiment.Redraw(dir, formats)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return usageErrorf("%s is not a borderwork output folder: %v", dir, err)
	case errors.Is(err, experiment.ErrNotDrawable):
		return usageErrorf("%v", err)
	case err != nil:
		return err
	}
	fmt.Fprintf(e.stdout, "Drew %d figure files in %s.\n", len(files), filepath.Join(dir, "figures"))
	return nil
}
