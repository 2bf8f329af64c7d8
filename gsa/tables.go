package gsa

import (
	"strconv"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/sensitivity"
)

// The columns of the tables an analysis writes beside summary.csv
// (docs/OUTPUTS.md documents each).
var (
	parameterColumns = []string{"parameter", "group", "value", "unit", "varied", "lo", "hi", "integer", "distribution", "valid", "note"}
	outputColumns    = []string{"metric", "regime", "effect"}
	pointMeanColumns = append([]string{"point"}, append(outputColumns, "mean", "sd")...)
	noiseColumns     = append(append([]string{}, outputColumns...), "replicates", "mean", "variance", "within", "between", "noise_share_run", "noise_share_means", "noise_floor")
	morrisColumns    = append(append([]string{}, outputColumns...), "parameter", "rank", "mu_star", "mu_star_low", "mu_star_high",
		"mu", "mu_low", "mu_high", "sigma", "sigma_low", "sigma_high", "noise_level", "above_noise")
	sobolColumns = append(append([]string{}, outputColumns...), "parameter", "rank", "total", "total_low", "total_high",
		"first", "first_low", "first_high", "noise_level", "above_noise")
)

// Table names.
const (
	parametersCSV = "parameters.csv"
	pointsCSV     = "points.csv"
	pointMeansCSV = "point_means.csv"
	noiseCSV      = "noise.csv"
	morrisCSV     = "morris.csv"
	sobolCSV      = "sobol.csv"
)

func f(v float64) string { return output.FormatFloat(v) }

func outputCells(o Output) []string { return []string{o.Metric, o.Regime, o.Effect} }

// writeTables writes the analysis' tables (analysisTables) into dir and
// returns their names, in the order the manifest lists them.
// units[i] is the unit of info.Keys[i] (Scenario.KeyUnit; "" for none).
func writeTables(dir string, res *Result, units []string) ([]string, error) {
	var names []string
	for _, t := range analysisTables(res, units) {
		if err := t.WriteIn(dir); err != nil {
			return nil, err
		}
		names = append(names, t.Name)
	}
	return names, nil
}

// analysisTables are the tables of the analysis res, which writeTables
// writes, in its order: parameters.csv, points.csv, point_means.csv,
// noise.csv, and morris.csv or sobol.csv. units[i] is the unit of
// info.Keys[i].
func analysisTables(res *Result, units []string) []experiment.Table {
	info := res.Info
	var rows [][]string
	for i, k := range info.Keys {
		value, lo, hi := f(k.Value), "", ""
		if k.Unset {
			value = ""
		}
		if k.Varied {
			lo, hi = f(k.Lo), f(k.Hi)
		}
		rows = append(rows, []string{k.Name, k.Group, value, units[i], strconv.FormatBool(k.Varied), lo, hi, strconv.FormatBool(k.Integer), k.Dist, k.Valid, k.Note})
	}
	tables := []experiment.Table{{Name: parametersCSV, Header: parameterColumns, Rows: rows}, points(res)}
	rows = nil
	for p := range res.Means {
		for o, out := range info.Outputs {
			rows = append(rows, append(append([]string{strconv.Itoa(p)}, outputCells(out)...), f(res.Means[p][o]), f(res.SDs[p][o])))
		}
	}
	tables = append(tables, experiment.Table{Name: pointMeansCSV, Header: pointMeanColumns, Rows: rows})
	rows = nil
	for o, out := range info.Outputs {
		n := res.Noise[o]
		mean, variance := meanVar(res.Means, o)
		floor := "NaN"
		if res.Morris != nil {
			floor = f(res.Morris.NoiseFloor[o])
		}
		rows = append(rows, append(outputCells(out), strconv.Itoa(n.Replicates), f(mean), f(variance), f(n.Within), f(n.Between), f(n.Share), f(n.ShareOfMeans), floor))
	}
	tables = append(tables, experiment.Table{Name: noiseCSV, Header: noiseColumns, Rows: rows})
	rows = nil
	if m := res.Morris; m != nil {
		for o, out := range info.Outputs {
			for r, i := range res.Rank(o) {
				row := append(outputCells(out), res.Params[i].Name, strconv.Itoa(r+1))
				row = append(row, estimate(m.MuStar[o][i])...)
				row = append(row, estimate(m.Mu[o][i])...)
				row = append(row, estimate(m.Sigma[o][i])...)
				rows = append(rows, append(row, f(res.NoiseLevel(o, i)), strconv.FormatBool(res.AboveNoise(o, i))))
			}
		}
		return append(tables, experiment.Table{Name: morrisCSV, Header: morrisColumns, Rows: rows})
	}
	s := res.Sobol
	for o, out := range info.Outputs {
		for r, i := range res.Rank(o) {
			row := append(outputCells(out), res.Params[i].Name, strconv.Itoa(r+1))
			row = append(row, estimate(s.Total[o][i])...)
			row = append(row, estimate(s.First[o][i])...)
			rows = append(rows, append(row, f(res.NoiseLevel(o, i)), strconv.FormatBool(res.AboveNoise(o, i))))
		}
	}
	return append(tables, experiment.Table{Name: sobolCSV, Header: sobolColumns, Rows: rows})
}

func estimate(e sensitivity.Estimate) []string { return []string{f(e.Value), f(e.Lo), f(e.Hi)} }

// meanVar is the mean and sample variance of output o over the points.
func meanVar(means [][]float64, o int) (mean, variance float64) {
	for _, m := range means {
		mean += m[o]
	}
	mean /= float64(len(means))
	for _, m := range means {
		variance += float64((m[o] - mean) * (m[o] - mean))
	}
	return mean, variance / float64(len(means)-1)
}

// points is points.csv: each point of the design, where it stands in
// it, and its value of every parameter.
func points(res *Result) experiment.Table {
	header := []string{"point"}
	morris, _ := res.Design.(*sensitivity.MorrisDesign)
	sobol, _ := res.Design.(*sensitivity.SobolDesign)
	if morris != nil {
		header = append(header, "trajectory", "step", "moved")
	} else {
		header = append(header, "row", "matrix", "column_from_b")
	}
	for _, p := range res.Params {
		header = append(header, p.Name)
	}
	values := make([]float64, len(res.Params))
	rows := make([][]string, 0, res.Design.Len())
	for i := range res.Design.Len() {
		row := []string{strconv.Itoa(i)}
		if morris != nil {
			t, s, moved := morris.Step(i)
			name := ""
			if moved >= 0 {
				name = res.Params[moved].Name
			}
			row = append(row, strconv.Itoa(t), strconv.Itoa(s), name)
		} else {
			role := sobol.Role(i)
			name := ""
			if role.Param >= 0 {
				name = res.Params[role.Param].Name
			}
			row = append(row, strconv.Itoa(role.Row), role.Matrix, name)
		}
		for _, v := range res.Design.Point(i, values) {
			row = append(row, f(v))
		}
		rows = append(rows, row)
	}
	return experiment.Table{Name: pointsCSV, Header: header, Rows: rows}
}
