package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/internal/manifestedit"
)

// TestContrastCaptionCitesTableItHas: a sweep's difference map cites
// contrast.csv for its dots where the folder has the table, and not when
// plot redraws a folder without one (written before borderwork wrote
// it), as plot writes none.
func TestContrastCaptionCitesTableItHas(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	small := filepath.Join(startDir, small)
	mustRun(t, "sweep", small, "--vary", "posts.Gate.capacity=5:25:2", "--vary", "centres.Camp.capacity=10:50:2",
		"--reps", "3", "--days", "20", "--regimes", "closed,malfunctioning", "--formats", "svg", "--out", "sw", "--quiet")
	const fig = "sw/figures/trapped_person_days_malfunctioning_minus_closed.svg"
	caption := func() string {
		b, err := os.ReadFile(fig)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		i := strings.Index(s, "dots: the paired 95% interval holds 0")
		if i < 0 {
			t.Fatalf("%s has no dots in its caption", fig)
		}
		s = s[i:]
		return s[:strings.Index(s, "<")]
	}
	if got, want := caption(), "dots: the paired 95% interval holds 0 (contrast.csv)"; got != want {
		t.Errorf("sweep: caption %q; want %q", got, want)
	}
	// The folder as an earlier borderwork wrote it: no contrast.csv.
	if err := os.Remove(filepath.Join("sw", "contrast.csv")); err != nil {
		t.Fatal(err)
	}
	manifestedit.Edit(t, "sw", func(m map[string]any) {
		var tables []any
		for _, f := range m["tables"].([]any) {
			if f.(map[string]any)["file"] != "contrast.csv" {
				tables = append(tables, f)
			}
		}
		m["tables"] = tables
	})
	mustRun(t, "plot", "sw")
	if got, want := caption(), "dots: the paired 95% interval holds 0"; got != want {
		t.Errorf("plot of a folder without contrast.csv: caption %q; want %q", got, want)
	}
	if _, err := os.Stat(filepath.Join("sw", "contrast.csv")); err == nil {
		t.Errorf("plot wrote contrast.csv")
	}
}
