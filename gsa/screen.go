package gsa

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
	"github.com/borderwork/borderwork/sensitivity"
)

// Screening is what Screen chose from a Morris folder.
type Screening struct {
	// Entries vary the kept parameters, each over the range it had in
	// the folder, and then leave fixed, with the reason, each parameter
	// that was among the top three on some output but did not fit in
	// --top. Later entries (--params) override them.
	Entries []Entry
	Kept    []string // the kept parameters, in the design's order
	// LeftOut are the parameters among the top three on some output that
	// were not kept, best placed first, then those among the top three by
	// µ* alone that could not be told from noise for want of trajectories
	// (Unclear).
	LeftOut []LeftOut
}

// LeftOut is a parameter that ranked high on some output of a screening
// and was not kept: Place (1 to 3) on Output, its best place (the first
// output, in the table's order, where it reaches it).
type LeftOut struct {
	Name   string
	Place  int
	Output Output
	// Unclear: Place is by µ* among every parameter, on an output where
	// the parameter's µ* lies above its own noise level but its interval
	// reaches below it, so that the screening could not place it among
	// those that matter. The interval is a bootstrap over the
	// trajectories: more of them would tell. Screening is meant not to
	// drop a parameter that matters, so such a one is named too
	// (referee 8, M4).
	Unclear bool
}

// ScreenTop is how far down each output's ranking Screen looks for
// parameters it must not drop silently: the three the command prints.
const ScreenTop = 3

// Screen chooses the top parameters of the Morris folder at dir, for a
// Sobol' analysis of them. On each output, the parameters that matter
// (clearly above their noise level and not negligible, as
// Result.Influential says) are placed by µ*: 1st, 2nd, and so on. Each
// parameter's best place over the outputs orders them: the leaders of
// some output first, then those 2nd on some output, and so on, and
// within a place by the highest µ* relative to the output's leader over
// the outputs where the parameter is above noise, then by the mean of
// those ratios over every output, noise or not, then by the design's
// order. The first top are kept, each over the range it had in dir, so
// that an analysis made from the entries does not need dir again: the
// union of each output's leaders, then of its 2nd, ..., until top are
// chosen. Parameters among the top three on some output that do not
// fit are left fixed by an entry that says so (parameters.csv's note)
// and listed in LeftOut: a Sobol' analysis of the kept parameters is
// conditional on the others at their scenario values.
//
// It stops with an error wrapping runs.ErrInterrupted if ctx ends
// while the table is checked.
func Screen(ctx context.Context, dir string, top int) (*Screening, error) {
	if top < 1 {
		return nil, runs.BadInput("--top must be at least 1, got %d", top)
	}
	m, err := output.ReadManifest(dir)
	if err != nil {
		return nil, fmt.Errorf("--screen: %w", experiment.ManifestError(dir, err))
	}
	info, err := ReadInfo(m)
	switch {
	case m.Command != "sensitivity" || err != nil:
		return nil, runs.BadInput("--screen: %s holds a %s folder, not a sensitivity analysis", dir, m.Command)
	case info.Method != Morris:
		return nil, runs.BadInput("--screen: %s holds a %s analysis; screen with --method morris first", dir, info.Method)
	case !m.Complete || (m.Sweep != nil && m.Sweep.Shard != ""):
		return nil, runs.BadInput("--screen: %s is incomplete or one shard; finish or merge it first", dir)
	}
	// The folder's word is trusted only for a table as borderwork wrote it.
	i := slices.IndexFunc(m.Tables, func(c output.Checked) bool { return c.File == morrisCSV })
	if i < 0 {
		return nil, runs.BadInput("--screen: %s: its manifest lists no %s", dir, morrisCSV)
	}
	if d, err := output.VerifyContext(ctx, dir, m.Tables[i]); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%w while checking %s", runs.ErrInterrupted, filepath.Join(dir, morrisCSV))
		}
		return nil, err
	} else if d != nil {
		d.File = filepath.Join(dir, d.File)
		return nil, runs.BadInput("--screen: %v; refusing a table borderwork did not write", d)
	}
	t, err := output.ReadTable(filepath.Join(dir, morrisCSV), morrisColumns...)
	if err != nil {
		return nil, err
	}
	params := Varied(info.Keys)
	var rows []screenRow
	var outputs []Output // in the table's order
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
		rank, err := t.Float(i, "rank")
		if err != nil {
			return nil, err
		}
		noise, err := t.Float(i, "noise_level")
		if err != nil {
			return nil, err
		}
		if !slices.Contains(outputs, o) {
			outputs = append(outputs, o)
		}
		rows = append(rows, screenRow{out: slices.Index(outputs, o), param: p, rank: int(rank), star: star, noise: noise, above: t.Cell(i, "above_noise") == "true"})
	}
	order, place, where := screenOrder(len(params), len(info.Outputs), rows)
	kept := slices.Clone(order[:min(top, len(order))])
	slices.Sort(kept) // in the design's order, as any selection is
	sc := &Screening{}
	src := "--screen " + dir
	for _, i := range kept {
		p := params[i]
		sc.Kept = append(sc.Kept, p.Name)
		sc.Entries = append(sc.Entries, Entry{Pattern: p.Name, HasRange: true, Lo: p.Lo, Hi: p.Hi, Dist: p.Dist, Source: src})
	}
	for _, i := range order[min(top, len(order)):] {
		if place[i] == 0 || place[i] > ScreenTop {
			break
		}
		l := LeftOut{Name: params[i].Name, Place: place[i], Output: outputs[where[i]]}
		sc.LeftOut = append(sc.LeftOut, l)
		sc.Entries = append(sc.Entries, Entry{Pattern: l.Name, Exclude: true,
			Source: fmt.Sprintf("%s --top %d, though %s on %s", src, top, Ordinal(l.Place), l.Output.Title())})
	}
	uplace, uwhere := unclearPlaces(len(params), rows)
	for _, i := range unclearOrder(uplace, uwhere) {
		if slices.Contains(sc.Kept, params[i].Name) || slices.ContainsFunc(sc.LeftOut, func(l LeftOut) bool { return l.Name == params[i].Name }) {
			continue
		}
		l := LeftOut{Name: params[i].Name, Place: uplace[i], Output: outputs[uwhere[i]], Unclear: true}
		sc.LeftOut = append(sc.LeftOut, l)
		sc.Entries = append(sc.Entries, Entry{Pattern: l.Name, Exclude: true,
			Source: fmt.Sprintf("%s --top %d, though %s by µ* on %s, where its interval was too wide to tell it from noise", src, top, Ordinal(l.Place), l.Output.Title())})
	}
	return sc, nil
}

// leaders is each output's largest µ*, by output index.
func leaders(rows []screenRow) map[int]float64 {
	best := map[int]float64{}
	for _, r := range rows {
		best[r.out] = max(best[r.out], r.star)
	}
	return best
}

// unclearPlaces gives each parameter its best rank by µ* (among every
// parameter) on an output where it is unclear: not above its noise level
// by its interval, yet with µ* above that level and not negligible (as
// Result.Unclear calls "wide"), and the first output where it reaches
// it; 0 where it is nowhere unclear within the top ScreenTop.
func unclearPlaces(params int, rows []screenRow) (place, where []int) {
	best := leaders(rows)
	place, where = make([]int, params), make([]int, params)
	for _, r := range rows {
		if r.above || r.rank < 1 || r.rank > ScreenTop || !(r.star > r.noise) || r.star < Negligible*best[r.out] {
			continue
		}
		if place[r.param] == 0 || r.rank < place[r.param] || (r.rank == place[r.param] && r.out < where[r.param]) {
			place[r.param], where[r.param] = r.rank, r.out
		}
	}
	return place, where
}

// unclearOrder lists the parameters with an unclear place (unclearPlaces)
// by that place, then by the output where they reach it, then by the
// design's order.
func unclearOrder(place, where []int) []int {
	var out []int
	for i, p := range place {
		if p > 0 {
			out = append(out, i)
		}
	}
	slices.SortStableFunc(out, func(a, b int) int { return cmp.Or(cmp.Compare(place[a], place[b]), cmp.Compare(where[a], where[b])) })
	return out
}

// screenRow is one row of morris.csv as Screen reads it: parameter param
// on output out (their indices), its rank there by µ*, its µ* and noise
// level, and whether it is clearly above that level.
type screenRow struct {
	out, param, rank int
	star, noise      float64 // µ* and the parameter's noise level
	above            bool
}

// screenOrder orders the parameters as Screen keeps them, from every
// row of morris.csv, and returns each one's best place among the
// parameters that matter on some output (0 if it matters on none) and
// the first output where it reaches it. outputs is the number of
// outputs the folder records, over which the tie-break's mean runs.
func screenOrder(params, outputs int, rows []screenRow) (order, place, where []int) {
	score, mean := make([]float64, params), make([]float64, params)
	best := leaders(rows)
	// A row's rank orders the output's parameters by µ*; its place counts
	// only those that matter.
	rows = slices.Clone(rows)
	slices.SortStableFunc(rows, func(a, b screenRow) int { return cmp.Or(cmp.Compare(a.out, b.out), cmp.Compare(a.rank, b.rank)) })
	place, where = make([]int, params), make([]int, params)
	placed := map[int]int{}
	for _, r := range rows {
		b := best[r.out]
		if !(b > 0) {
			continue
		}
		mean[r.param] += r.star / b / float64(outputs)
		if !r.above {
			continue
		}
		score[r.param] = max(score[r.param], r.star/b)
		if r.star < Negligible*b {
			continue
		}
		placed[r.out]++
		if n := placed[r.out]; place[r.param] == 0 || n < place[r.param] || (n == place[r.param] && r.out < where[r.param]) {
			place[r.param], where[r.param] = n, r.out
		}
	}
	order = make([]int, params)
	for i := range order {
		order[i] = i
	}
	key := func(i int) int { // matters nowhere: last
		if place[i] == 0 {
			return math.MaxInt
		}
		return place[i]
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Or(cmp.Compare(key(a), key(b)), cmp.Compare(score[b], score[a]), cmp.Compare(mean[b], mean[a]))
	})
	return order, place, where
}

// Ordinal writes a place: 1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th,
// ..., 21st, 22nd (the report names places far down a ranking).
func Ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return strconv.Itoa(n) + suffix
}

// ScreenedOther says how the scenario of the Morris folder at dir (its
// scenario.toml, as this borderwork reads and writes it) differs from s,
// the scenario an analysis made from its screening runs: the first line
// that differs, "line N of its scenario.toml is `A`, here `B`", or "" if
// they are the same.
// A ranking made on another scenario (another file, an override, other
// days) may not hold on this one.
func ScreenedOther(dir string, s *scenarios.Scenario) (string, error) {
	there, err := scenarios.Load(filepath.Join(dir, "scenario.toml"))
	if err != nil {
		return "", fmt.Errorf("--screen: %w", err)
	}
	a, err := there.Encode()
	if err != nil {
		return "", err
	}
	b, err := s.Encode()
	if err != nil {
		return "", err
	}
	if bytes.Equal(a, b) {
		return "", nil
	}
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range max(len(la), len(lb)) {
		x, y := lineAt(la, i), lineAt(lb, i)
		if x != y {
			return fmt.Sprintf("line %d of its scenario.toml is `%s`, here `%s`", i+1, x, y), nil
		}
	}
	return "", nil
}

// lineAt is lines[i], or "" past the end.
func lineAt(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return ""
}
