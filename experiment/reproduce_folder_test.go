package experiment_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
)

// editManifestNumbers is editManifest keeping numbers as they are written
// (json.Number): seeds are 64-bit, and must not pass through float64.
func editManifestNumbers(t *testing.T, dir string, edit func(m map[string]any)) {
	t.Helper()
	path := filepath.Join(dir, "manifest.json")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(&m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	if b, err = json.MarshalIndent(m, "", "  "); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

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
	} {
		t.Run(c.name, func(t *testing.T) {
			folder := filepath.Join(t.TempDir(), "out")
			if err := os.CopyFS(folder, os.DirFS(c.folder)); err != nil {
				t.Fatal(err)
			}
			editManifestNumbers(t, folder, c.edit)
			_, err := experiment.Reproduce(context.Background(), folder, 2)
			if !errors.Is(err, experiment.ErrBadInput) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Reproduce = %v; want a bad-input error saying %q", err, c.want)
			}
			if strings.Contains(err.Error(), "rerun failed") || strings.Contains(err.Error(), "internal error") {
				t.Errorf("Reproduce = %v; want the folder refused, not the rerun said to fail", err)
			}
		})
	}
}
