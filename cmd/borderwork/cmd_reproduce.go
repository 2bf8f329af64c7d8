package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/borderwork/borderwork/experiment"
)

const reproduceDoc = `
Reproduce reruns what an output folder's manifest.json describes, from the
folder's own scenario.toml, figures and report included, and verifies
every table, figure and report.md: the folder's files must match the
checksums in the manifest, and the rerun must write the same bytes. It
exits with status 0 if everything matches and 1, naming each file that
differs (a table by its first differing row), if not. It warns (on stderr)
when the folder or this binary does not record the source revision it was
built from, was built from modified sources, or when the two revisions
differ: reasons a rerun might differ that the folder cannot rule out.
`

func cmdReproduce(ctx context.Context, args []string, e *env) error {
	fs := newFlagSet("reproduce", "borderwork reproduce [--workers N] DIR", reproduceDoc, e)
	workers := fs.Int("workers", defaultWorkers(), "rerun on `N` workers; results do not depend on it")
	quiet := fs.Bool("quiet", false, "print no timing line (reproduce prints no progress)")
	pos, err := fs.parse(args, e)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErrorf("want one DIR (usage: %s)", fs.usageLine)
	}
	if *workers < 1 {
		return usageErrorf("--workers must be at least 1, got %d", *workers)
	}
	dir := pos[0]
	m := newMeter(e.start, *workers)
	rep, err := experiment.Reproduce(m.context(ctx), dir, *workers)
	if err != nil {
		return err
	}
	defer m.report(e.stderr, "reproduce", *quiet)
	for _, w := range rep.Warnings {
		fmt.Fprintf(e.stderr, "borderwork reproduce: warning: %s\n", w)
	}
	fmt.Fprintf(e.stdout, "Reran: %s\n", rep.CommandLine)
	if len(rep.Problems) > 0 {
		for _, p := range rep.Problems {
			fmt.Fprintf(e.stdout, "MISMATCH %s\n", p)
		}
		return fmt.Errorf("%w: %d problem(s): %s", errMismatch, len(rep.Problems), strings.Join(rep.Problems, "; "))
	}
	report := ""
	if rep.Report {
		report = " and report.md"
	}
	fmt.Fprintf(e.stdout, "OK: %d tables, %d figure files%s reproduced byte for byte.\n", rep.Tables, rep.Figures, report)
	return nil
}
