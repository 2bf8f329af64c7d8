package gsa

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/figures"
	"github.com/borderwork/borderwork/output/figures/palette"
)

// Figures are the figures of a sensitivity folder, drawn from its tables
// and manifest alone: one per output, of the method the folder used.
var Figures = []experiment.Figure{
	{Name: "mu_star_sigma_OUTPUT", Title: "Morris screening of an output: each parameter's µ* (importance) against σ, the standard deviation of its elementary effects (non-linearity and interactions), with 95% bootstrap intervals, the noise floor and the line σ = µ*; a ring marks a parameter within its replicate noise", Draw: drawMorris},
	{Name: "sobol_OUTPUT", Title: "Sobol' indices of an output: the first-order and total index of its most influential parameters, with 95% bootstrap intervals; a dagger marks a parameter within its replicate noise", Draw: drawSobol},
}

// Figure settings: how many parameters a figure names.
const (
	morrisTagged = 8  // the μ*–σ plot tags the top 8, with their intervals, and lists them
	sobolBars    = 15 // the index bars show the top 15 by total index
)

// indexRows reads a folder's index table (morris.csv or sobol.csv) and
// noise.csv, and gives, for each output of info, its rows in rank order
// and its noise row.
type indexRows struct {
	table, noise *output.Table
	rows         [][]int // output -> rows of table
	noiseRow     []int   // output -> row of noise.csv
}

func readIndexRows(dir string, info *Info, name string, columns []string) (*indexRows, error) {
	t, err := output.ReadTable(filepath.Join(dir, name), columns...)
	if err != nil {
		return nil, err
	}
	n, err := output.ReadTable(filepath.Join(dir, noiseCSV), noiseColumns...)
	if err != nil {
		return nil, err
	}
	ir := &indexRows{table: t, noise: n, rows: make([][]int, len(info.Outputs)), noiseRow: make([]int, len(info.Outputs))}
	index := func(tb *output.Table, i int) int {
		o := Output{Metric: tb.Cell(i, "metric"), Regime: tb.Cell(i, "regime"), Effect: tb.Cell(i, "effect")}
		for j, out := range info.Outputs {
			if out == o {
				return j
			}
		}
		return -1
	}
	for i := range t.Rows {
		o := index(t, i)
		if o < 0 {
			return nil, t.Errorf(i, "metric", "an output the manifest does not list")
		}
		ir.rows[o] = append(ir.rows[o], i)
	}
	for o := range ir.noiseRow {
		ir.noiseRow[o] = -1
	}
	for i := range n.Rows {
		if o := index(n, i); o >= 0 {
			ir.noiseRow[o] = i
		}
	}
	for o, out := range info.Outputs {
		if len(ir.rows[o]) == 0 || ir.noiseRow[o] < 0 {
			return nil, fmt.Errorf("%s or %s has no rows for %s", t.Path, n.Path, out.Title())
		}
	}
	return ir, nil
}

// floats reads the named columns of row i.
func floats(t *output.Table, i int, names ...string) ([]float64, error) {
	out := make([]float64, len(names))
	for j, n := range names {
		v, err := t.Float(i, n)
		if err != nil {
			return nil, err
		}
		out[j] = v
	}
	return out, nil
}

// caption is the provenance line of a sensitivity figure.
func caption(src experiment.Source, info *Info, extra string) figures.Caption {
	c := src.Caption()
	c.Reps = 0 // the caption says replicates per point itself
	c.Extra = fmt.Sprintf("%d replicates per point; %s; error bars: %g%% bootstrap intervals", src.Manifest.Reps, extra, 100*info.Level)
	return c
}

// unit is the unit of an output, for axis labels.
func unit(o Output) string {
	if t, ok := output.TotalByName(o.Metric); ok {
		return t.Unit
	}
	return ""
}

// notClearOfNoise is what a ring (Morris) or a dagger (Sobol') stands
// for: a parameter whose index cannot be told from what replicate noise
// alone gives it (not AboveNoise).
const notClearOfNoise = "within its replicate noise"

func drawMorris(src experiment.Source) ([]experiment.Drawn, error) {
	info, err := ReadInfo(src.Manifest)
	if err != nil || info.Method != Morris {
		return nil, err
	}
	ir, err := readIndexRows(src.Dir, info, morrisCSV, morrisColumns)
	if err != nil {
		return nil, err
	}
	labels := figureLabels(info.Keys, src.Options().Labels)
	var out []experiment.Drawn
	for o, op := range info.Outputs {
		pts, keys, err := morrisPoints(ir.table, ir.rows[o], labels)
		if err != nil {
			return nil, err
		}
		floor, err := ir.noise.Float(ir.noiseRow[o], "noise_floor")
		if err != nil {
			return nil, err
		}
		guides := []figures.Guide{{Label: "σ = µ*", Slope: 1}}
		if floor > 0 {
			guides = append([]figures.Guide{{Label: "independent noise floor", Vertical: true, X: floor}}, guides...)
		}
		u := unit(op)
		fig, err := figures.IntervalScatter(output.Capitalise(op.Title())+": Morris screening", "µ*, mean absolute elementary effect ("+u+")",
			"spread of elementary effects, σ ("+u+")", pts, guides, notClearOfNoise, keys,
			caption(src, info, fmt.Sprintf("%d trajectories over %d parameters", info.Trajectories, len(Varied(info.Keys)))))
		if err != nil {
			return nil, err
		}
		// report.md's caption: what is plotted, in which unit, what the
		// error bars and lines are (it once gave the title alone).
		what := fmt.Sprintf("Morris screening of %s: each of the %d parameters' µ*, the mean absolute elementary effect, against σ, the standard deviation of its elementary effects, both in %s per unit of the parameter's normalised range; the %d with the largest µ* numbered, with error bars of their %g%% bootstrap intervals over the %d trajectories; the dotted line σ = µ*",
			op.Title(), len(Varied(info.Keys)), u, len(keys), 100*info.Level, info.Trajectories)
		if floor > 0 {
			what += ", the dashed line the noise floor if replicate noise were independent between points"
		}
		if slices.ContainsFunc(pts, func(p figures.IntervalPoint) bool { return p.Open }) {
			what += "; a ring marks a parameter " + notClearOfNoise + " (the lower end of its µ* interval at or below the µ* that noise alone gives it, morris.csv's noise_level)"
		}
		out = append(out, experiment.Drawn{Name: "mu_star_sigma_" + op.Slug(), Title: what, Fig: fig})
	}
	return out, nil
}

// morrisPoints are the points of the μ*–σ plot of one output, from its
// rows of morris.csv in rank order: the leaders tagged with their rank
// and their intervals, named in keys; a parameter within its replicate
// noise a ring.
func morrisPoints(t *output.Table, rows []int, labels map[string]string) ([]figures.IntervalPoint, []string, error) {
	var pts []figures.IntervalPoint
	var keys []string
	for r, i := range rows {
		v, err := floats(t, i, "mu_star", "mu_star_low", "mu_star_high", "sigma", "sigma_low", "sigma_high")
		if err != nil {
			return nil, nil, err
		}
		above, err := aboveNoise(t, i)
		if err != nil {
			return nil, nil, err
		}
		nan := math.NaN()
		// A ring where the interval reaches down into the parameter's
		// own noise level: the rank of such a parameter is not a
		// finding, however far right of the independent floor it is.
		pt := figures.IntervalPoint{X: v[0], Y: v[3], XLo: nan, XHi: nan, YLo: nan, YHi: nan, Open: !above}
		if r < morrisTagged && v[0] > 0 { // the leaders, with their intervals; the rest as dots
			pt.Tag = strconv.Itoa(r + 1)
			pt.XLo, pt.XHi, pt.YLo, pt.YHi = v[1], v[2], v[4], v[5]
			keys = append(keys, pt.Tag+" "+labels[t.Cell(i, "parameter")])
		}
		pts = append(pts, pt)
	}
	return pts, keys, nil
}

func drawSobol(src experiment.Source) ([]experiment.Drawn, error) {
	info, err := ReadInfo(src.Manifest)
	if err != nil || info.Method != Sobol {
		return nil, err
	}
	ir, err := readIndexRows(src.Dir, info, sobolCSV, sobolColumns)
	if err != nil {
		return nil, err
	}
	labels := figureLabels(info.Keys, src.Options().Labels)
	var out []experiment.Drawn
	for o, op := range info.Outputs {
		first, total, marked, err := sobolGroups(ir.table, ir.rows[o][:min(sobolBars, len(ir.rows[o]))], labels)
		if err != nil {
			return nil, err
		}
		share, err := ir.noise.Float(ir.noiseRow[o], "noise_share_means")
		if err != nil {
			return nil, err
		}
		extra := fmt.Sprintf("N = %d base samples; replicate noise independent between points would give a parameter without effect an ST of about %.2f (a reference; each parameter's own level is in sobol.csv)", info.Samples, share)
		if marked {
			extra += "; " + withinNoiseMark + figures.NoBreak + notClearOfNoise
		}
		fig, err := figures.GroupedBars(output.Capitalise(op.Title())+": Sobol' indices", "share of the variance", []figures.Group{first, total}, caption(src, info, extra))
		if err != nil {
			return nil, err
		}
		what := fmt.Sprintf("Sobol' indices of %s: the first-order index S (alone) and the total index ST (with interactions) of the %d parameters with the largest ST, as shares of its variance, with error bars of their %g%% bootstrap intervals over the N = %d base samples",
			op.Title(), len(first.Bars), 100*info.Level, info.Samples)
		if marked {
			what += "; " + withinNoiseMark + " marks a parameter " + notClearOfNoise + " (the lower end of its ST interval at or below the ST that noise alone gives it, sobol.csv's noise_level)"
		}
		out = append(out, experiment.Drawn{Name: "sobol_" + op.Slug(), Title: what, Fig: fig})
	}
	return out, nil
}

// aboveNoise reads row i's above_noise (Result.AboveNoise).
func aboveNoise(t *output.Table, i int) (bool, error) {
	above, err := strconv.ParseBool(t.Cell(i, "above_noise"))
	if err != nil {
		return false, t.Errorf(i, "above_noise", "want true or false, got %q", t.Cell(i, "above_noise"))
	}
	return above, nil
}

// withinNoiseMark follows the name of a parameter within its replicate
// noise on the Sobol' figure, whose bars have no mark of their own to
// draw as a ring (Morris).
const withinNoiseMark = "†"

// sobolGroups are the bars of the Sobol' figure of one output, from its
// rows of sobol.csv in rank order: each parameter's first-order and total
// index, its name marked (withinNoiseMark) if it is within its replicate
// noise; marked says some are.
func sobolGroups(t *output.Table, rows []int, labels map[string]string) (first, total figures.Group, marked bool, err error) {
	// Two indices, not regimes: greys, not the regimes' colours.
	first = figures.Group{Label: "first-order index S: alone", Style: palette.Part(0)}
	total = figures.Group{Label: "total index ST: with interactions", Style: palette.Part(1)}
	for _, i := range rows {
		v, err := floats(t, i, "first", "first_low", "first_high", "total", "total_low", "total_high")
		if err != nil {
			return first, total, false, err
		}
		above, err := aboveNoise(t, i)
		if err != nil {
			return first, total, false, err
		}
		label := labels[t.Cell(i, "parameter")]
		if !above {
			label += figures.NoBreak + withinNoiseMark // on the name's line, never alone on the next
			marked = true
		}
		first.Bars = append(first.Bars, figures.Bar{Label: label, Mean: v[0], Lo: v[1], Hi: v[2]})
		total.Bars = append(total.Bars, figures.Bar{Label: label, Mean: v[3], Lo: v[4], Hi: v[5]})
	}
	return first, total, marked, nil
}

// figureLabels names the varied keys in figures: by the labels --label
// gave, and the others as shortLabels does.
func figureLabels(keys []Key, given map[string]string) map[string]string {
	out := shortLabels(keys)
	for key, text := range given { // into a map: the order does not matter
		if _, ok := out[key]; ok && text != "" {
			out[key] = text
		}
	}
	return out
}

// shortLabels names the varied keys in figures by their last two parts
// (failing.outage_days, Post.capacity, abuse.queue_effect; links.3.hazard
// keeps three), or in full where that would be ambiguous.
func shortLabels(keys []Key) map[string]string {
	short := func(name string) string {
		parts := strings.Split(name, ".")
		n := 2
		if len(parts) > 2 {
			if _, err := strconv.Atoi(parts[len(parts)-2]); err == nil {
				n = 3
			}
		}
		return strings.Join(parts[max(0, len(parts)-n):], ".")
	}
	count := map[string]int{}
	for _, k := range keys {
		if k.Varied {
			count[short(k.Name)]++
		}
	}
	out := map[string]string{}
	for _, k := range keys {
		out[k.Name] = k.Name
		if k.Varied && count[short(k.Name)] == 1 {
			out[k.Name] = short(k.Name)
		}
	}
	return out
}
