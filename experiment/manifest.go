package experiment

import (
	"strconv"
	"strings"

	"github.com/borderwork/borderwork/output"
)

// CommandLine is a command that reruns the plan (the --out, --workers and
// display flags aside, which do not change results).
func (x *Prepared) CommandLine() string {
	args := []string{"borderwork", x.Command}
	if x.Arg != "" {
		args = append(args, x.Arg)
	}
	f := x.Scenario.File
	args = append(args, "--seed", strconv.FormatInt(f.Seed, 10),
		"--days", strconv.Itoa(f.Days),
		"--reps", strconv.Itoa(f.Replicates)) // as asked: a claim may run more
	switch x.Command {
	case "run":
		args = append(args, "--regime", strings.Join(x.Regimes, ","))
	case "compare", "sweep":
		args = append(args, "--regimes", strings.Join(x.Regimes, ","))
	}
	for _, kv := range x.Scenario.Sets() {
		args = append(args, "--set", kv)
	}
	args = append(args, x.Args...)
	return ShellJoin(args)
}

// RerunCommandLine is a command that reruns the folder of manifest m: the
// command line it records (which every shard of one command shares) and,
// for a shard, its --shard.
func RerunCommandLine(m *output.Manifest) string {
	if m.Sweep != nil && m.Sweep.Shard != "" {
		return m.CommandLine + " " + ShellJoin([]string{"--shard", m.Sweep.Shard})
	}
	return m.CommandLine
}

// ShellJoin joins arguments into a command a shell reads back the same,
// quoting those that need it.
func ShellJoin(args []string) string {
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = a
		if a == "" || strings.ContainsAny(a, " \t\"'$\\|&;<>()*?[]{}!#~`") {
			quoted[i] = strconv.Quote(a)
		}
	}
	return strings.Join(quoted, " ")
}

// Manifest fills in what every folder's manifest holds for the runs done
// (their indices, in order): the tool, the scenario and its checksum, the
// plan and the runs. Tables, figures and completeness are the caller's.
func (x *Prepared) Manifest(scenarioSHA string, done []int) *output.Manifest {
	m := output.NewManifest(x.Command)
	s := x.Scenario
	m.CommandLine = x.CommandLine()
	m.Scenario = s.File.Name
	m.ScenarioArg = x.Arg
	m.ScenarioSource = s.Source
	m.ScenarioSHA256 = scenarioSHA
	m.Sets = s.Sets()
	if m.Sets == nil {
		m.Sets = []string{}
	}
	m.Seed = x.Seed()
	m.Days = s.File.Days
	m.Reps = x.Reps
	m.Regimes = x.Regimes
	m.Events = x.Events
	m.Sweep = x.Sweep
	m.Runs = make([]output.RunInfo, 0, len(done))
	for _, k := range done {
		r := x.Run(k)
		m.Runs = append(m.Runs, output.RunInfo{ID: r.ID, Regime: r.Regime, Replicate: r.Replicate, Seed: r.Seed, Params: r.Params})
	}
	return m
}
