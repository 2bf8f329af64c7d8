package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestSensitivityFiguresAreGrey: the Sobol' indices (S and ST) and the
// Morris parameters are no regimes, so their figures draw in greys, never
// in a colour that means a regime in other figures (S and ST were open's
// blue and closed's orange).
func TestSensitivityFiguresAreGrey(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, args := range map[string][]string{
		"sobol":  smallSobol(filepath.Join(dir, "sobol"), "--formats", "svg"),
		"morris": smallSensitivity(filepath.Join(dir, "morris"), "--formats", "svg", "--metrics", "abuse_events"),
	} {
		mustRun(t, args...)
		svgs, err := filepath.Glob(filepath.Join(dir, name, "figures", "*.svg"))
		if err != nil || len(svgs) == 0 {
			t.Fatalf("%s: no figures (%v)", name, err)
		}
		for _, f := range svgs {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var colours []string
			for _, m := range regexp.MustCompile(`#[0-9A-Fa-f]{6}\b`).FindAll(b, -1) {
				c := strings.ToUpper(string(m))
				if (c[1:3] != c[3:5] || c[3:5] != c[5:7]) && !slices.Contains(colours, c) {
					colours = append(colours, c)
				}
			}
			if len(colours) > 0 {
				t.Errorf("%s draws in colours %v; want greys", filepath.Base(f), colours)
			}
		}
	}
}
