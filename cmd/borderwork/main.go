// Command borderwork simulates migration through open, closed,
// malfunctioning and humanitarian borders, and reports trapped-migrant and
// abuse counts. Run "borderwork help" for the commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}
