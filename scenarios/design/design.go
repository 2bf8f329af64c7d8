// Package design builds the points of a parameter sweep over scenario
// keys: full factorial grids and Latin hypercube samples. A Factor is one
// varied key; a design is the list of points, each a value per factor, in
// a fixed order that run indices follow.
package design

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/borderwork/borderwork/internal/portable"
	"github.com/borderwork/borderwork/sim"
)

// MaxValues is the most values one factor of a grid takes; how many
// points and runs a whole design may have is the caller's limit.
const MaxValues = 1_000_000

// Factor is one varied scenario key.
type Factor struct {
	Spec    string    // as given to --vary
	Key     string    // dotted scenario key
	Values  []float64 // grid: the values, in order
	Lo, Hi  float64   // Latin hypercube: the range
	Integer bool      // the key takes whole numbers
	// Log draws a Latin hypercube's values evenly over the logarithms of
	// the range (Lo > 0): each factor of the range's span equally likely,
	// for a rate or a multiple whose range spans several times its foot.
	Log bool
}

// CheckGiven refuses, in a --vary spec given on a command line now, what
// Parse reads in a folder an earlier borderwork wrote: a range of one
// value from a to a different b, KEY=a:b:1, which is a alone, b dropped
// without a word, most likely a mistake (a start:step:stop reading, as
// 0:0.3:1). Anything else is Parse's to check.
func CheckGiven(spec string) error {
	_, values, _ := strings.Cut(spec, "=")
	parts := strings.Split(values, ":")
	if len(parts) != 3 || strings.TrimSpace(parts[2]) != "1" {
		return nil
	}
	a, errA := strconv.ParseFloat(strings.TrimSpace(parts[0]), 64)
	b, errB := strconv.ParseFloat(strings.TrimSpace(parts[1]), 64)
	if errA != nil || errB != nil || a == b {
		return nil
	}
	shown := spec
	if strings.ContainsFunc(spec, unicode.IsControl) {
		shown = strconv.Quote(spec)
	}
	return fmt.Errorf("--vary %s: a range is KEY=a:b:n, n values from a to b, and one value would be %s alone, leaving %s out; give n of 2 or more, or the one value as KEY=%s",
		shown, strings.TrimSpace(parts[0]), strings.TrimSpace(parts[1]), strings.TrimSpace(parts[0]))
}

// Parse reads a --vary argument. For a grid it is KEY=a:b:n (n evenly
// spaced values from a to b) or KEY=a,b,c; for a Latin hypercube, KEY=a:b,
// or KEY=a:b:log to draw evenly over the range's logarithms (a > 0).
func Parse(spec string, lhs bool) (Factor, error) {
	f := Factor{Spec: spec}
	shown := spec // as messages show it: on one line
	if strings.ContainsFunc(spec, unicode.IsControl) {
		shown = strconv.Quote(spec)
	}
	key, values, ok := strings.Cut(spec, "=")
	f.Key = strings.TrimSpace(key)
	if !ok || f.Key == "" || values == "" {
		return f, fmt.Errorf("--vary %s: want KEY=a:b:n or KEY=a,b,c (or KEY=a:b or KEY=a:b:log with --design lhs)", shown)
	}
	nums := func(parts []string) ([]float64, error) {
		var out []float64
		for _, p := range parts {
			v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("--vary %s: %q is not a number", shown, p)
			}
			out = append(out, v)
		}
		return out, nil
	}
	if lhs {
		parts := strings.Split(values, ":")
		if len(parts) == 3 && strings.EqualFold(strings.TrimSpace(parts[2]), "log") { // in any case, as --design's names
			f.Log, parts = true, parts[:2]
		}
		if len(parts) != 2 {
			return f, fmt.Errorf("--vary %s: with --design lhs, give a range KEY=a:b, or KEY=a:b:log to draw it log-uniformly", shown)
		}
		v, err := nums(parts)
		if err != nil {
			return f, err
		}
		f.Lo, f.Hi = v[0], v[1]
		if f.Lo > f.Hi {
			return f, fmt.Errorf("--vary %s: the range's start exceeds its end", shown)
		}
		if f.Log && f.Lo <= 0 {
			return f, fmt.Errorf("--vary %s: a log-uniform range must start above 0 (its logarithms are drawn), got %g", shown, f.Lo)
		}
		// As a grid's a:a:n, every point would have the same value.
		if f.Lo == f.Hi {
			return f, fmt.Errorf("--vary %s: the range starts and ends at %g, so every point's value would be the same; give a wider range, or --set the key", shown, f.Lo)
		}
		if math.IsInf(f.Hi-f.Lo, 0) {
			return f, fmt.Errorf("--vary %s: the range is too wide to sample", shown)
		}
		return f, nil
	}
	if strings.Contains(values, ":") {
		parts := strings.Split(values, ":")
		if len(parts) != 3 {
			return f, fmt.Errorf("--vary %s: a range is KEY=a:b:n (n values from a to b)", shown)
		}
		v, err := nums(parts[:2])
		if err != nil {
			return f, err
		}
		n, err := strconv.Atoi(strings.TrimSpace(parts[2]))
		if err != nil || n < 1 || n > MaxValues {
			msg := fmt.Sprintf("--vary %s: a range is KEY=a:b:n, n values from a to b, and n must be a whole number from 1 to %d", shown, MaxValues)
			if strings.EqualFold(strings.TrimSpace(parts[2]), "log") {
				msg += " (KEY=a:b:log, drawn log-uniformly, is for --design lhs)"
			}
			// Written start:step:stop (as in MATLAB, Julia or NetLogo's
			// [start step stop]), say how to write it here.
			if stop, err := strconv.ParseFloat(strings.TrimSpace(parts[2]), 64); err == nil && v[1] > 0 && stop > v[0] {
				if steps := (stop - v[0]) / v[1]; math.Abs(steps-math.Round(steps)) < 1e-9 && steps < MaxValues {
					msg += fmt.Sprintf(" (not start:step:stop: for %s to %s in steps of %s, write %s:%s:%d)", parts[0], parts[2], parts[1], parts[0], parts[2], int(math.Round(steps))+1)
				}
			}
			return f, errors.New(msg)
		}
		if n == 1 {
			// a:b:1 with b other than a is refused on a command line
			// (CheckGiven), but a folder written before may record it.
			f.Values = []float64{v[0]}
			return f, nil
		}
		if math.IsInf(v[1]-v[0], 0) {
			return f, fmt.Errorf("--vary %s: the range is too wide to divide", shown)
		}
		if v[0] == v[1] {
			return f, fmt.Errorf("--vary %s: the range starts and ends at %g, so its %d values would be the same; give n = 1, or a wider range", shown, v[0], n)
		}
		f.Values = GridValues(v[0], v[1], n)
		up := v[1] > v[0] // a:b:n may run down (25:5:3 is 25, 15, 5)
		for i := 1; i < n; i++ {
			if up && f.Values[i] <= f.Values[i-1] || !up && f.Values[i] >= f.Values[i-1] {
				return f, fmt.Errorf("--vary %s: its %d values differ only past 12 significant figures (%v and %v); give a wider range, or fewer values", shown, n, f.Values[i-1], f.Values[i])
			}
		}
		return f, nil
	}
	if n := strings.Count(values, ",") + 1; n > MaxValues {
		return f, fmt.Errorf("--vary %s: at most %d values, got %d", shown, MaxValues, n)
	}
	v, err := nums(strings.Split(values, ","))
	if err != nil {
		return f, err
	}
	for i := range v {
		if j := slices.Index(v[:i], v[i]); j >= 0 {
			return f, fmt.Errorf("--vary %s: value %d repeats value %d (%g); a sweep's values must differ", shown, i+1, j+1, v[i])
		}
	}
	f.Values = v
	return f, nil
}

// GridValues are the n ≥ 2 evenly spaced values of a:b:n, a ≠ b (a > b
// runs down): a, then a + i(b-a)/(n-1) rounded to 12 significant figures
// of the range's larger end, max(|a|,|b|) (roundTo), so that 0:0.7:8
// gives 0.1, 0.2, 0.3 as a list of the same decimals would, and not
// 0.29999999999999993, and -0.1:0.2:4 gives 0, not 1.4e-17; a value that
// comes out a whole number (below 2^53) is kept as it is, so that
// 1:10000000000001:3 gives 5000000000001. The last is exactly b. Values
// closer than that may round to the same number: the caller checks.
func GridValues(a, b float64, n int) []float64 {
	scale := math.Max(math.Abs(a), math.Abs(b))
	out := make([]float64, n)
	for i := range n {
		x := a + float64(i)*(b-a)/float64(n-1)
		if x != math.Trunc(x) || math.Abs(x) >= 1<<53 {
			x = roundTo(x, scale)
		}
		out[i] = x
	}
	out[0], out[n-1] = a, b
	return out
}

// roundTo rounds x to the 12 significant figures of scale > 0: to a
// multiple of 10^(e-11), where e is scale's decimal exponent. Unlike
// Round12, a value near 0 in a range about 0 becomes 0.
func roundTo(x, scale float64) float64 {
	if scale == 0 || math.IsInf(scale, 0) || math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	e, err := strconv.Atoi(strings.SplitN(strconv.FormatFloat(scale, 'e', 11, 64), "e", 2)[1])
	if err != nil {
		return x
	}
	var s string
	if prec := 11 - e; prec >= 0 {
		s = strconv.FormatFloat(x, 'f', prec, 64) // exact decimal rounding
	} else { // scale ≥ 1e12: a whole multiple of 10^-prec
		unit, err := strconv.ParseFloat("1e"+strconv.Itoa(-prec), 64) // exactly as a literal would be
		if err != nil {
			return x
		}
		s = strconv.FormatFloat(math.Round(x/unit), 'f', 0, 64) + "e" + strconv.Itoa(-prec)
	}
	r, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return x
	}
	return r
}

// Round12 rounds v to 12 significant figures: the decimals a user wrote
// or expects, without the last bits floating-point arithmetic adds (0.3,
// not 0.29999999999999993). Sensitivity's ranges are rounded so; grid
// values are rounded relative to their range (GridValues).
func Round12(v float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 12, 64), 64)
	if err != nil {
		return v // ±Inf, NaN and numbers near the largest float are left as they are
	}
	return r
}

// CheckInteger makes sure an integer key gets whole values: grid values
// must be whole; a Latin hypercube's range is rounded when sampled.
func (f *Factor) CheckInteger() error {
	if !f.Integer {
		return nil
	}
	shown := f.Spec // as Parse's messages show it: quoted only if it holds a control character
	if strings.ContainsFunc(shown, unicode.IsControl) {
		shown = strconv.Quote(shown)
	}
	for _, v := range f.Values {
		if v != math.Trunc(v) {
			return fmt.Errorf("--vary %s: %s takes whole numbers, got %v", shown, f.Key, v)
		}
	}
	return nil
}

// Grid returns every combination of the factors' values: the first factor
// varies slowest.
func Grid(factors []Factor) [][]float64 {
	points := [][]float64{{}}
	for _, f := range factors {
		var next [][]float64
		for _, p := range points {
			for _, v := range f.Values {
				next = append(next, append(append([]float64{}, p...), v))
			}
		}
		points = next
	}
	return points
}

// LatinHypercube draws n points: each factor's range is cut into n equal
// strata, each stratum is used once, and strata are matched across factors
// by independent random permutations. The draws come from a stream of its
// own derived from the master seed, so the design is the same for every
// shard and every rerun. A Log factor's strata are equal on the
// logarithms of its range (Lo·(Hi/Lo)^u, u drawn as another factor's
// share of its range; portable arithmetic, so the same bits on every
// machine). Integer factors are rounded to the nearest whole number
// within the range.
func LatinHypercube(factors []Factor, n int, seed uint64) [][]float64 {
	r := sim.NewStream(seed, "design/lhs")
	points := make([][]float64, n)
	for i := range points {
		points[i] = make([]float64, len(factors))
	}
	for j, f := range factors {
		perm := make([]int, n)
		for i := range perm {
			perm[i] = i
		}
		for i := n - 1; i > 0; i-- { // Fisher–Yates
			k := r.IntN(i + 1)
			perm[i], perm[k] = perm[k], perm[i]
		}
		for i := range n {
			at := float64(perm[i]) + r.Float64()
			x := f.Lo + (f.Hi-f.Lo)*at/float64(n)
			switch {
			case f.Log:
				x = math.Min(f.Lo*portable.Pow(f.Hi/f.Lo, at/float64(n)), f.Hi)
			case math.IsInf(x, 0): // a range near the largest float: divide first
				x = f.Lo + float64((f.Hi-f.Lo)*(at/float64(n)))
			}
			if f.Integer {
				x = math.Min(math.Max(math.Round(x), math.Ceil(f.Lo)), math.Floor(f.Hi))
			}
			points[i][j] = x
		}
	}
	return points
}
