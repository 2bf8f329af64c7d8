package experiment

import (
	"testing"

	"github.com/borderwork/borderwork/output"
)

// TestValueLabel: a sweep figure's value axis says "per run" of a count
// and the currency of a price, which is no count of the run.
func TestValueLabel(t *testing.T) {
	for name, want := range map[string]string{"abuse_events": "abuse events per run", "mean_price": "mean smuggling price, USD"} {
		if got := valueLabel(output.Totals[output.TotalIndex(name)]); got != want {
			t.Errorf("valueLabel(%s) = %q; want %q", name, got, want)
		}
	}
}
