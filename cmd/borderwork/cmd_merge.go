package main

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/gsa"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
)

const mergeDoc = `
Merge joins the output folders of a sweep's shards (sweep --shard i/n), or
of a sensitivity analysis' (sensitivity --shard i/n), into one folder, byte
for byte the folder the command writes unsharded: tables in run order,
statistics or the analysis, figures and report from the whole, and one
manifest. It checks that every shard comes from the same scenario and the
same command line, that each is complete and unchanged since it was
written (every table against its checksum, every run against the
experiment its manifest describes), and that every run is present exactly
once; otherwise it names the problem and exits with status 2, writing
nothing. Every folder must be a shard: a whole sweep or analysis, not
written in shards, is refused; so is an --out that is one of the shards.

The figures are drawn in the formats, bands and size the shards were run
with (each records them), so that the merged folder is what the command
writes unsharded; shards that record different ones are refused. --formats
given here draws those formats instead, whatever the shards record.

--json prints the merged folder's results on standard output as the
command that wrote the shards prints them with --json unsharded (sweep:
every metric of every point and regime; sensitivity: the analysis), and
the line saying what was merged on standard error.

Shards whose merged folder would need more memory to keep track of its runs
than --max-memory (as the unsharded command would) are refused before
anything is written.
`

func cmdMerge(ctx context.Context, args []string, e *env) error {
	fs := newFlagSet("merge", "borderwork merge [--out DIR [--force]] [--formats LIST] [--max-memory SIZE] SHARD_DIR...", mergeDoc, e)
	out := fs.String("out", "", "write the merged folder to `DIR` (default out/sweep-STEM or out/sensitivity-STEM, from the shards' scenario)")
	formatsFlag := fs.String("formats", "", "figure `formats`, comma-separated ('' for none) (default: those the shards record)")
	force := fs.Bool("force", false, forceUsage)
	asJSON := fs.Bool("json", false, "print the merged folder's results as JSON on stdout, as the unsharded command's --json does")
	// Only the memory limit: merge simulates nothing.
	var limit limitFlags
	fs.StringVar(&limit.memory, "max-memory", "", "refuse shards whose merged folder is expected to need more than `SIZE` of memory to keep track of its runs, such as 16GiB,\nand hold the process to it while it merges (default $"+runs.EnvMaxMemory+", or 8GiB)")
	fs.emptyOK = map[string]bool{"formats": true}
	dirs, err := fs.parse(args, e)
	if err != nil {
		return err
	}
	if len(dirs) == 0 {
		return usageErrorf("give the shard folders to merge (usage: %s)", fs.usageLine)
	}
	formats, err := parseFormats(*formatsFlag)
	if err != nil {
		return err
	}
	limits, err := limit.get()
	if err != nil {
		return err
	}
	target := *out
	if target == "" {
		target = experiment.DefaultMergeOut(dirs)
	}
	before := earlierAt(target) // by default too: out/sweep-NAME may hold an earlier, unsharded sweep
	m, err := experiment.Merge(ctx, dirs, *out, experiment.MergeOptions{Formats: formats, FormatsGiven: fs.set["formats"], Force: *force, Limits: limits})
	if err != nil {
		return err
	}
	// A merge killed outright (out of memory, a node failure) left a
	// hidden copy of the tables beside the folder, which fills a quota.
	noteLeftovers(e, "merge", m.Dir)
	noteBuilds(e, dirs)
	if *asJSON {
		fmt.Fprintf(e.stderr, "borderwork merge: merged %s, %s, into %s.\n", words.Count(m.Shards, "shard"), words.Count(m.Runs, "run"), m.Dir)
		before.noteTo(e, true)
		return printMergedJSON(ctx, e, m.Dir)
	}
	// The merge is done: a Ctrl-C from here does not undo it, nor make
	// its table an error (the table is read from the folder, quickly).
	if err := printMergedSweep(context.WithoutCancel(ctx), e, m.Dir); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Merged %s, %s, into %s.\n", words.Count(m.Shards, "shard"), words.Count(m.Runs, "run"), m.Dir)
	before.note(e.stdout)
	return nil
}

// printMergedSweep prints the table of a merged sweep at dir, as the
// unsharded sweep prints it; nothing for a merged sensitivity analysis.
func printMergedSweep(ctx context.Context, e *env, dir string) error {
	m, err := output.ReadManifest(dir)
	if err != nil || m.Command != "sweep" {
		return err
	}
	p, _, err := experiment.FromManifest(m, filepath.Join(dir, "scenario.toml"))
	if err != nil {
		return err
	}
	x, rows, err := experiment.WithSummary(ctx, p, dir, m)
	if err != nil {
		return err
	}
	printSweepTable(e.stdout, x, x.Groups(rows))
	return nil
}

// printMergedJSON prints the results of the merged folder at dir as the
// command that wrote it prints them with --json.
func printMergedJSON(ctx context.Context, e *env, dir string) error {
	m, err := output.ReadManifest(dir)
	if err != nil {
		return err
	}
	scenario := filepath.Join(dir, "scenario.toml")
	perf := newMeter(e.start, 0).performance() // nothing simulated
	switch m.Command {
	case "sweep":
		p, _, err := experiment.FromManifest(m, scenario)
		if err != nil {
			return err
		}
		x, rows, err := experiment.WithSummary(ctx, p, dir, m)
		if err != nil {
			return err
		}
		return printJSONSummary(e.stdout, x, x.Groups(rows), perf)
	case "sensitivity":
		st, err := gsa.FromManifest(ctx, "merge", m, scenario)
		if err != nil {
			return err
		}
		res, err := st.ResultOf(ctx, dir, runtime.GOMAXPROCS(0))
		if err != nil {
			return err
		}
		return printSensitivityJSON(e.stdout, st, res, "", len(m.Runs), perf)
	}
	return fmt.Errorf("%s: merge wrote a %s folder, which --json does not print", dir, m.Command)
}

// noteBuilds says, on stderr, when the shards at dirs were written by
// different builds of borderwork: merge checks that their version and
// model version agree, so that their results are comparable, but a
// referee may ask which code made them, and the merged folder records
// the build that merged them.
func noteBuilds(e *env, dirs []string) {
	var builds []string
	seen := map[string]bool{} // looked up only
	for _, d := range dirs {
		m, err := output.ReadManifest(d)
		if err != nil {
			return // merged: it was read; nothing to say
		}
		b := m.BuildName()
		if !seen[b] {
			seen[b] = true
			builds = append(builds, fmt.Sprintf("%s in %s", b, d))
		}
	}
	if len(builds) > 1 {
		fmt.Fprintf(e.stderr, "borderwork merge: note: the shards were written by different builds of borderwork (%s), of one version and model version; the merged folder records this binary's build\n", strings.Join(builds, "; "))
	}
}
