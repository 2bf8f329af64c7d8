package main

import (
	"context"
	"fmt"
	"runtime"

	"github.com/borderwork/borderwork/output"
)

func cmdVersion(_ context.Context, args []string, e *env) error {
	fs := newFlagSet("version", "borderwork version", "Version prints borderwork's version, the commit it was built from, and the Go version.", e)
	if _, err := fs.parse(args, e); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "borderwork %s (commit %s, %s)\n", output.Version, output.BuildCommit(), runtime.Version())
	return nil
}
