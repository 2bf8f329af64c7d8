//go:build !unix

package main

// ignoreBrokenPipe does nothing where there is no SIGPIPE to kill the
// process: a write to a closed pipe fails with an error there.
func ignoreBrokenPipe() {}
