package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/gsa"
	"github.com/borderwork/borderwork/output"
)

// smallSensitivity is a Morris screening of five keys of the small
// scenario: 4 trajectories × 6 points × 2 regimes × 2 replicates = 96
// runs.
func smallSensitivity(out string, extra ...string) []string {
	return append([]string{"sensitivity", small, "--days", "30", "--regimes", "malfunctioning,closed",
		"--params", "abuse.official_extortion,abuse.queue_effect,migrants.trapped_after_days",
		"--params", "posts.Gate.capacity", "--params", "harm_weights.death",
		"--metrics", "trapped_person_days,abuse_events,harm_index",
		"--trajectories", "4", "--candidates", "8", "--resamples", "200", "--formats", "png", "--out", out}, extra...)
}

// smallSobol is a Sobol' analysis of three keys' effects in the claim's
// design: 4 × 5 points × 8 cells × 2 replicates = 320 runs.
func smallSobol(out string, extra ...string) []string {
	return append([]string{"sensitivity", small, "--days", "30", "--method", "sobol", "--samples", "4",
		"--params", "abuse.official_extortion=0.1:1.5,factors.integrity.weak.oversight,posts.Gate.capacity=5:40:log",
		"--effects", "claim", "--metrics", "abuse_events", "--resamples", "200", "--formats", "png", "--out", out}, extra...)
}

func TestSensitivityWritesItsFolder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "morris")
	stdout := mustRun(t, smallSensitivity(out)...)
	for _, want := range []string{"Morris screening of 5 parameters", "24 points × 2 regimes × 2 replicates = 96 runs", "abuse events under malfunctioning", "Wrote " + out} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	want := []string{"manifest.json", "morris.csv", "noise.csv", "parameters.csv", "point_means.csv", "points.csv", "report.md", "scenario.toml", "summary.csv"}
	for _, m := range []string{"trapped_person_days", "abuse_events", "harm_index"} {
		for _, r := range []string{"malfunctioning", "closed"} {
			want = append(want, "figures/mu_star_sigma_"+m+"_"+r+".png")
		}
	}
	slices.Sort(want)
	if got := files(t, out); !slices.Equal(got, want) {
		t.Errorf("sensitivity wrote\n%v\nwant\n%v", got, want)
	}
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	if m.Command != "sensitivity" || !m.Complete || len(m.Runs) != 96 || len(m.Tables) != 6 || len(m.Figures) != 6 || len(m.Sensitivity) == 0 {
		t.Errorf("manifest: %s, complete %v, %d runs, %d tables, %d figures", m.Command, m.Complete, len(m.Runs), len(m.Tables), len(m.Figures))
	}
	// Replicate r has the same seed at every point and under every regime.
	seeds := map[int]uint64{}
	for _, r := range m.Runs {
		if s, ok := seeds[r.Replicate]; ok && s != r.Seed {
			t.Fatalf("replicate %d has seeds %d and %d", r.Replicate, s, r.Seed)
		}
		seeds[r.Replicate] = r.Seed
	}
	// A harm weight changes no run: with the same seeds at every point its
	// effect on trapped person-days is exactly 0, and so is its noise.
	tb, err := output.ReadTable(filepath.Join(out, "morris.csv"), "metric", "parameter", "mu_star", "noise_level", "above_noise")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for i := range tb.Rows {
		if tb.Cell(i, "parameter") != "harm_weights.death" {
			continue
		}
		switch tb.Cell(i, "metric") {
		case "trapped_person_days", "abuse_events":
			if tb.Cell(i, "mu_star") != "0" || tb.Cell(i, "noise_level") != "0" || tb.Cell(i, "above_noise") != "false" {
				t.Errorf("harm_weights.death on %s: µ* %s, noise %s, above noise %s; want 0, 0, false",
					tb.Cell(i, "metric"), tb.Cell(i, "mu_star"), tb.Cell(i, "noise_level"), tb.Cell(i, "above_noise"))
			}
			checked++
		}
	}
	if checked != 4 {
		t.Errorf("found %d rows of harm_weights.death on trapped person-days and abuse events; want 4", checked)
	}
	report, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil || !strings.Contains(string(report), "## The parameters that matter") || !strings.Contains(string(report), "figures/mu_star_sigma_abuse_events_closed.png") {
		t.Errorf("report.md lacks its sections or figures (%v)", err)
	}
	// Each parameter the terminal ranks 1st, 2nd, 3rd among those that
	// matter says its place among all, which report.md gives too.
	cell := regexp.MustCompile(`(\S+) \S+ \(#(\d+)\)`)
	places := 0
	for _, line := range strings.Split(stdout, "\n") {
		prev := 0
		for i, m := range cell.FindAllStringSubmatch(line, -1) {
			place, _ := strconv.Atoi(m[2])
			if place < i+1 || place < prev {
				t.Errorf("the terminal's row %q places %s #%d in column %d", line, m[1], place, i+1)
			}
			// report.md gives the place where it differs from the order named.
			if !strings.Contains(string(report), fmt.Sprintf("`%s` (µ* ", m[1])) || place != i+1 && !strings.Contains(string(report), "; "+gsa.Ordinal(place)+" by µ*") {
				t.Errorf("the terminal places %s #%d; report.md does not say so", m[1], place)
			}
			prev = place
			places++
		}
	}
	if places == 0 {
		t.Errorf("the terminal's table gives no parameter its place among all:\n%s", stdout)
	}
}

// TestSensitivityIsReproducible: the same bytes on any number of workers,
// and reproduce reruns the folder and finds every table the same.
func TestSensitivityIsReproducible(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, c := range []struct {
		name string
		args []string
	}{{"morris", smallSensitivity("")}, {"sobol", smallSobol("")}} {
		args := c.args
		one, three := filepath.Join(dir, c.name+"-one"), filepath.Join(dir, c.name+"-three")
		mustRun(t, append(slices.Clone(args), "--out", one, "--workers", "1")...)
		mustRun(t, append(slices.Clone(args), "--out", three, "--workers", "3")...)
		sameFolders(t, one, three)
		if status, stdout, stderr := runCLI(t, "reproduce", one); status != 0 || !strings.Contains(stdout, "byte for byte") {
			t.Errorf("reproduce: status %d\n%s\n%s", status, stdout, stderr)
		}
	}
}

// TestSensitivityShardsMergeToTheWhole: shards (runs k mod n = i) merge
// into the folder an unsharded run writes, byte for byte, figures (in the
// formats the shards record) and report included.
func TestSensitivityShardsMergeToTheWhole(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, analysis := range []func(string, ...string) []string{smallSensitivity, smallSobol} {
		whole := filepath.Join(dir, "whole")
		os.RemoveAll(whole)
		mustRun(t, analysis(whole)...)
		var shards []string
		for i := range 3 {
			s := filepath.Join(dir, "shard"+string(rune('0'+i)))
			os.RemoveAll(s)
			stdout := mustRun(t, analysis(s, "--shard", string(rune('0'+i))+"/3")...)
			if !strings.Contains(stdout, "merge the shards") {
				t.Errorf("a shard's output does not say to merge: %s", stdout)
			}
			shards = append(shards, s)
		}
		merged := filepath.Join(dir, "merged")
		os.RemoveAll(merged)
		// Without --formats: merge draws the formats the shards record.
		mustRun(t, append([]string{"merge", "--out", merged}, shards...)...)
		sameFolders(t, whole, merged)

		status, _, stderr := runCLI(t, append([]string{"merge", "--out", filepath.Join(dir, "bad")}, shards[:2]...)...)
		if status != exitUsage || !strings.Contains(stderr, "missing") {
			t.Errorf("merging two of three shards: status %d, %q", status, stderr)
		}
	}
}

// TestSensitivityResumeEqualsUninterrupted: an analysis interrupted after
// some runs (part of a point's among them) and resumed ends as the same
// bytes as one never interrupted.
func TestSensitivityResumeEqualsUninterrupted(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole")
	mustRun(t, smallSensitivity(whole)...)
	cut := filepath.Join(dir, "cut")
	status, _, stderr := runCLIInterrupted(t, 20, smallSensitivity(cut, "--workers", "2")...)
	if status != exitInterrupted {
		t.Fatalf("interrupted analysis: status %d (%s)", status, stderr)
	}
	m, _ := output.ReadManifest(cut)
	if m == nil || m.Complete || len(m.Runs) < 20 {
		t.Fatalf("interrupted analysis' manifest: %+v", m)
	}
	// Given as sweep takes it, --resume --out alone: not "a different
	// sensitivity", but the whole command, quoted; nothing written.
	before := snapshotCLI(t, cut)
	status, _, stderr = runCLI(t, "sensitivity", "--resume", "--out", cut, "--workers", "2", "--quiet")
	want := "sensitivity --resume needs the whole command, unlike sweep --resume; this completes " + cut + ": " + m.CommandLine + " --out " + cut + " --resume"
	if status != exitUsage || !strings.Contains(stderr, want) || strings.Contains(stderr, "different sensitivity") {
		t.Errorf("sensitivity --resume --out alone: status %d, %q; want 2 and %q", status, stderr, want)
	}
	if snapshotCLI(t, cut) != before {
		t.Errorf("sensitivity --resume --out alone changed %s", cut)
	}
	// The resume says what it kept and ran, as sweep --resume does: in
	// a Slurm task's log, with --quiet, nothing else does.
	resumed := mustRun(t, smallSensitivity(cut, "--workers", "2", "--resume")...)
	if mc, _ := output.ReadManifest(cut); mc == nil ||
		!strings.Contains(resumed, fmt.Sprintf("Resumed %s: %d of its %d runs kept, %d run now.\n", cut, len(m.Runs), len(mc.Runs), len(mc.Runs)-len(m.Runs))) {
		t.Errorf("the resume does not say how many runs it kept and ran:\n%s", resumed)
	}
	sameFolders(t, whole, cut)
	if out := mustRun(t, smallSensitivity(cut, "--resume")...); !strings.Contains(out, "already complete") {
		t.Errorf("resuming a complete analysis printed %q", out)
	}
	status, _, stderr = runCLI(t, smallSensitivity(whole, "--resume", "--trajectories", "5")...)
	if status != exitUsage || !strings.Contains(stderr, "different sensitivity") {
		t.Errorf("resume with other flags: status %d, %q", status, stderr)
	}
	status, _, stderr = runCLI(t, "sensitivity", "--resume", "--out", whole)
	want = "sensitivity --resume needs the whole command, unlike sweep --resume; " + whole + " holds a complete analysis, with nothing left to complete, written by: " + m.CommandLine
	if status != exitUsage || !strings.Contains(stderr, want) {
		t.Errorf("sensitivity --resume --out alone, of a complete folder: status %d, %q; want 2 and %q", status, stderr, want)
	}
}

func TestSensitivityJSON(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "s")
	stdout := mustRun(t, smallSobol(out, "--json", "--formats", "")...)
	var doc struct {
		Method  string
		Measure string
		Outputs []struct {
			Metric, Effect string
			FirstSum       *float64 `json:"first_sum"`
			FirstSumLow    *float64 `json:"first_sum_low"`
			FirstSumHigh   *float64 `json:"first_sum_high"`
			Indices        []struct {
				Parameter string
				Rank      int
				First     *float64
				Value     *float64
				TotalHalf *float64 `json:"total_half"`
			}
		}
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("--json printed no JSON: %v\n%s", err, stdout)
	}
	// The total indices at N/2 are report.md's: the largest change of
	// each output's, as its "Convergence" table gives it.
	report, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range doc.Outputs {
		best, size := "", -1.0
		for _, ix := range o.Indices {
			if ix.TotalHalf == nil || ix.Value == nil {
				t.Fatalf("--json, %s, %s: total_half %v, value %v; want both at N = 4", o.Effect, ix.Parameter, ix.TotalHalf, ix.Value)
			}
			if d := math.Abs(*ix.Value - *ix.TotalHalf); d > size {
				best, size = fmt.Sprintf("`%s`: %s at N/2, %s at N", ix.Parameter, gsa.Num(*ix.TotalHalf), gsa.Num(*ix.Value)), d
			}
		}
		if !strings.Contains(string(report), best) {
			t.Errorf("--json, %s: the largest change of a total index is %q, which report.md's Convergence does not give", o.Effect, best)
		}
	}
	if doc.Method != "sobol" || doc.Measure != "total" || len(doc.Outputs) != 4 || doc.Outputs[0].Effect != "malfunction|closure=open" || len(doc.Outputs[0].Indices) != 3 || doc.Outputs[0].Indices[0].Rank != 1 {
		t.Errorf("--json: %+v", doc)
	}
	// ΣS is the sum of the first-order indices, with an interval.
	for _, o := range doc.Outputs {
		var sum float64
		for _, ix := range o.Indices {
			if ix.First != nil {
				sum += *ix.First
			}
		}
		if o.FirstSum == nil || o.FirstSumLow == nil || o.FirstSumHigh == nil {
			t.Errorf("--json, %s: first_sum %v (%v to %v); want all three", o.Effect, o.FirstSum, o.FirstSumLow, o.FirstSumHigh)
			continue
		}
		if math.Abs(*o.FirstSum-sum) > 1e-9 || !(*o.FirstSumLow <= *o.FirstSumHigh) {
			t.Errorf("--json, %s: first_sum %v (%v to %v); the first-order indices sum to %v", o.Effect, *o.FirstSum, *o.FirstSumLow, *o.FirstSumHigh, sum)
		}
	}
}

func TestSensitivityBadInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"unknown key", []string{"--params", "abuse.queue_efect"}, []string{"--params abuse.queue_efect", "did you mean abuse.queue_effect"}},
		{"range outside valid", []string{"--params", "abuse.trip_violence=0.5:1.5"}, []string{"abuse.trip_violence", "probability"}},
		{"empty range", []string{"--params", "abuse.queue_effect=2:1"}, []string{"abuse.queue_effect", "empty"}},
		{"key at 0 named", []string{"--params", "factors.enforcement.none.patrol"}, []string{"factors.enforcement.none.patrol", "lo:hi"}},
		{"setting", []string{"--params", "days=10:20"}, []string{"days", "not an assumption"}},
		// Another spelling of a key was a second parameter setting the
		// same number, unchecked against the key's valid range.
		{"key by index", []string{"--params", "origins.Home.money_mean=100:200,origins.0.money_mean=300:400"}, []string{"origins.0.money_mean is the key origins.Home.money_mean"}},
		{"method", []string{"--method", "fast"}, []string{"--method", "fast"}},
		{"one replicate", []string{"--reps", "1"}, []string{"--reps", "at least 2"}},
		{"effect", []string{"--effects", "closure×magic"}, []string{"--effects", "closure×magic"}},
		{"regimes and effects", []string{"--effects", "claim", "--regimes", "open"}, []string{"--regimes or --effects"}},
		{"metric", []string{"--metrics", "happiness"}, []string{"--metrics", "happiness"}},
		{"metric misspelt", []string{"--metrics", "abuse_event"}, []string{"--metrics", "did you mean abuse_events?"}},
		{"effect misspelt", []string{"--effects", "closur"}, []string{"--effects", "did you mean closure?"}},
		{"sobol flag on morris", []string{"--samples", "8"}, []string{"--samples", "sobol"}},
		{"joint constraint", []string{"--params", "origins.Home.minor=0:0.9,origins.Home.sick=0:0.5"}, []string{"high end", "minor + sick + trafficked"}},
		// A decimal comma was split as entries, and the message showed
		// only "abuse.queue_effect=1": want a range, got "1".
		{"decimal comma", []string{"--params", "abuse.queue_effect=1,5:3"}, []string{"--params abuse.queue_effect=1,5:3: a comma separates entries, so 1,5 reads as two (abuse.queue_effect=1 and 5:3); write a decimal with a point, 1.5, not a comma"}},
		{"decimal comma ending a range", []string{"--params", "origins.Home.minor,abuse.queue_effect=-1:0,5"}, []string{"so 0,5 reads as two (abuse.queue_effect=-1:0 and 5); write a decimal with a point, 0.5, not a comma"}},
		{"decimal comma of a negative", []string{"--params", "abuse.queue_effect=-1,5:3"}, []string{"so -1,5 reads as two", "-1.5"}},
		{"shard", []string{"--shard", "3/3"}, []string{"--shard"}},
		{"range share", []string{"--range-share", "0"}, []string{"--range-share", "more than 0"}},
		{"params file", []string{"--params-file", "testdata/none.toml"}, []string{"--params-file", "none.toml"}},
		{"top without screen", []string{"--top", "3"}, []string{"--top", "--screen"}},
		{"screen", []string{"--screen", "testdata"}, []string{"--screen", "testdata"}},
		// 0 given is refused, not taken for the default.
		{"trajectories 0", []string{"--trajectories", "0"}, []string{"--trajectories must be a whole number, at least 2, got 0"}},
		{"levels 0", []string{"--levels", "0"}, []string{"--levels must be an even number from 2 to 100, got 0"}},
		{"levels odd", []string{"--levels", "3"}, []string{"--levels must be an even number from 2 to 100, got 3"}},
		// These panicked (makeslice) or ran out of memory drawing the design.
		{"levels huge", []string{"--levels", "1000000000"}, []string{"--levels must be an even number from 2 to 100, got 1e+09"}},
		{"levels large", []string{"--levels", "100000"}, []string{"--levels must be an even number from 2 to 100, got 100000"}},
		{"candidates 0", []string{"--candidates", "0"}, []string{"--candidates must be a whole number, at least --trajectories, got 0"}},
		{"candidates fewer", []string{"--candidates", "3", "--trajectories", "4"}, []string{"--candidates must be at least --trajectories (4), got 3"}},
		{"resamples 0", []string{"--resamples", "0"}, []string{"--resamples must be a whole number, at least 2, got 0"}},
		// Choosing among this many candidates ran out of memory, or
		// panicked (makeslice) from 10^7 on.
		{"candidates huge", []string{"--candidates", "100000"}, []string{"--candidates 100000", "of memory", "--max-memory"}},
		{"trajectories huge", []string{"--trajectories", "1000000000"}, []string{"--trajectories 1000000000: the default --candidates, 5 × r = 5000000000"}},
		{"candidates by default", []string{"--trajectories", "100000"}, []string{"--candidates 500000 (5 × --trajectories unless given)"}},
		// The bootstrap ran out of memory after every run had finished.
		{"resamples huge", []string{"--resamples", "1000000000"}, []string{"--resamples 1000000000", "of memory", "--max-memory"}},
		{"confidence 0", []string{"--confidence", "0"}, []string{"--confidence must be a level between 0 and 1, such as 0.95, got 0"}},
		{"samples 0", []string{"--method", "sobol", "--samples", "0"}, []string{"--samples must be a whole number, at least 2, got 0"}},
	}
	for _, tt := range tests {
		out := filepath.Join(t.TempDir(), "out")
		args := append([]string{"sensitivity", small, "--days", "10", "--trajectories", "2", "--out", out}, tt.args...)
		status, _, stderr := runCLI(t, args...)
		if status != exitUsage || strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
			t.Errorf("%s: status %d, stderr %q; want 2 and one line", tt.name, status, stderr)
		}
		for _, w := range tt.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%s: stderr %q does not mention %q", tt.name, stderr, w)
			}
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%s wrote %s", tt.name, out)
		}
	}
}

// TestPrintAligned: the counts of the list of parameters that matter line
// up after the longest name, however long, with no trailing spaces.
func TestPrintAligned(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	printAligned(&b, []string{"abuse.patrol", "factors.enforcement.patrolled.irregular_hazard", "µ"}, []int{12, 2, 1})
	want := "" +
		"  abuse.patrol                                    12\n" +
		"  factors.enforcement.patrolled.irregular_hazard  2\n" +
		"  µ                                               1\n"
	if b.String() != want {
		t.Errorf("printAligned wrote\n%s\nwant\n%s", b.String(), want)
	}
}

// TestSensitivityBoxErrorNamesTheEndOnce: a range whose end makes the
// scenario invalid is named once in the message, not once by the check
// and again by the key's own error.
func TestSensitivityBoxErrorNamesTheEndOnce(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	status, _, stderr := runCLI(t, "sensitivity", small, "--days", "10", "--trajectories", "2", "--out", out, "--range-share", "1e308")
	if status != exitUsage {
		t.Fatalf("status %d, stderr %q; want 2", status, stderr)
	}
	if n := strings.Count(stderr, "end of "); n != 1 {
		t.Errorf("stderr %q names the range's end %d times, want once", stderr, n)
	}
}

// TestSensitivityScreenNamesWhatItLeavesOut: --screen --top N names, on
// stderr, the parameters among the top 3 on some output it leaves fixed,
// and their notes in parameters.csv say so; a later --params KEY varies
// one of them again, and it is no longer named.
func TestSensitivityScreenNamesWhatItLeavesOut(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	morris := filepath.Join(dir, "morris")
	mustRun(t, smallSensitivity(morris)...)
	sobol := func(out string, extra ...string) (string, string) {
		args := append([]string{"sensitivity", small, "--days", "30", "--regimes", "malfunctioning,closed", "--method", "sobol", "--samples", "4",
			"--metrics", "trapped_person_days,abuse_events,harm_index", "--resamples", "50", "--formats", "", "--screen", morris, "--top", "1", "--out", out}, extra...)
		status, stdout, stderr := runCLI(t, args...)
		if status != 0 {
			t.Fatalf("status %d\n%s\n%s", status, stdout, stderr)
		}
		return stdout, stderr
	}
	_, stderr := sobol(filepath.Join(dir, "sobol"))
	if !strings.Contains(stderr, "--top 1 leaves fixed, at their scenario values,") || !strings.Contains(stderr, "The indices are conditional on those values") {
		t.Fatalf("stderr does not name the parameters left out:\n%s", stderr)
	}
	tb, err := output.ReadTable(filepath.Join(dir, "sobol", "parameters.csv"), "parameter", "varied", "note")
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for i := range tb.Rows {
		if strings.Contains(tb.Cell(i, "note"), "--top 1, though") {
			left = append(left, tb.Cell(i, "parameter"))
			if tb.Cell(i, "varied") != "false" || !strings.Contains(stderr, tb.Cell(i, "parameter")+" (") {
				t.Errorf("%s: note %q, varied %s; want fixed and named on stderr", tb.Cell(i, "parameter"), tb.Cell(i, "note"), tb.Cell(i, "varied"))
			}
		}
	}
	if len(left) == 0 {
		t.Fatal("parameters.csv marks no parameter left out by the screening")
	}
	_, stderr = sobol(filepath.Join(dir, "again"), "--params", left[0])
	if strings.Contains(stderr, left[0]+" (") {
		t.Errorf("stderr still names %s, which --params varies:\n%s", left[0], stderr)
	}
}

// TestNoteLeftOut: the parameters --screen --top leaves fixed are named in
// one sentence, those it could not tell from noise for want of
// trajectories (gsa.LeftOut.Unclear) in another, which says what would
// tell; one a later --params varies again is not named; nothing is said
// when nothing is left out.
func TestNoteLeftOut(t *testing.T) {
	t.Parallel()
	out := gsa.Output{Metric: "trapped_person_days", Regime: "closed"}
	placed := gsa.LeftOut{Name: "a.b", Place: 2, Output: out}
	unclear := gsa.LeftOut{Name: "c.d", Place: 1, Output: out, Unclear: true}
	tests := []struct {
		name          string
		left          []gsa.LeftOut
		varied        []string
		want, notWant []string
	}{
		{"both", []gsa.LeftOut{placed, unclear}, nil,
			[]string{"--top 1 leaves fixed, at their scenario values, 1 parameter among the top 3 on some output: a.b (2nd on " + out.Title() + ")",
				"also leaves fixed 1 parameter among the top 3 by µ* on some output whose µ* lies above its noise level there but whose interval was too wide to tell it from noise: c.d (1st by µ* on " + out.Title() + ")",
				"screen again with more --trajectories"}, nil},
		{"unclear alone", []gsa.LeftOut{unclear}, nil, []string{"c.d (1st by µ*"}, []string{"leaves fixed, at their scenario values"}},
		{"unclear varied again", []gsa.LeftOut{placed, unclear}, []string{"c.d"}, []string{"a.b (2nd"}, []string{"c.d", "trajectories"}},
		{"none", nil, nil, nil, []string{"leaves fixed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var keys []gsa.Key
			for _, n := range tt.varied {
				keys = append(keys, gsa.Key{Name: n, Varied: true})
			}
			var b strings.Builder
			noteLeftOut(&env{stderr: &b}, "m", 1, &gsa.Screening{LeftOut: tt.left}, keys)
			got := b.String()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("no %q in\n%s", w, got)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(got, w) {
					t.Errorf("%q in\n%s", w, got)
				}
			}
			if tt.want == nil && got != "" {
				t.Errorf("said %q; want nothing", got)
			}
		})
	}
}

// TestSensitivityResumeChecksTheFolderBeforeTheLimits: as sweep does,
// sensitivity --resume reads the folder before it checks the limits:
// another analysis's folder is refused as such, and a complete one of
// this analysis has nothing to run, whatever the limits.
func TestSensitivityResumeChecksTheFolderBeforeTheLimits(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	mustRun(t, smallSensitivity(out, "--formats", "", "--quiet", "--shard", "0/2")...)
	status, _, stderr := runCLI(t, smallSensitivity(out, "--formats", "", "--quiet", "--shard", "0/2", "--trajectories", "5", "--resume", "--max-work", "1")...)
	if status != 2 || !strings.Contains(stderr, "was written by a different sensitivity") || strings.Contains(stderr, "--max-work") {
		t.Errorf("another analysis's shard at a work limit of 1: status %d, stderr %q; want 2, naming the other analysis, not the limit", status, stderr)
	}
	status, stdout, stderr := runCLI(t, smallSensitivity(out, "--formats", "", "--quiet", "--shard", "0/2", "--resume", "--max-work", "1")...)
	if status != 0 || !strings.Contains(stdout, "is already complete: nothing to do") {
		t.Errorf("this analysis's complete shard at a work limit of 1: status %d, stdout %q, stderr %q; want 0, complete", status, stdout, stderr)
	}
	// Unsharded, with --json, the complete folder is analysed again,
	// nothing simulated: the work limit does not refuse it either.
	whole := filepath.Join(t.TempDir(), "whole")
	mustRun(t, smallSensitivity(whole, "--formats", "", "--quiet")...)
	status, stdout, stderr = runCLI(t, smallSensitivity(whole, "--formats", "", "--quiet", "--resume", "--max-work", "1", "--json")...)
	if status != 0 || !strings.Contains(stdout, `"outputs"`) {
		t.Errorf("a complete analysis reanalysed at a work limit of 1: status %d, stdout %q, stderr %q; want 0 and its results", status, stdout, stderr)
	}
}
