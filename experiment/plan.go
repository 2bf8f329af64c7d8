package experiment

import "github.com/borderwork/borderwork/experiment/runs"

// The plan and its runs are package runs', which has no figures, so that
// a program that only runs plans (the classroom page, compiled to
// WebAssembly for a browser) carries no plotting code. They are named
// here too, the types a program that writes folders works with.
type (
	Plan      = runs.Plan
	Prepared  = runs.Prepared
	Simulated = runs.Simulated
	Order     = runs.Order
)

// The orders of runs (runs.Order).
const (
	PointMajor     = runs.PointMajor
	ReplicateMajor = runs.ReplicateMajor
)
