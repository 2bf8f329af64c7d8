package experiment_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// TestPlanRepsRecorded: a library's compare plan of 2 replicates of a
// scenario of 20 records what ran: --reps 2 in its command line, 2
// replicates in its manifest and its scenario.toml, so that the command
// line, rerun, writes the same folder, and Reproduce finds no problem.
// It recorded --reps 20, which reproduce and plot reported as a problem.
func TestPlanRepsRecorded(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Days = 10
	if s.File.Replicates == 2 {
		t.Fatal("classroom has 2 replicates; the test wants a scenario of another number")
	}
	plan := &experiment.Plan{Command: "compare", Scenario: s, Arg: "classroom", Regimes: []string{"open"}, Reps: 2}
	x, err := plan.Prepare()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "compare")
	if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 1}); err != nil {
		t.Fatal(err)
	}
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	const want = "borderwork compare classroom --seed 2018 --days 10 --reps 2 --regimes open"
	if got := experiment.BaseCommandLine(m.CommandLine); got != want || m.Reps != 2 {
		t.Errorf("manifest records reps %d and command line %q; want 2 and %q", m.Reps, got, want)
	}
	if got := plan.CommandLine(); got != want {
		t.Errorf("Plan.CommandLine() = %q; want %q", got, want)
	}
	saved, err := scenarios.Load(filepath.Join(out, "scenario.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if saved.File.Replicates != 2 {
		t.Errorf("scenario.toml records %d replicates; want the 2 run, as --reps 2 writes it", saved.File.Replicates)
	}
	rep, err := experiment.Reproduce(context.Background(), out, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) > 0 {
		t.Errorf("Reproduce: problems %q; want none", rep.Problems)
	}
}
