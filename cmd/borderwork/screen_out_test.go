package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/borderwork/borderwork/internal/foldertest"
)

// TestSobolRefusesToReplaceItsScreening: a Sobol' analysis whose --out is
// the Morris folder given to --screen, however spelt, is refused before
// anything runs (status 2, one line), the screening as it was. Without
// --out, whose default (out/sensitivity-STEM) is the Morris folder's
// own, it replaced the screening with the analysis made from it, and
// said so only after (audit hostile).
func TestSobolRefusesToReplaceItsScreening(t *testing.T) {
	scenario, err := filepath.Abs(small)
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	morris := filepath.Join("out", "sensitivity-small")
	args := smallSensitivity(morris, "--formats", "")
	args[1] = scenario
	mustRun(t, args...)
	if err := os.Symlink(morris, "link"); err != nil {
		t.Fatal(err)
	}
	before := foldertest.Files(t, morris)
	sobol := []string{"sensitivity", scenario, "--days", "30", "--regimes", "malfunctioning,closed", "--method", "sobol", "--samples", "4",
		"--metrics", "abuse_events", "--resamples", "200", "--screen", morris, "--top", "2", "--formats", ""}
	for _, out := range [][]string{nil, {"--out", morris + string(filepath.Separator)}, {"--out", filepath.Join(".", "out", "..", morris)}, {"--out", "link"}} {
		wantRefusal(t, exitUsage, "", append(sobol, out...), "--out: ", " is the --screen folder "+morris+": the analysis would replace the screening it reads; give another --out")
		foldertest.Same(t, "the screening", morris, before)
	}
	mustRun(t, append(sobol, "--out", "sobol")...)
	foldertest.Same(t, "the screening", morris, before)
}
