package experiment

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/figures"
	"github.com/borderwork/borderwork/output/figures/palette"
	"github.com/borderwork/borderwork/scenarios"
)

// CompareFigures are the figures of run and compare folders (and the
// first figures of a claim folder), drawn from their tables. Bands and
// error bars show what the folder's figure options say (output.BandsPercentile
// by default).
var CompareFigures = []Figure{
	timeFigure("trapped", "Migrants trapped over time, per regime", "trapped", "Migrants trapped", "migrants trapped"),
	timeFigure("abuse", "Cumulative abuse events over time, per regime", "abuse_events", "Cumulative abuse events", "abuse events since day 0"),
	// Trapped alone flatters a regime that holds migrants elsewhere: at
	// home (stranded) or in its centres.
	timeFigure("immobilised", "Cumulative immobilised person-days over time (trapped, stranded at home or sheltered in a centre), per regime", "immobilised_person_days", "Cumulative immobilised person-days", "person-days since day 0"),
	barsFigure("abuse_by_kind", "Abuse events per run by kind and perpetrator, per regime", "; regimes with no abuse at all are left out and named in the caption", func(src Source) (*figures.Figure, error) {
		groups, c, err := summaryBars(src, []string{
			"extortion_by_smugglers", "extortion_by_officials", "violence_by_smugglers",
			"violence_by_officials", "abandonment_by_smugglers", "kidnap_by_smugglers",
		}, []string{
			"extortion by smugglers", "extortion by officials", "violence by smugglers",
			"violence by officials", "abandonment by smugglers", "kidnap by smugglers",
		}, "no abuse events in any replicate")
		if err != nil {
			return nil, err
		}
		return figures.GroupedBars("Abuse by kind and perpetrator", "abuse events per run", groups, c)
	}),
	barsFigure("outcomes", "Final outcomes (arrived, returned, gave up at home, dead, still on the way or waiting to leave, and of those still trapped and still stranded at home) per regime", "", func(src Source) (*figures.Figure, error) {
		labels := outcomeLabels
		s, err := src.Resolved()
		if err != nil {
			return nil, err
		}
		flee := s.File.Rules == "flee"
		if flee {
			// Flee's agents never leave, and a camp is where an agent is,
			// not the end of its journey: "still on the way" would say
			// the people in its camps had yet to get there.
			labels = slices.Clone(outcomeLabels)
			labels[slices.Index(outcomeTotals, "still_in_transit")] = fleeInTransitLabel
		}
		groups, c, err := summaryBars(src, outcomeTotals, labels, "no migrants at all")
		if err != nil {
			return nil, err
		}
		if flee {
			c.Extra = strings.TrimPrefix(c.Extra+"; Flee rule set: agents never leave", "; ")
		}
		return figures.GroupedBars("Final outcomes", "migrants at the end of the run", groups, c)
	}),
	locationsFigure("trapped_by_location", "Trapped person-days per run at each location, per regime", "trapped", "Trapped person-days by location", "trapped person-days per run", "trapped person-days"),
	locationsFigure("abuse_by_location", "Abuse events per run at each location, per regime", "abuse_events", "Abuse events by location", "abuse events per run", "abuse events"),
	{Name: "whereabouts", Title: "Where people are on the last day: each camp, the border posts and elsewhere, per regime (Flee rule set, with --by-location)", Draw: drawFleeWhere},
}

// outcomeTotals are the bars of the outcomes figure, outcomeLabels their
// labels. Every migrant is in one of the first five at the end (they add
// up to created); the trapped and the stranded at home are parts of those
// still in transit, drawn after them: without them, the migrants a closed
// border keeps at home were in no bar at all.
var (
	outcomeTotals = []string{"arrivals", "returns", "stayed", "deaths", "still_in_transit", "still_trapped", "still_stranded"}
	outcomeLabels = []string{"arrived", "returned", "gave up at home (never left)", "dead", "still on the way or waiting to leave", "of them trapped", "of them stranded at home"}
	// fleeInTransitLabel is still_in_transit's label under the Flee rule
	// set, where it counts every agent.
	fleeInTransitLabel = "still on the map (in a camp or elsewhere)"
)

// perRegime is single for a figure of bars per regime (Figure.PerRegime).
func perRegime(name, title string, draw func(Source) (*figures.Figure, error)) Figure {
	f := single(name, title, draw)
	f.PerRegime = true
	return f
}

// barsFigure is the registry entry of a figure of bars per regime from
// summary.csv, titled what, then note (in the registry: "with error bars
// as --bands says"). The title it gives the figure drawn, which report.md
// captions it with, says what the folder's error bars show
// (errorBarsPhrase), as timeFigure's says of its bands: report.md once
// said nothing of them, the same under every --bands.
func barsFigure(name, what, note string, draw func(Source) (*figures.Figure, error)) Figure {
	f := perRegime(name, what+": the mean over replicates, with error bars as --bands says (the spread of the replicates by default)"+note, draw)
	f.Draw = func(src Source) ([]Drawn, error) {
		fig, err := draw(src)
		if err != nil {
			return nil, err
		}
		return []Drawn{{Name: name, Title: barsCaption(src, what, note), Fig: fig}}, nil
	}
	return f
}

// barsCaption is what report.md says of a bar chart of src's replicates
// titled what: that its bars are their mean, and what its error bars
// show (errorBarsPhrase), then note.
func barsCaption(src Source, what, note string) string {
	if src.Manifest != nil && src.Manifest.Reps == 1 {
		return what + ": one replicate, without error bars" + note
	}
	return what + ": the mean over replicates, with " + errorBarsPhrase(src.Options().Bands) + note
}

// errorBarsPhrase says, after "the mean over replicates, with", what a
// bar chart's error bars show under the band choice bands.
func errorBarsPhrase(bands string) string {
	switch bands {
	case output.BandsCI:
		return "error bars of its 95% confidence interval, cut at 0"
	case output.BandsReplicates:
		return "each replicate drawn as a dot"
	}
	return "error bars of the middle 95% of replicates (2.5th to 97.5th percentile)"
}

// timeFigure is the registry entry of a figure of one column of
// timeseries.csv over days, a band per regime, titled what (in the
// registry: "with bands as --bands says"). The title it gives the figure
// drawn, which report.md captions it with, says what the folder's bands
// show (bandsPhrase).
func timeFigure(name, what, column, title, yLabel string) Figure {
	return Figure{Name: name, Title: what + ": the mean over replicates, with bands as --bands says (the spread of the replicates by default)",
		OverDays: true,
		Draw: func(src Source) ([]Drawn, error) {
			bands, c, kept, err := timeBands(src, column)
			if err != nil {
				return nil, err
			}
			fig, err := figures.TimeBands(title, "day", yLabel, bands, c)
			if err != nil {
				return nil, err
			}
			caption := what + ": the mean over replicates, with " + bandsPhrase(src.Options().Bands)
			switch {
			case kept.none:
				caption = what + fmt.Sprintf(": the mean over replicates, without bands (more than %d would overlap)", MaxBands)
			case kept.only != nil:
				// A claim's eight combinations, or a programme's arms:
				// the report says, as the figure's caption does, which
				// series have bands and that the others have none.
				caption += " for " + words.List(kept.only) + ", the others drawn as lines without bands"
			}
			if src.Manifest != nil && src.Manifest.Reps == 1 {
				// One replicate has no mean to speak of and no spread: the
				// figure draws its run without bands (its caption says "1
				// replicate"), and so does the report's caption.
				caption = what + ": one replicate, without bands"
			}
			return []Drawn{{Name: name, Title: caption, Fig: fig}}, nil
		}}
}

// bandsPhrase says, after "the mean over replicates, with", what a
// figure's bands show under the band choice bands.
func bandsPhrase(bands string) string {
	switch bands {
	case output.BandsCI:
		return "bands of its 95% confidence interval, cut at 0"
	case output.BandsReplicates:
		return "each replicate drawn as a thin line"
	}
	return "bands of the middle 95% of replicates (2.5th to 97.5th percentile)"
}

// summaryBars reads summary.csv and makes one group of bars per regime,
// one bar per total, labelled with labels. A regime all of whose totals
// are 0 in every replicate is left out (a row of empty bars reads as
// missing data), and the caption names it as having none, in the words
// of none; so is a total that is 0 in every replicate of every regime
// (under the Flee rule set, nobody arrives, returns or dies, and there
// are no smugglers), named as having none under any regime.
func summaryBars(src Source, totals, labels []string, none string) ([]figures.Group, figures.Caption, error) {
	c := src.caption("error bars")
	_, rows, err := output.ReadSummary(filepath.Join(src.Dir, "summary.csv"))
	if err != nil {
		return nil, c, err
	}
	bands := src.Options().Bands
	groups := output.GroupByRegime(rows)
	if src.Only != nil {
		groups = slices.DeleteFunc(groups, func(g output.Group) bool { return !slices.Contains(src.Only, g.Regime) })
	}
	var regimes []string
	for _, g := range groups {
		regimes = append(regimes, g.Regime)
	}
	style, err := src.regimeStyle()
	if err != nil {
		return nil, c, err
	}
	legend, err := src.Legend()
	if err != nil {
		return nil, c, err
	}
	var out []figures.Group
	var empty []string
	counted := make([]bool, len(totals)) // some replicate of some regime has a count of totals[i]
	for _, g := range groups {
		fg := figures.Group{Label: legend(g.Regime), Style: style(g.Regime, regimes)}
		allZero := true
		for i, name := range totals {
			values := g.Column(output.TotalIndex(name))
			nonZero := slices.ContainsFunc(values, func(v float64) bool { return v != 0 })
			counted[i] = counted[i] || nonZero
			allZero = allZero && !nonZero
			fg.Bars = append(fg.Bars, bar(labels[i], values, bands))
		}
		if allZero {
			empty = append(empty, g.Regime)
			continue
		}
		out = append(out, fg)
	}
	var none0 []string // the labels of the totals left out, 0 under every regime
	if len(out) > 0 {
		for i := len(totals) - 1; i >= 0; i-- {
			if counted[i] {
				continue
			}
			none0 = slices.Insert(none0, 0, labels[i])
			for g := range out {
				out[g].Bars = slices.Delete(out[g].Bars, i, i+1)
			}
		}
	}
	if len(out) == 0 { // nothing to draw: draw the zeros rather than no figure
		out, empty = nil, nil
		for _, g := range groups {
			fg := figures.Group{Label: legend(g.Regime), Style: style(g.Regime, regimes)}
			for i, name := range totals {
				fg.Bars = append(fg.Bars, bar(labels[i], g.Column(output.TotalIndex(name)), bands))
			}
			out = append(out, fg)
		}
	}
	c.Extra = leftOut(empty, none)
	if len(none0) > 0 {
		if c.Extra != "" {
			c.Extra += "; "
		}
		c.Extra += "not drawn: " + strings.Join(none0, ", ") + " (none under any regime)"
	}
	return out, c, nil
}

// bar is one bar of replicates' values (counts), drawn as the band
// choice says (countSpread).
func bar(label string, values []float64, bands string) figures.Bar {
	m, lo, hi := countSpread(values, bands)
	b := figures.Bar{Label: label, Mean: m, Lo: lo, Hi: hi}
	if bands == output.BandsReplicates && len(values) > 1 {
		b.Values = slices.Clone(values)
	}
	return b
}

// leftOut is a caption's note of the regimes a figure leaves out because
// they have nothing to show (why says what they lack); "" if none.
func leftOut(regimes []string, why string) string {
	switch len(regimes) {
	case 0:
		return ""
	case 1:
		return "not drawn: " + regimes[0] + " (" + why + ")"
	}
	return "not drawn: " + strings.Join(regimes, ", ") + " (" + why + ")"
}

// RegimeStyle is the colour (Style) regime takes in the folder's
// figures, among regimes: that of the built-in regime it stands for
// (Kind.Like), if any, else as RegimeStyle gives it.
func (s Source) RegimeStyle(regime string, regimes []string) (int, error) {
	style, err := s.regimeStyle()
	if err != nil {
		return 0, err
	}
	return style(regime, regimes), nil
}

// like is the folder's Kind.Like: the built-in regime each of its
// regimes stands for; nil if its kind names none.
func (s Source) like() (func(string) string, error) {
	if s.Manifest == nil {
		return nil, nil
	}
	k, ok := KindOf(s.Manifest.Command)
	if !ok || k.Like == nil {
		return nil, nil
	}
	return k.Like(s)
}

// Legend is how the folder's figures name regime in their legends: a
// regime that stands for a built-in one (Kind.Like: a claim's cell) with
// that regime's name after it, "open-failing-none (malfunctioning)", as
// report.md names it, so that a figure read on its own says which lines
// are the named regimes; any other regime by its own name. The name
// itself stays the series' identity (Only, shading, colours).
func (s Source) Legend() (func(regime string) string, error) {
	like, err := s.like()
	if like == nil || err != nil {
		return func(regime string) string { return regime }, err
	}
	return func(regime string) string {
		if b := like(regime); b != "" && b != regime {
			return regime + " (" + b + ")"
		}
		return regime
	}, nil
}

// shaded says which of the folder's regimes keep their bands in its
// figures over days (Kind.Shaded); nil: all of them. In a folder whose
// kind says which regimes stand for built-in ones (Kind.Like: a claim's
// combinations), with more than MaxBands regimes, only those do. Other
// folders keep every band: their regimes are each one the user chose to
// compare.
func (s Source) shaded(regimes []string) (func(string) bool, error) {
	if s.Manifest == nil {
		return nil, nil
	}
	if k, ok := KindOf(s.Manifest.Command); ok && k.Shaded != nil {
		return k.Shaded(s, regimes)
	}
	like, err := s.like()
	if like == nil || err != nil || len(regimes) <= MaxBands {
		return nil, err
	}
	return func(r string) bool { return like(r) != "" }, nil
}

// regimeStyle is RegimeStyle for the folder's figures: each regime takes
// the colour of the built-in regime it stands for (Kind.Like), if any.
func (s Source) regimeStyle() (func(name string, regimes []string) int, error) {
	if s.Manifest != nil {
		if k, ok := KindOf(s.Manifest.Command); ok && k.Style != nil {
			style, err := k.Style(s)
			if err != nil {
				return nil, err
			}
			if style != nil {
				return func(name string, _ []string) int { return style(name) }, nil
			}
		}
	}
	like, err := s.like()
	if like == nil || err != nil {
		return palette.RegimeStyle, err
	}
	as := func(name string) string {
		if b := like(name); b != "" {
			return b
		}
		return name
	}
	return func(name string, regimes []string) int {
		seen := make([]string, len(regimes))
		for i, r := range regimes {
			seen[i] = as(r)
		}
		return palette.RegimeStyle(as(name), seen)
	}, nil
}

// MaxBands is the most bands a figure over days of a claim or programme
// folder shades: a claim's eight (or 32) combinations' bands, or the
// arms of several regimes, would overlap into a blur in which none can
// be followed.
const MaxBands = 4

// bandsKept says which series of a figure over days keep their bands:
// none (none), only some (only: their regimes, in order), or every one
// (neither).
type bandsKept struct {
	only []string
	none bool
}

// timeBands reads one column of the folder's timeseries.csv as bands,
// one per regime (those of src.Only, if it names any), and their
// caption. Which regimes keep their bands is
// the folder's kind's to say (shaded); the others are drawn as lines,
// which the caption says, and kept says for report.md's caption.
func timeBands(src Source, column string) ([]figures.Band, figures.Caption, bandsKept, error) {
	var kept bandsKept
	c := src.caption("bands")
	style, err := src.regimeStyle()
	if err != nil {
		return nil, c, kept, err
	}
	bands, err := readBands(filepath.Join(src.Dir, "timeseries.csv"), column, src.Options().Bands, style)
	if err == nil && src.Only != nil {
		bands = slices.DeleteFunc(bands, func(b figures.Band) bool { return !slices.Contains(src.Only, b.Label) })
	}
	if err != nil {
		return nil, c, kept, err
	}
	if src.Options().Bands == output.BandsReplicates {
		return bands, c, kept, relabel(src, bands)
	}
	regimes := make([]string, len(bands))
	for i, b := range bands {
		regimes[i] = b.Label
	}
	keep, err := src.shaded(regimes)
	if err != nil {
		return nil, c, kept, err
	}
	if keep != nil {
		var shaded []string
		for i := range bands {
			if keep(bands[i].Label) {
				shaded = append(shaded, bands[i].Label)
				continue
			}
			bands[i].Lo, bands[i].Hi = nil, nil
		}
		if len(shaded) == 0 {
			c.Spread = fmt.Sprintf("no bands (more than %d would overlap)", MaxBands)
			kept.none = len(bands) > 0
		} else {
			c.Spread += " · bands only for " + strings.Join(shaded, ", ")
			if len(shaded) < len(bands) {
				kept.only = shaded
			}
		}
	}
	return bands, c, kept, relabel(src, bands)
}

// relabel names bands, whose labels are their regimes until now, in the
// legend as the folder's figures do (Source.Legend).
func relabel(src Source, bands []figures.Band) error {
	legend, err := src.Legend()
	if err != nil {
		return err
	}
	for i := range bands {
		bands[i].Label = legend(bands[i].Label)
	}
	return nil
}

// readBands summarises one column of timeseries.csv (a count) per regime
// and day across replicates, as bands says (countSpread): one band per
// regime, regimes in the order they first appear.
func readBands(path, column, bands string, style func(name string, regimes []string) int) ([]figures.Band, error) {
	var regimes []string
	var values [][][]float64 // regime (by first appearance) -> day -> replicates
	err := output.ReadTimeseries(path, []string{column}, func(run output.Run, day int, v []float64) error {
		r := slices.Index(regimes, run.Regime)
		if r < 0 {
			regimes = append(regimes, run.Regime)
			values = append(values, nil)
			r = len(regimes) - 1
		}
		for len(values[r]) <= day {
			values[r] = append(values[r], nil)
		}
		values[r][day] = append(values[r][day], v[0])
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(regimes) == 0 {
		// Only a header: every folder's runs write rows (a table whose
		// checksum was edited to match would otherwise fail as "no bands").
		return nil, badInput("%s holds no rows: borderwork writes a row for every day of every run; the table was changed", path)
	}
	var out []figures.Band
	for r, name := range regimes {
		b := figures.Band{Label: name, Style: style(name, regimes)}
		for day, reps := range values[r] {
			m, lo, hi := countSpread(reps, bands)
			b.X = append(b.X, float64(day))
			b.Mean = append(b.Mean, m)
			b.Lo = append(b.Lo, lo)
			b.Hi = append(b.Hi, hi)
		}
		if bands == output.BandsReplicates {
			b.Replicates = replicateLines(values[r])
		}
		out = append(out, b)
	}
	return out, nil
}

// replicateLines turns values per x and replicate into one line per
// replicate (NaN where a replicate has no value at an x).
func replicateLines(byX [][]float64) [][]float64 {
	n := 0
	for _, v := range byX {
		n = max(n, len(v))
	}
	if n < 2 {
		return nil
	}
	lines := make([][]float64, n)
	for r := range lines {
		lines[r] = make([]float64, len(byX))
		for x, v := range byX {
			lines[r][x] = nanAt(v, r)
		}
	}
	return lines
}

var nan = math.NaN()

func nanAt(v []float64, i int) float64 {
	if i < len(v) {
		return v[i]
	}
	return nan
}

// locationsFigure is the registry entry of a figure drawLocations draws,
// about what it shows, drawn with --by-location.
func locationsFigure(name, about, column, title, valueLabel, what string) Figure {
	return Figure{Name: name, PerRegime: true, Title: about + " (with --by-location)", Draw: drawLocations(name, about, column, title, valueLabel, what)}
}

// drawLocations draws, from locations.csv (when the folder has it), one
// column summed over days per run at each location, as grouped bars per
// regime: locations top to bottom in the scenario's order, leaving out
// those where nothing was counted under any regime. When nothing was
// counted anywhere (what names it), no row is left to draw: it draws no
// figure and says why (Drawn.NotDrawn), for the report to say in its
// place, rather than a row of zeros that the caption would count as
// having some. report.md captions it about, and says what its bars and
// error bars show (barsCaption), as it does the summary's bar charts.
func drawLocations(name, about, column, title, valueLabel, what string) func(src Source) ([]Drawn, error) {
	return func(src Source) ([]Drawn, error) {
		path := filepath.Join(src.Dir, "locations.csv")
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
		locs, regimes, sums, err := readLocationSums(path, column)
		if err != nil || len(locs) == 0 {
			return nil, err
		}
		if src.Only != nil {
			for r := len(regimes) - 1; r >= 0; r-- {
				if !slices.Contains(src.Only, regimes[r]) {
					regimes = slices.Delete(regimes, r, r+1)
					sums = slices.Delete(sums, r, r+1)
				}
			}
		}
		bands := src.Options().Bands
		var keep []int
		for l := range locs {
			for r := range regimes {
				if slices.ContainsFunc(sums[r][l], func(v float64) bool { return v != 0 }) {
					keep = append(keep, l)
					break
				}
			}
		}
		if len(keep) == 0 {
			where := fmt.Sprintf("at any of the %d locations", len(locs))
			if len(locs) == 1 {
				where = "at its one location"
			}
			under := "under any regime"
			if len(regimes) == 1 {
				under = "under " + regimes[0]
			}
			return []Drawn{{Name: name, Title: title, NotDrawn: fmt.Sprintf("no %s were counted %s %s", what, where, under)}}, nil
		}
		c := src.caption("error bars")
		if n := len(locs) - len(keep); n > 0 {
			c.Extra = fmt.Sprintf("not drawn: %d of the %d locations (none under any regime)", n, len(locs))
		}
		style, err := src.regimeStyle()
		if err != nil {
			return nil, err
		}
		legend, err := src.Legend()
		if err != nil {
			return nil, err
		}
		var groups []figures.Group
		for r, regime := range regimes {
			g := figures.Group{Label: legend(regime), Style: style(regime, regimes)}
			for _, l := range keep {
				g.Bars = append(g.Bars, bar(locs[l], sums[r][l], bands))
			}
			groups = append(groups, g)
		}
		fig, err := figures.GroupedBars(title, valueLabel, groups, c)
		if err != nil {
			return nil, err
		}
		return []Drawn{{Name: name, Title: barsCaption(src, about, "; locations with none under any regime are left out and counted in the caption"), Fig: fig}}, nil
	}
}

// readLocationSums streams locations.csv and sums column over each run's
// days at each location: the locations in the order they first appear,
// the regimes likewise, and sums[regime][location][replicate] in run
// order.
func readLocationSums(path, column string) (locs, regimes []string, sums [][][]float64, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, nil, err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReaderSize(f, 1<<16))
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		return nil, nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	col := func(name string) (int, error) {
		if i := slices.Index(header, name); i >= 0 {
			return i, nil
		}
		return 0, &scenarios.Error{File: path, Line: 1, Key: name, Msg: "no such column"}
	}
	var iRun, iRegime, iLoc, iVal int
	for _, c := range []struct {
		at   *int
		name string
	}{{&iRun, "run"}, {&iRegime, "regime"}, {&iLoc, "location"}, {&iVal, column}} {
		if *c.at, err = col(c.name); err != nil {
			return nil, nil, nil, err
		}
	}
	lastRun := ""
	var cur []float64 // this run's sum per location
	curRegime := -1
	flush := func() {
		if curRegime < 0 {
			return
		}
		for len(sums[curRegime]) < len(locs) {
			sums[curRegime] = append(sums[curRegime], nil)
		}
		for l := range locs {
			sums[curRegime][l] = append(sums[curRegime][l], nanAt(cur, l))
		}
	}
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		if rec[iRun] != lastRun {
			flush()
			lastRun = rec[iRun]
			cur = cur[:0]
			curRegime = slices.Index(regimes, rec[iRegime])
			if curRegime < 0 {
				regimes = append(regimes, rec[iRegime])
				sums = append(sums, nil)
				curRegime = len(regimes) - 1
			}
		}
		l := slices.Index(locs, rec[iLoc])
		if l < 0 {
			locs = append(locs, rec[iLoc])
			l = len(locs) - 1
		}
		for len(cur) <= l {
			cur = append(cur, 0)
		}
		v, err := strconv.ParseFloat(rec[iVal], 64)
		if err != nil {
			return nil, nil, nil, &scenarios.Error{File: path, Line: line, Key: column, Msg: "not a number: " + strconv.Quote(rec[iVal])}
		}
		cur[l] += v
	}
	flush()
	// A location first seen after some runs ended has no value for them:
	// it was in no row of theirs, which locations.csv never does, but
	// the sums must still be rectangular.
	for ri := range sums {
		for len(sums[ri]) < len(locs) {
			sums[ri] = append(sums[ri], nil)
		}
	}
	return locs, regimes, sums, nil
}
