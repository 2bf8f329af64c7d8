package experiment_test

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/internal/foldertest"
	"github.com/borderwork/borderwork/internal/manifestedit"
	"github.com/borderwork/borderwork/scenarios"
)

// setRunID sets the id of the i-th run a manifest lists.
func setRunID(m map[string]any, i int, id string) {
	m["runs"].([]any)[i].(map[string]any)["id"] = json.Number(id)
}

// TestReproduceRefusesRunsNotOfThePlan: a manifest edited to list a run
// its plan does not have (past its end, far past it, or the same run
// twice) is refused as bad input naming manifest.json and the run, not
// rerun into a crash reported as a bug.
func TestReproduceRefusesRunsNotOfThePlan(t *testing.T) {
	dir := t.TempDir()
	cmp := comparePlan(t, classroom(t, 2, 20))
	compare := filepath.Join(dir, "compare")
	if _, err := experiment.Write(context.Background(), cmp, compare, experiment.Options{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	sw := sweepPlan(t, 2)
	jobs, err := sw.Shard(1, 2)
	if err != nil {
		t.Fatal(err)
	}
	shard := filepath.Join(dir, "shard1")
	if _, err := experiment.Write(context.Background(), sw, shard, experiment.Options{Workers: 2, Jobs: jobs}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, folder string
		edit         func(m map[string]any)
		want         string
	}{
		{"compare, one past the end", compare, func(m map[string]any) { setRunID(m, 0, strconv.Itoa(cmp.NRuns())) },
			"manifest.json: run " + strconv.Itoa(cmp.NRuns()) + " is not one of the " + strconv.Itoa(cmp.NRuns()) + " runs"},
		{"compare, far past the end", compare, func(m map[string]any) { setRunID(m, 0, "1000000000000") },
			"manifest.json: run 1000000000000 is not one of"},
		{"compare, a run twice", compare, func(m map[string]any) { setRunID(m, 1, "0") },
			"manifest.json: run 0 is listed twice"},
		{"sweep shard, past the end", shard, func(m map[string]any) { setRunID(m, 0, strconv.Itoa(sw.NRuns()+1)) },
			"manifest.json: run " + strconv.Itoa(sw.NRuns()+1) + " is not one of the " + strconv.Itoa(sw.NRuns()) + " runs"},
		// An emptied list was rerun with no runs and failed in the
		// figures, status 1 (audit hostile7, finding 7).
		{"compare, no runs", compare, func(m map[string]any) { m["runs"] = []any{} },
			"manifest.json: runs lists none of the " + strconv.Itoa(cmp.NRuns()) + " runs"},
		{"compare, runs null", compare, func(m map[string]any) { m["runs"] = nil },
			"manifest.json: runs lists none of the " + strconv.Itoa(cmp.NRuns()) + " runs"},
	} {
		t.Run(c.name, func(t *testing.T) {
			folder := copyFolder(t, c.folder)
			manifestedit.Edit(t, folder, c.edit)
			_, err := experiment.Reproduce(context.Background(), folder, 2)
			if !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Reproduce = %v; want a bad-input error saying %q", err, c.want)
			}
			if strings.Contains(err.Error(), "rerun failed") || strings.Contains(err.Error(), "internal error") {
				t.Errorf("Reproduce = %v; want the folder refused, not the rerun said to fail", err)
			}
		})
	}
}

// TestScenarioChecked: plot refuses a folder whose scenario.toml was
// changed, as it refuses changed tables (figures read the scenario too),
// and reproduce names the change, and when the changed scenario no
// longer loads says the rerun failed (a RerunFailed, bad input, naming
// the file and line) rather than claiming a rerun; a
// manifest that records no checksum of the scenario (no manifest
// borderwork wrote) is drawn and rerun, with a warning, and a scenario
// that then does not load is named as the folder's, not as a figure's.
func TestScenarioChecked(t *testing.T) {
	clean := filepath.Join(t.TempDir(), "clean")
	x := comparePlan(t, classroom(t, 2, 20))
	if _, err := experiment.Write(context.Background(), x, clean, experiment.Options{Workers: 2, Formats: []string{"svg"}}); err != nil {
		t.Fatal(err)
	}
	appendTo := func(text string) func(t *testing.T, dir string) {
		return func(t *testing.T, dir string) {
			p := filepath.Join(dir, "scenario.toml")
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, append(b, text...), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	noChecksum := func(t *testing.T, dir string) {
		manifestedit.Edit(t, dir, func(m map[string]any) { delete(m, "scenario_sha256") })
	}
	for _, c := range []struct {
		name   string
		change func(t *testing.T, dir string)
		// plot: the refusal says this; "": it draws.
		plot string
		// reproduce: the first problem says this; "": none.
		problem string
		warning string // a warning says this
		// reproduce: the rerun fails, its error naming this file of the
		// folder first; "": it runs.
		rerun string
	}{
		{"a comment added", appendTo("\n# edited\n"),
			"scenario.toml does not match its checksum in manifest.json; refusing to draw figures",
			"scenario.toml does not match its checksum in manifest.json", "", ""},
		{"garbage", appendTo("\ngarbage = [\n"),
			"scenario.toml does not match its checksum in manifest.json; refusing to draw figures",
			"scenario.toml does not match its checksum in manifest.json", "", "scenario.toml:"},
		{"missing", func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, "scenario.toml")) },
			"scenario.toml is missing", "scenario.toml is missing", "", "scenario.toml"},
		{"no checksum recorded", noChecksum, "", "", "records no checksum of scenario.toml", ""},
		{"no checksum recorded, garbage", func(t *testing.T, dir string) {
			noChecksum(t, dir)
			appendTo("\ngarbage = [\n")(t, dir)
		}, "scenario.toml:", "", "records no checksum of scenario.toml", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := copyFolder(t, clean)
			c.change(t, dir)

			rep, err := experiment.Reproduce(context.Background(), dir, 2)
			if c.rerun != "" {
				// Nothing was rerun: the error says so, as bad input, and
				// what was found before it is the report, with no command
				// line claimed as rerun.
				var failed *experiment.RerunFailed
				if !errors.As(err, &failed) || !(errors.Is(err, runs.ErrBadInput) || errors.Is(err, scenarios.ErrInvalid)) || !strings.HasPrefix(err.Error(), "the rerun failed: "+filepath.Join(dir, c.rerun)) {
					t.Fatalf("Reproduce = %+v, %v; want a bad-input RerunFailed saying the rerun failed: %s", rep, err, filepath.Join(dir, c.rerun))
				}
				if rep != nil || failed.Found.CommandLine != "" {
					t.Errorf("Reproduce = %+v, command line %q; want no reproduction and no command line rerun", rep, failed.Found.CommandLine)
				}
				rep, err = failed.Found, nil
			}
			switch {
			case c.problem == "" && c.plot != "": // the scenario does not load, and nothing says it was changed
				if !errors.Is(err, scenarios.ErrInvalid) {
					t.Errorf("Reproduce = %+v, %v; want the scenario's error", rep, err)
				}
			case err != nil:
				t.Errorf("Reproduce: %v; want it to report problems", err)
			case c.problem == "" && len(rep.Problems) > 0:
				t.Errorf("Reproduce problems %q; want none", rep.Problems)
			case c.problem != "" && (len(rep.Problems) == 0 || !strings.Contains(rep.Problems[0], c.problem)):
				t.Errorf("Reproduce problems %q; want the first saying %q", rep.Problems, c.problem)
			}
			if err == nil && c.warning != "" && !strings.Contains(strings.Join(rep.Warnings, "\n"), c.warning) {
				t.Errorf("Reproduce warnings %q; want one saying %q", rep.Warnings, c.warning)
			}

			before := foldertest.Files(t, dir)
			_, err = experiment.Redraw(dir, []string{"svg"}, experiment.FigureChange{})
			switch {
			case c.plot == "" && err != nil:
				t.Errorf("Redraw: %v; want it drawn", err)
			case c.plot != "":
				if !(errors.Is(err, runs.ErrBadInput) || errors.Is(err, scenarios.ErrInvalid)) || !strings.Contains(err.Error(), c.plot) {
					t.Errorf("Redraw = %v; want a refusal saying %q", err, c.plot)
				}
				if err != nil && strings.Contains(err.Error(), "figure ") {
					t.Errorf("Redraw = %v; want no figure named: the folder's scenario is at fault", err)
				}
				foldertest.Same(t, "a refused redraw", dir, before)
			}
		})
	}
}

// copyFolder is a copy of the output folder dir, in a temporary folder,
// for a test to change.
func copyFolder(t *testing.T, dir string) string {
	t.Helper()
	to := filepath.Join(t.TempDir(), "out")
	if err := os.CopyFS(to, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	return to
}
