package gsa

import (
	"cmp"
	"path/filepath"
	"slices"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/sensitivity"
)

// Screen chooses the top parameters of the Morris folder at dir, for a
// Sobol' analysis of them: each varied parameter scores, on each output
// where it stands above noise, its µ* over the largest µ* of that output,
// and its score is the highest of these over the outputs (so a parameter
// that leads on any output ranks high); ties, such as two parameters that
// each lead an output, are broken by the mean of those ratios over every
// output, noise or not, then by the design's order. The top are chosen,
// each over the range it had in dir. The entries give the ranges
// explicitly, so an analysis made from them does not need dir again.
func Screen(dir string, top int) ([]Entry, error) {
	if top < 1 {
		return nil, experiment.BadInput("--top must be at least 1, got %d", top)
	}
	m, err := output.ReadManifest(dir)
	if err != nil {
		return nil, experiment.BadInput("--screen: %s is not a borderwork output folder: %v", dir, err)
	}
	info, err := ReadInfo(m)
	switch {
	case m.Command != "sensitivity" || err != nil:
		return nil, experiment.BadInput("--screen: %s holds a %s folder, not a sensitivity analysis", dir, m.Command)
	case info.Method != Morris:
		return nil, experiment.BadInput("--screen: %s holds a %s analysis; screen with --method morris first", dir, info.Method)
	case !m.Complete || (m.Sweep != nil && m.Sweep.Shard != ""):
		return nil, experiment.BadInput("--screen: %s is incomplete or one shard; finish or merge it first", dir)
	}
	// The folder's word is trusted only for a table as borderwork wrote it.
	i := slices.IndexFunc(m.Tables, func(c output.Checked) bool { return c.File == morrisCSV })
	if i < 0 {
		return nil, experiment.BadInput("--screen: %s: its manifest lists no %s", dir, morrisCSV)
	}
	if d, err := output.Verify(dir, m.Tables[i]); err != nil {
		return nil, err
	} else if d != nil {
		d.File = filepath.Join(dir, d.File)
		return nil, experiment.BadInput("--screen: %v; refusing a table borderwork did not write", d)
	}
	t, err := output.ReadTable(filepath.Join(dir, morrisCSV), morrisColumns...)
	if err != nil {
		return nil, err
	}
	params := Varied(info.Keys)
	score, mean := make([]float64, len(params)), make([]float64, len(params))
	best := map[Output]float64{} // looked up by output only
	type row struct {
		out   Output
		param int
		star  float64
		above bool
	}
	var rows []row
	for i := range t.Rows {
		o := Output{Metric: t.Cell(i, "metric"), Regime: t.Cell(i, "regime"), Effect: t.Cell(i, "effect")}
		p := slices.IndexFunc(params, func(p sensitivity.Param) bool { return p.Name == t.Cell(i, "parameter") })
		if p < 0 {
			return nil, t.Errorf(i, "parameter", "a parameter the manifest does not vary")
		}
		star, err := t.Float(i, "mu_star")
		if err != nil {
			return nil, err
		}
		rows = append(rows, row{o, p, star, t.Cell(i, "above_noise") == "true"})
		best[o] = max(best[o], star)
	}
	for _, r := range rows {
		if b := best[r.out]; b > 0 {
			mean[r.param] += r.star / b / float64(len(info.Outputs))
			if r.above {
				score[r.param] = max(score[r.param], r.star/b)
			}
		}
	}
	order := make([]int, len(params))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Or(cmp.Compare(score[b], score[a]), cmp.Compare(mean[b], mean[a])) })
	var entries []Entry
	for _, i := range order[:min(top, len(order))] {
		p := params[i]
		entries = append(entries, Entry{Pattern: p.Name, HasRange: true, Lo: p.Lo, Hi: p.Hi, Dist: p.Dist, Source: "--screen " + dir})
	}
	// In the design's order, as any selection is.
	slices.SortFunc(entries, func(a, b Entry) int {
		return cmp.Compare(slices.IndexFunc(params, func(p sensitivity.Param) bool { return p.Name == a.Pattern }),
			slices.IndexFunc(params, func(p sensitivity.Param) bool { return p.Name == b.Pattern }))
	})
	return entries, nil
}
