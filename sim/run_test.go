package sim

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

// TestRunContextObserves: the day observer hears of every day, and the
// agent-steps it is told add up to the result's; the result is the one
// Run gives.
func TestRunContextObserves(t *testing.T) {
	cfg := smallConfig()
	var days int
	var steps int64
	ctx := WithDayObserver(context.Background(), func(n int) {
		days++
		steps += int64(n)
	})
	res, err := RunContext(ctx, cfg, ReplicateSeed(3, 0))
	if err != nil {
		t.Fatal(err)
	}
	if days != cfg.Days {
		t.Errorf("observer told of %d days; want %d", days, cfg.Days)
	}
	if want := res.AgentSteps(); steps != want || want == 0 {
		t.Errorf("observer told of %d agent-steps; the result has %d", steps, want)
	}
	if plain := mustRun(t, cfg, ReplicateSeed(3, 0)); !reflect.DeepEqual(plain, res) {
		t.Error("RunContext with an observer gave another result than Run")
	}
}

// TestRunContextStops: a run whose context ends stops within a day and
// returns the context's error.
func TestRunContextStops(t *testing.T) {
	cfg := smallConfig()
	ctx, cancel := context.WithCancel(context.Background())
	days := 0
	ctx = WithDayObserver(ctx, func(int) {
		if days++; days == 3 {
			cancel()
		}
	})
	_, err := RunContext(ctx, cfg, ReplicateSeed(3, 0))
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("RunContext after cancel: %v; want context.Canceled", err)
	}
	if days != 3 {
		t.Errorf("the run went on for %d days; want it to stop after the third", days)
	}
}
