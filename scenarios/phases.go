package scenarios

// Dated changes of regime ([[phases]]), flow monitoring points
// ([[monitors]]) and the calendar (start, people_per_agent): what a
// scenario laid on real dates and real counts needs.

import (
	"fmt"
	"slices"
	"time"

	"github.com/borderwork/borderwork/sim"
)

// PhaseSpec is a [[phases]] entry: on days [from, to) every regime of
// the scenario stands at one point of the factor space, the levels named,
// whatever its own levels and keys; outside every phase each regime is
// itself. A phase that ends on the day a change took effect (to = the
// day of a crackdown) makes every regime the same point before it, so
// that the regimes differ only from that day: the change of levels is
// the event, and each regime a version of what came after.
type PhaseSpec struct {
	From        int     `toml:"from"`
	To          *int    `toml:"to"` // absent: to the end of the run
	Description string  `toml:"description"`
	Levels      *Levels `toml:"levels"` // required: a level of every factor
}

// MonitorSpec is a [[monitors]] entry: a flow monitoring point at a
// location, which counts the migrants arriving there, as outgoing when
// they come from one of outgoing_from and as incoming when they come from
// one of incoming_from, along any link that joins the two. Monitors are
// observers: the engine counts movements only when asked
// (sim.Config.RecordFlows), and nothing a migrant does depends on them.
type MonitorSpec struct {
	Name         string   `toml:"name"`
	Location     string   `toml:"location"`
	OutgoingFrom []string `toml:"outgoing_from"`
	IncomingFrom []string `toml:"incoming_from"`
}

// Monitor is a flow monitoring point resolved to the engine's indices.
type Monitor struct {
	Name     string
	Location int
	Outgoing []int // links along which an arrival at Location counts as outgoing
	Incoming []int // and as incoming
}

// Count is what the monitor counted on day, from a run's flows
// (sim.Result.Flows, recorded with sim.Config.RecordFlows).
func (mo Monitor) Count(links []sim.Link, flows []sim.LinkFlow, day int) (outgoing, incoming int) {
	today := flows[day*len(links) : (day+1)*len(links)]
	for _, l := range mo.Outgoing {
		outgoing += today[l].Arrived(links[l], mo.Location)
	}
	for _, l := range mo.Incoming {
		incoming += today[l].Arrived(links[l], mo.Location)
	}
	return outgoing, incoming
}

// Monitors resolves the scenario's flow monitoring points. Call Validate
// first: names must resolve. Indices are those of the Config the
// scenario builds.
func (s *Scenario) Monitors() []Monitor {
	f := s.File
	index := indexOf(locationNames(f))
	var out []Monitor
	for _, ms := range f.Monitors {
		at := index[ms.Location]
		mo := Monitor{Name: ms.Name, Location: at}
		for i, l := range f.Links {
			from, to := index[l.From], index[l.To]
			other := -1
			switch at {
			case to:
				other = from
			case from:
				other = to
			default:
				continue
			}
			name := f.Locations[other].Name
			if slices.Contains(ms.OutgoingFrom, name) {
				mo.Outgoing = append(mo.Outgoing, i)
			}
			if slices.Contains(ms.IncomingFrom, name) {
				mo.Incoming = append(mo.Incoming, i)
			}
		}
		out = append(out, mo)
	}
	return out
}

func locationNames(f *File) []string {
	names := make([]string, len(f.Locations))
	for i, l := range f.Locations {
		names[i] = l.Name
	}
	return names
}

// Start is the calendar date of day 0, if the scenario gives one.
func (s *Scenario) Start() (time.Time, bool) {
	if s.File.Start == "" {
		return time.Time{}, false
	}
	d, err := time.Parse(time.DateOnly, s.File.Start)
	return d, err == nil
}

// PeoplePerAgent is how many people one simulated migrant stands for (1
// unless people_per_agent says otherwise).
func (s *Scenario) PeoplePerAgent() float64 {
	if s.File.PeoplePerAgent == nil {
		return 1
	}
	return *s.File.PeoplePerAgent
}

// phaseEnd is the first day after phase p.
func phaseEnd(p PhaseSpec) int {
	if p.To == nil {
		return sim.MaxDays
	}
	return *p.To
}

// compilePhases writes the scenario's phases into cfg, the configuration
// of regime: for each phase, the regime-wide settings of the phase's
// point (sim.Phase), and for each post a schedule window holding the
// post's policy at that point over the phase's days, followed by the
// post's own windows that apply at that point, cut to those days. Later
// windows win, so within a phase the phase's point replaces the regime.
func (s *Scenario) compilePhases(cfg *sim.Config) {
	if len(s.File.Phases) == 0 {
		return
	}
	without := *s
	file := *s.File
	file.Phases = nil
	file.Programmes = nil // programmes act once, on the schedules phases leave (config)
	without.File = &file
	levels := s.factorLevels()
	for _, p := range s.File.Phases {
		lv := *p.Levels
		spec, err := levelSpec(lv, levels)
		if err != nil {
			continue // Validate reports it
		}
		// No name: windows that name regimes do not apply inside a
		// phase, where every regime is the same point; windows that name
		// levels do.
		pc := without.config("", spec, lv, allProgrammes)
		from, to := p.From, phaseEnd(p)
		cfg.Phases = append(cfg.Phases, sim.Phase{From: from, To: to, Enforcement: pc.Enforcement, Protection: pc.Protection, Information: pc.Information})
		for i := range cfg.Posts {
			own := &pc.Posts[i]
			if from == 0 {
				// The engine gives the migrants created on day 0 their
				// beliefs before it looks at schedules, from a post's own
				// policy; so a phase from day 0 becomes the post's own
				// policy, and the regime's a window from the phase's end
				// (if it has one), which the regime's later windows still
				// override.
				post := &cfg.Posts[i]
				if to < sim.MaxDays {
					post.Schedule = append([]sim.PostWindow{{From: to, To: sim.MaxDays, Policy: post.Policy}}, post.Schedule...)
				}
				post.Policy = own.Policy
			}
			cfg.Posts[i].Schedule = append(cfg.Posts[i].Schedule, sim.PostWindow{From: from, To: to, Policy: own.Policy})
			for _, w := range own.Schedule {
				if a, b := max(w.From, from), min(w.To, to); a < b {
					cfg.Posts[i].Schedule = append(cfg.Posts[i].Schedule, sim.PostWindow{From: a, To: b, Policy: w.Policy})
				}
			}
		}
	}
}

// validatePhases checks [[phases]], [[monitors]] and start.
func (v *validator) validatePhases() {
	f := v.s.File
	if f.Start != "" {
		if _, err := time.Parse(time.DateOnly, f.Start); err != nil {
			v.add("start", "want a date YYYY-MM-DD, got %q", f.Start)
		}
	}
	levels := v.s.factorLevels()
	for i, p := range f.Phases {
		at := fmt.Sprintf("phases.%d", i)
		if f.Rules == "flee" {
			v.add(at, "phases change borderwork's regimes; the Flee rule set has closures instead")
			continue
		}
		if p.To != nil && *p.To <= p.From {
			v.add(at+".to", "must come after from (%d), got %d", p.From, *p.To)
		}
		if i > 0 && p.From < phaseEnd(f.Phases[i-1]) {
			v.add(at+".from", "starts on day %d, before the previous phase ends (day %d): phases must be in order and not overlap", p.From, phaseEnd(f.Phases[i-1]))
		}
		if p.Levels == nil {
			v.add(at, "give levels, a level of every factor: the point every regime stands at in this phase")
			continue
		}
		for _, fa := range Factors {
			name := p.Levels.Of(fa.Name)
			switch {
			case name == "":
				v.add(at+".levels", "name a level of %s: in a phase every regime stands at one point of the factor space", fa.Name)
			case levels.find(fa.Name, name) == nil:
				v.add(at+".levels."+fa.Name, "factor %s has no level %q (levels: %s)", fa.Name, name, joinNames(levels.names(fa.Name)))
			}
		}
	}
	kinds := map[string]bool{}
	for _, l := range f.Locations {
		kinds[l.Name] = true
	}
	names := map[string]bool{}
	for i, ms := range f.Monitors {
		at := fmt.Sprintf("monitors.%d", i)
		if !v.badName(at+".name", ms.Name, "the point's name, as the observed data name it") && names[ms.Name] {
			v.add(at+".name", "duplicate monitor name %q", ms.Name)
		}
		names[ms.Name] = true
		if !kinds[ms.Location] {
			v.add(at+".location", "unknown location %q%s", ms.Location, locationHint(ms.Location, f.Locations))
			continue
		}
		if len(ms.OutgoingFrom) == 0 && len(ms.IncomingFrom) == 0 {
			v.add(at, "give outgoing_from or incoming_from: the neighbours whose arrivals the point counts")
		}
		for _, side := range []struct {
			key   string
			names []string
		}{{"outgoing_from", ms.OutgoingFrom}, {"incoming_from", ms.IncomingFrom}} {
			for j, n := range side.names {
				key := fmt.Sprintf("%s.%s.%d", at, side.key, j)
				switch {
				case !linked(f, ms.Location, n):
					v.add(key, "%q is not joined to %q by any link", n, ms.Location)
				case side.key == "incoming_from" && slices.Contains(ms.OutgoingFrom, n):
					v.add(key, "%q is also in outgoing_from: an arrival from it cannot be both", n)
				case slices.Index(side.names, n) < j:
					v.add(key, "%q is listed twice", n)
				}
			}
		}
	}
}

// linked reports whether some link joins locations a and b.
func linked(f *File, a, b string) bool {
	for _, l := range f.Links {
		if (l.From == a && l.To == b) || (l.From == b && l.To == a) {
			return true
		}
	}
	return false
}
