package claim

import (
	"math"
	"strings"
	"testing"
)

// TestMarginNote: the note names a verdict of no meaningful difference
// on one of the claim's effects only when the effect is shown to differ
// from 0, starts from a mean below δ and is larger than that mean; it
// says whether the claim's verdict rests on it, by judging such effects
// by their difference test; and it leaves out a harm whose δ the user
// gave in its own units.
func TestMarginNote(t *testing.T) {
	const harm = "trapped_person_days"
	// est is an effect on harm with verdict v, adjusted difference p-value
	// p, mean, reference and δ.
	est := func(id string, v Verdict, p, mean, ref, sesoi float64) Estimate {
		return Estimate{Effect: Effect{ID: id}, Harm: harm, Mean: mean, Lo: mean - 10, Hi: mean + 10, Reference: ref, SESOI: sesoi, PAdj: p, Verdict: v}
	}
	// A failing border at open admission: +61.9 from 0.5, δ 113, shown
	// to differ from 0; the tests below change one thing at a time.
	atOpen := est("malfunction|closure=open", NoDifference, 1e-9, 61.9, 0.5, 113)
	tests := []struct {
		name    string
		change  func(e *Estimate)
		closure Estimate
		diff    Verdict
		abs     bool
		want    []string // "" wants no note
		not     []string
	}{
		{
			name:    "rests on it",
			closure: est("closure", NoDifference, 0.3, 5, 2000, 113),
			diff:    Harmful,
			want: []string{
				"Some verdicts of no meaningful difference come from the margin, not the effect: trapped person-days at open admission, +61.9 [51.9, 71.9] a run with a failing border, from 0.5 without, within ±113.",
				"It is shown to differ from 0 and is larger than the mean it starts from",
				"over all 8 combinations",
				"The claim's verdict rests on it: on trapped person-days, FAILS as judged, HOLDS with those effects judged by their difference from 0.",
				"--sesoi HARM=abs:X",
			},
		},
		{
			name:    "does not rest on it: closure harms more",
			closure: est("closure", Harmful, 1e-9, 1979, 2000, 113),
			diff:    Protective,
			want:    []string{"trapped person-days at open admission", "The claim's verdicts do not rest on it"},
			not:     []string{"rests on it:"},
		},
		{
			name:    "lowered",
			change:  func(e *Estimate) { e.Mean, e.Lo, e.Hi, e.Reference = -40, -50, -30, 30 },
			closure: est("closure", Harmful, 1e-9, 1979, 2000, 113),
			diff:    Protective,
			want:    []string{"-40.0 [-50.0, -30.0] a run with a failing border, from 30.0 without, within ±113"},
		},
		{
			name:    "not shown to differ from 0",
			change:  func(e *Estimate) { e.PAdj = 0.2 },
			closure: est("closure", Harmful, 1e-9, 1979, 2000, 113),
			diff:    Protective,
		},
		{
			name:    "starts above the margin",
			change:  func(e *Estimate) { e.Reference = 200 },
			closure: est("closure", Harmful, 1e-9, 1979, 2000, 113),
			diff:    Protective,
		},
		{
			name:    "smaller than where it starts",
			change:  func(e *Estimate) { e.Reference = 80 },
			closure: est("closure", Harmful, 1e-9, 1979, 2000, 113),
			diff:    Protective,
		},
		{
			name:    "its δ in the harm's own units",
			closure: est("closure", Harmful, 1e-9, 1979, 2000, 113),
			diff:    Protective,
			abs:     true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			open := atOpen
			if tt.change != nil {
				tt.change(&open)
			}
			a := &Analysis{Design: StandardDesign(false), Estimates: []Estimate{
				open,
				est("malfunction|closure=closed", Harmful, 1e-9, 219, 2000, 113),
				tt.closure,
				{Effect: Effect{ID: "malfunction-closure"}, Harm: harm, Verdict: tt.diff, SESOI: math.NaN(), Reference: math.NaN()},
			}}
			a.Claim = []ClaimVerdict{a.claimOn(harm, same, a.verdict)}
			sesoi := DefaultSESOI()
			if tt.abs {
				sesoi.Abs = map[string]float64{harm: 113}
			}
			got := MarginNote(a, sesoi)
			// ByDifference (claim --json) says what the note says.
			byDiff, ok := a.ByDifference(a.Claim[0], false, sesoi)
			if rests := byDiff != a.Claim[0].Holds; ok != (got != "") || (ok && rests != strings.Contains(got, "rests on it:")) {
				t.Errorf("ByDifference = %q, %v with the claim %q; the note: %q", byDiff, ok, a.Claim[0].Holds, got)
			}
			if marked := FromTheMargin(a.Estimates[0], sesoi); marked != (got != "") {
				t.Errorf("FromTheMargin(the effect at open admission) = %v; the note: %q", marked, got)
			}
			if tt.want == nil {
				if got != "" {
					t.Errorf("MarginNote = %q; want none", got)
				}
				return
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("MarginNote = %q;\nwant it to say %q", got, w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(got, n) {
					t.Errorf("MarginNote = %q;\nwant it not to say %q", got, n)
				}
			}
		})
	}
}

// TestMarginNoteWithoutProtection: the second reading's effects are
// named as such, and a claim's verdict there is judged again from them.
func TestMarginNoteWithoutProtection(t *testing.T) {
	const harm = "immobilised_person_days"
	e := func(id string, v Verdict, p, mean, ref float64) Estimate {
		return Estimate{Effect: Effect{ID: id}, Harm: harm, Mean: mean, Lo: mean - 1, Hi: mean + 1, Reference: ref, SESOI: 774, PAdj: p, Verdict: v}
	}
	a := &Analysis{Design: StandardDesign(false)}
	for _, at := range []func(string) string{same, AtNone} {
		a.Estimates = append(a.Estimates,
			e(at("malfunction|closure=open"), Harmful, 1e-9, 900, 100),
			e(at("malfunction|closure=closed"), Harmful, 1e-9, 900, 100),
			e(at("closure"), Harmful, 1e-9, 900, 100),
			Estimate{Effect: Effect{ID: at("malfunction-closure")}, Harm: harm, Verdict: Harmful, SESOI: math.NaN(), Reference: math.NaN()})
	}
	a.Estimates[4] = e(AtNone("malfunction|closure=open"), NoDifference, 1e-9, 127, 1.1)
	a.Claim = []ClaimVerdict{a.claimOn(harm, same, a.verdict)}
	a.ClaimAtNone = []ClaimVerdict{a.claimOn(harm, AtNone, a.verdict)}
	got := MarginNote(a, DefaultSESOI())
	for _, w := range []string{
		"immobilised person-days at open admission, without protection, +127 [126, 128] a run with a failing border, from 1.1 without, within ±774.",
		"The claim's verdict rests on it: on immobilised person-days, without protection, FAILS as judged, HOLDS with those effects judged by their difference from 0.",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("MarginNote = %q;\nwant it to say %q", got, w)
		}
	}
	if strings.Count(got, "immobilised person-days at open admission") != 1 {
		t.Errorf("MarginNote = %q; want the main reading's effect, not from the margin, left out", got)
	}
}

// TestMarginNoteOnClosure: closure's verdict, too, may come from the
// margin, and the note then says so in closure's words.
func TestMarginNoteOnClosure(t *testing.T) {
	const harm = "trapped_person_days"
	est := func(id string, v Verdict, p, mean, ref float64) Estimate {
		return Estimate{Effect: Effect{ID: id}, Harm: harm, Mean: mean, Lo: mean - 10, Hi: mean + 10, Reference: ref, SESOI: 113, PAdj: p, Verdict: v}
	}
	a := &Analysis{Design: StandardDesign(false), Estimates: []Estimate{
		est("malfunction|closure=open", Harmful, 1e-9, 1979, 2000),
		est("malfunction|closure=closed", Harmful, 1e-9, 219, 2000),
		est("closure", NoDifference, 1e-9, 61.9, 0.5),
		{Effect: Effect{ID: "malfunction-closure"}, Harm: harm, Verdict: Harmful, SESOI: math.NaN(), Reference: math.NaN()},
	}}
	a.Claim = []ClaimVerdict{a.claimOn(harm, same, a.verdict)}
	got := MarginNote(a, DefaultSESOI())
	for _, w := range []string{
		"trapped person-days, +61.9 [51.9, 71.9] a run with the border closed, from 0.5 with it open, within ±113.",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("MarginNote = %q;\nwant it to say %q", got, w)
		}
	}
}
