package experiment

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
			if !errors.Is(err, ErrBadInput) || !strings.Contains(err.Error(), "would write at least") || !strings.Contains(err.Error(), "more than the 1 KiB free where "+out+" is written") {
				t.Errorf("Write = %v; want a refusal saying what would be written and what is free", err)
			}
			if _, err := os.Stat(filepath.Dir(out)); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a refused Write made %s (%v)", filepath.Dir(out), err)
			}
		})
	}
}
