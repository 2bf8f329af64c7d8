package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/borderwork/borderwork/output"
)

const reproduceDoc = `
Reproduce reruns what an output folder's manifest.json describes, from the
folder's own scenario.toml, and verifies every table: the folder's tables
must match the checksums in the manifest, and the rerun must write the same
bytes. It exits with status 0 if everything matches and 1, naming each
table that differs, if not.
`

func cmdReproduce(ctx context.Context, args []string, e *env) error {
	fs := newFlagSet("reproduce", "borderwork reproduce [--workers N] DIR", reproduceDoc, e)
	var c common
	fs.IntVar(&c.workers, "workers", defaultWorkers(), "rerun on `N` workers; results do not depend on it")
	fs.BoolVar(&c.quiet, "quiet", false, "print no progress")
	pos, err := fs.parse(args, e)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErrorf("want one DIR (usage: %s)", fs.usageLine)
	}
	dir := pos[0]
	m, err := output.ReadManifest(dir)
	if err != nil {
		return usageErrorf("%s is not a borderwork output folder: %v", dir, err)
	}
	if !m.Complete {
		return usageErrorf("%s is incomplete (the command was interrupted); finish it first", dir)
	}
	var problems []string
	if sum, err := output.FileSHA256(filepath.Join(dir, "scenario.toml")); err != nil || sum != m.ScenarioSHA256 {
		problems = append(problems, "scenario.toml does not match its checksum")
	}
	for _, t := range m.Tables {
		if sum, err := output.FileSHA256(filepath.Join(dir, t.File)); err != nil || sum != t.SHA256 {
			problems = append(problems, t.File+" in the folder does not match its checksum")
		}
	}
	tmp, err := os.MkdirTemp("", "borderwork-reproduce-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	rerun := rerunArgs(m, filepath.Join(dir, "scenario.toml"), filepath.Join(tmp, "out"), c.workers)
	shown := make([]string, len(rerun))
	for i, a := range rerun {
		shown[i] = a
		if a == "" || strings.ContainsAny(a, " \t\"'$\\") {
			shown[i] = strconv.Quote(a)
		}
	}
	fmt.Fprintf(e.stdout, "Rerunning: borderwork %s\n", strings.Join(shown, " "))
	quietEnv := &env{stdout: discard{}, stderr: e.stderr}
	if c.quiet {
		quietEnv.stderr = discard{}
	}
	if status := run(ctx, rerun, quietEnv.stdout, quietEnv.stderr); status != exitOK {
		if status == exitInterrupted {
			return errInterrupted
		}
		return fmt.Errorf("the rerun failed with status %d", status)
	}
	for _, t := range m.Tables {
		sum, err := output.FileSHA256(filepath.Join(tmp, "out", t.File))
		if err != nil || sum != t.SHA256 {
			problems = append(problems, t.File+" differs when rerun")
		}
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintf(e.stdout, "MISMATCH %s\n", p)
		}
		return fmt.Errorf("%w: %d problem(s): %s", errMismatch, len(problems), strings.Join(problems, "; "))
	}
	fmt.Fprintf(e.stdout, "OK: %d tables reproduced byte for byte.\n", len(m.Tables))
	return nil
}

// rerunArgs rebuilds the command a manifest records, reading the folder's
// resolved scenario (overrides already applied) and drawing no figures.
func rerunArgs(m *output.Manifest, scenario, out string, workers int) []string {
	args := []string{m.Command, scenario,
		"--seed", strconv.FormatInt(m.Seed, 10),
		"--days", strconv.Itoa(m.Days),
		"--reps", strconv.Itoa(m.Reps),
		"--out", out, "--formats", "", "--quiet",
		"--workers", strconv.Itoa(workers),
	}
	switch m.Command {
	case "run":
		args = append(args, "--regime", strings.Join(m.Regimes, ","))
	case "claim":
		// claim runs its own regimes, and starts from its initial replicates.
		c, _ := m.Claim.(map[string]any)
		number := func(k string) string {
			v, _ := c[k].(float64)
			return output.FormatFloat(v)
		}
		args[7] = number("initial_reps") // the value after --reps
		args = append(args, "--max-reps", number("max_reps"), "--precision", number("precision"))
		if r, ok := c["robustness"].(map[string]any); ok {
			s, _ := r["samples"].(float64)
			n, _ := r["reps"].(float64)
			args = append(args, "--robustness", "--samples", output.FormatFloat(s), "--robustness-reps", output.FormatFloat(n))
		}
	default:
		args = append(args, "--regimes", strings.Join(m.Regimes, ","))
	}
	args = append(args, extraRerunArgs(m)...)
	if slices.ContainsFunc(m.Tables, func(c output.Checked) bool { return c.File == "locations.csv" }) {
		args = append(args, "--by-location")
	}
	return args
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// extraRerunArgs adds what commands other than run and compare record.
func extraRerunArgs(m *output.Manifest) []string {
	var args []string
	if sw := m.Sweep; sw != nil {
		args = sweepArgs(sw)
		if sw.Shard != "" {
			args = append(args, "--shard", sw.Shard)
		}
	}
	return args
}
