//go:build unix

package main

import (
	"os/signal"
	"syscall"
)

// ignoreBrokenPipe lets a write to a pipe whose reader has gone
// (borderwork check classroom | head -1) fail with EPIPE, which
// checkedWriter takes as the reader wanting no more, rather than the Go
// runtime killing the process with SIGPIPE (status 141; serve | true died
// as it started).
func ignoreBrokenPipe() {
	signal.Ignore(syscall.SIGPIPE)
}
