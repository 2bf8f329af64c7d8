package main

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
)

// BenchmarkSweep measures sweep throughput on the bundled default
// scenario: 2 points × 4 regimes × 2 replicates = 16 runs of 365 days per
// iteration, tables written, no figures. It reports runs per second with
// one worker and with every core (docs/PERFORMANCE.md).
func BenchmarkSweep(b *testing.B) {
	const runs = 16
	for _, workers := range []int{1, runtime.NumCPU()} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			dir := b.TempDir()
			for i := 0; i < b.N; i++ {
				out := filepath.Join(dir, strconv.Itoa(i))
				status, _, stderr := runCLI(b, "sweep", "--reps", "2", "--quiet", "--formats", "",
					"--vary", "regimes.malfunctioning.outage_start=0.05,0.1",
					"--workers", strconv.Itoa(workers), "--out", out)
				if status != 0 {
					b.Fatalf("status %d: %s", status, stderr)
				}
			}
			b.ReportMetric(float64(runs*b.N)/b.Elapsed().Seconds(), "runs/s")
		})
	}
}
