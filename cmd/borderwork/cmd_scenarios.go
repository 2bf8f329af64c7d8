package main

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/borderwork/borderwork/internal/suggest"
	"github.com/borderwork/borderwork/scenarios"
)

const scenariosDoc = `
Scenarios lists the scenarios bundled with borderwork. 'borderwork scenarios
show NAME' prints one as TOML, comments and all, to copy and edit:

	borderwork scenarios show classroom > mine.toml
	borderwork check mine.toml
	borderwork compare mine.toml
`

func cmdScenarios(_ context.Context, args []string, e *env) error {
	fs := newFlagSet("scenarios", "borderwork scenarios [show NAME]", scenariosDoc, e)
	pos, err := fs.parse(args, e)
	if err != nil {
		return err
	}
	switch {
	case len(pos) == 0:
		tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		for _, name := range scenarios.Names() {
			s, err := scenarios.Load(name)
			if err != nil {
				return err
			}
			def := ""
			if name == scenarios.Default {
				def = " (default)"
			}
			fmt.Fprintf(tw, "%s%s\t%s\n", name, def, s.File.Title)
		}
		tw.Flush()
		fmt.Fprintln(e.stdout, "\nborderwork scenarios show NAME prints one.")
		return nil
	case len(pos) == 2 && pos[0] == "show":
		data, err := scenarios.Bundled(pos[1])
		if err != nil {
			return err
		}
		_, err = e.stdout.Write(data)
		return err
	}
	if len(pos) >= 1 && pos[0] == "show" {
		// show with no NAME, or with several: say what it wants, and
		// the names it takes.
		got := "none"
		if len(pos) > 2 {
			got = fmt.Sprintf("%q", strings.Join(pos[1:], " "))
		}
		return usageErrorf("show wants one NAME, got %s: one of %s, as in 'borderwork scenarios show classroom > my.toml'", got, strings.Join(scenarios.Names(), ", "))
	}
	if len(pos) == 1 && slices.Contains(scenarios.Names(), pos[0]) {
		return usageErrorf("unknown subcommand %q: 'borderwork scenarios show %s' prints that scenario", pos[0], pos[0])
	}
	if len(pos) > 0 && pos[0] != "show" {
		return usageErrorf("unknown subcommand %q%s (usage: borderwork scenarios [show NAME])", pos[0], suggest.Hint(pos[0], []string{"show"}))
	}
	return usageErrorf("usage: borderwork scenarios [show NAME]")
}
