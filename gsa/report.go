package gsa

import (
	"bytes"
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/sensitivity"
)

// topCount is how many parameters the report names per output.
const topCount = 3

// Num writes a measure for people: three significant figures, thousands
// separated from 1,000 on, "-" for NaN.
func Num(v float64) string {
	switch {
	case math.IsNaN(v):
		return "-"
	case math.Abs(v) >= 1000:
		return output.FormatCount(v)
	case v == 0:
		return "0"
	}
	// The decimals that leave three significant figures, from the
	// exponent of v rounded to three (exact, where math.Log10 is not).
	e := strconv.FormatFloat(math.Abs(v), 'e', 2, 64)
	exp, _ := strconv.Atoi(e[strings.IndexByte(e, 'e')+1:])
	s := fmt.Sprintf("%.*f", max(0, 2-exp), v)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// Count writes a whole number with thousands separated: "16,480".
func Count(n int) string {
	if n < 1000 && n > -1000 {
		return strconv.Itoa(n)
	}
	return output.FormatCount(float64(n))
}

// interval writes an estimate with its interval: "1,234 (1,000 to 1,400)".
func interval(e sensitivity.Estimate) string {
	return fmt.Sprintf("%s (%s to %s)", Num(e.Value), Num(e.Lo), Num(e.Hi))
}

// Leader is a parameter that matters on several outputs.
type Leader struct {
	Param int // index in the design
	Top   int // outputs on which it is among the topCount most influential, above noise
	Best  int // its best rank on any output, 1 being the first
}

// Leaders are the parameters that matter, most often first: those among
// the topCount most influential parameters above noise on at least one
// output, ordered by on how many outputs they are, then by their best
// rank, then by the design's order.
func (r *Result) Leaders() []Leader {
	byParam := map[int]*Leader{} // looked up by parameter; the list is sorted below
	var out []*Leader
	for o := range r.Info.Outputs {
		for rank, i := range r.Influential(o) {
			if rank >= topCount {
				break
			}
			l, ok := byParam[i]
			if !ok {
				l = &Leader{Param: i, Best: rank + 1}
				byParam[i] = l
				out = append(out, l)
			}
			l.Top++
			l.Best = min(l.Best, rank+1)
		}
	}
	slices.SortFunc(out, func(a, b *Leader) int {
		return cmp.Or(cmp.Compare(b.Top, a.Top), cmp.Compare(a.Best, b.Best), cmp.Compare(a.Param, b.Param))
	})
	leaders := make([]Leader, len(out))
	for i, l := range out {
		leaders[i] = *l
	}
	return leaders
}

// Sentence says in words which parameters drive output o: those that
// matter (Influential), and, when parameters with a larger estimate
// cannot be told from noise, which they are and why (Unclear), so that
// the parameter named first is never taken for the one with the largest
// estimate when it is not, and the remedy named is the one that helps.
func (r *Result) Sentence(o int) string {
	out := r.Info.Outputs[o]
	name := output.Literal(out.inSentence()) // it may name a regime of the scenario's
	if !r.Varies(o) {
		return fmt.Sprintf("%s is the same at every point of the design (%s): no parameter moves it over these ranges.", output.Capitalise(name), Num(r.Means[0][o]))
	}
	infl := r.Influential(o)
	k := len(r.Params)
	measure := "total index"
	if r.Morris != nil {
		measure = "µ*"
	}
	var b strings.Builder
	top := infl[:min(topCount, len(infl))]
	// The parameters ranked before the first that clearly matters that
	// cannot be told from noise are named, with why, up to topCount
	// (with none clear, the first topCount that cannot): the parameter
	// named first must not read as the one with the largest estimate
	// when it is not.
	wide, noisy := r.Unclear(o)
	place := map[int]int{} // looked up by parameter only
	for p, i := range r.Rank(o) {
		place[i] = p + 1
	}
	last := k + 1
	if len(top) > 0 {
		last = place[top[0]]
	}
	var aheadWide, aheadNoisy []int
	named, ahead := 0, 0
	for _, i := range r.Rank(o) {
		if place[i] >= last {
			break
		}
		if !slices.Contains(wide, i) && !slices.Contains(noisy, i) {
			continue
		}
		if ahead++; named == topCount {
			continue
		}
		if slices.Contains(wide, i) {
			aheadWide = append(aheadWide, i)
		} else {
			aheadNoisy = append(aheadNoisy, i)
		}
		named++
	}
	estimate := func(i int) string {
		if r.Morris != nil {
			return "µ* " + interval(r.Morris.MuStar[o][i])
		}
		return fmt.Sprintf("total index %s, first-order %s", interval(r.Sobol.Total[o][i]), interval(r.Sobol.First[o][i]))
	}
	// Places are shown when the parameters named are not the first by
	// the estimate: a parameter that cannot be told from noise ranks
	// between them, or before.
	places := named > 0
	for j, i := range top {
		places = places || place[i] != j+1
	}
	var clear []string
	for _, i := range top {
		e := estimate(i)
		if places {
			e += fmt.Sprintf("; %s by %s", Ordinal(place[i]), measure)
		}
		clear = append(clear, fmt.Sprintf("%s (%s)", output.CodeSpan(r.Params[i].Name), e))
	}
	switch {
	case len(clear) == 0:
		fmt.Fprintf(&b, "No parameter moves %s clearly more than noise does.", name)
	case named > 0:
		fmt.Fprintf(&b, "Ranked by %s, parameters that cannot be told from noise come before those that clearly matter for %s.", measure, name)
	}
	if named > 0 {
		b.WriteString(" " + r.unclearSentences(o, aheadWide, aheadNoisy, place))
		if ahead > named && len(top) > 0 {
			fmt.Fprintf(&b, " %d more ranked above %s cannot be told from noise either.", ahead-named, output.CodeSpan(r.Params[top[0]].Name))
		}
		b.WriteString(" ")
	}
	switch {
	case len(clear) == 0:
	case len(clear) == 1 && named > 0:
		fmt.Fprintf(&b, "Of those clearly above noise, the parameter that matters most is %s. ", clear[0])
	case named > 0:
		fmt.Fprintf(&b, "Of those clearly above noise, the parameters that matter most are %s. ", output.JoinAnd(clear))
	case len(clear) == 1:
		fmt.Fprintf(&b, "The parameter that matters most for %s is %s. ", name, clear[0])
	default:
		fmt.Fprintf(&b, "The parameters that matter most for %s are %s. ", name, output.JoinAnd(clear))
	}
	n := len(infl)
	// The others, not named: how many cannot be told from noise, and why.
	restWide, restNoisy := len(wide)-len(aheadWide), len(noisy)-len(aheadNoisy)
	var rest []string
	if restWide > 0 {
		rest = append(rest, fmt.Sprintf("%d %s above %s noise level but with too wide an interval (%s)", restWide, verb(restWide, "lies", "lie"), verb(restWide, "its", "their"), r.intervalFlag()))
	}
	if restNoisy > 0 {
		rest = append(rest, fmt.Sprintf("%d %s at or below %s noise level (`--reps`)", restNoisy, verb(restNoisy, "lies", "lie"), verb(restNoisy, "its", "their")))
	}
	if negligible := k - n - len(wide) - len(noisy); negligible > 0 {
		rest = append(rest, fmt.Sprintf("%d %s it negligibly", negligible, verb(negligible, "moves", "move")))
	}
	if n == 0 {
		text := strings.TrimSpace(b.String())
		if len(rest) > 0 {
			text += fmt.Sprintf(" Of the %s not named, %s.", verb(k-named, "parameter", "parameters"), output.JoinAnd(rest))
		}
		if r.Sobol != nil {
			// The variance's split is the output's, whether or not a
			// parameter can be told from noise on it.
			text += " " + r.firstSumSentence(o)
		}
		return text
	}
	if r.Morris != nil {
		fmt.Fprintf(&b, "%d of the %d parameters %s here: clearly above %s, with a µ* at least %g%% of the largest",
			n, k, verb(n, "matters", "matter"), verb(n, "its noise floor", "their noise floors"), 100*Negligible)
		if len(rest) > 0 {
			fmt.Fprintf(&b, "; of the others not named, %s", output.JoinAnd(rest))
		}
		b.WriteString(".")
		// A direction is said only where µ's interval excludes 0: with
		// two replicates a sign can be noise. One-way where µ is near ±µ*,
		// on balance where it is not.
		var raise, lower, raiseOnBalance, lowerOnBalance, unsure, spread []string
		for _, i := range top {
			est, star, sigma := r.Morris.Mu[o][i], r.Morris.MuStar[o][i].Value, r.Morris.Sigma[o][i].Value
			mu := est.Value
			p := output.CodeSpan(r.Params[i].Name)
			switch {
			case est.Lo > 0 && mu >= 0.8*star:
				raise = append(raise, p)
			case est.Lo > 0:
				raiseOnBalance = append(raiseOnBalance, p)
			case est.Hi < 0 && mu <= -0.8*star:
				lower = append(lower, p)
			case est.Hi < 0:
				lowerOnBalance = append(lowerOnBalance, p)
			default:
				unsure = append(unsure, p)
			}
			if star > 0 && sigma > star {
				spread = append(spread, fmt.Sprintf("%s (σ/µ* %s)", p, Num(sigma/star)))
			}
		}
		if len(raise) > 0 {
			fmt.Fprintf(&b, " Raising %s raises %s.", joinOr(raise), out.shortName())
		}
		if len(lower) > 0 {
			fmt.Fprintf(&b, " Raising %s lowers %s.", joinOr(lower), out.shortName())
		}
		if len(raiseOnBalance) > 0 {
			fmt.Fprintf(&b, " Raising %s raises %s on balance, but not everywhere in the space.", joinOr(raiseOnBalance), out.shortName())
		}
		if len(lowerOnBalance) > 0 {
			fmt.Fprintf(&b, " Raising %s lowers %s on balance, but not everywhere in the space.", joinOr(lowerOnBalance), out.shortName())
		}
		if len(unsure) > 0 {
			fmt.Fprintf(&b, " %s moves %s in no direction these runs establish (µ's interval includes 0): up in some places and down in others, or too noisily to tell.", output.Capitalise(joinOr(unsure)), out.shortName())
		}
		if len(spread) > 0 {
			fmt.Fprintf(&b, " The effects of %s depend on where the other parameters stand: they act non-linearly or through interactions.", output.JoinAnd(spread))
		}
		return b.String()
	}
	fmt.Fprintf(&b, "%d of the %d parameters %s here: a total index clearly above what replicate noise alone gives, and at least %g",
		n, k, verb(n, "matters", "matter"), Negligible)
	if len(rest) > 0 {
		fmt.Fprintf(&b, "; of the others not named, %s", output.JoinAnd(rest))
	}
	if n < k && len(wide) == 0 && len(noisy) == 0 {
		// Every other parameter moves it negligibly (the clause just
		// written): they, not "the others" again, could be fixed.
		fmt.Fprintf(&b, " and could be fixed at %s with little change to %s", verb(k-n, "its value", "their values"), out.shortName())
	}
	b.WriteString(". ")
	b.WriteString(r.firstSumSentence(o))
	return b.String()
}

// firstSumSentence says what the first-order indices of output o sum to,
// with the sum's interval, and the share of the variance it leaves to
// interactions (Sobol').
func (r *Result) firstSumSentence(o int) string {
	var b strings.Builder
	sumFirst := r.Sobol.FirstSum[o]
	// The true indices sum to at most 1; the estimates, each with its
	// noise, need not, and a clamped 0% or 100% would pass for a finding.
	// The sum's interval is the bootstrap's, over the same resamples of
	// base rows as the indices'.
	if v := sumFirst.Value; v < 0 || v > 1 {
		fmt.Fprintf(&b, "The first-order indices sum to %s, outside [0, 1], where the true indices' sum lies: the estimates' noise is larger than the share of the variance that comes from interactions between parameters, which these runs therefore do not measure.", interval(sumFirst))
	} else {
		// 1 − ΣS holds the replicates' noise too, which the indices'
		// variance of the means includes (docs/SENSITIVITY.md).
		// The share's interval is said only where the sum's lies in
		// [0, 1]: a share of -40% to 120% would read as a finding.
		share := fmt.Sprintf("about %.0f%% of the variance (%.0f%% to %.0f%%)", 100*(1-v), 100*(1-sumFirst.Hi), 100*(1-sumFirst.Lo))
		unbounded := ""
		if !(sumFirst.Lo >= 0 && sumFirst.Hi <= 1) {
			share = fmt.Sprintf("about %.0f%% of the variance", 100*(1-v))
			unbounded = fmt.Sprintf(" The sum's interval reaches beyond [0, 1], so these runs do not bound that share; %s would narrow it.", r.moreTrajectories())
		}
		fmt.Fprintf(&b, "The first-order indices sum to %s, so %s comes from interactions between parameters or from replicate noise, whose share of the means \"Replicate noise\" gives.%s",
			interval(sumFirst), share, unbounded)
	}
	return b.String()
}

// Unclear sorts the parameters that cannot be told from noise on output
// o, not negligible, in rank order, by why. wide: the estimate lies above
// the parameter's own noise level but its interval reaches below it (or
// to 0); the interval is a bootstrap over the trajectories (Morris) or
// base samples (Sobol'), and more of them narrow it. noisy: the estimate
// itself lies at or below the noise level; more replicates lower it.
func (r *Result) Unclear(o int) (wide, noisy []int) {
	rank := r.Rank(o)
	floor := Negligible
	if r.Morris != nil {
		floor = Negligible * r.Index(o, rank[0]).Value
	}
	for _, i := range rank {
		e := r.Index(o, i)
		if r.AboveNoise(o, i) || math.IsNaN(e.Value) || e.Value <= 0 || e.Value < floor {
			continue
		}
		if e.Value > r.NoiseLevel(o, i) {
			wide = append(wide, i)
		} else {
			noisy = append(noisy, i)
		}
	}
	return wide, noisy
}

// unclearSentences names the parameters wide and noisy (Unclear) with
// their estimates, places and noise levels, and says what would tell
// them from noise.
func (r *Result) unclearSentences(o int, wide, noisy []int, place map[int]int) string {
	measure := "total index"
	if r.Morris != nil {
		measure = "µ*"
	}
	list := func(is []int) string {
		var out []string
		for _, i := range is {
			out = append(out, fmt.Sprintf("%s (%s by %s: %s, noise level %s)", output.CodeSpan(r.Params[i].Name), Ordinal(place[i]), measure, interval(r.Index(o, i)), Num(r.NoiseLevel(o, i))))
		}
		return output.JoinAnd(out)
	}
	var parts []string
	if n := len(wide); n > 0 {
		parts = append(parts, fmt.Sprintf("%s %s above %s noise %s, but %s %s, from %s, %s below: %s would tell.",
			output.Capitalise(list(wide)), verb(n, "lies", "lie"), verb(n, "its", "their"), verb(n, "level", "levels"),
			verb(n, "its", "their"), verb(n, "interval", "intervals"), r.intervalFrom(), verb(n, "reaches", "reach"), r.moreTrajectories()))
	}
	if n := len(noisy); n > 0 {
		parts = append(parts, fmt.Sprintf("%s %s at or below %s noise %s at %d replicates per point: more replicates (`--reps`) would tell.",
			output.Capitalise(list(noisy)), verb(n, "lies", "lie"), verb(n, "its", "their"), verb(n, "level", "levels"), r.Noise[o].Replicates))
	}
	// The sentence of the higher-ranked parameter first.
	if len(parts) == 2 && place[noisy[0]] < place[wide[0]] {
		parts[0], parts[1] = parts[1], parts[0]
	}
	return strings.Join(parts, " ")
}

// intervalFrom says what the intervals are bootstrapped over.
func (r *Result) intervalFrom() string {
	if r.Morris != nil {
		return fmt.Sprintf("%d trajectories", r.Info.Trajectories)
	}
	return fmt.Sprintf("%d base samples", r.Info.Samples)
}

// moreTrajectories says what narrows the intervals.
func (r *Result) moreTrajectories() string {
	if r.Morris != nil {
		return "more trajectories (" + r.intervalFlag() + ")"
	}
	return "more base samples (" + r.intervalFlag() + ")"
}

// intervalFlag is the flag that narrows the intervals.
func (r *Result) intervalFlag() string {
	if r.Morris != nil {
		return "`--trajectories`"
	}
	return "`--samples`"
}

// shortName is the output's name inside a sentence.
func (o Output) shortName() string {
	if o.Effect != "" {
		return "this effect"
	}
	return "it"
}

// verb agrees with a count.
func verb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func joinOr(items []string) string {
	if len(items) < 2 {
		return output.JoinAnd(items)
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// reportOf writes report.md of a complete folder.
// labelsLine says, of the parameters --label labelled, which label in
// the figures stands for which key, in the order of keys: the figures
// name them by the labels alone.
func labelsLine(b *bytes.Buffer, m *output.Manifest, keys []Key) {
	if m.FigureOptions == nil || len(m.FigureOptions.Labels) == 0 {
		return
	}
	var named []string
	for _, k := range keys {
		if l := m.FigureOptions.Labels[k.Name]; l != "" && k.Varied {
			named = append(named, "“"+output.Literal(l)+"” for "+output.CodeSpan(k.Name))
		}
	}
	if len(named) > 0 {
		fmt.Fprintf(b, "- Labels: the figures name %s.\n", strings.Join(named, ", "))
	}
}

func reportOf(m *output.Manifest, r *Result, drawn []experiment.Drawn) ([]byte, error) {
	info := r.Info
	var b bytes.Buffer
	method := "Morris screening"
	if info.Method == Sobol {
		method = "Sobol' indices"
	}
	fmt.Fprintf(&b, "# borderwork sensitivity: %s, %s\n\n", output.Literal(m.Scenario), method)
	b.WriteString("Which of the scenario's assumptions drive each result? docs/SENSITIVITY.md explains the method and how to read it.\n\n")
	b.WriteString("## What was run\n\n")
	source, _ := output.TextSpan(m.ScenarioSource) // the user's path: a backtick or a line break would end its span
	fmt.Fprintf(&b, "- Scenario: %s, loaded from %s; the resolved file is `scenario.toml`. %d days; master seed %d.\n", output.CodeSpan(m.Scenario), source, m.Days, m.Seed)
	fmt.Fprintf(&b, "- Written by %s.\n", runs.BuiltBy(m))
	varied, fixed := 0, map[string]int{}
	for _, k := range info.Keys {
		if k.Varied {
			varied++
		} else {
			fixed[k.Fixed]++
		}
	}
	fmt.Fprintf(&b, "- Parameters: %d of the scenario's %d numeric keys varied, each independently and uniformly over its range unless `parameters.csv` says otherwise. ", varied, len(info.Keys))
	if info.Share > 0 {
		fmt.Fprintf(&b, "Ranges not given explicitly follow the default rule: the value ±%s%%, clamped to the key's valid range. ", output.FormatFloat(100*info.Share))
	}
	if len(fixed) > 0 {
		var reasons []string
		for why, n := range fixed { // collected, then sorted
			reasons = append(reasons, fmt.Sprintf("%s: %d", why, n))
		}
		slices.Sort(reasons)
		fmt.Fprintf(&b, "Left fixed, by reason: %s.", strings.Join(reasons, ", "))
	}
	b.WriteString(" `parameters.csv` lists every key, its range and why.\n")
	labelsLine(&b, m, info.Keys)
	if d, ok := r.Design.(*sensitivity.MorrisDesign); ok {
		b.WriteString(morrisDesignLine(d, info.Level))
	} else {
		fmt.Fprintf(&b, "- Design: Saltelli's scheme for Sobol' indices, N = %d base samples (%s sequence), N(k + 2) = %s points.\n", info.Samples, info.Base, Count(r.Design.Len()))
	}
	arms := "regimes " + strings.Join(output.Literals(info.Arms), ", ")
	if len(info.Effects) > 0 {
		arms = fmt.Sprintf("the %d cells of the claim's design (%s)", len(info.Arms), strings.Join(output.Literals(info.Arms), ", "))
	}
	fmt.Fprintf(&b, "- At each point: %s, %s each; replicate r has the same seed at every point and in every cell (common random numbers): %s runs in all.\n",
		arms, words.Count(m.Reps, "replicate"), Count(len(m.Runs)))
	fmt.Fprintf(&b, "- Outputs: %d (%s); the analysis uses each point's mean over its replicates. Intervals are %g%% percentile bootstrap intervals over %d resamples.\n",
		len(info.Outputs), strings.Join(info.Metrics, ", "), 100*info.Level, info.Resamples)
	fmt.Fprintf(&b, "- Command: %s\n", output.CommandSpan(m.CommandLine))

	b.WriteString("\n## The parameters that matter\n\n")
	leaders := r.Leaders()
	if len(leaders) == 0 {
		b.WriteString("No parameter stands clearly above replicate noise on any output. Run more replicates per point (`--reps`) or widen the ranges.\n")
	} else {
		fmt.Fprintf(&b, "Across the %d outputs, these parameters are among the %d most influential on at least one, clearly above replicate noise and not negligible (most often first):\n\n", len(info.Outputs), topCount)
		for _, l := range leaders[:min(10, len(leaders))] {
			fmt.Fprintf(&b, "- %s: among the top %d on %d of %d outputs (best rank %d).\n", output.CodeSpan(r.Params[l.Param].Name), topCount, l.Top, len(info.Outputs), l.Best)
		}
		if len(leaders) > 10 {
			fmt.Fprintf(&b, "- and %d more; `%s` ranks every parameter on every output.\n", len(leaders)-10, indexTable(info))
		}
	}
	b.WriteString("\n## Output by output\n\n")
	figs := map[string]experiment.Drawn{}
	for _, d := range drawn {
		figs[d.Name] = d
	}
	for o, out := range info.Outputs {
		fmt.Fprintf(&b, "### %s\n\n%s\n\n", output.Capitalise(output.Literal(out.Title())), r.Sentence(o))
		prefix := "mu_star_sigma_"
		if info.Method == Sobol {
			prefix = "sobol_"
		}
		if d, ok := figs[prefix+out.Slug()]; ok {
			if md := d.Markdown(d.Title); md != "" {
				// The caption says what is plotted, in which unit, and
				// what the error bars are; escaped, as "µ*" would end its
				// emphasis.
				fmt.Fprintf(&b, "%s\n\n*%s.*\n\n", md, output.Literal(d.Title))
			}
		}
	}
	b.WriteString("## Replicate noise\n\nThe share of the variance that is replicate noise, per output: of one run, and of the replicate means the analysis uses. ")
	if info.Method == Morris {
		b.WriteString("The independent noise floor is the µ* that noise alone would give a parameter without effect if noise were independent between points.\n\n|output|noise share of a run|noise share of the means|independent noise floor (µ*)|\n|---|---:|---:|---:|\n")
	} else {
		b.WriteString("If noise were independent between points, a parameter without effect would read a total index of about the noise share of the means.\n\n|output|noise share of a run|noise share of the means|\n|---|---:|---:|\n")
	}
	for o, out := range info.Outputs {
		n := r.Noise[o]
		fmt.Fprintf(&b, "|%s|%.0f%%|%.0f%%|", output.Literal(out.Title()), 100*n.Share, 100*n.ShareOfMeans)
		if info.Method == Morris {
			fmt.Fprintf(&b, "%s|", Num(r.Morris.NoiseFloor[o]))
		}
		b.WriteString("\n")
	}
	b.WriteString(`
Replicate r has the same seed at every point, so the two runs of each difference the estimators use share their random draws, and the noise of a difference is usually smaller than these shares suggest: they are reference levels, usually above each parameter's own, not bounds (noise is larger at some points than at others, and a parameter whose steps fall where it is large can exceed them). Each parameter's own noise level (column ` + "`noise_level`" + ` of ` + "`" + indexTable(info) + "`" + `) is measured instead from the spread across replicates of its differences; a parameter is *clearly above noise* when the lower end of its interval lies above that level, and it *matters* when it is also not negligible (a µ* at least 1% of the largest, or a total index at least 0.01). If few parameters are above noise, run more replicates per point.

`)
	if c := r.convergenceSection(); c != "" {
		b.WriteString(c + "\n")
	}
	b.WriteString(`## Reading these results

`)
	if info.Method == Morris {
		b.WriteString(`- µ* is the mean absolute elementary effect: how much the output moves when a parameter moves by Δ of its range, in the output's units per unit of the normalised range. It ranks parameters; it is not a share of variance.
- σ is the standard deviation of the elementary effects, their spread: the figures' vertical axis (` + "`sigma`" + ` in ` + "`morris.csv`" + `). A σ above µ* (above the figures' dotted line σ = µ*) means the effect depends on where the other parameters stand (interactions) or on where in its range the parameter is (non-linearity).
- µ near +µ* or −µ* means the output moves one way only as the parameter rises; µ near 0 with a large µ* means it moves both ways. The report says a direction only where µ's 95% interval excludes 0.
`)
	} else {
		b.WriteString(`- The first-order index S is the share of the output's variance a parameter explains alone; the total index ST the share it explains with all its interactions. The true indices lie in [0, 1], with ST ≥ S, their difference the share through interactions; the estimates, with their noise, can fall below 0, exceed 1 or have ST below S: read each with its interval.
- A parameter whose total index is near 0 (or near its noise level) can be fixed anywhere in its range without changing the output.
`)
		var left []string
		for _, k := range info.Keys {
			if k.Fixed == fixedByScreen {
				left = append(left, output.CodeSpan(k.Name))
			}
		}
		b.WriteString("- The indices are conditional on every key left fixed at its value in `parameters.csv`: a varied parameter that acts through a fixed one, or together with it, can look unimportant, and 1 − ΣS counts only the interactions among the varied ones.")
		if len(left) > 0 {
			were, one := "were", "one"
			if len(left) == 1 {
				were, one = "was", "it"
			}
			fmt.Fprintf(&b, " Among the fixed keys, %s %s among the top %d on some output of the screening but beyond `--top` (`parameters.csv` says where); vary %s with `--params KEY` to see what it changes.",
				words.List(left), were, ScreenTop, one)
		}
		b.WriteString("\n")
	}
	b.WriteString(`- Everything is relative to the ranges in ` + "`parameters.csv`" + `: a wider range makes a parameter look more important. The indices describe the model under these assumptions, not the world.
`)
	return b.Bytes(), nil
}

// morrisDesignLine is report.md's line on a Morris design. Trajectories
// kept for their spread out of more candidates (Campolongo et al. 2007)
// visit the grid's edges more often than random ones, so µ* is that
// design's, above a random design's, and the bootstrap, which resamples
// the kept trajectories as if they had been drawn at random, gives
// intervals that hold a random design's µ* less often than their level
// says (docs/SENSITIVITY.md, "What the choice costs"): a reader who cites
// the report's intervals must be told. With no more candidates than
// trajectories nothing is chosen, and the line does not say it was.
func morrisDesignLine(d *sensitivity.MorrisDesign, level float64) string {
	st := d.Settings()
	grid := fmt.Sprintf("%d levels, step Δ = %s of each range: %s points.", st.Levels, Num(d.Delta()), Count(d.Len()))
	if st.Candidates <= st.Trajectories {
		return fmt.Sprintf("- Design: Morris elementary effects, %d trajectories drawn at random (none chosen among candidates), %s\n", st.Trajectories, grid)
	}
	return fmt.Sprintf("- Design: Morris elementary effects, %d trajectories kept of %d candidates for their spread, %s "+
		"Kept for their spread, they visit the grid's edges more often than random trajectories: µ* is this design's, above random trajectories' µ*, "+
		"and its intervals, which resample the kept trajectories as if drawn at random, hold random trajectories' µ* less often than %g%% of the time "+
		"(docs/SENSITIVITY.md, \"What the choice costs\"); `--candidates %d`, equal to `--trajectories`, chooses nothing.\n",
		st.Trajectories, st.Candidates, grid, 100*level, st.Trajectories)
}

func indexTable(info *Info) string {
	if info.Method == Morris {
		return morrisCSV
	}
	return sobolCSV
}
