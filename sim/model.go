package sim

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat/distuv"
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
	queue    []queueEntry
	head     int
	queued   [numClasses]int     // migrants in the queue, by class
	tried    [numClasses]int     // today: migrants processed or stalled, by class
	passed   [numClasses]int     // today: admitted, by class
	news     [numClasses]float64 // what origins believe of the post, by class
	truth    [numClasses]float64 // long-run chance of passing, by class
}

type marketState struct {
	price     float64
	active    int
	requests  []int32
	smugglers []int32
	unmet     int // today: requests no seat was left for
	offered   int // today: seats offered
}

// Model is one run of one scenario under one regime for one replicate.
// Build it with New, advance it with Step, read it with Records.
type Model struct {
	cfg  *Config
	rt   *routes
	day  int
	nDst int
	nPst int

	migrants []Migrant
	beliefs  []uint16 // beliefs[id*nPosts+post], 0..65535 for a believed chance 0..1

	inflow, population, postRng, rumours, decisions, admission, smuggling, abuse, hazard, market *Stream

	posts     []postState
	markets   []marketState
	smugglers []smuggler
	occupancy []int32 // per centre
	centreAt  []int32 // centre hosted at each location, -1

	// Per location, refreshed each day.
	poolMean  []float32 // rumour pool: mean belief of yesterday's migrants, [(loc*nPosts+post)*numClasses+class]
	poolSum   []float32
	poolN     []int32
	smugRate  []float64    // daily smuggler abuse rate at each location, before personal multipliers
	offRate   []float64    // daily official violence rate at each location
	sellers   []int32      // smugglers in business based at each location
	atBase    []int32      // of whom at base today, not away on a trip
	abuseKind [][3]float64 // smugglers' daily rates at each location: extortion, violence, kidnap

	perDesperateDay float64 // 1 / DesperationDays

	counts  [NumStates]int
	rec     DayRecord // running cumulative counters
	sumBorn int64     // sum of Born over migrants not in a final state
	days    []DayRecord
	locs    []LocationDay

	// Sink, if set, receives every abuse event.
	Sink EventSink
}

// New builds the model of one replicate. seed is the replicate's seed
// (see ReplicateSeed). New does not keep cfg's slices beyond reading them.
func New(cfg *Config, seed uint64) (*Model, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	m := &Model{cfg: cfg, perDesperateDay: 1 / float64(max(cfg.Migrants.DesperationDays, 1))}
	m.rt = buildRoutes(cfg, cfg.Migrants.MarketReachDays)
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

	n := len(cfg.Region.Locations)
	m.posts = make([]postState, m.nPst)
	for i := range m.posts {
		p := &m.posts[i]
		p.policy = &cfg.Posts[i].Policy
		for c := range p.news {
			p.news[c] = cfg.Information.Prior
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
	m.poolMean = make([]float32, n*m.nPst*numClasses)
	m.poolSum = make([]float32, n*m.nPst*numClasses)
	m.poolN = make([]int32, n*m.nPst*numClasses)
	m.smugRate = make([]float64, n)
	m.offRate = make([]float64, n)
	m.sellers = make([]int32, n)
	m.atBase = make([]int32, n)
	m.abuseKind = make([][3]float64, n)
	m.refreshMarkets()

	expected := 0.0
	for _, o := range cfg.Origins {
		expected += float64(o.Initial)
		for i, s := range o.Inflow {
			end := cfg.Days
			if i+1 < len(o.Inflow) {
				end = min(o.Inflow[i+1].From, cfg.Days)
			}
			if end > s.From {
				expected += s.Rate * float64(end-s.From)
			}
		}
	}
	// Room for the expected population plus a margin, so that a run rarely
	// reallocates its largest slice.
	capHint := int(expected*1.05) + 64
	m.migrants = make([]Migrant, 0, capHint)
	m.beliefs = make([]uint16, 0, capHint*m.nPst)
	m.days = make([]DayRecord, 0, cfg.Days)
	if cfg.RecordLocations {
		m.locs = make([]LocationDay, 0, cfg.Days*n)
	}
	return m, nil
}

// check catches configurations the engine cannot run; the scenario loader
// gives users the friendly version of these errors.
func (c *Config) check() error {
	n := len(c.Region.Locations)
	switch {
	case c.Days < 1 || c.Days > MaxDays:
		return fmt.Errorf("sim: days must be in 1..%d, got %d", MaxDays, c.Days)
	case n == 0:
		return errors.New("sim: region has no locations")
	case n > math.MaxUint16:
		return fmt.Errorf("sim: at most %d locations, got %d", math.MaxUint16, n)
	case len(c.Region.Links) > math.MaxUint16:
		return fmt.Errorf("sim: at most %d links, got %d", math.MaxUint16, len(c.Region.Links))
	}
	for i, l := range c.Region.Links {
		if l.From < 0 || l.From >= n || l.To < 0 || l.To >= n || l.Days < 1 {
			return fmt.Errorf("sim: link %d is malformed", i)
		}
	}
	for i, o := range c.Origins {
		if o.Location < 0 || o.Location >= n || len(o.Destinations) == 0 || len(o.Destinations) != len(o.Weights) {
			return fmt.Errorf("sim: origin %d is malformed", i)
		}
		for _, d := range o.Destinations {
			if d < 0 || d >= n || c.Region.Locations[d].Kind != KindDestination {
				return fmt.Errorf("sim: origin %d has a destination that is not a destination location", i)
			}
		}
	}
	for i, p := range c.Posts {
		if p.Location < 0 || p.Location >= n {
			return fmt.Errorf("sim: post %d is malformed", i)
		}
	}
	for i, mk := range c.Markets {
		if mk.Location < 0 || mk.Location >= n || mk.Link < 0 || mk.Link >= len(c.Region.Links) {
			return fmt.Errorf("sim: market %d is malformed", i)
		}
		if l := c.Region.Links[mk.Link]; l.Kind != Irregular || (l.From != mk.Location && l.To != mk.Location) {
			return fmt.Errorf("sim: market %d's link is not an irregular link from its location", i)
		}
	}
	for i, ce := range c.Centres {
		if ce.Location < 0 || ce.Location >= n {
			return fmt.Errorf("sim: centre %d is malformed", i)
		}
	}
	if c.Smuggling.Seats < 1 && len(c.Markets) > 0 {
		return errors.New("sim: smugglers need at least one seat")
	}
	return nil
}

// A migrant's class is what a post's rules look at: documents and
// vulnerability. Beliefs, news and rumours are kept by class, since a post
// closed to one class may be open to another.
const numClasses = 4

func classOf(mg *Migrant) int {
	c := 0
	if mg.Flags&Documented != 0 {
		c = 1
	}
	if mg.Vuln != NotVulnerable {
		c += 2
	}
	return c
}

// truth is the long-run chance that a post lets a migrant of each class
// through: what an accurate source would say. It leaves out congestion
// and bribes. Screening (see process) lets a share of the identified
// vulnerable through on a protection channel; referring the others to a
// centre is help, not passage, and changes no one's chance of passing.
func truth(p *PostPolicy) [numClasses]float64 {
	avail := 1.0
	switch p.Force {
	case ForceFailing:
		avail = p.FailingCapacity
	case ForceNone:
		if p.OutageStart > 0 {
			// Stationary share of days failing in the two-state chain.
			rec := 1 / math.Max(p.OutageDays, 1)
			fail := p.OutageStart / (p.OutageStart + rec)
			avail = 1 - fail + fail*p.FailingCapacity
		}
	}
	var t [numClasses]float64
	for c := range t {
		documented, vulnerable := c&1 == 1, c >= 2
		pass := 0.0
		if admits(p, documented) {
			pass = avail * (1 - p.Refusal)
		}
		if vulnerable {
			protected := p.Screening * p.AsylumShare
			pass = protected*avail + (1-protected)*pass
		}
		t[c] = pass
	}
	return t
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
func (m *Model) Result() *Result { return &Result{Days: m.days, Locations: m.locs} }

// CountStates recounts the migrants in each state from the agents
// themselves, independently of the running counts that records use.
func (m *Model) CountStates() [NumStates]int {
	var c [NumStates]int
	for i := range m.migrants {
		c[m.migrants[i].State]++
	}
	return c
}

// Run builds a model and runs it to the end.
func Run(cfg *Config, seed uint64) (*Result, error) {
	m, err := New(cfg, seed)
	if err != nil {
		return nil, err
	}
	for !m.Done() {
		m.Step()
	}
	// Conservation, checked against the agents themselves: every migrant
	// created is in exactly one state, and the counts the records use agree.
	recount := m.CountStates()
	total := 0
	for _, n := range recount {
		total += n
	}
	if recount != m.counts || total != m.rec.Created {
		return nil, fmt.Errorf("sim: conservation broken: agents %v (%d), counts %v, %d created", recount, total, m.counts, m.rec.Created)
	}
	return m.Result(), nil
}

// Step advances the model by one day. The sub-steps run in this fixed
// order (docs/MODEL.md, "Process overview and scheduling"):
//
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

func (m *Model) setState(mg *Migrant, s State) {
	m.counts[mg.State]--
	m.counts[s]++
	if s.Final() && !mg.State.Final() {
		m.sumBorn -= int64(mg.Born)
	}
	mg.State = s
}

// --- 1. inflow -------------------------------------------------------------

func (m *Model) stepInflow() {
	for oi := range m.cfg.Origins {
		o := &m.cfg.Origins[oi]
		n := 0
		if m.day == 0 {
			n += o.Initial
		}
		if rate := inflowRate(o.Inflow, m.day); rate > 0 {
			n += int(distuv.Poisson{Lambda: rate, Src: m.inflow.Source()}.Rand())
		}
		for range n {
			m.create(o)
		}
	}
}

func inflowRate(steps []InflowStep, day int) float64 {
	rate := 0.0
	for _, s := range steps {
		if s.From > day {
			break
		}
		rate = s.Rate
	}
	return rate
}

// create adds one migrant. It always makes the same seven draws from the
// population stream, whatever the parameters, so that the same replicate
// has the same people in every regime and at every sweep point.
func (m *Model) create(o *Origin) {
	r := m.population
	u1, u2 := r.Float64(), r.Float64()
	uDoc, uVuln, uSmug, uBack, uDest := r.Float64(), r.Float64(), r.Float64(), r.Float64(), r.Float64()

	// Log-normal money by Box–Muller (two uniforms, always).
	money := 0.0
	if o.MoneyMean > 0 {
		sigma2 := math.Log1p(o.MoneyCV * o.MoneyCV)
		z := math.Sqrt(-2*math.Log(1-u1)) * math.Cos(2*math.Pi*u2)
		money = math.Exp(math.Log(o.MoneyMean) - sigma2/2 + math.Sqrt(sigma2)*z)
	}
	mg := Migrant{
		Money: float32(money),
		Born:  uint16(m.day),
		Loc:   uint16(o.Location),
		Prev:  uint16(o.Location),
		Home:  uint16(o.Location),
		State: Waiting,
	}
	if uDoc < o.Documented {
		mg.Flags |= Documented
	}
	switch {
	case uVuln < o.Minor:
		mg.Vuln = Minor
	case uVuln < o.Minor+o.Sick:
		mg.Vuln = Sick
	case uVuln < o.Minor+o.Sick+o.Trafficked:
		mg.Vuln = Trafficked
	}
	if uSmug < o.WillSmuggle {
		mg.Flags |= WillSmuggle
	}
	if uBack < o.WillTurnBack {
		mg.Flags |= WillTurnBack
	}
	total := 0.0
	for _, w := range o.Weights {
		total += w
	}
	pick, acc := o.Destinations[len(o.Destinations)-1], 0.0
	for i, w := range o.Weights {
		acc += w
		if uDest*total < acc {
			pick = o.Destinations[i]
			break
		}
	}
	mg.Dest = uint16(pick)

	id := len(m.migrants)
	m.migrants = append(m.migrants, mg)
	class := classOf(&mg)
	info := &m.cfg.Information
	for p := range m.posts {
		b := info.Accuracy*m.posts[p].truth[class] + (1-info.Accuracy)*m.posts[p].news[class]
		m.beliefs = append(m.beliefs, toBelief(b))
	}
	m.counts[Waiting]++
	m.rec.Created++
	m.sumBorn += int64(mg.Born)
	if o.Location == pick {
		m.setState(&m.migrants[id], Arrived)
	}
}

func toBelief(b float64) uint16 {
	if b <= 0 {
		return 0
	}
	if b >= 1 {
		return beliefScale
	}
	return uint16(b*beliefScale + 0.5)
}

// --- 2. posts ----------------------------------------------------------------

func (m *Model) stepPosts() {
	for i := range m.posts {
		p := &m.posts[i]
		cp := &m.cfg.Posts[i]
		pol := &cp.Policy
		for w := range cp.Schedule {
			if win := &cp.Schedule[w]; m.day >= win.From && m.day < win.To {
				pol = &win.Policy
			}
		}
		if pol != p.policy {
			p.policy = pol
			p.truth = truth(pol)
		}
		// The failure process runs every day, even while a schedule forces
		// the condition, so that forcing one post never shifts the draws
		// of another.
		u := m.postRng.Float64()
		if p.failing {
			p.failing = u >= 1/math.Max(pol.OutageDays, 1)
		} else {
			p.failing = u < pol.OutageStart
		}
		failing := p.failing
		switch pol.Force {
		case ForceFailing:
			failing = true
		case ForceFunctioning:
			failing = false
		}
		c := cp.Capacity * pol.CapacityFactor
		// Day-to-day capacity is log-normal with mean 1 and coefficient of
		// variation CapacityCV; its two uniforms are always drawn, as above.
		u1, u2 := m.postRng.Float64(), m.postRng.Float64()
		if cv := pol.CapacityCV; cv > 0 {
			s2 := math.Log1p(cv * cv)
			z := math.Sqrt(-2*math.Log(1-u1)) * math.Cos(2*math.Pi*u2)
			c *= math.Exp(math.Sqrt(s2)*z - s2/2)
		}
		if failing {
			c *= pol.FailingCapacity
		}
		// Stochastic rounding keeps the mean capacity exact.
		frac := c - math.Floor(c)
		p.capToday = int(c)
		if m.postRng.Float64() < frac {
			p.capToday++
		}
		p.down = failing
		m.offRate[cp.Location] = pol.OfficialViolence
	}
}

// --- 3. information ------------------------------------------------------------

func (m *Model) stepInformation() {
	rate := m.cfg.Information.NewsRate
	for i := range m.posts {
		p := &m.posts[i]
		for c := range p.news {
			if p.tried[c] > 0 && rate > 0 {
				obs := float64(p.passed[c]) / float64(p.tried[c])
				p.news[c] += rate * (obs - p.news[c])
			}
			p.tried[c], p.passed[c] = 0, 0
		}
	}
	for i := range m.poolSum {
		if m.poolN[i] > 0 {
			m.poolMean[i] = m.poolSum[i] / float32(m.poolN[i])
		} else {
			m.poolMean[i] = -1 // nobody there: no rumour
		}
		m.poolSum[i], m.poolN[i] = 0, 0
	}
}
