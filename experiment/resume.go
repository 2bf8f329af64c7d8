package experiment

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/borderwork/borderwork/output"
)

// Resumable reads the interrupted folder at out and returns the runs its
// tables hold, which must be a prefix of jobs, the runs this plan's folder
// holds. A missing folder means starting afresh (no rows); a complete one
// means there is nothing to do. A folder written by another plan is
// refused with an error wrapping ErrBadInput.
func Resumable(out string, x *Prepared, jobs []int) (done []output.SummaryRow, complete bool, err error) {
	m, err := output.ReadManifest(out)
	if errors.Is(err, os.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, badInput("--resume: %v", err)
	}
	scenarioTOML, err := x.Scenario.Encode()
	if err != nil {
		return nil, false, err
	}
	shard := ""
	if x.Sweep != nil {
		shard = x.Sweep.Shard
	}
	switch {
	case m.Command != x.Command || (x.Sweep != nil) != (m.Sweep != nil):
		return nil, false, badInput("--resume: %s holds a %s folder, not a %s", out, m.Command, x.Command)
	case m.CommandLine != x.CommandLine() || m.ScenarioSHA256 != output.SHA256(scenarioTOML):
		return nil, false, badInput("--resume: %s was written by a different %s (%s); rerun that command with --resume", out, x.Command, m.CommandLine)
	case m.Sweep != nil && m.Sweep.Shard != shard:
		return nil, false, badInput("--resume: %s holds shard %q, not %q", out, m.Sweep.Shard, shard)
	}
	if m.Complete {
		return nil, true, nil
	}
	_, rows, err := output.ReadSummary(filepath.Join(out, "summary.csv"))
	if err != nil {
		return nil, false, err
	}
	if len(rows) != len(m.Runs) || len(rows) > len(jobs) {
		return nil, false, badInput("--resume: %s's tables and manifest disagree; run the %s afresh", out, x.Command)
	}
	for i, r := range rows {
		if r.Run.ID != jobs[i] {
			return nil, false, badInput("--resume: %s holds run %d where run %d belongs; run the %s afresh", out, r.Run.ID, jobs[i], x.Command)
		}
	}
	return rows, false, nil
}

// ResumePlan rebuilds, from the manifest and scenario.toml of the
// interrupted sweep folder at out, the plan that wrote it and the runs the
// folder is to hold (its shard's, if it is one), so that the folder alone
// says how to complete it. Errors about the folder wrap ErrBadInput.
func ResumePlan(out string) (*Prepared, []int, error) {
	m, err := output.ReadManifest(out)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil, badInput("--resume: %s holds no sweep to resume (no manifest.json); give the whole sweep command", out)
	}
	if err != nil {
		return nil, nil, badInput("--resume: %v", err)
	}
	if m.Command != "sweep" || m.Sweep == nil {
		return nil, nil, badInput("--resume: %s holds a %s folder, not a sweep", out, m.Command)
	}
	p, _, err := FromManifest(m, filepath.Join(out, "scenario.toml"))
	if err != nil {
		return nil, nil, err
	}
	x, err := p.Prepare()
	if err != nil {
		return nil, nil, err
	}
	if m.Sweep.Shard == "" {
		return x, x.AllJobs(), nil
	}
	var i, n int
	if _, err := fmt.Sscanf(m.Sweep.Shard, "%d/%d", &i, &n); err != nil || n < 1 || i < 0 || i >= n {
		return nil, nil, badInput("--resume: %s records a shard %q this version cannot read", out, m.Sweep.Shard)
	}
	jobs, err := x.Shard(i, n)
	return x, jobs, err
}
