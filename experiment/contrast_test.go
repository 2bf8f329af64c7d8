package experiment_test

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/borderwork/borderwork/experiment"
	"github.com/borderwork/borderwork/internal/foldertest"
	"github.com/borderwork/borderwork/internal/manifestedit"
)

// TestContrastTable: a sweep with a contrast writes contrast.csv, the
// paired difference malfunctioning − closed per point over the replicates
// (which share seeds), computed here by hand from summary.csv: n, mean,
// sd and the t interval, t(0.975, 2) = 0.95/√(2·0.975·0.025) for three
// replicates, on every metric.
func TestContrastTable(t *testing.T) {
	x := sweepPlan(t, 3) // outage_start=0:0.2:3, closed and malfunctioning: contrast malfunctioning-closed
	out := filepath.Join(t.TempDir(), "out")
	if _, err := experiment.Write(context.Background(), x, out, experiment.Options{Workers: 2}); err != nil {
		t.Fatal(err)
	}
	sh, srows := foldertest.ReadCSV(t, filepath.Join(out, "summary.csv"))
	ch, crows := foldertest.ReadCSV(t, filepath.Join(out, "contrast.csv"))
	key := "regimes.malfunctioning.outage_start"
	if want := []string{key, "contrast", "metric", "n", "mean", "sd", "ci_low", "ci_high"}; !slices.Equal(ch, want) {
		t.Fatalf("contrast.csv's header = %v; want %v", ch, want)
	}
	col := func(h []string, name string) int {
		i := slices.Index(h, name)
		if i < 0 {
			t.Fatalf("no column %s in %v", name, h)
		}
		return i
	}
	metrics := sh[col(sh, "seed")+1:]
	if len(crows) != 3*len(metrics) {
		t.Fatalf("contrast.csv has %d rows; want %d (3 points × %d metrics)", len(crows), 3*len(metrics), len(metrics))
	}
	// summary: point, regime, replicate -> row
	value := map[string]string{}
	for _, r := range srows {
		for _, m := range metrics {
			value[r[col(sh, key)]+"|"+r[col(sh, "regime")]+"|"+r[col(sh, "replicate")]+"|"+m] = r[col(sh, m)]
		}
	}
	num := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tq := 0.95 / math.Sqrt(2*0.975*0.025)
	near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }
	nonzero := 0
	for i, r := range crows {
		point, metric := r[0], r[col(ch, "metric")]
		if r[1] != "malfunctioning-closed" || metric != metrics[i%len(metrics)] {
			t.Fatalf("row %d = %v; want the contrast malfunctioning-closed on %s", i+2, r, metrics[i%len(metrics)])
		}
		var d []float64
		for rep := range 3 {
			a := value[point+"|malfunctioning|"+strconv.Itoa(rep)+"|"+metric]
			b := value[point+"|closed|"+strconv.Itoa(rep)+"|"+metric]
			if a == "" || b == "" {
				t.Fatalf("summary.csv lacks replicate %d at %s", rep, point)
			}
			d = append(d, num(a)-num(b))
		}
		mean := (d[0] + d[1] + d[2]) / 3
		ss := 0.0
		for _, v := range d {
			ss += (v - mean) * (v - mean)
		}
		sd := math.Sqrt(ss / 2)
		half := tq * sd / math.Sqrt(3)
		if r[col(ch, "n")] != "3" || !near(num(r[col(ch, "mean")]), mean) || !near(num(r[col(ch, "sd")]), sd) ||
			!near(num(r[col(ch, "ci_low")]), mean-half) || !near(num(r[col(ch, "ci_high")]), mean+half) {
			t.Errorf("contrast.csv row %d = %v; want n 3, mean %v, sd %v, interval %v to %v", i+2, r, mean, sd, mean-half, mean+half)
		}
		if mean != 0 {
			nonzero++
		}
	}
	if nonzero == 0 {
		t.Error("every difference is 0: the test compares nothing")
	}

	// A folder written before contrast.csv still reproduces, saying so.
	if err := os.Remove(filepath.Join(out, "contrast.csv")); err != nil {
		t.Fatal(err)
	}
	manifestedit.Edit(t, out, func(m map[string]any) {
		tables := m["tables"].([]any)
		m["tables"] = slices.DeleteFunc(tables, func(c any) bool { return c.(map[string]any)["file"] == "contrast.csv" })
	})
	rep, err := experiment.Reproduce(context.Background(), out, 2)
	if err != nil || len(rep.Problems) > 0 || !strings.Contains(strings.Join(rep.Warnings, "\n"), "contrast.csv is not in the folder") {
		t.Errorf("Reproduce of a folder without contrast.csv = %+v, %v; want it reproduced, with a warning naming contrast.csv", rep, err)
	}
}
