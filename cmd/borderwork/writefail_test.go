//go:build unix

package main

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestCommandsWhenFilesCannotBeWritten runs commands as the binary (the
// test binary, TestMain) under a file-size limit of 4 KiB (`ulimit -f`),
// which fails their writes as a full disk would: each must say so in one
// line and exit 1, with no panic and no folder left behind.
func TestCommandsWhenFilesCannotBeWritten(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skipf("no sh: %v", err)
	}
	for _, args := range [][]string{
		{"compare", "classroom", "--reps", "2", "--days", "10", "--formats=", "--out", "c"},
		{"run", "classroom", "--reps", "1", "--days", "10", "--formats=", "--out", "r"},
		{"sweep", "classroom", "--reps", "1", "--days", "10", "--formats=", "--out", "s", "--vary", "posts.Post.capacity=5,9"},
	} {
		t.Run(args[0], func(t *testing.T) {
			dir := t.TempDir()
			cmd := exec.Command("sh", append([]string{"-c", `ulimit -f 4 && exec "$0" "$@"`, os.Args[0]}, args...)...)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "BORDERWORK_TEST_AS_BINARY=1")
			var stderr strings.Builder
			cmd.Stderr = &stderr
			err := cmd.Run()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 1 {
				t.Fatalf("exit: %v, want status 1; stderr:\n%s", err, stderr.String())
			}
			if s := stderr.String(); strings.Contains(s, "panic") || !strings.Contains(s, "file too large") {
				t.Errorf("stderr does not say why in a line:\n%s", s)
			}
			if left, _ := os.ReadDir(dir); len(left) > 0 {
				t.Errorf("left behind: %v", left)
			}
		})
	}
}
