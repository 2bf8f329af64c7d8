package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// NumericKey is one number a scenario holds, named as --set names it, with
// the range Validate accepts for it: what a sensitivity analysis can vary.
type NumericKey struct {
	Key     string  // as --set writes it: posts.Toummo.capacity, factors.reliability.failing.outage_days
	Value   float64 // its value in the scenario (for a factor level, the level's value)
	Integer bool    // takes whole numbers only
	Lo, Hi  float64 // the range Validate accepts
	Valid   string  // that range in words: "a probability in [0, 1]"
	// Group is where the key lives: "scenario" (the file's own tables),
	// "factor" (a level of the regime factor space, built in or the
	// file's [factors]) or "regime" (a key a [regimes.NAME] table of the
	// file sets explicitly, over its levels).
	Group string
	// Role marks keys that are not assumptions about the world, or not
	// plain ones: "setting" (seed, days, replicates, people_per_agent: how
	// the experiment runs and at what resolution), "coordinate" (a
	// location's lat and lon, which place it on a map: the engine never
	// reads them), "schedule" (the day a schedule's step or window, a
	// phase or a programme starts or ends, which orders the schedule) and
	// "definition" (migrants.trapped_after_days, which defines the outputs
	// trapped and stranded: it classifies migrants, and changes nothing
	// they do); "" for every other key.
	Role string
}

// The groups and roles of NumericKey.
const (
	GroupScenario  = "scenario"
	GroupFactor    = "factor"
	GroupRegime    = "regime"
	RoleSetting    = "setting"
	RoleCoordinate = "coordinate"
	RoleSchedule   = "schedule"
	RoleDefinition = "definition"
)

// NumericKeys lists every number the scenario holds, in the order of the
// file format (docs/SCENARIOS.md): the top-level keys, the arrays element
// by element, the tables; then every level of every factor, in factor
// order and then level order (the built-in levels, then the file's own,
// as Factors and LevelNames list them), with the file's [factors]
// overrides applied; then the keys each of the file's own [regimes.NAME]
// tables sets explicitly, in file order. Optional keys left out (nil) are
// not listed, nor are lists of numbers (destination_weights), which are
// set whole. Array elements are named as --set finds them: by name, or by
// location for origins, markets and centres, or by index where that name
// is not unique (links have no name).
func (s *Scenario) NumericKeys() []NumericKey {
	c := keyCollector{}
	c.collect(reflect.ValueOf(s.File).Elem(), "File", "", GroupScenario)
	levels := s.factorLevels()
	for _, f := range Factors {
		for _, name := range levels.names(f.Name) {
			c.collect(reflect.ValueOf(levels.find(f.Name, name)).Elem(), "RegimeSpec", "factors."+f.Name+"."+name, GroupFactor)
		}
	}
	for _, name := range s.regimeOrder {
		if spec := s.File.Regimes[name]; spec != nil {
			c.collect(reflect.ValueOf(spec).Elem(), "RegimeSpec", "regimes."+name, GroupRegime)
		}
	}
	return c.keys
}

type keyCollector struct{ keys []NumericKey }

// collect lists the numbers of struct v (a table of the type named table,
// at path), looking through embedded structs as the validator does.
func (c *keyCollector) collect(v reflect.Value, table, path, group string) {
	t := v.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.Anonymous {
			c.collect(v.Field(i), table, path, group)
			continue
		}
		key := tomlKey(sf)
		// The maps are the factor space and the regimes, listed apart.
		if key == "" || sf.Type.Kind() == reflect.Map {
			continue
		}
		c.value(v.Field(i), table, key, join(path, key), group)
	}
}

func (c *keyCollector) value(f reflect.Value, table, key, path, group string) {
	switch f.Kind() {
	case reflect.Pointer:
		if !f.IsNil() {
			c.value(f.Elem(), table, key, path, group)
		}
	case reflect.Struct:
		c.collect(f, f.Type().Name(), path, group)
	case reflect.Slice:
		if f.Type().Elem().Kind() != reflect.Struct {
			return // a list of numbers or names: set whole
		}
		for j := range f.Len() {
			c.collect(f.Index(j), f.Type().Elem().Name(), path+"."+elementKey(f, j), group)
		}
	case reflect.Int, reflect.Int64, reflect.Float64:
		b, ok := ruleFor(table, key)
		if !ok {
			panic("scenarios: no range rule for " + table + "." + key) // caught by TestEveryNumberHasARule
		}
		k := NumericKey{Key: path, Lo: b.lo, Hi: b.hi, Valid: b.what, Group: group}
		if f.Kind() == reflect.Float64 {
			k.Value = f.Float()
		} else {
			k.Value, k.Integer = float64(f.Int()), true
		}
		switch {
		case table == "File":
			k.Role = RoleSetting
		case table == "LocationSpec" && (key == "lat" || key == "lon"):
			k.Role = RoleCoordinate
		case key == "from" || key == "to", table == "ProgrammeSpec" && (key == "start" || key == "end"):
			k.Role = RoleSchedule
		case key == "trapped_after_days":
			k.Role = RoleDefinition
		}
		c.keys = append(c.keys, k)
	}
}

// elementKey names element j of a slice of tables as --set finds it: by
// its name (or location), unless another element shares it, else by index.
func elementKey(slice reflect.Value, j int) string {
	name := elementName(slice.Index(j))
	if name == "" || strings.Contains(name, ".") {
		return strconv.Itoa(j)
	}
	for i := range slice.Len() {
		if i != j && elementName(slice.Index(i)) == name {
			return strconv.Itoa(j)
		}
	}
	if _, err := strconv.Atoi(name); err == nil {
		return strconv.Itoa(j) // a name that reads as an index would be ambiguous
	}
	return name
}

// SetNumber sets the numeric key to v, as Set would set key=v, without
// reading v as TOML text: the fast path for the many points of a design.
// label names the setting in errors (a validation error about the key
// then names label and key=v). The override is not recorded among Sets,
// which list what the scenario was loaded with. A key that takes whole
// numbers must get one.
func (s *Scenario) SetNumber(label, key string, v float64) error {
	kv := key + "=" + strconv.FormatFloat(v, 'g', -1, 64)
	bad := func(format string, args ...any) error {
		return Errors{{File: label + " " + kv, Msg: fmt.Sprintf(format, args...)}}
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return bad("not a finite number")
	}
	// As for SetAs, a setting that fails changes nothing.
	var undo undoList
	val, indexed, err := s.walk(strings.TrimSpace(key), &undo)
	if err != nil {
		undo.rollback()
		return bad("%v", err)
	}
	for val.Kind() == reflect.Pointer {
		if val.IsNil() {
			p := val
			p.Set(reflect.New(p.Type().Elem()))
			undo = append(undo, func() { p.Set(reflect.Zero(p.Type())) })
		}
		val = val.Elem()
	}
	switch val.Kind() {
	case reflect.Int, reflect.Int64:
		if v != math.Trunc(v) || math.Abs(v) > 1<<53 {
			undo.rollback()
			return bad("%s takes a whole number", key)
		}
		val.SetInt(int64(v))
	case reflect.Float64:
		val.SetFloat(v)
	default:
		undo.rollback()
		return bad("%s is not a number", key)
	}
	s.setKeys[strings.Join(indexed, ".")] = label + " " + kv
	return nil
}
