package validation

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/borderwork/borderwork/experiment"
)

// TestDataFilesInterrupted: reading a data folder stops when the command
// is told to (Ctrl-C), with an error saying it was interrupted: a large
// folder, or one on a slow disk, takes long to checksum.
func TestDataFilesInterrupted(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "flows.csv"), []byte("x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if files, err := DataFiles(context.Background(), dir); err != nil || len(files) != 1 {
		t.Fatalf("DataFiles = %v, %v; want the one file", files, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := DataFiles(ctx, dir); !errors.Is(err, experiment.ErrInterrupted) {
		t.Errorf("DataFiles with its context ended = %v; want an error wrapping ErrInterrupted", err)
	}
}
