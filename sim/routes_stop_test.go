package sim

import (
	"context"
	"errors"
	"testing"
)

// checksThenCancel is a context whose Err is nil for its first n calls
// and context.Canceled after.
type checksThenCancel struct {
	context.Context
	calls *int
	n     int
}

func (c checksThenCancel) Err() error {
	*c.calls++
	if *c.calls > c.n {
		return context.Canceled
	}
	return nil
}

// TestRunStopsWhileFindingRoutes: a run checks its context while it finds
// the routes of its region, before any day: those of thousands of
// locations take minutes (their cube), and Ctrl-C waited for them (a
// chain of 4,000 locations: 41 s; of 20,000, hours; audit hostile). The
// context here ends at its second check, the routes from the second
// location: no day is simulated.
func TestRunStopsWhileFindingRoutes(t *testing.T) {
	days := 0
	calls := 0
	ctx := WithDayObserver(checksThenCancel{context.Background(), &calls, 1}, func(int) { days++ })
	_, err := RunContext(ctx, smallConfig(), 1)
	if !errors.Is(err, context.Canceled) || days != 0 {
		t.Errorf("RunContext = %v after %d days; want context.Canceled before the first day", err, days)
	}
	// Uninterrupted, the same run is the one New builds.
	if _, err := RunContext(context.Background(), smallConfig(), 1); err != nil {
		t.Fatal(err)
	}
}
