package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMergedWithoutFiguresReproduces: shards run with --formats '' merge
// into a folder whose report.md quotes the command line its manifest
// records, --formats '' included, so that reproduce finds every file as
// rerun. The merged report once left --formats '' out (the figure
// options read back from the manifest lost "no figures"), and every such
// merged folder failed to reproduce.
func TestMergedWithoutFiguresReproduces(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var shards []string
	for _, s := range []string{"0/2", "1/2"} {
		out := filepath.Join(dir, "shard"+s[:1])
		mustRun(t, smallSweep(out, "--shard", s, "--formats", "", "--quiet")...)
		shards = append(shards, out)
	}
	merged := filepath.Join(dir, "merged")
	mustRun(t, append([]string{"merge", "--out", merged}, shards...)...)
	report, err := os.ReadFile(filepath.Join(merged, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(report), "--formats ''`") {
		t.Errorf("the merged report.md does not quote --formats '':\n%s", report)
	}
	if status, stdout, stderr := runCLI(t, "reproduce", merged); status != 0 || !strings.Contains(stdout, "report.md reproduced byte for byte") {
		t.Errorf("reproduce of the merged folder: status %d:\n%s%s", status, stdout, stderr)
	}
}
