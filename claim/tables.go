package claim

import (
	"math"
	"slices"
	"strconv"

	"github.com/borderwork/borderwork/output"
)

// The columns of contrasts.csv and robustness.csv.
var (
	contrastColumns   = []string{"hypothesis", "contrast", "metric", "n", "mean", "sd", "ci_low", "ci_high", "effect_size", "relative", "relative_low", "relative_high", "verdict"}
	robustnessColumns = []string{"hypothesis", "metric", "n", "mean", "ci_low", "ci_high", "relative", "verdict"}
)

func writeContrasts(path string, results []Result) error {
	c, err := output.CreateCSV(path, contrastColumns)
	if err != nil {
		return err
	}
	for _, r := range results {
		lo, hi := r.RelativeInterval()
		row := []string{r.Hypothesis.ID, r.Hypothesis.Contrast, r.Metric, strconv.Itoa(r.Diff.N),
			output.FormatFloat(r.Diff.Mean), output.FormatFloat(r.Diff.SD), output.FormatFloat(r.Diff.Lo), output.FormatFloat(r.Diff.Hi),
			output.FormatFloat(r.EffectSize), output.FormatFloat(r.Relative), output.FormatFloat(lo), output.FormatFloat(hi), string(r.Verdict)}
		if err := c.Write(row); err != nil {
			c.Close()
			return err
		}
	}
	return c.Close()
}

// ReadContrasts reads contrasts.csv back as results, in its order.
func ReadContrasts(path string) ([]Result, error) {
	t, err := output.ReadTable(path, contrastColumns...)
	if err != nil {
		return nil, err
	}
	var out []Result
	for i := range t.Rows {
		r, err := readResult(t, i)
		if err != nil {
			return nil, err
		}
		if r.Diff.SD, err = t.Float(i, "sd"); err != nil {
			return nil, err
		}
		if r.EffectSize, err = t.Float(i, "effect_size"); err != nil {
			return nil, err
		}
		r.Baseline = math.NaN()
		if r.Relative != 0 && !math.IsNaN(r.Relative) {
			r.Baseline = r.Diff.Mean / r.Relative
		}
		out = append(out, r)
	}
	return out, nil
}

// readResult reads the columns contrasts.csv and robustness.csv share.
func readResult(t *output.Table, i int) (Result, error) {
	var r Result
	id := t.Cell(i, "hypothesis")
	h := slices.IndexFunc(Hypotheses, func(h Hypothesis) bool { return h.ID == id })
	if h < 0 {
		return r, t.Errorf(i, "hypothesis", "unknown hypothesis %q", id)
	}
	r.Hypothesis = Hypotheses[h]
	r.Metric = t.Cell(i, "metric")
	if !slices.Contains(Metrics, r.Metric) {
		return r, t.Errorf(i, "metric", "unknown metric %q", r.Metric)
	}
	r.Verdict = Verdict(t.Cell(i, "verdict"))
	if !slices.Contains([]Verdict{Supported, Contradicted, Inconclusive}, r.Verdict) {
		return r, t.Errorf(i, "verdict", "unknown verdict %q", r.Verdict)
	}
	var err error
	if r.Diff.N, err = t.Int(i, "n"); err != nil {
		return r, err
	}
	for _, f := range []struct {
		col string
		v   *float64
	}{{"mean", &r.Diff.Mean}, {"ci_low", &r.Diff.Lo}, {"ci_high", &r.Diff.Hi}, {"relative", &r.Relative}} {
		if *f.v, err = t.Float(i, f.col); err != nil {
			return r, err
		}
	}
	r.Diff.HalfWidth = (r.Diff.Hi - r.Diff.Lo) / 2
	return r, nil
}

func writeRobustness(path string, rr *RobustnessResult) error {
	c, err := output.CreateCSV(path, append(append([]string{"point"}, rr.IDs...), robustnessColumns...))
	if err != nil {
		return err
	}
	for p, point := range rr.Points {
		for _, r := range rr.Results[p] {
			row := []string{strconv.Itoa(p)}
			for _, v := range point {
				row = append(row, output.FormatFloat(v))
			}
			row = append(row, r.Hypothesis.ID, r.Metric, strconv.Itoa(r.Diff.N), output.FormatFloat(r.Diff.Mean),
				output.FormatFloat(r.Diff.Lo), output.FormatFloat(r.Diff.Hi), output.FormatFloat(r.Relative), string(r.Verdict))
			if err := c.Write(row); err != nil {
				c.Close()
				return err
			}
		}
	}
	return c.Close()
}

// ReadRobustness reads robustness.csv back: the assumptions varied (the
// columns between point and hypothesis), the points, and the results at
// each point in Test's order.
func ReadRobustness(path string) (*RobustnessResult, error) {
	t, err := output.ReadTable(path, append([]string{"point"}, robustnessColumns...)...)
	if err != nil {
		return nil, err
	}
	first, last := t.Column("point")+1, t.Column("hypothesis")
	if last < first {
		return nil, t.Errorf(-1, "hypothesis", "the assumptions' columns must lie between point and hypothesis")
	}
	rr := &RobustnessResult{IDs: t.Header[first:last]}
	for i := range t.Rows {
		p, err := t.Int(i, "point")
		if err != nil {
			return nil, err
		}
		switch {
		case p == len(rr.Points):
			point := make([]float64, len(rr.IDs))
			for j, id := range rr.IDs {
				if point[j], err = t.Float(i, id); err != nil {
					return nil, err
				}
			}
			rr.Points = append(rr.Points, point)
			rr.Results = append(rr.Results, nil)
		case p != len(rr.Points)-1:
			return nil, t.Errorf(i, "point", "points must come in order from 0, got %d after %d", p, len(rr.Points)-1)
		}
		r, err := readResult(t, i)
		if err != nil {
			return nil, err
		}
		rr.Results[p] = append(rr.Results[p], r)
	}
	return rr, nil
}
