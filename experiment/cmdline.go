package experiment

import (
	"slices"
	"strings"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// CheckArg refuses, as bad input, an arg (a folder's recorded scenario
// argument) that surely loads another scenario than s: a bundled name
// other than the one s was loaded as (Arg "sahel" for the bundled
// classroom), whose recorded command line would run that one. Other
// pairs are not told apart: a path may hold a copy of a bundled
// scenario, two spellings of a path may be one file, and a scenario
// parsed from text names none.
func CheckArg(s *scenarios.Scenario, arg string) error {
	name, other := namesOtherBundled(arg, s.Source)
	if !other {
		return nil
	}
	return badInput("experiment: the scenario argument %s names the bundled scenario %s, but the scenario run, %s, was read from %s; the folder's command line would run %s: give the argument that loads the scenario run (%s)", runs.ShellQuote(arg), arg, s.File.Name, runs.ShellQuote(s.Source), arg, runs.ShellQuote(name))
}

// namesOtherBundled reports whether arg surely loads another scenario
// than the one read from source: arg a bundled scenario's name and source
// another bundled scenario's, name.
func namesOtherBundled(arg, source string) (name string, other bool) {
	name, ok := strings.CutPrefix(source, "bundled:")
	return name, ok && arg != "" && !scenarios.IsPath(arg) && arg != name
}

// BaseCommandLine is a recorded command line without the figure flags
// that end it (those runs.WithFigureArgs added): the command line of the
// folder's results, which Prepared.CommandLine writes. A command line
// recorded before the figure flags were (2026-12-02) is its own.
func BaseCommandLine(commandLine string) string {
	words, starts := shellWords(commandLine)
	n := len(words)
	for n >= 4 && slices.Contains(figureFlags, words[n-2]) {
		n -= 2
	}
	if n == len(words) {
		return commandLine
	}
	return strings.TrimRight(commandLine[:starts[n]], " ")
}

// figureFlags are the flags runs.FigureArgs writes.
var figureFlags = []string{"--bands", "--size", "--formats", "--figure-metrics", "--figure-regimes", "--label"}

// RerunCommandLine is a command that reruns the folder of manifest m: the
// command line it records (which every shard of one command shares),
// quoted as runs.ShellJoin quotes it (requoted), and, for a shard, its
// --shard.
func RerunCommandLine(m *output.Manifest) string {
	if m.Sweep != nil && m.Sweep.Shard != "" {
		return requoted(m.CommandLine) + " " + runs.ShellJoin([]string{"--shard", m.Sweep.Shard})
	}
	return requoted(m.CommandLine)
}
