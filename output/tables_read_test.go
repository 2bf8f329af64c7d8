package output

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/scenarios"
)

// TestReadTablesBadInput: a summary.csv or timeseries.csv that does not
// read as borderwork writes it (edited by hand, its checksum recomputed)
// is bad input, reported at its line and column as a scenario's
// problems are (exit status 2), not as a failure of the machine.
func TestReadTablesBadInput(t *testing.T) {
	// row is a table's row of n cells, "0" but for cell i, which is v.
	row := func(n, i int, v string) string {
		cells := make([]string, n)
		for j := range cells {
			cells[j] = "0"
		}
		cells[1] = "open"
		if i >= 0 {
			cells[i] = v
		}
		return strings.Join(cells, ",")
	}
	summary := strings.Join(SummaryHeader([]string{"posts.Gate.capacity"}), ",")
	ns := len(SummaryHeader([]string{"posts.Gate.capacity"}))
	series := strings.Join(TimeseriesHeader(nil), ",")
	nt := len(TimeseriesHeader(nil))
	tests := []struct {
		name, file, text, want string
	}{
		{"a total", "summary.csv", summary + "\n" + row(ns, -1, "") + "\n" + row(ns, 5, "abc") + "\n", `summary.csv:3: ` + Totals[0].Name + `: want a number, got "abc"`},
		{"a run", "summary.csv", summary + "\n" + row(ns, 0, "first") + "\n", `summary.csv:2: run: want a whole number, got "first"`},
		{"a replicate", "summary.csv", summary + "\n" + row(ns, 2, "1.5") + "\n", `summary.csv:2: replicate: want a whole number, got "1.5"`},
		{"a sweep's value", "summary.csv", summary + "\n" + row(ns, 3, "ten") + "\n", `summary.csv:2: posts.Gate.capacity: want a number, got "ten"`},
		{"a seed", "summary.csv", summary + "\n" + row(ns, 4, "-1") + "\n", `summary.csv:2: seed: want a seed (a whole number from 0 to 2^64-1), got "-1"`},
		{"a row cut short", "summary.csv", summary + "\n" + row(ns-1, -1, "") + "\n", `summary.csv:2: wrong number of fields`},
		{"a quote left open", "summary.csv", summary + "\n" + row(ns, 5, `"7`) + "\n", `summary.csv:2: extraneous or missing " in quoted-field`},
		{"a header cut short", "timeseries.csv", "run,regime\n", `timeseries.csv:1: not a timeseries table of this version of borderwork`},
		{"another header", "summary.csv", "run,regime\n", `summary.csv:1: not a summary table of this version of borderwork`},
		{"a day", "timeseries.csv", series + "\n" + row(nt, 3, "x") + "\n", `timeseries.csv:2: day: want a whole number, got "x"`},
		{"a day's count", "timeseries.csv", series + "\n" + row(nt, 4, "1e") + "\n", `timeseries.csv:2: ` + DayColumns[0].Name + `: want a number, got "1e"`},
		{"a column renamed", "timeseries.csv", strings.Replace(series, ","+DayColumns[1].Name+",", ",other,", 1) + "\n", `timeseries.csv:1: no column "` + DayColumns[1].Name + `"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tt.file)
			if err := os.WriteFile(path, []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			var err error
			if tt.file == "summary.csv" {
				_, _, err = ReadSummary(path)
			} else {
				err = ReadTimeseries(path, []string{DayColumns[0].Name, DayColumns[1].Name}, func(Run, int, []float64) error { return nil })
			}
			if err == nil || !errors.Is(err, scenarios.ErrInvalid) || !strings.HasPrefix(err.Error(), filepath.Dir(path)) || !strings.HasSuffix(err.Error(), tt.want) {
				t.Errorf("err = %v; want bad input (scenarios.ErrInvalid) ending %q", err, tt.want)
			}
		})
	}
}

// TestReadEarlierTables: summary.csv and timeseries.csv as a borderwork
// of before a LaterMetrics metric wrote them, without its column, are
// read with that metric 0 in every row and every other value in its
// place; a header missing any other column is still refused.
func TestReadEarlierTables(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, header []string, row func(i int, h string) string) string {
		var b strings.Builder
		b.WriteString(strings.Join(header, ",") + "\n")
		cells := make([]string, len(header))
		for i, h := range header {
			cells[i] = row(i, h)
		}
		b.WriteString(strings.Join(cells, ",") + "\n")
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	key := func(i int, h string) string {
		switch h {
		case "regime":
			return "closed"
		case "run", "replicate", "seed", "day":
			return "3"
		}
		return strconv.Itoa(100 + i)
	}
	later := LaterMetrics[0]
	for _, keys := range [][]string{nil, {"posts.Post.capacity"}} {
		earlier := slices.DeleteFunc(SummaryHeader(keys), func(h string) bool { return h == later })
		gotKeys, rows, err := ReadSummary(write("summary.csv", earlier, key))
		if err != nil || len(rows) != 1 || !slices.Equal(gotKeys, keys) || len(rows[0].Run.Params) != len(keys) {
			t.Fatalf("an earlier summary.csv with keys %v: %v, keys %v, %d rows", keys, err, gotKeys, len(rows))
		}
		for i, tot := range Totals {
			want := 0.0
			if tot.Name != later {
				want = float64(100 + slices.Index(earlier, tot.Name))
			}
			if got := rows[0].Totals[i]; got != want {
				t.Errorf("an earlier summary.csv with keys %v: %s read as %v; want %v", keys, tot.Name, got, want)
			}
		}
		if _, _, err := ReadSummary(write("short.csv", earlier[:len(earlier)-1], key)); err == nil {
			t.Errorf("a summary.csv with keys %v missing another column: read; want it refused", keys)
		}
	}

	// A compare's, and a sweep's with its two keys.
	for _, keys := range [][]string{nil, {"posts.Post.capacity", "migrants.patience_days"}} {
		earlierTS := slices.DeleteFunc(TimeseriesHeader(keys), func(h string) bool { return h == later })
		cols := []string{"trapped_person_days", later, "harm_index"}
		var got [][]float64
		var runs []Run
		var days []int
		if err := ReadTimeseries(write("timeseries.csv", earlierTS, key), cols, func(r Run, day int, v []float64) error {
			got, runs, days = append(got, slices.Clone(v)), append(runs, r), append(days, day)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		want := []float64{float64(100 + slices.Index(earlierTS, cols[0])), 0, float64(100 + slices.Index(earlierTS, cols[2]))}
		if len(got) != 1 || !slices.Equal(got[0], want) || days[0] != 3 || len(runs[0].Params) != len(keys) {
			t.Errorf("an earlier timeseries.csv with keys %v: %v on day %v, run %+v; want %v on day 3, %d parameters", keys, got, days, runs, want, len(keys))
		}
	}
}
