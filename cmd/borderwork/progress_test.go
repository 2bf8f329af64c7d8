package main

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

// The tests of progress lines time them by the clock (within 100 ms,
// within the first second): they do not call t.Parallel, whose load
// could delay them past those bounds, and take no time.

func TestProgressLine(t *testing.T) {
	var b bytes.Buffer
	p := &progress{w: &b, label: "compare", total: 80, start: time.Now().Add(-10 * time.Second), every: 100 * time.Millisecond, enabled: true, terminal: true}
	p.done(20)
	line := b.String()
	for _, want := range []string{"borderwork compare: 20/80 runs", "10 s elapsed", "about 30 s left"} {
		if !strings.Contains(line, want) {
			t.Errorf("progress line %q; want it to contain %q", line, want)
		}
	}
	b.Reset()
	p.done(21) // within 100 ms of the last line: nothing new
	if b.Len() != 0 {
		t.Errorf("progress wrote again within 100 ms: %q", b.String())
	}
	p.finish()
	if !strings.Contains(b.String(), "\r") {
		t.Error("finish did not clear the progress line")
	}
	quiet := newProgress(&env{stderr: &b}, "compare", 10, true, false)
	if quiet.enabled {
		t.Error("--quiet progress is enabled")
	}
	if notTerminal := newProgress(&env{stderr: &b}, "compare", 10, false, false); notTerminal.enabled {
		t.Error("progress is enabled on a writer that is not a terminal")
	}
}

// TestProgressWriting: once every run is done, the line says the results
// are being written rather than "about 0s left" (a sweep of many points
// writes for seconds after its last run).
func TestProgressWriting(t *testing.T) {
	var b bytes.Buffer
	p := &progress{w: &b, label: "sweep", total: 80, start: time.Now().Add(-10 * time.Second), every: time.Hour, enabled: true, terminal: true}
	p.done(80)
	if line := b.String(); !strings.Contains(line, "80/80 runs, 10 s elapsed, writing the results") {
		t.Errorf("progress line after the last run %q; want 80/80 runs, 10 s elapsed, writing the results", line)
	}
}

func TestProgressQuietFirstSecond(t *testing.T) {
	var b bytes.Buffer
	p := &progress{w: &b, label: "run", total: 5, start: time.Now(), every: 100 * time.Millisecond, enabled: true, terminal: true}
	p.done(1)
	if b.Len() != 0 {
		t.Errorf("progress printed within the first second: %q", b.String())
	}
}

// TestProgressResumed: the estimate counts only the runs done in this
// process, not those a resumed folder already held.
func TestProgressResumed(t *testing.T) {
	var b bytes.Buffer
	p := &progress{w: &b, label: "sweep", total: 100, start: time.Now().Add(-10 * time.Second), every: 100 * time.Millisecond, enabled: true, terminal: true}
	p.resumedFrom(60)
	p.done(70) // 10 runs in 10 s here: 30 left take 30 s
	if line := b.String(); !strings.Contains(line, "70/100 runs") || !strings.Contains(line, "about 30 s left") {
		t.Errorf("resumed progress line %q; want 70/100 runs and about 30s left", line)
	}
}

// TestProgressByDay: a command of one run shows the day it has reached,
// and estimates the time left from the days simulated.
func TestProgressByDay(t *testing.T) {
	var b bytes.Buffer
	p := &progress{w: &b, label: "run", total: 1, start: time.Now().Add(-10 * time.Second), every: time.Hour, enabled: true, terminal: true}
	p.simulating(100, 100)
	p.from = p.start
	p.show(true) // the first line is due at once
	b.Reset()
	p.last = time.Time{}
	for range 25 {
		p.day()
	}
	if line := b.String(); !strings.Contains(line, "run: day 1 of 100") {
		t.Errorf("first line after a day: %q; want day 1 of 100", line)
	}
	b.Reset()
	p.last = time.Time{}
	p.show(false)
	if line := b.String(); !strings.Contains(line, "day 25 of 100") || !strings.Contains(line, "about 30 s left") {
		t.Errorf("after 25 of 100 days in 10s: %q; want day 25 of 100, about 30 s left", line)
	}
}

// TestProgressAfterPreparing: the estimate goes by the time since the
// runs began, not since the command started: a sweep that spent 90 s
// preparing its points, then did a quarter of its work in 10 s, has about
// 30 s left, not 300.
func TestProgressAfterPreparing(t *testing.T) {
	var b bytes.Buffer
	p := &progress{w: &b, label: "sweep", total: 40, start: time.Now().Add(-100 * time.Second), every: time.Hour, enabled: true, terminal: true}
	p.simulating(100, 4000)
	p.from = time.Now().Add(-10 * time.Second)
	p.dayCount = 1000
	p.done(10)
	if line := b.String(); !strings.Contains(line, "10/40 runs, 1 min 40 s elapsed, about 30 s left") {
		t.Errorf("progress line after preparing 90 s and running 10 s: %q; want 10/40 runs, 1 min 40 s elapsed, about 30 s left", line)
	}
}

// TestProgressForced: --progress shows progress where standard error is
// not a terminal, as whole lines; with --quiet it would be off.
func TestProgressForced(t *testing.T) {
	var b bytes.Buffer
	p := newProgress(&env{stderr: &b}, "sweep", 10, false, true)
	if !p.enabled || p.terminal {
		t.Fatalf("--progress on a buffer: enabled %v, terminal %v; want enabled, not a terminal", p.enabled, p.terminal)
	}
	p.start = time.Now().Add(-10 * time.Second)
	p.done(5)
	line := b.String()
	if strings.Contains(line, "\r") || !strings.HasSuffix(line, "\n") || !strings.Contains(line, "sweep: 5/10 runs") {
		t.Errorf("forced progress line %q; want a whole line with 5/10 runs", line)
	}
	b.Reset()
	p.done(6) // within 5 s of the last line
	if b.Len() != 0 {
		t.Errorf("forced progress wrote again within 5 s: %q", b.String())
	}
}

// TestProgressEvery: --progress-every shows progress off a terminal, as
// --progress does, at its own interval: a second line within it is not
// written, one after it is.
func TestProgressEvery(t *testing.T) {
	var b bytes.Buffer
	c := common{progressEvery: time.Minute, given: map[string]bool{"progress-every": true}}
	p := c.newProgress(&env{stderr: &b}, "sweep", 10)
	if !p.enabled || p.terminal || p.every != time.Minute {
		t.Fatalf("--progress-every 1m on a buffer: enabled %v, terminal %v, every %v; want enabled, not a terminal, 1m", p.enabled, p.terminal, p.every)
	}
	p.start = time.Now().Add(-10 * time.Minute)
	p.done(5)
	if line := b.String(); !strings.HasSuffix(line, "\n") || !strings.Contains(line, "sweep: 5/10 runs") {
		t.Errorf("progress line %q; want a whole line with 5/10 runs", line)
	}
	b.Reset()
	p.last = time.Now().Add(-30 * time.Second)
	p.done(6)
	if b.Len() != 0 {
		t.Errorf("wrote again 30 s after the last line, with --progress-every 1m: %q", b.String())
	}
	p.last = time.Now().Add(-61 * time.Second)
	p.done(7)
	if !strings.Contains(b.String(), "sweep: 7/10 runs") {
		t.Errorf("61 s after the last line, with --progress-every 1m: %q; want 7/10 runs", b.String())
	}
}

// TestMeter: the meter adds up the agent-steps of every day it is told
// of, whoever tells it, and ends with one line. The command's time counts
// from its start, the simulation's from the meter's.
func TestMeter(t *testing.T) {
	m := newMeter(time.Now().Add(-time.Hour), 2) // a command that prepared for an hour
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 250 {
				m.observe(1000)
			}
		}()
	}
	wg.Wait()
	p := m.performance()
	if p.AgentSteps != 1_000_000 || p.Workers != 2 || p.SimulationSeconds <= 0 || p.PerSecond <= 0 {
		t.Errorf("performance %+v; want 1,000,000 agent-steps on 2 workers, a positive time and rate", p)
	}
	if p.ElapsedSeconds < 3600 || p.SimulationSeconds >= 3600 {
		t.Errorf("performance %+v; want the hour of preparing in the elapsed time, not in the simulation's", p)
	}
	var b bytes.Buffer
	m.report(&b, "run", false)
	if line := b.String(); !strings.HasPrefix(line, "borderwork run: simulated 1,000,000 agent-steps in ") || !strings.Contains(line, "2 workers") || strings.Count(line, "\n") != 1 {
		t.Errorf("report %q", line)
	}
	b.Reset()
	m.report(&b, "run", true)
	if b.Len() != 0 {
		t.Errorf("report with --quiet: %q", b.String())
	}
}

// TestProgressNote: a note (a sweep preparing its points) is shown at
// once where progress is, as a whole line off a terminal; on a terminal
// the next line covers all of it, and finish clears it.
func TestProgressNote(t *testing.T) {
	for _, c := range []struct {
		name     string
		quiet    bool
		terminal bool
		want     string
	}{
		{"forced", false, false, "borderwork sweep: preparing 20,000 points, a long note to be covered\n"},
		{"quiet", true, false, ""},
		{"terminal", false, true, "\rborderwork sweep: preparing 20,000 points, a long note to be covered"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			p := newProgress(&env{stderr: &b}, "sweep", 10, c.quiet, true)
			p.terminal = c.terminal
			p.note("preparing 20,000 points, a long note to be covered")
			if b.String() != c.want {
				t.Fatalf("note wrote %q; want %q", b.String(), c.want)
			}
			if !c.terminal {
				return
			}
			b.Reset()
			p.start = time.Now().Add(-10 * time.Second)
			p.done(5)
			line := strings.TrimPrefix(b.String(), "\r")
			if len(line) < len("borderwork sweep: preparing 20,000 points, a long note to be covered") || !strings.HasPrefix(line, "borderwork sweep: 5/10 runs") {
				t.Errorf("the line after the note: %q; want 5/10 runs, covering all of the note", b.String())
			}
			text := len(strings.TrimRight(line, " "))
			b.Reset()
			p.finish()
			cleared := strings.TrimSuffix(strings.TrimPrefix(b.String(), "\r"), "\r")
			if len(cleared) < text || strings.Trim(cleared, " ") != "" || b.String() != "\r"+cleared+"\r" {
				t.Errorf("finish wrote %q; want the line's %d characters cleared with spaces (no escape sequence), back at its start", b.String(), text)
			}
		})
	}
}

// TestRoundDuration: progress writes times as the timing line does, with
// spaces ("12 s"; it wrote "12s" beside "1.40 s"), to the second, and to
// the minute past an hour.
func TestRoundDuration(t *testing.T) {
	for _, tt := range []struct {
		d    time.Duration
		want string
	}{
		{400 * time.Millisecond, "0 s"},
		{12*time.Second + 600*time.Millisecond, "13 s"},
		{100 * time.Second, "1 min 40 s"},
		{59*time.Minute + 59*time.Second + 700*time.Millisecond, "1 h 0 min"},
		{2*time.Hour + 5*time.Minute + 20*time.Second, "2 h 5 min"},
	} {
		if got := roundDuration(tt.d); got != tt.want {
			t.Errorf("roundDuration(%v) = %q; want %q", tt.d, got, tt.want)
		}
	}
}

// TestProgressUnderASecond: an estimate under half a second is said to
// be under a second, not "about 0 s left".
func TestProgressUnderASecond(t *testing.T) {
	var b bytes.Buffer
	p := &progress{w: &b, label: "compare", total: 1000, start: time.Now().Add(-10 * time.Second), every: time.Hour, enabled: true, terminal: true}
	p.done(999)
	if line := b.String(); !strings.Contains(line, "borderwork compare: 999/1000 runs, 10 s elapsed, under a second left") {
		t.Errorf("progress line with a hundredth of a second left %q; want it said to be under a second", line)
	}
}
