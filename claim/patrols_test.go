package claim

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/scenarios"
)

// TestPatrolNote: the check says when patrols intercepted migrants and,
// their pushback_violence at 0, abused none of them, naming the key that
// gives them a rate (an enforcement level's for the design's
// combinations, the regime's own for a regime of the scenario's own),
// and the mean interceptions over the arms where that happened; it says
// nothing when the patrols' violence has a rate or no one was
// intercepted.
func TestPatrolNote(t *testing.T) {
	text, err := os.ReadFile("../scenarios/classroom.toml")
	if err != nil {
		t.Fatal(err)
	}
	// A regime of the scenario's own: closed, with patrols of its own.
	own := append(text, "\n[regimes.harsh]\nbase = \"closed\"\noversight = 0.1\n"...)
	d := StandardDesign(false)
	analysis := func(arms []string, each float64) *Analysis {
		a := &Analysis{Design: d, Arms: arms, Interceptions: make([]float64, len(arms))}
		for i := range arms {
			a.Interceptions[i] = each
		}
		return a
	}
	cells := d.CellNames()
	for _, tt := range []struct {
		name       string
		text       []byte
		sets       []string
		arms       []string
		intercepts float64
		want       []string // nil: no note
	}{
		{"patrols that abuse no one", text, nil, cells, 120, []string{
			"Patrols intercepted 120 migrants a run, on average over the 4 combinations where they intercepted anyone, and abused none of them: factors.enforcement.patrolled.pushback_violence is 0",
			"--set factors.enforcement.patrolled.pushback_violence=RATE gives"}},
		{"patrols that abuse", text, []string{"factors.enforcement.patrolled.pushback_violence=0.5"}, cells, 120, nil},
		{"no one intercepted", text, nil, cells, 0, nil},
		{"a regime of the scenario's own", own, nil, append(cells, "harsh"), 90, []string{
			"over the 4 combinations and 1 regime of the scenario's own where",
			"factors.enforcement.patrolled.pushback_violence and regimes.harsh.pushback_violence are 0"}},
		{"its patrols abuse, the combinations' do not", own, []string{"regimes.harsh.pushback_violence=1"}, append(cells, "harsh"), 90, []string{
			"over the 4 combinations where"}},
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
		got := PatrolNote(s, analysis(tt.arms, tt.intercepts))
		if tt.want == nil && got != "" {
			t.Errorf("%s: %q; want no note", tt.name, got)
		}
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q; want %q in it", tt.name, got, w)
			}
		}
	}
}

// TestCentreNote: the check says when centres sheltered migrants and,
// their centre_abuse at 0, their staff abused none of them, naming the
// key that gives the staff's abuse a rate (the protection level's for the
// design's combinations, the regime's own for a regime of the scenario's
// own), and the mean person-days in centres over the arms where that
// happened; it says nothing when the staff's abuse has a rate, when no
// one was sheltered, or in arms whose centres do not operate.
func TestCentreNote(t *testing.T) {
	text, err := os.ReadFile("../scenarios/classroom.toml")
	if err != nil {
		t.Fatal(err)
	}
	own := append(text, "\n[regimes.camps]\nbase = \"hbm\"\nassist_after_days = 7\n"...)
	d := StandardDesign(false)
	analysis := func(arms []string, each float64) *Analysis {
		a := &Analysis{Design: d, Arms: arms, CentrePersonDays: make([]float64, len(arms))}
		for i := range arms {
			a.CentrePersonDays[i] = each
		}
		return a
	}
	cells := d.CellNames()
	for _, tt := range []struct {
		name       string
		text       []byte
		sets       []string
		arms       []string
		personDays float64
		want       []string // nil: no note
	}{
		{"staff who abuse no one", text, nil, cells, 2500, []string{
			"Centres sheltered migrants for 2,500 person-days a run, on average over the 4 combinations where they sheltered anyone, and their staff abused none of them: factors.protection.hbm.centre_abuse is 0",
			"(docs/MODEL.md 7.10)",
			"--set factors.protection.hbm.centre_abuse=RATE gives the staff's abuse a rate."}},
		{"staff who abuse", text, []string{"factors.protection.hbm.centre_abuse=0.01"}, cells, 2500, nil},
		{"no one sheltered", text, nil, cells, 0, nil},
		{"no centres operate", text, []string{"factors.protection.hbm.centres=false"}, cells, 2500, nil},
		{"a regime of the scenario's own", own, nil, append(cells, "camps"), 1000, []string{
			"over the 4 combinations and 1 regime of the scenario's own where",
			"factors.protection.hbm.centre_abuse and regimes.camps.centre_abuse are 0"}},
		{"its staff abuse, the combinations' do not", own, []string{"regimes.camps.centre_abuse=1"}, append(cells, "camps"), 1000, []string{
			"over the 4 combinations where"}},
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
		a := analysis(tt.arms, tt.personDays)
		got := CentreNote(s, a)
		if tt.want == nil && got != "" {
			t.Errorf("%s: %q; want no note", tt.name, got)
		}
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q; want %q in it", tt.name, got, w)
			}
		}
		// The report and the terminal print every zeroed harm's note:
		// here, the centres' alone, no patrols having intercepted anyone.
		if notes := ZeroedNotes(s, a); got == "" && len(notes) != 0 || got != "" && !slices.Equal(notes, []string{got}) {
			t.Errorf("%s: ZeroedNotes %q; want the centres' note alone, %q", tt.name, notes, got)
		}
	}
}
