package claim

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/internal/portable"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/figures/palette"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/scenarios/design"
	"github.com/borderwork/borderwork/sim"
)

// Assumption is an assumption the robustness check varies: a scenario key
// set to the sampled value; or, when Scale, the scenario's values of the
// keys it names (Sets) multiplied by it; or, when LogOdds, every origin's
// share of the documented with its log-odds shifted by it.
type Assumption struct {
	ID      string  `json:"id"`
	Label   string  `json:"label"`
	Key     string  `json:"key"`
	Lo      float64 `json:"lo"`
	Hi      float64 `json:"hi"`
	Integer bool    `json:"integer,omitempty"`
	// Log draws the values evenly over the range's logarithms (design.
	// Factor.Log): every range over positive values that spans a factor
	// of three or more, rates and multiples whose foot is as plausible as
	// their top, so that a range of 0.001 to 0.02 is not nine tenths
	// above 0.003, nor a multiple of 0.5 to 2 two thirds above 1.
	Log     bool `json:"log_uniform,omitempty"`
	Scale   bool `json:"scale,omitempty"`
	LogOdds bool `json:"log_odds_shift,omitempty"`
	// Sets says, where the value does not replace Key's, what it changes,
	// with keys in backticks (report.md's table; KeyWords drops them).
	Sets string `json:"-"`
	// at changes the point's scenario ps from the scenario s as given,
	// where the value does not simply replace Key's.
	at func(ps, s *scenarios.Scenario, v float64) error
	// idle says why the assumption changes nothing in s, if it does not
	// (no market for the smugglers' prices): "" when it may.
	idle func(s *scenarios.Scenario) string
	// counts names the harms (Harms) whose runs the assumption can
	// change, where it cannot change them all (nil: it may change any):
	// the days before a blocked migrant counts as trapped decide who is
	// counted trapped, not what happens to anyone (docs/MODEL.md 7.7), so
	// the margin on abuse and deaths does not depend on them, though the
	// chain on the abuse harms, who was trapped when abused, does.
	counts []string
}

// Replaces reports whether the assumption's value replaces its key's in
// the scenario, rather than multiplying or shifting the scenario's own.
func (a Assumption) Replaces() bool { return !a.Scale && !a.LogOdds }

// Assumptions are those the verdict could hang on (docs/CLAIM.md): the
// factor levels themselves, abuse's base rates, the corruption function,
// the trapped threshold, post capacity and information, and closure's
// own levers (the papers, the smugglers' prices and markets).
//
// A factor level's range keeps to its side of each sibling level's, so
// that every point of the design keeps the order that defines the factor
// (as sensitivity's default ranges do, docs/SENSITIVITY.md): weak and
// strong oversight meet at 0.65, halfway between the levels' 0.4 and 0.9,
// so that switching malfunction on never raises oversight.
var Assumptions = []Assumption{
	{ID: "outage_start", Label: "how often failing posts break down (per day)", Key: "factors.reliability.failing.outage_start", Lo: 0.01, Hi: 0.2, Log: true, idle: withoutPosts},
	{ID: "outage_days", Label: "how long their outages last (days)", Key: "factors.reliability.failing.outage_days", Lo: 2, Hi: 30, Log: true, idle: withoutPosts},
	{ID: "weak_oversight", Label: "oversight of officials at failing posts", Key: "factors.integrity.weak.oversight", Lo: 0, Hi: 0.65, idle: withoutPosts},
	{ID: "strong_oversight", Label: "oversight of officials at working posts", Key: "factors.integrity.strong.oversight", Lo: 0.65, Hi: 1, idle: withoutPosts},
	{ID: "poor_accuracy", Label: "accuracy of what migrants know of failing posts", Key: "factors.information.poor.accuracy", Lo: 0, Hi: 0.8, idle: firstOf(withoutNews, withoutPosts)},
	{ID: "news_rate", Label: "how fast news of working posts spreads", Key: "factors.information.accurate.news_rate", Lo: 0.02, Hi: 0.3, Log: true, idle: firstOf(withoutNews, withoutPosts)},
	{ID: "patrol", Label: "patrols around closed posts (per day)", Key: "factors.enforcement.patrolled.patrol", Lo: 0, Hi: 0.2, idle: withoutIrregularPaths},
	{ID: "displacement", Label: "hazard of the routes closure displaces onto (multiplier)", Key: "factors.enforcement.patrolled.irregular_hazard", Lo: 1, Hi: 3, Log: true, idle: firstOf(withoutIrregularPaths, withoutIrregularHazard)},
	// 0 in both built-in levels, for want of a sourced rate: closure's
	// abuse may rest on it (PatrolNote), so its verdict is tried from
	// none to most pushbacks violent (2: 86% or more).
	{ID: "pushback_violence", Label: "patrols' violence at an interception (rate)", Key: "factors.enforcement.patrolled.pushback_violence", Lo: 0, Hi: 2, idle: withoutIrregularPaths},
	// Likewise 0 in both built-in protection levels: protection's abuse
	// may rest on it (CentreNote), so its verdict is tried from none to
	// the posts' officials' highest base rate of violence (0.02 a day).
	{ID: "centre_abuse", Label: "centre staff's abuse of those sheltered (per day)", Key: "factors.protection.hbm.centre_abuse", Lo: 0, Hi: 0.02, idle: withoutCentres},
	// And detention, 0 in both levels too: protection's immobilised
	// person-days may rest on it, so it is tried from centres that let
	// everyone go to centres that hold everyone who would leave.
	{ID: "centre_detention", Label: "centres' detention of those who would leave (chance a day)", Key: "factors.protection.hbm.centre_detention", Lo: 0, Hi: 1, idle: withoutCentres},
	{ID: "smuggler_extortion", Label: "smugglers' extortion at a place (per day)", Key: "abuse.smuggler_extortion", Lo: 0.001, Hi: 0.02, Log: true, idle: withoutMarkets},
	{ID: "official_extortion", Label: "officials' extortion rate at the counter", Key: "abuse.official_extortion", Lo: 0.1, Hi: 1.5, Log: true, idle: withoutPosts},
	{ID: "official_violence", Label: "officials' violence rate (per day)", Key: "abuse.official_violence", Lo: 0.001, Hi: 0.02, Log: true, idle: withoutPosts},
	{ID: "queue_effect", Label: "how much corruption rises with the queue", Key: "abuse.queue_effect", Lo: 0, Hi: 2, idle: withoutPosts},
	{ID: "papers_effect", Label: "how much more officials abuse the undocumented", Key: "abuse.papers_effect", Lo: 1, Hi: 4, Log: true, idle: firstOf(withoutPosts, allDocumented)},
	{ID: "desperation_effect", Label: "how much abuse rises with desperation", Key: "abuse.desperation_effect", Lo: 0, Hi: 4},
	{ID: "trapped_after_days", Label: "days before a blocked migrant counts as trapped", Key: "migrants.trapped_after_days", Lo: 7, Hi: 30, Log: true, Integer: true,
		counts: []string{"trapped_person_days", "immobilised_person_days", "harm_index"}},
	{ID: "give_up_days", Label: "days before a migrant turns back", Key: "migrants.give_up_days", Lo: 7, Hi: 120, Log: true, Integer: true, idle: withoutTurningBack},
	{ID: "post_capacity", Label: "post capacity (multiple of the scenario's)", Key: "posts.*.capacity", Lo: 0.5, Hi: 2, Log: true, Scale: true,
		Sets: "every post's `capacity`, multiplied", at: scalePosts, idle: withoutPosts},
	// Closure's own levers besides patrols: who holds papers a closed
	// post accepts, and what the smuggling market around it charges and
	// can carry. Each is relative to the scenario's own values, which
	// differ by origin and market (returnees documented at 1, a market's
	// size set by the population's scale), so that every point keeps
	// them in proportion. They come last so that the other columns of
	// the design keep the values they had before these were added.
	{ID: "documented", Label: "papers: shift of every origin's log-odds of holding them", Key: "origins.*.documented", Lo: -1.5, Hi: 1.5, LogOdds: true,
		Sets: "every origin's `documented` (and `flee.documented`), its log-odds shifted", at: shiftDocumented, idle: allOrNoneDocumented},
	{ID: "smuggling_price", Label: "smugglers' prices (multiple of the scenario's)", Key: "smuggling.price", Lo: 0.5, Hi: 2, Log: true, Scale: true,
		Sets: "`smuggling.price`, `price_min` and `price_max`, multiplied", at: scalePrices, idle: firstOf(withoutMarkets, withoutSmuggling)},
	{ID: "market_size", Label: "smuggling markets' size (multiple of the scenario's)", Key: "markets.*.max_smugglers", Lo: 0.5, Hi: 2, Log: true, Scale: true,
		Sets: "every market's `smugglers` and `max_smugglers`, multiplied and rounded", at: scaleMarkets, idle: withoutMarkets},
}

// Range is the range the design draws the assumption's values from, as
// report.md and docs/CLAIM.md give it: "0 to 0.65", or "0.01 to 0.2
// (log-uniform)" for one drawn evenly over its logarithms.
func (a Assumption) Range() string {
	r := output.FormatFloat(a.Lo) + " to " + output.FormatFloat(a.Hi)
	if a.Log {
		r += " (log-uniform)"
	}
	return r
}

// AxisLabel is the assumption's label on a figure's axis, with the unit
// of its key as the scenario format gives it (keyUnit:
// scenarios.Scenario.KeyUnit), as a sweep's axes have theirs:
// "oversight of officials at working posts (share)". The unit replaces
// the label's own parenthesis ("(per day)"); a label whose key has no
// unit, or none keyUnit can name (every post's capacity, scaled), is
// left as it is.
func (a Assumption) AxisLabel(keyUnit func(key string) (string, error)) string {
	unit, err := keyUnit(a.Key)
	if err != nil || unit == "" || !a.Replaces() {
		return a.Label
	}
	label := a.Label
	if i := strings.LastIndex(label, " ("); i >= 0 && strings.HasSuffix(label, ")") {
		label = label[:i]
	}
	return label + " (" + unit + ")"
}

// KeyWords names what the assumption sets, as the robustness table of
// docs/CLAIM.md does: its key, or what it multiplies or shifts (its
// column's name for one this version no longer has).
func (a Assumption) KeyWords() string {
	switch {
	case a.Sets != "":
		return strings.ReplaceAll(a.Sets, "`", "")
	case a.Key == "": // an assumption this version no longer has
		return a.ID
	}
	return a.Key
}

// assumptionIDs are the IDs of Assumptions, in order: the columns of the
// design.
func assumptionIDs() []string {
	ids := make([]string, len(Assumptions))
	for i, a := range Assumptions {
		ids[i] = a.ID
	}
	return ids
}

// AssumptionByID returns the assumption called id (or one labelled by its
// id, for assumptions this version no longer has).
func AssumptionByID(id string) Assumption {
	if i := slices.IndexFunc(Assumptions, func(a Assumption) bool { return a.ID == id }); i >= 0 {
		return Assumptions[i]
	}
	return Assumption{ID: id, Label: id}
}

// RobustnessInfo is the robustness design as the manifest records it.
type RobustnessInfo struct {
	Samples     int          `json:"samples"`
	Reps        int          `json:"reps"`
	Assumptions []Assumption `json:"assumptions"`
	Points      [][]float64  `json:"points"`
}

// robustnessPlan is the Latin hypercube of assumptions and its runs.
type robustnessPlan struct {
	x           *experiment.Prepared
	d           Design
	own         []string
	sesoi       SESOI
	chainShare  float64
	assumptions []Assumption
	jobs        []int
	s           *scenarios.Scenario // the scenario the points start from
}

func planRobustness(ctx context.Context, s *scenarios.Scenario, d Design, o Options) (*robustnessPlan, error) {
	own, err := ownRegimes(s, o)
	if err != nil {
		return nil, err
	}
	ids := assumptionIDs()
	// The intervention of --waiting-off is the main check's: a point runs
	// the cells alone.
	d.WaitingOff = false
	p := plan(s, "", d, own, o)
	p.Reps, p.Keys, p.Order, p.Args = o.RobustReps, ids, experiment.PointMajor, nil
	p.Points = robustnessPoints(o.Samples, uint64(s.File.Seed))
	p.At = func(point []float64) (*scenarios.Scenario, error) { return assumptionScenario(s, point) }
	x, err := p.PrepareContext(ctx)
	if err != nil {
		return nil, err
	}
	// A point judges the claim as robustness.csv reports it, averaged over
	// protection: its family holds the tests of that reading alone, not
	// the second reading's, which no point reports.
	d.AtNoProtection = false
	return &robustnessPlan{x: x, d: d, own: own, sesoi: o.SESOI, chainShare: o.ChainShare, assumptions: Assumptions, jobs: x.AllJobs(), s: s}, nil
}

// robustnessPoints is the Latin hypercube of n points over Assumptions.
func robustnessPoints(n int, seed uint64) [][]float64 {
	var factors []design.Factor
	for _, a := range Assumptions {
		factors = append(factors, design.Factor{Key: a.Key, Lo: a.Lo, Hi: a.Hi, Integer: a.Integer, Log: a.Log})
	}
	return design.LatinHypercube(factors, n, seed)
}

// assumptionScenario is the scenario at one point of the robustness
// design, not yet validated.
func assumptionScenario(s *scenarios.Scenario, point []float64) (*scenarios.Scenario, error) {
	ps := s.Clone()
	for i, a := range Assumptions {
		if a.at != nil {
			if err := a.at(ps, s, point[i]); err != nil {
				return nil, err
			}
			continue
		}
		if err := ps.SetAs("--robustness", a.Key+"="+output.FormatFloat(point[i])); err != nil {
			return nil, err
		}
	}
	return ps, nil
}

// setAll sets each key=value of kvs in ps, as --robustness.
func setAll(ps *scenarios.Scenario, kvs ...string) error {
	for _, kv := range kvs {
		if err := ps.SetAs("--robustness", kv); err != nil {
			return err
		}
	}
	return nil
}

// scalePosts multiplies every post's capacity by f.
func scalePosts(ps, s *scenarios.Scenario, f float64) error {
	for j, p := range s.File.Posts {
		if err := setAll(ps, fmt.Sprintf("posts.%d.capacity=%s", j, output.FormatFloat(*p.Capacity*f))); err != nil {
			return err
		}
	}
	return nil
}

// shiftDocumented adds shift to the log-odds of every origin's share of
// the documented, and of flee.documented under the Flee rule set, whose
// agents come from no origin: odds multiplied by e^shift, so that a share stays in
// [0, 1] whatever the shift, and a share of 0 or 1 (returnees a post
// lets in) stays as it is. The arithmetic is portable, so a point is the
// same scenario on every machine.
func shiftDocumented(ps, s *scenarios.Scenario, shift float64) error {
	ratio := portable.Expm1(shift) + 1
	for j, o := range s.File.Origins {
		if d := *o.Documented; d <= 0 || d >= 1 {
			continue
		}
		if err := setAll(ps, fmt.Sprintf("origins.%d.documented=%s", j, output.FormatFloat(shifted(*o.Documented, ratio)))); err != nil {
			return err
		}
	}
	if f := s.File.Flee; f != nil && f.Documented > 0 && f.Documented < 1 {
		return setAll(ps, "flee.documented="+output.FormatFloat(shifted(f.Documented, ratio)))
	}
	return nil
}

// shifted is the share d with its odds multiplied by ratio: d·ratio /
// (1 − d + d·ratio).
func shifted(d, ratio float64) float64 {
	odds := float64(d * ratio) // rounded, so that no machine fuses it into the sum
	return odds / ((1 - d) + odds)
}

// scalePrices multiplies the smuggling market's starting price, floor and
// ceiling by f: what smugglers charge against what migrants carry, the
// market's rules otherwise the scenario's.
func scalePrices(ps, s *scenarios.Scenario, f float64) error {
	m := s.File.Smuggling
	return setAll(ps,
		"smuggling.price="+output.FormatFloat(m.Price*f),
		"smuggling.price_min="+output.FormatFloat(m.PriceMin*f),
		"smuggling.price_max="+output.FormatFloat(m.PriceMax*f))
}

// scaleMarkets multiplies every market's smugglers on day 0 and its
// ceiling on entry by f, rounded to whole smugglers, a ceiling at least
// 1 (the format's minimum) and at least the smugglers of day 0.
func scaleMarkets(ps, s *scenarios.Scenario, f float64) error {
	for j, m := range s.File.Markets {
		n := int(math.Round(float64(m.Smugglers) * f))
		ceiling := max(int(math.Round(float64(*m.MaxSmugglers)*f)), n, 1)
		if err := setAll(ps, fmt.Sprintf("markets.%d.smugglers=%d", j, n), fmt.Sprintf("markets.%d.max_smugglers=%d", j, ceiling)); err != nil {
			return err
		}
	}
	return nil
}

// withoutPosts, allOrNoneDocumented and withoutMarkets are the idle tests
// of the assumptions that move the scenario's own values: where there
// are none to move, the assumption changes nothing.
func withoutPosts(s *scenarios.Scenario) string {
	if len(s.File.Posts) == 0 {
		return "it has no border post"
	}
	return ""
}

func allOrNoneDocumented(s *scenarios.Scenario) string {
	inside := func(d float64) bool { return d > 0 && d < 1 }
	if slices.ContainsFunc(s.File.Origins, func(o scenarios.OriginSpec) bool { return inside(*o.Documented) }) ||
		s.File.Flee != nil && inside(s.File.Flee.Documented) {
		return ""
	}
	return "every share of its migrants holding papers is 0 or 1"
}

func withoutMarkets(s *scenarios.Scenario) string {
	switch {
	case s.File.Rules == "flee":
		return underFlee
	case len(s.File.Markets) == 0:
		return "it has no smuggling market"
	}
	return ""
}

// withoutNews, withoutIrregularPaths and withoutCentres are the idle
// tests of the keys that act only through beliefs and news, irregular
// paths (patrols act only there, docs/MODEL.md 7.6.4) and centres: the
// Flee rule set has none of them (docs/MODEL.md 15.5), and a scenario
// may lack the paths or the centres.
func withoutNews(s *scenarios.Scenario) string {
	if s.File.Rules == "flee" {
		return underFlee
	}
	return ""
}

func withoutIrregularPaths(s *scenarios.Scenario) string {
	switch {
	case s.File.Rules == "flee":
		return underFlee
	case !slices.ContainsFunc(s.File.Links, func(l scenarios.LinkSpec) bool { return l.Kind == "irregular" }):
		return "it has no irregular path"
	}
	return withoutSmuggling(s)
}

// firstOf is the first reason of fs's why an assumption is idle in s.
func firstOf(fs ...func(s *scenarios.Scenario) string) func(s *scenarios.Scenario) string {
	return func(s *scenarios.Scenario) string {
		for _, f := range fs {
			if why := f(s); why != "" {
				return why
			}
		}
		return ""
	}
}

// withoutSmuggling, withoutTurningBack, withoutIrregularHazard and
// allDocumented are the idle tests of what no migrant of a scenario
// does under borderwork's rules: irregular paths and smugglers' seats
// are for those willing to travel irregularly (docs/MODEL.md 7.5.3),
// giving up for those willing to turn back, the displacement multiplies
// the irregular paths' hazard (7.6.4), and the papers' effect falls on
// the undocumented alone (7.6.3; under either rule set). The prices
// then change only the price recorded, not a harm; the papers' effect
// changes the draws but not their chances (8.5).
func withoutSmuggling(s *scenarios.Scenario) string {
	if s.File.Rules != "flee" && len(s.File.Origins) > 0 && !slices.ContainsFunc(s.File.Origins, func(o scenarios.OriginSpec) bool { return *o.WillSmuggle > 0 }) {
		return "none of its migrants would travel irregularly"
	}
	return ""
}

func withoutTurningBack(s *scenarios.Scenario) string {
	if s.File.Rules != "flee" && len(s.File.Origins) > 0 && !slices.ContainsFunc(s.File.Origins, func(o scenarios.OriginSpec) bool { return *o.WillTurnBack > 0 }) {
		return "none of its migrants would ever turn back"
	}
	return ""
}

func withoutIrregularHazard(s *scenarios.Scenario) string {
	if !slices.ContainsFunc(s.File.Links, func(l scenarios.LinkSpec) bool { return l.Kind == "irregular" && l.Hazard > 0 }) {
		return "its irregular paths have no hazard"
	}
	return ""
}

func allDocumented(s *scenarios.Scenario) string {
	if s.File.Rules == "flee" {
		if s.File.Flee != nil && s.File.Flee.Documented >= 1 {
			return "all its migrants hold papers"
		}
		return ""
	}
	if len(s.File.Origins) > 0 && !slices.ContainsFunc(s.File.Origins, func(o scenarios.OriginSpec) bool { return *o.Documented < 1 }) {
		return "all its migrants hold papers"
	}
	return ""
}

func withoutCentres(s *scenarios.Scenario) string {
	switch {
	case s.File.Rules == "flee":
		return underFlee
	case len(s.File.Centres) == 0:
		return "it has no centre"
	}
	return ""
}

// underFlee is why an assumption changes nothing under the Flee rule set:
// one reason for all of them, so that the report names it once.
const underFlee = "it runs under the Flee rule set, which has no beliefs, news, patrols, irregular paths, centres or smugglers"

// RobustnessResult is the claim at every point of the design.
type RobustnessResult struct {
	IDs []string // the assumptions varied, in column order
	// Recorded are the assumptions as the design drew them (the
	// manifest's claim.robustness.assumptions), so that a folder written
	// by a borderwork that varied others, or over other ranges, is
	// reported as it was drawn; nil takes this version's (Assumptions).
	Recorded []Assumption
	// Idle says, column by column, why an assumption changes nothing in
	// the scenario ("" where it may; nil: every one may): such a column
	// is chance alone, so neither Influences nor the chance references
	// count it.
	Idle   []string
	Points [][]float64 // one value per assumption
	// Claims[p][h] is the claim at point p on harm h (Harms() order);
	// Margins[p][h] how much more malfunction harms than closure there,
	// relative to the design's mean (NaN if that mean is 0).
	Claims  [][]ClaimVerdict
	Margins [][]float64
}

// run executes the design into w's folder: robustness_summary.csv as runs
// finish, robustness.csv at the end.
func (rp *robustnessPlan) run(ctx context.Context, w *experiment.Writer, workers int, progress func(int)) (*RobustnessResult, error) {
	sum, err := output.CreateCSV(w.Path("robustness_summary.csv"), output.SummaryHeader(rp.x.Keys))
	if err != nil {
		return nil, err
	}
	var rows []output.SummaryRow
	runErr := rp.x.Execute(ctx, rp.jobs, workers, func(s experiment.Simulated) error {
		row := output.SummaryOf(s.Run, s.Days)
		rows = append(rows, row)
		if progress != nil {
			progress(len(rows))
		}
		return output.WriteSummaryRow(sum, row)
	})
	if err := sum.Close(); err != nil {
		return nil, err
	}
	if runErr != nil {
		return nil, runErr
	}
	res := &RobustnessResult{IDs: rp.x.Keys, Recorded: rp.assumptions, Points: rp.x.Points}
	res.SetIdle(rp.s)
	per := len(rp.x.Regimes) * rp.x.Reps
	for p := range rp.x.Points {
		a, err := Analyse(rp.d, rp.own, rows[p*per:(p+1)*per], rp.sesoi, rp.chainShare, uint64(rp.x.Seed()))
		if err != nil {
			return nil, err
		}
		res.Claims = append(res.Claims, a.Claim)
		var margins []float64
		for _, h := range Harms() {
			e, _ := a.Estimate("malfunction-closure", h)
			margins = append(margins, e.Relative)
		}
		res.Margins = append(res.Margins, margins)
	}
	return res, writeRobustness(w.Path("robustness.csv"), res)
}

// Assumption is the assumption of column j as the design drew it: this
// version's (its label and words), over the range and key the folder
// recorded, or the recorded one alone when this version no longer has it.
func (rr *RobustnessResult) Assumption(j int) Assumption {
	id := rr.IDs[j]
	a := AssumptionByID(id)
	i := slices.IndexFunc(rr.Recorded, func(r Assumption) bool { return r.ID == id })
	if i < 0 {
		return a
	}
	r := rr.Recorded[i]
	if a.Key == "" { // one this version no longer has
		return r
	}
	a.Key, a.Lo, a.Hi, a.Integer, a.Log, a.Scale, a.LogOdds = r.Key, r.Lo, r.Hi, r.Integer, r.Log, r.Scale, r.LogOdds
	return a
}

// SetIdle fills Idle for the scenario s the design ran.
func (rr *RobustnessResult) SetIdle(s *scenarios.Scenario) {
	rr.Idle = make([]string, len(rr.IDs))
	for j, id := range rr.IDs {
		if a := AssumptionByID(id); a.idle != nil {
			rr.Idle[j] = a.idle(s)
		}
	}
}

// varies reports whether the assumption of column j may change the
// scenario (Idle).
func (rr *RobustnessResult) varies(j int) bool { return j >= len(rr.Idle) || rr.Idle[j] == "" }

// moves reports whether the assumption of column j may change the runs'
// harm h (its counts), and so the margin of malfunction over closure on
// it and whether malfunction harms more; whether the claim holds on a
// harm of ChainHarms may still move with it, through the chain.
func (rr *RobustnessResult) moves(j, h int) bool {
	counts := AssumptionByID(rr.IDs[j]).counts
	return counts == nil || slices.Contains(counts, harmName(h))
}

// IdleNote says which assumptions change nothing in the scenario, and
// why, so that a reader does not look for them among what the claim
// hinges on; "" when every one may.
func IdleNote(rr *RobustnessResult) string {
	var whys []string               // the reasons, in column order
	labels := map[string][]string{} // looked up by reason only
	n := 0
	for j := range rr.IDs {
		if rr.varies(j) {
			continue
		}
		why := rr.Idle[j]
		if labels[why] == nil {
			whys = append(whys, why)
		}
		labels[why] = append(labels[why], rr.Assumption(j).Label)
		n++
	}
	if n == 0 {
		return ""
	}
	var parts []string
	for _, why := range whys {
		parts = append(parts, "as "+why+", "+words.List(labels[why]))
	}
	change, are, they := "change", "Their values are", "they are"
	if n == 1 {
		change, are, they = "changes", "Its values are", "it is"
	}
	return fmt.Sprintf("In this scenario %s %s nothing: %s. %s chance alone, so %s left out of what the claim hinges on and of what chance alone gives.",
		words.Count(n, "assumption"), change, strings.Join(parts, "; "), are, they)
}

// Assumptions are the assumptions of the columns, in order, as the
// design drew them (Assumption).
func (rr *RobustnessResult) Assumptions() []Assumption {
	out := make([]Assumption, len(rr.IDs))
	for j := range rr.IDs {
		out[j] = rr.Assumption(j)
	}
	return out
}

// Shares is, on harm h, the share of points in each of
// RobustnessColumns, in their order: where the claim holds, holds but not
// through trapping (its chain fails), fails, is inconclusive (its
// effects, or on ChainHarms its chain, not settled), and does not apply
// (the harm happened in no run of the point).
func (rr *RobustnessResult) Shares(h int) []float64 {
	counts := make([]int, len(RobustnessColumns))
	for _, c := range rr.Claims {
		for i, col := range RobustnessColumns {
			if slices.Contains(col.Outcomes, c[h].Holds) {
				counts[i]++
			}
		}
	}
	shares := make([]float64, len(counts))
	for i, n := range counts {
		shares[i] = float64(n) / float64(len(rr.Claims))
	}
	return shares
}

// RobustnessColumn is one column of the robustness tables and figure: its
// heading, the claim's outcomes it counts, and its bars' style in the
// figure (a palette slot: verdicts, not regimes, so greys, holds the
// darkest and fails the lightest, each with its own hatch; inconclusive
// plain mid grey).
type RobustnessColumn struct {
	Heading  string
	Outcomes []string
	Style    int
}

// RobustnessColumns are the columns of the robustness tables (terminal,
// report.md) and figure, in order; every outcome of the claim
// (ClaimOutcomes) is counted in one of them. Holding with the chain
// inconclusive counts as inconclusive: whether the claim holds as stated,
// because of trapping, is not settled there.
var RobustnessColumns = []RobustnessColumn{
	{"holds", []string{ClaimHolds}, palette.Part(0)},
	{"holds, but not through trapping", []string{ClaimNotThroughTrapping}, palette.Part(1)},
	{"fails", []string{ClaimFails}, palette.Part(3)},
	{"inconclusive", []string{ClaimInconclusive, ClaimChainInconclusive}, palette.Neutral},
	{"not applicable (no harm)", []string{ClaimNotApplicable}, palette.Part(2)},
}

// Influence is how much one assumption moves the claim on a harm across
// the robustness design.
type Influence struct {
	Assumption string
	Spearman   float64 // rank correlation between the assumption and the margin of malfunction over closure
	HoldsLow   float64 // share of points in the lowest third of its range where the claim holds
	HoldsHigh  float64 // idem, highest third
	// HarmsLow and HarmsHigh are the shares where malfunction harms more
	// than closure, the claim holding through trapping or not: a verdict
	// of "holds, but not through trapping" everywhere leaves HoldsLow and
	// HoldsHigh 0 whatever an assumption does to it.
	HarmsLow, HarmsHigh float64
}

// Influences ranks the assumptions by how strongly they move the margin of
// malfunction over closure on harm h (absolute Spearman correlation,
// largest first; ties by the assumptions' order).
func (rr *RobustnessResult) Influences(h int) []Influence {
	var out []Influence
	holds, harms := rr.outcomes(h)
	chain := slices.Contains(ChainHarms, harmName(h))
	for j := range rr.IDs {
		if !rr.varies(j) || !rr.moves(j, h) && !chain {
			continue
		}
		a := rr.Assumption(j)
		var xs, ys []float64
		for p := range rr.Points {
			if m := rr.Margins[p][h]; !math.IsNaN(m) {
				xs, ys = append(xs, rr.Points[p][j]), append(ys, m)
			}
		}
		inf := Influence{Assumption: a.ID, Spearman: Spearman(xs, ys)}
		low, high := rr.thirds(j)
		inf.HoldsLow, inf.HoldsHigh = shareOf(holds, low, nil), shareOf(holds, high, nil)
		inf.HarmsLow, inf.HarmsHigh = shareOf(harms, low, nil), shareOf(harms, high, nil)
		if !rr.moves(j, h) {
			// Only through the chain: the margin and whether malfunction
			// harms more are chance's here.
			inf.Spearman, inf.HarmsLow, inf.HarmsHigh = math.NaN(), math.NaN(), math.NaN()
		}
		out = append(out, inf)
	}
	slices.SortStableFunc(out, func(a, b Influence) int {
		fa, fb := math.Abs(a.Spearman), math.Abs(b.Spearman)
		switch {
		case math.IsNaN(fa) && !math.IsNaN(fb):
			return 1
		case math.IsNaN(fb) && !math.IsNaN(fa):
			return -1
		case fa > fb:
			return -1
		case fa < fb:
			return 1
		}
		return 0
	})
	return out
}

// outcomes are, on harm h, whether the claim holds at each point, and
// whether malfunction harms more than closure there, through trapping or
// not: the verdicts the thirds of Influences count (an inconclusive point
// counted as not holding).
func (rr *RobustnessResult) outcomes(h int) (holds, harms []bool) {
	for _, c := range rr.Claims {
		holds = append(holds, c[h].Holds == ClaimHolds)
		harms = append(harms, c[h].Holds == ClaimHolds || c[h].Holds == ClaimNotThroughTrapping)
	}
	return holds, harms
}

// thirds are the points in the lowest and the highest third of the range
// of assumption j (column j of Points), in point order: of its
// logarithms for one drawn log-uniformly, so that each third holds a
// third of the points.
func (rr *RobustnessResult) thirds(j int) (low, high []int) {
	a := rr.Assumption(j)
	lowCut, highCut := a.Lo+(a.Hi-a.Lo)/3, a.Hi-(a.Hi-a.Lo)/3
	if a.Log { // thirds of the logarithms, as the design draws them
		third := portable.Pow(a.Hi/a.Lo, 1.0/3)
		lowCut, highCut = a.Lo*third, a.Hi/third
	}
	for p, point := range rr.Points {
		switch v := point[j]; {
		case v <= lowCut:
			low = append(low, p)
		case v >= highCut:
			high = append(high, p)
		}
	}
	return low, high
}

// shareOf is the share of the points that has the outcome yes, the point
// p's outcome read as yes[perm[p]] (yes[p] when perm is nil); NaN for no
// points.
func shareOf(yes []bool, points, perm []int) float64 {
	n := 0
	for _, p := range points {
		if perm != nil {
			p = perm[p]
		}
		if yes[p] {
			n++
		}
	}
	return float64(n) / float64(len(points))
}

// ChanceThirds is what chance alone gives for the largest gap between the
// shares of the lowest and highest thirds that Influences(h) reports: the
// 95th percentile, over Resamples permutations of the points' verdicts
// (whether the claim holds and whether malfunction harms more than
// closure, moved together), of the largest such gap, in either share, of
// any assumption (verdicts unrelated to every assumption, the design's
// points as they are). An assumption whose gap exceeds it stands out from
// chance with the whole family of assumptions taken into account, as
// with ChanceSpearman (the max-statistic permutation test). The
// permutations are drawn from a stream of the master seed of their own,
// named after the harm, so the value is the same on every machine; NaN
// when no assumption has points in both thirds.
func (rr *RobustnessResult) ChanceThirds(h int, seed uint64) float64 {
	holds, harms := rr.outcomes(h)
	type split struct {
		low, high []int
		verdicts  [][]bool // those it may move (moves)
	}
	var splits []split
	for j := range rr.IDs {
		verdicts := [][]bool{holds, harms}
		if !rr.moves(j, h) {
			if !slices.Contains(ChainHarms, harmName(h)) {
				continue
			}
			verdicts = [][]bool{holds}
		}
		if low, high := rr.thirds(j); rr.varies(j) && len(low) > 0 && len(high) > 0 {
			splits = append(splits, split{low, high, verdicts})
		}
	}
	if len(splits) == 0 {
		return math.NaN()
	}
	perm := make([]int, len(rr.Points))
	for i := range perm {
		perm[i] = i
	}
	return chance95(sim.NewStream(seed, "claim/robustness/chance-thirds/"+harmName(h)), perm, func() float64 {
		m := 0.0
		for _, s := range splits {
			for _, yes := range s.verdicts {
				m = max(m, math.Abs(shareOf(yes, s.high, perm)-shareOf(yes, s.low, perm)))
			}
		}
		return m
	})
}

// chance95 is the 95th percentile of largest() over Resamples shuffles of
// perm (Fisher–Yates, from r): what chance alone gives for a statistic
// largest computes from perm, the max-statistic permutation test of
// ChanceSpearman and ChanceThirds.
func chance95[T any](r *sim.Stream, perm []T, largest func() float64) float64 {
	all := make([]float64, 0, Resamples)
	for range Resamples {
		for i := len(perm) - 1; i > 0; i-- {
			j := r.IntN(i + 1)
			perm[i], perm[j] = perm[j], perm[i]
		}
		all = append(all, largest())
	}
	slices.Sort(all)
	return all[min(len(all)-1, int(0.95*float64(len(all))))]
}

// harmName names harm h in the names of the chance streams.
func harmName(h int) string {
	if h >= 0 && h < len(Harms()) {
		return Harms()[h]
	}
	return fmt.Sprint(h)
}

// Conclusive counts the points where the check was conclusive on harm h
// (the claim holds, holds but not through trapping, or fails: as the
// robustness maps count them), those where it was inconclusive (an
// inconclusive chain counted here, as in Shares), and those where the
// harm happened in no run.
func (rr *RobustnessResult) Conclusive(h int) (conclusive, inconclusive, notApplicable int) {
	for _, c := range rr.Claims {
		switch c[h].Holds {
		case ClaimHolds, ClaimNotThroughTrapping, ClaimFails:
			conclusive++
		case ClaimNotApplicable:
			notApplicable++
		default:
			inconclusive++
		}
	}
	return conclusive, inconclusive, notApplicable
}

// ChanceSpearman is what chance alone gives for the largest |Spearman|
// that Influences(h) reports: the 95th percentile, over Resamples
// permutations of the points' margins, of the largest |ρ| between the
// permuted margins and any assumption (a margin unrelated to every
// assumption, the design's points as they are). An assumption whose |ρ|
// exceeds it stands out from chance with the whole family of assumptions
// taken into account (the max-statistic permutation test). The
// permutations are drawn from a stream of the master seed named after the
// harm, so the value is the same on every machine; NaN when fewer than 3
// points have a margin or no assumption varies.
func (rr *RobustnessResult) ChanceSpearman(h int, seed uint64) float64 {
	var idx []int
	for p := range rr.Points {
		if !math.IsNaN(rr.Margins[p][h]) {
			idx = append(idx, p)
		}
	}
	if len(idx) < 3 {
		return math.NaN()
	}
	// Spearman's ρ is Pearson's r of the ranks: rank once, permute the
	// margins' ranks.
	var xr [][]float64
	for j := range rr.IDs {
		if !rr.varies(j) || !rr.moves(j, h) {
			continue
		}
		var xs []float64
		for _, p := range idx {
			xs = append(xs, rr.Points[p][j])
		}
		if r := ranks(xs); !constant(r) {
			xr = append(xr, r)
		}
	}
	var ys []float64
	for _, p := range idx {
		ys = append(ys, rr.Margins[p][h])
	}
	perm := ranks(ys)
	if len(xr) == 0 || constant(perm) {
		return math.NaN()
	}
	return chance95(sim.NewStream(seed, "claim/robustness/chance/"+harmName(h)), perm, func() float64 {
		m := 0.0
		for _, x := range xr {
			m = max(m, math.Abs(pearson(x, perm)))
		}
		return m
	})
}

func constant(v []float64) bool {
	return !slices.ContainsFunc(v, func(x float64) bool { return x != v[0] })
}

// Spearman is the rank correlation of x and y (average ranks for ties);
// NaN if either is constant or there are fewer than 3 pairs.
func Spearman(x, y []float64) float64 {
	if len(x) < 3 {
		return math.NaN()
	}
	return pearson(ranks(x), ranks(y))
}

// pearson is the correlation of rx and ry; NaN if either is constant.
// The explicit conversions keep the products from being fused, so that
// every architecture gives the same bits.
func pearson(rx, ry []float64) float64 {
	mx, _ := meanSD(rx)
	my, _ := meanSD(ry)
	var sxy, sxx, syy float64
	for i := range rx {
		sxy += float64((rx[i] - mx) * (ry[i] - my))
		sxx += float64((rx[i] - mx) * (rx[i] - mx))
		syy += float64((ry[i] - my) * (ry[i] - my))
	}
	if sxx == 0 || syy == 0 {
		return math.NaN()
	}
	return sxy / math.Sqrt(sxx*syy)
}

func ranks(v []float64) []float64 {
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case v[a] < v[b]:
			return -1
		case v[a] > v[b]:
			return 1
		}
		return 0
	})
	r := make([]float64, len(v))
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && v[idx[j+1]] == v[idx[i]] {
			j++
		}
		avg := float64(float64(i+j)/2) + 1
		for k := i; k <= j; k++ {
			r[idx[k]] = avg
		}
		i = j + 1
	}
	return r
}
