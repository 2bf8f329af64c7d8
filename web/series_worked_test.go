package web

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// TestSeriesAndMapAreTheRunsOwn: the page's series over time and its map
// are computed again here from the runs of the same plan, run by the
// command line's code: each series' band is, day by day, the mean and 95%
// interval (output.Describe) of that day column over the regime's
// replicates, and each map frame the mean over replicates of each
// location's migrants waiting and trapped. Two series, so a mix-up of
// which series a run's values go to shows.
func TestSeriesAndMapAreTheRunsOwn(t *testing.T) {
	const reps, days = 3, 40
	regimes := []string{"closed", "malfunctioning"}
	series := []string{"trapped", "abuse_events"}
	res, err := Run(context.Background(), Request{Scenario: "classroom", Reps: ptr(reps), Days: ptr(days), Regimes: regimes, Series: series}, DefaultLimits(), 2, Progress{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Replicates, s.File.Days = reps, days
	x, err := (&runs.Plan{Command: "compare", Scenario: s, Regimes: regimes, Reps: reps, ByLocation: true}).Prepare()
	if err != nil {
		t.Fatal(err)
	}
	nLoc := len(s.File.Locations)
	values := make([][][][]float64, len(series)) // series, regime, day -> replicates' values
	for i := range series {
		values[i] = make([][][]float64, len(regimes))
		for r := range regimes {
			values[i][r] = make([][]float64, days)
		}
	}
	waiting := make([][]float64, len(regimes))
	trapped := make([][]float64, len(regimes))
	for r := range regimes {
		waiting[r] = make([]float64, days*nLoc)
		trapped[r] = make([]float64, days*nLoc)
	}
	if err := x.Execute(context.Background(), x.AllJobs(), 2, func(sm runs.Simulated) error {
		r := slices.Index(regimes, sm.Run.Regime)
		for i, name := range series {
			col := output.DayColumns[output.DayColumnIndex(name)]
			for d := range sm.Days {
				values[i][r][d] = append(values[i][r][d], col.Get(&sm.Days[d]))
			}
		}
		for j, l := range sm.Locations {
			waiting[r][j] += float64(l.Waiting)
			trapped[r][j] += float64(l.Trapped)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	same := func(a, b float64) bool {
		return a == b || math.IsNaN(a) && math.IsNaN(b) || math.Abs(a-b) <= 1e-9*math.Abs(b)
	}
	if len(res.Series) != len(series) {
		t.Fatalf("%d series; want %d", len(res.Series), len(series))
	}
	varies := false
	for i, name := range series {
		if res.Series[i].Name != name {
			t.Fatalf("series %d is %s; want %s", i, res.Series[i].Name, name)
		}
		for r, regime := range regimes {
			b := res.Series[i].Bands[r]
			if b.Regime != regime || len(b.Mean) != days {
				t.Fatalf("%s, band %d: regime %s over %d days; want %s over %d", name, r, b.Regime, len(b.Mean), regime, days)
			}
			for d := range days {
				st := output.Describe(values[i][r][d])
				varies = varies || st.SD > 0
				if !same(b.Mean[d], st.Mean) || !same(b.Lo[d], st.Lo) || !same(b.Hi[d], st.Hi) {
					t.Fatalf("%s under %s, day %d: %v [%v, %v]; the runs give %v [%v, %v]", name, regime, d, b.Mean[d], b.Lo[d], b.Hi[d], st.Mean, st.Lo, st.Hi)
				}
			}
		}
	}
	if !varies {
		t.Fatal("no day of any series varies between replicates; the test needs one that does")
	}
	if res.Map == nil || len(res.Map.Regimes) != len(regimes) {
		t.Fatal("no map for every regime")
	}
	for r, regime := range regimes {
		f := res.Map.Regimes[r]
		for j := range waiting[r] {
			if !same(f.Present[j], waiting[r][j]/reps) || !same(f.Trapped[j], trapped[r][j]/reps) {
				t.Fatalf("map of %s at %d (day %d, location %d): %v waiting, %v trapped; the runs give means %v and %v", regime, j, j/nLoc, j%nLoc, f.Present[j], f.Trapped[j], waiting[r][j]/reps, trapped[r][j]/reps)
			}
		}
	}
}
