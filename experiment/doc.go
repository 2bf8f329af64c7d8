// Package experiment runs borderwork's experiments and writes their output
// folders. The central type is Plan: one scenario, its regimes, the points
// of a sweep (if any) and the replicates, laid out as numbered runs with
// common random numbers (run k's seed depends only on the master seed and
// k's replicate, so replicate r meets the same migrants under every regime
// and at every point). A Plan goes
//
//	Plan → Prepare → Execute (results in run order, on any number of workers)
//	                → Write   (a complete output folder: tables, figures, report, manifest)
//
// Prepare builds and validates every configuration once, so that bad
// input is refused before anything runs or is written. Execute hands each
// finished run on in run order, never in the order runs finish, which is
// what makes a folder the same bytes whatever the number of workers,
// shards or machines. Write streams the runs into the tables, draws the
// figures of the folder's Kind from the tables alone (so Redraw gives the
// same bytes) and records checksums in manifest.json; Reproduce reruns a
// folder from its manifest and verifies it.
//
// Plan, Prepare and Execute are package runs' (experiment/runs), named
// here too: runs has no figures and no folders, so that a program that
// only runs plans (the classroom page, compiled to WebAssembly) carries
// no plotting code; this package adds the folders, tables, figures and
// reports.
//
// The command line (cmd/borderwork) only parses flags, builds a Plan,
// calls this package and prints; a notebook, a web page or another Go
// program calls the same functions.
package experiment
