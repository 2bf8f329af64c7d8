package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPlotReproduceRefuseWhatIsNotAFile: a file of an output folder
// replaced by a folder, a FIFO, or a file in the place of figures/ is
// refused with status 2 naming it, and the folder is left as it was. A
// FIFO used to block plot and reproduce past Ctrl-C and SIGTERM, and a
// folder gave status 1 with "read ...: is a directory" (audit hostile7,
// findings 2 and 3).
func TestPlotReproduceRefuseWhatIsNotAFile(t *testing.T) {
	t.Parallel()
	base := smallCompare(t, "--formats", "png")
	fifo := mkfifo
	dir := func(p string) error { return os.Mkdir(p, 0o755) }
	file := func(p string) error { return os.WriteFile(p, []byte("mine\n"), 0o644) }
	tests := []struct {
		name    string
		file    string // replaced, relative to the folder
		make    func(string) error
		plot    string // in plot's message
		repro   string // in reproduce's output; "" when it should fail as plot does
		reproOK bool   // reproduce reports a MISMATCH (status 1) rather than refusing (2)
	}{
		{"table is a folder", "summary.csv", dir, "summary.csv: is a folder, not a file", "MISMATCH summary.csv: is a folder, not a file", true},
		{"table is a FIFO", "summary.csv", fifo, "summary.csv: is not a regular file (a pipe, a device or a socket)", "MISMATCH summary.csv: is not a regular file (a pipe, a device or a socket)", true},
		{"manifest is a FIFO", "manifest.json", fifo, "manifest.json: is not a regular file", "manifest.json: is not a regular file", false},
		{"manifest is a folder", "manifest.json", dir, "manifest.json: is a folder, not a file", "manifest.json: is a folder, not a file", false},
		{"figure is a folder", "figures/trapped.png", dir, filepath.Join("figures", "trapped.png"), "MISMATCH figures/trapped.png: is a folder, not a file", true},
		{"figures is a file", "figures", file, "figures is not a folder", "MISMATCH figures/trapped.png: is missing", true},
		// Not said to be a changed file (audit today7).
		{"scenario is a FIFO", "scenario.toml", fifo, "scenario.toml is not a regular file", "MISMATCH scenario.toml is not a regular file", false},
		{"scenario is a folder", "scenario.toml", dir, "scenario.toml is a folder, not a file", "MISMATCH scenario.toml is a folder, not a file", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			if err := os.CopyFS(out, os.DirFS(base)); err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(out, filepath.FromSlash(tt.file))
			if err := os.RemoveAll(p); err != nil {
				t.Fatal(err)
			}
			if err := tt.make(p); err != nil {
				t.Skip(err) // no FIFOs here
			}
			before := files(t, out)
			for _, cmd := range []string{"plot", "reproduce"} {
				ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
				type result struct {
					status         int
					stdout, stderr string
				}
				done := make(chan result, 1)
				go func() {
					s, o, e := runCLIContext(ctx, t, cmd, out)
					done <- result{s, o, e}
				}()
				var r result
				select {
				case r = <-done:
				case <-time.After(30 * time.Second):
					t.Fatalf("%s hangs on %s", cmd, tt.name) // a FIFO opened for reading
				}
				cancel()
				switch cmd {
				case "plot":
					if r.status != 2 || !strings.Contains(r.stderr, tt.plot) {
						t.Errorf("plot: status %d, stderr %q; want 2 and %q", r.status, r.stderr, tt.plot)
					}
				case "reproduce":
					want := 2
					if tt.reproOK {
						want = 1
					}
					if r.status != want || !strings.Contains(r.stdout+r.stderr, tt.repro) {
						t.Errorf("reproduce: status %d, stdout %q, stderr %q; want %d and %q", r.status, r.stdout, r.stderr, want, tt.repro)
					}
				}
			}
			if after := files(t, out); strings.Join(after, " ") != strings.Join(before, " ") {
				t.Errorf("the folder changed: %v, was %v", after, before)
			}
		})
	}
}
