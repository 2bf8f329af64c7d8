package gsa

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/borderwork/borderwork/claim"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/suggest"
	"github.com/borderwork/borderwork/output"
)

// Output is one number an analysis explains: a metric of summary.csv
// under a regime, or the effect of switching one setting of the claim's
// design on a metric (claim.Effect: a contrast between the design's cells
// within each replicate, as the claim check computes it).
type Output struct {
	Metric string `json:"metric"`
	Regime string `json:"regime,omitempty"`
	Effect string `json:"effect,omitempty"`
}

// Title names the output for people.
func (o Output) Title() string {
	m := claim.Title(o.Metric)
	if o.Effect != "" {
		return "effect on " + m + " of " + effectLabel(o.Effect)
	}
	return m + " under " + o.Regime
}

// inSentence is the title inside a sentence.
func (o Output) inSentence() string {
	if o.Effect != "" {
		return "the " + o.Title()
	}
	return o.Title()
}

// Slug is the output in a file name: metric_regime, or metric_effect with
// the effect's symbols spelt out (malfunction|closure=open gives
// malfunction_at_closure_open).
func (o Output) Slug() string {
	under := o.Regime
	if o.Effect != "" {
		under = strings.NewReplacer("|", "_at_", "=", "_", "×", "_x_", "-", "_minus_").Replace(o.Effect)
	}
	var b strings.Builder
	for _, r := range o.Metric + "_" + under {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r - 'A' + 'a')
		default:
			b.WriteRune('_')
		}
	}
	return b.String()
}

// effectLabel is the claim's label for an effect of the standard design.
func effectLabel(id string) string {
	for _, split := range []bool{false, true} {
		for _, e := range claim.StandardDesign(split).Effects(nil) {
			if e.ID == id {
				return e.Label
			}
		}
	}
	return id
}

// ClaimEffects are the effects of the claim's design (claim.Effects) an
// analysis can explain: every one but the comparisons of a scenario's own
// regimes, which the analysis does not run.
func ClaimEffects(split bool) []claim.Effect {
	var out []claim.Effect
	for _, e := range claim.StandardDesign(split).Effects(nil) {
		if e.Kind != claim.Arm {
			out = append(out, e)
		}
	}
	return out
}

// ClaimVerdictEffects are the effects the claim's verdict rests on
// (docs/CLAIM.md): malfunction at open and at closed admission, closure,
// and malfunction's main effect minus closure's. --effects claim names
// them.
var ClaimVerdictEffects = []string{"malfunction|closure=open", "malfunction|closure=closed", "closure", "malfunction-closure"}

// resolveMetrics reads --metrics: metric names of summary.csv, or
// "harms" (the claim's harms), "headlines" or "all".
func resolveMetrics(list []string) ([]string, error) {
	var out []string
	add := func(names ...string) {
		for _, n := range names {
			if !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
	}
	for _, m := range list {
		switch m = strings.TrimSpace(m); m {
		case "harms":
			add(claim.Harms()...)
		case "headlines":
			for _, t := range output.Headlines() {
				add(t.Name)
			}
		case "all":
			for _, t := range output.Totals {
				add(t.Name)
			}
		default:
			if output.TotalIndex(m) < 0 {
				names := []string{"harms", "headlines", "all"}
				for _, t := range output.Totals {
					names = append(names, t.Name)
				}
				return nil, runs.BadInput("--metrics: unknown metric %q (a column of summary.csv such as trapped_person_days, or harms, headlines, all)%s", m, suggest.Hint(m, names))
			}
			add(m)
		}
	}
	if len(out) == 0 {
		return nil, runs.BadInput("--metrics: name at least one metric")
	}
	return out, nil
}

// resolveEffects reads --effects: effect IDs of the claim's design, or
// "claim" for ClaimVerdictEffects.
func resolveEffects(list []string, split bool) ([]string, error) {
	known := ClaimEffects(split)
	var out []string
	for _, id := range list {
		id = strings.TrimSpace(id)
		ids := []string{id}
		if id == "claim" {
			ids = ClaimVerdictEffects
		}
		for _, id := range ids {
			if !slices.ContainsFunc(known, func(e claim.Effect) bool { return e.ID == id }) {
				var names []string
				for _, e := range known {
					names = append(names, e.ID)
				}
				return nil, runs.BadInput("--effects: unknown effect %q (effects: claim, %s)%s", id, strings.Join(names, ", "), suggest.Hint(id, append([]string{"claim"}, names...)))
			}
			if !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
	}
	return out, nil
}

// outputsOf lists the outputs, metric by metric: each metric under each
// arm, or, with effects, each effect on each metric.
func outputsOf(metrics, arms, effects []string) []Output {
	var out []Output
	for _, m := range metrics {
		if len(effects) > 0 {
			for _, e := range effects {
				out = append(out, Output{Metric: m, Effect: e})
			}
			continue
		}
		for _, a := range arms {
			out = append(out, Output{Metric: m, Regime: a})
		}
	}
	return out
}

// extractor turns the runs of a point into its outputs: output o is
// Σ_arm coef[o][arm] × the value of metric col[o] under that arm, within
// each replicate (one arm with coefficient 1 for a metric under a regime).
type extractor struct {
	col  []int       // output -> column of output.Totals
	coef [][]float64 // output -> arm -> coefficient
}

func newExtractor(outputs []Output, arms []string, split bool) (*extractor, error) {
	effects := ClaimEffects(split)
	x := &extractor{}
	for _, o := range outputs {
		c := output.TotalIndex(o.Metric)
		if c < 0 {
			return nil, fmt.Errorf("gsa: unknown metric %q", o.Metric)
		}
		coef := make([]float64, len(arms))
		if o.Effect != "" {
			i := slices.IndexFunc(effects, func(e claim.Effect) bool { return e.ID == o.Effect })
			if i < 0 || len(effects[i].Coef) != len(arms) {
				return nil, fmt.Errorf("gsa: effect %q does not fit the %d arms", o.Effect, len(arms))
			}
			copy(coef, effects[i].Coef)
		} else {
			a := slices.Index(arms, o.Regime)
			if a < 0 {
				return nil, fmt.Errorf("gsa: no arm %q", o.Regime)
			}
			coef[a] = 1
		}
		x.col, x.coef = append(x.col, c), append(x.coef, coef)
	}
	return x, nil
}

// add accumulates one run, arm arm with totals, into y[replicate][output].
func (x *extractor) add(y []float64, arm int, totals []float64) {
	for o, c := range x.col {
		if w := x.coef[o][arm]; w != 0 {
			y[o] += float64(w * totals[c])
		}
	}
}

// readOutputs streams summary.csv at path and returns y[point][rep][output]
// for a design of points points, each run under arms × reps: every run
// must be present once. Only the columns the outputs need are kept, so
// memory grows with points × reps × outputs, not with the table.
func readOutputs(path string, x *extractor, arms []string, points, reps int) ([][][]float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReaderSize(f, 1<<16))
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	want := output.SummaryHeader([]string{"point"})
	// An earlier borderwork's table lacks output.LaterMetrics' columns:
	// its rows are read in this one's layout, those cells 0.
	upgrade := func(rec []string) []string { return rec }
	if !slices.Equal(header, want) {
		up, ok := output.Upgrader(header, want)
		if !ok {
			return nil, fmt.Errorf("%s: its columns are not those of a sensitivity analysis' summary.csv", path)
		}
		header, upgrade = want, up
	}
	first := len(want) - len(output.Totals) // column of the first total
	n := len(x.col)
	flat := make([]float64, points*reps*n)
	y := make([][][]float64, points)
	for p := range y {
		y[p] = make([][]float64, reps)
		for rep := range reps {
			at := (p*reps + rep) * n
			y[p][rep] = flat[at : at+n : at+n]
		}
	}
	runs := points * len(arms) * reps
	seen := make([]bool, runs)
	totals := make([]float64, len(output.Totals))
	line := 1
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		line++
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		rec = upgrade(rec)
		id, err1 := strconv.Atoi(rec[0])
		rep, err2 := strconv.Atoi(rec[2])
		p, err3 := strconv.Atoi(rec[3])
		arm := slices.Index(arms, rec[1])
		if err1 != nil || err2 != nil || err3 != nil || arm < 0 || id < 0 || id >= runs || p < 0 || p >= points || rep < 0 || rep >= reps ||
			id != (p*len(arms)+arm)*reps+rep || seen[id] {
			return nil, fmt.Errorf("%s:%d: run %q is not a run of this design, or is there twice", path, line, rec[0])
		}
		seen[id] = true
		for _, c := range x.col {
			v, err := strconv.ParseFloat(rec[first+c], 64)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %s: %w", path, line, header[first+c], err)
			}
			totals[c] = v
		}
		x.add(y[p][rep], arm, totals)
	}
	if i := slices.Index(seen, false); i >= 0 {
		return nil, fmt.Errorf("%s: run %d of %d is missing", path, i, runs)
	}
	return y, nil
}
