package figures

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
)

// sampleIntervals is a μ*–σ plot of a Morris screening: four parameters,
// two of them not clear of their noise (rings), the noise floor and the
// line σ = μ* (a golden figure).
func sampleIntervals() (*Figure, error) {
	nan := math.NaN()
	pts := []IntervalPoint{
		{Tag: "1", X: 120, Y: 95, XLo: 98, XHi: 141, YLo: 70, YHi: 125},
		{Tag: "2", X: 64, Y: 18, XLo: 55, XHi: 73, YLo: 12, YHi: 25},
		{Tag: "3", X: 30, Y: 41, XLo: 18, XHi: 44, YLo: 22, YHi: 63, Open: true},
		{Tag: "", X: 4, Y: 3, XLo: nan, XHi: nan, YLo: nan, YHi: nan, Open: true},
	}
	guides := []Guide{
		{Label: "noise floor", Vertical: true, X: 9},
		{Label: "sd = µ*: above it, non-linear or interacting", Slope: 1},
	}
	keys := []string{"1 abuse.official_extortion", "2 posts.Post.capacity", "3 factors.reliability.failing.outage_days"}
	return IntervalScatter("What drives trapped person-days under malfunctioning", "µ*, mean absolute elementary effect (person-days)",
		"spread of elementary effects, sd (person-days)", pts, guides, "within its own replicate noise", keys, Caption{Scenario: "classroom", Seed: 2018, Extra: "20 trajectories; bars: 95% bootstrap intervals"})
}

func TestIntervalScatterRejects(t *testing.T) {
	nan := math.NaN()
	ok := IntervalPoint{X: 1, Y: 1, XLo: nan, XHi: nan, YLo: nan, YHi: nan}
	tests := []struct {
		name   string
		pts    []IntervalPoint
		guides []Guide
		want   string
	}{
		{"no points", nil, nil, "no points"},
		{"NaN value", []IntervalPoint{{X: nan, Y: 1}}, nil, "value"},
		{"infinite bound", []IntervalPoint{{X: 1, Y: 1, XLo: math.Inf(-1), XHi: 2}}, nil, "infinite"},
		{"inverted interval", []IntervalPoint{{X: 1, Y: 1, XLo: 2, XHi: 0, YLo: nan, YHi: nan}}, nil, "lower bound above"},
		{"bad guide", []IntervalPoint{ok}, []Guide{{Label: "g", Slope: math.Inf(1)}}, "not finite"},
		{"open point, no label for it", []IntervalPoint{ok, {X: 2, Y: 2, XLo: nan, XHi: nan, YLo: nan, YHi: nan, Open: true}}, nil, "no label"},
	}
	for _, tt := range tests {
		_, err := IntervalScatter("t", "x", "y", tt.pts, tt.guides, "", nil, Caption{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: IntervalScatter = %v; want an error containing %q", tt.name, err, tt.want)
		}
	}
}

// TestIntervalKeyInColumns: the key of an IntervalScatter stands in
// columns: each tag flush right in the column of the guides' samples,
// what it stands for in the column of the guides' labels, beside the data
// (Double); under it (Single), the entries in columns, every row's n-th
// entry starting where the first row's does (they used to follow one
// another, each row's at its own place, and "1 name" put names at the
// tag's width from the samples' column).
func TestIntervalKeyInColumns(t *testing.T) {
	nan := math.NaN()
	names := []string{"poor.rumour_noise", "information.prior", "Post.capacity", "Village.inflow", "Village.will_smuggle",
		"migrants.belief_threshold", "failing.refusal", "migrants.earn_per_day", "abuse.official_extortion", "posts.capacity", "links.hazard"}
	var pts []IntervalPoint
	var keys []string
	for i, n := range names {
		tag := fmt.Sprint(i + 1)
		pts = append(pts, IntervalPoint{Tag: tag, X: float64(10 * (i + 1)), Y: float64(5 * (i + 2)), XLo: nan, XHi: nan, YLo: nan, YHi: nan})
		keys = append(keys, tag+" "+n)
	}
	pts = append(pts, IntervalPoint{X: 200, Y: 100, XLo: nan, XHi: nan, YLo: nan, YHi: nan}) // room for the tags
	guides := []Guide{{Label: "independent noise floor", Vertical: true, X: 9}, {Label: "sd = µ*", Slope: 1}}
	near := func(a, b vg.Length) bool { return math.Abs(float64(a-b)) < 0.5 }
	distinct := func(xs []vg.Length) int {
		var seen []vg.Length
		for _, x := range xs {
			if !slices.ContainsFunc(seen, func(s vg.Length) bool { return near(s, x) }) {
				seen = append(seen, x)
			}
		}
		return len(seen)
	}
	for _, s := range Sizes() {
		fig, err := IntervalScatter("t", "x", "y", pts, guides, "", keys, sampleCaption)
		if err != nil {
			t.Fatal(err)
		}
		fig.SetSize(s)
		l, err := fig.Layout("svg")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range l.Problems() {
			t.Errorf("%s: %s", s.Name, p)
		}
		box := func(text string) (TextBox, bool) { // in the legend: outside the data area
			i := slices.IndexFunc(l.Text, func(b TextBox) bool { return b.Text == text && !overlap(b.Rectangle, l.Data) })
			if i < 0 {
				t.Errorf("%s: no %q in the key", s.Name, text)
				return TextBox{}, false
			}
			return l.Text[i], true
		}
		var labelX, tagX, rowY []vg.Length // left of labels, right of tags, rows' tops
		for _, g := range guides {
			if b, ok := box(g.Label); ok {
				labelX, rowY = append(labelX, b.Min.X), append(rowY, b.Max.Y)
			}
		}
		for i, n := range names {
			lb, ok1 := box(n)
			tb, ok2 := box(fmt.Sprint(i + 1))
			if !ok1 || !ok2 {
				continue
			}
			if !near(tb.Min.Y, lb.Min.Y) || tb.Max.X > lb.Min.X {
				t.Errorf("%s: tag %q at %v, not on its label %q's line left of it, at %v", s.Name, tb.Text, tb.Rectangle, n, lb.Rectangle)
			}
			labelX, tagX, rowY = append(labelX, lb.Min.X), append(tagX, tb.Max.X), append(rowY, lb.Max.Y)
		}
		// As many columns as the widest row has entries; beside the
		// data, one.
		cols, rows := 0, distinct(rowY)
		for _, y := range rowY {
			n := 0
			for _, z := range rowY {
				if near(y, z) {
					n++
				}
			}
			cols = max(cols, n)
		}
		if s.legendBelow == (cols == 1) || rows*cols < len(labelX) {
			t.Errorf("%s: %d entries in %d rows of at most %d", s.Name, len(labelX), rows, cols)
		}
		if got := distinct(labelX); got != cols {
			t.Errorf("%s: labels start at %d places, want %d, one per column: %v", s.Name, got, cols, labelX)
		}
		if got := distinct(tagX); got != cols {
			t.Errorf("%s: tags end at %d places, want %d, one per column: %v", s.Name, got, cols, tagX)
		}
	}
}

// TestIntervalKeyFitsUnderSingle: the key of a Morris screening of
// classroom (trapped person-days under malfunctioning, its eight leaders
// named by the last two parts of their keys, some of them rings within
// their noise) fits under the data of a single-column figure, in two
// columns, leaving the data area at least a fifth of the figure's height. With samples 3 type sizes wide it stood
// in one column of ten rows and left 39 points: `sensitivity classroom
// --size single` ran every run and then stopped, writing nothing.
func TestIntervalKeyFitsUnderSingle(t *testing.T) {
	nan := math.NaN()
	names := []string{"Village.inflow", "Post.capacity", "migrants.belief_threshold", "Village.will_smuggle",
		"poor.rumour_noise", "information.prior", "failing.outage_days", "information.experience_weight"}
	var pts []IntervalPoint
	var keys []string
	for i, n := range names {
		tag := fmt.Sprint(i + 1)
		pts = append(pts, IntervalPoint{Tag: tag, X: float64(1000 * (i + 1)), Y: float64(500 * (i + 2)), XLo: nan, XHi: nan, YLo: nan, YHi: nan, Open: i%3 == 1})
		keys = append(keys, tag+" "+n)
	}
	guides := []Guide{{Label: "independent noise floor", Vertical: true, X: 900}, {Label: "sd = µ*", Slope: 1}}
	const open = "within its own replicate noise"
	fig, err := IntervalScatter("Trapped person-days under malfunctioning: Morris screening",
		"µ*, mean absolute elementary effect (person-days)", "spread of elementary effects, sd (person-days)", pts, guides, open, keys,
		Caption{Scenario: "classroom", Seed: 2018, Extra: "2 replicates per point; 20 trajectories over 103 parameters; error bars: 95% bootstrap intervals"})
	if err != nil {
		t.Fatal(err)
	}
	fig.SetSize(Single)
	l, err := fig.Layout("svg")
	if err != nil {
		t.Fatalf("Layout at single: %v", err)
	}
	for _, p := range l.Problems() {
		t.Errorf("single: %s", p)
	}
	if h := l.Data.Max.Y - l.Data.Min.Y; h < Single.Height/5 {
		t.Errorf("single: data area %v high; want at least a fifth of %v", h, Single.Height)
	}
	var tops []vg.Length
	for _, b := range l.Text {
		if slices.Contains(names, b.Text) || b.Text == guides[0].Label || b.Text == guides[1].Label || b.Text == open {
			if !slices.Contains(tops, b.Max.Y) {
				tops = append(tops, b.Max.Y)
			}
		}
	}
	if len(tops) > 6 {
		t.Errorf("single: the key's 11 entries stand in %d rows; want at most 6 (two columns)", len(tops))
	}
}
