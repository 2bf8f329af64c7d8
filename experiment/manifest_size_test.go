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
