package runs

import (
	"fmt"
	"strconv"

	"github.com/borderwork/borderwork/output"
)

// Owner is the command and scenario that write a plan's folder, and the
// shard it holds, if it is one.
func (x *Prepared) Owner() output.Owner {
	o := output.Owner{Command: x.Command, Source: x.Scenario.Source}
	if x.Sweep != nil {
		o.Shard = x.Sweep.Shard
	}
	return o
}

// Groups gathers summary rows by point and regime, in the order groups
// first appear.
func (x *Prepared) Groups(rows []output.SummaryRow) []output.Group {
	if x.Order == PointMajor {
		return output.GroupRows(rows) // a group's runs are consecutive
	}
	var groups []output.Group
	index := make([]int, len(x.Points)*len(x.Regimes)) // point × regime -> group+1
	for _, r := range rows {
		p, g, _ := x.Coords(r.Run.ID)
		at := &index[p*len(x.Regimes)+g]
		if *at == 0 {
			groups = append(groups, output.Group{Params: r.Run.Params, Regime: r.Run.Regime})
			*at = len(groups)
		}
		groups[*at-1].Rows = append(groups[*at-1].Rows, r)
	}
	return groups
}

// SweepArgs are the flags that make a sweep what it is, as its manifest's
// command line records them: design, varied keys, metric and contrast;
// not its shard, so that shards and the whole agree.
func SweepArgs(info *output.SweepInfo) []string {
	a := []string{"--design", info.Design}
	if info.Design == "lhs" {
		a = append(a, "--samples", strconv.Itoa(info.Samples))
	}
	for _, v := range info.Vary {
		a = append(a, "--vary", v)
	}
	a = append(a, "--metric", info.Metric)
	if info.Contrast != "" {
		a = append(a, "--contrast", info.Contrast)
	}
	return a
}

// Shard restricts a sweep plan to shard i of n: the manifest records it,
// and its jobs are ShardJobs(i, n), which it returns, for the caller to
// run (experiment's Options.Jobs): a folder of x written with other jobs
// would record the shard all the same. It refuses a shard with no runs.
func (x *Prepared) Shard(i, n int) ([]int, error) {
	jobs := x.ShardJobs(i, n)
	if len(jobs) == 0 {
		return nil, badInput("--shard %d/%d holds no runs: there are only %d", i, n, x.NRuns())
	}
	if x.Sweep != nil {
		info := *x.Sweep
		info.Shard = strconv.Itoa(i) + "/" + strconv.Itoa(n)
		x.Sweep = &info
	}
	return jobs, nil
}

// BuiltBy says which borderwork wrote a folder, as its manifest m
// records it: the version, the model version (which results it holds)
// and the source revision. Every report.md says it in its header, so
// that a report read alone names the code behind its numbers.
func BuiltBy(m *output.Manifest) string {
	commit := m.Commit
	if commit == "" {
		commit = "unknown"
	}
	if m.Dirty != nil && *m.Dirty {
		commit += " with uncommitted changes"
	}
	return fmt.Sprintf("borderwork %s, model version %d, commit %s", m.Version, FolderModelVersion(m), commit)
}

// BuiltBy is which borderwork wrote x's folder: as its manifest records
// it, for a report written again (Build), else this binary.
func (x *Prepared) BuiltBy() string {
	if x.Build != "" {
		return x.Build
	}
	return BuiltBy(output.NewManifest(x.Command))
}

// FolderModelVersion is the model version (sim.ModelVersion) of the
// engine that wrote the folder with manifest m: 1 if it records none,
// as folders written before the version was recorded do.
func FolderModelVersion(m *output.Manifest) int { return max(m.ModelVersion, 1) }
