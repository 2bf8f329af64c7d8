package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestMorrisReportNamesSigmaAsTheFigures: a Morris folder's report.md
// names the spread of the elementary effects as its figures do, σ, as
// the literature and docs/SENSITIVITY.md do, and says what it is, the
// figures' vertical axis. Both once wrote "sd", as a PDF could not print
// σ; a report that wrote σ beside figures that said sd left a reader to
// guess that they were one measure.
func TestMorrisReportNamesSigmaAsTheFigures(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "morris")
	code, _, stderr := runCLI(t, "sensitivity", "classroom", "--trajectories", "3", "--candidates", "6", "--reps", "2", "--days", "40",
		"--regimes", "closed", "--metrics", "trapped_person_days,abuse_events", "--formats", "svg", "--out", out)
	if code != 0 {
		t.Fatalf("status %d: %s", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	report := string(b)
	if !strings.Contains(report, "\n- σ is the standard deviation of the elementary effects, their spread: the figures' vertical axis (`sigma` in `morris.csv`).") {
		t.Errorf("report.md does not say what σ is")
	}
	if sd := regexp.MustCompile(`[^\n]*\bsd\b[^\n]*`).FindAllString(report, -1); len(sd) > 0 {
		t.Errorf("report.md writes sd, which its figures write σ:\n%s", sd)
	}
	if !strings.Contains(report, "σ/µ* ") {
		t.Errorf("report.md gives no σ/µ* of a parameter whose effect depends on the others")
	}
	svg, err := os.ReadFile(filepath.Join(out, "figures", "mu_star_sigma_trapped_person_days_closed.svg"))
	if err != nil {
		t.Fatal(err)
	}
	for _, axis := range []string{"spread of elementary effects, σ", "σ = µ*"} {
		if !strings.Contains(string(svg), axis) {
			t.Errorf("the figure no longer says %q, which report.md follows", axis)
		}
	}
}

// TestSensitivityReportCaptionsItsFigures: a sensitivity report.md
// captions each figure it shows with what is plotted, in which unit,
// and what its error bars are (Morris: µ* against σ in the output's
// unit; Sobol': the indices as shares of the variance, and what a mark
// of a parameter within its noise means), as the report of
// every other command does; it once showed each under its title alone.
// "µ*" is escaped, so that it does not end the caption's emphasis.
func TestSensitivityReportCaptionsItsFigures(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"--trajectories", "3", "--candidates", "6"}, []string{
			"*Morris screening of trapped person-days under closed: each of the 103 parameters' µ\\*, the mean absolute elementary effect, against σ, the standard deviation of its elementary effects, both in person-days per unit of the parameter's normalised range;",
			"with error bars of their 95% bootstrap intervals over the 3 trajectories; the dotted line σ = µ\\*"}},
		{[]string{"--method", "sobol", "--params", "origins.Village.inflow", "--params", "posts.Post.capacity", "--samples", "8"}, []string{
			// At N = 8 a parameter is within its noise, marked with a dagger.
			"*Sobol' indices of trapped person-days under closed: the first-order index S (alone) and the total index ST (with interactions) of the 2 parameters with the largest ST, as shares of its variance, with error bars of their 95% bootstrap intervals over the N = 8 base samples; † marks a parameter within its replicate noise (the lower end of its ST interval at or below the ST that noise alone gives it, sobol.csv's noise_level).*"}},
	} {
		out := filepath.Join(t.TempDir(), "sens")
		args := append([]string{"sensitivity", "classroom", "--reps", "2", "--days", "40", "--regimes", "closed", "--metrics", "trapped_person_days", "--formats", "png", "--out", out}, tc.args...)
		if code, _, stderr := runCLI(t, args...); code != 0 {
			t.Fatalf("%v: status %d: %s", tc.args, code, stderr)
		}
		b, err := os.ReadFile(filepath.Join(out, "report.md"))
		if err != nil {
			t.Fatal(err)
		}
		report := string(b)
		if n := len(regexp.MustCompile(`\]\(figures/[^)]+\.png\)\n\n\*[^\n]+\.\*\n`).FindAllString(report, -1)); n != 1 {
			t.Errorf("%v: %d figures shown with a caption under them; want 1:\n%s", tc.args, n, report)
		}
		for _, w := range tc.want {
			if !strings.Contains(report, w) {
				t.Errorf("%v: report.md does not say %q", tc.args, w)
			}
		}
	}
}
