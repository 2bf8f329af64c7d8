package claim

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/scenarios"
)

// TestZeroedNotes: the check says when a harm zeroed by a setting could
// have happened and did not, naming the key that gives it a rate (a
// factor level's for the design's combinations, the regime's own for a
// regime of the scenario's own) and the mean occasions a run over the
// arms where that happened; it says nothing when the harm has a rate,
// when there was no occasion, or where the setting is off. Patrols
// (PatrolNote) abuse no one they intercept at pushback_violence 0;
// centres' staff (CentreNote) no one they shelter at centre_abuse 0;
// centres (DetentionNote) hold no one at centre_detention 0. ZeroedNotes
// gives each note that applies, and only those.
func TestZeroedNotes(t *testing.T) {
	text, err := os.ReadFile("../scenarios/classroom.toml")
	if err != nil {
		t.Fatal(err)
	}
	// Regimes of the scenario's own: closed with patrols of its own, hbm
	// with centres of its own.
	own := append(text, "\n[regimes.harsh]\nbase = \"closed\"\noversight = 0.1\n\n[regimes.camps]\nbase = \"hbm\"\nassist_after_days = 7\n"...)
	d := StandardDesign(false)
	cells := d.CellNames()
	type occasions int
	const (
		interceptions occasions = iota
		personDays
	)
	analysis := func(arms []string, what occasions, each float64) *Analysis {
		per := make([]float64, len(arms))
		for i := range arms {
			per[i] = each
		}
		a := &Analysis{Design: d, Arms: arms}
		if what == interceptions {
			a.Interceptions = per
		} else {
			a.CentrePersonDays = per
		}
		return a
	}
	for _, tt := range []struct {
		name string
		text []byte
		sets []string
		arms []string
		what occasions
		each float64
		note func(*scenarios.Scenario, *Analysis) string
		want []string // nil: no note
	}{
		{"patrols that abuse no one", text, nil, cells, interceptions, 120, PatrolNote, []string{
			"Patrols intercepted 120 migrants a run, on average over the 4 combinations where they intercepted anyone, and abused none of them: factors.enforcement.patrolled.pushback_violence is 0",
			"--set factors.enforcement.patrolled.pushback_violence=RATE gives the patrols' violence a rate."}},
		{"patrols that abuse", text, []string{"factors.enforcement.patrolled.pushback_violence=0.5"}, cells, interceptions, 120, PatrolNote, nil},
		{"no one intercepted", text, nil, cells, interceptions, 0, PatrolNote, nil},
		{"patrols of the scenario's own", own, nil, append(cells, "harsh"), interceptions, 90, PatrolNote, []string{
			"over the 4 combinations and 1 regime of the scenario's own where",
			"factors.enforcement.patrolled.pushback_violence and regimes.harsh.pushback_violence are 0"}},
		{"its patrols abuse, the combinations' do not", own, []string{"regimes.harsh.pushback_violence=1"}, append(cells, "harsh"), interceptions, 90, PatrolNote, []string{
			"over the 4 combinations where"}},

		{"staff who abuse no one", text, nil, cells, personDays, 2500, CentreNote, []string{
			"Centres sheltered migrants for 2,500 person-days a run, on average over the 4 combinations where they sheltered anyone, and their staff abused none of them: factors.protection.hbm.centre_abuse is 0",
			"(docs/MODEL.md 7.10)",
			"--set factors.protection.hbm.centre_abuse=RATE gives the staff's abuse a rate."}},
		{"staff who abuse", text, []string{"factors.protection.hbm.centre_abuse=0.01"}, cells, personDays, 2500, CentreNote, nil},
		{"no one sheltered", text, nil, cells, personDays, 0, CentreNote, nil},
		{"no centres operate", text, []string{"factors.protection.hbm.centres=false"}, cells, personDays, 2500, CentreNote, nil},
		{"centres of the scenario's own", own, nil, append(cells, "camps"), personDays, 1000, CentreNote, []string{
			"over the 4 combinations and 1 regime of the scenario's own where",
			"factors.protection.hbm.centre_abuse and regimes.camps.centre_abuse are 0"}},
		{"its staff abuse, the combinations' do not", own, []string{"regimes.camps.centre_abuse=1"}, append(cells, "camps"), personDays, 1000, CentreNote, []string{
			"over the 4 combinations where"}},

		{"centres that hold no one", text, nil, cells, personDays, 2500, DetentionNote, []string{
			"Centres sheltered migrants for 2,500 person-days a run, on average over the 4 combinations where they sheltered anyone, and held none of them who would leave: factors.protection.hbm.centre_detention is 0",
			"(docs/MODEL.md 7.10)",
			"--set factors.protection.hbm.centre_detention=CHANCE gives detention a chance."}},
		{"centres that detain", text, []string{"factors.protection.hbm.centre_detention=0.5"}, cells, personDays, 2500, DetentionNote, nil},
		{"no one sheltered to hold", text, nil, cells, personDays, 0, DetentionNote, nil},
		{"its centres detain, the combinations' do not", own, []string{"regimes.camps.centre_detention=1"}, append(cells, "camps"), personDays, 1000, DetentionNote, []string{
			"over the 4 combinations where",
			"factors.protection.hbm.centre_detention is 0"}},
	} {
		s, err := scenarios.Parse(tt.text, "classroom.toml", "", nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, set := range tt.sets {
			if err := s.Set(set); err != nil {
				t.Fatal(err)
			}
		}
		a := analysis(tt.arms, tt.what, tt.each)
		got := tt.note(s, a)
		if tt.want == nil && got != "" {
			t.Errorf("%s: %q; want no note", tt.name, got)
		}
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q; want %q in it", tt.name, got, w)
			}
		}
		// The report and the terminal print every zeroed harm's note
		// that applies, in order: here, of the harms whose occasions
		// were given, the others having had none.
		var want []string
		for _, note := range []func(*scenarios.Scenario, *Analysis) string{PatrolNote, CentreNote, DetentionNote} {
			if n := note(s, a); n != "" {
				if tt.what == interceptions && strings.HasPrefix(n, "Centres") || tt.what == personDays && strings.HasPrefix(n, "Patrols") {
					t.Errorf("%s: a note on occasions that were not given: %q", tt.name, n)
				}
				want = append(want, n)
			}
		}
		if notes := ZeroedNotes(s, a); !slices.Equal(notes, want) || got != "" && !slices.Contains(notes, got) {
			t.Errorf("%s: ZeroedNotes %q; want %q, with %q", tt.name, notes, want, got)
		}
	}
}
