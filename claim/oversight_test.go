package claim

import (
	"strings"
	"testing"

	"github.com/borderwork/borderwork/scenarios"
)

// TestOversightNote: the terminal's line on weak oversight is printed
// when malfunction, not split, harms more than closure on an abuse harm
// (through trapping or not), naming the scenario's oversight levels, and
// not when it does not, nor when malfunction is split (its parts'
// effects say it).
func TestOversightNote(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Set("factors.integrity.weak.oversight=0.3"); err != nil {
		t.Fatal(err)
	}
	verdicts := func(abuse, deaths string) []ClaimVerdict {
		return []ClaimVerdict{{Harm: "abuse_events", Holds: abuse}, {Harm: "abused_migrants", Holds: abuse}, {Harm: "deaths", Holds: deaths}}
	}
	whole := &Analysis{}
	split := &Analysis{Estimates: []Estimate{{Effect: Effect{ID: Integrity.Name}, Harm: "abuse_events"}}}
	for _, tt := range []struct {
		name   string
		a      *Analysis
		claims []ClaimVerdict
		want   string // "" for no line
	}{
		{"holds on abuse", whole, verdicts(ClaimHolds, ClaimFails), "On abuse events and migrants abused, malfunction includes weak oversight of officials (0.3 at failing posts against 0.9 at working ones)"},
		{"not through trapping", whole, verdicts(ClaimNotThroughTrapping, ClaimFails), "--set factors.integrity.weak.oversight=0.9 holds it equal"},
		{"fails on abuse", whole, verdicts(ClaimFails, ClaimHolds), ""},
		{"inconclusive on abuse", whole, verdicts(ClaimInconclusive, ClaimHolds), ""},
		{"split", split, verdicts(ClaimHolds, ClaimFails), ""},
	} {
		got := OversightNote(s, tt.a, tt.claims)
		if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
			t.Errorf("%s: %q; want %q", tt.name, got, tt.want)
		}
	}
}
