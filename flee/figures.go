package flee

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/figures"
	"github.com/borderwork/borderwork/output/figures/palette"
	"github.com/borderwork/borderwork/scenarios"
)

// DaySeries is a statistic over replicates, day by day: the mean and the
// 95% confidence interval of the mean (output.Describe's).
type DaySeries struct{ Mean, Lo, Hi []float64 }

// FigureData is what the validation figures are drawn from: what
// validation.csv holds. Validate draws them from the folder it writes,
// as plot does (Figures), so that both draw the same bytes.
type FigureData struct {
	Camps     []string
	Days      int
	Observed  [][]float64 // [camp][day]
	Simulated []DaySeries // by camp
	Errors    [NumMeasures]DaySeries
	// Start is the date of day 0, YYYY-MM-DD, which the figures' day axis
	// counts from; "" where validation.csv gives none.
	Start string
}

// DateOf is the date of day, YYYY-MM-DD, counted from Start; "" without
// a start date.
func (d *FigureData) DateOf(day int) string {
	start, err := parseDate(d.Start)
	if d.Start == "" || err != nil {
		return ""
	}
	return start.AddDate(0, 0, day).Format("2006-01-02")
}

// DayLabel is the figures' day axis: "days since 2012-02-29", so that a
// figure read alone places its days on the calendar, or "day" without a
// start date.
func (d *FigureData) DayLabel() string {
	if d.Start == "" {
		return "day"
	}
	return "days since " + d.Start
}

// FigureData is what the validation's figures show, computed from its
// replicates as WriteTable computes validation.csv.
func (v *Validation) FigureData() *FigureData {
	d := &FigureData{Camps: v.Camps, Days: v.Days, Observed: v.Observed, Start: v.Start}
	vals := make([]float64, len(v.Simulated))
	for ci := range v.Camps {
		s := newSeries(v.Days)
		for t := range v.Days {
			for r := range v.Simulated {
				vals[r] = v.Simulated[r][ci][t]
			}
			st := output.Describe(vals)
			s.Mean[t], s.Lo[t], s.Hi[t] = st.Mean, st.Lo, st.Hi
		}
		d.Simulated = append(d.Simulated, s)
	}
	vals = make([]float64, len(v.RunErrors))
	for m := range NumMeasures {
		s := newSeries(v.Days)
		for t := range v.Days {
			for r, e := range v.RunErrors {
				vals[r] = e[m][t]
			}
			st := output.Describe(vals)
			s.Mean[t], s.Lo[t], s.Hi[t] = st.Mean, st.Lo, st.Hi
		}
		d.Errors[m] = s
	}
	return d
}

func newSeries(days int) DaySeries {
	return DaySeries{Mean: make([]float64, days), Lo: make([]float64, days), Hi: make([]float64, days)}
}

// ReadFigureData reads validation.csv at path: each camp's observed and
// simulated populations, day by day, and the errors of camp "all".
// Problems name the file, line and column.
func ReadFigureData(path string) (*FigureData, error) {
	t, err := output.ReadTable(path, "camp", "day", "observed", "simulated_mean", "simulated_lo", "simulated_hi", "measure", "error_mean", "error_lo", "error_hi")
	if err != nil {
		return nil, err
	}
	d := &FigureData{}
	for i := range t.Rows {
		day, err := t.Int(i, "day")
		if err != nil {
			return nil, err
		}
		if day < 0 {
			return nil, t.Errorf(i, "day", "a day before day 0")
		}
		// Every day from 0 has rows (one per camp and measure): a day
		// past the rows there are is not the table borderwork writes,
		// and the series sized from it took any memory, or panicked
		// (day 9000000000000000000).
		if day >= len(t.Rows) {
			return nil, t.Errorf(i, "day", "day %d, in a table of %d rows: each day from 0 has a row for each camp and measure", day, len(t.Rows))
		}
		d.Days = max(d.Days, day+1)
		if date := t.Cell(i, "date"); day == 0 && date != "" && d.Start == "" {
			if _, err := parseDate(date); err != nil {
				return nil, t.Errorf(i, "date", "not a date YYYY-MM-DD: %q", date)
			}
			d.Start = date
		}
		if c := t.Cell(i, "camp"); c != AllCamps && !slices.Contains(d.Camps, c) {
			d.Camps = append(d.Camps, c)
		}
	}
	if (len(d.Camps)+1)*d.Days > len(t.Rows) {
		// Sizing the camps' series from many camps on a late day would
		// take memory out of all proportion to the table.
		return nil, &scenarios.Error{File: t.Path, Msg: fmt.Sprintf("%d camps (and \"all\") over %d days, in a table of %d rows: each day from 0 has a row for each camp and measure", len(d.Camps), d.Days, len(t.Rows))}
	}
	grow := func() DaySeries { return newSeries(d.Days) }
	d.Observed = make([][]float64, len(d.Camps))
	d.Simulated = make([]DaySeries, len(d.Camps))
	for ci := range d.Camps {
		d.Observed[ci], d.Simulated[ci] = make([]float64, d.Days), grow()
	}
	for m := range d.Errors {
		d.Errors[m] = grow()
	}
	num := func(i int, col string, dst []float64, day int) error {
		v, err := t.Float(i, col)
		dst[day] = v
		return err
	}
	for i := range t.Rows {
		day, _ := t.Int(i, "day")
		if camp := t.Cell(i, "camp"); camp != AllCamps {
			ci := slices.Index(d.Camps, camp)
			s := d.Simulated[ci]
			for _, c := range []struct {
				col string
				dst []float64
			}{{"observed", d.Observed[ci]}, {"simulated_mean", s.Mean}, {"simulated_lo", s.Lo}, {"simulated_hi", s.Hi}} {
				if err := num(i, c.col, c.dst, day); err != nil {
					return nil, err
				}
			}
			continue
		}
		m := slices.Index(measureNames[:], t.Cell(i, "measure"))
		if m < 0 {
			return nil, t.Errorf(i, "measure", "unknown measure %q (want %s)", t.Cell(i, "measure"), output.JoinAnd(measureNames[:]))
		}
		s := d.Errors[m]
		for _, c := range []struct {
			col string
			dst []float64
		}{{"error_mean", s.Mean}, {"error_lo", s.Lo}, {"error_hi", s.Hi}} {
			if err := num(i, c.col, c.dst, day); err != nil {
				return nil, err
			}
		}
	}
	return d, nil
}

// FigureNames are the figures the data's figures are drawn as, without
// extension: one per camp, then the error's.
func (d *FigureData) FigureNames() []string {
	var names []string
	for _, c := range d.Camps {
		name := "camp-" + slug(c)
		for k := 2; slices.Contains(names, name) || name == "error"; k++ {
			name = fmt.Sprintf("camp-%s-%d", slug(c), k)
		}
		names = append(names, name)
	}
	return append(names, "error")
}

// CaptionOf is the validation figures' caption: their lines are the mean
// over replicates, their bands the 95% confidence interval of that mean
// (output.Describe's), cut at 0, as CampFigure and ErrorFigure draw them.
func CaptionOf(scenario string, seed int64, reps int, regime string) figures.Caption {
	return figures.Caption{Scenario: scenario, Seed: seed, Reps: reps, Extra: "regime " + regime,
		Centre: "lines: mean", Spread: figures.CIBands + ", cut at 0"}
}

// cutAtZero is the lower ends of a band of what is never negative (people
// in a camp, an error measure), raised to 0 where the interval of the mean
// reaches below it, as few replicates make it do: the figures of
// compare and claim cut theirs the same way. validation.csv keeps the
// interval as computed.
func cutAtZero(lo []float64) []float64 {
	out := make([]float64, len(lo))
	for i, v := range lo {
		out[i] = max(v, 0)
	}
	return out
}

// CampFigure is camp ci's simulated population under regime (mean, 95%
// confidence interval of the mean) and its observed one, by day.
func (d *FigureData) CampFigure(ci int, regime string, caption figures.Caption) (*figures.Figure, error) {
	days := make([]float64, d.Days)
	for t := range days {
		days[t] = float64(t)
	}
	// The model in its regime's colour, as in every figure; the data in a
	// grey, which means no regime.
	s := d.Simulated[ci]
	sim := figures.Band{Label: "simulated", X: days, Mean: s.Mean, Lo: cutAtZero(s.Lo), Hi: s.Hi,
		Style: palette.RegimeStyle(regime, []string{regime})}
	// The observed series is drawn every seventh day, as points: it is
	// interpolated between UNHCR's reports. It is the series as Flee
	// reads it, its registration corrections applied, which can be far
	// from UNHCR's own counts: the caption says so, lest a reader take
	// the points for those counts.
	obs := figures.Band{Label: "UNHCR, as Flee reads it", Markers: true, Style: palette.Part(0)}
	for t := 0; t < d.Days; t += 7 {
		obs.X = append(obs.X, float64(t))
		obs.Mean = append(obs.Mean, d.Observed[ci][t])
	}
	if caption.Extra != "" {
		caption.Extra += " · "
	}
	caption.Extra += "points: UNHCR's registrations after the case's registration corrections, interpolated between reports, every 7th day"
	return figures.TimeBands(fmt.Sprintf("%s: refugees in camp", d.Camps[ci]), d.DayLabel(), "refugees", []figures.Band{sim, obs}, caption)
}

// ErrorFigure is the day's error by each measure, mean over replicates
// and 95% confidence interval of the mean.
func (d *FigureData) ErrorFigure(caption figures.Caption) (*figures.Figure, error) {
	days := make([]float64, d.Days)
	for t := range days {
		days[t] = float64(t)
	}
	var bands []figures.Band
	for m := range NumMeasures {
		// Measures are no regimes: greys (palette.Part).
		s := d.Errors[m]
		bands = append(bands, figures.Band{Label: m.String(), X: days, Mean: s.Mean, Lo: cutAtZero(s.Lo), Hi: s.Hi, Style: palette.Part(int(m))})
	}
	return figures.TimeBands("Error against UNHCR registrations", d.DayLabel(), "error (share of refugees)", bands, caption)
}

// Figures is the figure registry of a validate folder whose data was a
// Flee case (it holds validation.csv): drawn from validation.csv and the
// manifest alone, by validate and by plot. In a folder without
// validation.csv (flow counts) it draws nothing.
var Figures = []experiment.Figure{
	{Name: "camp-NAME", Title: "a camp's simulated population (mean, 95% confidence interval of the mean) against UNHCR's, by day", Draw: drawCamps},
	{Name: "error", Title: "the error by each measure, by day (mean, 95% confidence interval of the mean)", Draw: drawError},
}

// folderData reads the folder's validation.csv and caption; nil if the
// folder has none.
func folderData(src experiment.Source) (*FigureData, string, figures.Caption, error) {
	path := filepath.Join(src.Dir, "validation.csv")
	if !exists(path) {
		return nil, "", figures.Caption{}, nil
	}
	m := src.Manifest
	if len(m.Regimes) != 1 {
		return nil, "", figures.Caption{}, runs.BadInput("%s: regimes: a validation against a Flee case runs one regime; it lists %d", filepath.Join(src.Dir, "manifest.json"), len(m.Regimes))
	}
	d, err := ReadFigureData(path)
	if err != nil {
		return nil, "", figures.Caption{}, err
	}
	return d, m.Regimes[0], CaptionOf(m.Scenario, m.Seed, m.Reps, m.Regimes[0]), nil
}

func drawCamps(src experiment.Source) ([]experiment.Drawn, error) {
	d, regime, caption, err := folderData(src)
	if d == nil || err != nil {
		return nil, err
	}
	names := d.FigureNames()
	var drawn []experiment.Drawn
	for ci, c := range d.Camps {
		fig, err := d.CampFigure(ci, regime, caption)
		if err != nil {
			return nil, err
		}
		drawn = append(drawn, experiment.Drawn{Name: names[ci], Title: c + ": refugees in camp", Fig: fig})
	}
	return drawn, nil
}

func drawError(src experiment.Source) ([]experiment.Drawn, error) {
	d, _, caption, err := folderData(src)
	if d == nil || err != nil {
		return nil, err
	}
	fig, err := d.ErrorFigure(caption)
	if err != nil {
		return nil, err
	}
	return []experiment.Drawn{{Name: "error", Title: "Error against UNHCR registrations", Fig: fig}}, nil
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
