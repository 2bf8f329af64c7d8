package claim

import (
	"fmt"
	"slices"
	"strings"

	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/sim"
)

// Switch is a two-level factor of the claim's design: switching it on
// moves some factors of the regime factor space from one level to
// another.
type Switch struct {
	Name      string // "closure", "malfunction", ...
	Low, High string // the two settings' names, for people: "open" and "closed"
	// LowLevels and HighLevels are the factor levels each setting sets,
	// as factor=level pairs.
	LowLevels, HighLevels []string
}

// The switches of the claim.
var (
	Closure = Switch{"closure", "open", "closed",
		[]string{"admission=open", "enforcement=none"}, []string{"admission=closed", "enforcement=patrolled"}}
	Malfunction = Switch{"malfunction", "working", "failing",
		[]string{"reliability=reliable", "integrity=strong", "information=accurate"},
		[]string{"reliability=failing", "integrity=weak", "information=poor"}}
	Protection = Switch{"protection", "none", "hbm", []string{"protection=none"}, []string{"protection=hbm"}}

	// The parts of malfunction, for a design that splits it.
	Reliability = Switch{"reliability", "reliable", "failing", []string{"reliability=reliable"}, []string{"reliability=failing"}}
	Integrity   = Switch{"integrity", "strong", "weak", []string{"integrity=strong"}, []string{"integrity=weak"}}
	Information = Switch{"information", "accurate", "poor", []string{"information=accurate"}, []string{"information=poor"}}
)

// Design is a full factorial design over switches: 2^k cells, cell c
// having switch i on when bit i of c is set.
type Design struct {
	Switches []Switch
	// AtNoProtection adds to its effects the claim's four at protection
	// none (NoneReading), where the four named regimes lie: the second
	// reading of the claim beside the main one, which averages over
	// protection (docs/CLAIM.md). A design without a protection or a
	// closure switch has none to add.
	AtNoProtection bool
	// WaitingOff adds to the arms a copy of each cell the chain's effects
	// compare (waitingCells) with waiting's effects on abuse switched off
	// (abuse.desperation_effect and abuse.queue_effect 0), named with
	// WaitingOffSuffix: an intervention that gives malfunction's effect on
	// the abuse harms without them, and so the part that goes through
	// them (Analysis.Waiting; docs/CLAIM.md, "Through waiting"). The
	// design's effects and verdicts are those without the copies.
	WaitingOff bool
}

// WaitingOffSuffix ends the name of a cell's copy with waiting's effects
// on abuse switched off: "open-failing-none-waiting-off".
const WaitingOffSuffix = "-waiting-off"

// waitingCells are the cells of which the design runs a copy with
// waiting's effects switched off: those the chain's effects compare, in
// order; none unless WaitingOff.
func (d Design) waitingCells() []int {
	if !d.WaitingOff {
		return nil
	}
	effects := d.Effects(nil)
	var cells []int
	for c := range d.NCells() {
		if slices.ContainsFunc(effects, func(e Effect) bool { return slices.Contains(chainEffects, e.ID) && e.Coef[c] != 0 }) {
			cells = append(cells, c)
		}
	}
	return cells
}

// Arms are the arms the check runs: the cells, the scenario's own
// regimes (own), then the copies of cells with waiting's effects
// switched off.
func (d Design) Arms(own []string) []string {
	arms := append(d.CellNames(), own...)
	for _, c := range d.waitingCells() {
		arms = append(arms, d.CellName(c)+WaitingOffSuffix)
	}
	return arms
}

// StandardDesign is closure × malfunction × protection, with the claim's
// effects at protection none too; split replaces malfunction by its
// three parts.
func StandardDesign(split bool) Design {
	if split {
		return Design{Switches: []Switch{Closure, Reliability, Integrity, Information, Protection}, AtNoProtection: true}
	}
	return Design{Switches: []Switch{Closure, Malfunction, Protection}, AtNoProtection: true}
}

// NCells is the number of cells, 2^k.
func (d Design) NCells() int { return 1 << len(d.Switches) }

// On reports whether switch i is on in cell c.
func (d Design) On(c, i int) bool { return c&(1<<i) != 0 }

// Index is the position of the switch called name, or -1.
func (d Design) Index(name string) int {
	return slices.IndexFunc(d.Switches, func(s Switch) bool { return s.Name == name })
}

// CellName names cell c by its switches' settings, in switch order:
// "closed-failing-none".
func (d Design) CellName(c int) string {
	parts := make([]string, len(d.Switches))
	for i, s := range d.Switches {
		parts[i] = s.Low
		if d.On(c, i) {
			parts[i] = s.High
		}
	}
	return strings.Join(parts, "-")
}

// Corners are the cells, in order, where malfunction is all working or
// all failing: every cell of a design that does not split malfunction,
// and 8 of the 32 of one that does (the cells of the unsplit design).
func (d Design) Corners() []int {
	var out []int
	on, off := d.malfunctionOn(true), d.malfunctionOn(false)
	for c := range d.NCells() {
		if on(c) || off(c) {
			out = append(out, c)
		}
	}
	return out
}

// CellNames names every cell, in order.
func (d Design) CellNames() []string {
	names := make([]string, d.NCells())
	for c := range names {
		names[c] = d.CellName(c)
	}
	return names
}

// CellLevels is the point of the factor space cell c stands at.
func (d Design) CellLevels(c int) (scenarios.Levels, error) {
	var lv scenarios.Levels
	for i, s := range d.Switches {
		set := s.LowLevels
		if d.On(c, i) {
			set = s.HighLevels
		}
		for _, fl := range set {
			factor, level, _ := strings.Cut(fl, "=")
			if lv.Of(factor) != "" {
				return lv, fmt.Errorf("claim: two switches of the design set factor %s", factor)
			}
			lv = lv.With(factor, level)
		}
	}
	for _, f := range scenarios.Factors {
		if lv.Of(f.Name) == "" {
			return lv, fmt.Errorf("claim: no switch of the design sets factor %s", f.Name)
		}
	}
	return lv, nil
}

// configure builds the configuration of an arm of the check: a cell of
// the design, or one of the scenario's own regimes.
func (d Design) configure(s *scenarios.Scenario, arm string) (*sim.Config, error) {
	cell, off := strings.CutSuffix(arm, WaitingOffSuffix)
	c := slices.Index(d.CellNames(), cell)
	if off && (!d.WaitingOff || c < 0) {
		c, off = -1, false // a regime of the scenario's own that ends so
	}
	if c < 0 {
		return s.Config(arm)
	}
	lv, err := d.CellLevels(c)
	if err != nil {
		return nil, err
	}
	cfg, err := s.ConfigAt(arm, lv)
	if err != nil || !off {
		return cfg, err
	}
	// The intervention: abuse no longer rises with a migrant's days in
	// one place nor with the queue at a post (docs/MODEL.md, 7.6).
	cfg.Abuse.DesperationEffect, cfg.Abuse.QueueEffect = 0, 0
	return cfg, nil
}

// BuiltinCell names the built-in regime a cell equals, if any: the four
// named regimes are points of the space, and so cells of the design,
// unless the scenario moves one off its point with keys of its own or
// with schedule windows or programmes that name it (Changes).
func (d Design) BuiltinCell(s *scenarios.Scenario, c int) string {
	lv, err := d.CellLevels(c)
	if err != nil {
		return ""
	}
	for _, name := range scenarios.BuiltinRegimes {
		rl, err := s.RegimeLevels(name)
		if ch, _ := Changes(s, name); err == nil && rl == lv && len(ch) == 0 {
			return name
		}
	}
	return ""
}

// Changes lists what the scenario changes in built-in regime name that
// the design's cells, built from the factors' levels, do not see: the
// keys it sets on the regime beyond its point (scenarios.Deviations), and
// the schedule windows and programmes that hold under it because they
// name it (scenarios.ByName). Empty when the regime is the cell at its
// levels.
func Changes(s *scenarios.Scenario, name string) ([]string, error) {
	dev, err := s.Deviations(name)
	if err != nil {
		return nil, err
	}
	by, err := s.ByName(name)
	return append(dev, by...), err
}

// Unreached lists, for each built-in regime the scenario changes, what it
// changes (Changes): the design's cells are built from the factors'
// levels, so such changes do not reach them ("closed: patrol";
// "closed: schedule window 1 of post Post").
func Unreached(s *scenarios.Scenario) []string {
	var out []string
	for _, name := range scenarios.BuiltinRegimes {
		if ch, err := Changes(s, name); err == nil && len(ch) > 0 {
			out = append(out, name+": "+strings.Join(ch, ", "))
		}
	}
	return out
}
