package dtm

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/borderwork/borderwork/data"
)

// Direction is which way a count goes: out of the country or into it.
type Direction int

// The directions, as the data name them.
const (
	Outgoing Direction = iota
	Incoming
	NumDirections
)

func (d Direction) String() string {
	if d < 0 || d >= NumDirections {
		return "both"
	}
	return [...]string{"outgoing", "incoming"}[d]
}

// Role is what a row is used for.
type Role int

// The roles of a row.
const (
	Fitted     Role = iota // before the change: the calibration's
	Predicted              // after the change: predicted and scored
	Straddling             // spans the change: shown, not fitted or scored
	Excluded               // left out, for the reason given
	Overlapped             // a finer row of the same direction covers part of its days
)

func (r Role) String() string {
	return [...]string{"fitted", "predicted", "straddling", "excluded", "overlapped"}[r]
}

// Row is one observed count: the people a source counted at both points
// together, in one direction, over days [First, Last] of the run.
type Row struct {
	Start, End  time.Time // inclusive dates
	First, Last int       // the same, as days of the run
	Direction   Direction
	Count       float64
	LowerBound  bool // the source says "more than" Count
	Role        Role
	Why         string // for Excluded and Overlapped rows, and for a lower bound
	Source      string // the address of the report
	Line        int    // in the data file
}

// Days is the row's length in days.
func (r Row) Days() int { return r.Last - r.First + 1 }

// Label names the row's period for tables: "2016-09" for a calendar
// month, "2016-05-03..2016-05-09" otherwise.
func (r Row) Label() string {
	if r.Start.Day() == 1 && r.End.Equal(r.Start.AddDate(0, 1, -1)) {
		return r.Start.Format("2006-01")
	}
	return r.Start.Format(time.DateOnly) + ".." + r.End.Format(time.DateOnly)
}

// Exclusion leaves the row of one period and direction out of the fit
// and the scores, for a reason that says what the model cannot represent.
type Exclusion struct {
	Start, End time.Time
	Direction  Direction
	Why        string
}

// NigerExclusions are the exclusions the comparison with
// data/dtm-niger makes: in February 2017, 25,458 of the 27,239 people
// counted as incoming were leaving the Djado gold field after the
// government closed it (data/dtm-niger/README.md), a movement inside
// Niger that the scenario does not have.
func NigerExclusions() []Exclusion {
	return []Exclusion{{
		Start: date("2017-02-01"), End: date("2017-02-28"), Direction: Incoming,
		Why: "25,458 of the 27,239 counted were leaving the Djado gold field after its closure, a movement inside Niger the scenario does not have",
	}}
}

func date(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// lowerBound reports whether a flow's note marks its count as a lower
// bound ("lower bound: the source says more than ..."), in any case and
// after any spaces: a row added by hand as "Lower bound: ..." (or
// capitalised by a spreadsheet) was fitted as an exact count.
func lowerBound(f data.Flow) bool {
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(f.Note)), "lower bound")
}

// Observe turns the data's rows for both points together ("total") into
// Rows over a run of days days from start, and gives each its role:
//
//   - rows wholly before day split are calibration rows and rows wholly
//     from split on prediction rows, where they lie inside the run;
//   - where rows of one direction and role overlap (a week inside a
//     month inside five months: separate statements of different reports),
//     the finest are kept, shortest first, earliest first on ties, and a
//     row that overlaps one kept is marked Overlapped, so that no day is
//     counted twice;
//   - rows that span day split are kept for display only (Straddling);
//   - rows matching an exclusion are Excluded, with its reason.
//
// Rows for one point alone (the data give almost none) are not compared:
// the scenario's points are compared together, as the data count them.
func Observe(flows []data.Flow, start time.Time, days, split int, exclude []Exclusion) ([]Row, error) {
	var rows []Row
	for _, f := range flows {
		if f.Point != "total" {
			continue
		}
		first := dayOf(start, f.Start)
		last := dayOf(start, f.End)
		if first < 0 || last >= days {
			continue // outside the run
		}
		for d, c := range []data.Count{f.Outgoing, f.Incoming} {
			if !c.Known {
				continue
			}
			r := Row{Start: f.Start, End: f.End, First: first, Last: last, Direction: Direction(d), Count: float64(c.N),
				LowerBound: lowerBound(f), Source: f.SourceURL, Line: f.Line}
			switch {
			case last < split:
				r.Role = Fitted
			case first >= split:
				r.Role = Predicted
			default:
				r.Role = Straddling
			}
			if r.LowerBound {
				r.Why = "a lower bound: the source says more than this"
			}
			for _, x := range exclude {
				if x.Direction == r.Direction && x.Start.Equal(r.Start) && x.End.Equal(r.End) {
					r.Role, r.Why = Excluded, x.Why
				}
			}
			rows = append(rows, r)
		}
	}
	if len(rows) == 0 {
		return nil, noRows(flows, start, days)
	}
	keepFinest(rows)
	slices.SortStableFunc(rows, func(a, b Row) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		if c := a.End.Compare(b.End); c != 0 {
			return c
		}
		return int(a.Direction - b.Direction)
	})
	return rows, nil
}

// noRows is the error for flows of which no row lies within the run: bad
// input (wrapping data.ErrInvalid), naming the file and what the run
// would need to cover.
// outsideRun counts the flows for point total that Observe leaves out
// for lying, in part or whole, outside a run of days days from start.
func outsideRun(flows []data.Flow, start time.Time, days int) int {
	n := 0
	for _, f := range flows {
		if f.Point == "total" && (dayOf(start, f.Start) < 0 || dayOf(start, f.End) >= days) {
			n++
		}
	}
	return n
}

// needRoles refuses rows (of flows) of which none is calibrated on, wholly
// before the change on day change, or none predicted, wholly after it:
// the validation would fit nothing, or score nothing.
func needRoles(rows []Row, flows []data.Flow, change time.Time) error {
	file := ""
	if len(flows) > 0 {
		file = flows[0].File
	}
	on := change.Format(time.DateOnly)
	switch {
	case !slices.ContainsFunc(rows, func(r Row) bool { return r.Role == Fitted }):
		return &data.Error{File: file, Msg: fmt.Sprintf("no row for point total lies wholly before the change on %s within the run, to calibrate on", on)}
	case !slices.ContainsFunc(rows, func(r Row) bool { return r.Role == Predicted && !r.LowerBound }):
		return &data.Error{File: file, Msg: fmt.Sprintf("no row for point total, other than a lower bound, lies wholly from the change on %s to the run's end, to score the prediction on", on)}
	}
	return nil
}

func noRows(flows []data.Flow, start time.Time, days int) error {
	run := fmt.Sprintf("the run's %d days from %s (the scenario's start and days; --days sets the days)", days, start.Format(time.DateOnly))
	file, first, last := "", time.Time{}, time.Time{}
	for _, f := range flows {
		if f.Point != "total" {
			continue
		}
		if file == "" {
			file, first, last = f.File, f.Start, f.End
		}
		if f.Start.Before(first) {
			first = f.Start
		}
		if f.End.After(last) {
			last = f.End
		}
	}
	if file == "" {
		if len(flows) > 0 {
			file = flows[0].File
		}
		return &data.Error{File: file, Msg: "no row for point total (both points together), the only rows compared"}
	}
	return &data.Error{File: file, Msg: fmt.Sprintf("no row lies wholly within %s; the rows for point total run from %s to %s", run, first.Format(time.DateOnly), last.Format(time.DateOnly))}
}

// keepFinest marks as Overlapped every calibration or prediction row
// that shares a day with a shorter (or equally long and earlier) row of
// the same direction and role kept before it.
func keepFinest(rows []Row) {
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		ra, rb := rows[a], rows[b]
		if c := ra.Days() - rb.Days(); c != 0 {
			return c
		}
		return ra.First - rb.First
	})
	var kept []int
	for _, i := range order {
		r := &rows[i]
		if r.Role != Fitted && r.Role != Predicted {
			continue
		}
		for _, k := range kept {
			o := rows[k]
			if o.Direction == r.Direction && o.Role == r.Role && o.First <= r.Last && r.First <= o.Last {
				r.Role = Overlapped
				r.Why = fmt.Sprintf("overlaps the finer row %s (line %d), which is used instead", o.Label(), o.Line)
				break
			}
		}
		if r.Role != Overlapped {
			kept = append(kept, i)
		}
	}
}

// dayOf is the day of the run that date falls on.
func dayOf(start, d time.Time) int {
	return int(math.Round(d.Sub(start).Hours() / 24))
}
