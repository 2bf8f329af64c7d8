package experiment

import "testing"

// TestContrastCounts: the sentence a sweep report gives a contrast names
// only the cases that occur, "all" when one holds every point.
func TestContrastCounts(t *testing.T) {
	for _, tc := range []struct {
		counts [4]int
		n      int
		want   string
	}{
		{[4]int{0, 3, 0, 0}, 3, "below zero at all 3 points"},
		{[4]int{1, 0, 0, 0}, 1, "above zero at the one point"},
		{[4]int{2, 0, 1, 0}, 3, "above zero at 2 of the 3 points, spanning zero at 1"},
		{[4]int{0, 1, 0, 1}, 2, "below zero at 1 of the 2 points, without an interval (one replicate) at 1"},
		{[4]int{0, 0, 0, 1200}, 1200, "without an interval (one replicate) at all 1,200 points"},
		{[4]int{}, 0, "no point to compare"},
	} {
		if got := contrastCounts(tc.counts, tc.n); got != tc.want {
			t.Errorf("contrastCounts(%v, %d) = %q; want %q", tc.counts, tc.n, got, tc.want)
		}
	}
}
