package experiment

import (
	"slices"
	"strings"

	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios/design"
)

// Varied is what one varied key of a sweep took, as the terminal and
// report.md say it.
type Varied struct {
	Key string
	// Took says the values: "0, 1, 2 (3 values)" for a grid (the first
	// five and the last two of more than twelve), "100 points drawn from
	// 0 to 2 (Latin hypercube)" for a Latin hypercube, whose range is the
	// one given, not that of the points drawn in it ("(Latin hypercube,
	// log-uniform)" for one drawn over its logarithms).
	Took string
}

// VariedKeys says, for each key a sweep varied, in column order, the
// values it took.
func VariedKeys(sw *output.SweepInfo) []Varied {
	varied := make([]Varied, len(sw.Keys))
	for j, key := range sw.Keys {
		var values []float64
		seen := map[float64]bool{} // looked up only: values keep the points' order
		for _, p := range sw.Points {
			if !seen[p[j]] {
				seen[p[j]] = true
				values = append(values, p[j])
			}
		}
		varied[j].Key = key
		if sw.Design == "lhs" {
			var lo, hi float64
			if len(values) > 0 {
				lo, hi = slices.Min(values), slices.Max(values)
			}
			how := "Latin hypercube"
			if f, ok := LatinFactor(sw, j); ok {
				lo, hi = f.Lo, f.Hi
				if f.Log {
					how += ", log-uniform"
				}
			}
			varied[j].Took = words.Count(len(sw.Points), "point") + " drawn from " + output.FormatFloat(lo) + " to " + output.FormatFloat(hi) + " (" + how + ")"
			continue
		}
		shown := make([]string, len(values))
		for i, v := range values {
			shown[i] = output.FormatFloat(v)
		}
		if len(shown) > 12 {
			shown = slices.Concat(shown[:5], []string{"..."}, shown[len(shown)-2:])
		}
		varied[j].Took = strings.Join(shown, ", ") + " (" + words.Count(len(values), "value") + ")"
	}
	return varied
}

// LatinFactor is key j of a Latin hypercube sweep as its --vary gave it
// (its range, and whether it was drawn log-uniformly); ok is false for a
// grid, or a folder whose --vary does not name the key.
func LatinFactor(sw *output.SweepInfo, j int) (f design.Factor, ok bool) {
	if sw.Design != "lhs" || j >= len(sw.Vary) || j >= len(sw.Keys) {
		return f, false
	}
	f, err := design.Parse(sw.Vary[j], true)
	return f, err == nil && f.Key == sw.Keys[j]
}
