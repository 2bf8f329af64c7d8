package figures

import (
	"math"
	"testing"

	"gonum.org/v1/plot/vg"
)

// TestPointRadius: markers keep the theme's size until they would cover
// more than 40% of the plot, then shrink to that share, not below a
// point.
func TestPointRadius(t *testing.T) {
	base, w, h := vg.Points(3), vg.Points(400), vg.Points(250)
	for _, c := range []struct {
		n    int
		want vg.Length
	}{
		{0, base},
		{10, base},
		{1000, base}, // 1,000 markers of radius 3 cover 28% of it
		{5000, vg.Length(math.Sqrt(0.4 * 400 * 250 / (math.Pi * 5000)))},
		{1_000_000, vg.Points(1)},
	} {
		got := pointRadius(base, w, h, c.n)
		if math.Abs(float64(got-c.want)) > 1e-9 {
			t.Errorf("%d points: radius %v; want %v", c.n, got, c.want)
		}
		if c.n > 0 && got > vg.Points(1) && got < base {
			if cover := math.Pi * float64(got*got) * float64(c.n) / float64(w*h); math.Abs(cover-0.4) > 1e-9 {
				t.Errorf("%d points cover %.3f of the plot; want 0.4", c.n, cover)
			}
		}
	}
}
