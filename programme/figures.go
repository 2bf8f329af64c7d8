package programme

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/figures"
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
// with.
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
	}
	return out
}

// shaded is a programme folder's Kind.Shaded: the arms that compare
// keep their bands, each regime's without the programme and with it in
// full; the arms of one channel alone are drawn as lines, since a
// regime's four bands, about the same counts, overlap into one area in
// which no arm can be told from another. If the arms that compare are
// more than experiment.MaxBands (three regimes or more), none keeps its
// band.
func shaded(src experiment.Source, _ []string) (func(string) bool, error) {
	info, err := ReadInfo(src.Manifest)
	if err != nil {
		return nil, err
	}
	var keep []string
	for _, a := range Arms(info.Regimes) {
		if a.On == 0 || a.On == scenarios.AllChannels {
			keep = append(keep, a.Name)
		}
	}
	if len(keep) > experiment.MaxBands {
		keep = nil
	}
	return func(arm string) bool { return slices.Contains(keep, arm) }, nil
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
				g := figures.Group{Label: EffectLabel(eff), Style: figures.Part(k)} // channels, not regimes: greys
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
			out = append(out, experiment.Drawn{Name: "channels_" + fileSafe(regime) + "_" + metric, Title: t, Fig: fig})
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
			b := figures.Band{Label: key.label, Style: figures.Part(k)} // policy quantities, not regimes: greys
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
