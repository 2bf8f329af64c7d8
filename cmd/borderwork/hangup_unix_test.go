//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/borderwork/borderwork/output"
)

// startAsBinary starts this test binary as borderwork (TestMain) with
// args, through sh so that ignoreHUP can start it with SIGHUP ignored, as
// nohup does, and waits until it has started its output folder out (the
// hidden .out.tmp-* beside it). done receives its end.
func startAsBinary(t *testing.T, ignoreHUP bool, out string, args ...string) (*exec.Cmd, *bytes.Buffer, chan error) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	trap := ""
	if ignoreHUP {
		trap = `trap "" HUP; `
	}
	cmd := exec.Command("sh", append([]string{"-c", trap + `exec "$0" "$@"`, self}, args...)...)
	cmd.Env = append(os.Environ(), "BORDERWORK_TEST_AS_BINARY=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() { cmd.Process.Kill() })
	for deadline := time.Now().Add(time.Minute); len(output.Leftovers(out)) == 0; time.Sleep(10 * time.Millisecond) {
		select {
		case err := <-done:
			t.Fatalf("ended before it started %s: %v\n%s", out, err, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s not started in a minute", out)
		}
	}
	time.Sleep(200 * time.Millisecond) // some runs finish
	return cmd, &stderr, done
}

// status is the exit status of a command that ended with err.
func status(t *testing.T, err error) int {
	t.Helper()
	var exit *exec.ExitError
	if err == nil {
		return 0
	}
	if !errors.As(err, &exit) {
		t.Fatal(err)
	}
	return exit.ExitCode()
}

// TestHangupStopsAsCtrlC: a command whose terminal closes (SIGHUP: an
// ssh connection dropped, a terminal window closed) stops as Ctrl-C stops
// it: status 130, its finished runs kept at --out, marked incomplete,
// and no hidden .out.tmp-* left. It was killed outright, leaving its runs
// in the hidden folder, which --resume does not read. Started with
// SIGHUP ignored (nohup), it carries on.
func TestHangupStopsAsCtrlC(t *testing.T) {
	t.Parallel()
	args := func(out string) []string {
		return []string{"compare", small, "--reps", "5000", "--days", "40", "--formats", "", "--workers", "1", "--quiet", "--out", out}
	}
	t.Run("hangup", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		out := filepath.Join(dir, "out")
		cmd, stderr, done := startAsBinary(t, false, out, args(out)...)
		cmd.Process.Signal(syscall.SIGHUP)
		if got := status(t, <-done); got != exitInterrupted || !strings.Contains(stderr.String(), "finished runs in "+out+" (marked incomplete)") {
			t.Fatalf("status %d, stderr %q; want %d, keeping the finished runs at %s", got, stderr, exitInterrupted, out)
		}
		if m, err := output.ReadManifest(out); err != nil || m.Complete || len(m.Runs) == 0 {
			t.Errorf("%s: %v; want an incomplete folder of the finished runs", out, err)
		}
		onlyEntries(t, dir, "out")
	})
	t.Run("nohup", func(t *testing.T) {
		t.Parallel()
		dir := t.TempDir()
		out := filepath.Join(dir, "out")
		cmd, stderr, done := startAsBinary(t, true, out, args(out)...)
		cmd.Process.Signal(syscall.SIGHUP)
		select {
		case err := <-done:
			t.Fatalf("with SIGHUP ignored, a SIGHUP ended it: %v\n%s", err, stderr)
		case <-time.After(500 * time.Millisecond):
		}
		cmd.Process.Signal(syscall.SIGTERM)
		if got := status(t, <-done); got != exitInterrupted {
			t.Fatalf("SIGTERM: status %d, stderr %q; want %d", got, stderr, exitInterrupted)
		}
		onlyEntries(t, dir, "out")
	})
}
