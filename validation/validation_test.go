package validation

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/borderwork/borderwork/experiment/runs"
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
	if _, err := DataFiles(ctx, dir); !errors.Is(err, runs.ErrInterrupted) {
		t.Errorf("DataFiles with its context ended = %v; want an error wrapping ErrInterrupted", err)
	}
}

// TestDataFilesLeaveOut: the files Office and Windows keep beside a
// user's are no data. Excel's owner file ~$flows.csv, there while the
// file is open, was recorded, and once Excel closed, the folder could
// not be reproduced ("~$flows.csv is no longer there").
func TestDataFilesLeaveOut(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"flows.csv", "~$flows.csv", ".~lock.flows.csv#", "Thumbs.db", "desktop.ini", "DESKTOP.INI", ".DS_Store", "notes~.txt", "sub/~$case.xlsx", "sub/series.csv"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, err := DataFiles(context.Background(), dir)
	var got []string
	for _, f := range files {
		got = append(got, f.File)
	}
	if want := []string{"flows.csv", "notes~.txt", "sub/series.csv"}; err != nil || !slices.Equal(got, want) {
		t.Errorf("DataFiles = %v, %v; want %v", got, err, want)
	}
}
