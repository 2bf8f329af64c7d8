package dtm

import (
	"bytes"
	"context"
	"math"
	"reflect"
	"testing"

	"github.com/borderwork/borderwork/data"
	"github.com/borderwork/borderwork/scenarios"
)

// smallStudy runs agadez2016 cut to 280 days (to September 2016) with a
// few draws, so that tests are quick.
func smallStudy(t *testing.T, flows []data.Flow, workers int) *Study {
	t.Helper()
	s, err := scenarios.Load("agadez2016")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Days = 280
	st, err := Run(context.Background(), s, flows, Options{
		Regimes: []string{"closed", "open"}, Draws: 16, Accept: 4, Replicates: 1, Seed: 7, Workers: workers, Exclude: NigerExclusions(),
	})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func embedded(t testing.TB) []data.Flow {
	t.Helper()
	flows, err := data.Flows()
	if err != nil {
		t.Fatal(err)
	}
	return flows
}

// tables writes a study's tables and returns them by name.
func tables(t *testing.T, st *Study) map[string][]byte {
	t.Helper()
	dir := t.TempDir()
	names, err := st.Write(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, n := range names {
		out[n] = readFile(t, dir, n)
	}
	return out
}

// TestCalibrationSeesNothingAfterTheChange: the calibration uses only
// the counts made before the change. Change every count of every row
// that ends on or after 1 August 2016, drop one and add one: the fitted
// parameters, the draws and their distances are the same, byte for
// byte, while the scores of the prediction move. Changing one count
// before the change moves the calibration.
func TestCalibrationSeesNothingAfterTheChange(t *testing.T) {
	flows := embedded(t)
	base := smallStudy(t, flows, 2)
	split := date("2016-08-01")
	var after []data.Flow
	for _, f := range flows {
		if !f.End.Before(split) {
			if f.Outgoing.Known {
				f.Outgoing.N = f.Outgoing.N*7 + 13
			}
			if f.Incoming.Known {
				f.Incoming.N = f.Incoming.N*3 + 1
			}
			if f.Start.Equal(date("2016-10-01")) {
				continue // dropped
			}
		}
		after = append(after, f)
	}
	after = append(after, flow("2016-08-08", "2016-08-14", 123456, 654321)) // added
	moved := smallStudy(t, after, 2)
	if !reflect.DeepEqual(base.Calibration, moved.Calibration) {
		t.Error("changing the counts after the change changed the calibration")
	}
	a, b := tables(t, base), tables(t, moved)
	for _, name := range []string{"draws.csv", "posterior.csv"} {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs when only counts after the change differ", name)
		}
	}
	if ma, _ := base.Scores(Predicted); func() bool { mb, _ := moved.Scores(Predicted); return reflect.DeepEqual(ma, mb) }() {
		t.Error("the prediction's scores did not move with the counts after the change: the test perturbed nothing")
	}

	var before []data.Flow
	for _, f := range flows {
		if f.Start.Equal(date("2016-03-01")) && f.End.Equal(date("2016-03-07")) {
			f.Outgoing.N *= 5
		}
		before = append(before, f)
	}
	if control := smallStudy(t, before, 2); reflect.DeepEqual(base.Calibration.Distance, control.Calibration.Distance) {
		t.Error("changing a count before the change did not change the calibration: the test could not fail")
	}
}

// TestStudyWorkers: the number of workers changes no table.
func TestStudyWorkers(t *testing.T) {
	flows := embedded(t)
	a, b := tables(t, smallStudy(t, flows, 1)), tables(t, smallStudy(t, flows, 3))
	for _, name := range Tables {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between 1 and 3 workers", name)
		}
	}
}

// TestStudyShape: the prediction holds one run per kept draw and
// replicate under each regime, every forward run counts something before
// the change, the regime that happened comes first, and the kept draws
// are the closest inside the box.
func TestStudyShape(t *testing.T) {
	st := smallStudy(t, embedded(t), 2)
	cal := st.Calibration
	if len(cal.Points) != 16 || cal.Round1 != 8 || len(cal.Accepted) != 4 {
		t.Fatalf("%d draws (%d in round 1), %d kept; want 16 (8), 4", len(cal.Points), cal.Round1, len(cal.Accepted))
	}
	for i, k := range cal.Accepted {
		if !within(cal.Box, cal.Points[k]) {
			t.Errorf("kept draw %d lies outside the box", k)
		}
		if i > 0 && cal.Distance[k] < cal.Distance[cal.Accepted[i-1]] {
			t.Error("kept draws are not in order of distance")
		}
	}
	for i, pt := range cal.Points {
		if within(cal.Box, pt) && !containsInt(cal.Accepted, i) && cal.Distance[i] < cal.Epsilon {
			t.Errorf("draw %d is inside the box and closer than the tolerance, but not kept", i)
		}
	}
	if st.Prediction.Regimes[0] != "closed" {
		t.Errorf("regimes %v; want the regime that happened first", st.Prediction.Regimes)
	}
	for g, runs := range st.Prediction.Runs {
		if len(runs) != 4 {
			t.Fatalf("regime %d: %d runs; want 4", g, len(runs))
		}
		for _, fw := range runs {
			if sum(fw.Out[:st.Split]) == 0 || sum(fw.In[:st.Split]) == 0 {
				t.Errorf("regime %d, draw %d: nothing counted before the change", g, fw.Draw)
			}
		}
	}
	// Before the change every regime is one point: same draw, same
	// replicate, same counts.
	for k := range st.Prediction.Runs[0] {
		a, b := st.Prediction.Runs[0][k], st.Prediction.Runs[1][k]
		if !reflect.DeepEqual(a.Out[:st.Split], b.Out[:st.Split]) {
			t.Fatalf("run %d: closed and open counted differently before the change", k)
		}
	}
}

func TestApply(t *testing.T) {
	s, err := scenarios.Load("agadez2016")
	if err != nil {
		t.Fatal(err)
	}
	p := Point{1000, 0.5, 182, 0.25, 0.07}
	ps, err := Apply(s, p)
	if err != nil {
		t.Fatal(err)
	}
	if err := ps.Validate(); err != nil {
		t.Fatal(err)
	}
	out, back, _ := roles(s)
	ppa := s.PeoplePerAgent()
	for _, day := range []int{0, 100, 182, 400} {
		o, r := 0.0, 0.0
		for _, i := range out {
			o += ps.File.Origins[i].InflowSchedule[day].Rate
		}
		for _, i := range back {
			r += ps.File.Origins[i].InflowSchedule[day].Rate
		}
		want := 1000 * p.Season(math.Mod(float64(day), 365.25)) / ppa
		if math.Abs(o-want) > 1e-9*want || math.Abs(r-0.25*want) > 1e-9*want {
			t.Errorf("day %d: outbound %.4f, returns %.4f a day; want %.4f and %.4f", day, o, r, want, 0.25*want)
		}
	}
	if got := p.Season(182); got != 1.5 {
		t.Errorf("the season at its peak is %v; want 1 + amplitude", got)
	}
	for _, i := range out {
		if *ps.File.Origins[i].Documented != 0.07 {
			t.Errorf("outbound origin %s: documented %v; want the point's", ps.File.Origins[i].Location, *ps.File.Origins[i].Documented)
		}
	}
	for _, i := range back {
		if *ps.File.Origins[i].Documented != *s.File.Origins[i].Documented {
			t.Errorf("return origin %s: documented changed", ps.File.Origins[i].Location)
		}
	}
	if s.File.Origins[0].Inflow == nil {
		t.Error("Apply changed the scenario it was given")
	}
}

func TestBaseline(t *testing.T) {
	st := &Study{Rows: []Row{
		{First: 0, Last: 6, Direction: Outgoing, Count: 700, Role: Fitted},
		{First: 7, Last: 9, Direction: Outgoing, Count: 900, Role: Fitted},
		{First: 10, Last: 40, Direction: Outgoing, Count: 1e6, Role: Fitted, LowerBound: true},
		{First: 0, Last: 30, Direction: Outgoing, Count: 5, Role: Overlapped},
		{First: 50, Last: 59, Direction: Outgoing, Count: 5, Role: Predicted},
	}}
	if got := st.Baseline(Outgoing); got != 160 {
		t.Errorf("Baseline = %v; want 1,600 people over 10 days of exact counts before the change, 160", got)
	}
	if !math.IsNaN(st.Baseline(Incoming)) {
		t.Error("a baseline without counts is not NaN")
	}
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func sum(v []float64) float64 {
	t := 0.0
	for _, x := range v {
		t += x
	}
	return t
}
