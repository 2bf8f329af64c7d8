package gsa

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/internal/foldertest"
)

// TestParametersUnit: parameters.csv gives each key's unit, as a sweep's
// axes print it (docs/SCENARIOS.md's unit column), for a methods table;
// a folder written before the column still reproduces, saying so.
func TestParametersUnit(t *testing.T) {
	e, _ := ParseEntry("posts.Post.capacity")
	st, err := New(classroom(t, 20, 2), "classroom", Spec{Method: Morris, Trajectories: 2, Entries: []Entry{e}, Regimes: []string{"malfunctioning"}, Metrics: []string{"abuse_events"}, Resamples: 50})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "sens")
	if _, err := st.Write(context.Background(), dir, Options{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, parametersCSV)
	header, rows := foldertest.ReadCSV(t, path)
	u := slices.Index(header, "unit")
	if u < 0 {
		t.Fatalf("parameters.csv's header = %v; want a unit column", header)
	}
	got := map[string]string{}
	for _, r := range rows {
		got[r[0]] = r[u]
	}
	for key, want := range map[string]string{
		"posts.Post.capacity":                      "migrants per day",
		"factors.reliability.failing.outage_start": "probability per day",
		"days": "days",
		"seed": "",
	} {
		if unit, ok := got[key]; !ok || unit != want {
			t.Errorf("parameters.csv: %s's unit = %q (listed %v); want %q", key, unit, ok, want)
		}
	}

	// As a folder written before the column.
	foldertest.DropColumn(t, dir, "parameters.csv", u)
	rep, err := experiment.Reproduce(context.Background(), dir, 2)
	if err != nil || len(rep.Problems) > 0 || !strings.Contains(strings.Join(rep.Warnings, "\n"), "parameters.csv has no unit column") {
		t.Errorf("Reproduce of a folder without the unit column = %+v, %v; want it reproduced, with a warning naming the column", rep, err)
	}
}
