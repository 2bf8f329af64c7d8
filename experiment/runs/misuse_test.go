package runs

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/scenarios"
)

// TestPrepareRefusesMisuse: a library's plan that Prepare cannot lay out
// as runs is an error, not a panic on one of Prepare's goroutines, which
// no recover in the caller catches.
func TestPrepareRefusesMisuse(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		plan Plan
		want string
	}{
		{"keys without points", Plan{Command: "sweep", Scenario: s, Regimes: []string{"open"}, Reps: 1,
			Keys: []string{"regimes.malfunctioning.outage_start"}}, "at no points"},
		{"a regime twice", Plan{Command: "compare", Scenario: s, Regimes: []string{"open", "closed", "open"}, Reps: 1},
			`regime "open" twice`},
	} {
		_, err := c.plan.Prepare()
		if err == nil || !strings.Contains(err.Error(), c.want) || !errors.Is(err, ErrBadInput) {
			t.Errorf("%s: %v; want an error matching ErrBadInput saying %q", c.name, err, c.want)
		}
	}
}

// TestExecuteRefusesJobsOutsideThePlan: a job that is no run of the plan
// is the caller's mistake, said so before anything runs, not an
// "internal error" of borderwork's nor a panic.
func TestExecuteRefusesJobsOutsideThePlan(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Days = 5
	for _, regimes := range [][]string{{"open"}, {"open", "closed"}} {
		// Two points and open unaffected by the key: open's results are
		// reused, which looks jobs up before any runs.
		x, err := (&Plan{Command: "sweep", Scenario: s, Regimes: regimes, Reps: 2,
			Keys: []string{"regimes.closed.patrol"}, Points: [][]float64{{0.1}, {0.2}}}).Prepare()
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []int{-1, x.NRuns(), 99} {
			emitted := 0
			err := x.Execute(context.Background(), []int{0, k}, 2, func(Simulated) error { emitted++; return nil })
			if err == nil || !errors.Is(err, ErrBadInput) || strings.Contains(err.Error(), "internal error") {
				t.Errorf("%v, job %d: %v; want an error matching ErrBadInput", regimes, k, err)
			}
			if emitted != 0 {
				t.Errorf("%v, job %d: %d runs emitted; want none", regimes, k, emitted)
			}
		}
	}
}
