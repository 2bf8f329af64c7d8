package gsa

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/sensitivity"
)

// Change is how one index of one output moves from the first N/2 base
// samples (a design of its own: sensitivity.SobolResult.HalfN) to all N.
type Change struct {
	Output, Param int
	Total         bool    // the total index; false for the first-order
	Half, Full    float64 // the index at N/2 and at N
	SE            float64 // its bootstrap standard error at N
}

// Size is the change's absolute size.
func (c Change) Size() float64 { return math.Abs(c.Full - c.Half) }

// index names the index changed: "the total index of `key`".
func (c Change) index(r *Result) string {
	kind := "first-order"
	if c.Total {
		kind = "total"
	}
	return fmt.Sprintf("the %s index of %s", kind, output.CodeSpan(r.Params[c.Param].Name))
}

// inSE is the change in standard errors, "-" if it has none.
func (c Change) inSE() string {
	if !(c.SE > 0) {
		return "-"
	}
	return Num(c.Size() / c.SE)
}

// HalfChanges returns the largest change of output o's total indices and
// of its first-order indices from N/2 base samples to N, ties going to
// the parameter first in the design; ok is false for Morris, for N below
// 4 and for an output that does not vary.
func (r *Result) HalfChanges(o int) (total, first Change, ok bool) {
	s := r.Sobol
	if s == nil || s.HalfN == 0 || math.IsNaN(s.Total[o][0].Value) || math.IsNaN(s.HalfTotal[o][0]) {
		return Change{}, Change{}, false
	}
	largest := func(isTotal bool, full []sensitivity.Estimate, half []float64) Change {
		best := Change{Output: o, Param: -1}
		for i := range full {
			c := Change{Output: o, Param: i, Total: isTotal, Half: half[i], Full: full[i].Value, SE: full[i].SE}
			if best.Param < 0 || c.Size() > best.Size() {
				best = c
			}
		}
		return best
	}
	return largest(true, s.Total[o], s.HalfTotal[o]), largest(false, s.First[o], s.HalfFirst[o]), true
}

// LargestHalfChange is the largest change of any index of any output
// from N/2 base samples to N (HalfChanges); ok is false if there is none.
func (r *Result) LargestHalfChange() (c Change, ok bool) {
	for o := range r.Info.Outputs {
		total, first, varies := r.HalfChanges(o)
		if !varies {
			continue
		}
		for _, x := range []Change{total, first} {
			if !ok || x.Size() > c.Size() {
				c, ok = x, true
			}
		}
	}
	return c, ok
}

// halfLeaders are the first topCount parameters of output o by their
// total index at N/2, as Rank orders them at N.
func (r *Result) halfLeaders(o int) []int {
	rank := r.Sobol.HalfRank(o)
	return rank[:min(topCount, len(rank))]
}

// convergenceSection is report.md's section comparing the indices at N/2
// with those at N, "" if there is none to compare (Morris, N below 4).
func (r *Result) convergenceSection() string {
	if r.Sobol == nil || r.Sobol.HalfN == 0 {
		return ""
	}
	n, half := r.Info.Samples, r.Sobol.HalfN
	var b strings.Builder
	fmt.Fprintf(&b, "## Convergence\n\nThe first %d base samples are, on their own, the design of N = %d (a base point depends on its row alone), so the indices they give, beside those of all %d, show whether N is enough without a second run. "+
		"Were the base rows independent, the change from N/2 to N would have a standard deviation of about the index's bootstrap standard error (SE) at N: a change of several SE, or leaders in another order, says to run a larger N (`--samples %d`). "+
		"Per output, the largest change of a total and of a first-order index, from N/2 to N, and the top %d by total index at N/2:\n\n", half, half, n, 2*n, topCount)
	fmt.Fprintf(&b, "|output|largest change of a total index|in SE|largest change of a first-order index|in SE|top %d at N/2|\n|---|---|---:|---|---:|---|\n", topCount)
	for o, out := range r.Info.Outputs {
		total, first, ok := r.HalfChanges(o)
		if !ok {
			fmt.Fprintf(&b, "|%s|-|-|-|-|-|\n", output.Literal(out.Title()))
			continue
		}
		cell := func(c Change) string {
			return fmt.Sprintf("%s: %s at N/2, %s at N", output.CodeSpan(r.Params[c.Param].Name), Num(c.Half), Num(c.Full))
		}
		leaders := "the same"
		at := r.halfLeaders(o)
		if full := r.Rank(o); !slices.Equal(at, full[:len(at)]) {
			var names []string
			for _, i := range at {
				names = append(names, output.CodeSpan(r.Params[i].Name))
			}
			leaders = strings.Join(names, ", ")
		}
		fmt.Fprintf(&b, "|%s|%s|%s|%s|%s|%s|\n", output.Literal(out.Title()), cell(total), total.inSE(), cell(first), first.inSE(), leaders)
	}
	return b.String()
}

// HalfSentence says on one line how much the indices move from N/2 base
// samples to N, "" if there is nothing to compare.
func (r *Result) HalfSentence() string {
	c, ok := r.LargestHalfChange()
	if !ok {
		return ""
	}
	return fmt.Sprintf("From N/2 = %d base samples to N = %d, no index moves by more than %s (%s on %s: %s at N/2, %s at N, %s standard errors); report.md, \"Convergence\", gives every output's largest change.",
		r.Sobol.HalfN, r.Info.Samples, Num(c.Size()), strings.ReplaceAll(c.index(r), "`", ""), r.Info.Outputs[c.Output].Title(), Num(c.Half), Num(c.Full), c.inSE())
}
