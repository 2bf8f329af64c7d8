package web

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/figures/palette"
	"github.com/borderwork/borderwork/sim"
)

// Results are an experiment's numbers as the page draws them: complete
// when Final, else those of the replicates finished so far.
type Results struct {
	Done  int  `json:"done"`  // runs finished
	Total int  `json:"total"` // runs asked for
	Reps  int  `json:"reps"`  // replicates every regime has finished
	Final bool `json:"final"`

	Scenario string   `json:"scenario"` // its name
	Regimes  []Regime `json:"regimes"`
	// Table is the command line's summary table: headline totals, mean ±
	// 95% half-width, in the same words and digits.
	Table Table `json:"table"`
	// Notes are what the command line says under its table of harms
	// zeroed by a setting (runs.ZeroedNotes), said for the page; only in
	// the final results.
	Notes    []string `json:"notes,omitempty"`
	Series   []Series `json:"series"`
	Abuse    Bars     `json:"abuse"`
	Outcomes Bars     `json:"outcomes"`
	// Map is the mean over replicates of each location's migrants, day by
	// day; only in the final results.
	Map *Frames `json:"map,omitempty"`
	// Reproduce says how to get the same numbers from the command line;
	// only in the final results.
	Reproduce *Reproduce `json:"reproduce,omitempty"`
	// Tables are the tables of numbers the command Reproduce gives
	// writes, for a spreadsheet; only in the final results.
	Tables []TableFile `json:"tables,omitempty"`
}

// TableFile is a table `borderwork compare` writes, byte for byte as it
// writes it for the same inputs.
type TableFile struct {
	Name string `json:"name"` // its file's name: "stats.csv"
	Doc  string `json:"doc"`  // what it holds, in a few words
	CSV  string `json:"csv"`
}

// commandTables are the command line's stats.csv and summary.csv of x's
// runs, whose summary rows are rows, in x's order. Compare numbers its
// runs regime by regime, the page replicate by replicate: renumbered, the
// runs, their rows and their groups are compare's, and so the bytes.
func commandTables(x *runs.Prepared, rows []output.SummaryRow) ([]TableFile, error) {
	ordered := x.Renumbered(runs.PointMajor, rows)
	stats, err := output.StatsCSV(x.Keys, output.GroupRows(ordered))
	if err != nil {
		return nil, err
	}
	summary, err := output.SummaryCSV(x.Keys, ordered)
	if err != nil {
		return nil, err
	}
	return []TableFile{
		{"stats.csv", "the mean, standard deviation and 95% interval of every count, by regime", string(stats)},
		{"summary.csv", "every run's totals, a row per run", string(summary)},
	}, nil
}

// Regime is a regime as the page shows it: in the colour and line style
// the figures give it.
type Regime struct {
	Name        string    `json:"name"`
	Description string    `json:"description,omitempty"`
	Color       string    `json:"color"`
	Dashes      []float64 `json:"dashes"`
	// Edge is the dark edge the figures draw around the lines and marks
	// of a colour too light to show alone on white (the palette's
	// yellow), and EdgeWidth its width in points on either side; empty
	// for a colour that shows alone.
	Edge      string  `json:"edge,omitempty"`
	EdgeWidth float64 `json:"edge_width,omitempty"`
	// Hatch is the pattern the figures draw over the regime's bars, so
	// that they read in greyscale print too.
	Hatch   Hatch `json:"hatch"`
	Default bool  `json:"default,omitempty"` // run when none are chosen
}

// Hatch is a bar's hatch as the figures draw it (palette.StyleHatch):
// its name ("" for plain bars), the colour of its ink, the spacing and
// width of its lines and the diameter of its dots, in points.
type Hatch struct {
	Name    string  `json:"name"`
	Ink     string  `json:"ink"`
	Spacing float64 `json:"spacing"`
	Width   float64 `json:"width"`
	Dot     float64 `json:"dot"`
}

func regimeStyles(names, all []string) []Regime {
	var out []Regime
	for _, n := range names {
		style := palette.RegimeStyle(n, all)
		c := palette.StyleColor(style)
		d := palette.StyleDashes(style)
		if d == nil {
			d = []float64{}
		}
		r := Regime{Name: n, Color: fmt.Sprintf("#%02X%02X%02X", c.R, c.G, c.B), Dashes: d}
		if e, w, ok := palette.StyleEdge(style); ok {
			r.Edge, r.EdgeWidth = fmt.Sprintf("#%02X%02X%02X", e.Y, e.Y, e.Y), w
		}
		h := palette.StyleHatch(style)
		r.Hatch = Hatch{Name: h.Name, Ink: fmt.Sprintf("#%02X%02X%02X", h.Ink.Y, h.Ink.Y, h.Ink.Y), Spacing: h.Spacing, Width: h.Width, Dot: h.Dot}
		out = append(out, r)
	}
	return out
}

// Metric is a registry entry (output.Metric) as the page needs it.
type Metric struct {
	Name  string `json:"name"`
	Title string `json:"title"`
	Unit  string `json:"unit"`
	Doc   string `json:"doc"`
}

func metricOf(m output.Metric) Metric { return Metric{m.Name, m.Title, m.Unit, m.Doc} }

// Table is a table of totals, one row per regime.
type Table struct {
	Columns []Metric   `json:"columns"`
	Rows    []TableRow `json:"rows"`
}

// TableRow is one regime's row: each cell as the command line prints it,
// and the numbers behind it.
type TableRow struct {
	Regime    string   `json:"regime"`
	Cells     []string `json:"cells"`
	Mean      nums     `json:"mean"`
	HalfWidth nums     `json:"half_width"`
}

// Series is one day column over time, one band per regime.
type Series struct {
	Metric
	Bands []Band `json:"bands"`
}

// Band is a regime's mean over replicates and the 95% confidence
// interval of that mean (output.Describe), by day.
type Band struct {
	Regime string  `json:"regime"`
	Mean   plotted `json:"mean"`
	Lo     plotted `json:"lo"`
	Hi     plotted `json:"hi"`
}

// Bars are totals at the end of the run: one group per regime, one bar
// per quantity, each with its 95% interval.
type Bars struct {
	Names  []string   `json:"names"`
	Labels []string   `json:"labels"`
	Unit   string     `json:"unit"`
	Groups []BarGroup `json:"groups"`
}

// BarGroup is one regime's bars.
type BarGroup struct {
	Regime string `json:"regime"`
	Mean   nums   `json:"mean"`
	Lo     nums   `json:"lo"`
	Hi     nums   `json:"hi"`
}

// Frames are the map's animation: for each regime, the mean over
// replicates of the migrants waiting at each location (trapped ones
// included) and of those trapped, day-major: [day*Locations+location].
type Frames struct {
	Days      int           `json:"days"`
	Locations int           `json:"locations"`
	Regimes   []RegimeFrame `json:"regimes"`
}

// RegimeFrame is one regime's frames.
type RegimeFrame struct {
	Regime  string `json:"regime"`
	Present nums   `json:"present"`
	Trapped nums   `json:"trapped"`
}

// nums is a slice of numbers written to JSON with NaN (no interval yet)
// as null, which JSON can spell.
type nums []float64

func (n nums) MarshalJSON() ([]byte, error) { return appendNums(n, -1), nil }

// plotted are the values of a chart's lines and bands, day by day,
// sent to 7 significant figures, and at a million or more to a tenth:
// nine tenths of a run's stream was their digits, which no chart of a
// few hundred pixels shows. Its table ("The chart as a table") rounds
// them to a tenth below 100 and to a whole number above, as it rounded
// the full values but where a value lies within a few ten-millionths of
// its size of the half-way point between two.
type plotted []float64

func (n plotted) MarshalJSON() ([]byte, error) { return appendNums(n, 7), nil }

// appendNums is n as a JSON array, each value to digits significant
// figures (-1: as many as tell it apart), but at least to a tenth, NaN
// and infinities as null.
func appendNums(n []float64, digits int) []byte {
	b := make([]byte, 0, 2+len(n)*8)
	b = append(b, '[')
	for i, v := range n {
		if i > 0 {
			b = append(b, ',')
		}
		switch {
		case math.IsNaN(v) || math.IsInf(v, 0):
			b = append(b, "null"...)
		case digits >= 0 && math.Abs(v) >= 1e6:
			b = strconv.AppendFloat(b, v, 'f', 1, 64)
		default:
			b = strconv.AppendFloat(b, v, 'g', digits, 64)
		}
	}
	return append(b, ']')
}

// accumulator gathers finished runs, in run order, into Results.
type accumulator struct {
	x      *runs.Prepared
	series []int // day columns drawn over time
	nLoc   int
	days   int

	rows []output.SummaryRow // in run order
	last [][]float64         // each run's day columns on its last day, in run order
	// values[series][regime][day] holds one value per replicate so far.
	values [][][][]float64
	// present and trapped sum each regime's location records over
	// replicates: [regime][day*nLoc+location].
	present, trapped [][]float64
}

func newAccumulator(x *runs.Prepared, series []int) *accumulator {
	a := &accumulator{x: x, series: series, nLoc: len(x.Scenario.File.Locations), days: x.Scenario.File.Days}
	a.values = make([][][][]float64, len(series))
	for i := range series {
		a.values[i] = make([][][]float64, len(x.Regimes))
		for r := range x.Regimes {
			a.values[i][r] = make([][]float64, a.days)
		}
	}
	a.present = make([][]float64, len(x.Regimes))
	a.trapped = make([][]float64, len(x.Regimes))
	for r := range x.Regimes {
		a.present[r] = make([]float64, a.days*a.nLoc)
		a.trapped[r] = make([]float64, a.days*a.nLoc)
	}
	return a
}

// runData is what the page keeps of one run, flat: its totals
// (output.Totals), its series by day, its day columns on the last day,
// and the map's counts by day and location. Encoded, it crosses from the
// Web Worker that ran it to the one that describes the runs.
type runData struct {
	totals           []float64
	series           []float64 // series-major: [s*days+day]
	last             []float64 // output.DayColumns
	waiting, trapped []float64
}

// size is the length of a run's data, encoded as float64s.
func (a *accumulator) size() int {
	return len(output.Totals) + len(a.series)*a.days + len(output.DayColumns) + 2*a.days*a.nLoc
}

// dataOf takes what the page keeps of a finished run.
func (a *accumulator) dataOf(s runs.Simulated) runData {
	d := runData{
		totals:  output.SummaryOf(s.Run, s.Days).Totals,
		series:  make([]float64, len(a.series)*a.days),
		last:    make([]float64, len(output.DayColumns)),
		waiting: make([]float64, a.days*a.nLoc),
		trapped: make([]float64, a.days*a.nLoc),
	}
	for i, col := range a.series {
		get := output.DayColumns[col].Get
		for day := range s.Days {
			d.series[i*a.days+day] = get(&s.Days[day])
		}
	}
	for c, col := range output.DayColumns {
		d.last[c] = col.Get(&s.Days[len(s.Days)-1])
	}
	for i, l := range s.Locations {
		d.waiting[i] = float64(l.Waiting)
		d.trapped[i] = float64(l.Trapped)
	}
	return d
}

// encode writes a run's data as little-endian float64s.
func (d runData) encode() []byte {
	b := make([]byte, 0, 8*(len(d.totals)+len(d.series)+len(d.last)+len(d.waiting)+len(d.trapped)))
	for _, part := range [][]float64{d.totals, d.series, d.last, d.waiting, d.trapped} {
		for _, v := range part {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		}
	}
	return b
}

// decode reads a run's data that encode wrote.
func (a *accumulator) decode(b []byte) (runData, error) {
	if len(b) != 8*a.size() {
		return runData{}, fmt.Errorf("a run's data has %d bytes; want %d", len(b), 8*a.size())
	}
	next := func(n int) []float64 {
		v := make([]float64, n)
		for i := range v {
			v[i] = math.Float64frombits(binary.LittleEndian.Uint64(b))
			b = b[8:]
		}
		return v
	}
	return runData{
		totals: next(len(output.Totals)), series: next(len(a.series) * a.days), last: next(len(output.DayColumns)),
		waiting: next(a.days * a.nLoc), trapped: next(a.days * a.nLoc),
	}, nil
}

// add takes the data of run k, the next run in run order.
func (a *accumulator) add(k int, d runData) {
	run := a.x.Run(k)
	_, regime, _ := a.x.Coords(k)
	a.rows = append(a.rows, output.SummaryRow{Run: run, Totals: d.totals})
	a.last = append(a.last, d.last)
	for i := range a.series {
		for day := range a.days {
			a.values[i][regime][day] = append(a.values[i][regime][day], d.series[i*a.days+day])
		}
	}
	p, t := a.present[regime], a.trapped[regime]
	for i := range d.waiting {
		p[i] += d.waiting[i]
		t[i] += d.trapped[i]
	}
}

// results describes the runs added so far; the map only when final.
func (a *accumulator) results(final bool) *Results {
	x := a.x
	res := &Results{
		Done: len(a.rows), Total: x.NRuns(), Reps: len(a.rows) / len(x.Regimes), Final: final,
		Scenario: x.Scenario.File.Name, Regimes: regimeStyles(x.Regimes, x.Regimes),
	}
	groups := x.Groups(a.rows)

	for _, h := range output.Headlines() {
		res.Table.Columns = append(res.Table.Columns, metricOf(h.Metric))
	}
	for _, g := range groups {
		row := TableRow{Regime: g.Regime}
		for _, h := range output.Headlines() {
			st := output.Describe(g.Column(output.TotalIndex(h.Name)))
			row.Cells = append(row.Cells, output.FormatStat(st))
			row.Mean = append(row.Mean, st.Mean)
			row.HalfWidth = append(row.HalfWidth, st.HalfWidth)
		}
		res.Table.Rows = append(res.Table.Rows, row)
	}

	for i, col := range a.series {
		s := Series{Metric: metricOf(output.DayColumns[col].Metric)}
		for r, name := range x.Regimes {
			b := Band{Regime: name}
			for _, reps := range a.values[i][r] {
				if len(reps) == 0 {
					break
				}
				st := output.Describe(reps)
				b.Mean = append(b.Mean, st.Mean)
				b.Lo = append(b.Lo, st.Lo)
				b.Hi = append(b.Hi, st.Hi)
			}
			s.Bands = append(s.Bands, b)
		}
		res.Series = append(res.Series, s)
	}

	res.Abuse = a.finalBars(groups, abuseColumns(), "events")
	res.Outcomes = a.finalBars(groups, stateColumns(), "migrants")

	if final {
		res.Notes = runs.ZeroedNotes(x, groups, runs.Page)
		res.Map = &Frames{Days: a.days, Locations: a.nLoc}
		for r, name := range x.Regimes {
			n := float64(res.Reps)
			f := RegimeFrame{Regime: name, Present: make(nums, len(a.present[r])), Trapped: make(nums, len(a.trapped[r]))}
			for i := range f.Present {
				f.Present[i] = a.present[r][i] / n
				f.Trapped[i] = a.trapped[r][i] / n
			}
			res.Map.Regimes = append(res.Map.Regimes, f)
		}
	}
	return res
}

// abuseColumns are the day columns of abuse by kind and perpetrator, in
// the registry's order.
func abuseColumns() []int {
	var cols []int
	for k := range sim.NumAbuseKinds {
		for p := range sim.NumPerpetrators {
			if i := output.DayColumnIndex("abuse_" + k.String() + "_" + p.String()); i >= 0 {
				cols = append(cols, i)
			}
		}
	}
	return cols
}

// stateColumns are the day columns counting migrants by state: at the end
// of a run, where everyone is.
func stateColumns() []int {
	var cols []int
	for s := range sim.NumStates {
		if i := output.DayColumnIndex(s.String()); i >= 0 {
			cols = append(cols, i)
		}
	}
	return cols
}

// finalBars describes day columns on each run's last day, per regime,
// leaving out those that are zero in every run so far (abandonment by
// officials, say, which the model has no way to make).
func (a *accumulator) finalBars(groups []output.Group, cols []int, unit string) Bars {
	byRun := make(map[int]int, len(a.rows)) // run ID -> position in a.last
	for i, r := range a.rows {
		byRun[r.Run.ID] = i
	}
	var keep []int
	for _, c := range cols {
		for i := range a.last {
			if a.last[i][c] != 0 {
				keep = append(keep, c)
				break
			}
		}
	}
	b := Bars{Unit: unit, Names: []string{}, Labels: []string{}}
	for _, c := range keep {
		b.Names = append(b.Names, output.DayColumns[c].Name)
		b.Labels = append(b.Labels, output.DayColumns[c].Title)
	}
	for _, g := range groups {
		bg := BarGroup{Regime: g.Regime}
		for _, c := range keep {
			v := make([]float64, len(g.Rows))
			for j, row := range g.Rows {
				v[j] = a.last[byRun[row.Run.ID]][c]
			}
			st := output.Describe(v)
			bg.Mean = append(bg.Mean, st.Mean)
			bg.Lo = append(bg.Lo, st.Lo)
			bg.Hi = append(bg.Hi, st.Hi)
		}
		b.Groups = append(b.Groups, bg)
	}
	return b
}
