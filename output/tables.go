package output

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/borderwork/borderwork/internal/suggest"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/sim"
)

// Run identifies one run in the tables.
type Run struct {
	ID        int
	Regime    string
	Replicate int
	Seed      uint64
	Params    []float64 // the sweep point: values of the varied keys, in order
}

// SummaryRow is one row of summary.csv: a run and its totals, in the order
// of Totals.
type SummaryRow struct {
	Run    Run
	Totals []float64
}

// SummaryOf computes a run's totals from its daily records.
func SummaryOf(run Run, days []sim.DayRecord) SummaryRow {
	row := SummaryRow{Run: run, Totals: make([]float64, len(Totals))}
	for i, t := range Totals {
		row.Totals[i] = t.Of(days)
	}
	return row
}

// FormatFloat writes a number so that it reads back exactly: integers as
// integers, other values in the shortest form that round-trips.
func FormatFloat(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// AppendFloat appends v to dst as FormatFloat writes it.
func AppendFloat(dst []byte, v float64) []byte {
	if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
		return strconv.AppendInt(dst, int64(v), 10)
	}
	return strconv.AppendFloat(dst, v, 'g', -1, 64)
}

func keyHeader(paramKeys []string) []string {
	return append([]string{"run", "regime", "replicate"}, paramKeys...)
}

func keyCells(r Run) []string {
	cells := []string{strconv.Itoa(r.ID), r.Regime, strconv.Itoa(r.Replicate)}
	for _, p := range r.Params {
		cells = append(cells, FormatFloat(p))
	}
	return cells
}

// TimeseriesHeader is the header of timeseries.csv.
func TimeseriesHeader(paramKeys []string) []string {
	h := append(keyHeader(paramKeys), "day")
	for _, c := range DayColumns {
		h = append(h, c.Name)
	}
	return h
}

// LaterMetrics are metrics, day columns and totals alike, that an
// earlier borderwork did not write (detained_person_days, since
// 2026-12-06): a folder it wrote has no column (or stats row) for them,
// and none of the harm they count, which it could not produce, so
// reading its tables takes them as 0; reproduce compares the rest.
var LaterMetrics = []string{"detained_person_days"}

// withoutLater is header without the columns of LaterMetrics.
func withoutLater(header []string) []string {
	return slices.DeleteFunc(slices.Clone(header), func(h string) bool { return slices.Contains(LaterMetrics, h) })
}

// missingLater names the columns of LaterMetrics that header, a table's
// header written by an earlier borderwork, lacks where the current
// header want has them; nil if header has them all.
func missingLater(header, want []string) []string {
	var missing []string
	for _, c := range LaterMetrics {
		if slices.Contains(want, c) && !slices.Contains(header, c) {
			missing = append(missing, c)
		}
	}
	return missing
}

// SummaryHeader is the header of summary.csv.
func SummaryHeader(paramKeys []string) []string {
	h := append(keyHeader(paramKeys), "seed")
	for _, t := range Totals {
		h = append(h, t.Name)
	}
	return h
}

// StatsHeader is the header of stats.csv.
func StatsHeader(paramKeys []string) []string {
	return append(slices.Clone(paramKeys), "regime", "metric", "n", "mean", "sd", "ci_low", "ci_high")
}

// CSVFile is a CSV table being written row by row.
type CSVFile struct {
	f *os.File // nil when writing to memory
	b *bufio.Writer
	w *csv.Writer
	// wrote says that w may hold rows not yet handed on to b.
	wrote bool
	lines []byte // rows gathered by WriteTimeseries and WriteLocations
	// sums takes the bytes of a table on its way to the file, for
	// Checked; nil when writing to memory.
	sums   *lineSums
	closed bool
	cut    bool // by CutTo, which closed it
}

// newTableFile is a table written to f, its checksums taken on the way.
func newTableFile(f *os.File) *CSVFile {
	sums := &lineSums{t: newTableHasher()}
	b := bufio.NewWriterSize(io.MultiWriter(f, sums), 1<<16)
	return &CSVFile{f: f, b: b, w: csv.NewWriter(b), sums: sums}
}

// Checked is the table's checksum and block digests, as Check would read
// them back from its file, without reading it: taken from the bytes
// written. It is for a table closed without an error (ok is false
// otherwise, or for a table in memory); the caller sets File.
func (c *CSVFile) Checked() (sums Checked, ok bool) {
	if !c.closed || c.sums == nil {
		return Checked{}, false
	}
	return c.sums.finish(), true
}

// NewCSV writes rows, without a header, to w: for rows wanted in memory.
func NewCSV(w io.Writer) *CSVFile {
	b := bufio.NewWriter(w)
	return &CSVFile{b: b, w: csv.NewWriter(b)}
}

// CreateCSV starts a table at path with its header.
func CreateCSV(path string, header []string) (*CSVFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	c := newTableFile(f)
	if err := c.Write(header); err != nil {
		f.Close()
		return nil, err
	}
	return c, nil
}

// Upgrader maps a row of a table an earlier borderwork wrote, with
// header old, to the layout want, LaterMetrics' cells "0" (what that
// borderwork could count of them); false unless old is want without some
// of LaterMetrics' columns. Continuing or joining such a table with this
// borderwork's gives one table in want's layout.
func Upgrader(old, want []string) (func(row []string) []string, bool) {
	if len(old) >= len(want) || !slices.Equal(old, slices.DeleteFunc(slices.Clone(want), func(h string) bool { return slices.Contains(LaterMetrics, h) && !slices.Contains(old, h) })) {
		return nil, false
	}
	from := make([]int, len(want)) // want's column i is old's from[i], or -1: a later metric
	for i, h := range want {
		from[i] = slices.Index(old, h)
	}
	return func(row []string) []string {
		out := make([]string, len(from))
		for i, j := range from {
			if out[i] = "0"; j >= 0 && j < len(row) {
				out[i] = row[j]
			}
		}
		return out
	}, true
}

// ContinueCSV starts a table at path holding the rows of the table at from,
// whose header must be header, to which more rows are then written.
func ContinueCSV(path, from string, header []string) (*CSVFile, error) {
	src, err := os.Open(from)
	if err != nil {
		return nil, err
	}
	defer src.Close()
	r := csv.NewReader(bufio.NewReader(src))
	first, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: its columns differ from this command's", from)
	}
	if !slices.Equal(first, header) {
		// An earlier borderwork's table: its rows, upgraded, then ours.
		up, ok := Upgrader(first, header)
		if !ok {
			return nil, fmt.Errorf("%s: its columns differ from this command's", from)
		}
		c, err := CreateCSV(path, header)
		if err != nil {
			return nil, err
		}
		for {
			rec, err := r.Read()
			if err == io.EOF {
				return c, nil
			}
			if err == nil {
				err = c.Write(up(rec))
			}
			if err != nil {
				c.Close()
				return nil, err
			}
		}
	}
	if _, err := src.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	c := newTableFile(f)
	if _, err := io.Copy(c.b, src); err != nil {
		f.Close()
		return nil, err
	}
	return c, nil
}

// Write adds one row.
func (c *CSVFile) Write(row []string) error {
	c.wrote = true
	return c.w.Write(row)
}

// writeLines adds rows already written as CSV lines, each with its line
// break, after the rows Write added.
func (c *CSVFile) writeLines(lines []byte) error {
	if c.wrote { // what Write added goes first
		c.w.Flush()
		if err := c.w.Error(); err != nil {
			return err
		}
		c.wrote = false
	}
	_, err := c.b.Write(lines)
	return err
}

// quoted is cells as a row holds them, quoted where the CSV writer quotes
// them, each followed by a comma: the start of rows whose other cells are
// numbers, which it never quotes, so that those rows can be written
// without a string per number.
func quoted(cells ...string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(cells) // to memory: cannot fail
	w.Flush()
	return append(bytes.TrimSuffix(b.Bytes(), []byte("\n")), ',')
}

// flushRows is how many bytes of rows WriteTimeseries and WriteLocations
// gather before handing them to the table.
const flushRows = 32 << 10

// Mark hands the rows written so far on to the file and returns the
// file's size: where the table ends after a whole row, for CutTo.
func (c *CSVFile) Mark() (int64, error) {
	if err := c.writeLines(nil); err != nil { // the rows Write added
		return 0, err
	}
	if err := c.b.Flush(); err != nil {
		return 0, err
	}
	return c.f.Seek(0, io.SeekCurrent)
}

// CutTo cuts the table's file back to size, a Mark, and closes it,
// dropping whatever was written after that mark (the rows of a run the
// disk had no room for): truncating frees room, so it does not fail as
// the writes did. Its checksums are then read back from the file
// (Checked reports none).
func (c *CSVFile) CutTo(size int64) error {
	c.sums = nil
	c.closed, c.cut = true, true
	err := c.f.Truncate(size)
	if err2 := c.f.Close(); err == nil {
		err = err2
	}
	return err
}

// Close flushes and closes the table. It reports the first error only:
// a full disk makes every later write fail the same way.
func (c *CSVFile) Close() error {
	if c.cut {
		return nil
	}
	c.w.Flush()
	err := c.w.Error()
	if err2 := c.b.Flush(); err == nil {
		err = err2
	}
	if c.f != nil {
		if err2 := c.f.Close(); err == nil {
			err = err2
		}
	}
	c.closed = err == nil
	return err
}

// WriteTimeseries appends a run's days to timeseries.csv.
func WriteTimeseries(c *CSVFile, run Run, days []sim.DayRecord) error {
	key := quoted(keyCells(run)...)
	lines := c.lines[:0]
	for i := range days {
		lines = append(lines, key...)
		lines = strconv.AppendInt(lines, int64(days[i].Day), 10)
		for _, col := range DayColumns {
			lines = AppendFloat(append(lines, ','), col.Get(&days[i]))
		}
		lines = append(lines, '\n')
		if len(lines) >= flushRows || i == len(days)-1 {
			if err := c.writeLines(lines); err != nil {
				return err
			}
			lines = lines[:0]
		}
	}
	c.lines = lines
	return nil
}

// LocationsHeader is the header of locations.csv.
func LocationsHeader(paramKeys []string) []string {
	return append(keyHeader(paramKeys), "day", "location", "waiting", "trapped", "stranded", "queued", "abuse_events", "deaths")
}

// WriteLocations appends a run's per-location records to locations.csv:
// one row per day and location, days in order, locations in file order.
func WriteLocations(c *CSVFile, run Run, nLoc int, name func(int) string, locs []sim.LocationDay) error {
	key := quoted(keyCells(run)...)
	names := make([][]byte, nLoc)
	for i := range names {
		names[i] = quoted(name(i))
	}
	lines := c.lines[:0]
	for i, l := range locs {
		lines = append(lines, key...)
		lines = append(strconv.AppendInt(lines, int64(i/nLoc), 10), ',')
		lines = append(lines, names[i%nLoc]...)
		for j, v := range [...]int{l.Waiting, l.Trapped, l.Stranded, l.Queued, l.Abuse, l.Deaths} {
			if j > 0 {
				lines = append(lines, ',')
			}
			lines = strconv.AppendInt(lines, int64(v), 10)
		}
		lines = append(lines, '\n')
		if len(lines) >= flushRows || i == len(locs)-1 {
			if err := c.writeLines(lines); err != nil {
				return err
			}
			lines = lines[:0]
		}
	}
	c.lines = lines
	return nil
}

// WriteSummaryRow appends a run's totals to summary.csv.
func WriteSummaryRow(c *CSVFile, row SummaryRow) error {
	cells := append(keyCells(row.Run), strconv.FormatUint(row.Run.Seed, 10))
	for _, v := range row.Totals {
		cells = append(cells, FormatFloat(v))
	}
	return c.Write(cells)
}

// Group is the runs of one regime at one sweep point.
type Group struct {
	Params []float64
	Regime string
	Rows   []SummaryRow
}

// GroupRows gathers summary rows by sweep point and regime. Tables are
// written in run order, where the runs of a group are consecutive, so a
// group ends where the point or regime changes.
func GroupRows(rows []SummaryRow) []Group {
	var groups []Group
	for _, r := range rows {
		if n := len(groups); n == 0 || groups[n-1].Regime != r.Run.Regime || !slices.Equal(groups[n-1].Params, r.Run.Params) {
			groups = append(groups, Group{Params: r.Run.Params, Regime: r.Run.Regime})
		}
		g := &groups[len(groups)-1]
		g.Rows = append(g.Rows, r)
	}
	return groups
}

// GroupByRegime gathers summary rows of one sweep point by regime, in the
// order regimes first appear, whatever the order of the rows.
func GroupByRegime(rows []SummaryRow) []Group {
	var groups []Group
	for _, r := range rows {
		i := slices.IndexFunc(groups, func(g Group) bool { return g.Regime == r.Run.Regime })
		if i < 0 {
			groups = append(groups, Group{Params: r.Run.Params, Regime: r.Run.Regime})
			i = len(groups) - 1
		}
		groups[i].Rows = append(groups[i].Rows, r)
	}
	return groups
}

// Column returns the values of total t across a group's runs: t is the
// position of a total in Totals, as TotalIndex gives it for a name that
// is one; another t panics, as an index out of range does. TotalColumn
// takes the name, and returns an error for one that is not a total.
func (g Group) Column(t int) []float64 {
	v := make([]float64, len(g.Rows))
	for i, r := range g.Rows {
		v[i] = r.Totals[t]
	}
	return v
}

// TotalColumn returns the values of the total called name (a column of
// summary.csv, such as trapped_person_days) across a group's runs, or an
// error naming it if no total is called so.
func (g Group) TotalColumn(name string) ([]float64, error) {
	t := TotalIndex(name)
	if t < 0 {
		names := make([]string, len(Totals))
		for i, t := range Totals {
			names[i] = t.Name
		}
		return nil, fmt.Errorf("output: unknown total %q (a column of summary.csv, such as trapped_person_days)%s", name, suggest.Hint(name, names))
	}
	return g.Column(t), nil
}

// WriteStats writes stats.csv: for every group and total, the sample's
// size, mean, standard deviation and 95% interval.
func WriteStats(path string, paramKeys []string, groups []Group) error {
	c, err := CreateCSV(path, StatsHeader(paramKeys))
	if err != nil {
		return err
	}
	return writeStats(c, paramKeys, groups)
}

// StatsCSV is stats.csv, as WriteStats writes it, in memory.
func StatsCSV(paramKeys []string, groups []Group) ([]byte, error) {
	var b bytes.Buffer
	c := NewCSV(&b)
	if err := c.Write(StatsHeader(paramKeys)); err != nil {
		return nil, err
	}
	err := writeStats(c, paramKeys, groups)
	return b.Bytes(), err
}

// SummaryCSV is summary.csv of rows, in their order, in memory: the
// table a command writes for the same runs in that order.
func SummaryCSV(paramKeys []string, rows []SummaryRow) ([]byte, error) {
	var b bytes.Buffer
	c := NewCSV(&b)
	err := c.Write(SummaryHeader(paramKeys))
	for _, r := range rows {
		if err == nil {
			err = WriteSummaryRow(c, r)
		}
	}
	if err2 := c.Close(); err == nil {
		err = err2
	}
	return b.Bytes(), err
}

// writeStats writes stats.csv's rows to c, and closes it.
func writeStats(c *CSVFile, paramKeys []string, groups []Group) error {
	for _, g := range groups {
		for t, total := range Totals {
			s := Describe(g.Column(t))
			row := make([]string, 0, len(paramKeys)+7)
			for _, p := range g.Params {
				row = append(row, FormatFloat(p))
			}
			row = append(row, g.Regime, total.Name, strconv.Itoa(s.N),
				FormatFloat(s.Mean), FormatFloat(s.SD), FormatFloat(s.Lo), FormatFloat(s.Hi))
			if err := c.Write(row); err != nil {
				c.Close()
				return err
			}
		}
	}
	return c.Close()
}

// ContrastHeader is contrast.csv's header (docs/OUTPUTS.md).
func ContrastHeader(paramKeys []string) []string {
	return append(slices.Clone(paramKeys), "contrast", "metric", "n", "mean", "sd", "ci_low", "ci_high")
}

// ContrastPoint is the paired difference of two regimes at one sweep
// point: Stats[t] describes Totals[t].
type ContrastPoint struct {
	Params []float64
	Stats  []Stat
}

// Contrasts are, per sweep point (in the order of groups), the paired
// differences regime a − regime b of every total over the replicates both
// ran at the point (they share seeds, so meet the same migrants),
// described as stats.csv describes a group (Describe: n, mean, sd, 95% t
// interval). A point where no replicate ran in both regimes (a shard's)
// is left out.
func Contrasts(a, b string, groups []Group) []ContrastPoint {
	pointKey := func(p []float64) string { return fmt.Sprint(p) }
	bAt := map[string]int{} // point -> index in groups of regime b's group
	for j, g := range groups {
		if g.Regime == b {
			bAt[pointKey(g.Params)] = j
		}
	}
	var points []ContrastPoint
	for _, ga := range groups {
		j, ok := bAt[pointKey(ga.Params)]
		if ga.Regime != a || !ok {
			continue
		}
		byRep := map[int]SummaryRow{}
		for _, r := range groups[j].Rows {
			byRep[r.Run.Replicate] = r
		}
		var pairs [][2]SummaryRow
		for _, ra := range ga.Rows {
			if rb, ok := byRep[ra.Run.Replicate]; ok {
				pairs = append(pairs, [2]SummaryRow{ra, rb})
			}
		}
		if len(pairs) == 0 {
			continue
		}
		cp := ContrastPoint{Params: ga.Params, Stats: make([]Stat, len(Totals))}
		d := make([]float64, len(pairs))
		for t := range Totals {
			for k, p := range pairs {
				d[k] = p[0].Totals[t] - p[1].Totals[t]
			}
			cp.Stats[t] = Describe(d)
		}
		points = append(points, cp)
	}
	return points
}

// WriteContrast writes contrast.csv: the Contrasts a − b, a row per point
// and total.
func WriteContrast(path string, paramKeys []string, a, b string, groups []Group) error {
	c, err := CreateCSV(path, ContrastHeader(paramKeys))
	if err != nil {
		return err
	}
	name := a + "-" + b
	for _, cp := range Contrasts(a, b, groups) {
		for t, total := range Totals {
			s := cp.Stats[t]
			row := make([]string, 0, len(paramKeys)+7)
			for _, p := range cp.Params {
				row = append(row, FormatFloat(p))
			}
			row = append(row, name, total.Name, strconv.Itoa(s.N),
				FormatFloat(s.Mean), FormatFloat(s.SD), FormatFloat(s.Lo), FormatFloat(s.Hi))
			if err := c.Write(row); err != nil {
				c.Close()
				return err
			}
		}
	}
	return c.Close()
}

// ReadSummary reads summary.csv back.
func ReadSummary(path string) (paramKeys []string, rows []SummaryRow, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	header, err := r.Read()
	if err != nil {
		return nil, nil, unreadable(path, err)
	}
	totals := SummaryHeader(nil)[4:]
	nParams := len(header) - 4 - len(Totals)
	// A table an earlier borderwork wrote lacks LaterMetrics' columns:
	// read as 0 (fill), which that borderwork could not count otherwise.
	var fill []int
	if nParams >= 0 && !slices.Equal(header[3+nParams+1:], totals) {
		nParams = -1
	}
	if nParams < 0 {
		if older := withoutLater(totals); len(header)-4-len(older) >= 0 && slices.Equal(header[len(header)-len(older):], older) {
			nParams = len(header) - 4 - len(older)
			for i, t := range totals {
				if slices.Contains(LaterMetrics, t) {
					fill = append(fill, i)
				}
			}
		}
	}
	if nParams < 0 {
		return nil, nil, &scenarios.Error{File: path, Line: 1, Msg: "not a summary table of this version of borderwork"}
	}
	paramKeys = header[3 : 3+nParams]
	var regimes []string // each regime's name once, which every row of it shares
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, unreadable(path, err)
		}
		row, err := parseSummary(rec, header, nParams)
		if err != nil {
			return nil, nil, cellError(path, line, err)
		}
		for _, i := range fill {
			row.Totals = slices.Insert(row.Totals, i, 0)
		}
		// The csv reader's fields share one string per line: a row that
		// kept its regime's field would keep its whole line, as much
		// again as its numbers (plot of 100,000 runs held 2 KB a run).
		if i := slices.Index(regimes, row.Run.Regime); i >= 0 {
			row.Run.Regime = regimes[i]
		} else {
			row.Run.Regime = strings.Clone(row.Run.Regime)
			regimes = append(regimes, row.Run.Regime)
		}
		rows = append(rows, row)
	}
	return paramKeys, rows, nil
}

// badCell is a cell of a table that does not read as its column wants:
// its column and what it holds, which cellError places in the file.
type badCell struct{ column, want, got string }

func (c *badCell) Error() string { return fmt.Sprintf("%s: want %s, got %q", c.column, c.want, c.got) }

// cellError places a badCell at line of the table at path, as a
// scenarios.Error (bad input: exit status 2): "summary.csv:2:
// trapped_person_days: want a number, got "abc"".
func cellError(path string, line int, err error) error {
	var c *badCell
	if !errors.As(err, &c) {
		return &scenarios.Error{File: path, Line: line, Msg: err.Error()}
	}
	return &scenarios.Error{File: path, Line: line, Key: c.column, Msg: fmt.Sprintf("want %s, got %q", c.want, c.got)}
}

// unreadable is a table at path that is not CSV as borderwork writes it
// (a quote left open, a row of the wrong length), as a scenarios.Error
// naming its line.
func unreadable(path string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &scenarios.Error{File: path, Line: pe.Line, Msg: pe.Err.Error()}
	}
	return &scenarios.Error{File: path, Msg: err.Error()}
}

func parseSummary(rec, header []string, nParams int) (SummaryRow, error) {
	var row SummaryRow
	var err error
	if row.Run, err = parseKey(rec, header, nParams); err != nil {
		return row, err
	}
	i := 3 + nParams
	if row.Run.Seed, err = strconv.ParseUint(rec[i], 10, 64); err != nil {
		return row, &badCell{header[i], "a seed (a whole number from 0 to 2^64-1)", rec[i]}
	}
	row.Totals = make([]float64, 0, max(len(rec)-(4+nParams), 0)) // kept for every run: no room to spare
	for i := 4 + nParams; i < len(rec); i++ {
		v, err := strconv.ParseFloat(rec[i], 64)
		if err != nil {
			return row, &badCell{header[i], "a number", rec[i]}
		}
		row.Totals = append(row.Totals, v)
	}
	return row, nil
}

func parseKey(rec, header []string, nParams int) (Run, error) {
	var run Run
	var err error
	if run.ID, err = strconv.Atoi(rec[0]); err != nil {
		return run, &badCell{header[0], "a whole number", rec[0]}
	}
	run.Regime = rec[1]
	if run.Replicate, err = strconv.Atoi(rec[2]); err != nil {
		return run, &badCell{header[2], "a whole number", rec[2]}
	}
	for i := 3; i < 3+nParams; i++ {
		v, err := strconv.ParseFloat(rec[i], 64)
		if err != nil {
			return run, &badCell{header[i], "a number", rec[i]}
		}
		run.Params = append(run.Params, v)
	}
	return run, nil
}

// ReadTimeseries streams timeseries.csv, calling fn for each row with the
// run, the day and the values of the named columns.
func ReadTimeseries(path string, columns []string, fn func(run Run, day int, values []float64) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReaderSize(f, 1<<16))
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		return unreadable(path, err)
	}
	header = slices.Clone(header) // ReuseRecord: the next row would overwrite it
	// An earlier borderwork's table lacks LaterMetrics' columns, read as 0.
	nParams := len(header) - 4 - len(DayColumns) + len(missingLater(header, TimeseriesHeader(nil)))
	if nParams < 0 {
		return &scenarios.Error{File: path, Line: 1, Msg: "not a timeseries table of this version of borderwork"}
	}
	idx := make([]int, len(columns))
	for i, c := range columns {
		idx[i] = slices.Index(header, c)
		if idx[i] < 0 && !slices.Contains(LaterMetrics, c) {
			return &scenarios.Error{File: path, Line: 1, Msg: fmt.Sprintf("no column %q", c)}
		}
	}
	values := make([]float64, len(columns))
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return unreadable(path, err)
		}
		run, err := parseKey(rec, header, nParams)
		if err != nil {
			return cellError(path, line, err)
		}
		i := 3 + nParams
		day, err := strconv.Atoi(rec[i])
		if err != nil {
			return cellError(path, line, &badCell{header[i], "a whole number", rec[i]})
		}
		for i, j := range idx {
			if j < 0 {
				values[i] = 0 // a later metric, which the folder's borderwork could not count
				continue
			}
			if values[i], err = strconv.ParseFloat(rec[j], 64); err != nil {
				return cellError(path, line, &badCell{header[j], "a number", rec[j]})
			}
		}
		if err := fn(run, day, values); err != nil {
			return err
		}
	}
}
