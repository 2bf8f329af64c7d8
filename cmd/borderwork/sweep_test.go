package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output"
)

// smallSweep is a small two-key grid on the small scenario: 2 × 3 points ×
// 2 regimes × 2 replicates = 24 runs.
func smallSweep(out string, extra ...string) []string {
	return append([]string{"sweep", small, "--days", "30", "--reps", "2", "--regimes", "malfunctioning,closed",
		"--vary", "regimes.malfunctioning.outage_start=0.05,0.2",
		"--vary", "posts.Gate.capacity=5:25:3",
		"--out", out}, extra...)
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	status, stdout, stderr := runCLI(t, args...)
	if status != 0 {
		t.Fatalf("%s: status %d\n%s\n%s", strings.Join(args, " "), status, stdout, stderr)
	}
	return stdout
}

// sameFolders fails unless a and b hold the same files with the same bytes.
func sameFolders(t *testing.T, a, b string) {
	t.Helper()
	fa, fb := files(t, a), files(t, b)
	if strings.Join(fa, ",") != strings.Join(fb, ",") {
		t.Fatalf("%s holds %v\n%s holds %v", a, fa, b, fb)
	}
	for _, f := range fa {
		x, _ := os.ReadFile(filepath.Join(a, f))
		y, _ := os.ReadFile(filepath.Join(b, f))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between %s and %s", f, a, b)
		}
	}
}

func TestSweepIsReproducibleAcrossWorkers(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	one, four := filepath.Join(dir, "one"), filepath.Join(dir, "four")
	mustRun(t, smallSweep(one, "--workers", "1")...)
	mustRun(t, smallSweep(four, "--workers", "4")...)
	sameFolders(t, one, four)
	m, err := output.ReadManifest(one)
	if err != nil {
		t.Fatal(err)
	}
	if !m.Complete || len(m.Runs) != 24 || m.Sweep == nil || len(m.Sweep.Points) != 6 || len(m.Figures) == 0 {
		t.Errorf("manifest: complete %v, %d runs, sweep %+v, %d figures", m.Complete, len(m.Runs), m.Sweep, len(m.Figures))
	}
	// Replicate r has the same seed at every point and under every regime.
	seeds := map[int]uint64{}
	for _, r := range m.Runs {
		if s, ok := seeds[r.Replicate]; ok && s != r.Seed {
			t.Fatalf("replicate %d has seeds %d and %d", r.Replicate, s, r.Seed)
		}
		seeds[r.Replicate] = r.Seed
	}
	if status, _, stderr := runCLI(t, "reproduce", one); status != 0 {
		t.Errorf("reproduce of a sweep: status %d: %s", status, stderr)
	}
}

func TestShardsMergeToTheWhole(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole")
	mustRun(t, smallSweep(whole)...)
	var shards []string
	for i := range 3 {
		s := filepath.Join(dir, "shard"+string(rune('0'+i)))
		mustRun(t, smallSweep(s, "--shard", string(rune('0'+i))+"/3")...)
		shards = append(shards, s)
	}
	merged := filepath.Join(dir, "merged")
	mustRun(t, append([]string{"merge", "--out", merged}, shards...)...)
	sameFolders(t, whole, merged)

	// Refusals: a missing shard, a shard twice, a shard of another
	// sharding, shards of another scenario.
	tests := []struct {
		name string
		dirs []string
		want string
	}{
		{"missing", shards[:2], "missing"},
		{"duplicate", []string{shards[0], shards[1], shards[2], shards[1]}, shards[1] + " is given twice; merge each shard once"},
	}
	copied := filepath.Join(dir, "copy-of-shard1")
	if err := os.CopyFS(copied, os.DirFS(shards[1])); err != nil {
		t.Fatal(err)
	}
	tests = append(tests, struct {
		name string
		dirs []string
		want string
	}{"a copy", []string{shards[0], shards[1], shards[2], copied}, "is in both " + shards[1] + " and " + copied})
	// Shard 1/4 holds runs that shards 0/3 and 1/3 hold too: not given
	// twice, but of another sharding, as the refusal says.
	quarter := filepath.Join(dir, "shard1of4")
	mustRun(t, smallSweep(quarter, "--shard", "1/4")...)
	tests = append(tests, struct {
		name string
		dirs []string
		want string
	}{"another sharding", []string{shards[0], shards[1], shards[2], quarter}, "shards of a sharding into 3 and of one into 4 overlap"})
	other := filepath.Join(dir, "other")
	mustRun(t, smallSweep(other, "--shard", "2/3", "--set", "migrants.patience_days=9")...)
	tests = append(tests, struct {
		name string
		dirs []string
		want string
	}{"other scenario", []string{shards[0], shards[1], other}, "different scenarios"})
	for _, tt := range tests {
		out := filepath.Join(dir, "bad-"+strings.ReplaceAll(tt.name, " ", "-"))
		status, _, stderr := runCLI(t, append([]string{"merge", "--out", out}, tt.dirs...)...)
		if status != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("merge %s: status %d, stderr %q; want 2 and %q", tt.name, status, stderr, tt.want)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("merge %s wrote %s", tt.name, out)
		}
	}
}

// TestShardsMergeInTheirFormats: the docs/cluster recipe, shards run with
// --formats svg and merged without --formats, writes the folder the
// unsharded sweep writes, byte for byte, manifest included; reproduce of
// a shard says the command it reran with its --shard.
func TestShardsMergeInTheirFormats(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole")
	mustRun(t, smallSweep(whole, "--formats", "svg", "--quiet")...)
	var shards []string
	for i := range 2 {
		s := filepath.Join(dir, "shard"+strconv.Itoa(i))
		mustRun(t, smallSweep(s, "--formats", "svg", "--shard", strconv.Itoa(i)+"/2", "--quiet")...)
		shards = append(shards, s)
	}
	merged := filepath.Join(dir, "merged")
	mustRun(t, append([]string{"merge", "--out", merged}, shards...)...)
	if svgs, _ := filepath.Glob(filepath.Join(whole, "figures", "*.svg")); len(svgs) == 0 {
		t.Fatalf("the unsharded sweep drew no svg figures")
	}
	sameFolders(t, whole, merged)

	// --formats given to merge draws those instead.
	png := filepath.Join(dir, "png")
	mustRun(t, append([]string{"merge", "--out", png, "--formats", "png"}, shards...)...)
	drawn, _ := filepath.Glob(filepath.Join(png, "figures", "*"))
	pngs, _ := filepath.Glob(filepath.Join(png, "figures", "*.png"))
	if len(pngs) == 0 || len(pngs) != len(drawn) {
		t.Errorf("merge --formats png drew %v; want png figures alone", drawn)
	}

	stdout := mustRun(t, "reproduce", "--quiet", shards[1])
	if !strings.Contains(stdout, "Reran: borderwork sweep ") || !strings.Contains(stdout, " --shard 1/2\n") {
		t.Errorf("reproduce of shard 1/2 does not say it reran it with --shard 1/2:\n%s", stdout)
	}
}

func TestResumeEqualsUninterrupted(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole")
	mustRun(t, smallSweep(whole)...)
	for _, shard := range []string{"", "1/2"} {
		cut := filepath.Join(dir, "cut"+strings.ReplaceAll(shard, "/", "of"))
		extra := []string{"--workers", "2"}
		if shard != "" {
			extra = append(extra, "--shard", shard)
		}
		status, _, stderr := runCLIInterrupted(t, 5, smallSweep(cut, extra...)...)
		if status != exitInterrupted {
			t.Fatalf("interrupted sweep: status %d (%s)", status, stderr)
		}
		m, _ := output.ReadManifest(cut)
		if m == nil || m.Complete || len(m.Runs) < 5 {
			t.Fatalf("interrupted sweep's manifest: %+v", m)
		}
		// The resume says what it kept and ran: in a Slurm task's log,
		// with --quiet, nothing else does (audit cluster7, finding 7).
		resumed := mustRun(t, smallSweep(cut, append(extra, "--resume")...)...)
		if mc, _ := output.ReadManifest(cut); mc == nil ||
			!strings.Contains(resumed, fmt.Sprintf("Resumed %s: %d of its %d runs kept, %d run now.\n", cut, len(m.Runs), len(mc.Runs), len(mc.Runs)-len(m.Runs))) {
			t.Errorf("the resume does not say how many runs it kept and ran:\n%s", resumed)
		}
		want := whole
		if shard != "" {
			want = filepath.Join(dir, "shard-whole")
			mustRun(t, smallSweep(want, "--shard", shard)...)
		}
		sameFolders(t, want, cut)
		out := mustRun(t, smallSweep(cut, append(extra, "--resume")...)...)
		if !strings.Contains(out, "already complete") {
			t.Errorf("resuming a complete sweep printed %q", out)
		}
	}
	// Resuming with a different command is refused.
	status, _, stderr := runCLI(t, smallSweep(whole, "--resume", "--reps", "3")...)
	if status != exitUsage || !strings.Contains(stderr, "different sweep") {
		t.Errorf("resume with other flags: status %d, %q", status, stderr)
	}
}

func TestLatinHypercubeSweep(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	args := func(out string) []string {
		return []string{"sweep", small, "--days", "20", "--reps", "2", "--regimes", "open,closed",
			"--design", "lhs", "--samples", "6",
			"--vary", "regimes.closed.patrol=0:0.3", "--vary", "migrants.trapped_after_days=7:21",
			"--out", out}
	}
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	mustRun(t, args(a)...)
	mustRun(t, args(b)...)
	sameFolders(t, a, b)
	m, _ := output.ReadManifest(a)
	for _, p := range m.Sweep.Points {
		if p[1] != float64(int(p[1])) || p[1] < 7 || p[1] > 21 || p[0] < 0 || p[0] > 0.3 {
			t.Errorf("point %v outside the ranges or not whole for an integer key", p)
		}
	}
}

// TestLatinHypercubeSweepLog: KEY=a:b:log draws a Latin hypercube's
// range evenly over its logarithms: as many points below the range's
// geometric middle as above, where an even draw of 0.001 to 0.1 puts
// nine in ten above 0.01. The terminal and report.md say so, and the
// folder reproduces (its --vary recorded as given).
func TestLatinHypercubeSweepLog(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "log")
	stdout := mustRun(t, "sweep", small, "--days", "20", "--reps", "2", "--regimes", "open,closed",
		"--design", "lhs", "--samples", "10", "--vary", "regimes.closed.patrol=0.001:0.1:log", "--out", out)
	const took = "regimes.closed.patrol: 10 points drawn from 0.001 to 0.1 (Latin hypercube, log-uniform)"
	if !strings.Contains(stdout, took) {
		t.Errorf("sweep printed %q; want %q", stdout, took)
	}
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	below := 0
	for _, p := range m.Sweep.Points {
		if p[0] < 0.001 || p[0] > 0.1 {
			t.Errorf("point %v outside 0.001 to 0.1", p)
		}
		if p[0] < 0.01 {
			below++
		}
	}
	if below != 5 {
		t.Errorf("%d of 10 points below 0.01; want 5", below)
	}
	report, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(report), "(Latin hypercube, log-uniform)") {
		t.Error("report.md does not say the range was drawn log-uniformly")
	}
	if status, stdout, stderr := runCLI(t, "reproduce", out); status != exitOK {
		t.Errorf("reproduce: status %d\n%s%s", status, stdout, stderr)
	}
}

func TestSweepBadInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--vary", "regimes.closed.patrl=0:1:3"}, "patrol"},
		{[]string{"--vary", "title=0:1:3"}, "title is not a number, and a sweep varies numbers"},
		// Its values are no numbers either; the key is what cannot be varied.
		{[]string{"--vary", "migrants.seatless_trapped=false,true"}, "migrants.seatless_trapped is not a number, and a sweep varies numbers: run one sweep for each of its values, set with --set"},
		{[]string{"--vary", "regimes.closed.patrol=0:2:3"}, "probability"},
		{[]string{"--vary", "migrants.trapped_after_days=1.5,3"}, "whole numbers"},
		{[]string{"--vary", "regimes.closed.patrol=0,1", "--shard", "3/3"}, "--shard"},
		{[]string{"--vary", "regimes.closed.patrol=0:1", "--design", "lhs"}, "--samples"},
		{[]string{"--vary", "regimes.closed.patrol=0:0.3:log", "--design", "lhs", "--samples", "4"}, "a log-uniform range must start above 0"},
		{[]string{}, "--vary"},
		{[]string{"--vary", "regimes.closed.patrol=0,1", "--metric", "happiness"}, "--metric"},
		{[]string{"--vary", "regimes.closed.patrol=0,1", "--contrast", "open-shut"}, "--contrast"},
		// Both among the regimes run, but the same: the message said only that.
		{[]string{"--vary", "regimes.closed.patrol=0,1", "--contrast", "open-open"}, "two different regimes"},
		// Settings every point shares: varied, they changed nothing.
		{[]string{"--vary", "seed=1,2"}, "seed sets the replicates' seeds"},
		{[]string{"--vary", "replicates=1:3:3"}, "give --reps"},
		// A key varied under two spellings, or also set by --set, ran
		// with one value at every point while its column said another.
		// (--days with a varied days is not refused: every folder's
		// recorded command line gives --days, and must rerun.)
		{[]string{"--vary", "origins.Home.money_mean=100,200", "--vary", "origins.0.money_mean=300,400"}, "origins.Home.money_mean and origins.0.money_mean are the same key"},
		{[]string{"--vary", "origins.0.money_mean=100,200", "--set", "origins.Home.money_mean=300"}, "also given by --set origins.Home.money_mean=300"},
		// One value from a to another b: b would be dropped.
		{[]string{"--vary", "regimes.closed.patrol=0:0.3:1"}, "one value would be 0 alone, leaving 0.3 out"},
		// A regime not run: every point the same.
		{[]string{"--vary", "regimes.closed.patrol=0,1", "--regimes", "open,malfunctioning"}, "--vary: regimes.closed.patrol changes none of the regimes run (open, malfunctioning): every point would give the same results"},
		// A location's coordinates, which the engine does not read: every
		// point the same (it ran them all, without a word).
		{[]string{"--vary", "locations.Home.lat=0,10", "--vary", "locations.Home.lon=0,10"}, "--vary: locations.Home.lat and locations.Home.lon change none of the regimes run (open, closed, malfunctioning, hbm, strict): every point would give the same results"},
	}
	for _, tt := range tests {
		out := filepath.Join(t.TempDir(), "out")
		args := append([]string{"sweep", small, "--reps", "2", "--out", out}, tt.args...)
		status, _, stderr := runCLI(t, args...)
		if status != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("sweep %v: status %d, stderr %q; want 2 and %q", tt.args, status, stderr, tt.want)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("sweep %v wrote %s", tt.args, out)
		}
	}
}

func TestPlotSweep(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	mustRun(t, smallSweep(out)...)
	before, _ := os.ReadFile(filepath.Join(out, "figures", "trapped_person_days_malfunctioning_minus_closed.svg"))
	os.RemoveAll(filepath.Join(out, "figures"))
	mustRun(t, "plot", out)
	after, _ := os.ReadFile(filepath.Join(out, "figures", "trapped_person_days_malfunctioning_minus_closed.svg"))
	if len(before) == 0 || !bytes.Equal(before, after) {
		t.Error("plot did not redraw the contrast heat map as sweep drew it")
	}
}

// TestResumeFromManifestAlone: 'sweep --resume --out DIR' with no other
// flags completes an interrupted sweep (or shard) from DIR's manifest, the
// same bytes as the sweep never interrupted; flags that would define
// another sweep are refused.
func TestResumeFromManifestAlone(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole")
	mustRun(t, smallSweep(whole, "--bands", "ci")...)
	for _, shard := range []string{"", "1/2"} {
		cut := filepath.Join(dir, "cut"+strings.ReplaceAll(shard, "/", "of"))
		extra := []string{"--workers", "2", "--bands", "ci"}
		if shard != "" {
			extra = append(extra, "--shard", shard)
		}
		status, _, stderr := runCLIInterrupted(t, 5, smallSweep(cut, extra...)...)
		if status != exitInterrupted {
			t.Fatalf("interrupted sweep: status %d (%s)", status, stderr)
		}
		mustRun(t, "sweep", "--resume", "--out", cut, "--workers", "3")
		want := whole
		if shard != "" {
			want = filepath.Join(dir, "shard-whole")
			mustRun(t, smallSweep(want, "--shard", shard, "--bands", "ci")...)
		}
		sameFolders(t, want, cut)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"sweep", "--resume", "--out", whole, "--reps", "3"}, "leave out --reps"},
		{[]string{"sweep", "--resume", small, "--out", whole}, "leave out " + small},
		{[]string{"sweep", "--resume"}, "give --out"},
		{[]string{"sweep", "--resume", "--out", filepath.Join(dir, "nothing")}, "no manifest.json"},
	} {
		status, _, stderr := runCLI(t, tc.args...)
		if status != exitUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: status %d, %q; want 2 and %q", tc.args, status, stderr, tc.want)
		}
	}
	if out := mustRun(t, "sweep", "--resume", "--out", whole); !strings.Contains(out, "already complete") {
		t.Errorf("resuming a complete sweep alone printed %q", out)
	}
}

// TestPlotSweepMetric: plot --metric draws a sweep's maps for another
// summary metric, --regime limits them to one regime; the choice is
// recorded, so a plot with no flags draws the same files again; an
// unknown metric gets a suggestion.
func TestPlotSweepMetric(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	mustRun(t, smallSweep(out, "--formats", "svg")...)
	mustRun(t, "plot", "--formats", "svg", "--metric", "abused_migrants", "--regime", "malfunctioning", out)
	want := []string{"abused_migrants_malfunctioning.svg", "abused_migrants_malfunctioning_minus_closed.svg"}
	if got := files(t, filepath.Join(out, "figures")); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("plot --metric abused_migrants --regime malfunctioning drew %v; want %v", got, want)
	}
	before, _ := os.ReadFile(filepath.Join(out, "figures", want[0]))
	mustRun(t, "plot", "--formats", "svg", out)
	after, _ := os.ReadFile(filepath.Join(out, "figures", want[0]))
	if got := files(t, filepath.Join(out, "figures")); strings.Join(got, ",") != strings.Join(want, ",") || !bytes.Equal(before, after) {
		t.Errorf("plot with no flags drew %v, not what the folder records", got)
	}
	mustRun(t, "plot", "--formats", "svg", "--regime", "all", "--metric", "trapped_person_days", out)
	if got := files(t, filepath.Join(out, "figures")); len(got) != 3 {
		t.Errorf("plot --regime all drew %v; want the maps of both regimes and the contrast", got)
	}
	status, _, stderr := runCLI(t, "plot", "--metric", "abused_migrant", out)
	if status != exitUsage || !strings.Contains(stderr, "did you mean abused_migrants?") {
		t.Errorf("plot --metric abused_migrant: status %d, %q", status, stderr)
	}
}

// TestREADMESweepRunsNoDuplicates: in the README's sweep, only the
// malfunctioning regime depends on the varied key; the others are run
// once per replicate, which the command says and the manifest records.
func TestREADMESweepRunsNoDuplicates(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	stdout := mustRun(t, "sweep", small, "--days", "20", "--reps", "2", "--regimes", "open,closed,malfunctioning,hbm",
		"--vary", "regimes.malfunctioning.outage_start=0:0.2:5", "--formats", "", "--out", out)
	// 5 points × 4 regimes × 2 replicates = 40 runs: malfunctioning's 10,
	// and 2 for each of the other three.
	if !strings.Contains(stdout, "do not change open, closed and hbm: each of their replicates was run once and reused at every point, so 16 of the 40 runs were simulated") {
		t.Errorf("sweep printed %q", stdout)
	}
	m, _ := output.ReadManifest(out)
	if got := strings.Join(m.Sweep.Reused, ","); got != "open,closed,hbm" {
		t.Errorf("manifest sweep.reused = %q", got)
	}
}

// TestSweepSaysWhatItReused: a shard that holds each replicate of a
// reused regime once reuses none of its runs, and says so, rather than
// that "6 of the 6 runs were simulated", which read as if some were not
// (audit sweep8, finding 4); one that reuses some says how many it
// simulated, as the whole sweep does. 5 points × open and malfunctioning
// × 4 replicates: run k is open's replicate k mod 8 at point k/8 when
// k mod 8 < 4.
func TestSweepSaysWhatItReused(t *testing.T) {
	t.Parallel()
	sweep := func(out string, extra ...string) []string {
		return append([]string{"sweep", small, "--days", "20", "--reps", "4", "--regimes", "open,malfunctioning",
			"--vary", "regimes.malfunctioning.outage_start=0:0.4:5", "--formats", "", "--out", out}, extra...)
	}
	for _, c := range []struct {
		name  string
		shard []string
		want  string
	}{
		{"whole", nil, "The varied keys do not change open: each of its replicates was run once and reused at every point, so 24 of the 40 runs were simulated.\n"},
		{"shard 0/2", []string{"--shard", "0/2"}, "The varied keys do not change open: each of its replicates was run once and reused at every point, so 12 of the 20 runs were simulated.\n"},
		// Runs 0, 7, ..., 35: open's replicates 0 and 3, once each.
		{"shard 0/7", []string{"--shard", "0/7"}, "The varied keys do not change open, whose runs are reused wherever a replicate comes again at another point; of the 6 runs here none was, so all were simulated.\n"},
	} {
		out := filepath.Join(t.TempDir(), "out")
		if stdout := mustRun(t, sweep(out, c.shard...)...); !strings.Contains(stdout, c.want) || strings.Contains(stdout, "6 of the 6") {
			t.Errorf("%s: sweep printed\n%s\nwant %q", c.name, stdout, c.want)
		}
	}
	// Resumed: of the runs made now.
	out := filepath.Join(t.TempDir(), "out")
	if status, _, stderr := runCLIInterrupted(t, 2, sweep(out, "--shard", "0/7", "--workers", "1")...); status != exitInterrupted {
		t.Fatalf("interrupted shard: status %d, %q", status, stderr)
	}
	stdout := mustRun(t, sweep(out, "--shard", "0/7", "--resume")...)
	if want := " made now none was, so all were simulated.\n"; !strings.Contains(stdout, want) {
		t.Errorf("resumed shard: sweep printed\n%s\nwant %q", stdout, want)
	}
}

// TestGoldenFigures pins the SVG of every kind of figure the commands
// draw beyond compare's own (testdata/compare_small.sha256 pins those):
// the location figures, and the sweep figures of one key, two keys on a
// grid and on a Latin hypercube, and three keys on a Latin hypercube.
// Rerun with -update after a deliberate change, and look at the figures.
func TestGoldenFigures(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("runs four sweeps")
	}
	dir := t.TempDir()
	lhs := func(out string, samples int, vary ...string) []string {
		args := []string{"sweep", small, "--days", "20", "--reps", "2", "--regimes", "closed,malfunctioning",
			"--design", "lhs", "--samples", strconv.Itoa(samples), "--formats", "svg", "--out", out}
		for _, v := range vary {
			args = append(args, "--vary", v)
		}
		return args
	}
	folders := map[string][]string{
		"compare-by-location": {"compare", small, "--reps", "3", "--days", "60", "--by-location", "--formats", "svg", "--out", filepath.Join(dir, "compare-by-location")},
		"grid1": {"sweep", small, "--days", "20", "--reps", "2", "--regimes", "closed,malfunctioning", "--formats", "svg",
			"--vary", "regimes.malfunctioning.outage_start=0.05:0.4:3", "--out", filepath.Join(dir, "grid1")},
		"grid2": smallSweep(filepath.Join(dir, "grid2"), "--formats", "svg"),
		"lhs2":  lhs(filepath.Join(dir, "lhs2"), 12, "regimes.malfunctioning.outage_start=0:0.4", "migrants.trapped_after_days=7:21"),
		"lhs3":  lhs(filepath.Join(dir, "lhs3"), 8, "regimes.malfunctioning.outage_start=0:0.4", "migrants.trapped_after_days=7:21", "posts.Gate.capacity=5:25"),
	}
	var names []string
	for name := range folders {
		names = append(names, name)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, name := range names {
		mustRun(t, folders[name]...)
		figs := filepath.Join(dir, name, "figures")
		for _, f := range files(t, figs) {
			if name == "compare-by-location" && !strings.Contains(f, "_by_location") {
				continue
			}
			sum, _ := output.FileSHA256(filepath.Join(figs, f))
			fmt.Fprintf(&b, "%s  %s/%s\n", sum, name, f)
		}
	}
	path := filepath.Join("testdata", "figures_small.sha256")
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/borderwork -run TestGoldenFigures -update to create it)", err)
	}
	if b.String() != string(want) {
		t.Errorf("figures differ from %s:\n%s\nIf the change is deliberate, rerun with -update.", path, b.String())
	}
}

// TestSweepOverFactorLevelsReproduces: a sweep that varies a factor
// level's key reruns from its folder's own scenario.toml: the level, set
// again on the resolved scenario, still reaches the regimes that stand on
// it, built-in ones and one of the scenario's own on a built-in base.
// (When scenario.toml wrote regimes out key by key, the rerun changed no
// regime and reproduce reported a mismatch.)
func TestSweepOverFactorLevelsReproduces(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, scenario, regimes, vary string
		follows                       string // a regime that stands on the level
	}{
		{"classroom", "classroom", "", "factors.reliability.failing.outage_days=1,30", "malfunctioning"},
		{"on a base", small, "closed,strict", "factors.reliability.reliable.refusal=0,0.3", "strict"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "sweep")
			args := []string{"sweep", tt.scenario, "--vary", tt.vary, "--reps", "2", "--days", "40", "--out", out}
			if tt.regimes != "" {
				args = append(args, "--regimes", tt.regimes)
			}
			mustRun(t, args...)
			// The level changes the regime's results, so a rerun that
			// ignored it would differ.
			_, rows, err := output.ReadSummary(filepath.Join(out, "summary.csv"))
			if err != nil {
				t.Fatal(err)
			}
			byReplicate := map[int]string{} // the regime's totals at the first point
			differ := false
			for _, r := range rows {
				if r.Run.Regime != tt.follows {
					continue
				}
				got := fmt.Sprint(r.Totals)
				if first, ok := byReplicate[r.Run.Replicate]; !ok {
					byReplicate[r.Run.Replicate] = got
				} else if first != got {
					differ = true
				}
			}
			if !differ {
				t.Fatalf("%s: %s gives the same totals at both points; the test would test nothing", tt.vary, tt.follows)
			}
			status, stdout, stderr := runCLI(t, "reproduce", out)
			if status != 0 || !strings.Contains(stdout, "byte for byte") {
				t.Errorf("reproduce: status %d\n%s\n%s", status, stdout, stderr)
			}
		})
	}
}

// TestSweepSaysItsValues: the terminal says, a line per varied key, the
// values a grid ran (where a:b:n misread as start:step:stop shows) and
// the range a Latin hypercube drew from.
func TestSweepSaysItsValues(t *testing.T) {
	t.Parallel()
	stdout := mustRun(t, smallSweep(filepath.Join(t.TempDir(), "grid"), "--formats", "", "--quiet")...)
	for _, want := range []string{"\n  regimes.malfunctioning.outage_start: 0.05, 0.2 (2 values)\n", "\n  posts.Gate.capacity: 5, 15, 25 (3 values)\n"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("the grid sweep printed\n%s\nwant %q", stdout, want)
		}
	}
	stdout = mustRun(t, "sweep", small, "--days", "20", "--reps", "2", "--regimes", "malfunctioning", "--design", "lhs", "--samples", "4",
		"--vary", "posts.Gate.capacity=5:25", "--formats", "", "--quiet", "--out", filepath.Join(t.TempDir(), "lhs"))
	if want := "\n  posts.Gate.capacity: 4 points drawn from 5 to 25 (Latin hypercube)\n"; !strings.Contains(stdout, want) {
		t.Errorf("the Latin hypercube sweep printed\n%s\nwant %q", stdout, want)
	}
}

// TestResumeSaysWhatItSimulated: a resumed sweep with reused regimes says
// how many of the runs it made now were simulated, not the whole sweep's
// count, which the timing line beside it does not measure.
func TestResumeSaysWhatItSimulated(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	// closed is reused: outage_start changes only malfunctioning.
	args := []string{"sweep", small, "--days", "20", "--reps", "3", "--regimes", "closed,malfunctioning", "--vary", "regimes.malfunctioning.outage_start=0.05:0.2:4",
		"--formats", "", "--quiet", "--workers", "1", "--out", out}
	if status, _, stderr := runCLIInterrupted(t, 5, args...); status != exitInterrupted {
		t.Fatalf("interrupted: status %d (%s)", status, stderr)
	}
	stdout := mustRun(t, append(args, "--resume")...)
	var kept, total, now int
	if i := strings.Index(stdout, "Resumed "+out+": "); i < 0 {
		t.Fatalf("resume printed\n%s", stdout)
	} else if _, err := fmt.Sscanf(stdout[i+len("Resumed "+out+": "):], "%d of its %d runs kept, %d run now.", &kept, &total, &now); err != nil || kept+now != total {
		t.Fatalf("resume printed\n%s\n(%v)", stdout, err)
	}
	if want := fmt.Sprintf("so of the %d runs made now ", now); !strings.Contains(stdout, want) || strings.Contains(stdout, fmt.Sprintf("of the %d runs were simulated", total)) {
		t.Errorf("resume printed\n%s\nwant %q, not the whole sweep's count", stdout, want)
	}
}

// TestSweepSaysItsPlanFirst: where progress is shown (--progress, as in
// a batch job's log), the sweep's size comes first, before its runs;
// standard output says it only at the end, after the progress lines. A
// shard says its share.
func TestSweepSaysItsPlanFirst(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		extra []string
		want  string
	}{
		{nil, "borderwork sweep: 2 points × 1 regime × 2 replicates = 4 runs\n"},
		{[]string{"--shard", "1/2"}, "borderwork sweep: 2 points × 1 regime × 2 replicates = 4 runs; shard 1/2 holds 2 of them\n"},
	} {
		args := append([]string{"sweep", small, "--days", "10", "--reps", "2", "--regimes", "malfunctioning", "--vary", "regimes.malfunctioning.outage_start=0.05,0.2",
			"--formats", "", "--progress", "--out", filepath.Join(t.TempDir(), "out")}, tt.extra...)
		status, stdout, stderr := runCLI(t, args...)
		if status != 0 || !strings.HasPrefix(stderr, tt.want) {
			t.Errorf("sweep %v: status %d, stderr %q; want it to start %q", tt.extra, status, stderr, tt.want)
		}
		if want := strings.TrimPrefix(strings.TrimSuffix(tt.want, "\n"), "borderwork sweep: "); !strings.Contains(stdout, "small: "+want+".\n") {
			t.Errorf("sweep %v: stdout %q; want the same plan, %q", tt.extra, stdout, want)
		}
	}
}

// TestResumeChecksTheFolderBeforeTheLimits: --resume reads the folder it
// would complete before it checks the limits, so that a folder of another
// sweep is refused as such whatever the limits (Slurm's submit probes the
// tasks' shards with a work limit of one agent-step, and was told of the
// limit alone), and a complete folder of this sweep has nothing to do.
func TestResumeChecksTheFolderBeforeTheLimits(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	mustRun(t, smallSweep(out, "--formats", "", "--quiet")...)
	status, _, stderr := runCLI(t, smallSweep(out, "--formats", "", "--quiet", "--reps", "3", "--resume", "--max-work", "1")...)
	if status != 2 || !strings.Contains(stderr, "was written by a different sweep") || strings.Contains(stderr, "--max-work") {
		t.Errorf("another sweep's folder at a work limit of 1: status %d, stderr %q; want 2, naming the other sweep, not the limit", status, stderr)
	}
	status, stdout, stderr := runCLI(t, smallSweep(out, "--formats", "", "--quiet", "--resume", "--max-work", "1")...)
	if status != 0 || !strings.Contains(stdout, "is already complete: nothing to do") {
		t.Errorf("this sweep's complete folder at a work limit of 1: status %d, stdout %q, stderr %q; want 0, complete", status, stdout, stderr)
	}
}

// TestSweepOneRegimeStats: a sweep of one regime gives stats.csv a row
// for each point, each over that point's replicates alone, not one row
// pooling every point's runs under the first point.
func TestSweepOneRegimeStats(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "sweep")
	mustRun(t, "sweep", small, "--days", "30", "--reps", "2", "--regimes", "open",
		"--vary", "posts.Gate.capacity=10,30", "--formats", "", "--out", out)
	data, err := os.ReadFile(filepath.Join(out, "stats.csv"))
	if err != nil {
		t.Fatal(err)
	}
	n := map[string]string{} // point → n of its arrivals row
	for _, line := range strings.Split(string(data), "\n") {
		if f := strings.Split(line, ","); len(f) > 3 && f[1] == "open" && f[2] == "arrivals" {
			n[f[0]] = f[3]
		}
	}
	if want := map[string]string{"10": "2", "30": "2"}; fmt.Sprint(n) != fmt.Sprint(want) {
		t.Errorf("stats.csv's arrivals rows, point → n: %v; want %v", n, want)
	}
}
