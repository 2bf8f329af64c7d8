package claim

import (
	"context"
	"maps"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// TestFormatSESOI: a δ below 1 (given in a harm's own units) is written
// with the digits that show it, not rounded to one decimal (0.05 read
// 0.1); from 1 on, where every δ set as a share lies, as FormatCount
// writes it, as the terminal, report.md and the figures always have.
func TestFormatSESOI(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{
		{114, "114"},
		{113.6, "114"},
		{2196.4, "2,196"},
		{43.28, "43.3"},
		{65.4, "65.4"},
		{1, "1.0"}, // the floor of a share
		{2, "2.0"},
		{0.05, "0.05"},
		{0.25, "0.25"},
		{0.125, "0.125"},
		{0.2, "0.2"},
		{0.01, "0.01"},
		{0.0001, "0.0001"}, // never an exponent
		{1.0 / 30, "0.0333"},
		{0.9996, "1"},
		{math.NaN(), "-"},
	} {
		if got := FormatSESOI(c.v); got != c.want {
			t.Errorf("FormatSESOI(%v) = %q, want %q", c.v, got, c.want)
		}
	}
	// From 1 on nothing changes: a share's δ prints as it did.
	for v := 1.0; v < 1e6; v *= 1.0137 {
		if got, want := FormatSESOI(v), output.FormatCount(v); got != want {
			t.Fatalf("FormatSESOI(%v) = %q, want %q, as FormatCount", v, got, want)
		}
	}
}

// TestSESOIParse: --sesoi takes a share for every harm, HARM=share, or
// HARM=abs:X in the harm's own units; a later argument for a harm
// replaces an earlier one, share or absolute; a form it cannot read is
// refused saying what it wants (the ranges are Options.check's).
func TestSESOIParse(t *testing.T) {
	tests := []struct {
		args        []string
		share       float64
		byHarm, abs map[string]float64
		err         string // "": no error
	}{
		{args: []string{"0.2"}, share: 0.2},
		{args: []string{"deaths=0.3"}, share: 0.1, byHarm: map[string]float64{"deaths": 0.3}},
		{args: []string{"deaths=abs:0.2"}, share: 0.1, abs: map[string]float64{"deaths": 0.2}},
		{args: []string{" deaths = abs: 0.2 "}, share: 0.1, abs: map[string]float64{"deaths": 0.2}},
		{args: []string{"deaths=abs:5", "harm_index=abs:100"}, share: 0.1, abs: map[string]float64{"deaths": 5, "harm_index": 100}},
		// The last for a harm wins, whichever kind it is.
		{args: []string{"deaths=abs:0.2", "deaths=0.3"}, share: 0.1, byHarm: map[string]float64{"deaths": 0.3}, abs: map[string]float64{}},
		{args: []string{"deaths=0.3", "deaths=abs:0.2"}, share: 0.1, byHarm: map[string]float64{}, abs: map[string]float64{"deaths": 0.2}},
		// Ranges and names are checked later, by Options.check.
		{args: []string{"deaths=abs:-1"}, share: 0.1, abs: map[string]float64{"deaths": -1}},
		{args: []string{"ghosts=abs:1"}, share: 0.1, abs: map[string]float64{"ghosts": 1}},
		{args: []string{"abs:0.2"}, err: `want HARM=abs:X, such as deaths=abs:0.2: an effect in a harm's own units names its harm, as harms' units differ; got "abs:0.2"`},
		{args: []string{"deaths=abs:"}, err: `want a share such as 0.1, HARM=share, or HARM=abs:X in the harm's own units (repeat --sesoi for several harms), got "deaths=abs:"`},
		{args: []string{"deaths=abs:x"}, err: `got "deaths=abs:x"`},
		{args: []string{"deaths=ABS:1"}, err: `got "deaths=ABS:1"`},
		{args: []string{"=abs:1"}, err: `got "=abs:1"`},
		{args: []string{"=0.1"}, err: `got "=0.1"`},
		{args: []string{""}, err: `got ""`},
	}
	for _, tt := range tests {
		s := DefaultSESOI()
		var err error
		for _, a := range tt.args {
			if err = s.Parse(a); err != nil {
				break
			}
		}
		switch {
		case tt.err != "":
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Parse(%q) = %v; want an error with %q", tt.args, err, tt.err)
			}
		case err != nil:
			t.Errorf("Parse(%q) = %v; want no error", tt.args, err)
		case s.Share != tt.share || !maps.Equal(s.ByHarm, tt.byHarm) || !maps.Equal(s.Abs, tt.abs):
			t.Errorf("Parse(%q) = share %v, by harm %v, abs %v; want %v, %v, %v", tt.args, s.Share, s.ByHarm, s.Abs, tt.share, tt.byHarm, tt.abs)
		}
	}
}

// TestSESOIFor: a smallest effect given in a harm's units is taken as it
// is, whatever the harm's mean and below the floor of one unit; a share
// is of the mean, floored; a value already fixed wins over both.
func TestSESOIFor(t *testing.T) {
	s := DefaultSESOI()
	s.ByHarm = map[string]float64{"abuse_events": 0.5}
	s.Abs = map[string]float64{"deaths": 0.2, "harm_index": 50}
	tests := []struct {
		harm        string
		mean, fixed float64 // fixed: NaN for none
		want        float64
	}{
		{"deaths", 30, math.NaN(), 0.2},           // absolute, below the floor
		{"harm_index", 1e6, math.NaN(), 50},       // absolute, whatever the mean
		{"abuse_events", 40, math.NaN(), 20},      // the harm's share
		{"trapped_person_days", 5, math.NaN(), 1}, // the default share, floored
		{"trapped_person_days", 500, math.NaN(), 50},
		{"deaths", 30, 0.7, 0.7}, // fixed from the pilot
	}
	for _, tt := range tests {
		s := s
		if !math.IsNaN(tt.fixed) {
			s.Fixed = map[string]float64{tt.harm: tt.fixed}
		}
		if got := s.For(tt.harm, tt.mean); got != tt.want {
			t.Errorf("For(%s, %v) with fixed %v = %v; want %v", tt.harm, tt.mean, tt.fixed, got, tt.want)
		}
	}
}

// TestOptionsCheckSESOIAbs: an absolute smallest effect must be of a
// harm, more than 0 and finite; what is wrong is named with the flag.
func TestOptionsCheckSESOIAbs(t *testing.T) {
	tests := []struct {
		harm string
		x    float64
		want string // "": accepted
	}{
		{"deaths", 0.2, ""},
		{"harm_index", 1e9, ""},
		{"deaths", 0, "--sesoi deaths=abs:...: want an effect in the harm's own units a run (person-days, migrants, events, deaths, index points), more than 0, got 0"},
		{"deaths", -1, "more than 0, got -1"},
		{"deaths", math.Inf(1), "more than 0, got +Inf"},
		{"deaths", math.NaN(), "more than 0, got NaN"},
		{"death", 1, "--sesoi death=abs:...: death is not a harm; did you mean deaths? (harms: "},
	}
	for _, tt := range tests {
		o := DefaultOptions()
		o.SESOI.Abs = map[string]float64{tt.harm: tt.x}
		err := o.check(2)
		if (err == nil) != (tt.want == "") || (err != nil && !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("check with --sesoi %s=abs:%v = %v; want %q", tt.harm, tt.x, err, tt.want)
		}
	}
}

// TestSESOIScaleSentence: report.md says that one smallest effect judges
// malfunction's effects at open and at closed admission, names each harm
// and setting where that effect exceeds the harm's mean without
// malfunction (not a harm whose δ the user gave in its own units, nor one
// below), and names the other design's number of combinations; it says
// nothing when every harm's δ was given in its own units.
func TestSESOIScaleSentence(t *testing.T) {
	est := func(id, harm string, sesoi, ref float64) Estimate {
		return Estimate{Effect: Effect{ID: id}, Harm: harm, SESOI: sesoi, Reference: ref}
	}
	a := &Analysis{Design: StandardDesign(false), Estimates: []Estimate{
		est("malfunction|closure=open", "trapped_person_days", 114, 0.325),
		est("malfunction|closure=closed", "trapped_person_days", 114, 2119),
		est("malfunction|closure=open", "deaths", 0.2, 0.1), // given in its own units
		est("malfunction|closure=open", "abuse_events", 45, 124),
		est("malfunction|closure=closed", "harm_index", 316, math.NaN()),
	}}
	o := DefaultOptions()
	o.SESOI.Abs = map[string]float64{"deaths": 0.2}
	got := sesoiScale(a, o)
	for _, want := range []string{
		"- **One margin for each harm.** Every effect on a harm, malfunction's at open and at closed admission included, is judged against the same smallest effect",
		"(here it exceeds the harm's mean without malfunction on trapped person-days at open admission, 114 against 0.3)",
		"The mean is over the design's 8 combinations, over 32 with `--split-malfunction`",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("sesoiScale = %q; want it to say %q", got, want)
		}
	}
	for _, not := range []string{"deaths", "abuse events", "harm index", "closed admission,"} {
		if strings.Contains(got, "on "+not) || strings.Contains(got, not+" at") {
			t.Errorf("sesoiScale = %q; want it not to name %s", got, not)
		}
	}
	a.Design = StandardDesign(true)
	o.Split = true
	if got, want := sesoiScale(a, o), "over the design's 32 combinations, over 8 without `--split-malfunction`"; !strings.Contains(got, want) {
		t.Errorf("split: sesoiScale = %q; want it to say %q", got, want)
	}
	for _, h := range Harms() {
		o.SESOI.Abs[h] = 1
	}
	if got := sesoiScale(a, o); got != "" {
		t.Errorf("every δ in its harm's units: sesoiScale = %q; want nothing", got)
	}
}

// TestRobustnessUsesAbsoluteSESOI: a smallest effect given in a harm's
// own units (--sesoi HARM=abs:X) judges every robustness point too, which
// has no pilot: so wide a margin on deaths (a million a run) makes every
// effect on them no meaningful difference, and the claim fails on deaths
// at every point, where a tenth of each point's mean leaves some
// inconclusive.
func TestRobustnessUsesAbsoluteSESOI(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Replicates, s.File.Days = 3, 60
	deaths := slices.Index(Harms(), "deaths")
	for _, abs := range []bool{false, true} {
		o := DefaultOptions()
		o.MaxReps, o.Robustness, o.Samples, o.RobustReps = 3, true, 4, 4
		if abs {
			o.SESOI.Abs = map[string]float64{"deaths": 1e6}
		}
		res, err := Check(context.Background(), s, "classroom", o, filepath.Join(t.TempDir(), "claim"), 2, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		fails := res.Robustness.Shares(deaths)[2] // RobustnessColumns: holds, not through trapping, fails, ...
		if all := fails == 1; all != abs {
			t.Errorf("--sesoi deaths=abs:1e6 given: %v; the claim fails on deaths at %.0f%% of the points; want all of them only when given", abs, 100*fails)
		}
	}
}

// TestSESOIList: report.md lists each harm's smallest effect of interest
// in the harms' order, separated by semicolons and ended by a full stop,
// not by a semicolon as it once was.
func TestSESOIList(t *testing.T) {
	a := &Analysis{Design: StandardDesign(false), Estimates: []Estimate{
		{Effect: Effect{ID: Closure.Name}, Harm: "deaths", SESOI: 1},
		{Effect: Effect{ID: Closure.Name}, Harm: "trapped_person_days", SESOI: 114},
	}}
	if got, want := sesoiList(a), "trapped person-days 114; deaths 1.0."; got != want {
		t.Errorf("sesoiList = %q; want %q", got, want)
	}
}
