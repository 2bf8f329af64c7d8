package claim

import (
	"fmt"

	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
)

// Need is how many replicates of every arm one contrast of the family
// (an effect on a harm) needs for a 95% interval of half-width
// Options.Precision × its smallest effect of interest, judged from the
// pilot's spread and not capped at --max-reps.
type Need struct {
	Effect, Harm string
	Reps         int
	// AtNone: a contrast of the second reading, at protection none
	// (IsAtNone), which is judged at the replicates the others set and
	// does not set them: so the second reading leaves the main one's
	// replicates, and numbers, as they were without it.
	AtNone bool
}

// Needs are the needs of every contrast of the family, in the order of
// Analysis.Estimates.
type Needs []Need

// Setting are the needs that set the replicates: every contrast's but
// the second reading's.
func (ns Needs) Setting() Needs { return ns.of(false) }

// Second are the second reading's needs, which do not set the
// replicates.
func (ns Needs) Second() Needs { return ns.of(true) }

func (ns Needs) of(atNone bool) Needs {
	var out Needs
	for _, x := range ns {
		if x.AtNone == atNone {
			out = append(out, x)
		}
	}
	return out
}

// Most is the replicates the target needs: the largest need of those
// that set the replicates (Setting), and never fewer than the pilot's.
func (ns Needs) Most(pilot int) int {
	n := pilot
	for _, x := range ns.Setting() {
		n = max(n, x.Reps)
	}
	return n
}

// Short is how many contrasts that set the replicates (Setting) need
// more than reps.
func (ns Needs) Short(reps int) int {
	k := 0
	for _, x := range ns.Setting() {
		if x.Reps > reps {
			k++
		}
	}
	return k
}

// Of is the need of effect id on harm; 0 if there is none.
func (ns Needs) Of(id, harm string) int {
	for _, x := range ns {
		if x.Effect == id && x.Harm == harm {
			return x.Reps
		}
	}
	return 0
}

// pilotRows are the rows of the first pilot replicates of rows.
func pilotRows(rows []output.SummaryRow, pilot int) []output.SummaryRow {
	var p []output.SummaryRow
	for _, r := range rows {
		if r.Run.Replicate < pilot {
			p = append(p, r)
		}
	}
	return p
}

// CapNote says, when the cap (maxReps) stopped the runs at reps before
// every contrast reached the target precision, for how many it was not
// reached and how many replicates the one furthest from it would need;
// "" when the target was reached, or when needs are unknown.
func CapNote(ns Needs, reps, maxReps, pilot int) string {
	k := ns.Short(reps)
	if k == 0 || reps < maxReps {
		return ""
	}
	return fmt.Sprintf("The target precision was not reached for %d of %s at the cap of %d replicates (--max-reps); the widest would need about %s (by the pilot's spread).",
		k, words.Count(len(ns.Setting()), "contrast"), maxReps, words.Whole(int64(ns.Most(pilot))))
}

// SecondNote says how many of the second reading's contrasts (at
// protection none), which do not set the replicates, would need more
// than the reps run for the target precision, and how many the widest
// would; "" when none would, or needs are unknown. Each compares half
// the cells of its counterpart in the main reading, so its spread is
// larger.
func SecondNote(ns Needs, reps int) string {
	second := ns.Second()
	k, most := 0, 0
	for _, x := range second {
		if x.Reps > reps {
			k++
		}
		most = max(most, x.Reps)
	}
	if k == 0 {
		return ""
	}
	return fmt.Sprintf("The claim's effects without protection (its second reading), which do not set the replicates, miss the target precision at %d replicates for %d of %s; the widest would need about %s (by the pilot's spread).",
		reps, k, words.Count(len(second), "contrast"), words.Whole(int64(most)))
}
