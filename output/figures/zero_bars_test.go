package figures

import (
	"bytes"
	"strings"
	"testing"
)

// TestZeroGroupSaysSoInLegend: a group whose bars are all 0 draws nothing
// (a programme's "tightening closure" channel where the programme tightens
// nothing), so its legend entry says it is 0 throughout rather than send
// the reader looking for bars; a group with a bar, an interval or
// replicates' dots keeps its label as given.
func TestZeroGroupSaysSoInLegend(t *testing.T) {
	nan := func() float64 { var z float64; return z / z }()
	for _, tt := range []struct {
		name string
		bars []Bar
		zero bool
	}{
		{"zero, no interval", []Bar{{Label: "a", Lo: nan, Hi: nan}, {Label: "b", Lo: nan, Hi: nan}}, true},
		{"zero, interval of no width", []Bar{{Label: "a"}, {Label: "b"}}, true},
		{"one bar not zero", []Bar{{Label: "a", Mean: 3, Lo: 1, Hi: 5}, {Label: "b"}}, false},
		{"zero mean, interval around it", []Bar{{Label: "a", Lo: -2, Hi: 2}, {Label: "b"}}, false},
		{"zero, with replicates' dots", []Bar{{Label: "a", Values: []float64{0, 0}}, {Label: "b"}}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			groups := []Group{
				{Label: "whole", Bars: []Bar{{Label: "a", Mean: -5, Lo: -7, Hi: -3}, {Label: "b", Mean: -2, Lo: -3, Hi: -1}}},
				{Label: "channel", Bars: tt.bars},
			}
			fig, err := GroupedBars("t", "difference", groups, Caption{})
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := fig.Encode(&b, "svg"); err != nil {
				t.Fatal(err)
			}
			svg := b.String()
			if got := strings.Contains(svg, "channel: 0 throughout"); got != tt.zero {
				t.Errorf("legend says the channel is 0 throughout: %v, want %v", got, tt.zero)
			}
			if strings.Contains(svg, "whole: 0 throughout") {
				t.Error("a group with bars is said to be 0 throughout")
			}
		})
	}
}
