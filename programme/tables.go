package programme

import (
	"math"
	"slices"
	"strconv"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/sim"
)

// The columns of the analysis's tables (docs/OUTPUTS.md documents each).
var (
	channelColumns = []string{"regime", "effect", "metric", "group", "n", "mean", "sd", "ci_low", "ci_high",
		"reference", "share_of_total", "cost_per_averted", "cost_low", "cost_high"}
	pathColumns = []string{"regime", "programme", "post", "day", "days_failing", "capacity_factor", "refusal", "oversight", "document_check", "open"}
)

func f(v float64) string { return output.FormatFloat(v) }

// writeTables writes the tables the analysis a works out
// (analysisTables).
func writeTables(w *experiment.Writer, s *scenarios.Scenario, o Options, regimes []string, a *Analysis) error {
	ts, err := analysisTables(s, o, regimes, a)
	if err != nil {
		return err
	}
	for _, t := range ts {
		if err := w.WriteTable(t.Name, t.Header, t.Rows); err != nil {
			return err
		}
	}
	return nil
}

// analysisTables are the tables a programme folder works out from its
// runs and scenario s, which writeTables writes, in its order:
// channels.csv, every estimate of the analysis a, and path.csv, the
// policy of the posts the programme works on under regimes (Path).
func analysisTables(s *scenarios.Scenario, o Options, regimes []string, a *Analysis) ([]experiment.Table, error) {
	var rows [][]string
	for _, e := range a.Estimates {
		rows = append(rows, []string{e.Regime, e.Effect, e.Metric, e.Group, strconv.Itoa(e.N), f(e.Mean), f(e.SD), f(e.Lo), f(e.Hi),
			f(e.Reference), f(e.Share), f(e.CostPerAverted), f(e.CostLo), f(e.CostHi)})
	}
	path, err := pathTable(s, o, regimes)
	if err != nil {
		return nil, err
	}
	return []experiment.Table{{Name: "channels.csv", Header: channelColumns, Rows: rows}, path}, nil
}

// ReadChannels reads channels.csv back.
func ReadChannels(path string) ([]Estimate, error) {
	t, err := output.ReadTable(path, channelColumns...)
	if err != nil {
		return nil, err
	}
	var out []Estimate
	for i := range t.Rows {
		e := Estimate{Regime: t.Cell(i, "regime"), Effect: t.Cell(i, "effect"), Metric: t.Cell(i, "metric"), Group: t.Cell(i, "group")}
		if !slices.Contains(Effects, e.Effect) {
			return nil, t.Errorf(i, "effect", "unknown effect %q (effects: %v)", e.Effect, Effects)
		}
		if e.N, err = t.Int(i, "n"); err != nil {
			return nil, err
		}
		for _, c := range []struct {
			col string
			v   *float64
		}{{"mean", &e.Mean}, {"sd", &e.SD}, {"ci_low", &e.Lo}, {"ci_high", &e.Hi}, {"reference", &e.Reference}, {"share_of_total", &e.Share},
			{"cost_per_averted", &e.CostPerAverted}, {"cost_low", &e.CostLo}, {"cost_high", &e.CostHi}} {
			if *c.v, err = t.Float(i, c.col); err != nil {
				return nil, err
			}
		}
		out = append(out, e)
	}
	return out, nil
}

// PathPoint is the policy of one post on one day, with and without the
// programme: the keys a programme moves.
type PathPoint struct {
	Regime    string
	Programme bool // with the programme in full; false: without it
	Post      string
	Day       int
	// DaysFailing is the long-run share of days the post fails, from its
	// outage keys (what an accurate source would say).
	DaysFailing                                  float64
	CapacityFactor, Refusal, Oversight, DocCheck float64
	Open                                         bool // it admits someone: a post not yet built admits nobody
}

// daysFailing is the stationary share of days failing of the two-state
// failure chain (docs/MODEL.md, 7.2), or 1 or 0 where the condition is
// forced.
func daysFailing(p *sim.PostPolicy) float64 {
	switch p.Force {
	case sim.ForceFailing:
		return 1
	case sim.ForceFunctioning:
		return 0
	}
	if p.OutageStart <= 0 {
		return 0
	}
	rec := 1 / math.Max(p.OutageDays, 1)
	return p.OutageStart / (p.OutageStart + rec)
}

// Path is the policy of every post the analysed programmes work on, on
// every day, under each regime, without and with the programmes.
func Path(s *scenarios.Scenario, o Options, regimes []string) ([]PathPoint, error) {
	progs, err := analysed(s, o)
	if err != nil {
		return nil, err
	}
	var posts []string
	for _, name := range progs {
		for _, ps := range s.File.Programmes {
			if ps.Name != name {
				continue
			}
			covered := ps.Posts
			if len(covered) == 0 {
				for _, p := range s.File.Posts {
					covered = append(covered, p.Name)
				}
			}
			for _, p := range covered {
				if !slices.Contains(posts, p) {
					posts = append(posts, p)
				}
			}
		}
	}
	// In the scenario's order of posts.
	var ordered []string
	for _, p := range s.File.Posts {
		if slices.Contains(posts, p.Name) {
			ordered = append(ordered, p.Name)
		}
	}
	var out []PathPoint
	for _, r := range regimes {
		for _, on := range []scenarios.Channel{0, scenarios.AllChannels} {
			cfg, err := s.ConfigSwitched(r, scenarios.ProgrammeSwitch{Programme: o.Programme, On: on})
			if err != nil {
				return nil, err
			}
			for _, cp := range cfg.Posts {
				if !slices.Contains(ordered, cp.Name) {
					continue
				}
				for d := range cfg.Days {
					pol := cp.Policy
					for _, win := range cp.Schedule {
						if d >= win.From && d < win.To {
							pol = win.Policy
						}
					}
					out = append(out, PathPoint{Regime: r, Programme: on != 0, Post: cp.Name, Day: d, DaysFailing: daysFailing(&pol),
						CapacityFactor: pol.CapacityFactor, Refusal: pol.Refusal, Oversight: pol.Oversight, DocCheck: pol.DocumentCheck,
						Open: pol.Admission != sim.AdmitNobody})
				}
			}
		}
	}
	return out, nil
}

// pathTable is path.csv: the policy of every post the programme works
// on, day by day (Path).
func pathTable(s *scenarios.Scenario, o Options, regimes []string) (experiment.Table, error) {
	points, err := Path(s, o, regimes)
	if err != nil {
		return experiment.Table{}, err
	}
	b := func(v bool) string {
		if v {
			return "1"
		}
		return "0"
	}
	rows := make([][]string, 0, len(points))
	for _, p := range points {
		rows = append(rows, []string{p.Regime, b(p.Programme), p.Post, strconv.Itoa(p.Day), f(p.DaysFailing), f(p.CapacityFactor),
			f(p.Refusal), f(p.Oversight), f(p.DocCheck), b(p.Open)})
	}
	return experiment.Table{Name: "path.csv", Header: pathColumns, Rows: rows}, nil
}

// ReadPath reads path.csv back.
func ReadPath(path string) ([]PathPoint, error) {
	t, err := output.ReadTable(path, pathColumns...)
	if err != nil {
		return nil, err
	}
	out := make([]PathPoint, 0, len(t.Rows))
	flag := func(i int, col string) (bool, error) {
		switch t.Cell(i, col) {
		case "1":
			return true, nil
		case "0":
			return false, nil
		}
		return false, t.Errorf(i, col, "want 0 or 1, got %q", t.Cell(i, col))
	}
	for i := range t.Rows {
		p := PathPoint{Regime: t.Cell(i, "regime"), Post: t.Cell(i, "post")}
		if p.Programme, err = flag(i, "programme"); err != nil {
			return nil, err
		}
		if p.Open, err = flag(i, "open"); err != nil {
			return nil, err
		}
		if p.Day, err = t.Int(i, "day"); err != nil {
			return nil, err
		}
		for _, c := range []struct {
			col string
			v   *float64
		}{{"days_failing", &p.DaysFailing}, {"capacity_factor", &p.CapacityFactor}, {"refusal", &p.Refusal}, {"oversight", &p.Oversight}, {"document_check", &p.DocCheck}} {
			if *c.v, err = t.Float(i, c.col); err != nil {
				return nil, err
			}
		}
		out = append(out, p)
	}
	return out, nil
}
