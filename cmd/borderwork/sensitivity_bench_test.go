package main

import (
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"github.com/borderwork/borderwork/output"
)

// BenchmarkSensitivityClassroom times the worked example of
// docs/SENSITIVITY.md: `borderwork sensitivity classroom`, a Morris
// screening of every key the default rule varies (103), 20 trajectories,
// 4 regimes, 2 replicates: 16,640 runs, tables, report and PNG figures,
// on every core. It reports runs per second (docs/PERFORMANCE.md).
func BenchmarkSensitivityClassroom(b *testing.B) {
	dir := b.TempDir()
	runs := 0
	for i := 0; i < b.N; i++ {
		out := filepath.Join(dir, strconv.Itoa(i))
		status, _, stderr := runCLI(b, "sensitivity", "classroom", "--quiet", "--formats", "png",
			"--workers", strconv.Itoa(runtime.NumCPU()), "--out", out)
		if status != 0 {
			b.Fatalf("status %d: %s", status, stderr)
		}
		m, err := output.ReadManifest(out)
		if err != nil {
			b.Fatal(err)
		}
		runs += len(m.Runs)
	}
	b.ReportMetric(float64(runs)/b.Elapsed().Seconds(), "runs/s")
}
