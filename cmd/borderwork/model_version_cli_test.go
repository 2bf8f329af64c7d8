package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/internal/manifestedit"
	"github.com/borderwork/borderwork/sim"
)

// TestRecordedModelVersion: a manifest whose model_version is 0 or less
// (never written: absent means version 1) is refused as a changed manifest
// by plot, reproduce, merge and --resume, naming manifest.json and the key,
// with nothing written; it was shown as model version 1 (audit hostile7,
// minor). A folder recording another version that this binary reproduces
// byte for byte all the same is not warned "whose results differ" before
// the OK line; one that does not reproduce still is.
func TestRecordedModelVersion(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	at := func(name string) string { return filepath.Join(dir, name) }
	whole, shard0, shard1 := at("whole"), at("shard0"), at("shard1")
	mustRun(t, smallSweep(whole, "--formats", "")...)
	mustRun(t, smallSweep(shard0, "--shard", "0/2", "--formats", "")...)
	mustRun(t, smallSweep(shard1, "--shard", "1/2", "--formats", "")...)
	set := func(dirs []string, v any) {
		for _, d := range dirs {
			manifestedit.Edit(t, d, func(m map[string]any) { m["model_version"] = v })
		}
	}
	for _, v := range []int{-1, 0} {
		set([]string{whole, shard0, shard1}, json.Number(fmt.Sprint(v)))
		for _, c := range []struct {
			args []string
			out  string
		}{
			{[]string{"plot", whole, "--formats", "svg"}, ""},
			{[]string{"reproduce", whole}, ""},
			{[]string{"merge", "--out", at("merged"), shard0, shard1}, at("merged")},
			{smallSweep(whole, "--resume"), ""},
			{[]string{"sweep", "--resume", "--out", shard0}, ""},
		} {
			before := snapshotCLI(t, dir)
			wantRefusal(t, exitUsage, c.out, c.args, "manifest.json",
				fmt.Sprintf("model_version %d", v), "the manifest was changed")
			if snapshotCLI(t, dir) != before {
				t.Errorf("model_version %d: %s changed the folders", v, strings.Join(c.args, " "))
			}
		}
	}

	set([]string{whole}, json.Number(fmt.Sprint(sim.ModelVersion+1)))
	status, stdout, stderr := runCLI(t, "reproduce", whole)
	if status != 0 || !strings.Contains(stdout, "OK: ") || strings.Contains(stderr, "whose results differ") ||
		!strings.Contains(stderr, "warning: "+experiment.ReproducedAnotherModelVersion(sim.ModelVersion+1)) {
		t.Errorf("a newer model version reproduced byte for byte: status %d\n%s%s", status, stdout, stderr)
	}
	manifestedit.Edit(t, whole, func(m map[string]any) { m["seed"] = json.Number("7") })
	status, stdout, stderr = runCLI(t, "reproduce", whole)
	if status != 1 || !strings.Contains(stdout, "MISMATCH") || !strings.Contains(stderr, "whose results differ") {
		t.Errorf("a newer model version that does not reproduce: status %d\n%s%s", status, stdout, stderr)
	}
}
