//go:build unix

package sim

import "syscall"

// cpuSeconds is the CPU time (user and system) the process has used. On a
// machine shared with other work it is a steadier measure than the wall
// clock, which counts the time the process waited for a core.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return -1
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
