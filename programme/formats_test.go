package programme_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/programme"
	"github.com/borderwork/borderwork/scenarios"
)

// TestRunRefusesUnknownFormat: a figure format Run cannot draw in (a Go
// program can give one; --formats cannot) is bad input refused before
// any run, with nothing written. It failed only when the figures were
// drawn, after every run.
func TestRunRefusesUnknownFormat(t *testing.T) {
	path := filepath.Join("testdata", "toy.toml")
	s, err := scenarios.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	s.File.Days, s.File.Replicates = 30, 2
	out := filepath.Join(t.TempDir(), "programme")
	started := 0
	_, err = programme.Run(context.Background(), s, path, programme.Options{}, out, 1, []string{"jpg"}, func(int, int) { started++ })
	if err == nil || !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), `--formats: unknown format "jpg"`) {
		t.Errorf("Run(formats jpg) = %v; want bad input naming --formats", err)
	}
	if started != 0 {
		t.Errorf("Run(formats jpg) ran %d runs before refusing", started)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Run(formats jpg) left %s: %v", out, err)
	}
}
