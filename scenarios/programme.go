package scenarios

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/borderwork/borderwork/sim"
)

// ProgrammeSpec is a [[programmes]] entry: a capacity-building programme
// that changes posts over time (docs/MODEL.md, "Programmes"). Money buys
// components; each component builds up a stock at every post it covers
// (trained staff, equipment, finished works), and the stocks move the
// posts' policy keys along the factors, day by day, toward the reliable
// and strong levels and toward perfect document checks. Optional numbers
// are pointers, so that "absent" (take the default) differs from 0.
type ProgrammeSpec struct {
	Name        string   `toml:"name"`
	Description string   `toml:"description"`
	Posts       []string `toml:"posts"`
	Start       int      `toml:"start"`
	End         *int     `toml:"end"`    // required
	Budget      *float64 `toml:"budget"` // required
	Staff       *float64 `toml:"staff"`
	Turnover    *float64 `toml:"turnover"`
	Regimes     []string `toml:"regimes"`
	Levels      *Levels  `toml:"levels"`

	Training     *TrainingSpec     `toml:"training"`
	HumanRights  *TrainingSpec     `toml:"human_rights"`
	Equipment    *EquipmentSpec    `toml:"equipment"`
	Construction *ConstructionSpec `toml:"construction"`
}

// TrainingSpec is a programme's [programmes.training] or
// [programmes.human_rights]: courses for the posts' officers. The share
// of officers trained rises while the programme runs and falls with staff
// turnover, during and after it.
type TrainingSpec struct {
	Share          *float64 `toml:"share"` // required
	CostPerTrainee *float64 `toml:"cost_per_trainee"`
	Trainers       *float64 `toml:"trainers"`
	TrainerReach   *float64 `toml:"trainer_reach"`
	Reliability    *float64 `toml:"reliability"`
	Integrity      *float64 `toml:"integrity"`
}

// EquipmentSpec is a programme's [programmes.equipment]: equipment and
// data systems (document readers, entry-exit registration), delivered
// while the programme runs and wearing out after.
type EquipmentSpec struct {
	Share         *float64 `toml:"share"` // required
	CostPerPost   *float64 `toml:"cost_per_post"`
	Lifetime      *float64 `toml:"lifetime"`
	DocumentCheck *float64 `toml:"document_check"`
	Capacity      *float64 `toml:"capacity"`
}

// ConstructionSpec is a programme's [programmes.construction]: posts
// built or renovated.
type ConstructionSpec struct {
	Share       *float64 `toml:"share"` // required
	CostPerPost *float64 `toml:"cost_per_post"`
	BuildDays   *int     `toml:"build_days"`
	Capacity    *float64 `toml:"capacity"`
	NewPosts    []string `toml:"new_posts"`
}

// Defaults of the parts of a programme that may be left out. All
// illustrative; docs/MODEL.md, "Programmes", gives the reasons.
var (
	defaultProgramme = ProgrammeSpec{Staff: ptr(20.0), Turnover: ptr(0.2)}
	defaultTraining  = TrainingSpec{
		CostPerTrainee: ptr(2000.0), Trainers: ptr(0.0), TrainerReach: ptr(10.0), Reliability: ptr(0.5), Integrity: ptr(0.3),
	}
	defaultHumanRights = TrainingSpec{
		CostPerTrainee: ptr(1000.0), Trainers: ptr(0.0), TrainerReach: ptr(10.0), Reliability: ptr(0.0), Integrity: ptr(0.7),
	}
	defaultEquipment    = EquipmentSpec{CostPerPost: ptr(200000.0), Lifetime: ptr(5.0), DocumentCheck: ptr(0.8), Capacity: ptr(0.25)}
	defaultConstruction = ConstructionSpec{CostPerPost: ptr(500000.0), BuildDays: ptr(180), Capacity: ptr(0.5)}
)

// withDefaults is a copy of p with every key left out set to its default
// (except the required ones) and the posts it covers listed.
func (p *ProgrammeSpec) withDefaults(allPosts []string) ProgrammeSpec {
	r := *p
	overlayMissing(&r, &defaultProgramme)
	if len(r.Posts) == 0 {
		r.Posts = slices.Clone(allPosts)
	}
	if r.Training != nil {
		t := *r.Training
		overlayMissing(&t, &defaultTraining)
		r.Training = &t
	}
	if r.HumanRights != nil {
		t := *r.HumanRights
		overlayMissing(&t, &defaultHumanRights)
		r.HumanRights = &t
	}
	if r.Equipment != nil {
		e := *r.Equipment
		overlayMissing(&e, &defaultEquipment)
		r.Equipment = &e
	}
	if r.Construction != nil {
		c := *r.Construction
		overlayMissing(&c, &defaultConstruction)
		r.Construction = &c
	}
	return r
}

func (s *Scenario) postNames() []string {
	var names []string
	for _, p := range s.File.Posts {
		names = append(names, p.Name)
	}
	return names
}

// Channel is a way a programme acts on posts (docs/MODEL.md,
// "Programmes"): repairing malfunction, or tightening closure.
type Channel uint8

// The channels.
const (
	// Repair makes posts do what their rules say for those the rules
	// admit: fewer outages, steadier and larger capacity, fewer arbitrary
	// refusals, better overseen officials, and new posts where there was
	// no legal crossing.
	Repair Channel = 1 << iota
	// Tightening makes posts refuse more surely those their rules refuse:
	// document checks that catch more of the undocumented.
	Tightening
	// AllChannels is the programme as written.
	AllChannels = Repair | Tightening
)

// ProgrammeSwitch says which channels of a programme act in a
// configuration: Programme ("" for every programme of the scenario) acts
// through On; any other programme acts in full.
type ProgrammeSwitch struct {
	Programme string
	On        Channel
}

// allProgrammes is every programme, in full.
var allProgrammes = ProgrammeSwitch{On: AllChannels}

func (sw ProgrammeSwitch) channels(name string) Channel {
	if sw.Programme == "" || sw.Programme == name {
		return sw.On
	}
	return AllChannels
}

// ConfigSwitched is Config with the channels of the scenario's programmes
// switched as sw says: the counterfactuals of the programme analysis.
func (s *Scenario) ConfigSwitched(regime string, sw ProgrammeSwitch) (*sim.Config, error) {
	if sw.Programme != "" && s.programme(sw.Programme) == nil {
		return nil, Errors{{File: s.display, Key: "programmes", Msg: fmt.Sprintf("no programme %q (programmes: %s)", sw.Programme, joinNames(s.ProgrammeNames()))}}
	}
	if !s.hasRegime(regime) {
		return nil, Errors{{File: s.display, Key: "--regimes", Msg: fmt.Sprintf("unknown regime %q (regimes: %s)", regime, joinNames(s.RegimeNames()))}}
	}
	spec, lv, err := resolveRegime(regime, builtinRegimes(), s.File.Regimes, s.factorLevels())
	if err != nil {
		return nil, s.regimeError(regime, err)
	}
	return s.config(regime, spec, lv, sw), nil
}

// ProgrammeNames lists the scenario's programmes, in file order.
func (s *Scenario) ProgrammeNames() []string {
	var names []string
	for _, p := range s.File.Programmes {
		names = append(names, p.Name)
	}
	return names
}

func (s *Scenario) programme(name string) *ProgrammeSpec {
	for i := range s.File.Programmes {
		if s.File.Programmes[i].Name == name {
			return &s.File.Programmes[i]
		}
	}
	return nil
}

// ProgrammeApplies reports whether programme name acts under regime: under
// the regimes it lists and at the levels it names; with neither, always.
func (s *Scenario) ProgrammeApplies(name, regime string) (bool, error) {
	p := s.programme(name)
	if p == nil {
		return false, fmt.Errorf("no programme %q", name)
	}
	lv, err := s.RegimeLevels(regime)
	if err != nil {
		return false, err
	}
	return p.appliesTo(regime, lv), nil
}

func (p *ProgrammeSpec) appliesTo(regime string, lv Levels) bool {
	w := WindowSpec{Regimes: p.Regimes, Levels: p.Levels}
	return w.appliesTo(regime, lv)
}

// ProgrammeCost is what programme name costs: its budget, and the part of
// it spent by the end of a run of the scenario's days (spending is spread
// evenly over the programme's days).
func (s *Scenario) ProgrammeCost(name string) (budget, spent float64, err error) {
	p := s.programme(name)
	if p == nil {
		return 0, 0, fmt.Errorf("no programme %q", name)
	}
	if p.Budget == nil || p.End == nil || *p.End <= p.Start {
		return 0, 0, fmt.Errorf("programme %q has no budget or no days", name)
	}
	share := float64(s.File.Days-p.Start) / float64(*p.End-p.Start)
	return *p.Budget, *p.Budget * math.Min(1, math.Max(0, share)), nil
}

// stocks is what a programme has built up at each of its posts on each
// day of a run, from 0 to 1: the share of officers trained, and trained
// in human rights; the share of full equipment working; the share of the
// works done. Every post of a programme gets the same share of its money,
// so the stocks are the same at each.
type stocks struct {
	trained, rights, equipped, built []float64
}

// stockTolerance is how far a stock may move before the compiled policy
// of a post changes: programmes are compiled into schedule windows in
// steps of at most this much.
const stockTolerance = 0.01

// trajectory computes p's stocks on days 0..days-1 (p has its defaults).
// The stock of day d is what was built up before day d's sub-steps run.
func (p *ProgrammeSpec) trajectory(days int) stocks {
	n := float64(len(p.Posts))
	length := float64(*p.End - p.Start)
	st := stocks{make([]float64, days), make([]float64, days), make([]float64, days), make([]float64, days)}
	turnover := *p.Turnover / 365
	training := func(t *TrainingSpec, out []float64) {
		if t == nil {
			return
		}
		// Officers trained per post per day, as a share of its staff;
		// each trainer trained goes on to train trainer_reach more.
		trainees := *p.Budget * *t.Share / *t.CostPerTrainee * (1 + float64(*t.Trainers**t.TrainerReach))
		rate := math.Min(1, trainees/n/length / *p.Staff)
		x := 0.0
		for d := range days {
			out[d] = x
			if d >= p.Start && d < *p.End {
				x += float64(rate * (1 - x)) // trainees are drawn from all officers, trained or not
			}
			x -= float64(turnover * x) // leavers are replaced by untrained officers
		}
	}
	training(p.Training, st.trained)
	training(p.HumanRights, st.rights)
	if e := p.Equipment; e != nil {
		full := math.Min(1, *p.Budget**e.Share/(n**e.CostPerPost))
		wear := 1 / (*e.Lifetime * 365)
		x := 0.0
		for d := range days {
			st.equipped[d] = x
			x -= float64(wear * x)
			if d >= p.Start && d < *p.End {
				x = math.Min(1, x+full/length)
			}
		}
	}
	if c := p.Construction; c != nil {
		funded := math.Min(1, *p.Budget**c.Share/(n**c.CostPerPost))
		worked := 0 // days of works so far: counted, so that a post is done exactly after build_days
		for d := range days {
			st.built[d] = math.Min(funded, float64(worked)/float64(*c.BuildDays))
			if d >= p.Start && d < *p.End {
				worked++
			}
		}
	}
	return st
}

// targets are the policy keys a programme moves posts toward: those of
// the reliable level of reliability and the strong level of integrity,
// as the scenario defines them.
type targets struct{ reliable, strong sim.PostPolicy }

func (s *Scenario) programmeTargets() targets {
	levels := s.factorLevels()
	t := targets{sim.DefaultPostPolicy(), sim.DefaultPostPolicy()}
	if l := levels.find("reliability", "reliable"); l != nil {
		overlay(reflectValue(&t.reliable), reflectValue(l))
	}
	if l := levels.find("integrity", "strong"); l != nil {
		overlay(reflectValue(&t.strong), reflectValue(l))
	}
	return t
}

// lower moves *v down toward target by a share x of the gap; never up.
func lower(v *float64, target, x float64) {
	if *v > target {
		*v -= float64(x * (*v - target))
	}
}

// raise moves *v up toward target by a share x of the gap; never down.
func raise(v *float64, target, x float64) {
	if *v < target {
		*v += float64(x * (target - *v))
	}
}

// act moves pol by programme p's stocks on one day, through channels ch.
func (p *ProgrammeSpec) act(pol *sim.PostPolicy, t *targets, trained, rights, equipped, built float64, ch Channel) {
	component := func(t *TrainingSpec, key func(*TrainingSpec) float64, stock float64) float64 {
		if t == nil {
			return 0
		}
		return float64(key(t) * stock)
	}
	if ch&Repair != 0 {
		rel := func(t *TrainingSpec) float64 { return *t.Reliability }
		integ := func(t *TrainingSpec) float64 { return *t.Integrity }
		// Two trainings close independent shares of the gap.
		x := 1 - float64((1-component(p.Training, rel, trained))*(1-component(p.HumanRights, rel, rights)))
		lower(&pol.CapacityCV, t.reliable.CapacityCV, x)
		lower(&pol.OutageStart, t.reliable.OutageStart, x)
		lower(&pol.OutageDays, t.reliable.OutageDays, x)
		lower(&pol.Refusal, t.reliable.Refusal, x)
		raise(&pol.FailingCapacity, t.reliable.FailingCapacity, x)
		x = 1 - float64((1-component(p.Training, integ, trained))*(1-component(p.HumanRights, integ, rights)))
		raise(&pol.Oversight, t.strong.Oversight, x)
		if e := p.Equipment; e != nil {
			pol.CapacityFactor *= 1 + float64(*e.Capacity*equipped)
		}
		if c := p.Construction; c != nil {
			pol.CapacityFactor *= 1 + float64(*c.Capacity*built)
		}
	}
	if e := p.Equipment; e != nil && ch&Tightening != 0 {
		raise(&pol.DocumentCheck, 1, *e.DocumentCheck*equipped)
	}
}

// unbuilt is the policy of a post a programme builds, before it is
// finished: no legal crossing there, and no officials.
func unbuilt(pol sim.PostPolicy) sim.PostPolicy {
	pol.Admission = sim.AdmitNobody
	pol.CapacityCV, pol.OutageStart, pol.FailingCapacity, pol.Refusal = 0, 0, 0, 0
	pol.Oversight, pol.DocumentCheck = 1, 1
	pol.Screening, pol.AsylumShare = 0, 0
	pol.Force = sim.ForceNone
	return pol
}

// applyProgrammes compiles the programmes that act under regime (at
// levels lv) into schedule windows of cfg's posts, after the windows the
// file writes, so that they win: each window holds the post's policy of
// its days (the regime's, the post's, the file's windows) moved by the
// programmes' stocks of its first day. A new window starts where the
// underlying policy changes, where a new post opens, and where a stock
// has moved by stockTolerance; where no stock holds anything, no window is
// written.
func (s *Scenario) applyProgrammes(cfg *sim.Config, regime string, lv Levels, sw ProgrammeSwitch) {
	if len(s.File.Programmes) == 0 {
		return
	}
	all := s.postNames()
	progs := make([]ProgrammeSpec, len(s.File.Programmes))
	applies := make([]bool, len(progs))
	paths := make([]*stocks, len(progs)) // computed when first needed
	for i := range progs {
		progs[i] = s.File.Programmes[i].withDefaults(all)
		applies[i] = progs[i].appliesTo(regime, lv)
	}
	path := func(i int) *stocks {
		if paths[i] == nil {
			st := progs[i].trajectory(cfg.Days)
			paths[i] = &st
		}
		return paths[i]
	}
	t := s.programmeTargets()
	for pi := range cfg.Posts {
		post := &cfg.Posts[pi]
		var acting []int
		builder := -1
		for i := range progs {
			if applies[i] && slices.Contains(progs[i].Posts, post.Name) {
				acting = append(acting, i)
			}
			if c := progs[i].Construction; c != nil && slices.Contains(c.NewPosts, post.Name) {
				builder = i
			}
		}
		if len(acting) == 0 && builder < 0 {
			continue
		}
		// A new post opens the day its works are finished, if the
		// programme that builds it acts here through its repair channel;
		// otherwise it is never built.
		opens := cfg.Days
		if builder >= 0 && applies[builder] && sw.channels(progs[builder].Name)&Repair != 0 {
			for d, b := range path(builder).built {
				if b >= 1 {
					opens = d
					break
				}
			}
		}
		own := slices.Clone(post.Schedule)
		base := func(d int) int { // the file's window in effect on day d, -1 for the post's policy
			w := -1
			for i := range own {
				if d >= own[i].From && d < own[i].To {
					w = i
				}
			}
			return w
		}
		type state struct {
			base    int
			unbuilt bool
			stock   []float64 // four per acting programme
			active  bool
		}
		stateOn := func(d int) state {
			st := state{base: base(d), unbuilt: d < opens && builder >= 0}
			for _, i := range acting {
				p := path(i)
				v := []float64{p.trained[d], p.rights[d], p.equipped[d], p.built[d]}
				st.stock = append(st.stock, v...)
				for _, x := range v {
					st.active = st.active || x >= stockTolerance/2
				}
			}
			st.active = st.active || st.unbuilt
			return st
		}
		same := func(a, b state) bool {
			if a.base != b.base || a.unbuilt != b.unbuilt || a.active != b.active {
				return false
			}
			for k := range a.stock {
				if math.Abs(a.stock[k]-b.stock[k]) >= stockTolerance {
					return false
				}
			}
			return true
		}
		policy := func(st state) sim.PostPolicy {
			pol := post.Policy
			if st.base >= 0 {
				pol = own[st.base].Policy
			}
			if st.unbuilt {
				return unbuilt(pol)
			}
			for k, i := range acting {
				v := st.stock[4*k : 4*k+4]
				progs[i].act(&pol, &t, v[0], v[1], v[2], v[3], sw.channels(progs[i].Name))
			}
			return pol
		}
		var cur state
		from := -1
		flush := func(to int) {
			if from >= 0 && cur.active {
				post.Schedule = append(post.Schedule, sim.PostWindow{From: from, To: to, Policy: policy(cur)})
			}
		}
		for d := range cfg.Days {
			st := stateOn(d)
			if from >= 0 && same(cur, st) {
				continue
			}
			flush(d)
			cur, from = st, d
		}
		flush(cfg.Days)
	}
}

// EncodeProgrammes is the file's programmes with every default filled in,
// for the resolved scenario.
func (s *Scenario) encodeProgrammes() []ProgrammeSpec {
	var out []ProgrammeSpec
	for i := range s.File.Programmes {
		out = append(out, s.File.Programmes[i].withDefaults(s.postNames()))
	}
	return out
}

// programmes checks the file's programmes: names, posts, regimes, levels,
// days, money, and the components.
func (v *validator) programmes() {
	s := v.s
	f := s.File
	posts := s.postNames()
	regimes := s.RegimeNames()
	levels := s.factorLevels()
	seen := map[string]bool{}
	builtBy := map[string]string{}
	for i := range f.Programmes {
		p := &f.Programmes[i]
		at := fmt.Sprintf("programmes.%d", i)
		if !v.badName(at+".name", p.Name, "the programme's name, by which --programme and outputs refer to it") && seen[p.Name] {
			v.add(at+".name", "duplicate programme name %q", p.Name)
		}
		seen[p.Name] = true
		if p.End == nil {
			v.add(at, "give end, the first day after the programme")
		} else if *p.End <= p.Start {
			v.add(at+".end", "must come after start (%d), got %d", p.Start, *p.End)
		}
		if p.Budget == nil {
			v.add(at, "give budget, the programme's cost in USD")
		}
		for j, name := range p.Posts {
			if !slices.Contains(posts, name) {
				v.add(fmt.Sprintf("%s.posts.%d", at, j), "unknown post %q (posts: %s)", name, joinNames(posts))
			} else if slices.Index(p.Posts, name) < j {
				v.add(fmt.Sprintf("%s.posts.%d", at, j), "post %q is listed twice", name)
			}
		}
		if len(p.Posts) == 0 && len(posts) == 0 {
			v.add(at+".posts", "the scenario has no posts for the programme to work on")
		}
		for k, r := range p.Regimes {
			if !slices.Contains(regimes, r) {
				v.add(fmt.Sprintf("%s.regimes.%d", at, k), "%s", unknownRegime(r, regimes))
			}
		}
		if p.Levels != nil {
			for _, fc := range Factors {
				if name := p.Levels.Of(fc.Name); name != "" && levels.find(fc.Name, name) == nil {
					v.add(at+".levels."+fc.Name, "factor %s has no level %q (levels: %s)", fc.Name, name, strings.Join(levels.names(fc.Name), ", "))
				}
			}
		}
		total, last := 0.0, ""
		share := func(name string, sh *float64) {
			if sh == nil {
				v.add(at+"."+name, "give share, the share of the budget spent on %s", name)
				return
			}
			total += *sh
			last = at + "." + name + ".share"
		}
		if p.Training != nil {
			share("training", p.Training.Share)
		}
		if p.HumanRights != nil {
			share("human_rights", p.HumanRights.Share)
		}
		if p.Equipment != nil {
			share("equipment", p.Equipment.Share)
		}
		if p.Construction != nil {
			share("construction", p.Construction.Share)
			covered := p.Posts
			if len(covered) == 0 {
				covered = posts
			}
			for j, name := range p.Construction.NewPosts {
				np := fmt.Sprintf("%s.construction.new_posts.%d", at, j)
				switch {
				case !slices.Contains(covered, name):
					v.add(np, "post %q is not among the programme's posts", name)
				case builtBy[name] != "":
					v.add(np, "post %q is already built by programme %q", name, builtBy[name])
				default:
					builtBy[name] = p.Name
				}
			}
		}
		if p.Training == nil && p.HumanRights == nil && p.Equipment == nil && p.Construction == nil {
			v.add(at, "give at least one component: training, human_rights, equipment or construction")
		}
		if total > 1+1e-9 {
			v.add(last, "the components' shares of the budget add up to %g; they must not exceed 1", total)
		}
	}
}

// programmeFactors checks the capacity factors the programmes compile
// into their posts' schedules under each regime. Equipment and
// construction multiply a post's capacity_factor; the engine refuses one
// above sim.MaxMultiplier only when a run starts, naming no key of the
// file, so a file that check passed failed every run (audit hostile7,
// finding 4). Call it on a scenario without other problems.
func (v *validator) programmeFactors() {
	s := v.s
	if len(s.File.Programmes) == 0 {
		return
	}
	for _, regime := range s.RegimeNames() {
		cfg, err := s.Config(regime)
		if err != nil {
			continue // a problem of the regime, said where it is used
		}
		for _, p := range cfg.Posts {
			for _, w := range p.Schedule {
				if w.Policy.CapacityFactor <= sim.MaxMultiplier {
					continue
				}
				v.add(s.programmeRaising(p.Name), "raises post %s's capacity_factor (its own times the programme's rise) to %g under regime %s; it may be at most %g",
					p.Name, w.Policy.CapacityFactor, regime, float64(sim.MaxMultiplier))
				return
			}
		}
	}
}

// programmeRaising is the key of the first programme's rise of post's
// capacity: its equipment's capacity, else its construction's.
func (s *Scenario) programmeRaising(post string) string {
	all := s.postNames()
	for i := range s.File.Programmes {
		p := s.File.Programmes[i].withDefaults(all)
		if !slices.Contains(p.Posts, post) {
			continue
		}
		switch {
		case p.Equipment != nil:
			return fmt.Sprintf("programmes.%d.equipment.capacity", i)
		case p.Construction != nil:
			return fmt.Sprintf("programmes.%d.construction.capacity", i)
		}
	}
	return "programmes"
}
