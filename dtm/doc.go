// Package dtm puts a scenario to the test of IOM's flow monitoring
// counts: it calibrates the scenario on the counts made before a dated
// change of regime and predicts, with nothing refitted, the counts made
// after it. The main abstraction is the Study: the observations (Rows,
// chosen so that like is compared with like), the Calibration
// (rejection sampling in two rounds over Latin hypercubes of the free
// parameters, on the months before the change only: a sample of the prior
// cut to round 2's box, not an ABC posterior), the
// Prediction (the accepted parameter sets run forward under every regime,
// with common random numbers) and the Scores (the prediction's error
// beside a naive baseline that carries the pre-change mean forward).
//
// The scenario says where the points are ([[monitors]]), the calendar
// date of its day 0 (start), how many people a simulated migrant stands
// for (people_per_agent) and when the regimes part: its first [[phases]]
// entry, from day 0, makes every regime one point until the change. The
// observations are data.Flow rows (data/dtm-niger). docs/VALIDATION.md
// describes the method and what it found for the bundled agadez2016.
package dtm
