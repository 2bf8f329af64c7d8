package figures

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestMarks: a mark inside the x range is drawn with its label; one
// outside is not.
func TestMarks(t *testing.T) {
	draw := func(marks ...Mark) string {
		fig, err := TimeBands("t", "year", "people a day", []Band{{Label: "a", X: []float64{2016, 2017, 2018}, Mean: []float64{1, 3, 2}}}, Caption{})
		if err != nil {
			t.Fatal(err)
		}
		fig.AddMarks(marks...)
		var b bytes.Buffer
		if err := fig.Encode(&b, "svg"); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	plain := draw()
	in := draw(Mark{X: 2016.58, Label: "crackdown"})
	out := draw(Mark{X: 2019, Label: "crackdown"})
	if !strings.Contains(in, "crackdown") {
		t.Error("the label of a mark inside the range is not drawn")
	}
	if out != plain {
		t.Error("a mark outside the x range changed the figure")
	}
	if in == plain {
		t.Error("a mark inside the range drew nothing")
	}
}

func TestMonthTicker(t *testing.T) {
	start := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		lo, hi float64
		want   []string
	}{
		{0, 730, []string{"Jan 2016", "Jul 2016", "Jan 2017", "Jul 2017"}},
		{0, 120, []string{"Jan 2016", "Feb 2016", "Mar 2016", "Apr 2016"}},
		{10, 100, []string{"Feb 2016", "Mar 2016", "Apr 2016"}},
	}
	for _, tt := range tests {
		var got []string
		for _, tk := range (monthTicker{start}).Ticks(tt.lo, tt.hi) {
			got = append(got, tk.Label)
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("Ticks(%v, %v) = %v; want %v", tt.lo, tt.hi, got, tt.want)
		}
	}
}
