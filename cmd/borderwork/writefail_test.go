//go:build unix

package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/output"
)

// TestCommandsWhenFilesCannotBeWritten runs commands as the binary (the
// test binary, TestMain) under a file-size limit of 4 KiB (`ulimit -f`),
// which fails their writes as a full disk would: each must say so in one
// line and exit 1, with no panic and no folder left behind.
func TestCommandsWhenFilesCannotBeWritten(t *testing.T) {
	needSh(t)
	for _, args := range [][]string{
		{"compare", "classroom", "--reps", "2", "--days", "10", "--formats=", "--out", "c"},
		{"run", "classroom", "--reps", "1", "--days", "10", "--formats=", "--out", "r"},
		{"sweep", "classroom", "--reps", "1", "--days", "10", "--formats=", "--out", "s", "--vary", "posts.Post.capacity=5,9"},
	} {
		t.Run(args[0], func(t *testing.T) {
			dir := t.TempDir()
			if s := failsUnderFileLimit(t, dir, 4, args...); strings.Contains(s, "panic") || !strings.Contains(s, "file too large") {
				t.Errorf("stderr does not say why in a line:\n%s", s)
			}
			if left, _ := os.ReadDir(dir); len(left) > 0 {
				t.Errorf("left behind: %v", left)
			}
		})
	}
}

// TestSweepKeepsRunsWhenTheDiskFillsMidway: a sweep (or sensitivity
// analysis) whose tables find no room partway through its runs (a
// file-size limit here, as a full disk or a quota would) keeps the runs
// written before, its tables cut back to the last of them, marked
// incomplete, and says where and the command that completes them; it
// once discarded them all, hours of runs perhaps. Completed, the folder
// is the one never stopped, byte for byte. (By hand, a sweep on a 160
// KiB tmpfs and a sensitivity analysis on a 96 KiB one, the same: the
// room held for stats.csv, contrast.csv and the manifest is what lets
// them be written. A sensitivity analysis cannot be tried so under a
// file-size limit: its manifest is larger than its one table.)
func TestSweepKeepsRunsWhenTheDiskFillsMidway(t *testing.T) {
	needSh(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "s")
	m, stderr := keptUnderFileLimit(t, dir, 100, out, append(fillingSweep("60"), "--out", out)...)
	if len(m.Runs) == 24 {
		t.Fatalf("kept folder: all 24 runs; want some, the disk full before the rest")
	}
	want := fmt.Sprintf("(file too large); the %d finished runs are kept in %s, marked incomplete: raise the limit on file size (ulimit -f), then this completes it: borderwork sweep classroom ", len(m.Runs), out)
	if !strings.Contains(stderr, want) || !strings.HasSuffix(stderr, "--out "+out+" --resume\n") {
		t.Errorf("stderr:\n%s\nwant %q and the --resume that completes it", stderr, want)
	}
	if _, rows, err := output.ReadSummary(filepath.Join(out, "summary.csv")); err != nil || len(rows) != len(m.Runs) {
		t.Errorf("summary.csv of the kept folder: %d rows (%v); its manifest lists %d runs", len(rows), err, len(m.Runs))
	}
	for _, tc := range m.Tables {
		if d, err := output.Verify(out, tc); d != nil || err != nil {
			t.Errorf("%s of the kept folder does not match its manifest: %v %v", tc.File, d, err)
		}
	}
	if left, _ := os.ReadDir(dir); len(left) != 1 {
		t.Errorf("beside the kept folder: %v", left)
	}
	mustRun(t, append(fillingSweep("60"), "--out", out, "--resume")...)
	ref := filepath.Join(dir, "ref")
	mustRun(t, append(fillingSweep("60"), "--out", ref)...)
	sameFolders(t, out, ref)
}

// fillingSweep is a sweep of 24 runs over days days whose rows of
// timeseries.csv (about 9 KB a run at 60 days) fill the file-size limits
// of the tests here partway.
func fillingSweep(days string) []string {
	return []string{"sweep", "classroom", "--reps", "2", "--days", days, "--vary", "posts.Post.capacity=5,9,13", "--formats="}
}

// keptUnderFileLimit runs args as failsUnderFileLimit does and returns
// the manifest of the folder at kept, which must hold some runs, marked
// incomplete, and the command's standard error.
func keptUnderFileLimit(t *testing.T, dir string, kib int, kept string, args ...string) (*output.Manifest, string) {
	t.Helper()
	stderr := failsUnderFileLimit(t, dir, kib, args...)
	m, err := output.ReadManifest(kept)
	if err != nil || m.Complete || len(m.Runs) == 0 {
		t.Fatalf("%s: %v; want finished runs kept, marked incomplete; stderr:\n%s", kept, err, stderr)
	}
	return m, stderr
}

// TestFullDiskBesideAPartialWithMoreRuns: a sweep rerun beside its
// complete folder that finds the disk full keeps its finished runs at
// DIR.partial (status 1). Given again without --resume, it once ran them
// all again and, finding the disk full after fewer runs than DIR.partial
// held, kept that folder and said so (status 1; before that, status 130,
// as if Ctrl-C had stopped it): it is now refused before it runs
// anything (status 2), naming DIR.partial and --resume, both folders as
// they were, as a sweep given again into the folder it left interrupted
// is. The --resume completes DIR.partial into DIR, the bytes of the sweep
// never stopped.
func TestFullDiskBesideAPartialWithMoreRuns(t *testing.T) {
	needSh(t)
	args := fillingSweep("60")
	dir := t.TempDir()
	out := filepath.Join(dir, "s")
	mustRun(t, append(args, "--out", out)...)
	never := folderBytes(t, out)
	partial := out + ".partial"
	m, _ := keptUnderFileLimit(t, dir, 180, partial, append(args, "--out", out)...)
	kept := folderBytes(t, partial)
	wantRefusal(t, exitUsage, "", append(args, "--out", out), fmt.Sprintf("--out: %s holds %d finished runs of this sweep, interrupted: give --resume to keep them", partial, len(m.Runs)))
	if !maps.Equal(folderBytes(t, partial), kept) || !maps.Equal(folderBytes(t, out), never) {
		t.Errorf("%s or %s changed", out, partial)
	}
	mustRun(t, append(args, "--out", out, "--resume")...)
	if !maps.Equal(folderBytes(t, out), never) {
		t.Errorf("%s completed differs from the sweep never stopped", out)
	}
	if _, err := os.Stat(partial); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s after it was completed: %v", partial, err)
	}
}

// TestFullDiskBesideAPartialNotOurs: a sweep rerun beside its complete
// folder that finds the disk full, whose runs cannot go to DIR.partial
// (it holds files borderwork did not write), keeps them in the hidden
// folder they were written in, as an interruption does, and fails with
// status 1, naming the file that found no room as the user knows it: it
// once said status 2 (bad input, nothing written) with the file's
// hidden name (write DIR/.s.tmp-*/timeseries.csv: file too large).
func TestFullDiskBesideAPartialNotOurs(t *testing.T) {
	needSh(t)
	args := fillingSweep("60")
	dir := t.TempDir()
	out := filepath.Join(dir, "s")
	mustRun(t, append(args, "--out", out)...)
	partial := out + ".partial"
	if err := os.Mkdir(partial, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(partial, "notes.txt"), []byte("mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := folderBytes(t, dir)
	stderr := failsUnderFileLimit(t, dir, 100, append(args, "--out", out)...) // status 1
	hidden, _ := filepath.Glob(filepath.Join(dir, ".s.tmp-*"))
	if len(hidden) != 1 {
		t.Fatalf("hidden folders: %v; stderr:\n%s", hidden, stderr)
	}
	failure, where, ok := strings.Cut(stderr, "; the finished runs are kept at ")
	advice := hidden[0] + " (marked incomplete): raise the limit on file size (ulimit -f), move it to " + partial + " (what is there moved away first), then this completes it: borderwork sweep classroom "
	if !ok || !strings.HasPrefix(where, advice) || !strings.HasSuffix(where, " --out "+out+" --resume\n") ||
		!strings.HasPrefix(failure, "borderwork sweep: could not write "+filepath.Join(out, "timeseries.csv")+": ") ||
		!strings.Contains(failure, "--out: "+partial+" holds files borderwork did not write (notes.txt)") || strings.Contains(failure, ".tmp-") {
		t.Errorf("stderr:\n%s\nwant the file that found no room, named as %s, then the folder in the way, then the runs kept at %s and how to complete them", stderr, out, hidden[0])
	}
	if m, err := output.ReadManifest(hidden[0]); err != nil || m.Complete || len(m.Runs) == 0 {
		t.Errorf("%s: %v; want the finished runs, marked incomplete", hidden[0], err)
	}
	for path, b := range before {
		if after, err := os.ReadFile(path); err != nil || string(after) != b {
			t.Errorf("%s changed: %v", path, err)
		}
	}
	// Done as it says, the runs are completed into the sweep never stopped.
	never := folderBytes(t, out)
	if err := os.Rename(partial, filepath.Join(dir, "mine")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(hidden[0], partial); err != nil {
		t.Fatal(err)
	}
	mustRun(t, append(args, "--out", out, "--resume")...)
	if !maps.Equal(folderBytes(t, out), never) {
		t.Errorf("%s completed differs from the sweep never stopped", out)
	}
}

// TestFullDiskSaysWhoseRunsItReplaced: a sweep that finds the disk full
// beside its complete folder keeps its runs at DIR.partial, in place of
// the runs another command line of it had kept there; the message says
// whose, as an interruption's does: it once replaced them silently.
func TestFullDiskSaysWhoseRunsItReplaced(t *testing.T) {
	needSh(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "s")
	mustRun(t, append(fillingSweep("60"), "--out", out)...)
	partial := out + ".partial"
	earlier, _ := keptUnderFileLimit(t, dir, 100, partial, append(fillingSweep("90"), "--out", out)...)
	m, stderr := keptUnderFileLimit(t, dir, 100, partial, append(fillingSweep("60"), "--out", out)...)
	if !strings.Contains(m.CommandLine, "--days 60") {
		t.Fatalf("%s holds the runs of %s; want the --days 60 sweep's", partial, m.CommandLine)
	}
	want := fmt.Sprintf("; the %d finished runs are kept in %s (%s is unchanged), marked incomplete, in place of the %d finished runs of %s that were there: raise the limit on file size (ulimit -f), then this completes it: ",
		len(m.Runs), partial, out, len(earlier.Runs), experiment.RerunCommandLine(earlier))
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr:\n%s\nwant %q", stderr, want)
	}
}

// TestResumeThatFindsNoRoomSaysTheFolderIsAsItWas: --resume of a
// folder kept when the disk filled up, finding no room before a run is
// kept (for the copy of its tables, or for the first run), names the
// file refused as the folder's own (DIR/timeseries.csv), so the message
// says too that DIR is as it was, with its runs, and what to do: it once
// stopped at "could not write DIR/timeseries.csv: ...", which reads as
// though the runs kept there were lost.
func TestResumeThatFindsNoRoomSaysTheFolderIsAsItWas(t *testing.T) {
	needSh(t)
	args := fillingSweep("60")
	for _, c := range []struct {
		name string
		kib  int // the file-size limit of the --resume
	}{
		{"its tables' copy", 20},    // less than the folder's timeseries.csv
		{"the first run left", 100}, // the limit the folder was kept under
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "s")
			m, _ := keptUnderFileLimit(t, dir, 100, out, append(args, "--out", out)...)
			kept := folderBytes(t, dir)
			stderr := failsUnderFileLimit(t, dir, c.kib, append(args, "--out", out, "--resume")...)
			want := fmt.Sprintf("borderwork sweep: could not write %s: the file would be larger than allowed (a limit on file size, such as ulimit -f, or the file system's) (file too large); %s is as it was, with its %d finished runs: raise the limit on file size (ulimit -f), then run this command again\n",
				filepath.Join(out, "timeseries.csv"), out, len(m.Runs))
			if stderr != want {
				t.Errorf("stderr:\n%s\nwant:\n%s", stderr, want)
			}
			if !maps.Equal(folderBytes(t, dir), kept) {
				t.Errorf("%s changed", dir)
			}
		})
	}
}

// TestReproduceOnAFullDiskKeepsNoRuns: reproduce reruns a sweep folder
// in a temporary folder it removes; a full disk there (a file-size limit
// here) is said as such, with TMPDIR's advice, and nothing is left in
// TMPDIR. It once said that the rerun's finished runs were kept in
// TMPDIR/borderwork-reproduce-*/out and quoted a sweep --resume of that
// folder, which reproduce had removed by then.
func TestReproduceOnAFullDiskKeepsNoRuns(t *testing.T) {
	needSh(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "s")
	mustRun(t, append(fillingSweep("60"), "--out", out)...)
	tmp := filepath.Join(dir, "tmp")
	if err := os.Mkdir(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TMPDIR", tmp)
	stderr := failsUnderFileLimit(t, dir, 100, "reproduce", out) // status 1
	want := "could not write " + tmp + string(filepath.Separator) + "borderwork-reproduce-"
	if !strings.Contains(stderr, want) || strings.Contains(stderr, "kept") || strings.Contains(stderr, "--resume") ||
		!strings.HasSuffix(stderr, "; reproduce reruns the folder in the temporary folder "+tmp+" (TMPDIR): free some space there, or set TMPDIR to a folder with room\n") {
		t.Errorf("stderr:\n%s\nwant %q..., with TMPDIR's advice and no runs kept", stderr, want)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("left in TMPDIR: %v", left)
	}
}

// TestPlotWhenFiguresCannotBeWritten: plot under a file-size limit of 4
// KiB, which fails its figures as a full disk would, says which figure
// file of the folder could not be written (DIR/figures/NAME, not the
// hidden folder it was drawn in, nor DIR/NAME), exits 1, and leaves the
// folder as it was, with nothing beside it.
func TestPlotWhenFiguresCannotBeWritten(t *testing.T) {
	needSh(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "r")
	if status, _, stderr := runCLI(t, "run", "classroom", "--reps", "1", "--days", "10", "--formats=", "--out", out); status != exitOK {
		t.Fatalf("run: status %d: %s", status, stderr)
	}
	before := folderBytes(t, out)
	stderr := failsUnderFileLimit(t, dir, 4, "plot", out, "--formats", "png")
	if want := "could not write " + filepath.Join(out, "figures", "trapped.png") + ": "; !strings.Contains(stderr, want) {
		t.Errorf("stderr:\n%s\nwant %q in it", stderr, want)
	}
	if after := folderBytes(t, out); !maps.Equal(after, before) {
		t.Errorf("the folder changed: %d files before, %d after", len(before), len(after))
	}
	if left, _ := os.ReadDir(dir); len(left) != 1 {
		t.Errorf("beside the folder: %v", left)
	}
}

// needSh skips t where there is no sh to set a file-size limit with.
func needSh(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skipf("no sh: %v", err)
	}
}

// failsUnderFileLimit runs the command args as the binary (the test
// binary, TestMain) in dir under a file-size limit of kib KiB (`ulimit
// -f`), which fails its writes as a full disk would, and returns its
// standard error; t fails unless it exits with status 1.
func failsUnderFileLimit(t *testing.T, dir string, kib int, args ...string) string {
	t.Helper()
	cmd := exec.Command("sh", append([]string{"-c", "ulimit -f " + strconv.Itoa(kib) + ` && exec "$0" "$@"`, os.Args[0]}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "BORDERWORK_TEST_AS_BINARY=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("exit: %v, want status 1; stderr:\n%s", err, stderr.String())
	}
	return stderr.String()
}

// folderBytes is every file under dir, by path, with its content.
func folderBytes(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		files[path] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestReproduceSaysTMPDIR: reproduce reruns a folder under TMPDIR, which
// may be full (a small /tmp on a cluster node) or gone while the folder's
// own disk has room; the failure says that TMPDIR is where to free space
// or what to change, not only the temporary path.
func TestReproduceSaysTMPDIR(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "r")
	if status, _, stderr := runCLI(t, "run", "classroom", "--reps", "1", "--days", "10", "--formats=", "--out", out); status != exitOK {
		t.Fatalf("run: status %d: %s", status, stderr)
	}
	tmp := filepath.Join(dir, "gone")
	t.Setenv("TMPDIR", tmp)
	status, _, stderr := runCLI(t, "reproduce", out)
	if want := "; reproduce reruns the folder in the temporary folder " + tmp + " (TMPDIR): free some space there, or set TMPDIR to a folder with room\n"; status != exitFailure || !strings.HasSuffix(stderr, want) {
		t.Errorf("reproduce with TMPDIR=%s: status %d, stderr %q; want %d, ending %q", tmp, status, stderr, exitFailure, want)
	}
}

// TestPDFFontFailureSaidOnce: with TMPDIR gone, where vgpdf prepares the
// font it embeds, a PDF cannot be drawn: the command says so in its own
// line, once, and no dated log line of the library's comes before it.
func TestPDFFontFailureSaidOnce(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "run", "classroom", "--reps", "1", "--days", "10", "--formats", "pdf", "--out", filepath.Join(dir, "r"))
	cmd.Env = append(os.Environ(), "BORDERWORK_TEST_AS_BINARY=1", "TMPDIR="+filepath.Join(dir, "gone"))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("exit: %v, want status 1; stderr:\n%s", err, stderr.String())
	}
	for _, line := range strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n") {
		if !strings.HasPrefix(line, "borderwork run: ") {
			t.Errorf("stderr has a line not borderwork's: %q", line)
		}
	}
	if n := strings.Count(stderr.String(), "could not generate font data"); n != 1 {
		t.Errorf("stderr says the font failed %d times; want once:\n%s", n, stderr.String())
	}
}

// TestSweepKeepsRunsWhenFiguresCannotBeWritten: a sweep whose runs are
// all written but whose figures find no room (a file-size limit of 40
// KiB here, as a full disk or a quota would) keeps its runs, marked
// incomplete, as an interruption does, and says where and the command
// that completes them; it once discarded them all, hours of runs
// perhaps. Completed, its tables are those of the sweep never stopped.
func TestSweepKeepsRunsWhenFiguresCannotBeWritten(t *testing.T) {
	needSh(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "s")
	sweep := []string{"sweep", "classroom", "--reps", "1", "--days", "10", "--vary", "posts.Post.capacity=5,9"}
	stderr := failsUnderFileLimit(t, dir, 40, append(sweep, "--formats", "png", "--out", out)...)
	if want := "(file too large); the 8 finished runs are kept in " + out + ", marked incomplete: raise the limit on file size (ulimit -f), then this completes it: borderwork sweep classroom "; !strings.Contains(stderr, want) || !strings.Contains(stderr, "--out "+out+" --resume\n") {
		t.Errorf("stderr:\n%s\nwant %q and the --resume that completes it", stderr, want)
	}
	m, err := output.ReadManifest(out)
	if err != nil || m.Complete || len(m.Runs) != 8 {
		t.Fatalf("kept folder: %v; want 8 runs, marked incomplete", err)
	}
	if _, err := os.Stat(filepath.Join(out, "figures")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the kept folder has figures its manifest does not list (%v)", err)
	}
	if status, _, stderr := runCLI(t, append(sweep, "--formats=", "--out", out, "--resume")...); status != exitOK {
		t.Fatalf("--resume: status %d: %s", status, stderr)
	}
	ref := filepath.Join(dir, "ref")
	if status, _, stderr := runCLI(t, append(sweep, "--formats=", "--out", ref)...); status != exitOK {
		t.Fatalf("sweep: status %d: %s", status, stderr)
	}
	for _, table := range []string{"timeseries.csv", "summary.csv", "stats.csv", "contrast.csv", "manifest.json"} {
		got, _ := os.ReadFile(filepath.Join(out, table))
		want, _ := os.ReadFile(filepath.Join(ref, table))
		if len(want) == 0 || !bytes.Equal(got, want) {
			t.Errorf("%s completed differs from the sweep never stopped", table)
		}
	}
}
