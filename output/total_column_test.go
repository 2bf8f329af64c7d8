package output_test

import (
	"slices"
	"testing"

	"github.com/borderwork/borderwork/output"
)

// TestTotalColumn: a group's values of a total are found by its name,
// and a name that is no total is an error naming it, with the total
// meant where one is near: Column(TotalIndex(name)) panicked with an
// index out of range for such a name.
func TestTotalColumn(t *testing.T) {
	deaths := output.TotalIndex("deaths")
	if deaths < 0 {
		t.Fatal("no total deaths")
	}
	g := output.Group{Regime: "open"}
	for _, v := range []float64{3, 5} {
		row := output.SummaryRow{Totals: make([]float64, len(output.Totals))}
		row.Totals[deaths] = v
		g.Rows = append(g.Rows, row)
	}
	for _, tt := range []struct {
		name    string
		want    []float64
		wantErr string
	}{
		{"deaths", []float64{3, 5}, ""},
		{"death", nil, `output: unknown total "death" (a column of summary.csv, such as trapped_person_days); did you mean deaths?`},
		{"trapped", nil, `output: unknown total "trapped" (a column of summary.csv, such as trapped_person_days)`},
		{"", nil, `output: unknown total "" (a column of summary.csv, such as trapped_person_days)`},
	} {
		got, err := g.TotalColumn(tt.name)
		if msg := errString(err); !slices.Equal(got, tt.want) || msg != tt.wantErr {
			t.Errorf("TotalColumn(%q) = %v, %q; want %v, %q", tt.name, got, msg, tt.want, tt.wantErr)
		}
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
