package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/internal/foldertest"
	"github.com/borderwork/borderwork/output"
)

// TestResumeFinishesRerunBesideCompleteFolder: a rerun into a complete
// folder DIR, interrupted, leaves DIR as it was and its runs at
// DIR.partial, saying --resume completes it; --resume then completes
// DIR.partial (not "nothing to do"), leaving DIR byte for byte as it was
// while it runs (a resume interrupted in turn changes nothing there),
// and once complete replaces DIR with the folder the rerun would have
// written and removes DIR.partial.
func TestResumeFinishesRerunBesideCompleteFolder(t *testing.T) {
	t.Parallel()
	other := []string{"--reps", "3"} // another sweep of the same scenario
	otherSens := []string{"--trajectories", "5"}
	tests := []struct {
		name    string
		earlier func(out string) []string // the complete folder
		rerun   func(out string) []string // the rerun, interrupted
		resume  func(out string) []string
	}{
		{"sweep again, resumed alone",
			func(out string) []string { return smallSweep(out) },
			func(out string) []string { return smallSweep(out) },
			func(out string) []string { return []string{"sweep", "--resume", "--out", out} }},
		{"sweep again, resumed by the whole command",
			func(out string) []string { return smallSweep(out) },
			func(out string) []string { return smallSweep(out) },
			func(out string) []string { return smallSweep(out, "--resume") }},
		{"another sweep, resumed by its command",
			func(out string) []string { return smallSweep(out) },
			func(out string) []string { return smallSweep(out, other...) },
			func(out string) []string { return smallSweep(out, append(other, "--resume")...) }},
		{"a shard again, resumed alone",
			func(out string) []string { return smallSweep(out, "--shard", "1/2") },
			func(out string) []string { return smallSweep(out, "--shard", "1/2") },
			func(out string) []string { return []string{"sweep", "--resume", "--out", out} }},
		{"sensitivity again",
			func(out string) []string { return smallSensitivity(out) },
			func(out string) []string { return smallSensitivity(out) },
			func(out string) []string { return smallSensitivity(out, "--resume") }},
		{"another sensitivity analysis",
			func(out string) []string { return smallSensitivity(out) },
			func(out string) []string { return smallSensitivity(out, otherSens...) },
			func(out string) []string { return smallSensitivity(out, append(otherSens, "--resume")...) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			out, want := filepath.Join(dir, "out"), filepath.Join(t.TempDir(), "want")
			partial := out + ".partial"
			mustRun(t, tt.rerun(want)...) // what the rerun writes, never interrupted
			mustRun(t, tt.earlier(out)...)
			before := foldertest.Files(t, out)
			status, _, stderr := runCLIInterrupted(t, 5, append(tt.rerun(out), "--workers", "2")...)
			if status != exitInterrupted || !strings.Contains(stderr, partial) {
				t.Fatalf("interrupted rerun: status %d, %q", status, stderr)
			}
			cut, err := output.ReadManifest(partial)
			if err != nil || cut.Complete {
				t.Fatalf("%s: %v, %+v; want an interrupted folder", partial, err, cut)
			}
			// The resume, interrupted in turn, changes nothing at DIR.
			status, _, stderr = runCLIInterrupted(t, len(cut.Runs)+2, append(tt.resume(out), "--workers", "2")...)
			if status != exitInterrupted {
				t.Fatalf("interrupted resume: status %d, %q", status, stderr)
			}
			foldertest.Same(t, "the complete folder while its rerun is resumed", out, before)
			if m, err := output.ReadManifest(partial); err != nil || m.Complete || len(m.Runs) <= len(cut.Runs) {
				t.Fatalf("%s after an interrupted resume: %v, %+v; want more runs than %d, incomplete", partial, err, m, len(cut.Runs))
			}
			status, stdout, stderr := runCLI(t, tt.resume(out)...)
			if status != 0 || strings.Contains(stdout, "nothing to do") {
				t.Fatalf("resume: status %d\n%s%s", status, stdout, stderr)
			}
			if !strings.Contains(stderr, "continuing the interrupted folder "+partial) {
				t.Errorf("the resume does not say it continues %s: %q", partial, stderr)
			}
			sameFolders(t, want, out)
			onlyEntries(t, dir, "out")
		})
	}
}

// TestResumeAloneAsksWhichSweep: when DIR holds one sweep and DIR.partial
// the interrupted runs of another, 'sweep --resume --out DIR' alone
// cannot tell whether the interrupted one is a rerun to complete or
// older than DIR (a sweep completed into DIR after it was interrupted,
// whose results completing it would replace): it is refused (status 2),
// naming both and the command that completes the interrupted one, and
// both folders stay as they are. The interrupted rerun's message quotes
// that whole command, not the alone form; followed, it completes the
// rerun, which replaces DIR.
func TestResumeAloneAsksWhichSweep(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out, want := filepath.Join(dir, "out"), filepath.Join(t.TempDir(), "want")
	partial := out + ".partial"
	other := smallSweep(out, "--reps", "3")
	mustRun(t, smallSweep(want, "--reps", "3")...)
	mustRun(t, smallSweep(out)...)
	status, _, stderr := runCLIInterrupted(t, 5, append(other, "--workers", "2")...)
	whole := regexp.MustCompile(`this completes it: (borderwork sweep .* --reps 3 .*--out \S+ --resume)\n`).FindStringSubmatch(stderr)
	if status != exitInterrupted || whole == nil {
		t.Fatalf("interrupted rerun: status %d, %q; want the whole command with --resume", status, stderr)
	}
	before, cut := foldertest.Files(t, out), foldertest.Files(t, partial)
	status, stdout, stderr := runCLI(t, "sweep", "--resume", "--out", out)
	if status != exitUsage || stdout != "" || !strings.Contains(stderr, "cannot tell which you mean") ||
		!strings.Contains(stderr, "give its command: '"+strings.TrimSuffix(whole[1], " --out "+out+" --resume")) || !strings.Contains(stderr, "delete "+partial) {
		t.Errorf("resume alone: status %d\nstdout %q\nstderr %q\nwant 2, naming both folders and the command that completes %s", status, stdout, stderr, partial)
	}
	foldertest.Same(t, "the complete folder", out, before)
	foldertest.Same(t, "the interrupted rerun", partial, cut)
	mustRun(t, strings.Fields(strings.TrimPrefix(whole[1], "borderwork "))...)
	sameFolders(t, want, out)
	onlyEntries(t, dir, "out")
}

// TestResumeCompleteBesideAnothersRuns: --resume with the command that
// wrote the complete folder DIR, while DIR.partial holds another
// command's interrupted runs, has nothing to do and says so, naming
// DIR.partial and the command that completes it; both folders stay as
// they are.
func TestResumeCompleteBesideAnothersRuns(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		write, rerun []string
		resume       []string
		want         string // in the command quoted
	}{
		{"sweep", smallSweep("OUT"), smallSweep("OUT", "--reps", "3"), smallSweep("OUT", "--resume"), "--reps 3 "},
		{"sensitivity", smallSensitivity("OUT"), smallSensitivity("OUT", "--trajectories", "5"), smallSensitivity("OUT", "--resume"), "--trajectories 5 "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out")
			partial := out + ".partial"
			at := func(args []string) []string { return outAt(args, out) }
			mustRun(t, at(tt.write)...)
			if status, _, stderr := runCLIInterrupted(t, 5, append(at(tt.rerun), "--workers", "2")...); status != exitInterrupted {
				t.Fatalf("interrupted rerun: status %d, %q", status, stderr)
			}
			before, cut := foldertest.Files(t, out), foldertest.Files(t, partial)
			status, stdout, stderr := runCLI(t, at(tt.resume)...)
			if status != 0 || !strings.Contains(stdout, out+" is already complete: nothing to do. "+partial+" holds the runs of another "+tt.name) ||
				!strings.Contains(stdout, tt.want) || !strings.Contains(stdout, "this completes it: borderwork ") || !strings.HasSuffix(strings.TrimSpace(stdout), "--out "+out+" --resume") {
				t.Errorf("status %d\nstdout %q\nstderr %q\nwant 0, naming %s and the command (with %q) that completes it", status, stdout, stderr, partial, tt.want)
			}
			foldertest.Same(t, "the complete folder", out, before)
			foldertest.Same(t, "the other command's interrupted runs", partial, cut)
		})
	}
}

// TestResumeShardMessages: --resume given the wrong shard, or a
// different command, says which shard the folder is and, for an
// interrupted folder, quotes a command that completes it, one that works
// when followed; a complete folder of a different command has nothing to
// complete, and the message says to use a fresh folder.
func TestResumeShardMessages(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	shard := filepath.Join(dir, "shard")
	whole := filepath.Join(dir, "whole")
	mustRun(t, smallSweep(shard, "--shard", "1/3", "--formats", "")...)
	mustRun(t, smallSweep(whole, "--formats", "")...)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no --shard", smallSweep(shard, "--resume"), shard + " holds shard 1/3 of the sweep, not the whole of it: give --shard 1/3 to complete it"},
		{"another shard", smallSweep(shard, "--shard", "0/3", "--resume"), shard + " holds shard 1/3 of the sweep, not shard 0/3: give --shard 1/3 to complete it"},
		{"a shard of a whole sweep", smallSweep(whole, "--shard", "0/3", "--resume"), whole + " holds the whole sweep, not shard 0/3 of it: leave out --shard to complete it"},
		{"another seed", smallSweep(shard, "--shard", "1/3", "--seed", "9", "--resume"), shard + " was written by a different sweep and is complete"},
		{"another seed, the advice", smallSweep(shard, "--shard", "1/3", "--seed", "9", "--resume"), "nothing there is this one's to complete; run this sweep into a fresh --out folder; it was written by: borderwork sweep testdata/small.toml --seed 1 "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, _, stderr := runCLI(t, tt.args...)
			if status != exitUsage || !strings.Contains(stderr, tt.want) {
				t.Errorf("status %d, %q; want %d and %q", status, stderr, exitUsage, tt.want)
			}
		})
	}
	// An interrupted shard resumed with another seed: the command the
	// message quotes completes it.
	cut := filepath.Join(dir, "cut")
	if status, _, stderr := runCLIInterrupted(t, 3, smallSweep(cut, "--shard", "1/3", "--formats", "")...); status != exitInterrupted {
		t.Fatalf("interrupted shard: status %d: %s", status, stderr)
	}
	_, _, stderr := runCLI(t, smallSweep(cut, "--shard", "1/3", "--formats", "", "--seed", "9", "--resume")...)
	if !strings.Contains(stderr, "--shard 1/3 --out "+cut+" --resume\n") {
		t.Errorf("resuming an interrupted shard with another seed: %q; want the command that completes it", stderr)
	}
	args := quotedCommand(t, stderr)
	if status, stdout, stderr := runCLI(t, args...); status != 0 || strings.Contains(stdout, "already complete") {
		t.Errorf("%v: status %d\n%s%s", args, status, stdout, stderr)
	}
	if m, err := output.ReadManifest(cut); err != nil || !m.Complete {
		t.Errorf("the quoted command did not complete %s: %v", cut, err)
	}
	for _, d := range []string{shard, cut} {
		if _, err := os.Stat(d + ".partial"); err == nil {
			t.Errorf("%s.partial appeared", d)
		}
	}
}

// quotedCommand is the command a message ends with, after "completes it:
// ", as arguments, without "borderwork", as a shell reads them
// (--formats ” is an empty argument).
func quotedCommand(t *testing.T, message string) []string {
	t.Helper()
	_, after, ok := strings.Cut(strings.TrimSpace(message), "completes it: borderwork ")
	if !ok {
		t.Fatalf("no command given: %q", message)
	}
	after, _, _ = strings.Cut(after, "\n")
	words, redirect, err := splitCommand(after)
	if err != nil || redirect != "" {
		t.Fatalf("the command quoted in %q: %v", message, err)
	}
	return words
}

// TestInterruptedShardAdviceWorks: the message of an interrupted shard
// quotes a command that, followed as it stands, completes the shard into
// the folder an uninterrupted one writes.
func TestInterruptedShardAdviceWorks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		command func(out string, extra ...string) []string
	}{
		{"sweep", smallSweep},
		{"sensitivity", smallSensitivity},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			want, cut := filepath.Join(dir, "want"), filepath.Join(dir, "cut")
			mustRun(t, tt.command(want, "--shard", "1/3")...)
			status, _, stderr := runCLIInterrupted(t, 3, tt.command(cut, "--shard", "1/3", "--workers", "2")...)
			if status != exitInterrupted {
				t.Fatalf("interrupted shard: status %d, %q", status, stderr)
			}
			args := quotedCommand(t, stderr)
			mustRun(t, args...)
			sameFolders(t, want, cut)
		})
	}
}

// TestInterruptedForceRerunAdviceWorks: a --force rerun into another
// command's folder DIR, interrupted, keeps its runs at DIR.partial and
// quotes a command that, followed as it stands, completes them into the
// folder an uninterrupted rerun writes; the same command without --force
// is refused before it says it continues anything, changing nothing.
// With a complete folder of a third command at DIR (written with --force
// after the interruption), --resume by that command quotes one that
// completes DIR.partial too.
func TestInterruptedForceRerunAdviceWorks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		rerun   func(out string, extra ...string) []string
		between []string // with "OUT": a folder written at DIR after the interruption; nil: none
		advice  []string // with "OUT": the command whose message is followed; nil: the interrupted rerun's
	}{
		{"sweep", smallSweep, nil, nil},
		{"sensitivity", smallSensitivity, nil, nil},
		{"sensitivity beside a complete sweep", smallSensitivity, smallSweep("OUT", "--force"), smallSweep("OUT", "--resume")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			out, want := filepath.Join(dir, "out"), filepath.Join(t.TempDir(), "want")
			partial := out + ".partial"
			at := func(args []string) []string { return outAt(args, out) }
			mustRun(t, tt.rerun(want)...)
			mustRun(t, "run", small, "--days", "30", "--reps", "2", "--formats", "", "--out", out)
			status, _, stderr := runCLIInterrupted(t, 5, tt.rerun(out, "--force", "--workers", "2")...)
			if status != exitInterrupted || !strings.Contains(stderr, partial) {
				t.Fatalf("interrupted --force rerun: status %d, %q", status, stderr)
			}
			if tt.between != nil {
				mustRun(t, at(tt.between)...)
			}
			message := stderr
			if tt.advice != nil {
				var stdout string
				status, stdout, stderr = runCLI(t, at(tt.advice)...)
				if status != 0 || !strings.Contains(stdout, "already complete") {
					t.Fatalf("%v: status %d\n%s%s", tt.advice, status, stdout, stderr)
				}
				message = stdout
			}
			args := quotedCommand(t, message)
			if args[len(args)-1] != "--force" {
				t.Fatalf("the quoted command %v does not end in --force", args)
			}

			before, cut := foldertest.Files(t, out), foldertest.Files(t, partial)
			status, _, stderr = runCLI(t, args[:len(args)-1]...)
			if status != exitUsage || !strings.Contains(stderr, "give --force") || strings.Contains(stderr, "continuing") {
				t.Errorf("without --force: status %d, %q; want %d, a refusal naming --force and nothing continued", status, stderr, exitUsage)
			}
			foldertest.Same(t, "the folder the rerun was forced over", out, before)
			foldertest.Same(t, "the interrupted runs", partial, cut)

			mustRun(t, args...)
			sameFolders(t, want, out)
			onlyEntries(t, dir, "out")
		})
	}
}

// outAt is a copy of args with each "OUT" replaced by the folder out.
func outAt(args []string, out string) []string {
	args = slices.Clone(args)
	for i, a := range args {
		if a == "OUT" {
			args[i] = out
		}
	}
	return args
}

// TestInterruptedRerunSaysWhatItReplaced: an interrupted rerun whose runs
// go to DIR.partial in place of another command's interrupted runs says
// so, naming how many and whose: they are gone, and were replaced
// silently. The same rerun again, which would replace only its own
// command's runs, is refused before it runs (status 2, DIR.partial as it
// was), naming --resume: it once simulated them all again.
func TestInterruptedRerunSaysWhatItReplaced(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	mustRun(t, smallSweep(out)...)
	status, _, stderr := runCLIInterrupted(t, 5, append(smallSweep(out, "--reps", "3"), "--workers", "2")...)
	if status != exitInterrupted {
		t.Fatalf("first rerun: status %d, %q", status, stderr)
	}
	cut, err := output.ReadManifest(out + ".partial")
	if err != nil {
		t.Fatal(err)
	}
	status, _, stderr = runCLIInterrupted(t, 3, append(smallSweep(out, "--reps", "4"), "--workers", "2")...)
	want := regexp.MustCompile(`kept \d+ finished runs in ` + regexp.QuoteMeta(out+".partial") + ` \(marked incomplete\), in place of the ` + strconv.Itoa(len(cut.Runs)) + ` finished runs of borderwork sweep .*--reps 3 .*, interrupted before; this completes it: `)
	if status != exitInterrupted || !want.MatchString(stderr) {
		t.Errorf("second rerun: status %d, %q; want it to name the %d runs of --reps 3 it replaced", status, stderr, len(cut.Runs))
	}
	again, err := output.ReadManifest(out + ".partial")
	if err != nil {
		t.Fatal(err)
	}
	before := foldertest.Files(t, out+".partial")
	status, _, stderr = runCLIInterrupted(t, 2, append(smallSweep(out, "--reps", "4"), "--workers", "2")...)
	if want := fmt.Sprintf("%s.partial holds %d finished runs of this sweep, interrupted: give --resume", out, len(again.Runs)); status != exitUsage || !strings.Contains(stderr, want) || strings.Contains(stderr, "in place of") {
		t.Errorf("the same rerun again: status %d, %q; want %d, %q and no replaced runs named", status, stderr, exitUsage, want)
	}
	foldertest.Same(t, "the interrupted runs", out+".partial", before)
}
