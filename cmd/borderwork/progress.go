package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/borderwork/borderwork/internal/words"
	"github.com/borderwork/borderwork/sim"
)

// progress reports a command's progress on standard error while it works:
// runs done, or for a command of a single run the day it has reached,
// with the time elapsed and an estimate of the time left. On a terminal
// it rewrites one line, at most every 100 ms; elsewhere, when asked with
// --progress, it prints a line every 5 seconds. It is off with --quiet and
// silent for the first second. It reads the wall clock, which never
// reaches a result.
type progress struct {
	mu       sync.Mutex
	w        io.Writer
	label    string
	total    int   // runs
	days     int   // days of each run, for a single run's line
	work     int64 // days to simulate in all; 0: unknown, the estimate goes by runs
	base     int   // runs done before this process started (a resumed folder's)
	start    time.Time
	from     time.Time // when the runs began (simulating): the estimate's clock, which preparing must not slow
	last     time.Time
	every    time.Duration
	enabled  bool
	terminal bool // rewrite one line rather than print lines
	shown    bool
	width    int   // on a terminal, the length of the line last written
	runs     int   // runs done
	dayCount int64 // days simulated
	// emitted, if set (by a test, through the command's context), is
	// called as each run is written.
	emitted func(done int)
}

// newProgress makes the progress of a command of total runs. It is shown
// on a terminal unless quiet, and anywhere when forced (--progress).
func newProgress(e *env, label string, total int, quiet, forced bool) *progress {
	stderr := e.stderr
	p := &progress{w: stderr, label: label, total: total, start: time.Now(), every: progressEvery, emitted: e.emitted}
	if f, ok := stderr.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.terminal, p.every = true, 100*time.Millisecond
		}
	}
	p.enabled = !quiet && (p.terminal || forced)
	return p
}

// progressEvery is how often progress prints a line off a terminal,
// unless --progress-every says otherwise.
const progressEvery = 5 * time.Second

// newProgress makes the progress of a command of total runs as its
// flags say: shown on a terminal unless --quiet, anywhere with --progress
// or --progress-every, off a terminal a line every --progress-every.
func (c *common) newProgress(e *env, label string, total int) *progress {
	p := newProgress(e, label, total, c.quiet, c.progress || c.given["progress-every"])
	if !p.terminal {
		p.every = c.progressEvery
	}
	return p
}

// simulating says that each run lasts days days and that work days are
// to be simulated in all (0 if unknown), so that progress can go by day.
func (p *progress) simulating(days int, work int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.days, p.work = days, work
	p.from = time.Now()
}

// resumedFrom says that n of the runs were done before this process
// started, so that the estimate of the time left counts only the runs
// this process has done.
func (p *progress) resumedFrom(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.base = n
}

// setTotal says how many runs there are, for a command that learns it
// only as it goes (a calibration's rounds).
func (p *progress) setTotal(total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total = total
}

// progressSilence is how long progress stays silent after a command
// starts, so that a quick command prints none; a test sets it to 0.
var progressSilence = time.Second

// emittedKey is the context key of a function to call as each run is
// written: a test's way to stop a command after n runs as Ctrl-C would.
// It rides on the command's context rather than in a package variable so
// that tests interrupting commands can run in parallel.
type emittedKey struct{}

// emittedHook is the function ctx carries under emittedKey, or nil.
func emittedHook(ctx context.Context) func(done int) {
	f, _ := ctx.Value(emittedKey{}).(func(done int))
	return f
}

// done reports that n of the total runs are finished.
func (p *progress) done(n int) {
	if p.emitted != nil {
		p.emitted(n)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.runs = n
	p.show(n == p.total)
}

// day reports that a run has simulated one more day.
func (p *progress) day() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.dayCount++
	p.show(false)
}

// show draws the line if it is time to; last forces it (the last run).
func (p *progress) show(last bool) {
	if !p.enabled {
		return
	}
	now := time.Now()
	elapsed := now.Sub(p.start)
	if elapsed < progressSilence || (now.Sub(p.last) < p.every && !last) {
		return
	}
	p.last = now
	left := "estimating"
	// The share of the work this process has done, by days when they are
	// known, else by runs.
	share := 0.0
	switch {
	case p.work > 0:
		share = float64(p.dayCount) / float64(p.work)
	case p.total > p.base:
		share = float64(p.runs-p.base) / float64(p.total-p.base)
	}
	switch {
	case share >= 1: // what is left is writing the tables and figures, which the estimate cannot see
		left = "writing the results"
	case share > 0:
		spent := elapsed
		if !p.from.IsZero() {
			spent = now.Sub(p.from)
		}
		left = "under a second left" // not "about 0 s left"
		if est := time.Duration(float64(spent) * (1 - share) / share); est >= time.Second/2 {
			left = "about " + roundDuration(est) + " left"
		}
	}
	what := fmt.Sprintf("%d/%d runs", p.runs, p.total)
	if p.total == 1 && p.days > 0 {
		what = fmt.Sprintf("day %d of %d", min(p.dayCount, int64(p.days)), p.days)
	}
	// "borderwork sweep: ...", as every message of the command starts
	// (docs/CLI.md), so that a batch job's log says whose line it is.
	line := fmt.Sprintf("borderwork %s: %s, %s elapsed, %s", p.label, what, roundDuration(elapsed), left)
	if p.terminal {
		fmt.Fprintf(p.w, "\r%-*s", max(len(line)+3, p.width), line) // over all of the line before
		p.width = len(line) + 3
	} else {
		fmt.Fprintln(p.w, line)
	}
	p.shown = true
}

// note shows what the command is doing before its runs start (preparing
// a sweep's points), at once, where progress is shown; the first progress
// line, or finish, replaces it.
func (p *progress) note(what string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.enabled {
		return
	}
	if p.terminal {
		line := "borderwork " + p.label + ": " + what
		fmt.Fprintf(p.w, "\r%-*s", max(len(line), p.width), line)
		p.width = len(line)
	} else {
		fmt.Fprintf(p.w, "borderwork %s: %s\n", p.label, what)
	}
	p.shown = true
}

// finish clears the progress line on a terminal, with spaces rather than
// an escape sequence, which a Windows console without VT processing would
// print as it is.
func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown && p.terminal {
		fmt.Fprintf(p.w, "\r%*s\r", p.width, "")
		p.width = 0
	}
}

// roundDuration writes d to the second, with spaces as the timing line
// writes "1.40 s": "12 s", "1 min 40 s", "2 h 5 min" (the minute, past an
// hour).
func roundDuration(d time.Duration) string {
	switch d = d.Round(time.Second); {
	case d < time.Minute:
		return fmt.Sprintf("%d s", d/time.Second)
	case d < time.Hour:
		return fmt.Sprintf("%d min %d s", d/time.Minute, d%time.Minute/time.Second)
	}
	d = d.Round(time.Minute)
	return fmt.Sprintf("%d h %d min", d/time.Hour, d%time.Hour/time.Minute)
}

// meter measures a simulating command: the agent-steps its runs simulate
// (sim.DayObserver), the time they take and the time the whole command
// takes, for the line it ends with and its JSON. It passes each day on
// to the progress line being shown. Workers call it concurrently.
type meter struct {
	mu       sync.Mutex
	start    time.Time // when the command started (env.start)
	simStart time.Time // when its runs were about to start
	simEnd   time.Time // when the last day simulated ended
	steps    int64
	workers  int
	prog     *progress
}

// newMeter starts measuring the runs of a command that started at start:
// the simulation's time counts from now, the command's from start, so
// that "in all" includes reading and preparing (a sweep of many points
// prepares for seconds).
func newMeter(start time.Time, workers int) *meter {
	return &meter{start: start, simStart: time.Now(), workers: workers}
}

// context returns ctx carrying the meter to every run started under it.
func (m *meter) context(ctx context.Context) context.Context {
	return sim.WithDayObserver(ctx, m.observe)
}

func (m *meter) observe(agentSteps int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.steps += int64(agentSteps)
	m.simEnd = time.Now()
	if m.prog != nil {
		m.prog.day()
	}
}

// watch makes p the progress line told of each day.
func (m *meter) watch(p *progress) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.prog = p
}

// performance is what the meter measured, as --json prints it. These are
// wall-clock times: unlike everything else a command prints, they differ
// from one run of the command to the next.
type performance struct {
	ElapsedSeconds    float64 `json:"elapsed_seconds"`
	SimulationSeconds float64 `json:"simulation_seconds"`
	AgentSteps        int64   `json:"agent_steps"`
	PerSecond         float64 `json:"agent_steps_per_second"`
	Workers           int     `json:"workers"`
}

func (m *meter) performance() *performance {
	m.mu.Lock()
	defer m.mu.Unlock()
	p := &performance{ElapsedSeconds: time.Since(m.start).Seconds(), AgentSteps: m.steps, Workers: m.workers}
	if !m.simEnd.IsZero() {
		p.SimulationSeconds = m.simEnd.Sub(m.simStart).Seconds()
	} else {
		p.Workers = 0 // nothing was simulated (a resume with no run left): no worker ran
	}
	if p.SimulationSeconds > 0 {
		p.PerSecond = float64(p.AgentSteps) / p.SimulationSeconds
	}
	return p
}

// report prints the line a simulating command ends with, unless quiet:
// the agent-steps simulated, in how long and how many a second, and the
// time the command took in all.
func (m *meter) report(w io.Writer, name string, quiet bool) {
	if quiet {
		return
	}
	p := m.performance()
	if p.Workers == 0 {
		// Not "0 agent-steps ... 1 worker": no run was left to simulate.
		fmt.Fprintf(w, "borderwork %s: simulated nothing; %s in all.\n", name, seconds(p.ElapsedSeconds))
		return
	}
	fmt.Fprintf(w, "borderwork %s: simulated %s agent-steps in %s (%s a second, %s); %s in all.\n",
		name, words.Whole(p.AgentSteps), seconds(p.SimulationSeconds), perSecond(p.PerSecond), words.Count(p.Workers, "worker"), seconds(p.ElapsedSeconds))
}

func seconds(s float64) string {
	switch {
	case s < 10:
		return fmt.Sprintf("%.2f s", s)
	case s < 600:
		return fmt.Sprintf("%.1f s", s)
	}
	return time.Duration(s * float64(time.Second)).Round(time.Second).String()
}

func perSecond(x float64) string {
	switch {
	case x >= 1e6:
		return fmt.Sprintf("%.1f million", x/1e6)
	case x >= 1e3:
		return fmt.Sprintf("%.0f thousand", x/1e3)
	}
	return fmt.Sprintf("%.0f", x)
}
