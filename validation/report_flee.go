package validation

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"strconv"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/flee"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
)

// FleeReport is report.md of a validate folder at dir whose data was a
// Flee case, described by its manifest m, with the figures drawn: what was
// run against which data, Flee's three error measures over replicates,
// each camp's population on the last day against UNHCR's, the figures,
// and what the comparison does and does not test. It is written from the
// folder's tables, by validate as by plot (which writes it again to show
// the figures it draws), so both write the same bytes.
func FleeReport(dir string, m *output.Manifest, drawn []experiment.Drawn) ([]byte, error) {
	// A folder written before validate recorded its data has no validate
	// section: its report says so, and plot still writes it.
	in := &Info{}
	if len(m.Validate) > 0 {
		var err error
		if in, err = ReadInfo(dir, m); err != nil {
			return nil, err
		}
	}
	if in.Regime == "" && len(m.Regimes) == 1 {
		in.Regime = m.Regimes[0]
	}
	s, err := experiment.LoadResolved(m, filepath.Join(dir, "scenario.toml"))
	if err != nil {
		return nil, err
	}
	d, err := flee.ReadFigureData(filepath.Join(dir, "validation.csv"))
	if err != nil {
		return nil, err
	}
	fit, err := output.ReadTable(filepath.Join(dir, "fit.csv"), "measure", "replicates", "mean", "lo", "hi")
	if err != nil {
		return nil, err
	}
	f := s.File
	var b bytes.Buffer
	fmt.Fprintf(&b, "# borderwork validate: %s against a Flee case\n\n", output.Literal(f.Name))
	if f.Title != "" {
		fmt.Fprintf(&b, "%s.\n\n", output.Prose(f.Title))
	}
	b.WriteString("## What was run\n\n")
	source, _ := output.TextSpan(m.ScenarioSource)
	fmt.Fprintf(&b, "- Scenario: %s, loaded from %s; the resolved file is `scenario.toml`.\n", output.CodeSpan(f.Name), source)
	if in.Data != "" {
		data, _ := output.TextSpan(in.Data)
		fmt.Fprintf(&b, "- Data: the Flee case at %s (%s, checksums in `manifest.json`): UNHCR registrations at %s, interpolated between reports.\n",
			data, words.Count(len(in.DataFiles), "file"), words.Count(len(d.Camps), "camp"))
	} else {
		fmt.Fprintf(&b, "- Data: a Flee case, which `manifest.json` does not name (no validate section): UNHCR registrations at %s, interpolated between reports.\n", words.Count(len(d.Camps), "camp"))
	}
	fmt.Fprintf(&b, "- Regime %s; %d replicates; master seed %d.\n", output.Literal(in.Regime), m.Reps, m.Seed)
	period := fmt.Sprintf("%d days", d.Days)
	if d.Start != "" {
		period += fmt.Sprintf(", day 0 being %s", d.Start)
	}
	if in.CaseDays > d.Days {
		// Flee's run.py, given a shorter simulation period, compares
		// those days too; the errors are then not the whole period's.
		period += fmt.Sprintf(": only the first %d of the Flee case's %d (sim_period.csv's Length) are compared, as Flee's run.py compares a shorter simulation period, so the errors below are means over these days and not comparable with the whole period's", d.Days, in.CaseDays)
	}
	fmt.Fprintf(&b, "- %s.\n", period)
	fmt.Fprintf(&b, "- Command: %s\n", output.CommandSpan(m.CommandLine))
	fmt.Fprintf(&b, "- Written by %s.\n", runs.BuiltBy(m))

	b.WriteString("\n## Fit\n\nFlee's three error measures of the simulated camp populations against the observed ones, each a share of refugees: each run's error is its mean over days, and the table gives the mean over replicates with its 95% confidence interval (`fit.csv`; each replicate's in `replicates.csv`). 0 is a perfect fit.\n\n")
	b.WriteString("|measure|mean|95% interval|\n|---|---:|---|\n")
	for i := range fit.Rows {
		measure := fit.Cell(i, "measure")
		mean, err1 := fit.Float(i, "mean")
		lo, err2 := fit.Float(i, "lo")
		hi, err3 := fit.Float(i, "hi")
		if err := errors.Join(err1, err2, err3); err != nil {
			return nil, err
		}
		interval := "–"
		if !math.IsNaN(lo) {
			interval = fmt.Sprintf("[%s, %s]", strconv.FormatFloat(lo, 'f', 4, 64), strconv.FormatFloat(hi, 'f', 4, 64))
		}
		fmt.Fprintf(&b, "|%s|%s|%s|\n", output.Literal(measure), strconv.FormatFloat(mean, 'f', 4, 64), interval)
	}
	b.WriteString("\n")
	for m := range flee.NumMeasures {
		fmt.Fprintf(&b, "- *%s*: %s.\n", m, m.Doc())
	}

	last := d.Days - 1
	when := fmt.Sprintf("day %d", last)
	if date := d.DateOf(last); date != "" {
		when += ", " + date
	}
	fmt.Fprintf(&b, "\n## Camps on the last day (%s)\n\nRefugees in each camp: UNHCR's count, and the simulated mean over replicates with its 95%% confidence interval (`validation.csv` gives every day).\n\n", when)
	b.WriteString("|camp|observed|simulated|simulated ÷ observed|\n|---|---:|---:|---:|\n")
	for ci, c := range d.Camps {
		obs := d.Observed[ci][last]
		sim := d.Simulated[ci]
		simulated := output.FormatCount(sim.Mean[last])
		if !math.IsNaN(sim.Lo[last]) {
			simulated += fmt.Sprintf(" [%s, %s]", output.FormatCount(sim.Lo[last]), output.FormatCount(sim.Hi[last]))
		}
		ratio := "–"
		if obs > 0 {
			ratio = strconv.FormatFloat(sim.Mean[last]/obs, 'f', 2, 64)
		}
		fmt.Fprintf(&b, "|%s|%s|%s|%s|\n", output.Literal(c), output.FormatCount(obs), simulated, ratio)
	}

	experiment.WriteFigures(&b, drawn)

	b.WriteString("\n## What this tests\n\n")
	b.WriteString("- The comparison is of where people end up in the camps, day by day: it tests the movement rules and the geography, not borderwork's harms. " +
		"Trapping, abuse and deaths are not in the data, and a good fit says nothing of them.\n")
	b.WriteString("- The observed series are interpolated between UNHCR's reports, as Flee's validation interpolates them; the figures show them every seventh day.\n")
	b.WriteString("- The intervals are of the mean over replicates of this scenario's assumptions: how precisely the replicates pin the error down, not how far the model is from the world.\n")
	experiment.WriteFleeNotes(&b, f, "What borderwork's harms mean when this scenario is run by `compare`, `claim` or `sweep`, and what the data do not test:")
	experiment.WriteSources(&b, f)
	return b.Bytes(), nil
}
