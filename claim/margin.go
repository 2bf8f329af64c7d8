package claim

import (
	"fmt"
	"math"
	"strings"

	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
)

// MarginNote says which verdicts of no meaningful difference on the
// claim's effects come from the margin rather than from the effect: an
// effect shown to differ from 0 (its adjusted difference test below
// Alpha) that starts from a mean below its smallest effect of interest,
// so that it is many times where it starts and still within ± δ, δ being
// set by the harm's mean over every combination, mostly where the harm
// is largest (docs/CLAIM.md, "One δ for each harm"). Such a verdict is a
// consequence of where δ was set, not of what the mechanisms did, so the
// note also says whether the claim's verdict on the harm rests on it:
// whether judging those effects by their difference test alone changes
// the verdict. Harms whose δ was given in their own units (sesoi.Abs)
// are left out: their δ is the user's judgement, not the grand mean's.
// "" when there is nothing to say.
func MarginNote(a *Analysis, sesoi SESOI) string {
	if a == nil {
		return ""
	}
	type reading struct {
		claims []ClaimVerdict
		at     func(string) string
		where  string
	}
	readings := []reading{{a.Claim, same, ""}}
	if a.ClaimAtNone != nil {
		readings = append(readings, reading{a.ClaimAtNone, AtNone, ", without protection"})
	}
	var found, rests []string
	for _, r := range readings {
		for _, c := range r.claims {
			ests, again := a.fromMargin(c, r.at, sesoi)
			for _, e := range ests {
				id := strings.TrimSuffix(strings.TrimSuffix(e.Effect.ID, ","+NoneReading), "|"+NoneReading) // as verdictEffects names it
				with, without := marginCause(id)
				found = append(found, fmt.Sprintf("%s%s%s, %s a run %s, from %s %s, within ±%s",
					Title(c.Harm), marginPlace(id), r.where, signedInterval(e), with, output.FormatCount(e.Reference), without, FormatSESOI(e.SESOI)))
			}
			if len(ests) > 0 && again.Holds != c.Holds {
				rests = append(rests, fmt.Sprintf("on %s%s, %s as judged, %s with those effects judged by their difference from 0",
					Title(c.Harm), r.where, strings.ToUpper(c.Holds), strings.ToUpper(again.Holds)))
			}
		}
	}
	if len(found) == 0 {
		return ""
	}
	is := "Each is"
	if len(found) == 1 {
		is = "It is"
	}
	text := fmt.Sprintf("Some verdicts of no meaningful difference come from the margin, not the effect: %s. %s shown to differ from 0 and is larger than the mean it starts from, yet lies within the harm's smallest effect of interest, which is set by the harm's mean over all %s, most of it made where the harm is largest (docs/CLAIM.md, \"One δ for each harm\").",
		strings.Join(found, "; "), is, words.Count(a.Design.NCells(), "combination"))
	if len(rests) == 0 {
		text += " The claim's verdicts do not rest on it: judged by their difference from 0, those effects would leave them as they are."
	} else {
		text += " The claim's verdict rests on it: " + strings.Join(rests, "; ") + "."
	}
	return text + " --sesoi HARM=abs:X judges a harm's effects in its own units."
}

// FromTheMargin reports whether e's verdict of no meaningful difference
// comes from the margin (MarginNote), its harm's δ set by the grand mean
// rather than given in its own units.
func FromTheMargin(e Estimate, sesoi SESOI) bool {
	_, abs := sesoi.Abs[e.Harm]
	return !abs && fromTheMargin(e)
}

// ByDifference is the claim c on its harm, in the main reading or
// (atNone) without protection, judged again with the claim's effects
// whose verdict comes from the margin judged by their difference test
// (MarginNote), and whether it has any such effect; "", false when none.
func (a *Analysis) ByDifference(c ClaimVerdict, atNone bool, sesoi SESOI) (string, bool) {
	at := same
	if atNone {
		at = AtNone
	}
	ests, again := a.fromMargin(c, at, sesoi)
	if len(ests) == 0 {
		return "", false
	}
	return again.Holds, true
}

// fromMargin is, for the claim c on one harm as read through at (same,
// or AtNone), the claim's effects whose verdict of no meaningful
// difference comes from the margin (fromTheMargin), in verdictEffects'
// order, and the claim judged again by the same rule with those effects
// judged by their difference test instead, harmful or protective by
// their sign. None for a harm whose δ was given in its own units.
func (a *Analysis) fromMargin(c ClaimVerdict, at func(string) string, sesoi SESOI) ([]Estimate, ClaimVerdict) {
	if _, abs := sesoi.Abs[c.Harm]; abs {
		return nil, c
	}
	var ests []Estimate
	judged := map[string]Verdict{} // looked up only
	for _, ve := range verdictEffects[:3] {
		e, ok := a.Estimate(at(ve.ID), c.Harm)
		if !ok || !fromTheMargin(e) {
			continue
		}
		ests = append(ests, e)
		judged[e.Effect.ID] = Harmful
		if e.Mean < 0 {
			judged[e.Effect.ID] = Protective
		}
	}
	if len(ests) == 0 {
		return nil, c
	}
	again := a.claimOn(c.Harm, at, func(id, harm string) Verdict {
		// The chain reads malfunction's verdict on abuse events, which is
		// judged again here only when it is this harm.
		if v, ok := judged[id]; ok && harm == c.Harm {
			return v
		}
		return a.verdict(id, harm)
	})
	return ests, again
}

// fromTheMargin is whether e is no meaningful difference only because
// its margin is wide for where it starts: shown to differ from 0, from a
// reference below its smallest effect of interest.
func fromTheMargin(e Estimate) bool {
	return e.Verdict == NoDifference && e.PAdj < Alpha && !math.IsNaN(e.SESOI) && !math.IsNaN(e.Reference) && e.SESOI > math.Abs(e.Reference) && math.Abs(e.Mean) > math.Abs(e.Reference)
}

// marginPlace and marginCause say where one of the claim's effects is
// read and what it compares: " at open admission"; "with a failing
// border", "without".
func marginPlace(id string) string {
	if at, ok := strings.CutPrefix(id, "malfunction|closure="); ok {
		return " at " + at + " admission"
	}
	return ""
}

func marginCause(id string) (with, without string) {
	if id == Closure.Name {
		return "with the border closed", "with it open"
	}
	return "with a failing border", "without"
}

// signedInterval writes an estimate with its sign and 95% interval:
// "+61.9 [51.0, 72.8]".
func signedInterval(e Estimate) string {
	s := FormatInterval(e)
	if e.Mean > 0 {
		return "+" + s
	}
	return s
}
