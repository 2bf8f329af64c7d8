package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/data"
	"github.com/borderwork/borderwork/output"
)

const dtmData = "../../data/dtm-niger"

// smallFlowValidation runs validate on agadez2016 to September 2016 with
// a few draws.
func smallFlowValidation(out string, extra ...string) []string {
	return append([]string{"validate", "agadez2016", "--data", dtmData, "--days", "280", "--draws", "8", "--accept", "2", "--reps", "1", "--formats", "svg", "--out", out}, extra...)
}

func TestValidateFlows(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "v")
	status, stdout, stderr := runCLI(t, smallFlowValidation(out)...)
	if status != 0 {
		t.Fatalf("validate: status %d\n%s%s", status, stdout, stderr)
	}
	for _, want := range []string{"calibrated on the counts before 2016-08-01 (8 draws, 2 kept), predicted after it under closed", "inflow_level", "predicted", "baseline", "Wrote " + out + ": tables, 2 figure files, report.md.\n",
		"kept draws: median", "unweighted, they sample the prior cut to that box, not an ABC posterior.",
		// Numbers with their units: the parameters', and the errors' in people.
		"inflow_level (people a day)", "seasonal_peak_day (day of the year)", "model: mean abs error (people)"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("validate's output does not contain %q:\n%s", want, stdout)
		}
	}
	// The kept draws are no posterior, and the terminal does not call them one.
	if strings.Contains(stdout, "posterior median") {
		t.Errorf("validate's output calls the kept draws a posterior:\n%s", stdout)
	}
	tidyText(t, "validate's output", stdout)
	if report, err := os.ReadFile(filepath.Join(out, "report.md")); err != nil {
		t.Error(err)
	} else {
		tidyText(t, "report.md", string(report))
		// It shows the figures drawn, and every file it links exists.
		links := regexp.MustCompile(`\]\((figures/[^)]+)\)`).FindAllStringSubmatch(string(report), -1)
		var linked []string
		for _, l := range links {
			linked = append(linked, l[1])
			if _, err := os.Stat(filepath.Join(out, l[1])); err != nil {
				t.Errorf("report.md links %s: %v", l[1], err)
			}
		}
		if want := []string{"figures/flows-outgoing.svg", "figures/flows-incoming.svg"}; !slices.Equal(linked, want) {
			t.Errorf("report.md links %v; want %v", linked, want)
		}
	}
	want := []string{"draws.csv", "figures/flows-incoming.svg", "figures/flows-outgoing.svg", "harms.csv", "manifest.json", "monthly.csv", "posterior.csv", "report.md", "rows.csv", "scenario.toml", "scores.csv"}
	if got := files(t, out); !slices.Equal(got, want) {
		t.Errorf("validate wrote %v; want %v", got, want)
	}
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	// 2 kept draws × 1 replicate × 4 regimes.
	if m.Command != "validate" || len(m.Runs) != 8 || len(m.Tables) != 7 || len(m.Figures) != 2 || !m.Complete || !strings.Contains(m.CommandLine, "--draws 8 --accept 2") {
		t.Errorf("manifest: command %q, %d runs, %d tables, %d figures, complete %v, %q", m.Command, len(m.Runs), len(m.Tables), len(m.Figures), m.Complete, m.CommandLine)
	}
	// Each run's params are a kept draw's values, in draws.csv's column
	// order, as OUTPUTS.md says: the join by values finds its row.
	params := []string{"inflow_level", "seasonal_amplitude", "seasonal_peak_day", "return_share", "documented"}
	draws, err := output.ReadTable(filepath.Join(out, "draws.csv"), append([]string{"accepted_rank"}, params...)...)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range m.Runs {
		found := 0
		for i := range draws.Rows {
			same := len(r.Params) == len(params)
			for j, p := range params {
				v, err := strconv.ParseFloat(draws.Cell(i, p), 64)
				same = same && err == nil && v == r.Params[j]
			}
			if same {
				found++
				if draws.Cell(i, "accepted_rank") == "" {
					t.Errorf("run %d's params %v are those of draw row %d, which was not kept", r.ID, r.Params, i)
				}
			}
		}
		if found != 1 {
			t.Errorf("run %d's params %v match %d rows of draws.csv; want 1", r.ID, r.Params, found)
		}
	}
	again := filepath.Join(t.TempDir(), "v")
	if status, _, stderr := runCLI(t, smallFlowValidation(again, "--workers", "1")...); status != 0 {
		t.Fatal(stderr)
	}
	sameFolders(t, out, again)
}

// TestValidateFlowsNamesItsData: the flow figures' caption names the
// data folder given by its name, not its path (the author's own), and
// credits the counts to IOM DTM Niger only where its flows.csv is the
// bundled one: the same rows with one source title changed are someone
// else's file.
func TestValidateFlowsNamesItsData(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bundled, err := os.ReadFile(filepath.Join(dtmData, "flows.csv"))
	if err != nil {
		t.Fatal(err)
	}
	edited := filepath.Join(dir, "counts")
	if err := os.Mkdir(edited, 0o755); err != nil {
		t.Fatal(err)
	}
	header, rest, _ := strings.Cut(string(bundled), "\n")
	if err := os.WriteFile(filepath.Join(edited, "flows.csv"), []byte(header+"\n"+strings.Replace(rest, "https://", "http://", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ data, want, not string }{
		{dtmData, "data: IOM DTM Niger (dtm-niger)", dtmData},
		{edited, "data: flows.csv in counts", "IOM DTM"},
	} {
		out := filepath.Join(dir, "v"+strconv.Itoa(len(c.not)))
		args := smallFlowValidation(out)
		args[slices.Index(args, "--data")+1] = c.data
		if status, stdout, stderr := runCLI(t, args...); status != 0 {
			t.Fatalf("validate --data %s: status %d\n%s%s", c.data, status, stdout, stderr)
		}
		svg, err := os.ReadFile(filepath.Join(out, "figures", "flows-outgoing.svg"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(svg), c.want) || (c.not != "" && strings.Contains(string(svg), c.not)) {
			t.Errorf("--data %s: the figure's caption does not say %q (or says %q)", c.data, c.want, c.not)
		}
	}
}

// TestValidateFlowsMMP: an export of the Missing Migrants Project (here
// an invented one) adds mmp.csv and a section of the report.
func TestValidateFlowsMMP(t *testing.T) {
	t.Parallel()
	mmp := filepath.Join(t.TempDir(), "mmp.csv")
	invented := "Web ID,Reported Date,Total Dead and Missing,Location Description\n" +
		"1,2016-06-01,3,\"Near Dirkou, Niger\"\n" +
		"2,2016-09-01,5,\"Arlit, Niger\"\n"
	if err := os.WriteFile(mmp, []byte(invented), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "v")
	if status, stdout, stderr := runCLI(t, smallFlowValidation(out, "--mmp", mmp, "--json")...); status != 0 {
		t.Fatalf("validate --mmp: status %d\n%s%s", status, stdout, stderr)
	} else {
		var v struct {
			Scenario string `json:"scenario"`
			Split    string `json:"split"`
			Scores   map[string]map[string]map[string]struct {
				Rows int `json:"rows"`
			} `json:"scores"`
		}
		if err := json.Unmarshal([]byte(stdout), &v); err != nil || v.Split != "2016-08-01" || v.Scores["predicted"]["outgoing"]["model"].Rows != 1 {
			t.Errorf("validate --json: %v, %+v\n%s", err, v, stdout)
		}
	}
	table, err := os.ReadFile(filepath.Join(out, "mmp.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "2016-06,Niger-Libya,1,3\n2016-09,Niger-Algeria,1,5\n"; !strings.HasSuffix(string(table), want) {
		t.Errorf("mmp.csv:\n%s\nwant it to end with\n%s", table, want)
	}
	report, _ := os.ReadFile(filepath.Join(out, "report.md"))
	if !strings.Contains(string(report), "## Missing Migrants Project") {
		t.Error("report.md has no section on the Missing Migrants Project")
	}
}

func TestValidateFlowsBadInput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "v")
	noPhases := filepath.Join(dir, "classroom.toml")
	if status, stdout, _ := runCLI(t, "scenarios", "show", "classroom"); status != 0 {
		t.Fatal("scenarios show failed")
	} else if err := os.WriteFile(noPhases, []byte(stdout), 0o644); err != nil {
		t.Fatal(err)
	}
	// Flow counts with no row, and with none inside the run.
	headerOnly, later := filepath.Join(dir, "header"), filepath.Join(dir, "later")
	header := strings.Join(data.FlowColumns, ",") + "\n"
	for d, body := range map[string]string{headerOnly: header, later: header + "2030-01-01,2030-01-31,total,5,5,https://example.org,R,\n"} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "flows.csv"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		args []string
		want string
	}{
		{smallFlowValidation(out, "--accept", "9"), "--accept must be a count in [1, 8] (--draws), got 9"},
		{smallFlowValidation(out, "--draws", "1"), "--draws must be a count in [2, 1000000]"},
		{smallFlowValidation(out, "--regime", "strict"), `--regime: unknown regime "strict"`},
		{smallFlowValidation(out, "--mmp", filepath.Join(dir, "none.csv")), "--mmp: " + filepath.Join(dir, "none.csv") + ": no such file"},
		{[]string{"validate", "agadez2016", "--data", headerOnly, "--out", out}, filepath.Join(headerOnly, "flows.csv") + ": no rows after the header"},
		{[]string{"validate", "agadez2016", "--data", later, "--out", out}, filepath.Join(later, "flows.csv") + ": no row lies wholly within the run's 731 days from 2016-01-01 (the scenario's start and days; --days sets the days)"},
		{[]string{"validate", "mali2012", "--data", fleeCase, "--draws", "5", "--out", out}, "--draws is for a folder of flow counts"},
		{[]string{"validate", noPhases, "--data", dtmData, "--out", out}, noPhases + ": start: give the date of day 0"},
	}
	for _, tt := range tests {
		status, _, stderr := runCLI(t, tt.args...)
		if status != 2 || !strings.Contains(stderr, tt.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%v: status %d, stderr %q; want status 2 and one line with %q", tt.args, status, stderr, tt.want)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed validate wrote its output folder")
	}
}

// TestCheckShowsPhasesAndMonitors: check's digest names a scenario's flow
// monitoring points and the phase that dates its change of regime.
func TestCheckShowsPhasesAndMonitors(t *testing.T) {
	t.Parallel()
	status, stdout, stderr := runCLI(t, "check", "agadez2016")
	if status != 0 {
		t.Fatalf("check: %s", stderr)
	}
	for _, want := range []string{
		"Flow monitoring points (2):\n  Arlit at Arlit: outgoing from Agadez; incoming from Assamaka\n",
		"Phase: from day 0 to day 212 every regime stands at admission=open, enforcement=none,",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("check agadez2016 does not print %q:\n%s", want, stdout)
		}
	}
}

// exponent is a number written with an exponent, as %g writes 2400.
var exponent = regexp.MustCompile(`\d[eE][+-]\d`)

// tidyText checks text printed for people: no line ends in spaces, and no
// number is written with an exponent ("2.4e+03" rather than "2,397").
func tidyText(t *testing.T, what, text string) {
	t.Helper()
	for i, line := range strings.Split(text, "\n") {
		if strings.TrimRight(line, " \t") != line {
			t.Errorf("%s, line %d ends in spaces: %q", what, i+1, line)
		}
		if m := exponent.FindString(line); m != "" {
			t.Errorf("%s, line %d writes a number with an exponent (%s): %q", what, i+1, m, line)
		}
	}
}
