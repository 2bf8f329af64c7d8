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

// TestWriteRefusesUnknownFormat: a format no figure is drawn in, which a
// Go program can give where the command line's --formats cannot, is bad
// input refused before any run, with nothing written. It was found only
// when the figures were drawn, after every run, as a failure
// ("figures: unknown format").
func TestWriteRefusesUnknownFormat(t *testing.T) {
	for _, formats := range [][]string{{"jpg"}, {"svg", "PNG"}, {""}} {
		s, err := scenarios.Load("classroom")
		if err != nil {
			t.Fatal(err)
		}
		s.File.Days, s.File.Replicates = 10, 2
		x, err := (&experiment.Plan{Command: "compare", Scenario: s, Arg: "classroom", Regimes: []string{"open"}, Reps: 2}).Prepare()
		if err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(t.TempDir(), "compare")
		started := 0
		_, err = experiment.Write(context.Background(), x, out, experiment.Options{Workers: 1, Formats: formats, Progress: func(int) { started++ }})
		if err == nil || !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), "--formats: unknown format") {
			t.Errorf("Write(Formats %q) = %v; want bad input naming --formats", formats, err)
		}
		if started != 0 {
			t.Errorf("Write(Formats %q) ran %d runs before refusing", formats, started)
		}
		if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("Write(Formats %q) left %s: %v", formats, out, err)
		}
	}
}
