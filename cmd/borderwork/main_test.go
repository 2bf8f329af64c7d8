package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

var update = flag.Bool("update", false, "rewrite golden files under testdata/")

// runCLI runs the command in-process and returns its status and output.
func runCLI(t testing.TB, args ...string) (int, string, string) {
	return runCLIContext(context.Background(), t, args...)
}

func runCLIContext(ctx context.Context, t testing.TB, args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	status := run(ctx, args, &stdout, &stderr)
	return status, stdout.String(), stderr.String()
}

// runCLIInterrupted runs the command line as Ctrl-C stops it: its context
// is cancelled once n of its runs are done. The hook rides on the
// command's own context (emittedKey), so tests calling it may run in
// parallel.
func runCLIInterrupted(t testing.TB, n int, args ...string) (int, string, string) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ctx = withEmitted(ctx, func(done int) {
		if done >= n {
			cancel()
		}
	})
	return runCLIContext(ctx, t, args...)
}

// withEmitted is ctx carrying f, to be called as each run of the command
// is written.
func withEmitted(ctx context.Context, f func(done int)) context.Context {
	return context.WithValue(ctx, emittedKey{}, f)
}

const small = "testdata/small.toml"

// smallCompare runs compare on the small scenario into a new folder.
func smallCompare(t *testing.T, extra ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	args := append([]string{"compare", small, "--reps", "3", "--days", "40", "--out", out}, extra...)
	status, stdout, stderr := runCLI(t, args...)
	if status != 0 {
		t.Fatalf("compare: status %d\nstdout:\n%s\nstderr:\n%s", status, stdout, stderr)
	}
	return out
}

// files lists a folder's files, relative, sorted.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func TestCompareWritesEveryFile(t *testing.T) {
	t.Parallel()
	out := smallCompare(t)
	want := []string{"manifest.json", "report.md", "scenario.toml", "stats.csv", "summary.csv", "timeseries.csv"}
	for _, fig := range []string{"abuse", "abuse_by_kind", "immobilised", "outcomes", "trapped"} {
		for _, ext := range []string{"pdf", "png", "svg"} {
			want = append(want, "figures/"+fig+"."+ext)
		}
	}
	sort.Strings(want)
	if got := files(t, out); !slices.Equal(got, want) {
		t.Errorf("compare wrote\n%v\nwant\n%v", got, want)
	}
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	if !m.Complete || len(m.Runs) != 5*3 || len(m.Tables) != 3 || len(m.Figures) != 15 {
		t.Errorf("manifest: complete %v, %d runs, %d tables, %d figures; want complete, 15, 3, 15", m.Complete, len(m.Runs), len(m.Tables), len(m.Figures))
	}
	for _, c := range append(m.Tables, m.Figures...) {
		if sum, _ := output.FileSHA256(filepath.Join(out, c.File)); sum != c.SHA256 {
			t.Errorf("%s: checksum in manifest does not match the file", c.File)
		}
	}
}

// TestCompareIsReproducible: rerunning gives the same bytes in every file,
// whatever the number of workers.
func TestCompareIsReproducible(t *testing.T) {
	t.Parallel()
	a := smallCompare(t, "--workers", "1")
	b := smallCompare(t, "--workers", "4")
	for _, f := range files(t, a) {
		x, _ := os.ReadFile(filepath.Join(a, f))
		y, err := os.ReadFile(filepath.Join(b, f))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between --workers 1 and --workers 4", f)
		}
	}
	if got, want := files(t, b), files(t, a); !slices.Equal(got, want) {
		t.Errorf("the two folders hold different files: %v vs %v", got, want)
	}
}

// TestGoldenOutputs pins the checksum of every file compare writes on the
// small scenario, figures included. Rerun with -update after a deliberate
// change.
func TestGoldenOutputs(t *testing.T) {
	t.Parallel()
	out := smallCompare(t)
	var b strings.Builder
	for _, f := range files(t, out) {
		if f == "manifest.json" {
			continue // holds the Go version and commit, which change between builds
		}
		sum, _ := output.FileSHA256(filepath.Join(out, f))
		fmt.Fprintf(&b, "%s  %s\n", sum, f)
	}
	path := filepath.Join("testdata", "compare_small.sha256")
	if *update {
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/borderwork -update to create it)", err)
	}
	if b.String() != string(want) {
		t.Errorf("outputs differ from %s:\n%s\nIf the change is deliberate, rerun with -update.", path, b.String())
	}
}

func TestBadInputWritesNothing(t *testing.T) {
	t.Parallel()
	tiny, err := os.ReadFile(small)
	if err != nil {
		t.Fatal(err)
	}
	write := func(t *testing.T, old, new string) string {
		if !strings.Contains(string(tiny), old) {
			t.Fatalf("%q not in %s", old, small)
		}
		p := filepath.Join(t.TempDir(), "bad.toml")
		os.WriteFile(p, []byte(strings.Replace(string(tiny), old, new, 1)), 0o644)
		return p
	}
	tests := []struct {
		name string
		args func(t *testing.T) []string
		want []string // in the one-line error
	}{
		{"syntax error", func(t *testing.T) []string { return []string{write(t, "days = 60", "days = = 60")} }, []string{"bad.toml:4"}},
		{"unknown key", func(t *testing.T) []string { return []string{write(t, "capacity = 20", "capcity = 20")} }, []string{"bad.toml:", "posts.capcity", "unknown key"}},
		{"wrong type", func(t *testing.T) []string { return []string{write(t, "days = 60", `days = "sixty"`)} }, []string{"bad.toml:4", "days"}},
		{"out of range", func(t *testing.T) []string { return []string{write(t, "hazard = 0.002", "hazard = 2")} }, []string{"bad.toml:", "links.2.hazard", "probability"}},
		{"unknown regime", func(t *testing.T) []string { return []string{small, "--regimes", "open,shut"} }, []string{"--regimes", `"shut"`}},
		{"bad --set key", func(t *testing.T) []string { return []string{small, "--set", "posts.Gate.capcity=3"} }, []string{"--set posts.Gate.capcity=3", "capacity"}},
		{"bad --set value", func(t *testing.T) []string { return []string{small, "--set", "regimes.closed.patrol=lots"} }, []string{"--set regimes.closed.patrol=lots", "lots"}},
		{"--set out of range", func(t *testing.T) []string { return []string{small, "--set", "regimes.closed.patrol=1.5"} }, []string{"regimes.closed.patrol", "probability"}},
		{"negative seed", func(t *testing.T) []string { return []string{small, "--seed", "-1"} }, []string{"--seed"}},
		{"missing file", func(t *testing.T) []string { return []string{"nowhere.toml"} }, []string{"nowhere.toml"}},
		{"unknown bundled", func(t *testing.T) []string { return []string{"atlantis"} }, []string{`"atlantis"`, "sahel"}},
		{"bad format", func(t *testing.T) []string { return []string{small, "--formats", "gif"} }, []string{"gif"}},
		{"event replicate out of range", func(t *testing.T) []string { return []string{small, "--events-reps", "0,2"} }, []string{"--events-reps", "replicate 2", "--reps"}},
		{"bad event replicates", func(t *testing.T) []string { return []string{small, "--events", "--events-reps", "first"} }, []string{"--events-reps", `"first"`}},
		{"--events with a value", func(t *testing.T) []string { return []string{small, "--events=maybe"} }, []string{"--events", "true or false"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			args := append(append([]string{"compare"}, tt.args(t)...), "--reps", "2", "--days", "10", "--out", out)
			status, _, stderr := runCLI(t, args...)
			if status != exitUsage {
				t.Errorf("status %d; want %d (stderr: %s)", status, exitUsage, stderr)
			}
			if n := strings.Count(strings.TrimSpace(stderr), "\n"); n != 0 {
				t.Errorf("error is %d lines; want one:\n%s", n+1, stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr %q; want it to contain %q", stderr, w)
				}
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("--out was created on bad input")
			}
			if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*")); len(leftovers) > 0 {
				t.Errorf("temporary files left behind: %v", leftovers)
			}
		})
	}
}

func TestRefusesForeignFolder(t *testing.T) {
	t.Parallel()
	out := t.TempDir()
	os.WriteFile(filepath.Join(out, "thesis.tex"), []byte("precious"), 0o644)
	status, _, stderr := runCLI(t, "compare", small, "--reps", "2", "--days", "10", "--out", out)
	if status != exitUsage || !strings.Contains(stderr, "files borderwork did not write (thesis.tex)") {
		t.Errorf("status %d, stderr %q; want 2 and a refusal", status, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "thesis.tex")); string(b) != "precious" {
		t.Error("a foreign file was touched")
	}
}

func TestReproduce(t *testing.T) {
	t.Parallel()
	out := smallCompare(t)
	status, stdout, stderr := runCLI(t, "reproduce", out)
	if status != 0 || !strings.Contains(stdout, "OK: 3 tables") {
		t.Fatalf("reproduce on a fresh folder: status %d\n%s\n%s", status, stdout, stderr)
	}
	// Alter one number of a table: reproduce must notice.
	p := filepath.Join(out, "summary.csv")
	b, _ := os.ReadFile(p)
	lines := strings.Split(string(b), "\n")
	lines[1] = strings.Replace(lines[1], ",", ",9", 1)
	os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644)
	status, stdout, stderr = runCLI(t, "reproduce", "--quiet", out)
	if status != exitFailure || !strings.Contains(stdout, "MISMATCH summary.csv") {
		t.Errorf("reproduce on an altered folder: status %d, stdout %q; want 1 and the table named", status, stdout)
	}
	// stderr sums up what stdout says, in words, without repeating it.
	mismatches := strings.Count(stdout, "MISMATCH ")
	want := fmt.Sprintf("borderwork reproduce: %s; see the MISMATCH lines above\n", words.Count(mismatches, "problem"))
	if mismatches == 0 || !strings.HasSuffix(stderr, want) || strings.Contains(stderr, "summary.csv") {
		t.Errorf("reproduce on an altered folder: stderr %q; want it to end %q and name no file", stderr, want)
	}
}

// TestPlotThenReproduce: figures plot drew another way, and in fewer
// formats, are the folder's figures: reproduce draws them the same way,
// and a plot given no flags draws the formats the folder records.
func TestPlotThenReproduce(t *testing.T) {
	t.Parallel()
	out := smallCompare(t, "--formats", "svg,pdf", "--size", "single")
	status, stdout, stderr := runCLI(t, "plot", out, "--bands", "replicates", "--formats", "svg")
	if status != 0 {
		t.Fatalf("plot: status %d: %s", status, stderr)
	}
	var removed []string
	for _, f := range []string{"trapped", "abuse", "immobilised", "abuse_by_kind", "outcomes"} {
		removed = append(removed, "  "+filepath.Join(out, "figures", f+".pdf")+"\n")
	}
	// report.md already showed the SVGs, but its captions of trapped and
	// abuse now say the replicates are drawn as thin lines, and it quotes
	// the command line, which now draws replicates.
	want := "Drew 5 figure files in " + filepath.Join(out, "figures") + " (svg).\nWrote " + filepath.Join(out, "report.md") + " again to show them and the command that draws them.\nRemoved 5 figure files of the earlier figures, no longer drawn:\n" + strings.Join(removed, "")
	if stdout != want {
		t.Errorf("plot --formats svg printed\n%s\nwant\n%s", stdout, want)
	}
	if status, stdout, stderr := runCLI(t, "plot", out); status != 0 || !strings.Contains(stdout, "Drew 5 figure files") || strings.Contains(stdout, "Removed") {
		t.Errorf("plot with no flags: status %d, stdout %q, stderr %q; want the 5 SVGs drawn again, nothing removed", status, stdout, stderr)
	}
	if got := files(t, filepath.Join(out, "figures")); len(got) != 5 || slices.ContainsFunc(got, func(f string) bool { return filepath.Ext(f) != ".svg" }) {
		t.Errorf("figures after plot with no flags: %v; want the 5 SVGs", got)
	}
	if status, stdout, stderr := runCLI(t, "reproduce", "--quiet", out); status != 0 || !strings.Contains(stdout, "OK: 3 tables, 5 figure files") {
		t.Errorf("reproduce after plot: status %d\n%s\n%s", status, stdout, stderr)
	}
}

func TestPlotRedrawsSameFigures(t *testing.T) {
	t.Parallel()
	out := smallCompare(t)
	before := map[string][]byte{}
	for _, f := range files(t, filepath.Join(out, "figures")) {
		before[f], _ = os.ReadFile(filepath.Join(out, "figures", f))
	}
	os.RemoveAll(filepath.Join(out, "figures"))
	manifest, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
	if status, _, stderr := runCLI(t, "plot", out); status != 0 {
		t.Fatalf("plot: status %d: %s", status, stderr)
	}
	after := files(t, filepath.Join(out, "figures"))
	if len(after) != len(before) {
		t.Fatalf("plot drew %d files; compare drew %d", len(after), len(before))
	}
	for _, f := range after {
		b, _ := os.ReadFile(filepath.Join(out, "figures", f))
		if !bytes.Equal(b, before[f]) {
			t.Errorf("figures/%s redrawn differs from the one compare drew", f)
		}
	}
	if m, _ := os.ReadFile(filepath.Join(out, "manifest.json")); !bytes.Equal(m, manifest) {
		t.Error("plot changed manifest.json although the figures are the same")
	}
	// Fewer formats: the others go, and the manifest lists what is there.
	if status, _, stderr := runCLI(t, "plot", "--formats", "png", out); status != 0 {
		t.Fatalf("plot --formats png: status %d: %s", status, stderr)
	}
	m, _ := output.ReadManifest(out)
	if got := files(t, filepath.Join(out, "figures")); len(got) != 5 || len(m.Figures) != 5 {
		t.Errorf("after plot --formats png: files %v, manifest lists %d figures; want the 5 PNGs", got, len(m.Figures))
	}
}

func TestInterruptKeepsFinishedRuns(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	status, _, stderr := runCLIInterrupted(t, 4, "compare", small, "--reps", "3", "--days", "40", "--out", out, "--workers", "2")
	if status != exitInterrupted {
		t.Fatalf("status %d; want %d (%s)", status, exitInterrupted, stderr)
	}
	m, err := output.ReadManifest(out)
	if err != nil {
		t.Fatal(err)
	}
	_, rows, err := output.ReadSummary(filepath.Join(out, "summary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if m.Complete || len(m.Runs) != len(rows) || len(rows) < 4 || len(rows) == 15 {
		t.Errorf("manifest complete=%v with %d runs, summary has %d rows; want incomplete, the finished runs, 4 to 14", m.Complete, len(m.Runs), len(rows))
	}
	for i, r := range rows {
		if r.Run.ID != i {
			t.Errorf("summary row %d is run %d; want the finished runs in order", i, r.Run.ID)
		}
	}
	if status, _, _ := runCLI(t, "reproduce", out); status != exitUsage {
		t.Errorf("reproduce on an incomplete folder: status %d; want 2", status)
	}
}

func TestJSONSummary(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	status, stdout, stderr := runCLI(t, "compare", small, "--reps", "2", "--days", "20", "--out", out, "--json", "--regimes", "open,closed")
	if status != 0 {
		t.Fatalf("status %d: %s", status, stderr)
	}
	var doc struct {
		Scenario string
		Groups   []struct {
			Regime  string
			Metrics []struct {
				Metric string
				N      int
			}
		}
		Performance struct {
			AgentSteps int64   `json:"agent_steps"`
			PerSecond  float64 `json:"agent_steps_per_second"`
			Workers    int
		}
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatalf("--json printed something that is not JSON: %v\n%s", err, stdout)
	}
	if doc.Scenario != "small" || len(doc.Groups) != 2 || doc.Groups[1].Regime != "closed" || doc.Groups[0].Metrics[0].N != 2 {
		t.Errorf("--json: %+v", doc)
	}
	// The agent-steps counted are those of the runs in timeseries.csv:
	// on each day of each run, the migrants created and not yet finished
	// the day before.
	ts, err := output.ReadTable(filepath.Join(out, "timeseries.csv"))
	if err != nil {
		t.Fatal(err)
	}
	var want int64
	finished := map[string]int{}
	for i := range ts.Rows {
		count := func(name string) int {
			n, err := ts.Int(i, name)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		run := ts.Cell(i, "run")
		want += int64(count("created") - finished[run])
		finished[run] = count("arrived") + count("returned") + count("stayed") + count("dead")
	}
	if p := doc.Performance; p.AgentSteps != want || want == 0 || !(p.PerSecond > 0) || p.Workers < 1 {
		t.Errorf("--json performance %+v; want %d agent-steps, a positive rate and workers", p, want)
	}
}

func TestRunOneRegime(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	status, stdout, stderr := runCLI(t, "run", small, "--regime", "hbm", "--reps", "2", "--days", "20", "--out", out)
	if status != 0 {
		t.Fatalf("status %d: %s", status, stderr)
	}
	m, _ := output.ReadManifest(out)
	if !slices.Equal(m.Regimes, []string{"hbm"}) || len(m.Runs) != 2 || !strings.Contains(stdout, "hbm") {
		t.Errorf("run --regime hbm ran %v (%d runs)", m.Regimes, len(m.Runs))
	}
	if status, _, _ := runCLI(t, "reproduce", out); status != 0 {
		t.Errorf("reproduce of a run folder: status %d", status)
	}
}

// TestNoProgressWhenNotATerminal: where stderr is not a terminal, a
// command prints no progress, only the line it ends with (the agent-steps
// it simulated and how fast); --progress asks for progress there too, and
// --quiet silences even the last line.
func TestNoProgressWhenNotATerminal(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	_, _, stderr := runCLI(t, "compare", small, "--reps", "2", "--days", "20", "--out", out)
	if !timingLine.MatchString(stderr) {
		t.Errorf("stderr is not a terminal, yet compare wrote more than its timing line to it: %q", stderr)
	}
	_, _, stderr = runCLI(t, "compare", small, "--reps", "2", "--days", "20", "--out", out, "--quiet")
	if stderr != "" {
		t.Errorf("compare --quiet wrote to stderr: %q", stderr)
	}
	status, _, stderr := runCLI(t, "compare", small, "--reps", "2", "--days", "20", "--out", out, "--quiet", "--progress")
	if status != exitUsage || !strings.Contains(stderr, "contradict") {
		t.Errorf("--quiet --progress: status %d, %q; want a usage error", status, stderr)
	}
}

// timingLine is the whole of what a simulating command prints on a
// stderr that is not a terminal.
var timingLine = regexp.MustCompile(`^borderwork [a-z]+: simulated [0-9,]+ agent-steps in (?:[0-9.]+ s|[0-9hms]+) \([0-9.]+ (million |thousand )?a second, [0-9]+ workers?\); (?:[0-9.]+ s|[0-9hms]+) in all\.\n$`)

func TestScenariosAndCheck(t *testing.T) {
	t.Parallel()
	status, stdout, _ := runCLI(t, "scenarios")
	if status != 0 || !strings.Contains(stdout, "sahel (default)") {
		t.Errorf("scenarios: status %d, %q", status, stdout)
	}
	status, stdout, _ = runCLI(t, "scenarios", "show", "sahel")
	if status != 0 || !strings.HasPrefix(stdout, "# Sahel route") {
		t.Errorf("scenarios show sahel: status %d, starts %q", status, stdout[:min(40, len(stdout))])
	}
	// What a student does: copy, edit, check.
	p := filepath.Join(t.TempDir(), "mine.toml")
	os.WriteFile(p, []byte(stdout), 0o644)
	status, stdout, _ = runCLI(t, "check", p, "--set", "posts.Toummo.capacity=10")
	if status != 0 || !strings.Contains(stdout, "is valid") || !strings.Contains(stdout, "Toummo at Toummo: processes 10 migrants a day") {
		t.Errorf("check: status %d\n%s", status, stdout)
	}
	if status, _, stderr := runCLI(t, "check", p, "--set", "posts.Toummo.capacity=-1"); status != exitUsage || !strings.Contains(stderr, "posts.Toummo.capacity") {
		t.Errorf("check of an invalid override: status %d, %q", status, stderr)
	}
	if status, _, _ := runCLI(t, "scenarios", "show", "atlantis"); status != exitUsage {
		t.Errorf("scenarios show atlantis: status %d; want 2", status)
	}
}

func TestHelpAndVersion(t *testing.T) {
	t.Parallel()
	status, stdout, _ := runCLI(t, "help")
	if status != 0 || !strings.Contains(stdout, "compare") {
		t.Errorf("help: %d %q", status, stdout)
	}
	for _, c := range commands() {
		status, stdout, stderr := runCLI(t, c.name, "--help")
		if status != 0 || !strings.HasPrefix(stdout, "usage: borderwork "+c.name) {
			t.Errorf("%s --help: status %d, stdout %q, stderr %q", c.name, status, stdout, stderr)
		}
	}
	status, stdout, _ = runCLI(t, "version")
	if status != 0 || !strings.HasPrefix(stdout, "borderwork "+output.Version) {
		t.Errorf("version: %d %q", status, stdout)
	}
	if status, _, stderr := runCLI(t, "frobnicate"); status != exitUsage || !strings.Contains(stderr, "unknown command") {
		t.Errorf("unknown command: %d %q", status, stderr)
	}
	if status, _, stderr := runCLI(t, "compare", "--reps"); status != exitUsage || !strings.Contains(stderr, "usage:") {
		t.Errorf("a flag without its value: %d %q", status, stderr)
	}
}

func TestByLocation(t *testing.T) {
	t.Parallel()
	out := smallCompare(t, "--by-location", "--regimes", "malfunctioning,hbm")
	type key struct{ run, day int }
	waiting, trapped := map[key]float64{}, map[key]float64{}
	table, err := output.ReadTable(filepath.Join(out, "locations.csv"))
	if err != nil {
		t.Fatal(err)
	}
	recs := append([][]string{table.Header}, table.Rows...)
	if h := strings.Join(recs[0], ","); h != "run,regime,replicate,day,location,waiting,trapped,stranded,queued,abuse_events,deaths" {
		t.Fatalf("locations.csv header %s", h)
	}
	for _, r := range recs[1:] {
		run, _ := strconv.Atoi(r[0])
		day, _ := strconv.Atoi(r[3])
		w, _ := strconv.ParseFloat(r[5], 64)
		tr, _ := strconv.ParseFloat(r[6], 64)
		waiting[key{run, day}] += w
		trapped[key{run, day}] += tr
	}
	if len(recs)-1 != 2*3*40*4 {
		t.Errorf("locations.csv has %d rows; want 2 regimes × 3 replicates × 40 days × 4 locations", len(recs)-1)
	}
	err = output.ReadTimeseries(filepath.Join(out, "timeseries.csv"), []string{"waiting", "trapped", "stranded"}, func(run output.Run, day int, v []float64) error {
		if k := (key{run.ID, day}); waiting[k] != v[0]+v[1]+v[2] || trapped[k] != v[1] {
			t.Errorf("run %d day %d: locations sum to %v waiting, %v trapped; timeseries has %v, %v", run.ID, day, waiting[k], trapped[k], v[0]+v[1]+v[2], v[1])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if status, _, stderr := runCLI(t, "reproduce", out); status != 0 {
		t.Errorf("reproduce with --by-location: status %d: %s", status, stderr)
	}
}

// TestBundledScenariosCompareDeterministic: compare on every bundled
// scenario writes the same bytes twice, with different worker counts.
func TestBundledScenariosCompareDeterministic(t *testing.T) {
	t.Parallel()
	status, stdout, _ := runCLI(t, "scenarios")
	if status != 0 {
		t.Fatal("scenarios failed")
	}
	var names []string
	for _, line := range strings.Split(stdout, "\n") {
		if f := strings.Fields(line); len(f) > 0 && !strings.HasPrefix(line, "borderwork") {
			names = append(names, f[0])
		}
	}
	if len(names) < 6 {
		t.Fatalf("found %d bundled scenarios in %q", len(names), stdout)
	}
	for _, name := range names {
		dir := t.TempDir()
		a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
		for i, out := range []string{a, b} {
			args := []string{"compare", name, "--reps", "2", "--days", "60", "--formats", "svg", "--out", out, "--workers", strconv.Itoa(1 + 3*i)}
			if status, _, stderr := runCLI(t, args...); status != 0 {
				t.Fatalf("compare %s: status %d: %s", name, status, stderr)
			}
		}
		sameFolders(t, a, b)
	}
}

// TestFigureOptionsAreRecorded: --bands and --size choose how figures are
// drawn; the folder records the choice, a plot with no flags draws the
// same bytes again, and plot's flags change it for good.
func TestFigureOptionsAreRecorded(t *testing.T) {
	t.Parallel()
	out := smallCompare(t, "--bands", "replicates", "--size", "single", "--formats", "svg")
	m, _ := output.ReadManifest(out)
	if o := m.FigureOptions; o == nil || o.Bands != "replicates" || o.Size != "single" {
		t.Fatalf("manifest figure_options %+v; want replicates, single", m.FigureOptions)
	}
	svg := func() []byte {
		b, err := os.ReadFile(filepath.Join(out, "figures", "trapped.svg"))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	drawn := svg()
	if !bytes.Contains(drawn, []byte(`width="238.11pt"`)) || !bytes.Contains(drawn, []byte("thin lines: single replicates")) {
		t.Error("trapped.svg is not single-column with replicate lines")
	}
	mustRun(t, "plot", "--formats", "svg", out)
	if !bytes.Equal(svg(), drawn) {
		t.Error("plot with no flags drew trapped.svg differently from compare")
	}
	mustRun(t, "plot", "--formats", "svg", "--bands", "ci", "--size", "double", out)
	m, _ = output.ReadManifest(out)
	if o := m.FigureOptions; o.Bands != "ci" || o.Size != "double" {
		t.Errorf("after plot --bands ci --size double: %+v", o)
	}
	ci := svg()
	if bytes.Equal(ci, drawn) || !bytes.Contains(ci, []byte("95% confidence intervals of the mean")) {
		t.Error("plot --bands ci did not redraw trapped.svg with confidence intervals")
	}
	mustRun(t, "plot", "--formats", "svg", out)
	if !bytes.Equal(svg(), ci) {
		t.Error("plot with no flags did not keep the recorded --bands ci")
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"plot", "--bands", "percentil", out}, "did you mean percentile?"},
		{[]string{"plot", "--size", "singel", out}, "did you mean single?"},
		{[]string{"plot", "--metric", "deaths", out}, "--metric and --regime choose what a sweep's figures show"},
		// Said of the flag, not of its value, whatever the value: a
		// regime not run was refused as one, and the flag then as
		// sweeps' only when given a regime that was.
		{[]string{"plot", "--regime", "nosuch", out}, "--metric and --regime choose what a sweep's figures show"},
		{[]string{"plot", "--metric", "nosuch", out}, "--metric and --regime choose what a sweep's figures show"},
		{[]string{"compare", small, "--bands", "range", "--out", filepath.Join(t.TempDir(), "x")}, "--bands: unknown choice"},
	} {
		status, _, stderr := runCLI(t, tc.args...)
		if status != exitUsage || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: status %d, %q; want 2 and %q", tc.args, status, stderr, tc.want)
		}
	}
}

// TestByLocationFigures: with --by-location, compare draws the figures of
// locations.csv, leaving out the locations where nothing was counted. It
// runs the scenario's 60 days, not smallCompare's 40: a migrant is
// trapped at Gate only after 14 days blocked there, which in 3 replicates
// of 40 days happens in few of the engine's possible random streams, and
// in 60 days in all but about 1 in 500 (measured over 400 replicates).
func TestByLocationFigures(t *testing.T) {
	t.Parallel()
	out := smallCompare(t, "--by-location", "--formats", "svg", "--days", "60")
	for _, name := range []string{"trapped_by_location", "abuse_by_location"} {
		b, err := os.ReadFile(filepath.Join(out, "figures", name+".svg"))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Contains(b, []byte(">Gate<")) {
			t.Errorf("%s does not show the location Gate", name)
		}
	}
	plain := smallCompare(t, "--formats", "svg")
	if _, err := os.Stat(filepath.Join(plain, "figures", "trapped_by_location.svg")); err == nil {
		t.Error("compare without --by-location drew a location figure")
	}
}

// TestReproduceWarnsOfUnknownBuild: a test binary records no revision;
// reproduce says so, and still reproduces.
func TestReproduceWarnsOfUnknownBuild(t *testing.T) {
	t.Parallel()
	out := smallCompare(t, "--formats", "")
	m, _ := output.ReadManifest(out)
	if m.Commit != "unknown" || m.BuildNote == "" || m.Dirty != nil {
		t.Fatalf("a test build's manifest: commit %q, dirty %v, note %q", m.Commit, m.Dirty, m.BuildNote)
	}
	status, stdout, stderr := runCLI(t, "reproduce", out)
	if status != 0 || !strings.Contains(stdout, "OK:") {
		t.Fatalf("reproduce: status %d\n%s\n%s", status, stdout, stderr)
	}
	// Neither the folder nor the binary knows its revision: one warning
	// says both, with the build's note once.
	if !strings.Contains(stderr, "warning: the folder does not record which source revision wrote it, and this binary does not know its own (") {
		t.Errorf("reproduce did not warn of the unknown revisions: %q", stderr)
	}
	if n := strings.Count(stderr, m.BuildNote); n != 1 {
		t.Errorf("reproduce gave the build's note %d times; want once: %q", n, stderr)
	}
}

// TestCheckDigestWords pins the words of check's digest: counts with
// their noun, who is at an origin at the start and who arrives after, and
// percentages without float noise.
func TestCheckDigestWords(t *testing.T) {
	t.Parallel()
	_, classroom, _ := runCLI(t, "scenarios", "show", "classroom")
	p := filepath.Join(t.TempDir(), "closure.toml")
	os.WriteFile(p, []byte(classroom+"\n[[posts.schedule]]\nfrom = 60\nto = 120\nadmission = \"nobody\"\n"), 0o644)
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{[]string{"check", p}, []string{"Village: none at the start, 8 arriving a day on average, to City;", "Post at Border: processes 15 migrants a day, 1 scheduled change\n"}},
		{[]string{"check", "sahel", "--set", "origins.Bamako.initial=1200"}, []string{"Bamako: 1,200 at the start, 40 arriving a day on average", "20% documented, 22% vulnerable\n"}},
	} {
		status, stdout, stderr := runCLI(t, tt.args...)
		if status != 0 {
			t.Fatalf("%v: status %d: %s", tt.args, status, stderr)
		}
		for _, w := range tt.want {
			if !strings.Contains(stdout, w) {
				t.Errorf("%v: the digest does not contain %q:\n%s", tt.args, w, stdout)
			}
		}
		if strings.Contains(stdout, "(s)") {
			t.Errorf("%v: the digest writes a noun with (s):\n%s", tt.args, stdout)
		}
	}
}

// TestSummarySaysWhatFleeRulesZero: run's summary of a scenario under
// Flee's rules says why its arrivals are 0, under the table; one under
// borderwork's own rules says nothing of rules.
func TestSummarySaysWhatFleeRulesZero(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		scenario string
		note     bool
	}{{"mali2012", true}, {small, false}} {
		status, stdout, stderr := runCLI(t, "run", tt.scenario, "--days", "3", "--reps", "1", "--formats", "", "--quiet", "--out", filepath.Join(t.TempDir(), "out"))
		if status != 0 {
			t.Fatalf("run %s: status %d: %s", tt.scenario, status, stderr)
		}
		if got := strings.Contains(stdout, "agents never leave the simulation, so arrivals, returns and those who stayed at home are 0"); got != tt.note {
			t.Errorf("run %s: the note on Flee's rules is there: %v; want %v:\n%s", tt.scenario, got, tt.note, stdout)
		}
	}
}

// TestOneReplicateSaysNoInterval: with one replicate the summary's
// header and report.md say there is no interval, rather than promise
// "± 95% confidence half-widths" or call absent intervals overlapping.
func TestOneReplicateSaysNoInterval(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	stdout := mustRun(t, "compare", small, "--reps", "1", "--days", "20", "--formats", "", "--quiet", "--out", out)
	if !strings.Contains(stdout, "One replicate: its values, with no interval (give --reps 2 or more for one).") || strings.Contains(stdout, "half-widths") {
		t.Errorf("compare --reps 1 printed\n%s\nwant that there is no interval", stdout)
	}
	report, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(report), "intervals overlap") || !strings.Contains(string(report), "one replicate has no interval, so this ordering is not established") {
		t.Errorf("report.md of one replicate:\n%s\nwant no word of intervals overlapping", report)
	}
}

// TestSummarySaysUnits: under each headline's title the summary names
// its unit, right-aligned with it, so that "abuse by smugglers" (events)
// is not read as a count of migrants, as "migrants abused" is.
func TestSummarySaysUnits(t *testing.T) {
	t.Parallel()
	stdout := mustRun(t, "compare", small, "--reps", "1", "--days", "5", "--formats", "", "--quiet", "--out", filepath.Join(t.TempDir(), "out"))
	lines := strings.Split(stdout, "\n")
	i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(strings.TrimSpace(l), "regime ") })
	if i < 0 || i+1 >= len(lines) {
		t.Fatalf("compare printed no table:\n%s", stdout)
	}
	header, units := lines[i], lines[i+1]
	for _, h := range output.Headlines() {
		end := strings.Index(header, h.Title) + len(h.Title)
		want := "(" + h.Unit + ")"
		if end < len(h.Title) || end > len(units) || !strings.HasSuffix(units[:end], want) {
			t.Errorf("the line under the titles does not end %q under %q:\n%s\n%s", want, h.Title, header, units)
		}
	}
}

// TestCheckKeys: check --keys lists every numeric key --set takes, with
// its value (after the --sets), unit and accepted values, a line each,
// the factor levels among them; each key listed is one --set accepts.
func TestCheckKeys(t *testing.T) {
	t.Parallel()
	stdout := mustRun(t, "check", small, "--keys", "--set", "posts.Gate.capacity=7")
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if !strings.HasPrefix(lines[0], "key ") || !strings.Contains(lines[0], "accepts") {
		t.Fatalf("check --keys printed\n%s\nwant a header first", stdout)
	}
	found := map[string][]string{}
	for _, l := range lines[1:] {
		f := strings.Fields(l)
		if len(f) >= 2 && strings.Contains(f[0], ".") || len(f) >= 2 && f[0] == "days" {
			found[f[0]] = f[1:]
		}
	}
	for key, value := range map[string]string{"days": "", "posts.Gate.capacity": "7", "factors.integrity.weak.oversight": "0.4"} {
		got, ok := found[key]
		if !ok || value != "" && got[0] != value {
			t.Errorf("check --keys: %s listed as %v; want it with value %q:\n%s", key, got, value, stdout)
		}
		if status, _, stderr := runCLI(t, "check", small, "--set", key+"="+got[0]); status != 0 {
			t.Errorf("--set %s=%s, a key and value check --keys listed: status %d, %s", key, got[0], status, stderr)
		}
	}
}

// TestCheckKeysRegimes: check --keys says that regimes.NAME.KEY sets a
// level's key for one regime, naming the regimes; every such key, for
// every regime named and every key of a level listed, is one --set takes
// and check then lists with its value.
func TestCheckKeysRegimes(t *testing.T) {
	t.Parallel()
	stdout := mustRun(t, "check", small, "--keys")
	_, note, ok := strings.Cut(stdout, "regimes.NAME.KEY sets one for the regime NAME alone, as regimes.malfunctioning.outage_start does:\nNAME is one of ")
	if !ok {
		t.Fatalf("check --keys says nothing of a regime's own keys:\n%s", stdout)
	}
	names, _, _ := strings.Cut(note, ", and KEY one of the levels' keys.")
	keys := map[string]string{} // a level's key: a value listed for it
	for _, l := range strings.Split(stdout, "\n") {
		if f := strings.Fields(l); len(f) > 1 && strings.HasPrefix(f[0], "factors.") {
			keys[f[0][strings.LastIndexByte(f[0], '.')+1:]] = f[1]
		}
	}
	s, err := scenarios.Load(small)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Split(names, ", "); !slices.Equal(got, s.RegimeNames()) || len(keys) < 10 {
		t.Fatalf("check --keys names the regimes %q and lists %d levels' keys; want %q, and the levels' keys", got, len(keys), s.RegimeNames())
	}
	for _, name := range s.RegimeNames() {
		for key, value := range keys {
			if err := s.Clone().Set("regimes." + name + "." + key + "=" + value); err != nil {
				t.Errorf("--set regimes.%s.%s=%s, as check --keys says: %v", name, key, value, err)
			}
		}
	}
	set := mustRun(t, "check", small, "--keys", "--set", "regimes.open.outage_days=9")
	if !regexp.MustCompile(`(?m)^regimes\.open\.outage_days +9 `).MatchString(set) {
		t.Errorf("check --keys with --set regimes.open.outage_days=9 does not list it with its value:\n%s", set)
	}
}

// TestDaysAndRepsOutOfRange: --days and --reps out of range are refused
// in the words and notation of the same keys out of range in a scenario
// or --set ("a number of days in [1, 65535]"; they said "1..65535").
func TestDaysAndRepsOutOfRange(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--days", "0", "--reps", "2"}, "borderwork compare: --days must be a number of days in [1, 65535], got 0\n"},
		{[]string{"--days", "10", "--reps", "0"}, "borderwork compare: --reps must be a count in [1, 1000000], got 0\n"},
	} {
		out := filepath.Join(t.TempDir(), "out")
		status, _, stderr := runCLI(t, append([]string{"compare", small, "--out", out}, tt.args...)...)
		if status != exitUsage || stderr != tt.want {
			t.Errorf("compare %v: status %d, %q; want %d, %q", tt.args, status, stderr, exitUsage, tt.want)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("compare %v: --out was created", tt.args)
		}
	}
}
