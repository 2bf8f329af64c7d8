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

// TestLegendTooLongAdviceFitsTheKind: a figure refused for its legend
// says what to do in the words of the command that drew it. A
// sensitivity figure's key names its leading parameters, which no flag
// shortens: it advises --size double (the key beside the data) or no
// figures, never --regimes, which chooses a sensitivity's outputs and
// once was the advice; a claim's legend names the design's combinations
// and the scenario's own regimes: it advises --own, claim taking no
// --regimes.
func TestLegendTooLongAdviceFitsTheKind(t *testing.T) {
	t.Parallel()
	base, err := os.ReadFile(filepath.Join("..", "..", "scenarios", "classroom.toml"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	// A location's name long enough that the Morris key under the data
	// of a single-column figure leaves the data no room.
	long := filepath.Join(dir, "long.toml")
	if err := os.WriteFile(long, []byte(strings.ReplaceAll(string(base), "Village", "Village"+strings.Repeat("OfTheVeryLongName", 8))), 0o644); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.Write(base)
	for i := range 44 {
		fmt.Fprintf(&b, "\n[regimes.custom_%02d]\nbase = \"malfunctioning\"\ndescription = \"variant %d\"\nlevels = { integrity = \"strong\" }\n", i, i)
	}
	many := filepath.Join(dir, "many.toml")
	if err := os.WriteFile(many, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		// 11 entries: the two guides, the ring of a parameter within its
		// noise and the eight leaders.
		{[]string{"sensitivity", long, "--trajectories", "2", "--candidates", "4", "--regimes", "open", "--metrics", "abuse_events", "--days", "20"},
			"its legend of 11 entries, axes, title and caption leave a data area of 159 × 34 points, less than a fifth of the figure's 238 × 238; its key cannot be shortened: draw the figures at double size, where it stands beside the data (--size double), or no figures (--formats '')"},
		{[]string{"claim", many, "--max-reps", "2", "--days", "3"},
			"its legend of 52 entries, axes, title and caption leave a data area of 183 × 0 points, less than a fifth of the figure's 238 × 238; run fewer of the scenario's own regimes beside the design (--own), or draw no figures (--formats '')"},
	} {
		out := filepath.Join(dir, tc.args[0])
		code, _, stderr := runCLI(t, append(tc.args, "--reps", "2", "--formats", "png", "--size", "single", "--out", out)...)
		if code != 1 || !strings.Contains(stderr, tc.want) || strings.Contains(stderr, "--regimes") {
			t.Errorf("%s: status %d, %q; want 1 and the legend refused with %q, without --regimes", tc.args[0], code, stderr, tc.want)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: %s written", tc.args[0], out)
		}
	}
}
