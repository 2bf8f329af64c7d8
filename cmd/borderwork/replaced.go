package main

import (
	"fmt"
	"io"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
)

// earlier is what the output folder at dir held before a command wrote
// there: the command line its manifest records, "" if there was none, and
// the checksum of its scenario.toml. A command may replace an earlier
// folder of its own command and scenario (docs/OUTPUTS.md, "What the tool
// touches in a folder"), run with other flags, another --vary, --set or
// --reps, or of the same command line on a scenario file edited since:
// note then says so, since the terminal's "Wrote DIR" alone gives no sign
// that earlier results are gone.
type earlier struct{ dir, line, sha string }

// earlierAt reads the folder at dir before anything is written there.
func earlierAt(dir string) earlier {
	m, err := output.ReadManifest(dir)
	if err != nil {
		return earlier{dir: dir}
	}
	return earlier{dir: dir, line: m.CommandLine, sha: m.ScenarioSHA256}
}

// note says, on w, that the folder the command wrote replaced results of
// another command line, or of the same one on another scenario.toml;
// nothing when there were none or both are the same (the same results: a
// rerun). A checksum missing on either side is no difference: the
// manifest of some command may not record one.
//
// It then says whether dir.partial, beside it, still holds the runs of an
// interrupted command (a rerun into dir stopped earlier, which put them
// there): a rerun does not read or remove it, and the folder would stay
// there unexplained. Of the same command line and scenario its runs are
// all in dir now; of another, they are that command's (which sweep --resume or
// sensitivity --resume, given it, would complete, replacing dir).
func (b earlier) note(w io.Writer) {
	if b.dir == "" {
		return
	}
	m, err := output.ReadManifest(b.dir)
	if err != nil {
		return
	}
	switch {
	case b.line == "":
	case m.CommandLine != b.line:
		fmt.Fprintf(w, "It replaced the earlier results in %s, of: %s (give another --out to keep both).\n", b.dir, b.line)
	case b.sha != "" && m.ScenarioSHA256 != "" && m.ScenarioSHA256 != b.sha:
		// The same words, since a script may look for them; the command
		// line alone would not tell the reader what differed.
		fmt.Fprintf(w, "It replaced the earlier results in %s, of: %s, on another version of the scenario (its scenario.toml differs; give another --out to keep both).\n", b.dir, b.line)
	}
	partial := experiment.PartialPath(b.dir)
	p, err := output.ReadManifest(partial)
	if err != nil || p.Complete {
		return
	}
	if experiment.SameCommandLine(experiment.BaseCommandLine(p.CommandLine), experiment.BaseCommandLine(m.CommandLine)) && p.ScenarioSHA256 == m.ScenarioSHA256 {
		fmt.Fprintf(w, "%s is left as it was: it holds %s of this command, interrupted earlier, which are all in %s now; delete it.\n",
			partial, words.Count(len(p.Runs), "finished run"), b.dir)
		return
	}
	fmt.Fprintf(w, "%s is left as it was: it holds %s of an interrupted %s; delete it if you do not need them.\n",
		partial, words.Count(len(p.Runs), "finished run"), experiment.RerunCommandLine(p))
}

// noteTo is note on standard output, or on standard error when standard
// output holds JSON.
func (b earlier) noteTo(e *env, json bool) {
	if json {
		b.note(e.stderr)
		return
	}
	b.note(e.stdout)
}
