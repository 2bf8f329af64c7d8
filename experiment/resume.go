package experiment

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/borderwork/borderwork/output"
)

// Resumption is where an interrupted folder continues from.
type Resumption struct {
	// From is the folder whose tables the new folder starts with: out, or
	// PartialPath(out) when an interrupted rerun or resume left its runs
	// there; "" to start afresh.
	From string
	// Done are the rows of From's tables, a prefix of the plan's jobs.
	Done []output.SummaryRow
	// Complete says out is complete already: there is nothing to do.
	Complete bool
	// Figures are the figure options From records, its formats among
	// them (none: it was written with no figures); nil when From is ""
	// or records none. A resumed command given no figure flags draws
	// with them, so that the folder is the one interrupted.
	Figures *output.FigureOptions
}

// ResumedFormats are the figure formats a resumed folder is drawn in:
// given, if the command gave --formats, and otherwise those the folder
// it continues records (r.Figures); given when it records none.
func ResumedFormats(r *Resumption, given []string, formatsGiven bool) []string {
	if formatsGiven || r == nil || r.Figures == nil {
		return given
	}
	return slices.Clone(r.Figures.Formats)
}

// Resumable finds what an interrupted folder of x at out holds: the runs
// its tables hold, which must be a prefix of jobs, the runs this plan's
// folder holds. Of out and PartialPath(out), it takes the one of this
// plan with the most runs. Nothing there means starting afresh; a
// complete folder at out means there is nothing to do. A folder written by
// another plan, or whose tables or manifest were changed since borderwork
// wrote them, is refused with an error wrapping ErrBadInput that names the
// file and its first differing row; nothing is written.
func Resumable(out string, x *Prepared, jobs []int) (*Resumption, error) {
	scenarioTOML, err := x.Scenario.Encode()
	if err != nil {
		return nil, err
	}
	best := &Resumption{}
	var outErr error
	for _, dir := range []string{out, PartialPath(out)} {
		m, err := output.ReadManifest(dir)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			err = badInput("--resume: %v", err)
		}
		if err == nil {
			err = x.resumableFrom(dir, m, output.SHA256(scenarioTOML))
		}
		if err != nil {
			if dir == out {
				outErr = err
			}
			continue // a partial folder of another plan is replaced when this one is interrupted
		}
		if dir == out && m.Complete {
			return &Resumption{Complete: true}, nil
		}
		if m.Complete {
			continue
		}
		if len(m.Runs) > len(jobs) {
			return nil, badInput("--resume: %s holds %d runs, more than this folder's %d; run the %s afresh", dir, len(m.Runs), len(jobs), x.Command)
		}
		for i, r := range m.Runs {
			if r.ID != jobs[i] {
				return nil, badInput("--resume: %s holds run %d where run %d belongs; run the %s afresh", dir, r.ID, jobs[i], x.Command)
			}
		}
		if best.From != "" && len(m.Runs) <= len(best.Done) {
			continue
		}
		if err := verifyFolder("--resume", dir, m, x); err != nil {
			return nil, err
		}
		_, rows, err := output.ReadSummary(filepath.Join(dir, "summary.csv"))
		if err != nil {
			return nil, badInput("--resume: %v", err)
		}
		if len(rows) != len(m.Runs) {
			return nil, badInput("--resume: %s's summary.csv holds %d runs and its manifest %d; run the %s afresh", dir, len(rows), len(m.Runs), x.Command)
		}
		for i, r := range rows {
			if r.Run.ID != m.Runs[i].ID {
				return nil, badInput("--resume: %s: summary.csv:%d holds run %d where the manifest lists run %d", dir, i+2, r.Run.ID, m.Runs[i].ID)
			}
		}
		best = &Resumption{From: dir, Done: rows}
		if m.FigureOptions != nil {
			best.Figures = RecordedFigureOptions(m)
		}
	}
	if best.From == "" && outErr != nil {
		return nil, outErr
	}
	return best, nil
}

// resumableFrom checks that the folder at dir, with manifest m, was
// written by this plan.
func (x *Prepared) resumableFrom(dir string, m *output.Manifest, scenarioSHA string) error {
	shard := ""
	if x.Sweep != nil {
		shard = x.Sweep.Shard
	}
	switch {
	case m.Command != x.Command || (x.Sweep != nil) != (m.Sweep != nil):
		return badInput("--resume: %s holds a %s folder, not a %s", dir, m.Command, x.Command)
	case m.CommandLine != x.CommandLine() || m.ScenarioSHA256 != scenarioSHA:
		return badInput("--resume: %s was written by a different %s (%s); rerun that command with --resume", dir, x.Command, m.CommandLine)
	case m.Sweep != nil && m.Sweep.Shard != shard:
		return badInput("--resume: %s holds shard %q, not %q", dir, m.Sweep.Shard, shard)
	}
	return nil
}

// ResumePlan rebuilds, from the manifest and scenario.toml of the
// interrupted sweep folder at out, the plan that wrote it and the runs the
// folder is to hold (its shard's, if it is one), so that the folder alone
// says how to complete it. Errors about the folder wrap ErrBadInput; if
// ctx ends while the sweep's points are prepared, the error wraps
// ErrInterrupted.
func ResumePlan(ctx context.Context, out string) (*Prepared, []int, error) {
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
	// Rebuilt from its --vary arguments, not from the points the manifest
	// lists, and checked against them: an edited manifest is refused.
	x, err := sweepOf(ctx, "--resume", shardFolder{dir: out, m: m})
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
