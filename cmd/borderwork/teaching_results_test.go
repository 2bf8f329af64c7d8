package main

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output"
)

// guideResult is one thing docs/TEACHING.md tells students they will see
// in the folders its commands write: the guide's words, quoted verbatim
// (so that the guide and this table change together), and a check of
// those words against the folders. TestTeachingCommands runs every
// command of the guide and then every check, so that a change of the
// model that makes a statement false fails a test rather than a class.
type guideResult struct {
	quote string
	holds func(r *guideRuns) bool
}

// about is the guide's "about": within 15% of the number it gives.
func about(got, want float64) bool { return math.Abs(got-want) <= 0.15*want }

var guideResults = []guideResult{
	// Exercise 1.
	{"closure traps far more migrants than malfunction", func(r *guideRuns) bool {
		return r.mean("baseline", "closed", "trapped_person_days") > 10*r.mean("baseline", "malfunctioning", "trapped_person_days")
	}},
	{"Malfunctioning climbs fastest from the first days and ends more than twice as high as closed; hbm stays below closed; open is lowest, but not at zero", func(r *guideRuns) bool {
		m, c, h, o := r.mean("baseline", "malfunctioning", "abuse_events"), r.mean("baseline", "closed", "abuse_events"), r.mean("baseline", "hbm", "abuse_events"), r.mean("baseline", "open", "abuse_events")
		return m > 2*c && h < c && o < h && o > 0
	}},
	{"read deaths in the table, where closed has the most", func(r *guideRuns) bool {
		return r.highest("baseline", "deaths") == "closed"
	}},
	{`the "migrants abused" column is highest under malfunctioning, but "trapped person-days" is highest under closed`, func(r *guideRuns) bool {
		return r.highest("baseline", "abused_migrants") == "malfunctioning" && r.highest("baseline", "trapped_person_days") == "closed"
	}},
	{`In "immobilised person-days", closed and hbm are about equal, and far above the others`, func(r *guideRuns) bool {
		c, h := r.mean("baseline", "closed", "immobilised_person_days"), r.mean("baseline", "hbm", "immobilised_person_days")
		return about(h, c) && min(c, h) > 10*max(r.mean("baseline", "open", "immobilised_person_days"), r.mean("baseline", "malfunctioning", "immobilised_person_days"))
	}},
	{"Under malfunctioning about 10 of some 720 events; under closed about 45 of some 320", func(r *guideRuns) bool {
		return about(r.mean("baseline", "malfunctioning", "abuse_immobile"), 10) && about(r.mean("baseline", "malfunctioning", "abuse_events"), 720) &&
			about(r.mean("baseline", "closed", "abuse_immobile"), 45) && about(r.mean("baseline", "closed", "abuse_events"), 320)
	}},

	// Exercise 2.
	{"The order of the regimes on trapping stays the same", func(r *guideRuns) bool {
		return r.order("reps3", "trapped_person_days") == r.order("reps3-seed7", "trapped_person_days")
	}},

	// Exercise 3.
	{"On average it stays below closed in our runs (about half as many trapped person-days)", func(r *guideRuns) bool {
		return about(r.mean("long-outages", "malfunctioning", "trapped_person_days")/r.mean("long-outages", "closed", "trapped_person_days"), 0.5)
	}},
	{"officials' violence more than doubles", func(r *guideRuns) bool {
		return r.mean("long-outages", "malfunctioning", "violence_by_officials") > 2*r.mean("baseline", "malfunctioning", "violence_by_officials")
	}},
	{"Deaths more than double", func(r *guideRuns) bool {
		return r.mean("long-outages", "malfunctioning", "deaths") > 2*r.mean("baseline", "malfunctioning", "deaths")
	}},
	{`"migrants abused" under malfunctioning falls by about a sixth`, func(r *guideRuns) bool {
		return about(1-r.mean("long-outages", "malfunctioning", "abused_migrants")/r.mean("baseline", "malfunctioning", "abused_migrants"), 1.0/6)
	}},
	{"under malfunctioning it rises from about 10 to about 80 events", func(r *guideRuns) bool {
		return about(r.mean("baseline", "malfunctioning", "abuse_immobile"), 10) && about(r.mean("long-outages", "malfunctioning", "abuse_immobile"), 80)
	}},

	// Exercise 4.
	{"the mean lines now stay below one migrant, and the bands, which show single runs, reach only one or two", func(r *guideRuns) bool {
		for _, regime := range r.regimes("turn-back") {
			if r.peakOfMean("turn-back", regime, "trapped") >= 1 || r.bandTop("turn-back", regime, "trapped") >= 2.5 {
				return false
			}
		}
		return true
	}},
	{"On the page, whose bands are the mean's confidence interval (as with `--bands ci`), they stay below one too", func(r *guideRuns) bool {
		for _, regime := range r.regimes("turn-back") {
			if r.ciTop("turn-back", regime, "trapped") >= 1 {
				return false
			}
		}
		return true
	}},
	{"malfunctioning still has the most migrants abused", func(r *guideRuns) bool {
		return r.highest("turn-back", "abused_migrants") == "malfunctioning" && r.highest("no-desperation", "abused_migrants") == "malfunctioning"
	}},

	// Exercise 5.
	{"from the top to below closed, and a little below hbm", func(r *guideRuns) bool {
		m := r.mean("honest-officials", "malfunctioning", "abuse_events")
		return m < r.mean("honest-officials", "hbm", "abuse_events") && m > r.mean("honest-officials", "open", "abuse_events")
	}},
	{"from about 625 to about 140 events a run), but it does not vanish, and it stays a little above open's (about 125)", func(r *guideRuns) bool {
		m := r.mean("honest-officials", "malfunctioning", "extortion_by_officials")
		o := r.mean("honest-officials", "open", "extortion_by_officials")
		return about(r.mean("baseline", "malfunctioning", "extortion_by_officials"), 625) && about(m, 140) && about(o, 125) && m > o
	}},

	// Exercise 6.
	{"hbm_lite has clearly fewer deaths than closed, but the same trapping and the same abuse", func(r *guideRuns) bool {
		return r.mean("hbm-lite", "hbm_lite", "deaths") < 0.7*r.mean("hbm-lite", "closed", "deaths") &&
			about(r.mean("hbm-lite", "hbm_lite", "trapped_person_days"), r.mean("hbm-lite", "closed", "trapped_person_days")) &&
			about(r.mean("hbm-lite", "hbm_lite", "abuse_events"), r.mean("hbm-lite", "closed", "abuse_events"))
	}},
	{"(`centre_person_days` in `stats.csv`: about 2,400)", func(r *guideRuns) bool {
		return about(r.mean("hbm-parts", "hbm", "centre_person_days"), 2400)
	}},
	{"counts the returns the centre arranged (about 60), `returns_free` those people made on their own: under full hbm there are none of those, under closed about 17", func(r *guideRuns) bool {
		return about(r.mean("hbm-parts", "hbm", "returns_assisted"), 60) && r.mean("hbm-parts", "hbm", "returns_free") == 0 && about(r.mean("hbm-parts", "closed", "returns_free"), 17)
	}},

	{`hbm's "abuse by officials" (the staff count as officials) rises from about 19 to about 100 events a run, and its "migrants abused" from about 220 to about 245, close to closed's 250. Trapping, deaths and arrivals do not move at all`, func(r *guideRuns) bool {
		for _, m := range []string{"trapped_person_days", "deaths", "arrivals"} {
			if r.mean("hbm-staff", "hbm", m) != r.mean("hbm-parts", "hbm", m) {
				return false
			}
		}
		return about(r.mean("hbm-parts", "hbm", "abuse_by_officials"), 19) && about(r.mean("hbm-staff", "hbm", "abuse_by_officials"), 100) &&
			about(r.mean("hbm-parts", "hbm", "abused_migrants"), 220) && about(r.mean("hbm-staff", "hbm", "abused_migrants"), 245) &&
			about(r.mean("hbm-staff", "closed", "abused_migrants"), 250)
	}},
	{"is about 190, of some 2,500 person-days in the centre, and `returns_assisted` about 70 against 63 with the door open", func(r *guideRuns) bool {
		return r.mean("hbm-parts", "hbm", "detained_person_days") == 0 && about(r.mean("hbm-locked", "hbm", "detained_person_days"), 190) &&
			about(r.mean("hbm-locked", "hbm", "centre_person_days"), 2500) &&
			about(r.mean("hbm-locked", "hbm", "returns_assisted"), 70) && about(r.mean("hbm-parts", "hbm", "returns_assisted"), 63)
	}},

	// Exercise 7.
	{"climbs to about 16 by day 100, and starts to fall before the post reopens at day 120", func(r *guideRuns) bool {
		peak, day := r.peakDay("closure", "open", "trapped")
		onDay119 := r.onDay("closure", "open", "trapped", 119)
		return about(peak, 16) && day >= 90 && day < 115 && meanOf(onDay119) < 0.9*peak
	}},
	{"closed has the highest peak; malfunctioning rises slowly to a peak of about 26 just after the reopening. hbm stays low.", func(r *guideRuns) bool {
		peak, day := r.peakDay("closure", "malfunctioning", "trapped")
		c, o, h := r.peakOfMean("closure", "closed", "trapped"), r.peakOfMean("closure", "open", "trapped"), r.peakOfMean("closure", "hbm", "trapped")
		return about(peak, 26) && day >= 120 && day <= 130 && c > max(o, peak, h) && h < min(o, peak)
	}},
	{"in 11 of the 20 replicates they had all gone out of business before day 60, with none back by then: people passing a working post do not ask for one. But people who would pay them gathered behind the closed post, and new smugglers came for them: during the closure every replicate had between 4 and 8 in business at its busiest. They committed 105 to 172 acts of abuse a run", func(r *guideRuns) bool {
		reps := len(r.onDay("closure", "open", "active_smugglers", 0))
		goneBefore := make([]bool, reps)
		for day := range 60 {
			for i, n := range r.onDay("closure", "open", "active_smugglers", day) {
				goneBefore[i] = goneBefore[i] || n == 0
			}
		}
		busiest := make([]float64, reps)
		for day := 60; day <= 120; day++ {
			for i, n := range r.onDay("closure", "open", "active_smugglers", day) {
				busiest[i] = max(busiest[i], n)
			}
		}
		// None back by day 59: every replicate whose smugglers had gone
		// has none on that day.
		backBy59 := false
		for i, n := range r.onDay("closure", "open", "active_smugglers", 59) {
			backBy59 = backBy59 || goneBefore[i] && n > 0
		}
		abuse := r.runs("closure", "open", "abuse_by_smugglers")
		return reps == 20 && countTrue(goneBefore) == 11 && !backBy59 && slices.Min(busiest) == 4 && slices.Max(busiest) == 8 &&
			slices.Min(abuse) == 105 && slices.Max(abuse) == 172
	}},
	{"open's line in `out/closure-stay/figures/trapped.png` would peak at about 12 instead of 16", func(r *guideRuns) bool {
		return about(r.peakOfMean("closure-stay", "open", "trapped"), 12) && about(r.peakOfMean("closure", "open", "trapped"), 16)
	}},
	{"under open, some people give up at home (about 45, half as many as under closed), and fewer arrive than under malfunctioning", func(r *guideRuns) bool {
		o := r.mean("closure", "open", "stayed")
		return about(o, 45) && about(o/r.mean("closure", "closed", "stayed"), 0.5) && r.mean("closure", "open", "arrivals") < r.mean("closure", "malfunctioning", "arrivals")
	}},
	{"under malfunctioning, about 165 people bought their way through the closed post from its poorly watched officials; under open, a handful", func(r *guideRuns) bool {
		return about(r.mean("closure", "malfunctioning", "bribed"), 165) && r.mean("closure", "open", "bribed") < 10
	}},

	// Exercise 8.
	{"very little changes; every mean of the malfunctioning row lies within the baseline's interval", func(r *guideRuns) bool {
		for _, m := range []string{"trapped_person_days", "abuse_events", "abused_migrants", "deaths", "arrivals"} {
			lo, hi := r.interval("baseline", "malfunctioning", m)
			if v := r.mean("informed", "malfunctioning", m); v < lo || v > hi {
				return false
			}
		}
		return true
	}},
	{`closed's abuse rises only a little ("migrants abused" from about 250 to about 290), even though its trapped person-days nearly tripled`, func(r *guideRuns) bool {
		ratio := r.mean("closed-rumours", "closed", "trapped_person_days") / r.mean("baseline", "closed", "trapped_person_days")
		return about(r.mean("baseline", "closed", "abused_migrants"), 250) && about(r.mean("closed-rumours", "closed", "abused_migrants"), 290) && ratio > 2.5 && ratio < 3.2
	}},
	{"about 20 buy their way through", func(r *guideRuns) bool {
		return about(r.mean("closed-rumours", "closed", "bribed"), 20)
	}},
	{`closed's "immobilised person-days" even fall a little`, func(r *guideRuns) bool {
		return r.mean("closed-rumours", "closed", "immobilised_person_days") < r.mean("baseline", "closed", "immobilised_person_days")
	}},

	// Writing a new scenario.
	{"malfunctioning's trapped person-days rise only from about 130 to about 150, against closed's 3,700 (with 40 replicates, `out/mine40`, the same)", func(r *guideRuns) bool {
		return about(r.mean("baseline", "malfunctioning", "trapped_person_days"), 130) &&
			about(r.mean("mine", "malfunctioning", "trapped_person_days"), 150) && about(r.mean("mine", "closed", "trapped_person_days"), 3700) &&
			about(r.mean("mine40", "malfunctioning", "trapped_person_days"), 150) && about(r.mean("mine40", "closed", "trapped_person_days"), 3700)
	}},
	{`"abuse by officials" rises by about a quarter, from about 660 to about 830 events a run`, func(r *guideRuns) bool {
		return about(r.mean("baseline", "malfunctioning", "abuse_by_officials"), 660) && about(r.mean("mine", "malfunctioning", "abuse_by_officials"), 830)
	}},
	{"their violence more than doubles", func(r *guideRuns) bool {
		return r.mean("mine", "malfunctioning", "violence_by_officials") > 2*r.mean("baseline", "malfunctioning", "violence_by_officials")
	}},
	{"only about 2% of all abuse under malfunctioning falls on people who are trapped at the time", func(r *guideRuns) bool {
		return about(r.mean("mine", "malfunctioning", "abuse_immobile")/r.mean("mine", "malfunctioning", "abuse_events"), 0.02)
	}},
	{"in `out/mine-stay` malfunctioning's trapped person-days are about as in `out/mine`, and closed's do not change at all", func(r *guideRuns) bool {
		return about(r.mean("mine-stay", "malfunctioning", "trapped_person_days"), r.mean("mine", "malfunctioning", "trapped_person_days")) &&
			r.mean("mine-stay", "closed", "trapped_person_days") == r.mean("mine", "closed", "trapped_person_days")
	}},
}

// meanOf is the mean of vs.
func meanOf(vs []float64) float64 {
	sum := 0.0
	for _, v := range vs {
		sum += v
	}
	return sum / float64(len(vs))
}

// countTrue is how many of bs are true.
func countTrue(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

// checkGuideResults checks every guideResult in the folders the guide's
// commands wrote under out/ in the working directory.
func checkGuideResults(t *testing.T, guide string) {
	t.Helper()
	checkDocResults(t, "the guide", guide, "out", guideResults)
}

// checkDocResults checks results, each quoted from doc, in the folders
// under root.
func checkDocResults(t *testing.T, name, doc, root string, results []guideResult) {
	t.Helper()
	flat := strings.Join(strings.Fields(doc), " ")
	for _, g := range results {
		if !strings.Contains(flat, g.quote) {
			t.Errorf("%s no longer says %q: change the test's table with it", name, g.quote)
			continue
		}
		r := &guideRuns{root: root, tables: map[string]*output.Table{}}
		ok := g.holds(r)
		if r.err != nil {
			t.Errorf("checking %q: %v", g.quote, r.err)
			continue
		}
		if !ok {
			t.Errorf("%s says %q, but the runs give\n\t%s", name, g.quote, strings.Join(r.seen, "\n\t"))
		}
	}
}

// guideRuns reads the output folders under root and notes every number
// it reads, for the failure message.
type guideRuns struct {
	root   string
	tables map[string]*output.Table
	seen   []string
	err    error
}

func (r *guideRuns) table(folder, name string) *output.Table {
	path := filepath.Join(r.root, folder, name)
	if tb, ok := r.tables[path]; ok {
		return tb
	}
	tb, err := output.ReadTable(path, "regime")
	if err != nil {
		r.fail(err)
		tb = &output.Table{Path: path}
	}
	r.tables[path] = tb
	return tb
}

func (r *guideRuns) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

func (r *guideRuns) note(format string, args ...any) {
	r.seen = append(r.seen, fmt.Sprintf(format, args...))
}

func (r *guideRuns) float(tb *output.Table, i int, column string) float64 {
	v, err := tb.Float(i, column)
	if err != nil {
		r.fail(err)
	}
	return v
}

// statsRow is the row of stats.csv for a regime and metric, or -1.
func (r *guideRuns) statsRow(folder, regime, metric string) (*output.Table, int) {
	tb := r.table(folder, "stats.csv")
	for i := range tb.Rows {
		if tb.Cell(i, "regime") == regime && tb.Cell(i, "metric") == metric {
			return tb, i
		}
	}
	r.fail(fmt.Errorf("%s has no row for %s, %s", filepath.Join(r.root, folder, "stats.csv"), regime, metric))
	return tb, -1
}

// mean is a metric's mean over replicates, from stats.csv.
func (r *guideRuns) mean(folder, regime, metric string) float64 {
	tb, i := r.statsRow(folder, regime, metric)
	if i < 0 {
		return math.NaN()
	}
	v := r.float(tb, i, "mean")
	r.note("%s: %s %s mean %.4g", folder, regime, metric, v)
	return v
}

// interval is a metric's 95% confidence interval, from stats.csv.
func (r *guideRuns) interval(folder, regime, metric string) (lo, hi float64) {
	tb, i := r.statsRow(folder, regime, metric)
	if i < 0 {
		return math.NaN(), math.NaN()
	}
	lo, hi = r.float(tb, i, "ci_low"), r.float(tb, i, "ci_high")
	r.note("%s: %s %s interval [%.4g, %.4g]", folder, regime, metric, lo, hi)
	return lo, hi
}

// regimes lists a folder's regimes in the order stats.csv gives them.
func (r *guideRuns) regimes(folder string) []string {
	tb := r.table(folder, "stats.csv")
	var out []string
	for i := range tb.Rows {
		if reg := tb.Cell(i, "regime"); len(out) == 0 || out[len(out)-1] != reg {
			out = append(out, reg)
		}
	}
	return out
}

// highest is the regime with the highest mean of a metric.
func (r *guideRuns) highest(folder, metric string) string {
	best, top := "", math.Inf(-1)
	for _, reg := range r.regimes(folder) {
		if v := r.mean(folder, reg, metric); v > top {
			best, top = reg, v
		}
	}
	return best
}

// order is the folder's regimes by their mean of a metric, highest first.
func (r *guideRuns) order(folder, metric string) string {
	regs := r.regimes(folder)
	means := map[string]float64{}
	for _, reg := range regs {
		means[reg] = r.mean(folder, reg, metric)
	}
	// A few regimes: insertion sort, ties kept in the folder's order.
	for i := 1; i < len(regs); i++ {
		for j := i; j > 0 && means[regs[j]] > means[regs[j-1]]; j-- {
			regs[j], regs[j-1] = regs[j-1], regs[j]
		}
	}
	r.note("%s: %s, highest first: %s", folder, metric, strings.Join(regs, ", "))
	return strings.Join(regs, ",")
}

// runs is a metric of each replicate, in replicate order, from summary.csv.
func (r *guideRuns) runs(folder, regime, metric string) []float64 {
	tb := r.table(folder, "summary.csv")
	var out []float64
	for i := range tb.Rows {
		if tb.Cell(i, "regime") == regime {
			out = append(out, r.float(tb, i, metric))
		}
	}
	r.note("%s: %s %s per replicate %v", folder, regime, metric, out)
	return out
}

// days gives, for each day, a column's values over the regime's
// replicates, from timeseries.csv.
func (r *guideRuns) days(folder, regime, column string) map[int][]float64 {
	tb := r.table(folder, "timeseries.csv")
	out := map[int][]float64{}
	for i := range tb.Rows {
		if tb.Cell(i, "regime") != regime {
			continue
		}
		day, err := tb.Int(i, "day")
		if err != nil {
			r.fail(err)
		}
		out[day] = append(out[day], r.float(tb, i, column))
	}
	return out
}

// peakOfMean is the highest daily mean over replicates of a column.
func (r *guideRuns) peakOfMean(folder, regime, column string) float64 {
	peak := math.Inf(-1)
	for _, vs := range r.days(folder, regime, column) {
		sum := 0.0
		for _, v := range vs {
			sum += v
		}
		peak = max(peak, sum/float64(len(vs)))
	}
	r.note("%s: %s %s highest daily mean %.4g", folder, regime, column, peak)
	return peak
}

// peakDay is the highest daily mean over replicates of a column and the
// first day it is reached.
func (r *guideRuns) peakDay(folder, regime, column string) (float64, int) {
	byDay := r.days(folder, regime, column)
	peak, at := math.Inf(-1), -1
	for day := range len(byDay) {
		vs := byDay[day]
		sum := 0.0
		for _, v := range vs {
			sum += v
		}
		if m := sum / float64(len(vs)); m > peak {
			peak, at = m, day
		}
	}
	r.note("%s: %s %s highest daily mean %.4g, on day %d", folder, regime, column, peak, at)
	return peak, at
}

// bandTop is the highest point of a column's default band: the 97.5th
// percentile of the replicates on each day, interpolated between order
// statistics (Hyndman and Fan's type 7, as the figures draw it).
func (r *guideRuns) bandTop(folder, regime, column string) float64 {
	top := math.Inf(-1)
	for _, vs := range r.days(folder, regime, column) {
		slices.Sort(vs)
		h := 0.975 * float64(len(vs)-1)
		lo := int(h)
		q := vs[lo]
		if lo+1 < len(vs) {
			q += (h - float64(lo)) * (vs[lo+1] - vs[lo])
		}
		top = max(top, q)
	}
	r.note("%s: %s %s top of the band %.4g", folder, regime, column, top)
	return top
}

// ciTop is the highest point of a column's band drawn with --bands ci,
// as the page draws it: the top of the 95% confidence interval of the
// replicates' mean on each day (output.Describe).
func (r *guideRuns) ciTop(folder, regime, column string) float64 {
	top := math.Inf(-1)
	for _, vs := range r.days(folder, regime, column) {
		if hi := output.Describe(vs).Hi; !math.IsNaN(hi) {
			top = max(top, hi)
		}
	}
	r.note("%s: %s %s top of the confidence band %.4g", folder, regime, column, top)
	return top
}

// onDay is a column's value in each replicate on one day.
func (r *guideRuns) onDay(folder, regime, column string, day int) []float64 {
	vs := r.days(folder, regime, column)[day]
	r.note("%s: %s %s on day %d %v", folder, regime, column, day, vs)
	return vs
}
