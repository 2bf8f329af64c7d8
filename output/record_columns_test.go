package output

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/borderwork/borderwork/sim"
)

// TestEveryRecordReachesATable: every count of sim.DayRecord (each
// element of its arrays, each field of its groups' records) moves a
// column of timeseries.csv (DayColumns) or a total of summary.csv
// (Totals). A count added to the engine's records and not to the
// registry is counted and never written, and no docs test notices,
// since they read the registry. Day is the table's own column.
func TestEveryRecordReachesATable(t *testing.T) {
	var leaves func(v reflect.Value, name string, visit func(f reflect.Value, name string))
	leaves = func(v reflect.Value, name string, visit func(f reflect.Value, name string)) {
		switch v.Kind() {
		case reflect.Struct:
			for i := range v.NumField() {
				leaves(v.Field(i), name+"."+v.Type().Field(i).Name, visit)
			}
		case reflect.Array:
			for i := range v.Len() {
				leaves(v.Index(i), fmt.Sprintf("%s[%d]", name, i), visit)
			}
		case reflect.Int:
			visit(v, name)
		case reflect.Float64:
			visit(v, name)
		default:
			t.Fatalf("%s: a %s, which this test cannot set", name, v.Kind())
		}
	}
	moves := func(r *sim.DayRecord) bool {
		for _, c := range DayColumns {
			if c.Get(r) != 0 {
				return true
			}
		}
		days := []sim.DayRecord{*r}
		for _, tot := range Totals {
			if tot.Of(days) != 0 {
				return true
			}
		}
		return false
	}
	var rec sim.DayRecord
	leaves(reflect.ValueOf(&rec).Elem(), "DayRecord", func(f reflect.Value, name string) {
		if name == "DayRecord.Day" {
			return
		}
		if f.Kind() == reflect.Int {
			f.SetInt(7)
			defer f.SetInt(0)
		} else {
			f.SetFloat(7)
			defer f.SetFloat(0)
		}
		if !moves(&rec) {
			t.Errorf("%s reaches no column of timeseries.csv and no total of summary.csv: add it to DayColumns or Totals (output/metrics.go)", name)
		}
	})
}
