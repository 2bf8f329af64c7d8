package scenarios

import "github.com/borderwork/borderwork/sim"

// File is a scenario as written in TOML. Its field tags are the file's
// keys: docs/SCENARIOS.md documents each (docs_test.go fails until a new
// one is), and docs/MODEL.md what each does in the model. Optional
// numbers are pointers, so that "absent" (take the default) differs from 0.
type File struct {
	Name           string   `toml:"name"`
	Title          string   `toml:"title"`
	Description    string   `toml:"description"`
	Sources        []string `toml:"sources"`
	Seed           int64    `toml:"seed"`
	Days           int      `toml:"days"`
	Replicates     int      `toml:"replicates"`
	DefaultRegimes []string `toml:"default_regimes"`
	// Rules selects the movement rules: "borderwork" (the default when
	// empty) or "flee" (docs/MODEL.md, "The Flee rule set").
	Rules string `toml:"rules,omitempty"`
	// Start is the calendar date of day 0 (YYYY-MM-DD), for reports and
	// for comparing a run with dated observations; the engine does not
	// read it.
	Start string `toml:"start,omitempty"`
	// PeoplePerAgent is how many people one simulated migrant stands for
	// in a scenario scaled down to run faster; validation multiplies
	// counts by it. The engine does not read it.
	PeoplePerAgent *float64 `toml:"people_per_agent,omitempty"`

	Countries []string       `toml:"countries"`
	Locations []LocationSpec `toml:"locations"`
	Links     []LinkSpec     `toml:"links"`
	Origins   []OriginSpec   `toml:"origins"`
	Posts     []PostSpec     `toml:"posts"`
	Markets   []MarketSpec   `toml:"markets"`
	Centres   []CentreSpec   `toml:"centres"`
	Closures  []ClosureSpec  `toml:"closures,omitempty"` // Flee rule set only
	Phases    []PhaseSpec    `toml:"phases,omitempty"`   // dated changes of regime (phases.go)
	Monitors  []MonitorSpec  `toml:"monitors,omitempty"` // flow monitoring points (phases.go)

	// Programmes are capacity-building programmes that change posts over
	// time (programme.go).
	Programmes []ProgrammeSpec `toml:"programmes"`

	Migrants    sim.Behaviour   `toml:"migrants"`
	Information InformationSpec `toml:"information"`
	Smuggling   sim.Smuggling   `toml:"smuggling"`
	Abuse       sim.Abuse       `toml:"abuse"`
	Harm        sim.HarmWeights `toml:"harm_weights"`
	Flee        *FleeSpec       `toml:"flee,omitempty"` // the Flee rule set's settings; nil unless rules = "flee"

	// Factors changes the keys of the factors' levels, or adds levels:
	// [factors.FACTOR.LEVEL] with keys of that factor only.
	Factors map[string]map[string]*RegimeSpec `toml:"factors"`
	Regimes map[string]*RegimeSpec            `toml:"regimes"`
}

// LocationSpec is a [[locations]] entry. Lat and lon place it on a map
// under either rule set; the keys after them are read by the Flee rule
// set only.
type LocationSpec struct {
	Name    string   `toml:"name"`
	Kind    string   `toml:"kind"`
	Country string   `toml:"country"`
	Lat     *float64 `toml:"lat,omitempty"` // decimal degrees
	Lon     *float64 `toml:"lon,omitempty"`

	Population *int               `toml:"population,omitempty"` // people living there
	Capacity   *int               `toml:"capacity,omitempty"`   // a camp's capacity, agents
	Initial    *int               `toml:"initial,omitempty"`    // agents there on day 0
	Forward    bool               `toml:"forward,omitempty"`    // a forwarding hub: always left
	Conflict   []ConflictStepSpec `toml:"conflict,omitempty"`   // changes of its conflict state
}

// ConflictStepSpec makes a location a conflict zone of the given
// intensity from day from on, or, with intensity 0, ends its conflict.
type ConflictStepSpec struct {
	From      int     `toml:"from"`
	Intensity float64 `toml:"intensity"`
}

// ClosureSpec is a [[closures]] entry: under the Flee rule set, what is
// closed on days [from, to). names holds two countries (kind "country"),
// one location ("location"), the two ends of a link ("link") or one camp
// ("camp").
type ClosureSpec struct {
	Kind  string   `toml:"kind"`
	Names []string `toml:"names"`
	From  int      `toml:"from"`
	To    *int     `toml:"to"` // absent: to the end of the run
}

// FleeSpec is the [flee] table: Flee's move and spawn rules, under the
// names of Flee's simsetting.yml, and the new agents the data asks for.
type FleeSpec struct {
	MaxMoveSpeed               float64   `toml:"max_move_speed"`
	MaxWalkSpeed               float64   `toml:"max_walk_speed"`
	StartOnFoot                bool      `toml:"start_on_foot"`
	AvoidShortStints           bool      `toml:"avoid_short_stints"`
	DefaultMoveChance          float64   `toml:"default_movechance"`
	ConflictMoveChance         float64   `toml:"conflict_movechance"`
	CampMoveChance             float64   `toml:"camp_movechance"`
	CampWeight                 float64   `toml:"camp_weight"`
	ConflictWeight             float64   `toml:"conflict_weight"`
	ForeignWeight              float64   `toml:"foreign_weight"`
	Softening                  float64   `toml:"softening"`
	DistancePower              float64   `toml:"distance_power"`
	WeightPower                float64   `toml:"weight_power"`
	WeightSoftening            float64   `toml:"weight_softening"`
	AwarenessLevel             int       `toml:"awareness_level"`
	PruningThreshold           float64   `toml:"pruning_threshold"`
	CapacityScaling            float64   `toml:"capacity_scaling"`
	CapacityBuffer             float64   `toml:"capacity_buffer"`
	ConflictSpawnDecay         []float64 `toml:"conflict_spawn_decay"`
	ConflictSpawnDecayInterval int       `toml:"conflict_spawn_decay_interval"`
	TakeFromPopulation         bool      `toml:"take_from_population"`
	Documented                 float64   `toml:"documented"` // share of agents holding travel documents; not a Flee setting (borderwork's, for its regimes)
	Spawn                      []int     `toml:"spawn"`      // new agents asked for on each day from day 0; negative days are a debt
}

// defaultFlee is the [flee] table with Flee's code defaults.
func defaultFlee() *FleeSpec {
	d := sim.DefaultFlee()
	return &FleeSpec{
		MaxMoveSpeed: d.MaxMoveSpeed, MaxWalkSpeed: d.MaxWalkSpeed, StartOnFoot: d.StartOnFoot, AvoidShortStints: d.AvoidShortStints,
		DefaultMoveChance: d.DefaultMoveChance, ConflictMoveChance: d.ConflictMoveChance, CampMoveChance: d.CampMoveChance,
		CampWeight: d.CampWeight, ConflictWeight: d.ConflictWeight, ForeignWeight: d.ForeignWeight,
		Softening: d.Softening, DistancePower: d.DistancePower, WeightPower: d.WeightPower, WeightSoftening: d.WeightSoftening,
		AwarenessLevel: d.AwarenessLevel, PruningThreshold: d.PruningThreshold,
		CapacityScaling: d.CapacityScaling, CapacityBuffer: d.CapacityBuffer,
		ConflictSpawnDecayInterval: d.ConflictSpawnDecayInterval, TakeFromPopulation: d.TakeFromPopulation,
		Documented: d.Documented,
	}
}

// LinkSpec is a [[links]] entry. Travel time is days, or distance_km over
// speed_km_per_day; either way it is rounded up to whole days.
type LinkSpec struct {
	From          string   `toml:"from"`
	To            string   `toml:"to"`
	Kind          string   `toml:"kind"`
	Days          *float64 `toml:"days"`
	DistanceKm    *float64 `toml:"distance_km"`
	SpeedKmPerDay *float64 `toml:"speed_km_per_day"`
	Hazard        float64  `toml:"hazard"`
	Alone         bool     `toml:"alone"`
}

// OriginSpec is an [[origins]] entry: where migrants enter, how many, and
// who they are.
type OriginSpec struct {
	Location       string           `toml:"location"`
	Initial        int              `toml:"initial"`
	Inflow         *float64         `toml:"inflow"`
	InflowSchedule []InflowStepSpec `toml:"inflow_schedule"`
	InflowCSV      string           `toml:"inflow_csv"`

	MoneyMean    *float64 `toml:"money_mean"`
	MoneyCV      *float64 `toml:"money_cv"`
	Documented   *float64 `toml:"documented"`
	Minor        *float64 `toml:"minor"`
	Sick         *float64 `toml:"sick"`
	Trafficked   *float64 `toml:"trafficked"`
	WillSmuggle  *float64 `toml:"will_smuggle"`
	WillTurnBack *float64 `toml:"will_turn_back"`

	Destinations       []string  `toml:"destinations"`
	DestinationWeights []float64 `toml:"destination_weights"`
}

// InflowStepSpec sets the mean inflow from day From on.
type InflowStepSpec struct {
	From int     `toml:"from"`
	Rate float64 `toml:"rate"`
}

// PostSpec is a [[posts]] entry. Policy keys written here hold for this
// post under every regime; a schedule changes them on given days.
type PostSpec struct {
	Name     string       `toml:"name"`
	Location string       `toml:"location"`
	Capacity *float64     `toml:"capacity"` // required
	Schedule []WindowSpec `toml:"schedule"`
	PolicySpec
}

// WindowSpec is a [[posts.schedule]] entry: policy keys that hold on days
// [from, to), under the listed regimes and under every regime at the
// given levels; with neither, under every regime.
type WindowSpec struct {
	From    int      `toml:"from"`
	To      *int     `toml:"to"`
	Regimes []string `toml:"regimes"`
	Levels  *Levels  `toml:"levels"`
	PolicySpec
}

// PolicySpec holds optional post-policy keys (see sim.PostPolicy).
type PolicySpec struct {
	Admission       *sim.Admission `toml:"admission"`
	CapacityFactor  *float64       `toml:"capacity_factor"`
	CapacityCV      *float64       `toml:"capacity_cv"`
	OutageStart     *float64       `toml:"outage_start"`
	OutageDays      *float64       `toml:"outage_days"`
	FailingCapacity *float64       `toml:"failing_capacity"`
	Refusal         *float64       `toml:"refusal"`
	DocumentCheck   *float64       `toml:"document_check"`
	Oversight       *float64       `toml:"oversight"`
	Screening       *float64       `toml:"screening"`
	AsylumShare     *float64       `toml:"asylum_share"`
	Force           *sim.Force     `toml:"force"`
}

// MarketSpec is a [[markets]] entry: smugglers at location driving the
// irregular link to `to`.
type MarketSpec struct {
	Location     string `toml:"location"`
	To           string `toml:"to"`
	Smugglers    int    `toml:"smugglers"`
	MaxSmugglers *int   `toml:"max_smugglers"` // required
}

// CentreSpec is a [[centres]] entry. Its location is a centre of its own
// or a hub that hosts it.
type CentreSpec struct {
	Location        string   `toml:"location"`
	Capacity        *int     `toml:"capacity"` // required
	Shelter         *float64 `toml:"shelter"`
	Medical         *float64 `toml:"medical"`
	ReturnOfferDays *int     `toml:"return_offer_days"`
	ReturnUptake    *float64 `toml:"return_uptake"`
	Evacuation      *float64 `toml:"evacuation"`
	Reach           *int     `toml:"reach"`
}

// InformationSpec is the [information] table: how beliefs form, apart from
// what regimes set (accuracy, rumour_noise, news_rate, centre_info).
type InformationSpec struct {
	Prior            float64 `toml:"prior"`
	ExperienceWeight float64 `toml:"experience_weight"`
	QueueWeight      float64 `toml:"queue_weight"`
	RumourRate       float64 `toml:"rumour_rate"`
	RumourWeight     float64 `toml:"rumour_weight"`
}

// RegimeSpec is a [regimes.NAME] table: a point of the factor space (one
// level per factor, see Factors) and any keys that differ from it. Levels
// and keys left out come from base (a regime name), or, without a base,
// the keys from the engine's defaults. The same type holds a factor
// level's keys under [factors.FACTOR.LEVEL].
type RegimeSpec struct {
	Base        string  `toml:"base,omitempty"`
	Description string  `toml:"description,omitempty"`
	Levels      *Levels `toml:"levels"`
	PolicySpec

	Patrol           *float64 `toml:"patrol"`
	IrregularHazard  *float64 `toml:"irregular_hazard"`
	AloneHazard      *float64 `toml:"alone_hazard"`
	PushbackViolence *float64 `toml:"pushback_violence"`

	Centres         *bool    `toml:"centres"`
	AssistAfterDays *int     `toml:"assist_after_days"`
	Rescue          *float64 `toml:"rescue"`
	CentreAbuse     *float64 `toml:"centre_abuse"`
	CentreDetention *float64 `toml:"centre_detention"`

	Accuracy    *float64 `toml:"accuracy"`
	RumourNoise *float64 `toml:"rumour_noise"`
	NewsRate    *float64 `toml:"news_rate"`
	CentreInfo  *bool    `toml:"centre_info"`
}

// Defaults for the parts of a file that may be left out.
var (
	defaultOrigin = OriginSpec{
		MoneyMean: ptr(600.0), MoneyCV: ptr(0.6),
		Documented: ptr(0.2), Minor: ptr(0.1), Sick: ptr(0.05), Trafficked: ptr(0.05),
		WillSmuggle: ptr(0.8), WillTurnBack: ptr(0.5),
	}
	defaultCentre = CentreSpec{
		Shelter: ptr(0.8), Medical: ptr(0.8), ReturnOfferDays: ptr(14), ReturnUptake: ptr(0.05), Evacuation: ptr(0.0), Reach: ptr(3),
	}
)

func ptr[T any](v T) *T { return &v }

// newFile returns a file holding every default, for TOML to be decoded
// onto.
func newFile() *File {
	d := sim.Defaults()
	info := sim.DefaultInformation()
	return &File{
		Days:       d.Days,
		Replicates: 20,
		Migrants:   d.Migrants,
		Information: InformationSpec{
			Prior: info.Prior, ExperienceWeight: info.ExperienceWeight, QueueWeight: info.QueueWeight,
			RumourRate: info.RumourRate, RumourWeight: info.RumourWeight,
		},
		Smuggling: d.Smuggling,
		Abuse:     d.Abuse,
		Harm:      d.Harm,
		Flee:      defaultFlee(), // dropped after decoding unless the file has [flee]
	}
}
