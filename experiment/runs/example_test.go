package runs_test

import (
	"context"
	"fmt"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/scenarios"
)

// ExamplePrepared_Execute runs a sweep of malfunctioning's outage rate
// at two points, two replicates each, on two workers, and gets each run's
// result in run order: replicate r meets the same migrants at both
// points (common random numbers), so the points' difference is the
// outage rate's.
func ExamplePrepared_Execute() {
	s, _ := scenarios.Load("classroom")
	plan := &runs.Plan{Command: "sweep", Scenario: s, Regimes: []string{"malfunctioning"}, Reps: 2,
		Keys: []string{"regimes.malfunctioning.outage_start"}, Points: [][]float64{{0}, {0.1}}}
	x, err := plan.Prepare()
	if err != nil {
		fmt.Println(err)
		return
	}
	err = x.Execute(context.Background(), x.AllJobs(), 2, func(r runs.Simulated) error {
		f := r.Days[len(r.Days)-1]
		fmt.Printf("run %d: outage_start %v, replicate %d: %d trapped person-days\n", r.Run.ID, r.Run.Params[0], r.Run.Replicate, f.TrappedPersonDays)
		return nil
	})
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// run 0: outage_start 0, replicate 0: 52 trapped person-days
	// run 1: outage_start 0, replicate 1: 0 trapped person-days
	// run 2: outage_start 0.1, replicate 0: 116 trapped person-days
	// run 3: outage_start 0.1, replicate 1: 157 trapped person-days
}
