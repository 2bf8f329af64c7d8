package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment/runs"
)

// TestForceNeverReplacesUsersFile: a file of the user's named like one
// the folder writes is refused even with --force, naming it, and its
// bytes stay as they were; the user's empty folder survives a forced
// rerun.
func TestForceNeverReplacesUsersFile(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	small := filepath.Join(startDir, small)
	args := []string{"run", small, "--reps", "1", "--days", "10", "--formats", "", "--out", "uf"}
	for _, name := range []string{"report.md", "figures"} {
		os.RemoveAll("uf")
		os.Mkdir("uf", 0o755)
		os.WriteFile(filepath.Join("uf", name), []byte("MY THESIS NOTES"), 0o644)
		wantRefusal(t, exitUsage, "", append(args, "--force"), "--out: "+filepath.Join("uf", name)+" is not borderwork's and would be replaced: move it, or choose another --out")
		if b, _ := os.ReadFile(filepath.Join("uf", name)); string(b) != "MY THESIS NOTES" {
			t.Errorf("--force changed the user's %s: %q", name, b)
		}
	}
	os.RemoveAll("uf")
	os.MkdirAll(filepath.Join("uf", "drafts"), 0o755)
	os.WriteFile(filepath.Join("uf", "notes.md"), []byte("mine"), 0o644)
	mustRun(t, append(args, "--force")...)
	if st, err := os.Stat(filepath.Join("uf", "drafts")); err != nil || !st.IsDir() {
		t.Errorf("--force removed the user's empty folder: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join("uf", "notes.md")); string(b) != "mine" {
		t.Errorf("--force lost the user's notes: %q", b)
	}
}

// TestOutRefusesPlaces: every command that writes a folder refuses, up
// front, with status 2 and one line, an --out that is the current folder,
// a filesystem root or under a file, even with --force; nothing is left.
func TestOutRefusesPlaces(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	small := filepath.Join(startDir, small)
	os.WriteFile("afile", []byte("mine"), 0o644)
	commands := [][]string{
		{"run", small},
		{"compare", small},
		{"sweep", small, "--vary", "days=10,20"},
		{"claim", small},
		{"sensitivity", small},
		{"merge", "shard"},
	}
	places := []struct{ out, want string }{
		{".", "--out: . is the current folder, which cannot be an output folder"},
		// Named as cleaned: \ on Windows.
		{"/", "--out: " + filepath.Clean("/") + " is a filesystem root, which cannot be an output folder"},
		{"afile/sub", "--out: afile is a file, so " + filepath.Join("afile", "sub") + " cannot be made"},
	}
	for _, c := range commands {
		for _, p := range places {
			wantRefusal(t, exitUsage, "", append(slices.Clone(c), "--out", p.out, "--force"), p.want)
		}
	}
	if left, _ := filepath.Glob(".*"); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

// TestNoteWorkers: the note on fewer workers is for memory only, not for
// fewer runs than workers, and counts runs as words do.
func TestNoteWorkers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		got, asked, runs int
		want             string
	}{
		{1, 2, 1, ""},
		{2, 8, 2, ""},
		{3, 3, 10, ""},
		{1, 4, 3, "borderwork run: running 1 run at a time, not 3, to stay within --max-memory (results do not change)\n"},
		{2, 8, 100, "borderwork run: running 2 runs at a time, not 8, to stay within --max-memory (results do not change)\n"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		noteWorkers(&env{stderr: &b}, "run", tt.got, tt.asked, tt.runs, false)
		if b.String() != tt.want {
			t.Errorf("noteWorkers(%d, %d, %d) = %q; want %q", tt.got, tt.asked, tt.runs, b.String(), tt.want)
		}
	}
}

// TestReportSaysTheCommandOnce: a library message that starts with the
// command's name does not repeat it after "borderwork NAME: ".
func TestReportSaysTheCommandOnce(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if status := report(runs.BadInput("merge: a/summary.csv:2: differs"), "merge", &b); status != exitUsage || b.String() != "borderwork merge: a/summary.csv:2: differs\n" {
		t.Errorf("report = %d, %q", status, b.String())
	}
	b.Reset()
	report(runs.BadInput("--resume: x"), "sweep", &b)
	if b.String() != "borderwork sweep: --resume: x\n" {
		t.Errorf("report = %q", b.String())
	}
	if strings.Contains(b.String(), "sweep: sweep") {
		t.Errorf("doubled")
	}
}

// TestOversizedTableIsRefused: a table of a folder with a line longer
// than any borderwork writes (a file grown by accident, here sparse) is
// refused at that line by plot (status 2) and merge, and is a mismatch
// for reproduce, without reading it whole.
func TestOversizedTableIsRefused(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	small := filepath.Join(startDir, small)
	mustRun(t, "compare", small, "--reps", "2", "--days", "10", "--formats", "svg", "--out", "cmp")
	sweep := []string{"sweep", small, "--reps", "1", "--days", "10", "--vary", "regimes.malfunctioning.outage_start=0.05,0.1"}
	mustRun(t, append(sweep, "--shard", "0/2", "--out", "sh0")...)
	mustRun(t, append(sweep, "--shard", "1/2", "--out", "sh1")...)
	grow := func(path string) string {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(path, 65<<20); err != nil { // a last line of zero bytes
			t.Fatal(err)
		}
		return path + ":" + strconv.Itoa(bytes.Count(b, []byte("\n"))+1) + ": this line is longer than 64 MiB: not a table borderwork wrote"
	}
	at := grow(filepath.Join("cmp", "summary.csv"))
	wantRefusal(t, exitUsage, "", []string{"plot", "cmp"}, at+"; refusing to draw figures")
	status, stdout, _ := runCLI(t, "reproduce", "cmp")
	if want := "MISMATCH " + strings.TrimPrefix(at, "cmp"+string(filepath.Separator)) + " (in the folder)"; status != exitFailure || !strings.Contains(stdout, want) {
		t.Errorf("reproduce: status %d, stdout %q; want %d and %q", status, stdout, exitFailure, want)
	}
	at = grow(filepath.Join("sh0", "timeseries.csv"))
	wantRefusal(t, exitUsage, "merged", []string{"merge", "sh0", "sh1", "--out", "merged"}, "merge: "+at+"; refusing a folder whose tables were changed")
}
