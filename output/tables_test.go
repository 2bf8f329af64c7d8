package output

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/borderwork/borderwork/sim"
)

// TestRowsAsTheCSVWriterWritesThem: WriteTimeseries and WriteLocations,
// which append numbers straight to their rows, write the bytes that
// encoding/csv writes for the same cells (FormatFloat of each number),
// with names and values that need quoting or are awkward to format, rows
// long enough to be handed on in several pieces, and rows added with
// Write before, between and after.
func TestRowsAsTheCSVWriterWritesThem(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	awkward := []float64{0, math.Copysign(0, -1), 0.1, -3, 1 << 53, 1<<53 + 2, 1e300, 1e-300, math.NaN(), math.Inf(1), math.Inf(-1), 2.5e-7}
	days := make([]sim.DayRecord, 400)
	for i := range days {
		days[i].Day = i
		fillRecord(reflect.ValueOf(&days[i]).Elem(), rng, awkward)
	}
	names := []string{"Agadez", `say "when"`, " lead", "a,b", `\.`, "line\nbreak", "", "Tamanrasset"}
	locs := make([]sim.LocationDay, 50*len(names))
	for i := range locs {
		fillRecord(reflect.ValueOf(&locs[i]).Elem(), rng, awkward)
	}
	runs := []Run{
		{ID: 3, Regime: "malfunctioning", Replicate: 1, Params: []float64{0.05, 1 << 53, math.NaN()}},
		{ID: 12, Regime: `a "quoted", regime`, Replicate: 0, Params: []float64{-0.25}},
		{ID: 13, Regime: " spaced", Replicate: 2},
	}

	var got, want bytes.Buffer
	c := NewCSV(&got)
	ref := csv.NewWriter(&want)
	write := func(row []string) {
		if err := c.Write(row); err != nil {
			t.Fatal(err)
		}
		ref.Write(row)
	}
	write([]string{"run", "regime", "replicate", "x"})
	for _, r := range runs {
		if err := WriteTimeseries(c, r, days); err != nil {
			t.Fatal(err)
		}
		for i := range days {
			row := append(keyCells(r), strconv.Itoa(days[i].Day))
			for _, col := range DayColumns {
				row = append(row, FormatFloat(col.Get(&days[i])))
			}
			ref.Write(row)
		}
		write([]string{"between", `"runs"`})
		if err := WriteLocations(c, r, len(names), func(i int) string { return names[i] }, locs); err != nil {
			t.Fatal(err)
		}
		for i, l := range locs {
			ref.Write(append(keyCells(r), strconv.Itoa(i/len(names)), names[i%len(names)],
				strconv.Itoa(l.Waiting), strconv.Itoa(l.Trapped), strconv.Itoa(l.Stranded), strconv.Itoa(l.Queued), strconv.Itoa(l.Abuse), strconv.Itoa(l.Deaths)))
		}
	}
	write([]string{"last"})
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	ref.Flush()
	if got.Len() < 3*flushRows {
		t.Fatalf("the test wrote %d bytes: too few to hand rows on in several pieces", got.Len())
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		g, w := got.Bytes(), want.Bytes()
		i := 0
		for i < min(len(g), len(w)) && g[i] == w[i] {
			i++
		}
		from := max(0, bytes.LastIndexByte(w[:i], '\n')+1)
		t.Errorf("the tables differ from what encoding/csv writes at byte %d:\n got %q\nwant %q", i, line(g[from:]), line(w[from:]))
	}
}

// fillRecord sets every number of a record: integers at random, floats
// among awkward values or at random.
func fillRecord(v reflect.Value, rng *rand.Rand, awkward []float64) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).Name != "Day" {
				fillRecord(v.Field(i), rng, awkward)
			}
		}
	case reflect.Array:
		for i := range v.Len() {
			fillRecord(v.Index(i), rng, awkward)
		}
	case reflect.Int:
		v.SetInt(rng.Int64N(2_000_000) - 1000)
	case reflect.Float64:
		if rng.IntN(2) == 0 {
			v.SetFloat(awkward[rng.IntN(len(awkward))])
		} else {
			v.SetFloat(rng.NormFloat64() * 1e4)
		}
	}
}

// line is b up to its first line break.
func line(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i]
	}
	return b
}

// BenchmarkWriteTimeseries writes one run of a year to timeseries.csv (in
// memory): what a sweep's writer does for each run while the workers
// simulate.
func BenchmarkWriteTimeseries(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	days := make([]sim.DayRecord, 365)
	for i := range days {
		days[i].Day = i
		fillRecord(reflect.ValueOf(&days[i]).Elem(), rng, []float64{0, 0.5, 12.25})
	}
	run := Run{ID: 7, Regime: "malfunctioning", Replicate: 1, Params: []float64{0.05}}
	c := NewCSV(io.Discard)
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteTimeseries(c, run, days); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCheckedAsWritten: the checksums a table takes as it is written are
// those Check reads back from its file: for a table of runs long enough
// for several blocks and pieces larger than the write buffer, for one
// continued from another (ContinueCSV), and for a table that is not of
// runs. A table not yet closed has none.
func TestCheckedAsWritten(t *testing.T) {
	dir := t.TempDir()
	days := make([]sim.DayRecord, 30)
	for i := range days {
		days[i].Day = i
		days[i].HarmIndex = float64(i) / 7
	}
	write := func(c *CSVFile, from, to int) {
		for id := from; id < to; id++ {
			r := Run{ID: id, Regime: []string{"open", `a "b", c`}[id%2], Replicate: id % 3, Params: []float64{0.1 * float64(id)}}
			if err := WriteTimeseries(c, r, days); err != nil {
				t.Fatal(err)
			}
			if err := c.Write([]string{strconv.Itoa(id), "extra", "row"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	header := TimeseriesHeader([]string{"x"})
	first, err := CreateCSV(filepath.Join(dir, "first.csv"), header)
	if err != nil {
		t.Fatal(err)
	}
	write(first, 0, 2*BlockRuns+5)
	if _, ok := first.Checked(); ok {
		t.Error("Checked of a table not yet closed gave checksums")
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	more, err := ContinueCSV(filepath.Join(dir, "more.csv"), filepath.Join(dir, "first.csv"), header)
	if err != nil {
		t.Fatal(err)
	}
	write(more, 2*BlockRuns+5, 3*BlockRuns+9)
	if err := more.Close(); err != nil {
		t.Fatal(err)
	}
	other, err := CreateCSV(filepath.Join(dir, "other.csv"), []string{"metric", "value"})
	if err != nil {
		t.Fatal(err)
	}
	other.Write([]string{"x", "1"})
	if err := other.Close(); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]*CSVFile{"first.csv": first, "more.csv": more, "other.csv": other} {
		want, err := Check(dir, []string{name})
		if err != nil {
			t.Fatal(err)
		}
		got, ok := c.Checked()
		got.File = name
		if !ok || !reflect.DeepEqual(got, want[0]) {
			t.Errorf("%s: Checked() = %+v, %v; want %+v, as Check reads it", name, got, ok, want[0])
		}
		if name != "other.csv" && len(want[0].Blocks) < 2 {
			t.Errorf("%s has %d blocks: the test checks too little", name, len(want[0].Blocks))
		}
	}
	if _, ok := NewCSV(io.Discard).Checked(); ok {
		t.Error("Checked of a table in memory gave checksums")
	}
}

// TestGroupRows: a group is the consecutive runs of one regime at one
// sweep point, so a new group starts where either changes: a sweep of
// one regime over several points gives a group per point, and a point
// repeated after another is a group again.
func TestGroupRows(t *testing.T) {
	row := func(regime string, params ...float64) SummaryRow {
		return SummaryRow{Run: Run{Regime: regime, Params: params}}
	}
	tests := []struct {
		name string
		rows []SummaryRow
		want []string // each group as regime@params×runs
	}{
		{"no rows", nil, nil},
		{"one regime, two points", []SummaryRow{row("open", 10), row("open", 10), row("open", 30), row("open", 30)},
			[]string{"open@[10]×2", "open@[30]×2"}},
		{"two regimes, one point", []SummaryRow{row("open", 10), row("closed", 10), row("closed", 10)},
			[]string{"open@[10]×1", "closed@[10]×2"}},
		{"no sweep", []SummaryRow{row("open"), row("open"), row("hbm")},
			[]string{"open@[]×2", "hbm@[]×1"}},
		{"a point's second value differs", []SummaryRow{row("open", 1, 2), row("open", 1, 3)},
			[]string{"open@[1 2]×1", "open@[1 3]×1"}},
		{"a point again after another", []SummaryRow{row("open", 1), row("open", 2), row("open", 1)},
			[]string{"open@[1]×1", "open@[2]×1", "open@[1]×1"}},
	}
	for _, tt := range tests {
		var got []string
		for _, g := range GroupRows(tt.rows) {
			got = append(got, fmt.Sprintf("%s@%v×%d", g.Regime, g.Params, len(g.Rows)))
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: groups %q; want %q", tt.name, got, tt.want)
		}
	}
}
