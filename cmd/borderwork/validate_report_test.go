package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/flee"
	"github.com/borderwork/borderwork/internal/foldertest"
	"github.com/borderwork/borderwork/output"
)

// TestValidateFleeReport: a validation against a Flee case writes
// report.md, recorded in the manifest, whose fit table gives fit.csv's
// mean and interval of each measure, and whose table of the last day gives
// each camp's observed and simulated population as validation.csv has
// them, dated from the case's start.
func TestValidateFleeReport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	scenario := filepath.Join(dir, "tiny.toml")
	mustRun(t, "import", "flee", "--out", scenario, fleeCase)
	out := filepath.Join(dir, "out")
	mustRun(t, "validate", scenario, "--data", fleeCase, "--reps", "3", "--formats", "png", "--quiet", "--out", out)
	b, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	report := string(b)
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	if m.Report == nil || m.Report.File != "report.md" {
		t.Errorf("the manifest's report is %+v; want report.md", m.Report)
	}
	num := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	four := func(s string) string { return strconv.FormatFloat(num(s), 'f', 4, 64) }
	_, fit := foldertest.ReadCSV(t, filepath.Join(out, "fit.csv")) // measure, replicates, mean, sd, lo, hi
	if len(fit) != int(flee.NumMeasures) {
		t.Fatalf("fit.csv has %d rows", len(fit))
	}
	for _, r := range fit {
		row := "|" + r[0] + "|" + four(r[2]) + "|[" + four(r[4]) + ", " + four(r[5]) + "]|\n"
		if !strings.Contains(report, row) {
			t.Errorf("report.md lacks the fit row %q:\n%s", row, report)
		}
	}
	d, err := flee.ReadFigureData(filepath.Join(out, "validation.csv"))
	if err != nil {
		t.Fatal(err)
	}
	last := d.Days - 1
	if heading := "## Camps on the last day (day " + strconv.Itoa(last) + ", " + d.DateOf(last) + ")"; d.Start == "" || !strings.Contains(report, heading) {
		t.Errorf("report.md lacks %q:\n%s", heading, report)
	}
	for ci, c := range d.Camps {
		s := d.Simulated[ci]
		row := "|" + output.Literal(c) + "|" + output.FormatCount(d.Observed[ci][last]) + "|" + output.FormatCount(s.Mean[last]) +
			" [" + output.FormatCount(s.Lo[last]) + ", " + output.FormatCount(s.Hi[last]) + "]|"
		if !strings.Contains(report, row) {
			t.Errorf("report.md lacks the camp row %q:\n%s", row, report)
		}
	}
	for _, want := range []string{"(figures/error.png)", "it tests the movement rules and the geography, not borderwork's harms", "- Command: `" + m.CommandLine + "`"} {
		if !strings.Contains(report, want) {
			t.Errorf("report.md lacks %q", want)
		}
	}
}
