package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

const plotDoc = `
Plot redraws the figures of an output folder from its tables alone,
without rerunning anything, and updates the figures' checksums in
manifest.json. Use it to check that the figures follow from the tables,
or to draw them another way: in other --formats, at another --size (one
or two journal columns wide), with other --bands, or, for a sweep, for
another summary metric (--metric, any column of summary.csv), regime
(--regime) or axis label (--label KEY=TEXT, also for a sensitivity
folder, whose figures name its parameters: it replaces KEY's recorded
label and keeps the others; KEY= with no text drops it, back to the
key). The choices, formats included, are recorded in
manifest.json, so that the next plot, given no flags, draws the same
figures again; the
command line manifest.json records (command_line) is written again with
the flags that draw the figures so (the figure flags of the command that
wrote the folder), so that it still writes the folder as it now is.
--bands is for run, compare, sweep, claim and programme folders, whose
figures draw bands.
It draws the figures of every kind of output folder: run, compare,
sweep, claim, programme, sensitivity and validate (from validation.csv,
or with flow counts from rows.csv, monthly.csv and posterior.csv; its
data folder is not read).
The figure files of the folder's earlier figures that it does not draw
again (another --metric, fewer --formats) it removes, and it names each
one it removed; it removes only figure files that manifest.json lists
and that still hold the bytes borderwork drew. One changed since is kept,
named, and no longer listed. Where report.md shows the figures (run,
compare, sweep, programme, claim, sensitivity and Flee-case validate
folders) and is as borderwork wrote it, it is written again to show the
figures drawn and quote the command line that draws them; one changed since is left as it is, and
plot says so, as is a claim, programme or sensitivity folder's where
this borderwork's analysis of its runs gives other tables than the
folder's. A validate folder's report.md (flow counts), one of its
tables, gets its figures' section written again. No other file is
touched, nor replaced: a figure to draw in a file changed since, or not
borderwork's, is refused, naming the file, with the folder unchanged.
It refuses (status 2) a folder whose tables do not match their checksums
in manifest.json, naming the table and the rows that changed, and one
whose manifest.json was edited by hand so that plot cannot build on it
(a command_line, figure option, or claim, programme or validate value no
command writes, or a complete folder's runs list cut short),
naming the key.
A folder whose command was interrupted is drawn from the runs it holds,
with a note on standard error saying how many of how many, and how to
complete it.
`

func cmdPlot(ctx context.Context, args []string, e *env) error {
	fs := newFlagSet("plot", "borderwork plot [flags] DIR", plotDoc, e)
	formatsFlag := fs.String("formats", "", "figure `formats`, comma-separated\n(default: as the folder records, png,svg,pdf if it has no figures)")
	var ch experiment.FigureChange
	fs.StringVar(&ch.Bands, "bands", "", "the `choice` of what bands and error bars show: percentile (the middle 95% of replicates),\nreplicates (each replicate drawn thinly) or ci (95% confidence interval of the mean)\n(default: as the folder records, percentile if it records none)")
	fs.StringVar(&ch.Size, "size", "", "figure `size`: double (17.4 cm wide, two journal columns) or single (8.4 cm, one column)\n(default: as the folder records, double if it records none)")
	metrics := fs.String("metric", "", "sweep folders: draw the figures for these summary metrics, a comma-separated `list`\nof columns of summary.csv (default: as the folder records)")
	regimes := fs.String("regime", "", "sweep folders: draw only these regimes, a comma-separated `list`, or all\n(default: as the folder records)")
	var labels labelFlag
	fs.Var(&labels, "label", "sweep and sensitivity folders: "+labelUsage+"\n(a sensitivity folder's figures name the parameter by TEXT; default: as the folder records;\na label given replaces that key's alone)")
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
	ch.Bands, ch.Size = canonicalChoice(ch.Bands), canonicalChoice(ch.Size)
	if ch.Metrics, err = splitList("--metric", *metrics); err != nil {
		return err
	}
	if ch.Regimes, err = splitList("--regime", *regimes); err != nil {
		return err
	}
	ch.Labels = labels
	r, err := experiment.RedrawContext(ctx, dir, formats, ch)
	switch {
	case errors.Is(err, experiment.ErrNotDrawable):
		return usageErrorf("%v", err)
	case err != nil:
		return err
	}
	if p := r.Partial; p != nil {
		fmt.Fprintf(e.stderr, "borderwork plot: note: %s\n", partialNote(dir, p))
	}
	if s, err := scenarios.Load(filepath.Join(dir, "scenario.toml")); err == nil && len(r.Files) > 0 {
		warnUndrawable(e.stderr, "plot", s) // as the command that wrote the folder did
	}
	fd := filepath.Join(dir, "figures")
	fmt.Fprintf(e.stdout, "Drew %s in %s (%s).\n", words.Count(len(r.Files), "figure file"), fd, strings.Join(r.Formats, ", "))
	if r.Report {
		fmt.Fprintf(e.stdout, "Wrote %s again to show them and the command that draws them.\n", filepath.Join(dir, "report.md"))
	}
	for _, f := range r.Retabled {
		also := "" // a validate folder's report.md with flow counts, one of its tables, quotes the command too
		if f == "report.md" {
			also = " and the command that draws them"
		}
		fmt.Fprintf(e.stdout, "Wrote %s again to show them%s.\n", filepath.Join(dir, filepath.FromSlash(f)), also)
	}
	if len(r.AnalysisChanged) > 0 {
		fmt.Fprintf(e.stdout, "Left %s as it is: this borderwork analyses the runs otherwise than the one that wrote the folder (it would write another %s), and a report written again would contradict the folder's tables; 'borderwork reproduce %s' says what differs. Its figure links and command may no longer match the figures.\n",
			filepath.Join(dir, "report.md"), output.JoinAnd(r.AnalysisChanged), runs.ShellQuote(dir))
	}
	if r.ReportLeft {
		fmt.Fprintf(e.stdout, "Left %s as it is (changed since borderwork wrote it); its figure links and command may no longer match the figures.\n", filepath.Join(dir, "report.md"))
	}
	if len(r.Removed) > 0 {
		fmt.Fprintf(e.stdout, "Removed %s of the earlier figures, no longer drawn:\n", words.Count(len(r.Removed), "figure file"))
		for _, f := range r.Removed {
			fmt.Fprintf(e.stdout, "  %s\n", filepath.Join(dir, filepath.FromSlash(f)))
		}
	}
	if len(r.Kept) > 0 {
		fmt.Fprintf(e.stdout, "Kept %s no longer drawn, changed since borderwork drew them (manifest.json lists them no more):\n", words.Count(len(r.Kept), "figure file"))
		for _, f := range r.Kept {
			fmt.Fprintf(e.stdout, "  %s\n", filepath.Join(dir, filepath.FromSlash(f)))
		}
	}
	return nil
}

// splitList splits the comma-separated value s of flag (named with its
// dashes, for the message) into names, each once in the order first given:
// a name given twice would draw its figures twice. An empty name ("a,,b",
// or "," which names nothing) is refused, as an empty value is, rather
// than taken for the default; s empty is the flag not given (nil).
func splitList(flag, s string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	if strings.Trim(s, ", \t") == "" {
		return nil, usageErrorf("%s %q names nothing (want names separated by commas, or leave the flag out for its default)", flag, s)
	}
	var out []string
	for _, v := range strings.Split(s, ",") {
		v = strings.TrimSpace(v)
		if v == "" {
			return nil, usageErrorf("%s %q: an empty name (want names separated by commas)", flag, s)
		}
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out, nil
}

// partialNote says, on one line, that the figures of the incomplete
// folder dir show only the runs it holds, and how to complete it.
func partialNote(dir string, p *experiment.Partial) string {
	held := words.Count(p.Runs, "run")
	if p.Total > 0 {
		held = fmt.Sprintf("%s of %s", words.Whole(int64(p.Runs)), words.Count(p.Total, "run"))
	}
	finish := "finishes it"
	if !p.Resume {
		finish = "runs it in full"
	}
	return fmt.Sprintf("%s is incomplete (its command was interrupted): %s; the figures show those runs only; this %s: %s", dir, held, finish, p.Finish)
}
