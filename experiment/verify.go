package experiment

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/borderwork/borderwork/experiment/runs"
	hint "github.com/borderwork/borderwork/internal/suggest"
	"github.com/borderwork/borderwork/output"
)

// verifyFolder checks, before a folder's tables are trusted (continued by
// --resume, joined by merge), that they are what borderwork wrote: every
// table matches its checksum in the manifest, and every run the manifest
// lists is the run x has under that index. A table that differs is named
// with its first differing row, found by running that row's block of
// runs again. what names the command for messages ("--resume", "merge").
// If ctx ends while the tables are read, the error wraps runs.ErrInterrupted.
func verifyFolder(ctx context.Context, what, dir string, m *output.Manifest, x *Prepared) error {
	if err := runIDsOf(dir, m.Runs, x); err != nil {
		return badInput("%s: %v", what, err)
	}
	// A run as a message names it: its regime, replicate and seed, and
	// where a sweep's runs differ only there, the values of its point.
	describe := func(r output.Run, params bool) string {
		d := fmt.Sprintf("%s replicate %d (seed %d)", r.Regime, r.Replicate, r.Seed)
		if params {
			values := make([]string, len(r.Params))
			for i, v := range r.Params {
				values[i] = strconv.FormatFloat(v, 'g', -1, 64)
			}
			d += " at the point (" + strings.Join(values, ", ") + ")"
		}
		return d
	}
	for _, r := range m.Runs {
		want := x.Run(r.ID)
		if r.Regime != want.Regime || r.Replicate != want.Replicate || r.Seed != want.Seed || !slices.Equal(r.Params, want.Params) {
			params := !slices.Equal(r.Params, want.Params)
			recorded := output.Run{ID: r.ID, Regime: r.Regime, Replicate: r.Replicate, Seed: r.Seed, Params: r.Params}
			return badInput("%s: %s: run %d is recorded as %s where this plan has %s; the manifest was changed",
				what, filepath.Join(dir, "manifest.json"), r.ID, describe(recorded, params), describe(want, params))
		}
	}
	if err := unlistedTable(dir, m); err != nil {
		return badInput("%s: %v", what, err)
	}
	for _, t := range m.Tables {
		d, err := verifyTable(ctx, dir, t)
		if err != nil {
			return err
		}
		if d == nil {
			continue
		}
		if !d.Exact && d.Block >= 0 {
			ids := runIDs(m.Runs, d.Block)
			want, err := expectedRows(x, t.File, ids)
			if err != nil {
				return err
			}
			if err := output.Locate(dir, d, want); err != nil {
				return err
			}
		}
		d.File = filepath.Join(dir, filepath.FromSlash(d.File))
		return badInput("%s: %v; refusing a folder whose tables were changed (run it afresh into another --out)", what, d)
	}
	return nil
}

// runIDsOf checks the runs a folder's manifest lists (runs, of the folder
// at dir) against the plan x: each is one of its runs, and none is listed
// twice. A manifest changed by hand could list any number.
func runIDsOf(dir string, runs []output.RunInfo, x *Prepared) error {
	manifest := filepath.Join(dir, "manifest.json")
	seen := make(map[int]bool, len(runs))
	for _, r := range runs {
		if r.ID < 0 || r.ID >= x.NRuns() {
			return fmt.Errorf("%s: run %d is not one of the %d runs of %s; the manifest was changed", manifest, r.ID, x.NRuns(), x.CommandLine())
		}
		if seen[r.ID] {
			return fmt.Errorf("%s: run %d is listed twice; the manifest was changed", manifest, r.ID)
		}
		seen[r.ID] = true
	}
	return nil
}

// folderError is an error a Rerun or a figure finds in the folder's own
// files (a manifest listing runs its plan does not have, a scenario.toml
// that does not load), before running or drawing anything: it is said as
// it is, not as the rerun or the figure failing.
type folderError struct{ error }

func (e folderError) Unwrap() error { return e.error }

// FolderError marks err as found in the folder's own files (its
// manifest, or the inputs it records) before a Rerun runs anything, so
// that reproduce says it as it is, not as the rerun failing.
func FolderError(err error) error { return folderError{err} }

// runIDs are the runs of block j of a table, as the manifest lists them.
func runIDs(runs []output.RunInfo, j int) []int {
	var ids []int
	for i := j * output.BlockRuns; i < min(len(runs), (j+1)*output.BlockRuns); i++ {
		ids = append(ids, runs[i].ID)
	}
	return ids
}

// expectedRows runs ids again and returns the lines (each with its line
// break) they write to the table name; none for a table that is not
// written run by run.
func expectedRows(x *Prepared, name string, ids []int) ([][]byte, error) {
	var buf bytes.Buffer
	c := output.NewCSV(&buf)
	names := x.Scenario.File.Locations
	if name == "locations.csv" && !x.ByLocation {
		return nil, nil
	}
	err := x.Execute(context.Background(), ids, 1, func(s Simulated) error {
		switch name {
		case "timeseries.csv":
			return output.WriteTimeseries(c, s.Run, s.Days)
		case "summary.csv":
			return output.WriteSummaryRow(c, output.SummaryOf(s.Run, s.Days))
		case "locations.csv":
			return output.WriteLocations(c, s.Run, len(names), func(i int) string { return names[i].Name }, s.Locations)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("running the runs of %s again: %w", name, err)
	}
	if err := c.Close(); err != nil {
		return nil, err
	}
	lines := bytes.SplitAfter(buf.Bytes(), []byte("\n"))
	if n := len(lines); n > 0 && len(lines[n-1]) == 0 {
		lines = lines[:n-1]
	}
	return lines, nil
}

// verifyTable is output.VerifyContext, its error wrapping runs.ErrInterrupted
// if ctx ended while the file was read.
func verifyTable(ctx context.Context, dir string, c output.Checked) (*output.Difference, error) {
	d, err := output.VerifyContext(ctx, dir, c)
	if err != nil && ctx.Err() != nil {
		return nil, fmt.Errorf("%w while checking %s", runs.ErrInterrupted, filepath.Join(dir, filepath.FromSlash(c.File)))
	}
	return d, err
}

// tablesAsWritten refuses a folder any of whose tables does not match its
// checksum, naming the file and the rows where it first differs (as
// closely as the block digests tell, without running anything again),
// and one whose scenario.toml does not match its checksum: figures read
// it too (where people are under the Flee rules, a sweep's axes, a
// claim's colours). If ctx ends while they are read, the error wraps
// runs.ErrInterrupted.
func tablesAsWritten(ctx context.Context, dir string, m *output.Manifest) error {
	if d, err := scenarioDifference(dir, m); err != nil || d != "" {
		if err != nil {
			return err
		}
		return badInput("%s %s; refusing to draw figures from a scenario the folder's runs did not run (put it back, or run it afresh into another --out)", filepath.Join(dir, "scenario.toml"), d)
	}
	if err := unlistedTable(dir, m); err != nil {
		return badInput("%v", err)
	}
	for _, t := range m.Tables {
		d, err := verifyTable(ctx, dir, t)
		if err != nil {
			return err
		}
		if d != nil {
			d.File = filepath.Join(dir, filepath.FromSlash(d.File))
			return badInput("%v; refusing to draw figures from tables borderwork did not write ('borderwork reproduce %s' shows what changed)", d, dir)
		}
	}
	return nil
}

// scenarioDifference says how the scenario.toml of the folder at dir
// differs from the checksum its manifest m records, after the file's
// name: "" if it matches, and if the manifest records none (scenario_sha256
// missing or empty: no manifest borderwork wrote), which cannot tell. An
// error: the machine refused to read it.
func scenarioDifference(dir string, m *output.Manifest) (string, error) {
	if m.ScenarioSHA256 == "" {
		return "", nil
	}
	path := filepath.Join(dir, "scenario.toml")
	sum, err := output.FileSHA256(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "is missing", nil
	case errors.Is(err, output.ErrNotAFile):
		// A FIFO or a folder: not a changed file (and not opened).
		return strings.TrimPrefix(err.Error(), path+": "), nil
	case errors.Is(err, os.ErrPermission):
		return "", err
	case err != nil:
		return output.ChecksumDiffers, nil
	case sum != m.ScenarioSHA256:
		// Git's core.autocrlf, say: the same scenario, said as such.
		if d, err := output.Verify(dir, output.Checked{File: "scenario.toml", SHA256: m.ScenarioSHA256}); err == nil && d != nil && d.Msg == output.LineEndsDiffer {
			return d.Msg, nil
		}
		return output.ChecksumDiffers, nil
	}
	return "", nil
}

// unlistedTable refuses a folder holding a table its manifest does not
// list with a checksum: a table taken out of the list would otherwise be
// trusted unchecked. The first such table, by name, is named.
func unlistedTable(dir string, m *output.Manifest) error {
	names, err := unlistedTables(dir, m)
	if err != nil || len(names) == 0 {
		return err
	}
	return fmt.Errorf("%s is not among the tables %s lists with their checksums; refusing a folder whose manifest was changed (run it afresh into another --out)",
		filepath.Join(dir, names[0]), filepath.Join(dir, "manifest.json"))
}

// unlistedTables are the tables of the folder at dir that its manifest m
// does not list, by name. Tables are the folder's .csv and .csv.gz files,
// but for hidden ones (a run's temporary event log).
func unlistedTables(dir string, m *output.Manifest) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	listed := map[string]bool{}
	for _, t := range m.Tables {
		listed[t.File] = true
	}
	var names []string
	for _, e := range entries { // ReadDir sorts by name
		name := e.Name()
		if strings.HasPrefix(name, ".") || !(strings.HasSuffix(name, ".csv") || strings.HasSuffix(name, ".csv.gz")) {
			continue
		}
		if !listed[name] {
			names = append(names, name)
		}
	}
	return names, nil
}

// ManifestError is the error of a folder whose manifest cannot be read
// (output.ReadManifest's err): bad input (no folder, no manifest, or not
// one borderwork wrote), unless the machine refused to read it.
func ManifestError(dir string, err error) error {
	if errors.Is(err, os.ErrPermission) {
		return err
	}
	st, serr := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) && errors.Is(serr, os.ErrNotExist) {
		return badInput("%s does not exist%s", dir, missingFolderHint(dir))
	}
	if serr == nil && !st.IsDir() {
		// A scenario or a table given where the output folder goes
		// (plot my.toml): say so, not "open my.toml/manifest.json: not
		// a directory".
		return badInput("%s is a file, not an output folder: give a folder a borderwork command wrote", dir)
	}
	if errors.Is(err, os.ErrNotExist) {
		// No manifest: most likely the folder holding the output folders
		// (plot out): name those, not Go's "stat out/manifest.json".
		// A folder inside an output folder (plot out/compare-sahel/figures):
		// the output folder is the one meant.
		if parent := filepath.Dir(filepath.Clean(dir)); parent != filepath.Clean(dir) {
			if _, perr := os.Stat(filepath.Join(parent, "manifest.json")); perr == nil {
				return badInput("%s is not a borderwork output folder, but is inside one: give %s", dir, parent)
			}
		}
		if inside := outputFoldersIn(dir); inside != "" {
			return badInput("%s is not a borderwork output folder (it has no manifest.json), but holds some: %s", dir, inside)
		}
		return badInput("%s is not a borderwork output folder: it has no manifest.json", dir)
	}
	return badInput("%s is not a borderwork output folder: %v", dir, err)
}

// outputFolders lists the output folders dir holds (those with a
// manifest.json), by name.
func outputFolders(dir string) []string {
	var names []string
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
				if _, err := os.Stat(filepath.Join(dir, e.Name(), "manifest.json")); err == nil {
					names = append(names, e.Name())
				}
			}
		}
	}
	return names
}

// outputFoldersIn names the output folders dir holds, at most 3 and how
// many more, or "".
func outputFoldersIn(dir string) string {
	var inside []string
	for _, n := range outputFolders(dir) {
		inside = append(inside, filepath.Join(dir, n))
	}
	more := ""
	if len(inside) > 3 {
		more = fmt.Sprintf(" and %d more", len(inside)-3)
		inside = inside[:3]
	}
	return strings.Join(inside, ", ") + more
}

// missingFolderHint says more of an output folder that is not there: the
// folder beside it meant (out/compare-sahl: out/compare-sahel), or else
// which command writes it by default (out/compare-sahel: compare, for the
// scenario sahel) and the output folders beside it. plot and reproduce
// are most often given a folder misspelt, not written yet, or written
// from another folder than the one they run in.
func missingFolderHint(dir string) string {
	clean := filepath.Clean(dir)
	parent, base := filepath.Dir(clean), filepath.Base(clean)
	cmd, stem, ok := strings.Cut(base, "-")
	siblings := outputFolders(parent)
	if ok {
		// out/claim-sahel is not meant for out/compare-sahel, however
		// few the edits: guess among the same command's folders.
		siblings = slices.DeleteFunc(siblings, func(n string) bool { return !strings.HasPrefix(strings.ToLower(n), strings.ToLower(cmd)+"-") })
	}
	if meant := hint.Closest(base, siblings); meant != "" {
		return fmt.Sprintf("; did you mean %s?", filepath.Join(parent, meant))
	}
	var more []string
	if ok && stem != "" && filepath.Base(parent) == "out" && !strings.Contains(stem, "-shard-") &&
		slices.Contains([]string{"run", "compare", "sweep", "claim", "programme", "sensitivity", "validate"}, cmd) {
		where := ""
		if !filepath.IsAbs(clean) {
			where = ", when run in this folder"
		}
		more = append(more, fmt.Sprintf("borderwork %s writes it for the scenario %s%s", cmd, stem, where))
	}
	if inside := outputFoldersIn(parent); inside != "" {
		more = append(more, fmt.Sprintf("%s holds %s", parent, inside))
	}
	if len(more) == 0 {
		return ""
	}
	return " (" + strings.Join(more, "; ") + ")"
}
