package programme

import "testing"

// TestHeadlineAreGroupedHarms: the harms the answer leads with are
// reported by group, so each must be a harm of Metrics analysed by group;
// one that was not would leave the groups' lines and the terminal's rows
// empty.
func TestHeadlineAreGroupedHarms(t *testing.T) {
	for _, h := range Headline {
		found := false
		for _, m := range Metrics {
			if m.Name == h {
				found = true
				if !m.Grouped || !m.Harm {
					t.Errorf("%s: grouped %v, harm %v; want a harm analysed by group", h, m.Grouped, m.Harm)
				}
			}
		}
		if !found {
			t.Errorf("%s is not a metric of the analysis", h)
		}
	}
}
