package runs

import "testing"

// TestParseSize: an amount of memory is read in its units, and one that
// is not a size of 1 byte or more is refused. A size below a byte was
// read as 0, which Limits takes for no limit at all: --max-memory 0.5
// asked for the tightest limit and ran with none (audit hostile).
func TestParseSize(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64 // 0: refused
	}{
		{"8GiB", 8 << 30},
		{"512 MiB", 512 << 20},
		{"16G", 16 << 30},
		{"2e9", 2e9},
		{"1", 1},
		{"1B", 1},
		{"1.5", 1},
		{"0.5KiB", 512},
		{"0", 0},
		{"-1", 0},
		{"0.5", 0},
		{"0.999B", 0},
		{"0x1p-3", 0},
		{"1e-300GiB", 0},
		{"NaN", 0},
		{"Inf", 0},
		{"1e19", 0},
		{"lots", 0},
		{"", 0},
	} {
		got, err := ParseSize(c.in)
		switch {
		case c.want == 0 && err == nil:
			t.Errorf("ParseSize(%q) = %d; want it refused", c.in, got)
		case c.want != 0 && (err != nil || got != c.want):
			t.Errorf("ParseSize(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
}
