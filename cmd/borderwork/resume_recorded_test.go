package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/internal/manifestedit"
)

// TestResumeNamesTheRecordedOptionsKey: --resume of a folder whose
// recorded figure option was edited by hand to one no flag would take
// refuses it as plot does, naming DIR/manifest.json and its key, not a
// flag the user never gave, with status 2 and the folder unchanged;
// given the flag that replaces it, the resume completes the folder.
func TestResumeNamesTheRecordedOptionsKey(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name    string
		command func(out string, extra ...string) []string
		alone   bool // sweep --resume --out DIR, from the manifest alone
		cutAt   int
		key     string
		value   any
		want    string
		replace []string // the flag that replaces the recorded option
	}{
		{"sweep bands", smallSweep, false, 5, "bands", "zzz", `figure_options.bands: unknown choice "zzz"`, []string{"--bands", "ci"}},
		{"sweep bands alone", smallSweep, true, 5, "bands", "zzz", `figure_options.bands: unknown choice "zzz"`, []string{"--bands", "ci"}},
		{"sweep empty size", smallSweep, false, 5, "size", "", `figure_options.size: unknown size ""`, []string{"--size", "single"}},
		{"sweep metrics", smallSweep, true, 5, "metrics", []any{"ghosts"}, `figure_options.metrics: unknown metric "ghosts"`, []string{"--figure-metrics", "deaths"}},
		{"sweep regimes", smallSweep, false, 5, "regimes", []any{"utopia"}, `figure_options.regimes: "utopia" is not among the regimes run`, []string{"--figure-regimes", "all"}},
		{"sweep formats", smallSweep, true, 5, "formats", []any{"gif"}, `figure_options.formats: unknown format "gif"`, []string{"--formats", "svg"}},
		{"sensitivity size", smallSensitivity, false, 20, "size", "huge", `figure_options.size: unknown size "huge"`, []string{"--size", "single"}},
		{"sensitivity formats", func(out string, extra ...string) []string { return withoutFormats(smallSensitivity(out, extra...)) },
			false, 20, "formats", []any{"gif"}, `figure_options.formats: unknown format "gif"`, []string{"--formats", "svg"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			cut := filepath.Join(t.TempDir(), "cut")
			// Interrupted with formats recorded, which the case may edit.
			status, _, stderr := runCLIInterrupted(t, c.cutAt, append(withoutFormats(c.command(cut, "--workers", "2")), "--formats", "png")...)
			if status != exitInterrupted {
				t.Fatalf("interrupted: status %d (%s)", status, stderr)
			}
			manifestedit.Edit(t, cut, func(m map[string]any) {
				m["figure_options"].(map[string]any)[c.key] = c.value
			})
			before := snapshotCLI(t, filepath.Dir(cut))
			args := c.command(cut, "--workers", "2", "--resume")
			if c.alone {
				args = []string{"sweep", "--resume", "--out", cut, "--workers", "2"}
			}
			status, _, stderr = runCLI(t, args...)
			want := filepath.Join(cut, "manifest.json") + ": " + c.want
			if status != exitUsage || !strings.Contains(stderr, want) {
				t.Fatalf("resume: status %d, %q; want %d naming %s", status, stderr, exitUsage, want)
			}
			if strings.Contains(stderr, ": --") {
				t.Errorf("resume: %q names a flag, though none was given", stderr)
			}
			if snapshotCLI(t, filepath.Dir(cut)) != before {
				t.Errorf("the refused resume changed what is at %s", cut)
			}
			mustRun(t, append(args, c.replace...)...)
		})
	}
}
