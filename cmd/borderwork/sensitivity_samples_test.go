package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/gsa"
)

// TestNoteSamples: a Sobol' design on a Sobol' sequence whose N is not a
// power of two is warned of, naming the powers of two either side; a
// power of two, random base points and Morris are not.
func TestNoteSamples(t *testing.T) {
	t.Parallel()
	tests := []struct {
		method, base string
		samples      int
		want         string // "" for no warning
	}{
		{gsa.Sobol, "sobol-scrambled", 256, ""},
		{gsa.Sobol, "sobol-scrambled", 2, ""},
		{gsa.Sobol, "sobol", 1024, ""},
		{gsa.Sobol, "sobol-scrambled", 3, "--samples 3 is not a power of two: the first N points of a Sobol' sequence are balanced (in each coordinate, each of N equal intervals holds one point) only when N is one, and the indices converge more slowly without it; --samples 2 or 4 keeps the balance. Running with N = 3.\n"},
		{gsa.Sobol, "sobol", 1000, "--samples 512 or 1024 keeps"},
		{gsa.Sobol, "sobol-scrambled", 257, "--samples 256 or 512 keeps"},
		{gsa.Sobol, "random", 1000, ""},
		{gsa.Morris, "", 0, ""},
	}
	for _, tt := range tests {
		var b strings.Builder
		noteSamples(&env{stderr: &b}, &gsa.Info{Method: tt.method, Base: tt.base, Samples: tt.samples})
		got := b.String()
		if tt.want == "" && got != "" || tt.want != "" && !strings.Contains(got, tt.want) {
			t.Errorf("noteSamples(%s, %s, N = %d) = %q; want %q", tt.method, tt.base, tt.samples, got, tt.want)
		}
	}
}

// TestSamplesNotPowerOfTwoRuns: --samples 3 is warned of on stderr, once,
// and the analysis still runs and writes its folder.
func TestSamplesNotPowerOfTwoRuns(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "sobol")
	status, stdout, stderr := runCLI(t, "sensitivity", small, "--days", "10", "--method", "sobol", "--samples", "3",
		"--params", "abuse.official_extortion,posts.Gate.capacity", "--regimes", "closed", "--metrics", "abuse_events",
		"--resamples", "20", "--formats", "", "--quiet", "--out", out)
	if status != 0 {
		t.Fatalf("status %d\n%s\n%s", status, stdout, stderr)
	}
	if n := strings.Count(stderr, "--samples 3 is not a power of two"); n != 1 {
		t.Errorf("stderr warns %d times of --samples 3, want once:\n%s", n, stderr)
	}
	if !strings.Contains(stdout, "N = 3") || !strings.Contains(stdout, "Wrote "+out) {
		t.Errorf("stdout does not report the analysis at N = 3:\n%s", stdout)
	}
}

// TestSobolPrintsHalfChange: a Sobol' analysis prints the largest change
// of an index from N/2 base samples to N, and report.md gives each
// output's in its section "Convergence"; a Morris screening neither.
func TestSobolPrintsHalfChange(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	sobol := filepath.Join(dir, "sobol")
	stdout := mustRun(t, smallSobol(sobol, "--formats", "", "--quiet")...)
	if !strings.Contains(stdout, "\nFrom N/2 = 2 base samples to N = 4, no index moves by more than ") || !strings.Contains(stdout, `report.md, "Convergence", gives every output's largest change.`) {
		t.Errorf("stdout lacks the change from N/2 to N:\n%s", stdout)
	}
	report, err := os.ReadFile(filepath.Join(sobol, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(report), "## Convergence\n\nThe first 2 base samples are, on their own, the design of N = 2") || !strings.Contains(string(report), "|effect on abuse events of closure (open to closed), main effect|`") {
		t.Errorf("report.md has no section \"Convergence\" with a row per output:\n%s", report)
	}
	morris := filepath.Join(dir, "morris")
	stdout = mustRun(t, smallSensitivity(morris, "--formats", "", "--quiet")...)
	report, err = os.ReadFile(filepath.Join(morris, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(stdout, "N/2") || strings.Contains(string(report), "Convergence") {
		t.Errorf("a Morris screening reports a change from N/2 to N")
	}
}
