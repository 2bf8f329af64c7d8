package sim

import (
	"context"
	"fmt"
)

// DayObserver is told of each day a run simulates: the agent-steps it
// took, the migrants that started the day (or were created on it) not yet
// arrived, returned, stayed or dead. Progress lines and throughput
// figures are made of it; nothing it learns reaches a result. Runs on
// several workers call it concurrently.
type DayObserver func(agentSteps int)

type observerKey struct{}

// WithDayObserver returns a copy of ctx that carries f to every RunContext
// given it, however deep in a sweep or a claim check the run is started.
func WithDayObserver(ctx context.Context, f DayObserver) context.Context {
	return context.WithValue(ctx, observerKey{}, f)
}

// RunContext builds a model and runs it to the end, as Run does, telling
// the context's DayObserver (WithDayObserver), if any, of each day. It
// checks ctx before each day, and while it finds the routes of the
// region, and returns its error if it has ended, so that an interrupted
// run stops within a day (or a location's routes).
func RunContext(ctx context.Context, cfg *Config, seed uint64) (*Result, error) {
	return RunEvents(ctx, cfg, seed, nil)
}

// RunEvents is RunContext with sink, if not nil, told of every event of
// the run as it happens (Model.Sink). The result is the same with or
// without a sink.
func RunEvents(ctx context.Context, cfg *Config, seed uint64, sink EventSink) (*Result, error) {
	m, err := newModel(ctx, cfg, seed)
	if err != nil {
		return nil, err
	}
	m.Sink = sink
	defer m.release() // the result keeps none of the slices it hands on (slab.go)
	observe, _ := ctx.Value(observerKey{}).(DayObserver)
	finished := 0
	for !m.Done() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		m.Step()
		if observe != nil {
			r := &m.days[len(m.days)-1]
			observe(r.Created - finished)
			finished = r.Finished()
		}
	}
	// Conservation, checked against the agents themselves: every migrant
	// created is in exactly one state, and the counts the records use agree.
	recount := m.CountStates()
	total := 0
	for _, n := range recount {
		total += n
	}
	if counts := m.counts(); recount != counts || total != m.rec.Created {
		return nil, fmt.Errorf("sim: conservation broken: agents %v (%d), counts %v, %d created", recount, total, counts, m.rec.Created)
	}
	return m.Result(), nil
}

// Finished is the number of migrants in a final state (arrived, returned,
// stayed or dead) at the end of the day.
func (r *DayRecord) Finished() int {
	return r.States[Arrived] + r.States[Returned] + r.States[Stayed] + r.States[Dead]
}

// AgentSteps is the number of agent-steps a run simulated: over its days,
// the migrants that started each day (or were created on it) not yet in a
// final state.
func (r *Result) AgentSteps() int64 {
	var n int64
	finished := 0
	for i := range r.Days {
		n += int64(r.Days[i].Created - finished)
		finished = r.Days[i].Finished()
	}
	return n
}
