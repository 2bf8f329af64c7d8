package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/scenarios"
)

// TestLibraryWritesTheCompareFolder: a Go program calling the experiment
// library (the lines below, as a program outside cmd/ would write them)
// writes byte for byte the folder `borderwork compare` writes.
func TestLibraryWritesTheCompareFolder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cli, lib := filepath.Join(dir, "cli"), filepath.Join(dir, "lib")
	if status, _, stderr := runCLI(t, "compare", "classroom", "--reps", "3", "--workers", "2", "--quiet", "--out", cli); status != 0 {
		t.Fatalf("compare: status %d: %s", status, stderr)
	}

	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Replicates = 3
	plan := &experiment.Plan{Command: "compare", Scenario: s, Arg: "classroom", Regimes: scenarios.BuiltinRegimes, Reps: 3}
	x, err := plan.Prepare()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := experiment.Write(context.Background(), x, lib, experiment.Options{Workers: 2, Formats: []string{"png", "svg", "pdf"}}); err != nil {
		t.Fatal(err)
	}

	got, want := files(t, lib), files(t, cli)
	if !slices.Equal(got, want) {
		t.Fatalf("the library wrote %v; compare wrote %v", got, want)
	}
	for _, f := range want {
		a, _ := os.ReadFile(filepath.Join(cli, f))
		b, _ := os.ReadFile(filepath.Join(lib, f))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between the library and compare", f)
		}
	}
}
