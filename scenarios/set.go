package scenarios

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	didyoumean "github.com/borderwork/borderwork/internal/suggest"
)

// Set applies one KEY=VALUE override. KEY is a dotted path into the
// scenario as written in TOML; array elements are addressed by name (posts,
// locations), by location (origins, markets, centres) or by index from 0;
// regimes by name, and a new name defines a new regime. VALUE is read as a
// TOML value of the key's type; strings may go unquoted. Set checks the
// key and the value's type; Validate checks its range (days=-5 is set,
// then refused there). Errors name the override as --set gave it
// ("--set days=abc: ...") and wrap ErrInvalid.
func (s *Scenario) Set(kv string) error { return s.SetAs("--set", kv) }

// SetAs is Set for an override that came from elsewhere than --set (a
// sweep's --vary): label names it in errors.
func (s *Scenario) SetAs(label, kv string) error {
	key, value, ok := strings.Cut(kv, "=")
	shown := label + " " + shownOverride(kv)
	bad := func(format string, args ...any) error {
		return Errors{{File: shown, Msg: fmt.Sprintf(format, args...)}}
	}
	if !ok || strings.TrimSpace(key) == "" {
		return bad("want KEY=VALUE, for example regimes.malfunctioning.outage_start=0.1")
	}
	if !utf8.ValidString(kv) || strings.ContainsFunc(key, unicode.IsControl) {
		return bad("want text: KEY and VALUE hold bytes that are not UTF-8, or control characters in KEY")
	}
	// An override that fails changes nothing: undo the tables and
	// regimes walk created on the way.
	var undo undoList
	val, indexed, err := s.walk(strings.TrimSpace(key), &undo)
	if err != nil {
		undo.rollback()
		return bad("%v", err)
	}
	if msg := notAValue(strings.TrimSpace(key), val.Type(), value); msg != "" {
		undo.rollback()
		return bad("%s", msg)
	}
	if err := setValue(val, value); err != nil {
		undo.rollback()
		return bad("%v", err)
	}
	// inflow_csv is read with the file, relative to it; an override has
	// no file to read it from, nor a place to say which.
	for i, o := range s.File.Origins {
		if o.InflowCSV != "" {
			undo.rollback()
			return bad("origins.%d.inflow_csv: a file of inflows is read with the scenario, not from an override; give the steps here as inflow_schedule=[{from=0, rate=5}, ...], or name the file in the scenario", i)
		}
	}
	// A list set whole (origins=[{...}]) holds tables the file's defaults
	// never reached; a table set whole (regimes={x={}}) names regimes and
	// levels the file's order does not.
	s.fillDefaults()
	s.syncOrders()
	s.sets = append(s.sets, kv)
	s.setKeys[strings.Join(indexed, ".")] = shown
	return nil
}

// maxShown is the most runes of an override that its errors quote.
const maxShown = 200

// shownOverride is kv as the errors about it quote it: in quotes if it
// holds a line break or another control character, so that a message
// stays one line, and cut after maxShown runes, with an ellipsis. Every
// problem an override causes quotes it: a list of 60,000 empty names,
// default_regimes=,,,..., has 120,000 problems, and quoted whole in each
// they took a server's page 22 GB of memory.
func shownOverride(kv string) string {
	cut := false
	if utf8.RuneCountInString(kv) > maxShown {
		i := 0
		for n := range kv {
			if i == maxShown {
				kv, cut = kv[:n], true
				break
			}
			i++
		}
	}
	if strings.ContainsFunc(kv, unicode.IsControl) {
		kv = strconv.Quote(kv)
	}
	if cut {
		kv += "…"
	}
	return kv
}

// walk finds the value a dotted key names, creating the regime or optional
// table it may name (and adding to undo how to remove them again), and
// returns it with its indexed path.
func (s *Scenario) walk(key string, undo *undoList) (reflect.Value, []string, error) {
	parts := strings.Split(key, ".")
	val := reflect.ValueOf(s.File).Elem()
	var indexed []string
	for i, part := range parts {
		for val.Kind() == reflect.Pointer {
			if val.IsNil() {
				p := val
				p.Set(newTable(p.Type()))
				*undo = append(*undo, func() { p.Set(reflect.Zero(p.Type())) })
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
				} else {
					msg += s.elsewhere(part)
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
				return val, nil, noElement(val, at, part)
			}
			val = val.Index(n)
			indexed = append(indexed, strconv.Itoa(n))
		case reflect.Map:
			// A new name defines a new entry: a regime (regimes.NAME), or a
			// factor's level (factors.FACTOR.LEVEL).
			k := reflect.ValueOf(part)
			m := val
			if m.IsNil() {
				m.Set(reflect.MakeMap(m.Type())) // a field of File: settable; inner maps are made below
				*undo = append(*undo, func() { m.Set(reflect.Zero(m.Type())) })
			}
			e := m.MapIndex(k)
			if !e.IsValid() {
				if m.Type().Elem().Kind() == reflect.Map {
					e = reflect.MakeMap(m.Type().Elem())
				} else {
					e = reflect.New(m.Type().Elem().Elem())
				}
				m.SetMapIndex(k, e)
				regimes, levels := len(s.regimeOrder), len(s.levelOrder)
				*undo = append(*undo, func() {
					m.SetMapIndex(k, reflect.Value{})
					s.regimeOrder, s.levelOrder = s.regimeOrder[:regimes], s.levelOrder[:levels]
				})
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
	if val.Kind() == reflect.Pointer && !val.CanSet() {
		val = val.Elem() // a regime as a whole: set what it points to
	}
	return val, indexed, nil
}

// KeyKind reports whether key names a number of the scenario, and whether
// that number must be whole. It changes nothing.
func (s *Scenario) KeyKind(key string) (numeric, integer bool, err error) {
	var undo undoList
	val, _, err := s.Clone().walk(key, &undo)
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

// KeyPath is the path key names, with list elements by index: two
// spellings of one key (origins.Village.inflow, origins.0.inflow) have
// the same KeyPath. setBy is the --set that set that very key, if one
// did. It changes nothing.
func (s *Scenario) KeyPath(key string) (path, setBy string, err error) {
	var undo undoList
	_, indexed, err := s.Clone().walk(strings.TrimSpace(key), &undo)
	if err != nil {
		return "", "", err
	}
	path = strings.Join(indexed, ".")
	if by := s.setKeys[path]; strings.HasPrefix(by, "--set ") {
		setBy = by
	}
	return path, setBy, nil
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
	if n, err := strconv.Atoi(part); err == nil && strconv.Itoa(n) == part && n >= 0 && n < slice.Len() { // "+1", "01": not an index as a key names it
		return n
	}
	return -1
}

// notAValue explains an override of a whole table, or a list of tables,
// by a plain value (posts.Post=3), which the decoder would report in Go's
// terms; "" if the override is not one.
func notAValue(key string, t reflect.Type, value string) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if strings.HasPrefix(strings.TrimSpace(value), "{") {
		// The decoder reads one table into a list of tables as a list of
		// it alone: posts={name="x"} dropped every other post.
		if t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Struct {
			return fmt.Sprintf("%s is a list of tables, not one table: to replace them all give a list in brackets, %s=[{...}, {...}]; to change one, set its key, %s", key, key, elementKeys(t.Elem(), key))
		}
		return "" // an inline table: the decoder checks it
	}
	switch {
	case t.Kind() == reflect.Struct || t.Kind() == reflect.Map:
		return fmt.Sprintf("%s is a table, not a value: set one of its keys, %s.KEY%s", key, key, exampleKey(t, key))
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Struct && !strings.HasPrefix(strings.TrimSpace(value), "["):
		return fmt.Sprintf("%s is a list of tables, not a value: set a key of one of them, %s", key, elementKeys(t.Elem(), key))
	}
	return ""
}

// elementKeys is how an override names a key of an element of the list
// of tables of type elem at key: by NAME (a name or location) or INDEX,
// or by INDEX alone where elements have neither (links, schedules).
func elementKeys(elem reflect.Type, key string) string {
	for i := range elem.NumField() {
		name, _, _ := strings.Cut(elem.Field(i).Tag.Get("toml"), ",")
		if (name == "name" || name == "location") && elem.Field(i).Type.Kind() == reflect.String {
			return fmt.Sprintf("%s.NAME.KEY or %s.INDEX.KEY", key, key)
		}
	}
	return key + ".INDEX.KEY"
}

// exampleKey is " (such as KEY.first)" for a table, its first numeric
// TOML key, else "".
func exampleKey(t reflect.Type, key string) string {
	if t.Kind() != reflect.Struct {
		return ""
	}
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ",")
		ft := t.Field(i).Type
		for ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		switch ft.Kind() {
		case reflect.Float64, reflect.Int, reflect.Int64:
			if name != "" && name != "-" {
				return fmt.Sprintf(" (such as %s.%s)", key, name)
			}
		}
	}
	return ""
}

// maxListed is how many names an error lists: more would not fit a line.
const maxListed = 8

// noElement is the error for a list at that has no element part: the
// name meant (a name differing only in case first), and the names when
// they are few.
func noElement(slice reflect.Value, at, part string) error {
	msg := fmt.Sprintf("%s has no element %q", at, part)
	if slice.Len() == 0 {
		return errors.New(msg + " (it is empty)")
	}
	var names []string
	for j := range slice.Len() {
		if n := elementName(slice.Index(j)); n != "" {
			names = append(names, n)
		}
	}
	if i := slices.IndexFunc(names, func(n string) bool { return strings.EqualFold(n, part) }); i >= 0 {
		msg += "; did you mean " + names[i] + "? Names are case-sensitive"
	} else {
		msg += didyoumean.Hint(part, names)
	}
	index := fmt.Sprintf("an index from 0 to %d", slice.Len()-1)
	if len(names) > 0 && len(names) <= maxListed {
		return fmt.Errorf("%s (names: %s; or %s)", msg, strings.Join(names, ", "), index)
	}
	return fmt.Errorf("%s (give a name or %s)", msg, index)
}

// setValue decodes value as TOML into v: the same type checks as a file.
func setValue(v reflect.Value, value string) error {
	value = strings.TrimSpace(value)
	holder := reflect.New(reflect.StructOf([]reflect.StructField{{
		Name: "V", Type: v.Type(), Tag: `toml:"v"`,
	}}))
	try := func(text string) error {
		md, err := toml.Decode("v = "+text, holder.Interface())
		if err != nil {
			return err
		}
		// One value, whole: not a value followed by more keys or tables,
		// which the decoder would read and this override drop.
		for _, k := range md.Keys() {
			if k[0] != "v" {
				return errOneValue
			}
		}
		if u := md.Undecoded(); len(u) > 0 {
			return fmt.Errorf("unknown key %s", strings.TrimPrefix(u[0].String(), "v."))
		}
		return nil
	}
	err := try(value)
	if errors.Is(err, errOneValue) || (err != nil && strings.ContainsAny(value, "\n\r")) {
		return fmt.Errorf("value %q: %w", value, errOneValue)
	}
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
			if decimalComma.MatchString(value) {
				// A spreadsheet set to a European language writes 1,5.
				return fmt.Errorf("want a number, got the text %q: write a decimal with a point (%s), not a comma", value, strings.Replace(strings.TrimSpace(value), ",", ".", 1))
			}
			return fmt.Errorf("want a number, got the text %q", value)
		case reflect.Int, reflect.Int64, reflect.Int32:
			// A whole number the type cannot hold is a number, not text.
			if strings.Contains(msg, " is out of range for ") {
				hi := int64(1)<<(t.Bits()-1) - 1
				if strings.HasPrefix(strings.TrimSpace(value), "-") {
					return fmt.Errorf("want a larger whole number (at least %d), got %q", -hi-1, value)
				}
				return fmt.Errorf("want a smaller whole number (at most %d), got %q", hi, value)
			}
			return fmt.Errorf("want a whole number, got the text %q", value)
		case reflect.Bool:
			return fmt.Errorf("want true or false, got the text %q", value)
		}
		return fmt.Errorf("value %q: %s", value, msg)
	}
	v.Set(holder.Elem().Field(0))
	return nil
}

// errOneValue refuses an override that is more than one TOML value.
var errOneValue = errors.New("give exactly one TOML value (this has a line break, or more keys or tables after the value)")

var textUnmarshaler = reflect.TypeOf((*interface{ UnmarshalText([]byte) error })(nil)).Elem()

// elsewhere is a hint for a key given in the wrong table (--set
// outage_days=30, --set capacity=50): the keys of that name the scenario
// has, by their whole path, as check --keys lists them; "" if none.
func (s *Scenario) elsewhere(key string) string {
	var found []string
	level := false
	for _, k := range s.NumericKeys() {
		if !strings.HasSuffix(k.Key, "."+key) {
			continue
		}
		if k.Group == GroupFactor {
			level = true // every level has it: name the regime's own below
			continue
		}
		found = append(found, k.Key)
	}
	if level {
		found = append(found, "regimes.NAME."+key+" (NAME one of "+strings.Join(s.RegimeNames(), ", ")+")")
	}
	switch n := len(found); {
	case n == 0:
		return ""
	case n > 4:
		found = append(found[:3], fmt.Sprintf("%d more (borderwork check --keys lists them)", n-3))
	}
	if len(found) == 1 {
		return "; did you mean " + found[0] + "?"
	}
	return "; did you mean " + strings.Join(found[:len(found)-1], ", ") + " or " + found[len(found)-1] + "?"
}

// closest is the key fewest edits (at most 2) from k, or else the only key
// that k begins or that begins with k (migrants.trapped_after for
// trapped_after_days), or "".
func closest(keys []string, k string) string {
	best, bestD := "", 3
	for _, key := range keys {
		if d := editDistance(key, k); d < bestD {
			best, bestD = key, d
		}
	}
	if best != "" || k == "" {
		return best
	}
	var prefix []string
	for _, key := range keys {
		if strings.HasPrefix(key, k) || strings.HasPrefix(k, key) {
			prefix = append(prefix, key)
		}
	}
	if len(prefix) == 1 {
		return prefix[0]
	}
	return ""
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

// createdBy reports the override that created path, a table the file
// does not have (a regime an override names first): the first, in key
// order, of the overrides that set a key inside it.
func (s *Scenario) createdBy(path string) (string, bool) {
	if _, ok := s.lines.exact[path]; ok {
		return "", false
	}
	keys := slices.Sorted(maps.Keys(s.setKeys))
	for _, k := range keys {
		if strings.HasPrefix(k, path+".") {
			return s.setKeys[k], true
		}
	}
	return "", false
}

// undoList is how to take back what walk created on the way (tables,
// regimes, list elements), so that an override that fails changes
// nothing.
type undoList []func()

// rollback undoes every step, the last first.
func (u undoList) rollback() {
	for i := len(u) - 1; i >= 0; i-- {
		u[i]()
	}
}

// syncOrders keeps the order of the scenario's own regimes and factor
// levels in step with their tables after an override set one whole: the
// names it dropped go, and those it added follow, in lexical order (a
// table has no order of its own).
func (s *Scenario) syncOrders() {
	s.regimeOrder = slices.DeleteFunc(s.regimeOrder, func(n string) bool { return s.File.Regimes[n] == nil })
	var regimes []string
	for n := range s.File.Regimes { // collected, then sorted
		if !slices.Contains(s.regimeOrder, n) {
			regimes = append(regimes, n)
		}
	}
	slices.Sort(regimes)
	s.regimeOrder = append(s.regimeOrder, regimes...)
	s.levelOrder = slices.DeleteFunc(s.levelOrder, func(l [2]string) bool { return s.File.Factors[l[0]][l[1]] == nil })
	var levels [][2]string
	for f, ls := range s.File.Factors { // collected, then sorted
		for l := range ls {
			if !slices.Contains(s.levelOrder, [2]string{f, l}) {
				levels = append(levels, [2]string{f, l})
			}
		}
	}
	slices.SortFunc(levels, func(a, b [2]string) int { return strings.Compare(a[0]+"\x00"+a[1], b[0]+"\x00"+b[1]) })
	s.levelOrder = append(s.levelOrder, levels...)
}

// decimalComma matches a number written with a decimal comma (1,5), as a
// spreadsheet set to a European language writes it.
var decimalComma = regexp.MustCompile(`^\s*[-+]?[0-9]+,[0-9]+\s*$`)

// newTable is a new table of pointer type t as a scenario file's would
// start: [flee] from the Flee rule set's defaults (otherwise --set
// flee.documented=0.5 left every other key of it 0, each then an error
// of a key the user never gave), any other zero.
func newTable(t reflect.Type) reflect.Value {
	if t == reflect.TypeFor[*FleeSpec]() {
		return reflect.ValueOf(defaultFlee())
	}
	return reflect.New(t.Elem())
}
