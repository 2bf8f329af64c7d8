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

func TestFormatValue(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{
		{math.NaN(), "-"},
		{0, "0"},
		{0.8312, "0.831"},
		{0.003, "0.003"},
		{0.0000123456, "0.0000123"},
		{-0.25, "-0.25"},
		{21.54, "21.5"},
		{99.96, "100"},
		{392.2, "392"},
		{2397.4, "2,397"},
		{3000, "3,000"},
		{-1234567, "-1,234,567"},
	} {
		if got := FormatValue(c.v); got != c.want {
			t.Errorf("FormatValue(%v) = %q, want %q", c.v, got, c.want)
		}
	}
}

func TestCodeSpan(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"borderwork run classroom", "`borderwork run classroom`"},
		{"borderwork run 'cl `x` it'", "``borderwork run 'cl `x` it'``"},
		{"a ``b`` c", "```a ``b`` c```"},
		{"`x`", "`` `x` ``"},
		{"", "``"},
	} {
		if got := CodeSpan(c.in); got != c.want {
			t.Errorf("CodeSpan(%q) = %q; want %q", c.in, got, c.want)
		}
	}
}
