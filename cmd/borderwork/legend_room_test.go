package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSweepAndCompareLegendTooLong: a figure whose legend of regimes has
// no room is refused, and the message says what to do: draw fewer regimes
// (for a sweep also --figure-regimes or plot --regime), or no figures.
// Many regimes fit at double size, their legend under the data
// (TestManySeriesFitOrFail); 48 do not fit at single size.
func TestSweepAndCompareLegendTooLong(t *testing.T) {
	t.Parallel()
	base, err := os.ReadFile(filepath.Join("..", "..", "scenarios", "classroom.toml"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.Write(base)
	for i := range 44 {
		fmt.Fprintf(&b, "\n[regimes.custom_%02d]\nbase = \"malfunctioning\"\ndescription = \"variant %d\"\nlevels = { integrity = \"strong\" }\n", i, i)
	}
	dir := t.TempDir()
	scenario := filepath.Join(dir, "many.toml")
	if err := os.WriteFile(scenario, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"compare", scenario}, "; draw fewer regimes (--regimes), or no figures (--formats '')"},
		{[]string{"sweep", scenario, "--vary", "posts.Post.capacity=5:25:2"}, "; draw fewer regimes (--regimes or --figure-regimes, or 'plot --regime' afterwards), or no figures (--formats '')"},
	} {
		out := filepath.Join(dir, tc.args[0])
		code, _, stderr := runCLI(t, append(tc.args, "--reps", "1", "--days", "3", "--formats", "png", "--size", "single", "--out", out)...)
		if code != 1 || !strings.Contains(stderr, "its legend of 48 entries") || !strings.Contains(stderr, tc.want) {
			t.Errorf("%s: status %d, %q; want 1 and the legend refused with %q", tc.args[0], code, stderr, tc.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: %s written", tc.args[0], out)
		}
	}
}
