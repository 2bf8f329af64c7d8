package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
)

// TestReplacedSaysSo: a command that replaces an earlier folder of its own
// command and scenario run with another command line (other --reps, another
// --vary) says so after "Wrote", naming the earlier command line, on
// standard output (standard error with --json); a rerun of the same
// command line, or a new folder, says nothing of it.
func TestReplacedSaysSo(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	c := filepath.Join(dir, "c")
	s := filepath.Join(dir, "s")
	base := []string{"--days", "20", "--formats", "", "--quiet"}
	tests := []struct {
		name         string
		args         []string
		stdout       string // the note, on standard output ("" for none)
		stderr       string // the note, on standard error ("" for none)
		stdoutAbsent bool
	}{
		{"new folder", append([]string{"compare", small, "--reps", "2", "--out", c}, base...), "", "", true},
		{"the same command again", append([]string{"compare", small, "--reps", "2", "--out", c}, base...), "", "", true},
		{"other --reps", append([]string{"compare", small, "--reps", "3", "--out", c}, base...),
			"It replaced the earlier results in " + c + ", of: borderwork compare " + small + " --seed ", "", false},
		{"with --json", append([]string{"compare", small, "--reps", "2", "--out", c, "--json"}, base...),
			"", "It replaced the earlier results in " + c + ", of: borderwork compare " + small + " --seed ", true},
		{"sweep", append([]string{"sweep", small, "--reps", "2", "--vary", "posts.Gate.capacity=5:10:2", "--out", s}, base...), "", "", true},
		{"sweep of another key", append([]string{"sweep", small, "--reps", "2", "--vary", "posts.Gate.capacity=5:20:2", "--out", s}, base...),
			"It replaced the earlier results in " + s + ", of: borderwork sweep " + small, "", false},
	}
	for _, tt := range tests {
		status, stdout, stderr := runCLI(t, tt.args...)
		if status != 0 {
			t.Fatalf("%s: status %d\n%s%s", tt.name, status, stdout, stderr)
		}
		if tt.stdout != "" && !strings.Contains(stdout, tt.stdout) {
			t.Errorf("%s: standard output\n%s\nwants %q", tt.name, stdout, tt.stdout)
		}
		if tt.stderr != "" && !strings.Contains(stderr, tt.stderr) {
			t.Errorf("%s: standard error\n%s\nwants %q", tt.name, stderr, tt.stderr)
		}
		if tt.stdoutAbsent && strings.Contains(stdout, "It replaced") {
			t.Errorf("%s: standard output says it replaced something:\n%s", tt.name, stdout)
		}
		if tt.stderr == "" && strings.Contains(stderr, "It replaced") {
			t.Errorf("%s: standard error says it replaced something:\n%s", tt.name, stderr)
		}
	}
}

// TestResumeReplacesNothing: sweep and sensitivity --resume with another
// --formats than the interrupted command's complete the folder and say
// nothing of replacing its results, which they kept ("Resumed DIR: K of
// its N runs kept" the line before); a resumed sweep whose rerun into DIR
// was interrupted (DIR.partial) does replace DIR's other results, and says
// so (audit today7, finding 3).
func TestResumeReplacesNothing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	sweep := func(out string, extra ...string) []string {
		return append([]string{"sweep", small, "--reps", "3", "--days", "20", "--vary", "posts.Gate.capacity=5:20:4", "--out", out, "--workers", "1", "--quiet"}, extra...)
	}
	sens := func(out string, extra ...string) []string {
		return append([]string{"sensitivity", small, "--trajectories", "4", "--reps", "2", "--days", "20", "--params", "posts.Gate.capacity,abuse.desperation_effect", "--out", out, "--workers", "1", "--quiet"}, extra...)
	}
	for _, c := range []struct {
		name string
		args func(string, ...string) []string
	}{{"sweep", sweep}, {"sensitivity", sens}} {
		out := filepath.Join(dir, c.name)
		if status, _, stderr := runCLIInterrupted(t, 3, c.args(out, "--formats", "")...); status != exitInterrupted {
			t.Fatalf("%s interrupted: status %d (%s)", c.name, status, stderr)
		}
		status, stdout, stderr := runCLI(t, c.args(out, "--formats", "png", "--resume")...)
		if status != 0 || !strings.Contains(stdout, "Resumed "+out+": ") {
			t.Fatalf("%s --resume: status %d, stdout:\n%s\nstderr:\n%s", c.name, status, stdout, stderr)
		}
		if strings.Contains(stdout+stderr, "It replaced") {
			t.Errorf("%s --resume --formats png kept the interrupted runs and says it replaced them:\n%s", c.name, stdout)
		}
	}

	// A rerun into a complete sweep with another --vary, interrupted, then
	// resumed by its command: DIR's earlier results are replaced.
	out := filepath.Join(dir, "other")
	mustRun(t, sweep(out, "--formats", "")...)
	other := append(sweep(out, "--formats", ""), "--vary", "abuse.desperation_effect=0:1:2")
	if status, _, stderr := runCLIInterrupted(t, 3, other...); status != exitInterrupted {
		t.Fatalf("the rerun interrupted: status %d (%s)", status, stderr)
	}
	status, stdout, stderr := runCLI(t, append(other, "--resume")...)
	if status != 0 || !strings.Contains(stdout, "It replaced the earlier results in "+out+", of: borderwork sweep ") {
		t.Errorf("completing the rerun from %s.partial: status %d; want the note that it replaced %s's results:\n%s%s", out, status, out, stdout, stderr)
	}
}

// TestMergeByDefaultSaysWhatItReplaced: merge with no --out writes the
// unsharded sweep's default folder, out/sweep-STEM, and when an earlier,
// different sweep was there (a trial run before the cluster job) it says
// that it replaced it, as with --out (a newcomer's review: it replaced
// 1,000 runs of another sweep silently).
func TestMergeByDefaultSaysWhatItReplaced(t *testing.T) {
	scenario, err := filepath.Abs(small)
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	sweep := func(vary string, extra ...string) []string {
		return append([]string{"sweep", scenario, "--reps", "2", "--days", "20", "--vary", vary, "--formats", "", "--workers", "1", "--quiet"}, extra...)
	}
	mustRun(t, sweep("posts.Gate.capacity=5:20:3")...)
	for i := range 2 {
		mustRun(t, sweep("abuse.desperation_effect=0:1:2", "--shard", fmt.Sprintf("%d/2", i))...)
	}
	merged := filepath.Join("out", "sweep-small")
	status, stdout, stderr := runCLI(t, "merge", filepath.Join("out", "sweep-small-shard-0-of-2"), filepath.Join("out", "sweep-small-shard-1-of-2"))
	if status != 0 || !strings.Contains(stdout, "into "+merged+".") || !strings.Contains(stdout, "It replaced the earlier results in "+merged+", of: borderwork sweep ") || !strings.Contains(stdout, "posts.Gate.capacity=5:20:3") {
		t.Errorf("merge with no --out: status %d; want it merged into %s, saying it replaced the sweep of posts.Gate.capacity:\n%s%s", status, merged, stdout, stderr)
	}
}

// TestRerunSaysWhatIsLeftAtPartial: a rerun into DIR interrupted leaves
// its runs at DIR.partial; a later rerun that completes DIR neither reads
// nor removes that folder, and said nothing of it, so that it stayed
// beside DIR unexplained. The rerun now says it is left as it was: of the
// same command, that its runs are all in DIR now; of another, whose runs
// they are. A folder with nothing beside it says nothing of the kind.
func TestRerunSaysWhatIsLeftAtPartial(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "c")
	compare := func(extra ...string) []string {
		return append([]string{"compare", small, "--days", "20", "--formats", "", "--quiet", "--workers", "1", "--out", out}, extra...)
	}
	if stdout := mustRun(t, compare("--reps", "2")...); strings.Contains(stdout, ".partial") {
		t.Errorf("a new folder speaks of a partial one:\n%s", stdout)
	}
	if status, _, stderr := runCLIInterrupted(t, 3, compare("--reps", "2")...); status != exitInterrupted {
		t.Fatalf("the rerun interrupted: status %d (%s)", status, stderr)
	}
	partial := out + ".partial"
	m, err := output.ReadManifest(partial)
	if err != nil {
		t.Fatal(err)
	}
	runs := words.Count(len(m.Runs), "finished run") // 3 or more, as the runs under way when it stopped finish
	want := partial + " is left as it was: it holds " + runs + " of this command, interrupted earlier, which are all in " + out + " now; delete it.\n"
	if stdout := mustRun(t, compare("--reps", "2")...); !strings.HasSuffix(stdout, want) {
		t.Errorf("the rerun completed beside %s: standard output\n%s\nwants to end %q", partial, stdout, want)
	}
	status, stdout, stderr := runCLI(t, compare("--reps", "3", "--json")...)
	want = partial + " is left as it was: it holds " + runs + " of an interrupted borderwork compare " + small + " --seed "
	if status != 0 || !strings.Contains(stderr, want) || strings.Contains(stdout, ".partial") {
		t.Errorf("another command line, --json: status %d, standard error\n%s\nwants %q (standard output none)", status, stderr, want)
	}
	onlyEntries(t, dir, "c", "c.partial")
}

// TestReplacedEditedScenario: the same command line run again on a
// scenario file edited since replaces results of another scenario, and
// says so as for another command line; run again on the file unedited it
// says nothing (new-user audit, finding 1).
func TestReplacedEditedScenario(t *testing.T) {
	t.Parallel()
	body, err := os.ReadFile(small)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		args []string
	}{
		{"compare", []string{"compare", "--reps", "2"}},
		{"sweep", []string{"sweep", "--reps", "2", "--vary", "posts.Gate.capacity=5:10:2"}},
	} {
		dir := t.TempDir()
		file := filepath.Join(dir, "ed.toml")
		out := filepath.Join(dir, "out")
		args := append(append([]string{c.args[0], file}, c.args[1:]...), "--days", "20", "--formats", "", "--quiet", "--out", out)
		for _, step := range []struct {
			name, body string
			says       bool
		}{
			{"new folder", string(body), false},
			{"unedited", string(body), false},
			{"edited", strings.Replace(string(body), "capacity = 50", "capacity = 40", 1), true},
		} {
			if err := os.WriteFile(file, []byte(step.body), 0o644); err != nil {
				t.Fatal(err)
			}
			status, stdout, stderr := runCLI(t, args...)
			if status != 0 {
				t.Fatalf("%s, %s: status %d\n%s%s", c.name, step.name, status, stdout, stderr)
			}
			want := "It replaced the earlier results in " + out + ", of: borderwork " + c.args[0] + " " + runs.ShellQuote(file)
			if got := strings.Contains(stdout, want); got != step.says {
				t.Errorf("%s, %s: standard output\n%s\nsays %q: %v, want %v", c.name, step.name, stdout, want, got, step.says)
			}
			if step.says && !strings.Contains(stdout, "on another version of the scenario (its scenario.toml differs;") {
				t.Errorf("%s, %s: standard output\n%s\ndoes not say the scenario changed", c.name, step.name, stdout)
			}
		}
	}
}

// TestRerunEditedBesidePartial: a rerun of the same command line on a
// scenario file edited since does not have the runs an interrupted rerun
// left at DIR.partial, which were of the file before: it says whose they
// are, not that they are all in DIR now.
func TestRerunEditedBesidePartial(t *testing.T) {
	t.Parallel()
	body, err := os.ReadFile(small)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "ed.toml")
	out := filepath.Join(dir, "c")
	if err := os.WriteFile(file, body, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"compare", file, "--reps", "2", "--days", "20", "--formats", "", "--quiet", "--workers", "1", "--out", out}
	mustRun(t, args...)
	if status, _, stderr := runCLIInterrupted(t, 3, args...); status != exitInterrupted {
		t.Fatalf("the rerun interrupted: status %d (%s)", status, stderr)
	}
	if err := os.WriteFile(file, []byte(strings.Replace(string(body), "capacity = 50", "capacity = 40", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout := mustRun(t, args...)
	want := out + ".partial is left as it was: it holds "
	if !strings.Contains(stdout, want) || !strings.Contains(stdout, " of an interrupted borderwork compare "+runs.ShellQuote(file)) || strings.Contains(stdout, "which are all in") {
		t.Errorf("the rerun on the edited file: standard output\n%s\nwants %q, of an interrupted command, not all in %s", stdout, want, out)
	}
}
