// Package batch runs many independent jobs over a pool of workers and hands
// their results on in job order, never in the order they finish. The
// central function is Run. It is what makes a parallel sweep give the same
// bytes whatever the number of workers: workers only compute, and one
// goroutine emits, in order.
package batch

import (
	"context"

	"golang.org/x/sync/errgroup"
)

// Run calls job for each of jobs on up to workers goroutines, and emit for
// each result in the order of jobs. At most window results are computed
// ahead of the one emit waits for, so memory stays bounded however many
// jobs there are. Run stops at the first error from a job or from emit, or
// when ctx is done, and returns that error; emit has then been called for a
// prefix of jobs, and nothing after it.
func Run[T any](ctx context.Context, jobs []int, workers, window int,
	job func(ctx context.Context, j int) (T, error),
	emit func(j int, v T) error,
) error {
	workers = max(1, min(workers, len(jobs)))
	window = max(window, workers)
	type result struct {
		pos int
		v   T
		err error
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	g, gctx := errgroup.WithContext(ctx)
	tokens := make(chan struct{}, window)
	positions := make(chan int)
	results := make(chan result, window) // never blocks: at most window in flight

	g.Go(func() error {
		defer close(positions)
		for pos := range jobs {
			select {
			case tokens <- struct{}{}:
			case <-gctx.Done():
				return nil
			}
			select {
			case positions <- pos:
			case <-gctx.Done():
				return nil
			}
		}
		return nil
	})
	for range workers {
		g.Go(func() error {
			for pos := range positions {
				if gctx.Err() != nil {
					results <- result{pos: pos, err: gctx.Err()}
					continue
				}
				v, err := job(gctx, jobs[pos])
				results <- result{pos: pos, v: v, err: err}
			}
			return nil
		})
	}

	// Emit in order. pending holds results that finished early; it is only
	// looked up by position, never ranged over.
	pending := make(map[int]result, window)
	var runErr error
	for next := 0; next < len(jobs) && runErr == nil; {
		select {
		case r := <-results:
			pending[r.pos] = r
		case <-ctx.Done():
			runErr = ctx.Err()
			continue
		}
		for {
			r, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			if r.err != nil {
				runErr = r.err
				break
			}
			if err := emit(jobs[next], r.v); err != nil {
				runErr = err
				break
			}
			next++
			<-tokens
		}
	}
	cancel()
	// Let the feeder and workers finish; their results are discarded.
	go func() {
		for range results {
		}
	}()
	_ = g.Wait()
	close(results)
	return runErr
}
