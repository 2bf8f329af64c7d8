package claim

import (
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/scenarios"
)

// classroomWithWeakOversight is classroom with the integrity factor's
// weak level's oversight set to weak (its strong level's is 0.9).
func classroomWithWeakOversight(t *testing.T, weak string) *scenarios.Scenario {
	t.Helper()
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Set("factors.integrity.weak.oversight=" + weak); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestOversightNote: the terminal's line on weak oversight is printed
// when malfunction, not split, harms more than closure on an abuse harm
// (through trapping or not), naming the scenario's oversight levels, and
// not when it does not, nor when malfunction is split (its parts'
// effects say it). It says weak oversight raises abuse only where it is
// weaker than strong: held equal it adds nothing, and above strong
// failing posts' officials are the better overseen.
func TestOversightNote(t *testing.T) {
	verdicts := func(abuse, deaths string) []ClaimVerdict {
		return []ClaimVerdict{{Harm: "abuse_events", Holds: abuse}, {Harm: "abused_migrants", Holds: abuse}, {Harm: "deaths", Holds: deaths}}
	}
	whole := &Analysis{}
	split := &Analysis{Estimates: []Estimate{{Effect: Effect{ID: Integrity.Name}, Harm: "abuse_events"}}}
	for _, tt := range []struct {
		name   string
		weak   string
		a      *Analysis
		claims []ClaimVerdict
		want   string // "" for no line
		not    string // what the line must not say
	}{
		{"holds on abuse", "0.3", whole, verdicts(ClaimHolds, ClaimFails), "On abuse events and migrants abused, malfunction includes weak oversight of officials (0.3 at failing posts against 0.9 at working ones), which raises", ""},
		{"not through trapping", "0.3", whole, verdicts(ClaimNotThroughTrapping, ClaimFails), "--set factors.integrity.weak.oversight=0.9 holds it equal", ""},
		{"fails on abuse", "0.3", whole, verdicts(ClaimFails, ClaimHolds), "", ""},
		{"inconclusive on abuse", "0.3", whole, verdicts(ClaimInconclusive, ClaimHolds), "", ""},
		{"split", "0.3", split, verdicts(ClaimHolds, ClaimFails), "", ""},
		{"held equal", "0.9", whole, verdicts(ClaimNotThroughTrapping, ClaimFails), "On abuse events and migrants abused, oversight of officials is held equal (0.9 at failing posts and at working ones), so it adds nothing to malfunction's abuse", "raises"},
		{"failing posts better overseen", "0.95", whole, verdicts(ClaimHolds, ClaimFails), "failing posts' officials are the better overseen (0.95 at failing posts against 0.9 at working ones)", "raises"},
	} {
		got := OversightNote(classroomWithWeakOversight(t, tt.weak), tt.a, tt.claims)
		if tt.want == "" && got != "" || !strings.Contains(got, tt.want) || tt.not != "" && strings.Contains(got, tt.not) {
			t.Errorf("%s: %q; want %q, without %q", tt.name, got, tt.want, tt.not)
		}
	}
}

// TestAbusePartsTextOversight: report.md's paragraph on which part of
// malfunction adds the abuse says weak oversight raises officials' abuse
// only where the scenario's weak level is below its strong one.
func TestAbusePartsTextOversight(t *testing.T) {
	a := &Analysis{Estimates: []Estimate{{Effect: Effect{ID: Malfunction.Name}, Harm: "abuse_events", Mean: 100, Verdict: Harmful}}}
	for _, tt := range []struct {
		weak, want, not string
	}{
		{"0.4", "Weak oversight raises officials' abuse at every post by the integrity factor's definition (oversight 0.9 at working posts, 0.4 at failing ones)", ""},
		{"0.9", "oversight of officials is held equal (0.9 at working posts and at failing ones), so the integrity factor adds nothing to malfunction's abuse", "raises"},
		{"0.95", "its officials are the better overseen (oversight 0.95 at failing posts, 0.9 at working ones), which lowers officials' abuse", "raises"},
	} {
		x := &experiment.Prepared{}
		x.Scenario = classroomWithWeakOversight(t, tt.weak)
		got := abusePartsText(x, a)
		if !strings.Contains(got, tt.want) || tt.not != "" && strings.Contains(got, tt.not) {
			t.Errorf("abusePartsText at weak oversight %s = %q; want %q, without %q", tt.weak, got, tt.want, tt.not)
		}
	}
}

// TestOversightNotesWhereOfficialsAbuseNoOne: where the scenario's
// officials abuse no one at the posts (abuse.official_extortion and
// abuse.official_violence 0), weak oversight raises nothing, and the
// terminal's line and report.md's paragraph must not say it does. They
// once did, in a world whose only abuse was on smugglers' trips (an
// audit, 2026-12: adversary scenario b3-move-abuse-docs).
func TestOversightNotesWhereOfficialsAbuseNoOne(t *testing.T) {
	s := classroomWithWeakOversight(t, "0.4")
	for _, kv := range []string{"abuse.official_extortion=0", "abuse.official_violence=0"} {
		if err := s.Set(kv); err != nil {
			t.Fatal(err)
		}
	}
	claims := []ClaimVerdict{{Harm: "abuse_events", Holds: ClaimNotThroughTrapping}, {Harm: "abused_migrants", Holds: ClaimNotThroughTrapping}}
	note := OversightNote(s, &Analysis{}, claims)
	x := &experiment.Prepared{}
	x.Scenario = s
	parts := abusePartsText(x, &Analysis{Estimates: []Estimate{{Effect: Effect{ID: Malfunction.Name}, Harm: "abuse_events", Mean: 100, Verdict: Harmful}}})
	for name, got := range map[string]string{"OversightNote": note, "abusePartsText": parts} {
		if !strings.Contains(got, "officials abuse no one at the posts (abuse.official_extortion and abuse.official_violence are 0)") || strings.Contains(got, "raises") {
			t.Errorf("%s with officials' abuse rates 0 = %q; want it to say officials abuse no one, and not that oversight raises abuse", name, got)
		}
	}
	// One rate above 0 is enough for oversight to matter.
	if err := s.Set("abuse.official_violence=0.001"); err != nil {
		t.Fatal(err)
	}
	if got := OversightNote(s, &Analysis{}, claims); !strings.Contains(got, "which raises officials' abuse at every post") {
		t.Errorf("OversightNote with officials' violence 0.001 = %q; want the line on weak oversight", got)
	}
}

// TestOversightNotesNameThePartsThatDiffer: where oversight adds nothing
// to malfunction's abuse, the notes say the effect comes from failing
// posts and poor information, less whichever of the two the scenario
// holds equal: they once named poor information where information was
// held equal too (an audit, 2026-12: adversary scenario h1).
func TestOversightNotesNameThePartsThatDiffer(t *testing.T) {
	claims := []ClaimVerdict{{Harm: "abuse_events", Holds: ClaimHolds}, {Harm: "abused_migrants", Holds: ClaimHolds}}
	whole := &Analysis{Estimates: []Estimate{{Effect: Effect{ID: Malfunction.Name}, Harm: "abuse_events", Mean: 100, Verdict: Harmful}}}
	for _, tt := range []struct {
		name      string
		sets      []string
		note, rep string // what the terminal's line and report.md's paragraph say it comes from
	}{
		{"both differ", nil, "the effect comes from failing posts and poor information.", "comes from its other two parts."},
		{"information held equal", []string{"factors.information.poor.accuracy=1", "factors.information.poor.rumour_noise=0.05", "factors.information.poor.news_rate=0.1"},
			"the effect comes from failing posts.", "A failing border here is failing posts: oversight"},
		{"information nearly equal", []string{"factors.information.poor.accuracy=1", "factors.information.poor.rumour_noise=0.05"},
			"the effect comes from failing posts and poor information.", "comes from its other two parts."},
	} {
		s := classroomWithWeakOversight(t, "0.9") // oversight held equal
		for _, kv := range tt.sets {
			if err := s.Set(kv); err != nil {
				t.Fatal(err)
			}
		}
		if got := OversightNote(s, &Analysis{}, claims); !strings.Contains(got, tt.note) {
			t.Errorf("%s: OversightNote = %q; want %q", tt.name, got, tt.note)
		}
		x := &experiment.Prepared{}
		x.Scenario = s
		if got := abusePartsText(x, whole); !strings.Contains(got, tt.rep) {
			t.Errorf("%s: abusePartsText = %q; want %q", tt.name, got, tt.rep)
		}
	}
}

// TestTrappedRuleTextSeats: report.md's paragraph on what "trapped" means
// says whether a migrant waiting for a seat it can pay for counts
// (migrants.seatless_trapped), and how to count it where it does not.
func TestTrappedRuleTextSeats(t *testing.T) {
	for _, tt := range []struct {
		set, want, not string
	}{
		{"", "is never counted, however long it waits; `--set migrants.seatless_trapped=true` counts one", "Here a migrant"},
		{"migrants.seatless_trapped=true", "Here a migrant that the market turned away for want of a seat counts as unable to use a smuggler", "never counted"},
	} {
		s, err := scenarios.Load("classroom")
		if err != nil {
			t.Fatal(err)
		}
		if tt.set != "" {
			if err := s.Set(tt.set); err != nil {
				t.Fatal(err)
			}
		}
		x := &experiment.Prepared{}
		x.Scenario = s
		if got := trappedRuleText(x); !strings.Contains(got, tt.want) || strings.Contains(got, tt.not) {
			t.Errorf("trappedRuleText with %q = %q; want %q, without %q", tt.set, got, tt.want, tt.not)
		}
	}
}
