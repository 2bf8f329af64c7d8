package experiment

import (
	"errors"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/output"
)

// TestFitRefusesAnUnreadableManifest: a folder whose manifest.json would
// be larger than borderwork reads back (output.MaxManifestBytes) is
// refused before it is run, whatever the memory limit (here none), since
// plot, merge and reproduce would refuse it afterwards; a folder of
// ordinary size is not.
func TestFitRefusesAnUnreadableManifest(t *testing.T) {
	x := outageSweep(t)
	if _, err := x.Fit(runs.Limits{}, x.NRuns(), 1); err != nil {
		t.Errorf("%d runs: %v", x.NRuns(), err)
	}
	perRun := output.ManifestBytes(1, len(x.Keys)) - output.ManifestBytes(0, len(x.Keys))
	tooMany := int(output.MaxManifestBytes/perRun) + 1
	_, err := x.Fit(runs.Limits{}, tooMany, 1)
	if err == nil || !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), "more than borderwork reads back") {
		t.Errorf("%d runs: %v; want a refusal saying the manifest could not be read back", tooMany, err)
	}
}

// outageSweep is a small sweep of two outage starts under open and
// malfunctioning, prepared; open is run once and reused at each point.
func outageSweep(t *testing.T) *Prepared {
	t.Helper()
	p, err := NewSweep(loadSmall(t, 40, 200), small, []string{"open", "malfunctioning"}, SweepSpec{Vary: []string{"regimes.malfunctioning.outage_start=0.05,0.2"}})
	if err != nil {
		t.Fatal(err)
	}
	x, err := p.Prepare()
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// TestNewSweepRefusesAnUnreadableManifestFirst: a sweep whose manifest
// borderwork could not read back is refused by NewSweep, before any point
// is prepared, whatever the memory limit (here none); it was refused only
// by Fit, after minutes of preparing millions of points (audit sweep8,
// finding 2). Just under the size, it is planned.
func TestNewSweepRefusesAnUnreadableManifestFirst(t *testing.T) {
	vary := []string{"regimes.malfunctioning.outage_start=0:1:100", "abuse.desperation_effect=0:1:100"}
	for _, c := range []struct {
		reps int
		want string // "" for planned
	}{
		{200, ""}, // 4,000,000 runs: about 0.9 GiB
		{250, "--vary (10,000 points) × 2 regimes × --reps 250: 5,000,000 runs would be listed in a manifest.json of about 1.1 GiB, more than borderwork reads back (1 GiB)"},
	} {
		p, err := NewSweep(loadSmall(t, c.reps, 10), small, []string{"open", "malfunctioning"}, SweepSpec{Vary: vary})
		switch {
		case c.want == "" && err != nil:
			t.Errorf("--reps %d: NewSweep = %v; want it planned", c.reps, err)
		case c.want != "" && (err == nil || !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), c.want)):
			t.Errorf("--reps %d: NewSweep = %v, %v; want bad input saying %q", c.reps, p != nil, err, c.want)
		}
	}
}
