package output

import (
	"math"
	"testing"
)

func TestFormatCount(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{
		{math.NaN(), "-"},
		{0, "0.0"},
		{99.94, "99.9"},
		{-12.25, "-12.2"},
		{100, "100"},
		{1234.5, "1,234"}, // half to even, as fmt rounds
		{-1234567.4, "-1,234,567"},
		{96012345, "96,012,345"},
	} {
		if got := FormatCount(c.v); got != c.want {
			t.Errorf("FormatCount(%v) = %q, want %q", c.v, got, c.want)
		}
	}
}
