package scenarios

import (
	"errors"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/borderwork/borderwork/sim"
)

// Fuzz targets of the scenario reader. Their seed corpora are in
// testdata/fuzz; `go test -fuzz FuzzParse ./scenarios` explores further,
// and .ci/run does so briefly. The property: no panic and no hang; either
// an error of the documented kind (wrapping ErrInvalid, on one line) or a
// valid scenario that encodes, reads back, and runs a few days with every
// migrant in exactly one state.

// checkInvalid fails unless err is a one-line invalid-scenario error.
func checkInvalid(t *testing.T, err error) {
	t.Helper()
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("error %q does not wrap ErrInvalid", err)
	}
	if strings.ContainsAny(err.Error(), "\n\r") {
		t.Fatalf("error is more than one line: %q", err)
	}
}

// runBriefly runs every regime of a valid scenario for a few days, if it
// is small enough to run quickly, and checks conservation.
func runBriefly(t *testing.T, s *Scenario) {
	t.Helper()
	if n := s.ExpectedMigrants(); n > 2000 || len(s.File.Locations) > 100 {
		return
	}
	for _, regime := range s.RegimeNames() {
		cfg, err := s.Config(regime)
		if err != nil {
			t.Fatalf("Config(%q) of a valid scenario: %v", regime, err)
		}
		cfg.Days = min(cfg.Days, 5)
		res, err := sim.Run(cfg, 1)
		if err != nil {
			t.Fatalf("running %q of a valid scenario: %v", regime, err)
		}
		for _, r := range res.Days {
			total := 0
			for _, n := range r.States {
				total += n
			}
			if total != r.Created {
				t.Fatalf("%s day %d: %d migrants in states, %d created", regime, r.Day, total, r.Created)
			}
		}
	}
}

// roundTrip checks that a valid scenario encodes to a file that reads back
// valid and encodes to the same bytes.
func roundTrip(t *testing.T, s *Scenario) {
	t.Helper()
	enc, err := s.Encode()
	if err != nil {
		t.Fatalf("Encode of a valid scenario: %v", err)
	}
	back, err := Parse(enc, "resolved.toml", "resolved.toml", fstest.MapFS{})
	if err != nil {
		t.Fatalf("the resolved scenario does not read back: %v\n%s", err, enc)
	}
	if err := back.Validate(); err != nil {
		t.Fatalf("the resolved scenario is not valid: %v\n%s", err, enc)
	}
	again, err := back.Encode()
	if err != nil || string(again) != string(enc) {
		t.Fatalf("the resolved scenario encodes differently when read back: %v", err)
	}
}

func seedFiles(f *testing.F) {
	for _, name := range Names() {
		data, _ := Bundled(name)
		f.Add(data)
	}
	tiny, err := os.ReadFile("testdata/tiny.toml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(tiny)
}

func FuzzParse(f *testing.F) {
	seedFiles(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse(data, "fuzz.toml", "fuzz.toml", fstest.MapFS{})
		if err != nil {
			checkInvalid(t, err)
			return
		}
		if err := s.Validate(); err != nil {
			checkInvalid(t, err)
			return
		}
		roundTrip(t, s)
		runBriefly(t, s)
	})
}

func FuzzSet(f *testing.F) {
	for _, kv := range []string{
		"days=90", "posts.Gate.capacity=35.5", "regimes.malfunctioning.outage_start=0.2", "regimes.mine.base=hbm",
		"default_regimes=open,closed", `title="A what-if"`, "regimes.x={base = \"closed\", patrol = 0.3}",
		"title=\"a\"\n[regimes.x]\npatrol = 1", "origins.Home.inflow_schedule=[{from=0, rate=5}]", "links.2.hazard=1e-3",
		"migrants.trapped_after_days=0", "posts.0.admission=nobody", "name=", "regimes.Closed.patrol=1",
	} {
		f.Add(kv)
	}
	tiny, err := os.ReadFile("testdata/tiny.toml")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, kv string) {
		s, err := Parse(tiny, "tiny.toml", "tiny.toml", fstest.MapFS{})
		if err != nil {
			t.Fatal(err)
		}
		before, _ := s.Encode()
		if err := s.Set(kv); err != nil {
			checkInvalid(t, err)
			if after, _ := s.Encode(); string(after) != string(before) {
				t.Fatalf("Set(%q) failed but changed the scenario", kv)
			}
			return
		}
		if err := s.Validate(); err != nil {
			checkInvalid(t, err)
			return
		}
		roundTrip(t, s)
		runBriefly(t, s)
	})
}

// FuzzInflowCSV: testdata/tiny.toml with its origin's inflow read from a
// file (inflow_csv) of any content loads, or is refused with an error of
// the documented kind naming the origin's inflow_csv and the file; never
// a panic. A schedule read is in increasing order of day, its rates
// finite and not negative, and the scenario encodes, reads back and runs.
func FuzzInflowCSV(f *testing.F) {
	for _, s := range []string{"day,rate\n0,10\n30,0\n", "\uFEFFDay,Rate\r\n0,10\r\n30,0,,\r\n,,\r\n", "day;rate\n0;12,5\n", "0,1e300\n", ""} {
		f.Add([]byte(s))
	}
	tiny, err := os.ReadFile("testdata/tiny.toml")
	if err != nil {
		f.Fatal(err)
	}
	data := strings.Replace(string(tiny), `inflow_schedule = [{from = 0, rate = 10}, {from = 30, rate = 0}]`, `inflow_csv = "flows.csv"`, 1)
	if data == string(tiny) {
		f.Fatal("testdata/tiny.toml has no inflow_schedule to replace")
	}
	f.Fuzz(func(t *testing.T, csv []byte) {
		s, err := Parse([]byte(data), "s.toml", "s.toml", fstest.MapFS{"flows.csv": {Data: csv}})
		if err == nil {
			err = s.Validate()
		}
		if err != nil {
			checkInvalid(t, err)
			if strings.Contains(err.Error(), "inflow_csv") && !strings.Contains(err.Error(), "flows.csv") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		sched := s.File.Origins[0].InflowSchedule
		for i, st := range sched {
			if (i > 0 && st.From <= sched[i-1].From) || !(st.Rate >= 0) || st.Rate > 1e308 {
				t.Fatalf("schedule read: %v", sched)
			}
		}
		roundTrip(t, s)
		runBriefly(t, s)
	})
}
