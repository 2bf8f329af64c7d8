package scenarios

import (
	"fmt"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/borderwork/borderwork/internal/mdtest"
)

const scenariosDoc = "../docs/SCENARIOS.md"

// embeddedHeadings names the section of docs/SCENARIOS.md that documents
// the keys of an embedded struct, which several tables share.
var embeddedHeadings = map[string]string{
	"PolicySpec": "### Post policy keys",
}

// docKey is one key of the scenario format and where docs/SCENARIOS.md
// must document it.
type docKey struct {
	heading string        // the section whose table lists it
	table   string        // the Go type holding it, as range rules name it
	key     string        // the TOML key
	typ     reflect.Type  // the field's type
	def     reflect.Value // its default, if it has one
}

// formatKeys walks File, as validate.go does, and returns every key with
// its section and default: a table's section is headed by its TOML
// header (### `[migrants]`, ### `[[posts.schedule]]`).
func formatKeys(t *testing.T) []docKey {
	t.Helper()
	defaults := map[string]reflect.Value{
		"origins":                 reflect.ValueOf(defaultOrigin),
		"centres":                 reflect.ValueOf(defaultCentre),
		"regimes.NAME":            reflect.ValueOf(*engineRegime()),
		"programmes":              reflect.ValueOf(defaultProgramme),
		"programmes.training":     reflect.ValueOf(defaultTraining),
		"programmes.human_rights": reflect.ValueOf(defaultHumanRights),
		"programmes.equipment":    reflect.ValueOf(defaultEquipment),
		"programmes.construction": reflect.ValueOf(defaultConstruction),
	}
	elementDefault := func(path string, rt reflect.Type) reflect.Value {
		if v, ok := defaults[path]; ok {
			return v
		}
		return reflect.Zero(rt)
	}
	var keys []docKey
	var walk func(v reflect.Value, table, path, heading string)
	walk = func(v reflect.Value, table, path, heading string) {
		rt := v.Type()
		for i := range rt.NumField() {
			sf := rt.Field(i)
			if sf.Anonymous {
				h, ok := embeddedHeadings[sf.Type.Name()]
				if !ok {
					t.Fatalf("the keys of the embedded %s have no section: add one to %s and to embeddedHeadings", sf.Type.Name(), scenariosDoc)
				}
				walk(v.Field(i), table, path, h)
				continue
			}
			key := tomlKey(sf)
			if key == "" {
				continue
			}
			keys = append(keys, docKey{heading: heading, table: table, key: key, typ: sf.Type, def: v.Field(i)})
			child := join(path, key)
			ft := deref(sf.Type)
			switch {
			case isText(ft):
			case ft.Kind() == reflect.Struct:
				fv := v.Field(i) // a table may be optional: a pointer, nil or holding its defaults
				if d, ok := defaults[child]; ok {
					fv = d // a table whose keys have defaults of their own
				}
				if fv.Kind() == reflect.Pointer {
					if fv.IsNil() {
						fv = reflect.Zero(ft)
					} else {
						fv = fv.Elem()
					}
				}
				walk(fv, ft.Name(), child, "### `["+child+"]`")
			case ft.Kind() == reflect.Slice && deref(ft.Elem()).Kind() == reflect.Struct && !isText(deref(ft.Elem())):
				et := deref(ft.Elem())
				walk(elementDefault(child, et), et.Name(), child, "### `[["+child+"]]`")
			case ft.Kind() == reflect.Map && deref(ft.Elem()).Kind() == reflect.Map:
				// [factors.FACTOR.LEVEL] holds regime keys, each limited to
				// its factor: SCENARIOS.md describes it in prose, beside
				// the regimes' table.
			case ft.Kind() == reflect.Map:
				et := deref(ft.Elem())
				walk(elementDefault(child+".NAME", et), et.Name(), child+".NAME", "### `["+child+".NAME]`")
			}
		}
	}
	walk(reflect.ValueOf(newFile()).Elem(), "File", "", "### Top-level keys")
	return keys
}

// TestScenarioKeysAreDocumented keeps docs/SCENARIOS.md true to the
// format: every key has a row in its table's section giving its TOML
// type, its default (where the code has one) and its range (in the words
// of the error for a number out of range), and no row names a key the
// table does not have.
func TestScenarioKeysAreDocumented(t *testing.T) {
	doc := readScenariosDoc(t)
	keys := formatKeys(t)
	missing := map[string]bool{}
	for _, k := range keys {
		row, ok := docRow(doc, k.heading, k.key)
		if !ok {
			if id := k.heading + " " + k.key; !missing[id] {
				t.Errorf("%s, %s: no row for %s", scenariosDoc, k.heading, k.key)
				missing[id] = true
			}
			continue
		}
		if want := tomlType(k.typ); row.typ != want {
			t.Errorf("%s, %s: %s has type %q; want %q", scenariosDoc, k.heading, k.key, row.typ, want)
		}
		if want, ok := defaultText(k.def); ok && row.def != want && !strings.HasPrefix(row.def, want+" ") {
			t.Errorf("%s, %s: %s defaults to %q; the code's default is %s", scenariosDoc, k.heading, k.key, row.def, want)
		}
		if isNumber(k.typ) {
			if b, ok := ruleFor(k.table, k.key); ok && !strings.Contains(row.rng, b.what) {
				t.Errorf("%s, %s: %s has range %q; want it to say %q", scenariosDoc, k.heading, k.key, row.rng, b.what)
			}
		}
	}
	known := map[string]bool{}
	var headings []string
	for _, k := range keys {
		if !known[k.heading] {
			headings = append(headings, k.heading)
		}
		known[k.heading] = true
		known[k.heading+" "+k.key] = true
	}
	for _, h := range headings {
		sec, ok := mdtest.Section(doc, h)
		if !ok {
			continue // reported above, key by key
		}
		for _, m := range regexp.MustCompile("(?m)^\\| `([a-z_]+)` \\|").FindAllStringSubmatch(sec, -1) {
			if !known[h+" "+m[1]] {
				t.Errorf("%s, %s: documents %s, which the format does not have", scenariosDoc, h, m[1])
			}
		}
	}
}

// TestScenariosDocExamples checks the minimal scenario of
// docs/SCENARIOS.md as `borderwork check` does, alone and with each
// snippet the page appends to it, and builds every regime of each.
func TestScenariosDocExamples(t *testing.T) {
	doc := readScenariosDoc(t)
	minimal := minimalScenario(t, doc)
	snippets := regexp.MustCompile("<!-- append to the minimal scenario -->\n```toml\n((?s).*?)```").FindAllStringSubmatch(doc, -1)
	if len(snippets) == 0 {
		t.Fatalf("%s has no snippet to append to the minimal scenario", scenariosDoc)
	}
	texts := []string{minimal}
	for _, m := range snippets {
		texts = append(texts, minimal+"\n"+m[1])
	}
	for i, text := range texts {
		s, err := parseExample(text)
		if err == nil {
			err = s.Validate()
		}
		if err != nil {
			t.Errorf("example %d (0 is the minimal scenario): %v", i, err)
			continue
		}
		for _, r := range s.RegimeNames() {
			if _, err := s.Config(r); err != nil {
				t.Errorf("example %d, regime %s: %v", i, r, err)
			}
		}
	}
}

// TestScenariosDocErrors makes each mistake the table of errors in
// docs/SCENARIOS.md shows, a changed line or a --set, and compares the
// error with the one shown.
func TestScenariosDocErrors(t *testing.T) {
	doc := readScenariosDoc(t)
	minimal := minimalScenario(t, doc)
	sec, ok := mdtest.Section(doc, "## Errors")
	if !ok {
		t.Fatalf("%s has no section on errors", scenariosDoc)
	}
	rows := regexp.MustCompile("(?m)^\\| (`.+`) \\| `(.+)` \\|$").FindAllStringSubmatch(sec, -1)
	if len(rows) == 0 {
		t.Fatalf("%s shows no errors of the minimal scenario", scenariosDoc)
	}
	change := regexp.MustCompile("^`(.+)` → `(.+)`$")
	for _, row := range rows {
		var err error
		if kv, ok := strings.CutPrefix(strings.Trim(row[1], "`"), "--set "); ok {
			s, perr := parseExample(minimal)
			if perr != nil {
				t.Fatal(perr)
			}
			if err = s.Set(kv); err == nil {
				err = s.Validate()
			}
		} else if m := change.FindStringSubmatch(row[1]); m != nil {
			lines := strings.Split(minimal, "\n")
			n := 0
			for i, l := range lines {
				if l == m[1] {
					lines[i] = m[2]
					n++
				}
			}
			if n != 1 {
				t.Errorf("%s: the minimal scenario has %d lines %q; want 1", row[1], n, m[1])
				continue
			}
			s, perr := parseExample(strings.Join(lines, "\n"))
			if err = perr; err == nil {
				err = s.Validate()
			}
		} else {
			t.Errorf("%s: want `LINE` → `LINE` or `--set KEY=VALUE`", row[1])
			continue
		}
		if err == nil || err.Error() != row[2] {
			t.Errorf("%s gives\n%v\nwant\n%s", row[1], err, row[2])
		}
	}
}

func readScenariosDoc(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(scenariosDoc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func minimalScenario(t *testing.T, doc string) string {
	t.Helper()
	m := regexp.MustCompile("<!-- minimal scenario -->\n```toml\n((?s).*?)```").FindStringSubmatch(doc)
	if m == nil {
		t.Fatalf("%s has no minimal scenario", scenariosDoc)
	}
	return m[1]
}

func parseExample(text string) (*Scenario, error) {
	return Parse([]byte(text), "minimal.toml", "minimal.toml", fstest.MapFS{})
}

// keyRow is a row of a table of keys: | key | type | unit | default |
// range | meaning |, without backticks.
type keyRow struct{ typ, unit, def, rng string }

func docRow(doc, heading, key string) (keyRow, bool) {
	sec, ok := mdtest.Section(doc, heading)
	if !ok {
		return keyRow{}, false
	}
	for _, line := range strings.Split(sec, "\n") {
		if !strings.HasPrefix(line, "| `"+key+"` |") {
			continue
		}
		cells := strings.Split(strings.ReplaceAll(line, "`", ""), "|")
		if len(cells) < 7 {
			return keyRow{}, false
		}
		return keyRow{typ: strings.TrimSpace(cells[2]), unit: strings.TrimSpace(cells[3]), def: strings.TrimSpace(cells[4]), rng: strings.TrimSpace(cells[5])}, true
	}
	return keyRow{}, false
}

func deref(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

func isText(t reflect.Type) bool { return reflect.PointerTo(t).Implements(textUnmarshaler) }

// tomlType is how a Go type is written in TOML, as the page names it.
func tomlType(t reflect.Type) string {
	t = deref(t)
	if isText(t) {
		return "string"
	}
	switch t.Kind() {
	case reflect.String:
		return "string"
	case reflect.Int, reflect.Int64:
		return "integer"
	case reflect.Float64:
		return "number"
	case reflect.Bool:
		return "boolean"
	case reflect.Struct:
		return "table"
	case reflect.Map:
		return "table of tables"
	case reflect.Slice:
		if e := deref(t.Elem()); e.Kind() == reflect.Struct && !isText(e) {
			return "array of tables"
		}
		return "array of " + tomlType(t.Elem()) + "s"
	}
	return t.Kind().String()
}

func isNumber(t reflect.Type) bool {
	t = deref(t)
	if t.Kind() == reflect.Slice {
		t = deref(t.Elem())
	}
	return !isText(t) && (t.Kind() == reflect.Int || t.Kind() == reflect.Int64 || t.Kind() == reflect.Float64)
}

// defaultText is a key's default as the page writes it, if the code gives
// it one: a number, true or false, or a word.
func defaultText(v reflect.Value) (string, bool) {
	if !v.IsValid() {
		return "", false
	}
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return "", false
		}
		v = v.Elem()
	}
	if s, ok := v.Interface().(fmt.Stringer); ok {
		return s.String(), s.String() != ""
	}
	switch v.Kind() {
	case reflect.Int, reflect.Int64:
		return strconv.FormatInt(v.Int(), 10), true
	case reflect.Float64:
		return strconv.FormatFloat(v.Float(), 'g', -1, 64), true
	case reflect.Bool:
		return strconv.FormatBool(v.Bool()), true
	case reflect.String:
		return v.String(), v.String() != ""
	}
	return "", false
}

// TestPerformanceScenarios: the scenario files docs/PERFORMANCE.md
// measures with are valid, and hold the migrants it says they do.
func TestPerformanceScenarios(t *testing.T) {
	for _, c := range []struct {
		path     string
		migrants int
	}{{"../docs/perf/chain-million.toml", 1_000_000}, {"../docs/perf/flee-chain.toml", 100_000}} {
		s, err := Load(c.path)
		if err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		if err := s.Validate(); err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		cfg, err := s.Config(s.DefaultRegimes()[0])
		if err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		n := 0
		for _, o := range cfg.Origins {
			n += o.Initial
		}
		for _, l := range cfg.Region.Locations {
			n += l.Initial
		}
		if n != c.migrants || cfg.Days != 100 {
			t.Errorf("%s: %d migrants for %d days; want %d for 100", c.path, n, cfg.Days, c.migrants)
		}
	}
}

// TestUnitsAreDocumented: the unit column of docs/SCENARIOS.md says, for
// every number, what the units registry (KeyUnit) says, so that a figure's
// axis and the page name one unit.
func TestUnitsAreDocumented(t *testing.T) {
	doc := readScenariosDoc(t)
	for _, k := range formatKeys(t) {
		if !isNumber(k.typ) {
			continue
		}
		row, ok := docRow(doc, k.heading, k.key)
		if !ok {
			continue // TestScenarioKeysAreDocumented reports it
		}
		want := row.unit
		if want == "—" {
			want = ""
		}
		if got := unitFor(k.table, k.key); got != want {
			t.Errorf("%s, %s: %s has unit %q; the units registry says %q", scenariosDoc, k.heading, k.key, row.unit, got)
		}
	}
}

func TestKeyUnit(t *testing.T) {
	s := loadTiny(t)
	for _, tc := range []struct{ key, want string }{
		{"regimes.malfunctioning.outage_start", "probability per day"},
		{"regimes.closed.patrol", "probability per day"},
		{"factors.reliability.failing.outage_days", "days"},
		{"days", "days"},
		{"seed", ""},
	} {
		if got, err := s.KeyUnit(tc.key); err != nil || got != tc.want {
			t.Errorf("KeyUnit(%q) = %q, %v; want %q, nil", tc.key, got, err, tc.want)
		}
	}
	if _, err := s.KeyUnit("regimes.closed.no_such_key"); err == nil {
		t.Errorf("KeyUnit(regimes.closed.no_such_key): no error")
	}
}

// TestBundledScenariosListed: SCENARIOS.md's table of bundled scenarios
// has one row for each, and a level `[factors.F.L]` a row names is the
// file's, called a change to a built-in level where L is one and a level
// of the file's own where it is not.
func TestBundledScenariosListed(t *testing.T) {
	doc := readScenariosDoc(t)
	i := strings.Index(doc, "The bundled scenarios are fuller examples")
	if i < 0 {
		t.Fatalf("%s has no table of the bundled scenarios", scenariosDoc)
	}
	table, _, _ := strings.Cut(doc[i:], "\n\n## ")
	rows := regexp.MustCompile("(?m)^\\| `([^`]+)`(?: \\(the default\\))? \\| (.*) \\|$").FindAllStringSubmatch(table, -1)
	listed := map[string]int{}
	level := regexp.MustCompile("`\\[factors\\.([a-z_]+)\\.([a-z_]+)\\]`")
	for _, row := range rows {
		name, text := row[1], row[2]
		listed[name]++
		s, err := Load(name)
		if err != nil {
			t.Errorf("%s lists %q: %v", scenariosDoc, name, err)
			continue
		}
		for _, m := range level.FindAllStringSubmatch(text, -1) {
			factor, lv := m[1], m[2]
			if s.File.Factors[factor][lv] == nil {
				t.Errorf("%s: the row names %s, which the file does not set", name, m[0])
			}
			builtin := builtinFactors().find(factor, lv) != nil
			switch {
			case builtin && !strings.Contains(text, "built-in level"):
				t.Errorf("%s: %s is a built-in level; the row does not call it one: %s", name, m[0], text)
			case !builtin && !strings.Contains(text, "of its own"):
				t.Errorf("%s: %s is a level of the file's own; the row does not say so: %s", name, m[0], text)
			}
		}
	}
	for _, name := range Names() {
		if listed[name] != 1 {
			t.Errorf("%s lists bundled scenario %s %d times; want once", scenariosDoc, name, listed[name])
		}
	}
}

// TestModelGivesShareRanges keeps docs/MODEL.md's parameter tables
// (section 9, where "Range" is what validation accepts) true to the
// validator for the keys limited to [0, 1]: every such key's row says
// "[0, 1]". (Audit referee6, finding 7: smuggling.propensity_spread's row
// gave no range, though validation refuses values above 1.)
func TestModelGivesShareRanges(t *testing.T) {
	model := readModelDoc(t)
	checked := 0
	for _, k := range formatKeys(t) {
		r, ok := ruleFor(k.table, k.key)
		if !isNumber(k.typ) || !ok || r.lo != 0 || r.hi != 1 {
			continue
		}
		h, ok := modelHeading(model, k.heading)
		if !ok {
			continue
		}
		sec, ok := mdtest.Section(model, h)
		if !ok {
			t.Fatalf("docs/MODEL.md has no section %q", h)
		}
		for _, line := range strings.Split(sec, "\n") {
			if !strings.HasPrefix(line, "| `"+k.key+"` |") {
				continue
			}
			checked++
			if !strings.Contains(line, "[0, 1]") {
				t.Errorf("docs/MODEL.md, %s: %s's row gives no range; validation accepts %s, so say \"Range [0, 1].\"", h, k.key, r.what)
			}
		}
	}
	if checked < 10 {
		t.Fatalf("checked only %d rows of docs/MODEL.md; is the test or the document broken?", checked)
	}
}

const modelDoc = "../docs/MODEL.md"

func readModelDoc(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(modelDoc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// modelHeading is the heading of docs/MODEL.md whose table documents the
// keys of a SCENARIOS.md section: one of section 9's, or, for [flee],
// 15.9's.
func modelHeading(model, heading string) (string, bool) {
	switch heading {
	case "### Top-level keys":
		return "### 9.1 Top level", true
	case "### Post policy keys":
		return "### 9.6 Post policy", true
	case "### `[flee]`":
		return "### 15.9 Parameters", true
	}
	_, name, ok := strings.Cut(heading, "`")
	if !ok {
		return "", false
	}
	name = strings.ReplaceAll(strings.TrimSuffix(name, "`"), ".NAME", ".<name>")
	m := regexp.MustCompile("(?m)^### 9\\.[0-9]+ .*" + regexp.QuoteMeta("`"+name+"`") + ".*$").FindString(model)
	return m, m != ""
}

// modelDefault is the default column (the third) of the row of key in a
// table of docs/MODEL.md's section sec, without backticks: a row names
// one key or several (`lat`, `lon`), or, in 15.9's second table, a key
// of another table (`[[locations]] population`).
func modelDefault(sec, key string) (string, bool) {
	for _, line := range strings.Split(sec, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 6 || !strings.HasPrefix(line, "| `") {
			continue
		}
		for _, name := range strings.Split(strings.ReplaceAll(cells[1], "`", ""), ",") {
			name = strings.TrimSpace(name)
			if _, field, ok := strings.Cut(name, " "); ok && strings.HasPrefix(name, "[") {
				name = field // `[[locations]] population`
			}
			if name == key {
				return strings.TrimSpace(strings.ReplaceAll(cells[3], "`", "")), true
			}
		}
	}
	return "", false
}

// TestModelDefaultsMatchCode keeps the defaults docs/MODEL.md's parameter
// tables state (section 9, and 15.9 for the Flee rule set) equal to the
// code's: every key the format gives a default has a row, and the row's
// default column is that value, alone or followed by a gloss ("0
// (never)"), written as any number of that value (1.0 for 1), or, for an
// irrational one, its rounding after "≈". SCENARIOS.md's
// defaults are held by TestScenarioKeysAreDocumented; MODEL.md's, which
// also give each default's reason, had no such check.
func TestModelDefaultsMatchCode(t *testing.T) {
	model := readModelDoc(t)
	flee, ok := mdtest.Section(model, "### 15.9 Parameters")
	if !ok {
		t.Fatalf("%s has no section 15.9", modelDoc)
	}
	checked := 0
	for _, k := range formatKeys(t) {
		want, ok := defaultText(k.def)
		if !ok {
			continue
		}
		h, ok := modelHeading(model, k.heading)
		if !ok {
			continue // a table section 9 does not list (phases, programmes, monitors: 10.4, 10.5, SCENARIOS.md)
		}
		sec, ok := mdtest.Section(model, h)
		if !ok {
			t.Fatalf("%s has no section %q", modelDoc, h)
		}
		got, ok := modelDefault(sec, k.key)
		if !ok {
			got, ok = modelDefault(flee, k.key) // a key read by the Flee rule set only
		}
		if !ok {
			t.Errorf("%s, %s: no row for %s, whose default is %s", modelDoc, h, k.key, want)
			continue
		}
		checked++
		if got == want || strings.HasPrefix(got, want+" ") {
			continue
		}
		if v, err := strconv.ParseFloat(strings.Fields(got + " ")[0], 64); err == nil && strconv.FormatFloat(v, 'g', -1, 64) == want {
			continue // 1.0 for 1
		}
		if _, approx, ok := strings.Cut(got, "≈ "); ok && strings.Contains(approx, ".") {
			// Within half a unit of the last digit shown.
			v, err1 := strconv.ParseFloat(approx, 64)
			w, err2 := strconv.ParseFloat(want, 64)
			tol, err3 := strconv.ParseFloat("0.5e-"+strconv.Itoa(len(approx)-strings.Index(approx, ".")-1), 64)
			if err1 == nil && err2 == nil && err3 == nil && v-w <= tol && w-v <= tol {
				continue
			}
		}
		t.Errorf("%s, %s: %s defaults to %q; the code's default is %s", modelDoc, h, k.key, got, want)
	}
	if checked < 100 {
		t.Fatalf("checked only %d defaults in %s; is the test or the document broken?", checked, modelDoc)
	}
}
