package gsa

import (
	"fmt"
	"math"
	"path"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/suggest"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/scenarios/design"
	"github.com/borderwork/borderwork/sensitivity"
)

// DefaultShare is the default rule's half-width: a key with value v is
// varied over v ± DefaultShare·v, clamped to the key's valid range.
const DefaultShare = 0.5

// Key is one number of the scenario as an analysis sees it: varied over a
// range, or left at its value, with the reason either way. parameters.csv
// lists every key.
type Key struct {
	Name    string  `json:"key"`
	Group   string  `json:"group"`           // scenario, factor or regime (scenarios.NumericKey)
	Value   float64 `json:"value"`           // its value in the scenario
	Unset   bool    `json:"unset,omitempty"` // the file leaves it to its regime, and Value is 0
	Integer bool    `json:"integer"`         // takes whole numbers only
	Valid   string  `json:"valid"`           // the range the scenario validator accepts, in words
	Varied  bool    `json:"varied"`
	Lo      float64 `json:"lo"`
	Hi      float64 `json:"hi"`
	Dist    string  `json:"dist"`
	Note    string  `json:"note"` // how the range was set, or why the key is fixed
	// Followers are the regime keys that take their value from this key,
	// a factor level's, in the scenario as loaded: those of every regime
	// whose levels select the level and that do not set the key
	// themselves. A point sets its followers to the same value, which
	// changes nothing more, on the scenario as loaded or on the resolved
	// scenario.toml a folder holds now (it keeps regimes as their levels).
	// They are kept for folders whose scenario.toml wrote each regime in
	// full, where the level alone would change no regime, so that those
	// still rerun (reproduce, merge) and their manifests still match.
	Followers []string `json:"followers,omitempty"`
	// Fixed says in a few words why a key is not varied: "a setting", "a
	// coordinate", "a schedule's day", "at 0", "not chosen", "fixed on
	// request", "left out by the screening" (among the top three on some
	// output of a --screen folder, but beyond --top), "defines an output"
	// (migrants.trapped_after_days) or "no room in its valid range"; ""
	// for a varied key.
	Fixed string `json:"fixed,omitempty"`
}

// Why a key is fixed (Key.Fixed).
const (
	fixedBySetting    = "a setting"
	fixedCoordinate   = "a coordinate"
	fixedBySchedule   = "a schedule's day"
	fixedAtZero       = "at 0"
	fixedNotChosen    = "not chosen"
	fixedByRequest    = "fixed on request"
	fixedByScreen     = "left out by the screening"
	fixedByDefinition = "defines an output"
	fixedNoRoom       = "no room in its valid range"
)

// Param is the key as a parameter of the design.
func (k Key) Param() sensitivity.Param {
	d, _ := sensitivity.ParseDist(k.Dist)
	return sensitivity.Param{Name: k.Name, Lo: k.Lo, Hi: k.Hi, Integer: k.Integer, Dist: d}
}

// Entry is one way of choosing parameters, from --params, a parameter
// file or a screening: a pattern of keys (path.Match syntax, so "abuse.*"
// is every abuse key), to vary with the default rule or over a range, or
// to leave fixed.
type Entry struct {
	Pattern  string
	Exclude  bool // leave the matching keys fixed
	HasRange bool
	Lo, Hi   float64
	Dist     sensitivity.Dist
	Source   string // where it was given, for errors: "--params X", "FILE:LINE"
}

// String writes the entry as --params reads it.
func (e Entry) String() string {
	switch {
	case e.Exclude:
		return "-" + e.Pattern
	case !e.HasRange:
		return e.Pattern
	}
	s := e.Pattern + "=" + output.FormatFloat(e.Lo) + ":" + output.FormatFloat(e.Hi)
	if e.Dist == sensitivity.LogUniform {
		s += ":log"
	}
	return s
}

// ParseEntry reads one --params argument: PATTERN, PATTERN=lo:hi,
// PATTERN=lo:hi:log (log-uniform), or -PATTERN (leave fixed).
func ParseEntry(arg string) (Entry, error) {
	e := Entry{Source: "--params " + arg}
	bad := func(format string, args ...any) (Entry, error) {
		return Entry{}, runs.BadInput("--params %s: %s", arg, fmt.Sprintf(format, args...))
	}
	spec := strings.TrimSpace(arg)
	if rest, ok := strings.CutPrefix(spec, "-"); ok {
		e.Exclude, spec = true, rest
	}
	pattern, rng, hasRange := strings.Cut(spec, "=")
	e.Pattern = strings.TrimSpace(pattern)
	if e.Pattern == "" {
		return bad("want KEY, KEY=lo:hi, KEY=lo:hi:log or -KEY; KEY may hold * as in abuse.*")
	}
	if _, err := path.Match(e.Pattern, ""); err != nil {
		return bad("bad pattern: %v", err)
	}
	if !hasRange {
		return e, nil
	}
	if e.Exclude {
		return bad("a key left fixed takes no range")
	}
	parts := strings.Split(rng, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return bad("want a range lo:hi or lo:hi:log, got %q", rng)
	}
	lo, err1 := strconv.ParseFloat(strings.TrimSpace(parts[0]), 64)
	hi, err2 := strconv.ParseFloat(strings.TrimSpace(parts[1]), 64)
	if err1 != nil || err2 != nil {
		return bad("want numbers lo:hi, got %q", rng)
	}
	e.HasRange, e.Lo, e.Hi = true, lo, hi
	if len(parts) == 3 {
		switch strings.TrimSpace(parts[2]) {
		case "log", "loguniform":
			e.Dist = sensitivity.LogUniform
		case "uniform":
		default:
			return bad("the third part of a range is log or uniform, got %q", parts[2])
		}
	}
	return e, nil
}

// Space resolves the parameters of an analysis of s: every numeric key
// (scenarios.NumericKeys), those the entries choose (all but the fixed
// ones when there are none), each with its range. Entries apply in
// order, a later one overriding an earlier one for the keys both match.
// Keys are listed in the file's order; the design varies them in that
// order.
func Space(s *scenarios.Scenario, entries []Entry, share float64) ([]Key, error) {
	if !(share > 0) || math.IsInf(share, 0) {
		return nil, runs.BadInput("--range-share must be more than 0, got %v", share)
	}
	numeric := s.NumericKeys()
	sibs := siblings(numeric)
	keys := make([]Key, len(numeric))
	for i, n := range numeric {
		keys[i] = Key{Name: n.Key, Group: n.Group, Value: n.Value, Integer: n.Integer, Valid: n.Valid}
	}
	if len(entries) == 0 {
		for i, n := range numeric {
			keys[i] = byRule(keys[i], n, share, sibs[n.Key])
		}
		return keys, checkVaried(keys)
	}
	for i := range keys {
		keys[i].Note, keys[i].Fixed = "not among the keys chosen to vary", fixedNotChosen
	}
	for _, e := range entries {
		matched := false
		for i, n := range numeric {
			if ok, _ := path.Match(e.Pattern, n.Key); !ok {
				continue
			}
			matched = true
			k, err := apply(keys[i], n, e, share, e.Pattern == n.Key, sibs[n.Key])
			if err != nil {
				return nil, err
			}
			keys[i] = k
		}
		if matched {
			continue
		}
		// A key the file leaves out (a post's own refusal, say) can still
		// be varied over a range given for it.
		if strings.ContainsAny(e.Pattern, "*?[") || e.Exclude {
			return nil, noMatch(s, e)
		}
		isNumber, integer, err := s.KeyKind(e.Pattern)
		if err != nil || !isNumber {
			return nil, noMatch(s, e)
		}
		// Another spelling of a key (origins.0.inflow for
		// origins.Village.inflow) would be a second parameter setting
		// the same number, the later one hiding the earlier.
		if p, _, err := s.KeyPath(e.Pattern); err == nil {
			for _, k := range keys {
				if q, _, err := s.KeyPath(k.Name); err == nil && q == p {
					return nil, runs.BadInput("%s: %s is the key %s; name it so", e.Source, e.Pattern, k.Name)
				}
			}
		}
		if !e.HasRange {
			return nil, runs.BadInput("%s: %s is not set in %s (its regime sets it); give its range, %s=lo:hi", e.Source, e.Pattern, s.File.Name, e.Pattern)
		}
		n := unsetKey(e.Pattern, integer)
		k, err := apply(Key{Name: n.Key, Group: n.Group, Unset: true, Integer: n.Integer, Valid: n.Valid}, n, e, share, true, nil)
		if err != nil {
			return nil, err
		}
		keys, numeric = append(keys, k), append(numeric, n)
	}
	return keys, checkVaried(keys)
}

// resolveKey is the key k (from n, with its sibling levels sib) as Space
// resolves it under entries: what checks a folder's recorded keys
// against its own scenario.
func resolveKey(k Key, n scenarios.NumericKey, entries []Entry, share float64, sib []sibling) (Key, error) {
	if len(entries) == 0 {
		return byRule(k, n, share, sib), nil
	}
	k.Varied, k.Lo, k.Hi, k.Dist = false, 0, 0, ""
	k.Note, k.Fixed = "not among the keys chosen to vary", fixedNotChosen
	for _, e := range entries {
		if ok, _ := path.Match(e.Pattern, n.Key); !ok {
			continue
		}
		var err error
		if k, err = apply(k, n, e, share, e.Pattern == n.Key, sib); err != nil {
			return k, err
		}
	}
	return k, nil
}

// unsetKey is the NumericKey Space makes of a key the file leaves out,
// which an entry gives a range.
func unsetKey(key string, integer bool) scenarios.NumericKey {
	return scenarios.NumericKey{Key: key, Integer: integer, Lo: math.Inf(-1), Hi: math.Inf(1), Valid: "any value the scenario validator accepts", Group: scenarios.GroupScenario}
}

func checkVaried(keys []Key) error {
	if !slices.ContainsFunc(keys, func(k Key) bool { return k.Varied }) {
		return runs.BadInput("no parameter to vary: every key chosen is fixed (parameters.csv would say why); give ranges with --params KEY=lo:hi")
	}
	return nil
}

func noMatch(s *scenarios.Scenario, e Entry) error {
	msg := fmt.Sprintf("%s: no numeric key of %s matches %s", e.Source, s.File.Name, e.Pattern)
	var names []string
	for _, n := range s.NumericKeys() {
		names = append(names, n.Key)
	}
	return runs.BadInput("%s%s", msg, suggest.Hint(e.Pattern, names))
}

// apply applies entry e to key k, whose sibling levels are sib; named
// says e names k exactly (not through a pattern), so that a key the
// default rule cannot vary is an error rather than a fixed key.
func apply(k Key, n scenarios.NumericKey, e Entry, share float64, named bool, sib []sibling) (Key, error) {
	k.Varied, k.Lo, k.Hi, k.Dist, k.Fixed = false, 0, 0, "", ""
	if e.Exclude {
		k.Note, k.Fixed = "left fixed by "+e.Source, fixedByRequest
		if strings.HasPrefix(e.Source, "--screen ") {
			k.Fixed = fixedByScreen
		}
		return k, nil
	}
	switch n.Role {
	case scenarios.RoleSetting:
		if named {
			return k, runs.BadInput("%s: %s sets how the experiment runs, not an assumption of the model; it cannot be varied", e.Source, n.Key)
		}
		k.Note, k.Fixed = fixedSetting, fixedBySetting
		return k, nil
	case scenarios.RoleCoordinate:
		if named {
			return k, runs.BadInput("%s: %s places a location on a map; the model never reads it, so it cannot be varied", e.Source, n.Key)
		}
		k.Note, k.Fixed = fixedCoordinateNote, fixedCoordinate
		return k, nil
	}
	if !e.HasRange {
		r := byRule(k, n, share, sib)
		if !r.Varied && named && n.Role != scenarios.RoleSchedule && n.Role != scenarios.RoleDefinition {
			return k, runs.BadInput("%s: %s is %s, so the default rule cannot vary it; give its range, %s=lo:hi", e.Source, n.Key, r.Note, n.Key)
		}
		if !r.Varied && named { // a schedule's day or an output's definition, named on purpose
			r = byShare(k, n, share, sib)
		}
		return r, nil
	}
	bad := func(format string, args ...any) (Key, error) {
		return k, runs.BadInput("%s: %s", e.Source, fmt.Sprintf(format, args...))
	}
	p := sensitivity.Param{Name: n.Key, Lo: e.Lo, Hi: e.Hi, Integer: n.Integer, Dist: e.Dist}
	switch {
	case e.Lo < n.Lo || e.Hi > n.Hi:
		return bad("%s must be %s; the range [%v, %v] leaves it", n.Key, n.Valid, e.Lo, e.Hi)
	case n.Integer && (e.Lo != math.Trunc(e.Lo) || e.Hi != math.Trunc(e.Hi)):
		return bad("%s takes whole numbers; give a range of whole numbers", n.Key)
	}
	if err := p.Validate(); err != nil {
		return bad("%v", err)
	}
	k.Varied, k.Lo, k.Hi, k.Dist, k.Fixed = true, e.Lo, e.Hi, e.Dist.String(), ""
	k.Note = "range given by " + e.Source
	return k, nil
}

const (
	fixedSetting        = "sets how the experiment runs (seed, days, replicates, people per agent), not an assumption"
	fixedCoordinateNote = "places a location on a map (figures, the Flee importer); the model never reads it"
)

// byRule gives k the default rule's range, or leaves it fixed with the
// reason: the experiment's settings, locations' coordinates, the days of
// schedules, the outputs' definition (migrants.trapped_after_days) and
// keys at 0 are fixed; any other key with value v is varied over
// [v(1 − share), v(1 + share)], clamped to its valid range and, for a
// level of a factor, to the midpoints with its sibling levels' values
// (sib), so that the levels keep their order (whole numbers inside it for
// an integer key, and at least v ± 1).
func byRule(k Key, n scenarios.NumericKey, share float64, sib []sibling) Key {
	k.Varied, k.Lo, k.Hi, k.Dist, k.Fixed = false, 0, 0, "", ""
	switch {
	case n.Role == scenarios.RoleSetting:
		k.Note, k.Fixed = fixedSetting, fixedBySetting
		return k
	case n.Role == scenarios.RoleCoordinate:
		k.Note, k.Fixed = fixedCoordinateNote, fixedCoordinate
		return k
	case n.Role == scenarios.RoleSchedule:
		k.Note, k.Fixed = "a day of a schedule, which orders it; name it with --params to vary it", fixedBySchedule
		return k
	case n.Role == scenarios.RoleDefinition:
		k.Note, k.Fixed = "defines the outputs trapped/stranded (who counts as trapped), not an assumption about migrants or borders; name it with --params to vary it", fixedByDefinition
		return k
	case n.Value == 0:
		k.Note, k.Fixed = "0, which switches its mechanism off; give it a range with --params KEY=lo:hi to vary it", fixedAtZero
		return k
	}
	return byShare(k, n, share, sib)
}

// sibling is another level of the same factor and its value of the same
// key: factors.integrity.weak.oversight is strong.oversight's.
type sibling struct {
	Level string
	Value float64
}

// siblings finds, for each key of a factor level, the values of the same
// key at the factor's other levels, in level order.
func siblings(numeric []scenarios.NumericKey) map[string][]sibling {
	type at struct{ factor, level, key string }
	split := func(name string) (at, bool) {
		parts := strings.SplitN(name, ".", 4)
		if len(parts) != 4 || parts[0] != "factors" {
			return at{}, false
		}
		return at{parts[1], parts[2], parts[3]}, true
	}
	out := map[string][]sibling{}
	for _, a := range numeric {
		pa, ok := split(a.Key)
		if !ok || a.Group != scenarios.GroupFactor {
			continue
		}
		for _, b := range numeric {
			pb, ok := split(b.Key)
			if ok && b.Group == scenarios.GroupFactor && pb.factor == pa.factor && pb.key == pa.key && pb.level != pa.level {
				out[a.Key] = append(out[a.Key], sibling{pb.level, b.Value})
			}
		}
	}
	return out
}

// byShare is the default range v ± share·v, clamped to the key's valid
// range and to the midpoints with its sibling levels' values sib: a level
// keeps to its side of the halfway point to each sibling whose value
// differs, so that v ± 50% of strong oversight (0.9) and of weak (0.4)
// cannot cross (strong at 0.45 under weak at 0.6 would invert what the
// levels mean).
func byShare(k Key, n scenarios.NumericKey, share float64, sib []sibling) Key {
	v := n.Value
	lo, hi := round12(v-float64(share*math.Abs(v))), round12(v+float64(share*math.Abs(v)))
	note := "±" + output.FormatFloat(100*share) + "% of " + output.FormatFloat(v)
	if v == 0 {
		lo, hi = 0, 1 // a schedule's day 0, named on purpose: its first day or two
		note = "0 to 1, from day 0"
	}
	clamped := false
	if lo < n.Lo {
		lo, clamped = n.Lo, true
	}
	if hi > n.Hi {
		hi, clamped = n.Hi, true
	}
	var order []string // how the siblings clamp the range, for the note
	for _, sb := range sib {
		mid := round12((v + sb.Value) / 2)
		switch {
		case sb.Value > v && mid < hi:
			hi = mid
			order = append(order, "at most "+output.FormatFloat(mid)+", halfway to "+sb.Level+"'s "+output.FormatFloat(sb.Value))
		case sb.Value < v && mid > lo:
			lo = mid
			order = append(order, "at least "+output.FormatFloat(mid)+", halfway to "+sb.Level+"'s "+output.FormatFloat(sb.Value))
		}
	}
	if n.Integer {
		lo, hi = math.Ceil(lo), math.Floor(hi)
		if hi-lo < 1 {
			lo, hi = math.Max(v-1, math.Ceil(n.Lo)), math.Min(v+1, math.Floor(n.Hi))
			note = output.FormatFloat(v) + " ± 1, the nearest whole numbers"
		}
	}
	if !(lo < hi) {
		k.Note, k.Fixed = "its valid range ("+n.Valid+") leaves no room around "+output.FormatFloat(v), fixedNoRoom
		return k
	}
	if clamped {
		note += ", clamped to its valid range (" + n.Valid + ")"
	}
	if len(order) > 0 {
		note += "; " + strings.Join(order, "; ") + ", so that the levels keep their order"
	}
	k.Varied, k.Lo, k.Hi, k.Dist, k.Note, k.Fixed = true, lo, hi, sensitivity.Uniform.String(), "default rule: "+note, ""
	return k
}

// addFollowers finds the Followers of each varied factor level key of s,
// by setting the key to another value in its range and seeing which
// regimes' keys follow.
func addFollowers(s *scenarios.Scenario, keys []Key) error {
	regimes := s.RegimeNames()
	for i := range keys {
		k := &keys[i]
		if !k.Varied || k.Group != scenarios.GroupFactor {
			continue
		}
		name := k.Name[strings.LastIndex(k.Name, ".")+1:]
		paths := make([]string, len(regimes))
		for j, r := range regimes {
			paths[j] = "regimes." + r + "." + name
		}
		before, err := s.Values(paths...)
		if err != nil {
			return err
		}
		other := k.Lo
		if other == k.Value {
			other = k.Hi
		}
		c := s.Clone()
		if err := c.SetNumber("--params", k.Name, other); err != nil {
			return err
		}
		after, err := c.Values(paths...)
		if err != nil {
			return err
		}
		for j := range paths {
			if !reflect.DeepEqual(before[j], after[j]) {
				k.Followers = append(k.Followers, paths[j])
			}
		}
	}
	return nil
}

// Varied are the keys the design varies, in order, as its parameters.
func Varied(keys []Key) []sensitivity.Param {
	var out []sensitivity.Param
	for _, k := range keys {
		if k.Varied {
			out = append(out, k.Param())
		}
	}
	return out
}

// round12 rounds to 12 significant figures, so that 0.3 ± 50% is 0.15 to
// 0.45 and not 0.44999999999999996: as a sweep's a:b:n grid values are.
func round12(v float64) float64 { return design.Round12(v) }
