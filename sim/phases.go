package sim

// Phases: dated changes of the regime-wide settings.

import "fmt"

// Phase replaces the settings a regime makes for the whole region —
// the policing of irregular paths, protection and information — on days
// [From, To): a dated change of regime, such as a crackdown that starts
// on a given day. Posts change on the same days through their own
// schedules (PostWindow), which the scenarios package writes for each
// phase. Phases must not overlap; outside every phase the Config's own
// Enforcement, Protection and Information hold.
type Phase struct {
	From, To    int
	Enforcement Enforcement
	Protection  Protection
	Information Information
}

// regimeWide is what a phase replaces.
type regimeWide struct {
	enforcement Enforcement
	protection  Protection
	information Information
}

// stepPhase puts in force, at the start of a day, the regime-wide
// settings of the phase holding today, or the Config's own outside every
// phase. The model works on its own copy of the Config when it has
// phases (New), so the caller's is never changed.
func (m *Model) stepPhase() {
	if m.applyPhase() {
		m.regimeWideChanged()
	}
}

// applyPhase writes today's regime-wide settings into the model's Config
// and reports whether they changed. New calls it before anything is drawn,
// so that two regimes a phase makes one draw alike from day 0: the
// thinned count-downs (chance.go) are drawn from the settings in force.
func (m *Model) applyPhase() bool {
	if m.ownRegime == nil {
		return false
	}
	w := *m.ownRegime
	for i := range m.cfg.Phases {
		if ph := &m.cfg.Phases[i]; ph.From <= m.day && m.day < ph.To {
			w = regimeWide{ph.Enforcement, ph.Protection, ph.Information}
			break
		}
	}
	if w == (regimeWide{m.cfg.Enforcement, m.cfg.Protection, m.cfg.Information}) {
		return false
	}
	m.cfg.Enforcement, m.cfg.Protection, m.cfg.Information = w.enforcement, w.protection, w.information
	return true
}

// usePhases gives the model a copy of cfg whose regime-wide settings it
// may change day by day, and remembers the Config's own.
func (m *Model) usePhases(cfg *Config) {
	if len(cfg.Phases) == 0 {
		return
	}
	own := *cfg
	m.cfg = &own
	m.ownRegime = &regimeWide{cfg.Enforcement, cfg.Protection, cfg.Information}
}

// phases checks that phases are dated, ordered and do not overlap, and
// that their settings are in range.
func (v *configCheck) phases(c *Config) {
	for i := range c.Phases {
		ph := &c.Phases[i]
		at := fmt.Sprintf("Phases[%d]", i)
		if ph.From < 0 || ph.To <= ph.From {
			v.fail("%s: want 0 <= From < To, got From %d, To %d", at, ph.From, ph.To)
		}
		if i > 0 && ph.From < c.Phases[i-1].To {
			v.fail("%s: starts on day %d, before the previous phase ends (day %d): phases must be in order and not overlap", at, ph.From, c.Phases[i-1].To)
		}
		in := &ph.Information
		for _, f := range []struct {
			name string
			v    float64
		}{
			{"Prior", in.Prior}, {"Accuracy", in.Accuracy}, {"ExperienceWeight", in.ExperienceWeight},
			{"QueueWeight", in.QueueWeight}, {"RumourRate", in.RumourRate}, {"RumourWeight", in.RumourWeight},
			{"RumourNoise", in.RumourNoise}, {"NewsRate", in.NewsRate},
		} {
			v.share(at+".Information."+f.name, f.v)
		}
		v.share(at+".Enforcement.Patrol", ph.Enforcement.Patrol)
		v.multiplier(at+".Enforcement.IrregularHazard", ph.Enforcement.IrregularHazard)
		v.multiplier(at+".Enforcement.AloneHazard", ph.Enforcement.AloneHazard)
		v.multiplier(at+".Enforcement.PushbackViolence", ph.Enforcement.PushbackViolence)
		v.atLeast(at+".Protection.AssistAfterDays", float64(ph.Protection.AssistAfterDays), 0)
		v.multiplier(at+".Protection.CentreAbuse", ph.Protection.CentreAbuse)
		v.share(at+".Protection.CentreDetention", ph.Protection.CentreDetention)
		v.share(at+".Protection.Rescue", ph.Protection.Rescue)
	}
	if len(c.Phases) > 0 && c.Rules == RulesFlee {
		v.fail("Phases: not read by the Flee rule set, which has no regime-wide settings; use closures")
	}
}
