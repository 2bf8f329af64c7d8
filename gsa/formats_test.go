package gsa_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/gsa"
	"github.com/borderwork/borderwork/scenarios"
)

// TestWriteRefusesUnknownFormat: a figure format Study.Write cannot draw
// in (a Go program can give one; --formats cannot) is bad input refused
// before any run, with nothing written. It failed only when the figures
// were drawn, after every run.
func TestWriteRefusesUnknownFormat(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Days, s.File.Replicates = 10, 2
	e, err := gsa.ParseEntry("abuse.papers_effect")
	if err != nil {
		t.Fatal(err)
	}
	st, err := gsa.New(s, "classroom", gsa.Spec{Method: gsa.Morris, Entries: []gsa.Entry{e}, Trajectories: 2, Regimes: []string{"malfunctioning"}, Metrics: []string{"abused_migrants"}})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "sensitivity")
	started := 0
	_, err = st.Write(context.Background(), out, gsa.Options{Workers: 1, Formats: []string{"jpg"}, FormatsGiven: true, Progress: func(int) { started++ }})
	if err == nil || !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), `--formats: unknown format "jpg"`) {
		t.Errorf("Write(formats jpg) = %v; want bad input naming --formats", err)
	}
	if started != 0 {
		t.Errorf("Write(formats jpg) ran %d runs before refusing", started)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Write(formats jpg) left %s: %v", out, err)
	}
}

// TestNewRefusesAnUnreadableManifestFirst: an analysis whose manifest
// borderwork could not read back is refused by New before its points are
// prepared, as a sweep is (audit sweep8, finding 2), whatever the memory
// limit (here none); just under the size, it is made.
func TestNewRefusesAnUnreadableManifestFirst(t *testing.T) {
	e, err := gsa.ParseEntry("abuse.papers_effect")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		reps int
		want string // "" for made
	}{
		{200_000, ""}, // 4,000,000 runs: about 0.8 GiB
		{300_000, "--trajectories 10 × (1 parameters + 1) points × 1 regime × --reps 300000: 6,000,000 runs would be listed in a manifest.json of about 1.2 GiB, more than borderwork reads back (1 GiB)"},
	} {
		s, err := scenarios.Load("classroom")
		if err != nil {
			t.Fatal(err)
		}
		s.File.Days, s.File.Replicates = 10, c.reps
		_, err = gsa.New(s, "classroom", gsa.Spec{Method: gsa.Morris, Entries: []gsa.Entry{e}, Trajectories: 10, Regimes: []string{"malfunctioning"}, Metrics: []string{"abused_migrants"}})
		switch {
		case c.want == "" && err != nil:
			t.Errorf("--reps %d: New = %v; want it made", c.reps, err)
		case c.want != "" && (err == nil || !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), c.want)):
			t.Errorf("--reps %d: New = %v; want bad input saying %q", c.reps, err, c.want)
		}
	}
}
