package sim

import (
	"maps"
	"os"
	"reflect"
	"regexp"
	"slices"
	"testing"

	"github.com/borderwork/borderwork/internal/mdtest"
)

// TestRecordsAreDocumented keeps docs/MODEL.md section 11 true to the
// records: every field of DayRecord and LocationDay has a row in its
// table, and no row names a field the record does not have. A field added
// to the records reaches no output table until output's registry reads
// it, so no test of docs/OUTPUTS.md would notice it missing here.
func TestRecordsAreDocumented(t *testing.T) {
	b, err := os.ReadFile("../docs/MODEL.md")
	if err != nil {
		t.Fatal(err)
	}
	row := regexp.MustCompile("(?m)^\\| `([A-Za-z]+)` \\|")
	for _, tt := range []struct {
		heading string
		record  any
	}{
		{"### 11.1 Per day: `DayRecord`", DayRecord{}},
		{"### 11.2 Per location, when asked", LocationDay{}},
	} {
		sec, ok := mdtest.Section(string(b), tt.heading)
		if !ok {
			t.Errorf("docs/MODEL.md has no section %q", tt.heading)
			continue
		}
		rows := map[string]bool{}
		for _, m := range row.FindAllStringSubmatch(sec, -1) {
			rows[m[1]] = true
		}
		typ := reflect.TypeOf(tt.record)
		fields := map[string]bool{}
		for i := range typ.NumField() {
			f := typ.Field(i)
			if !f.IsExported() {
				continue
			}
			fields[f.Name] = true
			if !rows[f.Name] {
				t.Errorf("docs/MODEL.md, %s: no row for %s.%s", tt.heading, typ.Name(), f.Name)
			}
		}
		for _, name := range slices.Sorted(maps.Keys(rows)) {
			if !fields[name] {
				t.Errorf("docs/MODEL.md, %s: a row for %s, which %s does not have", tt.heading, name, typ.Name())
			}
		}
	}
}
