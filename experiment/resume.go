package experiment

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/sim"
)

// Resumption is where an interrupted folder continues from.
type Resumption struct {
	// From is the folder whose tables the new folder starts with: out, or
	// PartialPath(out) when an interrupted rerun or resume left its runs
	// there; "" to start afresh.
	From string
	// Done are the rows of From's tables, a prefix of the plan's jobs.
	Done []output.SummaryRow
	// Complete says out is complete already and no interrupted folder of
	// this plan is beside it: there is nothing to do.
	Complete bool
	// Other, when Complete, says that PartialPath(out) holds the runs of
	// another command, which this one does not complete, and how to
	// complete them; "" when nothing is there.
	Other string
	// Replaces says that From is PartialPath(out) and a folder is at
	// out: the folder, once complete, replaces it (as the interrupted
	// command would have), and it stays as it is until then.
	Replaces bool
	// Figures are the figure options From records, its formats among
	// them (none: it was written with no figures); nil when From is ""
	// or records none. A resumed command given no figure flags draws
	// with them, so that the folder is the one interrupted.
	Figures *output.FigureOptions
	// m is From's manifest; nil when From is "".
	m *output.Manifest
}

// Build names the build that wrote the runs r continues (From's
// manifest's, output.Manifest.BuildName); "" when From is "".
func (r *Resumption) Build() string {
	if r.m == nil {
		return ""
	}
	return r.m.BuildName()
}

// CheckFigures refuses, as plot does, a figure option the folder r
// continues records that no flag would take (its manifest edited by
// hand): the error wraps runs.ErrBadInput and names From's manifest.json and
// the key (manifest.json: figure_options.bands), not a flag never given.
// The keys of figure_options that replaced holds ("bands", "size",
// "metrics", "regimes", "formats") are left unchecked, and so are the
// labels of the keys relabelled: a flag given to the resume replaces them.
func (r *Resumption) CheckFigures(replaced map[string]bool, relabelled ...string) error {
	if r == nil || r.m == nil {
		return nil
	}
	return checkRecordedBut(r.From, r.m, replaced, relabelled)
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
// plan with the most runs. Nothing there means starting afresh. A
// complete folder at out means there is nothing to do, unless an
// interrupted folder of this plan is beside it (a rerun of the same
// command, stopped): that one is continued, and replaces out once
// complete. A folder written by
// another plan, or whose tables or manifest were changed since borderwork
// wrote them, is refused with an error wrapping runs.ErrBadInput that names the
// file and its first differing row; nothing is written. If ctx ends while
// the tables are checked, the error wraps runs.ErrInterrupted.
func Resumable(ctx context.Context, out string, x *Prepared, jobs []int) (*Resumption, error) {
	scenarioTOML, err := x.Scenario.Encode()
	if err != nil {
		return nil, err
	}
	best := &Resumption{}
	var outErr error
	outComplete := false
	other := "" // what PartialPath(out) holds, when it is not this plan's
	for _, dir := range []string{out, PartialPath(out)} {
		if dir != out && isLink(dir) {
			// Whatever it points to is the user's: its runs would be
			// continued into out, and the link then not removable.
			other = fmt.Sprintf("%s is a link, and --resume continues only a folder borderwork wrote there", dir)
			continue
		}
		m, err := output.ReadManifest(dir)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			if dir != out {
				other = fmt.Sprintf("%s is not a folder --resume can continue: %v", dir, err)
			}
			err = badInput("--resume: %v", err)
		}
		if err == nil {
			// Another engine's runs are refused outright, wherever they
			// are: completing them with this one's would mix two models'
			// results in one table.
			if err := sameModelVersion(dir, m); err != nil {
				return nil, err
			}
			err = resumableFrom(x, out, dir, m, output.SHA256(scenarioTOML))
			if err != nil && dir != out {
				other = otherPartial(dir, out, m)
			}
		}
		if err != nil {
			if dir == out {
				outErr = err
			}
			continue // a partial folder of another plan is replaced when this one is interrupted
		}
		if m.Complete {
			if dir == out {
				outComplete = true
			}
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
		if err := verifyFolder(ctx, "--resume", dir, m, x); err != nil {
			return nil, nothingWritten(err)
		}
		rows, err := runsOf(dir, m)
		if err != nil {
			return nil, err
		}
		best = &Resumption{From: dir, Done: rows, m: m}
		if m.FigureOptions != nil {
			best.Figures = RecordedFigureOptions(m)
		}
	}
	if outComplete && best.From == "" {
		return &Resumption{Complete: true, Other: other}, nil
	}
	best.Replaces = best.From == PartialPath(out) && output.Occupied(out)
	if best.From == "" && outErr != nil {
		return nil, outErr
	}
	return best, nil
}

// Unfinished is the number of finished runs that the interrupted folder
// of x's jobs at out, or at PartialPath(out) (a rerun into out,
// interrupted), holds, and which of the two holds them (the one with
// more, as Resumable takes): the runs --resume would keep, which a run
// afresh into out would simulate again and replace. It is 0 and "" for
// nothing there, a complete folder, or one that --resume would refuse
// (another plan's or model version's). It reads the manifests only:
// --resume checks the tables.
func Unfinished(out string, x *Prepared, jobs []int) (int, string) {
	scenarioTOML, err := x.Scenario.Encode()
	if err != nil {
		return 0, ""
	}
	n, from := 0, ""
	for _, dir := range []string{out, PartialPath(out)} {
		if dir != out && isLink(dir) {
			continue // not --resume's to continue (Resumable)
		}
		m, err := output.ReadManifest(dir)
		if err != nil || m.Complete || len(m.Runs) <= n || len(m.Runs) > len(jobs) || sameModelVersion(dir, m) != nil {
			continue
		}
		if resumableFrom(x, out, dir, m, output.SHA256(scenarioTOML)) != nil {
			continue
		}
		if !slices.EqualFunc(m.Runs, jobs[:len(m.Runs)], func(r output.RunInfo, id int) bool { return r.ID == id }) {
			continue
		}
		n, from = len(m.Runs), dir
	}
	return n, from
}

// runsOf reads the rows of summary.csv of the folder at dir, with
// manifest m, checking that they are the runs m lists, in its order; an
// error wraps runs.ErrBadInput.
func runsOf(dir string, m *output.Manifest) ([]output.SummaryRow, error) {
	_, rows, err := output.ReadSummary(filepath.Join(dir, "summary.csv"))
	if err != nil {
		return nil, badInput("--resume: %v", err)
	}
	if len(rows) != len(m.Runs) {
		return nil, badInput("--resume: %s's summary.csv holds %d runs and its manifest %d; run the %s afresh", dir, len(rows), len(m.Runs), m.Command)
	}
	for i, r := range rows {
		if r.Run.ID != m.Runs[i].ID {
			return nil, badInput("--resume: %s: summary.csv:%d holds run %d where the manifest lists run %d", dir, i+2, r.Run.ID, m.Runs[i].ID)
		}
	}
	return rows, nil
}

// otherPartial says that the interrupted folder at dir, beside out, with
// manifest m, is another command's than the one resuming out, and which
// command completes it.
func otherPartial(dir, out string, m *output.Manifest) string {
	if m.Complete {
		return fmt.Sprintf("%s holds a complete %s folder; delete it if it is not wanted", dir, m.Command)
	}
	if m.Command != "sweep" && m.Command != "sensitivity" { // --resume completes only these
		return fmt.Sprintf("%s holds the runs of an interrupted %s, which --resume does not complete; this reruns it: %s", dir, m.Command, resumeCommand(m, out, false))
	}
	return fmt.Sprintf("%s holds the runs of another %s, which this command does not complete; this completes it: %s", dir, m.Command, resumeCommand(m, out, true))
}

// resumeCommand is the command line that continues (with --resume) or
// reruns the folder at out, with manifest m: its command line with its
// --shard (RerunCommandLine), and out; and --force when what is at out
// now is refused without it (ForceNeeded), as when an interrupted
// --force rerun left its runs beside another command's folder.
func resumeCommand(m *output.Manifest, out string, resume bool) string {
	cmd := RerunCommandLine(m) + " " + runs.ShellJoin([]string{"--out", out})
	if resume {
		cmd += " --resume"
	}
	if ForceNeeded(out, output.OwnerOf(m)) {
		cmd += " --force"
	}
	return cmd
}

// ForceNeeded reports whether owner's folder can be written at out only
// with --force: what is there now (another command's or scenario's
// folder, say) is refused without it and accepted with it. A command
// that continues an interrupted --force rerun, whose runs were kept
// beside out, needs it again, since the completed folder replaces out.
func ForceNeeded(out string, owner output.Owner) bool {
	return output.CheckTarget(out, owner, false) != nil && output.CheckTarget(out, owner, true) == nil
}

// CheckOut refuses, as Write would before starting, an out that the
// folder of x may not replace (with force, or without): so that a command
// says nothing about continuing a folder it then refuses to write. The
// error wraps runs.ErrBadInput.
func CheckOut(x *Prepared, out string, force bool) error {
	if err := output.CheckTarget(filepath.Clean(out), x.Owner(), force, runTables(x)...); err != nil {
		if errors.Is(err, output.ErrNotOurs) {
			return badInput("--out: %v", err)
		}
		return err
	}
	return nil
}

// OtherPlanError is --resume's refusal of a folder written by another
// plan of the same command (another scenario, seed, analysis): a command
// given only in part (sensitivity --resume --out DIR) can say instead
// that it needs the whole command, and quote it. It wraps runs.ErrBadInput.
type OtherPlanError struct {
	error
	Dir string // the folder refused
	// Command is the command line that completes the folder (with
	// --resume), or, when it is Complete, the one that wrote it.
	Command  string
	Complete bool
}

func (e *OtherPlanError) Unwrap() error { return e.error }

// OtherPlan is --resume's refusal of the folder at dir (out, or
// PartialPath(out)), with manifest m, written by another plan of the
// same command than the one resuming out: it quotes the command that
// completes it, or, when it is complete (another plan's finished
// folder, with nothing to complete), the one that wrote it.
func OtherPlan(out, dir string, m *output.Manifest) *OtherPlanError {
	if m.Complete {
		return &OtherPlanError{badInput("--resume: %s was written by a different %s and is complete: nothing there is this one's to complete; run this %s into a fresh --out folder; it was written by: %s", dir, m.Command, m.Command, RerunCommandLine(m)),
			dir, RerunCommandLine(m), true}
	}
	return &OtherPlanError{badInput("--resume: %s was written by a different %s; this completes it: %s", dir, m.Command, resumeCommand(m, out, true)),
		dir, resumeCommand(m, out, true), false}
}

// resumableFrom checks that the folder at dir (out, or PartialPath(out)),
// with manifest m, was written by this plan. The message of a folder of
// another plan quotes the command that completes it.
func resumableFrom(x *Prepared, out, dir string, m *output.Manifest, scenarioSHA string) error {
	shard := ""
	if x.Sweep != nil {
		shard = x.Sweep.Shard
	}
	switch {
	case m.Command != x.Command || (x.Sweep != nil) != (m.Sweep != nil):
		return badInput("--resume: %s holds a %s folder, not a %s", dir, m.Command, x.Command)
	case !SameCommandLine(BaseCommandLine(m.CommandLine), x.CommandLine()): // figure flags may differ: given to the resume, they change the figures only
		return OtherPlan(out, dir, m)
	case x.Command == "sweep" && m.Sweep != nil && x.Sweep != nil && !slices.EqualFunc(x.Points, m.Sweep.Points, slices.Equal[[]float64]):
		// A sweep's manifest lists its points (a sensitivity analysis's
		// section rebuilds them, and lists none).
		if key, was, is, ok := unroundedGrid(x.Keys, x.Points, m.Sweep.Points); ok {
			return badInput("--resume: %s: %s's value %v is %v in this borderwork, which rounds a:b:n grid values to 12 significant figures of the range: the folder was written by an earlier one, and its runs cannot be joined with this one's; run the sweep again into a fresh folder ('%s --out NEWDIR')", filepath.Join(dir, "manifest.json"), key, was, is, RerunCommandLine(m))
		}
		return badInput("--resume: %s: its points are not those of its --vary arguments; the manifest was changed", filepath.Join(dir, "manifest.json"))
	case m.ScenarioSHA256 != scenarioSHA && !sameScenarioReencoded(dir, m, scenarioSHA):
		return badInput("--resume: %s was written by this command from another scenario: its scenario.toml differs from the scenario as it is now; run the %s afresh into another --out", dir, x.Command)
	case m.Sweep != nil && m.Sweep.Shard != shard:
		switch {
		case m.Sweep.Shard == "":
			return badInput("--resume: %s holds the whole %s, not shard %s of it: leave out --shard to complete it", dir, x.Command, shard)
		case shard == "":
			return badInput("--resume: %s holds shard %s of the %s, not the whole of it: give --shard %s to complete it", dir, m.Sweep.Shard, x.Command, m.Sweep.Shard)
		default:
			return badInput("--resume: %s holds shard %s of the %s, not shard %s: give --shard %s to complete it", dir, m.Sweep.Shard, x.Command, shard, m.Sweep.Shard)
		}
	}
	return nil
}

// ResumePlan rebuilds, from the manifest and scenario.toml of the
// interrupted sweep folder at out, the plan that wrote it and the runs the
// folder is to hold (its shard's, if it is one), so that the folder alone
// says how to complete it. When an interrupted sweep is beside out, at
// PartialPath(out) (a rerun into out, stopped, whose message said
// --resume completes it), that is the sweep completed. Errors about the
// folder wrap runs.ErrBadInput; if ctx ends while the sweep's points are
// prepared, the error wraps runs.ErrInterrupted.
func ResumePlan(ctx context.Context, out string) (*Prepared, []int, error) {
	dir := out
	m, err := output.ReadManifest(out)
	if pm, perr := output.ReadManifest(PartialPath(out)); perr == nil && !pm.Complete && pm.Command == "sweep" && pm.Sweep != nil {
		if err == nil && m.Command == "sweep" && !sameSweep(m, pm) {
			// Either may be the newer: a rerun into out, interrupted, or
			// a sweep completed into out after an earlier one was
			// interrupted. Completing the interrupted one replaces out.
			return nil, nil, badInput("--resume: %s holds %s sweep (%s) and %s an interrupted sweep of another command (%s); --resume --out %s alone cannot tell which you mean. To complete the interrupted one, which then replaces %s, give its command: '%s --resume --out %s'; to keep %s as it is, delete %s",
				out, map[bool]string{true: "a complete", false: "an interrupted"}[m.Complete], RerunCommandLine(m), PartialPath(out), RerunCommandLine(pm),
				runs.ShellJoin([]string{out}), out, sweepCommand(pm), runs.ShellJoin([]string{out}), out, PartialPath(out))
		}
		dir, m, err = PartialPath(out), pm, nil
	}
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil, badInput("--resume: %s holds no sweep to resume (no manifest.json); give the whole sweep command", out)
	}
	if err != nil {
		return nil, nil, badInput("--resume: %v", err)
	}
	if m.Command != "sweep" || m.Sweep == nil {
		return nil, nil, badInput("--resume: %s holds a %s folder, not a sweep", dir, m.Command)
	}
	if err := sameModelVersion(dir, m); err != nil {
		return nil, nil, err
	}
	// Rebuilt from its --vary arguments, not from the points the manifest
	// lists, and checked against them: an edited manifest is refused.
	x, err := sweepOf(ctx, "--resume", shardFolder{dir: dir, m: m})
	if err != nil {
		return nil, nil, err
	}
	if m.Sweep.Shard == "" {
		return x, x.AllJobs(), nil
	}
	i, n, ok := RecordedShard(m.Sweep.Shard)
	if !ok {
		return nil, nil, badInput("--resume: %s records a shard %q this version cannot read", dir, m.Sweep.Shard)
	}
	jobs, err := x.Shard(i, n)
	return x, jobs, err
}

// WholeResumeCommand is, when 'sweep --resume --out out' alone would be
// refused as ambiguous (ResumePlan: out holds another sweep than the
// interrupted one at PartialPath(out)), the whole command that completes
// the interrupted one, with --resume (and --force if replacing out needs
// it); "" otherwise.
func WholeResumeCommand(out string) string {
	m, err := output.ReadManifest(out)
	pm, perr := output.ReadManifest(PartialPath(out))
	if err != nil || perr != nil || m.Command != "sweep" || pm.Command != "sweep" || pm.Complete || pm.Sweep == nil || sameSweep(m, pm) {
		return ""
	}
	return resumeCommand(pm, out, true)
}

// sameSweep reports whether two sweep folders' manifests record the same
// sweep: the same command line, figure flags aside, of the same scenario.
func sameSweep(a, b *output.Manifest) bool {
	return sweepCommand(a) == sweepCommand(b) && a.ScenarioSHA256 == b.ScenarioSHA256
}

// sweepCommand is the command that wrote a sweep folder with manifest m,
// without its figure flags, with its --shard.
func sweepCommand(m *output.Manifest) string {
	line := requoted(BaseCommandLine(m.CommandLine))
	if m.Sweep != nil && m.Sweep.Shard != "" {
		line += " " + runs.ShellJoin([]string{"--shard", m.Sweep.Shard})
	}
	return line
}

// sameModelVersion refuses, for --resume, the folder at dir (manifest m)
// written by an engine of another model version than this binary's: its
// runs and this engine's differ, and cannot share a table. The error
// wraps runs.ErrBadInput.
func sameModelVersion(dir string, m *output.Manifest) error {
	if v := runs.FolderModelVersion(m); v != sim.ModelVersion {
		return badInput("--resume: %s holds runs of model version %d; this binary's engine is model version %d, whose results differ: run it again whole, into a fresh folder ('%s --out NEWDIR')", dir, v, sim.ModelVersion, RerunCommandLine(m))
	}
	return nil
}

// nothingWritten says so of an interruption while a folder was checked.
func nothingWritten(err error) error {
	if errors.Is(err, runs.ErrInterrupted) {
		return fmt.Errorf("%w; nothing was written", err)
	}
	return err
}

// CompleteRows are the rows of the complete folder of x at out, in which
// Resumable found nothing to do, after its tables are checked against its
// manifest and its runs against x, as a folder to continue is: so that a
// command printing its results prints what the folder holds. If ctx ends
// while the tables are checked, the error wraps runs.ErrInterrupted.
func CompleteRows(ctx context.Context, out string, x *Prepared) ([]output.SummaryRow, error) {
	m, err := output.ReadManifest(out)
	if err != nil {
		return nil, badInput("--resume: %v", err)
	}
	if err := verifyFolder(ctx, "--resume", out, m, x); err != nil {
		return nil, nothingWritten(err)
	}
	_, rows, err := output.ReadSummary(filepath.Join(out, "summary.csv"))
	if err != nil {
		return nil, badInput("--resume: %v", err)
	}
	return rows, nil
}

// sameScenarioReencoded reports whether the folder at dir's scenario.toml,
// as its manifest's checksum vouches, is the scenario whose resolved form
// has checksum scenarioSHA once this borderwork reads and writes it
// again: an earlier borderwork wrote no line for a key added since at a
// default that changes no result (pushback_violence = 0.0, say), and its
// interrupted folders are the same scenario's.
func sameScenarioReencoded(dir string, m *output.Manifest, scenarioSHA string) bool {
	sha, ok := reencodedSHA(dir, m)
	return ok && sha == scenarioSHA
}

// reencodedSHA is the checksum of the folder at dir's scenario.toml, as
// its manifest's checksum vouches, once this borderwork reads and writes
// it again; false if the file is not the one the manifest vouches for or
// does not load.
func reencodedSHA(dir string, m *output.Manifest) (string, bool) {
	if d, err := scenarioDifference(dir, m); err != nil || d != "" || m.ScenarioSHA256 == "" {
		return "", false
	}
	s, err := scenarios.Load(filepath.Join(dir, "scenario.toml"))
	if err != nil {
		return "", false
	}
	again, err := s.Encode()
	if err != nil {
		return "", false
	}
	return output.SHA256(again), true
}
