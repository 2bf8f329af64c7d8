package experiment

import (
	"fmt"
	"maps"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/borderwork/borderwork/internal/suggest"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/figures"
)

// Options are the folder's figure options, defaults filled in.
func (s Source) Options() output.FigureOptions {
	o := output.DefaultFigureOptions()
	if m := s.Manifest; m != nil && m.FigureOptions != nil {
		r := *m.FigureOptions
		if r.Bands != "" {
			o.Bands = r.Bands
		}
		if r.Size != "" {
			o.Size = r.Size
		}
		o.Metrics, o.Regimes, o.Formats = r.Metrics, r.Regimes, r.Formats
		o.Labels = maps.Clone(r.Labels)
	}
	return Tidy(o)
}

// UniqueNames are names with each name once, in the order first listed;
// nil for none.
func UniqueNames(names []string) []string {
	var out []string
	for _, n := range names {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// Tidy is o with each metric, regime and format listed once, in the order
// first listed. A name listed twice (a manifest edited by hand, say
// "formats": ["png", "png"]) would draw the same figure files twice,
// listing each twice in the manifest, and the plot that followed could
// not draw them again.
func Tidy(o output.FigureOptions) output.FigureOptions {
	o.Metrics, o.Regimes, o.Formats = UniqueNames(o.Metrics), UniqueNames(o.Regimes), UniqueNames(o.Formats)
	return o
}

// RecordedFormats are the figure formats the folder of manifest m was
// drawn in (for a shard, those the merged folder is to be drawn in):
// those its figure options record, none included. A folder written before
// formats were recorded (2026-12-02) was drawn in the formats of the
// figure files it lists, in the order of the first figure's files; a
// shard of that time draws none and records none, and its merge drew
// every format, as it still does. None: no figures.
func RecordedFormats(m *output.Manifest) []string {
	if o := m.FigureOptions; o != nil && (len(o.Formats) > 0 || o.NoFigures) {
		return UniqueNames(o.Formats)
	}
	if m.Sweep != nil && m.Sweep.Shard != "" {
		return figures.Formats()
	}
	return figureFormats(m)
}

// RecordedFigureOptions are the figure options the folder of manifest m
// records, its formats among them (RecordedFormats): what a rerun draws
// with to draw the same figures.
func RecordedFigureOptions(m *output.Manifest) *output.FigureOptions {
	o := Source{Manifest: m}.Options()
	// No formats recorded is no figures, --formats '' on the command
	// line the report quotes (a merged folder's report once left it out).
	o.SetFormats(RecordedFormats(m))
	return &o
}

// CheckFigureOptions checks o's choices: band and size names, metrics
// among summary.csv's totals, regimes among those run. Errors wrap
// runs.ErrBadInput, name the flag and suggest what was meant.
func CheckFigureOptions(o output.FigureOptions, regimes []string) error {
	flags := map[string]string{"bands": "--bands", "size": "--size", "metrics": "--metric", "regimes": "--regime", "formats": "--formats"}
	return checkFigureOptions(o, regimes, func(key string) string { return flags[key] }, allFigureKeys)
}

// allFigureKeys are the keys of figure_options that checkFigureOptions
// checks.
var allFigureKeys = []string{"bands", "size", "metrics", "regimes", "formats"}

// checkFigureOptions checks the keys of o among check, naming each as
// name(key) does.
func checkFigureOptions(o output.FigureOptions, regimes []string, name func(key string) string, check []string) error {
	if slices.Contains(check, "bands") && !slices.Contains(output.BandChoices, o.Bands) {
		return badInput("%s: unknown choice %q (want %s)%s", name("bands"), o.Bands, strings.Join(output.BandChoices, ", "), suggest.Hint(o.Bands, output.BandChoices))
	}
	if _, ok := figures.SizeNamed(o.Size); !ok && slices.Contains(check, "size") {
		return badInput("%s: unknown size %q (want %s)%s", name("size"), o.Size, strings.Join(figures.SizeNames(), ", "), suggest.Hint(o.Size, figures.SizeNames()))
	}
	var totals []string
	for _, t := range output.Totals {
		totals = append(totals, t.Name)
	}
	for _, m := range o.Metrics {
		if !slices.Contains(totals, m) && slices.Contains(check, "metrics") {
			return badInput("%s: unknown metric %q (a column of summary.csv, such as trapped_person_days)%s", name("metrics"), m, suggest.Hint(m, totals))
		}
	}
	for _, r := range o.Regimes {
		if !slices.Contains(regimes, r) && slices.Contains(check, "regimes") {
			return badInput("%s: %q is not among the regimes run (%s)%s", name("regimes"), r, strings.Join(regimes, ", "), suggest.Hint(r, regimes))
		}
	}
	for _, f := range o.Formats {
		if !slices.Contains(figures.Formats(), f) && slices.Contains(check, "formats") {
			return badInput("%s: unknown format %q (want %s)%s", name("formats"), f, strings.Join(figures.Formats(), ", "), suggest.Hint(f, figures.Formats()))
		}
	}
	return nil
}

// checkRecorded checks the figure options the manifest m, of the folder
// at dir, records, as the flags that set them are checked, but for those
// ch or the formats given (formatsGiven) replace: an edited manifest is
// refused naming its key (manifest.json: figure_options.bands), not a
// flag never given. A recorded band or size choice that is empty is
// refused too; one not recorded at all is the default. Errors wrap
// runs.ErrBadInput.
func checkRecorded(dir string, m *output.Manifest, ch FigureChange, formatsGiven bool) error {
	replaced := map[string]bool{"bands": ch.Bands != "", "size": ch.Size != "", "metrics": len(ch.Metrics) > 0, "regimes": len(ch.Regimes) > 0, "formats": formatsGiven}
	return checkRecordedBut(dir, m, replaced, slices.Collect(maps.Keys(ch.Labels)))
}

// checkRecordedBut is checkRecorded, the keys of figure_options that
// replaced holds left unchecked, and the labels of the varied keys
// relabelled: a flag given replaces them.
func checkRecordedBut(dir string, m *output.Manifest, replaced map[string]bool, relabelled []string) error {
	if m.FigureOptions == nil {
		return nil
	}
	var check []string
	for _, k := range allFigureKeys {
		if !replaced[k] {
			check = append(check, k)
		}
	}
	file := filepath.Join(dir, "manifest.json")
	name := func(key string) string { return file + ": figure_options." + key }
	if err := checkFigureOptions(*m.FigureOptions, m.Regimes, name, check); err != nil {
		return err
	}
	labels := maps.Clone(m.FigureOptions.Labels)
	for _, k := range relabelled {
		delete(labels, k)
	}
	return checkLabels(labels, LabelKeys(m), m.Command, name("labels"), true)
}

// MaxLabel is the most characters an axis label (--label) may have. The
// narrowest axis a label names, the height of a one-column map, holds
// about 30 characters a line; a label wraps, but more than three lines
// would crowd the tick labels, and a longer text is a sentence for the
// caption, not a name for an axis.
const MaxLabel = 80

// maxListed is the most varied keys an error lists.
const maxListed = 6

// LabelKeys are the keys of the folder of manifest m whose axis labels
// --label replaces: its varied keys, as its kind names them
// (Kind.LabelKeys); none for a kind whose figures name no keys.
func LabelKeys(m *output.Manifest) []string {
	if k, ok := KindOf(m.Command); ok && k.LabelKeys != nil {
		return k.LabelKeys(m)
	}
	return nil
}

// CheckLabels checks axis labels by key, as --label gives them (name is
// the flag's name for messages), against keys, the folder's varied keys
// (LabelKeys), of a folder written by command: each key one of them, each
// text one line of plain text of at most MaxLabel characters; an empty
// text is the flag's way to drop a label. Errors wrap runs.ErrBadInput and
// suggest the key meant.
func CheckLabels(labels map[string]string, keys []string, command, name string) error {
	return checkLabels(labels, keys, command, name, false)
}

// checkLabels is CheckLabels; recorded refuses an empty text, which no
// command records.
func checkLabels(labels map[string]string, keys []string, command, name string, recorded bool) error {
	if len(labels) == 0 {
		return nil
	}
	if len(keys) == 0 {
		return badInput("%s: the figures of a %s folder name no varied keys to label (--label is for sweep and sensitivity folders)", name, command)
	}
	for _, key := range slices.Sorted(maps.Keys(labels)) {
		if !slices.Contains(keys, key) {
			// A sensitivity analysis varies a hundred keys: too many to
			// list on one line, which its parameters.csv lists.
			varied := strings.Join(keys, ", ")
			if len(keys) > maxListed {
				varied = fmt.Sprintf("it varies %d keys", len(keys))
			}
			return badInput("%s: %q is not a key this folder varies (%s)%s", name, key, varied, suggest.Hint(key, keys))
		}
		text := labels[key]
		if text == "" && !recorded {
			continue
		}
		if problem := LabelProblem(text); problem != "" {
			return badInput("%s: the label of %s %s", name, key, problem)
		}
	}
	return nil
}

// LabelProblem says what is wrong with text as an axis label, or "" if
// nothing is: it must be one line of printable UTF-8, not empty, of at
// most MaxLabel characters.
func LabelProblem(text string) string {
	switch n := utf8.RuneCountInString(text); {
	case text == "":
		return "is empty"
	case strings.TrimSpace(text) == "":
		return "is blank"
	case !utf8.ValidString(text):
		return "is not UTF-8 text"
	case n > MaxLabel:
		return fmt.Sprintf("is %d characters long; an axis label takes at most %d (a longer text belongs in the caption)", n, MaxLabel)
	}
	for _, r := range text {
		switch {
		case r == '\n' || r == '\r':
			return "holds a line break; an axis label is one line, which the figure wraps to fit"
		case unicode.IsControl(r):
			return fmt.Sprintf("holds the control character %U; an axis label is plain text", r)
		}
	}
	return ""
}

// spread is what a figure draws of the replicates' values of one
// quantity: their mean and, by the band choice, an interval (NaN with
// fewer than two values, or when the replicates are drawn themselves).
func spread(values []float64, bands string) (mean, lo, hi float64) {
	nan := math.NaN()
	switch len(values) {
	case 0:
		return nan, nan, nan
	case 1:
		return values[0], nan, nan
	}
	switch bands {
	case output.BandsCI:
		s := output.Describe(values)
		return s.Mean, s.Lo, s.Hi
	case output.BandsReplicates:
		return output.Sum(values) / float64(len(values)), nan, nan
	}
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	return output.Sum(values) / float64(len(values)), quantile(sorted, 0.025), quantile(sorted, 0.975)
}

// countSpread is spread for counts, which are never negative: a
// confidence interval of the mean that reaches below 0 (as with few
// replicates and one large value) is cut at 0, as the claim's cells_*
// figures cut theirs. The other band choices never go below the smallest
// value.
func countSpread(values []float64, bands string) (mean, lo, hi float64) {
	mean, lo, hi = spread(values, bands)
	if lo < 0 {
		lo = 0
	}
	return mean, lo, hi
}

// quantile is the p-quantile of sorted values by linear interpolation
// between order statistics (Hyndman and Fan's type 7, R's default): it
// lies between two of the values, so quantiles of counts are never
// negative.
func quantile(sorted []float64, p float64) float64 {
	h := float64(p * float64(len(sorted)-1))
	i := int(math.Floor(h))
	if i+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + float64((h-float64(i))*(sorted[i+1]-sorted[i]))
}

// spreadText is what a figure's caption says its bands (what = "bands")
// or error bars (what = "error bars") show.
func spreadText(bands, what string) string {
	switch bands {
	case output.BandsCI:
		return what + ": 95% confidence intervals of the mean"
	case output.BandsReplicates:
		if what == "bands" {
			return "thin lines: single replicates"
		}
		return "dots: single replicates"
	}
	return what + ": middle 95% of replicates (2.5th to 97.5th percentile)"
}

// centreText is what a figure's caption says its lines (what = "bands")
// or bars (what = "error bars") are: the replicates' mean, which spread
// draws whatever the band choice.
func centreText(what string) string {
	if what == "bands" {
		return "lines: mean"
	}
	return "bars: mean"
}

// caption is the folder's caption for a figure of counts whose spread is
// drawn as what ("bands" or "error bars") around the replicates' mean,
// by countSpread: confidence intervals are said to be cut at 0.
func (s Source) caption(what string) figures.Caption {
	c := s.Caption()
	c.Centre = centreText(what)
	c.Spread = spreadText(s.Options().Bands, what)
	if s.Options().Bands == output.BandsCI {
		c.Spread += ", cut at 0"
	}
	return c
}
