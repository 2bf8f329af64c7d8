package dtm

import (
	"context"
	"testing"

	"github.com/borderwork/borderwork/scenarios"
)

// BenchmarkAgadez2016 is what `borderwork validate agadez2016 --data
// data/dtm-niger` computes, with its defaults: 600 calibration draws, 30
// kept, 2 replicates each under the four regimes. It reports the CPU time
// of the whole study (cpu-s/op) beside Go's wall clock; tables and
// figures are not written.
func BenchmarkAgadez2016(b *testing.B) {
	s, err := scenarios.Load("agadez2016")
	if err != nil {
		b.Fatal(err)
	}
	flows := embedded(b)
	cpu0 := cpuSeconds()
	n := 0
	for b.Loop() {
		if _, err := Run(context.Background(), s, flows, Options{Seed: uint64(s.File.Seed), Exclude: NigerExclusions()}); err != nil {
			b.Fatal(err)
		}
		n++
	}
	if cpu := cpuSeconds(); cpu >= 0 {
		b.ReportMetric((cpu-cpu0)/float64(n), "cpu-s/op")
	}
}
