package runs

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unsafe"

	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/output"
	"github.com/borderwork/borderwork/sim"
)

// Limits bound what a command may ask of the machine. A plan expected to
// exceed them is refused before anything is allocated or run, with a
// message naming the key that makes it large; docs/PERFORMANCE.md says how
// the estimates are made. The zero value sets no limit: a library caller
// chooses, and the command line applies DefaultLimits as changed by the
// environment and its flags. Reruns of a finished folder (Reproduce) are
// not limited: the folder shows the machine managed them.
type Limits struct {
	// Memory is the most bytes the command may hold at once: the runs in
	// progress and the record of every run of the folder.
	Memory int64
	// Work is the most agent-steps (one migrant simulated for one day)
	// the command may run, counting every migrant to the last day.
	Work float64
}

// The default limits, and the environment variables that change them (the
// simulating commands' --max-memory and --max-work flags change them too).
const (
	DefaultMaxMemory = 8 << 30 // 8 GiB
	DefaultMaxWork   = 1e13    // about 100 core-hours at 24 million agent-steps a second
	EnvMaxMemory     = "BORDERWORK_MAX_MEMORY"
	EnvMaxWork       = "BORDERWORK_MAX_WORK"
)

// DefaultLimits are the limits when nothing changes them.
func DefaultLimits() Limits { return Limits{Memory: DefaultMaxMemory, Work: DefaultMaxWork} }

// LimitsFromEnv is DefaultLimits changed by the environment variables
// EnvMaxMemory and EnvMaxWork, read with getenv (os.Getenv). A bad value is
// an error matching ErrBadInput.
func LimitsFromEnv(getenv func(string) string) (Limits, error) {
	l := DefaultLimits()
	if v := getenv(EnvMaxMemory); v != "" {
		n, err := ParseSize(v)
		if err != nil {
			return l, badInput("%s: %v", EnvMaxMemory, err)
		}
		l.Memory = n
	}
	if v := getenv(EnvMaxWork); v != "" {
		n, err := ParseWork(v)
		if err != nil {
			return l, badInput("%s: %v", EnvMaxWork, err)
		}
		l.Work = n
	}
	return l, nil
}

// ParseSize reads an amount of memory: a number of bytes, optionally with a
// unit, binary (KiB, MiB, GiB, TiB) or decimal (KB, MB, GB, TB; K, M, G, T
// alone are binary): "8GiB", "512 MiB", "16G", "2e9".
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	units := []struct {
		suffix string
		scale  float64
	}{
		{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40},
		{"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12},
		{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"T", 1 << 40}, {"B", 1},
	}
	scale := 1.0
	for _, u := range units {
		if strings.HasSuffix(strings.ToUpper(t), strings.ToUpper(u.suffix)) {
			t, scale = strings.TrimSpace(t[:len(t)-len(u.suffix)]), u.scale
			break
		}
	}
	v, err := strconv.ParseFloat(t, 64)
	// Less than a byte would be 0 bytes, which is no limit at all
	// (Limits): --max-memory 0.5 asked for the tightest limit and got
	// none.
	if err != nil || !(v*scale >= 1) || v*scale >= math.MaxInt64 {
		return 0, fmt.Errorf("want an amount of memory such as 8GiB or 512MiB, got %q", s)
	}
	return int64(v * scale), nil
}

// ParseWork reads a number of agent-steps: "1e14".
func ParseWork(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || !(v > 0) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("want a number of agent-steps such as 1e14, got %q", s)
	}
	return v, nil
}

// FormatBytes writes a size in binary units: "8 GiB", "1.5 TiB".
func FormatBytes(n float64) string {
	units := []string{"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"}
	u := 0
	for n >= 1024 && u < len(units)-1 {
		n /= 1024
		u++
	}
	if u == 0 {
		return fmt.Sprintf("%.0f bytes", n)
	}
	s := strconv.FormatFloat(n, 'f', 1, 64)
	return strings.TrimSuffix(s, ".0") + " " + units[u]
}

// need is what a prepared plan is expected to ask of the machine.
type need struct {
	run       sim.Size // the largest run: most bytes, and with them its migrants
	runAt     int      // the point of that run
	region    bool     // the largest run's memory is mostly its region's route tables
	stepsEach float64  // agent-steps of all runs of the plan, divided by the replicates
	// firstSteps are the agent-steps of one run of each regime at the
	// first point: at every point, for a regime run once per replicate
	// and reused (Prepared.Reused).
	firstSteps []float64
}

// size adds the configuration of one point and regime to the estimate.
func (n *need) add(cfg *sim.Config, point int) {
	s := cfg.Estimate()
	if point == 0 {
		n.firstSteps = append(n.firstSteps, s.Steps)
	}
	if s.Bytes > n.run.Bytes || math.IsNaN(s.Bytes) {
		n.run, n.runAt = s, point
		locs := float64(len(cfg.Region.Locations))
		n.region = 12*locs*locs > s.Bytes/2
	}
	n.stepsEach += s.Steps
}

// bookkeeping is the memory a folder holds for runs runs at points
// points with keys varied keys: each run's summary row, its manifest entry
// and their encodings, and each point's values.
func bookkeeping(points, runs float64, keys int) float64 {
	k := float64(keys)
	row := float64(unsafe.Sizeof(output.SummaryRow{})+unsafe.Sizeof(output.Run{})) + float64(8*float64(len(output.Totals))) + float64(8*k)
	manifest := float64(unsafe.Sizeof(output.RunInfo{})) + float64(8*k) + 200 // with its JSON
	// Rows are also gathered into groups: counted twice.
	return float64(runs*(float64(2*row)+manifest)) + float64(points*(24+float64(8*k)))
}

// CheckRuns refuses, before anything is built, a design of points points
// (each with keys values) and runs runs in all whose record would not fit
// in memory. what names the flags that set its size, for the message.
func (l Limits) CheckRuns(what string, points, runs float64, keys int) error {
	if l.Memory <= 0 {
		return nil
	}
	if need := bookkeeping(points, runs, keys); !(need <= float64(l.Memory)) {
		return badInput("%s: %s runs would need about %s of memory to keep track of; the limit is %s (--max-memory or %s raises it)",
			what, FormatRuns(runs), FormatBytes(need), FormatBytes(float64(l.Memory)), EnvMaxMemory)
	}
	return nil
}

// CheckManifest refuses runs runs, each with the values of keys varied
// keys, whose folder's manifest.json would be larger than borderwork reads
// back (output.MaxManifestBytes), whatever the memory limit. It costs
// nothing: a design calls it with CheckRuns, before its points are built
// (minutes of work for millions of them), and Fit again for the runs a
// folder will hold. what names the flags that set their number.
func CheckManifest(what string, runs float64, keys int) error {
	if size := output.ManifestBytes(runs, keys); !(size <= output.MaxManifestBytes) {
		return badInput("%s: %s runs would be listed in a manifest.json of about %s, more than borderwork reads back (%s); split them into several folders",
			what, FormatRuns(runs), FormatBytes(size), FormatBytes(output.MaxManifestBytes))
	}
	return nil
}

// FormatRuns writes a count of runs or points for a message: a whole
// number, with thousands separators, and in powers of ten past 10^15.
func FormatRuns(n float64) string {
	if n < 100 && n == math.Trunc(n) {
		return strconv.Itoa(int(n)) // FormatCount would write 16 runs as 16.0
	}
	if n < 1e15 {
		return output.FormatCount(n)
	}
	return strconv.FormatFloat(n, 'g', 3, 64)
}

// Fit checks the plan against the limits for runs runs (those the folder
// will hold) on workers workers, and returns how many workers fit: fewer
// than asked for when the memory limit allows only so many runs at once
// (results never depend on the number of workers). A plan that does not
// fit even on one worker is refused with an error matching ErrBadInput
// or scenarios.ErrInvalid, naming the key that makes it large and the
// limit.
func (x *Prepared) Fit(l Limits, runs, workers int) (int, error) {
	mem := float64(l.Memory)
	if l.Memory <= 0 {
		mem = math.Inf(1)
	}
	work := l.Work
	if work <= 0 {
		work = math.Inf(1)
	}
	raise := "--max-memory or " + EnvMaxMemory + " raises it"
	// The folder's manifest lists every run of the design once merged
	// (a shard's lists its own), or more where a check adds replicates.
	listed := float64(max(runs, x.NRuns()))
	if err := CheckManifest(x.runsFlag(), listed, len(x.Keys)); err != nil {
		return 0, err
	}
	keep := bookkeeping(float64(len(x.Points))*float64(runs)/float64(x.NRuns()), float64(runs), len(x.Keys))
	record := float64(float64(x.Scenario.File.Days) * float64(unsafe.Sizeof(sim.DayRecord{}))) // a finished run waiting to be written
	if x.ByLocation {
		record += float64(float64(x.Scenario.File.Days*len(x.Scenario.File.Locations)) * float64(unsafe.Sizeof(sim.LocationDay{})))
	}
	run := x.need.run.Bytes + 2*record
	if reused := x.Reused(); len(reused) > 0 {
		held := float64(x.heldFor(len(reused))) // at most reuseLimit
		if keep += held; !(keep+run <= mem) && keep-held+run <= mem {
			return 0, badInput("%s: the results of %s (run once per replicate and reused at every point) would hold about %s of memory besides the runs; the limit is %s (%s)",
				x.runsFlag(), output.JoinAnd(reused), FormatBytes(held), FormatBytes(mem), raise)
		}
	}
	if !(keep+run <= mem) {
		if keep > run {
			return 0, badInput("%s: %s runs would need about %s of memory to keep track of; the limit is %s (%s)",
				x.runsFlag(), FormatRuns(float64(runs)), FormatBytes(keep+run), FormatBytes(mem), raise)
		}
		s, err := x.scenarioAt(x.need.runAt)
		if err != nil {
			return 0, err
		}
		key, what := "", fmt.Sprintf("a run would create about %s migrants and need about %s of memory", output.FormatCount(x.need.run.Migrants), FormatBytes(run))
		if x.need.region {
			key, what = "locations", fmt.Sprintf("a run over %d locations would need about %s of memory for its routes", len(s.File.Locations), FormatBytes(run))
		}
		return 0, s.ErrorAt(key, fmt.Sprintf("%s; the limit is %s (%s)", what, FormatBytes(mem), raise))
	}
	fit := min(workers, max(runs, 1), int(min((mem-keep)/run, math.MaxInt32)))
	steps := x.work(runs)
	if !(steps <= work) {
		noun := " runs would"
		if runs == 1 {
			noun = " run would"
		}
		return 0, badInput("%s: %s%s simulate about %.3g agent-steps; the limit is %.3g (--max-work or %s raises it)",
			x.runsFlag(), FormatRuns(float64(runs)), noun, steps, work, EnvMaxWork)
	}
	return max(fit, 1), nil
}

// work is the agent-steps runs of the plan's runs are expected to
// simulate: their share of the whole plan's. A regime that no varied key
// changes is simulated once per replicate and reused at every point
// (Reused), so it counts once per replicate, not at every point; a shard
// or a resumed folder may need every replicate of it, so it counts them
// all whatever share of the runs it holds.
func (x *Prepared) work(runs int) float64 {
	share := float64(runs) / float64(x.NRuns())
	reused := 0.0 // one replicate of every reused regime
	for r, ok := range x.reuse {
		if ok {
			reused += x.need.firstSteps[r]
		}
	}
	// Products rounded before adding: no fused multiply-add may make the
	// limit's verdict differ between machines (TestNoFusedMultiplyAdd).
	each := x.need.stepsEach - float64(float64(len(x.Points))*reused)
	return (float64(each*share) + reused) * float64(x.Reps)
}

// runsFlag names what sets the number of runs, for messages.
func (x *Prepared) runsFlag() string {
	switch {
	case x.SizeFlags != "":
		return x.SizeFlags
	case x.Sweep != nil:
		return SweepSize(x.Sweep.Design, x.Sweep.Samples, float64(len(x.Points)), len(x.Regimes), x.Reps)
	}
	return fmt.Sprintf("%s × --reps %d", words.Count(len(x.Regimes), "regime"), x.Reps)
}

// SweepSize names the flags that set a sweep's number of runs, with the
// regimes they multiply: a Latin hypercube's --samples, or a grid's
// points (the product of --vary's lists).
func SweepSize(design string, samples int, points float64, regimes, reps int) string {
	if design == "lhs" {
		return fmt.Sprintf("--samples %d × %s × --reps %d", samples, words.Count(regimes, "regime"), reps)
	}
	return fmt.Sprintf("--vary (%s points) × %s × --reps %d", FormatRuns(points), words.Count(regimes, "regime"), reps)
}
