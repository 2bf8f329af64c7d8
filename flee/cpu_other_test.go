//go:build !unix

package flee

// cpuSeconds is not measured here.
func cpuSeconds() float64 { return -1 }
