package scenarios

import (
	"bytes"
	"fmt"
	"reflect"

	"github.com/BurntSushi/toml"
)

// Encode writes the resolved scenario as TOML, so that a folder's
// scenario.toml reruns it without this version's defaults, built-in
// levels or built-in regimes: every default filled in, every level of
// every factor with every key of its factor ([factors]), and each regime
// as the point of the factor space it stands at (its levels, in full for
// a built-in regime) with the keys set on it and nothing more.
//
// A regime is not written out key by key: a key it takes from a level
// stays the level's, so that an override of the level read back with the
// file (a sweep's --vary factors.reliability.failing.outage_days, say)
// changes the regimes that stand on it, as it does on the scenario as
// loaded. For the same reason a regime keeps its base. A regime with no
// base is also given the keys that no level reaches in it or in any
// regime built on it (capacity_factor, force, and the keys of a factor
// none of them names a level of), which would otherwise come from the
// engine's defaults.
func (s *Scenario) Encode() ([]byte, error) {
	f := *s.File
	f.Programmes = s.encodeProgrammes()
	levels := s.factorLevels()
	f.Factors = fullLevels(levels)
	regimes, err := s.encodeRegimes(levels)
	if err != nil {
		return nil, err
	}
	f.Regimes = regimes
	// The header does not list the overrides (the manifest does), so that
	// this file, read back and written again, gives the same bytes.
	return encodeFile(resolvedHeader(f.Name), &f)
}

// resolvedHeader opens a resolved scenario's text. Parse reads a file
// that opens with it as borderwork's own (see writtenByEncode).
func resolvedHeader(name string) string {
	return fmt.Sprintf(resolvedMark+" %q, written by borderwork: defaults filled in,\n# factor levels in full, each regime as its levels and the keys set\n# on it, overrides applied.\n\n", name)
}

const resolvedMark = "# Resolved scenario"

// writtenByEncode reports whether data opens as Encode and encodeFlat
// write a scenario. Every origin there has inflow_csv = "" (the file it
// named was read into inflow_schedule), which a file written by hand may
// not have: the output folders of every version hold such files.
func writtenByEncode(data []byte) bool {
	return bytes.HasPrefix(data, []byte(resolvedMark+" "))
}

// encodeFlat is the scenario with every regime resolved in full, every
// key written out: what Values reads a regime's key from.
func (s *Scenario) encodeFlat() ([]byte, error) {
	f := *s.File
	f.Programmes = s.encodeProgrammes()
	levels := s.factorLevels()
	f.Factors = fullLevels(levels)
	f.Regimes = map[string]*RegimeSpec{}
	builtin := builtinRegimes()
	for _, name := range s.RegimeNames() {
		r, _, err := resolveRegime(name, builtin, s.File.Regimes, levels)
		if err != nil {
			return nil, s.regimeError(name, err)
		}
		f.Regimes[name] = r
	}
	return encodeFile(resolvedHeader(f.Name), &f)
}

func encodeFile(header string, f *File) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(header)
	enc := toml.NewEncoder(&buf)
	enc.Indent = ""
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// fullLevels is every level of every factor, each holding every key of
// its factor: a key a level leaves out holds the engine's default, as in
// levelSpec, so that the level means the same whatever later versions
// change in the engine's defaults or the built-in levels.
func fullLevels(levels factorLevels) map[string]map[string]*RegimeSpec {
	out := map[string]map[string]*RegimeSpec{}
	for _, f := range Factors {
		for _, name := range levels.names(f.Name) {
			full := engineRegime()
			overlay(reflectValue(full), reflectValue(levels.find(f.Name, name)))
			spec := &RegimeSpec{}
			for _, key := range f.Keys {
				copyKey(spec, full, key)
			}
			if out[f.Name] == nil {
				out[f.Name] = map[string]*RegimeSpec{}
			}
			out[f.Name][name] = spec
		}
	}
	return out
}

// encodeRegimes is each regime as Encode writes it: its base, its
// description, its levels (a built-in regime's merged with the file's
// own, so all of them), the keys the built-in definition and the file set
// on it, and, for a regime with no base, the keys no level reaches.
func (s *Scenario) encodeRegimes(levels factorLevels) (map[string]*RegimeSpec, error) {
	builtin := builtinRegimes()
	names := s.RegimeNames()
	resolved := map[string]*RegimeSpec{} // looked up by name, never ranged over
	standsAt := map[string]Levels{}
	for _, name := range names {
		r, lv, err := resolveRegime(name, builtin, s.File.Regimes, levels)
		if err != nil {
			return nil, s.regimeError(name, err)
		}
		resolved[name], standsAt[name] = r, lv
	}
	out := map[string]*RegimeSpec{}
	for _, name := range names {
		spec, lv := &RegimeSpec{}, Levels{}
		for _, sp := range []*RegimeSpec{builtin[name], s.File.Regimes[name]} {
			if sp == nil {
				continue
			}
			overlay(reflectValue(spec), reflectValue(sp))
			lv.merge(sp.Levels)
		}
		spec.Description = description([]string{name}, builtin, s.File.Regimes)
		if own := s.File.Regimes[name]; own != nil {
			spec.Base = own.Base
		}
		spec.Levels = nil
		if lv != (Levels{}) {
			spec.Levels = &lv
		}
		if spec.Base == "" {
			// The factors some regime built on this one names a level
			// of: their keys must stay the levels' in those regimes.
			var named Levels
			for _, other := range names {
				if s.rootOf(other) == name {
					l := standsAt[other]
					named.merge(&l)
				}
			}
			eachField(reflectValue(resolved[name]), func(key string, v reflect.Value) {
				if v.Kind() != reflect.Pointer || v.IsNil() || key == "levels" {
					return
				}
				if f := FactorOfKey(key); f != "" && named.Of(f) != "" {
					return
				}
				if d, _ := fieldByKey(reflectValue(spec), key); d.IsNil() {
					copyKey(spec, resolved[name], key)
				}
			})
		}
		out[name] = spec
	}
	return out, nil
}

// rootOf is the regime at the end of name's base chain (name itself if it
// has no base). The chain must resolve.
func (s *Scenario) rootOf(name string) string {
	for {
		spec := s.File.Regimes[name]
		if spec == nil || spec.Base == "" {
			return name
		}
		name = spec.Base
	}
}

// copyKey sets key of dst to a copy of src's value of it.
func copyKey(dst, src *RegimeSpec, key string) {
	from, _ := fieldByKey(reflectValue(src), key)
	to, ok := fieldByKey(reflectValue(dst), key)
	if !ok || from.Kind() != reflect.Pointer || from.IsNil() {
		return
	}
	n := reflect.New(from.Type().Elem())
	n.Elem().Set(from.Elem())
	to.Set(n)
}
