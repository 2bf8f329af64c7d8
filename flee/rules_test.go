package flee

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/sim"
)

// The Flee rule set on the synthetic case: each mechanism the case
// exercises, checked on the agents themselves, day by day.

// history runs cfg and keeps every agent at the end of every day.
func history(t *testing.T, cfg *sim.Config, seed uint64) [][]sim.Migrant {
	t.Helper()
	m, err := sim.New(cfg, seed)
	if err != nil {
		t.Fatal(err)
	}
	var days [][]sim.Migrant
	for !m.Done() {
		m.Step()
		days = append(days, slices.Clone(m.Migrants()))
	}
	return days
}

func tinyConfig(t *testing.T, regime string, sets ...string) (*sim.Config, map[string]int) {
	t.Helper()
	_, s := importTiny(t)
	for _, kv := range sets {
		if err := s.Set(kv); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	cfg, err := s.Config(regime)
	if err != nil {
		t.Fatal(err)
	}
	cfg.RecordLocations = true
	loc := map[string]int{}
	for i, l := range cfg.Region.Locations {
		loc[l.Name] = i
	}
	return cfg, loc
}

// linkBetween is the index of the link joining a and b.
func linkBetween(cfg *sim.Config, a, b int) int {
	for i, l := range cfg.Region.Links {
		if l.From == a && l.To == b || l.From == b && l.To == a {
			return i
		}
	}
	return -1
}

// TestConflictSwitching: agents are spawned only where and while there is
// conflict: at B on days 5-19 and from day 30 on, never on days 20-29.
func TestConflictSwitching(t *testing.T) {
	cfg, loc := tinyConfig(t, "open")
	days := history(t, cfg, 11)
	final := days[len(days)-1]
	born := map[int]int{} // agents spawned at B, by day
	for _, mg := range final {
		if int(mg.Home) == loc["B"] {
			born[int(mg.Born)]++
		}
		if h := int(mg.Home); h != loc["A"] && h != loc["B"] && mg.Born > 0 {
			t.Fatalf("an agent was spawned on day %d at %s, which is never a conflict zone", mg.Born, cfg.Region.Locations[h].Name)
		}
	}
	in := func(from, to int) int {
		n := 0
		for d := from; d < to; d++ {
			n += born[d]
		}
		return n
	}
	if n := in(0, 5) + in(20, 30); n != 0 {
		t.Errorf("%d agents spawned at B while it was not a conflict zone", n)
	}
	if in(5, 20) == 0 || in(30, 60) == 0 {
		t.Errorf("no agents spawned at B during its conflicts: %d on days 5-19, %d from day 30", in(5, 20), in(30, 60))
	}
}

// TestSpawnTotals: the run creates the day-0 populations plus the data's
// daily changes, negative days paid back from later ones.
func TestSpawnTotals(t *testing.T) {
	c, s := importTiny(t)
	cfg, err := s.Config("open")
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(cfg, 3)
	if err != nil {
		t.Fatal(err)
	}
	want, debt := 0, 0
	for _, l := range c.Camps() {
		want += c.Initial(l)
	}
	for d, n := range c.Spawn() {
		n -= debt
		debt = 0
		if n < 0 {
			debt, n = -n, 0
		}
		want += n
		if got := res.Days[d].Created; got != want {
			t.Fatalf("day %d: %d agents created; want %d", d, got, want)
		}
	}
}

// TestClosures: while a closure holds, no agent leaves on a link it
// closes, and an agent on such a link when it closes goes back.
func TestClosures(t *testing.T) {
	cfg, loc := tinyConfig(t, "open")
	days := history(t, cfg, 5)
	closed := map[string]struct {
		from, to int
		links    []int
	}{
		"country Home-Northland": {0, 5, []int{linkBetween(cfg, loc["F"], loc["F-C1 border"]), linkBetween(cfg, loc["F-C1 border"], loc["C1"])}},
		"location T":             {10, 12, []int{linkBetween(cfg, loc["A"], loc["T"]), linkBetween(cfg, loc["B"], loc["T"]), linkBetween(cfg, loc["T"], loc["F"]), linkBetween(cfg, loc["T"], loc["T-C2 border"]), linkBetween(cfg, loc["T-C2 border"], loc["C2"])}},
		"link C2-C3":             {15, 20, []int{linkBetween(cfg, loc["C2"], loc["C3"])}},
		"link T-C2, split":       {40, 45, []int{linkBetween(cfg, loc["T"], loc["T-C2 border"]), linkBetween(cfg, loc["T-C2 border"], loc["C2"])}},
	}
	for name, cl := range closed {
		for d := cl.from; d < cl.to; d++ {
			for id, mg := range days[d] {
				if mg.State != sim.Travelling || !slices.Contains(cl.links, int(mg.Link)) {
					continue
				}
				// On a closed link at the end of a day of the closure: only
				// if it was already there the day before.
				if d == 0 || id >= len(days[d-1]) || days[d-1][id].State != sim.Travelling || days[d-1][id].Link != mg.Link {
					t.Errorf("%s: agent %d set out on closed link %d on day %d", name, id, mg.Link, d)
				}
			}
		}
	}
	// Sent back: on day 10 every link of T closes, on day 40 the T-C2
	// route; agents on the route's halves at the end of the day before are
	// back at T at the end of that day.
	halves := closed["link T-C2, split"].links
	back := 0
	for seed := uint64(1); seed <= 10; seed++ {
		days := history(t, cfg, seed)
		for _, d := range []int{10, 40} {
			for id, mg := range days[d-1] {
				if mg.State != sim.Travelling || !slices.Contains(halves, int(mg.Link)) {
					continue
				}
				if now := days[d][id]; now.State != sim.Waiting || int(now.Loc) != loc["T"] {
					t.Errorf("seed %d: agent %d, on the T-C2 route when it closed on day %d, is %s at %s; want back at T", seed, id, d, now.State, cfg.Region.Locations[now.Loc].Name)
				}
				back++
			}
		}
	}
	if back == 0 {
		t.Error("no agent was on the T-C2 route when it closed: the sent-back rule was not exercised")
	}
}

// TestCampClosure: while C3 is closed it is a town, left at the town's
// move chance; once open, a camp, left at the camp's.
func TestCampClosure(t *testing.T) {
	cfg, loc := tinyConfig(t, "open")
	c3 := loc["C3"]
	var stayed, left [2]int // [closed, open]
	for seed := uint64(1); seed <= 4; seed++ {
		days := history(t, cfg, seed)
		for d := 1; d < len(days); d++ {
			open := 0
			if d >= 30 {
				open = 1
			}
			for id, mg := range days[d-1] {
				if mg.State != sim.Waiting || int(mg.Loc) != c3 {
					continue
				}
				if now := days[d][id]; now.State == sim.Travelling || int(now.Loc) != c3 {
					left[open]++
				} else {
					stayed[open]++
				}
			}
		}
	}
	closedRate := float64(left[0]) / float64(left[0]+stayed[0])
	openRate := float64(left[1]) / float64(left[1]+stayed[1])
	if left[0]+stayed[0] < 20 || left[1]+stayed[1] < 20 {
		t.Fatalf("too few agent-days at C3 to tell: %d closed, %d open", left[0]+stayed[0], left[1]+stayed[1])
	}
	if closedRate < 0.3 || openRate > 0.05 {
		t.Errorf("agents left C3 on %.3f of days while closed (a town: want about 0.5) and %.3f while open (a camp: want about 0.001)", closedRate, openRate)
	}
}

// TestCampCapacity: a camp near capacity stops drawing agents; its
// population stays near its capacity, far below what it reaches without.
func TestCampCapacity(t *testing.T) {
	peak := func(sets ...string) int {
		cfg, loc := tinyConfig(t, "open", sets...)
		res, err := sim.Run(cfg, 2)
		if err != nil {
			t.Fatal(err)
		}
		n, most := len(cfg.Region.Locations), 0
		for d := range res.Days {
			most = max(most, res.Locations[d*n+loc["C1"]].Waiting)
		}
		return most
	}
	limited := peak("locations.C1.capacity=60")
	unlimited := peak("locations.C1.capacity=0")
	if limited > 72 || unlimited < 120 {
		t.Errorf("C1 peaks at %d with capacity 60 (want at most 72) and %d without a capacity (want at least 120)", limited, unlimited)
	}
}

// TestRegimesAtBorders: under the closed regime the posts turn every
// undocumented agent back unless it buys passage from an official, and
// those turned back wait at the border, trapped after a while; documented
// agents pass. Under the open regime no one is refused or held up.
func TestRegimesAtBorders(t *testing.T) {
	c, s := importTiny(t)
	for _, regime := range []string{"open", "closed", "closed-documented"} {
		name := regime
		if regime == "closed-documented" {
			_, s = importTiny(t)
			if err := s.Set("flee.documented=1"); err != nil {
				t.Fatal(err)
			}
			name = "closed"
		}
		cfg, err := s.Config(name)
		if err != nil {
			t.Fatal(err)
		}
		cfg.RecordLocations = true
		res, err := sim.Run(cfg, 4)
		if err != nil {
			t.Fatal(err)
		}
		f := res.Final()
		n := len(cfg.Region.Locations)
		inCamps := 0
		for _, l := range c.Camps() {
			inCamps += res.Locations[(len(res.Days)-1)*n+l].Waiting
		}
		initial := 0
		for _, l := range c.Camps() {
			initial += c.Initial(l)
		}
		switch regime {
		case "open":
			if f.Refused != 0 || f.Admitted == 0 || inCamps <= initial || f.TrappedPersonDays != 0 || f.PostArrivals != 0 {
				t.Errorf("open: %d refused, %d admitted, %d in camps, %d trapped person-days, %d held up; want none refused, some admitted, more than the %d of day 0, none trapped or held up",
					f.Refused, f.Admitted, inCamps, f.TrappedPersonDays, f.PostArrivals, initial)
			}
		case "closed":
			// Agents hold no documents: only a bribe gets one through.
			if f.Admitted != f.Bribed || f.Refused == 0 || f.Bribed > f.Refused/2 || f.TrappedPersonDays == 0 {
				t.Errorf("closed: %d admitted, %d of them by bribe, %d refused, %d trapped person-days; want every admission bought, most agents refused, some trapped",
					f.Admitted, f.Bribed, f.Refused, f.TrappedPersonDays)
			}
		case "closed-documented":
			if f.Refused != 0 || f.Bribed != 0 || f.Admitted == 0 || f.TrappedPersonDays != 0 {
				t.Errorf("closed, every agent documented: %d refused, %d bribed, %d admitted, %d trapped person-days; want none refused, bribed or trapped, some admitted",
					f.Refused, f.Bribed, f.Admitted, f.TrappedPersonDays)
			}
		}
	}
}

// TestDeterminism: a seed gives the same run, and Validate gives the same
// errors whatever the number of workers.
func TestDeterminism(t *testing.T) {
	cfg, _ := tinyConfig(t, "malfunctioning")
	a, err := sim.Run(cfg, 9)
	if err != nil {
		t.Fatal(err)
	}
	b, err := sim.Run(cfg, 9)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Error("two runs with seed 9 differ")
	}
	c, s := importTiny(t)
	var runs []*Validation
	for _, workers := range []int{1, 3} {
		v, err := Validate(context.Background(), s, c, ValidateOptions{Replicates: 5, Seed: 21, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		runs = append(runs, v)
	}
	if !reflect.DeepEqual(runs[0].RunErrors, runs[1].RunErrors) || !reflect.DeepEqual(runs[0].Simulated, runs[1].Simulated) {
		t.Error("Validate with 1 and 3 workers differ")
	}
}

// TestValidateScenarioMismatch: a scenario without the case's camps is
// bad input, named.
func TestValidateScenarioMismatch(t *testing.T) {
	c := readTiny(t)
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Validate(context.Background(), s, c, ValidateOptions{Replicates: 1})
	if err == nil || err.Error() != `bundled:classroom: locations: no location "C1", a camp of the Flee case testdata/tiny` && err.Error() != `classroom: locations: no location "C1", a camp of the Flee case testdata/tiny` {
		t.Errorf("Validate(classroom, tiny) = %v", err)
	}
	// A scenario of another place that gives a start date was told to
	// take the case's start date, not that its camps are not the case's.
	s, err = scenarios.Load("mali2012")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Validate(context.Background(), s, c, ValidateOptions{Replicates: 1})
	if err == nil || !strings.HasSuffix(err.Error(), `locations: no location "C1", a camp of the Flee case testdata/tiny`) {
		t.Errorf("Validate(mali2012, tiny) = %v", err)
	}
}

// TestValidateStartDateMismatch: a scenario imported from a case records
// its start date, and a case whose sim_period.csv now starts elsewhere is
// refused, naming the scenario's start key and line, rather than compared
// with observations of other dates. Without a start date (a scenario
// written by hand) the case's dates are taken.
func TestValidateStartDateMismatch(t *testing.T) {
	c, s := importTiny(t)
	if s.File.Start != c.Start.Format("2006-01-02") {
		t.Fatalf("imported start = %q, want the case's %s", s.File.Start, c.Start.Format("2006-01-02"))
	}
	if _, err := Validate(context.Background(), s, c, ValidateOptions{Replicates: 1}); err != nil {
		t.Fatalf("same start: %v", err)
	}
	moved := *c
	moved.Start = c.Start.AddDate(1, 0, 0)
	_, err := Validate(context.Background(), s, &moved, ValidateOptions{Replicates: 1})
	if err == nil || !errors.Is(err, scenarios.ErrInvalid) ||
		!strings.Contains(err.Error(), "tiny.toml:") || !strings.Contains(err.Error(), ": start: day 0 is "+s.File.Start) ||
		!strings.Contains(err.Error(), "starts on "+moved.Start.Format("2006-01-02")) {
		t.Errorf("Validate with the case a year later = %v", err)
	}
	s.File.Start = ""
	v, err := Validate(context.Background(), s, &moved, ValidateOptions{Replicates: 1})
	if err != nil {
		t.Fatalf("no start in the scenario: %v", err)
	}
	if v.Start != moved.Start.Format("2006-01-02") {
		t.Errorf("Start = %s, want the case's %s", v.Start, moved.Start.Format("2006-01-02"))
	}
}

// TestValidateOtherData: a scenario is compared only with the data it was
// made from. The same case with its registration corrections gone (the
// auditor's case: every camp's day-0 count changed, and validate reported
// another error without a word), or with a camp's day-0 count edited in
// the scenario, is refused, naming the key, the day or camp and both
// values.
func TestValidateOtherData(t *testing.T) {
	c, s := importTiny(t)
	if _, err := Validate(context.Background(), s, c, ValidateOptions{Replicates: 1}); err != nil {
		t.Fatalf("the case it was imported from: %v", err)
	}
	dir := copyTiny(t)
	if err := os.Remove(filepath.Join(dir, "input_csv", "registration_corrections.csv")); err != nil {
		t.Fatal(err)
	}
	other, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Validate(context.Background(), s, other, ValidateOptions{Replicates: 1})
	if err == nil || !errors.Is(err, scenarios.ErrInvalid) || !strings.Contains(err.Error(), ": flee.spawn: day ") ||
		!strings.Contains(err.Error(), "registrations give") || !strings.Contains(err.Error(), "import flee "+dir) {
		t.Errorf("Validate against the case without its corrections = %v; want flee.spawn refused, naming the day and both counts", err)
	}

	c, s = importTiny(t)
	i := slices.IndexFunc(s.File.Locations, func(l scenarios.LocationSpec) bool { return l.Name == "C1" })
	if i < 0 || s.File.Locations[i].Initial == nil {
		t.Fatal("the imported tiny case has no initial agents at C1")
	}
	was := *s.File.Locations[i].Initial
	more := was + 7
	s.File.Locations[i].Initial = &more
	_, err = Validate(context.Background(), s, c, ValidateOptions{Replicates: 1})
	if want := fmt.Sprintf("C1 starts with %d agents, but the Flee case testdata/tiny registers %d there on day 0", more, was); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Validate with C1's initial agents edited = %v; want %q", err, want)
	}
}

// TestValidateNoCamps: a case whose locations.csv has no camp has nothing
// to compare, and is refused naming the file and location_type. Its
// errors were all 0, reported as a perfect fit. It may still be imported,
// to be run.
func TestValidateNoCamps(t *testing.T) {
	dir := copyTiny(t)
	path := filepath.Join(dir, "input_csv", "locations.csv")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(strings.ReplaceAll(string(data), ",camp,", ",town,")), 0o644); err != nil {
		t.Fatal(err)
	}
	// Its closures close a camp, which a town is not.
	if err := os.Remove(filepath.Join(dir, "input_csv", "closures.csv")); err != nil {
		t.Fatal(err)
	}
	c, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	toml, err := Import(c, ImportOptions{})
	if err != nil {
		t.Fatalf("import of a case without camps: %v", err)
	}
	s, err := scenarios.Parse(toml, "tiny.toml", "import:tiny", os.DirFS("."))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Validate(context.Background(), s, c, ValidateOptions{Replicates: 1})
	if want := path + ": location_type: no location is a camp: "; err == nil || !errors.Is(err, scenarios.ErrInvalid) || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("Validate of a case without camps = %v; want an invalid-input error starting %q", err, want)
	}
}
