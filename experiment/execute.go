package experiment

import (
	"context"
	"errors"
	"fmt"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/sim"
	"github.com/borderwork/borderwork/sim/batch"
)

// ErrInterrupted is returned (wrapped) when the context ends before every
// run is done; what finished before has been emitted.
var ErrInterrupted = errors.New("interrupted")

// Simulated is one finished run.
type Simulated struct {
	Run       output.Run
	Days      []sim.DayRecord
	Locations []sim.LocationDay // nil unless the plan records by location
}

// Execute runs jobs (run indices) on workers and calls emit for each
// finished run in the order of jobs, never in the order runs finish. At
// most a few runs per worker are held ahead of emit, so memory stays
// bounded. If ctx ends first, Execute returns ErrInterrupted after
// emitting a prefix of jobs.
func (x *Prepared) Execute(ctx context.Context, jobs []int, workers int, emit func(Simulated) error) error {
	job := func(_ context.Context, k int) (Simulated, error) {
		r := x.Run(k)
		point, regime, _ := x.Coords(k)
		cfg, err := x.Config(point, regime)
		if err != nil {
			return Simulated{}, err
		}
		if x.ByLocation {
			withLocations := *cfg // the engine only reads its configuration
			withLocations.RecordLocations = true
			cfg = &withLocations
		}
		res, err := sim.Run(cfg, r.Seed)
		if err != nil {
			return Simulated{}, fmt.Errorf("run %d (%s, replicate %d): %w", k, r.Regime, r.Replicate, err)
		}
		return Simulated{Run: r, Days: res.Days, Locations: res.Locations}, nil
	}
	err := batch.Run(ctx, jobs, workers, 2*workers+2, job, func(_ int, s Simulated) error { return emit(s) })
	if err != nil && ctx.Err() != nil && errors.Is(err, context.Canceled) {
		return ErrInterrupted
	}
	return err
}
