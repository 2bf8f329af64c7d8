package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestMorrisReportNamesSDAsTheFigures: a Morris folder's report.md names
// the spread of the elementary effects as its figures do, "sd" (a PDF's
// font has no σ, which a PDF figure prints as "sd"), and says what it is,
// the figures' vertical axis; it once wrote σ where every figure's axis,
// its dotted line "sd = µ*" and its PDF said sd, leaving a reader of
// the two to guess that they were one measure.
func TestMorrisReportNamesSDAsTheFigures(t *testing.T) {
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
	// σ only where the report says that it is sd, for a reader of
	// docs/SENSITIVITY.md.
	defined := regexp.MustCompile(`\n- sd is the standard deviation of the elementary effects, their spread: the figures' vertical axis \(σ in docs/SENSITIVITY.md[^\n]*\n`)
	if !defined.MatchString(report) {
		t.Errorf("report.md does not say what sd is")
	}
	if rest := defined.ReplaceAllString(report, "\n"); strings.Contains(rest, "σ") {
		t.Errorf("report.md writes σ, which its figures write sd:\n%s", regexp.MustCompile(`[^\n]*σ[^\n]*`).FindAllString(rest, -1))
	}
	if !strings.Contains(report, "sd/µ* ") {
		t.Errorf("report.md gives no sd/µ* of a parameter whose effect depends on the others")
	}
	svg, err := os.ReadFile(filepath.Join(out, "figures", "mu_star_sigma_trapped_person_days_closed.svg"))
	if err != nil {
		t.Fatal(err)
	}
	for _, axis := range []string{"spread of elementary effects, sd", "sd = µ*"} {
		if !strings.Contains(string(svg), axis) {
			t.Errorf("the figure no longer says %q, which report.md follows", axis)
		}
	}
}
