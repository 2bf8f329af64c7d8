package claim

import (
	"fmt"
	"slices"
	"strings"
)

// Effect is a contrast between the arms of the check (the design's cells,
// then the scenario's own regimes), computed within each replicate: the
// sum of Coef[arm] × harm under that arm. Its reference, for a relative
// effect, is the Ref-weighted mean of the arms.
type Effect struct {
	ID    string // "malfunction|closure=open", "closure×malfunction", ...
	Label string // for people: "malfunction, at open admission"
	Kind  string // "main", "conditional", "interaction", "difference" or "arm"
	Coef  []float64
	Ref   []float64
}

// The kinds of effect.
const (
	Main        = "main"
	Conditional = "conditional"
	Interaction = "interaction"
	Difference  = "difference"
	Arm         = "arm"
)

// MalfunctionMinusClosure is the ID of the difference of malfunction's
// and closure's main effects, positive where malfunction harms more.
const MalfunctionMinusClosure = "malfunction-closure"

// NoneReading is the setting of protection at which the claim is read a
// second time, beside the main reading that averages over protection:
// where the four named regimes lie (open, closed and malfunctioning are
// cells without protection). The protection switch's hbm level has
// centres tell migrants within reach the truth about posts (centre_info,
// scenarios/builtin/factors.toml), an information intervention that
// undoes part of malfunction's poor information; so half the cells behind
// the main reading's malfunction effects have that fix (referee 8, M1).
const NoneReading = "protection=none"

// AtNone is the ID of the claim's effect id read at protection none:
// "malfunction|closure=open" → "malfunction|closure=open,protection=none",
// "closure" → "closure|protection=none".
func AtNone(id string) string {
	if strings.Contains(id, "|") {
		return id + "," + NoneReading
	}
	return id + "|" + NoneReading
}

// IsAtNone reports whether the effect with ID id is one of the claim's
// effects read at protection none (AtNone).
func IsAtNone(id string) bool {
	return strings.HasSuffix(id, "|"+NoneReading) || strings.HasSuffix(id, ","+NoneReading)
}

// cellSet is a predicate on the design's cells.
type cellSet func(c int) bool

// meanContrast is mean(hi cells) − mean(lo cells), referred to the lo
// cells' mean.
func (d Design) meanContrast(arms int, hi, lo cellSet) (coef, ref []float64) {
	coef, ref = make([]float64, arms), make([]float64, arms)
	var nh, nl float64
	for c := range d.NCells() {
		if hi(c) {
			nh++
		}
		if lo(c) {
			nl++
		}
	}
	for c := range d.NCells() {
		if hi(c) {
			coef[c] += 1 / nh
		}
		if lo(c) {
			coef[c] -= 1 / nl
			ref[c] = 1 / nl
		}
	}
	return coef, ref
}

// grandMean weights every cell equally.
func (d Design) grandMean(arms int) []float64 {
	return d.meanOf(arms, func(int) bool { return true })
}

// meanOf weights the cells of set equally: their mean.
func (d Design) meanOf(arms int, set cellSet) []float64 {
	ref := make([]float64, arms)
	n := 0.0
	for c := range d.NCells() {
		if set(c) {
			n++
		}
	}
	for c := range d.NCells() {
		if set(c) {
			ref[c] = 1 / n
		}
	}
	return ref
}

// malfunctionOn and malfunctionOff are the cells where malfunction is
// fully switched on or off: the malfunction switch, or all its parts in a
// design that splits it.
func (d Design) malfunctionOn(on bool) cellSet {
	var parts []int
	if i := d.Index(Malfunction.Name); i >= 0 {
		parts = []int{i}
	} else {
		for _, p := range []Switch{Reliability, Integrity, Information} {
			if i := d.Index(p.Name); i >= 0 {
				parts = append(parts, i)
			}
		}
	}
	return func(c int) bool {
		for _, i := range parts {
			if d.On(c, i) != on {
				return false
			}
		}
		return len(parts) > 0
	}
}

// Effects are the contrasts the check estimates, in the order its tables
// list them: each switch's main effect; each switch at each setting of
// closure, and closure at each setting of malfunction; the malfunction
// effect minus the closure effect; with AtNoProtection, the claim's four
// effects again at protection none (malfunction at open and at closed
// admission, closure, and their difference: AtNone); every two-way
// interaction (and the three-way one of a three-switch design); then, for
// each of the scenario's own regimes, its difference from the cells the
// closed and the malfunctioning regimes stand at.
func (d Design) Effects(own []string) []Effect {
	arms := d.NCells() + len(own)
	var out []Effect
	on := func(i int, v bool) cellSet { return func(c int) bool { return d.On(c, i) == v } }
	and := func(a, b cellSet) cellSet { return func(c int) bool { return a(c) && b(c) } }
	for i, s := range d.Switches {
		coef, ref := d.meanContrast(arms, on(i, true), on(i, false))
		out = append(out, Effect{ID: s.Name, Label: fmt.Sprintf("%s (%s to %s), main effect", s.Name, s.Low, s.High), Kind: Main, Coef: coef, Ref: ref})
	}
	ci := d.Index(Closure.Name)
	if d.Index(Malfunction.Name) < 0 && ci >= 0 {
		// Malfunction as a whole, in a design that splits it.
		coef, ref := d.meanContrast(arms, d.malfunctionOn(true), d.malfunctionOn(false))
		out = append(out, Effect{ID: Malfunction.Name, Label: "malfunction (all its parts, working to failing), main effect", Kind: Main, Coef: coef, Ref: ref})
	}
	if ci >= 0 {
		for _, v := range []bool{false, true} {
			at := Closure.Low
			if v {
				at = Closure.High
			}
			if d.Index(Malfunction.Name) < 0 {
				coef, ref := d.meanContrast(arms, and(d.malfunctionOn(true), on(ci, v)), and(d.malfunctionOn(false), on(ci, v)))
				out = append(out, Effect{ID: "malfunction|closure=" + at, Label: "malfunction (all its parts), at " + at + " admission", Kind: Conditional, Coef: coef, Ref: ref})
			}
			for i, s := range d.Switches {
				if i == ci {
					continue
				}
				coef, ref := d.meanContrast(arms, and(on(i, true), on(ci, v)), and(on(i, false), on(ci, v)))
				out = append(out, Effect{ID: s.Name + "|closure=" + at, Label: fmt.Sprintf("%s, at %s admission", s.Name, at), Kind: Conditional, Coef: coef, Ref: ref})
			}
		}
		for _, v := range []bool{false, true} {
			at := Malfunction.Low
			if v {
				at = Malfunction.High
			}
			coef, ref := d.meanContrast(arms, and(on(ci, true), d.malfunctionOn(v)), and(on(ci, false), d.malfunctionOn(v)))
			out = append(out, Effect{ID: "closure|malfunction=" + at, Label: "closure, at " + at + " posts", Kind: Conditional, Coef: coef, Ref: ref})
		}
		m := slices.IndexFunc(out, func(e Effect) bool { return e.ID == Malfunction.Name })
		coef := make([]float64, arms)
		for a := range coef {
			coef[a] = out[m].Coef[a] - out[ci].Coef[a]
		}
		out = append(out, Effect{ID: MalfunctionMinusClosure, Label: "malfunction's main effect minus closure's", Kind: Difference, Coef: coef, Ref: d.grandMean(arms)})
		if pi := d.Index(Protection.Name); d.AtNoProtection && pi >= 0 {
			out = append(out, d.atNone(arms, ci, pi)...)
		}
	}
	k := len(d.Switches)
	sign := func(c, i int) float64 {
		if d.On(c, i) {
			return 1
		}
		return -1
	}
	for i := range k {
		for j := i + 1; j < k; j++ {
			coef := make([]float64, arms)
			for c := range d.NCells() {
				coef[c] = sign(c, i) * sign(c, j) / float64(int(1)<<(k-2))
			}
			out = append(out, Effect{ID: d.Switches[i].Name + "×" + d.Switches[j].Name,
				Label: fmt.Sprintf("how much the %s effect changes when %s is switched on", d.Switches[i].Name, d.Switches[j].Name),
				Kind:  Interaction, Coef: coef, Ref: d.grandMean(arms)})
		}
	}
	if k == 3 {
		coef := make([]float64, arms)
		for c := range d.NCells() {
			coef[c] = sign(c, 0) * sign(c, 1) * sign(c, 2)
		}
		out = append(out, Effect{ID: d.Switches[0].Name + "×" + d.Switches[1].Name + "×" + d.Switches[2].Name,
			Label: "three-way interaction", Kind: Interaction, Coef: coef, Ref: d.grandMean(arms)})
	}
	// The scenario's own regimes against the cells of the closed and the
	// malfunctioning regimes.
	closedCell, failingCell := -1, -1
	for c := range d.NCells() {
		lv, err := d.CellLevels(c)
		if err != nil {
			continue
		}
		if lv.Protection == "none" && lv.Admission == "closed" && lv.Enforcement == "patrolled" && lv.Reliability == "reliable" && lv.Integrity == "strong" && lv.Information == "accurate" {
			closedCell = c
		}
		if lv.Protection == "none" && lv.Admission == "open" && lv.Enforcement == "none" && lv.Reliability == "failing" && lv.Integrity == "weak" && lv.Information == "poor" {
			failingCell = c
		}
	}
	for o, name := range own {
		for _, vs := range []struct {
			cell  int
			label string
		}{{closedCell, "closed"}, {failingCell, "malfunctioning"}} {
			if vs.cell < 0 {
				continue
			}
			coef, ref := make([]float64, arms), make([]float64, arms)
			coef[d.NCells()+o], coef[vs.cell], ref[vs.cell] = 1, -1, 1
			out = append(out, Effect{ID: name + "-" + vs.label, Label: fmt.Sprintf("the scenario's %s regime against the %s cell (%s)", name, vs.label, d.CellName(vs.cell)),
				Kind: Arm, Coef: coef, Ref: ref})
		}
	}
	return out
}

// atNone are the claim's four effects read at protection none, in a
// design with closure (switch ci) and protection (pi): malfunction at
// open and at closed admission, closure, and malfunction's effect minus
// closure's, each as the main reading has it but over the cells without
// protection alone. In the 2 × 2 × 2 design the first two compare single
// cells (malfunctioning against open; closed-failing-none against
// closed), and the difference is the malfunctioning cell minus the
// closed one.
func (d Design) atNone(arms, ci, pi int) []Effect {
	none := func(c int) bool { return !d.On(c, pi) }
	at := func(v bool) cellSet { return func(c int) bool { return d.On(c, ci) == v && none(c) } }
	and := func(a, b cellSet) cellSet { return func(c int) bool { return a(c) && b(c) } }
	whole := ""
	if d.Index(Malfunction.Name) < 0 {
		whole = " (all its parts)"
	}
	var out []Effect
	for _, v := range []bool{false, true} {
		setting := Closure.Low
		if v {
			setting = Closure.High
		}
		coef, ref := d.meanContrast(arms, and(d.malfunctionOn(true), at(v)), and(d.malfunctionOn(false), at(v)))
		out = append(out, Effect{ID: AtNone("malfunction|closure=" + setting), Label: "malfunction" + whole + ", at " + setting + " admission, without protection",
			Kind: Conditional, Coef: coef, Ref: ref})
	}
	cc, cref := d.meanContrast(arms, at(true), at(false))
	out = append(out, Effect{ID: AtNone(Closure.Name), Label: "closure, without protection", Kind: Conditional, Coef: cc, Ref: cref})
	mc, _ := d.meanContrast(arms, and(d.malfunctionOn(true), none), and(d.malfunctionOn(false), none))
	coef := make([]float64, arms)
	for a := range coef {
		coef[a] = mc[a] - cc[a]
	}
	out = append(out, Effect{ID: AtNone(MalfunctionMinusClosure), Label: "malfunction's effect minus closure's, both without protection", Kind: Difference,
		Coef: coef, Ref: d.meanOf(arms, none)})
	return out
}
