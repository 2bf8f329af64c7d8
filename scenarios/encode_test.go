package scenarios

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/BurntSushi/toml"
	"github.com/borderwork/borderwork/sim"
)

// encodeScenarios are the scenarios the resolved-file tests encode: the
// bundled ones, tiny (a regime on a built-in base) and levels (levels and
// regimes of its own, partial levels, a regime with no base).
func encodeScenarios() []string {
	return append(Names(), "testdata/tiny.toml", "testdata/levels.toml")
}

// configs builds every regime of s, by name, after validating it.
func configs(t *testing.T, s *Scenario, what string) map[string]*sim.Config {
	t.Helper()
	if err := s.Validate(); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	out := map[string]*sim.Config{}
	for _, r := range s.RegimeNames() {
		cfg, err := s.Config(r)
		if err != nil {
			t.Fatalf("%s/%s: %v", what, r, err)
		}
		out[r] = cfg
	}
	return out
}

// differing lists the regimes whose configurations differ between a and b
// (a regime only one of them has differs), sorted.
func differing(a, b map[string]*sim.Config) []string {
	var out []string
	for r, cfg := range a {
		if !reflect.DeepEqual(cfg, b[r]) {
			out = append(out, r)
		}
	}
	for r := range b {
		if _, ok := a[r]; !ok {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return out
}

// TestOverridesOnTheResolvedScenario: an override means the same on the
// resolved scenario (Encode, read back) as on the scenario as loaded,
// for every regime: a plain key, a regime's key, and a factor level's
// key, which must still reach the regimes that stand on the level (a
// sweep's --vary, rerun from its folder's scenario.toml). Each override
// changes some regime where it applies, so the comparison tests
// something; and a file with every regime written out key by key (what
// Encode wrote before) fails it for every level override.
func TestOverridesOnTheResolvedScenario(t *testing.T) {
	tests := []struct {
		kind, kv string
		only     string // the one scenario it applies to; "" for all
	}{
		{"plain", "days=30", ""},
		{"plain", "origins.{origin}.initial=7", ""},
		{"plain", "abuse.bribe=80", ""},
		{"regime", "regimes.malfunctioning.outage_days=30", ""},
		{"regime", "regimes.closed.patrol=0.3", ""},
		{"regime", "regimes.open.capacity_factor=0.5", ""},
		{"regime", "regimes.hbm.rescue=0.9", ""},
		{"regime", "regimes.bare.capacity_factor=0.5", "testdata/levels.toml"}, // sparse, on bare, follows
		{"regime", "regimes.bare.accuracy=0.5", "testdata/levels.toml"},        // so it does here: a key set on a base beats a level
		{"level", "factors.reliability.failing.outage_days=30", ""},
		{"level", "factors.reliability.reliable.outage_start=0.2", ""},
		{"level", "factors.integrity.weak.oversight=0.1", ""},
		{"level", "factors.information.poor.accuracy=0.6", ""},
		{"level", "factors.information.accurate.news_rate=0.5", ""},
		{"level", "factors.protection.hbm.screening=0.3", ""},
		{"level", "factors.enforcement.patrolled.patrol=0.2", ""},
		{"level", "factors.admission.open.admission=documented", ""},
		{"level", "factors.reliability.flaky.outage_days=20", "testdata/levels.toml"},
		{"level", "factors.information.poor.news_rate=0.5", "testdata/levels.toml"},
	}
	oldEncodingFails := map[string]bool{}
	for _, name := range encodeScenarios() {
		s, enc := loadEncoded(t, name)
		base := configs(t, s, name)
		flat, err := s.encodeFlat()
		if err != nil {
			t.Fatal(err)
		}
		for _, tt := range tests {
			if tt.only != "" && tt.only != name {
				continue
			}
			kv := tt.kv
			if strings.Contains(kv, "{origin}") {
				if len(s.File.Origins) == 0 {
					continue // Flee's rules spawn agents at locations
				}
				kv = strings.ReplaceAll(kv, "{origin}", s.File.Origins[0].Location)
			}
			apply := func(s *Scenario, what string) map[string]*sim.Config {
				if err := s.Set(kv); err != nil {
					t.Fatalf("%s: Set(%s): %v", what, kv, err)
				}
				return configs(t, s, what+" with "+kv)
			}
			loaded := s.Clone()
			want := apply(loaded, name)
			if len(differing(base, want)) == 0 {
				t.Errorf("%s: %s (%s) changes no regime: the comparison would test nothing", name, kv, tt.kind)
			}
			back := parseResolved(t, enc, name)
			if d := differing(want, apply(back, name+" resolved")); len(d) > 0 {
				t.Errorf("%s: %s (%s): regimes %v differ between the scenario as loaded and the resolved one", name, kv, tt.kind, d)
			}
			old, err := Parse(flat, "flat.toml", "flat.toml", fstest.MapFS{})
			if err != nil {
				t.Fatal(err)
			}
			if len(differing(want, apply(old, name+" flat"))) > 0 {
				oldEncodingFails[tt.kv] = true
			}
		}
	}
	for _, tt := range tests {
		if tt.kind == "level" && !oldEncodingFails[tt.kv] {
			t.Errorf("%s: regimes written key by key follow it too; the test does not test what it should", tt.kv)
		}
	}
}

// TestResolvedScenarioStandsAlone: the resolved scenario gives the same
// configurations when the built-in levels and regimes change (here every
// factor's two levels swap their keys and the built-in regimes their
// levels), so that a folder reruns under a later version that changes
// them; the scenario as bundled does change, so the test tests something.
func TestResolvedScenarioStandsAlone(t *testing.T) {
	type encoded struct {
		enc  []byte
		want map[string]*sim.Config
	}
	var before []encoded
	for _, name := range encodeScenarios() {
		s, enc := loadEncoded(t, name)
		before = append(before, encoded{enc, configs(t, s, name)})
	}

	swaps := map[string][2]string{ // factor -> the two levels that swap keys
		"admission": {"open", "closed"}, "enforcement": {"none", "patrolled"}, "reliability": {"reliable", "failing"},
		"integrity": {"strong", "weak"}, "information": {"accurate", "poor"}, "protection": {"none", "hbm"},
	}
	levels := map[string]map[string]*RegimeSpec{}
	fl := builtinFactors()
	for _, f := range Factors {
		levels[f.Name] = map[string]*RegimeSpec{}
		for _, l := range fl[f.Name] {
			levels[f.Name][l.name] = l.spec
		}
		a, b := swaps[f.Name][0], swaps[f.Name][1]
		levels[f.Name][a], levels[f.Name][b] = levels[f.Name][b], levels[f.Name][a]
	}
	regimes := builtinRegimes()
	open, closed := regimes["open"].Levels, regimes["closed"].Levels
	regimes["open"].Levels, regimes["malfunctioning"].Levels = regimes["malfunctioning"].Levels, open
	regimes["closed"].Levels, regimes["hbm"].Levels = regimes["hbm"].Levels, closed
	for _, r := range regimes {
		r.Description = "changed"
	}
	var factorsTOML, regimesTOML bytes.Buffer
	if err := toml.NewEncoder(&factorsTOML).Encode(levels); err != nil {
		t.Fatal(err)
	}
	if err := toml.NewEncoder(&regimesTOML).Encode(regimes); err != nil {
		t.Fatal(err)
	}
	oldFactors, oldRegimes := builtinFactorsTOML, builtinRegimesTOML
	t.Cleanup(func() { builtinFactorsTOML, builtinRegimesTOML = oldFactors, oldRegimes })
	builtinFactorsTOML, builtinRegimesTOML = factorsTOML.Bytes(), regimesTOML.String()

	for i, name := range encodeScenarios() {
		changed, err := Load(name)
		if err != nil {
			t.Fatal(err)
		}
		if len(differing(before[i].want, configs(t, changed, name+" under changed built-ins"))) == 0 {
			t.Errorf("%s: changing the built-in levels and regimes changes none of its regimes; the test tests nothing", name)
		}
		back := parseResolved(t, before[i].enc, name)
		if d := differing(before[i].want, configs(t, back, name+" resolved, under changed built-ins")); len(d) > 0 {
			t.Errorf("%s: regimes %v of the resolved scenario change with the built-in levels and regimes", name, d)
		}
		for r, spec := range back.File.Regimes {
			if spec.Description == "changed" {
				t.Errorf("%s: regime %s takes its description from the built-in one", name, r)
			}
		}
	}
}

// TestResolvedScenarioNeedsNoEngineDefaults: every key of every regime
// of the resolved scenario comes from the file itself, its levels
// ([factors]) and the regimes' own keys along the base chain, and built
// that way it is the regime the scenario resolves. One exception, which
// the file cannot express otherwise: a regime that names no level of a
// factor, when a regime on the same base chain names one, takes that
// factor's keys from the engine's defaults (written on it, they would
// beat the other regime's level); levels.toml's bare is one.
func TestResolvedScenarioNeedsNoEngineDefaults(t *testing.T) {
	exempt := 0
	for _, name := range encodeScenarios() {
		s, enc := loadEncoded(t, name)
		back := parseResolved(t, enc, name)
		for _, r := range back.RegimeNames() {
			var chain []*RegimeSpec // from the root
			for at := r; at != ""; at = back.File.Regimes[at].Base {
				chain = append([]*RegimeSpec{back.File.Regimes[at]}, chain...)
			}
			var lv Levels
			for _, sp := range chain {
				lv.merge(sp.Levels)
			}
			alone := &RegimeSpec{}
			for _, f := range Factors {
				if l := lv.Of(f.Name); l != "" {
					overlay(reflectValue(alone), reflectValue(back.File.Factors[f.Name][l]))
				}
			}
			for _, sp := range chain {
				overlay(reflectValue(alone), reflectValue(sp))
			}
			want, _, err := resolveRegime(r, builtinRegimes(), s.File.Regimes, s.factorLevels())
			if err != nil {
				t.Fatal(err)
			}
			eachField(reflectValue(want), func(key string, v reflect.Value) {
				if v.Kind() != reflect.Pointer || key == "levels" {
					return
				}
				got, _ := fieldByKey(reflectValue(alone), key)
				if f := FactorOfKey(key); got.IsNil() && f != "" && lv.Of(f) == "" && namedOnChain(back, r, f) {
					exempt++
					return
				}
				switch {
				case got.IsNil():
					t.Errorf("%s: regimes.%s.%s is left to the engine's defaults", name, r, key)
				case !reflect.DeepEqual(got.Interface(), v.Interface()):
					t.Errorf("%s: regimes.%s.%s = %v from the file alone; the scenario resolves it to %v", name, r, key, got.Elem(), v.Elem())
				}
			})
		}
	}
	if exempt != 3 {
		t.Errorf("%d keys left to the engine's defaults; want levels.toml's bare's three information keys", exempt)
	}
}

// namedOnChain reports whether a regime of s with the same root as r
// names a level of factor.
func namedOnChain(s *Scenario, r, factor string) bool {
	for _, other := range s.RegimeNames() {
		if s.rootOf(other) != s.rootOf(r) {
			continue
		}
		if lv, err := s.RegimeLevels(other); err == nil && lv.Of(factor) != "" {
			return true
		}
	}
	return false
}

// loadEncoded loads the scenario name and encodes it, as a folder's
// scenario.toml is written.
func loadEncoded(t *testing.T, name string) (*Scenario, []byte) {
	t.Helper()
	s, err := Load(name)
	if err != nil {
		t.Fatal(err)
	}
	enc, err := s.Encode()
	if err != nil {
		t.Fatal(err)
	}
	return s, enc
}

// parseResolved reads back a resolved scenario, as reproduce reads a
// folder's scenario.toml.
func parseResolved(t *testing.T, enc []byte, what string) *Scenario {
	t.Helper()
	back, err := Parse(enc, "scenario.toml", "scenario.toml", fstest.MapFS{})
	if err != nil {
		t.Fatalf("%s: the resolved scenario does not parse: %v", what, err)
	}
	return back
}
