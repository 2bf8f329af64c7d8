package scenarios

import (
	_ "embed"
	"fmt"
	"reflect"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/borderwork/borderwork/sim"
)

//go:embed builtin/regimes.toml
var builtinRegimesTOML string

// BuiltinRegimes are the regimes every scenario has, in their standard
// order.
var BuiltinRegimes = []string{"open", "closed", "malfunctioning", "hbm"}

func builtinRegimes() map[string]*RegimeSpec {
	var specs map[string]*RegimeSpec
	md, err := toml.Decode(builtinRegimesTOML, &specs)
	if err != nil {
		panic("scenarios: built-in regimes: " + err.Error()) // a build defect, caught by tests
	}
	if u := md.Undecoded(); len(u) > 0 {
		panic(fmt.Sprintf("scenarios: built-in regimes: unknown keys %v", u))
	}
	return specs
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

// resolveRegime returns the full spec of regime name: its base chain, the
// built-in definition if any, then the scenario's keys. Every key is set.
func resolveRegime(name string, builtin, defined map[string]*RegimeSpec, seen []string) (*RegimeSpec, error) {
	for _, s := range seen {
		if s == name {
			return nil, fmt.Errorf("regimes form a cycle: %s", strings.Join(append(seen, name), " -> "))
		}
	}
	seen = append(seen, name)
	own, isDefined := defined[name]
	b, isBuiltin := builtin[name]
	if !isDefined && !isBuiltin {
		return nil, fmt.Errorf("unknown regime %q", name)
	}
	base := ""
	if isDefined {
		base = own.Base
	}
	var full *RegimeSpec
	if base != "" {
		r, err := resolveRegime(base, builtin, defined, seen)
		if err != nil {
			return nil, err
		}
		full = r
	} else {
		full = engineRegime()
	}
	if isBuiltin {
		overlay(reflect.ValueOf(full).Elem(), reflect.ValueOf(b).Elem())
		full.Description = b.Description
	}
	if isDefined {
		overlay(reflect.ValueOf(full).Elem(), reflect.ValueOf(own).Elem())
		if own.Description != "" {
			full.Description = own.Description
		}
	}
	full.Base = ""
	return full, nil
}

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
	t := v.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.Anonymous && sf.Type.Kind() == reflect.Struct {
			eachField(v.Field(i), f)
			continue
		}
		if key := tomlKey(sf); key != "" {
			f(key, v.Field(i))
		}
	}
}

func fieldByKey(v reflect.Value, key string) (reflect.Value, bool) {
	var found reflect.Value
	eachField(v, func(k string, f reflect.Value) {
		if k == key && !found.IsValid() {
			found = f
		}
	})
	return found, found.IsValid()
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
