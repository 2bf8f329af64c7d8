package design

import (
	"math"
	"strings"
	"testing"
)

// FuzzParse: a --vary argument is a factor of at most MaxValues finite
// values, or an error naming the argument; never a panic or a huge
// allocation. Seeds are in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"a=0:1:5", "a=1,2,3", "a=0:1", "regimes.x.outage_start=0:0.2:100000000", "a=", "=1", "a=1:2:3:4", "a=nan", "a=1e308:-1e308:3"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, spec string, lhs bool) {
		fac, err := Parse(spec, lhs)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "--vary ") {
				t.Fatalf("Parse(%q) error %q does not name the argument", spec, err)
			}
			return
		}
		if fac.Key == "" {
			t.Fatalf("Parse(%q) accepted an empty key", spec)
		}
		if len(fac.Values) > MaxValues {
			t.Fatalf("Parse(%q) made %d values", spec, len(fac.Values))
		}
		for _, v := range append(fac.Values, fac.Lo, fac.Hi) {
			if math.IsNaN(v) {
				t.Fatalf("Parse(%q) made a NaN", spec)
			}
		}
		if lhs {
			if fac.Lo > fac.Hi {
				t.Fatalf("Parse(%q): range %v > %v", spec, fac.Lo, fac.Hi)
			}
			pts := LatinHypercube([]Factor{fac}, 3, 1)
			for _, p := range pts {
				if p[0] < fac.Lo || p[0] > fac.Hi {
					t.Fatalf("Parse(%q): a sample %v outside [%v, %v]", spec, p[0], fac.Lo, fac.Hi)
				}
			}
		} else if len(fac.Values) == 0 {
			t.Fatalf("Parse(%q): a grid factor with no values", spec)
		}
	})
}
