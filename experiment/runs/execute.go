package runs

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

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
	Flows     []sim.LinkFlow    // nil unless the run's configuration records flows (Plan.Configure can ask)
	// Events is a temporary file holding the run's rows of the event log
	// (output.EventLog), for its emitter to append and remove; "" if the
	// run's events are not logged.
	Events string
}

// Execute runs jobs (run indices) on workers and calls emit for each
// finished run in the order of jobs, never in the order runs finish. At
// most a few runs per worker are held ahead of emit, so memory stays
// bounded. If ctx ends first, Execute returns ErrInterrupted after
// emitting a prefix of jobs. A job that is not one of the plan's runs
// (0 to NRuns()-1) is refused, with an error matching ErrBadInput,
// before any runs.
//
// A regime whose configuration no varied key changes (see Reused) is
// simulated once per replicate, by whichever job needs it first, and its
// result is handed to every other job of that regime and replicate: the
// same result a run of its own would give, since the configuration and
// the seed are the same.
func (x *Prepared) Execute(ctx context.Context, jobs []int, workers int, emit func(Simulated) error) error {
	return x.ExecuteLogged(ctx, jobs, workers, "", emit)
}

// ExecuteLogged is Execute, logging the events of the plan's logged replicates
// (Plan.Events) to temporary files in logDir, if it is not "": each run
// writes its own while it runs, on its worker, and its emitter appends it
// to the log in run order. Files of runs never emitted (on an error or an
// interruption) are removed before ExecuteLogged returns.
func (x *Prepared) ExecuteLogged(ctx context.Context, jobs []int, workers int, logDir string, emit func(Simulated) error) error {
	for _, k := range jobs {
		if k < 0 || k >= x.NRuns() {
			return badInput("experiment: job %d is not one of the plan's %d runs (0 to %d)", k, x.NRuns(), x.NRuns()-1)
		}
	}
	if logDir != "" {
		defer removeRunLogs(logDir)
	}
	simulate := func(ctx context.Context, k int, log *runLog) (_ *sim.Result, err error) {
		defer func() {
			// A bug in a run must not take the folder down with a stack
			// trace: it becomes an error, and the folder is discarded.
			if p := recover(); p != nil {
				err = fmt.Errorf("run %d: internal error (a bug in borderwork; please report it with the command line): %v", k, p)
			}
		}()
		r := x.Run(k)
		point, regime, _ := x.Coords(k)
		cfg, err := x.Config(point, regime)
		if err != nil {
			return nil, err
		}
		if x.ByLocation {
			withLocations := *cfg // the engine only reads its configuration
			withLocations.RecordLocations = true
			cfg = &withLocations
		}
		var sink sim.EventSink
		if log != nil {
			sink = log.sink
		}
		res, err := sim.RunEvents(ctx, cfg, r.Seed, sink)
		if err != nil {
			return nil, fmt.Errorf("run %d (%s, replicate %d): %w", k, r.Regime, r.Replicate, err)
		}
		return res, nil
	}
	shared := newSharedRuns(x, jobs)
	job := func(ctx context.Context, k int) (Simulated, error) {
		var res *sim.Result
		var err error
		var log *runLog
		if _, _, rep := x.Coords(k); logDir != "" && x.logs(rep) {
			// Never shared: Prepare reuses no result when events are logged.
			if log, err = x.startLog(logDir, k); err != nil {
				return Simulated{}, err
			}
			res, err = simulate(ctx, k, log)
			if err2 := log.finish(err); err == nil {
				err = err2
			}
		} else if e := shared.entry(k); e != nil {
			// Simulated as the first job sharing it, whichever job gets
			// here first: an error names the same run whatever the
			// number of workers.
			res, err = e.get(func() (*sim.Result, error) { return simulate(ctx, e.first, nil) })
			shared.release(k)
		} else {
			res, err = simulate(ctx, k, nil)
		}
		if err != nil {
			return Simulated{}, err
		}
		s := Simulated{Run: x.Run(k), Days: res.Days, Locations: res.Locations, Flows: res.Flows}
		if log != nil {
			s.Events = log.path
		}
		return s, nil
	}
	err := batch.Run(ctx, jobs, workers, 2*workers+2, job, func(_ int, s Simulated) error { return emit(s) })
	if err != nil && ctx.Err() != nil && errors.Is(err, context.Canceled) {
		return ErrInterrupted
	}
	return err
}

// sharedRuns holds the results of unaffected regimes' replicates while
// jobs still need them.
type sharedRuns struct {
	x       *Prepared
	mu      sync.Mutex
	entries map[[2]int]*sharedRun // regime, replicate -> result
}

type sharedRun struct {
	first int // the lowest job sharing it, whose run it is simulated as
	once  sync.Once
	res   *sim.Result
	err   error
	uses  int // jobs yet to take it; guarded by sharedRuns.mu
}

func newSharedRuns(x *Prepared, jobs []int) *sharedRuns {
	s := &sharedRuns{x: x, entries: map[[2]int]*sharedRun{}}
	if x.reuse == nil {
		return s
	}
	for _, k := range jobs {
		if _, g, rep := x.Coords(k); x.reuse[g] {
			key := [2]int{g, rep}
			if s.entries[key] == nil {
				s.entries[key] = &sharedRun{first: k}
			}
			s.entries[key].first = min(s.entries[key].first, k)
			s.entries[key].uses++
		}
	}
	return s
}

// entry is the shared result job k takes, or nil if it runs its own.
func (s *sharedRuns) entry(k int) *sharedRun {
	if s.x.reuse == nil {
		return nil
	}
	_, g, rep := s.x.Coords(k)
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.entries[[2]int{g, rep}]
}

// get returns the result, simulating it if no job has yet.
func (e *sharedRun) get(simulate func() (*sim.Result, error)) (*sim.Result, error) {
	e.once.Do(func() { e.res, e.err = simulate() })
	return e.res, e.err
}

// release drops job k's claim on its shared result, and the result
// itself once the last job has taken it.
func (s *sharedRuns) release(k int) {
	_, g, rep := s.x.Coords(k)
	key := [2]int{g, rep}
	s.mu.Lock()
	defer s.mu.Unlock()
	if e := s.entries[key]; e != nil {
		if e.uses--; e.uses == 0 {
			delete(s.entries, key)
		}
	}
}

// runLog is one run's rows of the event log, written to a temporary file
// while the run goes.
type runLog struct {
	path string
	f    *os.File
	sink *output.EventLog
}

// runLogPattern names the temporary files of runs' events: hidden, and
// with ".tmp-" in them, so that a folder left by a killed command is
// known to hold nothing of the user's (output.Take).
const runLogPattern = ".events-run*.tmp-"

// startLog opens the temporary file of run k's events in dir.
func (x *Prepared) startLog(dir string, k int) (*runLog, error) {
	f, err := os.CreateTemp(dir, strings.Replace(runLogPattern, "*", strconv.Itoa(k), 1)+"*")
	if err != nil {
		return nil, err
	}
	names := make([]string, len(x.Scenario.File.Locations))
	for i, l := range x.Scenario.File.Locations {
		names[i] = l.Name
	}
	return &runLog{path: f.Name(), f: f, sink: output.NewEventLog(f, x.Run(k), names)}, nil
}

// finish closes the run's file, and removes it if the run failed
// (runErr) or the file could not be written.
func (l *runLog) finish(runErr error) error {
	err := l.sink.Close()
	if err2 := l.f.Close(); err == nil {
		err = err2
	}
	if runErr != nil || err != nil {
		os.Remove(l.path)
	}
	return err
}

// removeRunLogs removes the temporary files of runs' events left in dir.
func removeRunLogs(dir string) {
	left, _ := filepath.Glob(filepath.Join(dir, runLogPattern+"*"))
	for _, p := range left {
		os.Remove(p)
	}
}
