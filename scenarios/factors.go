package scenarios

import (
	"bytes"
	_ "embed"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// Factor is one dimension of the space border regimes live in: a set of
// regime keys that vary together, with named levels (builtin/factors.toml,
// and a scenario's [factors]). A regime is a choice of one level per
// factor; the claim check varies factors one at a time.
type Factor struct {
	Name string
	Keys []string // the regime keys its levels set, and no other factor does
	Doc  string
}

// Factors are the factors of a regime, in order. Every regime key belongs
// to exactly one of them, except NotFactorKeys.
var Factors = []Factor{
	{"admission", []string{"admission"}, "who may pass a post"},
	{"enforcement", []string{"patrol", "irregular_hazard", "alone_hazard", "pushback_violence"}, "the policing of the paths around posts, the displacement it causes onto dangerous ones, and the patrols' violence"},
	{"reliability", []string{"capacity_cv", "outage_start", "outage_days", "failing_capacity", "refusal", "document_check"}, "whether a post does what its rules say: outages, fluctuating capacity, arbitrary refusals, document checks"},
	{"integrity", []string{"oversight"}, "the oversight of officials, which prevents a share of their abuse"},
	{"information", []string{"accuracy", "rumour_noise", "news_rate"}, "what migrants know of the posts: accuracy, rumours, news"},
	{"protection", []string{"screening", "asylum_share", "centres", "assist_after_days", "rescue", "centre_info", "centre_abuse", "centre_detention"}, "screening and referral, centres, assistance for those stuck, rescue, and centres' staff's abuse"},
}

// NotFactorKeys are the regime keys no factor sets: capacity is the post's
// own (every built-in regime leaves it at 1; docs/MODEL.md says why), and
// force pins a post's condition in schedules.
var NotFactorKeys = []string{"capacity_factor", "force"}

// FactorOfKey names the factor a regime key belongs to ("" if none).
func FactorOfKey(key string) string {
	for _, f := range Factors {
		if slices.Contains(f.Keys, key) {
			return f.Name
		}
	}
	return ""
}

// Levels names one level of each factor; an empty name leaves the factor
// to the regime's base (or to the engine's defaults).
type Levels struct {
	Admission   string `toml:"admission,omitempty"`
	Enforcement string `toml:"enforcement,omitempty"`
	Reliability string `toml:"reliability,omitempty"`
	Integrity   string `toml:"integrity,omitempty"`
	Information string `toml:"information,omitempty"`
	Protection  string `toml:"protection,omitempty"`
}

// field is the level of factor, addressed by the factor's name.
func (l *Levels) field(factor string) *string {
	switch factor {
	case "admission":
		return &l.Admission
	case "enforcement":
		return &l.Enforcement
	case "reliability":
		return &l.Reliability
	case "integrity":
		return &l.Integrity
	case "information":
		return &l.Information
	case "protection":
		return &l.Protection
	}
	panic("scenarios: no factor " + factor)
}

// Of is the level of factor ("" if unset).
func (l Levels) Of(factor string) string { return *l.field(factor) }

// With returns l with factor at level.
func (l Levels) With(factor, level string) Levels {
	*l.field(factor) = level
	return l
}

// merge sets every level that o names.
func (l *Levels) merge(o *Levels) {
	if o == nil {
		return
	}
	for _, f := range Factors {
		if v := o.Of(f.Name); v != "" {
			*l.field(f.Name) = v
		}
	}
}

// matches reports whether every level w names is l's.
func (l Levels) matches(w *Levels) bool {
	for _, f := range Factors {
		if v := w.Of(f.Name); v != "" && v != l.Of(f.Name) {
			return false
		}
	}
	return true
}

// String writes the levels set, factor=level, in factor order.
func (l Levels) String() string {
	var parts []string
	for _, f := range Factors {
		if v := l.Of(f.Name); v != "" {
			parts = append(parts, f.Name+"="+v)
		}
	}
	return strings.Join(parts, ", ")
}

//go:embed builtin/factors.toml
var builtinFactorsTOML []byte

// level is one level of a factor: its name and keys.
type level struct {
	name string
	spec *RegimeSpec
}

// factorLevels is every level of every factor, in order: the built-in
// ones as builtin/factors.toml lists them, then a scenario's own.
type factorLevels map[string][]level // factor -> levels; looked up by factor, never ranged over

func (fl factorLevels) find(factor, name string) *RegimeSpec {
	for _, l := range fl[factor] {
		if l.name == name {
			return l.spec
		}
	}
	return nil
}

func (fl factorLevels) names(factor string) []string {
	var out []string
	for _, l := range fl[factor] {
		out = append(out, l.name)
	}
	return out
}

// builtinFactors is builtin/factors.toml decoded, in its order. The file
// is decoded once: the map and its lists are the caller's own, to change
// as it likes, but the specs are shared and read only. Every use overlays
// them onto a spec of its own (overlay copies each value into a new
// pointer); TestBuiltinsNeverChange checks that nothing writes to them.
// Validate and Config need them for every regime at every point of a
// sweep: a deep copy each time was a third of preparing a point.
func builtinFactors() factorLevels {
	decoded := decodedFactors.of(builtinFactorsTOML, decodeFactors)
	fl := make(factorLevels, len(decoded))
	for factor, levels := range decoded { // copying every entry: the order does not matter
		fl[factor] = slices.Clone(levels)
	}
	return fl
}

// decodedFactors holds builtin/factors.toml decoded, in its order; never
// changed (builtinFactors).
var decodedFactors decodedBuiltin[[]byte, factorLevels]

func decodeFactors(text []byte) factorLevels {
	var specs map[string]map[string]*RegimeSpec
	md, err := toml.NewDecoder(bytes.NewReader(text)).Decode(&specs)
	if err != nil {
		panic("scenarios: built-in factors: " + err.Error()) // a build defect, caught by tests
	}
	if u := md.Undecoded(); len(u) > 0 {
		panic(fmt.Sprintf("scenarios: built-in factors: unknown keys %v", u))
	}
	fl := factorLevels{}
	for _, k := range md.Keys() {
		if len(k) == 2 {
			fl[k[0]] = append(fl[k[0]], level{k[1], specs[k[0]][k[1]]})
		}
	}
	return fl
}

// factorLevels is the built-in levels with the scenario's [factors]
// applied: keys overlaid on a built-in level of the same name, new levels
// added after the built-in ones, in file order.
func (s *Scenario) factorLevels() factorLevels {
	fl := builtinFactors()
	for _, key := range s.levelOrder {
		factor, name := key[0], key[1]
		own := s.File.Factors[factor][name]
		if own == nil {
			continue
		}
		if base := fl.find(factor, name); base != nil {
			merged := *base // base is shared: overlay sets new pointers on the copy
			overlay(reflectValue(&merged), reflectValue(own))
			for i := range fl[factor] {
				if fl[factor][i].name == name {
					fl[factor][i].spec = &merged
				}
			}
			continue
		}
		fl[factor] = append(fl[factor], level{name, own})
	}
	return fl
}

// LevelNames lists the levels of factor: the built-in ones, then the
// scenario's own.
func (s *Scenario) LevelNames(factor string) []string { return s.factorLevels().names(factor) }

// Deviations lists the keys in which regime differs from the point of the
// factor space its levels name (in factor order), and the factors it names
// no level of: empty when the regime is exactly that point. A key set
// explicitly to another value than its level's makes the regime a
// different point than its levels say.
func (s *Scenario) Deviations(regime string) ([]string, error) {
	levels := s.factorLevels()
	spec, lv, err := resolveRegime(regime, builtinRegimes(), s.File.Regimes, levels)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range Factors {
		if lv.Of(f.Name) == "" {
			out = append(out, "no "+f.Name+" level")
		}
	}
	point, err := levelSpec(lv, levels)
	if err != nil {
		return nil, err
	}
	want := reflectValue(point)
	eachField(reflectValue(spec), func(key string, v reflect.Value) {
		if key == "base" || key == "description" || key == "levels" {
			return
		}
		w, _ := fieldByKey(want, key)
		if !reflect.DeepEqual(v.Interface(), w.Interface()) {
			out = append(out, key)
		}
	})
	return out, nil
}

// ByName lists the scenario's schedule windows and programmes that hold
// under regime because they name it (`regimes = [...]`), and would not
// hold at the point of the factor space regime stands at under another
// name: what a configuration built from regime's levels alone (ConfigAt,
// as the claim check's design builds its cells) does not see. Each is
// named for people: "schedule window 1 of post Toummo",
// "programme training".
func (s *Scenario) ByName(regime string) ([]string, error) {
	lv, err := s.RegimeLevels(regime)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range s.File.Posts {
		for j := range p.Schedule {
			if w := &p.Schedule[j]; w.appliesTo(regime, lv) && !w.appliesTo("", lv) {
				out = append(out, fmt.Sprintf("schedule window %d of post %s", j+1, p.Name))
			}
		}
	}
	for i := range s.File.Programmes {
		if p := &s.File.Programmes[i]; p.appliesTo(regime, lv) && !p.appliesTo("", lv) {
			out = append(out, "programme "+p.Name)
		}
	}
	return out, nil
}
