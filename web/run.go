package web

import (
	"context"

	"github.com/borderwork/borderwork/experiment"
)

// Progress is told how a run goes: Runs after every run, Results after
// rounds of replicates (every regime one replicate further) and at the
// end. Either may be nil. An error from Results stops the experiment.
type Progress struct {
	Runs    func(done, total int)
	Results func(*Results) error
}

// snapshots is about how many intermediate Results an experiment hands
// on: enough for the page to fill in as it goes, few enough that
// describing them costs little beside the runs.
const snapshots = 20

// Run runs the experiment req asks for on workers, within lim, and
// returns its final results, which it also hands to p.Results. Bad input
// is a *Problem holding the lines `borderwork check` prints.
func Run(ctx context.Context, req Request, lim Limits, workers int, p Progress) (*Results, error) {
	x, series, err := req.prepare(lim)
	if err != nil {
		return nil, err
	}
	acc := newAccumulator(x, series)
	total, nReg := x.NRuns(), len(x.Regimes)
	err = x.Execute(ctx, x.AllJobs(), max(1, workers), func(s experiment.Simulated) error {
		acc.add(s)
		done := len(acc.rows)
		if p.Runs != nil {
			p.Runs(done, total)
		}
		round := done / nReg
		if done%nReg == 0 && done < total && (round*snapshots/x.Reps != (round-1)*snapshots/x.Reps) && p.Results != nil {
			return p.Results(acc.results(false))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	res := acc.results(true)
	if res.Reproduce, err = reproduce(&req, x); err != nil {
		return nil, err
	}
	if p.Results != nil {
		if err := p.Results(res); err != nil {
			return nil, err
		}
	}
	return res, nil
}
