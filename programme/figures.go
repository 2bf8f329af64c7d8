package programme

import (
	"fmt"
	"image/color"
	"path/filepath"
	"slices"
	"strings"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/figures"
	"github.com/borderwork/borderwork/output/figures/palette"
	"github.com/borderwork/borderwork/scenarios"
)

// Figures is a programme folder's figure registry: the compare figures of
// the arms (perArm), then the analysis's own, all drawn from the folder's
// tables.
var Figures = append(perArm(experiment.CompareFigures),
	experiment.Figure{Name: "channels_REGIME_METRIC", Title: "The programme's effect on a harm under one regime, for every migrant and each group, split into its malfunction-repairing and closure-tightening channels and their interaction: mean paired differences over replicates, with 95% confidence intervals of the mean", Draw: drawChannels},
	experiment.Figure{Name: "path_REGIME", Title: "How the programme moves its posts over time under one regime: long-run share of days failing, oversight of officials, document checks and arbitrary refusals, averaged over its posts", Draw: drawPath},
)

// armsPhrase says what a programme folder's compare figures draw a series
// of, where a compare folder's draw one per regime.
const armsPhrase = "per arm (each regime without the programme, with it, and with each of its channels alone)"

// perArm is figs with their titles, and those of the figures they draw
// (report.md's captions), saying that their series are the programme's
// arms, not regimes: "per regime" becomes armsPhrase, "regimes with" arms
// with. A figure over days (Figure.OverDays) of a folder of several
// regimes is drawn once per regime, with that regime's four arms, as
// NAME_REGIME (byRegime): all of them in one figure are too many lines
// to follow, and only a regime's own arms are compared.
func perArm(figs []experiment.Figure) []experiment.Figure {
	retitle := strings.NewReplacer("per regime", armsPhrase, "regimes with", "arms with").Replace
	out := slices.Clone(figs)
	for i, f := range out {
		draw := f.Draw
		out[i].Title = retitle(f.Title)
		out[i].Draw = func(src experiment.Source) ([]experiment.Drawn, error) {
			drawn, err := draw(src)
			for j := range drawn {
				drawn[j].Title = retitle(drawn[j].Title)
			}
			return drawn, err
		}
		if f.OverDays {
			out[i].Title += "; with several regimes, one figure per regime, " + f.Name + "_REGIME, with its arms alone"
			out[i].Draw = byRegime(f.Draw, out[i].Draw)
		}
	}
	return out
}

// byRegime draws a figure over days (whole, as the folder's arms) for a
// folder of one regime, and with several, once per regime (each), with
// that regime's arms only (Source.Only), named NAME_REGIME and titled
// with the regime.
func byRegime(each, whole func(experiment.Source) ([]experiment.Drawn, error)) func(experiment.Source) ([]experiment.Drawn, error) {
	return func(src experiment.Source) ([]experiment.Drawn, error) {
		info, err := ReadInfo(src.Manifest)
		if err != nil {
			return nil, err
		}
		if len(info.Regimes) < 2 {
			return whole(src)
		}
		var out []experiment.Drawn
		for _, regime := range info.Regimes {
			one := src
			one.Only = ArmNames(Arms([]string{regime}))
			drawn, err := each(one)
			if err != nil {
				return nil, err
			}
			for _, d := range drawn {
				d.Name += "_" + fileSafe(regime)
				d.Title = strings.Replace(d.Title, "per regime", "per arm of "+regime+" (without the programme, with it, and with each of its channels alone)", 1)
				if d.Fig != nil {
					d.Fig.SetTitle(d.Fig.Title() + " under " + regime)
				}
				out = append(out, d)
			}
		}
		return out, nil
	}
}

// shaded is a programme folder's Kind.Shaded: of the arms a figure
// draws, those that compare keep their bands, each regime's without the
// programme and with it in full; the arms of one channel alone are drawn
// as lines, since a regime's four bands, about the same counts, overlap
// into one area in which no arm can be told from another. If the arms
// that compare are more than experiment.MaxBands, none keeps its band
// (a folder of several regimes draws each regime's arms apart, byRegime).
func shaded(src experiment.Source, regimes []string) (func(string) bool, error) {
	info, err := ReadInfo(src.Manifest)
	if err != nil {
		return nil, err
	}
	var keep []string
	for _, a := range Arms(info.Regimes) {
		if slices.Contains(regimes, a.Name) && (a.On == 0 || a.On == scenarios.AllChannels) {
			keep = append(keep, a.Name)
		}
	}
	if len(keep) > experiment.MaxBands {
		keep = nil
	}
	return func(arm string) bool { return slices.Contains(keep, arm) }, nil
}

// armColours are the palette positions (as in figures.Style, from 0)
// an arm with the programme takes by preference, by its kind (programme
// in full, repair alone, tightening alone): black, sky blue and yellow,
// colours no built-in regime takes, so that in its regime's figure each
// arm stands apart from the regime without the programme, and the two
// bands kept (the regime's and black's grey) apart from each other.
var armColours = []int{7, 5, 6}

// look is how the palette draws a slot: as a line (its colour and dash
// pattern) or as a bar (its colour and hatch). Two arms are told apart
// by what is drawn, not by their slots, which past the palette's eighth
// come round to colours already taken (palette.Color).
type look struct {
	c       color.NRGBA
	bar     bool
	pattern string
}

// looksOf are the looks of slot, as a line and as a bar.
func looksOf(slot int) [2]look {
	c := palette.Color(slot)
	return [2]look{
		{c: c, pattern: fmt.Sprint(palette.Dashes(slot))},
		{c: c, bar: true, pattern: fmt.Sprint(palette.HatchOf(slot))},
	}
}

// style is a programme folder's Kind.Style. With one regime, nil: its arms
// take RegimeStyle's colours in order, as they always have. With several,
// each regime keeps its own colour (RegimeStyle among the regimes), and
// its arms with the programme take, in order, the first colour of their
// kind's preference (armColours, then the palette's order) that no other
// arm of the regime has, in the first slot of that colour that looks like
// no arm of the folder yet, as a line or as a bar: so that every arm
// keeps one style in all the folder's figures, the four of a regime
// (which its figures over days draw together) differ in colour, and up
// to five regimes' arms (20 of the palette's 27 looks, palette.Styles)
// all differ.
func style(src experiment.Source) (func(string) int, error) {
	info, err := ReadInfo(src.Manifest)
	if err != nil || len(info.Regimes) < 2 {
		return nil, err
	}
	slots := map[string]int{} // arm -> palette slot, from 0
	taken := map[look]bool{}
	take := func(arm string, slot int) {
		slots[arm] = slot
		for _, l := range looksOf(slot) {
			taken[l] = true
		}
	}
	free := func(slot int) bool {
		for _, l := range looksOf(slot) {
			if taken[l] {
				return false
			}
		}
		return true
	}
	for _, r := range info.Regimes {
		take(r, palette.RegimeStyle(r, info.Regimes)-1)
	}
	for _, r := range info.Regimes {
		colours := []color.NRGBA{palette.Color(slots[r])}
		for k, a := range Arms([]string{r})[1:] {
			order := append(slices.Clone(armColours[k:]), armColours[:k]...)
			for c := range palette.Colors() {
				if !slices.Contains(order, c) {
					order = append(order, c)
				}
			}
			slot, fallback := -1, -1
			for _, c := range order {
				if slices.Contains(colours, palette.Color(c)) {
					continue
				}
				for s := range palette.Styles() {
					if palette.Color(s) == palette.Color(c) && free(s) {
						slot = s
						break
					}
				}
				if slot >= 0 {
					break
				}
				if fallback < 0 {
					fallback = c // every look of c taken: share one, apart in colour
				}
			}
			if slot < 0 {
				slot = fallback
			}
			take(a.Name, slot)
			colours = append(colours, palette.Color(slot))
		}
	}
	return func(arm string) int {
		if s, ok := slots[arm]; ok {
			return s + 1
		}
		return palette.RegimeStyle(arm, ArmNames(Arms(info.Regimes)))
	}, nil
}

// FigureMetrics are the metrics of the channels figures.
var FigureMetrics = []string{"trapped_person_days", "immobilised_person_days", "abuse_events"}

// fileSafe is a regime's name as it can stand in a file name.
func fileSafe(name string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '-'
	}, name)
}

func title(metric string) string {
	if t, ok := output.TotalByName(metric); ok {
		return t.Title
	}
	return metric
}

// channelsBars says what a channels figure's bars and error bars are, as
// Analyse computes them (output.Describe of the paired differences).
const channelsBars = "bars the mean paired difference over replicates, error bars its 95% confidence interval of the mean (Student's t)"

func drawChannels(src experiment.Source) ([]experiment.Drawn, error) {
	info, err := ReadInfo(src.Manifest)
	if err != nil {
		return nil, err
	}
	if src.Unanalysed("channels.csv") {
		return nil, nil
	}
	ests, err := ReadChannels(filepath.Join(src.Dir, "channels.csv"))
	if err != nil {
		return nil, err
	}
	caption := src.Caption()
	caption.Centre = "bars: mean"
	caption.Spread = "error bars: 95% confidence intervals of the mean difference"
	caption.Extra = "paired differences with the programme's channels switched off, common random numbers"
	var out []experiment.Drawn
	for _, regime := range info.Regimes {
		for _, metric := range FigureMetrics {
			var series []figures.Group
			for k, eff := range Effects {
				g := figures.Group{Label: EffectLabel(eff), Style: palette.Part(k)} // channels, not regimes: greys
				for _, group := range Groups() {
					i := slices.IndexFunc(ests, func(e Estimate) bool {
						return e.Regime == regime && e.Effect == eff && e.Metric == metric && e.Group == group
					})
					if i < 0 {
						return nil, fmt.Errorf("channels.csv has no %s effect on %s for %s migrants under %s", eff, metric, group, regime)
					}
					label := group + " migrants"
					if group == All {
						label = "all migrants"
					}
					g.Bars = append(g.Bars, figures.Bar{Label: label, Mean: ests[i].Mean, Lo: ests[i].Lo, Hi: ests[i].Hi})
				}
				series = append(series, g)
			}
			t := fmt.Sprintf("%s under %s: the programme's effect (below 0: less harm)", output.Capitalise(title(metric)), regime)
			fig, err := figures.GroupedBars(t, title(metric)+" per run, difference", series, caption)
			if err != nil {
				return nil, err
			}
			// report.md lists and captions the figure by this title: it
			// says, as the figure's own caption does, what the error bars are.
			out = append(out, experiment.Drawn{Name: "channels_" + fileSafe(regime) + "_" + metric, Title: t + "; " + channelsBars, Fig: fig})
		}
	}
	return out, nil
}

func drawPath(src experiment.Source) ([]experiment.Drawn, error) {
	info, err := ReadInfo(src.Manifest)
	if err != nil {
		return nil, err
	}
	if src.Unanalysed("path.csv") {
		return nil, nil
	}
	points, err := ReadPath(filepath.Join(src.Dir, "path.csv"))
	if err != nil {
		return nil, err
	}
	caption := src.Caption()
	caption.Reps = 0 // the policy does not vary across replicates
	caption.Extra = "the policy the programme gives its posts, the mean over those open; from path.csv"
	keys := []struct {
		label string
		of    func(p *PathPoint) float64
	}{
		{"days failing (long-run share)", func(p *PathPoint) float64 { return p.DaysFailing }},
		{"officials' abuse prevented (oversight)", func(p *PathPoint) float64 { return p.Oversight }},
		{"undocumented caught (document checks)", func(p *PathPoint) float64 { return p.DocCheck }},
		{"arbitrary refusals", func(p *PathPoint) float64 { return p.Refusal }},
	}
	var out []experiment.Drawn
	for _, regime := range info.Regimes {
		var days []int
		sums := make([][]float64, len(keys))
		var counts []float64
		for i := range points {
			p := &points[i]
			if p.Regime != regime || !p.Programme {
				continue
			}
			for len(days) <= p.Day {
				days = append(days, len(days))
				counts = append(counts, 0)
				for k := range sums {
					sums[k] = append(sums[k], 0)
				}
			}
			if !p.Open {
				continue // a post not yet built: no policy to speak of
			}
			counts[p.Day]++
			for k, key := range keys {
				sums[k][p.Day] += key.of(p)
			}
		}
		if len(days) == 0 {
			return nil, fmt.Errorf("path.csv has no days under %s", regime)
		}
		var bands []figures.Band
		for k, key := range keys {
			b := figures.Band{Label: key.label, Style: palette.Part(k)} // policy quantities, not regimes: greys
			for d := range days {
				b.X = append(b.X, float64(d))
				b.Mean = append(b.Mean, sums[k][d]/counts[d]) // NaN, a gap, where no post is open
			}
			bands = append(bands, b)
		}
		t := "How the programme moves its posts under " + regime
		fig, err := figures.TimeBands(t, "day", "share", bands, caption)
		if err != nil {
			return nil, err
		}
		out = append(out, experiment.Drawn{Name: "path_" + fileSafe(regime), Title: t, Fig: fig})
	}
	return out, nil
}
