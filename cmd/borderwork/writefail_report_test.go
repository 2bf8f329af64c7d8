package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWriteFailureSaidPlainly: a write the machine refuses (a full disk,
// a quota, a read-only or forbidden folder) is said as what could not be
// written, named as the user asked for it, and why, in words; not as the
// chain of steps and hidden temporary names that led there. What follows
// the failure (where a folder is kept) and other failures joined to it
// are kept; other errors are printed as they were.
func TestWriteFailureSaidPlainly(t *testing.T) {
	t.Parallel()
	tmp := filepath.FromSlash("m/.r.tmp-2613814346")
	file := filepath.Join(tmp, "figures", ".trapped.png.tmp-1616151475")
	full := &fs.PathError{Op: "write", Path: file, Err: syscall.ENOSPC}
	for _, tt := range []struct {
		name string
		err  error
		want string
	}{
		{"full disk, a figure",
			fmt.Errorf("figure trapped: figures: writing %s: %w", filepath.Join(tmp, "figures", "trapped.png"), full),
			"could not write " + filepath.FromSlash("m/r/figures/trapped.png") + ": the disk is full (no space left on device)"},
		{"quota",
			&fs.PathError{Op: "write", Path: filepath.Join(tmp, "timeseries.csv"), Err: syscall.EDQUOT},
			"could not write " + filepath.FromSlash("m/r/timeseries.csv") + ": your disk quota is used up (" + syscall.EDQUOT.Error() + ")"},
		{"read-only",
			&fs.PathError{Op: "mkdir", Path: tmp, Err: syscall.EROFS},
			"could not write " + filepath.FromSlash("m/r") + ": the file system there is read-only (" + syscall.EROFS.Error() + ")"},
		{"forbidden swap, folder kept",
			fmt.Errorf("%w; the new folder is kept at %s", &os.LinkError{Op: "rename", Old: filepath.FromSlash("m/r"), New: filepath.FromSlash("m/.r.old-12"), Err: syscall.EPERM}, tmp),
			"could not write " + filepath.FromSlash("m/r") + ": you may not write there (" + syscall.EPERM.Error() + "); the new folder is kept at " + tmp},
		{"joined",
			errors.Join(errors.New("stats.csv: a row is missing"), full),
			"stats.csv: a row is missing; could not write " + filepath.FromSlash("m/r/figures/trapped.png") + ": the disk is full (no space left on device)"},
		{"standard output",
			&fs.PathError{Op: "write", Path: os.Stdout.Name(), Err: syscall.ENOSPC},
			"could not write standard output: the disk is full (no space left on device)"},
		{"another failure",
			&fs.PathError{Op: "write", Path: file, Err: syscall.EIO},
			"write " + file + ": " + syscall.EIO.Error()},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var stderr strings.Builder
			status := report(tt.err, "run", &stderr)
			if want := "borderwork run: " + tt.want + "\n"; status != exitFailure || stderr.String() != want {
				t.Errorf("report(%v) = %d, printing %q; want %d, %q", tt.err, status, stderr.String(), exitFailure, want)
			}
		})
	}
}

// failingStdout is standard output redirected to a file on a full disk,
// or to a pipe whose reader has gone (errno).
type failingStdout struct{ errno syscall.Errno }

func (f failingStdout) Write([]byte) (int, error) {
	return 0, &fs.PathError{Op: "write", Path: os.Stdout.Name(), Err: f.errno}
}

// TestStdoutLostIsAFailure: a command that finished but could not write
// its standard output (check > digest.txt on a full disk) says so, with
// status 1, rather than exiting 0 with the digest lost; a pipe whose
// reader has gone (| head) wanted no more, and is no failure.
//
// With --json, the JSON is printed after the folder is written: the
// message is the same, and the folder is there, whole.
func TestStdoutLostIsAFailure(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "r")
	for _, tt := range []struct {
		args []string
		name string
	}{
		{[]string{"check", "classroom"}, "check"},
		{[]string{"scenarios"}, "scenarios"},
		{[]string{"--version"}, "version"},
		{[]string{"help"}, "help"},
		{[]string{"run", "classroom", "--reps", "1", "--days", "5", "--quiet", "--json", "--out", out}, "run"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var stderr strings.Builder
			status := run(t.Context(), tt.args, failingStdout{syscall.ENOSPC}, &stderr)
			want := "borderwork " + tt.name + ": could not write standard output: the disk is full (no space left on device); the command finished, but what it printed there is lost\n"
			if status != exitFailure || stderr.String() != want {
				t.Errorf("run(%q) with a full disk = %d, printing %q; want %d, %q", tt.args, status, stderr.String(), exitFailure, want)
			}
			if tt.name == "run" {
				if m, err := os.ReadFile(filepath.Join(out, "manifest.json")); err != nil || !strings.Contains(string(m), `"complete": true`) {
					t.Errorf("run(%q) with a full disk left no complete folder: %v", tt.args, err)
				}
			}
			stderr.Reset()
			if status := run(t.Context(), tt.args, failingStdout{syscall.EPIPE}, &stderr); status != exitOK || stderr.Len() > 0 {
				t.Errorf("run(%q) into a closed pipe = %d, printing %q; want %d and nothing", tt.args, status, stderr.String(), exitOK)
			}
		})
	}
}
