package runs

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// ParseReplicates reads which replicates, of reps, an event log holds:
// "all", or replicate indices and ranges separated by commas ("0",
// "0,3", "2-4"). The result is in increasing order, each once. An error
// says what is wrong with s alone, for the caller to name its flag.
func ParseReplicates(s string, reps int) ([]int, error) {
	s = strings.TrimSpace(s)
	if s == "all" {
		all := make([]int, reps)
		for i := range all {
			all[i] = i
		}
		return all, nil
	}
	var out []int
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		lo, hi, isRange := strings.Cut(part, "-")
		a, errA := strconv.Atoi(strings.TrimSpace(lo))
		b, errB := a, error(nil)
		if isRange {
			b, errB = strconv.Atoi(strings.TrimSpace(hi))
		}
		if errA != nil || errB != nil || a < 0 || b < a {
			return nil, fmt.Errorf("want replicates such as 0, 0,3, 2-4 or all, got %q", s)
		}
		if b >= reps {
			return nil, fmt.Errorf("replicate %d is not among the %d replicates (0 to %d; --reps sets how many)", b, reps, reps-1)
		}
		for r := a; r <= b; r++ {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// FormatReplicates writes replicates (in increasing order) as
// ParseReplicates reads them, runs of consecutive ones as ranges.
func FormatReplicates(reps []int) string {
	var parts []string
	for i := 0; i < len(reps); {
		j := i
		for j+1 < len(reps) && reps[j+1] == reps[j]+1 {
			j++
		}
		switch {
		case j == i:
			parts = append(parts, strconv.Itoa(reps[i]))
		default:
			parts = append(parts, strconv.Itoa(reps[i])+"-"+strconv.Itoa(reps[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ",")
}

// RunArgs are the flags of run and compare that change what their folder
// holds, as the folder's command line records them: --by-location, and
// --events with the replicates it logs.
func RunArgs(byLocation bool, events []int) []string {
	var args []string
	if byLocation {
		args = append(args, "--by-location")
	}
	if len(events) > 0 {
		args = append(args, "--events")
		if !slices.Equal(events, []int{0}) {
			args = append(args, "--events-reps", FormatReplicates(events))
		}
	}
	return args
}
