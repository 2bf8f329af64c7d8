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

// TestContrastMapSaysHatched: a difference map's two ends are both dark
// in grey print, so its cells below 0 are hatched, and its captions (the
// figure's and report.md's) say so; a map with no cell below 0 says
// nothing of it. On small, malfunctioning minus closed is 0 at every
// point on trapped person-days and of both signs on arrivals.
func TestContrastMapSaysHatched(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "sw")
	mustRun(t, "sweep", small, "--vary", "posts.Gate.capacity=5:25:2", "--vary", "centres.Camp.capacity=10:50:2",
		"--reps", "3", "--days", "20", "--regimes", "closed,malfunctioning", "--formats", "svg", "--out", out, "--quiet")
	says := func(metric string) (figure, report bool) {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(out, "figures", metric+"_malfunctioning_minus_closed.svg"))
		if err != nil {
			t.Fatal(err)
		}
		r, err := os.ReadFile(filepath.Join(out, "report.md"))
		if err != nil {
			t.Fatal(err)
		}
		return strings.Contains(string(b), "hatched: below 0"), strings.Contains(string(r), "; a cell below 0 is hatched](figures/"+metric+"_malfunctioning_minus_closed.svg)")
	}
	if figure, report := says("trapped_person_days"); figure || report {
		t.Errorf("a map with no cell below 0: the figure says hatched %v, report.md %v; want neither", figure, report)
	}
	mustRun(t, "plot", out, "--metric", "arrivals")
	if figure, report := says("arrivals"); !figure || !report {
		t.Errorf("a map with cells below 0: the figure says hatched %v, report.md %v; want both", figure, report)
	}
}
