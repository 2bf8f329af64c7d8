package main

import (
	"context"
	"errors"

	"github.com/borderwork/borderwork/experiment/runs"
)

// runAnalysis runs the library call of an analysis command (claim,
// programme), which writes its folder at out in stages of runs (claim: a
// pilot, more replicates, robustness points; programme: one). run is given
// the context that meters the runs and a progress callback that shows a
// line for each stage as it comes; it returns the folder the call wrote
// or kept ("" if it returned none) and its error. When the call was
// interrupted, runAnalysis says where the finished runs were kept, if it
// kept any folder. It
// returns the meter for the line the command ends with.
func runAnalysis(ctx context.Context, e *env, c *common, name, out string, run func(ctx context.Context, progress func(stage string, done, total int)) (dir string, err error)) (*meter, error) {
	var prog *progress
	stage := ""
	m := newMeter(e.start, c.workers)
	dir, err := run(m.context(ctx), func(label string, done, total int) {
		if label != stage {
			if prog != nil {
				prog.finish()
			}
			prog, stage = c.newProgress(e, label, total), label
			m.watch(prog)
		}
		prog.done(done)
	})
	if prog != nil {
		prog.finish()
	}
	if errors.Is(err, runs.ErrInterrupted) {
		if dir != "" { // "": stopped before the folder was started, nothing written
			err = sayInterrupted(e, name, err)
			keptFinished(e, name, out, dir)
		}
		return nil, err
	}
	if err != nil {
		return nil, err
	}
	return m, nil
}
