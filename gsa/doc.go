// Package gsa runs global sensitivity analyses of a borderwork scenario:
// which of its assumptions drive each result. The central type is Study:
// a scenario, the parameters varied (numeric keys of the scenario and of
// its regime factor space, each over a range), a design of points over
// them (Morris trajectories or Saltelli's scheme for Sobol' indices, from
// package sensitivity), the arms run at every point (regimes, or the
// cells of the claim's factorial design) and the outputs explained (a
// metric under a regime, or a claim effect on a metric).
//
//	Spec → New → Study → Write (runs, then tables, figures, report.md)
//
// Space resolves the parameters: every numeric key (scenarios.NumericKeys)
// or those --params chooses, each over a range given or set by the
// default rule (the value ± DefaultShare of it, clamped to the key's
// valid range; settings, coordinates, schedule days and keys at 0 are
// left fixed, and parameters.csv says why). Each point runs every arm for the scenario's
// replicates, replicate r with the same seed at every point and in every
// arm (common random numbers); the analysis takes each point's mean over
// its replicates and reports the share of the variance that is replicate
// noise (sensitivity.AnalyzeReplicates).
//
// A folder is written the way a sweep's is, by experiment's writer and
// its rules (a folder that is not this command's is refused, an
// interrupted rerun goes beside the earlier folder, limits are checked
// first): runs in order on any number of workers, runs k mod n per shard
// (--shard i/n), resumable, merged by experiment.Merge (the kind
// registers a Sharding that checks every shard's manifest), and rerun by
// experiment.Reproduce from the folder's own scenario.toml and the
// manifest's "sensitivity" section (Info). The analysis is always
// computed from summary.csv and the manifest alone, so an unsharded
// folder and merged shards are the same bytes.
package gsa
