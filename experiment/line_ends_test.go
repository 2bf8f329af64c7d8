package experiment_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/experiment/runs"
	"github.com/borderwork/borderwork/output"
)

// toCRLF rewrites the file at path with Windows line ends, as Git checks
// a text file out with core.autocrlf.
func toCRLF(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestReproduceNamesLineEnds: a folder checked out of Git with
// core.autocrlf (Git for Windows' default) has Windows line ends in its
// tables, report and scenario, and its figures' SVG: reproduce says that
// each differs from what borderwork wrote only in its line ends, not
// that a row "differs from what borderwork wrote", and plot refuses it
// saying the same. A file with other changes as well is not said to
// differ only in its line ends.
func TestReproduceNamesLineEnds(t *testing.T) {
	clean := filepath.Join(t.TempDir(), "clean")
	x := comparePlan(t, classroom(t, 2, 20))
	if _, err := experiment.Write(context.Background(), x, clean, experiment.Options{Workers: 2, Formats: []string{"svg"}}); err != nil {
		t.Fatal(err)
	}
	dir := copyFolder(t, clean)
	var converted []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == "manifest.json" {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		converted = append(converted, filepath.ToSlash(rel))
		toCRLF(t, path)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"scenario.toml", "summary.csv", "timeseries.csv", "stats.csv", "report.md", "figures/trapped.svg"} {
		if !slices.Contains(converted, want) {
			t.Fatalf("converted %q; want %s among them", converted, want)
		}
	}

	rep, err := experiment.Reproduce(context.Background(), dir, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) != len(converted) {
		t.Errorf("Reproduce problems %q; want one for each of the %d files converted", rep.Problems, len(converted))
	}
	for _, p := range rep.Problems {
		if !strings.Contains(p, output.LineEndsDiffer) {
			t.Errorf("Reproduce problem %q; want it to say %q", p, output.LineEndsDiffer)
		}
	}

	_, err = experiment.Redraw(dir, []string{"svg"}, experiment.FigureChange{})
	if !errors.Is(err, runs.ErrBadInput) || !strings.Contains(err.Error(), "scenario.toml "+output.LineEndsDiffer) {
		t.Errorf("Redraw = %v; want a refusal saying scenario.toml %s", err, output.LineEndsDiffer)
	}

	// A table with Windows line ends and a changed row differs in more
	// than its line ends: its row is named, as for any changed table.
	edited := copyFolder(t, clean)
	summary := filepath.Join(edited, "summary.csv")
	b, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.SplitAfter(b, []byte("\n"))
	lines[1] = bytes.Replace(lines[1], []byte(","), []byte(",9"), 1)
	if err := os.WriteFile(summary, bytes.Join(lines, nil), 0o644); err != nil {
		t.Fatal(err)
	}
	toCRLF(t, summary)
	d, err := output.Verify(edited, output.Checked{File: "summary.csv", SHA256: mustSHA(t, filepath.Join(clean, "summary.csv"))})
	if err != nil {
		t.Fatal(err)
	}
	if d == nil || d.Msg == output.LineEndsDiffer {
		t.Errorf("Verify of a changed table with Windows line ends = %v; want a difference other than its line ends", d)
	}
}

func mustSHA(t *testing.T, path string) string {
	t.Helper()
	sum, err := output.FileSHA256(path)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}
