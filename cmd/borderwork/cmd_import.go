package main

import (
	"context"
	"fmt"

	"github.com/borderwork/borderwork/flee"
	"github.com/borderwork/borderwork/output"
)

const importDoc = `
Import reads a case folder of another model and writes it as a borderwork
scenario. The one format it reads is flee: a Flee case folder (input_csv/,
source_data/ and, if present, simsetting.yml), written as a scenario that
runs under the Flee rule set (docs/MODEL.md, "The Flee rule set"), with a
border location and an open post on every route between two countries.
The scenario goes to FILE, or to stdout. Bad case files are one error
naming the file, line and column, exit status 2, and nothing written.

Example:

	borderwork import flee data/flee/mali2012 --out mali2012.toml
`

func cmdImport(_ context.Context, args []string, e *env) error {
	fs := newFlagSet("import", "borderwork import flee [--out FILE] [--name NAME] DIR", importDoc, e)
	out := fs.String("out", "", "write the scenario to `FILE` (default: stdout)")
	name := fs.String("name", "", "the scenario's `NAME` (default: the folder's name)")
	pos, err := fs.parse(args, e)
	if err != nil {
		return err
	}
	if len(pos) != 2 || pos[0] != "flee" {
		return usageErrorf("want the format flee and one DIR (usage: %s)", fs.usageLine)
	}
	c, err := flee.Read(pos[1])
	if err != nil {
		return err
	}
	data, err := flee.Import(c, flee.ImportOptions{Name: *name})
	if err != nil {
		return err
	}
	if *out == "" {
		_, err := e.stdout.Write(data)
		return err
	}
	if err := output.WriteFile(*out, data); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "Wrote %s.\n", *out)
	return nil
}
