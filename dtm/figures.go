package dtm

import (
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/figures"
	"github.com/borderwork/borderwork/output/figures/palette"
	"github.com/borderwork/borderwork/scenarios"
)

// FlowData is what the flow figures are drawn from: what monthly.csv,
// rows.csv and posterior.csv of a validate folder hold, with the dates of
// its scenario and the runs its manifest lists. Validate draws the
// figures from the folder it writes, as plot does, so that both draw the
// same bytes.
type FlowData struct {
	Scenario    string
	Seed        int64
	Runs        int     // forward runs of the regime that happened
	Band        float64 // the share of the runs a band holds
	Regime      string  // the regime that happened
	Regimes     []string
	Start       time.Time
	Days, Split int
	Months      []Month
	Monthly     [][][]Band // [regime][direction][month], in people over the month
	Rows        []Row      // in the study's order
	// Data is what the caption names as the counts' source (the data
	// folder's name, not its path, and the series' name where it is the
	// bundled one); none if empty.
	Data string
}

// FlowData is what the study's flow figures show.
func (st *Study) FlowData() *FlowData {
	fd := &FlowData{Scenario: st.Scenario, Seed: int64(st.Options.Seed), Band: st.Options.Band, Regime: st.Options.Regime,
		Regimes: st.Prediction.Regimes, Start: st.Start, Days: st.Days, Split: st.Split, Months: st.Months(), Rows: st.Rows}
	fd.Runs = len(st.Prediction.Runs[st.regimeIndex(st.Options.Regime)])
	for g := range st.Prediction.Regimes {
		var byDir [][]Band
		for d := Outgoing; d < NumDirections; d++ {
			var bands []Band
			for _, m := range fd.Months {
				bands = append(bands, st.MonthBand(g, d, m))
			}
			byDir = append(byDir, bands)
		}
		fd.Monthly = append(fd.Monthly, byDir)
	}
	return fd
}

// Split is the day of scenario s's change of regime: the end of its
// first [[phases]] entry, as Run takes it.
func Split(s *scenarios.Scenario) (int, bool) {
	ph := s.File.Phases
	if len(ph) == 0 || ph[0].From != 0 || ph[0].To == nil {
		return 0, false
	}
	return *ph[0].To, true
}

// ReadFlowData reads what the flow figures show from the validate folder
// at dir: its monthly.csv, rows.csv and posterior.csv, with its manifest
// m, its resolved scenario s and the regime that happened. Problems name
// the file, line and column.
func ReadFlowData(dir string, m *output.Manifest, s *scenarios.Scenario, regime string) (*FlowData, error) {
	manifest := filepath.Join(dir, "manifest.json")
	fd := &FlowData{Scenario: m.Scenario, Seed: m.Seed, Regime: regime, Regimes: m.Regimes, Days: m.Days}
	var ok bool
	if fd.Start, ok = s.Start(); !ok {
		return nil, runs.BadInput("%s: start: the scenario gives no date of day 0", filepath.Join(dir, "scenario.toml"))
	}
	if fd.Split, ok = Split(s); !ok {
		return nil, runs.BadInput("%s: phases: the scenario gives no first [[phases]] entry from day 0 with a `to`", filepath.Join(dir, "scenario.toml"))
	}
	if !slices.Contains(m.Regimes, regime) {
		return nil, runs.BadInput("%s: regimes: %v does not hold %s, the regime that happened", manifest, m.Regimes, regime)
	}
	for _, r := range m.Runs {
		if r.Regime == regime {
			fd.Runs++
		}
	}
	fd.Months = months(fd.Start, fd.Days)
	post, err := output.ReadTable(filepath.Join(dir, "posterior.csv"), "band")
	if err != nil {
		return nil, err
	}
	if len(post.Rows) == 0 {
		return nil, runs.BadInput("%s: no rows", post.Path)
	}
	if fd.Band, err = post.Float(0, "band"); err != nil {
		return nil, err
	}
	monthly, err := output.ReadTable(filepath.Join(dir, "monthly.csv"), "month", "direction", "regime", "median", "lo", "hi")
	if err != nil {
		return nil, err
	}
	at := map[string]int{}
	for i := range monthly.Rows {
		at[monthly.Cell(i, "month")+","+monthly.Cell(i, "direction")+","+monthly.Cell(i, "regime")] = i
	}
	for _, r := range fd.Regimes {
		var byDir [][]Band
		for d := Outgoing; d < NumDirections; d++ {
			var bands []Band
			for _, mo := range fd.Months {
				i, ok := at[mo.Start.Format("2006-01")+","+d.String()+","+r]
				if !ok {
					return nil, runs.BadInput("%s: no row for month %s, direction %s, regime %s", monthly.Path, mo.Start.Format("2006-01"), d, r)
				}
				var b Band
				for _, c := range []struct {
					col string
					v   *float64
				}{{"median", &b.Median}, {"lo", &b.Lo}, {"hi", &b.Hi}} {
					if *c.v, err = monthly.Float(i, c.col); err != nil {
						return nil, err
					}
				}
				bands = append(bands, b)
			}
			byDir = append(byDir, bands)
		}
		fd.Monthly = append(fd.Monthly, byDir)
	}
	rows, err := output.ReadTable(filepath.Join(dir, "rows.csv"), "period_start", "period_end", "direction", "observed", "lower_bound", "role", "regime")
	if err != nil {
		return nil, err
	}
	for i := range rows.Rows {
		// A row not fitted is written once per regime: it is read once.
		if reg := rows.Cell(i, "regime"); reg != "calibration" && (len(fd.Regimes) == 0 || reg != fd.Regimes[0]) {
			continue
		}
		var r Row
		for _, c := range []struct {
			col string
			t   *time.Time
			day *int
		}{{"period_start", &r.Start, &r.First}, {"period_end", &r.End, &r.Last}} {
			t, err := time.Parse(time.DateOnly, rows.Cell(i, c.col))
			if err != nil {
				return nil, rows.Errorf(i, c.col, "want a date YYYY-MM-DD, got %q", rows.Cell(i, c.col))
			}
			*c.t, *c.day = t, dayOf(fd.Start, t)
		}
		switch dir := rows.Cell(i, "direction"); dir {
		case Outgoing.String():
			r.Direction = Outgoing
		case Incoming.String():
			r.Direction = Incoming
		default:
			return nil, rows.Errorf(i, "direction", "want %s or %s, got %q", Outgoing, Incoming, dir)
		}
		if r.Count, err = rows.Float(i, "observed"); err != nil {
			return nil, err
		}
		if r.LowerBound, err = strconv.ParseBool(rows.Cell(i, "lower_bound")); err != nil {
			return nil, rows.Errorf(i, "lower_bound", "want true or false, got %q", rows.Cell(i, "lower_bound"))
		}
		role := slices.IndexFunc([]Role{Fitted, Predicted, Straddling, Excluded, Overlapped}, func(x Role) bool { return x.String() == rows.Cell(i, "role") })
		if role < 0 {
			return nil, rows.Errorf(i, "role", "unknown role %q", rows.Cell(i, "role"))
		}
		r.Role = Role(role)
		fd.Rows = append(fd.Rows, r)
	}
	return fd, nil
}

func (fd *FlowData) regimeIndex(name string) int { return slices.Index(fd.Regimes, name) }

// Figure draws, for direction d, the people the points counted each
// day: the data's rows as points at the middle of their periods (each
// row's count over its days; fitted, predicted, and neither), the
// monthly prediction of the regime that happened (median and band) and
// of the scenario's open regime if it was run (median), the baseline
// after the change, and the change marked, on a logarithmic y axis (its
// caption says what that leaves off).
//
// Each regime takes the colour it takes in every other figure
// (palette.RegimeStyle); the data and the baseline take greys, which
// no regime takes.
func (fd *FlowData) Figure(d Direction) (*figures.Figure, error) {
	bands := fd.bands(d)
	title := fmt.Sprintf("%s: people counted %s at the flow monitoring points, per day", fd.Scenario, d)
	caption := figures.Caption{Scenario: fd.Scenario, Seed: fd.Seed, Reps: fd.Runs, Per: " (kept draws × replicates)",
		Spread: "bands: " + strconv.Itoa(int(math.Round(100*fd.Band))) + "% of the runs"}
	if fd.Data != "" {
		caption.Extra = "data: " + fd.Data
	}
	fig, err := figures.TimeBands(title, "date (points: the middle of each count's period)", "people a day", bands, caption)
	if err != nil {
		return nil, err
	}
	// The scores compare logarithms (|ln(predicted / observed)|), so the
	// axis does too: on a linear one, counts a factor of three below the
	// model's look close to it where both are small.
	off, ok := fig.LogY()
	if !ok {
		fig.AddCaption("y axis linear: no count above 0 to draw on a logarithmic one")
	} else {
		fig.AddCaption("y axis logarithmic, as the scores are: a factor off is the same height anywhere")
		if off.Left > 0 {
			fig.AddCaption(fmt.Sprintf("%s of 0 left off", words.Count(off.Left, "value")))
		}
		if off.Foot > 0 {
			fig.AddCaption("a band reaching 0 runs to the axis's foot")
		}
	}
	fig.DateAxis(fd.Start)
	split := fd.Start.AddDate(0, 0, fd.Split)
	fig.AddMarks(figures.Mark{X: float64(fd.Split), Label: "change: " + split.Format("2 Jan 2006")})
	return fig, nil
}

// bands are the bands Figure draws for direction d.
func (fd *FlowData) bands(d Direction) []figures.Band {
	ref := fd.regimeIndex(fd.Regime)
	model := figures.Band{Label: "model: " + fd.Regime + " (median, " + strconv.Itoa(int(math.Round(100*fd.Band))) + "% band)",
		Style: palette.RegimeStyle(fd.Regime, fd.Regimes)}
	for k, m := range fd.Months {
		b := fd.Monthly[ref][d][k]
		days := float64(m.Last - m.First + 1)
		model.X = append(model.X, float64(m.First)+float64(days/2))
		model.Mean = append(model.Mean, b.Median/days)
		model.Lo = append(model.Lo, b.Lo/days)
		model.Hi = append(model.Hi, b.Hi/days)
	}
	bands := []figures.Band{model}
	if g := fd.regimeIndex("open"); g >= 0 && g != ref {
		open := figures.Band{Label: "model: open (no change; median)", Style: palette.RegimeStyle("open", fd.Regimes)}
		for k, m := range fd.Months {
			days := float64(m.Last - m.First + 1)
			open.X = append(open.X, float64(m.First)+float64(days/2))
			open.Mean = append(open.Mean, fd.Monthly[g][d][k].Median/days)
		}
		bands = append(bands, open)
	}
	base := figures.Band{Label: "baseline: mean before the change", Style: palette.Part(1)} // a grey line, dotted in pairs
	for _, t := range []int{fd.Split, fd.Days} {
		base.X = append(base.X, float64(t))
		base.Mean = append(base.Mean, baseline(fd.Rows, d))
	}
	bands = append(bands, base)
	for _, set := range []struct {
		label string
		style int
		roles []Role
		bound bool // the scored rows whose count is a lower bound ("more than")
	}{
		{"DTM, fitted", palette.Part(1), []Role{Fitted}, false},                             // grey open diamonds
		{"DTM, predicted", palette.Part(0), []Role{Predicted}, false},                       // dark grey filled diamonds
		{"DTM, at least (a lower bound)", palette.Part(2), []Role{Fitted, Predicted}, true}, // mid grey plusses
		{"DTM, not scored", palette.Part(3), []Role{Straddling, Excluded}, false},           // light grey crosses
	} {
		pts := figures.Band{Label: set.label, Style: set.style, Markers: true}
		for _, r := range fd.Rows {
			if r.Direction != d || !containsRole(set.roles, r.Role) {
				continue
			}
			// A fitted or predicted "more than" is drawn as what it is; a
			// row not scored is one whatever its kind.
			if scored := r.Role == Fitted || r.Role == Predicted; scored && set.bound != r.LowerBound {
				continue
			}
			x := float64(r.First) + float64(float64(r.Days())/2)
			if n := len(pts.X); n > 0 && x <= pts.X[n-1] {
				continue // a point drawn already covers this period's middle
			}
			pts.X = append(pts.X, x)
			pts.Mean = append(pts.Mean, r.Count/float64(r.Days()))
		}
		if len(pts.X) > 0 {
			bands = append(bands, pts)
		}
	}
	return bands
}
