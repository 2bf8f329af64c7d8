package claim_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/claim"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/scenarios"
)

// TestCheckRefusesUnknownFormat: a figure format Check cannot draw in
// (a Go program can give one; --formats cannot) is bad input refused
// before the pilot runs, with nothing written. It failed only when the
// figures were drawn, after every run of the check.
func TestCheckRefusesUnknownFormat(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Days, s.File.Replicates = 10, 2
	o := claim.DefaultOptions()
	o.MaxReps = 2
	out := filepath.Join(t.TempDir(), "claim")
	started := 0
	_, err = claim.Check(context.Background(), s, "classroom", o, out, 1, []string{"jpg"}, func(string, int, int) { started++ })
	if err == nil || !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), `--formats: unknown format "jpg"`) {
		t.Errorf("Check(formats jpg) = %v; want bad input naming --formats", err)
	}
	if started != 0 {
		t.Errorf("Check(formats jpg) ran %d runs before refusing", started)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Check(formats jpg) left %s: %v", out, err)
	}
}
