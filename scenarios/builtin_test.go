package scenarios

import (
	"reflect"
	"slices"
	"testing"

	"github.com/borderwork/borderwork/sim"
)

// TestBuiltinsAreCopies: the built-in regimes and factor levels are
// decoded once and handed out as copies, so a caller that changes what it
// got (every key of every spec, and the map and slices holding them)
// changes nothing for the next caller, nor any configuration built after.
func TestBuiltinsAreCopies(t *testing.T) {
	s, err := Load("sahel")
	if err != nil {
		t.Fatal(err)
	}
	before := map[string]any{}
	for _, r := range s.RegimeNames() {
		if before[r], err = s.Config(r); err != nil {
			t.Fatal(err)
		}
	}

	regimes := builtinRegimes()
	for _, spec := range regimes {
		scribble(reflect.ValueOf(spec))
	}
	regimes["open"], regimes["extra"] = nil, &RegimeSpec{}
	levels := builtinFactors()
	for _, ls := range levels {
		for i := range ls {
			scribble(reflect.ValueOf(ls[i].spec))
			ls[i].name += "x"
		}
	}
	levels["admission"] = append(levels["admission"][:1], level{"extra", &RegimeSpec{}})
	delete(levels, "protection")

	got, want := builtinRegimes(), decodeRegimes(builtinRegimesTOML)
	if len(got) != len(want) {
		t.Errorf("builtinRegimes() holds %d regimes after a caller changed its copy; want %d", len(got), len(want))
	}
	for name, w := range want {
		if !reflect.DeepEqual(got[name], w) {
			t.Errorf("builtinRegimes()[%q] after a caller changed its copy:\n%+v\nwant, as builtin/regimes.toml decodes afresh:\n%+v", name, got[name], w)
		}
	}
	gotLevels, wantLevels := builtinFactors(), decodeFactors(builtinFactorsTOML)
	if len(gotLevels) != len(wantLevels) {
		t.Errorf("builtinFactors() holds %d factors after a caller changed its copy; want %d", len(gotLevels), len(wantLevels))
	}
	for _, f := range Factors {
		g, w := gotLevels[f.Name], wantLevels[f.Name]
		if len(g) != len(w) {
			t.Errorf("builtinFactors() has %d levels of %s after a caller changed its copy; want %d", len(g), f.Name, len(w))
			continue
		}
		for i := range w {
			if g[i].name != w[i].name || !reflect.DeepEqual(g[i].spec, w[i].spec) {
				t.Errorf("builtinFactors() level %d of %s after a caller changed its copy: %s %+v; want, as builtin/factors.toml decodes afresh, %s %+v",
					i, f.Name, g[i].name, g[i].spec, w[i].name, w[i].spec)
			}
		}
	}
	for _, r := range s.RegimeNames() {
		cfg, err := s.Config(r)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(cfg, before[r]) {
			t.Errorf("Config(%q) changed after a caller changed its copy of the built-in regimes and levels", r)
		}
	}
}

// scribble changes every value v reaches through pointers and structs.
func scribble(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			scribble(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Field(i).CanSet() {
				scribble(v.Field(i))
			}
		}
	case reflect.Float64:
		v.SetFloat(v.Float() + 1)
	case reflect.Int, reflect.Int64:
		v.SetInt(v.Int() + 1)
	case reflect.Uint8:
		v.SetUint(v.Uint() + 1)
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.String:
		v.SetString(v.String() + "x")
	}
}

// TestKeyedFields: eachField and fieldByKey, which look keys up in a
// table built once per type, see the keyed fields that a walk of the
// struct tags sees, in the same order, and find the first field of a key.
func TestKeyedFields(t *testing.T) {
	type keyed struct {
		key   string
		field reflect.Value
	}
	same := func(a, b reflect.Value) bool { return a.Addr() == b.Addr() && a.Type() == b.Type() }
	for _, v := range []any{&File{}, &RegimeSpec{}, &PostSpec{}, &OriginSpec{}, &CentreSpec{}, &InformationSpec{}, &sim.Config{}} {
		val := reflect.ValueOf(v).Elem()
		var want []keyed
		var walk func(v reflect.Value)
		walk = func(v reflect.Value) {
			for i := range v.NumField() {
				if sf := v.Type().Field(i); sf.Anonymous && sf.Type.Kind() == reflect.Struct {
					walk(v.Field(i))
				} else if key := tomlKey(sf); key != "" {
					want = append(want, keyed{key, v.Field(i)})
				}
			}
		}
		walk(val)
		var got []keyed
		eachField(val, func(key string, f reflect.Value) { got = append(got, keyed{key, f}) })
		if len(got) != len(want) {
			t.Errorf("%T: eachField gives %d fields; want %d", v, len(got), len(want))
			continue
		}
		for i := range want {
			if got[i].key != want[i].key || !same(got[i].field, want[i].field) {
				t.Errorf("%T: field %d of eachField is %s; want %s", v, i, got[i].key, want[i].key)
			}
			first := want[slices.IndexFunc(want, func(k keyed) bool { return k.key == want[i].key })]
			if f, ok := fieldByKey(val, want[i].key); !ok || !same(f, first.field) {
				t.Errorf("%T: fieldByKey(%q) = %v, %v; want its first field", v, want[i].key, f, ok)
			}
		}
		if _, ok := fieldByKey(val, "no_such_key"); ok {
			t.Errorf("%T: fieldByKey found no_such_key", v)
		}
	}
}
