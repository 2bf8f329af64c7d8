package claim

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/internal/portable"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/figures"
	"github.com/borderwork/borderwork/output/figures/palette"
	"github.com/borderwork/borderwork/scenarios"
)

// Figures is a claim folder's figure registry: the compare figures of the
// arms (in a split folder, of its corner cells alone: cornersOnly), then
// the claim's own, all drawn from the folder's tables.
var Figures = append(cornersOnly(experiment.CompareFigures),
	experiment.Figure{Name: "effects_HARM", Title: "The claim's effects on one harm (malfunction at each setting of closure, closure at each setting of malfunction, the main effects, with --split-malfunction those of malfunction's parts reliability, integrity and information too, the difference of malfunction's and closure's, and the claim's effects again without protection, where the named regimes lie): mean paired differences over replicates, with 95% confidence intervals of the mean", Draw: drawEffects},
	experiment.Figure{Name: "cells_HARM", Title: "Mean harm per run in each cell of the design, with 95% confidence intervals of each cell's mean, which hold the spread between replicates that the paired effects remove (overlapping bars do not mean no paired difference: see effects_HARM): closure on the axis, malfunction and protection as series", Draw: drawCells},
	experiment.Figure{Name: "waiting_HARM", Title: "With --waiting-off, on an abuse harm: malfunction's effect at each setting of closure (and without protection), its effect with waiting's effects on abuse switched off, and the part through them, each with its 95% confidence interval of the mean (waiting.csv)", Draw: drawWaiting},
	experiment.Figure{Name: "mediation", Title: "Abuse events per run in each arm (means, without intervals), on migrants trapped or stranded at the time and on the others; in a folder that splits malfunction, the 8 cells with its parts all working or all failing", Draw: drawMediation},
	experiment.Figure{Name: "robustness_claim", Title: "Share of the assumption space where the claim holds, fails or is inconclusive, per harm", Draw: drawRobustnessShares},
	experiment.Figure{Name: "robustness_map_HARM", Title: "Share of the conclusive points where the claim holds on a harm (on an abuse harm where it holds at no point, where malfunction harms more than closure), over the two assumptions that move it most, binned; grey where fewer than 3 points are conclusive", Draw: drawRobustnessMaps},
)

// figureEffects are the effects of the effects_HARM figures, with their
// short labels.
var figureEffects = []struct{ id, label string }{
	{"malfunction|closure=open", "malfunction, open"},
	{"malfunction|closure=closed", "malfunction, closed"},
	{"closure|malfunction=working", "closure, working"},
	{"closure|malfunction=failing", "closure, failing"},
	{"malfunction", "malfunction"},
	// The parts of malfunction, in a folder that splits it (with
	// --split-malfunction): their main effects.
	{"reliability", "reliability"},
	{"integrity", "integrity"},
	{"information", "information"},
	{"closure", "closure"},
	{"protection", "protection"},
	{MalfunctionMinusClosure, "malfunction − closure"},
	// The claim's effects read again without protection, where the named
	// regimes lie, in a folder that reads them (docs/CLAIM.md): under
	// secondHeading, labelled as their counterparts above, so that a
	// label with its verdict fits on one line at --size single.
	{AtNone("malfunction|closure=open"), "malfunction, open"},
	{AtNone("malfunction|closure=closed"), "malfunction, closed"},
	{AtNone(Closure.Name), "closure"},
	{AtNone(MalfunctionMinusClosure), "malfunction − closure"},
}

// secondHeading heads the effects_HARM figures' bars of the second
// reading, a row of its own with no bar (the caption says so).
const secondHeading = "without protection:"

func drawEffects(src experiment.Source) ([]experiment.Drawn, error) {
	if src.Unanalysed("effects.csv") {
		return nil, nil
	}
	ests, err := ReadEffects(filepath.Join(src.Dir, "effects.csv"))
	if err != nil {
		return nil, err
	}
	caption := src.Caption()
	// The bars are the mean paired effect over replicates and the error
	// bars its Student-t interval (Estimate), each at 95%, unadjusted;
	// the verdicts come from Holm-adjusted tests, so an interval inside
	// the band may still carry another verdict: each bar's label names
	// its verdict.
	caption.Centre = "bars: mean"
	caption.Spread = figures.CIErrorBars
	caption.Extra = "each bar is the paired effect of switching one setting on, with its verdict; intervals not adjusted for multiple tests, verdicts from Holm-adjusted tests (effects.csv)"
	var out []experiment.Drawn
	for _, h := range Harms() {
		// One series: no legend entry names it; the legend names the margin.
		// Effects are no regime: grey, not a regime's colour.
		g := figures.Group{Style: palette.Part(0)}
		delta := math.NaN()
		applies, headed := false, false
		for _, fe := range figureEffects {
			i := slices.IndexFunc(ests, func(e Estimate) bool { return e.Effect.ID == fe.id && e.Harm == h })
			if i < 0 {
				continue
			}
			if IsAtNone(fe.id) && !headed {
				g.Bars = append(g.Bars, figures.Bar{Label: secondHeading}) // 0 to 0: no bar, no error bar
				headed = true
			}
			applies = applies || ests[i].Verdict != NotApplicable
			g.Bars = append(g.Bars, figures.Bar{Label: fe.label + ": " + VerdictWords(fe.id, ests[i].Verdict), Mean: ests[i].Mean, Lo: ests[i].Lo, Hi: ests[i].Hi})
			delta = ests[i].SESOI // one per harm: Estimate.SESOI
		}
		title := "Effects on " + Title(h) + " (above 0: more harm)"
		var margin figures.Margin
		if !applies {
			// Bars at 0 inside the band would read as "no meaningful
			// difference"; the harm never happened, so nothing was tested.
			title = "Effects on " + Title(h) + ": not applicable, 0 in every run of every cell"
		} else if delta > 0 && !math.IsInf(delta, 0) {
			margin = figures.Margin{Delta: delta, Label: "±" + FormatSESOI(delta) + ": smallest effect of interest"}
		}
		c := caption
		if headed {
			c.Extra += "; below \"" + secondHeading + "\", the claim's effects among the cells without protection, where the named regimes lie"
		}
		fig, err := figures.GroupedBarsWithin(title, Title(h)+" per run, difference", []figures.Group{g}, margin, c)
		if err != nil {
			return nil, err
		}
		out = append(out, experiment.Drawn{Name: "effects_" + h, Title: title, Fig: fig})
	}
	return out, nil
}

// waitingLabels are the chain's effects as the waiting figures label
// them.
var waitingLabels = map[string]string{ // looked up only
	"malfunction|closure=open":           "malfunction, open",
	"malfunction|closure=closed":         "malfunction, closed",
	AtNone("malfunction|closure=open"):   "malfunction, open, without protection",
	AtNone("malfunction|closure=closed"): "malfunction, closed, without protection",
}

// drawWaiting draws, in a folder written with --waiting-off, one figure
// per abuse harm from waiting.csv: for each of the chain's effects, the
// total, the effect with waiting's effects off and the part through
// them, as three bars with their intervals. Nothing in other folders.
func drawWaiting(src experiment.Source) ([]experiment.Drawn, error) {
	d, _, err := claimDesign(src.Manifest)
	if err != nil || !d.WaitingOff || src.Unanalysed("waiting.csv") {
		return nil, err
	}
	rows, err := ReadWaiting(filepath.Join(src.Dir, "waiting.csv"))
	if err != nil {
		return nil, err
	}
	caption := src.Caption()
	caption.Centre = "bars: mean"
	caption.Spread = figures.CIErrorBars
	caption.Extra = "the same migrants with and without waiting's effects on abuse (abuse.desperation_effect, abuse.queue_effect 0); intervals not adjusted, no test (waiting.csv)"
	var out []experiment.Drawn
	for _, h := range ChainHarms {
		// Parts of an effect, not regimes: greys.
		total := figures.Group{Label: "malfunction's effect", Style: palette.Part(0)}
		direct := figures.Group{Label: "with waiting's effects off", Style: palette.Part(1)}
		through := figures.Group{Label: "through waiting's effects", Style: palette.Part(2)}
		for _, w := range rows {
			label, ok := waitingLabels[w.Effect]
			if w.Harm != h || !ok {
				continue
			}
			total.Bars = append(total.Bars, figures.Bar{Label: label, Mean: w.Total.Mean, Lo: w.Total.Lo, Hi: w.Total.Hi})
			direct.Bars = append(direct.Bars, figures.Bar{Label: label, Mean: w.Direct.Mean, Lo: w.Direct.Lo, Hi: w.Direct.Hi})
			through.Bars = append(through.Bars, figures.Bar{Label: label, Mean: w.Through.Mean, Lo: w.Through.Lo, Hi: w.Through.Hi})
		}
		if len(total.Bars) == 0 {
			continue
		}
		title := "How much of malfunction's effect on " + Title(h) + " goes through waiting"
		fig, err := figures.GroupedBars(title, Title(h)+" per run, difference", []figures.Group{total, direct, through}, caption)
		if err != nil {
			return nil, err
		}
		out = append(out, experiment.Drawn{Name: "waiting_" + h, Title: title, Fig: fig})
	}
	return out, nil
}

// cornersOnly makes the figures of compare's registry that draw a series
// or a group of bars per regime draw, in a folder whose design splits
// malfunction into its parts (32 cells), only the eight corner cells,
// where the parts are all working or all failing (the cells of the
// unsplit design, as cells_HARM draws them), and say so in the caption:
// 32 lines or groups of bars cannot be told apart, nor their legend fit.
func cornersOnly(registry []experiment.Figure) []experiment.Figure {
	out := slices.Clone(registry)
	for i, f := range out {
		if !f.OverDays && !f.PerRegime {
			continue
		}
		draw := f.Draw
		out[i].Title += "; in a folder that splits malfunction, the 8 cells with its parts all working or all failing; not the cells run again with waiting's effects off (--waiting-off)"
		out[i].Draw = func(src experiment.Source) ([]experiment.Drawn, error) {
			d, info, err := claimDesign(src.Manifest)
			if err != nil {
				return nil, err
			}
			corners := d.Corners()
			var note string
			// report.md's captions name the series as what they are: the
			// design's combinations, and the scenario's own regimes where
			// they are drawn (not in a split folder's figures).
			series := strings.NewReplacer("per regime", "per combination of the design", "regimes with", "combinations with")
			if len(info.Own) > 0 && len(corners) == d.NCells() {
				series = strings.NewReplacer("per regime", "per combination of the design and regime of the scenario's own", "regimes with", "combinations and regimes with")
			}
			switch {
			case len(corners) < d.NCells():
				for _, c := range corners {
					src.Only = append(src.Only, d.CellName(c))
				}
				note = cornersNote(len(corners), d.NCells())
			case d.WaitingOff:
				// The copies would double the lines, in styles that
				// repeat; their effect is waiting.csv's.
				src.Only = append(d.CellNames(), info.Own...)
				note = "not drawn: the cells run again with waiting's effects off (waiting.csv)"
			}
			drawn, err := draw(src)
			for i := range drawn {
				drawn[i].Title = series.Replace(drawn[i].Title)
				if note == "" {
					continue
				}
				drawn[i].Title += "; " + note
				if drawn[i].Fig != nil {
					drawn[i].Fig.AddCaption(note)
				}
			}
			return drawn, err
		}
	}
	return out
}

// cornersNote is the caption's note of a figure that draws only the n
// corner cells of a design of cells.
func cornersNote(n, cells int) string {
	return fmt.Sprintf("drawn: the %d of %d cells with malfunction's parts all working or all failing", n, cells)
}

// style is a claim folder's Kind.Style: a cell that is a built-in regime
// (like) takes that regime's colour; the other corner cells (Corners: the
// cells of the unsplit design) the next colours of the palette, in cell
// order, as in a folder that does not split malfunction; the mixed cells
// of a split folder, which no compare figure draws, the slots after
// those, whose colours are never a built-in regime's. So a colour means
// one cell in every figure of the folder, and the same cell in a split
// folder and an unsplit one.
func style(src experiment.Source) (func(string) int, error) {
	d, _, err := claimDesign(src.Manifest)
	if err != nil {
		return nil, err
	}
	as, err := like(src)
	if err != nil {
		return nil, err
	}
	names := d.CellNames()
	corners := d.Corners()
	order := slices.Clone(corners)
	for c := range names {
		if !slices.Contains(corners, c) {
			order = append(order, c)
		}
	}
	styles := make(map[string]int, len(names))
	n := 0
	for _, c := range order {
		if b := as(names[c]); b != "" {
			styles[names[c]] = palette.RegimeStyle(b, nil)
			continue
		}
		styles[names[c]] = len(scenarios.BuiltinRegimes) + n + 1
		n++
	}
	return func(regime string) int {
		if st, ok := styles[regime]; ok {
			return st
		}
		if slices.Contains(scenarios.BuiltinRegimes, regime) {
			return palette.RegimeStyle(regime, nil)
		}
		return len(scenarios.BuiltinRegimes) + n + 1
	}, nil
}

// like is a claim folder's Kind.Like: a cell of the design stands for
// the built-in regime it equals in the folder's scenario (Design.
// BuiltinCell, as report.md names it), so that the compare figures draw
// it in that regime's colour.
func like(src experiment.Source) (func(string) string, error) {
	d, _, err := claimDesign(src.Manifest)
	if err != nil {
		return nil, err
	}
	s, err := src.Resolved()
	if err != nil {
		return nil, err
	}
	names := d.CellNames()
	builtin := make([]string, len(names))
	for c := range names {
		builtin[c] = d.BuiltinCell(s, c)
	}
	return func(regime string) string {
		if c := slices.Index(names, regime); c >= 0 {
			return builtin[c]
		}
		return ""
	}, nil
}

// claimDesign rebuilds the design a folder ran, from its manifest.
func claimDesign(m *output.Manifest) (Design, *Info, error) {
	info, err := ReadInfo(m)
	if err != nil {
		return Design{}, nil, err
	}
	return info.options().design(), info, nil
}

func drawCells(src experiment.Source) ([]experiment.Drawn, error) {
	d, _, err := claimDesign(src.Manifest)
	if err != nil {
		return nil, err
	}
	_, rows, err := output.ReadSummary(filepath.Join(src.Dir, "summary.csv"))
	if err != nil {
		return nil, err
	}
	groups := output.GroupByRegime(rows)
	ci, pi := d.Index(Closure.Name), d.Index(Protection.Name)
	// Each bar is a cell's mean over its replicates, its error bar the
	// Student-t interval of that mean (output.Describe), cut at 0 below,
	// as a harm is never negative.
	legend, err := src.Legend()
	if err != nil {
		return nil, err
	}
	caption := src.Caption()
	caption.Centre = "bars: mean"
	caption.Spread = figures.CIErrorBars + ", cut at 0"
	var out []experiment.Drawn
	for _, h := range Harms() {
		t := output.TotalIndex(h)
		var series []figures.Group
		for _, prot := range []bool{false, true} {
			for _, failing := range []bool{false, true} {
				name := fmt.Sprintf("%s, %s", map[bool]string{false: Malfunction.Low, true: Malfunction.High}[failing], map[bool]string{false: "no protection", true: Protection.High}[prot])
				g := figures.Group{Label: name}
				for _, closed := range []bool{false, true} {
					c := -1
					for cell := range d.NCells() {
						if d.On(cell, ci) == closed && d.On(cell, pi) == prot && d.malfunctionOn(failing)(cell) {
							c = cell
						}
					}
					label := map[bool]string{false: Closure.Low, true: Closure.High}[closed]
					b := figures.Bar{Label: label, Mean: math.NaN(), Lo: math.NaN(), Hi: math.NaN(), Style: palette.Neutral} // no cell: no bar, no legend entry
					if c >= 0 {
						// Each bar takes the colour (and hatch) its cell has
						// in the folder's other figures, and the legend names
						// the cell as they do: no colour means one cell there
						// and another here.
						b.Key = legend(d.CellName(c))
						if b.Style, err = src.RegimeStyle(d.CellName(c), d.CellNames()); err != nil {
							return nil, err
						}
					}
					if gi := slices.IndexFunc(groups, func(g output.Group) bool { return c >= 0 && g.Regime == d.CellName(c) }); gi >= 0 {
						s := output.Describe(groups[gi].Column(t))
						b.Mean, b.Lo, b.Hi = s.Mean, math.Max(0, s.Lo), s.Hi
					}
					g.Bars = append(g.Bars, b)
				}
				series = append(series, g)
			}
		}
		title := output.Capitalise(Title(h)) + " in each cell of the design"
		c := caption
		if drawsInterval(series) {
			c.Extra = cellsIntervalNote(h)
		}
		fig, err := figures.GroupedBars(title, Title(h)+" per run", series, c)
		if err != nil {
			return nil, err
		}
		out = append(out, experiment.Drawn{Name: "cells_" + h, Title: title, Fig: fig})
	}
	return out, nil
}

// cellsIntervalNote is the caption's warning on cells_HARM's error bars
// (referee 8, N3): each is the interval of one cell's mean, wide with the
// spread between replicates, which the paired effects (common random
// numbers) remove, so two bars can overlap where the paired effect
// between their cells is clear.
func cellsIntervalNote(harm string) string {
	return "each interval is of one cell's mean, with the spread between replicates that the paired effects remove: overlapping bars do not mean no paired difference (see effects_" + harm + ")"
}

// drawsInterval reports whether a bar of groups has an interval of some
// width, which GroupedBars draws as an error bar.
func drawsInterval(groups []figures.Group) bool {
	for _, g := range groups {
		for _, b := range g.Bars {
			if b.Lo < b.Hi { // false where either is NaN
				return true
			}
		}
	}
	return false
}

func drawMediation(src experiment.Source) ([]experiment.Drawn, error) {
	if src.Unanalysed("mediation.csv") {
		return nil, nil
	}
	med, err := ReadMediation(filepath.Join(src.Dir, "mediation.csv"))
	if err != nil {
		return nil, err
	}
	d, _, err := claimDesign(src.Manifest)
	if err != nil {
		return nil, err
	}
	// In a folder that splits malfunction, the 32 cells' labels cannot
	// be read at a column's width: the corner cells alone are drawn, as
	// the compare figures draw them (cornersOnly), and mediation.csv
	// holds them all.
	corners := d.Corners()
	var drawn []string
	if len(corners) < d.NCells() {
		for _, c := range corners {
			drawn = append(drawn, d.CellName(c))
		}
	}
	// Parts of a whole, not regimes: greys, not the regimes' colours.
	on := figures.Group{Label: "on trapped or stranded migrants", Style: palette.Part(0)}
	// Two parts: the darkest grey and a light one, apart in print.
	off := figures.Group{Label: "on others", Style: palette.Part(2)}
	for _, m := range med {
		if m.Kind != "arm" || drawn != nil && !slices.Contains(drawn, m.Row) {
			continue
		}
		on.Bars = append(on.Bars, figures.Bar{Label: m.Row, Mean: m.Immobile, Lo: math.NaN(), Hi: math.NaN()})
		off.Bars = append(off.Bars, figures.Bar{Label: m.Row, Mean: m.Events - m.Immobile, Lo: math.NaN(), Hi: math.NaN()})
	}
	title := "Abuse events on migrants trapped or stranded at the time, and on others"
	caption := src.Caption()
	caption.Centre = "bars: mean" // mediation.csv's arm rows: means per run, without intervals
	// A reader looks for error bars, and their absence could read as
	// certainty (referee 8, N3): say there are none, and where the
	// intervals of the effects on abuse are.
	caption.Extra = mediationNoIntervals
	if drawn != nil {
		caption.Extra += " · " + cornersNote(len(corners), d.NCells()) + " (all in mediation.csv)"
	}
	fig, err := figures.GroupedBars(title, "abuse events per run (mean)", []figures.Group{on, off}, caption)
	if err != nil {
		return nil, err
	}
	if drawn != nil {
		title += "; " + cornersNote(len(corners), d.NCells())
	}
	return []experiment.Drawn{{Name: "mediation", Title: title, Fig: fig}}, nil
}

// mediationNoIntervals is the mediation figure's caption on what it does
// not show.
const mediationNoIntervals = "means only, no intervals: mediation.csv and report.md give the effects on abuse, and their part on trapped or stranded migrants, with 95% intervals"

// readRobustnessFigures reads what the robustness figures draw; nil when
// the folder has no robustness check.
func readRobustnessFigures(src experiment.Source) (*RobustnessResult, figures.Caption, error) {
	path := filepath.Join(src.Dir, "robustness.csv")
	if _, err := os.Stat(path); err != nil {
		return nil, figures.Caption{}, nil
	}
	rob, err := ReadRobustness(path)
	if err != nil {
		return nil, figures.Caption{}, err
	}
	reps := 0
	if info, err := ReadInfo(src.Manifest); err == nil && info.Robustness != nil {
		reps, rob.Recorded = info.Robustness.Reps, info.Robustness.Assumptions
	}
	caption := figures.Caption{Scenario: src.Manifest.Scenario, Seed: src.Manifest.Seed,
		Extra: fmt.Sprintf("Latin hypercube of %d points, %d replicates per arm at each", len(rob.Points), reps)}
	return rob, caption, nil
}

func drawRobustnessShares(src experiment.Source) ([]experiment.Drawn, error) {
	rob, caption, err := readRobustnessFigures(src)
	if rob == nil || err != nil {
		return nil, err
	}
	groups := make([]figures.Group, len(RobustnessColumns))
	for i, col := range RobustnessColumns {
		groups[i] = figures.Group{Label: col.Heading, Style: col.Style}
	}
	seen := make([]bool, len(groups))
	for h, harm := range Harms() {
		shares := rob.Shares(h)
		for i := range groups {
			seen[i] = seen[i] || shares[i] > 0
			groups[i].Bars = append(groups[i].Bars, figures.Bar{Label: Title(harm), Mean: 100 * shares[i], Lo: math.NaN(), Hi: math.NaN()})
		}
	}
	// A series of zeros would only add to the legend: the two rarer
	// outcomes are drawn only when some point has them.
	var drawn []figures.Group
	for i, g := range groups {
		if seen[i] || (i != 1 && i != 4) {
			drawn = append(drawn, g)
		}
	}
	groups = drawn
	title := "Where in the space of assumptions the claim holds"
	fig, err := figures.GroupedBars(title, "% of points", groups, caption)
	if err != nil {
		return nil, err
	}
	return []experiment.Drawn{{Name: "robustness_claim", Title: title, Fig: fig}}, nil
}

// MapHarms are the harms whose robustness maps are drawn.
var MapHarms = []string{"trapped_person_days", "abused_migrants"}

// mapPair is the two assumptions that move the margin on harm h most.
func mapPair(rob *RobustnessResult, h int) (a, b string, ok bool) {
	infl := rob.Influences(h)
	if len(infl) < 2 {
		return "", "", false
	}
	return infl[0].Assumption, infl[1].Assumption, true
}

func drawRobustnessMaps(src experiment.Source) ([]experiment.Drawn, error) {
	rob, caption, err := readRobustnessFigures(src)
	if rob == nil || err != nil {
		return nil, err
	}
	sc, err := src.Resolved()
	if err != nil {
		return nil, err
	}
	rob.SetIdle(sc)
	axis := func(a Assumption) string { return a.AxisLabel(sc.KeyUnit) }
	var out []experiment.Drawn
	for _, harm := range MapHarms {
		h := slices.Index(Harms(), harm)
		a, b, ok := mapPair(rob, h)
		if !ok || h < 0 {
			continue
		}
		ja, jb := slices.Index(rob.IDs, a), slices.Index(rob.IDs, b)
		la, lb := rob.Assumption(ja), rob.Assumption(jb)
		title, worse := MapTitle(rob, h)
		x, y, z, counts, conclusive := holdsMap(rob, h, ja, jb, la, lb, worse)
		c := caption
		c.Extra += " · " + mapCaption(harm, conclusive, len(rob.Points), worse) + " · x: " + la.KeyWords() + "; y: " + lb.KeyWords()
		legend := "share of conclusive points where the claim holds"
		if worse {
			legend = "share of conclusive points where malfunction harms more"
		}
		// An assumption drawn log-uniformly is drawn on a log axis: its
		// bins' centres at their logarithms.
		for i := range x {
			x[i], y[i] = mapCoord(la, x[i]), mapCoord(lb, y[i])
		}
		fig, err := figures.HeatmapWith(title, axis(la), axis(lb), legend, x, y, z,
			figures.HeatOptions{Lo: 0, Hi: 1, Counts: counts, Binned: true, Missing: fmt.Sprintf("fewer than %d conclusive", mapMinConclusive)}, c)
		if err != nil {
			return nil, err
		}
		if la.Log {
			fig.LogAxisX()
		}
		if lb.Log {
			fig.LogAxisY()
		}
		out = append(out, experiment.Drawn{Name: "robustness_map_" + harm, Title: title, Fig: fig})
	}
	return out, nil
}

// mapMinConclusive is the fewest conclusive points a robustness map's
// cell needs to be coloured: a share of one or two points (0, 50% or
// 100%) would paint a quarter of the plane from a single run of luck.
const mapMinConclusive = 3

// MapTitle is the title of the robustness map on harm h, and whether it
// colours the share of points where malfunction harms more than closure
// (the claim holding through trapping or not) rather than where the
// claim holds: where it holds at no point, a map of where it holds is
// one colour and shows nothing, as classroom's on migrants abused was.
func MapTitle(rob *RobustnessResult, h int) (title string, worse bool) {
	harm := Harms()[h]
	// Off the chain's harms nothing holds but not through trapping: the
	// two shares are one.
	if !slices.Contains(ChainHarms, harm) || slices.ContainsFunc(rob.Claims, func(c []ClaimVerdict) bool { return c[h].Holds == ClaimHolds }) {
		return "Where the claim holds on " + Title(harm), false
	}
	return "Where malfunction harms more than closure on " + Title(harm), true
}

// mapCaption says what a robustness map on harm shows. Only on the harms
// whose claim includes its chain (ChainHarms) can a point hold but not
// through trapping, so only their maps say how it is counted; worse is
// MapTitle's.
func mapCaption(harm string, conclusive, points int, worse bool) string {
	text := "colours: share of a cell's conclusive points (the claim holds or fails) where it holds"
	switch {
	case worse:
		text = fmt.Sprintf("the claim holds at none of the %d points, so the colours show instead the share of a cell's conclusive points (the claim holds, holds but not through trapping, or fails) where malfunction harms more than closure: where it holds, through trapping or not (robustness_claim shows the two apart)", points)
	case slices.Contains(ChainHarms, harm):
		text = fmt.Sprintf("colours: share of a cell's conclusive points (the claim holds, holds but not through trapping, or fails) where it holds · %q counts as not holding, as \"fails\" does: on this harm the claim is that malfunction harms more through trapping (robustness_claim shows it apart)",
			ClaimNotThroughTrapping)
	}
	return text + fmt.Sprintf(" · numbers: conclusive points · grey: fewer than %d conclusive, too few for a share · %d of the %d points conclusive on %s",
		mapMinConclusive, conclusive, points, Title(harm))
}

// mapCoord is where value v of assumption a lies on a map's axis: its
// logarithm for one drawn log-uniformly (figures.Log), whose axis is
// logarithmic.
func mapCoord(a Assumption, v float64) float64 {
	if a.Log {
		return figures.Log(v)
	}
	return v
}

// binCentre is the centre of the k-th of n equal bins over assumption
// a's range: equal on its logarithms, as the design draws them, for one
// drawn log-uniformly.
func binCentre(a Assumption, k, n int) float64 {
	if a.Log {
		return a.Lo * portable.Pow(a.Hi/a.Lo, (float64(k)+0.5)/float64(n))
	}
	return a.Lo + (float64(k)+0.5)*(a.Hi-a.Lo)/float64(n) // as before log-uniform draws, and not fused: the division comes last
}

// holdsMap bins the design's points over two assumptions and gives, per
// cell, the share of its conclusive points where the claim holds on harm
// h, and how many points are conclusive there (counts) and in all. A
// point is conclusive where the claim holds, holds but not through
// trapping, or fails: a share that counted the inconclusive points, or
// those where the harm never happened, as not holding would draw "fails"
// where nothing was concluded. A cell with fewer than mapMinConclusive
// conclusive points is NaN (grey), its count still printed. With worse
// (MapTitle's), the share is of points where malfunction harms more than
// closure: where the claim holds, through trapping or not.
func holdsMap(rob *RobustnessResult, h, ja, jb int, la, lb Assumption, worse bool) (x, y []float64, z [][]float64, counts [][]int, conclusive int) {
	n := max(2, int(math.Round(math.Sqrt(float64(len(rob.Points))/3))))
	for k := range n {
		x = append(x, binCentre(la, k, n))
		y = append(y, binCentre(lb, k, n))
	}
	yes := make([][]int, n)
	counts = make([][]int, n)
	for k := range yes {
		yes[k], counts[k] = make([]int, n), make([]int, n)
	}
	bin := func(v float64, a Assumption) int {
		at := (v - a.Lo) / (a.Hi - a.Lo)
		if a.Log {
			at = portable.Log(v/a.Lo) / portable.Log(a.Hi/a.Lo)
		}
		return min(n-1, max(0, int(float64(n)*at)))
	}
	for p, point := range rob.Points {
		switch rob.Claims[p][h].Holds {
		case ClaimHolds, ClaimNotThroughTrapping, ClaimFails:
		default:
			continue
		}
		cx, cy := bin(point[ja], la), bin(point[jb], lb)
		counts[cy][cx]++
		conclusive++
		if v := rob.Claims[p][h].Holds; v == ClaimHolds || worse && v == ClaimNotThroughTrapping {
			yes[cy][cx]++
		}
	}
	z = make([][]float64, n)
	for r := range z {
		z[r] = make([]float64, n)
		for c := range z[r] {
			z[r][c] = math.NaN()
			if counts[r][c] >= mapMinConclusive {
				z[r][c] = float64(yes[r][c]) / float64(counts[r][c])
			}
		}
	}
	return x, y, z, counts, conclusive
}
