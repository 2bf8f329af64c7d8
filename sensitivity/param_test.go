package sensitivity

import (
	"math"
	"strings"
	"testing"
)

func TestParamValue(t *testing.T) {
	for _, c := range []struct {
		p    Param
		u    float64
		want float64
	}{
		{Param{Name: "a", Lo: 2, Hi: 6}, 0, 2},
		{Param{Name: "a", Lo: 2, Hi: 6}, 0.25, 3},
		{Param{Name: "a", Lo: 2, Hi: 6}, 1, 6},
		{Param{Name: "a", Lo: 0.1, Hi: 0.7}, 1, 0.7}, // exactly Hi, not 0.1 + 0.6
		{Param{Name: "a", Lo: 2, Hi: 6}, -0.5, 2},    // clamped
		{Param{Name: "a", Lo: 2, Hi: 6}, 1.5, 6},
		{Param{Name: "r", Lo: 0.01, Hi: 100, Dist: LogUniform}, 0, 0.01},
		{Param{Name: "r", Lo: 0.01, Hi: 100, Dist: LogUniform}, 0.5, 1},
		{Param{Name: "r", Lo: 0.01, Hi: 100, Dist: LogUniform}, 1, 100},
		// Whole numbers 3, 4, 5, 6: four equal bins of [0, 1].
		{Param{Name: "n", Lo: 3, Hi: 6, Integer: true}, 0, 3},
		{Param{Name: "n", Lo: 3, Hi: 6, Integer: true}, 0.2499, 3},
		{Param{Name: "n", Lo: 3, Hi: 6, Integer: true}, 0.25, 4},
		{Param{Name: "n", Lo: 3, Hi: 6, Integer: true}, 0.74, 5},
		{Param{Name: "n", Lo: 3, Hi: 6, Integer: true}, 0.99, 6},
		{Param{Name: "n", Lo: 3, Hi: 6, Integer: true}, 1, 6},
		// A range with fractional ends holds the whole numbers inside it.
		{Param{Name: "n", Lo: 2.5, Hi: 4.5, Integer: true}, 0, 3},
		{Param{Name: "n", Lo: 2.5, Hi: 4.5, Integer: true}, 1, 4},
	} {
		if got := c.p.Value(c.u); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("%+v.Value(%v) = %v; want %v", c.p, c.u, got, c.want)
		}
	}
}

func TestParamValidate(t *testing.T) {
	for _, c := range []struct {
		p    Param
		want string // part of the error; "" for none
	}{
		{Param{Name: "a", Lo: 0, Hi: 1}, ""},
		{Param{Name: "n", Lo: 0, Hi: 1, Integer: true}, ""},
		{Param{Name: "r", Lo: 1e-3, Hi: 1, Dist: LogUniform}, ""},
		{Param{Lo: 0, Hi: 1}, "no name"},
		{Param{Name: "a", Lo: 1, Hi: 1}, "empty"},
		{Param{Name: "a", Lo: 2, Hi: 1}, "empty"},
		{Param{Name: "a", Lo: math.NaN(), Hi: 1}, "not finite"},
		{Param{Name: "a", Lo: 0, Hi: math.Inf(1)}, "not finite"},
		{Param{Name: "r", Lo: 0, Hi: 1, Dist: LogUniform}, "lo > 0"},
		{Param{Name: "r", Lo: 1, Hi: 10, Dist: LogUniform, Integer: true}, "uniform only"},
		{Param{Name: "n", Lo: 0.2, Hi: 1.8, Integer: true}, "fewer than two whole numbers"},
		{Param{Name: "a", Lo: 0, Hi: 1, Dist: Dist(9)}, "unknown distribution"},
	} {
		err := c.p.Validate()
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%+v.Validate() = %v; want nil", c.p, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%+v.Validate() = %v; want an error saying %q", c.p, err, c.want)
		}
	}
	if err := validateParams([]Param{{Name: "a", Hi: 1}, {Name: "a", Hi: 2}}); err == nil || !strings.Contains(err.Error(), "given twice") {
		t.Errorf("two parameters named a: %v; want an error", err)
	}
	if err := validateParams(nil); err == nil {
		t.Errorf("no parameters: nil error; want one")
	}
}

func TestParseNames(t *testing.T) {
	for _, d := range []Dist{Uniform, LogUniform} {
		if got, err := ParseDist(d.String()); got != d || err != nil {
			t.Errorf("ParseDist(%q) = %v, %v; want %v, nil", d.String(), got, err, d)
		}
	}
	for _, s := range []BaseSequence{ScrambledSobol, PlainSobol, MonteCarlo} {
		if got, err := ParseBaseSequence(s.String()); got != s || err != nil {
			t.Errorf("ParseBaseSequence(%q) = %v, %v; want %v, nil", s.String(), got, err, s)
		}
	}
	if _, err := ParseDist("normal"); err == nil {
		t.Errorf("ParseDist(%q): nil error; want one", "normal")
	}
	if _, err := ParseBaseSequence("halton"); err == nil {
		t.Errorf("ParseBaseSequence(%q): nil error; want one", "halton")
	}
}
