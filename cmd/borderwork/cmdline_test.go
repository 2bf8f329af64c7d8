package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/output"
)

// rerunRecorded runs the command line that the manifest of the folder at
// dir records, as a shell would read it, into a new folder, and fails
// unless that folder holds the same files with the same bytes: figures,
// report.md and manifest.json included. It returns the command line.
func rerunRecorded(t *testing.T, dir string) string {
	t.Helper()
	m, err := output.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	words, redirect, err := splitCommand(m.CommandLine)
	if err != nil || redirect != "" || len(words) < 2 || words[0] != "borderwork" {
		t.Fatalf("command_line %q: %v; want a borderwork command", m.CommandLine, err)
	}
	again := filepath.Join(t.TempDir(), "again")
	mustRun(t, append(words[1:], "--out", again, "--quiet")...)
	sameFolders(t, dir, again)
	return m.CommandLine
}

// TestCommandLineRedrawsTheFigures: the command line a folder's manifest
// records (and its report.md quotes) writes the same folder, figures
// included, when the figures were drawn with other than the default
// --bands, --size and --formats; and still does after plot draws them
// another way, for every kind of folder. reproduce passes after plot.
func TestCommandLineRedrawsTheFigures(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		args []string // the command, without --out
		want string   // the figure flags that end its command line
		plot []string // plot's flags; none: the folder cannot be plotted
		// plotted are the figure flags that end the command line after
		// plot; "": none, the figures drawn as by default.
		plotted string
	}{
		{"run", []string{"run", small, "--regime", "hbm", "--reps", "2", "--days", "30", "--bands", "ci", "--size", "single", "--formats", "svg"},
			"--bands ci --size single --formats svg",
			[]string{"--bands", "replicates", "--size", "double", "--formats", "png"}, "--bands replicates --formats png"},
		{"compare", []string{"compare", small, "--reps", "2", "--days", "30", "--bands", "replicates", "--size", "single", "--formats", "png,svg"},
			"--bands replicates --size single --formats png,svg",
			[]string{"--bands", "percentile", "--formats", "svg"}, "--size single --formats svg"},
		{"sweep", append(withoutOut(smallSweep("")), "--bands", "ci", "--size", "single", "--formats", "png"),
			"--bands ci --size single --formats png",
			[]string{"--bands", "replicates", "--formats", "svg"}, "--bands replicates --size single --formats svg"},
		{"sweep metrics", append(withoutOut(smallSweep("")), "--figure-metrics", "abuse_events", "--formats", "svg"),
			"--formats svg --figure-metrics abuse_events",
			[]string{"--metric", "peak_trapped,abuse_events", "--regime", "closed"}, "--formats svg --figure-metrics peak_trapped,abuse_events --figure-regimes closed"},
		{"claim", []string{"claim", small, "--days", "20", "--reps", "2", "--max-reps", "2", "--own", "none", "--bands", "ci", "--size", "single", "--formats", "svg"},
			"--bands ci --size single --formats svg",
			[]string{"--bands", "percentile", "--size", "double", "--formats", "png,svg,pdf"}, ""},
		{"programme", []string{"programme", toyProgramme, "--days", "30", "--reps", "2", "--bands", "replicates", "--size", "single", "--formats", ""},
			`--bands replicates --size single --formats ''`,
			[]string{"--formats", "svg"}, "--bands replicates --size single --formats svg"},
		{"sensitivity", append(withoutOut(smallSensitivity("")), "--size", "single", "--formats", "svg"),
			"--size single --formats svg",
			[]string{"--size", "double", "--formats", "png"}, "--formats png"},
		{"validate", append(withoutOut(smallFlowValidation("")), "--size", "single"), "--size single --formats svg", nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			mustRun(t, append(tc.args, "--out", out, "--quiet")...)
			if cl := rerunRecorded(t, out); !strings.HasSuffix(cl, " "+tc.want) {
				t.Errorf("command_line %q; want it to end %s", cl, tc.want)
			}
			if tc.plot == nil {
				return
			}
			mustRun(t, append([]string{"plot", out}, tc.plot...)...)
			cl := rerunRecorded(t, out)
			if (tc.plotted == "" && hasFigureFlag(cl)) || (tc.plotted != "" && !strings.HasSuffix(cl, " "+tc.plotted)) {
				t.Errorf("after plot %s: command_line %q; want it to end %q", strings.Join(tc.plot, " "), cl, tc.plotted)
			}
			if status, _, stderr := runCLI(t, "reproduce", out); status != 0 {
				t.Errorf("reproduce after plot: status %d: %s", status, stderr)
			}
		})
	}
}

// withoutOut is a command's arguments with their --out DIR left out.
func withoutOut(args []string) []string {
	var kept []string
	for i := 0; i < len(args); i++ {
		if args[i] == "--out" {
			i++
			continue
		}
		kept = append(kept, args[i])
	}
	return kept
}

// hasFigureFlag says whether a command line holds --bands, --size or
// --formats.
func hasFigureFlag(commandLine string) bool {
	for _, w := range strings.Fields(commandLine) {
		if w == "--bands" || w == "--size" || w == "--formats" {
			return true
		}
	}
	return false
}

// TestCommandLineOfMergedShards: shards run with figure flags merge into
// the folder the unsharded command writes, byte for byte, whose command
// line writes it again; merge --formats records the formats it drew.
func TestCommandLineOfMergedShards(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		command func(out string, extra ...string) []string
		figs    []string
		png     string // the command line's end after merge --formats png
	}{
		{"sweep", smallSweep, []string{"--bands", "ci", "--size", "single", "--formats", "svg", "--figure-regimes", "closed"}, " --bands ci --size single --formats png --figure-regimes closed"},
		{"sensitivity", smallSensitivity, []string{"--size", "single", "--formats", "svg"}, " --size single --formats png"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			whole := filepath.Join(dir, "whole")
			mustRun(t, append(tc.command(whole, "--quiet"), tc.figs...)...)
			var shards []string
			for _, shard := range []string{"0/2", "1/2"} {
				s := filepath.Join(dir, "shard"+shard[:1])
				mustRun(t, append(tc.command(s, "--shard", shard, "--quiet"), tc.figs...)...)
				shards = append(shards, s)
			}
			merged := filepath.Join(dir, "merged")
			mustRun(t, append([]string{"merge", "--out", merged}, shards...)...)
			sameFolders(t, whole, merged)
			rerunRecorded(t, merged)

			png := filepath.Join(dir, "png")
			mustRun(t, append([]string{"merge", "--formats", "png", "--out", png}, shards...)...)
			if cl := rerunRecorded(t, png); !strings.HasSuffix(cl, tc.png) {
				t.Errorf("merge --formats png: command_line %q; want it to end%s", cl, tc.png)
			}
		})
	}
}

// TestPlotRefusesBandsItDoesNotDraw: the figures of sensitivity folders
// draw no bands by --bands, which sensitivity does not take; plot refuses
// it for them (status 2), and writes nothing.
func TestPlotRefusesBandsItDoesNotDraw(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	mustRun(t, append(smallSensitivity(out), "--formats", "svg", "--quiet")...)
	before := files(t, out)
	manifest, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	status, _, stderr := runCLI(t, "plot", out, "--bands", "ci")
	if status != 2 || !strings.Contains(stderr, "holds a sensitivity folder, whose figures' captions say what their intervals are: leave --bands out") {
		t.Errorf("plot --bands on a sensitivity folder: status %d, stderr %q; want status 2 and why", status, stderr)
	}
	if after := files(t, out); strings.Join(after, ",") != strings.Join(before, ",") {
		t.Errorf("plot --bands refused, but the folder holds %v, not %v", after, before)
	}
	if now, _ := os.ReadFile(filepath.Join(out, "manifest.json")); !bytes.Equal(now, manifest) {
		t.Error("plot --bands refused, but changed manifest.json")
	}
}

// TestSweepFigureFlags: --figure-metrics and --figure-regimes choose what
// a sweep's figures show, as plot's --metric and --regime do; a bad one
// is refused before anything runs, and a resume keeps those the folder
// records unless given.
func TestSweepFigureFlags(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--figure-metrics", "abuse_event"}, `--figure-metrics: unknown metric "abuse_event" (a column of summary.csv, such as trapped_person_days); did you mean abuse_events?`},
		{[]string{"--figure-regimes", "open"}, `--figure-regimes: "open" is not among the regimes run (malfunctioning, closed)`},
	} {
		out := filepath.Join(dir, "bad")
		status, _, stderr := runCLI(t, smallSweep(out, c.args...)...)
		if status != exitUsage || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: status %d, stderr %q; want %d and %q", c.args, status, stderr, exitUsage, c.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%v: refused, but wrote %s", c.args, out)
		}
	}
	want := filepath.Join(dir, "want")
	mustRun(t, smallSweep(want, "--figure-metrics", "peak_trapped", "--figure-regimes", "closed", "--formats", "svg", "--quiet")...)
	cut := filepath.Join(dir, "cut")
	if status, _, stderr := runCLIInterrupted(t, 3, smallSweep(cut, "--figure-metrics", "peak_trapped", "--figure-regimes", "closed", "--formats", "svg", "--workers", "2")...); status != exitInterrupted {
		t.Fatalf("interrupted sweep: status %d: %s", status, stderr)
	}
	mustRun(t, "sweep", "--resume", "--out", cut, "--quiet")
	sameFolders(t, want, cut)
}

// TestValidateFleeCommandLine: the command line of a validation against
// a Flee case holds the --size and --formats its figures were drawn in,
// and writes the same folder.
func TestValidateFleeCommandLine(t *testing.T) {
	t.Parallel()
	scenario := filepath.Join(t.TempDir(), "tiny.toml")
	mustRun(t, "import", "flee", "--out", scenario, fleeCase)
	out := filepath.Join(t.TempDir(), "v")
	mustRun(t, "validate", scenario, "--data", fleeCase, "--reps", "2", "--size", "single", "--formats", "svg", "--out", out, "--quiet")
	if cl := rerunRecorded(t, out); !strings.HasSuffix(cl, " --size single --formats svg") {
		t.Errorf("command_line %q; want it to end --size single --formats svg", cl)
	}
}

// TestInterruptedSizeIsKept: an interrupted sweep or sensitivity analysis
// drawn at --size single, completed by the command its message quotes
// (which gives no --size), is the folder an uninterrupted one writes:
// the resume draws at the size the folder records.
func TestInterruptedSizeIsKept(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		command func(out string, extra ...string) []string
	}{
		{"sweep", smallSweep},
		{"sensitivity", smallSensitivity},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			want, cut := filepath.Join(dir, "want"), filepath.Join(dir, "cut")
			mustRun(t, tc.command(want, "--size", "single", "--quiet")...)
			status, _, stderr := runCLIInterrupted(t, 3, tc.command(cut, "--size", "single", "--workers", "2")...)
			if status != exitInterrupted {
				t.Fatalf("interrupted: status %d, %q", status, stderr)
			}
			args := quotedCommand(t, stderr)
			if slices.Contains(args, "--size") {
				t.Fatalf("the quoted command %v gives --size: this test needs one that does not", args)
			}
			mustRun(t, args...)
			sameFolders(t, want, cut)
		})
	}
}

// TestMergeShardsOfOneScenarioByOtherPaths: shards run on one scenario
// file named by other paths (from another folder, on another machine)
// merge, into the folder the unsharded command writes by the first
// shard's path, for a sweep as for a sensitivity analysis; shards of
// scenarios that differ are still refused.
func TestMergeShardsOfOneScenarioByOtherPaths(t *testing.T) {
	t.Parallel()
	text, err := os.ReadFile(small)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		command func(out string, extra ...string) []string
	}{{"sweep", smallSweep}, {"sensitivity", smallSensitivity}} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			here, there := filepath.Join(dir, "small.toml"), filepath.Join(dir, "sp ace", "small.toml")
			for _, p := range []string{here, there} {
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, text, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			command := func(scenario, out string, extra ...string) []string {
				args := tc.command(out, append([]string{"--quiet", "--formats", "svg"}, extra...)...)
				args[1] = scenario
				return args
			}
			whole, s0, s1 := filepath.Join(dir, "whole"), filepath.Join(dir, "s0"), filepath.Join(dir, "s1")
			mustRun(t, command(here, whole)...)
			mustRun(t, command(here, s0, "--shard", "0/2")...)
			mustRun(t, command(there, s1, "--shard", "1/2")...)
			merged := filepath.Join(dir, "merged")
			mustRun(t, "merge", "--out", merged, s0, s1)
			sameFolders(t, whole, merged)

			// Another scenario at the other path (a road a day longer):
			// refused as before.
			if err := os.WriteFile(there, bytes.Replace(text, []byte("days = 2\n"), []byte("days = 3\n"), 1), 0o644); err != nil {
				t.Fatal(err)
			}
			other := filepath.Join(dir, "other")
			mustRun(t, command(there, other, "--shard", "1/2")...)
			if status, _, stderr := runCLI(t, "merge", "--out", filepath.Join(dir, "refused"), s0, other); status != 2 {
				t.Errorf("merge of shards of two scenarios: status %d (%s); want 2", status, stderr)
			}
		})
	}
}
