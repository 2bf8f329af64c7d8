package experiment_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/scenarios"
)

// TestWriteRefusesAPlanItsCommandLineCannotRerun: a library's sweep
// plan built by hand (as runs' example builds one for Execute) panicked
// in SweepReport once every run was done, and a compare of several
// points wrote a folder that reproduce refused as changed. Both are bad
// input, refused before any run, with nothing written.
func TestWriteRefusesAPlanItsCommandLineCannotRerun(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Days = 10
	for _, c := range []struct {
		command string
		want    string
	}{
		{"sweep", "NewSweep"},
		{"compare", "varies no key"},
		{"run", "varies no key"},
	} {
		x, err := (&experiment.Plan{Command: c.command, Scenario: s, Arg: "classroom", Regimes: []string{"malfunctioning"}, Reps: 1,
			Keys: []string{"regimes.malfunctioning.outage_start"}, Points: [][]float64{{0}, {0.1}}}).Prepare()
		if err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(t.TempDir(), "out")
		ran := false
		_, err = experiment.Write(context.Background(), x, out, experiment.Options{Progress: func(int) { ran = true }})
		if err == nil || !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v; want an error matching ErrBadInput saying %q", c.command, err, c.want)
		}
		if ran {
			t.Errorf("%s: runs ran before the plan was refused", c.command)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%s: %s was written (%v)", c.command, out, err)
		}
	}
}
