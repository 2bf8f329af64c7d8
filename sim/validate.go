package sim

import (
	"fmt"
	"math"
)

// Validate reports the first problem that would make a configuration
// meaningless to run: a probability outside [0, 1], a negative count, an
// index that points nowhere. New calls it, so a hand-built Config is held
// to the same ranges as a scenario file; the scenarios package checks the
// same ranges first and names the file, line and key.
func (c *Config) Validate() error {
	v := &configCheck{}
	v.structure(c)
	if v.err != nil {
		return v.err
	}
	for i := range c.Origins {
		v.origin(fmt.Sprintf("Origins[%d]", i), &c.Origins[i])
	}
	for i := range c.Posts {
		p := &c.Posts[i]
		at := fmt.Sprintf("Posts[%d]", i)
		v.nonNegative(at+".Capacity", p.Capacity)
		v.policy(at+".Policy", &p.Policy)
		for j := range p.Schedule {
			w := &p.Schedule[j]
			wat := fmt.Sprintf("%s.Schedule[%d]", at, j)
			if w.From < 0 || w.To <= w.From {
				v.fail("%s: want 0 <= From < To, got From %d, To %d", wat, w.From, w.To)
			}
			v.policy(wat+".Policy", &w.Policy)
		}
	}
	for i := range c.Centres {
		ce := &c.Centres[i]
		at := fmt.Sprintf("Centres[%d]", i)
		v.atLeast(at+".Capacity", float64(ce.Capacity), 0)
		v.share(at+".Shelter", ce.Shelter)
		v.share(at+".Medical", ce.Medical)
		v.atLeast(at+".ReturnOfferDays", float64(ce.ReturnOfferDays), 0)
		v.share(at+".ReturnUptake", ce.ReturnUptake)
		v.share(at+".Evacuation", ce.Evacuation)
		v.atLeast(at+".Reach", float64(ce.Reach), 0)
		if ce.ReturnUptake+ce.Evacuation > 1 {
			v.fail("%s: ReturnUptake + Evacuation must not exceed 1, got %g", at, ce.ReturnUptake+ce.Evacuation)
		}
	}
	b := &c.Migrants
	v.atLeast("Migrants.TrappedAfterDays", float64(b.TrappedAfterDays), 1)
	v.atLeast("Migrants.PatienceDays", float64(b.PatienceDays), 0)
	v.share("Migrants.BeliefThreshold", b.BeliefThreshold)
	v.atLeast("Migrants.GiveUpDays", float64(b.GiveUpDays), 0)
	v.atLeast("Migrants.SeekHelpDays", float64(b.SeekHelpDays), 0)
	v.atLeast("Migrants.AloneAfterDays", float64(b.AloneAfterDays), 0)
	v.atLeast("Migrants.MarketReachDays", float64(b.MarketReachDays), 0)
	v.atLeast("Migrants.DesperationDays", float64(b.DesperationDays), 1)
	v.money("Migrants.EarnPerDay", b.EarnPerDay, false)
	v.money("Migrants.ReturnCost", b.ReturnCost, false)
	v.share("Migrants.SickMortality", b.SickMortality)

	in := &c.Information
	for _, f := range []struct {
		name string
		v    float64
	}{
		{"Prior", in.Prior}, {"Accuracy", in.Accuracy}, {"ExperienceWeight", in.ExperienceWeight},
		{"QueueWeight", in.QueueWeight}, {"RumourRate", in.RumourRate}, {"RumourWeight", in.RumourWeight},
		{"RumourNoise", in.RumourNoise}, {"NewsRate", in.NewsRate},
	} {
		v.share("Information."+f.name, f.v)
	}

	s := &c.Smuggling
	if len(c.Markets) > 0 {
		v.atLeast("Smuggling.Seats", float64(s.Seats), 1)
	}
	// The price moves by a factor a day (7.11), so a floor of 0 let it
	// underflow to 0, where it stayed, and 0 times an overflowing factor
	// made it NaN.
	v.money("Smuggling.PriceMin", s.PriceMin, true)
	v.money("Smuggling.PriceMax", s.PriceMax, true)
	if !(s.Price > 0 && s.PriceMin <= s.Price && s.Price <= s.PriceMax) {
		v.fail("Smuggling.Price: want 0 < Price and PriceMin <= Price <= PriceMax, got %g (min %g, max %g)", s.Price, s.PriceMin, s.PriceMax)
	}
	v.multiplier("Smuggling.PriceResponse", s.PriceResponse)
	v.share("Smuggling.EntryRate", s.EntryRate)
	v.atLeast("Smuggling.ExitAfterDays", float64(s.ExitAfterDays), 0)
	v.multiplier("Smuggling.Propensity", s.Propensity)
	v.share("Smuggling.PropensitySpread", s.PropensitySpread)

	a := &c.Abuse
	v.multiplier("Abuse.DesperationEffect", a.DesperationEffect)
	v.multiplier("Abuse.MarketPowerEffect", a.MarketPowerEffect)
	v.multiplier("Abuse.VulnerableFactor", a.VulnerableFactor)
	v.share("Abuse.SmugglerExtortion", a.SmugglerExtortion)
	v.share("Abuse.SmugglerViolence", a.SmugglerViolence)
	v.share("Abuse.SmugglerKidnap", a.SmugglerKidnap)
	v.share("Abuse.TripExtortion", a.TripExtortion)
	v.share("Abuse.TripViolence", a.TripViolence)
	v.share("Abuse.TripAbandonment", a.TripAbandonment)
	v.money("Abuse.Extorted", a.Extorted, false)
	v.money("Abuse.Ransom", a.Ransom, false)
	v.atLeast("Abuse.KidnapDays", float64(a.KidnapDays), 0)
	v.multiplier("Abuse.AbandonedHazard", a.AbandonedHazard)
	v.multiplier("Abuse.OfficialExtortion", a.OfficialExtortion)
	v.multiplier("Abuse.OfficialViolence", a.OfficialViolence)
	v.money("Abuse.Bribe", a.Bribe, false)
	v.multiplier("Abuse.QueueEffect", a.QueueEffect)
	v.multiplier("Abuse.PapersEffect", a.PapersEffect)

	h := &c.Harm
	for _, w := range []struct {
		name string
		v    float64
	}{
		{"Death", h.Death}, {"Kidnap", h.Kidnap}, {"Violence", h.Violence}, {"Abandonment", h.Abandonment},
		{"Extortion", h.Extortion}, {"TrappedDay", h.TrappedDay}, {"StrandedDay", h.StrandedDay},
		{"CentreDay", h.CentreDay}, {"AssistedReturn", h.AssistedReturn},
	} {
		if !(w.v >= 0 && w.v <= MaxHarmWeight) {
			v.fail("Harm.%s must be in [0, %g], got %v", w.name, float64(MaxHarmWeight), w.v)
		}
	}

	e := &c.Enforcement
	v.share("Enforcement.Patrol", e.Patrol)
	v.multiplier("Enforcement.IrregularHazard", e.IrregularHazard)
	v.multiplier("Enforcement.AloneHazard", e.AloneHazard)
	v.multiplier("Enforcement.PushbackViolence", e.PushbackViolence)

	p := &c.Protection
	v.atLeast("Protection.AssistAfterDays", float64(p.AssistAfterDays), 0)
	v.multiplier("Protection.CentreAbuse", p.CentreAbuse)
	v.share("Protection.CentreDetention", p.CentreDetention)
	v.share("Protection.Rescue", p.Rescue)
	v.fleeRules(c) // flee_validate.go
	v.phases(c)    // phases.go
	if c.RecordFlows && c.Rules == RulesFlee {
		v.fail("RecordFlows: flows are recorded under borderwork's rules only")
	}
	return v.err
}

// configCheck keeps the first problem found.
type configCheck struct{ err error }

func (v *configCheck) fail(format string, args ...any) {
	if v.err == nil {
		v.err = fmt.Errorf("sim: "+format, args...)
	}
}

// share checks a probability or a share: a number in [0, 1].
func (v *configCheck) share(name string, x float64) {
	if !(x >= 0 && x <= 1) {
		v.fail("%s must be in [0, 1], got %v", name, x)
	}
}

func (v *configCheck) nonNegative(name string, x float64) {
	if !(x >= 0) || math.IsInf(x, 1) {
		v.fail("%s must be a finite number of at least 0, got %v", name, x)
	}
}

// MaxMultiplier bounds every rate multiplier and rate, so that their
// products stay finite and every chance built from them is a number.
const MaxMultiplier = 1e6

// MaxHarmWeight bounds every harm weight, so that the harm index stays
// finite: a count of a run (its person-days: agents times at most MaxDays
// days) is far below 1e20, so each weighted term stays below 1e29, and
// even the squares the tables sum over a million replicates (their
// spread) stay far below float64's 1.8e308. It is ten million times the
// default weight of a death, more than any judgment of severity needs;
// 1e308 made the index +Inf, which no table or JSON can hold.
const MaxHarmWeight = 1e9

// MaxMoney bounds every amount of money, in USD: a migrant's money is
// kept as a float32, which holds about 3.4e38, and an amount near it made
// a migrant's money +Inf and then NaN; a sum of prices over markets and
// days overflowed float64 from 1e308. A billion USD is beyond any fare,
// bribe or savings the model is about.
const MaxMoney = 1e9

// MaxCV bounds a coefficient of variation (money, a post's capacity):
// the log-normal's σ² = ln(1 + cv²) overflows to +Inf above about 1e154,
// making every draw NaN. A million is far beyond any spread a scenario
// means, and keeps every draw finite.
const MaxCV = 1e6

// money checks an amount in USD; positive: it must be more than zero.
func (v *configCheck) money(name string, x float64, positive bool) {
	if !(x >= 0 && x <= MaxMoney) || positive && x == 0 {
		lo := "[0"
		if positive {
			lo = "(0"
		}
		v.fail("%s must be an amount in %s, %g] USD, got %v", name, lo, float64(MaxMoney), x)
	}
}

func (v *configCheck) cv(name string, x float64) {
	if !(x >= 0 && x <= MaxCV) {
		v.fail("%s must be a coefficient of variation in [0, %g], got %v", name, float64(MaxCV), x)
	}
}

func (v *configCheck) multiplier(name string, x float64) {
	if !(x >= 0 && x <= MaxMultiplier) {
		v.fail("%s must be in [0, %g], got %v", name, float64(MaxMultiplier), x)
	}
}

func (v *configCheck) atLeast(name string, x, lo float64) {
	if !(x >= lo) {
		v.fail("%s must be at least %v, got %v", name, lo, x)
	}
}

// structure checks sizes and that every index points at something.
func (v *configCheck) structure(c *Config) {
	n := len(c.Region.Locations)
	switch {
	case c.Days < 1 || c.Days > MaxDays:
		v.fail("Days must be in 1..%d, got %d", MaxDays, c.Days)
	case n == 0:
		v.fail("the region has no locations")
	case n > math.MaxUint16:
		v.fail("at most %d locations, got %d", math.MaxUint16, n)
	case len(c.Region.Links) > math.MaxUint16:
		v.fail("at most %d links, got %d", math.MaxUint16, len(c.Region.Links))
	}
	if v.err != nil {
		return
	}
	for i, l := range c.Region.Locations {
		if l.Country < 0 || (len(c.Region.Countries) > 0 && l.Country >= len(c.Region.Countries)) {
			v.fail("Region.Locations[%d].Country %d is not a country", i, l.Country)
		}
	}
	for i, l := range c.Region.Links {
		switch {
		case l.From < 0 || l.From >= n || l.To < 0 || l.To >= n || l.From == l.To:
			v.fail("Region.Links[%d] must join two different locations, got %d and %d", i, l.From, l.To)
		case l.Days < 1 || l.Days > MaxDays:
			v.fail("Region.Links[%d].Days must be in 1..%d, got %d", i, MaxDays, l.Days)
		case !(l.Hazard >= 0 && l.Hazard <= 1):
			v.fail("Region.Links[%d].Hazard must be in [0, 1], got %v", i, l.Hazard)
		case l.Alone && l.Kind != Irregular:
			v.fail("Region.Links[%d] is a road: only irregular links can be walked alone", i)
		}
	}
	for i, o := range c.Origins {
		if o.Location < 0 || o.Location >= n || len(o.Destinations) == 0 || len(o.Destinations) != len(o.Weights) {
			v.fail("Origins[%d] needs a location and one weight per destination", i)
		}
		for _, d := range o.Destinations {
			if d < 0 || d >= n || c.Region.Locations[d].Kind != KindDestination {
				v.fail("Origins[%d] has a destination that is not a destination location", i)
			}
		}
	}
	hosted := make([]bool, n)
	for i, p := range c.Posts {
		if p.Location < 0 || p.Location >= n {
			v.fail("Posts[%d].Location %d is not a location", i, p.Location)
		} else if hosted[p.Location] {
			v.fail("Posts[%d]: location %d already has a post", i, p.Location)
		} else {
			hosted[p.Location] = true
		}
	}
	for i, mk := range c.Markets {
		if mk.Location < 0 || mk.Location >= n || mk.Link < 0 || mk.Link >= len(c.Region.Links) {
			v.fail("Markets[%d] needs a location and a link", i)
		} else if l := c.Region.Links[mk.Link]; l.Kind != Irregular || (l.From != mk.Location && l.To != mk.Location) {
			v.fail("Markets[%d]'s link is not an irregular link from its location", i)
		}
		if mk.Smugglers < 0 || mk.MaxSmugglers < mk.Smugglers {
			v.fail("Markets[%d]: want 0 <= Smugglers <= MaxSmugglers, got %d and %d", i, mk.Smugglers, mk.MaxSmugglers)
		}
	}
	centreAt := make([]bool, n)
	for i, ce := range c.Centres {
		if ce.Location < 0 || ce.Location >= n {
			v.fail("Centres[%d].Location %d is not a location", i, ce.Location)
		} else if centreAt[ce.Location] {
			v.fail("Centres[%d]: location %d already has a centre", i, ce.Location)
		} else {
			centreAt[ce.Location] = true
		}
	}
}

func (v *configCheck) origin(at string, o *Origin) {
	v.atLeast(at+".Initial", float64(o.Initial), 0)
	for j, s := range o.Inflow {
		v.nonNegative(fmt.Sprintf("%s.Inflow[%d].Rate", at, j), s.Rate)
		if j > 0 && s.From <= o.Inflow[j-1].From {
			v.fail("%s.Inflow must be in increasing order of day", at)
		}
	}
	v.money(at+".MoneyMean", o.MoneyMean, false)
	v.cv(at+".MoneyCV", o.MoneyCV)
	v.share(at+".Documented", o.Documented)
	v.share(at+".Minor", o.Minor)
	v.share(at+".Sick", o.Sick)
	v.share(at+".Trafficked", o.Trafficked)
	if o.Minor+o.Sick+o.Trafficked > 1 {
		v.fail("%s: Minor + Sick + Trafficked must not exceed 1, got %g", at, o.Minor+o.Sick+o.Trafficked)
	}
	v.share(at+".WillSmuggle", o.WillSmuggle)
	v.share(at+".WillTurnBack", o.WillTurnBack)
	total := 0.0
	for j, w := range o.Weights {
		v.nonNegative(fmt.Sprintf("%s.Weights[%d]", at, j), w)
		total += w
	}
	if len(o.Weights) > 0 && !(total > 0) {
		v.fail("%s.Weights must not all be zero", at)
	}
}

func (v *configCheck) policy(at string, p *PostPolicy) {
	if p.Admission > AdmitNobody {
		v.fail("%s.Admission %d is not an admission rule", at, p.Admission)
	}
	if p.Force > ForceFailing {
		v.fail("%s.Force %d is not a forced condition", at, p.Force)
	}
	v.multiplier(at+".CapacityFactor", p.CapacityFactor)
	v.cv(at+".CapacityCV", p.CapacityCV)
	v.share(at+".OutageStart", p.OutageStart)
	v.atLeast(at+".OutageDays", p.OutageDays, 1)
	v.share(at+".FailingCapacity", p.FailingCapacity)
	v.share(at+".Refusal", p.Refusal)
	v.share(at+".Oversight", p.Oversight)
	v.share(at+".DocumentCheck", p.DocumentCheck)
	v.share(at+".Screening", p.Screening)
	v.share(at+".AsylumShare", p.AsylumShare)
}
