package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/internal/words"
)

const reproduceDoc = `
Reproduce reruns what an output folder's manifest.json describes, from the
folder's own scenario.toml, figures and report included, and verifies
every table, figure and report.md: the folder's files must match the
checksums in the manifest, and the rerun must write the same bytes. A
table of the folder that the manifest does not list is a mismatch, and is
still compared with the rerun's; so is a field of the manifest (days,
seed, reps, ...) that contradicts the command line it records. It
reruns run, compare, sweep, claim, programme, sensitivity and validate
folders, drawing the figures with the options and formats the folder
records (as plot last chose them). A validate folder is rerun from the
data folder its manifest records (validate.data, a relative path taken
from the current folder: run reproduce where validate ran), which must
hold the same files, unchanged, as must validate's MMP export: one moved or
changed is refused (status 2), naming the key and the files; so is a
validate folder written before its manifest recorded them. It prints the command it reran, the one the
manifest's fields give. It exits with status 0 if everything matches and
1, printing a MISMATCH line for each file that differs (a table by its
first differing row) and on stderr how many did, if not; the line of a
table worked out from the runs says so when the runs' own tables
matched: the simulation reproduces, its analysis does not. When the rerun
itself fails (the folder's scenario.toml no longer loads, a value its
manifest records is refused), it says so with the error, claims no
rerun, and exits with status 2. It warns (on stderr)
when the folder or this binary does not record the source revision it was
built from, was built from modified sources, or when the two revisions
differ: reasons a rerun might differ that the folder cannot rule out;
and when the folder's report.md quotes its command line in double quotes,
as borderwork did before 2026-12-03 (it now writes the same arguments in
single quotes, inside which a shell expands nothing): not a mismatch.

--json prints, in place of those lines, one JSON document on stdout: the
folder, the command rerun, whether it was rerun, ok (true only when
everything matched), the tables, figure files and report.md checked,
the problems (the MISMATCH lines' text) and the warnings, an error when
the rerun failed, and the performance as other commands' --json gives
it. The exit status is the same: 0, 1 or 2. A script checking many
folders reads it rather than the lines.
`

func cmdReproduce(ctx context.Context, args []string, e *env) error {
	fs := newFlagSet("reproduce", "borderwork reproduce [--workers N] [--json] DIR", reproduceDoc, e)
	workers := fs.Int("workers", defaultWorkers(), "rerun on `N` workers; results do not depend on it")
	quiet := fs.Bool("quiet", false, "print no timing line (reproduce prints no progress)")
	asJSON := fs.Bool("json", false, "print the outcome as JSON on stdout, in place of the Reran, MISMATCH and OK lines")
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
	var failed *experiment.RerunFailed
	if *asJSON {
		return printReproduceJSON(e, dir, rep, failed, err, m, *quiet)
	}
	if errors.As(err, &failed) {
		// Nothing was rerun: no Reran line, only what the folder's own
		// checks found, then the rerun's error.
		reproduceWarnings(e, failed.Found.Warnings)
		for _, p := range failed.Found.Problems {
			fmt.Fprintf(e.stdout, "MISMATCH %s\n", p)
		}
	}
	if err != nil {
		return err
	}
	defer m.report(e.stderr, "reproduce", *quiet)
	reproduceWarnings(e, rep.Warnings)
	fmt.Fprintf(e.stdout, "Reran: %s\n", rep.CommandLine)
	if len(rep.Problems) > 0 {
		for _, p := range rep.Problems {
			fmt.Fprintf(e.stdout, "MISMATCH %s\n", p)
		}
		// The MISMATCH lines say what differs; stderr only sums them up.
		return mismatchf("%s; see the MISMATCH lines above", words.Count(len(rep.Problems), "problem"))
	}
	report := ""
	if rep.Report {
		report = " and report.md"
	}
	fmt.Fprintf(e.stdout, "OK: %s, %s%s reproduced byte for byte.\n", words.Count(rep.Tables, "table"), words.Count(rep.Figures, "figure file"), report)
	return nil
}

// reproduceWarnings prints reproduce's warnings on stderr, one line each.
func reproduceWarnings(e *env, warnings []string) {
	for _, w := range warnings {
		fmt.Fprintf(e.stderr, "borderwork reproduce: warning: %s\n", w)
	}
}

// reproduceJSON is reproduce's --json document.
type reproduceJSON struct {
	Folder      string       `json:"folder"`
	Command     string       `json:"command"` // "" when nothing was rerun
	Reran       bool         `json:"reran"`
	OK          bool         `json:"ok"`
	Tables      int          `json:"tables"`
	FigureFiles int          `json:"figure_files"`
	Report      bool         `json:"report"`
	Problems    []string     `json:"problems"`
	Warnings    []string     `json:"warnings"`
	Error       string       `json:"error,omitempty"`
	Performance *performance `json:"performance,omitempty"`
}

// printReproduceJSON prints Reproduce's outcome (rep, or what a failed
// rerun found before it failed) as one JSON document and returns the
// error that gives reproduce's exit status. An error that is not a failed
// rerun (no folder, no manifest) prints nothing: there is no outcome.
func printReproduceJSON(e *env, dir string, rep *experiment.Reproduction, failed *experiment.RerunFailed, err error, m *meter, quiet bool) error {
	doc := reproduceJSON{Folder: dir}
	switch {
	case errors.As(err, &failed):
		rep = failed.Found
		doc.Error = failed.Error()
	case err != nil:
		return err
	default:
		doc.Reran, doc.Command, doc.Performance = true, rep.CommandLine, m.performance()
		doc.Tables, doc.FigureFiles, doc.Report = rep.Tables, rep.Figures, rep.Report
	}
	doc.Problems = append([]string{}, rep.Problems...)
	doc.Warnings = append([]string{}, rep.Warnings...)
	doc.OK = doc.Reran && len(doc.Problems) == 0
	reproduceWarnings(e, rep.Warnings)
	if werr := writeJSON(e.stdout, doc); werr != nil {
		return werr
	}
	if err != nil {
		return err
	}
	m.report(e.stderr, "reproduce", quiet)
	if !doc.OK {
		return mismatchf("%s; see problems in the JSON", words.Count(len(doc.Problems), "problem"))
	}
	return nil
}
