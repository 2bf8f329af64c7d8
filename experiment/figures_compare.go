package experiment

import (
	"path/filepath"
	"slices"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/figures"
	"github.com/borderwork/borderwork/scenarios"
)

// CompareFigures are the figures of run and compare folders (and the
// first figures of a claim folder), drawn from their tables.
var CompareFigures = []Figure{
	single("trapped", "Migrants trapped over time, per regime, with 95% bands across replicates", func(src Source) (*figures.Figure, error) {
		bands, err := readBands(filepath.Join(src.Dir, "timeseries.csv"), "trapped")
		if err != nil {
			return nil, err
		}
		return figures.TimeBands("Migrants trapped", "day", "migrants trapped", bands, src.Caption())
	}),
	single("abuse", "Cumulative abuse events over time, per regime", func(src Source) (*figures.Figure, error) {
		bands, err := readBands(filepath.Join(src.Dir, "timeseries.csv"), "abuse_events")
		if err != nil {
			return nil, err
		}
		return figures.TimeBands("Cumulative abuse events", "day", "abuse events since day 0", bands, src.Caption())
	}),
	single("abuse_by_kind", "Abuse events by kind and perpetrator, per regime, with 95% intervals", func(src Source) (*figures.Figure, error) {
		groups, err := summaryBars(src, []string{
			"extortion_by_smugglers", "extortion_by_officials", "violence_by_smugglers",
			"violence_by_officials", "abandonment_by_smugglers", "kidnap_by_smugglers",
		}, nil)
		if err != nil {
			return nil, err
		}
		return figures.GroupedBars("Abuse by kind and perpetrator", "abuse events per run", groups, src.Caption())
	}),
	single("outcomes", "Final outcomes per regime: arrived, returned, stayed home, dead, still trapped", func(src Source) (*figures.Figure, error) {
		groups, err := summaryBars(src, []string{"arrivals", "returns", "stayed", "deaths", "still_trapped"},
			[]string{"arrived", "returned", "stayed home", "dead", "still trapped"})
		if err != nil {
			return nil, err
		}
		return figures.GroupedBars("Final outcomes", "migrants at the end of the run", groups, src.Caption())
	}),
}

// summaryBars reads summary.csv and makes one group of bars per regime,
// one bar per total with its 95% interval. Bars are labelled with the
// totals' titles unless labels are given.
func summaryBars(src Source, totals, labels []string) ([]figures.Group, error) {
	_, rows, err := output.ReadSummary(filepath.Join(src.Dir, "summary.csv"))
	if err != nil {
		return nil, err
	}
	groups := output.GroupByRegime(rows)
	var regimes []string
	for _, g := range groups {
		regimes = append(regimes, g.Regime)
	}
	var out []figures.Group
	for _, g := range groups {
		fg := figures.Group{Label: g.Regime, Style: RegimeStyle(g.Regime, regimes)}
		for i, name := range totals {
			t := output.TotalIndex(name)
			label := output.Totals[t].Title
			if labels != nil {
				label = labels[i]
			}
			s := output.Describe(g.Column(t))
			fg.Bars = append(fg.Bars, figures.Bar{Label: label, Mean: s.Mean, Lo: s.Lo, Hi: s.Hi})
		}
		out = append(out, fg)
	}
	return out, nil
}

// RegimeStyle gives each regime the same colour in every figure: the
// built-in regimes fixed ones, other regimes the rest of the palette in
// the order they appear in regimes.
func RegimeStyle(name string, regimes []string) int {
	if i := slices.Index(scenarios.BuiltinRegimes, name); i >= 0 {
		return i + 1
	}
	n := 0
	for _, r := range regimes {
		if r == name {
			break
		}
		if !slices.Contains(scenarios.BuiltinRegimes, r) {
			n++
		}
	}
	return len(scenarios.BuiltinRegimes) + n + 1
}

// readBands summarises one column of timeseries.csv per regime and day
// across replicates: one band per regime, regimes in the order they first
// appear.
func readBands(path, column string) ([]figures.Band, error) {
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
	var bands []figures.Band
	for r, name := range regimes {
		b := figures.Band{Label: name, Style: RegimeStyle(name, regimes)}
		for day, reps := range values[r] {
			s := output.Describe(reps)
			b.X = append(b.X, float64(day))
			b.Mean = append(b.Mean, s.Mean)
			b.Lo = append(b.Lo, s.Lo)
			b.Hi = append(b.Hi, s.Hi)
		}
		bands = append(bands, b)
	}
	return bands, nil
}
