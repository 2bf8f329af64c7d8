package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/internal/foldertest"
)

// TestPlotKeepsTheReportOfAnotherAnalysis: plot writes a claim folder's
// report.md again, from this borderwork's analysis of the folder's runs,
// only where that analysis gives the folder's own tables. A folder an
// earlier borderwork wrote, whose analysis judged otherwise, keeps its
// report, and plot says why: plot of a claim folder written before ties
// were judged by the sign test rewrote its report to say "inconclusive"
// beside a verdicts.csv that said "no meaningful difference". A folder
// this borderwork wrote has its report written again.
func TestPlotKeepsTheReportOfAnotherAnalysis(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "claim")
	mustRun(t, "claim", "classroom", "--reps", "2", "--max-reps", "2", "--days", "60", "--formats", "svg", "--quiet", "--out", out)
	// One verdict as another analysis would have judged it.
	plotKeepsReport(t, out, "verdicts.csv", func(header []string, i int, r []string) []string {
		if i == 1 {
			v := slices.Index(header, "verdict")
			r = slices.Clone(r)
			r[v] = map[bool]string{true: "no meaningful difference", false: "inconclusive"}[r[v] == "inconclusive"]
		}
		return r
	})
	// reproduce says that the simulation reproduces and the analysis
	// does not, which a referee tells from a model that changed.
	if status, stdout, _ := runCLI(t, "reproduce", out); status != 1 || !strings.Contains(stdout, "MISMATCH verdicts.csv:2 differs when rerun (the first differing row)"+experiment.AnalysedDifferently+"\n") {
		t.Errorf("reproduce of a folder another analysis wrote: status %d; want verdicts.csv's mismatch, said to be the analysis':\n%s", status, stdout)
	}
}

// TestPlotKeepsTheReportOfAnotherSensitivityAnalysis is
// TestPlotKeepsTheReportOfAnotherAnalysis for a sensitivity folder: one
// whose morris.csv an earlier borderwork judged otherwise (a parameter
// above replicate noise or not) keeps its report.md, which this
// borderwork's analysis would have written to contradict it.
func TestPlotKeepsTheReportOfAnotherSensitivityAnalysis(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "sens")
	mustRun(t, "sensitivity", "classroom", "--method", "morris", "--trajectories", "4", "--reps", "2", "--days", "30", "--formats", "svg", "--quiet", "--out", out)
	plotKeepsReport(t, out, "morris.csv", func(header []string, i int, r []string) []string {
		if i == 1 {
			above := slices.Index(header, "above_noise")
			r = slices.Clone(r)
			r[above] = map[string]string{"true": "false", "false": "true"}[r[above]]
		}
		return r
	})
}

// TestPlotKeepsTheReportOfAnotherProgrammeAnalysis is
// TestPlotKeepsTheReportOfAnotherAnalysis for a programme folder: one
// whose channels.csv an earlier borderwork estimated otherwise (another
// interval of an effect) keeps its report.md.
func TestPlotKeepsTheReportOfAnotherProgrammeAnalysis(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "prog")
	mustRun(t, "programme", toyProgramme, "--days", "60", "--reps", "2", "--formats", "svg", "--quiet", "--out", out)
	plotKeepsReport(t, out, "channels.csv", func(header []string, i int, r []string) []string {
		if i == 1 {
			lo := slices.Index(header, "ci_low")
			r = slices.Clone(r)
			r[lo] = "-1000"
		}
		return r
	})
}

// plotKeepsReport checks that plot writes report.md of the folder out,
// which this borderwork wrote, again (in other formats), and then,
// with its table edited as edit says (foldertest.EditRows: as another
// analysis of the same runs would have written it, its checksum
// recorded), leaves report.md as it is and names the table.
func plotKeepsReport(t *testing.T, out, table string, edit func(header []string, i int, r []string) []string) {
	t.Helper()
	const said = "analyses the runs otherwise than the one that wrote the folder"
	status, stdout, stderr := runCLI(t, "plot", out, "--formats", "png")
	if status != 0 || !strings.Contains(stdout, "report.md again") || strings.Contains(stdout, said) {
		t.Fatalf("plot of this borderwork's folder: status %d; want report.md written again:\n%s%s", status, stdout, stderr)
	}
	foldertest.EditRows(t, out, table, edit)
	report := filepath.Join(out, "report.md")
	before, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	status, stdout, stderr = runCLI(t, "plot", out, "--formats", "svg")
	after, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if status != 0 || string(after) != string(before) || !strings.Contains(stdout, "Left "+report+" as it is: this borderwork "+said+" (it would write another "+table+")") {
		t.Errorf("plot of a folder another analysis wrote: status %d, report.md changed %v; want it left as it is, and why:\n%s%s", status, string(after) != string(before), stdout, stderr)
	}
}

// TestPlotWritesAValidateReportFromItsTables: a Flee-case validate
// folder keeps no runs to analyse again (its replicates' series are
// summed up in validation.csv, replicates.csv and fit.csv as they run),
// and plot writes its report.md from those tables as they are (fit.csv
// another borderwork worked out otherwise is quoted as it stands), so
// that report and tables agree without the check the analyses of claim,
// programme and sensitivity folders need (plotKeepsReport). Should its
// report come to be worked out from the runs' tables again, this test
// fails: give it that check.
func TestPlotWritesAValidateReportFromItsTables(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "val")
	mustRun(t, "validate", importTiny(t), "--data", fleeCase, "--reps", "2", "--formats", "svg", "--quiet", "--out", out)
	var measure string
	foldertest.EditRows(t, out, "fit.csv", func(header []string, i int, r []string) []string {
		if i == 1 {
			measure = r[slices.Index(header, "measure")]
			r = slices.Clone(r)
			r[slices.Index(header, "mean")] = "0.5"
		}
		return r
	})
	status, stdout, stderr := runCLI(t, "plot", out, "--formats", "png")
	report, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "|" + measure + "|0.5000|"; status != 0 || !strings.Contains(stdout, "report.md again") || !strings.Contains(string(report), want) {
		t.Errorf("plot of a validate folder whose fit.csv another borderwork wrote: status %d; want report.md written again quoting %s:\n%s%s\n%s", status, want, stdout, stderr, report)
	}
}
