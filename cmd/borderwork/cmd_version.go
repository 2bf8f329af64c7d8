package main

import (
	"context"
	"fmt"
	"runtime"

	"github.com/borderwork/borderwork/output"
)

func cmdVersion(_ context.Context, args []string, e *env) error {
	fs := newFlagSet("version", "borderwork version", `
Version prints borderwork's version, the source revision it was built from
(with "modified" when built from changed sources), its Go module version and
the Go version; and says so when the build recorded no revision.
`, e)
	extra, err := fs.parse(args, e)
	if err != nil {
		return err
	}
	if len(extra) > 0 {
		return usageErrorf("version takes no arguments, got %q (usage: %s)", extra[0], fs.usageLine)
	}
	b := output.ReadBuild()
	commit := "commit " + b.Revision
	if b.Dirty != nil && *b.Dirty {
		commit += ", modified"
	}
	fmt.Fprintf(e.stdout, "borderwork %s (%s, module %s, %s)\n", output.Version, commit, b.Module, runtime.Version())
	if b.Note != "" {
		fmt.Fprintf(e.stdout, "Note: %s.\n", b.Note)
	}
	return nil
}
