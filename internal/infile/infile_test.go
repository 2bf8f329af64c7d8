package infile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"testing/iotest"
	"time"
)

// TestRead: Read, and Open then a read to the end, take a regular file
// within the limit whole and refuse the rest, each in the same words.
func TestRead(t *testing.T) {
	dir := t.TempDir()
	small := Kind{"a test file", 8}
	tests := []struct {
		name, path, want, err string
	}{
		{"within", writeFile(t, dir, "a", "12345678"), "12345678", ""},
		{"too large", writeFile(t, dir, "b", "123456789"), "", "the file is larger than 8 bytes, the most a test file may hold"},
		{"folder", dir, "", "is a folder, not a file"},
		{"missing", filepath.Join(dir, "none"), "", systemSays(t, filepath.Join(dir, "none"))},
	}
	if runtime.GOOS != "windows" {
		tests = append(tests, struct{ name, path, want, err string }{"device", "/dev/zero", "", "is not a regular file (a pipe, a device or a socket)"})
	}
	openAndRead := func(path string) ([]byte, error) {
		f, err := small.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return io.ReadAll(f)
	}
	for _, reader := range []struct {
		name string
		read func(path string) ([]byte, error)
	}{{"Read", small.Read}, {"Open and read", openAndRead}} {
		for _, tt := range tests {
			got, err := reader.read(tt.path)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Errorf("%s: %s = %q, %v; want error %q", tt.name, reader.name, got, err, tt.err)
				}
				continue
			}
			if err != nil || string(got) != tt.want {
				t.Errorf("%s: %s = %q, %v; want %q", tt.name, reader.name, got, err, tt.want)
			}
		}
	}
}

// writeFile writes text to the file name in dir and returns its path.
func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestNotAFile: one wording for each kind of file that is not a regular
// file, whatever reads it (infile here, output for a folder's files).
func TestNotAFile(t *testing.T) {
	const notRegular = "is not a regular file (a pipe, a device or a socket)"
	for _, tt := range []struct {
		name string
		mode fs.FileMode
		want string
	}{
		{"regular", 0o644, ""},
		{"folder", fs.ModeDir | 0o755, "is a folder, not a file"},
		{"pipe", fs.ModeNamedPipe | 0o644, notRegular},
		{"device", fs.ModeDevice | fs.ModeCharDevice | 0o666, notRegular},
		{"socket", fs.ModeSocket | 0o755, notRegular},
		{"irregular", fs.ModeIrregular, notRegular},
	} {
		if got := NotAFile(tt.mode); got != tt.want {
			t.Errorf("%s: NotAFile(%v) = %q; want %q", tt.name, tt.mode, got, tt.want)
		}
	}
}

func TestReadFS(t *testing.T) {
	fsys := fstest.MapFS{"in.csv": {Data: []byte("day,rate\n0,1\n")}, "dir/x": {Data: nil}}
	k := Kind{"a test file", 13}
	if got, err := k.ReadFS(fsys, "in.csv"); err != nil || string(got) != "day,rate\n0,1\n" {
		t.Errorf("ReadFS = %q, %v", got, err)
	}
	if _, err := (Kind{"a test file", 4}).ReadFS(fsys, "in.csv"); err == nil || !strings.Contains(err.Error(), "larger than 4 bytes") {
		t.Errorf("ReadFS over the limit = %v", err)
	}
	if _, err := k.ReadFS(fsys, "dir"); err == nil || err.Error() != "is a folder, not a file" {
		t.Errorf("ReadFS of a folder = %v", err)
	}
}

func TestBOM(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"\uFEFFperiod_start,x", "period_start,x"},
		{"period_start,x", "period_start,x"},
		{"\uFEFF", ""},
		{"", ""},
		{"\uFEFF\uFEFFa", "\uFEFFa"}, // only the first: a second is content
	} {
		if got := string(TrimBOM([]byte(tt.in))); got != tt.want {
			t.Errorf("TrimBOM(%q) = %q; want %q", tt.in, got, tt.want)
		}
		b, err := io.ReadAll(SkipBOM(strings.NewReader(tt.in)))
		if err != nil || string(b) != tt.want {
			t.Errorf("SkipBOM(%q) = %q, %v; want %q", tt.in, b, err, tt.want)
		}
	}
}

func TestFormatBytes(t *testing.T) {
	for n, want := range map[int64]string{8: "8 bytes", 4 << 20: "4 MiB", 1536: "1.5 KiB", 64 << 20: "64 MiB"} {
		if got := FormatBytes(n); got != want {
			t.Errorf("FormatBytes(%d) = %q; want %q", n, got, want)
		}
	}
}

// allocated is how many bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestTooLargeIsNotRead: a file whose size is over the limit is refused
// from its size, before a byte of it is read (a sparse 4 GiB file, an
// export that says it is larger than it is).
func TestTooLargeIsNotRead(t *testing.T) {
	k := Kind{"a test file", 16 << 20}
	p := filepath.Join(t.TempDir(), "big.csv")
	if err := os.WriteFile(p, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(p, 4<<30); err != nil {
		t.Skip("no sparse files here:", err)
	}
	var err error
	if n := allocated(func() { _, err = k.Read(p) }); err == nil || err.Error() != k.TooLarge().Error() || n > 1<<20 {
		t.Errorf("Read of a 4 GiB file = %v, allocating %d bytes; want %q, unread", err, n, k.TooLarge())
	}
	fsys := sizedFS{size: k.Limit + 1}
	if _, err := k.ReadFS(fsys, "big.csv"); err == nil || err.Error() != k.TooLarge().Error() {
		t.Errorf("ReadFS of a file larger than the limit = %v; want %q, unread", err, k.TooLarge())
	}
}

// sizedFS holds one file of the given size, which cannot be read.
type sizedFS struct{ size int64 }

func (s sizedFS) Open(name string) (fs.File, error) { return sizedFile(s), nil }

type sizedFile struct{ size int64 }

func (f sizedFile) Stat() (fs.FileInfo, error) { return f, nil }
func (f sizedFile) Read([]byte) (int, error)   { return 0, errors.New("read") }
func (f sizedFile) Close() error               { return nil }
func (f sizedFile) Name() string               { return "big.csv" }
func (f sizedFile) Size() int64                { return f.size }
func (f sizedFile) Mode() fs.FileMode          { return 0o644 }
func (f sizedFile) ModTime() time.Time         { return time.Time{} }
func (f sizedFile) IsDir() bool                { return false }
func (f sizedFile) Sys() any                   { return nil }

// TestOpen: a file opened to be streamed reads no more than the limit,
// even when it grows after its Stat (TestRead: what Open refuses).
func TestOpen(t *testing.T) {
	dir := t.TempDir()
	small := Kind{"a test file", 8}
	// Grown past the limit between Open's Stat and the read.
	p := writeFile(t, dir, "c", "1234")
	f, err := small.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	writeFile(t, dir, "c", "1234567890")
	if got, err := io.ReadAll(f); err == nil || err.Error() != small.TooLarge().Error() || len(got) > 8 {
		t.Errorf("read of a file grown past the limit = %q, %v; want at most 8 bytes and %q", got, err, small.TooLarge())
	}
}

// TestLineLimit: a line longer than the limit is refused with its
// number, wherever it falls in the reads; lines within it pass whole.
func TestLineLimit(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		line       int // 0: read whole
	}{
		{"within", "1234\n123\r\n\n1234", 0}, // the CR of a CRLF counts
		{"first line", "12345\n1", 1},
		{"third line", "1\n\n123456", 3},
		{"no line break", strings.Repeat("x", 1000), 1},
	} {
		// One byte a read too: a line counted across reads.
		for _, r := range []io.Reader{strings.NewReader(tt.text), iotest.OneByteReader(strings.NewReader(tt.text))} {
			got, err := io.ReadAll(LineLimit(r, 4))
			var long *LongLineError
			switch {
			case tt.line == 0 && (err != nil || string(got) != tt.text):
				t.Errorf("%s: read %q, %v; want it whole", tt.name, got, err)
			case tt.line > 0 && (!errors.As(err, &long) || long.Line != tt.line || long.Max != 4 || len(got) > len(tt.text)):
				t.Errorf("%s: read %q, %v; want a line %d too long", tt.name, got, err, tt.line)
			}
		}
	}
	want := "line 3 runs on past 1 MiB without a line break, longer than any line of a table this reader takes: is it a CSV file?"
	if got := (&LongLineError{Line: 3, Max: 1 << 20}).Error(); got != want {
		t.Errorf("LongLineError = %q; want %q", got, want)
	}
}

// systemSays is what the system says of a missing file at path, as
// Read gives it: "no such file or directory" on Unix, "The system cannot
// find the file specified." on Windows.
func systemSays(t *testing.T, path string) string {
	t.Helper()
	_, err := os.Stat(path)
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		t.Fatalf("Stat(%s) = %v; want it missing", path, err)
	}
	return pe.Err.Error()
}
