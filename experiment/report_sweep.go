package experiment

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
)

// ReportPointsMax is the most points of a sweep whose report.md tables
// every point; a larger sweep's gives each harm's range over its points
// (stats.csv and contrast.csv hold every point).
const ReportPointsMax = 30

// SweepReport is report.md of a sweep folder at dir: what was run (the
// design, a line per varied key), how each headline harm's mean moves
// over the points under each regime, the paired contrast at each point,
// the figures, how to read them, and the scenario's sources.
func SweepReport(x *Prepared, dir string, drawn []Drawn, groups []output.Group) ([]byte, error) {
	f := x.Scenario.File
	sw := x.Sweep
	var b bytes.Buffer
	reportTitle(&b, x)
	b.WriteString("\n\n## What was run\n\n")
	scenarioItem(&b, x)
	design := fmt.Sprintf("a grid of %s, every combination of these values", words.Count(len(x.Points), "point"))
	if sw.Design == "lhs" {
		design = fmt.Sprintf("a Latin hypercube of %s, drawn from the master seed over these ranges", words.Count(len(x.Points), "point"))
	}
	fmt.Fprintf(&b, "- Design: %s:\n", design)
	for _, v := range VariedKeys(sw) {
		// The key's unit, as the figures' axes give it, so that the
		// tables' values below read as quantities.
		unit := ""
		if x.Scenario != nil {
			if u, err := x.Scenario.KeyUnit(v.Key); err == nil && u != "" {
				unit = " (" + u + ")"
			}
		}
		// A key the figures label otherwise (--label) is named once
		// here by its label, so that a reader can tell which key each
		// figure's axis and caption stand for.
		labelled := ""
		if o := x.FigureOptions; o != nil && o.Labels[v.Key] != "" {
			labelled = "; the figures label it “" + output.Literal(o.Labels[v.Key]) + "”"
		}
		fmt.Fprintf(&b, "  - %s%s: %s%s.\n", output.CodeSpan(v.Key), unit, v.Took, labelled)
	}
	fmt.Fprintf(&b, "- Regimes: %s.\n", strings.Join(output.Literals(x.Regimes), ", "))
	fmt.Fprintf(&b, "- %s per point and regime with common random numbers: replicate r meets the same migrants at every point and under every regime.\n", words.Count(x.Reps, "replicate"))
	provenanceItems(&b, x)

	byPoint := groupsByPoint(x, groups)
	headlines := output.Headlines()
	b.WriteString("\n## Results\n\n")
	if len(x.Points) <= ReportPointsMax {
		b.WriteString(resultsLead(x.Reps, "Means over replicates at each point, with 95% confidence intervals of the mean;"))
		b.WriteString(" `stats.csv` gives every metric, `summary.csv` every run.\n")
		cells := pointCellsOf(x)
		for _, h := range headlines {
			t := output.TotalIndex(h.Name)
			fmt.Fprintf(&b, "\n### %s\n\n", output.Capitalise(h.Title))
			pointHeader(&b, x.Keys, output.Literals(x.Regimes))
			for p, point := range x.Points {
				cells.write(&b, point)
				for _, g := range byPoint[p] {
					cell := "–"
					if g != nil {
						cell = output.FormatStat(output.Describe(g.Column(t)))
					}
					fmt.Fprintf(&b, "%s|", cell)
				}
				b.WriteString("\n")
			}
		}
	} else {
		fmt.Fprintf(&b, "The lowest and the highest mean over replicates among the %s points, under each regime, and where; `stats.csv` gives every point's mean of every metric with its 95%% confidence interval, `summary.csv` every run.\n\n", words.Whole(int64(len(x.Points))))
		b.WriteString("|harm|regime|lowest mean|at|highest mean|at|\n|---|---|---:|---|---:|---|\n")
		for _, h := range headlines {
			t := output.TotalIndex(h.Name)
			for r, name := range x.Regimes {
				lo, hi := -1, -1
				means := make([]float64, len(x.Points))
				for p := range x.Points {
					means[p] = math.NaN()
					if g := byPoint[p][r]; g != nil {
						means[p] = output.Describe(g.Column(t)).Mean
					}
					if math.IsNaN(means[p]) {
						continue
					}
					if lo < 0 || means[p] < means[lo] {
						lo = p
					}
					if hi < 0 || means[p] > means[hi] {
						hi = p
					}
				}
				if lo < 0 {
					continue
				}
				// Where: the first point of the lowest (highest) mean, and
				// how many others share it (a rare harm is often 0 at many).
				where := func(at int) string {
					same := 0
					for _, v := range means {
						if v == means[at] {
							same++
						}
					}
					switch {
					case same == len(means):
						return "every point"
					case same > 1:
						return pointWords(x.Keys, x.Points[at]) + " and " + words.Count(same-1, "other point")
					}
					return pointWords(x.Keys, x.Points[at])
				}
				fmt.Fprintf(&b, "|%s|%s|%s|%s|%s|%s|\n", h.Title, output.Literal(name),
					output.FormatCount(means[lo]), where(lo), output.FormatCount(means[hi]), where(hi))
			}
		}
	}
	if a, bb, ok := SplitContrast(sw.Contrast, x.Regimes); ok {
		contrastSection(&b, x, a, bb, output.Contrasts(a, bb, groups))
	}
	WriteFigures(&b, drawn)
	readingSection(&b, f, x.Reps, "Differences between regimes are best judged on paired replicates: `contrast.csv` gives one at each point, `borderwork claim` tests the claim.")
	WriteFleeNotes(&b, f, FleeNotesIntro) // no --by-location in a sweep, so no tables of places
	WriteSources(&b, f)
	return b.Bytes(), nil
}

// contrastSection is a sweep report's section on its contrast a − b: for
// each headline harm, at how many points the paired interval lies above
// zero, below it, or spans it, and, for a sweep of few points, the
// difference at each.
func contrastSection(b *bytes.Buffer, x *Prepared, a, bName string, points []output.ContrastPoint) {
	name := output.Literal(a) + " − " + output.Literal(bName)
	fmt.Fprintf(b, "\n## Contrast: %s\n\n", name)
	if x.Reps == 1 {
		fmt.Fprintf(b, "The paired difference %s at each point, in the one replicate both regimes ran there (they share seeds, so meet the same migrants), with no interval (`contrast.csv`; give --reps 2 or more for one).\n\n", name)
	} else {
		fmt.Fprintf(b, "The paired difference %s at each point, over the replicates both regimes ran there (they share seeds, so meet the same migrants), with its 95%% confidence interval (`contrast.csv`). Each interval is of its point alone, not corrected for the %s looked at.\n\n", name, words.Count(len(points), "point"))
	}
	headlines := output.Headlines()
	for _, h := range headlines {
		t := output.TotalIndex(h.Name)
		var counts [4]int // above zero, below, spanning it, no interval
		for _, cp := range points {
			s := cp.Stats[t]
			switch {
			case math.IsNaN(s.Lo):
				counts[3]++
			case s.Lo > 0:
				counts[0]++
			case s.Hi < 0:
				counts[1]++
			default:
				counts[2]++
			}
		}
		fmt.Fprintf(b, "- %s: %s.\n", output.Capitalise(h.Title), contrastCounts(counts, len(points)))
	}
	if len(points) == 0 || len(points) > ReportPointsMax {
		return
	}
	titles := make([]string, len(headlines))
	for i, h := range headlines {
		titles[i] = h.Title
	}
	if x.Reps == 1 {
		b.WriteString("\nDifference in the one replicate:\n\n")
	} else {
		b.WriteString("\nMean difference [95% confidence interval]:\n\n")
	}
	pointHeader(b, x.Keys, titles)
	cells := pointCellsOf(x)
	for _, cp := range points {
		cells.write(b, cp.Params)
		for _, h := range headlines {
			s := cp.Stats[output.TotalIndex(h.Name)]
			cell := output.FormatCount(s.Mean)
			if !math.IsNaN(s.Lo) {
				cell += " [" + output.FormatCount(s.Lo) + ", " + output.FormatCount(s.Hi) + "]"
			}
			fmt.Fprintf(b, "%s|", cell)
		}
		b.WriteString("\n")
	}
}

// contrastCounts says at how many of n points a contrast's interval lies
// above zero, below it, spans it, or is missing (counts, in that order):
// "below zero at all 3 points", "above zero at 2 of the 3 points,
// spanning zero at 1".
func contrastCounts(counts [4]int, n int) string {
	names := [4]string{"above zero", "below zero", "spanning zero", "without an interval (one replicate)"}
	var parts []string
	for i, c := range counts {
		switch {
		case c == 0:
		case c == n && n == 1:
			return names[i] + " at the one point"
		case c == n:
			return names[i] + " at all " + words.Whole(int64(n)) + " points"
		case len(parts) == 0:
			parts = append(parts, fmt.Sprintf("%s at %s of the %s points", names[i], words.Whole(int64(c)), words.Whole(int64(n))))
		default:
			parts = append(parts, fmt.Sprintf("%s at %s", names[i], words.Whole(int64(c))))
		}
	}
	if len(parts) == 0 {
		return "no point to compare"
	}
	return strings.Join(parts, ", ")
}

// groupsByPoint arranges groups by point and regime, in x's orders: nil
// where no group is (a shard's).
func groupsByPoint(x *Prepared, groups []output.Group) [][]*output.Group {
	at := pointIndex(x.Points)
	byPoint := make([][]*output.Group, len(x.Points)) // point -> regime -> group
	for i := range byPoint {
		byPoint[i] = make([]*output.Group, len(x.Regimes))
	}
	regimeIndex := map[string]int{}
	for r, name := range x.Regimes {
		regimeIndex[name] = r
	}
	for i := range groups {
		g := &groups[i]
		p, ok := at[fmt.Sprint(g.Params)]
		r, known := regimeIndex[g.Regime]
		if ok && known {
			byPoint[p][r] = g
		}
	}
	return byPoint
}

// SweepTable is the table of summary total t at each point of sweep x
// that the terminal shows: a header row (the varied keys, then the
// regimes), then a row per point, its values as report.md writes them
// and each regime's mean ± 95% confidence half-width over its replicates
// ("–" where groups has none).
func SweepTable(x *Prepared, groups []output.Group, t int) [][]string {
	rows := [][]string{append(slices.Clone(x.Keys), x.Regimes...)}
	cells := pointCellsOf(x)
	for p, gs := range groupsByPoint(x, groups) {
		row := cells.values(x.Points[p])
		for _, g := range gs {
			cell := "–"
			if g != nil {
				cell = output.FormatStat(output.Describe(g.Column(t)))
			}
			row = append(row, cell)
		}
		rows = append(rows, row)
	}
	return rows
}

// pointIndex maps each point, as fmt.Sprint writes it, to its index.
func pointIndex(points [][]float64) map[string]int {
	at := make(map[string]int, len(points))
	for i, p := range points {
		at[fmt.Sprint(p)] = i
	}
	return at
}

// pointHeader writes the header of a table with a column per key, then
// one per column.
func pointHeader(b *bytes.Buffer, keys, columns []string) {
	b.WriteString("|")
	for _, k := range keys {
		fmt.Fprintf(b, "%s|", output.Literal(k))
	}
	for _, c := range columns {
		fmt.Fprintf(b, "%s|", c)
	}
	b.WriteString("\n|")
	for range keys {
		b.WriteString("---:|")
	}
	for range columns {
		b.WriteString("---:|")
	}
	b.WriteString("\n")
}

// pointCells writes the start of a table's row, a point's values: as the
// grid gives them; for a Latin hypercube, whose draws have some 17
// digits (0.0019226545276955316), to the fewest significant digits, at
// least 3, that tell the design's points apart in each column
// (stats.csv gives them whole).
type pointCells struct{ digits []int } // nil: as given

func pointCellsOf(x *Prepared) pointCells {
	if x.Sweep == nil || x.Sweep.Design != "lhs" || len(x.Points) == 0 {
		return pointCells{}
	}
	digits := make([]int, len(x.Keys))
	for j := range digits {
		for digits[j] = 3; digits[j] < 17; digits[j]++ {
			seen := map[string]float64{}
			apart := true
			for _, p := range x.Points {
				s := strconv.FormatFloat(p[j], 'g', digits[j], 64)
				if v, ok := seen[s]; ok && v != p[j] {
					apart = false
					break
				}
				seen[s] = p[j]
			}
			if apart {
				break
			}
		}
	}
	return pointCells{digits}
}

func (c pointCells) write(b *bytes.Buffer, point []float64) {
	b.WriteString("|")
	for _, s := range c.values(point) {
		fmt.Fprintf(b, "%s|", s)
	}
}

// values are a point's values as its row gives them.
func (c pointCells) values(point []float64) []string {
	out := make([]string, len(point))
	for j, v := range point {
		out[j] = output.FormatFloat(v)
		if c.digits != nil {
			r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', c.digits[j], 64), 64)
			out[j] = output.FormatFloat(r)
		}
	}
	return out
}

// pointWords says where a point is: "key = 0.5, other = 2".
func pointWords(keys []string, point []float64) string {
	parts := make([]string, len(keys))
	for j, k := range keys {
		parts[j] = output.Literal(k) + " = " + output.FormatValue(point[j]) // to three significant digits: a Latin hypercube's points are drawn
	}
	return strings.Join(parts, ", ")
}
