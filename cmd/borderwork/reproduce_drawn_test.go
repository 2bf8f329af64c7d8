package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/internal/manifestedit"
	"github.com/borderwork/borderwork/output"
)

// TestReproduceFigureDrawnDifferently: a folder whose figure is intact
// (its manifest records its bytes) but drawn otherwise than this binary
// draws it, as by an earlier borderwork, still fails reproduce (status
// 1), and when every table matched, the figure's MISMATCH line says so
// and why (for a PNG, that another machine may draw it otherwise too);
// when a table differs too, it does not.
func TestReproduceFigureDrawnDifferently(t *testing.T) {
	tests := []struct {
		name      string
		format    string
		table     bool // also a table's checksum changed
		wantDrawn bool
	}{
		{"only a figure differs", "svg", false, true},
		{"a table differs too", "svg", true, false},
		{"only a PNG differs", "png", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			small := filepath.Join(startDir, small)
			mustRun(t, "compare", small, "--reps", "2", "--days", "10", "--formats", tt.format, "--out", "cmp")
			// Drawn otherwise, as an earlier borderwork did: the bytes
			// change, and the manifest records the changed ones.
			change := func(file string, tail string) string {
				path := filepath.Join("cmp", filepath.FromSlash(file))
				b, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				b = append(b, tail...)
				if err := os.WriteFile(path, b, 0o644); err != nil {
					t.Fatal(err)
				}
				return output.SHA256(b)
			}
			fig := "figures/trapped." + tt.format
			figSum := change(fig, "<!-- drawn otherwise -->\n")
			reportSum := change("report.md", "\nWritten otherwise, as an earlier borderwork wrote it.\n")
			manifestedit.Edit(t, "cmp", func(m map[string]any) {
				m["report"].(map[string]any)["sha256"] = reportSum
				for _, f := range m["figures"].([]any) {
					if f := f.(map[string]any); f["file"] == fig {
						f["sha256"] = figSum
					}
				}
				if !tt.table {
					return
				}
				for _, f := range m["tables"].([]any) {
					if f := f.(map[string]any); f["file"] == "stats.csv" {
						f["sha256"] = strings.Repeat("0", 64)
					}
				}
			})
			status, stdout, stderr := runCLI(t, "reproduce", "cmp")
			if status != exitFailure {
				t.Fatalf("reproduce: status %d; want %d\n%s%s", status, exitFailure, stdout, stderr)
			}
			line := "MISMATCH " + fig + " differs when rerun"
			if !strings.Contains(stdout, line+"\n") && !strings.Contains(stdout, line+":") {
				t.Fatalf("reproduce: stdout %q; want %q", stdout, line)
			}
			drawn := "MISMATCH " + fig + " differs when rerun: every table matches; this borderwork draws the figure differently from the one that wrote the folder"
			if tt.format == "png" {
				drawn = "MISMATCH " + fig + " differs when rerun: every table matches; this machine or this borderwork draws the figure differently from the one that wrote the folder (a PNG's edge pixels may differ between processors"
			}
			if got := strings.Contains(stdout, drawn); got != tt.wantDrawn {
				t.Errorf("reproduce: stdout %q; says the figure is drawn differently: %v, want %v", stdout, got, tt.wantDrawn)
			}
			// report.md, intact but written otherwise (its caption of a
			// figure drawn since otherwise), likewise.
			if !strings.Contains(stdout, "MISMATCH report.md differs when rerun") {
				t.Errorf("reproduce: stdout %q; want report.md's MISMATCH line", stdout)
			}
			written := "MISMATCH report.md differs when rerun: every table matches; this borderwork writes report.md differently from the one that wrote the folder (borderwork plot writes it again)"
			if got := strings.Contains(stdout, written); got != tt.wantDrawn {
				t.Errorf("reproduce: stdout %q; says report.md is written differently: %v, want %v", stdout, got, tt.wantDrawn)
			}
		})
	}
}
