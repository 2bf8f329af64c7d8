package output

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// lowLineCap lowers maxLineBytes to n for the test.
func lowLineCap(t *testing.T, n int) {
	old := maxLineBytes
	maxLineBytes = n
	t.Cleanup(func() { maxLineBytes = old })
}

// TestVerifyRefusesALongLine: a table with a line longer than borderwork
// writes (a corrupt or oversized file) differs at that line, read no
// further than the cap, however long it is; a line at the cap is read.
func TestVerifyRefusesALongLine(t *testing.T) {
	const cap = 1 << 20
	lowLineCap(t, cap)
	rows := "run,regime\n0,open\n1,open\n"
	long := func(n int) string { return strings.Repeat("x", n-1) + "\n" } // n bytes with its line break
	for _, tt := range []struct {
		name, file, table string
		line              int // 0: as written, no difference
	}{
		{"header", "summary.csv", long(cap+1) + rows, 1},
		{"a row", "summary.csv", "run,regime\n0,open\n" + long(cap+1) + "1,open\n", 3},
		{"a row of a run", "summary.csv", "run,regime\n0," + long(cap) + "1,open\n", 2},
		{"the last line, no line break", "summary.csv", rows + strings.Repeat("7", 3*cap), 4},
		{"compressed", "events.csv.gz", rows + long(2*cap), 4},
		{"at the cap", "summary.csv", rows + long(cap), 0},
	} {
		dir := t.TempDir()
		p := filepath.Join(dir, tt.file)
		c := Checked{File: tt.file, SHA256: SHA256([]byte(rows))}
		data := []byte(tt.table)
		if strings.HasSuffix(tt.file, ".gz") {
			var b bytes.Buffer
			z := gzip.NewWriter(&b)
			z.Write(data)
			z.Close()
			data = b.Bytes()
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if tt.line == 0 {
			c.SHA256 = SHA256([]byte(tt.table))
		}
		d, err := Verify(dir, c)
		if err != nil {
			t.Errorf("%s: Verify = %v, %v; want a difference", tt.name, d, err)
			continue
		}
		if tt.line == 0 {
			if d != nil {
				t.Errorf("%s: Verify = %v; want no difference", tt.name, d)
			}
			continue
		}
		want := tt.file + ":" + strconv.Itoa(tt.line) + ": this line is longer than 1 MiB: not a table borderwork wrote"
		if d == nil || d.Error() != want || !d.Exact || d.Block != -1 {
			t.Errorf("%s: Verify = %+v; want %q", tt.name, d, want)
		}
	}
}

// endless is a reader that never ends: line over and over, or, if line
// is empty, one line that never ends.
type endless struct{ line []byte }

func (e endless) Read(p []byte) (int, error) {
	if len(e.line) == 0 {
		for i := range p {
			p[i] = 'x'
		}
		return len(p), nil
	}
	n := 0
	for n+len(e.line) <= len(p) {
		n += copy(p[n:], e.line)
	}
	if n == 0 {
		n = copy(p, e.line)
	}
	return n, nil
}

// TestHashLinesEnds: a line that never ends is refused at the cap, and a
// table that never ends stops when the context ends; neither is read
// (and held) for ever.
func TestHashLinesEnds(t *testing.T) {
	lowLineCap(t, 1<<20)
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tt := range []struct {
		name string
		ctx  context.Context
		r    endless
		want func(error) bool
	}{
		{"one endless line", context.Background(), endless{}, func(err error) bool {
			var long *lineTooLongError
			return errors.As(err, &long) && long.Line == 1
		}},
		{"endless short lines, interrupted", cancelled, endless{[]byte("0,open,1,2,3\n")}, func(err error) bool {
			return errors.Is(err, context.Canceled)
		}},
	} {
		done := make(chan error, 1)
		go func() { done <- hashLines(tt.ctx, tt.r, newTableHasher()) }()
		select {
		case err := <-done:
			if !tt.want(err) {
				t.Errorf("%s: hashLines = %v", tt.name, err)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: hashLines still reading after 20 s", tt.name)
		}
	}
}

// TestLocateAndFirstDifferenceStopAtALongLine: the readers that look for
// the differing line read no line longer than the cap either.
func TestLocateAndFirstDifferenceStopAtALongLine(t *testing.T) {
	lowLineCap(t, 1<<20)
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
	os.WriteFile(a, []byte("run,regime\n0,open\n"), 0o644)
	os.WriteFile(b, []byte("run,regime\n"+strings.Repeat("0", 3<<20)), 0o644)
	if line, err := FirstDifference(a, b); line != 2 || err != nil {
		t.Errorf("FirstDifference = %d, %v; want line 2", line, err)
	}
	d := &Difference{File: "b.csv", Line: 2, Block: 0}
	if err := Locate(dir, d, [][]byte{[]byte("0,open\n")}); err != nil || d.Line != 2 || !d.Exact || !strings.Contains(d.Msg, "longer than 1 MiB") {
		t.Errorf("Locate = %+v, %v; want line 2, longer than 1 MiB", d, err)
	}
}

// TestLargeManifestIsNotRead: a manifest.json larger than any borderwork
// writes is refused from its size, not read up to the cap first.
func TestLargeManifestIsNotRead(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "manifest.json")
	if err := os.WriteFile(p, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(p, 3<<30); err != nil {
		t.Skip("no sparse files here:", err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := ReadManifest(dir)
	runtime.ReadMemStats(&after)
	want := p + ": larger than 1073741824 bytes; not a manifest borderwork wrote"
	if n := after.TotalAlloc - before.TotalAlloc; err == nil || err.Error() != want || n > 1<<20 {
		t.Errorf("ReadManifest of a 3 GiB file = %v, allocating %d bytes; want %q, unread", err, n, want)
	}
}
