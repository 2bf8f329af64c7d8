package figures

import (
	"bytes"
	"math"
	"slices"
	"testing"
)

// sampleLogBands are counts over three decades, with what a log axis
// cannot show: a band whose lower end is 0 (day 90), an observation of 0
// (day 75) and a band whose upper end is 0 (day 150).
func sampleLogBands() []Band {
	days := []float64{0, 30, 60, 90, 120, 150}
	return []Band{
		{Label: "simulated", X: days, Mean: []float64{2000, 900, 150, 40, 12, 0},
			Lo: []float64{1500, 500, 60, 0, 2, 0}, Hi: []float64{2600, 1400, 300, 110, 40, 0}},
		{Label: "observed", X: []float64{15, 45, 75, 105, 135}, Mean: []float64{1700, 400, 0, 25, 20}, Markers: true},
	}
}

// TestLogY: LogY puts a TimeBands figure's y axis on a log scale over the
// values above 0, says what it could not show, and draws without
// drawing a value of 0 or less (which would be -Inf on the axis: encode
// recovers a panic, so an error here is one).
func TestLogY(t *testing.T) {
	tests := []struct {
		name   string
		bands  []Band
		ok     bool
		off    LogOff
		lo, hi float64 // the least and greatest value above 0
	}{
		{"sample", sampleLogBands(), true, LogOff{Left: 3, Foot: 1}, 2, 2600},
		{"nothing at 0", []Band{{Label: "a", X: []float64{0, 1}, Mean: []float64{10, 1000}}}, true, LogOff{}, 10, 1000},
		{"replicates at 0", []Band{{Label: "a", X: []float64{0, 1}, Mean: []float64{5, 50}, Replicates: [][]float64{{0, 40}, {6, 0}}}}, true, LogOff{Left: 2}, 5, 50},
		{"nothing above 0", []Band{{Label: "a", X: []float64{0, 1}, Mean: []float64{0, 0}, Lo: []float64{0, 0}, Hi: []float64{0, 0}}}, false, LogOff{}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fig, err := TimeBands("t", "day", "count", tt.bands, sampleCaption)
			if err != nil {
				t.Fatal(err)
			}
			off, ok := fig.LogY()
			if ok != tt.ok || off != tt.off {
				t.Errorf("LogY = %+v, %v; want %+v, %v", off, ok, tt.off, tt.ok)
			}
			if fig.LogScaleY() != tt.ok {
				t.Errorf("LogScaleY = %v after LogY gave ok %v", fig.LogScaleY(), ok)
			}
			if got, want := fig.yLabel == "count (logarithmic scale)", tt.ok; got != want {
				t.Errorf("y label %q after LogY gave ok %v", fig.yLabel, ok)
			}
			if ok {
				// The axis is of logarithms.
				if min, max := math.Exp(fig.p.Y.Min), math.Exp(fig.p.Y.Max); !(min < tt.lo && min > tt.lo/2 && max > tt.hi && max < 2*tt.hi) {
					t.Errorf("y axis %v to %v; want it just round %v to %v", min, max, tt.lo, tt.hi)
				}
			}
			for _, format := range Formats() {
				if err := fig.Encode(new(bytes.Buffer), format); err != nil {
					t.Errorf("%s: %v", format, err)
				}
			}
		})
	}
	// A figure that is no TimeBands figure is left as it is.
	fig, err := Scatter("s", "x", "y", sampleSeries(), sampleCaption)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := fig.LogY(); ok || fig.LogScaleY() {
		t.Error("LogY put a scatter's axis on a log scale")
	}
}

// TestLogYMarks: a mark's label keeps clear of the series on a log axis
// too, where a series' value of 0 has no place to be checked against.
func TestLogYMarks(t *testing.T) {
	fig, err := TimeBands("t", "day", "count", sampleLogBands(), sampleCaption)
	if err != nil {
		t.Fatal(err)
	}
	fig.LogY()
	fig.AddMarks(Mark{X: 80, Label: "change"})
	for _, s := range Sizes() {
		fig.SetSize(s)
		l, err := fig.Layout("svg")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range l.Problems() {
			t.Errorf("%s: %s", s.Name, p)
		}
	}
}

// TestLogTicker: ticks at 1 to 9 times each power of ten in the range,
// labelled at the powers (and at 2 and 5 where the powers give fewer
// than three labels) as the linear axes label theirs, or niceTicker's
// over a range too narrow for two such labels.
func TestLogTicker(t *testing.T) {
	tests := []struct {
		lo, hi float64
		labels []string
		ticks  int // labelled and not
	}{
		{0.6, 4500, []string{"1", "10", "100", "1,000"}, 35},
		{150, 900, []string{"200", "500"}, 8},
		{23, 4000, []string{"50", "100", "200", "500", "1,000", "2,000"}, 20},
		{0.5, 1000, []string{"1", "10", "100", "1,000"}, 33},
		{0.05, 3, []string{"0.05", "0.1", "0.2", "0.5", "1", "2"}, 17},
		{1, 1e6, []string{"1", "10", "100", "1,000", "10,000", "100,000", "1,000,000"}, 55},
		{310, 390, []string{"320", "340", "360", "380"}, 4}, // niceTicker's
	}
	for _, tt := range tests {
		ticks := logTicker{}.Ticks(math.Log(tt.lo), math.Log(tt.hi))
		var labels []string
		for i, tk := range ticks {
			if v := math.Exp(tk.Value); v < tt.lo*(1-1e-9) || v > tt.hi*(1+1e-9) {
				t.Errorf("%v to %v: tick %v outside the range", tt.lo, tt.hi, tk.Value)
			}
			if i > 0 && !(tk.Value > ticks[i-1].Value) {
				t.Errorf("%v to %v: ticks not increasing at %v", tt.lo, tt.hi, tk.Value)
			}
			if tk.Label != "" {
				labels = append(labels, tk.Label)
			}
		}
		if !slices.Equal(labels, tt.labels) || len(ticks) != tt.ticks {
			t.Errorf("%v to %v: labels %v of %d ticks; want %v of %d", tt.lo, tt.hi, labels, len(ticks), tt.labels, tt.ticks)
		}
	}
	for _, r := range [][2]float64{{math.Inf(-1), 10}, {5, 5}, {6, 5}, {1, math.Inf(1)}} {
		if ticks := (logTicker{}).Ticks(r[0], r[1]); ticks != nil {
			t.Errorf("%v to %v: ticks %v; want none", r[0], r[1], ticks)
		}
	}
}

// TestHeatmapLogAxes: a binned heat map drawn at the logarithms of bins
// equal on them (Log), then LogAxisX and LogAxisY, has the bins' edges
// as its cells' (the range's ends as the axis's), ticks the axis at the
// values as LogY does, says so in its labels, inside a unit's
// parenthesis, and lays out without problems at every size.
func TestHeatmapLogAxes(t *testing.T) {
	// Three bins each over 0.001 to 0.02 and 0.5 to 2, at the
	// logarithms of their geometric middles.
	centres := func(lo, hi float64) []float64 {
		var c []float64
		for k := range 3 {
			c = append(c, Log(lo*math.Pow(hi/lo, (float64(k)+0.5)/3)))
		}
		return c
	}
	x, y := centres(0.001, 0.02), centres(0.5, 2)
	z := [][]float64{{0, 0.5, 1}, {0.2, math.NaN(), 0.4}, {1, 1, 0}}
	fig, err := HeatmapWith("t", "rate (per day)", "multiple", "share", x, y, z, HeatOptions{Lo: 0, Hi: 1, Binned: true}, sampleCaption)
	if err != nil {
		t.Fatal(err)
	}
	fig.LogAxisX()
	fig.LogAxisY()
	if fig.xLabel != "rate (per day; logarithmic scale)" || fig.yLabel != "multiple (logarithmic scale)" {
		t.Errorf("labels %q, %q; want each to say its scale is logarithmic", fig.xLabel, fig.yLabel)
	}
	for _, e := range []struct {
		name     string
		edges    []float64
		min, max float64 // the axis's range
		lo, hi   float64
	}{
		{"x", edges(positions(x)), fig.p.X.Min, fig.p.X.Max, 0.001, 0.02},
		{"y", edges(positions(y)), fig.p.Y.Min, fig.p.Y.Max, 0.5, 2},
	} {
		if e.min != e.edges[0] || e.max != e.edges[len(e.edges)-1] {
			t.Errorf("%s axis from %v to %v; want the cells' outer edges %v and %v", e.name, e.min, e.max, e.edges[0], e.edges[len(e.edges)-1])
		}
		for i, v := range e.edges {
			want := e.lo * math.Pow(e.hi/e.lo, float64(i)/3)
			if got := math.Exp(v); math.Abs(got-want) > 1e-9*want {
				t.Errorf("%s edge %d at %v; want %v", e.name, i, got, want)
			}
		}
	}
	var labels []string
	for _, tk := range fig.p.Y.Tick.Marker.Ticks(fig.p.Y.Min, fig.p.Y.Max) {
		if tk.Label != "" {
			labels = append(labels, tk.Label)
		}
	}
	if !slices.Equal(labels, []string{"0.5", "1", "2"}) {
		t.Errorf("y labels %q; want 0.5, 1 and 2", labels)
	}
	for _, s := range Sizes() {
		fig.SetSize(s)
		l, err := fig.Layout("svg")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range l.Problems() {
			t.Errorf("%s: %s", s.Name, p)
		}
	}
}

// TestTickAtAxisEndFits: a round-number tick on an axis's end, which the
// arithmetic of the end puts a rounding error inside it (0.02 on an axis
// to 0.001 + 0.019), lies on the axis, so that plot makes room for its
// label: it once ran off a single-column binned heat map's canvas.
func TestTickAtAxisEndFits(t *testing.T) {
	x := []float64{0.001 + 0.019/6, 0.001 + 0.019/2, 0.001 + 0.019*5/6}
	y := []float64{0.75, 1.25, 1.75}
	z := [][]float64{{0, 0.5, 1}, {0.2, 0.3, 0.4}, {1, 1, 0}}
	fig, err := HeatmapWith("t", "rate", "multiple", "share", x, y, z, HeatOptions{Lo: 0, Hi: 1, Binned: true}, sampleCaption)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range Sizes() {
		fig.SetSize(s)
		l, err := fig.Layout("svg")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range l.Problems() {
			t.Errorf("%s: %s", s.Name, p)
		}
		for _, tk := range fig.p.X.Tick.Marker.Ticks(fig.p.X.Min, fig.p.X.Max) {
			if tk.Value < fig.p.X.Min || tk.Value > fig.p.X.Max {
				t.Errorf("%s: tick %q at %v, off the axis %v to %v", s.Name, tk.Label, tk.Value, fig.p.X.Min, fig.p.X.Max)
			}
		}
	}
}

// TestLogTicksOnTheAxis: a log axis too narrow for powers of ten is
// ticked at round values through niceTicker, and those ticks too lie on
// the axis, not a rounding error beyond its end, as
// TestTickAtAxisEndFits's do (the round trip through Exp and Log could
// put one an ulp beyond).
func TestLogTicksOnTheAxis(t *testing.T) {
	// Axes from and to round values, where the end ticks fall, give or
	// take an ulp.
	for _, scale := range []float64{0.001, 0.01, 0.1, 1, 10, 100} {
		for a := 10; a < 100; a++ {
			for _, b := range []int{a + 1, a + 2, a + 5, a * 3 / 2} {
				lo, hi := float64(a)*scale, float64(b)*scale
				// Ends an ulp inside the round values, which niceTicker's
				// tolerance still ticks.
				lnLo, lnHi := math.Nextafter(Log(lo), math.Inf(1)), math.Nextafter(Log(hi), math.Inf(-1))
				for _, tk := range (logTicker{}).Ticks(lnLo, lnHi) {
					if tk.Value < lnLo || tk.Value > lnHi {
						t.Errorf("axis %v to %v: tick %q at %v, off it", lo, hi, tk.Label, tk.Value)
					}
				}
			}
		}
	}
}
