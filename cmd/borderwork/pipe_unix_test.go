//go:build unix

package main

import (
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// closedPipe is the writing end of a pipe whose reader has already gone,
// as `| head -1` leaves it once head has its line.
func closedPipe(t *testing.T) *os.File {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	t.Cleanup(func() { w.Close() })
	return w
}

// asBinaryIntoClosedPipe is this test binary run as borderwork (TestMain) with args, its
// standard output a pipe whose reader has gone.
func asBinaryIntoClosedPipe(t *testing.T, args ...string) (*exec.Cmd, *strings.Builder) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "BORDERWORK_TEST_AS_BINARY=1")
	cmd.Stdout = closedPipe(t)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	return cmd, &stderr
}

// TestClosedPipeIsNoFailure: a pipe closed by its reader (`| head`) is no
// failure (docs/CLI.md): the command finishes with status 0. The Go
// runtime killed it with SIGPIPE (status 141), and serve died as it
// started, before it served a page.
func TestClosedPipeIsNoFailure(t *testing.T) {
	t.Parallel()
	t.Run("check", func(t *testing.T) {
		t.Parallel()
		cmd, stderr := asBinaryIntoClosedPipe(t, "check", "classroom")
		err := cmd.Run()
		if got := status(t, err); got != exitOK || stderr.Len() != 0 {
			t.Errorf("check classroom | head: %v, stderr %q; want status %d and nothing said", err, stderr, exitOK)
		}
	})
	t.Run("serve", func(t *testing.T) {
		t.Parallel()
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		cmd, stderr := asBinaryIntoClosedPipe(t, "serve", "--addr", addr)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		t.Cleanup(func() { cmd.Process.Kill() })
		for deadline := time.Now().Add(time.Minute); ; time.Sleep(20 * time.Millisecond) {
			select {
			case err := <-done:
				t.Fatalf("serve | true ended as it started: %v, stderr %q", err, stderr)
			default:
			}
			if resp, err := http.Get("http://" + addr + "/"); err == nil {
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("GET /: %s", resp.Status)
				}
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("serve not serving at %s in a minute", addr)
			}
		}
		cmd.Process.Signal(syscall.SIGTERM)
		if got := status(t, <-done); got != exitOK {
			t.Errorf("serve stopped by SIGTERM: status %d, stderr %q; want %d", got, stderr, exitOK)
		}
	})
}
