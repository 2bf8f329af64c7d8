package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/borderwork/borderwork/flee"
	"github.com/borderwork/borderwork/internal/infile"
	"github.com/borderwork/borderwork/internal/suggest"
	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/validation"
)

const importDoc = `
Import reads a case folder of another model and writes it as a borderwork
scenario. The one format it reads is flee: a Flee case folder (input_csv/,
source_data/ and, if present, simsetting.yml), written as a scenario that
runs under the Flee rule set (docs/MODEL.md, "The Flee rule set"), with a
border location and an open post on every route between two countries.
The scenario goes to FILE, or to stdout. Bad case files are one error
naming the file, line and column, exit status 2, and nothing written.
An existing FILE (or a link there, even to nothing) is refused unless
--force is given: it may be an edited import, or not borderwork's at
all. A FILE inside the case folder is refused even with --force: it
would replace or mix with the case's files. FILE is written under a temporary name and renamed into place, so
an interrupted import leaves no half file.

The posts' capacity and the share of agents holding travel documents are
not in Flee's case: they matter only for regimes other than open, and
their defaults (no limit in practice; no documents, as in Flee) are
placeholders. Give them with --post-capacity and --documented before
asking what a regime does, and say in the file where they come from.

Example:

	borderwork import flee data/flee/mali2012 --out mali2012.toml
	borderwork import flee data/flee/mali2012 --post-capacity 1000 --documented 0.6
`

func cmdImport(_ context.Context, args []string, e *env) error {
	fs := newFlagSet("import", "borderwork import flee [--out FILE [--force]] [--name NAME] [--post-capacity N] [--documented SHARE] DIR", importDoc, e)
	out := fs.String("out", "", "write the scenario to `FILE` (default: stdout); an existing FILE is refused without --force")
	force := fs.Bool("force", false, "replace the file at --out if it exists (a file: never a pipe or a device)")
	name := fs.String("name", "", "the scenario's `NAME` (default: the folder's name)")
	capacity := fs.Float64("post-capacity", flee.DefaultPostCapacity, "each border post processes `N` crossings a day, at most 1000000000")
	documented := fs.Float64("documented", 0, "the `SHARE` of agents holding travel documents, in [0, 1]")
	pos, err := fs.parse(args, e)
	if err != nil {
		return err
	}
	if len(pos) == 2 && pos[0] != "flee" {
		hint := suggest.Hint(pos[0], []string{"flee"})
		if hint == "" {
			hint = ": import reads flee only"
		}
		return usageErrorf("unknown format %q%s (usage: %s)", pos[0], hint, fs.usageLine)
	}
	if len(pos) != 2 {
		return usageErrorf("want the format flee and one DIR (usage: %s)", fs.usageLine)
	}
	if !(*capacity > 0 && *capacity <= flee.MaxPostCapacity) {
		return usageErrorf("--post-capacity: want a number of crossings a day, more than 0 and at most %d, got %v", int64(flee.MaxPostCapacity), *capacity)
	}
	if !(*documented >= 0 && *documented <= 1) {
		return usageErrorf("--documented: want a share in [0, 1], got %v", *documented)
	}
	if fs.set["name"] {
		// The name is written into the file (its header and its name
		// key): a line break would make another line of TOML.
		msg := words.BlankName(*name)
		if msg == "" {
			msg = words.PlainName(*name)
		}
		if msg != "" {
			return usageErrorf("--name: %s", msg)
		}
	}
	// An existing file is never replaced without --force, even one that
	// borderwork imported: users are asked to edit imports (post capacity,
	// where the assumptions come from), and those edits would be lost.
	if *out != "" {
		if info, err := os.Stat(*out); err == nil {
			if info.IsDir() {
				return usageErrorf("--out %s: is a folder; want the name of a file", *out)
			}
			// Not even with --force: the rename into place would put a
			// file where a device or a pipe was (--out /dev/null, as root,
			// would replace the machine's).
			if !info.Mode().IsRegular() {
				return usageErrorf("--out %s: %s; want the name of a file, or no --out to write to standard output", *out, infile.NotAFile(info.Mode()))
			}
			if !*force {
				return usageErrorf("--out %s: the file exists; give --force to replace it, or another --out", *out)
			}
		} else if _, lerr := os.Lstat(*out); lerr == nil && !*force {
			// A link to nothing is the user's too: Stat does not see it,
			// and the rename into place would replace it.
			return usageErrorf("--out %s: is a link to a file that does not exist; give --force to replace the link, or another --out", *out)
		}
		// The folder it goes in must be there: refused before the case is read.
		if dir := filepath.Dir(*out); dir != "." {
			if info, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
				return usageErrorf("--out %s: no such folder %s", *out, dir)
			} else if err == nil && !info.IsDir() {
				return usageErrorf("--out %s: %s is a file, not a folder", *out, dir)
			}
		}
	}
	c, err := flee.Read(pos[1])
	if err != nil {
		if _, serr := os.Stat(pos[1]); errors.Is(serr, os.ErrNotExist) {
			if hint := dataHint(pos[1]); hint != "" {
				return usageErrorf("%v%s", err, hint)
			}
		}
		return err
	}
	// Not among the case's files (checked once DIR reads as a case):
	// --force would replace one of its inputs (--out
	// CASE/input_csv/routes.csv), and a new file there would be counted
	// among the data validate checksums.
	if *out != "" && validation.InDataFolder(*out, pos[1]) {
		return usageErrorf("--out %s: is inside the Flee case folder %s, whose files validate reads and records: the scenario would replace or mix with them; write it elsewhere", *out, pos[1])
	}
	data, err := flee.Import(c, flee.ImportOptions{Name: *name, PostCapacity: *capacity, Documented: *documented})
	if err != nil {
		return err
	}
	if c.SettingsFile == "" {
		// Said, not only written in the file's comments: FabFlee's case
		// folders hold no settings file (its validation settings are one
		// folder up), and their errors differ with Flee's defaults.
		d := flee.DefaultSettings()
		fmt.Fprintf(e.stderr, "borderwork import: note: %s has no simsetting.yml, so the scenario takes Flee's code defaults (max_move_speed %s km a day, default_movechance %s, ...); FabFlee's validation cases take theirs from config_files/validation/simsetting.yml: copy it into the case and import again to use it\n",
			pos[1], output.FormatFloat(d.MaxMoveSpeed), output.FormatFloat(d.DefaultMoveChance))
	}
	if *out == "" {
		_, err := e.stdout.Write(data)
		return err
	}
	if err := output.WriteFile(*out, data); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Wrote %s.\n", *out) // as every command says what it wrote
	return nil
}
