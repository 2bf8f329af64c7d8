package main

import (
	"os"
	"path/filepath"
	"slices"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/figures"
	"github.com/borderwork/borderwork/scenarios"
)

func regimeNames(groups []output.Group) []string {
	var names []string
	for _, g := range groups {
		names = append(names, g.Regime)
	}
	return names
}

// figureSaver saves figures into a folder's figures/ in the given formats
// and keeps the list of files written, relative to the folder.
type figureSaver struct {
	dir     string
	formats []string
	files   []string
}

func newFigureSaver(dir string, formats []string) (*figureSaver, error) {
	fd := filepath.Join(dir, "figures")
	if err := os.MkdirAll(fd, 0o755); err != nil {
		return nil, err
	}
	return &figureSaver{dir: fd, formats: formats}, nil
}

// save writes a drawn figure as name; it takes a drawing function's error
// too, so that a failed drawing stops the caller as a failed save would.
func (s *figureSaver) save(name string, fig *figures.Figure, err error) error {
	if err != nil {
		return err
	}
	if err := figures.Save(fig, s.dir, name, s.formats); err != nil {
		return err
	}
	for _, f := range s.formats {
		s.files = append(s.files, "figures/"+name+"."+f)
	}
	return nil
}

// drawCompareFigures draws the figures of run and compare from the tables
// in dir, never from memory, so that 'borderwork plot' redraws the same
// bytes. It returns the files written, relative to dir.
func drawCompareFigures(dir, scenario string, seed int64, reps int, formats []string) ([]string, error) {
	if len(formats) == 0 {
		return nil, nil
	}
	caption := figures.Caption{Scenario: scenario, Seed: seed, Reps: reps}
	bands, err := readBands(filepath.Join(dir, "timeseries.csv"), []string{"trapped", "abuse_events"})
	if err != nil {
		return nil, err
	}
	_, rows, err := output.ReadSummary(filepath.Join(dir, "summary.csv"))
	if err != nil {
		return nil, err
	}
	groups := output.GroupByRegime(rows)
	fs, err := newFigureSaver(dir, formats)
	if err != nil {
		return nil, err
	}
	fig, err := figures.TimeBands("Migrants trapped", "day", "migrants trapped", bands[0], caption)
	if err := fs.save("trapped", fig, err); err != nil {
		return nil, err
	}
	fig, err = figures.TimeBands("Cumulative abuse events", "day", "abuse events since day 0", bands[1], caption)
	if err := fs.save("abuse", fig, err); err != nil {
		return nil, err
	}
	kinds := []struct{ total, label string }{
		{"extortion_by_smugglers", "extortion, smugglers"},
		{"extortion_by_officials", "extortion, officials"},
		{"violence_by_smugglers", "violence, smugglers"},
		{"violence_by_officials", "violence, officials"},
		{"abandonment_by_smugglers", "abandonment, smugglers"},
		{"kidnap_by_smugglers", "kidnap, smugglers"},
	}
	outcomes := []struct{ total, label string }{
		{"arrivals", "arrived"}, {"returns", "returned"}, {"stayed", "stayed home"}, {"deaths", "dead"}, {"still_trapped", "still trapped"},
	}
	barGroups := func(cats []struct{ total, label string }) []figures.Group {
		var gs []figures.Group
		for _, g := range groups {
			fg := figures.Group{Label: g.Regime, Style: regimeStyle(g.Regime, regimeNames(groups))}
			for _, c := range cats {
				s := output.Describe(g.Column(output.TotalIndex(c.total)))
				fg.Bars = append(fg.Bars, figures.Bar{Label: c.label, Mean: s.Mean, Lo: s.Lo, Hi: s.Hi})
			}
			gs = append(gs, fg)
		}
		return gs
	}
	fig, err = figures.GroupedBars("Abuse by kind and perpetrator", "abuse events per run", barGroups(kinds), caption)
	if err := fs.save("abuse_by_kind", fig, err); err != nil {
		return nil, err
	}
	fig, err = figures.GroupedBars("Final outcomes", "migrants at the end of the run", barGroups(outcomes), caption)
	if err := fs.save("outcomes", fig, err); err != nil {
		return nil, err
	}
	return fs.files, nil
}

// regimeStyle gives each regime the same colour in every figure: the
// built-in regimes fixed ones, other regimes the rest of the palette in
// the order they appear.
func regimeStyle(name string, regimes []string) int {
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

// readBands summarises columns of timeseries.csv per regime and day across
// replicates: one band per regime for each column, regimes in the order
// they first appear.
func readBands(path string, columns []string) ([][]figures.Band, error) {
	var regimes []string
	values := map[string][][][]float64{} // regime -> day -> column -> replicates; looked up, never ranged over
	err := output.ReadTimeseries(path, columns, func(run output.Run, day int, v []float64) error {
		if !slices.Contains(regimes, run.Regime) {
			regimes = append(regimes, run.Regime)
		}
		byDay := values[run.Regime]
		for len(byDay) <= day {
			byDay = append(byDay, make([][]float64, len(columns)))
		}
		for c := range columns {
			byDay[day][c] = append(byDay[day][c], v[c])
		}
		values[run.Regime] = byDay
		return nil
	})
	if err != nil {
		return nil, err
	}
	bands := make([][]figures.Band, len(columns))
	for c := range columns {
		for _, r := range regimes {
			b := figures.Band{Label: r, Style: regimeStyle(r, regimes)}
			for day, cols := range values[r] {
				s := output.Describe(cols[c])
				b.X = append(b.X, float64(day))
				b.Mean = append(b.Mean, s.Mean)
				b.Lo = append(b.Lo, s.Lo)
				b.Hi = append(b.Hi, s.Hi)
			}
			bands[c] = append(bands[c], b)
		}
	}
	return bands, nil
}
