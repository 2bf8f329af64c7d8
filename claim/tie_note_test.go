package claim

import (
	"strings"
	"testing"
)

// TestTieNote checks that report.md says how tied contrasts were tested
// only where one of its tests tied: the verdicts' line names the t-test,
// which a tie gives nothing to work with.
func TestTieNote(t *testing.T) {
	spread := Estimate{N: 20, SD: 3, Verdict: Harmful}
	tied := Estimate{N: 20, SD: 0, Verdict: Harmful}
	absent := Estimate{N: 20, SD: 0, Verdict: NotApplicable} // a harm that never happens: no test
	single := Estimate{N: 1, SD: 0, Verdict: Inconclusive}   // one replicate: no test either
	for _, tc := range []struct {
		name        string
		a           Analysis
		want, wantN string // wantN: the count as the sentence gives it
	}{
		{"no tie", Analysis{Estimates: []Estimate{spread, absent, single}}, "", ""},
		{"one tie", Analysis{Estimates: []Estimate{spread, tied, absent}}, "exact sign test", "1 contrast was the same"},
		{"ties among chain tests", Analysis{Estimates: []Estimate{tied}, ChainTests: []Estimate{tied, spread}}, "exact sign test", "2 contrasts were the same"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tieNote(&tc.a)
			if tc.want == "" {
				if got != "" {
					t.Errorf("tieNote = %q, want nothing", got)
				}
				return
			}
			if !strings.Contains(got, tc.want) || !strings.Contains(got, tc.wantN) {
				t.Errorf("tieNote = %q, want %q and %q", got, tc.want, tc.wantN)
			}
		})
	}
}
