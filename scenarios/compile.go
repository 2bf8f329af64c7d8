package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"slices"

	"github.com/borderwork/borderwork/sim"
)

// Config builds the engine's configuration of one regime. Call Validate
// first: Config assumes names resolve and values are in range.
func (s *Scenario) Config(regime string) (*sim.Config, error) {
	if !s.hasRegime(regime) {
		return nil, Errors{{File: s.display, Key: "--regimes", Msg: fmt.Sprintf("unknown regime %q (regimes: %s)", regime, joinNames(s.RegimeNames()))}}
	}
	spec, lv, err := resolveRegime(regime, builtinRegimes(), s.File.Regimes, s.factorLevels())
	if err != nil {
		return nil, s.regimeError(regime, err)
	}
	return s.config(regime, spec, lv, allProgrammes), nil
}

// ConfigAt builds the configuration of the point of the factor space at
// levels lv, which must name a level of every factor: a regime that no
// file defines, as the claim check's design needs. name is what schedules
// listing regimes by name see.
func (s *Scenario) ConfigAt(name string, lv Levels) (*sim.Config, error) {
	for _, f := range Factors {
		if lv.Of(f.Name) == "" {
			return nil, fmt.Errorf("scenarios: the point %s names no level of %s", lv, f.Name)
		}
	}
	spec, err := levelSpec(lv, s.factorLevels())
	if err != nil {
		return nil, Errors{{File: s.display, Key: "factors", Msg: err.Error()}}
	}
	return s.config(name, spec, lv, allProgrammes), nil
}

// RegimeLevels is the levels regime stands at (a factor its chain leaves
// unset has "").
func (s *Scenario) RegimeLevels(regime string) (Levels, error) {
	_, lv, err := resolveRegime(regime, builtinRegimes(), s.File.Regimes, s.factorLevels())
	return lv, err
}

// config builds the engine's configuration with a resolved regime, its
// programmes switched as sw says.
func (s *Scenario) config(regime string, spec *RegimeSpec, lv Levels, sw ProgrammeSwitch) *sim.Config {
	f := s.File
	cfg := sim.Defaults()
	cfg.Days = f.Days
	cfg.Migrants = f.Migrants
	cfg.Smuggling = f.Smuggling
	cfg.Abuse = f.Abuse
	cfg.Harm = f.Harm
	cfg.Information.Prior = f.Information.Prior
	cfg.Information.ExperienceWeight = f.Information.ExperienceWeight
	cfg.Information.QueueWeight = f.Information.QueueWeight
	cfg.Information.RumourRate = f.Information.RumourRate
	cfg.Information.RumourWeight = f.Information.RumourWeight
	regimePolicy := sim.DefaultPostPolicy()
	spec.apply(&regimePolicy, &cfg)

	country := indexOf(f.Countries)
	loc := map[string]int{}
	for i, l := range f.Locations {
		loc[l.Name] = i
		kind, _ := sim.ParseLocationKind(l.Kind)
		cfg.Region.Locations = append(cfg.Region.Locations, sim.Location{Name: l.Name, Kind: kind, Country: country[l.Country]})
	}
	cfg.Region.Countries = slices.Clone(f.Countries)
	for _, l := range f.Links {
		kind := sim.Road
		if l.Kind == "irregular" {
			kind = sim.Irregular
		}
		days := 0.0
		switch {
		case f.Rules == "flee":
			days = 1 // the Flee rule set reads LengthKm
		case l.Days != nil:
			days = *l.Days
		default:
			days = *l.DistanceKm / *l.SpeedKmPerDay
		}
		cfg.Region.Links = append(cfg.Region.Links, sim.Link{
			From: loc[l.From], To: loc[l.To], Kind: kind,
			Days: max(1, int(math.Ceil(days))), Hazard: l.Hazard, Alone: l.Alone,
		})
	}
	for _, o := range f.Origins {
		so := sim.Origin{
			Location: loc[o.Location], Initial: o.Initial,
			MoneyMean: *o.MoneyMean, MoneyCV: *o.MoneyCV,
			Documented: *o.Documented, Minor: *o.Minor, Sick: *o.Sick, Trafficked: *o.Trafficked,
			WillSmuggle: *o.WillSmuggle, WillTurnBack: *o.WillTurnBack,
		}
		if o.Inflow != nil {
			so.Inflow = []sim.InflowStep{{From: 0, Rate: *o.Inflow}}
		}
		for _, st := range o.InflowSchedule {
			so.Inflow = append(so.Inflow, sim.InflowStep{From: st.From, Rate: st.Rate})
		}
		for i, d := range o.Destinations {
			so.Destinations = append(so.Destinations, loc[d])
			w := 1.0
			if len(o.DestinationWeights) > 0 {
				w = o.DestinationWeights[i]
			}
			so.Weights = append(so.Weights, w)
		}
		cfg.Origins = append(cfg.Origins, so)
	}
	for _, p := range f.Posts {
		pol := regimePolicy
		overlay(reflect.ValueOf(&pol).Elem(), reflect.ValueOf(&p.PolicySpec).Elem())
		post := sim.Post{Name: p.Name, Location: loc[p.Location], Capacity: *p.Capacity, Policy: pol}
		for _, w := range p.Schedule {
			if !w.appliesTo(regime, lv) {
				continue
			}
			wp := pol
			overlay(reflect.ValueOf(&wp).Elem(), reflect.ValueOf(&w.PolicySpec).Elem())
			to := sim.MaxDays
			if w.To != nil {
				to = *w.To
			}
			post.Schedule = append(post.Schedule, sim.PostWindow{From: w.From, To: to, Policy: wp})
		}
		cfg.Posts = append(cfg.Posts, post)
	}
	for _, m := range f.Markets {
		cfg.Markets = append(cfg.Markets, sim.Market{
			Location: loc[m.Location], Link: irregularLink(f, m.Location, m.To),
			Smugglers: m.Smugglers, MaxSmugglers: *m.MaxSmugglers,
		})
	}
	for _, c := range f.Centres {
		cfg.Centres = append(cfg.Centres, sim.Centre{
			Location: loc[c.Location], Capacity: *c.Capacity,
			Shelter: *c.Shelter, Medical: *c.Medical,
			ReturnOfferDays: *c.ReturnOfferDays, ReturnUptake: *c.ReturnUptake, Evacuation: *c.Evacuation, Reach: *c.Reach,
		})
	}
	s.compileFlee(&cfg, loc) // flee.go
	s.compilePhases(&cfg)    // phases.go: before programmes, which act on the schedules a phase leaves
	s.applyProgrammes(&cfg, regime, lv, sw)
	return &cfg
}

// appliesTo reports whether a schedule window holds under regime, at
// levels lv: under the regimes it lists and at the levels it names; with
// neither, always.
func (w *WindowSpec) appliesTo(regime string, lv Levels) bool {
	if len(w.Regimes) == 0 && w.Levels == nil {
		return true
	}
	return slices.Contains(w.Regimes, regime) || (w.Levels != nil && lv.matches(w.Levels))
}

func indexOf(names []string) map[string]int {
	m := make(map[string]int, len(names))
	for i, n := range names {
		m[n] = i
	}
	return m
}

func joinNames(names []string) string {
	out := ""
	for i, n := range names {
		if i > 0 {
			out += ", "
		}
		out += n
	}
	return out
}

// ExpectedMigrants is the mean number of migrants a run creates: those
// present on day 0 plus the mean inflow over the run.
func (s *Scenario) ExpectedMigrants() float64 {
	if s.File.Rules == "flee" {
		return s.fleeExpected() // flee.go
	}
	total := 0.0
	days := s.File.Days
	for _, o := range s.File.Origins {
		total += float64(o.Initial)
		steps := o.InflowSchedule
		if o.Inflow != nil {
			steps = []InflowStepSpec{{From: 0, Rate: *o.Inflow}}
		}
		for i, st := range steps {
			end := days
			if i+1 < len(steps) {
				end = min(steps[i+1].From, days)
			}
			if end > st.From {
				total += float64(st.Rate * float64(end-st.From))
			}
		}
	}
	return total
}

// populationKey is the indexed key that adds most to the expected
// population: an origin's initial, its inflow, or the step of its
// inflow_schedule that brings most migrants ("" if there is no origin).
func (s *Scenario) populationKey() string {
	best, key := -1.0, ""
	days := s.File.Days
	consider := func(n float64, path string) {
		if n > best || (math.IsNaN(best) && !math.IsNaN(n)) {
			best, key = n, path
		}
	}
	for i, o := range s.File.Origins {
		consider(float64(o.Initial), fmt.Sprintf("origins.%d.initial", i))
		if o.Inflow != nil {
			consider(*o.Inflow*float64(days), fmt.Sprintf("origins.%d.inflow", i))
		}
		for j, st := range o.InflowSchedule {
			end := days
			if j+1 < len(o.InflowSchedule) {
				end = min(o.InflowSchedule[j+1].From, days)
			}
			consider(st.Rate*float64(max(end-st.From, 0)), fmt.Sprintf("origins.%d.inflow_schedule.%d.rate", i, j))
		}
	}
	return key
}

// ErrorAt is an error about key, an indexed path such as
// "origins.0.inflow" ("" for the key that adds most migrants to a run),
// placed on its line, or on the override that set it.
func (s *Scenario) ErrorAt(key, msg string) error {
	if key == "" {
		key = s.populationKey()
	}
	v := &validator{s: s}
	v.add(key, "%s", msg)
	return v.errs
}
