package scenarios

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	hint "github.com/borderwork/borderwork/internal/suggest"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/sim"
)

// bound is the range a numeric key must lie in.
type bound struct {
	lo, hi float64
	what   string
}

var (
	probability = bound{0, 1, "a probability in [0, 1]"}
	// dailyRate is a rate per day (its chance is 1 − e^−rate) kept at or
	// below 1, the most any abuse rate plausibly reaches.
	dailyRate   = bound{0, 1, "a number in [0, 1]"}
	share       = bound{0, 1, "a share in [0, 1]"}
	nonNegative = bound{0, math.MaxFloat64, "zero or more"}
	positive    = bound{math.SmallestNonzeroFloat64, math.MaxFloat64, "more than zero"}
	atLeastOne  = bound{1, math.MaxFloat64, "at least 1"}
	dayCount    = bound{0, sim.MaxDays, fmt.Sprintf("a number of days in [0, %d]", sim.MaxDays)}
	// startDay is the first day of something: a day of the longest run
	// (days 0 to MaxDays − 1); from MaxDays on, it would never start.
	startDay   = bound{0, sim.MaxDays - 1, fmt.Sprintf("a day in [0, %d]", sim.MaxDays-1)}
	dayCount1  = bound{1, sim.MaxDays, fmt.Sprintf("a number of days in [1, %d]", sim.MaxDays)}
	multiplier = bound{0, sim.MaxMultiplier, fmt.Sprintf("a number in [0, %g]", float64(sim.MaxMultiplier))}
	// A harm weight is bounded so that the harm index stays finite
	// (sim.MaxHarmWeight): 1e308 made it +Inf in the tables.
	harmWeight = bound{0, sim.MaxHarmWeight, fmt.Sprintf("a weight in [0, %g]", float64(sim.MaxHarmWeight))}
	// Amounts of money in USD, and coefficients of variation, as the
	// engine bounds them (sim.MaxMoney, sim.MaxCV). A price is more than
	// zero: it moves by a factor a day, and from 0 it never would.
	usd         = bound{0, sim.MaxMoney, fmt.Sprintf("an amount in [0, %.0f] USD", float64(sim.MaxMoney))}
	usdPositive = bound{math.SmallestNonzeroFloat64, sim.MaxMoney, fmt.Sprintf("more than zero and at most %.0f USD", float64(sim.MaxMoney))}
	spread      = bound{0, sim.MaxCV, fmt.Sprintf("a coefficient of variation in [0, %.0f]", float64(sim.MaxCV))}
	// Equipment's mean life, in years: it wears out by 1/(lifetime·365)
	// of what is left each day, which is a share only from a day up; a
	// shorter life made the stock change sign from day to day.
	lifetime = bound{1.0 / 365, math.MaxFloat64, "at least a day (1/365 of a year, 0.00274)"}
	// A programme's budget in USD: a trillion is beyond any programme
	// (the EU/IOM one of mauritania is 8 million euros), and what is
	// larger prints as a figure of hundreds of digits.
	budget = bound{0, 1e12, "a number in [0, 1000000000000]"}
)

// rules gives the range of every numeric key, by key or, where a key means
// different things in different tables, by "Table.key". A test checks that
// every numeric key of File has one.
var rules = map[string]bound{
	"File.seed": {0, math.MaxInt64, "a seed in [0, 9223372036854775807]"},
	"File.days": dayCount1, "File.replicates": {1, 1e6, "a count in [1, 1000000]"},
	"File.people_per_agent": {1, 1e9, "a number in [1, 1000000000]"},
	"PhaseSpec.from":        startDay, "PhaseSpec.to": dayCount,

	"LinkSpec.days": {math.SmallestNonzeroFloat64, sim.MaxDays, fmt.Sprintf("more than zero and at most %d", sim.MaxDays)}, "distance_km": positive, "speed_km_per_day": positive, "hazard": probability,

	"initial": {0, 1e9, "a count in [0, 1000000000]"}, "inflow": nonNegative, "rate": nonNegative, "InflowStepSpec.from": startDay,
	"money_mean": usd, "money_cv": spread,
	"documented": share, "minor": share, "sick": share, "trafficked": share,
	"will_smuggle": share, "will_turn_back": share, "destination_weights": nonNegative,

	// A post's capacity is a number, but the engine counts each day's
	// crossings in an int: above 2^63 the count wraps to a negative one
	// and the post lets no one through. 1e9 a day is beyond any border.
	"PostSpec.capacity": {0, 1e9, "a number in [0, 1000000000]"}, "WindowSpec.from": startDay, "WindowSpec.to": dayCount,
	"capacity_factor": multiplier, "capacity_cv": spread, "outage_start": probability, "outage_days": atLeastOne,
	"failing_capacity": share, "refusal": probability, "oversight": share, "document_check": share,
	"screening": probability, "asylum_share": share,

	"smugglers": {0, 1e6, "a count in [0, 1000000]"}, "max_smugglers": {1, 1e6, "a count in [1, 1000000]"},

	"CentreSpec.capacity": {0, 1e9, "a count in [0, 1000000000]"}, "shelter": share, "medical": share, "evacuation": probability,
	"return_offer_days": dayCount, "return_uptake": probability, "reach": dayCount,

	"trapped_after_days": dayCount1, "patience_days": dayCount, "belief_threshold": probability,
	"give_up_days": dayCount, "seek_help_days": dayCount, "alone_after_days": dayCount,
	"market_reach_days": dayCount, "desperation_days": dayCount1, "earn_per_day": usd,
	"return_cost": usd, "sick_mortality": probability,

	"prior": probability, "experience_weight": share, "queue_weight": share, "rumour_rate": probability, "rumour_weight": share,

	"seats": {1, 1e6, "a count in [1, 1000000]"}, "price": usdPositive, "price_min": usdPositive, "price_max": usdPositive,
	"price_response": multiplier, "entry_rate": probability, "exit_after_days": dayCount,
	"propensity": multiplier, "propensity_spread": share,

	"desperation_effect": multiplier, "market_power_effect": multiplier, "vulnerable_factor": multiplier,
	"smuggler_extortion": dailyRate, "smuggler_violence": dailyRate, "smuggler_kidnap": dailyRate,
	"trip_extortion": probability, "trip_violence": probability, "trip_abandonment": probability,
	"extorted": usd, "ransom": usd, "kidnap_days": dayCount, "abandoned_hazard": multiplier,
	"official_extortion": multiplier, "official_violence": multiplier, "bribe": usd,
	"queue_effect": multiplier, "papers_effect": multiplier,

	"HarmWeights.death": harmWeight, "HarmWeights.kidnap": harmWeight, "HarmWeights.violence": harmWeight,
	"HarmWeights.abandonment": harmWeight, "HarmWeights.extortion": harmWeight, "HarmWeights.trapped_day": harmWeight,
	"HarmWeights.stranded_day": harmWeight, "HarmWeights.centre_day": harmWeight, "HarmWeights.assisted_return": harmWeight,

	"ProgrammeSpec.start": dayCount, "ProgrammeSpec.end": dayCount, "budget": budget, "staff": positive, "turnover": share,
	"share": share, "cost_per_trainee": positive, "trainers": share, "trainer_reach": nonNegative,
	"TrainingSpec.reliability": share, "TrainingSpec.integrity": share,
	"cost_per_post": positive, "lifetime": lifetime, "EquipmentSpec.document_check": share, "EquipmentSpec.capacity": nonNegative,
	"build_days": dayCount1, "ConstructionSpec.capacity": nonNegative,

	"patrol": probability, "irregular_hazard": multiplier, "alone_hazard": multiplier, "pushback_violence": multiplier,
	"assist_after_days": dayCount, "rescue": share, "centre_abuse": multiplier, "centre_detention": probability,
	"accuracy": share, "rumour_noise": share, "news_rate": share,

	"LocationSpec.lat":        {-90, 90, "a latitude in decimal degrees, in [-90, 90]"},
	"LocationSpec.lon":        {-180, 180, "a longitude in decimal degrees, in [-180, 180]"},
	"LocationSpec.population": {0, 1e10, "a count in [0, 10000000000]"},
	"LocationSpec.capacity":   {0, 1e9, "a count in [0, 1000000000]"},
	"LocationSpec.initial":    {0, 1e9, "a count in [0, 1000000000]"},
	"ConflictStepSpec.from":   startDay, "intensity": nonNegative,
	"ClosureSpec.from": startDay, "ClosureSpec.to": dayCount,

	"max_move_speed": positive, "max_walk_speed": positive,
	"default_movechance": probability, "conflict_movechance": probability, "camp_movechance": probability,
	"camp_weight": nonNegative, "conflict_weight": nonNegative, "foreign_weight": nonNegative,
	"softening": nonNegative, "distance_power": nonNegative, "weight_power": nonNegative, "weight_softening": nonNegative,
	"awareness_level": {0, 3, "a lookahead in [0, 3] hops"}, "pruning_threshold": nonNegative,
	"capacity_scaling": nonNegative, "capacity_buffer": share,
	"conflict_spawn_decay": nonNegative, "conflict_spawn_decay_interval": dayCount1,
	"spawn": {-1e9, 1e9, "a count in [-1000000000, 1000000000]"},
}

func ruleFor(table, key string) (bound, bool) {
	if b, ok := rules[table+"."+key]; ok {
		return b, true
	}
	b, ok := rules[key]
	return b, ok
}

// Validate checks everything the decoder cannot: ranges, names that must
// refer to something, and whether the region makes sense. It returns
// Errors, every problem found, in the order of the file.
func (s *Scenario) Validate() error {
	v := &validator{s: s}
	v.ranges(reflect.ValueOf(s.File).Elem(), "")
	v.structure()
	if len(v.errs) == 0 {
		v.programmeFactors()
		v.deadEnds()
	}
	slices.SortStableFunc(v.errs, func(a, b *Error) int { return a.Line - b.Line })
	// A problem placed on a line of the file that only the overrides
	// made (a location --set into a destination leaves a centre there)
	// names no override: say which, if the file is valid without them.
	if len(v.errs) > 0 && len(s.sets) > 0 && slices.ContainsFunc(v.errs, func(e *Error) bool { return e.File == s.display }) && s.validAlone() {
		without := "--set " + strings.Join(s.sets, ", --set ")
		for _, e := range v.errs {
			if e.File == s.display {
				e.Msg += "; the file is valid without " + without
			}
		}
	}
	return v.errs.err()
}

// validAlone reports whether the file s was read from is valid without
// the overrides set on s since: with its seed, days and replicates as s
// has them now, which flags (--days) change besides overrides, so that a
// problem of theirs is not put down to an override.
func (s *Scenario) validAlone() bool {
	alone, err := Parse(s.Raw, s.display, s.Source, s.dir)
	if err != nil {
		return false
	}
	alone.File.Seed, alone.File.Days, alone.File.Replicates = s.File.Seed, s.File.Days, s.File.Replicates
	return alone.Validate() == nil
}

type validator struct {
	s    *Scenario
	errs Errors
	bad  map[string]bool // the indexed key paths of the problems found
}

// add records a problem at an indexed key path.
func (v *validator) add(path, format string, args ...any) {
	s := v.s
	e := &Error{File: s.display, Key: s.displayKey(path), Msg: fmt.Sprintf(format, args...)}
	if by, ok := s.setBy(path); ok {
		e.File = by
	} else if by, ok := s.createdBy(path); ok {
		e.File = by
	} else {
		e.Line = s.lines.lineOf(path)
	}
	v.errs = append(v.errs, e)
	if v.bad == nil {
		v.bad = map[string]bool{}
	}
	v.bad[path] = true
}

// populationInvalid reports whether a problem was already found with one
// of the keys that make up the expected number of migrants (an origin's
// initial, inflow, or a rate of its inflow_schedule): a total made of a
// NaN or a negative rate says nothing more, and would be pinned on
// another key (populationKey passes over a NaN).
func (v *validator) populationInvalid() bool {
	for path := range v.bad {
		if strings.HasPrefix(path, "origins.") && (strings.HasSuffix(path, ".initial") || strings.HasSuffix(path, ".inflow") || strings.HasSuffix(path, ".rate")) {
			return true
		}
	}
	return false
}

// ranges walks the file and checks every number against its rule.
func (v *validator) ranges(val reflect.Value, path string) {
	t := val.Type()
	table := t.Name()
	for i := range t.NumField() {
		sf := t.Field(i)
		f := val.Field(i)
		if sf.Anonymous {
			v.rangesIn(table, f, path)
			continue
		}
		key := tomlKey(sf)
		if key == "" {
			continue
		}
		v.check(table, key, f, join(path, key))
	}
}

func (v *validator) rangesIn(table string, val reflect.Value, path string) {
	t := val.Type()
	for i := range t.NumField() {
		if key := tomlKey(t.Field(i)); key != "" {
			v.check(table, key, val.Field(i), join(path, key))
		}
	}
}

func (v *validator) check(table, key string, f reflect.Value, path string) {
	switch f.Kind() {
	case reflect.Pointer:
		if !f.IsNil() {
			v.check(table, key, f.Elem(), path)
		}
	case reflect.Struct:
		v.ranges(f, path)
	case reflect.Slice:
		for j := range f.Len() {
			v.check(table, key, f.Index(j), path+"."+strconv.Itoa(j))
		}
	case reflect.Map:
		keys := f.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		for _, k := range keys {
			v.check(table, key, f.MapIndex(k), path+"."+k.String())
		}
	case reflect.Int, reflect.Int64, reflect.Float64:
		x := 0.0
		if f.Kind() == reflect.Float64 {
			x = f.Float()
		} else {
			x = float64(f.Int())
		}
		b, ok := ruleFor(table, key)
		if !ok {
			panic("scenarios: no range rule for " + table + "." + key) // caught by TestEveryNumberHasARule
		}
		if !(x >= b.lo && x <= b.hi) {
			msg := fmt.Sprintf("must be %s, got %v", b.what, formatNumber(f))
			if (b == share || b == probability) && x > 1 && x <= 100 {
				// documented = 30, meaning 30%: say what to write.
				msg += fmt.Sprintf(", a percentage? For %v%% write %s", formatNumber(f), strconv.FormatFloat(math.Round(x*1e10)/1e12, 'g', -1, 64))
			}
			v.add(path, "%s", msg)
		}
	}
}

func formatNumber(f reflect.Value) string {
	if f.Kind() == reflect.Float64 {
		return strconv.FormatFloat(f.Float(), 'g', -1, 64)
	}
	return strconv.FormatInt(f.Int(), 10)
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// structure checks names, references and the shape of the region.
func (v *validator) structure() {
	f := v.s.File
	if msg := words.BlankName(f.Name); msg != "" {
		v.add("name", "%s", msg)
	}
	v.plain("name", f.Name)
	if len(f.Countries) == 0 {
		v.add("countries", "list at least one country")
	}
	countries := map[string]bool{}
	for i, c := range f.Countries {
		if msg := words.BlankName(c); msg != "" {
			v.add(fmt.Sprintf("countries.%d", i), "%s", msg)
		} else if countries[c] {
			v.add(fmt.Sprintf("countries.%d", i), "duplicate country name %q", c)
		}
		v.plain(fmt.Sprintf("countries.%d", i), c)
		countries[c] = true
	}
	kinds := map[string]sim.LocationKind{}
	badKind := map[string]bool{} // reported once, at the location, not at every reference
	for i, l := range f.Locations {
		p := fmt.Sprintf("locations.%d", i)
		if _, dup := kinds[l.Name]; !v.badName(p+".name", l.Name, "the location's name, by which links, origins and posts refer to it") && dup {
			v.add(p+".name", "duplicate location name %q", l.Name)
		}
		v.plain(p+".name", l.Name)
		k, ok := sim.ParseLocationKind(l.Kind)
		switch {
		case !ok && v.missing(p+".kind", l.Kind):
			v.add(p+".kind", "give kind, one of %s", strings.Join(sim.LocationKindNames(), ", "))
			badKind[l.Name] = true
		case !ok:
			v.add(p+".kind", "must be one of %s; got %q%s", strings.Join(sim.LocationKindNames(), ", "), l.Kind, kindHint(l.Kind))
			badKind[l.Name] = true
		}
		kinds[l.Name] = k
		if (l.Lat == nil) != (l.Lon == nil) {
			missing := "lon"
			if l.Lat == nil {
				missing = "lat"
			}
			v.add(p+"."+missing, "give both lat and lon, or neither")
		}
		switch {
		case countries[l.Country]:
		case v.missing(p+".country", l.Country):
			v.add(p+".country", "give country, the country the location lies in (countries: %s)", strings.Join(f.Countries, ", "))
		default:
			v.add(p+".country", "unknown country %q (countries: %s)", l.Country, strings.Join(f.Countries, ", "))
		}
	}
	if len(f.Locations) == 0 {
		v.add("locations", "list at least one location")
	}
	loc := func(path, name string, want ...sim.LocationKind) bool {
		k, ok := kinds[name]
		if !ok && v.missing(path, name) {
			v.add(path, "give %s, the name of a location", path[strings.LastIndexByte(path, '.')+1:])
			return false
		}
		if !ok {
			v.add(path, "unknown location %q%s", name, locationHint(name, f.Locations))
			return false
		}
		if len(want) > 0 && badKind[name] {
			return false
		}
		if len(want) > 0 && !slices.Contains(want, k) {
			var names []string
			for _, w := range want {
				names = append(names, w.String())
			}
			v.add(path, "%q is %s; want %s", name, article(k.String()), article(strings.Join(names, " or ")))
			return false
		}
		return true
	}
	for i, l := range f.Links {
		p := fmt.Sprintf("links.%d", i)
		loc(p+".from", l.From)
		loc(p+".to", l.To)
		if l.From == l.To {
			v.add(p+".to", "a link must join two different locations")
		}
		if l.Kind != "road" && l.Kind != "irregular" {
			v.add(p+".kind", "must be road or irregular, got %q%s", l.Kind, hint.Hint(l.Kind, []string{"road", "irregular"}))
		}
		switch {
		case f.Rules == "flee":
			v.fleeLink(p, &l) // flee.go
		case l.Days != nil && (l.DistanceKm != nil || l.SpeedKmPerDay != nil):
			v.add(p+".days", "give days, or distance_km and speed_km_per_day, not both")
		case l.Days == nil && (l.DistanceKm == nil || l.SpeedKmPerDay == nil):
			v.add(p, "give days, or distance_km and speed_km_per_day")
		case l.Days == nil && math.Ceil(*l.DistanceKm / *l.SpeedKmPerDay) > sim.MaxDays:
			v.add(p+".distance_km", "distance_km / speed_km_per_day is %g days; a link takes at most %d", *l.DistanceKm / *l.SpeedKmPerDay, sim.MaxDays)
		}
		if l.Alone && l.Kind != "irregular" {
			v.add(p+".alone", "only irregular links can be walked alone")
		}
	}
	if f.Rules != "flee" {
		// A post, hub or centre no link reaches does nothing, without a
		// word: no migrant can get there. (An origin or a destination
		// without links is reported as a destination none can reach; Flee
		// cases hold camps on no route, which Flee runs.)
		linked := map[string]bool{}
		for _, l := range f.Links {
			linked[l.From], linked[l.To] = true, true
		}
		for i, l := range f.Locations {
			if k := kinds[l.Name]; !linked[l.Name] && !badKind[l.Name] && words.BlankName(l.Name) == "" && (k == sim.KindBorder || k == sim.KindHub || k == sim.KindCentre) {
				v.add(fmt.Sprintf("locations.%d.name", i), "no link joins %s %q to another location, so no migrant can reach it; add a [[links]] entry from or to it", k, l.Name)
			}
		}
	}
	switch f.Rules {
	case "flee":
		v.flee(kinds, loc) // flee.go
	case "", "borderwork":
		v.origins(kinds, loc)
	}
	v.fleeOnly()
	if n := v.s.ExpectedMigrants(); !(n <= sim.MaxMigrants) && !v.populationInvalid() {
		v.add(v.s.populationKey(), "a run would create about %s migrants; the engine holds at most %s", formatCount(n), formatCount(sim.MaxMigrants))
	}
	v.posts(kinds, loc)
	for i, m := range f.Markets {
		p := fmt.Sprintf("markets.%d", i)
		if loc(p+".location", m.Location) && loc(p+".to", m.To) && irregularLink(f, m.Location, m.To) < 0 {
			v.add(p+".to", "no irregular link joins %q and %q", m.Location, m.To)
		}
		switch {
		case m.MaxSmugglers == nil:
			v.add(p, "give max_smugglers, the most smugglers the market can hold")
		case *m.MaxSmugglers < max(1, m.Smugglers):
			v.add(p+".max_smugglers", "must be at least 1 and at least smugglers (%d), got %d", m.Smugglers, *m.MaxSmugglers)
		}
	}
	hosted := map[string]bool{}
	for i, c := range f.Centres {
		p := fmt.Sprintf("centres.%d", i)
		if loc(p+".location", c.Location, sim.KindCentre, sim.KindHub) && hosted[c.Location] {
			v.add(p+".location", "%q already has a centre", c.Location)
		}
		if c.Capacity == nil {
			v.add(p, "give capacity, the number of migrants the centre shelters at once")
		}
		if c.Evacuation != nil && c.ReturnUptake != nil && *c.Evacuation+*c.ReturnUptake > 1 {
			v.add(p+".evacuation", "evacuation + return_uptake must not exceed 1, got %g", *c.Evacuation+*c.ReturnUptake)
		}
		hosted[c.Location] = true
	}
	for i, l := range f.Locations {
		if kinds[l.Name] == sim.KindCentre && !hosted[l.Name] {
			v.add(fmt.Sprintf("locations.%d.kind", i), "centre %q has no [[centres]] entry", l.Name)
		}
	}
	sm := &f.Smuggling
	if !(sm.PriceMin <= sm.Price && sm.Price <= sm.PriceMax) {
		v.add("smuggling.price", "must lie between price_min (%g) and price_max (%g), got %g", sm.PriceMin, sm.PriceMax, sm.Price)
	}
	v.regimes()
	v.programmes()
	v.validatePhases() // phases.go
}

// missing reports whether a text key is left out of the file (value
// "", no line of its own, and set by no override): "give KEY" says more
// than an unknown name "".
// badName reports a name at path (a key ".name") that is left out, as
// "give name, " and what it names, or given empty or only spaces; it
// reports whether it did.
func (v *validator) badName(path, name, what string) bool {
	switch msg := words.BlankName(name); {
	case msg == "":
		return false
	case v.missing(path, name):
		v.add(path, "give name, %s", what)
	default:
		v.add(path, "%s", msg)
	}
	return true
}

func (v *validator) missing(path, value string) bool {
	if value != "" {
		return false
	}
	if _, written := v.s.lines.exact[path]; written {
		return false
	}
	_, set := v.s.setBy(path)
	return !set
}

// kindHint is what a location kind that is none of borderwork's was
// meant to be: a kind misspelt, or one of Flee's location types (a
// town, a camp), in borderwork's words; "" if neither.
func kindHint(kind string) string {
	k := strings.ToLower(kind)
	switch {
	case strings.Contains(k, "camp"):
		return "; a Flee camp is a destination here"
	case strings.Contains(k, "conflict"):
		return `; a Flee conflict zone is an origin here, with conflict steps under rules = "flee"`
	case strings.Contains(k, "forward"):
		return `; a Flee forwarding hub is a hub here, with forward = true under rules = "flee"`
	case k == "town":
		return "; a Flee town is a hub here"
	}
	return hint.Hint(kind, sim.LocationKindNames())
}

// deadEnds refuses a destination of an origin that no road reaches and
// that the routing rules give its migrants no way to (sim.DeadEnd): the
// run would go on with none of them ever arriving, without a word.
func (v *validator) deadEnds() {
	f := v.s.File
	if f.Rules == "flee" {
		return
	}
	// A centre that evacuates takes migrants to their destinations, by
	// no link, under the regimes that run centres.
	if slices.ContainsFunc(f.Centres, func(c CentreSpec) bool { return c.Evacuation != nil && *c.Evacuation > 0 }) {
		return
	}
	// Where roads join every origin to its destinations, as in most
	// regions, there is nothing to look for.
	road := v.s.componentsBy(true)
	if !slices.ContainsFunc(f.Origins, func(o OriginSpec) bool {
		return slices.ContainsFunc(o.Destinations, func(d string) bool { return road[d] != road[o.Location] })
	}) {
		return
	}
	cfg, err := v.s.Config(v.s.RegimeNames()[0])
	if err != nil {
		return
	}
	name := func(i int) string { return cfg.Region.Locations[i].Name }
	for _, de := range cfg.DeadEnds() {
		o, d := name(de.Origin), name(de.Destination)
		at := ""
		for i, og := range f.Origins {
			if j := slices.Index(og.Destinations, d); og.Location == o && j >= 0 {
				at = fmt.Sprintf("origins.%d.destinations.%d", i, j)
				break
			}
		}
		if at == "" {
			continue
		}
		if de.Post < 0 {
			v.add(at, "no road leads from %q to %q, and no smugglers within migrants.market_reach_days (%d road days) drive a path to it or to a place from which a road leads to it, nor is there such a path to walk alone (alone = true) from %q: none of its migrants would ever set out (docs/MODEL.md 7.4); make a leg a road (a ferry, a bus), or add smugglers or a path that lead there", o, d, f.Migrants.MarketReachDays, o)
			continue
		}
		v.add(at, "no road leads from %q to %q: its migrants go by road to the smugglers at %q, crossing the border at post %q, but a migrant the post admits leaves it only by a road toward its destination, and none leads on to %q, so it would stay and queue again day after day, never arriving (docs/MODEL.md 7.8); join %q to the roads beyond the post (a legal crossing through a post of its own, beside the smugglers' path), or put the smugglers on this side of the post",
			o, d, name(cfg.Markets[de.Market].Location), cfg.Posts[de.Post].Name, d, d)
	}
}

func (v *validator) origins(kinds map[string]sim.LocationKind, loc func(string, string, ...sim.LocationKind) bool) {
	f := v.s.File
	if len(f.Origins) == 0 {
		v.add("origins", "list at least one origin")
	}
	component := v.s.components()
	for i, o := range f.Origins {
		p := fmt.Sprintf("origins.%d", i)
		okLoc := loc(p+".location", o.Location, sim.KindOrigin)
		given := 0
		if o.Inflow != nil {
			given++
		}
		if len(o.InflowSchedule) > 0 {
			given++
		}
		if given > 1 {
			v.add(p+".inflow_schedule", "give one of inflow, inflow_schedule and inflow_csv")
		}
		for j := 1; j < len(o.InflowSchedule); j++ {
			if o.InflowSchedule[j].From <= o.InflowSchedule[j-1].From {
				v.add(fmt.Sprintf("%s.inflow_schedule.%d.from", p, j), "steps must be in increasing order of day")
			}
		}
		if *o.Minor+*o.Sick+*o.Trafficked > 1 {
			v.add(p+".minor", "minor + sick + trafficked must not exceed 1, got %g", *o.Minor+*o.Sick+*o.Trafficked)
		}
		if len(o.Destinations) == 0 {
			v.add(p+".destinations", "list at least one destination")
		}
		if len(o.DestinationWeights) > 0 && len(o.DestinationWeights) != len(o.Destinations) {
			v.add(p+".destination_weights", "give one weight per destination (%d), got %d", len(o.Destinations), len(o.DestinationWeights))
		}
		total := 0.0
		for _, w := range o.DestinationWeights {
			total += w
		}
		if len(o.DestinationWeights) > 0 && total <= 0 {
			v.add(p+".destination_weights", "weights must not all be zero")
		}
		listed := map[string]int{} // destination -> where it is first listed
		for j, d := range o.Destinations {
			dp := fmt.Sprintf("%s.destinations.%d", p, j)
			if first, twice := listed[d]; twice {
				// Listed twice, it would draw twice its share of the
				// migrants (its weights summed), unsaid:
				// destination_weights is there to say so.
				v.add(dp, "%q is listed twice (also destinations.%d); list each destination once, and weigh them with destination_weights", d, first)
				continue
			}
			listed[d] = j
			if loc(dp, d, sim.KindDestination) && okLoc && component != nil && component[o.Location] != component[d] {
				v.add(dp, "destination %q cannot be reached from %q by any link", d, o.Location)
			}
		}
	}
}

func (v *validator) posts(kinds map[string]sim.LocationKind, loc func(string, string, ...sim.LocationKind) bool) {
	f := v.s.File
	names, at := map[string]bool{}, map[string]bool{}
	regimes := v.s.RegimeNames()
	for i, ps := range f.Posts {
		p := fmt.Sprintf("posts.%d", i)
		if !v.badName(p+".name", ps.Name, "the post's name, which messages and outputs use") && names[ps.Name] {
			v.add(p+".name", "duplicate post name %q", ps.Name)
		}
		v.plain(p+".name", ps.Name)
		names[ps.Name] = true
		if ps.Capacity == nil {
			v.add(p, "give capacity, the migrants the post processes per day when working")
		}
		if loc(p+".location", ps.Location, sim.KindBorder) {
			if at[ps.Location] {
				v.add(p+".location", "%q already has a post", ps.Location)
			}
			at[ps.Location] = true
		}
		for j, w := range ps.Schedule {
			wp := fmt.Sprintf("%s.schedule.%d", p, j)
			if w.To != nil && *w.To <= w.From {
				v.add(wp+".to", "must come after from (%d), got %d", w.From, *w.To)
			}
			for k, r := range w.Regimes {
				if !slices.Contains(regimes, r) {
					v.add(fmt.Sprintf("%s.regimes.%d", wp, k), "%s", unknownRegime(r, regimes))
				}
			}
		}
	}
	for i, l := range f.Locations {
		if kinds[l.Name] == sim.KindBorder && !at[l.Name] {
			v.add(fmt.Sprintf("locations.%d.kind", i), "border %q has no post; add a [[posts]] entry at it", l.Name)
		}
	}
}

// AllRegimes is the word that stands for every regime where figures'
// regimes are chosen (plot --regime, sweep --figure-regimes); no regime
// may take it as its name.
const AllRegimes = "all"

func (v *validator) regimes() {
	s := v.s
	v.factors()
	builtin, levels := builtinRegimes(), s.factorLevels()
	all := s.RegimeNames()
	// failed holds the regimes with a problem of their own (a base or a
	// level that is not there): it is reported once, at its key, and not
	// again on every regime built on them.
	failed := map[string]bool{}
	for _, name := range all {
		at := "regimes." + name
		if msg := words.BlankName(name); msg != "" {
			v.add(at, "%s", msg)
		} else if strings.ContainsAny(name, ",") {
			v.add(at, "a regime name must not hold a comma (--regimes lists names separated by commas), got %q", name)
		} else if strings.ContainsAny(name, ".") {
			// --set regimes.x.y.patrol=0.1 sets key y.patrol of a new
			// regime x: the keys of this one could be given to no
			// --set, --vary or --params, though check --keys lists them.
			v.add(at, "a regime name must not hold a dot (--set, --vary and --params name its keys %s.KEY, where a dot ends the name), got %q", at, name)
		} else if strings.TrimSpace(name) != name {
			// --regimes trims the names it lists: this one could not be
			// chosen, and would show as a twin of another in the tables.
			v.add(at, "a regime name must not start or end with a space, got %q", name)
		}
		if name == AllRegimes {
			// plot --regime all and sweep --figure-regimes all read the
			// word as every regime: a regime of that name could not be
			// chosen alone there.
			v.add(at, "%q is reserved: plot --regime and sweep --figure-regimes read it as every regime; give the regime another name", name)
		}
		v.plain(at, name)
		// [regimes.Closed] would define a new regime instead of changing
		// closed, without a word: refuse names that differ only in case.
		if i := slices.IndexFunc(all, func(r string) bool { return r != name && strings.EqualFold(r, name) }); i >= 0 {
			if other := all[i]; slices.Index(all, other) < slices.Index(all, name) {
				v.add(at, "regime names are case-sensitive: this defines a new regime %q beside %q", name, other)
			}
		}
		spec := s.File.Regimes[name]
		if spec == nil {
			continue
		}
		// --set regimes.malfunction.outage_days=30, one word short of
		// malfunctioning, would define a fifth regime from the engine's
		// defaults and leave malfunctioning as it was, without a word: an
		// override that names a new regime close to one the scenario has,
		// and gives it neither a base nor levels, is taken for a typo.
		// So would [regimes.malfunctionning] in the file: a regime the file
		// defines with neither a base nor levels, its name close to
		// another's, is taken for a typo of that regime's name too.
		_, created := s.createdBy(at)
		if spec.Base == "" && spec.Levels == nil && (created || builtin[name] == nil) && !v.bad[at] {
			others := slices.DeleteFunc(slices.Clone(all), func(r string) bool { return r == name })
			if meant := hint.Closest(name, others); meant != "" && !strings.EqualFold(meant, name) {
				if created {
					v.add(at, "no regime %q (regimes: %s); did you mean %s? A new name defines a new regime only with a base or levels: %s.base=REGIME", name, strings.Join(others, ", "), meant, at)
				} else {
					v.add(at, "did you mean [regimes.%s]? This defines a new regime %q from the engine's defaults (regimes: %s); a new regime whose name is so close to another's is taken for a misspelling unless it has a base or levels (base = %q)", meant, name, strings.Join(others, ", "), meant)
				}
				failed[name] = true
				continue
			}
		}
		switch {
		case spec.Base != "" && builtin[name] != nil:
			v.add(at+".base", "a built-in regime has no base; define a new regime with base = %q instead", spec.Base)
			failed[name] = true
		case spec.Base != "" && !slices.Contains(all, spec.Base):
			v.add(at+".base", "%s", unknownRegime(spec.Base, all))
			failed[name] = true
		}
		if spec.Levels != nil {
			for _, fc := range Factors {
				if l := spec.Levels.Of(fc.Name); l != "" && levels.find(fc.Name, l) == nil {
					v.add(at+".levels."+fc.Name, "factor %s has no level %q (levels: %s)", fc.Name, l, strings.Join(levels.names(fc.Name), ", "))
					failed[name] = true
				}
			}
		}
	}
	for _, name := range all {
		if failed[name] || v.baseFailed(name, failed) {
			continue
		}
		if _, _, err := resolveRegime(name, builtin, s.File.Regimes, levels); err != nil {
			var ke *regimeKeyError
			if !errors.As(err, &ke) {
				ke = &regimeKeyError{"regimes." + name, err.Error()}
			}
			v.add(ke.key, "%s", ke.msg)
		}
	}
	if s.File.DefaultRegimes != nil && len(s.File.DefaultRegimes) == 0 {
		v.add("default_regimes", "list at least one regime, or leave default_regimes out to run every regime")
	}
	listed := map[string]bool{} // a map, not a search of the list: a list of 60,000 names is read in no time
	for i, r := range s.File.DefaultRegimes {
		if !slices.Contains(all, r) {
			v.add(fmt.Sprintf("default_regimes.%d", i), "%s", unknownRegime(r, all))
		}
		if listed[r] {
			v.add(fmt.Sprintf("default_regimes.%d", i), "regime %q is listed twice", r)
		}
		listed[r] = true
	}
}

// unknownRegime is the message for a regime name the scenario does not
// have, with the regimes it has and the one meant, as --regimes says it.
func unknownRegime(name string, all []string) string {
	return fmt.Sprintf("unknown regime %q (regimes: %s)%s", name, strings.Join(all, ", "), hint.Hint(name, all))
}

// baseFailed reports whether regime name stands on a regime whose own
// problem was already reported (failed), or leads into a cycle of others:
// the problem is that regime's, reported there, not name's too. A regime
// in a cycle is not skipped: each says how it closes the cycle.
func (v *validator) baseFailed(name string, failed map[string]bool) bool {
	chain := map[string]int{name: 0} // regime -> its place in the chain
	for at := v.s.baseOf(name); at != ""; at = v.s.baseOf(at) {
		if failed[at] {
			return true
		}
		if i, ok := chain[at]; ok {
			return i > 0
		}
		if len(chain) > MaxBases {
			return false // resolveRegime says so
		}
		chain[at] = len(chain)
	}
	return false
}

// baseOf is the base the file gives regime name ("" if none).
func (s *Scenario) baseOf(name string) string {
	if spec := s.File.Regimes[name]; spec != nil {
		return spec.Base
	}
	return ""
}

// plain refuses a name holding a line break or another control
// character: names are written into the tables' rows, one row a line.
func (v *validator) plain(path, name string) {
	if msg := words.PlainName(name); msg != "" { // a blank name is said so once, by its callers
		v.add(path, "%s", msg)
	}
}

// components labels each location with its connected part of the
// region, joined by links of any kind, in time linear in the region's
// size; nil if names do not resolve yet.
func (s *Scenario) components() map[string]int { return s.componentsBy(false) }

// componentsBy is components, by roads alone if roads.
func (s *Scenario) componentsBy(roads bool) map[string]int {
	f := s.File
	index := map[string]int{}
	for i, l := range f.Locations {
		if _, dup := index[l.Name]; !dup {
			index[l.Name] = i
		}
	}
	parent := make([]int, len(f.Locations))
	for i := range parent {
		parent[i] = i
	}
	root := func(a int) int {
		for parent[a] != a {
			parent[a] = parent[parent[a]]
			a = parent[a]
		}
		return a
	}
	for _, l := range f.Links {
		a, ok1 := index[l.From]
		b, ok2 := index[l.To]
		if !ok1 || !ok2 {
			return nil
		}
		if roads && l.Kind == "irregular" {
			continue
		}
		if ra, rb := root(a), root(b); ra != rb {
			parent[max(ra, rb)] = min(ra, rb) // ties broken on index, so labels do not depend on link order
		}
	}
	component := map[string]int{}
	for name, i := range index { // filling a map: the order does not matter
		component[name] = root(i)
	}
	return component
}

// article puts "a" or "an" before a word, as English sounds it for the
// words used here (location kinds).
func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an " + word
	}
	return "a " + word
}

func irregularLink(f *File, a, b string) int {
	for i, l := range f.Links {
		if l.Kind == "irregular" && ((l.From == a && l.To == b) || (l.From == b && l.To == a)) {
			return i
		}
	}
	return -1
}

// displayKey turns an indexed path into the form users write with --set:
// array elements by name where they have one (posts.Assamaka.capacity),
// by index where not (links.3.hazard).
func (s *Scenario) displayKey(path string) string {
	parts := strings.Split(path, ".")
	val := reflect.ValueOf(s.File).Elem()
	for i := 0; i < len(parts); i++ {
		switch val.Kind() {
		case reflect.Pointer:
			if val.IsNil() {
				return strings.Join(parts, ".")
			}
			val = val.Elem()
			i--
		case reflect.Struct:
			f, ok := fieldByKey(val, parts[i])
			if !ok {
				return strings.Join(parts, ".")
			}
			val = f
		case reflect.Slice:
			n, err := strconv.Atoi(parts[i])
			if err != nil || n >= val.Len() {
				return strings.Join(parts, ".")
			}
			val = val.Index(n)
			if name := elementName(val); name != "" && !strings.Contains(name, ".") {
				parts[i] = name
			}
		case reflect.Map:
			val = val.MapIndex(reflect.ValueOf(parts[i]))
			if !val.IsValid() {
				return strings.Join(parts, ".")
			}
		default:
			return strings.Join(parts, ".")
		}
	}
	return strings.Join(parts, ".")
}

// elementName is what an array element is called: its name, or its
// location for origins, markets and centres.
func elementName(v reflect.Value) string {
	if v.Kind() != reflect.Struct {
		return ""
	}
	for _, k := range []string{"name", "location"} {
		if f, ok := fieldByKey(v, k); ok && f.Kind() == reflect.String && strings.TrimSpace(f.String()) != "" {
			return f.String()
		}
	}
	return ""
}

// suggest proposes the known key closest to an unknown one.
func suggest(k toml.Key) string {
	t := reflect.TypeOf(File{})
	for _, part := range k[:len(k)-1] {
		if _, err := strconv.Atoi(part); err == nil {
			continue
		}
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() == reflect.Map {
			t = t.Elem()
			for t.Kind() == reflect.Pointer {
				t = t.Elem()
			}
			continue
		}
		f, ok := fieldTypeByKey(t, part)
		if !ok {
			return ""
		}
		t = f
	}
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() == reflect.Map {
		return ""
	}
	return closest(keysOf(t), k[len(k)-1])
}

func fieldTypeByKey(t reflect.Type, key string) (reflect.Type, bool) {
	if t.Kind() != reflect.Struct {
		return nil, false
	}
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.Anonymous && sf.Type.Kind() == reflect.Struct {
			if ft, ok := fieldTypeByKey(sf.Type, key); ok {
				return ft, true
			}
			continue
		}
		if tomlKey(sf) == key {
			return sf.Type, true
		}
	}
	return nil, false
}

func keysOf(t reflect.Type) []string {
	var keys []string
	if t.Kind() != reflect.Struct {
		return nil
	}
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.Anonymous && sf.Type.Kind() == reflect.Struct {
			keys = append(keys, keysOf(sf.Type)...)
		} else if k := tomlKey(sf); k != "" {
			keys = append(keys, k)
		}
	}
	return keys
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// overlayMissing sets every nil pointer field of dst from def.
func overlayMissing[T any](dst, def *T) {
	d, s := reflect.ValueOf(dst).Elem(), reflect.ValueOf(def).Elem()
	for i := range d.NumField() {
		if f := d.Field(i); f.Kind() == reflect.Pointer && f.IsNil() && !s.Field(i).IsNil() {
			n := reflect.New(f.Type().Elem())
			n.Elem().Set(s.Field(i).Elem())
			f.Set(n)
		}
	}
}

// regimeError is the error of regime name that does not resolve, placed
// on the key at fault, or on the override that set it.
func (s *Scenario) regimeError(name string, err error) error {
	path := "regimes." + name
	var ke *regimeKeyError
	if errors.As(err, &ke) {
		path = ke.key
	}
	v := &validator{s: s}
	v.add(path, "%s", err.Error())
	return v.errs
}

// factors checks the scenario's [factors] and every level a schedule
// names: a level may set only its own factor's keys, and a name must be a
// level of its factor.
func (v *validator) factors() {
	s := v.s
	levels := s.factorLevels()
	names := newLevelNames(levels)
	for _, key := range s.levelOrder {
		factor, name := key[0], key[1]
		path := "factors." + factor
		if !slices.ContainsFunc(Factors, func(f Factor) bool { return f.Name == factor }) {
			var names []string
			for _, f := range Factors {
				names = append(names, f.Name)
			}
			v.add(path, "unknown factor %q (factors: %s)", factor, strings.Join(names, ", "))
			continue
		}
		spec := s.File.Factors[factor][name]
		if spec == nil {
			continue
		}
		path += "." + name
		v.levelName(path, factor, name, names)
		if spec.Base != "" || spec.Levels != nil {
			v.add(path, "a factor's level holds keys only, not base or levels")
		}
		eachField(reflectValue(spec), func(k string, f reflect.Value) {
			if f.Kind() != reflect.Pointer || f.IsNil() || k == "levels" {
				return
			}
			if owner := FactorOfKey(k); owner != factor {
				where := "belongs to no factor"
				if owner != "" {
					where = "belongs to factor " + owner
				}
				v.add(path+"."+k, "%s is not a key of factor %s: it %s", k, factor, where)
			}
		})
	}
	for i, p := range s.File.Posts {
		for j, w := range p.Schedule {
			if w.Levels == nil {
				continue
			}
			for _, f := range Factors {
				if name := w.Levels.Of(f.Name); name != "" && levels.find(f.Name, name) == nil {
					v.add(fmt.Sprintf("posts.%d.schedule.%d.levels.%s", i, j, f.Name), "factor %s has no level %q (levels: %s)", f.Name, name, strings.Join(levels.names(f.Name), ", "))
				}
			}
		}
	}
}

// levelNames are the levels of every factor, for levelName: in order,
// built-in ones first, and the first of each name in any case.
type levelNames struct {
	levels  factorLevels
	builtin factorLevels
	first   map[[2]string]string // factor, name in lower case -> the first level of that name in any case
}

func newLevelNames(levels factorLevels) levelNames {
	ln := levelNames{levels: levels, builtin: builtinFactors(), first: map[[2]string]string{}}
	for _, f := range Factors {
		for _, l := range levels[f.Name] {
			k := [2]string{f.Name, strings.ToLower(l.name)}
			if _, ok := ln.first[k]; !ok {
				ln.first[k] = l.name
			}
		}
	}
	return ln
}

// levelName checks the name of the scenario's level of factor at path
// (factors.FACTOR.LEVEL), as regimes' names are checked: --set, --vary
// and --params name its keys factors.FACTOR.LEVEL.KEY, so a dot in it
// would end the name there, and --params lists keys separated by commas;
// [factors.enforcement.Patrolled], one letter off the built-in
// patrolled, would define a new level beside it that no regime stands
// at, and leave patrolled as it was, without a word; and so would an
// override naming a new level close to one the factor has, unless
// something names the new level.
func (v *validator) levelName(path, factor, name string, ln levelNames) {
	if msg := words.BlankName(name); msg != "" {
		v.add(path, "%s", msg)
		return
	}
	v.plain(path, name)
	if strings.ContainsAny(name, ".,") {
		v.add(path, "a level name must not hold a dot or a comma (--set, --vary and --params name its keys %s.KEY, and --params lists keys separated by commas), got %q", path, name)
		return
	}
	if first := ln.first[[2]string{factor, strings.ToLower(name)}]; first != name {
		v.add(path, "level names are case-sensitive: this defines a new level %q of factor %s beside %q", name, factor, first)
		return
	}
	if ln.builtin.find(factor, name) != nil {
		return
	}
	if _, created := v.s.createdBy(path); created && !v.s.levelNamed(factor, name) {
		others := slices.DeleteFunc(ln.levels.names(factor), func(l string) bool { return l == name })
		if meant := hint.Closest(name, others); meant != "" {
			v.add(path, "factor %s has no level %q (levels: %s); did you mean %s? A new name defines a new level only where a regime, schedule window, phase or programme stands at it", factor, name, strings.Join(others, ", "), meant)
		}
	}
}

// levelNamed reports whether a regime, schedule window, phase or
// programme of the scenario names level of factor.
func (s *Scenario) levelNamed(factor, level string) bool {
	names := func(l *Levels) bool { return l != nil && l.Of(factor) == level }
	for _, r := range s.File.Regimes {
		if r != nil && names(r.Levels) {
			return true
		}
	}
	for _, p := range s.File.Posts {
		for _, w := range p.Schedule {
			if names(w.Levels) {
				return true
			}
		}
	}
	for _, p := range s.File.Phases {
		if names(p.Levels) {
			return true
		}
	}
	for _, p := range s.File.Programmes {
		if names(p.Levels) {
			return true
		}
	}
	return false
}

// locationHint is what to add to "unknown location": the location meant,
// if one is a typo away, and a word on combining accents. A name typed on
// macOS or copied from a PDF may hold e and a combining acute where the
// scenario's location has é; the two print alike, so "unknown location
// "Mbéra"; did you mean Mbéra?" alone would leave the reader none the
// wiser.
func locationHint(name string, locs []LocationSpec) string {
	names := make([]string, len(locs))
	for i, l := range locs {
		names[i] = l.Name
	}
	msg := hint.Hint(name, names)
	if i := strings.IndexFunc(name, func(r rune) bool { return unicode.Is(unicode.Mn, r) }); i >= 0 {
		r, _ := utf8.DecodeRuneInString(name[i:])
		msg += fmt.Sprintf(" (this name holds a combining accent, U+%04X, after a letter: type the accented letter itself, as one character)", r)
	}
	return msg
}
