package dtm

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/borderwork/borderwork/data"
	"github.com/borderwork/borderwork/scenarios"
)

var start2016 = date("2016-01-01")

// TestObserveEmbedded: on the bundled DTM series, every row the
// calibration fits ends before the change, every row it scores starts
// after it, and no day is counted twice in a direction and role.
func TestObserveEmbedded(t *testing.T) {
	flows, err := data.Flows()
	if err != nil {
		t.Fatal(err)
	}
	const split = 213 // 1 August 2016
	rows, err := Observe(flows, start2016, 731, split, NigerExclusions())
	if err != nil {
		t.Fatal(err)
	}
	count := map[Role]int{}
	for i, r := range rows {
		count[r.Role]++
		switch r.Role {
		case Fitted:
			if r.Last >= split {
				t.Errorf("fitted row %s ends on day %d, after the change", r.Label(), r.Last)
			}
		case Predicted:
			if r.First < split {
				t.Errorf("predicted row %s starts on day %d, before the change", r.Label(), r.First)
			}
		case Straddling:
			if r.First >= split || r.Last < split {
				t.Errorf("row %s does not span the change", r.Label())
			}
		}
		for _, o := range rows[i+1:] {
			if (r.Role == Fitted || r.Role == Predicted) && o.Role == r.Role && o.Direction == r.Direction && o.First <= r.Last && r.First <= o.Last {
				t.Errorf("%s rows %s and %s (%s) overlap", r.Role, r.Label(), o.Label(), r.Direction)
			}
		}
	}
	// What the data hold (data/dtm-niger/README.md): 10 weekly rows, three
	// derived May rows and 24 May-30 June tile 1 February-30 June outgoing,
	// and July's lower bound; incoming to 23 May.
	want := map[Role]int{Fitted: 30, Predicted: 18, Straddling: 1, Excluded: 1, Overlapped: 5}
	for role, n := range want {
		if count[role] != n {
			t.Errorf("%d %s rows; want %d", count[role], role, n)
		}
	}
}

func flow(start, end string, out, in int) data.Flow {
	f := data.Flow{Start: date(start), End: date(end), Point: "total", SourceURL: "https://example.org", Source: "test"}
	if out >= 0 {
		f.Outgoing = data.Count{N: out, Known: true}
	}
	if in >= 0 {
		f.Incoming = data.Count{N: in, Known: true}
	}
	return f
}

func TestObserveRoles(t *testing.T) {
	flows := []data.Flow{
		flow("2016-02-01", "2016-02-29", 400, -1),  // a month, containing the weeks: overlapped
		flow("2016-02-01", "2016-02-07", 100, 50),  // a week
		flow("2016-02-08", "2016-02-14", 100, -1),  // a week
		flow("2016-07-15", "2016-08-15", 900, -1),  // spans the change
		flow("2016-09-01", "2016-09-30", 300, 200), // after
		flow("2015-12-01", "2015-12-31", 5, 5),     // before the run: left out
		flow("2018-01-01", "2018-01-31", 5, 5),     // after the run: left out
	}
	flows[0].Note = "lower bound: more than"
	rows, err := Observe(flows, start2016, 731, 213, []Exclusion{{Start: date("2016-09-01"), End: date("2016-09-30"), Direction: Incoming, Why: "test"}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, r.Label()+" "+r.Direction.String()+" "+r.Role.String())
	}
	want := []string{
		"2016-02-01..2016-02-07 outgoing fitted",
		"2016-02-01..2016-02-07 incoming fitted",
		"2016-02 outgoing overlapped",
		"2016-02-08..2016-02-14 outgoing fitted",
		"2016-07-15..2016-08-15 outgoing straddling",
		"2016-09 outgoing predicted",
		"2016-09 incoming excluded",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Observe:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !rows[2].LowerBound {
		t.Error("the row whose note says lower bound is not one")
	}
	for i := range flows {
		flows[i].File = "flows.csv"
	}
	_, err = Observe(flows[5:], start2016, 731, 213, nil)
	if want := "flows.csv: no row lies wholly within the run's 731 days from 2016-01-01 (the scenario's start and days; --days sets the days); the rows for point total run from 2015-12-01 to 2018-01-31"; err == nil || err.Error() != want || !errors.Is(err, data.ErrInvalid) {
		t.Errorf("Observe with no row inside the run = %v\nwant %s, wrapping data.ErrInvalid", err, want)
	}
}

func TestRowLabel(t *testing.T) {
	r := Row{Start: date("2016-02-01"), End: date("2016-02-29")}
	if r.Label() != "2016-02" {
		t.Errorf("Label() = %q", r.Label())
	}
	r.End = date("2016-02-28")
	if r.Label() != "2016-02-01..2016-02-28" {
		t.Errorf("Label() = %q", r.Label())
	}
	if d := dayOf(start2016, time.Date(2016, 8, 1, 0, 0, 0, 0, time.UTC)); d != 213 {
		t.Errorf("1 August 2016 is day %d; want 213 (2016 is a leap year)", d)
	}
}

// TestRunNeedsRowsOnBothSides: flow counts of which none lies wholly
// before the change (nothing to calibrate on), or none but lower bounds
// after it (nothing to score: the scores were NaN, status 0), are
// refused before anything runs, naming the file, as bad data.
func TestRunNeedsRowsOnBothSides(t *testing.T) {
	s, err := scenarios.Load("agadez2016")
	if err != nil {
		t.Fatal(err)
	}
	before, after := flow("2016-02-01", "2016-02-29", 400, -1), flow("2016-09-01", "2016-09-30", 300, 200)
	bound := after
	bound.Note = "lower bound: more than"
	for _, c := range []struct {
		name  string
		flows []data.Flow
		want  string
	}{
		{"none before", []data.Flow{after}, "flows.csv: no row for point total lies wholly before the change on 2016-08-01 within the run, to calibrate on"},
		{"none after", []data.Flow{before}, "flows.csv: no row for point total, other than a lower bound, lies wholly from the change on 2016-08-01 to the run's end, to score the prediction on"},
		{"a lower bound after", []data.Flow{before, bound}, "other than a lower bound"},
	} {
		for i := range c.flows {
			c.flows[i].File = "flows.csv"
		}
		// A cancelled context: a run started would end at once, and say so.
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := Run(ctx, s, c.flows, Options{Draws: 4, Accept: 2, Replicates: 1, Workers: 1})
		if err == nil || !strings.Contains(err.Error(), c.want) || !errors.Is(err, data.ErrInvalid) {
			t.Errorf("%s: Run = %v; want bad data saying %q", c.name, err, c.want)
		}
	}
}

// TestLowerBoundNote: a row whose note starts with "lower bound", in any
// case and after spaces, is a lower bound; "Lower bound: ..." typed by
// hand was fitted as an exact count.
func TestLowerBoundNote(t *testing.T) {
	for _, tt := range []struct {
		note string
		want bool
	}{
		{`lower bound: the source says "more than 48,000"`, true},
		{"Lower bound: more than 20,000", true},
		{"LOWER BOUND", true},
		{"  lower bound, secondary source", true},
		{"month as stated", false},
		{"derived: not a lower bound", false},
		{"", false},
	} {
		if got := lowerBound(data.Flow{Note: tt.note}); got != tt.want {
			t.Errorf("lowerBound(note %q) = %v; want %v", tt.note, got, tt.want)
		}
	}
}
