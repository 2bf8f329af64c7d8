package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
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
	outs := [][]string{nil, {"--out", morris + string(filepath.Separator)}, {"--out", filepath.Join(".", "out", "..", morris)}}
	// Windows makes symbolic links only with privileges (or Developer
	// Mode), and Wine 8 says it made one and makes nothing: there the
	// other spellings are still tried.
	if err := os.Symlink(morris, "link"); err == nil && isLink("link") {
		outs = append(outs, []string{"--out", "link"})
	} else if runtime.GOOS != "windows" {
		t.Fatal(err)
	}
	before := foldertest.Files(t, morris)
	sobol := []string{"sensitivity", scenario, "--days", "30", "--regimes", "malfunctioning,closed", "--method", "sobol", "--samples", "4",
		"--metrics", "abuse_events", "--resamples", "200", "--screen", morris, "--top", "2", "--formats", ""}
	for _, out := range outs {
		wantRefusal(t, exitUsage, "", append(sobol, out...), "--out: ", " is the --screen folder "+morris+": the analysis would replace the screening it reads; give another --out")
		foldertest.Same(t, "the screening", morris, before)
	}
	mustRun(t, append(sobol, "--out", "sobol")...)
	foldertest.Same(t, "the screening", morris, before)
}

// TestSobolNotesAScreeningOfAnotherScenario: a Sobol' analysis made from
// a screening of another scenario (here other days) says so on stderr,
// naming the first line that differs, and still runs; one made from a
// screening of the same scenario says nothing of it. A ranking of
// parameters on one scenario need not hold on another (audit hostile:
// accepted without a word).
func TestSobolNotesAScreeningOfAnotherScenario(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	morris := filepath.Join(dir, "morris")
	mustRun(t, smallSensitivity(morris, "--formats", "")...)
	sobol := func(days, out string) (int, string) {
		status, _, stderr := runCLI(t, "sensitivity", small, "--days", days, "--regimes", "malfunctioning,closed", "--method", "sobol", "--samples", "4",
			"--metrics", "abuse_events", "--resamples", "200", "--screen", morris, "--top", "2", "--formats", "", "--quiet", "--out", filepath.Join(dir, out))
		return status, stderr
	}
	const note = "ran another scenario than this analysis"
	if status, stderr := sobol("30", "same"); status != 0 || strings.Contains(stderr, note) {
		t.Errorf("the screening's own scenario: status %d, stderr %q; want 0 and no note", status, stderr)
	}
	want := "borderwork sensitivity: note: the screening at " + morris + " ran another scenario than this analysis (line "
	status, stderr := sobol("31", "other")
	if status != 0 || !strings.Contains(stderr, want) || !strings.Contains(stderr, "is `days = 30`, here `days = 31`): its ranking of the parameters may not hold here") {
		t.Errorf("a screening of other days: status %d, stderr %q; want 0 and the note naming the line", status, stderr)
	}
	// A scenario.toml that does not load here (an older borderwork's,
	// say): the comparison is all that fails, and the note says so.
	if err := os.WriteFile(filepath.Join(morris, "scenario.toml"), []byte("days = [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	status, stderr = sobol("30", "unreadable")
	if status != 0 || !strings.Contains(stderr, "borderwork sensitivity: note: cannot tell whether the screening at "+morris+" ran this scenario: ") {
		t.Errorf("a screening whose scenario.toml does not load: status %d, stderr %q; want 0 and a note", status, stderr)
	}
}

// isLink reports whether a symbolic link is at path.
func isLink(path string) bool {
	st, err := os.Lstat(path)
	return err == nil && st.Mode()&os.ModeSymlink != 0
}
