package experiment_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/borderwork/borderwork/experiment"
)

// TestReproduceSaysAFigureWasChangedSince: a figure re-saved by an image
// program (here an SVG with a line added) and a report.md with notes
// added do not match their checksums, while the rerun writes them as the
// manifest records: reproduce says that the folder's copy was changed
// after borderwork wrote it, not only that it does not match, so that an
// editor does not read it as results that did not reproduce.
func TestReproduceSaysAFigureWasChangedSince(t *testing.T) {
	clean := filepath.Join(t.TempDir(), "clean")
	x := comparePlan(t, classroom(t, 2, 20))
	if _, err := experiment.Write(context.Background(), x, clean, experiment.Options{Workers: 2, Formats: []string{"svg"}}); err != nil {
		t.Fatal(err)
	}
	dir := copyFolder(t, clean)
	for _, name := range []string{"figures/trapped.svg", "report.md"} {
		f, err := os.OpenFile(filepath.Join(dir, filepath.FromSlash(name)), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteString("<!-- saved again -->\n"); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	rep, err := experiment.Reproduce(context.Background(), dir, 2)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"figures/trapped.svg: " + experiment.ChangedSinceWritten,
		"report.md: " + experiment.ChangedSinceWritten,
	}
	if !slices.Equal(rep.Problems, want) {
		t.Errorf("Reproduce problems %q; want %q", rep.Problems, want)
	}
}
