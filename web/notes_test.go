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
		name string
		sets []string
		want []string
	}{
		{"classroom", nil, []string{
			"Under closed and hbm (",
			"To give the patrols' violence a rate, write regimes.closed.pushback_violence=RATE and regimes.hbm.pushback_violence=RATE under More changes.",
			"Under hbm (",
			"To give the staff's abuse a rate, write regimes.hbm.centre_abuse=RATE under More changes.",
			"Under hbm (",
			"To give detention a chance, write regimes.hbm.centre_detention=CHANCE under More changes."}},
		{"rates given", []string{"regimes.closed.pushback_violence=1", "regimes.hbm.pushback_violence=1", "regimes.hbm.centre_abuse=0.01", "regimes.hbm.centre_detention=0.1"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := web.Request{Scenario: "classroom", Reps: &reps, Regimes: []string{"closed", "hbm"}, Sets: tc.sets}
			res, err := web.Run(context.Background(), req, web.DefaultLimits(), 2, web.Progress{})
			if err != nil {
				t.Fatal(err)
			}
			all := strings.Join(res.Notes, "\n")
			if tc.want == nil && len(res.Notes) > 0 {
				t.Errorf("notes %q; want none", res.Notes)
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
