package runs

import (
	"errors"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// TestPrepareWorkers: building points on several workers prepares the
// same plan as building them one by one (configurations, estimate,
// regimes reused) and stops at the same first error.
func TestPrepareWorkers(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	plan := func(workers int, bad ...int) *Plan {
		var points [][]float64
		for i := range 41 {
			v := 0.005 * float64(i)
			for j, b := range bad {
				if i == b {
					v = float64(2 + j) // not a probability, and told apart
				}
			}
			points = append(points, []float64{v})
		}
		return &Plan{Command: "sweep", Scenario: s, Regimes: []string{"open", "malfunctioning"}, Reps: 2,
			Keys: []string{"regimes.malfunctioning.outage_start"}, Points: points, PrepareWorkers: workers}
	}
	one, err := plan(1).Prepare()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{2, 3, 8} {
		x, err := plan(w).Prepare()
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(x.configs, one.configs) || !reflect.DeepEqual(x.reuse, one.reuse) || !reflect.DeepEqual(x.need, one.need) {
			t.Errorf("%d workers prepared another plan than one", w)
		}
	}
	if got := one.Reused(); !reflect.DeepEqual(got, []string{"open"}) {
		t.Errorf("reused %v; want open: the test compares too little", got)
	}
	_, want := plan(1, 29, 35).Prepare()
	if want == nil || !strings.Contains(want.Error(), "outage_start=2") {
		t.Fatalf("%v; want an error for the first point outside the valid range", want)
	}
	for _, w := range []int{2, 3, 8} {
		if _, err := plan(w, 29, 35).Prepare(); err == nil || err.Error() != want.Error() {
			t.Errorf("%d workers: %v; want the first point's error, %v", w, err, want)
		}
	}
}

// TestWorkCountsReusedOnce: the agent-steps --max-work is held to count a
// regime that no varied key changes once per replicate, as it is
// simulated (run once and reused at every point), not at every point as
// they did: a sweep of open and malfunctioning over malfunctioning's
// outage rate is expected to simulate malfunctioning's sweep plus one
// point of open. A shard holding half the runs may need every replicate
// of open, and counts them.
func TestWorkCountsReusedOnce(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	var points [][]float64
	for i := range 5 {
		points = append(points, []float64{0.01 * float64(i)})
	}
	prepare := func(regimes []string, points [][]float64) *Prepared {
		x, err := (&Plan{Command: "sweep", Scenario: s, Regimes: regimes, Reps: 2,
			Keys: []string{"regimes.malfunctioning.outage_start"}, Points: points}).Prepare()
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	both := prepare([]string{"open", "malfunctioning"}, points)
	if got := both.Reused(); !reflect.DeepEqual(got, []string{"open"}) {
		t.Fatalf("reused %v; want open", got)
	}
	malfunctioning := prepare([]string{"malfunctioning"}, points).work(5 * 2)
	open := prepare([]string{"open"}, points[:1]).work(2)
	if got, want := both.work(both.NRuns()), malfunctioning+open; math.Abs(got-want) > 1e-9*want {
		t.Errorf("work of the sweep = %.6g; want malfunctioning's %.6g + open's at one point %.6g = %.6g", got, malfunctioning, open, want)
	}
	if got, want := both.work(both.NRuns()/2), malfunctioning/2+open; math.Abs(got-want) > 1e-9*want {
		t.Errorf("work of half the runs = %.6g; want half of malfunctioning's %.6g + every replicate of open %.6g", got, malfunctioning/2, open)
	}
}

// TestReusedResultsCountAgainstTheMemoryLimit: the results a sweep holds
// for the regimes it reuses count against --max-memory. The smallest
// limit at which the sweep would fit without them refuses it with them,
// naming the regimes, and fits once raised by what they hold.
func TestReusedResultsCountAgainstTheMemoryLimit(t *testing.T) {
	x := outageSweep(t)
	if !slices.Equal(x.Reused(), []string{"open"}) {
		t.Fatalf("Reused = %v, want [open]", x.Reused())
	}
	held := x.heldFor(1)
	noReuse := *x
	noReuse.reuse = nil
	fits := func(x *Prepared, mem int64) error {
		_, err := x.Fit(Limits{Memory: mem}, x.NRuns(), 1)
		return err
	}
	lo, hi := int64(1), int64(1<<40) // the smallest limit noReuse fits in
	for lo < hi {
		if mid := lo + (hi-lo)/2; fits(&noReuse, mid) == nil {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	err := fits(x, lo)
	if err == nil || !errors.Is(err, ErrBadInput) || !strings.Contains(err.Error(), "results of open") {
		t.Errorf("at %d bytes, enough without reuse: %v; want a refusal naming open", lo, err)
	}
	if err := fits(x, lo+held); err != nil {
		t.Errorf("at %d bytes, room for the %d bytes held: %v", lo+held, held, err)
	}
}

// TestFormatRuns: counts of runs and points in messages are whole numbers
// (FormatCount writes one decimal below 100).
func TestFormatRuns(t *testing.T) {
	for _, tc := range []struct {
		n    float64
		want string
	}{
		{2, "2"}, {16, "16"}, {99, "99"}, {100, "100"}, {12345, "12,345"}, {1e16, "1e+16"},
	} {
		if got := FormatRuns(tc.n); got != tc.want {
			t.Errorf("FormatRuns(%v) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

// outageSweep is a prepared sweep of the small test scenario's open and
// malfunctioning over malfunctioning's outage rate, in which open is
// reused at both points.
func outageSweep(t *testing.T) *Prepared {
	t.Helper()
	s, err := scenarios.Load("../../cmd/borderwork/testdata/small.toml")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Replicates, s.File.Days = 40, 200
	x, err := (&Plan{Command: "sweep", Scenario: s, Regimes: []string{"open", "malfunctioning"}, Reps: 40,
		Keys: []string{"regimes.malfunctioning.outage_start"}, Points: [][]float64{{0.05}, {0.2}}}).Prepare()
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// TestRecentConfigs: a plan too large to build every configuration in
// advance keeps those it built last: a run at a point and regime just
// built gets the same configuration, which is the one the small plan's
// cache holds, and the oldest are dropped past recentLimit.
func TestRecentConfigs(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	var points [][]float64
	for i := range cacheLimit/2 + 1 {
		points = append(points, []float64{0.02 * float64(i) / cacheLimit})
	}
	p := &Plan{Command: "sweep", Scenario: s, Regimes: []string{"open", "malfunctioning"}, Reps: 2,
		Keys: []string{"regimes.malfunctioning.outage_start"}, Points: points}
	x, err := p.Prepare()
	if err != nil {
		t.Fatal(err)
	}
	if x.configs != nil || x.recent == nil {
		t.Fatalf("%d point × regime configurations were built in advance; want none, the test's plan too small", len(points)*2)
	}
	small := *p
	small.Points = points[7:8]
	y, err := small.Prepare()
	if err != nil {
		t.Fatal(err)
	}
	a, err := x.Config(7, 1)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := x.Config(7, 1); b != a {
		t.Error("the same point and regime built twice in a row")
	}
	if want, _ := y.Config(0, 1); !reflect.DeepEqual(a, want) {
		t.Error("the configuration kept differs from the one built in advance")
	}
	for i := range recentLimit {
		if _, err := x.Config(100+i, 0); err != nil {
			t.Fatal(err)
		}
	}
	if len(x.recent.byKey) != recentLimit {
		t.Errorf("%d configurations kept; want %d", len(x.recent.byKey), recentLimit)
	}
	if c, _ := x.Config(7, 1); c == a || !reflect.DeepEqual(c, a) {
		t.Error("the oldest configuration was kept past recentLimit, or built again otherwise")
	}
}

// TestRenumbered: the rows of a plan numbered replicate by replicate,
// renumbered point by point, are the rows of each run of the same plan
// numbered point by point: the same run (regime, replicate, seed, point)
// under the number that plan gives it, in its order.
func TestRenumbered(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	plan := func(o Order) *Prepared {
		x, err := (&Plan{Command: "sweep", Scenario: s, Regimes: []string{"open", "closed", "hbm"}, Reps: 4,
			Keys: []string{"regimes.malfunctioning.outage_start"}, Points: [][]float64{{0.05}, {0.1}}, Order: o}).Prepare()
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	byRep, byPoint := plan(ReplicateMajor), plan(PointMajor)
	rows := make([]output.SummaryRow, byRep.NRuns())
	for k := range rows {
		// A total telling every run apart: its regime, replicate and point.
		r := byRep.Run(k)
		rows[k] = output.SummaryRow{Run: r, Totals: []float64{float64(slices.Index(byRep.Regimes, r.Regime)), float64(r.Replicate), r.Params[0]}}
	}
	got := byRep.Renumbered(PointMajor, rows)
	if len(got) != byPoint.NRuns() {
		t.Fatalf("%d rows renumbered; want %d", len(got), byPoint.NRuns())
	}
	for k, row := range got {
		want := byPoint.Run(k)
		if !reflect.DeepEqual(row.Run, want) || row.Totals[0] != float64(slices.Index(byPoint.Regimes, want.Regime)) || row.Totals[1] != float64(want.Replicate) || row.Totals[2] != want.Params[0] {
			t.Errorf("row %d: %+v; want the run %+v", k, row, want)
		}
	}
	// Back again, the rows as they were.
	if back := byPoint.Renumbered(ReplicateMajor, got); !reflect.DeepEqual(back, rows) {
		t.Errorf("renumbered back, the rows differ from those renumbered")
	}
}
