package sim

import "testing"

// TestWholeCapacity: a day's capacity is rounded up with the chance of
// its fraction, and held at maxCapToday, an int on every platform,
// however large the capacity, its factor and the day's draw make it: the
// conversion overflowed to a negative capacity, and the post closed
// (audit hostile7, finding 1).
func TestWholeCapacity(t *testing.T) {
	for _, c := range []struct {
		c, u float64
		want int
	}{
		{0, 0, 0},
		{12.25, 0.2, 13},
		{12.25, 0.25, 12},
		{12.25, 0.9, 12},
		{3e9, 0, maxCapToday},
		{1e15 * 4e15, 0.5, maxCapToday},
		{maxCapToday - 0.5, 0.1, maxCapToday},
	} {
		if got := wholeCapacity(c.c, c.u); got != c.want {
			t.Errorf("wholeCapacity(%g, %g) = %d; want %d", c.c, c.u, got, c.want)
		}
	}
}
