package sim

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/borderwork/borderwork/internal/suggest"
)

// Config is everything one run needs: the region, the population, the
// behaviour of migrants and smugglers, and the regime already resolved into
// the policy of every post. It is plain data; the scenarios package builds
// it from TOML, and tests build it by hand.
type Config struct {
	Days int // days simulated, from day 0 to Days-1

	Region  Region
	Origins []Origin
	Posts   []Post
	Markets []Market
	Centres []Centre

	Migrants    Behaviour
	Information Information
	Smuggling   Smuggling
	Abuse       Abuse
	Enforcement Enforcement
	Protection  Protection
	Harm        HarmWeights

	// RecordLocations asks for per-location daily counts (waiting, trapped,
	// abuse events) besides the region-wide record.
	RecordLocations bool

	// RecordFlows asks for per-link daily counts of arrivals, by direction,
	// and of deaths (Result.Flows): what flow monitoring points and other
	// observers of movement read. Off unless asked; borderwork's rules only.
	RecordFlows bool

	// Phases replace the regime-wide settings (Enforcement, Protection,
	// Information) on given days: a dated change of regime. In order, not
	// overlapping; see Phase.
	Phases []Phase

	// Rules selects the movement rules; Flee holds the Flee rule set's
	// settings and inputs, read only under RulesFlee.
	Rules Rules
	Flee  FleeConfig
}

// LocationKind says what a location is for.
type LocationKind uint8

// The kinds of location.
const (
	KindOrigin LocationKind = iota
	KindHub
	KindBorder
	KindCentre
	KindDestination
)

var kindNames = [...]string{"origin", "hub", "border", "centre", "destination"}

// LocationKindNames are the names of the kinds of location, in the
// kinds' order: the one list the scenario format, its errors and check's
// digest take them from.
func LocationKindNames() []string { return slices.Clone(kindNames[:]) }

func (k LocationKind) String() string { return kindNames[k] }

// ParseLocationKind returns the kind called s.
func ParseLocationKind(s string) (LocationKind, bool) {
	for i, n := range kindNames {
		if n == s {
			return LocationKind(i), true
		}
	}
	return 0, false
}

// LinkKind says whether a link passes through posts or around them.
type LinkKind uint8

// The kinds of link.
const (
	Road      LinkKind = iota // passes legally through the posts on the way
	Irregular                 // bypasses a post: desert, bush or sea path
)

func (k LinkKind) String() string {
	if k == Road {
		return "road"
	}
	return "irregular"
}

// Region is the graph migrants move on. Locations and links are addressed
// by their index.
type Region struct {
	Countries []string
	Locations []Location
	Links     []Link
}

// Location is a node of the region.
type Location struct {
	Name    string
	Kind    LocationKind
	Country int

	// Lat and Lon place the location, in decimal degrees, when HasCoords.
	// The engine does not read them; maps and reports do.
	Lat, Lon  float64
	HasCoords bool

	// Read by the Flee rule set only (docs/MODEL.md, "The Flee rule set").
	Population int            // people living there: a conflict zone's spawn weight
	Capacity   int            // agents a camp holds before its weight falls; 0: no limit
	Initial    int            // agents present on day 0
	Forward    bool           // a forwarding hub: left with probability 1
	Conflict   []ConflictStep // changes of its conflict state, by day
}

// Link joins two locations in both directions.
type Link struct {
	From, To int
	Kind     LinkKind
	Days     int     // travel time in whole days, at least 1
	Hazard   float64 // probability of death per day on the link
	Alone    bool    // irregular only: can be attempted without a smuggler
	LengthKm float64 // length in km, read by the Flee rule set (which ignores Days)
}

// Origin is where migrants enter the region.
type Origin struct {
	Location int
	Initial  int          // migrants present on day 0
	Inflow   []InflowStep // piecewise constant mean arrivals per day (Poisson)

	MoneyMean float64 // USD carried at departure, mean of a log-normal
	MoneyCV   float64 // coefficient of variation of that log-normal

	Documented float64 // share holding travel documents valid at closed posts
	Minor      float64 // share of unaccompanied minors (vulnerable)
	Sick       float64 // share in need of medical care (vulnerable)
	Trafficked float64 // share of victims of trafficking (vulnerable)

	WillSmuggle  float64 // share who would travel irregularly: with a smuggler, or alone when desperate
	WillTurnBack float64 // share who would ever turn back home

	Destinations []int     // location indices
	Weights      []float64 // relative weights of the destinations
}

// InflowStep sets the mean inflow from day From until the next step.
type InflowStep struct {
	From int
	Rate float64 // migrants per day
}

// Admission is a post's rule for whom it lets through.
type Admission uint8

// The admission rules.
const (
	AdmitEveryone Admission = iota
	AdmitDocumented
	AdmitNobody
)

var admissionNames = [...]string{"everyone", "documented", "nobody"}

func (a Admission) String() string { return admissionNames[a] }

// ParseAdmission returns the rule called s.
func ParseAdmission(s string) (Admission, bool) {
	for i, n := range admissionNames {
		if n == s {
			return Admission(i), true
		}
	}
	return 0, false
}

// Force pins a post's condition regardless of its failure process.
type Force uint8

// The forced conditions.
const (
	ForceNone Force = iota
	ForceFunctioning
	ForceFailing
)

var forceNames = [...]string{"", "functioning", "failing"}

func (f Force) String() string { return forceNames[f] }

// ParseForce returns the forced condition called s ("" for none).
func ParseForce(s string) (Force, bool) {
	for i, n := range forceNames {
		if n == s {
			return Force(i), true
		}
	}
	return 0, false
}

// PostPolicy is how a post operates: what a regime sets, and what a
// post's own overrides and schedule can change.
type PostPolicy struct {
	Admission       Admission `toml:"admission"`
	CapacityFactor  float64   `toml:"capacity_factor"`  // multiplies the post's capacity
	CapacityCV      float64   `toml:"capacity_cv"`      // day-to-day variation of capacity (coefficient of variation)
	OutageStart     float64   `toml:"outage_start"`     // probability per day that a functioning post starts failing
	OutageDays      float64   `toml:"outage_days"`      // mean length of a failure, days (geometric)
	FailingCapacity float64   `toml:"failing_capacity"` // share of capacity that still works while failing
	Refusal         float64   `toml:"refusal"`          // probability that an admissible migrant is refused anyway
	DocumentCheck   float64   `toml:"document_check"`   // at a post that admits only the documented, the share of undocumented migrants its document checks catch; the others pass as if documented
	Oversight       float64   `toml:"oversight"`        // share of officials' would-be abuse that oversight prevents, 0 to 1 (see Abuse)
	Screening       float64   `toml:"screening"`        // probability that a vulnerable migrant is identified when processed
	AsylumShare     float64   `toml:"asylum_share"`     // share of those identified who are let through on a protection channel; of the rest, those the rule would refuse are referred to a centre where centres run and one is in reach (MODEL.md 7.8)
	Force           Force     `toml:"force"`
}

// Post is a border post at a border location.
type Post struct {
	Name     string
	Location int
	Capacity float64 // migrants processed per day when functioning
	Policy   PostPolicy
	Schedule []PostWindow // later windows win where they overlap
}

// PostWindow replaces a post's policy on days [From, To).
type PostWindow struct {
	From, To int
	Policy   PostPolicy
}

// Market is where smugglers take migrants along one irregular link.
type Market struct {
	Location     int // where migrants board
	Link         int // the irregular link the smugglers drive
	Smugglers    int // active on day 0
	MaxSmugglers int // ceiling on entry
}

// Centre is a shelter, information and assistance centre.
type Centre struct {
	Location        int
	Capacity        int     // migrants sheltered at once
	Shelter         float64 // reduction of abuse risk inside, 0 to 1
	Medical         float64 // reduction of sickness mortality inside, 0 to 1
	ReturnOfferDays int     // days in the centre before voluntary return is offered
	ReturnUptake    float64 // probability per day that an offered migrant accepts return
	Evacuation      float64 // probability per day, after ReturnOfferDays, of evacuation to the migrant's destination
	Reach           int     // days of road from which migrants know of and can reach the centre
}

// Behaviour holds the rules migrants follow.
type Behaviour struct {
	TrappedAfterDays int     `toml:"trapped_after_days"`         // days at one place before a blocked migrant counts as trapped
	SeatlessTrapped  bool    `toml:"seatless_trapped,omitempty"` // a migrant the market here turned away for want of a seat counts as unable to use a smuggler (the trapped rule's third condition)
	PatienceDays     int     `toml:"patience_days"`              // days in a post's queue before looking for another way
	BeliefThreshold  float64 `toml:"belief_threshold"`           // believed chance of getting through (the product of beliefs about the posts on a road) needed to take it or join a queue
	GiveUpDays       int     `toml:"give_up_days"`               // days stuck before a willing migrant turns back
	SeekHelpDays     int     `toml:"seek_help_days"`             // days stuck before seeking a centre
	AloneAfterDays   int     `toml:"alone_after_days"`           // days stuck before trying an irregular path alone
	MarketReachDays  int     `toml:"market_reach_days"`          // road days a migrant will travel to find smugglers
	DesperationDays  int     `toml:"desperation_days"`           // days waiting at which desperation reaches 1
	EarnPerDay       float64 `toml:"earn_per_day"`               // USD earned per day while waiting
	ReturnCost       float64 `toml:"return_cost"`                // USD needed to travel home
	SickMortality    float64 `toml:"sick_mortality"`             // extra probability of death per day for sick migrants
}

// NoSmugglerWords is the trapped rule's third condition (docs/MODEL.md
// 7.7) in a reader's words, as reports give it: with SeatlessTrapped, a
// migrant the market turned away counts too.
func (b Behaviour) NoSmugglerWords() string {
	if b.SeatlessTrapped {
		return "unable to pay a smuggler, or turned away by one with no seat left"
	}
	return "unable to pay a smuggler"
}

// Information holds how beliefs form and spread.
type Information struct {
	Prior            float64 `toml:"prior"`             // what origins believe of every post before any news: the start of news
	Accuracy         float64 `toml:"accuracy"`          // weight of the truth in the beliefs migrants start with
	ExperienceWeight float64 `toml:"experience_weight"` // how far one's own outcome at a post moves a belief
	QueueWeight      float64 `toml:"queue_weight"`      // how far a day in a stalled queue moves a belief
	RumourRate       float64 `toml:"rumour_rate"`       // probability per day of hearing others at the same place
	RumourWeight     float64 `toml:"rumour_weight"`     // how far a rumour moves a belief
	RumourNoise      float64 `toml:"rumour_noise"`      // half-width of uniform noise on a rumour
	NewsRate         float64 `toml:"news_rate"`         // daily rate at which news of a post's pass rate reaches origins
	CentreInfo       bool    `toml:"centre_info"`       // centres correct the beliefs of migrants within their reach
}

// Smuggling holds the smuggling market's rules.
type Smuggling struct {
	Seats            int     `toml:"seats"` // migrants per trip
	Price            float64 `toml:"price"` // USD, starting price
	PriceMin         float64 `toml:"price_min"`
	PriceMax         float64 `toml:"price_max"`
	PriceResponse    float64 `toml:"price_response"`    // log-change of price per day at full excess demand
	EntryRate        float64 `toml:"entry_rate"`        // probability per day that a smuggler enters when demand is unmet
	ExitAfterDays    int     `toml:"exit_after_days"`   // idle days before a smuggler leaves
	Propensity       float64 `toml:"propensity"`        // mean abuse propensity (multiplies smuggler abuse rates)
	PropensitySpread float64 `toml:"propensity_spread"` // propensity is uniform in mean × [1-spread, 1+spread]
}

// Abuse holds the rates of abuse and what they depend on.
type Abuse struct {
	DesperationEffect float64 `toml:"desperation_effect"`  // abuse risk multiplier at full desperation is 1 + this
	MarketPowerEffect float64 `toml:"market_power_effect"` // smuggler abuse multiplier at monopoly is 1 + this
	VulnerableFactor  float64 `toml:"vulnerable_factor"`   // multiplier for minors and victims of trafficking
	SmugglerExtortion float64 `toml:"smuggler_extortion"`  // per day, migrants waiting where smugglers operate
	SmugglerViolence  float64 `toml:"smuggler_violence"`   // per day, idem
	SmugglerKidnap    float64 `toml:"smuggler_kidnap"`     // per day, idem
	TripExtortion     float64 `toml:"trip_extortion"`      // per trip with a smuggler
	TripViolence      float64 `toml:"trip_violence"`       // per trip with a smuggler
	TripAbandonment   float64 `toml:"trip_abandonment"`    // per trip with a smuggler
	Extorted          float64 `toml:"extorted"`            // USD taken by an extortion (by smugglers, at a place or en route)
	Ransom            float64 `toml:"ransom"`              // USD taken by a kidnap
	KidnapDays        int     `toml:"kidnap_days"`         // days a kidnapped migrant is held
	AbandonedHazard   float64 `toml:"abandoned_hazard"`    // hazard multiplier for migrants abandoned en route

	// Officials' abuse arises at every post, under every regime: a rate
	// scaled down by the post's oversight and up by its queue, the
	// migrant's desperation and vulnerability, and a lack of papers. A
	// chance is 1 − exp(−rate), so it never exceeds 1.
	OfficialExtortion float64 `toml:"official_extortion"` // rate per turn at a post's counter at which officials demand a bribe, before oversight and multipliers
	OfficialViolence  float64 `toml:"official_violence"`  // rate per day at which officials abuse a migrant waiting at a post, before oversight and multipliers
	Bribe             float64 `toml:"bribe"`              // USD officials demand
	QueueEffect       float64 `toml:"queue_effect"`       // officials' abuse multiplier is 1 + this × ln(1 + migrants queued / the post's daily capacity)
	PapersEffect      float64 `toml:"papers_effect"`      // multiplier of officials' abuse for migrants without travel documents
}

// HarmWeights turn the harms a run records into one severity-weighted
// harm index: a value judgment, documented in docs/MODEL.md, that users
// can change.
type HarmWeights struct {
	Death          float64 `toml:"death"`           // per death
	Kidnap         float64 `toml:"kidnap"`          // per kidnap event
	Violence       float64 `toml:"violence"`        // per violence event
	Abandonment    float64 `toml:"abandonment"`     // per abandonment in the desert
	Extortion      float64 `toml:"extortion"`       // per extortion event
	TrappedDay     float64 `toml:"trapped_day"`     // per person-day trapped, or detained in a centre
	StrandedDay    float64 `toml:"stranded_day"`    // per person-day stranded at home
	CentreDay      float64 `toml:"centre_day"`      // per person-day sheltered in a centre (not detained)
	AssistedReturn float64 `toml:"assisted_return"` // per return arranged by a centre
}

// Enforcement holds the policing of irregular paths.
type Enforcement struct {
	Patrol          float64 `toml:"patrol"`           // probability per day of interception on an irregular link
	IrregularHazard float64 `toml:"irregular_hazard"` // multiplier of irregular links' hazard (route displacement)
	AloneHazard     float64 `toml:"alone_hazard"`     // multiplier of hazard for migrants going alone

	// PushbackViolence is the rate per interception at which the patrol
	// abuses the migrant it intercepts (violence by officials), before
	// the migrant's desperation and vulnerability. Patrols are officials
	// too: with it at 0 closure's patrols abuse no one, a harm zeroed by
	// a setting, which the claim check says when it is.
	PushbackViolence float64 `toml:"pushback_violence"`
}

// Protection holds what a regime does for migrants beyond the posts.
type Protection struct {
	Centres         bool    `toml:"centres"`           // centres operate
	AssistAfterDays int     `toml:"assist_after_days"` // days stuck away from home after which a migrant is taken to a centre (0: never)
	Rescue          float64 `toml:"rescue"`            // the hazard on irregular links is multiplied by 1 − rescue (for small hazards, about that share of deaths there prevented), 0 to 1

	// CentreAbuse is the rate per day at which a centre's staff abuse a
	// migrant sheltered there (violence by officials: the staff of a
	// border-management programme), before the migrant's desperation and
	// vulnerability, and not lowered by the centre's shelter, which keeps
	// out others. With it at 0 centres harm no one they shelter, a harm
	// zeroed by a setting, which the claim check says when it is.
	CentreAbuse float64 `toml:"centre_abuse"`

	// CentreDetention is the chance each day that a centre holds a
	// migrant it shelters who would leave of its own accord that day, to
	// go on or to wait for a smuggler: held, it stays in the centre, and
	// the day counts as detained. Offers of return and evacuation go on.
	// With it at 0 centres detain no one, a harm zeroed by a setting,
	// which the claim check says when it is.
	CentreDetention float64 `toml:"centre_detention"`
}

// MarshalText writes the rule's name, for TOML.
func (a Admission) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText reads a rule's name.
func (a *Admission) UnmarshalText(b []byte) error {
	v, ok := ParseAdmission(string(b))
	if !ok {
		msg := fmt.Sprintf("admission must be one of everyone, documented, nobody; got %q", b)
		switch w := strings.ToLower(string(b)); {
		case w == "open" || w == "closed" || w == "shut":
			// The admission factor's built-in levels, which a regime's
			// levels name, are not a post's rule.
			msg += "; open, closed and shut are levels of the admission factor, for a regime's levels (levels = { admission = \"" + w + "\" }); a post's rule is everyone, documented or nobody"
		default:
			msg += suggest.Hint(string(b), []string{"everyone", "documented", "nobody"})
		}
		return errors.New(msg)
	}
	*a = v
	return nil
}

// MarshalText writes the forced condition's name, for TOML.
func (f Force) MarshalText() ([]byte, error) { return []byte(f.String()), nil }

// UnmarshalText reads a forced condition's name ("" for none).
func (f *Force) UnmarshalText(b []byte) error {
	v, ok := ParseForce(string(b))
	if !ok {
		return fmt.Errorf("force must be functioning or failing; got %q%s", b, suggest.Hint(string(b), []string{"functioning", "failing"}))
	}
	*f = v
	return nil
}
