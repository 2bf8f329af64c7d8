package web

import (
	"strings"
	"testing"
)

// TestRegimeBuiltOnAnother: a regime built on another (base = ...) with
// no description of its own is described as its base and the keys it
// changes, not in its base's words; one with a description keeps it.
func TestRegimeBuiltOnAnother(t *testing.T) {
	tests := []struct {
		sets []string
		want string
	}{
		{[]string{"regimes.hbm_lite.base=closed", "regimes.hbm_lite.rescue=0.5"}, "Like closed, with rescue = 0.5."},
		{[]string{"regimes.hbm_lite.base=closed"}, "Like closed, changing none of its keys."},
		// A key set to its base's value is no change.
		{[]string{"regimes.hbm_lite.base=closed", "regimes.hbm_lite.rescue=0", "regimes.hbm_lite.patrol=0.9"}, "Like closed, with patrol = 0.9."},
		{[]string{"regimes.hbm_lite.base=closed", "regimes.hbm_lite.levels.reliability=failing", "regimes.hbm_lite.admission=everyone", "regimes.hbm_lite.centres=true"},
			`Like closed, with levels.reliability = "failing", admission = "everyone" and centres = true.`},
		{[]string{"regimes.hbm_lite.base=hbm", "regimes.hbm_lite.description=HBM without centres.", "regimes.hbm_lite.centres=false"}, "HBM without centres."},
	}
	for _, tt := range tests {
		o, err := Describe(Request{Scenario: "classroom", Sets: tt.sets}, DefaultLimits())
		if err != nil {
			t.Fatalf("%q: %v", tt.sets, err)
		}
		got := map[string]string{}
		for _, r := range o.Regimes {
			got[r.Name] = r.Description
		}
		if got["hbm_lite"] != tt.want {
			t.Errorf("%q: hbm_lite is described as %q; want %q", tt.sets, got["hbm_lite"], tt.want)
		}
		if closed := got["closed"]; closed == "" || closed == got["hbm_lite"] {
			t.Errorf("%q: closed is described as %q, hbm_lite as %q; want closed's own words, not shared", tt.sets, closed, got["hbm_lite"])
		}
	}
}

// TestRegimeEdge: the page is told to edge a regime's colour where the
// figures do: the 7th regime, in the palette's yellow, has the figures'
// dark casing (#333333, 0.45 points on either side); the six before it
// have none.
func TestRegimeEdge(t *testing.T) {
	o, err := Describe(Request{Scenario: "classroom", Sets: []string{"regimes.a.base=closed", "regimes.b.base=closed", "regimes.c.base=closed"}}, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Regimes) != 7 {
		t.Fatalf("%d regimes; want 7", len(o.Regimes))
	}
	for i, r := range o.Regimes {
		want := Regime{}
		if i == 6 {
			want = Regime{Edge: "#333333", EdgeWidth: 0.45}
		}
		if r.Edge != want.Edge || r.EdgeWidth != want.EdgeWidth {
			t.Errorf("regime %d, %s, in %s: edge %q, %v pt; want %q, %v pt", i+1, r.Name, r.Color, r.Edge, r.EdgeWidth, want.Edge, want.EdgeWidth)
		}
	}
	if o.Regimes[6].Color != "#F0E442" {
		t.Errorf("the 7th regime is %s; want the palette's yellow, #F0E442", o.Regimes[6].Color)
	}
}

// TestRegimeHatch: the page is told to hatch a regime's bars as the
// figures do (TEACHING.md: plain, /, \, crossed, ...), in the figures'
// ink (white on a dark colour, near-black on a light one) and spacing:
// the 7th regime, whose yellow would not show plain, crossed.
func TestRegimeHatch(t *testing.T) {
	o, err := Describe(Request{Scenario: "classroom", Sets: []string{"regimes.a.base=closed", "regimes.b.base=closed", "regimes.c.base=closed"}}, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	const white, dark = "#FFFFFF", "#1A1A1A"
	want := []struct{ name, ink string }{
		{"", white}, // open, blue
		{"rising", dark},
		{"falling", white},
		{"crossed", white},
		{"upright", dark},
		{"dotted", dark},
		{"crossed", dark}, // yellow
	}
	if len(o.Regimes) != len(want) {
		t.Fatalf("%d regimes; want %d", len(o.Regimes), len(want))
	}
	for i, r := range o.Regimes {
		h := r.Hatch
		if h.Name != want[i].name || h.Ink != want[i].ink || h.Spacing != 2.8 || h.Width != 0.55 || h.Dot != 0.6 {
			t.Errorf("regime %d, %s, in %s: hatch %+v; want %q in %s, 2.8 pt apart, 0.55 pt lines, 0.6 pt dots", i+1, r.Name, r.Color, h, want[i].name, want[i].ink)
		}
	}
}

// TestRulesNote: a scenario under Flee's rules tells the page why its
// arrivals are 0 under every regime; one under borderwork's says nothing.
func TestRulesNote(t *testing.T) {
	for _, tt := range []struct{ scenario, want string }{{"mali2012", "arrivals, returns and those who stayed at home are 0"}, {"classroom", ""}} {
		o, err := Describe(Request{Scenario: tt.scenario}, DefaultLimits())
		if err != nil {
			t.Fatal(err)
		}
		if tt.want == "" && o.RulesNote != "" || !strings.Contains(o.RulesNote, tt.want) {
			t.Errorf("%s: rules_note %q; want %q", tt.scenario, o.RulesNote, tt.want)
		}
	}
}

// TestTrappedWords: the page says what trapped means, with the days of
// the scenario's own rule (changed by a --set too, as is whether a seat
// refused counts), under either rule set.
func TestTrappedWords(t *testing.T) {
	for _, tt := range []struct {
		req  Request
		want string
	}{
		{Request{Scenario: "classroom"}, "away from home for at least 14 days (migrants.trapped_after_days), unable to pass legally and unable to pay a smuggler"},
		{Request{Scenario: "classroom", Sets: []string{"migrants.trapped_after_days=1"}}, "for at least 1 day (migrants"},
		{Request{Scenario: "classroom", Sets: []string{"migrants.seatless_trapped=true"}}, "unable to pass legally and unable to pay a smuggler, or turned away by one with no seat left."},
		{Request{Scenario: "mali2012"}, "held up or turned away at a border post for at least 14 days"},
	} {
		o, err := Describe(tt.req, DefaultLimits())
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(o.Trapped, tt.want) {
			t.Errorf("%s %q: trapped %q; want %q", tt.req.Scenario, tt.req.Sets, o.Trapped, tt.want)
		}
	}
}
