package output

import (
	"errors"
	"os"
	"path/filepath"
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
