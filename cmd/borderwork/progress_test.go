package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestProgressLine(t *testing.T) {
	var b bytes.Buffer
	p := &progress{w: &b, label: "compare", total: 80, start: time.Now().Add(-10 * time.Second), enabled: true}
	p.done(20)
	line := b.String()
	for _, want := range []string{"compare: 20/80 runs", "10s elapsed", "about 30s left"} {
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
	quiet := newProgress(&b, "compare", 10, true)
	if quiet.enabled {
		t.Error("--quiet progress is enabled")
	}
	if notTerminal := newProgress(&b, "compare", 10, false); notTerminal.enabled {
		t.Error("progress is enabled on a writer that is not a terminal")
	}
}

func TestProgressQuietFirstSecond(t *testing.T) {
	var b bytes.Buffer
	p := &progress{w: &b, label: "run", total: 5, start: time.Now(), enabled: true}
	p.done(1)
	if b.Len() != 0 {
		t.Errorf("progress printed within the first second: %q", b.String())
	}
}

// TestProgressResumed: the estimate counts only the runs done in this
// process, not those a resumed folder already held.
func TestProgressResumed(t *testing.T) {
	var b bytes.Buffer
	p := &progress{w: &b, label: "sweep", total: 100, start: time.Now().Add(-10 * time.Second), enabled: true}
	p.resumedFrom(60)
	p.done(70) // 10 runs in 10 s here: 30 left take 30 s
	if line := b.String(); !strings.Contains(line, "70/100 runs") || !strings.Contains(line, "about 30s left") {
		t.Errorf("resumed progress line %q; want 70/100 runs and about 30s left", line)
	}
}
