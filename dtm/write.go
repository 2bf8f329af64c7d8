package dtm

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/output/figures"
)

// Tables are the tables Write writes, in order; docs/OUTPUTS.md
// describes every column.
var Tables = []string{"rows.csv", "draws.csv", "posterior.csv", "scores.csv", "monthly.csv", "harms.csv"}

// FigureNames are the flow figures, by direction, without extension.
var FigureNames = []string{"flows-outgoing", "flows-incoming"}

// Write writes the study's tables into dir (which must exist). With
// incidents (an MMP export the user gave), it also writes mmp.csv. It
// returns the tables written, relative to dir. The figures are drawn from
// the tables (ReadFlowData), by validate as by plot.
func (st *Study) Write(dir string, incidents []Incident) (tables []string, err error) {
	writers := map[string]func(io.Writer) error{
		"rows.csv": st.writeRows, "draws.csv": st.writeDraws, "posterior.csv": st.writePosterior,
		"scores.csv": st.writeScores, "monthly.csv": st.writeMonthly, "harms.csv": st.writeHarms,
	}
	names := Tables
	if incidents != nil {
		names = append(names[:len(names):len(names)], "mmp.csv")
		writers["mmp.csv"] = func(w io.Writer) error { return writeMMP(w, incidents) }
	}
	for _, name := range names {
		if err := output.WriteFileWith(filepath.Join(dir, name), writers[name]); err != nil {
			return nil, err
		}
		tables = append(tables, name)
	}
	return tables, nil
}

func num(v float64) string { return output.FormatFloat(v) }

// writeRows writes rows.csv: every row of the data within the run, with
// its role, and for each regime the model's count over the same days
// (for a fitted row, the calibration's accepted runs; for the others, the
// forward runs), beside the baseline.
func (st *Study) writeRows(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"period_start", "period_end", "days", "direction", "observed", "lower_bound", "role", "why", "regime", "model_median", "model_lo", "model_hi", "baseline", "source_url", "line"})
	for i, r := range st.Rows {
		base := num(st.Baseline(r.Direction) * float64(r.Days()))
		common := func(regime string, b Band) []string {
			return []string{r.Start.Format(time.DateOnly), r.End.Format(time.DateOnly), strconv.Itoa(r.Days()), r.Direction.String(),
				num(r.Count), strconv.FormatBool(r.LowerBound), r.Role.String(), r.Why, regime,
				num(b.Median), num(b.Lo), num(b.Hi), base, r.Source, strconv.Itoa(r.Line)}
		}
		if r.Role == Fitted {
			cw.Write(common("calibration", st.fitBand(calIndex(st.Calibration.Rows, i))))
			continue
		}
		for g, name := range st.Prediction.Regimes {
			cw.Write(common(name, st.rowBand(g, r)))
		}
	}
	cw.Flush()
	return cw.Error()
}

func (st *Study) writeDraws(w io.Writer) error {
	cw := csv.NewWriter(w)
	head := []string{"draw"}
	for _, p := range Params {
		head = append(head, p.Name)
	}
	cw.Write(append(head, "round", "in_box", "distance", "accepted_rank"))
	rank := map[int]int{}
	for k, a := range st.Calibration.Accepted {
		rank[a] = k + 1
	}
	for i, pt := range st.Calibration.Points {
		rec := []string{strconv.Itoa(i)}
		for _, v := range pt {
			rec = append(rec, num(v))
		}
		rk := ""
		if r, ok := rank[i]; ok {
			rk = strconv.Itoa(r)
		}
		round := "1"
		if i >= st.Calibration.Round1 {
			round = "2"
		}
		cw.Write(append(rec, round, strconv.FormatBool(within(st.Calibration.Box, pt)), num(st.Calibration.Distance[i]), rk))
	}
	cw.Flush()
	return cw.Error()
}

func (st *Study) writePosterior(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"parameter", "unit", "prior_lo", "prior_hi", "box_lo", "box_hi", "median", "lo", "hi", "band", "meaning"})
	for j, p := range st.Posterior() {
		b := st.Calibration.Box[j]
		cw.Write([]string{p.Name, p.Unit, num(p.Param.Lo), num(p.Param.Hi), num(b.Lo), num(b.Hi), num(p.Median), num(p.Lo), num(p.Hi), num(st.Options.Band), p.Doc})
	}
	cw.Flush()
	return cw.Error()
}

func (st *Study) writeScores(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"rows_role", "direction", "predictor", "rows", "mean_abs_log", "factor", "mean_abs", "inside_band"})
	for _, role := range []Role{Fitted, Predicted} {
		model, base := st.Scores(role)
		// The fitted rows are scored against the kept sets' calibration
		// runs, as rows.csv's regime column says of them, not against the
		// regime that followed the change.
		predictor := "model:" + st.Options.Regime
		if role == Fitted {
			predictor = "model:calibration"
		}
		for i := range model {
			for _, s := range []struct {
				name  string
				score Score
				band  bool
			}{{predictor, model[i], true}, {"baseline", base[i], false}} {
				inside := ""
				if s.band {
					inside = strconv.Itoa(s.score.Inside)
				}
				cw.Write([]string{role.String(), s.score.Direction.String(), s.name, strconv.Itoa(s.score.Rows),
					num(s.score.MeanAbsLog), num(s.score.Factor()), num(s.score.MeanAbs), inside})
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func (st *Study) writeMonthly(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"month", "days", "direction", "regime", "median", "lo", "hi"})
	for _, m := range st.Months() {
		for d := Outgoing; d < NumDirections; d++ {
			for g, name := range st.Prediction.Regimes {
				b := st.MonthBand(g, d, m)
				cw.Write([]string{m.Start.Format("2006-01"), strconv.Itoa(m.Last - m.First + 1), d.String(), name, num(b.Median), num(b.Lo), num(b.Hi)})
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func (st *Study) writeHarms(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"regime", "measure", "unit", "median", "lo", "hi", "diff_median", "diff_lo", "diff_hi"})
	for _, h := range st.Harms() {
		cw.Write([]string{h.Regime, h.Measure.Name, h.Measure.Unit, num(h.Value.Median), num(h.Value.Lo), num(h.Value.Hi),
			num(h.Diff.Median), num(h.Diff.Lo), num(h.Diff.Hi)})
	}
	cw.Flush()
	return cw.Error()
}

func writeMMP(w io.Writer, incidents []Incident) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"month", "route", "incidents", "dead_and_missing"})
	for _, row := range MMPByMonth(incidents) {
		cw.Write([]string{row.Month.Format("2006-01"), row.Route, strconv.Itoa(row.Incidents), num(row.DeadMissing)})
	}
	cw.Flush()
	return cw.Error()
}

// MMPMonth is the incidents of one month on one route.
type MMPMonth struct {
	Month       time.Time
	Route       string
	Incidents   int
	DeadMissing float64
}

// MMPByMonth totals incidents by month and route, months in order and
// routes in the order of Routes; only months and routes with incidents.
func MMPByMonth(incidents []Incident) []MMPMonth {
	var out []MMPMonth
	for _, in := range incidents {
		i := -1
		for j, r := range out {
			if r.Month.Equal(in.Month) && r.Route == in.Route {
				i = j
			}
		}
		if i < 0 {
			out = append(out, MMPMonth{Month: in.Month, Route: in.Route})
			i = len(out) - 1
		}
		out[i].Incidents++
		out[i].DeadMissing += in.DeadMissing
	}
	routeIndex := func(r string) int {
		for i, x := range Routes {
			if x == r {
				return i
			}
		}
		return len(Routes)
	}
	slices.SortStableFunc(out, func(a, b MMPMonth) int {
		if c := a.Month.Compare(b.Month); c != 0 {
			return c
		}
		return routeIndex(a.Route) - routeIndex(b.Route)
	})
	return out
}

// FlowFigure is the study's flow figure for direction d
// (FlowData.Figure).
func (st *Study) FlowFigure(d Direction) (*figures.Figure, error) { return st.FlowData().Figure(d) }

// flowBands are the bands FlowFigure draws for direction d.
func (st *Study) flowBands(d Direction) []figures.Band { return st.FlowData().bands(d) }

func containsRole(roles []Role, r Role) bool {
	for _, x := range roles {
		if x == r {
			return true
		}
	}
	return false
}

// Report writes a summary of the study in Markdown, its folder's manifest
// m giving its command line and build: what was run, the calibration, the
// prediction's scores beside the baseline, each predicted row, the
// figures Write drew in formats (none if formats is empty), and the harms
// after the change; with incidents, the Missing Migrants Project's
// records beside the model's deaths in the desert.
func (st *Study) Report(w io.Writer, m *output.Manifest, data string, formats []string, incidents []Incident) error {
	var b strings.Builder
	o := st.Options
	split := st.Start.AddDate(0, 0, st.Split)
	// The scenario's name, the data's path and the regimes' names are the
	// user's: output.Literal keeps them from being read as markup.
	fmt.Fprintf(&b, "# %s against %s\n\n", output.Literal(st.Scenario), output.Literal(data))
	fmt.Fprintf(&b, "Day 0 is %s; the regimes part on day %d, %s. One simulated migrant stands for %s people; every count below is scaled by it, to people (or their person-days, events and deaths), not simulated migrants.\n\n",
		st.Start.Format(time.DateOnly), st.Split, split.Format(time.DateOnly), output.FormatFloat(st.PeoplePerAgent))
	// What every report says of its provenance, so that this one read
	// alone names the command and the code behind its numbers.
	source, _ := output.TextSpan(m.ScenarioSource)
	dataSpan, _ := output.TextSpan(data)
	fmt.Fprintf(&b, "## What was run\n\n- Scenario: %s, loaded from %s; the resolved file is `scenario.toml`.\n", output.CodeSpan(st.Scenario), source)
	fmt.Fprintf(&b, "- Data: the flow counts at %s (checksums in `manifest.json`).\n", dataSpan)
	regimes := make([]string, len(st.Prediction.Regimes))
	for i, r := range st.Prediction.Regimes {
		regimes[i] = output.Literal(r)
	}
	fmt.Fprintf(&b, "- %d days; master seed %d; %s of each kept set under %s.\n",
		st.Days, o.Seed, words.Count(o.Replicates, "replicate"), strings.Join(regimes, ", "))
	fmt.Fprintf(&b, "- Command: %s\n", output.CommandSpan(m.CommandLine))
	fmt.Fprintf(&b, "- Written by %s.\n\n", runs.BuiltBy(m))
	if st.Outside > 0 {
		fmt.Fprintf(&b, "%s of the data for both points together lie outside the run's %d days, from %s to %s, in part or whole, and are not compared.\n\n",
			output.Capitalise(words.Count(st.Outside, "row")), st.Days, st.Start.Format(time.DateOnly), st.Start.AddDate(0, 0, st.Days-1).Format(time.DateOnly))
	}
	cal := st.Calibration
	nOut, nIn := 0, 0
	for _, ri := range cal.Rows {
		if st.Rows[ri].Direction == Outgoing {
			nOut++
		} else {
			nIn++
		}
	}
	fmt.Fprintf(&b, "## Calibration\n\nRejection sampling in two rounds: %s drawn from the prior (a Latin hypercube, seed %d), then %d from the box around the %d closest of them (widened by %g of their range on each side, within the prior; seed %d). Each set was run once under %s up to the day before the change, with the same random numbers, and its distance to the %d rows before the change (%d outgoing, %d incoming) is the root mean square difference of the logarithms of the counts (a lower bound counts only if the run falls short of it). Kept: the %d closest of the %d draws inside the box. Distance of the closest: %.3f; of the last kept (the tolerance): %.3f.\n\n%s\n\n",
		words.Count(cal.Round1, "parameter set"), o.Seed, len(cal.Points)-cal.Round1, o.Accept, BoxMargin, o.Seed+1, output.Literal(o.Regime), len(cal.Rows), nOut, nIn, len(cal.Accepted), st.inBox(), cal.Distance[cal.Accepted[0]], cal.Epsilon, KeptDrawsAre)
	if t := cal.TouchesBox(); len(t) > 0 {
		fmt.Fprintf(&b, "**Warning:** kept draws reach the box's edge for %s: the box may cut off values as close to the counts as those kept, which the kept draws then lack.\n\n", strings.Join(t, ", "))
	}
	pct := strconv.Itoa(int(math.Round(100 * o.Band)))
	fmt.Fprintf(&b, "| parameter | prior | round 2's box | median of the kept draws | %s%% of the kept draws |\n| --- | --- | --- | --- | --- |\n", pct)
	for j, p := range st.Posterior() {
		bx := cal.Box[j]
		fmt.Fprintf(&b, "| %s (%s) | %s to %s | %s to %s | %s | %s to %s |\n", p.Name, p.Unit, sig(p.Param.Lo), sig(p.Param.Hi), sig(bx.Lo), sig(bx.Hi), sig(p.Median), sig(p.Lo), sig(p.Hi))
	}
	fmt.Fprintf(&b, "\n## Prediction\n\nThe kept sets, run forward under every regime (%s each, common random numbers), nothing refitted. The regime that happened is %s. Error: the mean over rows of |ln(predicted / observed)| (its exponential: the typical factor off), and the mean absolute difference; the baseline carries the mean count per day before the change forward. Rows are whole months after the change, each compared with the model's count over the same days; lower bounds, rows that span the change and excluded rows are not scored (why a row is excluded: `rows.csv`, column `why`). The fitted rows' scores are in-sample, given for comparison: the kept sets were chosen for fitting those rows, so their error and coverage flatter the model; the predicted rows are the test.\n\n", words.Count(o.Replicates, "replicate"), output.Literal(o.Regime))
	fmt.Fprintf(&b, "| rows | direction | rows | model: mean abs log (factor) | baseline | model: mean abs error | baseline | observed inside the model's %s%% band |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n", pct)
	for _, role := range []Role{Fitted, Predicted} {
		model, base := st.Scores(role)
		for i := range model {
			m, bs := model[i], base[i]
			fmt.Fprintf(&b, "| %s | %s | %d | %.2f (×%.1f) | %.2f (×%.1f) | %s | %s | %d of %d |\n", role, m.Direction, m.Rows,
				m.MeanAbsLog, m.Factor(), bs.MeanAbsLog, bs.Factor(), output.FormatCount(m.MeanAbs), output.FormatCount(bs.MeanAbs), m.Inside, m.Rows)
		}
	}
	fmt.Fprintf(&b, "\n| period | direction | role | observed | model: %s, median [%s%% band] |", output.Literal(o.Regime), pct)
	for _, r := range st.Prediction.Regimes {
		if r != o.Regime {
			fmt.Fprintf(&b, " %s |", output.Literal(r))
		}
	}
	fmt.Fprintf(&b, " baseline |\n| --- | --- | --- | --- | --- |%s --- |\n", strings.Repeat(" --- |", len(st.Prediction.Regimes)-1))
	ref := st.regimeIndex(o.Regime)
	for _, r := range st.Rows {
		if r.Role != Predicted && r.Role != Straddling && r.Role != Excluded {
			continue
		}
		bd := st.rowBand(ref, r)
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s [%s, %s] |", r.Label(), r.Direction, r.Role, output.FormatCount(r.Count), output.FormatCount(bd.Median), output.FormatCount(bd.Lo), output.FormatCount(bd.Hi))
		for g, name := range st.Prediction.Regimes {
			if name != o.Regime {
				fmt.Fprintf(&b, " %s |", output.FormatCount(st.rowBand(g, r).Median))
			}
		}
		fmt.Fprintf(&b, " %s |\n", output.FormatCount(st.Baseline(r.Direction)*float64(r.Days())))
	}
	st.reportFigures(&b, formats)
	fmt.Fprintf(&b, "\n## After the change\n\n%s From %s to the end of the run, each measure in its unit (people, person-days, events or deaths), median [%s%% band] across the runs; and the difference from %s, run by run.\n\n| measure | unit | regime | value | difference from %s |\n| --- | --- | --- | --- | --- |\n", HarmsNotValidated, split.Format(time.DateOnly), pct, output.Literal(o.Regime), output.Literal(o.Regime))
	hs := st.Harms()
	for _, m := range Measures {
		for _, h := range hs {
			if h.Measure.Name != m.Name {
				continue
			}
			diff := "—"
			if !math.IsNaN(h.Diff.Median) {
				diff = fmt.Sprintf("%s [%s, %s]", output.FormatCount(h.Diff.Median), output.FormatCount(h.Diff.Lo), output.FormatCount(h.Diff.Hi))
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s [%s, %s] | %s |\n", m.Name, m.Unit, output.Literal(h.Regime), output.FormatCount(h.Value.Median), output.FormatCount(h.Value.Lo), output.FormatCount(h.Value.Hi), diff)
		}
	}
	if incidents != nil {
		st.reportMMP(&b, incidents)
	}
	b.WriteString(whatItDoesNotTest)
	_, err := io.WriteString(w, b.String())
	return err
}

// whatItDoesNotTest ends report.md with the comparison's limits, as the
// Flee case's report ends with its own, so that the report read alone
// claims no more than it shows (docs/VALIDATION.md says more).
const whatItDoesNotTest = `
## What this does not test

- One seed of the whole procedure: every parameter set of the calibration is run with the same random numbers, so the kept sets are those that fit one realisation of the model's randomness, and their spread and the prediction's bands are likely narrower than over several. Another ` + "`--seed`" + ` gives other scores.
- No interval is given for the difference between the model's error and the baseline's: the monthly rows are few and not independent.
- The kept sets are constrained only by the counts before the change; a parameter that acts only after it is as uncertain as the box it was drawn from, and the prediction carries that.
- The harms after the change are the model's, not tested against data (above); the comparison is of flows at two points, not of trapping, abuse or deaths.
`

// reportFigures shows the flow figures drawn in formats, as other
// reports show theirs (experiment.Drawn.Markdown), each with a caption.
func (st *Study) reportFigures(b *strings.Builder, formats []string) {
	b.WriteString(FiguresSection(st.Options.Regime, st.Options.Band, st.Prediction.Regimes, formats))
}

// FiguresSection is the section of report.md that shows the flow
// figures drawn in formats ("" for none), of a study whose regime that
// happened is regime, with bands holding band of the runs, among
// regimes run forward.
func FiguresSection(regime string, band float64, regimes []string, formats []string) string {
	if len(formats) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n## Figures\n")
	open := "" // the figure draws open if it was run and did not happen
	if slices.Contains(regimes, "open") && regime != "open" {
		open = " and under open (no change; median)"
	}
	for d := Outgoing; d < NumDirections; d++ {
		title := fmt.Sprintf("People counted %s at the flow monitoring points, per day", d)
		drawn := experiment.Drawn{Name: FigureNames[d], Title: title, Formats: formats}
		if md := drawn.Markdown(title); md != "" {
			fmt.Fprintf(&b, "\n%s\n\n*%s: DTM's counts (each row's count over its days, at the middle of its period) beside the model under %s (median and %s%% band)%s, and the baseline. The y axis is logarithmic, because the scores are (|ln(predicted / observed)|): a factor off is the same height anywhere on it. It has no place for 0: counts of 0 are left off, and a band reaching 0 runs to its foot (the figure's caption says if any do).*\n",
				md, title, output.Literal(regime), strconv.Itoa(int(math.Round(100*band))), open)
		}
	}
	return b.String()
}

// ReplaceFiguresSection is report, a report.md Report wrote, with its
// figures' section (FiguresSection) replaced by section; false if report
// is not as Report writes it.
func ReplaceFiguresSection(report, section string) (string, bool) {
	const next = "\n## After the change\n"
	j := strings.Index(report, next)
	if j < 0 {
		return "", false
	}
	i := strings.Index(report, "\n## Figures\n")
	if i < 0 || i > j {
		i = j
	}
	return report[:i] + section + report[j:], true
}

// ReplaceCommand is report, a report.md Report wrote, quoting command
// line as the command that wrote it, as plot records it with the figures
// it draws; report as it is if it quotes none (written before it did).
func ReplaceCommand(report, commandLine string) string {
	const at = "\n- Command: "
	i := strings.Index(report, at)
	if i < 0 || i > strings.Index(report, "\n## Calibration\n") {
		return report
	}
	i += len(at)
	j := i + strings.IndexByte(report[i:], '\n')
	return report[:i] + output.CommandSpan(commandLine) + report[j:]
}

func (st *Study) reportMMP(b *strings.Builder, incidents []Incident) {
	fmt.Fprintf(b, "\n## Missing Migrants Project\n\nFrom the export given: incidents in Niger on the desert routes (data/dtm-niger/README.md), dead and missing, beside the model's deaths on the desert links (median [band]).\n\n| period | MMP: incidents | MMP: dead and missing |")
	for _, r := range st.Prediction.Regimes {
		fmt.Fprintf(b, " model: %s |", output.Literal(r))
	}
	fmt.Fprintf(b, "\n| --- | --- | --- |%s\n", strings.Repeat(" --- |", len(st.Prediction.Regimes)))
	type period struct {
		label       string
		first, last int
	}
	var periods []period
	splitDate := st.Start.AddDate(0, 0, st.Split)
	periods = append(periods, period{"before " + splitDate.Format(time.DateOnly), 0, st.Split - 1}, period{"from " + splitDate.Format(time.DateOnly), st.Split, st.Days - 1})
	for _, p := range periods {
		n, dm := 0, 0.0
		for _, in := range incidents {
			d := dayOf(st.Start, in.Month)
			if d >= p.first && d <= p.last {
				n++
				dm += in.DeadMissing
			}
		}
		fmt.Fprintf(b, "| %s | %d | %s |", p.label, n, output.FormatCount(dm))
		for g := range st.Prediction.Regimes {
			bd := st.DesertDeathsBetween(g, p.first, p.last)
			fmt.Fprintf(b, " %s [%s, %s] |", output.FormatCount(bd.Median), output.FormatCount(bd.Lo), output.FormatCount(bd.Hi))
		}
		b.WriteString("\n")
	}
	b.WriteString("\nMMP's records are incidents someone reported, not a count of deaths; the model's hazards are illustrative, not fitted to them (docs/VALIDATION.md).\n")
}

// HarmsNotValidated opens report.md's harms after the change: a
// validation report, but only its flows met data.
const HarmsNotValidated = "Only the flows at the monitoring points were tested against data (above); the harms below are the model's, from parameters those counts do not test, and are not validated."

// KeptDrawsAre says in report.md what the calibration's kept draws are,
// and what they are not: round 2 draws only inside its box, unweighted,
// so the kept draws sample the prior cut to the box. With a uniform prior
// and draws uniform on the box that is the rejection-ABC posterior at the
// tolerance only if the box holds all of it.
const KeptDrawsAre = "The kept draws are not an approximate Bayesian computation (ABC) posterior. Round 2 drew only inside its box, and the draws carry no importance weights (as in ABC-PMC) that would let them stand for the whole prior: they are a rejection sample from the prior cut to the box. They sample the ABC posterior at this tolerance only if that posterior lies wholly inside the box, which nothing guarantees; inside it, both rounds' draws are uniform, as the prior is. The table gives the kept draws' median and spread, not a posterior's."

// sig writes a parameter value with three significant digits.
func sig(v float64) string { return output.FormatValue(v) }

// inBox counts the draws inside the second round's box.
func (st *Study) inBox() int {
	n := 0
	for _, pt := range st.Calibration.Points {
		if within(st.Calibration.Box, pt) {
			n++
		}
	}
	return n
}
