package scenarios

import (
	_ "embed"
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/BurntSushi/toml"
	"github.com/borderwork/borderwork/sim"
)

//go:embed builtin/regimes.toml
var builtinRegimesTOML string

// BuiltinRegimes are the regimes every scenario has, in their standard
// order.
var BuiltinRegimes = []string{"open", "closed", "malfunctioning", "hbm"}

// builtinRegimes is builtin/regimes.toml decoded. The file is decoded
// once: the map is the caller's own, the specs shared and read only, as
// builtinFactors's are.
func builtinRegimes() map[string]*RegimeSpec {
	return maps.Clone(decodedRegimes.of(builtinRegimesTOML, decodeRegimes))
}

// decodedRegimes holds builtin/regimes.toml decoded; never changed
// (builtinRegimes).
var decodedRegimes decodedBuiltin[string, map[string]*RegimeSpec]

func decodeRegimes(text string) map[string]*RegimeSpec {
	var specs map[string]*RegimeSpec
	md, err := toml.Decode(text, &specs)
	if err != nil {
		panic("scenarios: built-in regimes: " + err.Error()) // a build defect, caught by tests
	}
	if u := md.Undecoded(); len(u) > 0 {
		panic(fmt.Sprintf("scenarios: built-in regimes: unknown keys %v", u))
	}
	return specs
}

// decodedBuiltin holds what a built-in file decodes to, with the text it
// was decoded from: the text is decoded once, and again only if it is
// another, as when a test stands a later version's built-in levels and
// regimes in for these. Safe for concurrent use.
type decodedBuiltin[S string | []byte, T any] struct {
	last atomic.Pointer[decodedText[S, T]]
}

type decodedText[S string | []byte, T any] struct {
	text S
	val  T
}

// of is text decoded, by decode if it is not the text last decoded.
func (d *decodedBuiltin[S, T]) of(text S, decode func(S) T) T {
	// The same text is the same bytes in memory: compared at once.
	if last := d.last.Load(); last != nil && string(last.text) == string(text) {
		return last.val
	}
	last := &decodedText[S, T]{text, decode(text)}
	d.last.Store(last)
	return last.val
}

// engineRegime is a regime spec holding the engine's defaults for every
// key: what a regime without a base starts from.
func engineRegime() *RegimeSpec {
	spec := &RegimeSpec{}
	pol, enf, prot, info := sim.DefaultPostPolicy(), sim.DefaultEnforcement(), sim.Protection{}, sim.DefaultInformation()
	for _, src := range []any{&pol, &enf, &prot, &info} {
		fill(reflect.ValueOf(spec).Elem(), reflect.ValueOf(src).Elem())
	}
	return spec
}

// MaxBases is the most regimes a regime may be built on, one the base
// of the next. Every regime's keys are resolved along its chain of
// bases, again for every regime of every point a command prepares: a
// pasted chain of 6,000 regimes took the classroom server an hour to
// check.
const MaxBases = 64

// resolveRegime returns the full spec of regime name, with every key set,
// and its levels. The levels are the base chain's, each overridden by the
// next, the regime's own last; the keys start from the engine's defaults,
// take each level's keys, then every key the chain sets explicitly, in
// order from the root: an explicit key always beats a level. A built-in
// regime the file moves to other levels does not keep its built-in
// description (movedBuiltin). Its error is a *regimeKeyError, placed on
// the key at fault.
func resolveRegime(name string, builtin, defined map[string]*RegimeSpec, levels factorLevels) (*RegimeSpec, Levels, error) {
	var chain []string // from name to the root
	seen := map[string]bool{}
	for at := name; at != ""; {
		if seen[at] {
			return nil, Levels{}, &regimeKeyError{"regimes." + name + ".base", "regimes form a cycle: " + strings.Join(append(chain, at), " -> ")}
		}
		if len(chain) > MaxBases {
			return nil, Levels{}, &regimeKeyError{"regimes." + name + ".base", fmt.Sprintf("regime %s is built on more than %d others, one the base of the next (%s -> ...); a regime builds on a few at most", name, MaxBases, strings.Join(chain[:3], " -> "))}
		}
		seen[at] = true
		own, isDefined := defined[at]
		_, isBuiltin := builtin[at]
		if !isDefined && !isBuiltin {
			if at == name {
				return nil, Levels{}, &regimeKeyError{"regimes." + name, fmt.Sprintf("unknown regime %q", at)}
			}
			by := chain[len(chain)-1]
			return nil, Levels{}, &regimeKeyError{"regimes." + by + ".base", fmt.Sprintf("unknown regime %q (the base of %s)", at, by)}
		}
		chain = append(chain, at)
		at = ""
		if isDefined {
			at = own.Base
		}
	}
	slices.Reverse(chain)
	var specs []*RegimeSpec // every spec of the chain, root first: built-in before the scenario's own
	var lv Levels
	setBy := map[string]string{} // factor -> the regime of the chain that names its level
	for _, at := range chain {
		for _, sp := range []*RegimeSpec{builtin[at], defined[at]} {
			if sp != nil {
				specs = append(specs, sp)
				lv.merge(sp.Levels)
				for _, f := range Factors {
					if sp.Levels != nil && sp.Levels.Of(f.Name) != "" {
						setBy[f.Name] = at
					}
				}
			}
		}
	}
	full, err := levelSpec(lv, levels)
	if err != nil {
		var bad *badLevelError
		if errors.As(err, &bad) {
			return nil, Levels{}, &regimeKeyError{"regimes." + setBy[bad.factor] + ".levels." + bad.factor, err.Error()}
		}
		return nil, Levels{}, err
	}
	for _, sp := range specs {
		overlay(reflectValue(full), reflectValue(sp))
	}
	full.Description = description(chain, builtin, defined)
	full.Base = ""
	full.Levels = &lv
	return full, lv, nil
}

// description is the description a regime takes along its base chain
// (root first): the last one given, the scenario's own beating the
// built-in one, except that a built-in regime the file moves to other
// levels gives none: "Everyone is admitted" on an open regime moved to
// closed admission would describe another regime.
func description(chain []string, builtin, defined map[string]*RegimeSpec) string {
	d := ""
	for _, at := range chain {
		if b := builtin[at]; b != nil && b.Description != "" && !movedBuiltin(b, defined[at]) {
			d = b.Description
		}
		if own := defined[at]; own != nil && own.Description != "" {
			d = own.Description
		}
	}
	return d
}

// movedBuiltin reports whether own, the file's table of a built-in
// regime b, names a level of some factor other than b's: it moves the
// regime to another point of the factor space.
func movedBuiltin(b, own *RegimeSpec) bool {
	if own == nil || own.Levels == nil {
		return false
	}
	var at Levels
	at.merge(b.Levels)
	for _, f := range Factors {
		if l := own.Levels.Of(f.Name); l != "" && l != at.Of(f.Name) {
			return true
		}
	}
	return false
}

// regimeKeyError is a regime that does not resolve, with the key at
// fault (an indexed path: regimes.x.base, regimes.y.levels.integrity).
type regimeKeyError struct {
	key, msg string
}

func (e *regimeKeyError) Error() string { return e.msg }

// badLevelError is a level a factor does not have.
type badLevelError struct {
	factor, msg string
}

func (e *badLevelError) Error() string { return e.msg }

// levelSpec is the regime at levels lv and nothing else: the engine's
// defaults with each level's keys.
func levelSpec(lv Levels, levels factorLevels) (*RegimeSpec, error) {
	full := engineRegime()
	for _, f := range Factors {
		name := lv.Of(f.Name)
		if name == "" {
			continue
		}
		keys := levels.find(f.Name, name)
		if keys == nil {
			return nil, &badLevelError{f.Name, fmt.Sprintf("factor %s has no level %q (levels: %s)", f.Name, name, strings.Join(levels.names(f.Name), ", "))}
		}
		overlay(reflectValue(full), reflectValue(keys))
	}
	full.Levels = nil
	return full, nil
}

func reflectValue(p any) reflect.Value { return reflect.ValueOf(p).Elem() }

// apply writes a full regime spec into the engine's structures.
func (r *RegimeSpec) apply(pol *sim.PostPolicy, cfg *sim.Config) {
	src := reflect.ValueOf(r).Elem()
	for _, dst := range []any{pol, &cfg.Enforcement, &cfg.Protection, &cfg.Information} {
		overlay(reflect.ValueOf(dst).Elem(), src)
	}
}

// overlay copies every set (non-nil pointer) field of src onto the field
// of dst with the same TOML key, where dst has one. dst's field may be a
// pointer or a value. Embedded structs are looked through on both sides.
func overlay(dst, src reflect.Value) {
	eachField(src, func(key string, v reflect.Value) {
		if v.Kind() != reflect.Pointer || v.IsNil() {
			return
		}
		d, ok := fieldByKey(dst, key)
		if !ok {
			return
		}
		if d.Kind() == reflect.Pointer {
			n := reflect.New(d.Type().Elem())
			n.Elem().Set(v.Elem())
			d.Set(n)
		} else {
			d.Set(v.Elem())
		}
	})
}

// fill sets every pointer field of spec that has a value field with the
// same key in src.
func fill(spec, src reflect.Value) {
	eachField(src, func(key string, v reflect.Value) {
		if d, ok := fieldByKey(spec, key); ok && d.Kind() == reflect.Pointer && d.Type().Elem() == v.Type() {
			n := reflect.New(v.Type())
			n.Elem().Set(v)
			d.Set(n)
		}
	})
}

// eachField calls f for every keyed field of struct v, in declaration
// order, looking through embedded structs.
func eachField(v reflect.Value, f func(key string, field reflect.Value)) {
	for _, kf := range keyedFieldsOf(v.Type()).fields {
		f(kf.key, v.FieldByIndex(kf.index))
	}
}

// fieldByKey is the field of struct v with TOML key key: the first in
// eachField's order.
func fieldByKey(v reflect.Value, key string) (reflect.Value, bool) {
	kf := keyedFieldsOf(v.Type())
	i, ok := kf.byKey[key]
	if !ok {
		return reflect.Value{}, false
	}
	return v.FieldByIndex(kf.fields[i].index), true
}

// keyedFields are the keyed fields of a struct type, in eachField's order.
type keyedFields struct {
	fields []keyedField
	byKey  map[string]int // key -> its first field; looked up, never ranged over
}

type keyedField struct {
	key   string
	index []int // for reflect.Value.FieldByIndex
}

// keyedFieldCache holds keyedFields by struct type (reflect.Type ->
// *keyedFields): overlay and fill look up every key of a regime for each
// regime of each point of a sweep, and reading the struct tags each time
// was most of the time it took to prepare one.
var keyedFieldCache sync.Map

func keyedFieldsOf(t reflect.Type) *keyedFields {
	if kf, ok := keyedFieldCache.Load(t); ok {
		return kf.(*keyedFields)
	}
	kf := &keyedFields{byKey: map[string]int{}}
	var walk func(t reflect.Type, at []int)
	walk = func(t reflect.Type, at []int) {
		for i := range t.NumField() {
			sf := t.Field(i)
			index := append(slices.Clip(at), i)
			if sf.Anonymous && sf.Type.Kind() == reflect.Struct {
				walk(sf.Type, index)
				continue
			}
			if key := tomlKey(sf); key != "" {
				if _, seen := kf.byKey[key]; !seen {
					kf.byKey[key] = len(kf.fields)
				}
				kf.fields = append(kf.fields, keyedField{key, index})
			}
		}
	}
	walk(t, nil)
	cached, _ := keyedFieldCache.LoadOrStore(t, kf)
	return cached.(*keyedFields)
}

func tomlKey(sf reflect.StructField) string {
	tag := sf.Tag.Get("toml")
	if tag == "-" || !sf.IsExported() {
		return ""
	}
	if name, _, _ := strings.Cut(tag, ","); name != "" {
		return name
	}
	return ""
}
