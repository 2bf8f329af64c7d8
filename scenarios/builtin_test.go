package scenarios

import (
	"fmt"
	"os"
	"reflect"
	"slices"
	"testing"

	"github.com/borderwork/borderwork/sim"
)

// TestBuiltinListsAreCopies: the built-in regimes and factor levels are
// decoded once; the map and lists a caller gets are its own, so a caller
// that adds, removes or renames entries changes nothing for the next.
func TestBuiltinListsAreCopies(t *testing.T) {
	regimes := builtinRegimes()
	regimes["open"], regimes["extra"] = nil, &RegimeSpec{}
	delete(regimes, "closed")
	levels := builtinFactors()
	for _, ls := range levels {
		for i := range ls {
			ls[i].name += "x"
			ls[i].spec = &RegimeSpec{}
		}
	}
	levels["admission"] = append(levels["admission"][:1], level{"extra", &RegimeSpec{}})
	delete(levels, "protection")
	checkBuiltinsUnchanged(t)
	if got := builtinRegimes(); got["open"] == nil || got["extra"] != nil || got["closed"] == nil {
		t.Error("builtinRegimes() holds what a caller changed in its map")
	}
	if got := builtinFactors(); len(got["protection"]) == 0 || got["admission"][0].name != "open" || len(got["admission"]) == 2 {
		t.Errorf("builtinFactors() holds what a caller changed in its lists: %v", got["admission"])
	}
}

// TestBuiltinsNeverChange: the built-in specs are shared by every caller,
// read only (builtinFactors): nothing a scenario does with them writes to
// them. Every entry point that reaches them is taken on every bundled
// scenario and the test scenarios, and the decoded files are then compared
// with a fresh decoding. (TestMain checks the specs in use again after
// all of the package's tests; a test that stands other built-in text in
// has them decoded afresh, so what was written before goes unseen there.)
func TestBuiltinsNeverChange(t *testing.T) {
	paths := []string{"testdata/levels.toml", "testdata/programme.toml", "testdata/tiny.toml"}
	for _, arg := range append(Names(), paths...) {
		s, err := Load(arg)
		if err != nil {
			t.Fatalf("%s: %v", arg, err)
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("%s: %v", arg, err)
		}
		for _, r := range s.RegimeNames() {
			if _, err := s.Config(r); err != nil {
				t.Fatalf("%s: %s: %v", arg, r, err)
			}
			lv, err := s.RegimeLevels(r)
			if err != nil {
				t.Fatalf("%s: %s: %v", arg, r, err)
			}
			if _, err := s.Deviations(r); err != nil {
				t.Fatalf("%s: %s: %v", arg, r, err)
			}
			for _, f := range Factors {
				if lv.Of(f.Name) == "" {
					lv = lv.With(f.Name, s.LevelNames(f.Name)[0])
				}
			}
			if _, err := s.ConfigAt("point", lv); err != nil {
				t.Fatalf("%s: %s at %s: %v", arg, r, lv, err)
			}
			for _, p := range s.ProgrammeNames() {
				if _, err := s.ConfigSwitched(r, ProgrammeSwitch{Programme: p, On: Repair}); err != nil {
					t.Fatalf("%s: %s with %s: %v", arg, r, p, err)
				}
			}
		}
		if _, err := s.Encode(); err != nil {
			t.Fatalf("%s: %v", arg, err)
		}
		var keys []string
		for _, k := range s.NumericKeys() {
			keys = append(keys, k.Key)
		}
		if _, err := s.Values(keys...); err != nil {
			t.Fatalf("%s: %v", arg, err)
		}
	}
	checkBuiltinsUnchanged(t)

	// The comparison sees a change: one value of one level, put back after.
	spec := decodedFactors.of(builtinFactorsTOML, decodeFactors)["reliability"][0].spec
	v := reflect.ValueOf(spec).Elem().FieldByName("Refusal")
	old := v.Interface()
	v.Set(reflect.ValueOf(ptr(0.123)))
	if builtinsUnchanged() == "" {
		t.Error("a level's refusal changed in the decoded built-in levels, and the comparison did not see it")
	}
	v.Set(reflect.ValueOf(old))
	checkBuiltinsUnchanged(t)
}

func checkBuiltinsUnchanged(t *testing.T) {
	t.Helper()
	if diff := builtinsUnchanged(); diff != "" {
		t.Error(diff)
	}
}

// builtinsUnchanged compares the built-in files as decoded once and
// shared with a fresh decoding of the same text: "" if the same, else
// what differs.
func builtinsUnchanged() string {
	if last := decodedRegimes.last.Load(); last != nil && !reflect.DeepEqual(last.val, decodeRegimes(last.text)) {
		return "the shared built-in regimes are not what their file decodes to: a caller wrote to them"
	}
	if last := decodedFactors.last.Load(); last != nil && !reflect.DeepEqual(last.val, decodeFactors(last.text)) {
		return "the shared built-in factor levels are not what their file decodes to: a caller wrote to them"
	}
	return ""
}

// TestMain checks, after every test of the package, that none of them
// wrote to the shared built-in specs.
func TestMain(m *testing.M) {
	code := m.Run()
	if diff := builtinsUnchanged(); diff != "" && code == 0 {
		fmt.Fprintln(os.Stderr, "after the tests:", diff)
		code = 1
	}
	os.Exit(code)
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
