package scenarios

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/borderwork/borderwork/internal/infile"
	"github.com/borderwork/borderwork/internal/words"
)

// Limits on a scenario file, checked before it is decoded, so that no file
// can make the decoder run out of memory or time (docs/SCENARIOS.md).
const (
	// MaxFileBytes is the largest scenario file, or inflow CSV, read: far
	// more than any region needs (the bundled files hold about 10 KB).
	MaxFileBytes = infile.ScenarioLimit
	// MaxDepth is the deepest nesting of table headers, dotted keys,
	// arrays and inline tables; scenarios nest four or five deep.
	MaxDepth = 16
)

// exactKeys checks that every key is spelled as the format spells it.
// The TOML decoder matches keys to fields without regard to case, so that
// Seed, SEED and seed all set the seed, and of `days = 60` and `Days = 5`
// it silently keeps the last; here any key that differs from a known key
// only in case is an error naming the right spelling, which also refuses
// a key given twice in two spellings. (Regime names that differ only in
// case are Validate's: --set can make them too.)
func (s *Scenario) exactKeys(md toml.MetaData) Errors {
	var errs Errors
	reported := map[string]bool{}
	for _, k := range md.Keys() {
		at, right := misspelt(k)
		if at < 0 {
			continue
		}
		written := strings.Join(k[:at+1], ".")
		if reported[written] {
			continue
		}
		reported[written] = true
		msg := fmt.Sprintf("keys are case-sensitive: write %s", right)
		if line := s.lines.looseLineOf(strings.Join(append(slices.Clone(k[:at]), right), ".")); line > 0 {
			msg += fmt.Sprintf(" (%s is also given, on line %d)", right, line)
		}
		errs = append(errs, &Error{File: s.display, Line: s.lines.looseLineOf(k.String()), Key: written, Msg: msg})
	}
	return errs
}

// misspelt finds the first part of a key that matches a field of the
// format only when case is ignored, and the field's spelling; -1 if none.
func misspelt(k toml.Key) (int, string) {
	t := reflect.TypeOf(File{})
	for i, part := range k {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		switch t.Kind() {
		case reflect.Struct:
			ft, name, ok := fieldFolded(t, part)
			if !ok {
				return -1, "" // unknown: the decoder reports it
			}
			if name != part {
				return i, name
			}
			t = ft
		case reflect.Map:
			t = t.Elem() // part is a name the file chose
		default:
			return -1, ""
		}
	}
	return -1, ""
}

// fieldFolded finds the field whose key is part, or failing that the one
// whose key equals part when case is ignored.
func fieldFolded(t reflect.Type, part string) (reflect.Type, string, bool) {
	if ft, ok := fieldTypeByKey(t, part); ok {
		return ft, part, true
	}
	for _, key := range keysOf(t) {
		if strings.EqualFold(key, part) {
			ft, _ := fieldTypeByKey(t, key)
			return ft, key, true
		}
	}
	return nil, "", false
}

// formatCount writes a large number in digits grouped by thousands, or
// in scientific notation beyond what digits can say exactly.
func formatCount(v float64) string {
	if !(math.Abs(v) < 1e18) {
		return strconv.FormatFloat(v, 'g', 3, 64)
	}
	return words.Group(strconv.FormatFloat(math.Round(v), 'f', 0, 64))
}
