package main

import (
	"fmt"
	"io"
	"os"
	"time"
)

// progress reports runs done on stderr while a long command works: only
// when stderr is a terminal, not with --quiet, and only after the first
// second. It reads the wall clock, which never reaches a result.
type progress struct {
	w       io.Writer
	label   string
	total   int
	base    int // runs done before this process started (a resumed folder's)
	start   time.Time
	last    time.Time
	enabled bool
	shown   bool
}

func newProgress(stderr io.Writer, label string, total int, quiet bool) *progress {
	p := &progress{w: stderr, label: label, total: total, start: time.Now()}
	if f, ok := stderr.(*os.File); ok && !quiet {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.enabled = true
		}
	}
	return p
}

// resumedFrom says that n of the runs were done before this process
// started, so that the estimate of the time left counts only the runs
// this process has done.
func (p *progress) resumedFrom(n int) { p.base = n }

// testHookEmitted, if set by a test, is called as each run is written.
var testHookEmitted func(done int)

// done reports that n of the total runs are finished.
func (p *progress) done(n int) {
	if testHookEmitted != nil {
		testHookEmitted(n)
	}
	if !p.enabled {
		return
	}
	now := time.Now()
	elapsed := now.Sub(p.start)
	if elapsed < time.Second || (now.Sub(p.last) < 100*time.Millisecond && n < p.total) {
		return
	}
	p.last = now
	left := "estimating"
	if mine := n - p.base; mine > 0 {
		remaining := time.Duration(float64(elapsed) / float64(mine) * float64(p.total-n))
		left = "about " + roundDuration(remaining) + " left"
	}
	fmt.Fprintf(p.w, "\r%s: %d/%d runs, %s elapsed, %s   ", p.label, n, p.total, roundDuration(elapsed), left)
	p.shown = true
}

// finish clears the progress line.
func (p *progress) finish() {
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

func roundDuration(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%.0fs", d.Seconds())
	}
	return d.Round(time.Second).String()
}
