package dtm

import (
	"fmt"
	"math"
	"slices"

	"github.com/borderwork/borderwork/internal/portable"
	"github.com/borderwork/borderwork/scenarios"
)

// Param is one free parameter of the calibration, with its prior: a
// uniform distribution on [Lo, Hi].
type Param struct {
	Name   string
	Lo, Hi float64
	Unit   string
	Doc    string
}

// Params are the free parameters, in the order of a point's values.
// The seasonal inflow of people setting out northwards on day t is
//
//	level × (1 + amplitude × cos(2π (t − peak) / 365.25)),
//
// t and peak counted in days of the year; returns into the country arrive
// at return_share times that, with the same season. The documented share
// is the share of those setting out whose papers let them through a
// closed post: the posts let everyone through before the change, so the
// counts before it cannot inform it, and its kept draws spread as its
// prior does.
var Params = []Param{
	{"inflow_level", 300, 3000, "people a day", "mean number of people setting out northwards each day, over a year"},
	{"seasonal_amplitude", 0, 0.95, "share", "how far the inflow swings above and below its mean over the year"},
	{"seasonal_peak_day", 0, 365, "day of the year", "the day of the year when the inflow peaks (0: 1 January)"},
	{"return_share", 0.05, 1, "share", "people returning into the country each day, as a share of those setting out"},
	{"documented", 0, 0.3, "share", "share of those setting out whose papers let them through a closed post"},
}

// Point is one value of each of Params.
type Point []float64

// Level, Amplitude, PeakDay, ReturnShare and Documented read a point.
func (p Point) Level() float64       { return p[0] }
func (p Point) Amplitude() float64   { return p[1] }
func (p Point) PeakDay() float64     { return p[2] }
func (p Point) ReturnShare() float64 { return p[3] }
func (p Point) Documented() float64  { return p[4] }

// Season is the seasonal factor on a day of the year.
func (p Point) Season(dayOfYear float64) float64 {
	return 1 + float64(p.Amplitude()*portable.Cos(2*math.Pi*(dayOfYear-p.PeakDay())/365.25))
}

// roles sorts the scenario's origins into those whose migrants set out
// northwards, across the country of the monitoring points, and those
// returning into it: an origin is a return origin when every destination
// of its migrants lies in that country.
func roles(s *scenarios.Scenario) (out, back []int, err error) {
	f := s.File
	if len(f.Monitors) == 0 {
		return nil, nil, &scenarios.Error{File: s.Display(), Key: "monitors", Msg: "give [[monitors]], the flow monitoring points whose counts the data hold"}
	}
	country := map[string]string{}
	for _, l := range f.Locations {
		country[l.Name] = l.Country
	}
	home := country[f.Monitors[0].Location]
	for i, o := range f.Origins {
		inside := !slices.ContainsFunc(o.Destinations, func(d string) bool { return country[d] != home })
		if inside {
			back = append(back, i)
		} else {
			out = append(out, i)
		}
	}
	if len(out) == 0 || len(back) == 0 {
		return nil, nil, &scenarios.Error{File: s.Display(), Key: "origins", Msg: fmt.Sprintf("give origins whose migrants leave %s and origins whose migrants return to it (all their destinations in %s)", home, home)}
	}
	return out, back, nil
}

// Apply returns a copy of s whose origins follow point p: each outbound
// origin's inflow is its share of the scenario's own outbound inflow
// times the seasonal inflow, and likewise for the return origins; the
// outbound origins' documented share is p's. Inflows are given per day as
// a schedule, in simulated migrants (people / people_per_agent). The
// scenario's own inflows must be constant (inflow): their ratios are the
// split between origins.
func Apply(s *scenarios.Scenario, p Point) (*scenarios.Scenario, error) {
	out, back, err := roles(s)
	if err != nil {
		return nil, err
	}
	start, ok := s.Start()
	if !ok {
		return nil, &scenarios.Error{File: s.Display(), Key: "start", Msg: "give the date of day 0 (start = \"YYYY-MM-DD\")"}
	}
	c := s.Clone()
	f := c.File
	ppa := s.PeoplePerAgent()
	first := float64(start.YearDay() - 1)
	for _, group := range []struct {
		origins []int
		scale   float64
	}{{out, p.Level()}, {back, p.Level() * p.ReturnShare()}} {
		total := 0.0
		for _, i := range group.origins {
			if f.Origins[i].Inflow == nil {
				return nil, &scenarios.Error{File: s.Display(), Key: "origins." + f.Origins[i].Location + ".inflow", Msg: "give a constant inflow: the fitted inflow is split between origins in its proportions"}
			}
			total += *f.Origins[i].Inflow
		}
		if total <= 0 {
			return nil, &scenarios.Error{File: s.Display(), Key: "origins", Msg: "the origins' inflows sum to 0: nothing to split the fitted inflow by"}
		}
		for _, i := range group.origins {
			o := &f.Origins[i]
			share := *o.Inflow / total
			o.Inflow = nil
			o.InflowSchedule = make([]scenarios.InflowStepSpec, f.Days)
			for t := range f.Days {
				rate := group.scale * share * p.Season(math.Mod(first+float64(t), 365.25)) / ppa
				o.InflowSchedule[t] = scenarios.InflowStepSpec{From: t, Rate: rate}
			}
		}
	}
	doc := p.Documented()
	for _, i := range out {
		f.Origins[i].Documented = &doc
	}
	return c, nil
}
