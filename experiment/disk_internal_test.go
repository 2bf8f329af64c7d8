package experiment

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/output"
)

// TestWriteRefusesWhatCannotFitOnDisk: runs whose timeseries.csv cannot
// fit in the space free where the folder is written (at least two bytes a
// field) are refused before anything runs or is written, saying how much
// at least and how much is free; with the space, or where it cannot be
// known, they run. (The free space is faked: a test cannot fill a disk.)
func TestWriteRefusesWhatCannotFitOnDisk(t *testing.T) {
	x := outageSweep(t)
	was := freeBytes
	t.Cleanup(func() { freeBytes = was })
	dir := t.TempDir()
	for _, c := range []struct {
		name  string
		free  uint64
		known bool
		fits  bool
	}{
		{"no space", 1 << 10, true, false},
		{"space enough", 1 << 40, true, true},
		{"not known", 0, false, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			freeBytes = func(string) (uint64, bool) { return c.free, c.known }
			out := filepath.Join(dir, c.name, "out")
			_, err := Write(context.Background(), x, out, Options{Workers: 2})
			if c.fits {
				if err != nil {
					t.Fatalf("Write = %v; want it to run", err)
				}
				return
			}
			if !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), "would write at least") || !strings.Contains(err.Error(), "more than the 1 KiB free where "+out+" is written") {
				t.Errorf("Write = %v; want a refusal saying what would be written and what is free", err)
			}
			if _, err := os.Stat(filepath.Dir(out)); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a refused Write made %s (%v)", filepath.Dir(out), err)
			}
		})
	}
}

// TestResumeRefusesWhatCannotFitOnDisk: completing an interrupted folder
// starts from a copy of its tables, beside it until the new folder is
// complete, so the copy needs room too, even with no run left (a sweep
// stopped while its figures were drawn). Without the room it is refused
// before anything is written, saying how much more to free; it once
// passed the check and failed after copying, with the disk full.
func TestResumeRefusesWhatCannotFitOnDisk(t *testing.T) {
	x := outageSweep(t)
	was := freeBytes
	t.Cleanup(func() { freeBytes = was })
	freeBytes = func(string) (uint64, bool) { return 40 << 10, true }
	dir := t.TempDir()
	resume := filepath.Join(dir, "s")
	if err := os.Mkdir(resume, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, size := range map[string]int{"timeseries.csv": 60 << 10, "summary.csv": 4 << 10} {
		if err := os.WriteFile(filepath.Join(resume, name), make([]byte, size), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	jobs := x.AllJobs()
	out := filepath.Join(dir, "out")
	_, err := Write(context.Background(), x, out, Options{Workers: 2, Resume: resume, Jobs: jobs, Done: make([]output.SummaryRow, len(jobs))})
	want := "--out: completing " + resume + " starts from a copy of its tables (64 KiB), kept beside it until the folder is complete: more than the 40 KiB free where " + out + " is written; free at least 24 KiB more, then resume again"
	if !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), want) {
		t.Errorf("Write = %v; want a refusal, %q", err, want)
	}
	if left, _ := os.ReadDir(dir); len(left) != 1 {
		t.Errorf("a refused Write left %v", left)
	}
}
