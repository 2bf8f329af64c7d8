package web

import (
	"context"
	"fmt"

	"github.com/borderwork/borderwork/experiment/runs"
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
	e, err := check(req, lim)
	if err != nil {
		return nil, err
	}
	return e.run(ctx, workers, p)
}

// checked is a request found good and prepared, holding nothing in
// proportion to its results yet. A server does not keep it while the
// request waits its turn, only the request (see Server.run): for a
// pasted scenario of thousands of places it is several MB.
type checked struct {
	req    Request
	x      *runs.Prepared
	series []int
}

// check checks and prepares the experiment req asks for, within lim.
func check(req Request, lim Limits) (*checked, error) {
	x, series, err := req.prepare(lim)
	if err != nil {
		return nil, err
	}
	return &checked{req: req, x: x, series: series}, nil
}

// work is the experiment's work as Limits.MaxWork counts it, by which
// the server guesses how long those waiting behind it wait.
func (e *checked) work() float64 {
	s := e.x.Scenario
	agents, routes := runWork(s, s.File.Days)
	return float64(e.x.NRuns()) * (agents + routes)
}

// run runs a checked experiment; see Run.
func (e *checked) run(ctx context.Context, workers int, p Progress) (*Results, error) {
	c := e.collector(p)
	var final *Results
	err := c.x.Execute(ctx, c.x.AllJobs(), max(1, workers), func(s runs.Simulated) error {
		var err error
		final, err = c.add(s.Run.ID, c.acc.dataOf(s))
		return err
	})
	if err != nil {
		return nil, err
	}
	return final, nil
}

// A Collector gathers an experiment's runs, in run order, into Results,
// wherever they ran: Run feeds it runs as they finish, and the static
// build feeds it runs that Web Workers ran in parallel (Simulate), each
// run's data encoded as bytes.
type Collector struct {
	req Request
	x   *runs.Prepared
	acc *accumulator
	p   Progress
}

// NewCollector prepares the experiment req asks for, within lim, to
// collect its runs; p is told of progress as runs are added.
func NewCollector(req Request, lim Limits, p Progress) (*Collector, error) {
	e, err := check(req, lim)
	if err != nil {
		return nil, err
	}
	return e.collector(p), nil
}

func (e *checked) collector(p Progress) *Collector {
	return &Collector{req: e.req, x: e.x, acc: newAccumulator(e.x, e.series), p: p}
}

// Total is the number of runs to collect.
func (c *Collector) Total() int { return c.x.NRuns() }

// Add adds run k, encoded by Simulate; k must be the next run in order.
// It returns the final results once the last run is added, else nil.
func (c *Collector) Add(k int, data []byte) (*Results, error) {
	d, err := c.acc.decode(data)
	if err != nil {
		return nil, err
	}
	return c.add(k, d)
}

func (c *Collector) add(k int, d runData) (*Results, error) {
	done := len(c.acc.rows)
	if k != done {
		return nil, fmt.Errorf("web: run %d added after %d runs; runs must come in order", k, done)
	}
	c.acc.add(k, d)
	done++
	total, nReg := c.x.NRuns(), len(c.x.Regimes)
	if c.p.Runs != nil {
		c.p.Runs(done, total)
	}
	if done < total {
		round := done / nReg
		if done%nReg == 0 && round*snapshots/c.x.Reps != (round-1)*snapshots/c.x.Reps && c.p.Results != nil {
			return nil, c.p.Results(c.acc.results(false))
		}
		return nil, nil
	}
	res := c.acc.results(true)
	var err error
	if res.Reproduce, err = reproduce(&c.req, c.x); err != nil {
		return nil, err
	}
	if res.Tables, err = commandTables(c.x, c.acc.rows); err != nil {
		return nil, err
	}
	if c.p.Results != nil {
		if err := c.p.Results(res); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// Simulate runs some of the runs (jobs, run indices) of the experiment req
// asks for and hands each on, in the order of jobs, encoded for a
// Collector's Add: the part of an experiment one Web Worker of a static
// build runs.
func Simulate(ctx context.Context, req Request, lim Limits, jobs []int, emit func(k int, data []byte) error) error {
	x, series, err := req.prepare(lim)
	if err != nil {
		return err
	}
	for _, k := range jobs {
		if k < 0 || k >= x.NRuns() {
			return fmt.Errorf("web: no run %d in an experiment of %d runs", k, x.NRuns())
		}
	}
	acc := newAccumulator(x, series)
	return x.Execute(ctx, jobs, 1, func(s runs.Simulated) error {
		return emit(s.Run.ID, acc.dataOf(s).encode())
	})
}
