package runs

import (
	"errors"
	"testing"

	"github.com/borderwork/borderwork/output"
)

// TestDecimalCommaHint: a point refused for a value of a --vary of two
// values, the first of one digit (KEY=0,5), says that the list is two
// values and how a decimal is written; any other refusal is left as it
// was, and still matches what it matched.
func TestDecimalCommaHint(t *testing.T) {
	invalid := errors.New("invalid")
	refused := func(kv string) error {
		return errors.Join(invalid, errors.New("--vary "+kv+": must be a probability in [0, 1]"))
	}
	for _, c := range []struct {
		vary []string
		err  error
		hint string
	}{
		{[]string{"a.p=0,5"}, refused("a.p=5"), " (--vary a.p=0,5 is two values, 0 and 5; a decimal is written with a point: 0.5)"},
		{[]string{"a.p=0,05"}, refused("a.p=5"), " (--vary a.p=0,05 is two values, 0 and 05; a decimal is written with a point: 0.05)"},
		{[]string{"b=1", "a.p=1,25"}, refused("a.p=25"), " (--vary a.p=1,25 is two values, 1 and 25; a decimal is written with a point: 1.25)"},
		{[]string{"a.p=10,20"}, refused("a.p=20"), ""},  // no decimal reads so
		{[]string{"a.p=0,5,7"}, refused("a.p=5"), ""},   // three values
		{[]string{"a.p=0.1,5"}, refused("a.p=5"), ""},   // decimals already
		{[]string{"a.p=0:1:3"}, refused("a.p=0.5"), ""}, // a range
		{[]string{"a.p=0,5"}, refused("a.p=0"), ""},     // the other value refused
		{[]string{"a.p=0,5"}, refused("a.pq=5"), ""},    // another key
		{[]string{"b.q=0,5"}, refused("a.p=5"), ""},     // another key
	} {
		got := decimalCommaHint(c.err, &output.SweepInfo{Vary: c.vary})
		if want := c.err.Error() + c.hint; got.Error() != want {
			t.Errorf("%v, %q:\n got %q\nwant %q", c.vary, c.err, got, want)
		}
		if !errors.Is(got, invalid) {
			t.Errorf("%v: the hint hides what the error matched", c.vary)
		}
	}
	if err := decimalCommaHint(refused("a.p=5"), nil); err.Error() != refused("a.p=5").Error() {
		t.Errorf("no sweep: %v", err)
	}
}
