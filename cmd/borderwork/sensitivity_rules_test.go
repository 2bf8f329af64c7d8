package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output"
)

// The sensitivity command under main's rules for every simulating
// command: folder safety, limits, default folder names, manifests checked
// before they are trusted, and the closing timing line.

// TestSensitivityDefaultRuleRerunsFromTheFolder: with every key the
// default rule varies (factor levels among them), the folder's own
// scenario.toml reruns it (reproduce), and shards merge to the whole.
func TestSensitivityDefaultRuleRerunsFromTheFolder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	args := func(out string, extra ...string) []string {
		return append([]string{"sensitivity", small, "--days", "20", "--trajectories", "2", "--candidates", "2",
			"--regimes", "malfunctioning,strict", "--metrics", "trapped_person_days", "--resamples", "50", "--formats", "", "--out", out}, extra...)
	}
	whole := filepath.Join(dir, "whole")
	stdout := mustRun(t, args(whole)...)
	m, err := output.ReadManifest(whole)
	if err != nil {
		t.Fatal(err)
	}
	var info struct {
		Keys []struct {
			Key       string
			Group     string
			Varied    bool
			Followers []string
		}
	}
	if err := json.Unmarshal(m.Sensitivity, &info); err != nil {
		t.Fatal(err)
	}
	followed := 0
	for _, k := range info.Keys {
		if k.Varied && k.Group == "factor" && len(k.Followers) > 0 {
			followed++
		}
	}
	if followed == 0 {
		t.Fatalf("no varied factor level has followers; the test would not test them (%s)", stdout)
	}
	if status, out, stderr := runCLI(t, "reproduce", whole); status != 0 || !strings.Contains(out, "byte for byte") {
		t.Errorf("reproduce: status %d\n%s\n%s", status, out, stderr)
	}
	var shards []string
	for i := range 2 {
		s := filepath.Join(dir, "shard"+string(rune('0'+i)))
		mustRun(t, args(s, "--shard", string(rune('0'+i))+"/2")...)
		shards = append(shards, s)
	}
	merged := filepath.Join(dir, "merged")
	mustRun(t, append([]string{"merge", "--out", merged, "--formats", ""}, shards...)...)
	sameFolders(t, whole, merged)
}

// TestSensitivityFolderSafety: a folder holding the user's files or
// another command's results is refused unless --force, which keeps the
// user's files; an interrupted rerun into a complete folder leaves it as
// it was, keeps its runs beside it and --resume completes from there;
// folders are named by DefaultOut.
func TestSensitivityFolderSafety(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	src, err := os.ReadFile(filepath.Join(startDir, small))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("small.toml", src, 0o644)
	base := []string{"sensitivity", "small.toml", "--days", "30", "--regimes", "malfunctioning",
		"--params", "abuse.official_extortion,posts.Gate.capacity", "--metrics", "trapped_person_days",
		"--trajectories", "4", "--resamples", "50", "--formats", ""}
	mustRun(t, base...)
	out := filepath.Join("out", "sensitivity-small")
	if _, err := os.Stat(filepath.Join(out, "morris.csv")); err != nil {
		t.Fatalf("the default folder is not %s: %v", out, err)
	}
	mustRun(t, append(slices.Clone(base), "--shard", "1/2")...)
	if _, err := os.Stat(filepath.Join("out", "sensitivity-small-shard-1-of-2", "summary.csv")); err != nil {
		t.Errorf("a shard's default folder: %v", err)
	}

	// The user's file: refused, then kept with --force.
	os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine"), 0o644)
	wantRefusal(t, exitUsage, "", base, "notes.txt", "--force")
	mustRun(t, append(slices.Clone(base), "--force")...)
	if b, _ := os.ReadFile(filepath.Join(out, "notes.txt")); string(b) != "mine" {
		t.Errorf("--force lost the user's file")
	}
	os.Remove(filepath.Join(out, "notes.txt"))
	// Another command's folder.
	mustRun(t, "compare", "small.toml", "--reps", "2", "--days", "10", "--formats", "", "--out", "cmp")
	wantRefusal(t, exitUsage, "", append(slices.Clone(base), "--out", "cmp"), "cmp holds a compare folder")

	// Interrupted while replacing a complete folder of more runs: the
	// folder stays, the runs go beside it, --resume finishes from there.
	more := append(slices.Clone(base), "--trajectories", "6")
	before := map[string]string{}
	for _, f := range files(t, out) {
		b, _ := os.ReadFile(filepath.Join(out, f))
		before[f] = string(b)
	}
	status, _, stderr := runCLIInterrupted(t, 9, append(more, "--workers", "2")...)
	partial := out + ".partial"
	if status != exitInterrupted || !strings.Contains(stderr, out+" is unchanged") || !strings.Contains(stderr, partial) {
		t.Fatalf("interrupted rerun: status %d, stderr %q", status, stderr)
	}
	for f, b := range before {
		if got, _ := os.ReadFile(filepath.Join(out, f)); string(got) != b {
			t.Errorf("%s changed", f)
		}
	}
	if m, err := output.ReadManifest(partial); err != nil || m.Complete || len(m.Runs) < 9 {
		t.Fatalf("%s: %v, %+v", partial, err, m)
	}
	mustRun(t, append(slices.Clone(more), "--resume")...)
	if _, err := os.Stat(partial); !os.IsNotExist(err) {
		t.Errorf("%s is still there after --resume completed it", partial)
	}
	fresh := filepath.Join(dir, "fresh")
	mustRun(t, append(slices.Clone(more), "--out", fresh)...)
	sameFolders(t, fresh, out)
}

// TestSensitivityLimits: an analysis beyond --max-work or --max-memory,
// or a design too large to keep track of, is refused before anything
// runs, naming what makes it large.
func TestSensitivityLimits(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	base := []string{"sensitivity", small, "--days", "30", "--out", out, "--params", "abuse.official_extortion,posts.Gate.capacity"}
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"--max-work", "1000"}, []string{"--trajectories 20 × (2 parameters + 1) points", "agent-steps", "--max-work"}},
		{[]string{"--max-memory", "10KiB"}, []string{"the limit is 10 KiB", "--max-memory"}},
		{[]string{"--method", "sobol", "--samples", "536870912"}, []string{"--samples 536870912", "to keep track of", "the limit is 8 GiB"}},
		{[]string{"--max-work", "lots"}, []string{"--max-work", "lots"}},
	}
	for _, tt := range tests {
		wantRefusal(t, exitUsage, out, append(slices.Clone(base), tt.args...), tt.want...)
	}
	// A memory limit that allows a few runs at a time runs on fewer
	// workers, and says so (with few resamples, whose bootstrap fits).
	status, _, stderr := runCLI(t, append(slices.Clone(base), "--trajectories", "2", "--formats", "", "--workers", "8", "--max-memory", "300KiB", "--resamples", "100")...)
	if status != 0 || !strings.Contains(stderr, "runs at a time, not 8, to stay within --max-memory") {
		t.Errorf("status %d, stderr %q; want fewer workers, said", status, stderr)
	}
}

// TestSensitivityWorkCountsWhatRuns: --max-work counts what sensitivity
// simulates. Varying only the failing level's outage rate, which only
// malfunctioning reads, the other three of classroom's regimes are run
// once per replicate and reused at every point; the estimate counted
// them at each of the 4 points (4.7e5 agent-steps, where it is now
// 2.05e5), so a --max-work of 3e5 refused what fits in it. Morris's
// choice among --candidates simulates nothing (the trajectories are
// compared on the grid): drawing 10 candidates per kept trajectory, the
// same 32 runs are estimated, run and listed, and the agent-steps
// simulated stay within the estimate.
func TestSensitivityWorkCountsWhatRuns(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	base := []string{"sensitivity", "classroom", "--method", "morris", "--trajectories", "2", "--reps", "2", "--days", "60",
		"--params", "factors.reliability.failing.outage_start", "--formats", "", "--json"}
	wantRefusal(t, exitUsage, filepath.Join(dir, "below"), append(slices.Clone(base), "--out", filepath.Join(dir, "below"), "--max-work", "1.5e5"),
		"--trajectories 2 × (1 parameters + 1) points × 4 regimes × --reps 2: 32 runs would simulate about 2.05e+05 agent-steps; the limit is 1.5e+05")
	for _, candidates := range []string{"2", "20"} {
		out := filepath.Join(dir, "c"+candidates)
		status, stdout, stderr := runCLI(t, append(slices.Clone(base), "--candidates", candidates, "--out", out, "--max-work", "3e5")...)
		if status != 0 {
			t.Fatalf("--candidates %s --max-work 3e5: status %d: %s", candidates, status, stderr)
		}
		var got struct {
			Performance struct {
				AgentSteps float64 `json:"agent_steps"`
			} `json:"performance"`
		}
		if err := json.Unmarshal([]byte(stdout), &got); err != nil {
			t.Fatal(err)
		}
		if steps := got.Performance.AgentSteps; !(steps > 0 && steps <= 2.05e5) {
			t.Errorf("--candidates %s: simulated %v agent-steps; want some, within the estimate 2.05e5", candidates, steps)
		}
		m, err := output.ReadManifest(out)
		if err != nil {
			t.Fatal(err)
		}
		if len(m.Runs) != 32 {
			t.Errorf("--candidates %s: %d runs listed; want 32, the kept trajectories' only", candidates, len(m.Runs))
		}
	}
}

// TestSensitivityVerifiesFolders: merge, --resume, reproduce and plot
// refuse folders whose tables or manifest were changed, naming the file
// and, for a table, its first differing row.
func TestSensitivityVerifiesFolders(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var shards []string
	for i := range 2 {
		s := filepath.Join(dir, "shard"+string(rune('0'+i)))
		mustRun(t, smallSensitivity(s, "--shard", string(rune('0'+i))+"/2")...)
		shards = append(shards, s)
	}
	out := filepath.Join(dir, "merged")
	// A changed row of a shard's summary.csv is named by its line.
	sum := filepath.Join(shards[1], "summary.csv")
	orig, _ := os.ReadFile(sum)
	lines := strings.SplitAfter(string(orig), "\n")
	fields := strings.Split(lines[5], ",")
	fields[len(fields)-1] = "12345\n"
	lines[5] = strings.Join(fields, ",")
	os.WriteFile(sum, []byte(strings.Join(lines, "")), 0o644)
	wantRefusal(t, exitUsage, out, append([]string{"merge", "--out", out}, shards...), "shard1/summary.csv:6", "differs")
	os.WriteFile(sum, orig, 0o644)

	// A range changed in a shard's sensitivity section.
	edit := func(dir, old, new string) func() {
		path := filepath.Join(dir, "manifest.json")
		b, _ := os.ReadFile(path)
		if !strings.Contains(string(b), old) {
			t.Fatalf("%q not in %s", old, path)
		}
		os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644)
		return func() { os.WriteFile(path, b, 0o644) }
	}
	for _, tt := range []struct {
		shard    int
		old, new string
		want     string
	}{
		{0, `"lo": 10,`, `"lo": 11,`, "posts.Gate.capacity"},
		{1, `"lo": 10,`, `"lo": 11,`, "sensitivity section"},
		{0, `"trajectories": 4,`, `"trajectories": 5,`, "sensitivity section"},
		{1, `"resamples": 200,`, `"resamples": 300,`, "sensitivity section"},
	} {
		undo := edit(shards[tt.shard], tt.old, tt.new)
		wantRefusal(t, exitUsage, out, append([]string{"merge", "--out", out}, shards...), "manifest.json", tt.want, "changed")
		undo()
	}
	mustRun(t, append([]string{"merge", "--out", out, "--formats", "png"}, shards...)...)

	// plot and reproduce of the merged folder, unchanged and changed.
	if status, stdout, stderr := runCLI(t, "reproduce", out); status != 0 || !strings.Contains(stdout, "byte for byte") {
		t.Errorf("reproduce: status %d\n%s\n%s", status, stdout, stderr)
	}
	figs := files(t, filepath.Join(out, "figures"))
	if status, _, stderr := runCLI(t, "plot", out, "--formats", "png"); status != 0 {
		t.Errorf("plot: status %d: %s", status, stderr)
	}
	if got := files(t, filepath.Join(out, "figures")); !slices.Equal(got, figs) || len(figs) == 0 {
		t.Errorf("plot drew %v; the folder had %v", got, figs)
	}
	wantRefusal(t, exitUsage, "", []string{"plot", out, "--metric", "deaths"}, "--metric and --regime choose what a sweep's figures show", "sensitivity folder")
	morris := filepath.Join(out, "morris.csv")
	b, _ := os.ReadFile(morris)
	os.WriteFile(morris, []byte(strings.Replace(string(b), "true", "false", 1)), 0o644)
	wantRefusal(t, exitUsage, "", []string{"plot", out}, "morris.csv", "borderwork did not write")
	if status, stdout, _ := runCLI(t, "reproduce", out); status != exitFailure || !strings.Contains(stdout, "morris.csv") {
		t.Errorf("reproduce of a changed folder: status %d\n%s", status, stdout)
	}
	// --screen trusts only a table as written.
	wantRefusal(t, exitUsage, "", []string{"sensitivity", small, "--method", "sobol", "--screen", out, "--out", filepath.Join(dir, "sobol")}, "--screen", "morris.csv")
	os.WriteFile(morris, b, 0o644)

	// --resume of a folder whose table was changed.
	cut := filepath.Join(dir, "cut")
	runCLIInterrupted(t, 70, smallSensitivity(cut, "--workers", "1")...)
	sum = filepath.Join(cut, "summary.csv")
	orig, _ = os.ReadFile(sum)
	os.WriteFile(sum, []byte(strings.Replace(string(orig), "malfunctioning", "closed", 1)), 0o644)
	wantRefusal(t, exitUsage, "", smallSensitivity(cut, "--resume"), "cut/summary.csv:2", "--resume")
}

// TestSensitivityTimingAndFlags: the run ends with the timing line every
// simulating command prints (not with --quiet), --json carries the
// measurement, --progress is taken, and a misspelt flag gets a
// suggestion.
func TestSensitivityTimingAndFlags(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	status, _, stderr := runCLI(t, smallSensitivity(filepath.Join(dir, "a"), "--progress")...)
	if status != 0 || !strings.Contains(stderr, "borderwork sensitivity: simulated ") || !strings.Contains(stderr, "agent-steps") {
		t.Errorf("status %d; stderr %q lacks the timing line", status, stderr)
	}
	if _, _, stderr := runCLI(t, smallSensitivity(filepath.Join(dir, "b"), "--quiet")...); stderr != "" {
		t.Errorf("--quiet printed %q", stderr)
	}
	stdout := mustRun(t, smallSobol(filepath.Join(dir, "c"), "--json", "--formats", "")...)
	var doc struct {
		Performance *struct {
			AgentSteps int64 `json:"agent_steps"`
			Workers    int   `json:"workers"`
		} `json:"performance"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil || doc.Performance == nil || doc.Performance.AgentSteps <= 0 || doc.Performance.Workers < 1 {
		t.Errorf("--json performance: %v, %+v", err, doc.Performance)
	}
	wantRefusal(t, exitUsage, "", []string{"sensitivity", small, "--trajectorys", "4"}, "unknown flag --trajectorys", "did you mean --trajectories?")
	wantRefusal(t, exitUsage, "", []string{"sensitivity", small, "--quiet", "--progress"}, "--quiet and --progress")
}
