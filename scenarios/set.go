package scenarios

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// Set applies one KEY=VALUE override. KEY is a dotted path into the
// scenario as written in TOML; array elements are addressed by name (posts,
// locations), by location (origins, markets, centres) or by index from 0;
// regimes by name, and a new name defines a new regime. VALUE is read as a
// TOML value of the key's type; strings may go unquoted.
func (s *Scenario) Set(kv string) error { return s.SetAs("--set", kv) }

// SetAs is Set for an override that came from elsewhere than --set (a
// sweep's --vary): label names it in errors.
func (s *Scenario) SetAs(label, kv string) error {
	key, value, ok := strings.Cut(kv, "=")
	bad := func(format string, args ...any) error {
		return Errors{{File: label + " " + kv, Msg: fmt.Sprintf(format, args...)}}
	}
	if !ok || strings.TrimSpace(key) == "" {
		return bad("want KEY=VALUE, for example regimes.malfunctioning.outage_start=0.1")
	}
	val, indexed, err := s.walk(strings.TrimSpace(key))
	if err != nil {
		return bad("%v", err)
	}
	if err := setValue(val, value); err != nil {
		return bad("%v", err)
	}
	s.sets = append(s.sets, kv)
	s.setKeys[strings.Join(indexed, ".")] = label + " " + kv
	return nil
}

// walk finds the value a dotted key names, creating the regime or optional
// table it may name, and returns it with its indexed path.
func (s *Scenario) walk(key string) (reflect.Value, []string, error) {
	parts := strings.Split(key, ".")
	val := reflect.ValueOf(s.File).Elem()
	var indexed []string
	for i, part := range parts {
		for val.Kind() == reflect.Pointer {
			if val.IsNil() {
				val.Set(reflect.New(val.Type().Elem()))
			}
			val = val.Elem()
		}
		switch val.Kind() {
		case reflect.Struct:
			f, ok := fieldByKey(val, part)
			if !ok {
				msg := fmt.Sprintf("unknown key %q in %s", part, orTop(strings.Join(parts[:i], ".")))
				if why, ok := removedKeys[part]; ok && parts[0] != "abuse" {
					msg += ": " + why
				} else if hint := closest(keysOf(val.Type()), part); hint != "" {
					msg += "; did you mean " + hint + "?"
				}
				return val, nil, errors.New(msg)
			}
			val = f
			indexed = append(indexed, part)
		case reflect.Slice:
			at := strings.Join(parts[:i], ".")
			if val.Type().Elem().Kind() != reflect.Struct {
				return val, nil, fmt.Errorf("%s is a list; set it whole, for example %s=a,b", at, at)
			}
			n := findElement(val, part)
			if n < 0 {
				return val, nil, fmt.Errorf("%s has no element %q (give a name or an index from 0 to %d)", at, part, val.Len()-1)
			}
			val = val.Index(n)
			indexed = append(indexed, strconv.Itoa(n))
		case reflect.Map:
			// A new name defines a new entry: a regime (regimes.NAME), or a
			// factor's level (factors.FACTOR.LEVEL).
			k := reflect.ValueOf(part)
			if val.IsNil() {
				val.Set(reflect.MakeMap(val.Type())) // a field of File: settable; inner maps are made below
			}
			e := val.MapIndex(k)
			if !e.IsValid() {
				if val.Type().Elem().Kind() == reflect.Map {
					e = reflect.MakeMap(val.Type().Elem())
				} else {
					e = reflect.New(val.Type().Elem().Elem())
				}
				val.SetMapIndex(k, e)
				switch {
				case parts[0] == "regimes" && i == 1 && !slices.Contains(s.regimeOrder, part):
					s.regimeOrder = append(s.regimeOrder, part)
				case parts[0] == "factors" && i == 2:
					s.levelOrder = append(s.levelOrder, [2]string{parts[1], part})
				}
			}
			val = e
			indexed = append(indexed, part)
		default:
			return val, nil, fmt.Errorf("%s is a value, not a table", strings.Join(parts[:i], "."))
		}
	}
	return val, indexed, nil
}

// KeyKind reports whether key names a number of the scenario, and whether
// that number must be whole. It changes nothing.
func (s *Scenario) KeyKind(key string) (numeric, integer bool, err error) {
	val, _, err := s.Clone().walk(key)
	if err != nil {
		return false, false, err
	}
	t := val.Type()
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int64:
		return true, true, nil
	case reflect.Float64:
		return true, false, nil
	}
	return false, false, nil
}

func orTop(path string) string {
	if path == "" {
		return "the top level"
	}
	return path
}

// findElement finds an array element by name, location or index.
func findElement(slice reflect.Value, part string) int {
	for j := range slice.Len() {
		if elementName(slice.Index(j)) == part {
			return j
		}
	}
	if n, err := strconv.Atoi(part); err == nil && n >= 0 && n < slice.Len() {
		return n
	}
	return -1
}

// setValue decodes value as TOML into v: the same type checks as a file.
func setValue(v reflect.Value, value string) error {
	value = strings.TrimSpace(value)
	holder := reflect.New(reflect.StructOf([]reflect.StructField{{
		Name: "V", Type: v.Type(), Tag: `toml:"v"`,
	}}))
	try := func(text string) error {
		_, err := toml.Decode("v = "+text, holder.Interface())
		return err
	}
	err := try(value)
	if err != nil {
		t := v.Type()
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		switch {
		case t.Kind() == reflect.String || reflect.PointerTo(t).Implements(textUnmarshaler):
			err = try(strconv.Quote(value))
		case t.Kind() == reflect.Slice && !strings.HasPrefix(value, "["):
			items := strings.Split(value, ",")
			for i, it := range items {
				it = strings.TrimSpace(it)
				if t.Elem().Kind() == reflect.String {
					it = strconv.Quote(it)
				}
				items[i] = it
			}
			err = try("[" + strings.Join(items, ", ") + "]")
		}
	}
	if err != nil {
		msg := err.Error()
		if i := strings.LastIndex(msg, "): "); i >= 0 {
			msg = msg[i+3:]
		}
		msg = strings.TrimPrefix(msg, "toml: ")
		if plain := plainType(msg, value); plain != msg {
			return errors.New(plain)
		}
		// A word where a number or a truth value belongs is no TOML value
		// at all; say what was wanted rather than what the parser expected.
		t := v.Type()
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		switch t.Kind() {
		case reflect.Float64, reflect.Float32:
			return fmt.Errorf("want a number, got the text %q", value)
		case reflect.Int, reflect.Int64, reflect.Int32:
			return fmt.Errorf("want a whole number, got the text %q", value)
		case reflect.Bool:
			return fmt.Errorf("want true or false, got the text %q", value)
		}
		return fmt.Errorf("value %q: %s", value, msg)
	}
	v.Set(holder.Elem().Field(0))
	return nil
}

var textUnmarshaler = reflect.TypeOf((*interface{ UnmarshalText([]byte) error })(nil)).Elem()

func closest(keys []string, k string) string {
	best, bestD := "", 3
	for _, key := range keys {
		if d := editDistance(key, k); d < bestD {
			best, bestD = key, d
		}
	}
	return best
}

// setBy reports the override that set path or one of its ancestors.
func (s *Scenario) setBy(path string) (string, bool) {
	for p := path; p != ""; {
		if by, ok := s.setKeys[p]; ok {
			return by, true
		}
		i := strings.LastIndexByte(p, '.')
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return "", false
}
