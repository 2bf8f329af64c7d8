package claim

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/scenarios"
)

func sampleResults(t *testing.T) []Result {
	v := Values{}
	for i, r := range Regimes {
		v[r] = map[string][]float64{}
		for _, m := range Metrics {
			v[r][m] = []float64{float64(10*i + 1), float64(10*i + 3), float64(10*i + 4)}
		}
	}
	res, err := Test(v)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestContrastsRoundTrip: what writeContrasts writes, ReadContrasts reads
// back, field by field.
func TestContrastsRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "contrasts.csv")
	want := sampleResults(t)
	if err := writeContrasts(path, want); err != nil {
		t.Fatal(err)
	}
	got, err := ReadContrasts(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("read %d results; wrote %d", len(got), len(want))
	}
	same := func(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }
	for i := range want {
		g, w := got[i], want[i]
		if g.Hypothesis.ID != w.Hypothesis.ID || g.Metric != w.Metric || g.Verdict != w.Verdict || g.Diff.N != w.Diff.N ||
			!same(g.Diff.Mean, w.Diff.Mean) || !same(g.Diff.SD, w.Diff.SD) || !same(g.Diff.Lo, w.Diff.Lo) || !same(g.Diff.Hi, w.Diff.Hi) ||
			!same(g.EffectSize, w.EffectSize) || !same(g.Relative, w.Relative) {
			t.Errorf("result %d: read %+v; wrote %+v", i, g, w)
		}
	}
}

// TestOddTablesAreErrors: a damaged contrasts.csv or robustness.csv gives
// an error naming the file, line and column, never a panic.
func TestOddTablesAreErrors(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.csv")
	if err := writeContrasts(good, sampleResults(t)); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(good)
	lines := strings.Split(string(raw), "\n")
	tests := []struct {
		name, text, want string
	}{
		{"empty", "", "no header"},
		{"missing column", strings.Replace(lines[0], ",verdict", "", 1) + "\n", ":1: verdict: no such column"},
		{"short row", lines[0] + "\nH1,x\n", ":2"},
		{"not a number", lines[0] + "\n" + strings.Replace(lines[1], ",trapped_person_days,3,", ",trapped_person_days,three,", 1) + "\n", ":2: n: want a whole number"},
		{"unknown hypothesis", lines[0] + "\nH9" + lines[1][2:] + "\n", ":2: hypothesis: unknown hypothesis"},
		{"unknown verdict", lines[0] + "\n" + strings.TrimSuffix(lines[1], string(sampleResults(t)[0].Verdict)) + "maybe\n", ":2: verdict: unknown verdict"},
	}
	for _, tt := range tests {
		path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".csv")
		os.WriteFile(path, []byte(tt.text), 0o644)
		_, err := ReadContrasts(path)
		var e *scenarios.Error
		if err == nil || !errors.As(err, &e) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: ReadContrasts = %v; want an error containing %q", tt.name, err, tt.want)
		}
	}
	rob := filepath.Join(dir, "robustness.csv")
	os.WriteFile(rob, []byte("point,a,hypothesis,metric,n,mean,ci_low,ci_high,relative,verdict\n1,0.5,H1,deaths,3,1,0,2,0.1,supported\n"), 0o644)
	if _, err := ReadRobustness(rob); err == nil || !strings.Contains(err.Error(), ":2: point:") {
		t.Errorf("robustness.csv starting at point 1: %v; want an error on line 2, column point", err)
	}
}
