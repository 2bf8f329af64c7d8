// Package runs lays out an experiment as numbered runs and simulates
// them. The central type is Plan: one scenario, its regimes, the points
// of a sweep (if any) and the replicates, laid out as numbered runs with
// common random numbers (run k's seed depends only on the master seed and
// k's replicate, so replicate r meets the same migrants under every regime
// and at every point). A Plan goes
//
//	Plan → Prepare → Execute (results in run order, on any number of workers)
//
// and says what the folder of its runs records: its command line
// (CommandLine) and manifest (Manifest). Package experiment writes the
// folder, with its tables, figures and report.
//
// It draws nothing and imports no plotting code, so that a program that
// only runs plans, as the classroom page does in a browser, stays small.
package runs
