package claim_test

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/claim"
	"github.com/borderwork/borderwork/scenarios"
)

// TestFormatRelativeInterval: an effect's relative size is written as a
// percentage with its interval, except against a reference below the
// smallest effect of interest, where it is left out and said why
// (referee 8, N1: ">+1000% [>+1000%, >+1000%]" for an effect of 68 on a
// reference of 0.3).
func TestFormatRelativeInterval(t *testing.T) {
	nan := math.NaN()
	for _, tt := range []struct {
		ref, sesoi, rel, lo, hi float64
		want                    string
	}{
		{0.3, 114, 228, 150, 300, claim.NoRelative},
		{0, 1, nan, nan, nan, claim.NoRelative},
		{113.9, 114, 0.6, 0.4, 0.8, claim.NoRelative},
		{114, 114, 0.6, 0.4, 0.8, "+60% [+40%, +80%]"},
		{1901, 114, 0.115, -0.02, 0.25, "+12% [-2%, +25%]"},
		{500, 50, 20, 15, 25, ">+1000% [>+1000%, >+1000%]"}, // above δ, however large
		{500, 50, 0.1, nan, nan, "+10%"},
	} {
		e := claim.Estimate{Reference: tt.ref, SESOI: tt.sesoi, Relative: tt.rel, RelLo: tt.lo, RelHi: tt.hi}
		if got := claim.FormatRelativeInterval(e); got != tt.want {
			t.Errorf("FormatRelativeInterval(reference %v, δ %v, relative %v) = %q; want %q", tt.ref, tt.sesoi, tt.rel, got, tt.want)
		}
	}
}

// TestReportLeavesOutRelativeBelowSESOI: report.md's effects tables
// leave out the relative size of exactly the effects whose reference in
// effects.csv is below their smallest effect of interest.
func TestReportLeavesOutRelativeBelowSESOI(t *testing.T) {
	s, err := scenarios.Load("classroom")
	if err != nil {
		t.Fatal(err)
	}
	s.File.Replicates, s.File.Days = 3, 60
	o := claim.DefaultOptions()
	o.MaxReps = 3
	dir := filepath.Join(t.TempDir(), "claim")
	if _, err := claim.Check(context.Background(), s, "classroom", o, dir, 2, nil, nil); err != nil {
		t.Fatal(err)
	}
	below := 0
	for _, row := range readCSV(t, filepath.Join(dir, "effects.csv")) {
		ref, _ := strconv.ParseFloat(row["reference"], 64)
		sesoi, _ := strconv.ParseFloat(row["sesoi"], 64)
		if ref < sesoi {
			below++
		}
	}
	report, err := os.ReadFile(filepath.Join(dir, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(string(report), "|"+claim.NoRelative+"|"); got != below || below == 0 {
		t.Errorf("report.md leaves out %d relative sizes; effects.csv has %d effects whose reference is below δ (want some)", got, below)
	}
}

// TestFormatShare: a share as a whole percentage, rounded as fmt rounds;
// a small negative one is 0%, not -0% (it printed so in sahel's chain
// line without protection); an unknown one is "-".
func TestFormatShare(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want string
	}{
		{0.5, "50%"}, {0.016, "2%"}, {0, "0%"}, {-0.003, "0%"}, {math.Copysign(0, -1), "0%"},
		{-0.006, "-1%"}, {-0.25, "-25%"}, {1.5, "150%"}, {math.NaN(), "-"},
	} {
		if got := claim.FormatShare(tt.v); got != tt.want {
			t.Errorf("FormatShare(%v) = %q; want %q", tt.v, got, tt.want)
		}
	}
}
