package dtm

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// smallReport is report.md of the small study, with PNG figures.
func smallReport(t *testing.T) string {
	t.Helper()
	st := smallStudy(t, embedded(t), 2)
	var b strings.Builder
	if err := st.Report(&b, testManifest(), "data/dtm-niger", []string{"png"}, nil); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestReportGolden pins report.md of the small study, numbers and words:
// go test ./dtm -run TestReportGolden -update rewrites it after an
// intended change (then read the diff).
func TestReportGolden(t *testing.T) {
	got := smallReport(t)
	path := filepath.Join("testdata", "report_small.md")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test ./dtm -run TestReportGolden -update writes it)", err)
	}
	if got != string(want) {
		t.Errorf("report.md differs from %s (go test ./dtm -run TestReportGolden -update rewrites it after an intended change):\n%s", path, got)
	}
}

// TestReportSaysWhatItIs: report.md calls the calibration what it is, two
// rounds of rejection sampling whose kept draws are no ABC posterior,
// nowhere a posterior; and says, above the harms after the change, that
// only the flows were tested against data.
func TestReportSaysWhatItIs(t *testing.T) {
	report := smallReport(t)
	sections := map[string]string{}
	for _, s := range strings.Split(report, "\n## ")[1:] {
		title, body, _ := strings.Cut(s, "\n")
		sections[title] = body
	}
	tests := []struct {
		section       string
		want, notWant []string
	}{
		{"Calibration",
			[]string{"Rejection sampling in two rounds: ", KeptDrawsAre, "| median of the kept draws |"},
			[]string{"Approximate Bayesian computation by rejection", "posterior median", "part of the posterior"}},
		{"After the change",
			[]string{HarmsNotValidated},
			nil},
	}
	for _, tt := range tests {
		body, ok := sections[tt.section]
		if !ok {
			t.Fatalf("report.md has no section %q", tt.section)
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s: no %q", tt.section, w)
			}
		}
		for _, w := range tt.notWant {
			if strings.Contains(body, w) {
				t.Errorf("%s: still %q", tt.section, w)
			}
		}
	}
	// The sentence on the harms stands first, above their table.
	harms := sections["After the change"]
	if i, j := strings.Index(harms, HarmsNotValidated), strings.Index(harms, "| measure |"); i < 0 || j < 0 || i > j || strings.TrimSpace(harms[:i]) != "" {
		t.Errorf("After the change does not open with %q above the harms table:\n%s", HarmsNotValidated, harms[:min(len(harms), 400)])
	}
	// "posterior" appears only where the report says the kept draws are
	// none.
	if n, m := strings.Count(report, "posterior"), strings.Count(KeptDrawsAre, "posterior"); n != m {
		t.Errorf("report.md says posterior %d times, %d of them in what the kept draws are", n, m)
	}
}

// testManifest is the manifest the small study's report is written
// with: fixed, so that the golden does not follow the build.
func testManifest() *output.Manifest {
	return &output.Manifest{
		Tool: "borderwork", Version: "0.1.0", ModelVersion: 3, Commit: "0123456789ab", Command: "validate",
		ScenarioSource: "bundled:agadez2016", Seed: 7, Reps: 1,
		CommandLine: "borderwork validate agadez2016 --data data/dtm-niger --regime closed --seed 7 --days 280 --reps 1 --draws 16 --accept 4",
	}
}

// TestReportSaysWhatWasRun: report.md read alone names the command, the
// seed and the code behind its numbers, as every other report does.
func TestReportSaysWhatWasRun(t *testing.T) {
	report := smallReport(t)
	for _, want := range []string{
		"## What was run",
		"- Scenario: `agadez2016`, loaded from `bundled:agadez2016`",
		"- Data: the flow counts at `data/dtm-niger`",
		"- 280 days; master seed 7; 1 replicate of each kept set under closed, open.",
		"- Command: `borderwork validate agadez2016 --data data/dtm-niger --regime closed --seed 7 --days 280 --reps 1 --draws 16 --accept 4`",
		"- Written by borderwork 0.1.0, model version 3, commit 0123456789ab.",
	} {
		if !strings.Contains(report, want) {
			t.Errorf("report.md lacks %q", want)
		}
	}
}

// TestReplaceCommand: plot, drawing other formats, quotes the command
// line that draws them in report.md's "What was run", as validate with
// those formats does; a report written before it quoted one is left.
func TestReplaceCommand(t *testing.T) {
	report := smallReport(t)
	now := "borderwork validate agadez2016 --data data/dtm-niger --formats svg"
	got := ReplaceCommand(report, now)
	if !strings.Contains(got, "\n- Command: `"+now+"`\n") || strings.Count(got, "- Command: ") != 1 || len(got) != len(report)-len(testManifest().CommandLine)+len(now) {
		t.Errorf("the command replaced:\n%s", got)
	}
	old := strings.Replace(report, "- Command: ", "- Run as: ", 1)
	if ReplaceCommand(old, now) != old {
		t.Error("a report quoting no command was changed")
	}
}

// TestReportHarmsSayTheirUnits: the table of harms after the change
// gives each measure's unit (person-days, people, events or deaths), and
// its heading no longer calls every row a count of people, which
// trapped_person_days and abuse_events are not.
func TestReportHarmsSayTheirUnits(t *testing.T) {
	report := smallReport(t)
	_, harms, ok := strings.Cut(report, "\n## After the change\n")
	if !ok {
		t.Fatal("report.md has no section After the change")
	}
	harms, _, _ = strings.Cut(harms, "\n## ")
	if strings.Contains(harms, "in people") {
		t.Errorf("After the change still says its values are in people:\n%s", harms)
	}
	if !strings.Contains(harms, "| measure | unit | regime | value |") {
		t.Errorf("the harms table has no unit column:\n%s", harms)
	}
	for _, m := range Measures {
		if want := "| " + m.Name + " | " + m.Unit + " | "; !strings.Contains(harms, want) {
			t.Errorf("the harms table has no row starting %q", want)
		}
	}
}

// TestReportCountsOneDraw: with three draws the first round draws one
// parameter set, and report.md says "1 parameter set", not "1 parameter
// sets".
func TestReportCountsOneDraw(t *testing.T) {
	s, err := scenarios.Load("agadez2016")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Days = 280
	st, err := Run(context.Background(), s, embedded(t), Options{
		Regimes: []string{"closed"}, Draws: 3, Accept: 1, Replicates: 1, Seed: 7, Workers: 2, Exclude: NigerExclusions(),
	})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := st.Report(&b, testManifest(), "data/dtm-niger", nil, nil); err != nil {
		t.Fatal(err)
	}
	if want := "Rejection sampling in two rounds: 1 parameter set drawn from the prior"; !strings.Contains(b.String(), want) {
		t.Errorf("report.md does not say %q:\n%s", want, b.String())
	}
}
