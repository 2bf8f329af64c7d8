package experiment_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/foldertest"
	"github.com/borderwork/borderwork/internal/manifestedit"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/scenarios"
)

// noLeftovers fails if a hidden temporary folder is left beside out.
func noLeftovers(t *testing.T, out string) {
	t.Helper()
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*")); len(left) > 0 {
		t.Errorf("temporary folders left behind: %v", left)
	}
}

// classroom is the bundled classroom scenario, short.
func classroom(t *testing.T, reps, days int) *scenarios.Scenario {
	t.Helper()
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Replicates, s.File.Days = reps, days
	return s
}

func comparePlan(t *testing.T, s *scenarios.Scenario) *experiment.Prepared {
	t.Helper()
	x, err := (&experiment.Plan{Command: "compare", Scenario: s, Arg: "classroom", Regimes: scenarios.BuiltinRegimes, Reps: s.File.Replicates}).Prepare()
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func sweepPlan(t *testing.T, reps int) *experiment.Prepared {
	t.Helper()
	return sweepPlanOf(t, classroom(t, reps, 30))
}

// sweepPlanOf is sweepPlan's sweep over scenario s, for a test that
// changes the scenario first (its seed, its days).
func sweepPlanOf(t *testing.T, s *scenarios.Scenario) *experiment.Prepared {
	t.Helper()
	return prepareSweep(t, s, []string{"closed", "malfunctioning"}, experiment.SweepSpec{
		Vary: []string{"regimes.malfunctioning.outage_start=0:0.2:3"},
	})
}

// prepareSweep is the prepared sweep of spec over the classroom scenario
// s and regimes.
func prepareSweep(t *testing.T, s *scenarios.Scenario, regimes []string, spec experiment.SweepSpec) *experiment.Prepared {
	t.Helper()
	p, err := experiment.NewSweep(s, "classroom", regimes, spec)
	if err != nil {
		t.Fatal(err)
	}
	x, err := p.Prepare()
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// interruptAfter is a context and a progress function that cancels it
// once n runs of the folder are done.
func interruptAfter(n int) (context.Context, func(int)) {
	ctx, cancel := context.WithCancel(context.Background())
	return ctx, func(done int) {
		if done >= n {
			cancel()
		}
	}
}

// TestInterruptedRerunLeavesTheFolder: a rerun into a complete folder,
// interrupted, leaves every earlier file byte-identical and keeps its own
// runs beside it.
func TestInterruptedRerunLeavesTheFolder(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	x := comparePlan(t, classroom(t, 3, 30))
	if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2, Formats: []string{"svg"}}); err != nil {
		t.Fatal(err)
	}
	before := foldertest.Files(t, out)
	ctx, progress := interruptAfter(4)
	res, err := experiment.Write(ctx, x, out, experiment.Options{Workers: 2, Formats: []string{"svg"}, Progress: progress})
	if !errors.Is(err, runs.ErrInterrupted) {
		t.Fatalf("Write = %v; want it interrupted", err)
	}
	foldertest.Same(t, "the complete folder after an interrupted rerun", out, before)
	if res.Dir != experiment.PartialPath(out) {
		t.Errorf("the interrupted rerun's runs went to %s; want %s", res.Dir, experiment.PartialPath(out))
	}
	if m, err := output.ReadManifest(res.Dir); err != nil || m.Complete || len(m.Runs) < 4 {
		t.Errorf("the partial folder: %v, %+v; want an incomplete folder of at least 4 runs", err, m)
	}
	noLeftovers(t, out)
}

// TestShorterInterruptedRerunKeepsTheLongerPartial: a plain rerun
// (not --resume) into a complete folder, interrupted sooner than an
// earlier rerun was, leaves that rerun's runs at PartialPath as they
// were, since they include all of its own; interrupted later than that,
// it replaces them.
func TestShorterInterruptedRerunKeepsTheLongerPartial(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	x := comparePlan(t, classroom(t, 6, 20)) // 24 runs
	if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 1, Formats: []string{"svg"}}); err != nil {
		t.Fatal(err)
	}
	complete := foldertest.Files(t, out)
	partial := experiment.PartialPath(out)
	interrupt := func(after int) (*experiment.Outcome, error) {
		t.Helper()
		ctx, progress := interruptAfter(after)
		res, err := experiment.Write(ctx, x, out, experiment.Options{Workers: 1, Formats: []string{"svg"}, Progress: progress})
		if !errors.Is(err, runs.ErrInterrupted) {
			t.Fatalf("Write interrupted after %d runs = %v; want it interrupted", after, err)
		}
		if res.Dir != partial {
			t.Fatalf("the runs went to %s; want %s", res.Dir, partial)
		}
		return res, err
	}
	runsAt := func() int {
		t.Helper()
		m, err := output.ReadManifest(partial)
		if err != nil {
			t.Fatal(err)
		}
		return len(m.Runs)
	}

	interrupt(10)
	longer := runsAt()
	kept := foldertest.Files(t, partial)
	res, err := interrupt(3)
	foldertest.Same(t, "the longer partial folder after a shorter interrupted rerun", partial, kept)
	if len(res.Rows) != longer || !strings.Contains(err.Error(), "kept as it was") {
		t.Errorf("outcome of %d runs, %v; want the %d runs kept, said", len(res.Rows), err, longer)
	}
	foldertest.Same(t, "the complete folder", out, complete)
	noLeftovers(t, out)

	interrupt(16)
	if n := runsAt(); n < 16 {
		t.Errorf("a longer interrupted rerun left %d runs at %s; want its own, at least 16", n, partial)
	}
	foldertest.Same(t, "the complete folder", out, complete)
	noLeftovers(t, out)
}

// TestForceRefusesTheUsersTableBeforeRunning: --force onto a folder of
// the user's that holds a file named like a table of the folder is
// refused before any run (it would be replaced), leaving the folder as it
// was and no hidden folder beside it.
func TestForceRefusesTheUsersTableBeforeRunning(t *testing.T) {
	x := comparePlan(t, classroom(t, 2, 20))
	for _, table := range []string{"summary.csv", "stats.csv", "timeseries.csv"} {
		out := filepath.Join(t.TempDir(), "out")
		os.Mkdir(out, 0o755)
		os.WriteFile(filepath.Join(out, table), []byte("mine\n"), 0o644)
		os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine\n"), 0o644)
		before := foldertest.Files(t, out)
		started := 0
		_, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 1, Force: true, Progress: func(int) { started++ }})
		if !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), table) {
			t.Errorf("%s: Write = %v; want a refusal naming it", table, err)
		}
		if started > 0 {
			t.Errorf("%s: %d runs before the refusal; want none", table, started)
		}
		foldertest.Same(t, "the user's folder", out, before)
		noLeftovers(t, out)
	}
}

// TestInterruptedResumeLeavesTheFolder: a resume interrupted leaves the
// folder it resumed byte-identical; the next resume continues from where
// the interrupted one got to, and the result is the folder an
// uninterrupted sweep writes.
func TestInterruptedResumeLeavesTheFolder(t *testing.T) {
	dir := t.TempDir()
	whole, out := filepath.Join(dir, "whole"), filepath.Join(dir, "out")
	x := sweepPlan(t, 4) // 3 points × 2 regimes × 4 replicates = 24 runs
	if _, err := experiment.Write(context.Background(), x, whole, experiment.Options{Workers: 2}); err != nil {
		t.Fatal(err)
	}

	ctx, progress := interruptAfter(5)
	if _, err := experiment.Write(ctx, x, out, experiment.Options{Workers: 2, Progress: progress}); !errors.Is(err, runs.ErrInterrupted) {
		t.Fatalf("first write: %v; want it interrupted", err)
	}
	before := foldertest.Files(t, out)

	r, err := experiment.Resumable(context.Background(), out, x, x.AllJobs())
	if err != nil || r.From != out || len(r.Done) < 5 {
		t.Fatalf("Resumable = %+v, %v; want the runs of %s", r, err, out)
	}
	ctx, progress = interruptAfter(len(r.Done) + 6)
	res, err := experiment.Write(ctx, x, out, experiment.Options{Workers: 2, Resume: r.From, Done: r.Done, Progress: progress})
	if !errors.Is(err, runs.ErrInterrupted) {
		t.Fatalf("resume: %v; want it interrupted", err)
	}
	foldertest.Same(t, "the folder an interrupted resume resumed", out, before)
	if res.Dir != experiment.PartialPath(out) {
		t.Fatalf("the interrupted resume kept its runs in %s; want %s", res.Dir, experiment.PartialPath(out))
	}

	r2, err := experiment.Resumable(context.Background(), out, x, x.AllJobs())
	if err != nil || r2.From != experiment.PartialPath(out) || len(r2.Done) <= len(r.Done) {
		t.Fatalf("second Resumable = %+v, %v; want the further runs of %s", r2, err, experiment.PartialPath(out))
	}
	if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2, Resume: r2.From, Done: r2.Done}); err != nil {
		t.Fatal(err)
	}
	foldertest.Same(t, "the resumed folder against an uninterrupted sweep", out, foldertest.Files(t, whole))
	if _, err := os.Stat(experiment.PartialPath(out)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the partial folder was not removed once complete: %v", err)
	}
	noLeftovers(t, out)
	if r3, err := experiment.Resumable(context.Background(), out, x, x.AllJobs()); err != nil || !r3.Complete {
		t.Errorf("Resumable of the complete folder = %+v, %v; want complete", r3, err)
	}
}

// editLine replaces line n (from 1) of a file by f(line).
func editLine(t *testing.T, path string, n int, f func(string) string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	lines[n-1] = f(lines[n-1])
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestResumeRefusesChangedFolders: --resume checks every table against its
// checksum and names the file and the first row that differs; it writes
// nothing.
func TestResumeRefusesChangedFolders(t *testing.T) {
	x := sweepPlan(t, 4)
	tests := []struct {
		name string
		edit func(t *testing.T, out string)
		want string
	}{
		{"a number in timeseries.csv", func(t *testing.T, out string) {
			editLine(t, filepath.Join(out, "timeseries.csv"), 47, func(l string) string { return strings.Replace(l, ",", ",1", 5) })
		}, "timeseries.csv:47: this row differs"},
		{"a row of summary.csv", func(t *testing.T, out string) {
			editLine(t, filepath.Join(out, "summary.csv"), 3, func(l string) string { return l + "0" })
		}, "summary.csv:3: this row differs"},
		{"summary.csv cut short", func(t *testing.T, out string) {
			p := filepath.Join(out, "summary.csv")
			b, _ := os.ReadFile(p)
			os.WriteFile(p, b[:len(b)/2], 0o644)
		}, "summary.csv:"},
		{"summary.csv changed and left out of the manifest", func(t *testing.T, out string) {
			unlistTable(t, out, "summary.csv")
			editLine(t, filepath.Join(out, "summary.csv"), 3, func(l string) string { return l + "0" })
		}, "summary.csv is not among the tables"},
		{"a seed in the manifest", func(t *testing.T, out string) {
			p := filepath.Join(out, "manifest.json")
			b, _ := os.ReadFile(p)
			os.WriteFile(p, bytes.Replace(b, []byte(`"seed": `), []byte(`"seed": 1`), 2), 0o644)
		}, "manifest.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			ctx, progress := interruptAfter(6)
			if _, err := experiment.Write(ctx, x, out, experiment.Options{Workers: 1, Progress: progress}); !errors.Is(err, runs.ErrInterrupted) {
				t.Fatalf("write: %v; want it interrupted", err)
			}
			tt.edit(t, out)
			before := foldertest.Files(t, out)
			_, err := experiment.Resumable(context.Background(), out, x, x.AllJobs())
			if !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Resumable = %v; want a refusal naming %q", err, tt.want)
			}
			if err != nil && strings.Contains(err.Error(), "\n") {
				t.Errorf("the refusal is more than one line: %q", err)
			}
			foldertest.Same(t, "a refused resume", out, before)
		})
	}
}

// shards writes the sweep as n shards, returning their folders.
func shards(t *testing.T, x0 func() *experiment.Prepared, dir string, n int) []string {
	t.Helper()
	var dirs []string
	for i := range n {
		x := x0()
		jobs, err := x.Shard(i, n)
		if err != nil {
			t.Fatal(err)
		}
		d := filepath.Join(dir, "shard"+strconv.Itoa(i))
		if _, err := experiment.Write(context.Background(), x, d, experiment.Options{Workers: 2, Jobs: jobs}); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, d)
	}
	return dirs
}

// TestMergeRefusesChangedShards: merge checks every shard's tables and
// manifest, refuses (naming the file and row) what was changed, and
// leaves every shard byte-identical and writes nothing.
func TestMergeRefusesChangedShards(t *testing.T) {
	newSweep := func() *experiment.Prepared { return sweepPlan(t, 2) }
	tests := []struct {
		name string
		edit func(t *testing.T, shard string)
		want string
	}{
		{"a row of summary.csv", func(t *testing.T, shard string) {
			editLine(t, filepath.Join(shard, "summary.csv"), 4, func(l string) string { return strings.Replace(l, ",0,", ",1,", 1) })
		}, "summary.csv:4: this row differs"},
		{"timeseries.csv cut short", func(t *testing.T, shard string) {
			p := filepath.Join(shard, "timeseries.csv")
			b, _ := os.ReadFile(p)
			os.WriteFile(p, b[:len(b)-200], 0o644)
		}, "timeseries.csv:"},
		{"summary.csv missing", func(t *testing.T, shard string) {
			os.Remove(filepath.Join(shard, "summary.csv"))
		}, "summary.csv: is missing"},
		{"the points in the manifest", func(t *testing.T, shard string) {
			p := filepath.Join(shard, "manifest.json")
			b, _ := os.ReadFile(p)
			os.WriteFile(p, bytes.Replace(b, []byte("0.1\n"), []byte("0.15\n"), 1), 0o644)
		}, "manifest.json"},
		{"summary.csv changed and left out of the manifest", func(t *testing.T, shard string) {
			unlistTable(t, shard, "summary.csv")
			editLine(t, filepath.Join(shard, "summary.csv"), 3, func(l string) string { return l + "0" })
		}, "summary.csv is not among the tables"},
		{"scenario.toml", func(t *testing.T, shard string) {
			p := filepath.Join(shard, "scenario.toml")
			b, _ := os.ReadFile(p)
			os.WriteFile(p, append(b, "\n# edited\n"...), 0o644)
		}, "scenario.toml"},
		// Fields no command writes, and a seed the command line does not
		// give, reached the engine ("want at least 1 replicate", status
		// 1) or the merged folder (a seed its runs were not run with).
		{"no regimes in the manifest", func(t *testing.T, shard string) {
			manifestedit.Edit(t, shard, func(m map[string]any) { m["regimes"] = []string{} })
		}, "manifest.json: regimes is empty"},
		{"no replicates in the manifest", func(t *testing.T, shard string) {
			manifestedit.Edit(t, shard, func(m map[string]any) { m["reps"] = 0 })
		}, "manifest.json: reps is 0"},
		{"no days in the manifest", func(t *testing.T, shard string) {
			manifestedit.Edit(t, shard, func(m map[string]any) { m["days"] = 0 })
		}, "manifest.json: days is 0"},
		{"another seed in the manifest", func(t *testing.T, shard string) {
			manifestedit.Edit(t, shard, func(m map[string]any) { m["seed"] = -1 })
		}, "manifest.json: command_line does not agree with the fields it records: it gives --seed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			dirs := shards(t, newSweep, dir, 2)
			tt.edit(t, dirs[1])
			before := []map[string]string{foldertest.Files(t, dirs[0]), foldertest.Files(t, dirs[1])}
			out := filepath.Join(dir, "merged")
			_, err := experiment.Merge(context.Background(), dirs, out, experiment.MergeOptions{})
			if !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Merge = %v; want a bad-input error naming %q", err, tt.want)
			}
			for i, d := range dirs {
				foldertest.Same(t, "a shard of a refused merge", d, before[i])
			}
			if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a refused merge created %s", out)
			}
			noLeftovers(t, out)
		})
	}
}

// TestFoldersKeepOthersFiles: a folder holding files borderwork did not
// write, or another scenario's results, is refused; with Force it is
// replaced and the other files are kept.
func TestFoldersKeepOthersFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	x := comparePlan(t, classroom(t, 2, 20))
	if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	// A rerun of the same command replaces the folder.
	if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2}); err != nil {
		t.Errorf("a rerun into its own folder: %v", err)
	}
	notes := filepath.Join(out, "notes", "thoughts.md")
	os.MkdirAll(filepath.Dir(notes), 0o755)
	os.WriteFile(notes, []byte("precious"), 0o644)
	before := foldertest.Files(t, out)
	_, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2})
	if !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), "notes/thoughts.md") {
		t.Errorf("rerun into a folder with notes: %v; want a refusal naming notes/thoughts.md", err)
	}
	foldertest.Same(t, "a refused rerun", out, before)

	// Changed results are not the tool's to replace either.
	editLine(t, filepath.Join(out, "stats.csv"), 2, func(l string) string { return l + "1" })
	os.Remove(notes)
	if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2}); !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), "stats.csv") {
		t.Errorf("rerun into a folder with a changed table: %v; want a refusal naming stats.csv", err)
	}

	// Another scenario's folder.
	other := classroom(t, 2, 20)
	other.Source = "elsewhere/classroom.toml"
	y := comparePlan(t, other)
	os.WriteFile(notes, []byte("precious"), 0o644)
	if _, err := experiment.Write(context.Background(), y, out, experiment.Options{Workers: 2}); !errors.Is(err, runs.ErrBadInput) {
		t.Errorf("another scenario into the folder: %v; want a refusal", err)
	}
	if _, err := experiment.Write(context.Background(), y, out, experiment.Options{Workers: 2, Force: true}); err != nil {
		t.Fatalf("with Force: %v", err)
	}
	if b, err := os.ReadFile(notes); err != nil || string(b) != "precious" {
		t.Errorf("with Force, the notes were not kept: %q, %v", b, err)
	}
	if m, _ := output.ReadManifest(out); m == nil || m.ScenarioSource != "elsewhere/classroom.toml" {
		t.Errorf("with Force, the folder was not replaced")
	}
	noLeftovers(t, out)
}

func TestDefaultOut(t *testing.T) {
	tests := []struct{ command, source, want string }{
		{"compare", "bundled:sahel", "out/compare-sahel"},
		{"sweep", "my/edited copy.toml", "out/sweep-edited-copy"},
		{"compare", "../../etc/passwd.toml", "out/compare-passwd"},
		{"claim", "..toml", "out/claim-scenario"},
		{"run", "x/.hidden.toml", "out/run-hidden"},
		{"compare", strings.Repeat("a", 300) + ".toml", "out/compare-" + strings.Repeat("a", 64)},
	}
	for _, tt := range tests {
		if got := filepath.ToSlash(experiment.DefaultOut(tt.command, tt.source)); got != tt.want {
			t.Errorf("DefaultOut(%q, %q) = %q; want %q", tt.command, tt.source, got, tt.want)
		}
	}
}

// TestReproduceChecksFiguresAndReport: reproduce notices a changed figure
// or report, not only changed tables.
func TestReproduceChecksFiguresAndReport(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	x := comparePlan(t, classroom(t, 2, 20))
	if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2, Formats: []string{"svg"}}); err != nil {
		t.Fatal(err)
	}
	rep, err := experiment.Reproduce(context.Background(), out, 2)
	if err != nil || len(rep.Problems) > 0 || rep.Figures != 5 || !rep.Report {
		t.Fatalf("Reproduce of a fresh folder = %+v, %v; want no problems, 5 figures and the report checked", rep, err)
	}
	os.WriteFile(filepath.Join(out, "report.md"), []byte("# my own conclusions\n"), 0o644)
	svg := filepath.Join(out, "figures", "trapped.svg")
	b, _ := os.ReadFile(svg)
	os.WriteFile(svg, bytes.Replace(b, []byte("trapped"), []byte("TRAPPED"), 1), 0o644)
	rep, err = experiment.Reproduce(context.Background(), out, 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"report.md", "figures/trapped.svg"} {
		if !slices.ContainsFunc(rep.Problems, func(p string) bool { return strings.Contains(p, want) }) {
			t.Errorf("Reproduce problems %q; want %s named", rep.Problems, want)
		}
	}
}

// TestReproduceNamesTheEditedRow: a table edited in the folder is named by
// the row that was changed, found against the rerun, not by the first row
// of the block of runs the manifest's digests place it in.
func TestReproduceNamesTheEditedRow(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	x := comparePlan(t, classroom(t, 6, 20))
	if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2, Formats: []string{"svg"}}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		table string
		row   func(lines int) int
	}{
		{"timeseries.csv", func(lines int) int { return lines - 7 }},
		{"summary.csv", func(int) int { return 5 }},
	} {
		t.Run(tt.table, func(t *testing.T) {
			p := filepath.Join(out, tt.table)
			orig, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			defer os.WriteFile(p, orig, 0o644)
			n := tt.row(bytes.Count(orig, []byte("\n")))
			editLine(t, p, n, func(l string) string { return strings.Replace(l, ",", ",9", 1) })
			rep, err := experiment.Reproduce(context.Background(), out, 2)
			if err != nil {
				t.Fatal(err)
			}
			want := fmt.Sprintf("%s:%d: this row differs", tt.table, n)
			if len(rep.Problems) != 1 || !strings.HasPrefix(rep.Problems[0], want) {
				t.Errorf("Reproduce problems %q; want one, beginning %q", rep.Problems, want)
			}
		})
	}
}

// TestRedrawRefusesChangedTables: figures are not redrawn from tables that
// do not match their checksums, nor from a table the manifest no longer
// lists.
func TestRedrawRefusesChangedTables(t *testing.T) {
	for _, tt := range []struct {
		name, want string
		unlist     bool
	}{{"changed", "summary.csv:2", false}, {"changed and left out of the manifest", "summary.csv is not among the tables", true}} {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			x := comparePlan(t, classroom(t, 2, 20))
			if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2, Formats: []string{"svg"}}); err != nil {
				t.Fatal(err)
			}
			if tt.unlist {
				unlistTable(t, out, "summary.csv")
			}
			editLine(t, filepath.Join(out, "summary.csv"), 5, func(l string) string { return strings.Replace(l, ",", ",9", 4) })
			before := foldertest.Files(t, out)
			_, err := experiment.Redraw(out, []string{"svg"}, experiment.FigureChange{})
			if !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Redraw = %v; want a refusal naming %q", err, tt.want)
			}
			foldertest.Same(t, "a refused redraw", out, before)
		})
	}
}

// unlistTable takes a table out of a folder's manifest, as a hand that
// wanted it trusted unchecked would.
func unlistTable(t *testing.T, dir, table string) {
	t.Helper()
	manifestedit.Edit(t, dir, func(m map[string]any) {
		tables, _ := m["tables"].([]any)
		kept := []any{}
		for _, e := range tables {
			if e.(map[string]any)["file"] != table {
				kept = append(kept, e)
			}
		}
		if len(kept) == len(tables) {
			t.Fatalf("%s's manifest does not list %s", dir, table)
		}
		m["tables"] = kept
	})
}

// TestRedrawRefusesRunsCutShort: a complete folder whose manifest lists
// fewer runs than it holds was drawn, its figures given checksums in a
// manifest that reproduce then found wrong in every table; it is refused,
// naming the counts, the folder unchanged.
func TestRedrawRefusesRunsCutShort(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	x := comparePlan(t, classroom(t, 2, 20))
	if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2, Formats: []string{"svg"}}); err != nil {
		t.Fatal(err)
	}
	manifestedit.Edit(t, out, func(m map[string]any) {
		runs := m["runs"].([]any)
		m["runs"] = runs[:len(runs)-1]
	})
	before := foldertest.Files(t, out)
	_, err := experiment.Redraw(out, []string{"svg"}, experiment.FigureChange{})
	want := "manifest.json: runs lists 7 of the 8 runs the folder holds when complete; the manifest was changed"
	if !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), want) {
		t.Errorf("Redraw = %v; want a refusal naming %q", err, want)
	}
	foldertest.Same(t, "a refused redraw", out, before)
}
