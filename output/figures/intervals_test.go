package figures

import (
	"math"
	"strings"
	"testing"
)

// sampleIntervals is a μ*–σ plot of a Morris screening: four parameters,
// the noise floor and the line σ = μ* (a golden figure).
func sampleIntervals() (*Figure, error) {
	nan := math.NaN()
	pts := []IntervalPoint{
		{Tag: "1", X: 120, Y: 95, XLo: 98, XHi: 141, YLo: 70, YHi: 125},
		{Tag: "2", X: 64, Y: 18, XLo: 55, XHi: 73, YLo: 12, YHi: 25},
		{Tag: "3", X: 30, Y: 41, XLo: 18, XHi: 44, YLo: 22, YHi: 63},
		{Tag: "", X: 4, Y: 3, XLo: nan, XHi: nan, YLo: nan, YHi: nan},
	}
	guides := []Guide{
		{Label: "noise floor", Vertical: true, X: 9},
		{Label: "sd = µ*: above it, non-linear or interacting", Slope: 1},
	}
	keys := []string{"1 abuse.official_extortion", "2 posts.Post.capacity", "3 factors.reliability.failing.outage_days"}
	return IntervalScatter("What drives trapped person-days under malfunctioning", "µ*, mean absolute elementary effect (person-days)",
		"spread of elementary effects, sd (person-days)", pts, guides, keys, Caption{Scenario: "classroom", Seed: 2018, Extra: "20 trajectories; bars: 95% bootstrap intervals"})
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
	}
	for _, tt := range tests {
		_, err := IntervalScatter("t", "x", "y", tt.pts, tt.guides, nil, Caption{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: IntervalScatter = %v; want an error containing %q", tt.name, err, tt.want)
		}
	}
}
