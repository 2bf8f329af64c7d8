package web_test

import (
	"context"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/web"
)

// TestResultsZeroedNotes: the page's final results carry the notes the
// command line prints under its table on harms zeroed by a setting,
// saying how to give each a rate on the page (under More changes, as
// KEY=RATE or KEY=CHANCE, not --set); a value given there leaves its
// note.
func TestResultsZeroedNotes(t *testing.T) {
	reps := 3
	for _, tc := range []struct {
		name  string
		sets  []string
		want  []string
		notes int
	}{
		{"classroom", nil, []string{
			"Under closed and hbm (",
			"To give the patrols' violence a rate, write regimes.closed.pushback_violence=RATE and regimes.hbm.pushback_violence=RATE under More changes.",
			// The centres' two harms, of the same occasions under the
			// same regime, in one note.
			"Under hbm (",
			"centres sheltered migrants, and two harms there are zeroed by a setting, not by a mechanism, for want of a sourced rate or chance (docs/MODEL.md 7.10): their staff abused none of them (centre_abuse is 0), and they held none of them who would leave (centre_detention is 0).",
			"To give the staff's abuse a rate and detention a chance, write regimes.hbm.centre_abuse=RATE and regimes.hbm.centre_detention=CHANCE under More changes."}, 2},
		{"detention given", []string{"regimes.hbm.centre_detention=0.5"}, []string{
			"Under closed and hbm (",
			"Under hbm (",
			"centres sheltered migrants and their staff abused none of them: centre_abuse is 0 there, for want of a sourced rate,",
			"To give the staff's abuse a rate, write regimes.hbm.centre_abuse=RATE under More changes."}, 2},
		{"rates given", []string{"regimes.closed.pushback_violence=1", "regimes.hbm.pushback_violence=1", "regimes.hbm.centre_abuse=0.01", "regimes.hbm.centre_detention=0.1"}, nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := web.Request{Scenario: "classroom", Reps: &reps, Regimes: []string{"closed", "hbm"}, Sets: tc.sets}
			res, err := web.Run(context.Background(), req, web.DefaultLimits(), 2, web.Progress{})
			if err != nil {
				t.Fatal(err)
			}
			all := strings.Join(res.Notes, "\n")
			if len(res.Notes) != tc.notes {
				t.Errorf("notes %q; want %d", res.Notes, tc.notes)
			}
			rest := all
			for _, w := range tc.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("notes %q: %q missing, or out of order", res.Notes, w)
				}
				rest = rest[i+len(w):]
			}
			if strings.Contains(all, "--set") {
				t.Errorf("notes %q say --set, which the page has not", res.Notes)
			}
		})
	}
}
