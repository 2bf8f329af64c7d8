package main

import (
	"fmt"
	"io"

	"github.com/borderwork/borderwork/output"
)

// earlier is what the output folder at dir held before a command wrote
// there: the command line its manifest records, "" if there was none.
// A command may replace an earlier folder of its own command and scenario
// (docs/OUTPUTS.md, "What the tool touches in a folder"), run with other
// flags, another --vary, --set or --reps: note then says so, since the
// terminal's "Wrote DIR" alone gives no sign that earlier results are gone.
type earlier struct{ dir, line string }

// earlierAt reads the folder at dir before anything is written there.
func earlierAt(dir string) earlier {
	m, err := output.ReadManifest(dir)
	if err != nil {
		return earlier{}
	}
	return earlier{dir: dir, line: m.CommandLine}
}

// note says, on w, that the folder the command wrote replaced results of
// another command line; nothing when there were none or the command line
// is the same (the same results: a rerun).
func (b earlier) note(w io.Writer) {
	if b.line == "" {
		return
	}
	m, err := output.ReadManifest(b.dir)
	if err != nil || m.CommandLine == b.line {
		return
	}
	fmt.Fprintf(w, "It replaced the earlier results in %s, of: %s (give another --out to keep both).\n", b.dir, b.line)
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
