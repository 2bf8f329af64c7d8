package sim

import (
	"context"
	"math"
)

// Names of the random streams of a replicate, one per random process.
// They are part of the reproducibility contract: renaming one changes
// results.
const (
	streamInflow     = "inflow"
	streamPopulation = "population"
	streamPosts      = "posts"
	streamRumours    = "rumours"
	streamDecisions  = "decisions"
	streamAdmission  = "admission"
	streamSmuggling  = "smuggling"
	streamAbuse      = "abuse"
	streamHazard     = "hazard"
	streamMarket     = "market"
	streamPushback   = "pushback"
	streamCentre     = "centre"
	streamDetention  = "detention"
	// keyTies is not a stream: it keys the hash that breaks exact ties
	// between road options (bestRoad), which draws nothing.
	keyTies = "ties"
)

// MaxDays is the longest run: days are stored in 16 bits per migrant.
const MaxDays = 65535

const beliefScale = 65535

// queueEntry is a place in a post's queue. day tells a live entry from a
// stale one left by a migrant who gave up its place and queued again.
type queueEntry struct {
	id  int32
	day uint16
}

type postState struct {
	policy   *PostPolicy // in effect today
	failing  bool        // state of the failure process
	down     bool        // failing today, after any forced condition
	capToday int
	// officials is today's multiplier of officials' abuse rates:
	// (1 − oversight) × (1 + queue effect × ln(1 + queue pressure)).
	officials float64
	queue     queue
	queued    [numClasses]int     // migrants in the queue, by class
	tried     [numClasses]int     // today: migrants processed or stalled, by class
	passed    [numClasses]int     // today: admitted, by class
	news      [numClasses]float64 // what origins believe of the post, by class
	truth     [numClasses]float64 // long-run chance of passing, by class
}

type marketState struct {
	price  float64
	active int
	// asked marks the migrants who asked for a seat today, bit id%64 of
	// asked[id/64] for migrant id, in words from askedFrom on; seats go in
	// the order of IDs, the order in which they asked (sub-step 4). A
	// bitmap costs a bit per migrant, where a list of the askers would
	// cost four bytes each of the many who ask every day.
	asked     []uint64
	askedFrom int
	nAsked    int
	smugglers []int32
	unmet     int // today: requests no seat was left for
	offered   int // today: seats offered
}

// Model is one run of one scenario under one regime for one replicate.
// Build it with New, advance it with Step until Done, read it with Result.
type Model struct {
	cfg  *Config
	rt   *routes
	day  int
	nDst int
	nPst int

	migrants []Migrant
	beliefs  []uint16 // beliefs[id*nPosts+post], 0..65535 for a believed chance 0..1
	// live has bit id%64 of word id/64 set for every migrant not known to
	// be in a final state: the day's pass visits these only, so that
	// migrants who have arrived, returned, stayed or died cost nothing. A
	// migrant's bit is cleared on the first visit after it reaches a final
	// state (wherever it did), so one visit at most is wasted on it.
	live []uint64

	inflow, population, postRng, rumours, decisions, admission, smuggling, abuse, hazard, market *Stream

	// pushback decides violence at interceptions: a stream of its own, so
	// that changing its rate changes nothing else (common random numbers
	// across a sweep of it); drawn from only when the rate is above 0.
	pushback *Stream
	// centre decides abuse by centres' staff, for the same reason: drawn
	// from only when centre_abuse is above 0.
	centre *Stream
	// detention decides whether a centre holds a resident who would
	// leave, likewise: drawn from only when centre_detention is above 0.
	detention *Stream

	posts     []postState
	markets   []marketState
	smugglers []smuggler
	occupancy []int32 // per centre
	centreAt  []int32 // centre hosted at each location, -1

	// Per location, refreshed each day.
	pools    []rumourPool // [(loc*nPosts+post)*numClasses+class]
	smugRate []float64    // daily smuggler abuse rate at each location, before personal multipliers
	offRate  []float64    // daily rate of officials' violence at each location, before the migrant's own multipliers
	sellers  []int32      // smugglers in business based at each location
	atBase   []int32      // of whom at base today, not away on a trip
	// smugglerPrice is, for each location and destination ([loc*nDst+d]),
	// the price of the nearest useful market in reach while it has
	// smugglers in business, +Inf otherwise: whom a smuggler can take.
	smugglerPrice []float64
	// emptyPrice is, where the nearest useful market in reach has no
	// smuggler in business, its price, +Inf otherwise: a blocked migrant
	// who would pay it is unmet demand that draws entrants (7.11).
	emptyPrice []float64
	abuseKind  [][NumAbuseKinds]float64 // smugglers' daily rate of each kind of abuse at each location (none of abandonment: that happens on trips)

	// Thinning of abuse at a place (chance.go, abuse.go): the law of the
	// count-down from the bound of the day's rates there, the bound's
	// chance, and the trials left before the next candidate.
	abuseLaw  []skipLaw
	abuseMax  []float64
	abuseSkip []int64
	maxRisk   float64 // the largest riskMultiplier × papersFactor of officials, for the bound
	maxPapers float64

	// Thinning of deaths and interceptions on links (migrants.go): the
	// largest daily chance on each link, the law of its count-down, and the
	// trials left.
	linkMax  []float64
	linkLaw  []skipLaw
	linkSkip []int64

	perDesperateDay float64 // 1 / DesperationDays
	earn            float32 // EarnPerDay, as money is kept
	trappedAfter    int     // TrappedAfterDays
	seatless        int     // SeatlessTrapped, as 0 or 1 (blockedAs)
	tieKey          uint64  // the replicate's key for breaking ties between road options (bestRoad)
	patience        int     // PatienceDays
	aloneAfter      int     // AloneAfterDays
	giveUp          int     // GiveUpDays
	generalOnly     bool    // tests: no fast paths (stepMigrants)
	// Kept of the regime-wide settings, which phases may change on any
	// day (regimeWideChanged).
	hearsRumours bool    // RumourRate > 0
	rumourKeep   float64 // 1 − RumourWeight
	rumourSlope  float64 // noise per unit of the 32 bits of a rumour's noise: 2·RumourNoise·65535 / 2³²
	centres      bool    // the regime runs centres
	centresBit   int     // centres as 1 or 0 (stepMigrants)
	centreInfo   bool    // centres exist and tell migrants within reach the truth
	toldTruth    []bool  // per location: centres tell migrants there the truth (centreInfo, within a centre's reach)

	// byClass counts migrants by class and state: the records of each
	// group of migrants (DayRecord.Groups) need the class, and keeping
	// the count by state that way too costs setState one index.
	byClass [numClasses][NumStates]int
	rec     DayRecord // running cumulative counters
	sumBorn int64     // sum of Born over migrants not in a final state
	days    []DayRecord
	locs    []LocationDay
	flows   []LinkFlow // day-major, per link; nil unless Config.RecordFlows

	// ownRegime holds the Config's own regime-wide settings while phases
	// replace them (phases.go); nil without phases.
	ownRegime *regimeWide

	// Sink, if set before the first Step, receives every event
	// (events.go).
	Sink EventSink

	fl *fleeState // the Flee rule set's state; nil under borderwork's rules

	// bestFrom's work on a tied road option, per location: the stamp
	// under which it last worked the place out (dpStamp against dpNow),
	// and what it found; and tiedRoadChance's list of the posts of the
	// road found. Last in Model, so that the hot fields above keep their
	// places in the cache lines.
	dpStamp []uint32
	dpNow   uint32
	dpBest  []float64
	dpStep  []int32
	dpPosts []int32
}

// New builds the model of one replicate. seed is the replicate's seed
// (see ReplicateSeed). New does not keep cfg's slices beyond reading them.
func New(cfg *Config, seed uint64) (*Model, error) {
	return newModel(context.Background(), cfg, seed)
}

// newModel is New, stopping with ctx's error if ctx ends while the
// routes are found: a region of thousands of locations takes minutes
// (their cube), and Ctrl-C waited for them.
func newModel(ctx context.Context, cfg *Config, seed uint64) (*Model, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if err := cfg.checkSize(); err != nil { // before allocating anything
		return nil, err
	}
	m := &Model{cfg: cfg, perDesperateDay: 1 / float64(max(cfg.Migrants.DesperationDays, 1))}
	m.usePhases(cfg)
	m.applyPhase() // day 0's phase, before anything is drawn or set from it
	m.earn = float32(cfg.Migrants.EarnPerDay)
	m.trappedAfter, m.patience = cfg.Migrants.TrappedAfterDays, cfg.Migrants.PatienceDays
	m.seatless = bit(cfg.Migrants.SeatlessTrapped)
	m.aloneAfter, m.giveUp = cfg.Migrants.AloneAfterDays, cfg.Migrants.GiveUpDays
	rt, err := buildRoutes(ctx, cfg, cfg.Migrants.MarketReachDays)
	if err != nil {
		return nil, err
	}
	m.rt = rt
	if rt.tied {
		m.dpStamp, m.dpBest, m.dpStep = make([]uint32, rt.n), make([]float64, rt.n), make([]int32, rt.n)
	}
	for _, l := range cfg.Region.Locations {
		if l.Kind == KindDestination {
			m.nDst++
		}
	}
	m.nPst = len(cfg.Posts)
	m.inflow = NewStream(seed, streamInflow)
	m.population = NewStream(seed, streamPopulation)
	m.postRng = NewStream(seed, streamPosts)
	m.rumours = NewStream(seed, streamRumours)
	m.decisions = NewStream(seed, streamDecisions)
	m.admission = NewStream(seed, streamAdmission)
	m.smuggling = NewStream(seed, streamSmuggling)
	m.abuse = NewStream(seed, streamAbuse)
	m.hazard = NewStream(seed, streamHazard)
	m.market = NewStream(seed, streamMarket)
	m.pushback = NewStream(seed, streamPushback)
	m.centre = NewStream(seed, streamCentre)
	m.detention = NewStream(seed, streamDetention)
	m.tieKey = SplitMix64(seed ^ streamKey(keyTies))

	n := len(cfg.Region.Locations)
	m.posts = make([]postState, m.nPst)
	for i := range m.posts {
		p := &m.posts[i]
		p.policy = &cfg.Posts[i].Policy
		for c := range p.news {
			p.news[c] = m.cfg.Information.Prior
		}
		p.truth = truth(p.policy)
	}
	m.markets = make([]marketState, len(cfg.Markets))
	for i, mk := range cfg.Markets {
		m.markets[i].price = cfg.Smuggling.Price
		for j := 0; j < mk.Smugglers; j++ {
			m.addSmuggler(i)
		}
	}
	m.occupancy = make([]int32, len(cfg.Centres))
	m.centreAt = make([]int32, n)
	for i := range m.centreAt {
		m.centreAt[i] = -1
	}
	for i, c := range cfg.Centres {
		m.centreAt[c.Location] = int32(i)
	}
	m.pools = make([]rumourPool, n*m.nPst*numClasses)
	m.smugglerPrice = make([]float64, len(m.rt.marketFor))
	m.emptyPrice = make([]float64, len(m.rt.marketFor))
	m.toldTruth = make([]bool, n)
	m.abuseLaw = make([]skipLaw, n)
	m.abuseMax = make([]float64, n)
	m.abuseSkip = make([]int64, n)
	ab := &cfg.Abuse
	m.maxPapers = max(1, ab.PapersEffect)
	m.maxRisk = (1 + ab.DesperationEffect) * max(1, ab.VulnerableFactor)
	m.regimeWideChanged()
	m.smugRate = make([]float64, n)
	m.offRate = make([]float64, n)
	m.sellers = make([]int32, n)
	m.atBase = make([]int32, n)
	m.abuseKind = make([][NumAbuseKinds]float64, n)
	m.refreshMarkets()

	initial := 0
	for _, o := range cfg.Origins {
		initial += o.Initial
	}
	inflow := cfg.fromOrigins().Migrants - float64(initial)
	m.days = make([]DayRecord, 0, cfg.Days)
	if cfg.RecordLocations {
		m.locs = make([]LocationDay, 0, cfg.Days*n)
	}
	if cfg.RecordFlows {
		m.flows = make([]LinkFlow, 0, cfg.Days*len(cfg.Region.Links))
	}
	if cfg.Rules == RulesFlee {
		m.initFlee(seed)
		return m, nil
	}
	// Room for the population: those present on day 0 and the expected
	// inflow with a margin of four standard deviations of its Poisson
	// total, so that a run almost never reallocates its largest slices.
	capHint := initial + int(inflow+float64(4*math.Sqrt(inflow))) + 64
	m.allocate(capHint) // slab.go
	return m, nil
}

// Day is the number of days simulated so far.
func (m *Model) Day() int { return m.day }

// Done reports whether the run has reached its last day.
func (m *Model) Done() bool { return m.day >= m.cfg.Days }

// Migrants gives read access to the migrants, indexed by ID.
func (m *Model) Migrants() []Migrant { return m.migrants }

// Belief is migrant id's believed chance of passing post p, in [0, 1].
func (m *Model) Belief(id, p int) float64 {
	return float64(m.beliefs[id*m.nPst+p]) / beliefScale
}

// Result returns the records so far. The slices are the model's own.
func (m *Model) Result() *Result { return &Result{Days: m.days, Locations: m.locs, Flows: m.flows} }

// CountStates recounts the migrants in each state from the agents
// themselves, independently of the running counts that records use.
func (m *Model) CountStates() [NumStates]int {
	var c [NumStates]int
	for i := range m.migrants {
		c[m.migrants[i].State]++
	}
	return c
}

// Run builds a model and runs it to the end. RunContext is Run with a way
// to stop it and to watch it day by day. seed is the replicate's seed
// (ReplicateSeed of the master seed, which a scenario's seed gives as
// uint64(seed)). Its error is New's for a configuration that cannot be
// run (Config.Validate says why), or, if the migrants counted at the end
// do not add up to those created, "sim: conservation broken": a bug in
// the engine, never bad input.
func Run(cfg *Config, seed uint64) (*Result, error) {
	return RunContext(context.Background(), cfg, seed)
}

// Step advances the model by one day. The sub-steps run in this fixed
// order (docs/MODEL.md, "Process overview and scheduling"):
//
//  0. the day's phase and each post's policy (schedules) take hold
//  1. inflow: new migrants at origins
//  2. posts: each post's condition and capacity for the day
//  3. information: news reaches origins; yesterday's rumour pools open
//  4. migrants, by ID: those on a link travel a day (hazards, patrols,
//     arrival); those at a location hear rumours, decide, and are exposed
//     to abuse
//  5. queues: each post processes its queue, first come first served
//  6. smuggling: each market seats those who asked, smugglers depart
//  7. market: prices, entry and exit of smugglers
//  8. records
func (m *Model) Step() {
	if m.Done() {
		return
	}
	// A dated change of regime takes hold at the start of its day
	// (phases.go), and so do the posts' policies.
	m.stepPhase()
	m.applyPolicies()
	if m.day == 0 && m.Sink != nil {
		m.emitPresent()
	}
	if m.fl != nil { // the Flee rule set: flee.go
		m.stepFlee()
		m.day++
		return
	}
	m.stepInflow()
	m.stepPosts()
	m.stepInformation()
	m.stepMigrants()
	m.stepQueues()
	m.stepSmuggling()
	m.stepMarket()
	m.stepRecords()
	m.day++
}

// counts are the migrants in each state.
func (m *Model) counts() [NumStates]int {
	var n [NumStates]int
	for c := range m.byClass {
		for s, k := range m.byClass[c] {
			n[s] += k
		}
	}
	return n
}

// regimeWideChanged works out again what the engine keeps of the
// regime-wide settings (Enforcement, Protection, Information), when the
// model is built and whenever a phase changes them (phases.go): the
// constants of rumours, where centres tell the truth, and each link's
// bound on its hazards, whose count-downs are drawn afresh (a count-down
// drawn for another bound would not give the new chances).
func (m *Model) regimeWideChanged() {
	cfg := m.cfg
	m.centres = cfg.Protection.Centres
	m.centresBit = bit(m.centres)
	m.centreInfo = cfg.Protection.Centres && cfg.Information.CentreInfo
	for loc := range m.toldTruth {
		m.toldTruth[loc] = m.centreInfo && m.rt.centreFor[loc] >= 0
	}
	info := &cfg.Information
	m.hearsRumours = info.RumourRate > 0
	m.rumourKeep = 1 - info.RumourWeight
	m.rumourSlope = 2 * info.RumourNoise * beliefScale * 0x1p-32
	m.linkBounds()
}

// setState changes a migrant's state, telling the sink, if any, of the
// change (events.go). The callers on the hot path (depart, arrive,
// classify, decide and the day in a queue) write it out as its two
// halves, which are inlined where it is not.
func (m *Model) setState(mg *Migrant, s State) {
	m.tellState(mg, s)
	m.countState(mg, s)
}

// tellState tells the sink, if any, of mg's change of state to s, before
// countState makes it: without a sink, one test.
func (m *Model) tellState(mg *Migrant, s State) {
	if m.Sink != nil {
		m.emitState(mg, s)
	}
}

// countState changes mg's state to s in the counts by class and state and
// the records.
func (m *Model) countState(mg *Migrant, s State) {
	c := &m.byClass[int(mg.Flags&Documented)|int(min(mg.Vuln, 1))<<1] // classOf(mg), without a branch (see classOf)
	c[mg.State]--
	c[s]++
	if s >= Arrived && mg.State < Arrived { // s.Final() && !mg.State.Final(), written out likewise
		m.sumBorn -= int64(mg.Born)
	}
	if s == Returned {
		if mg.Flags&AssistedReturn != 0 {
			m.rec.ReturnsAssisted++
		} else {
			m.rec.ReturnsFree++
		}
	}
	mg.State = s
}

// A migrant's class is what a post's rules look at: documents and
// vulnerability. Beliefs, news and rumours are kept by class, since a post
// closed to one class may be open to another.
const numClasses = 4

// countState computes a migrant's class without a branch, so that it stays
// inlinable; it relies on Documented being flag bit 0 and NotVulnerable
// being 0, and these lines fail to compile otherwise.
var (
	_ = [1]struct{}{}[Documented-1]
	_ = [1]struct{}{}[NotVulnerable]
)

func classOf(mg *Migrant) int {
	return int(mg.Flags&Documented) | vulnerableClass[mg.Vuln&3] // Documented is bit 0
}

// groupRecords are the running records of the groups a migrant belongs
// to: documented or undocumented, and vulnerable (nil if it is not).
func (m *Model) groupRecords(mg *Migrant) (docOrNot, vulnerable *GroupRecord) {
	docOrNot = &m.rec.Groups[GroupUndocumented]
	if mg.Flags&Documented != 0 {
		docOrNot = &m.rec.Groups[GroupDocumented]
	}
	if mg.Vuln != NotVulnerable {
		vulnerable = &m.rec.Groups[GroupVulnerable]
	}
	return docOrNot, vulnerable
}

// vulnerableClass is the part of a class that vulnerability gives; a
// table, since which migrants are vulnerable follows no pattern a branch
// could predict.
var vulnerableClass = [4]int{NotVulnerable: 0, Minor: 2, Sick: 2, Trafficked: 2}
